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
