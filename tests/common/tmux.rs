//! A tmux pane for end-to-end tests of the real binary: start a private
//! tmux server with a shell (or the binary itself), send keys, type or paste
//! text, capture the pane and wait for what it shows. The constructors return
//! None (with a note) when tmux is not installed; the server is killed when
//! the value is dropped.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A `w` x `h` pane running bash in `home`, UTF-8, at the prompt `READY$`.
    pub fn start(name: &str, home: &Path, w: u16, h: u16) -> Option<Tmux> {
        let t = Tmux::open(name, home, w, h, &["PS1=READY$ ", "bash", "--norc", "--noprofile"])?;
        t.wait_for("READY$", 30);
        Some(t)
    }

    /// A `w` x `h` pane running the thuky binary with `args` in `home`, UTF-8;
    /// the session ends when the program does.
    pub fn run(name: &str, home: &Path, w: u16, h: u16, args: &[&str]) -> Option<Tmux> {
        let mut program = vec![env!("CARGO_BIN_EXE_thuky")];
        program.extend_from_slice(args);
        Tmux::open(name, home, w, h, &program)
    }

    /// Whether tmux is installed (if not, a note that `name` is skipped).
    pub fn available(name: &str) -> bool {
        let there = Command::new("tmux").arg("-V").output().is_ok();
        if !there {
            eprintln!("note: tmux is not installed; skipping {name}");
        }
        there
    }

    fn open(name: &str, home: &Path, w: u16, h: u16, program: &[&str]) -> Option<Tmux> {
        if !Tmux::available(name) {
            return None;
        }
        let t = Tmux {
            socket: format!("thuky-test-{}-{name}", std::process::id()),
        };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-x", &w.to_string(), "-y", &h.to_string(), "-s", "t"])
            .args(["env", &format!("HOME={}", home.display()), "LANG=C.UTF-8", "LC_ALL=C.UTF-8"])
            .args(program)
            .status()
            .expect("tmux runs");
        assert!(status.success());
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

    /// Paste `text` the way a terminal does: bracketed, each line break a
    /// lone CR (tmux paste-buffer turns LF into CR, as terminals do).
    pub fn paste(&self, text: &str) {
        assert!(self.cmd().args(["set-buffer", text]).status().unwrap().success());
        assert!(self.cmd().args(["paste-buffer", "-p", "-t", "t"]).status().unwrap().success());
    }

    /// Whether the session still runs (a program started by `run` has not quit).
    pub fn is_running(&self) -> bool {
        self.cmd()
            .args(["has-session", "-t", "t"])
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Wait up to `secs` for the program started by `run` to quit.
    pub fn wait_exit(&self, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        while self.is_running() {
            assert!(Instant::now() < end, "the UI did not quit:\n{}", self.capture());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The newest process started by the pane's shell, if any.
    pub fn shell_child(&self) -> Option<String> {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let out = Command::new("pgrep").args(["-n", "-P", &shell]).output().ok()?;
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!pid.is_empty()).then_some(pid)
    }

    /// The pane's terminal settings (`icanon`, `echo` or their negations),
    /// typed at the shell prompt; the screen that shows them.
    pub fn stty(&self) -> String {
        self.send(&["clear", "Enter"]);
        std::thread::sleep(Duration::from_millis(200));
        self.type_text("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo STTY-DONE");
        self.send(&["Enter"]);
        self.wait_for("STTY-DONE\n", 30);
        self.wait_until(30, "stty output", |s| {
            s.lines().any(|l| l.contains("icanon") && !l.contains("grep"))
        })
    }

    pub fn capture(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Press `key` (up to ten times, a moment apart) until the pane shows
    /// `text`; the screen that shows it.
    pub fn press_until(&self, key: &str, text: &str) -> String {
        let mut screen = self.capture();
        for _ in 0..10 {
            if screen.contains(text) {
                break;
            }
            self.send(&[key]);
            std::thread::sleep(Duration::from_millis(300));
            screen = self.capture();
        }
        assert!(screen.contains(text), "{screen}");
        screen
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
