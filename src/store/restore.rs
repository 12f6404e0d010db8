//! Restore that cannot lose data: a complete new store is built from a
//! verified backup and checked in a directory of its own; only then is it
//! swapped in for the live one, with a journal so that a crash between the
//! two renames is put right at the next open. On every failure the live store
//! stays in place, open and served.

use super::backup::{import, Verified};
use super::{check, Loaded, Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const JOURNAL: &str = "restore.journal";

/// A new store built from a backup, checked, closed, ready to swap in.
pub struct Prepared {
    pub dir: PathBuf,
    pub records: usize,
    /// What the new store holds, read back after it was built.
    pub loaded: Loaded,
}

#[derive(Serialize, Deserialize)]
struct Journal {
    live: PathBuf,
    old: PathBuf,
}

/// A path next to `live` named `<live name>.<what>-<stamp>[-n]` that does not exist yet.
pub fn unique_sibling(live: &Path, what: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = live
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    let base = live.with_file_name(format!("{name}.{what}-{stamp}"));
    let mut n = 0u32;
    loop {
        let p = if n == 0 {
            base.clone()
        } else {
            PathBuf::from(format!("{}-{n}", base.display()))
        };
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

/// Build the store of `v` next to `live`, then decode and check every record
/// of it (the same check as `thuky check`) and load it. Nothing of the live
/// store is touched; a backup with any problem is refused, naming it.
pub fn prepare(v: Verified, live: &Path, backup: &Path) -> Result<Prepared> {
    let records = v.records.len();
    let dir = unique_sibling(live, "restoring");
    let built = (|| -> Result<Loaded> {
        import(v, &dir)?;
        // `import` closed its handle a moment ago: sled may still hold the lock.
        let store = Store::reopen(&dir)?;
        // The check and the load each read every record: on two threads.
        let (report, loaded) = std::thread::scope(|s| {
            let loading = s.spawn(|| store.load());
            let report = check::run(&store);
            let loaded = loading
                .join()
                .unwrap_or_else(|_| Err(StoreError::Io("the restored store could not be read back".into())));
            (report, loaded)
        });
        let report = report?;
        if !report.problems.is_empty() {
            let shown: Vec<String> = report
                .problems
                .iter()
                .take(3)
                .map(|p| format!("{} [{}]: {}", p.tree, p.key, p.message))
                .collect();
            return Err(StoreError::BadBackup {
                path: backup.to_path_buf(),
                reason: format!(
                    "{} problem(s) in its records, nothing was restored: {}",
                    report.problems.len(),
                    shown.join("; ")
                ),
            });
        }
        loaded
    })();
    match built {
        Ok(loaded) => Ok(Prepared { dir, records, loaded }),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            Err(e)
        }
    }
}

fn io(what: &str, e: std::io::Error) -> StoreError {
    StoreError::Io(format!("{what}: {e}"))
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Swap `prepared` in for the store `live` has open. Returns where the
/// previous store is kept. On failure `live` is left as it was: open, at its
/// path, served.
pub fn swap(live: &mut Store, prepared: Prepared) -> Result<PathBuf> {
    let live_dir = live.path().to_path_buf();
    let parent = live_dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let old = unique_sibling(&live_dir, "before-restore");
    live.flush()?;
    let journal = parent.join(JOURNAL);
    let text = serde_json::to_vec(&Journal {
        live: live_dir.clone(),
        old: old.clone(),
    })
    .map_err(|e| StoreError::Io(e.to_string()))?;
    super::files::write_private(&journal, &text).map_err(|e| io("cannot write the restore journal", e))?;
    let undo_journal = || {
        let _ = std::fs::remove_file(&journal);
        sync_dir(&parent);
    };
    // The live store stays open through the renames: its files move with the directory.
    if let Err(e) = std::fs::rename(&live_dir, &old) {
        undo_journal();
        let _ = std::fs::remove_dir_all(&prepared.dir);
        return Err(io("cannot move the live store aside", e));
    }
    let opened = std::fs::rename(&prepared.dir, &live_dir)
        .map_err(|e| io("cannot move the restored store in", e))
        .and_then(|()| Store::reopen(&live_dir));
    match opened {
        Ok(new) => {
            new.set_flush_each(live.flush_each.load(std::sync::atomic::Ordering::Relaxed));
            if let Err(e) = new.keep_acked() {
                tracing::warn!("cannot record the restored store's state: {e}");
            }
            let previous = std::mem::replace(live, new);
            drop(previous);
            sync_dir(&parent);
            undo_journal();
            Ok(old)
        }
        Err(e) => {
            // Put the live store back where it was (it never closed).
            if live_dir.exists() {
                let _ = std::fs::rename(&live_dir, &prepared.dir);
            }
            let back = std::fs::rename(&old, &live_dir);
            let _ = std::fs::remove_dir_all(&prepared.dir);
            sync_dir(&parent);
            undo_journal();
            back.map_err(|b| {
                io(
                    &format!("{e}; and the live store could not be moved back from {}", old.display()),
                    b,
                )
            })?;
            Err(e)
        }
    }
}

/// Put right a restore cut short by a crash (run before the store is opened):
/// if the live store was moved aside and the new one not yet moved in, move
/// the live one back. Nothing was acknowledged, so either state is honest.
pub fn recover(live: &Path) -> Result<()> {
    let Some(parent) = live.parent() else { return Ok(()) };
    let journal = parent.join(JOURNAL);
    let Ok(text) = std::fs::read(&journal) else { return Ok(()) };
    // The store was in flux and nothing since was acknowledged: the record of
    // what was acknowledged is rewritten once the store is open again.
    let _ = std::fs::remove_file(super::ack::path(live));
    if let Ok(j) = serde_json::from_slice::<Journal>(&text) {
        if j.live == live && !live.exists() && j.old.exists() {
            std::fs::rename(&j.old, live).map_err(|e| io("cannot move the store back after an interrupted restore", e))?;
            tracing::warn!("an interrupted restore was rolled back: {} is in place again", live.display());
        }
    }
    std::fs::remove_file(&journal).map_err(|e| io("cannot remove the restore journal", e))?;
    sync_dir(parent);
    Ok(())
}
