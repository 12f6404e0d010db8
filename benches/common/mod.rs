//! Shared by the benchmarks: the hanoi demo data directory, made once.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;
use thuky::demo::Scale;
use thuky::service::api::Request;
use thuky::service::Service;

/// A hanoi demo data directory under target/, made once and reused.
pub fn hanoi_dir() -> PathBuf {
    demo_dir(Scale::Hanoi)
}

/// A `--scale large` demo data directory (about 54,000 organisations) under
/// target/, made once and reused.
pub fn large_dir() -> PathBuf {
    demo_dir(Scale::Large)
}

/// The demo data directory of a scale under target/, made once and reused.
pub fn demo_dir(scale: Scale) -> PathBuf {
    let name = match scale {
        Scale::Large => "bench-large",
        Scale::Hanoi => "bench-hanoi",
        _ => panic!("benchmarks use the hanoi and large data sets"),
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    if !dir.join("ready").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut s = Service::open(&dir).unwrap();
        s.call(
            "bench",
            Request::DemoLoad {
                scale,
                seed: 1,
                replace: false,
            },
        )
        .unwrap();
        eprintln!("demo {name} loaded in {:?}", t.elapsed());
        drop(s);
        std::fs::write(dir.join("ready"), b"").unwrap();
    }
    dir
}

/// The value at percentile `p` (0-1) of sorted samples.
pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// One line of figures: count, median, p99 and max in milliseconds.
pub fn report(name: &str, mut v: Vec<std::time::Duration>) {
    v.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name}: n {} median {:.1} ms p99 {:.1} ms max {:.1} ms",
        v.len(),
        ms(percentile(&v, 0.5)),
        ms(percentile(&v, 0.99)),
        ms(v[v.len() - 1])
    );
}

/// `thuky --data DIR serve` in its own process, as on a clerks' server;
/// returns once its socket answers. Stop it with `stop_server`.
pub fn start_server(dir: &std::path::Path) -> std::process::Child {
    let server = spawn_server(dir);
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

/// `thuky --data DIR serve` in its own process, just started.
pub fn spawn_server(dir: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_thuky"))
        .arg("--data")
        .arg(dir)
        .arg("serve")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the server")
}

/// A figure of `/proc/PID/status` in kB ("VmRSS:", "VmHWM:"), 0 if unknown.
pub fn status_kb(pid: u32, field: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
