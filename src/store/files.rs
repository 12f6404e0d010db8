//! Files with their modes set explicitly, whatever the umask: the data
//! directory and everything in it private to its owner (the socket alone is
//! opened to the clerks' group, by the server), except the exports folder,
//! which the clerks' group may read so that clerks fetch their exports.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of directories thuky creates.
pub const DIR_MODE: u32 = 0o700;
/// Mode of files thuky creates.
pub const FILE_MODE: u32 = 0o600;

/// The folder of the data directory that holds the exports the screens write.
pub const EXPORTS: &str = "exports";
/// Mode of the exports folder: the clerks' group (the data directory's) reads it.
pub const SHARED_DIR_MODE: u32 = 0o750;
/// Mode of an exported file.
pub const SHARED_FILE_MODE: u32 = 0o640;

/// Create `dir` (and missing parents) and make it 0750: readable by the group.
pub fn shared_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(SHARED_DIR_MODE))
}

/// Create `dir` (and missing parents) and make it 0700.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))
}

/// Open (creating if needed) `path` for writing with mode 0600.
pub fn private_file(path: &Path, truncate: bool) -> std::io::Result<File> {
    let f = OpenOptions::new()
        .create(true)
        .write(true)
        .read(true)
        .truncate(truncate)
        .mode(FILE_MODE)
        .open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
    Ok(f)
}

/// Write `bytes` to `path` (mode 0600) and fsync it.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = private_file(path, true)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Make `dir` and everything below it private (directories 0700, files
/// 0600); symbolic links and sockets are left alone.
pub fn make_private(dir: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(dir)?;
    if meta.is_dir() {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
        for entry in std::fs::read_dir(dir)? {
            make_private(&entry?.path())?;
        }
    } else if meta.is_file() {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok(())
}
