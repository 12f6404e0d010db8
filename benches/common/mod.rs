//! Shared by the benchmarks: the hanoi demo data directory, made once.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;
use thuky::demo::Scale;
use thuky::service::api::Request;
use thuky::service::Service;

/// A hanoi demo data directory under target/, made once and reused.
pub fn hanoi_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-hanoi");
    if !dir.join("ready").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut s = Service::open(&dir).unwrap();
        s.call(
            "bench",
            Request::Demo {
                scale: Scale::Hanoi,
                seed: 1,
                replace: false,
            },
        )
        .unwrap();
        eprintln!("demo --scale hanoi loaded in {:?}", t.elapsed());
        std::fs::write(dir.join("ready"), b"").unwrap();
    }
    dir
}

/// `thuky --data DIR serve` in its own process, as on a clerks' server;
/// returns once its socket answers. Stop it with `stop_server`.
pub fn start_server(dir: &std::path::Path) -> std::process::Child {
    let server = std::process::Command::new(env!("CARGO_BIN_EXE_thuky"))
        .arg("--data")
        .arg(dir)
        .arg("serve")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the server");
    let socket = dir.join("thuky.sock");
    for _ in 0..200 {
        if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    server
}

/// SIGTERM to a server from `start_server`, and wait for it to leave.
pub fn stop_server(mut server: std::process::Child) {
    // SAFETY: a signal to our own child process.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let _ = server.wait();
}
