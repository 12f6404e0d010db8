//! Key layout: big-endian integers so that iteration order is numeric order.

use crate::domain::OrgId;

pub fn org(id: OrgId) -> [u8; 4] {
    id.to_be_bytes()
}

pub fn org_from(key: &[u8]) -> Option<OrgId> {
    Some(OrgId::from_be_bytes(key.try_into().ok()?))
}

/// Organisations per chunk (schema 3): chunk `n` holds ids `n * 64 .. n * 64 + 64`.
pub const ORG_CHUNK: u32 = 64;

/// The chunk that holds organisation `id`.
pub fn chunk_of(id: OrgId) -> u32 {
    id / ORG_CHUNK
}

/// The ids chunk `n` may hold.
pub fn chunk_ids(n: u32) -> std::ops::RangeInclusive<OrgId> {
    let first = n.saturating_mul(ORG_CHUNK);
    first..=first.saturating_add(ORG_CHUNK - 1)
}

/// Key of chunk `n` in `org_chunks`: u32 big-endian.
pub fn org_chunk(n: u32) -> [u8; 4] {
    n.to_be_bytes()
}

pub fn org_chunk_from(key: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(key.try_into().ok()?))
}

/// Years are stored as u16 (2018..2100 fit).
pub fn year(y: i32) -> [u8; 2] {
    (y.clamp(0, u16::MAX as i32) as u16).to_be_bytes()
}

pub fn year_from(key: &[u8]) -> Option<i32> {
    Some(u16::from_be_bytes(key.get(0..2)?.try_into().ok()?) as i32)
}

/// (year, organisation): classifications and admissions.
pub fn year_org(y: i32, id: OrgId) -> [u8; 6] {
    let mut k = [0u8; 6];
    k[..2].copy_from_slice(&year(y));
    k[2..].copy_from_slice(&org(id));
    k
}

pub fn year_org_from(key: &[u8]) -> Option<(i32, OrgId)> {
    if key.len() != 6 {
        return None;
    }
    Some((year_from(&key[..2])?, org_from(&key[2..])?))
}

pub fn seq(n: u64) -> [u8; 8] {
    n.to_be_bytes()
}

pub fn seq_from(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.try_into().ok()?))
}

/// Case ids: u64 big-endian.
pub fn case(id: u64) -> [u8; 8] {
    seq(id)
}
