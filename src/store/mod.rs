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

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the data directory {path} is in use by another thuky process (sled could not acquire its lock)")]
    Locked { path: PathBuf },
    #[error("storage error in {path}: {source}")]
    Sled { path: PathBuf, source: sled::Error },
    #[error("record {key} in {tree} cannot be read: {reason}")]
    Corrupt { tree: String, key: String, reason: String },
    #[error("the store has schema version {found}, newer than this thuky understands ({supported}); update thuky")]
    TooNew { found: u32, supported: u32 },
    #[error("{0}")]
    Io(String),
    #[error("backup file {path}: {reason}")]
    BadBackup { path: PathBuf, reason: String },
    #[error("{}", behind_message(path, acked, found, newest_backup))]
    Behind {
        path: PathBuf,
        acked: ack::Acked,
        found: ack::Acked,
        newest_backup: Option<PathBuf>,
    },
}

fn behind_message(path: &Path, acked: &ack::Acked, found: &ack::Acked, newest: &Option<PathBuf>) -> String {
    let what = if found.audit_next < acked.audit_next {
        format!(
            "its audit log ends at entry {} but entries up to {} were acknowledged",
            found.audit_next, acked.audit_next
        )
    } else {
        format!(
            "it holds organisation chunks up to {} but up to {} were acknowledged",
            found.org_chunks, acked.org_chunks
        )
    };
    let fix = match newest {
        Some(b) => format!("Restore the newest backup: thuky restore {}", b.display()),
        None => "No automatic backup was found; restore your latest backup with thuky restore DIR".into(),
    };
    format!(
        "the store in {} is damaged or older than what was acknowledged: {what}. It is not served. {fix}. (To serve it as it is, knowingly losing what is missing, remove {}.)",
        path.display(),
        ack::path(path).display()
    )
}

impl StoreError {
    fn sled(path: &Path, e: sled::Error) -> StoreError {
        let text = e.to_string();
        if text.contains("could not acquire lock") || text.contains("WouldBlock") || text.contains("Resource temporarily unavailable") {
            StoreError::Locked { path: path.to_path_buf() }
        } else {
            StoreError::Sled {
                path: path.to_path_buf(),
                source: e,
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

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

/// One key written (or removed, with `value: None`) as part of an action.
#[derive(Debug, Clone)]
pub struct Put {
    pub tree: Name,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
}

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

impl Put {
    /// One organisation on its own, for callers that do not hold the whole
    /// register (test fixtures). `Store::commit` and `Store::bulk` fold it into
    /// the chunk that holds it, reading the rest of the chunk from the store.
    /// The service writes whole chunks instead (`org_chunks_with`).
    pub fn org(org: &Org) -> Put {
        Put {
            tree: Name::Orgs,
            key: keys::org(org.id).to_vec(),
            value: Some(encode(org)),
        }
    }

    /// Chunk `n`, holding exactly `orgs` (all with `keys::chunk_of(id) == n`).
    /// An empty chunk is removed.
    pub fn org_chunk(n: u32, orgs: &[&Org]) -> Put {
        debug_assert!(orgs.iter().all(|o| keys::chunk_of(o.id) == n), "organisation in the wrong chunk");
        let mut sorted = orgs.to_vec();
        sorted.sort_by_key(|o| o.id);
        sorted.dedup_by_key(|o| o.id);
        Put {
            tree: Name::OrgChunks,
            key: keys::org_chunk(n).to_vec(),
            value: (!sorted.is_empty()).then(|| encode_for(Name::OrgChunks, &sorted)),
        }
    }

    /// The chunks of a complete set of organisations (loading a data set).
    pub fn org_chunks<'a>(orgs: impl IntoIterator<Item = &'a Org>) -> Vec<Put> {
        let mut chunks: std::collections::BTreeMap<u32, Vec<&Org>> = Default::default();
        for o in orgs {
            chunks.entry(keys::chunk_of(o.id)).or_default().push(o);
        }
        chunks.into_iter().map(|(n, orgs)| Put::org_chunk(n, &orgs)).collect()
    }

    /// One put per chunk touched by `changed`: the chunk as `current` has it
    /// (the service's register), with the changed organisations substituted.
    pub fn org_chunks_with<'a>(changed: &[&'a Org], current: impl Fn(OrgId) -> Option<&'a Org>) -> Vec<Put> {
        // Later entries win if an organisation is listed twice.
        let changed: std::collections::BTreeMap<OrgId, &Org> = changed.iter().map(|o| (o.id, *o)).collect();
        let mut numbers: Vec<u32> = changed.keys().map(|id| keys::chunk_of(*id)).collect();
        numbers.dedup();
        numbers
            .into_iter()
            .map(|n| {
                let orgs: Vec<&Org> = keys::chunk_ids(n)
                    .filter_map(|id| changed.get(&id).copied().or_else(|| current(id)))
                    .collect();
                Put::org_chunk(n, &orgs)
            })
            .collect()
    }
    pub fn code(code: &str, id: OrgId) -> Put {
        Put {
            tree: Name::Codes,
            key: code.as_bytes().to_vec(),
            value: Some(encode(&id)),
        }
    }
    pub fn remove_code(code: &str) -> Put {
        Put {
            tree: Name::Codes,
            key: code.as_bytes().to_vec(),
            value: None,
        }
    }
    pub fn class(c: &Classification) -> Put {
        Put {
            tree: Name::Classes,
            key: keys::year_org(c.year, c.org).to_vec(),
            value: Some(encode(c)),
        }
    }
    pub fn remove_class(year: i32, org: OrgId) -> Put {
        Put {
            tree: Name::Classes,
            key: keys::year_org(year, org).to_vec(),
            value: None,
        }
    }
    pub fn admissions(a: &Admissions) -> Put {
        Put {
            tree: Name::Admissions,
            key: keys::year_org(a.year, a.org).to_vec(),
            value: Some(encode(a)),
        }
    }
    pub fn target(t: &Target) -> Put {
        Put {
            tree: Name::Targets,
            key: keys::year(t.year).to_vec(),
            value: Some(encode(t)),
        }
    }
    pub fn meta<T: Serialize>(key: &str, v: &T) -> Put {
        Put {
            tree: Name::Meta,
            key: key.as_bytes().to_vec(),
            value: Some(encode(v)),
        }
    }
    pub fn user<T: Serialize>(name: &str, v: Option<&T>) -> Put {
        Put {
            tree: Name::Users,
            key: name.as_bytes().to_vec(),
            value: v.map(encode),
        }
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

    pub fn load(&self) -> Result<Loaded> {
        let mut out = Loaded {
            orgs: self.load_orgs()?,
            ..Default::default()
        };
        for item in self.tree(Name::Targets).iter() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            out.targets.push(decode(Name::Targets, &k, &v)?);
        }
        if let Some(v) = self.tree(Name::Meta).get("settings").map_err(|e| self.err(e))? {
            out.settings = decode(Name::Meta, b"settings", &v)?;
        }
        Ok(out)
    }

    /// Every organisation, in id order. Reading the ~330 chunks from sled is
    /// quick (a few ms); decoding their JSON is what takes the time, so the
    /// chunks are split between threads (one per core, at most 4) and decoded
    /// in parallel (start-up time matters).
    fn load_orgs(&self) -> Result<Vec<Org>> {
        let chunks = self
            .tree(Name::OrgChunks)
            .iter()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let decode_part = |part: &[(sled::IVec, sled::IVec)]| -> Result<Vec<Org>> {
            let mut orgs = Vec::with_capacity(part.len() * keys::ORG_CHUNK as usize);
            for (k, v) in part {
                let chunk: Vec<Org> = decode(Name::OrgChunks, k, v)?;
                orgs.extend(chunk);
            }
            Ok(orgs)
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        if threads == 1 || chunks.len() < 8 {
            return decode_part(&chunks);
        }
        let per = chunks.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let mut parts = chunks.chunks(per);
            let first = parts.next().unwrap_or_default();
            let others: Vec<_> = parts.map(|p| scope.spawn(move || decode_part(p))).collect();
            let mut orgs = decode_part(first)?;
            orgs.reserve(chunks.len() * keys::ORG_CHUNK as usize);
            for h in others {
                orgs.extend(h.join().expect("decoder thread")?);
            }
            Ok(orgs)
        })
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

    /// All admissions of one year.
    pub fn admissions_of_year(&self, year: i32) -> Result<IdMap<Admissions>> {
        let mut out = IdMap::default();
        for item in self.tree(Name::Admissions).scan_prefix(keys::year(year)) {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let a: Admissions = decode(Name::Admissions, &k, &v)?;
            out.insert(a.org, a);
        }
        Ok(out)
    }

    /// All classifications of one year.
    pub fn classes_of_year(&self, year: i32) -> Result<IdMap<Classification>> {
        let mut out = IdMap::default();
        for item in self.tree(Name::Classes).scan_prefix(keys::year(year)) {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let c: Classification = decode(Name::Classes, &k, &v)?;
            out.insert(c.org, c);
        }
        Ok(out)
    }

    /// Years that hold at least one classification.
    pub fn class_years(&self) -> Result<Vec<i32>> {
        let mut years = Vec::new();
        let tree = self.tree(Name::Classes);
        let mut next: Option<Vec<u8>> = Some(Vec::new());
        while let Some(start) = next.take() {
            let Some(item) = tree.range(start..).next() else { break };
            let (k, _) = item.map_err(|e| self.err(e))?;
            let Some(y) = keys::year_from(&k) else { break };
            years.push(y);
            next = Some(keys::year(y + 1).to_vec());
        }
        Ok(years)
    }

    /// Every value of `tree`, decoded, in key order (small trees: users, meta).
    pub fn values<T: DeserializeOwned>(&self, tree: Name) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for item in self.tree(tree).iter() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            out.push(decode(tree, &k, &v)?);
        }
        Ok(out)
    }

    /// The value under `key` in `tree`, decoded.
    pub fn get<T: DeserializeOwned>(&self, tree: Name, key: &[u8]) -> Result<Option<T>> {
        match self.tree(tree).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(tree, key, &v)?)),
            None => Ok(None),
        }
    }

    /// Whether `tree` holds nothing.
    pub fn tree_is_empty(&self, tree: Name) -> bool {
        self.tree(tree).is_empty()
    }

    pub fn get_raw(&self, tree: Name, key: &[u8]) -> Result<Option<sled::IVec>> {
        self.tree(tree).get(key).map_err(|e| self.err(e))
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

    /// Audit entries, newest first, that pass `keep`, at most `limit`.
    pub fn audit(&self, limit: usize, mut keep: impl FnMut(&AuditEntry) -> bool) -> Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        for item in self.tree(Name::Audit).iter().rev() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let e: AuditEntry = decode(Name::Audit, &k, &v)?;
            if keep(&e) {
                out.push(e);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Names of the trees in the sled database (for tests and diagnostics).
    pub fn db_tree_names(&self) -> Vec<String> {
        self.db
            .tree_names()
            .iter()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    }

    /// How many audit entries have been written (read from a counter, not a scan).
    pub fn audit_len(&self) -> Result<u64> {
        match self.tree(Name::Meta).get(AUDIT_NEXT).map_err(|e| self.err(e))? {
            Some(v) => decode(Name::Meta, AUDIT_NEXT.as_bytes(), &v),
            None => Ok(0),
        }
    }

    /// One classification, read directly (without loading its year).
    pub fn class_of(&self, year: i32, org: OrgId) -> Result<Option<Classification>> {
        let key = keys::year_org(year, org);
        match self.tree(Name::Classes).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(Name::Classes, &key, &v)?)),
            None => Ok(None),
        }
    }

    /// One organisation's admissions in one year, read directly.
    pub fn admissions_of(&self, year: i32, org: OrgId) -> Result<Option<Admissions>> {
        let key = keys::year_org(year, org);
        match self.tree(Name::Admissions).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(Name::Admissions, &key, &v)?)),
            None => Ok(None),
        }
    }
}
