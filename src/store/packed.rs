//! Packed values (schema 7): the JSON of a value compressed with LZ4 (a
//! block, `lz4_flex`), behind a marker byte no JSON value starts with.
//!
//! Why: sled keeps in memory every page read since the store was opened (its
//! LRU hears of page reads only once one of its 256 shards has queued 64,
//! which a store read once at start rarely does; measured at `--scale large`:
//! reading the 69,500 cases kept ~60 MB whatever `cache_capacity` was). The
//! organisation chunks (44.7 MB of JSON at large, read at every start) pack
//! to 13% of that, the cases to 74%; classifications (small values) do not
//! pack and stay JSON. Decoding reads both forms, so stores written before
//! schema 7 and restored backups read as they are.
//!
//! Layout: `0x00`, the JSON's length (u32, little-endian), the LZ4 block.

/// The first byte of a packed value (JSON starts with `{`, `[`, `"`, a
/// digit, `-`, `t`, `f`, `n` or white space).
pub const MARKER: u8 = 0;

/// Largest JSON a packed value may claim (a damaged length must not make
/// thuky allocate gigabytes): far above the largest value stored.
const MAX_JSON: usize = 64 << 20;

/// Pack `json`.
pub fn pack(json: &[u8]) -> Vec<u8> {
    let block = lz4_flex::block::compress(json);
    let mut out = Vec::with_capacity(5 + block.len());
    out.push(MARKER);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&block);
    out
}

/// The JSON of a stored value: unpacked, or the value itself when it is
/// not packed. The error says what is wrong with a damaged packed value.
pub fn unpack(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    if bytes.first() != Some(&MARKER) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let Some(len) = bytes.get(1..5) else {
        return Err("packed value shorter than its header".into());
    };
    let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    let block = &bytes[5..];
    // LZ4 expands at most ~255 times.
    if len > MAX_JSON || len > block.len().saturating_mul(255) + 16 {
        return Err(format!("packed value claims {len} bytes of JSON from {} packed", block.len()));
    }
    let json = lz4_flex::block::decompress(block, len).map_err(|e| format!("packed value does not unpack: {e}"))?;
    if json.len() != len {
        return Err(format!("packed value unpacks to {} bytes, its header says {len}", json.len()));
    }
    Ok(std::borrow::Cow::Owned(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_json_comes_back_and_plain_json_reads_as_it_is() {
        let json = r#"[{"id":1,"code":"BD","name":"Quận ủy Ba Đình"},{"id":2,"code":"BD.01","name":"Quận ủy Ba Đình"}]"#.as_bytes();
        let p = pack(json);
        assert_eq!(p[0], MARKER);
        assert_eq!(&*unpack(&p).unwrap(), json);
        assert_eq!(&*unpack(json).unwrap(), json);
        assert_eq!(&*unpack(&pack(b"")).unwrap(), b"");
    }

    #[test]
    fn damaged_packed_values_are_refused_by_reason_without_panicking() {
        let p = pack(r#"{"title":"Đơn tố cáo","summary":"Đơn tố cáo Đơn tố cáo Đơn tố cáo"}"#.as_bytes());
        assert!(unpack(&[MARKER, 1, 0]).unwrap_err().contains("header"));
        let mut huge = p.clone();
        huge[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(unpack(&huge).unwrap_err().contains("claims"));
        let mut wrong_len = p.clone();
        wrong_len[1] = wrong_len[1].wrapping_add(1);
        assert!(unpack(&wrong_len).is_err());
        // Every truncation and every flipped byte: an error or some bytes, never a panic.
        for cut in 0..p.len() {
            let _ = unpack(&p[..cut]);
        }
        for i in 1..p.len() {
            for bit in 0..8 {
                let mut d = p.clone();
                d[i] ^= 1 << bit;
                let _ = unpack(&d);
            }
        }
    }
}
