//! Issue 11 item 7: the tree's date follows the selected year unless the
//! clerk sets one (then it is pinned until cleared in the date popup with
//! Ctrl-R or an empty date); the header keeps the year and the date at 80x24.

mod common;

use common::tui::{day, lang_tag, Drive, TuiApp};
use thuky::domain::Lang;

/// The header line (the tab bar) at 80 columns.
fn header(app: &mut TuiApp) -> String {
    app.draw(80, 24).lines().next().unwrap_or_default().to_string()
}

#[test]
fn changing_the_year_moves_the_tree_date_to_its_reference_day() {
    // Today 15/03/2025, opened on 2024: the tree of 2024's last day, not today's.
    let mut app = TuiApp::fixture(Lang::Vi);
    assert_eq!(app.year(), 2024);
    assert_eq!(app.at(), day(2024, 12, 31));
    assert!(!app.at_pinned());
    app.keys("]");
    assert_eq!(app.year(), 2025);
    assert_eq!(app.at(), day(2025, 3, 15), "the current year: today");
    app.keys("[[");
    assert_eq!(app.year(), 2023);
    assert_eq!(app.at(), day(2023, 12, 31));
    assert!(header(&mut app).contains("2023·31/12/2023"), "{}", header(&mut app));
}

#[test]
fn a_date_set_by_the_clerk_stays_when_the_year_changes_until_cleared() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("t<c-u>1/6/2023<enter>");
    assert!(!app.has_modal());
    assert_eq!(app.at(), day(2023, 6, 1));
    assert!(app.at_pinned());
    app.keys("]");
    assert_eq!(app.year(), 2025);
    assert_eq!(app.at(), day(2023, 6, 1), "pinned: the year change keeps it");
    assert!(app.draw(120, 40).contains("Năm 2025 · Ghim ngày 01/06/2023"));
    // Ctrl-R in the date popup: the date follows the year again.
    app.keys("t<c-r>");
    assert!(!app.has_modal());
    assert!(!app.at_pinned());
    assert_eq!(app.at(), day(2025, 3, 15));
    app.keys("[");
    assert_eq!(app.at(), day(2024, 12, 31));
    // Pinned again, then cleared with an empty date.
    app.keys("t<c-u>2/1/2024<enter>");
    assert!(app.at_pinned());
    app.keys("[");
    assert_eq!(app.at(), day(2024, 1, 2));
    app.keys("t<c-u><enter>");
    assert!(!app.at_pinned());
    assert_eq!(app.at(), day(2023, 12, 31));
}

#[test]
fn the_header_keeps_the_year_and_the_date_at_80x24() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = TuiApp::fixture(lang);
        let h = header(&mut app);
        assert!(h.contains("2024·31/12/2024"), "{h}");
        app.keys("t<c-u>1/6/2023<enter>");
        let h = header(&mut app);
        assert!(h.contains("2024·01/06/2023*"), "{h}");
        insta::assert_snapshot!(format!("treedate_pinned_{}_80x24", lang_tag(lang)), app.draw(80, 24));
        app.keys("t<c-r>");
        insta::assert_snapshot!(format!("treedate_follows_{}_80x24", lang_tag(lang)), app.draw(80, 24));
    }
}

/// A change made in a form, dated after the tree shown (a past year's
/// 31/12), says where it shows: the clerk does not look for it in vain.
#[test]
fn a_change_dated_after_the_tree_shown_says_so() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("jjljj");
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    app.keys("r<c-u>Đảng bộ Cơ quan Ba Đình");
    app.keys("<enter>");
    assert!(!app.capturing(), "{:?}", app.message());
    let m = app.message().unwrap().text.clone();
    assert!(m.contains("từ 15/03/2025, sau ngày đang xem 31/12/2024"), "{m}");
    // In the current year the tree is today's: nothing to add.
    app.keys("]r<c-u>Đảng bộ Cơ quan phường Ba Đình<tab><c-u>15/03/2025<enter>");
    let m = app.message().unwrap().text.clone();
    assert!(!m.contains("sau ngày đang xem"), "{m}");
}
