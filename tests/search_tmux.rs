//! The real binary in tmux: Ctrl-F, a case typed without diacritics, Enter
//! opens its organisation in the tree. Skipped (with a note) without tmux.

mod common;
use common::tmux::Tmux;
use common::*;
use thuky::domain::case::CaseKind;
use thuky::service::api::*;
use thuky::service::Service;

const BIN: &str = env!("CARGO_BIN_EXE_thuky");

#[test]
fn find_a_case_without_diacritics_and_open_it() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    {
        let mut s = Service::open(&data).unwrap();
        small_register(&mut s);
        s.call(
            "tester",
            Request::CaseAdd(Box::new(case_input(
                "BD.01",
                CaseKind::Denunciation,
                "Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt",
                "Phạm Đức Thắng",
                d(2024, 3, 20),
            ))),
        )
        .unwrap();
    }
    let Some(t) = Tmux::start("search", home.path(), 110, 30) else {
        return;
    };
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
