//! A tmux pane for end-to-end tests of the real binary: start a private
//! tmux server with a shell, send keys, type text, capture the pane and wait
//! for what it shows. `Tmux::start` returns None (with a note) when tmux is
//! not installed; the server is killed when the value is dropped.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A `w` x `h` pane running bash in `home`, UTF-8.
    pub fn start(name: &str, home: &Path, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("note: tmux is not installed; skipping {name}");
            return None;
        }
        let t = Tmux {
            socket: format!("thuky-test-{}-{name}", std::process::id()),
        };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-x", &w.to_string(), "-y", &h.to_string(), "-s", "t"])
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
        t.wait_for("READY$", 10);
        Some(t)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Send keys by tmux name ("Enter", "C-f", "j").
    pub fn send(&self, keys: &[&str]) {
        assert!(self.cmd().args(["send-keys", "-t", "t"]).args(keys).status().unwrap().success());
    }

    /// Type text literally.
    pub fn type_text(&self, text: &str) {
        assert!(self.cmd().args(["send-keys", "-t", "t", "-l", text]).status().unwrap().success());
    }

    pub fn capture(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn wait_for(&self, text: &str, secs: u64) -> String {
        self.wait_until(secs, &format!("'{text}'"), |s| s.contains(text))
    }

    pub fn wait_until(&self, secs: u64, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
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
