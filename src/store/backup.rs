//! Backup and restore: a JSON-lines copy of every tree, checksummed.
//!
//! Format of `DIR/thuky-backup.jsonl`: a header line, one line per record
//! (`{"tree":..,"key":hex,"value":json}`), a trailer with the record count and
//! a CRC-32 of all record lines. Written to a temporary file, fsynced, renamed.

use super::{unhex, Name, Result, Store, StoreError, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "thuky-backup.jsonl";
const FORMAT: &str = "thuky-backup";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    schema_version: u32,
    created: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    tree: String,
    key: String,
    value: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    end: bool,
    records: u64,
    crc32: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub records: u64,
    pub bytes: u64,
}

fn io(path: &Path, what: &str, e: std::io::Error) -> StoreError {
    StoreError::Io(format!("{what} {}: {e}", path.display()))
}

/// Write a backup of `store` into directory `dir` (created if missing).
/// The caller serialises writers, so what is written is one consistent state.
pub fn write(store: &Store, dir: &Path) -> Result<BackupInfo> {
    match write_unless(store, dir, &|| false)? {
        Some(info) => Ok(info),
        None => Err(StoreError::Io(format!("the backup into {} was abandoned", dir.display()))),
    }
}

/// `write`, asking `abandon` between records: when it answers true the
/// unfinished file is removed and the answer is `None`.
pub fn write_unless(store: &Store, dir: &Path, abandon: &dyn Fn() -> bool) -> Result<Option<BackupInfo>> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, "cannot create", e))?;
    let file = dir.join(FILE_NAME);
    let tmp = dir.join(format!(".{FILE_NAME}.tmp"));
    let f = File::create(&tmp).map_err(|e| io(&tmp, "cannot write", e))?;
    let mut w = BufWriter::new(f);
    let header = Header {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        created: chrono::Utc::now(),
    };
    let mut crc = crc32fast::Hasher::new();
    let mut records = 0u64;
    let mut line = serde_json::to_vec(&header).expect("header");
    line.push(b'\n');
    w.write_all(&line).map_err(|e| io(&tmp, "cannot write", e))?;
    for name in Name::ALL {
        for item in store.tree(name).iter() {
            if abandon() {
                drop(w);
                let _ = std::fs::remove_file(&tmp);
                return Ok(None);
            }
            let (k, v) = item.map_err(|e| store.err(e))?;
            let value: serde_json::Value = super::decode(name, &k, &v)?;
            let rec = Record {
                tree: name.as_str().into(),
                key: super::hex(&k),
                value,
            };
            let mut line = serde_json::to_vec(&rec).expect("record");
            line.push(b'\n');
            crc.update(&line);
            w.write_all(&line).map_err(|e| io(&tmp, "cannot write", e))?;
            records += 1;
        }
    }
    let trailer = Trailer {
        end: true,
        records,
        crc32: crc.finalize(),
    };
    let mut line = serde_json::to_vec(&trailer).expect("trailer");
    line.push(b'\n');
    w.write_all(&line).map_err(|e| io(&tmp, "cannot write", e))?;
    let f = w.into_inner().map_err(|e| io(&tmp, "cannot write", e.into_error()))?;
    f.sync_all().map_err(|e| io(&tmp, "cannot sync", e))?;
    drop(f);
    std::fs::rename(&tmp, &file).map_err(|e| io(&file, "cannot rename into", e))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    Ok(Some(BackupInfo { file, records, bytes }))
}

/// A verified backup, ready to import.
pub struct Verified {
    pub records: Vec<(Name, Vec<u8>, Vec<u8>)>,
    pub schema_version: u32,
}

/// Read and verify a backup in `dir` (or the file itself if `dir` is one).
pub fn read(dir: &Path) -> Result<Verified> {
    let file = if dir.is_dir() { dir.join(FILE_NAME) } else { dir.to_path_buf() };
    let bad = |reason: String| StoreError::BadBackup {
        path: file.clone(),
        reason,
    };
    let f = File::open(&file).map_err(|e| bad(format!("cannot open: {e}")))?;
    let mut lines = BufReader::new(f).lines();
    let first = lines
        .next()
        .ok_or_else(|| bad("the file is empty".into()))?
        .map_err(|e| bad(e.to_string()))?;
    let header: Header = serde_json::from_str(&first).map_err(|e| bad(format!("line 1 is not a thuky backup header: {e}")))?;
    if header.format != FORMAT {
        return Err(bad(format!("line 1: format is '{}', expected '{FORMAT}'", header.format)));
    }
    if header.schema_version > SCHEMA_VERSION {
        return Err(bad(format!(
            "schema version {} is newer than this thuky ({SCHEMA_VERSION})",
            header.schema_version
        )));
    }
    let mut crc = crc32fast::Hasher::new();
    let mut records = Vec::new();
    let mut trailer: Option<Trailer> = None;
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        let line = line.map_err(|e| bad(format!("line {n}: {e}")))?;
        if trailer.is_some() {
            return Err(bad(format!("line {n}: data after the end marker")));
        }
        if line.starts_with("{\"end\"") {
            trailer = Some(serde_json::from_str(&line).map_err(|e| bad(format!("line {n}: bad end marker: {e}")))?);
            continue;
        }
        crc.update(line.as_bytes());
        crc.update(b"\n");
        let rec: Record = serde_json::from_str(&line).map_err(|e| bad(format!("line {n}: {e}")))?;
        let name = Name::parse(&rec.tree).ok_or_else(|| bad(format!("line {n}: unknown tree '{}'", rec.tree)))?;
        let key = unhex(&rec.key).ok_or_else(|| bad(format!("line {n}: key '{}' is not hex", rec.key)))?;
        let value = super::stored_json(name, serde_json::to_vec(&rec.value).expect("value"));
        records.push((name, key, value));
    }
    let trailer = trailer.ok_or_else(|| bad("the end marker is missing: the backup is truncated".into()))?;
    if trailer.records != records.len() as u64 {
        return Err(bad(format!(
            "the end marker counts {} records, the file has {}",
            trailer.records,
            records.len()
        )));
    }
    if trailer.crc32 != crc.finalize() {
        return Err(bad("checksum mismatch: the file was changed or damaged".into()));
    }
    Ok(Verified {
        records,
        schema_version: header.schema_version,
    })
}

/// Build a new store at `target` (must not exist) from a verified backup.
pub fn import(v: Verified, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(StoreError::Io(format!("{} already exists", target.display())));
    }
    {
        let store = Store::open(target)?;
        for n in Name::ALL {
            store.tree(n).clear().map_err(|e| store.err(e))?;
        }
        let mut batches: std::collections::HashMap<Name, sled::Batch> = Default::default();
        for (name, k, val) in v.records {
            batches.entry(name).or_default().insert(k, val);
        }
        for (name, b) in batches {
            store.tree(name).apply_batch(b).map_err(|e| store.err(e))?;
        }
        store.flush()?;
        super::migrate::run(&store)?;
    }
    Ok(())
}
