//! Bytes written to the terminal per cursor move in the register (tree with
//! its detail pane; at its top level and inside a ward) and in the Xếp loại
//! grid, measured through a real pty at 120x40 with the real binary as a
//! client of `thuky serve`, against the bytes of a full repaint of the same
//! screen, at --scale hanoi and large.
//!
//! cargo bench --bench tui_bytes (THUKY_BENCH_SCALES=hanoi or large for one)

mod common;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Pty {
    master: std::fs::File,
    slave: OwnedFd,
}

fn openpty(cols: u16, rows: u16) -> Pty {
    let mut master = 0;
    let mut slave = 0;
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two descriptors we then own.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &ws) };
    assert_eq!(rc, 0, "openpty failed");
    // SAFETY: fresh descriptors from openpty.
    unsafe {
        Pty {
            master: std::fs::File::from_raw_fd(master),
            slave: OwnedFd::from_raw_fd(slave),
        }
    }
}

/// Wait until at least `min` bytes arrived and then none for `quiet`;
/// return the bytes counted so far.
fn settle(count: &Arc<Mutex<(usize, Instant)>>, min: usize, quiet: Duration, limit: Duration) -> usize {
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let (n, last) = *count.lock().unwrap();
        if (last.elapsed() >= quiet && n >= min) || start.elapsed() > limit {
            return n;
        }
    }
}

/// One run of the real binary in a pty at 120x40, as a client of the server
/// for `dir`: the first complete frame of the screen reached by `keys`, then
/// `moves` presses of `j`. Returns (bytes of that frame, bytes per move).
fn run(dir: &std::path::Path, keys: &[u8], moves: usize) -> (usize, f64) {
    let bin = env!("CARGO_BIN_EXE_thuky");
    let pty = openpty(120, 40);
    let slave = pty.slave;
    let mut cmd = Command::new(bin);
    cmd.arg("--data").arg(dir).env("TERM", "xterm-256color").env_remove("NO_COLOR");
    cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::null());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("start thuky");
    drop(slave);
    let mut reader = pty.master.try_clone().unwrap();
    let mut writer = pty.master;
    let count = Arc::new(Mutex::new((0usize, Instant::now())));
    let c2 = count.clone();
    let mut answer = writer.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            // Play the terminal: answer a cursor position query (DSR).
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let _ = answer.write_all(b"\x1b[1;1R");
            }
            let mut g = c2.lock().unwrap();
            g.0 += n;
            g.1 = Instant::now();
        }
    });
    // The first complete frame fills most of 120x40.
    let mut first = settle(&count, 4000, Duration::from_millis(700), Duration::from_secs(30));
    if !keys.is_empty() {
        // Another screen: its first frame is a full repaint of the screen area.
        writer.write_all(keys).unwrap();
        let shown = settle(&count, first + 1000, Duration::from_millis(700), Duration::from_secs(30));
        first = shown - first;
    }
    let before = count.lock().unwrap().0;
    for _ in 0..moves {
        writer.write_all(b"j").unwrap();
        let before_move = count.lock().unwrap().0;
        settle(&count, before_move + 1, Duration::from_millis(60), Duration::from_secs(5));
    }
    let after = count.lock().unwrap().0;
    writer.write_all(b"q").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    (first, (after - before) as f64 / moves as f64)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let scales = std::env::var("THUKY_BENCH_SCALES").unwrap_or_else(|_| "hanoi,large".into());
    for (name, scale) in [("hanoi", thuky::demo::Scale::Hanoi), ("large", thuky::demo::Scale::Large)] {
        if !scales.contains(name) {
            continue;
        }
        let dir = common::demo_dir(scale);
        let server = common::start_server(&dir);
        // The register at its top level (the directly subordinate
        // committees), the Xếp loại grid, and the register inside one
        // ward (Enter on the second committee: its chi bộ), whose full
        // frame is the register's.
        let mut register_frame = 0;
        for (screen, keys) in [
            ("register", &b""[..]),
            ("classification", &b"2"[..]),
            ("register_in_a_ward", &b"jj\r"[..]),
        ] {
            let moves = 60;
            let (mut first, per_move) = run(&dir, keys, moves);
            if screen == "register" {
                register_frame = first;
            } else if screen == "register_in_a_ward" {
                first = register_frame;
            }
            println!("tui_bytes/{name}/{screen}: full frame at 120x40 = {first} bytes");
            println!("tui_bytes/{name}/{screen}: average bytes per cursor move (j) over {moves} moves = {per_move:.0}");
            println!(
                "tui_bytes/{name}/{screen}: ratio to a full repaint = {:.1}%",
                per_move * 100.0 / first as f64
            );
        }
        common::stop_server(server);
    }
}
