//! End to end: the real binary in tmux finds a case by a query typed
//! without diacritics in the search palette (Ctrl-F) and opens it on the
//! Vụ việc screen. Skipped (with a note) when tmux is not installed.

mod common;

use common::tmux::Tmux;
use common::tui::{write_fixture, Fixture};
use thuky::domain::case::CaseKind;
use thuky::service::api::{CaseInput, Request};
use thuky::service::Service;

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

#[test]
fn a_case_is_found_without_diacritics_and_opened() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    write_fixture(&data, Fixture::Register);
    {
        let mut s = Service::open(&data).unwrap();
        s.call(
            "lan",
            Request::CaseAdd(Box::new(CaseInput {
                source: Some("Đơn ngày 02/04/2024".into()),
                due: Some(common::d(2024, 7, 2)),
                ..common::case_input(
                    "HK.01",
                    CaseKind::Complaint,
                    "Khiếu nại về việc cấp đất ở phường Hàng Bạc",
                    "Trần Thị Hường",
                    common::d(2024, 4, 2),
                )
            })),
        )
        .unwrap();
    }
    let Some(t) = Tmux::start("cases", home.path(), 100, 30) else {
        return;
    };
    t.type_text(&format!("{BIN} --data {}", data.display()));
    t.send(&["Enter"]);
    t.wait_for("[1 Tổ chức]", 20);
    t.send(&["C-f"]);
    t.wait_for("Tìm tổ chức, vụ việc", 10);
    t.type_text("tran thi huong cap dat");
    let screen = t.wait_for("kết quả", 20);
    assert!(screen.contains("#1") && screen.contains("Khiếu nại về việc cấp đất"), "{screen}");
    t.send(&["Enter"]);
    let screen = t.wait_until(10, "the case opened", |s| {
        s.contains("Chi tiết vụ việc #1") && s.contains("Lịch sử trạng thái")
    });
    assert!(screen.contains("[5 Vụ việc]"), "{screen}");
    assert!(screen.contains("Trần Thị Hường") && screen.contains("⚠ quá hạn"), "{screen}");
    // Esc closes the case, q quits.
    t.send(&["Escape"]);
    t.wait_until(10, "the list", |s| !s.contains("Chi tiết vụ việc"));
    t.send(&["q"]);
    t.wait_until(10, "the exit", |s| !s.contains("Vụ việc") && s.trim_end().ends_with("READY$"));
}
