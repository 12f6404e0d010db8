//! The server and its clients on the hanoi demo data set (see BENCHMARKS.md):
//! - criterion: round trip of a small read (Target, Status) through the socket;
//! - custom: 16 clients writing as fast as they can (acknowledged writes/s, p50/p99 latency);
//! - custom: server memory (VmRSS / VmHWM from /proc) with 16 clients connected;
//! - custom (issue 10): the 16 writers again with four `check` loops running;
//!   restore of the hanoi backup; the cost of the acknowledged-state check at open.
//!
//! The server runs as a separate process (this bench binary re-run with
//! THUKY_BENCH_SERVE=DIR), as in production. `cargo bench --bench remote`.

mod common;

use criterion::Criterion;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions, Remote, ServeOptions};
use thuky::service::api::{Request, Response};
use thuky::service::backend::Backend;

const CLIENTS: usize = 16;
const BURST: Duration = Duration::from_secs(5);

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn options(dir: &Path) -> ConnectOptions {
    let mut o = ConnectOptions::new(Lang::En);
    o.server_command = Some(vec![
        OsString::from("/usr/bin/env"),
        OsString::from(format!("THUKY_BENCH_SERVE={}", dir.display())),
        std::env::current_exe().unwrap().into_os_string(),
    ]);
    o.wait = Duration::from_secs(60);
    o
}

fn client(dir: &Path) -> Remote {
    remote::connect_with(dir, options(dir)).expect("connect")
}

fn server_pid(dir: &Path) -> i32 {
    std::fs::read_to_string(remote::lock_path(dir)).unwrap().trim().parse().unwrap()
}

/// Codes of grassroots organisations alive in 2024, to write admissions to.
fn targets(c: &mut Remote) -> Vec<String> {
    let Response::Tree(t) = c
        .call(Request::Tree {
            at: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            year: None,
        })
        .unwrap()
    else {
        panic!()
    };
    t.nodes
        .iter()
        .filter(|n| n.children.is_empty())
        .map(|n| n.code.clone())
        .take(CLIENTS * 64)
        .collect()
}

fn round_trip(c: &mut Criterion, dir: &Path) {
    let mut cl = client(dir);
    let mut g = c.benchmark_group("remote");
    g.bench_function("round_trip_target", |b| b.iter(|| cl.call(Request::Target { year: 2024 }).unwrap()));
    g.bench_function("round_trip_status", |b| b.iter(|| cl.call(Request::Status).unwrap()));
    g.finish();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn writers(dir: &Path) -> Vec<Remote> {
    writers_with_loops(dir, 0, Request::StoreCheck, "")
}

/// The 16 writers, with `loops` more clients sending `read` in a loop meanwhile.
fn writers_with_loops(dir: &Path, loops: usize, read: Request, label: &str) -> Vec<Remote> {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..loops)
        .map(|_| {
            let mut c = client(dir);
            let stop = stop.clone();
            let read = read.clone();
            std::thread::spawn(move || {
                let mut n = 0usize;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    match c.call(read.clone()).unwrap() {
                        Response::StoreCheck(r) => assert!(r.problems.is_empty()),
                        Response::ClassificationList(l) => assert!(!l.rows.is_empty()),
                        r => panic!("{r:?}"),
                    }
                    n += 1;
                }
                n
            })
        })
        .collect();
    let label = if loops > 0 {
        format!("_with_{loops}_{label}_loops")
    } else {
        String::new()
    };
    let clients = writers_inner(dir, &label);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let done: usize = readers.into_iter().map(|h| h.join().unwrap()).sum();
    if loops > 0 {
        println!("remote/16_clients_writing{label}: {done} reads completed meanwhile");
    }
    clients
}

fn writers_inner(dir: &Path, label: &str) -> Vec<Remote> {
    let mut first = client(dir);
    let codes = targets(&mut first);
    assert!(codes.len() >= CLIENTS, "need {CLIENTS} organisations");
    let mut clients = vec![first];
    clients.extend((1..CLIENTS).map(|_| client(dir)));
    let start = Instant::now() + Duration::from_millis(200);
    let handles: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            let codes = codes.clone();
            std::thread::spawn(move || {
                while Instant::now() < start {
                    std::thread::sleep(Duration::from_millis(1));
                }
                let mut lat = Vec::new();
                let mut k = 0usize;
                while start.elapsed() < BURST {
                    let code = &codes[(i + k * CLIENTS) % codes.len()];
                    let t = Instant::now();
                    c.call(Request::AdmissionSet {
                        code: code.clone(),
                        year: 2024,
                        month: (k % 12) as u32 + 1,
                        count: (k % 50) as u32,
                    })
                    .unwrap();
                    lat.push(t.elapsed());
                    k += 1;
                }
                let _ = c.events();
                (c, lat)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut clients = Vec::new();
    for h in handles {
        let (c, lat) = h.join().unwrap();
        all.extend(lat);
        clients.push(c);
    }
    all.sort();
    println!(
        "remote/16_clients_writing{}: {} acknowledged writes in {:?} = {:.0} writes/s; latency p50 {:?}, p99 {:?}, max {:?}",
        label,
        all.len(),
        BURST,
        all.len() as f64 / BURST.as_secs_f64(),
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        all.last().unwrap()
    );
    clients
}

/// One client writing alone: the cost of one acknowledged (flushed) write through the socket.
fn serial_writes(dir: &Path) {
    let mut c = client(dir);
    let codes = targets(&mut c);
    let mut lat = Vec::new();
    let t0 = Instant::now();
    let mut k = 0usize;
    while t0.elapsed() < Duration::from_secs(2) {
        let t = Instant::now();
        c.call(Request::AdmissionSet {
            code: codes[k % codes.len()].clone(),
            year: 2023,
            month: (k % 12) as u32 + 1,
            count: (k % 40) as u32,
        })
        .unwrap();
        lat.push(t.elapsed());
        k += 1;
    }
    lat.sort();
    println!(
        "remote/1_client_writing: {:.0} acknowledged writes/s; latency p50 {:?}, p99 {:?}",
        lat.len() as f64 / t0.elapsed().as_secs_f64(),
        percentile(&lat, 0.50),
        percentile(&lat, 0.99)
    );
}

fn main() {
    if let Some(dir) = std::env::var_os("THUKY_BENCH_SERVE") {
        let opts = ServeOptions {
            detached: true,
            idle_exit: Duration::from_secs(5),
            log: false,
            ..Default::default()
        };
        remote::serve(Path::new(&dir), opts).unwrap();
        return;
    }
    let hanoi = common::hanoi_dir();
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().join("data");
    copy_dir(&hanoi, &dir);

    let mut c = Criterion::default().configure_from_args();
    round_trip(&mut c, &dir);
    c.final_summary();

    serial_writes(&dir);
    let mut clients = writers(&dir);
    let pid = server_pid(&dir);
    // Every client also holds a full tree, as the TUI does on start.
    for cl in clients.iter_mut() {
        cl.call(Request::Tree {
            at: chrono::Local::now().date_naive(),
            year: Some(2024),
        })
        .unwrap();
    }
    println!(
        "remote/server_memory_hanoi_16_clients: VmRSS {} MB, VmHWM (peak) {} MB",
        common::status_kb(pid as u32, "VmRSS:") / 1024,
        common::status_kb(pid as u32, "VmHWM:") / 1024
    );
    drop(clients);
    let clients = writers_with_loops(&dir, 4, Request::StoreCheck, "check");
    drop(clients);
    let year_list = Request::ClassificationList { year: 2024, under: None };
    let clients = writers_with_loops(&dir, 4, year_list, "whole_year_list");
    drop(clients);
    restore_and_open(&hanoi);
}

/// Restore of the hanoi backup (in-process, as the server does it), and the
/// cost of the acknowledged-state check when the store is opened.
fn restore_and_open(hanoi: &Path) {
    use thuky::service::Service;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_dir(hanoi, &dir);
    let bk = tmp.path().join("backup");
    let mut s = Service::open(&dir).unwrap();
    s.call(
        "bench",
        Request::Backup {
            dir: bk.display().to_string(),
        },
    )
    .unwrap();
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        s.call(
            "bench",
            Request::BackupRestore {
                dir: bk.display().to_string(),
            },
        )
        .unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    println!("remote/restore_hanoi_backup: median {:?} (of {:?})", times[1], times);
    drop(s);
    let live = thuky::service::store_dir(&dir);
    let mut check = Vec::new();
    for _ in 0..21 {
        let store = thuky::store::Store::reopen(&live).unwrap();
        let t = Instant::now();
        store.verify_acked().unwrap();
        store.keep_acked().unwrap();
        check.push(t.elapsed());
        drop(store);
    }
    check.sort();
    println!(
        "remote/open_acknowledged_state_check: median {:?}, max {:?} (added to opening the store)",
        check[10], check[20]
    );
}
