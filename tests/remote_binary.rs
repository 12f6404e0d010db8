//! The real `thuky` binary as server: `thuky --data DIR serve --detached`
//! started by a client (exactly what `remote::connect` runs, with this build's
//! binary), and `thuky --data DIR serve` in the foreground stopped by SIGTERM.
//! Skipped with a note while the command line has no `serve` subcommand.

mod remote_support;

use remote_support::*;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions};
use thuky::service::api::Request;
use thuky::service::backend::Backend;

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

fn has_serve() -> bool {
    Command::new(BIN)
        .args(["serve", "--help"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !f() {
        assert!(t0.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
        .unwrap_or(false)
}

fn pid_of(dir: &Path) -> i32 {
    std::fs::read_to_string(remote::lock_path(dir)).unwrap().trim().parse().unwrap()
}

#[test]
fn detached_server_from_the_binary() {
    if !has_serve() {
        println!("SKIPPED remote_binary: `thuky serve` is not wired into the command line yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    seed(&dir);
    let mut o = ConnectOptions::new(Lang::En);
    o.server_command = Some(
        [
            "/usr/bin/env".into(),
            "THUKY_IDLE_EXIT_MS=500".into(),
            OsString::from(BIN),
            "--data".into(),
            dir.clone().into_os_string(),
            "serve".into(),
            "--detached".into(),
        ]
        .to_vec(),
    );
    let mut c = remote::connect_with(&dir, o).unwrap_or_else(|e| panic!("{e}"));
    c.call(Request::Status).unwrap();
    let pid = pid_of(&dir);
    let log = std::fs::read_to_string(remote::log_path(&dir)).unwrap();
    assert!(log.contains("serving"), "{log}");
    drop(c);
    wait_until("the idle detached server to leave", || !alive(pid));
    assert!(!remote::socket_path(&dir).exists());
}

/// `thuky --data DIR serve` in the foreground.
fn serve(dir: &std::path::Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data").arg(dir).arg("serve");
    c
}

#[test]
fn foreground_server_stops_on_sigterm() {
    if !has_serve() {
        println!("SKIPPED remote_binary: `thuky serve` is not wired into the command line yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    let units = seed(&dir);
    let mut server = serve(&dir).stderr(Stdio::null()).spawn().unwrap();
    let mut o = ConnectOptions::new(Lang::En);
    o.autostart = false;
    let sock = remote::socket_path(&dir);
    wait_until("the server to listen", || std::os::unix::net::UnixStream::connect(&sock).is_ok());
    let mut c = remote::connect_with(&dir, o).unwrap();
    c.call(Request::AdmissionSet {
        code: units[0].clone(),
        year: 2024,
        month: 2,
        count: 3,
    })
    .unwrap();
    // A second foreground server refuses to start.
    let second = serve(&dir).stderr(Stdio::null()).status().unwrap();
    assert!(!second.success());
    // SAFETY: signalling the child we started.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    assert!(server.wait().unwrap().success());
    assert!(!sock.exists());
}

#[test]
fn a_server_whose_store_will_not_close_still_ends() {
    if !has_serve() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    seed(&dir);
    let mut server = serve(&dir)
        .env("THUKY_TEST_STUCK_CLOSE", "1")
        .env("THUKY_STOP_LIMIT_MS", "300")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let sock = remote::socket_path(&dir);
    wait_until("the server to listen", || std::os::unix::net::UnixStream::connect(&sock).is_ok());
    let started = std::time::Instant::now();
    // SAFETY: signalling the child we started.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let status = server.wait().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(status.code(), Some(1));
    let mut log = String::new();
    std::io::Read::read_to_string(&mut server.stderr.take().unwrap(), &mut log).unwrap();
    assert!(log.contains("did not close within 300 ms"), "{log}");
    // Its lock went with it: a new server starts on the directory (replacing the stale socket).
    let mut again = serve(&dir).stderr(Stdio::null()).spawn().unwrap();
    wait_until("a new server to listen", || std::os::unix::net::UnixStream::connect(&sock).is_ok());
    // SAFETY: signalling the child we started.
    unsafe { libc::kill(again.id() as i32, libc::SIGTERM) };
    assert!(again.wait().unwrap().success());
}
