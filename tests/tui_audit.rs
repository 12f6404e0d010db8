//! Issue 11 item 9: the audit log (Nhật ký) speaks the UI language, from the
//! entries' structured data: the action's name from the catalogue, the
//! detail as "field: before → after" (no raw JSON), a score change with its
//! scores; the log is filtered by user, organisation and date range (in the
//! service, keys in the hint bar); the headers are whole at 120 columns.

mod common;

use common::tui::{day, mask_now, Drive, TuiApp};
use thuky::domain::Lang;
use thuky::service::api::{ClassifyInput, Request};
use thuky::tui::screens::ScreenId;
use thuky::tui::App;

fn score(app: &mut App, code: &str, s: f64) {
    app.backend()
        .call(Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year: 2025,
            level: None,
            score: Some(s),
            members: None,
            decision: None,
            decided: None,
            note: None,
            keep_rest: true,
            base_version: None,
        }))
        .unwrap();
}

/// The fixture with a score written twice and a cell dissolved, on the log.
fn logged(lang: Lang) -> TuiApp {
    let mut app = TuiApp::fixture(lang);
    score(&mut app, "HK.02", 63.2);
    score(&mut app, "HK.02", 70.0);
    app.backend()
        .call(Request::OrgDissolve {
            code: "BD.01.02".into(),
            at: day(2025, 12, 25),
            decision: Some("12-QĐ/ĐU".into()),
            base_version: None,
        })
        .unwrap();
    app.poll_background();
    app.goto(ScreenId::Audit);
    app
}

#[test]
fn the_log_speaks_the_ui_language() {
    let mut app = logged(Lang::Vi);
    let s = app.draw(120, 40);
    assert!(s.contains("Giải thể") && s.contains("Giải thể: 25/12/2025"), "{s}");
    assert!(s.contains("Mức/điểm: HT 63,2 → HTT 70"), "{s}");
    assert!(s.contains("Mức/điểm: HT 63,2"), "{s}");
    for english in ["dissolve", "org.dissolve", "classify.set", " from "] {
        assert!(!s.contains(english), "{english:?} in the Vietnamese log:\n{s}");
    }
    // The headers are whole at 120 columns, in both languages.
    let header = s.lines().nth(2).unwrap();
    for h in ["Thời điểm", "Người", "Thao tác", "Tổ chức", "Nội dung"] {
        assert!(header.contains(h), "{h:?}: {header}");
    }
    insta::assert_snapshot!("audit_log_vi_120x40", mask_now(&s));
    // The detail: field: before → after, no JSON.
    app.keys("<enter>");
    let d = app.draw(120, 40);
    assert!(d.contains("Giải thể (org.dissolve)") && d.contains("Giải thể: 25/12/2025"), "{d}");
    assert!(d.contains("Quyết định: 12-QĐ/ĐU"), "{d}");
    assert!(!d.contains('{') && !d.contains("\"events\""), "raw JSON:\n{d}");
    app.keys("<esc>j<enter>");
    let d = app.draw(80, 24);
    assert!(d.contains("Mức/điểm: HT 63,2 → HTT 70"), "{d}");
    insta::assert_snapshot!("audit_detail_score_vi_80x24", mask_now(&d));
    app.keys("<esc>");

    let mut app = logged(Lang::En);
    let s = app.draw(120, 40);
    assert!(
        s.contains("Level/score: HT 63.2 → HTT 70") && s.contains("Dissolved: 25/12/2025"),
        "{s}"
    );
    let header = s.lines().nth(2).unwrap();
    for h in ["When", "Who", "Action", "Org", "Summary"] {
        assert!(header.contains(h), "{h:?}: {header}");
    }
}

/// The log's rows as drawn (each starts with its time).
fn listed(app: &mut App) -> Vec<String> {
    app.draw(160, 40)
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter(|l| l.chars().nth(3) == Some('/') && l.chars().nth(6) == Some('/'))
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn the_log_is_filtered_by_user_organisation_and_dates() {
    let mut app = logged(Lang::Vi);
    let hints = app.hint_bar(120);
    assert!(
        hints.contains("w người") && hints.contains("o tổ chức") && hints.contains("d ngày"),
        "{hints}"
    );
    let n = listed(&mut app).len();
    assert_eq!(n, 4, "the fixture's load and three writes");
    // By user.
    app.keys("w").keys("fixture<enter>");
    let rows = listed(&mut app);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains(" fixture "), "{rows:?}");
    assert!(app.draw(120, 40).contains("người: fixture"));
    // By organisation (a code typed in lower case), the user filter kept.
    app.keys("w<c-u>thu.ky<enter>").keys("o").keys("hk.02<enter>");
    let rows = listed(&mut app);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.contains(" HK.02 ") && r.contains(" thu.ky ")), "{rows:?}");
    // c clears every filter.
    app.keys("c");
    assert_eq!(listed(&mut app).len(), n);
    // By dates: the fixture was loaded on 2/1/2024, the writes are of today.
    app.keys("d").keys("01/01/2024-31/01/2024<enter>");
    let rows = listed(&mut app);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("fixture.load"), "{rows:?}");
    app.keys("d<c-u>02/01/2024<enter>");
    assert_eq!(listed(&mut app).len(), n, "from a day on");
    // A range that cannot be read is refused with the reason; the input stays open.
    app.keys("d<c-u>31/12/2025-01/01/2025<enter>");
    assert!(app.capturing());
    assert!(app.msg().contains("khoảng ngày"), "{}", app.msg());
    // Esc clears the filter being typed.
    app.keys("<esc>");
    assert!(!app.capturing());
    assert_eq!(listed(&mut app).len(), n);
    // Nothing matches: said so.
    app.keys("w").keys("nobody<enter>");
    assert!(listed(&mut app).is_empty());
    assert!(app.draw(80, 24).contains("Không có mục nào khớp"));
}

#[test]
fn the_service_filters_and_pages_the_log() {
    use thuky::service::api::{AuditQuery, Response};
    let mut app = logged(Lang::En);
    let mut call = |q: AuditQuery| match app.backend().call(Request::AuditList(q)).unwrap() {
        Response::AuditList(v) => v,
        _ => unreachable!(),
    };
    let all = call(AuditQuery::default());
    assert_eq!(all.len(), 4);
    let page = call(AuditQuery {
        offset: Some(1),
        limit: Some(2),
        ..Default::default()
    });
    assert_eq!(
        page.iter().map(|e| e.seq).collect::<Vec<_>>(),
        all[1..3].iter().map(|e| e.seq).collect::<Vec<_>>()
    );
    let until = call(AuditQuery {
        until: Some(day(2024, 12, 31)),
        ..Default::default()
    });
    assert_eq!(until.len(), 1);
}

/// A move names the new parent by its code, with the date.
#[test]
fn a_move_names_the_new_parent() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.backend()
        .call(Request::OrgMove {
            code: "BD.02".into(),
            parent: "HK".into(),
            at: day(2025, 1, 1),
            decision: None,
            base_version: None,
        })
        .unwrap();
    app.poll_background();
    app.goto(ScreenId::Audit);
    let s = app.draw(120, 40);
    assert!(s.contains("Chuyển") && s.contains("Chuyển sang: HK, từ 01/01/2025"), "{s}");
}
