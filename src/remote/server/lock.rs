//! The server lock (`DATA/server.lock`): one server per data directory.

use crate::remote::lock_path;
use anyhow::Context;
use std::fs::File;
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// Take the server lock; `Ok(None)` if another server holds it.
pub(super) fn take_lock(data_dir: &Path) -> anyhow::Result<Option<File>> {
    let path = lock_path(data_dir);
    // Mode 0600 whatever the umask: nobody else can open it, so nobody else can hold it.
    let file = crate::store::files::private_file(&path, false).with_context(|| format!("cannot open {}", path.display()))?;
    // SAFETY: flock on a descriptor we own.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            return Ok(None);
        }
        return Err(err).with_context(|| format!("cannot lock {}", path.display()));
    }
    let _ = file.set_len(0);
    let _ = std::io::Write::write_all(&mut &file, format!("{}\n", std::process::id()).as_bytes());
    Ok(Some(file))
}
