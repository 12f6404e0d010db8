//! Issue 10 item 7: a client that finds the server lock held by a process
//! that does not serve (a server starting, stopping, or killed while
//! starting) is not stranded: the server it starts takes over as soon as the
//! holder is gone.

#[path = "remote_support/mod.rs"]
mod remote_support;

use std::ffi::OsString;
use std::os::unix::io::AsRawFd;
use std::time::Duration;
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions};
use thuky::service::api::Request;
use thuky::service::backend::Backend;

#[test]
fn a_client_started_while_a_dying_server_holds_the_lock_is_served_once_it_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    remote_support::seed_with(&dir, false);
    // A "server" holding the lock without serving, gone after a moment.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(remote::lock_path(&dir))
        .unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) }, 0);
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(600));
        drop(lock);
    });
    let mut o = ConnectOptions::new(Lang::En);
    o.wait = Duration::from_secs(6);
    o.server_command = Some(vec![
        "/usr/bin/env".into(),
        "THUKY_IDLE_EXIT_MS=300".into(),
        OsString::from(env!("CARGO_BIN_EXE_thuky")),
        "--data".into(),
        dir.clone().into_os_string(),
        "serve".into(),
        "--detached".into(),
    ]);
    let mut c = remote::connect_with(&dir, o).unwrap_or_else(|e| panic!("stranded: {e}"));
    c.call(Request::Status).unwrap();
    holder.join().unwrap();
    let log = std::fs::read_to_string(remote::log_path(&dir)).unwrap();
    assert!(log.contains("taking over"), "{log}");
}
