//! The real binary in tmux: Ctrl-F, a case typed without diacritics, Enter
//! opens its organisation in the tree. Skipped (with a note) without tmux.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use thuky::domain::case::{CaseKind, PersonInput};
use thuky::service::api::*;
use thuky::service::Service;

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(home: &Path) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("note: tmux is not installed; skipping");
            return None;
        }
        let t = Tmux {
            socket: format!("thuky-search-test-{}", std::process::id()),
        };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-x", "110", "-y", "30", "-s", "t"])
            .args([
                "env",
                &format!("HOME={}", home.display()),
                "LANG=C.UTF-8",
                "LC_ALL=C.UTF-8",
                "PS1=READY$ ",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        t.wait_until(10, "the prompt", |s| s.contains("READY$"));
        Some(t)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn send(&self, keys: &[&str]) {
        assert!(self.cmd().args(["send-keys", "-t", "t"]).args(keys).status().unwrap().success());
    }

    fn type_text(&self, text: &str) {
        assert!(self.cmd().args(["send-keys", "-t", "t", "-l", text]).status().unwrap().success());
    }

    fn wait_until(&self, secs: u64, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let out = self.cmd().args(["capture-pane", "-p", "-t", "t"]).output().unwrap();
            let screen = String::from_utf8_lossy(&out.stdout).into_owned();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > end {
                panic!("{what} did not happen within {secs} s; the pane shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

#[test]
fn find_a_case_without_diacritics_and_open_it() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    {
        let mut s = Service::open(&data).unwrap();
        small_register(&mut s);
        s.call(
            "tester",
            Request::CaseAdd(Box::new(CaseInput {
                org: "BD.01".into(),
                kind: CaseKind::Denunciation,
                title: "Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt".into(),
                summary: None,
                persons: vec![PersonInput {
                    name: "Phạm Đức Thắng".into(),
                    ..Default::default()
                }],
                place: None,
                source: None,
                handler: None,
                opened: Some(d(2024, 3, 20)),
                due: None,
            })),
        )
        .unwrap();
    }
    let Some(t) = Tmux::start(home.path()) else { return };
    t.type_text(&format!("{BIN} --data {}", data.display()));
    t.send(&["Enter"]);
    t.wait_until(20, "the tree", |s| s.contains("Quận ủy Ba Đình"));
    t.send(&["C-f"]);
    t.wait_until(10, "the palette", |s| s.contains("Tìm"));
    t.type_text("pham duc thang hoang liet");
    let screen = t.wait_until(10, "the case", |s| s.contains("#1") && s.contains("Hoàng Liệt"));
    assert!(screen.contains("1/1"), "{screen}");
    t.send(&["Enter"]);
    // Enter opens the case on the Vụ việc screen, with its organisation.
    let screen = t.wait_until(10, "the case opened", |s| s.contains("Chi tiết vụ việc #1"));
    assert!(screen.contains("Đảng bộ Phường Điện Biên"), "{screen}");
    t.send(&["Escape"]);
    t.send(&["q"]);
    t.wait_until(10, "the exit", |s| s.lines().filter(|l| l.contains("READY$")).count() >= 2);
}
