//! Running the real binary in tests: a register to run it on, a command that
//! must succeed (text or JSON), one that must be refused without writing, and
//! `report --json` read with its figures found by key.

use super::{small_register, stderr, stdout, thuky};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};
use thuky::service::Service;

/// A new data directory holding `small_register`.
pub fn register_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    dir
}

/// Run; it must succeed. Its standard output.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = thuky(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Run with `--json`; it must succeed. Its output, parsed.
pub fn json(dir: &Path, args: &[&str]) -> Value {
    let mut full = vec!["--json"];
    full.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &full)).unwrap()
}

/// How many entries the audit log holds.
pub fn log_len(dir: &Path) -> usize {
    json(dir, &["log", "--limit", "1000"]).as_array().unwrap().len()
}

/// Run in English, expect exit `code`, every `needle` in stderr and no write.
pub fn refused(dir: &Path, args: &[&str], code: i32, needles: &[&str]) {
    let before = log_len(dir);
    let mut full = vec!["--lang", "en"];
    full.extend_from_slice(args);
    let out = thuky(dir, &full);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: expected {n:?} in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(log_len(dir), before, "{args:?} wrote something");
}

/// The first value under `key`, at any depth of objects.
pub fn find<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m.get(key).or_else(|| m.values().find_map(|x| find(x, key))),
        _ => None,
    }
}

/// `thuky report YEAR --json`, tried again for up to 20 s while a UI that
/// just quit may still hold the store.
pub fn report(data: &Path, year: &str) -> Value {
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let out = thuky(data, &["report", year, "--json"]);
        if out.status.success() {
            return serde_json::from_slice(&out.stdout).expect("report --json is JSON");
        }
        assert!(Instant::now() < end, "report failed: {}", String::from_utf8_lossy(&out.stderr));
        std::thread::sleep(Duration::from_millis(200));
    }
}
