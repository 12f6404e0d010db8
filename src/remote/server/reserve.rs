//! The free space kept on the store's file system.

use crate::service::ServiceError;
use std::path::PathBuf;

/// The free space kept on the store's file system.
pub(super) struct Reserve {
    pub(super) dir: PathBuf,
    pub(super) min_free: u64,
}

impl Reserve {
    /// Bytes available to us on the store's file system (None if statvfs fails).
    fn free(&self) -> Option<u64> {
        use std::os::unix::ffi::OsStrExt;
        let path = std::ffi::CString::new(self.dir.as_os_str().as_bytes()).ok()?;
        // SAFETY: path is a valid NUL-terminated string; st is a valid out-pointer.
        unsafe {
            let mut st: libc::statvfs = std::mem::zeroed();
            if libc::statvfs(path.as_ptr(), &mut st) != 0 {
                return None;
            }
            Some(st.f_bavail as u64 * st.f_frsize as u64)
        }
    }

    /// The refusal for a write when the reserve is reached.
    pub(super) fn check(&self) -> Result<(), ServiceError> {
        match self.free() {
            Some(free) if free < self.min_free => Err(ServiceError::storage(format!(
                "No space left on device: {} MB free in {}, thuky keeps {} MB in reserve; free some space (old backups, logs)",
                free / (1024 * 1024),
                self.dir.display(),
                self.min_free / (1024 * 1024)
            ))),
            _ => Ok(()),
        }
    }
}
