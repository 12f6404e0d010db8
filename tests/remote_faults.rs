//! Faults with real processes: auto-start (one server for clients starting at
//! once, stale socket, idle exit), a client killed with SIGKILL, the server
//! killed with SIGKILL during a burst of writes, SIGTERM, a full disk.
//!
//! The server processes are this test binary re-run with a filter selecting
//! `server_process`, which serves when THUKY_TEST_SERVE names a data directory
//! (so the tests do not depend on the command line's `serve` subcommand).

mod remote_support;

use remote_support::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions, Remote, ServeOptions};
use thuky::service::api::{Request, Response};
use thuky::service::backend::Backend;
use thuky::service::{ErrorKind, Event};

/// Not a test: the body of the server processes the other tests start.
#[test]
fn server_process() {
    let Some(dir) = std::env::var_os("THUKY_TEST_SERVE") else { return };
    let idle = std::env::var("THUKY_TEST_IDLE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let opts = ServeOptions {
        detached: true,
        idle_exit: Duration::from_millis(idle),
        ..Default::default()
    };
    let code = match remote::serve(Path::new(&dir), opts) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("server: {e:#}");
            1
        }
    };
    std::process::exit(code);
}

/// Not a test: a client process that writes until it is killed.
#[test]
fn client_process() {
    let Some(dir) = std::env::var_os("THUKY_TEST_CLIENT") else { return };
    let code = std::env::var("THUKY_TEST_CODE").unwrap();
    let mut c = remote::connect_with(Path::new(&dir), opts_for(Path::new(&dir), 60_000)).unwrap();
    for k in 0.. {
        c.call(Request::AdmissionSet {
            code: code.clone(),
            year: 2018 + (k / 12) % 9,
            month: (k % 12) as u32 + 1,
            count: k as u32,
        })
        .unwrap();
    }
}

fn opts_for(dir: &Path, idle_ms: u64) -> ConnectOptions {
    let exe = std::env::current_exe().unwrap();
    let mut o = ConnectOptions::new(Lang::En);
    o.server_command = Some(vec![
        OsString::from("/usr/bin/env"),
        OsString::from(format!("THUKY_TEST_SERVE={}", dir.display())),
        OsString::from(format!("THUKY_TEST_IDLE_MS={idle_ms}")),
        exe.into_os_string(),
        "server_process".into(),
        "--exact".into(),
        "--nocapture".into(),
        "--test-threads=1".into(),
    ]);
    o.wait = Duration::from_secs(20);
    o
}

fn client(dir: &Path, idle_ms: u64) -> Remote {
    remote::connect_with(dir, opts_for(dir, idle_ms)).unwrap_or_else(|e| panic!("connect: {e}"))
}

/// Processes serving `dir` (found by their environment).
fn servers(dir: &Path) -> Vec<i32> {
    let needle = format!("THUKY_TEST_SERVE={}", dir.display());
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(env) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        // Zombies have an empty environ.
        if env.split(|b| *b == 0).any(|v| v == needle.as_bytes()) && !is_zombie(pid) {
            out.push(pid);
        }
    }
    out
}

fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| s.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
        .unwrap_or(true)
}

fn wait_until(what: &str, limit: Duration, mut f: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !f() {
        assert!(t0.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn server_pid(dir: &Path) -> i32 {
    std::fs::read_to_string(remote::lock_path(dir)).unwrap().trim().parse().unwrap()
}

fn kill(pid: i32, sig: i32) {
    // SAFETY: sending a signal to a process we started.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill {pid}");
}

fn seeded() -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    let units = seed(&dir);
    (tmp, dir, units)
}

#[test]
fn clients_starting_at_once_share_one_server_which_leaves_when_idle() {
    let (_tmp, dir, units) = seeded();
    const N: usize = 6;
    let barrier = Arc::new(Barrier::new(N));
    let handles: Vec<_> = (0..N)
        .map(|_| {
            let (dir, barrier) = (dir.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                client(&dir, 700)
            })
        })
        .collect();
    let mut clients: Vec<Remote> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    // Extra servers that lost the race exit quietly.
    wait_until("a single server", Duration::from_secs(10), || servers(&dir).len() == 1);
    let pid = servers(&dir)[0];
    assert_eq!(server_pid(&dir), pid);
    // They all talk to that one: a change by one reaches every other.
    clients[0]
        .call(Request::AdmissionSet {
            code: units[0].clone(),
            year: 2024,
            month: 6,
            count: 5,
        })
        .unwrap();
    for c in clients.iter_mut().skip(1) {
        assert!(wait_event(c, |e| matches!(e, Event::AdmissionsChanged { year: 2024, .. })));
    }
    // The server stays while a client is connected, even when idle ...
    drop(clients.drain(1..).collect::<Vec<_>>());
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(servers(&dir), vec![pid]);
    clients[0].call(Request::Status).unwrap();
    // ... and leaves once the last one has gone, removing its socket.
    drop(clients);
    wait_until("the idle server to exit", Duration::from_secs(10), || servers(&dir).is_empty());
    assert!(!remote::socket_path(&dir).exists());
    // The next client starts a new one; the data is there.
    let mut c = client(&dir, 700);
    let row = admissions(&mut c, 2024).rows.into_iter().find(|r| r.code == units[0]).unwrap();
    assert_eq!(row.months[5], 5);
}

#[test]
fn a_stale_socket_is_replaced() {
    let (_tmp, dir, _units) = seeded();
    let sock = remote::socket_path(&dir);
    drop(std::os::unix::net::UnixListener::bind(&sock).unwrap());
    assert!(sock.exists());
    let mut c = client(&dir, 500);
    c.call(Request::Status).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&sock).unwrap().permissions().mode() & 0o777, 0o660);
}

#[test]
fn a_client_killed_with_sigkill_does_not_disturb_the_others() {
    let (_tmp, dir, units) = seeded();
    let mut watcher = client(&dir, 500);
    let pid = server_pid(&dir);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["client_process", "--exact", "--nocapture", "--test-threads=1"])
        .env("THUKY_TEST_CLIENT", &dir)
        .env("THUKY_TEST_CODE", &units[3])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it write for a while, then kill it in the middle of its burst.
    let mut seen = 0;
    wait_until("the client's writes", Duration::from_secs(20), || {
        seen += watcher.events().len();
        seen >= 30
    });
    kill(child.id() as i32, libc::SIGKILL);
    child.wait().unwrap();
    // The server is still the same and serves the others.
    watcher
        .call(Request::AdmissionSet {
            code: units[4].clone(),
            year: 2020,
            month: 1,
            count: 1,
        })
        .unwrap();
    watcher.call(Request::StoreCheck).unwrap();
    assert_eq!(server_pid(&dir), pid);
    assert_eq!(servers(&dir), vec![pid]);
}

/// (code, year, month, count) of one admissions write.
type Cell = (String, i32, u32, u32);

#[test]
fn server_killed_during_a_burst_loses_no_acknowledged_write() {
    let (_tmp, dir, units) = seeded();
    const WRITERS: usize = 4;
    const WRITES: usize = 150;
    let first = {
        let _c = client(&dir, 60_000);
        server_pid(&dir)
    };
    let acked: Arc<Mutex<Vec<Cell>>> = Arc::default();
    let lost = Arc::new(Mutex::new(0usize));
    let barrier = Arc::new(Barrier::new(WRITERS + 1));
    let handles: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (dir, units, acked, lost, barrier) = (dir.clone(), units.clone(), acked.clone(), lost.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut c = client(&dir, 60_000);
                barrier.wait();
                for k in 0..WRITES {
                    // The months of 2018..=2026 (later years are refused), then the next unit.
                    let unit = &units[(i + WRITERS * (k / 108)) % units.len()];
                    let cell = (unit.clone(), 2018 + ((k % 108) / 12) as i32, (k % 12) as u32 + 1, (k + 1) as u32);
                    match c.call(Request::AdmissionSet {
                        code: cell.0.clone(),
                        year: cell.1,
                        month: cell.2,
                        count: cell.3,
                    }) {
                        Ok(_) => acked.lock().unwrap().push(cell),
                        Err(e) => {
                            assert_eq!(e.kind, ErrorKind::Protocol, "{e}");
                            println!("writer {i} change {k}: {e}");
                            *lost.lock().unwrap() += 1;
                        }
                    }
                }
            })
        })
        .collect();
    barrier.wait();
    wait_until("some writes", Duration::from_secs(20), || acked.lock().unwrap().len() >= 100);
    kill(first, libc::SIGKILL);
    for h in handles {
        h.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let lost = *lost.lock().unwrap();
    println!("{} writes acknowledged, {lost} lost with the connection", acked.len());
    assert!(acked.len() + lost == WRITERS * WRITES);
    assert!(lost <= WRITERS, "at most the write in flight per client is lost");
    // A new server took over.
    let mut c = client(&dir, 500);
    let second = server_pid(&dir);
    assert_ne!(first, second);
    // Every acknowledged write is there.
    let mut years = std::collections::HashMap::new();
    for (code, year, month, count) in &acked {
        let list = years.entry(*year).or_insert_with(|| admissions(&mut c, *year));
        let row = list
            .rows
            .iter()
            .find(|r| &r.code == code)
            .unwrap_or_else(|| panic!("{code} {year}"));
        assert_eq!(row.months[*month as usize - 1], *count, "{code} {month}/{year}");
    }
    assert!(matches!(c.call(Request::StoreCheck).unwrap(), Response::StoreCheck(_)));
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let (_tmp, dir, units) = seeded();
    let mut c = client(&dir, 60_000);
    c.call(Request::AdmissionSet {
        code: units[5].clone(),
        year: 2021,
        month: 2,
        count: 8,
    })
    .unwrap();
    let pid = server_pid(&dir);
    kill(pid, libc::SIGTERM);
    wait_until("the server to stop", Duration::from_secs(10), || servers(&dir).is_empty());
    assert!(!remote::socket_path(&dir).exists(), "socket removed");
    // The client notices, starts a new server on its next request, and a read is simply retried.
    let row = admissions(&mut c, 2021).rows.into_iter().find(|r| r.code == units[5]).unwrap();
    assert_eq!(row.months[1], 8);
    assert_ne!(server_pid(&dir), pid);
    assert!(c.events().contains(&Event::Reloaded));
}

#[test]
fn a_full_disk_refuses_the_write_clearly_and_stays_readable() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("tiny");
    std::fs::create_dir(&mnt).unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=32m", "tmpfs"])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        println!("SKIPPED: cannot mount a tmpfs (needs root); the full-disk test did not run");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mnt.clone());
    let dir = mnt.join("data");
    std::fs::create_dir(&dir).unwrap();
    let units = seed_with(&dir, false);
    // The server keeps 24 MiB of the 32 MiB free: writes are refused before sled meets ENOSPC.
    let server = TestServer::start_with(&dir, |o| o.min_free_bytes = 24 * 1024 * 1024);
    let owner = thuky::service::users::owner_of(&dir).unwrap();
    let mut c = server.client(&owner);
    let long = "Đảng bộ có một cái tên rất dài để lấp đầy đĩa ".repeat(4);
    let mut acked = Vec::new();
    let mut refused = None;
    for k in 0..100_000u32 {
        let name = format!("{} {k}", long[..long.char_indices().nth(180).unwrap().0].trim_end());
        match c.call(Request::OrgRename {
            code: units[k as usize % UNITS].clone(),
            name: name.clone(),
            at: d(2024, 1, 1),
            decision: None,
            base_version: None,
        }) {
            Ok(_) => acked.push((k, name)),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let e = refused.expect("the disk filled up");
    println!("refused after {} writes: {}", acked.len(), e.en);
    assert_eq!(e.kind, ErrorKind::Storage, "{}", e.en);
    assert!(e.en.contains("disk is full"), "{}", e.en);
    // Reads still work, and show the last acknowledged state.
    c.call(Request::Status).unwrap();
    let (k, name) = acked.last().unwrap();
    let code = &units[*k as usize % UNITS];
    match c
        .call(Request::Org {
            code: code.clone(),
            at: d(2024, 6, 1),
            year: 2024,
        })
        .unwrap()
    {
        Response::Org(o) => assert_eq!(&o.name, name),
        r => panic!("{r:?}"),
    }
    // Further writes are refused the same way, not with a crash.
    let e2 = c
        .call(Request::AdmissionSet {
            code: units[0].clone(),
            year: 2024,
            month: 1,
            count: 1,
        })
        .unwrap_err();
    assert_eq!(e2.kind, ErrorKind::Storage);
    drop(c);
    server.stop();
}

#[test]
fn sighup_during_a_burst_finishes_the_write_in_progress() {
    let (_tmp, dir, units) = seeded();
    let first = {
        let _c = client(&dir, 60_000);
        server_pid(&dir)
    };
    let acked: Arc<Mutex<Vec<Cell>>> = Arc::default();
    let writer = {
        let (dir, units, acked) = (dir.clone(), units.clone(), acked.clone());
        std::thread::spawn(move || {
            let mut c = client(&dir, 60_000);
            let mut lost = 0;
            for k in 0..300usize {
                // The months of 2018..=2026 (later years are refused), then the next unit.
                let code = &units[(6 + k / 108) % units.len()];
                let cell = (code.clone(), 2018 + ((k % 108) / 12) as i32, (k % 12) as u32 + 1, (k + 1) as u32);
                match c.call(Request::AdmissionSet {
                    code: cell.0.clone(),
                    year: cell.1,
                    month: cell.2,
                    count: cell.3,
                }) {
                    Ok(_) => acked.lock().unwrap().push(cell),
                    Err(e) => {
                        assert_eq!(e.kind, ErrorKind::Protocol, "{e}");
                        lost += 1;
                    }
                }
            }
            lost
        })
    };
    wait_until("some writes", Duration::from_secs(20), || acked.lock().unwrap().len() >= 50);
    kill(first, libc::SIGHUP);
    let lost = writer.join().unwrap();
    assert!(lost <= 1, "{lost} writes lost");
    let mut c = client(&dir, 500);
    assert_ne!(server_pid(&dir), first, "the first server stopped");
    let acked = acked.lock().unwrap().clone();
    let mut years = std::collections::HashMap::new();
    for (code, year, month, count) in &acked {
        let list = years.entry(*year).or_insert_with(|| admissions(&mut c, *year));
        let row = list.rows.iter().find(|r| &r.code == code).unwrap();
        assert_eq!(row.months[*month as usize - 1], *count, "{code} {month}/{year}");
    }
}
