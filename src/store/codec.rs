//! How values are written to and read from the trees (JSON, packed where
//! a tree packs its values), and keys shown as hex.

use super::*;

pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("stored types serialise to JSON")
}

/// A value for `tree`: JSON, packed (`packed::pack`) in the trees whose
/// values are large and alike (organisation chunks, cases).
pub fn encode_for<T: Serialize>(tree: Name, v: &T) -> Vec<u8> {
    stored_json(tree, encode(v))
}

/// `json` as stored in `tree` (packed where `tree` packs its values).
pub fn stored_json(tree: Name, json: Vec<u8>) -> Vec<u8> {
    if tree.packs() {
        packed::pack(&json)
    } else {
        json
    }
}

/// Read a stored value: JSON, or JSON packed (schema 7), in any tree.
pub fn decode<T: DeserializeOwned>(tree: Name, key: &[u8], bytes: &[u8]) -> Result<T> {
    let corrupt = |reason: String| StoreError::Corrupt {
        tree: tree.as_str().into(),
        key: hex(key),
        reason,
    };
    let json = packed::unpack(bytes).map_err(corrupt)?;
    // One UTF-8 check of the whole value, then no check of each string in
    // it: 264 -> 234 ms to read the organisations at large (median of 8, A/B
    // alternated in one process).
    let text = std::str::from_utf8(&json).map_err(|e| corrupt(format!("not UTF-8: {e}")))?;
    serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
