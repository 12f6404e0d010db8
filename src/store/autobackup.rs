//! Automatic backups in `DATA/backups/`: daily (by the server), before every
//! restore and before every migration; the newest [`KEEP`] are kept.
//! Each is a directory `<YYYYmmddTHHMMSS>-<reason>` holding a normal backup
//! (`thuky restore DATA/backups/<name>` restores it).

use super::backup::{self, BackupInfo, FILE_NAME};
use super::{Result, Store};
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Automatic backups kept (older ones are removed).
pub const KEEP: usize = 10;
/// How old the newest daily backup may be before the server writes another.
pub const DAILY: chrono::Duration = chrono::Duration::hours(24);

/// One backup on disk, as `thuky backup list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub dir: PathBuf,
    /// daily, before-restore, before-migration.
    pub reason: String,
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    pub records: Option<u64>,
    pub bytes: u64,
}

/// The automatic backups' directory for the store in `store_dir`.
pub fn dir(store_dir: &Path) -> PathBuf {
    store_dir.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Write an automatic backup of `store` for `reason`, then keep only the newest [`KEEP`].
pub fn write(store: &Store, reason: &str) -> Result<BackupInfo> {
    let root = dir(store.path());
    super::files::private_dir(&root).map_err(|e| super::StoreError::Io(format!("cannot create {}: {e}", root.display())))?;
    let target = fresh_dir(&root, reason);
    let info = backup::write(store, &target)?;
    let _ = super::files::make_private(&target);
    rotate(&root);
    tracing::info!(reason, records = info.records, "automatic backup written to {}", target.display());
    Ok(info)
}

/// Write an automatic backup of a store that others go on writing to (the
/// server's daily backup, on a thread of its own so that the writer keeps
/// serving). A backup reads the trees one after another, so a commit landing
/// meanwhile could leave it holding half of that commit: when the audit
/// sequence moved between the start and the end, the backup is removed and
/// the answer is `None` (the server tries again at its next quiet moment).
/// `abandon` is asked between records (the server is stopping).
pub fn write_unless_changed(store: &Store, reason: &str, abandon: &dyn Fn() -> bool) -> Result<Option<BackupInfo>> {
    let before = store.acked_now()?;
    let changed = || store.acked_now().map(|now| now != before).unwrap_or(true);
    let root = dir(store.path());
    super::files::private_dir(&root).map_err(|e| super::StoreError::Io(format!("cannot create {}: {e}", root.display())))?;
    let target = fresh_dir(&root, reason);
    // Looking costs two reads: once every thousand records is enough.
    let records = std::cell::Cell::new(0u32);
    let stop = || {
        records.set(records.get().wrapping_add(1));
        abandon() || (records.get().is_multiple_of(1024) && changed())
    };
    let written = backup::write_unless(store, &target, &stop)?;
    match written {
        Some(info) if !changed() => {
            let _ = super::files::make_private(&target);
            rotate(&root);
            tracing::info!(reason, records = info.records, "automatic backup written to {}", target.display());
            Ok(Some(info))
        }
        _ => {
            let _ = std::fs::remove_dir_all(&target);
            Ok(None)
        }
    }
}

/// A directory name for a new backup: `<stamp>-<reason>`, numbered when taken.
fn fresh_dir(root: &Path, reason: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut target = root.join(format!("{stamp}-{reason}"));
    let mut n = 1;
    while target.exists() {
        target = root.join(format!("{stamp}-{reason}-{n}"));
        n += 1;
    }
    target
}

fn rotate(root: &Path) {
    let mut all = list_dir(root);
    while all.len() > KEEP {
        let oldest = all.remove(all.len() - 1);
        if let Err(e) = std::fs::remove_dir_all(&oldest.dir) {
            tracing::warn!("cannot remove the old backup {}: {e}", oldest.dir.display());
        }
    }
}

/// Whether a daily backup is due (none yet, or the newest is older than a day).
pub fn daily_due(store_dir: &Path) -> bool {
    let now = chrono::Utc::now();
    !list_dir(&dir(store_dir))
        .iter()
        .filter(|b| b.reason == "daily")
        .any(|b| b.created.is_some_and(|c| now - c < DAILY))
}

/// The newest automatic backup, if any.
pub fn newest(store_dir: &Path) -> Option<PathBuf> {
    list_dir(&dir(store_dir)).into_iter().next().map(|b| b.dir)
}

/// The automatic backups of the store in `store_dir`, newest first.
pub fn list(store_dir: &Path) -> Vec<Listed> {
    list_dir(&dir(store_dir))
}

fn list_dir(root: &Path) -> Vec<Listed> {
    let Ok(entries) = std::fs::read_dir(root) else { return Vec::new() };
    let mut out: Vec<Listed> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join(FILE_NAME).is_file())
        .map(|e| describe(&e.path()))
        .collect();
    // Names start with the time stamp: newest first.
    out.sort_by(|a, b| b.dir.file_name().cmp(&a.dir.file_name()));
    out
}

fn describe(dir: &Path) -> Listed {
    let file = dir.join(FILE_NAME);
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reason = name
        .split_once('-')
        .map(|(_, r)| r.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-'))
        .unwrap_or("")
        .to_string();
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let (created, records) = header_and_trailer(&file).unwrap_or((None, None));
    Listed {
        dir: dir.to_path_buf(),
        reason,
        created,
        records,
        bytes,
    }
}

/// The creation time from the first line and the record count from the last,
/// without reading the records between them.
fn header_and_trailer(file: &Path) -> Option<(Option<chrono::DateTime<chrono::Utc>>, Option<u64>)> {
    let mut f = std::fs::File::open(file).ok()?;
    let mut head = vec![0u8; 512];
    let n = f.read(&mut head).ok()?;
    let first = String::from_utf8_lossy(&head[..n])
        .lines()
        .next()
        .map(str::to_string)
        .unwrap_or_default();
    let created = serde_json::from_str::<serde_json::Value>(&first)
        .ok()
        .and_then(|v| v.get("created").and_then(|c| c.as_str()).and_then(|c| c.parse().ok()));
    let len = f.metadata().ok()?.len();
    f.seek(SeekFrom::Start(len.saturating_sub(256))).ok()?;
    let mut raw = Vec::new();
    f.read_to_end(&mut raw).ok()?;
    let tail = String::from_utf8_lossy(&raw);
    let records = tail
        .lines()
        .last()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .and_then(|v| v.get("records").and_then(|r| r.as_u64()));
    Some((created, records))
}
