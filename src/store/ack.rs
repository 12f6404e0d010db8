//! The durable record of what was acknowledged, kept outside sled
//! (`DATA/store.ack`): the next audit sequence number and the number of
//! organisation chunks, rewritten after every flush (after sled's own, so it
//! is never ahead of the store). A store found
//! behind it at open (its files cut, zeroed or replaced by an older copy) is
//! refused, naming the damage and the newest backup, instead of being served
//! with acknowledged work silently gone.
//!
//! Format: one line `AUDIT_NEXT CHUNKS CRC32\n`, fixed width (63 bytes),
//! overwritten in place.

use super::{decode, keys, Name, Result, Store, StoreError, AUDIT_NEXT};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What a store held at a flush.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Acked {
    /// The next audit sequence number: every entry below it was acknowledged.
    pub audit_next: u64,
    /// Organisation chunks (organisations are never deleted, so this only grows
    /// unless a data set is replaced, which flushes a new record).
    pub org_chunks: u64,
}

impl Acked {
    fn line(&self) -> String {
        let body = format!("{:020} {:020}", self.audit_next, self.org_chunks);
        format!("{body} {:020}\n", crc32fast::hash(body.as_bytes()))
    }

    fn parse(text: &str) -> Option<Acked> {
        let mut it = text.split_whitespace();
        let (a, c, crc) = (it.next()?, it.next()?, it.next()?);
        let body = format!("{a} {c}");
        if crc.parse::<u32>().ok()? != crc32fast::hash(body.as_bytes()) {
            return None;
        }
        Some(Acked {
            audit_next: a.parse().ok()?,
            org_chunks: c.parse().ok()?,
        })
    }
}

/// The record's path for the store in `store_dir` (`DATA/store` → `DATA/store.ack`).
pub fn path(store_dir: &Path) -> PathBuf {
    PathBuf::from(format!("{}.ack", store_dir.display()))
}

/// The recorded state, if there is a readable record.
pub fn read(store_dir: &Path) -> Option<Acked> {
    let mut text = String::new();
    std::fs::File::open(path(store_dir)).ok()?.read_to_string(&mut text).ok()?;
    Acked::parse(&text)
}

impl Store {
    /// What the store holds now, in the terms of the record.
    pub fn acked_now(&self) -> Result<Acked> {
        let audit_next = match self.tree(Name::Meta).get(AUDIT_NEXT).map_err(|e| self.err(e))? {
            Some(v) => decode(Name::Meta, AUDIT_NEXT.as_bytes(), &v)?,
            None => 0,
        };
        // Chunks are numbered from 0 by organisation id (ids only grow): the
        // last key gives their number without reading them (`len` would).
        let org_chunks = match self.tree(Name::OrgChunks).last().map_err(|e| self.err(e))? {
            Some((k, _)) => keys::org_chunk_from(&k).map(|n| n as u64 + 1).unwrap_or(0),
            None => 0,
        };
        Ok(Acked { audit_next, org_chunks })
    }

    /// Refuse a store that is behind the record of what was acknowledged.
    pub fn verify_acked(&self) -> Result<()> {
        let Some(acked) = read(self.path()) else { return Ok(()) };
        let found = self.acked_now()?;
        // The newest audit entry must be there too (a store cut short loses its tail).
        let last_audit = match self.tree(Name::Audit).last().map_err(|e| self.err(e))? {
            Some((k, _)) => keys::seq_from(&k).map(|s| s + 1).unwrap_or(0),
            None => 0,
        };
        let behind = found.audit_next < acked.audit_next
            || (acked.audit_next > 0 && last_audit < acked.audit_next)
            || found.org_chunks < acked.org_chunks;
        if behind {
            return Err(StoreError::Behind {
                path: self.path().to_path_buf(),
                acked,
                found: Acked {
                    audit_next: found.audit_next.min(last_audit),
                    ..found
                },
                newest_backup: super::autobackup::newest(self.path()),
            });
        }
        Ok(())
    }

    /// From now on keep the record with every flush; write it now unless it
    /// already says what the store holds (the usual case at open).
    pub fn keep_acked(&self) -> Result<()> {
        self.ack_on.store(true, std::sync::atomic::Ordering::Relaxed);
        if read(self.path()) == Some(self.acked_now()?) {
            return Ok(());
        }
        self.write_acked()?;
        let guard = self.ack_file.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = guard.as_ref() {
            f.sync_data()
                .map_err(|e| StoreError::Io(format!("cannot sync {}: {e}", path(self.path()).display())))?;
        }
        Ok(())
    }

    /// Rewrite the record (after a flush).
    pub(super) fn write_acked(&self) -> Result<()> {
        if !self.ack_on.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        let line = self.acked_now()?.line();
        let p = path(self.path());
        let io = |e: std::io::Error| StoreError::Io(format!("cannot write {}: {e}", p.display()));
        let mut guard = self.ack_file.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(super::files::private_file(&p, false).map_err(io)?);
        }
        let f = guard.as_mut().expect("opened above");
        f.seek(SeekFrom::Start(0)).map_err(io)?;
        f.write_all(line.as_bytes()).map_err(io)?;
        f.set_len(line.len() as u64).map_err(io)?;
        // Not synced here: it is written after sled's flush, so it can never be
        // ahead of the store; a power cut can leave it a few seconds behind,
        // which narrows what is detected but never raises a false alarm. (A
        // sync per group commit cost more than the group's own flush.)
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_round_trips_and_a_torn_one_is_not_believed() {
        let a = Acked {
            audit_next: 2918,
            org_chunks: 330,
        };
        let line = a.line();
        assert_eq!(line.len(), 63);
        assert_eq!(Acked::parse(&line), Some(a));
        assert_eq!(Acked::parse(&line.replace("2918", "2919")), None);
        assert_eq!(Acked::parse(""), None);
    }
}
