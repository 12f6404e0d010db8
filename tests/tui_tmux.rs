//! The real binary in tmux: the empty-store offer, navigation, search, adding
//! an organisation, quitting; and the terminal restored after SIGTERM and
//! after a panic. Skipped (with a note) when tmux is not installed.

mod common;
use common::tmux::Tmux;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

fn assert_sane(t: &Tmux) {
    let screen = t.stty();
    let line = screen.lines().find(|l| l.contains("icanon") && !l.contains("grep")).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "raw mode left on: {line}\n{screen}"
    );
    assert!(
        !screen.contains("Tổ chức") && !screen.contains("Nhật ký"),
        "the UI is still on screen:\n{screen}"
    );
}

#[test]
fn end_to_end_demo_search_add_quit() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("e2e", home.path(), 100, 30) else {
        return;
    };
    let data = home.path().join("data");
    flow(&t, &format!("{BIN} --data {}", data.display()), &data);
}

/// The same flow with `tui::run` started from this test executable.
#[test]
fn end_to_end_flow_in_process_ui() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("e2e-child", home.path(), 100, 30) else {
        return;
    };
    let data = home.path().join("data");
    flow(&t, &child_cmd(&data), &data);
}

fn flow(t: &Tmux, launch: &str, data: &Path) {
    t.type_text(launch);
    t.send(&["Enter"]);
    t.wait_for("Kho dữ liệu trống", 20);
    t.send(&["d"]);
    let screen = t.wait_until(300, "the demo load", |s| s.contains("Đã nạp dữ liệu mẫu") || s.contains("✗"));
    assert!(screen.contains("Đã nạp dữ liệu mẫu"), "{screen}");
    assert!(screen.contains("[1 Tổ chức]") && screen.contains("Cây tổ chức"), "{screen}");
    // Navigate a little.
    t.send(&["j", "j", "k"]);
    // Search "ba dinh" and jump.
    t.send(&["C-f"]);
    t.wait_for("Tìm tổ chức", 10);
    t.type_text("ba dinh");
    let screen = t.wait_for("kết quả", 20);
    assert!(screen.contains("Ba Đình"), "{screen}");
    t.send(&["Enter"]);
    // A capture may catch a frame half written; wait for the whole jump.
    let screen = t.wait_until(10, "the jump", |s| {
        !s.contains("Tìm tổ chức") && s.lines().any(|l| l.contains("│›") && l.contains("Ba Đ"))
    });
    let selected = screen.lines().find(|l| l.contains("│›")).unwrap_or_default().to_string();
    assert!(
        selected.contains("Ba Đ") && screen.contains("Đảng bộ phường Ba Đình"),
        "selected row: {selected}\n{screen}"
    );
    // Add a child of the selected organisation (kind chosen by the form).
    t.send(&["a"]);
    t.wait_for("Thêm tổ chức trực thuộc", 10);
    t.type_text("Chi bộ Kiểm thử Tmux");
    t.send(&["Enter"]);
    let screen = t.wait_until(20, "the add", |s| s.contains("✓ Đã thêm") || s.contains("✗"));
    let msg = screen
        .lines()
        .find(|l| l.contains("✓ Đã thêm"))
        .unwrap_or_else(|| panic!("{screen}"))
        .to_string();
    let code = msg.split_whitespace().nth(3).unwrap().to_string();
    // Quit and find the shell again.
    t.send(&["q"]);
    t.wait_until(10, "the exit", |s| !s.contains("Cây tổ chức"));
    assert_sane(t);
    let out = Command::new(BIN)
        .args(["--data", &data.display().to_string(), "org", "show", &code, "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "org show failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Chi bộ Kiểm thử Tmux"), "{text}");
}

/// `thuky::tui::run` in this test executable, started again inside the pane
/// (the terminal handling does not depend on how the CLI wires it up).
#[test]
fn tui_child() {
    let Some(dir) = std::env::var_os("THUKY_TUI_CHILD") else { return };
    let service = thuky::service::Service::open(Path::new(&dir)).unwrap();
    let backend = Box::new(thuky::service::backend::Local::new(service, "tmux"));
    thuky::tui::run(backend, thuky::tui::TuiOptions::default()).unwrap();
}

fn child_cmd(data: &Path) -> String {
    let exe = std::env::current_exe().unwrap();
    format!(
        "THUKY_TUI_CHILD={} {} --exact tui_child --nocapture --test-threads=1",
        data.display(),
        exe.display()
    )
}

fn start_ui(t: &Tmux, data: &Path, env: &str) {
    t.type_text(&format!("{env} {}", child_cmd(data)));
    t.send(&["Enter"]);
    t.wait_for("Kho dữ liệu trống", 20);
}

#[test]
fn terminal_is_restored_after_sigterm_and_sighup() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("sig", home.path(), 100, 30) else {
        return;
    };
    let data = home.path().join("data");
    for sig in ["TERM", "HUP"] {
        start_ui(&t, &data, "");
        let pid = t.shell_child().expect("thuky runs in the pane");
        let started = Instant::now();
        assert!(Command::new("kill").args([&format!("-{sig}"), &pid]).status().unwrap().success());
        t.wait_until(10, "the exit", |s| !s.contains("Kho dữ liệu trống"));
        assert!(started.elapsed() < Duration::from_secs(5), "slow exit after SIG{sig}");
        assert_sane(&t);
    }
}

#[test]
fn terminal_is_restored_after_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("panic", home.path(), 100, 30) else {
        return;
    };
    let data = home.path().join("data");
    // Without a backtrace, whatever the environment says: the message stays on screen.
    t.type_text(&format!("THUKY_TEST_PANIC=1 RUST_BACKTRACE=0 {}", child_cmd(&data)));
    t.send(&["Enter"]);
    // The panic message (not the echo of the typed command), then the prompt.
    t.wait_for("panic after the first frame", 30);
    t.wait_until(30, "the shell prompt after the panic", |s| s.trim_end().ends_with("READY$"));
    assert_sane(&t);
}
