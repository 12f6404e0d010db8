//! Account names from uids: the server knows a client only by the uid the
//! kernel reports for its socket.

use std::path::Path;

/// The account name of a uid (getpwuid_r), or None if it has no entry.
pub fn user_name_of_uid(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: pwd and result are valid out-pointers, buf is a writable buffer of the given length;
    // pw_name points into buf and is read before buf is dropped.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        Some(std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned())
    }
}

/// The account name owning `dir` ("uid1234" when the uid has no name).
pub fn owner_of(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata(dir).ok()?.uid();
    Some(user_name_of_uid(uid).unwrap_or_else(|| format!("uid{uid}")))
}
