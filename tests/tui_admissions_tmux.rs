//! End to end: the real binary in tmux enters admission counts on the Kết
//! nạp grid; `thuky report YEAR --json` then has them, per committee.
//! Skipped (with a note) when tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn send(&self, keys: &[&str]) {
        assert!(self.cmd().args(["send-keys", "-t", "t"]).args(keys).status().unwrap().success());
    }

    fn capture(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str, secs: u64) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < end,
                "'{text}' did not appear within {secs} s; the pane shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn find<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => m.get(key).or_else(|| m.values().find_map(|x| find(x, key))),
        _ => None,
    }
}

fn report(data: &Path, year: &str) -> serde_json::Value {
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let out = Command::new(BIN)
            .args(["--data", &data.display().to_string(), "report", year, "--json"])
            .env("LANG", "C")
            .output()
            .unwrap();
        if out.status.success() {
            return serde_json::from_slice(&out.stdout).expect("report --json is JSON");
        }
        // The UI's store may be released a moment after it quits.
        assert!(Instant::now() < end, "report failed: {}", String::from_utf8_lossy(&out.stderr));
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn enter_admissions_in_the_real_binary() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("note: tmux is not installed; skipping the admissions end-to-end test");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = Command::new(BIN)
        .args(["--data", &data.display().to_string(), "demo", "--scale", "small"])
        .output()
        .unwrap();
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    let before = report(&data, "2026");
    let total_before = find(&before, "admissions")
        .and_then(|a| a["total"].as_u64())
        .expect("admissions total");
    let committee = |r: &serde_json::Value, code: &str| -> u64 {
        find(r, "by_committee")
            .and_then(|c| c.as_array())
            .and_then(|a| a.iter().find(|c| c["code"] == code))
            .and_then(|c| c["total"].as_u64())
            .unwrap_or(0)
    };
    let cqd = committee(&before, "CQD");
    // Every committee's total, to find the one the second count went to.
    let totals = |r: &serde_json::Value| -> Vec<(String, u64)> {
        find(r, "by_committee")
            .and_then(|c| c.as_array())
            .map(|a| {
                a.iter()
                    .map(|c| (c["code"].as_str().unwrap_or("").to_string(), c["total"].as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let totals_before = totals(&before);

    let t = Tmux {
        socket: format!("thuky-admit-{}", std::process::id()),
    };
    let status = t
        .cmd()
        .args(["new-session", "-d", "-x", "120", "-y", "40", "-s", "t"])
        .args([
            "env",
            &format!("HOME={}", home.path().display()),
            "LANG=C.UTF-8",
            "LC_ALL=C.UTF-8",
            BIN,
            "--data",
            &data.display().to_string(),
        ])
        .status()
        .expect("tmux runs");
    assert!(status.success());
    t.wait_for("Cây tổ chức", 20);
    // Kết nạp (third tab), then the year 2026.
    t.send(&["3"]);
    t.wait_for("Kết nạp đảng viên năm", 10);
    let mut screen = t.capture();
    for _ in 0..10 {
        if screen.contains("Kết nạp đảng viên năm 2026") {
            break;
        }
        t.send(&["]"]);
        std::thread::sleep(Duration::from_millis(300));
        screen = t.capture();
    }
    assert!(screen.contains("Kết nạp đảng viên năm 2026"), "{screen}");
    // The first line is the CQD heading: January of its first organisation,
    // then (past the next committee's heading) of that committee's first one.
    t.send(&["j", "7", "Enter"]);
    t.wait_for("Đã ghi", 10);
    t.send(&["j", "5", "Enter"]);
    t.wait_for("tháng 1: 5", 10);
    t.send(&["q"]);
    let end = Instant::now() + Duration::from_secs(10);
    while t
        .cmd()
        .args(["has-session", "-t", "t"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
    {
        assert!(Instant::now() < end, "the UI did not quit:\n{}", t.capture());
        std::thread::sleep(Duration::from_millis(100));
    }
    let after = report(&data, "2026");
    let total_after = find(&after, "admissions").and_then(|a| a["total"].as_u64());
    assert_eq!(total_after, Some(total_before + 12), "{after}");
    assert_eq!(committee(&after, "CQD"), cqd + 7, "{after}");
    // Exactly one other committee gained the second count, all of it.
    let gained: Vec<(String, u64)> = totals(&after)
        .into_iter()
        .filter(|(code, _)| code != "CQD")
        .filter_map(|(code, n)| {
            let was = totals_before.iter().find(|(c, _)| *c == code).map_or(0, |(_, n)| *n);
            (n != was).then(|| (code, n - was))
        })
        .collect();
    assert_eq!(gained.len(), 1, "{gained:?}");
    assert_eq!(gained[0].1, 5, "{gained:?}");
}
