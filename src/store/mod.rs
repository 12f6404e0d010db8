//! Durable storage on sled: JSON values, big-endian keys, one transaction per
//! action including its audit entry, flushed before it is acknowledged.
//!
//! Organisations are stored in chunks of 64 by id (schema 3): key = chunk
//! number (u32 BE, id / 64), value = JSON array of the chunk's organisations,
//! sorted by id. Reading 330 values of ~40 kB is much faster in sled than
//! reading 21,000 of ~600 bytes, and start-up loads them all. A change writes
//! the whole chunk (the service builds it from its in-memory register).

pub mod ack;
pub mod autobackup;
pub mod backup;
pub mod cases;
pub mod check;
pub mod files;
pub mod keys;
pub mod migrate;
pub mod packed;
pub mod restore;

mod codec;
mod error;
mod put;
mod reads;

pub use codec::{decode, encode, encode_for, hex, stored_json, unhex};
pub use error::{Result, StoreError};
pub use put::Put;

use crate::domain::audit::AuditEntry;
use crate::domain::rules::RuleSettings;
use crate::domain::IdMap;
use crate::domain::{Admissions, Classification, Org, OrgId, Target};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The schema this build writes. See `migrate` for the steps from older ones.
pub const SCHEMA_VERSION: u32 = 7;

/// Meta key holding the next audit sequence number.
pub(crate) const AUDIT_NEXT: &str = "audit_next";

/// The trees of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Name {
    Meta,
    /// One value per organisation: schema 2 and older. Empty from schema 3;
    /// kept so that the migration and restoring an old backup can read it.
    Orgs,
    /// Organisations in chunks of 64 by id (schema 3).
    OrgChunks,
    Codes,
    Classes,
    Admissions,
    Targets,
    Users,
    Audit,
    /// Case files (schema 5): key = case id (u64 BE), value = JSON.
    Cases,
}

impl Name {
    pub const ALL: [Name; 10] = [
        Name::Meta,
        Name::Orgs,
        Name::OrgChunks,
        Name::Codes,
        Name::Classes,
        Name::Admissions,
        Name::Targets,
        Name::Users,
        Name::Audit,
        Name::Cases,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Name::Meta => "meta",
            Name::Orgs => "orgs",
            Name::OrgChunks => "org_chunks",
            Name::Codes => "codes",
            Name::Classes => "classes",
            Name::Admissions => "admissions",
            Name::Targets => "targets",
            Name::Users => "users",
            Name::Audit => "audit",
            Name::Cases => "cases",
        }
    }

    pub fn parse(s: &str) -> Option<Name> {
        Name::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// Whether this tree's values are stored packed (schema 7, `packed`).
    pub fn packs(self) -> bool {
        matches!(self, Name::OrgChunks | Name::Cases)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Everything loaded at start (classifications and admissions are loaded per year, on demand).
#[derive(Debug, Default)]
pub struct Loaded {
    pub orgs: Vec<Org>,
    pub targets: Vec<Target>,
    pub settings: RuleSettings,
}

pub struct Store {
    path: PathBuf,
    db: sled::Db,
    trees: Vec<sled::Tree>,
    /// Flush inside every `commit` (the default). The server turns this off
    /// and flushes once for a group of queued writes before acknowledging any.
    flush_each: std::sync::atomic::AtomicBool,
    /// Keep `DATA/store.ack` with every flush (see `ack`); the live store only.
    ack_on: std::sync::atomic::AtomicBool,
    ack_file: std::sync::Mutex<Option<std::fs::File>>,
}

impl Store {
    /// Open (creating if needed) the store in `path`, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| StoreError::Io(format!("cannot create {}: {e}", path.display())))?;
        // sled panics on some damaged files instead of returning an error (a
        // zeroed page read back during recovery): refuse such a store by name.
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<(sled::Db, Vec<sled::Tree>)> {
            let db = sled::Config::new()
                .path(path)
                .mode(sled::Mode::LowSpace)
                .cache_capacity(64 * 1024 * 1024)
                .open()
                .map_err(|e| StoreError::sled(path, e))?;
            let trees = Name::ALL
                .iter()
                .map(|n| db.open_tree(n.as_str()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| StoreError::sled(path, e))?;
            Ok((db, trees))
        }));
        let (db, trees) = match opened {
            Ok(r) => r?,
            Err(_) => {
                let newest = autobackup::newest(path)
                    .map(|b| format!("; the newest automatic backup is {} (thuky restore DIR)", b.display()))
                    .unwrap_or_default();
                return Err(StoreError::Io(format!(
                    "the store in {} is damaged: its files cannot be read back (sled failed while recovering them){newest}",
                    path.display()
                )));
            }
        };
        let store = Store {
            path: path.to_path_buf(),
            db,
            trees,
            flush_each: std::sync::atomic::AtomicBool::new(true),
            ack_on: std::sync::atomic::AtomicBool::new(false),
            ack_file: std::sync::Mutex::new(None),
        };
        migrate::run(&store)?;
        Ok(store)
    }

    /// Open a store that this process closed a moment ago. sled's background
    /// threads still hold the directory lock for a few milliseconds after the
    /// last handle is dropped, so a lock error is retried for up to two seconds.
    /// A lock held by another process still ends in `StoreError::Locked`.
    pub fn reopen(path: &Path) -> Result<Store> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        loop {
            match Store::open(path) {
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(5))
                }
                other => return other,
            }
        }
    }

    /// A second handle on this open store (sled's handles are shared), for
    /// reading on another thread while the writer goes on: `check` runs on
    /// one. The store closes when the last handle is dropped.
    pub fn handle(&self) -> Store {
        Store {
            path: self.path.clone(),
            db: self.db.clone(),
            trees: self.trees.clone(),
            flush_each: std::sync::atomic::AtomicBool::new(self.flush_each.load(std::sync::atomic::Ordering::Relaxed)),
            ack_on: std::sync::atomic::AtomicBool::new(false),
            ack_file: std::sync::Mutex::new(None),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn tree(&self, name: Name) -> &sled::Tree {
        &self.trees[name.index()]
    }

    pub(crate) fn db(&self) -> &sled::Db {
        &self.db
    }

    fn err(&self, e: sled::Error) -> StoreError {
        StoreError::sled(&self.path, e)
    }

    pub fn schema_version(&self) -> Result<u32> {
        let meta = self.tree(Name::Meta);
        match meta.get("schema_version").map_err(|e| self.err(e))? {
            Some(v) => decode(Name::Meta, b"schema_version", &v),
            None => Ok(0),
        }
    }

    /// Whether the store holds any organisation.
    pub fn is_empty(&self) -> bool {
        self.tree(Name::OrgChunks).is_empty()
    }

    /// Replace per-organisation puts (`Put::org`) by puts of the chunks that
    /// hold them, the rest of each chunk read from the store. The caller is
    /// the single writer, so the chunk cannot change before the write.
    fn fold_orgs(&self, puts: &[Put]) -> Result<Option<Vec<Put>>> {
        if !puts.iter().any(|p| p.tree == Name::Orgs) {
            return Ok(None);
        }
        let mut changed: std::collections::BTreeMap<OrgId, Org> = Default::default();
        let mut out = Vec::with_capacity(puts.len());
        for p in puts {
            if p.tree != Name::Orgs {
                out.push(p.clone());
                continue;
            }
            let Some(v) = &p.value else {
                return Err(StoreError::Io("organisations are never removed".into()));
            };
            let o: Org = decode(Name::Orgs, &p.key, v)?;
            changed.insert(o.id, o);
        }
        let mut stored: HashMap<u32, Vec<Org>> = HashMap::new();
        for n in changed.keys().map(|id| keys::chunk_of(*id)) {
            if let std::collections::hash_map::Entry::Vacant(e) = stored.entry(n) {
                let key = keys::org_chunk(n);
                e.insert(match self.tree(Name::OrgChunks).get(key).map_err(|e| self.err(e))? {
                    Some(v) => decode(Name::OrgChunks, &key, &v)?,
                    None => Vec::new(),
                });
            }
        }
        let changed_refs: Vec<&Org> = changed.values().collect();
        let by_id: IdMap<&Org> = stored.values().flatten().map(|o| (o.id, o)).collect();
        out.extend(Put::org_chunks_with(&changed_refs, |id| by_id.get(&id).copied()));
        Ok(Some(out))
    }

    /// Apply `puts` and append `audit` in one transaction, then flush to disk.
    /// Returns the audit sequence number. Only after this returns is the action durable.
    pub fn commit(&self, puts: &[Put], audit: &mut AuditEntry) -> Result<u64> {
        let folded = self.fold_orgs(puts)?;
        let puts = folded.as_deref().unwrap_or(puts);
        let res: std::result::Result<u64, TransactionError<()>> = self.trees.as_slice().transaction(|tx| {
            let meta = &tx[Name::Meta.index()];
            let seq = match meta.get(AUDIT_NEXT)? {
                Some(v) => serde_json::from_slice::<u64>(&v).unwrap_or(0),
                None => 0,
            };
            meta.insert(AUDIT_NEXT, encode(&(seq + 1)))?;
            let mut entry = audit.clone();
            entry.seq = seq;
            for p in puts {
                let t = &tx[p.tree.index()];
                match &p.value {
                    Some(v) => {
                        t.insert(p.key.as_slice(), v.as_slice())?;
                    }
                    None => {
                        t.remove(p.key.as_slice())?;
                    }
                }
            }
            tx[Name::Audit.index()].insert(&keys::seq(seq), encode(&entry))?;
            Ok::<u64, ConflictableTransactionError<()>>(seq)
        });
        let seq = match res {
            Ok(seq) => seq,
            Err(TransactionError::Storage(e)) => return Err(self.err(e)),
            Err(TransactionError::Abort(())) => return Err(StoreError::Io("transaction aborted".into())),
        };
        audit.seq = seq;
        if self.flush_each.load(std::sync::atomic::Ordering::Relaxed) {
            self.flush()?;
        }
        Ok(seq)
    }

    /// Whether `commit` flushes by itself. With `false` the caller must call
    /// `flush` before it acknowledges any of the commits (group commit).
    pub fn set_flush_each(&self, on: bool) {
        self.flush_each.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn flush(&self) -> Result<()> {
        self.db.flush().map_err(|e| self.err(e))?;
        self.write_acked()
    }

    /// Write many records at once (loading a data set into an empty store),
    /// one batch per tree, then the audit entry, then flush.
    pub fn bulk(&self, puts: Vec<Put>, audit: &mut AuditEntry) -> Result<u64> {
        let puts = self.fold_orgs(&puts)?.unwrap_or(puts);
        let mut batches: HashMap<Name, sled::Batch> = HashMap::new();
        for p in puts {
            let b = batches.entry(p.tree).or_default();
            match p.value {
                Some(v) => b.insert(p.key, v),
                None => b.remove(p.key),
            }
        }
        for (name, batch) in batches {
            self.tree(name).apply_batch(batch).map_err(|e| self.err(e))?;
        }
        self.commit(&[], audit)
    }

    /// Remove every record (used before loading a replacement data set).
    pub fn clear_data(&self) -> Result<()> {
        for n in Name::ALL {
            if n != Name::Meta && n != Name::Audit && n != Name::Users {
                self.tree(n).clear().map_err(|e| self.err(e))?;
            }
        }
        self.flush()
    }
}
