//! The Kết nạp screen on the shared harness: counts typed as in a
//! spreadsheet and checked through the service, a refusal that keeps the
//! cell, a pasted 12-month block with its preview, undo, targets, the
//! dashboard's drill-down and its snapshots.

mod common;

use common::tui::{day, lang_tag, Drive, Fixture, TuiApp, LANGS, SIZES};
use thuky::domain::admissions_grid::{GridLine, GridView};
use thuky::domain::Lang;
use thuky::service::api::{GridQuery, Request, Response};
use thuky::tui::keymap::Layer;
use thuky::tui::screens::ScreenId;
use thuky::tui::App;

/// The register fixture on 2025, on the Kết nạp grid. Its lines: 0 KCQ,
/// 1 KCQ.01, 2 BD, 3 BD.02, 4 BD.01, 5 HK, 6 HK.02, 7 HK.01.
fn grid_app(lang: Lang) -> TuiApp {
    let mut app = TuiApp::fixture_of(Fixture::Register, lang, day(2025, 3, 15), 2025);
    app.goto(ScreenId::Admissions);
    app
}

/// The whole grid of 2025 as the service has it.
fn service_grid(app: &mut App) -> GridView {
    match app.backend().call(Request::AdmissionGrid(GridQuery {
        year: 2025,
        limit: Some(2000),
        ..Default::default()
    })) {
        Ok(Response::AdmissionGrid(g)) => *g,
        other => panic!("{other:?}"),
    }
}

/// An organisation's 12 cells and a committee's total.
fn cells(g: &GridView, code: &str) -> [Option<u32>; 12] {
    g.lines
        .iter()
        .find_map(|l| match l {
            GridLine::Org { code: c, cells, .. } if c == code => Some(*cells),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no row {code}"))
}

fn committee_total(g: &GridView, code: &str) -> u64 {
    g.lines
        .iter()
        .find_map(|l| match l {
            GridLine::Committee { code: c, total, .. } if c == code => Some(*total),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no committee {code}"))
}

#[test]
fn a_month_entered_for_several_organisations_adds_up() {
    let mut app = grid_app(Lang::Vi);
    // March for KCQ.01, then (past the BD heading) BD.02 and BD.01.
    app.keys("j<right><right>7<enter>j12<enter>3<enter>");
    let g = service_grid(&mut app);
    assert_eq!(cells(&g, "KCQ.01")[2], Some(7));
    assert_eq!(cells(&g, "BD.02")[2], Some(12));
    assert_eq!(cells(&g, "BD.01")[2], Some(3));
    assert_eq!(g.by_month[2], 22);
    assert_eq!(g.total, 22);
    assert_eq!(committee_total(&g, "BD"), 15);
    assert_eq!(committee_total(&g, "KCQ"), 7);
    // The screen's totals follow: the footer's March and year, in vi format.
    let screen = app.draw(80, 24);
    let foot = screen.lines().find(|l| l.starts_with("Cộng phạm vi")).unwrap().to_string();
    assert!(foot.contains("   22") && foot.trim_end().ends_with("22"), "{foot}");
    assert!(app.msg().starts_with("✓ Đã ghi BD.01"), "{}", app.msg());
}

#[test]
fn the_first_digit_replaces_the_cell_and_backspace_edits_it() {
    let mut app = grid_app(Lang::En);
    app.keys("j45<enter>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(45));
    // Back on the cell: "8" replaces 45 (not 458).
    app.keys("k8<enter>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(8));
    // Backspace edits what is there: 8 → "" → "3".
    app.keys("k<bs>");
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    app.keys("3<tab>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(3));
    // Esc cancels a cell: nothing written.
    app.keys("<left>9<esc>");
    assert_eq!(app.active_layer(), Some(Layer::Admissions));
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(3));
    // Leaving a cell emptied by Backspace is refused with the reason, the cell kept.
    app.keys("<bs><enter>");
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    assert!(app.msg().contains("KCQ.01 month 1") && app.msg().contains("empty"), "{}", app.msg());
    app.keys("<esc>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(3));
}

#[test]
fn a_refused_value_keeps_the_cell_with_the_reason() {
    let mut app = grid_app(Lang::En);
    app.keys("j2000000<enter>");
    // The service refuses more than 1,000,000: the cell stays open with what was typed.
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    let msg = app.msg();
    assert!(msg.starts_with("✗ KCQ.01 month 1:") && msg.contains("1,000,000"), "{msg}");
    assert!(app.draw(120, 40).contains("000_"));
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(0));
    // A committee's line and a month an organisation did not exist in take no entry.
    app.keys("<esc>k5");
    assert_eq!(app.active_layer(), Some(Layer::Admissions));
    assert!(app.msg().contains("committee line"), "{}", app.msg());
    assert_eq!(service_grid(&mut app).total, 0);
}

#[test]
fn a_letter_typed_into_a_count_is_refused_by_name_and_the_digits_stay() {
    let mut app = grid_app(Lang::En);
    app.keys("j4x");
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    let msg = app.msg();
    assert!(msg.contains("«x»") && msg.contains("whole number"), "{msg}");
    app.keys("2<enter>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(42));
}

#[test]
fn ctrl_c_quits_from_a_cell_and_from_a_popup_saving_nothing_typed() {
    let mut app = grid_app(Lang::En);
    app.keys("j45");
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    app.keys("<c-c>");
    assert!(app.should_quit());
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(0));
    // The search palette and help are inputs and popups of their own.
    for open in ["<c-f>ba", "?"] {
        let mut app = grid_app(Lang::En);
        app.keys(open);
        assert!(app.has_modal(), "{open}");
        app.keys("<c-c>");
        assert!(app.should_quit(), "{open}");
    }
}

#[test]
fn a_twelve_month_block_is_pasted_after_a_preview_and_undone() {
    let mut app = grid_app(Lang::En);
    // From BD.02, January: two rows of 12 months (Excel's CR LF).
    app.keys("jjj");
    let row1: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
    let text = format!("{}\r\n{}\r\n", row1.join("\t"), ["2"; 12].join("\t"));
    app.handle_paste(text);
    assert_eq!(app.active_layer(), Some(Layer::Paste));
    let preview = app.draw(120, 40);
    assert!(
        preview.contains("preview") && preview.contains("BD.02") && preview.contains("24 cells"),
        "{preview}"
    );
    // Nothing is written before the confirmation.
    assert_eq!(service_grid(&mut app).total, 0);
    app.keys("<enter>");
    let g = service_grid(&mut app);
    assert_eq!(cells(&g, "BD.02"), std::array::from_fn(|m| Some(m as u32 + 1)));
    assert_eq!(cells(&g, "BD.01"), [Some(2); 12]);
    assert_eq!(committee_total(&g, "BD"), 78 + 24);
    assert!(app.msg().contains("Pasted 24 cells"), "{}", app.msg());
    // One undo takes the whole block back.
    app.keys("u");
    let g = service_grid(&mut app);
    assert_eq!(g.total, 0, "{}", app.msg());
    // A bad value: the preview says where, and nothing is written.
    app.handle_paste("1\t2\nx\t4\n".into());
    assert!(app.draw(120, 40).contains("line 2, month 1: 'x'"));
    app.keys("<enter>");
    assert_eq!(service_grid(&mut app).total, 0);
    assert!(app.msg().contains("Nothing pasted"), "{}", app.msg());
}

#[test]
fn a_cell_is_undone_by_an_audited_reverse_write() {
    let mut app = grid_app(Lang::En);
    app.keys("j4<enter>k9<enter>");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(9));
    app.keys("u");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(4));
    app.keys("u");
    assert_eq!(cells(&service_grid(&mut app), "KCQ.01")[0], Some(0));
    assert!(app.msg().contains("Undone"));
    app.keys("u");
    assert!(app.msg().contains("Nothing to undo"));
    // Each write and each undo is in the audit log.
    let log = match app.backend().call(Request::AuditList(Default::default())) {
        Ok(Response::AuditList(l)) => l,
        other => panic!("{other:?}"),
    };
    assert_eq!(log.iter().filter(|e| e.action == "admit.set").count(), 4);
}

#[test]
fn the_plan_and_an_allocation_are_set_here() {
    let mut app = grid_app(Lang::En);
    // On an organisation's line: the plan and range.
    app.keys("jp");
    assert_eq!(app.active_layer(), Some(Layer::Form));
    assert!(app.draw(120, 40).contains("Admissions plan for"));
    app.keys("9000 8.000-10.000<enter>");
    assert!(app.msg().contains("Target saved"), "{}", app.msg());
    // On a committee line: its allocation.
    app.keys("kp");
    assert!(app.draw(120, 40).contains("Allocation for KCQ"));
    app.keys("350<enter>");
    let screen = app.draw(120, 40);
    let title = screen.lines().nth(1).unwrap();
    assert!(title.contains("plan 9,000") && title.contains("range 8,000–10,000"), "{title}");
    assert!(title.contains("allocations 350 (−8,650)"), "{title}");
    // A range upside down is refused with the service's reason.
    app.keys("jp10000-9000<enter>");
    assert_eq!(app.active_layer(), Some(Layer::Form));
    assert!(app.msg().contains("low end"), "{}", app.msg());
    app.keys("<esc>");
    assert_eq!(app.active_layer(), Some(Layer::Admissions));
}

#[test]
fn the_dashboard_drills_into_a_committee() {
    let mut app = TuiApp::demo(Lang::En, 2025);
    app.goto(ScreenId::Admissions);
    app.keys("d");
    assert_eq!(app.active_layer(), Some(Layer::AdmDash));
    let screen = app.draw(120, 40);
    assert!(screen.contains("Committees by share of allocation"), "{screen}");
    // The first committee ranked, then Enter: the grid of its organisations.
    let first = screen
        .lines()
        .find(|l| l.starts_with('›'))
        .and_then(|l| l[3..].split_whitespace().next().map(str::to_string))
        .expect("a committee selected");
    app.keys("<enter>");
    assert_eq!(app.active_layer(), Some(Layer::Admissions));
    let grid = app.draw(120, 40);
    assert!(grid.lines().nth(1).unwrap().contains(&format!("· {first}")), "{grid}");
    // Only that committee's heading (organisations are indented under it).
    let headings: Vec<&str> = grid
        .lines()
        .skip(3)
        .take_while(|l| !l.starts_with("Scope total"))
        .filter(|l| !l.starts_with("   ") && !l.trim().is_empty())
        .collect();
    assert!(!headings.is_empty() && headings.iter().all(|l| l.contains(&first)), "{headings:?}");
    // Esc goes back to the whole city; v on the dashboard shows the term.
    app.keys("<esc>d");
    app.keys("v");
    let term = app.draw(120, 40);
    assert!(term.contains("Term 2020-2025") && term.contains("2021"), "{term}");
    // Both terms whole: the years to come of 2025-2030 with their plan, no actuals.
    assert!(term.contains("Term 2025-2030"), "{term}");
    let y2030 = term.lines().find(|l| l.starts_with("2030")).expect("2030 shown");
    assert!(y2030.contains('…'), "{y2030}");
    assert!(term.contains("Cum. from each term's start"), "{term}");
    let term80 = app.draw(80, 24);
    assert!(term80.lines().any(|l| l.starts_with("2030")), "{term80}");
    assert!(term80.contains("… to come (plan only)"), "{term80}");
    app.keys("<esc><esc>");
    assert_eq!(app.active_layer(), Some(Layer::Admissions));
}

#[test]
fn dashboard_snapshots() {
    for lang in LANGS {
        let mut app = TuiApp::demo(lang, 2025);
        app.goto(ScreenId::Admissions);
        app.keys("d");
        for (w, h) in SIZES {
            let name = format!("dashboard_{}_{w}x{h}", lang_tag(lang));
            insta::assert_snapshot!(name, app.draw(w, h));
        }
    }
}

/// A cell being typed when someone else's change reloads the grid and moves
/// the lines is saved on the organisation it was typed for.
#[test]
fn a_reload_that_moves_the_lines_keeps_the_cell_on_its_organisation() {
    use thuky::domain::OrgKind;
    use thuky::service::api::OrgAdd;
    let mut app = grid_app(Lang::En);
    // BD.01 is line 4; start typing there.
    app.keys("jjjj6");
    assert_eq!(app.active_layer(), Some(Layer::AdmCell));
    // A new grassroots cell under KCQ (sorted before BD's lines) arrives meanwhile.
    let added = app.backend().call(Request::OrgAdd(OrgAdd {
        parent: "KCQ".into(),
        kind: OrgKind::GrassrootsCell,
        name: "Chi bộ Sở Xây dựng".into(),
        code: Some("KCQ.02".into()),
        members: 9,
        at: day(2025, 1, 1),
        founding_ref: None,
        founding_date: Some(day(2025, 1, 1)),
    }));
    assert!(added.is_ok(), "{added:?}");
    app.poll_background();
    app.keys("<enter>");
    let g = service_grid(&mut app);
    assert_eq!(cells(&g, "BD.01")[0], Some(6));
    assert_eq!(cells(&g, "BD.02")[0], Some(0));
    assert_eq!(cells(&g, "KCQ.02")[0], Some(0));
}
