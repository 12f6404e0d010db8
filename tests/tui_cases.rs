//! Vụ việc (the case register) on the shared harness: a case added through
//! the form (a refusal names the field, nothing written), the filters, the
//! detail with its status history, a status update and a discipline that does
//! not fit its subject, the overdue marker and counts, live updates that keep
//! the cursor, the register's detail listing the organisation's cases, and
//! the search palette finding an organisation and a case typed without
//! diacritics.

mod common;

use common::tui::{day, Drive, TuiApp};
use thuky::domain::case::{CaseKind, CaseStatus, PersonInput};
use thuky::domain::Lang;
use thuky::service::api::{CaseInput, CaseQuery, CaseUpdate, Request, Response};
use thuky::tui::keymap::Layer;
use thuky::tui::screens::ScreenId;

fn add(app: &mut TuiApp, org: &str, kind: CaseKind, title: &str, opened: (i32, u32, u32), due: Option<(i32, u32, u32)>) -> u64 {
    let r = app.backend().call(Request::CaseAdd(Box::new(CaseInput {
        org: org.into(),
        kind,
        title: title.into(),
        summary: None,
        persons: vec![PersonInput {
            name: "Nguyễn Văn Bình".into(),
            ..Default::default()
        }],
        place: None,
        source: None,
        handler: None,
        opened: Some(day(opened.0, opened.1, opened.2)),
        due: due.map(|d| day(d.0, d.1, d.2)),
    })));
    match r {
        Ok(Response::Case(v)) => v.case.id,
        other => panic!("{other:?}"),
    }
}

fn total(app: &mut TuiApp) -> usize {
    match app.backend().call(Request::CaseList(CaseQuery::default())) {
        Ok(Response::Cases(l)) => l.total,
        other => panic!("{other:?}"),
    }
}

/// Three cases: an overdue denunciation in Ba Đình, a concluded inspection in
/// Hoàn Kiếm, a complaint in Ba Đình opened in 2025.
fn with_cases(lang: Lang) -> TuiApp {
    let mut app = TuiApp::fixture(lang);
    add(
        &mut app,
        "BD.01",
        CaseKind::Denunciation,
        "Đơn tố cáo về đất đai ở phường Ba Đình",
        (2024, 3, 20),
        Some((2024, 6, 20)),
    );
    let id = add(
        &mut app,
        "HK.01",
        CaseKind::Inspection,
        "Kiểm tra Đảng bộ phường Hàng Bạc",
        (2024, 5, 2),
        None,
    );
    app.backend()
        .call(Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            status: Some(CaseStatus::Concluded),
            at: Some(day(2024, 9, 1)),
            ..Default::default()
        })))
        .unwrap();
    add(
        &mut app,
        "BD.02",
        CaseKind::Complaint,
        "Khiếu nại của đảng viên trường THCS",
        (2025, 1, 10),
        None,
    );
    app.poll_background();
    app
}

#[test]
fn a_case_is_added_through_the_form_and_a_refusal_names_the_field() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.goto(ScreenId::Cases);
    assert!(app.draw(80, 24).contains("Chưa có vụ việc nào"));
    app.keys("a");
    assert_eq!(app.active_layer(), Some(Layer::Form));
    // Organisation, kind (Tố cáo is the 7th), title, summary, persons.
    app.keys("BD.01<tab><right><right><right><right><right><right><tab>");
    app.keys("Đơn tố cáo ông A<tab><tab>Nguyễn Văn A (dự bị)");
    // Place, source, handler, opened (today, kept), due: before the opening.
    app.keys("<tab><tab><tab><tab><tab>01/01/2025<enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("✗ Hạn xử lý: due = '01/01/2025'"), "{screen}");
    assert_eq!(app.active_layer(), Some(Layer::Form), "the form stays open");
    assert_eq!(total(&mut app), 0, "nothing written");
    // Corrected: saved, and the list shows it selected.
    app.keys("<c-u>30/06/2025<enter>");
    assert_eq!(app.active_layer(), Some(Layer::Cases), "{}", app.draw(120, 40));
    assert_eq!(total(&mut app), 1);
    assert!(app.msg().contains("#1"), "{}", app.msg());
    let screen = app.draw(120, 40);
    let row = screen.lines().find(|l| l.contains("#1")).unwrap();
    assert!(row.contains("›#1") && row.contains("Tố cáo") && row.contains("BD.01") && row.contains("Đơn tố cáo ông A"));
    assert!(row.contains("30/06/2025") && row.contains("Đã tiếp nhận"), "{row}");
    // Enter opens it with its persons and history.
    app.keys("<enter>");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Nguyễn Văn A (dự bị)") && screen.contains("Lịch sử trạng thái"),
        "{screen}"
    );
}

#[test]
fn filters_narrow_the_list_and_the_hint_bar_counts() {
    let mut app = with_cases(Lang::Vi);
    app.goto(ScreenId::Cases);
    let screen = app.draw(120, 40);
    assert!(screen.contains("Tất cả vụ việc"), "{screen}");
    assert!(
        screen.contains("3 vụ việc: 2 tiếp nhận · 0 đang xử lý · 1 kết luận · ⚠ 1 quá hạn"),
        "{screen}"
    );
    for w in [80, 120] {
        let hints = app.hint_bar(w);
        assert!(hints.ends_with("3 vụ việc · ⚠ 1 quá hạn"), "{hints}");
    }
    // Overdue only.
    app.keys("o");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Lọc: ⚠ quá hạn"), "{screen}");
    assert!(
        screen.contains("Đơn tố cáo về đất đai") && !screen.contains("Kiểm tra Đảng bộ"),
        "{screen}"
    );
    assert!(app.hint_bar(120).contains("1 vụ việc"));
    // Esc clears every filter.
    app.keys("<esc>");
    assert!(app.draw(120, 40).contains("Kiểm tra Đảng bộ phường Hàng Bạc"));
    // The filter form: status concluded (the 4th option), within Hoàn Kiếm.
    app.keys("/");
    app.keys("<tab><right><right><right><tab>hk<enter>");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Đã kết luận") && screen.contains("Trong phạm vi (mã) HK"),
        "{screen}"
    );
    assert!(
        screen.contains("Kiểm tra Đảng bộ phường Hàng Bạc") && !screen.contains("Đơn tố cáo về"),
        "{screen}"
    );
    // Year opened: 2025 only, within Ba Đình (kind and status back to all).
    app.keys("/<tab><right><tab><c-u>BD<tab>2025<enter>");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Khiếu nại của đảng viên") && !screen.contains("Đơn tố cáo về"),
        "{screen}"
    );
    // A year that is not a number: refused with the field named.
    app.keys("/<tab><tab><tab><c-u>20x5<enter>");
    assert!(app.draw(120, 40).contains("✗ Năm mở: '20x5'"));
    app.keys("<esc>");
    assert_eq!(app.active_layer(), Some(Layer::Cases));
}

#[test]
fn overdue_is_marked_in_words_not_colour_alone() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = with_cases(lang);
        app.goto(ScreenId::Cases);
        let mark = match lang {
            Lang::Vi => "⚠ quá hạn",
            Lang::En => "⚠ overdue",
        };
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = app.draw(w, h);
            let marked: Vec<&str> = screen.lines().filter(|l| l.contains(mark) && l.contains('#')).collect();
            assert_eq!(marked.len(), 1, "{screen}");
            assert!(marked[0].contains("#1"), "{screen}");
        }
    }
}

#[test]
fn the_detail_shows_history_and_an_update_moves_the_status_forward() {
    let mut app = with_cases(Lang::Vi);
    app.goto(ScreenId::Cases);
    // Newest first: #3 (2025), #2, #1. Down twice to #1.
    app.keys("jj<enter>");
    assert_eq!(app.active_layer(), Some(Layer::CaseDetail));
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("#1 Đơn tố cáo về đất đai") && screen.contains("⚠ quá hạn"),
        "{screen}"
    );
    assert!(screen.contains("20/03/2024 Đã tiếp nhận — bởi thu.ky"), "{screen}");
    // Esc on the update form goes back to the case.
    app.keys("e<esc>");
    assert_eq!(app.active_layer(), Some(Layer::CaseDetail));
    // Update: in progress from 01/07/2024, an outcome typed.
    app.keys("e");
    assert_eq!(app.active_layer(), Some(Layer::Form));
    app.keys("<right><tab><c-u>01/07/2024<tab>Đã xác minh xong<enter>");
    assert_eq!(app.active_layer(), Some(Layer::CaseDetail), "{}", app.draw(120, 40));
    let screen = app.draw(120, 40);
    assert!(screen.contains("01/07/2024 Đang xử lý — bởi thu.ky"), "{screen}");
    assert!(screen.contains("Kết quả: Đã xác minh xong"), "{screen}");
    // The list row follows.
    app.keys("<esc>");
    let row = app.draw(120, 40).lines().find(|l| l.contains("#1")).unwrap().to_string();
    assert!(row.starts_with("│›#1") && row.contains("Đang xử lý"), "{row}");
    // A discipline that does not fit its subject: giải tán for a member.
    app.keys("e<tab><tab><tab><tab><tab>");
    app.keys("<right><right><right><right><right><right><tab><right><right><tab>Nguyễn Văn Bình<enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("✗ Hình thức kỷ luật: discipline = 'giai_tan'"), "{screen}");
    assert_eq!(app.active_layer(), Some(Layer::Form));
    // Khiển trách fits: saved.
    // The cursor is on the field refused: three steps from giải tán round to khiển trách.
    app.keys("<right><right><right><enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Kỷ luật: khiển trách — đảng viên Nguyễn Văn Bình"), "{screen}");
}

#[test]
fn changes_by_others_refresh_the_list_without_moving_the_cursor() {
    let mut app = with_cases(Lang::En);
    app.goto(ScreenId::Cases);
    app.keys("j");
    let selected = |app: &mut TuiApp| {
        app.draw(120, 40)
            .lines()
            .find(|l| l.starts_with("│›"))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(selected(&mut app).contains("#2"), "{}", selected(&mut app));
    // Someone adds a newer case (it sorts first): the cursor stays on #2.
    add(&mut app, "HK.02", CaseKind::HotSpot, "Điểm nóng ở bệnh viện", (2025, 2, 1), None);
    app.poll_background();
    let screen = app.draw(120, 40);
    assert!(screen.contains("Điểm nóng ở bệnh viện"), "{screen}");
    assert!(selected(&mut app).contains("#2"), "{screen}");
    assert!(app.hint_bar(120).contains("4 cases"));
}

#[test]
fn the_registers_detail_lists_the_organisations_cases() {
    let mut app = with_cases(Lang::Vi);
    // The tree: HN, BD (open), BD.01 …: go to BD.01.
    app.keys("<c-f>ba dinh co quan");
    app.settle();
    app.keys("<enter>");
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Vụ việc: 1 · 1 ⚠ quá hạn"), "{screen}");
    assert!(screen.contains("#1 20/03/2024 Đã tiếp nhận ⚠ quá hạn"), "{screen}");
    assert!(screen.contains("    Đơn tố cáo về đất đai ở phường Ba Đình"), "{screen}");
}

#[test]
fn the_palette_finds_an_organisation_and_a_case_typed_without_diacritics() {
    let mut app = with_cases(Lang::Vi);
    // A case: Enter opens it on the case screen.
    app.keys("<c-f>dat dai ba dinh");
    app.settle();
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("#1") && screen.contains("Đơn tố cáo về đất đai ở phường Ba Đình"),
        "{screen}"
    );
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Cases);
    assert_eq!(app.active_layer(), Some(Layer::CaseDetail));
    assert!(app.draw(120, 40).contains("#1 Đơn tố cáo về đất đai"));
    // An organisation, from the case screen: the register shows it.
    app.keys("<esc><c-f>HANG BAC");
    app.settle();
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    assert_eq!(app.selected_org().unwrap().1, "HK.01");
}

#[test]
fn search_from_the_grid_jumps_to_the_row_in_the_grid() {
    let mut app = TuiApp::fixture_of(common::tui::Fixture::Classified, Lang::En, day(2026, 3, 15), 2024);
    app.goto(ScreenId::Classification);
    app.keys("<c-f>hang bac");
    app.settle();
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Classification, "{}", app.draw(120, 40));
    let screen = app.draw(120, 40);
    let row = screen.lines().find(|l| l.contains('›')).unwrap_or_default();
    assert!(row.contains("Hàng Bạc"), "{screen}");
}

#[test]
fn snapshots_of_the_list_the_detail_and_the_update_form() {
    for lang in [Lang::Vi, Lang::En] {
        let l = common::tui::lang_tag(lang);
        let mut app = with_cases(lang);
        app.goto(ScreenId::Cases);
        app.keys("jj");
        for (w, h) in common::tui::SIZES {
            insta::assert_snapshot!(format!("cases_list_{l}_{w}x{h}"), app.draw(w, h));
        }
        app.keys("<enter>");
        for (w, h) in common::tui::SIZES {
            insta::assert_snapshot!(format!("cases_detail_{l}_{w}x{h}"), app.draw(w, h));
        }
        app.keys("e");
        for (w, h) in common::tui::SIZES {
            insta::assert_snapshot!(format!("cases_update_{l}_{w}x{h}"), app.draw(w, h));
        }
    }
}

/// The list is asked a window at a time: the last of many cases is reached
/// with `G` and the first again with `g`.
#[test]
fn a_long_list_scrolls_through_windows() {
    let mut app = TuiApp::fixture(Lang::En);
    for i in 1..=70u32 {
        add(
            &mut app,
            "BD.01.01",
            CaseKind::Supervision,
            &format!("Giám sát lần {i}"),
            (2024, 1 + (i - 1) / 28, 1 + (i - 1) % 28),
            None,
        );
    }
    app.poll_background();
    app.goto(ScreenId::Cases);
    let sel = |app: &mut TuiApp| {
        app.draw(80, 24)
            .lines()
            .find(|l| l.starts_with("│›"))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(sel(&mut app).contains("#70"), "{}", app.draw(80, 24));
    app.keys("G");
    assert!(sel(&mut app).contains("#1 "), "{}", app.draw(80, 24));
    app.keys("<pgup>");
    let s = sel(&mut app);
    assert!(s.contains("Giám sát lần"), "{}", app.draw(80, 24));
    app.keys("g");
    assert!(sel(&mut app).contains("#70"), "{}", app.draw(80, 24));
    assert!(app.hint_bar(80).contains("70 cases"));
}
