//! The register screen's reorganisations on the shared harness: merge,
//! dissolve and move-all-children ask for confirmation with what moves and
//! ends; `u` undoes the clerk's last register change; `K` changes the kind;
//! the add form takes the founding decision and its date; an empty register
//! offers the root's form. The store is checked through service reads.

mod common;

use common::tui::{day, Drive, TuiApp};
use thuky::domain::{Lang, OrgKind};
use thuky::service::api::{OrgDetail, Request, Response};

/// code → parent code in the tree of `at`.
fn parents(app: &mut TuiApp, at: chrono::NaiveDate) -> std::collections::BTreeMap<String, String> {
    let Ok(Response::Tree(t)) = app.backend().call(Request::Tree { at, year: None }) else {
        panic!()
    };
    let code: std::collections::HashMap<u32, String> = t.nodes.iter().map(|n| (n.id, n.code.clone())).collect();
    t.nodes
        .iter()
        .map(|n| (n.code.clone(), n.parent.and_then(|p| code.get(&p).cloned()).unwrap_or_default()))
        .collect()
}

fn org(app: &mut TuiApp, code: &str) -> OrgDetail {
    let Ok(Response::Org(o)) = app.backend().call(Request::Org {
        code: code.into(),
        at: day(2025, 3, 15),
        year: 2024,
    }) else {
        panic!()
    };
    *o
}

fn audit_len(app: &mut TuiApp) -> usize {
    let Ok(Response::AuditList(v)) = app.backend().call(Request::AuditList(Default::default())) else {
        panic!()
    };
    v.len()
}

/// The fixture's today.
fn today() -> chrono::NaiveDate {
    day(2025, 3, 15)
}

#[test]
fn a_merge_asks_for_confirmation_showing_what_moves_and_ends() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = TuiApp::fixture(lang);
        app.keys("jjljj"); // BD.01, a grassroots committee with two cells
        assert_eq!(app.selected_org().unwrap().1, "BD.01");
        let audit = audit_len(&mut app);
        app.keys("M");
        app.keys("HK.01");
        app.keys("<enter>");
        let s = app.draw(80, 24);
        insta::assert_snapshot!(format!("register_merge_confirm_{}_80x24", common::tui::lang_tag(lang)), s);
        if lang == Lang::Vi {
            assert!(s.contains("Chuyển 2 tổ chức (56 đảng viên)"), "{s}");
            assert!(s.contains("Kết thúc 1 tổ chức: BD.01"), "{s}");
        }
        assert_eq!(audit_len(&mut app), audit, "nothing written before the confirmation");
        // Esc goes back to the form, still nothing written.
        app.keys("<esc>");
        assert!(app.capturing(), "the form is open again");
        assert_eq!(audit_len(&mut app), audit);
        // Enter, then Enter in the confirmation: written.
        app.keys("<enter>");
        app.keys("<enter>");
        assert!(!app.capturing());
        assert_eq!(audit_len(&mut app), audit + 1);
        let p = parents(&mut app, today());
        assert!(!p.contains_key("BD.01"), "BD.01 ended");
        assert_eq!(p["BD.01.01"], "HK.01");
        assert_eq!(p["BD.01.02"], "HK.01");
    }
}

#[test]
fn a_dissolution_is_confirmed_with_y_and_cancelled_with_n() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("jjlj"); // BD.02, a grassroots cell with nothing under it
    assert_eq!(app.selected_org().unwrap().1, "BD.02");
    app.keys("X");
    app.keys("<enter>");
    assert!(app.draw(100, 30).contains("Kết thúc 1 tổ chức: BD.02 Chi bộ Trường THCS Ba Đình"));
    app.keys("n");
    assert!(parents(&mut app, today()).contains_key("BD.02"));
    app.keys("<enter>");
    app.keys("y");
    assert!(!parents(&mut app, today()).contains_key("BD.02"));
    // A refusal by the service keeps the form open with the reason (no confirmation).
    let mut app = TuiApp::fixture(Lang::En);
    app.keys("jjljj"); // BD.01 with two cells
    app.keys("X");
    app.keys("<enter>");
    assert!(app.capturing());
    assert!(app.draw(100, 30).contains("still has 2 organisations under it"));
}

#[test]
fn u_undoes_the_last_register_change_and_again_redoes_it() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("u");
    assert!(app.msg().contains("Chưa có thay đổi sổ nào"), "{}", app.msg());
    app.keys("jjljj"); // BD.01
    let before = parents(&mut app, today());
    app.keys("MHK.01<enter><enter>");
    assert_ne!(parents(&mut app, today()), before);
    let audit = audit_len(&mut app);
    app.keys("u");
    assert_eq!(parents(&mut app, today()), before, "{}", app.msg());
    assert_eq!(audit_len(&mut app), audit + 1, "the undo is an audited change");
    assert!(app.msg().contains("Đã hoàn tác"), "{}", app.msg());
    let history: Vec<String> = org(&mut app, "BD.01").history.iter().map(|h| h.label_vi.clone()).collect();
    assert_eq!(history.last().unwrap(), "Khôi phục (hoàn tác)");
    app.keys("u");
    assert!(!parents(&mut app, today()).contains_key("BD.01"), "undoing the undo merges again");
}

#[test]
fn move_all_children_and_change_of_kind_from_the_tree() {
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("jjljj"); // BD.01
    app.keys("CHK.01<enter>");
    assert!(app.draw(100, 30).contains("Chuyển 2 tổ chức (56 đảng viên)"));
    app.keys("<enter>");
    let p = parents(&mut app, today());
    assert_eq!((p["BD.01.01"].as_str(), p["BD.01.02"].as_str()), ("HK.01", "HK.01"));
    assert_eq!(p["BD.01"], "BD", "the organisation itself stays");
    // K on BD.02 (a grassroots cell under a ward committee): the only other
    // kind allowed there is a grassroots committee.
    app.keys("<esc>");
    let mut app = TuiApp::fixture(Lang::Vi);
    app.keys("jjlj");
    assert_eq!(app.selected_org().unwrap().1, "BD.02");
    app.keys("K");
    assert!(app.draw(100, 30).contains("Đảng bộ cơ sở"));
    app.keys("<tab><tab>12-QĐ/TU<enter>");
    assert!(!app.capturing(), "{}", app.draw(100, 30));
    let o = org(&mut app, "BD.02");
    assert_eq!(o.kind, OrgKind::GrassrootsCommittee);
    assert_eq!(o.history.last().unwrap().decision.as_deref(), Some("12-QĐ/TU"));
    // Undone like any register change.
    app.keys("u");
    assert_eq!(org(&mut app, "BD.02").kind, OrgKind::GrassrootsCell);
}

#[test]
fn the_add_form_takes_the_founding_decision_and_its_date() {
    let mut app = TuiApp::fixture(Lang::Vi);
    // The year of today (15/03/2025), whose tree shows what is founded today.
    app.keys("]");
    app.keys("jjljj"); // BD.01
    app.keys("a");
    app.keys("Chi bộ Khu dân cư số 3");
    // Name → Code → Members → Date → Decision → Decision date.
    app.keys("<tab><tab><tab><tab>77-QĐ/ĐU<tab>05/03/2025<enter>");
    assert!(!app.capturing(), "{}", app.draw(100, 30));
    let o = org(&mut app, "BD.01.03");
    assert_eq!(o.founding_ref, "77-QĐ/ĐU");
    assert_eq!(o.founding_date, Some(day(2025, 3, 5)));
    // A bad decision date is named and nothing is written.
    app.keys("kkk"); // back to BD.01
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    app.keys("aChi bộ số 4<tab><tab><tab><tab>1-QĐ<tab>32/13/2025<enter>");
    assert!(app.capturing());
    assert!(app.draw(100, 30).contains("Ngày quyết định"));
}

#[test]
fn an_empty_register_offers_the_root_form() {
    let mut app = TuiApp::empty(Lang::Vi);
    app.keys("e"); // start empty
    assert!(!app.has_modal());
    // The year of today (15/03/2025): its tree shows what is founded today.
    app.keys("]");
    assert!(app.draw(80, 24).contains("nhấn a để lập Đảng bộ Thành phố"));
    app.keys("a");
    assert!(app.capturing(), "the root's form is open");
    let s = app.draw(80, 24);
    insta::assert_snapshot!("register_root_form_vi_80x24", s);
    app.keys("Đảng bộ Thành phố Hà Nội<tab><c-u>HN<tab><tab><tab>01-QĐ/TW<tab>03/02/1930<enter>");
    assert!(!app.capturing(), "{}", app.draw(80, 24));
    let o = org(&mut app, "HN");
    assert_eq!((o.kind, o.name.as_str()), (OrgKind::City, "Đảng bộ Thành phố Hà Nội"));
    assert_eq!(o.founding_ref, "01-QĐ/TW");
    assert_eq!(o.founding_date, Some(day(1930, 2, 3)));
    assert_eq!(app.selected_org().unwrap().1, "HN", "the new root is selected");
    // In English too; Esc closes it.
    let mut app = TuiApp::empty(Lang::En);
    app.keys("e");
    assert!(app.draw(80, 24).contains("press a to found the city committee"));
    app.keys("a");
    assert!(app.draw(80, 24).contains("Found the city committee"));
    app.keys("<esc>");
    assert!(!app.capturing());
}
