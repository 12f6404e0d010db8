//! What can go wrong in the store, named for the clerk and the log.

use super::*;

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
    pub(super) fn sled(path: &Path, e: sled::Error) -> StoreError {
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
