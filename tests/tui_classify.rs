//! The classification screen (Xếp loại) driven through the real App with key
//! events and pastes, checked against the store, and drawn into TestBackend.
//! Most tests use the Small demo data (classified 2019-2025, 2026 open);
//! the snapshots use a fixed register written straight into the store.

mod common;

use common::tui::{day, options, Drive, Fixture, TuiApp};
use thuky::domain::rules::{CapGroup, Detail};
use thuky::domain::{Classification, Lang, Level, OrgKind, Tallies};
use thuky::service::api::{CaseInput, CaseUpdate, ClassList, ClassRow, ClassifyInput, DisciplineInput, Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::tui::screens::classify::data::ClassData;
use thuky::tui::screens::ScreenId;
use thuky::tui::App;

/// The Small demo data, the App on the classification screen of `year`.
fn demo_app(lang: Lang, year: i32) -> TuiApp {
    let mut app = TuiApp::demo(lang, year);
    app.goto(ScreenId::Classification);
    app
}

/// The Small demo data in a new directory, opened in-process.
fn demo_service() -> (tempfile::TempDir, Service) {
    std::env::set_var("TZ", "UTC");
    common::small_demo()
}

fn to_classify(app: &mut App) {
    app.goto(ScreenId::Classification);
}

fn list(app: &mut App, year: i32, under: Option<&str>) -> ClassList {
    match app
        .backend()
        .call(Request::ClassificationList {
            year,
            under: under.map(Into::into),
        })
        .unwrap()
    {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    }
}

fn class_of(app: &mut App, year: i32, code: &str) -> Option<Classification> {
    list(app, year, None).rows.into_iter().find(|r| r.code == code).unwrap().class
}

fn rules_on(app: &mut App, year: i32, code: &str) -> Vec<String> {
    let l = list(app, year, None);
    let id = l.rows.iter().find(|r| r.code == code).unwrap().id;
    l.findings.iter().filter(|f| f.org == id).map(|f| f.rule.id().to_string()).collect()
}

/// Show only the rows whose name or code holds `text` (the `/` filter), cursor on the first.
fn filter(app: &mut App, text: &str) {
    app.keys("/");
    app.keys("<c-u>");
    app.keys(text);
    app.keys("<enter>");
    app.keys("<home>");
}

/// A grassroots committee with at least `n` cells, all of them and nothing
/// else holding its code (so the `/` filter shows exactly its subtree).
fn committee_with_cells(rows: &[ClassRow], n: usize) -> (String, Vec<String>) {
    for (i, r) in rows.iter().enumerate() {
        if r.kind != OrgKind::GrassrootsCommittee {
            continue;
        }
        let kids: Vec<&ClassRow> = rows.iter().filter(|c| c.parent == Some(r.id)).collect();
        let holders: Vec<&ClassRow> = rows.iter().filter(|c| c.code.contains(&r.code)).collect();
        let sub_len = rows[i + 1..].iter().take_while(|c| c.depth > r.depth).count();
        if kids.len() >= n
            && kids.iter().all(|k| k.kind == OrgKind::Cell)
            && sub_len == kids.len()
            && holders.len() == kids.len() + 1
            && holders.iter().all(|h| h.id == r.id || h.parent == Some(r.id))
        {
            // Rows in screen order: the committee, then its cells in the list's order.
            return (r.code.clone(), rows[i + 1..=i + sub_len].iter().map(|c| c.code.clone()).collect());
        }
    }
    panic!("no committee with {n} cells");
}

/// A row whose code no other row's code holds.
fn unique_cell(rows: &[ClassRow], pick: impl Fn(&ClassRow) -> bool) -> ClassRow {
    rows.iter()
        .find(|r| pick(r) && rows.iter().filter(|o| o.code.contains(&r.code)).count() == 1)
        .cloned()
        .expect("a suitable row")
}

#[test]
fn classify_a_subtree_with_single_keys() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    assert!(rows.iter().all(|r| r.class.is_none()), "2026 starts unclassified");
    let (top, cells) = committee_with_cells(&rows, 4);
    filter(&mut app, &top);
    let screen = app.draw(120, 40);
    assert!(screen.contains(&top), "{screen}");
    // One entry per row: the committee, then each cell. In a QĐ 366 year the
    // score gives the level: typed straight in, written on Enter, next row.
    let keys = [
        ("95<enter>", Level::Htxs),
        ("80<enter>", Level::Htt),
        ("60<enter>", Level::Ht),
        ("30<enter>", Level::Kht),
        ("80<enter>", Level::Htt),
    ];
    let mut expected = vec![(top.clone(), Level::Htxs)];
    app.keys("95<enter>");
    for (code, (k, level)) in cells.iter().zip(keys[1..].iter().cycle()) {
        app.keys(k);
        expected.push((code.clone(), *level));
    }
    let after = list(&mut app, 2026, Some(&top));
    for (code, level) in &expected {
        let c = if code == &top {
            class_of(&mut app, 2026, code)
        } else {
            after.rows.iter().find(|r| &r.code == code).unwrap().class.clone()
        };
        let c = c.unwrap_or_else(|| panic!("{code} not written"));
        assert_eq!(c.level, *level, "{code}");
        assert_eq!(c.by, "thu.ky");
    }
    // The last entry names who made it; the grid shows the levels with symbols.
    let msg = app.msg();
    assert!(msg.starts_with("✓") && msg.contains("thu.ky"), "{msg}");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("★ HTXS") && screen.contains("✗ KHT") && screen.contains("○ HT"),
        "{screen}"
    );
    // The footer counts the rated organisations of the scope (the whole city).
    assert!(screen.contains(&format!("Đã xếp {}/", expected.len())), "{screen}");
    // The organisation tree shows the new levels once it is shown again.
    app.keys("<backtab>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    // (Its window holds the committee once filtered to it.)
    app.keys(&format!("/{top}<enter>"));
    assert_eq!(app.window_row(&top).unwrap().level, Some(Level::Htxs));
}

#[test]
fn undo_and_redo_are_audited_writes() {
    let mut app = demo_app(Lang::En, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let cell = unique_cell(&rows, |r| r.kind == OrgKind::Cell);
    filter(&mut app, &cell.code);
    app.keys("80<enter>");
    app.keys("60<enter>");
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().level, Level::Ht);
    app.keys("u");
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().level, Level::Htt);
    app.keys("u");
    assert!(class_of(&mut app, 2026, &cell.code).is_none(), "undoing the first entry clears it");
    app.keys("u");
    assert!(app.msg().contains("Nothing to undo"), "{}", app.msg());
    app.keys("U");
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().level, Level::Htt);
    app.keys("<c-r>");
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().level, Level::Ht);
    assert!(app.msg().contains("Redone"), "{}", app.msg());
    // An undo over a change made since by someone else is refused, nothing written.
    app.backend()
        .call(Request::ClassificationSet(ClassifyInput {
            keep_rest: true,
            ..common::level_entry(&cell.code, 2026, Level::Kht)
        }))
        .unwrap();
    app.poll_background();
    app.keys("u");
    assert!(app.msg().contains("was changed after this entry"), "{}", app.msg());
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().level, Level::Kht);
    // Every step is in the audit log: 2 sets, a set and a clear for the undos, 2 redos
    // (and the other change).
    let Response::AuditList(log) = app
        .backend()
        .call(Request::AuditList(thuky::service::api::AuditQuery {
            org: Some(cell.code.clone()),
            ..Default::default()
        }))
        .unwrap()
    else {
        unreachable!()
    };
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "classify.set").count(), 6, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| **a == "classify.clear").count(), 1, "{actions:?}");
}

#[test]
fn paste_twenty_levels_with_preview_and_a_stop() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let grassroots: Vec<String> = rows.iter().filter(|r| r.kind.is_grassroots()).map(|r| r.code.clone()).collect();
    assert!(grassroots.len() >= 25);
    app.keys("c");
    let levels = ["HTXS", "2", "ht", "Không hoàn thành nhiệm vụ", "t"];
    let text: String = (0..20).map(|i| format!("{}\r\n", levels[i % levels.len()])).collect();
    app.handle_paste(text);
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Dán từ bảng tính") && screen.contains("Enter/y: ghi 20 dòng"),
        "{screen}"
    );
    // Nothing is written before the confirmation.
    assert!(class_of(&mut app, 2026, &grassroots[0]).is_none());
    app.keys("<enter>");
    for (i, code) in grassroots.iter().take(20).enumerate() {
        let want = Level::parse(levels[i % levels.len()]).unwrap();
        assert_eq!(class_of(&mut app, 2026, code).map(|c| c.level), Some(want), "{code}");
    }
    assert!(class_of(&mut app, 2026, &grassroots[20]).is_none());
    assert!(app.msg().contains("Đã dán 20 dòng"), "{}", app.msg());
    // One undo takes the whole paste back.
    app.keys("u");
    assert!(grassroots.iter().take(20).all(|c| class_of(&mut app, 2026, c).is_none()));
    app.keys("U");
    // A value that does not parse stops the paste at its row, with the reason.
    app.keys("<home>");
    app.handle_paste("k\nk\ntốt lắm\n1\n".into());
    let msg = app.msg();
    assert!(
        msg.contains("Dừng dán tại dòng 3") && msg.contains(&grassroots[2]) && msg.contains("tốt lắm"),
        "{msg}"
    );
    app.keys("<enter>");
    assert_eq!(class_of(&mut app, 2026, &grassroots[0]).unwrap().level, Level::Kht);
    assert_eq!(class_of(&mut app, 2026, &grassroots[1]).unwrap().level, Level::Kht);
    assert_eq!(
        class_of(&mut app, 2026, &grassroots[2]).unwrap().level,
        Level::parse(levels[2]).unwrap()
    );
    // Tallies that do not fit the member count stop it too; Esc writes nothing.
    let big = rows.iter().find(|r| r.code == grassroots[0]).unwrap().total_members + 1;
    app.keys("<home>");
    app.handle_paste(format!("{big}\t0\t0\t0\t0\n"));
    assert!(app.msg().contains("vượt số đảng viên"), "{}", app.msg());
    app.keys("<esc>");
    assert!(class_of(&mut app, 2026, &grassroots[0]).unwrap().members.is_none());
}

/// Type five tallies into the Tab editor of the selected row and save.
fn type_tallies(app: &mut App, t: [u32; 5]) {
    app.keys("<tab>");
    for v in t {
        app.keys("<c-u>");
        app.keys(&v.to_string());
        app.keys("<tab>");
    }
    app.keys("<enter>");
}

#[test]
fn findings_follow_entries_2021_members_cap() {
    let mut app = demo_app(Lang::En, 2021);
    let l = list(&mut app, 2021, None);
    let clean: Vec<u32> = l.findings.iter().map(|f| f.org).collect();
    let cell = unique_cell(&l.rows, |r| {
        r.kind == OrgKind::GrassrootsCell && r.class.is_some() && !clean.contains(&r.id) && r.total_members >= 5
    });
    filter(&mut app, &cell.code);
    let m = cell.total_members;
    type_tallies(&mut app, [m, 0, 0, 0, 0]);
    assert!(rules_on(&mut app, 2021, &cell.code).contains(&"members_cap".to_string()));
    let screen = app.draw(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains(&cell.code) && l.contains(&cell.name.chars().take(10).collect::<String>()))
        .unwrap();
    assert!(row.chars().nth(1) == Some('!'), "{row}");
    assert!(
        screen.contains(&format!("members HTXS {m} > 20% of HTT")) && screen.contains("HD 21-HD/BTCTW"),
        "{screen}"
    );
    // A tally sum below the member count is a finding too; a right one clears both.
    type_tallies(&mut app, [0, m - 2, 1, 0, 0]);
    assert_eq!(rules_on(&mut app, 2021, &cell.code), vec!["tally_sum".to_string()]);
    type_tallies(&mut app, [0, m - 1, 1, 0, 0]);
    assert!(rules_on(&mut app, 2021, &cell.code).is_empty());
    let screen = app.draw(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains(&cell.code) && l.contains(&cell.name.chars().take(10).collect::<String>()))
        .unwrap();
    assert!(row.chars().nth(1) != Some('!'), "{row}");
}

#[test]
fn findings_follow_entries_2023_collectives_cap() {
    let mut app = demo_app(Lang::Vi, 2023);
    let rows = list(&mut app, 2023, None).rows;
    let (top, cells) = committee_with_cells(&rows, 3);
    let id = rows.iter().find(|r| r.code == top).unwrap().id;
    let cap = |app: &mut App| {
        list(app, 2023, None).findings.iter().any(|f| {
            f.org == id
                && matches!(
                    f.detail,
                    Detail::CollectivesCap {
                        group: CapGroup::Cells,
                        ..
                    }
                )
        })
    };
    filter(&mut app, &top);
    app.keys("<down>");
    app.keys(&"x".repeat(cells.len()));
    assert!(cap(&mut app), "all cells HTXS breaks the 20% cap");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Chi bộ trực thuộc trực thuộc: HTXS") || screen.contains("HTXS"),
        "{screen}"
    );
    // Open the findings list, find the committee's line and jump to its row.
    app.keys("f");
    let screen = app.draw(80, 24);
    assert!(
        screen.contains("Cảnh báo theo quy định") && screen.contains("QĐ 124-QĐ/TW"),
        "{screen}"
    );
    let mut found = false;
    for _ in 0..500 {
        let screen = app.draw(200, 60);
        let sel = screen.lines().find(|l| l.contains("│›")).unwrap_or_default().to_string();
        if sel.contains(&format!(" {top} ")) && sel.contains("HTXS") {
            found = true;
            break;
        }
        app.keys("j");
    }
    assert!(found, "the committee's finding is listed");
    app.keys("<enter>");
    let screen = app.draw(120, 40);
    let sel = screen.lines().find(|l| l.starts_with('›')).unwrap_or_default();
    assert!(sel.contains(&top), "{screen}");
    // Re-rate the cells HTT: the cap holds again.
    filter(&mut app, &top);
    app.keys("<down>");
    app.keys(&"t".repeat(cells.len()));
    assert!(!cap(&mut app), "no HTXS cell, no cap finding");
}

#[test]
fn findings_follow_entries_2025_scores() {
    let mut app = demo_app(Lang::En, 2025);
    let l = list(&mut app, 2025, None);
    let cell = unique_cell(&l.rows, |r| r.kind == OrgKind::Cell);
    filter(&mut app, &cell.code);
    let score_rules = |app: &mut App| {
        rules_on(app, 2025, &cell.code)
            .into_iter()
            .filter(|r| r.starts_with("score"))
            .collect::<Vec<_>>()
    };
    // A score sets the level.
    app.keys("s");
    app.keys("<c-u>");
    app.keys("95");
    app.keys("<enter>");
    let c = class_of(&mut app, 2025, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Htxs, Some(95.0)));
    assert!(score_rules(&mut app).is_empty());
    // A level key that the score does not give asks for the score (issue 11
    // item 3); nothing is written.
    app.keys("t");
    assert!(app.capturing() && app.msg().contains("rated by score"), "{}", app.msg());
    app.keys("<esc>");
    assert_eq!(class_of(&mut app, 2025, &cell.code).unwrap().score, Some(95.0));
    // A level written alone (another client, a paste) drops the score: the score is missing.
    set_class(&mut app, &cell.code, 2025, Some(Level::Htt), None, None);
    assert_eq!(score_rules(&mut app), vec!["score_present".to_string()]);
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("score missing") && screen.contains("QĐ 366-QĐ/TW, Điều"),
        "{screen}"
    );
    app.keys("s");
    app.keys("<c-u>");
    app.keys("80");
    app.keys("<enter>");
    assert!(score_rules(&mut app).is_empty());
    assert_eq!(class_of(&mut app, 2025, &cell.code).unwrap().level, Level::Htt);
    // Typed straight in: a digit that is not a level key (0, 5-9) starts the score.
    app.keys("92");
    assert!(app.capturing(), "the score editor is open");
    app.keys("<enter>");
    let c = class_of(&mut app, 2025, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Htxs, Some(92.0)));
    app.keys("67,5");
    app.keys("<enter>");
    let c = class_of(&mut app, 2025, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Ht, Some(67.5)));
    // Before 2025 there are no scores: the digit does nothing.
    app.keys("]");
    let _ = app.draw(120, 40);
    app.keys("[[");
    assert!(app.draw(120, 40).contains("2024"));
    app.keys("7");
    assert!(!app.capturing());
}

#[test]
fn bad_input_is_refused_on_the_spot() {
    let mut app = demo_app(Lang::En, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let cell = unique_cell(&rows, |r| r.kind == OrgKind::Cell && r.total_members > 3);
    filter(&mut app, &cell.code);
    // A score outside 0-100.
    app.keys("s");
    app.keys("150");
    app.keys("<enter>");
    assert!(app.msg().contains("outside 0-100"), "{}", app.msg());
    app.keys("<esc>");
    // Tallies that add up to more than the members (on a row rated by another client).
    set_class(&mut app, &cell.code, 2026, Some(Level::Htt), None, None);
    type_tallies(&mut app, [cell.total_members, 1, 0, 0, 0]);
    assert!(app.msg().contains("more than the"), "{}", app.msg());
    app.keys("<esc>");
    assert!(class_of(&mut app, 2026, &cell.code).unwrap().members.is_none());
    assert_eq!(class_of(&mut app, 2026, &cell.code).unwrap().score, None);
    // A level for an organisation that did not exist that year (dissolved by
    // another clerk a moment ago): the service's reason, nothing written.
    let other = unique_cell(&rows, |r| r.kind == OrgKind::Cell && r.code != cell.code);
    filter(&mut app, &other.code);
    app.backend()
        .call(Request::OrgDissolve {
            code: other.code.clone(),
            at: day(2026, 6, 1),
            decision: None,
            base_version: None,
        })
        .unwrap();
    let before = app.msg();
    // The keys are handled before the change event arrives.
    app.keys("60<enter>");
    let msg = app.msg();
    assert_ne!(msg, before);
    assert!(msg.starts_with("✗") && msg.contains("2026"), "{msg}");
    assert!(list(&mut app, 2026, None).rows.iter().all(|r| r.code != other.code));
    app.keys("<esc>");
    // Scores before 2025.
    app.keys("[");
    app.keys("[");
    let msg_before = app.msg();
    app.keys("s");
    assert!(app.msg().contains("scores start in 2025"), "{msg_before} / {}", app.msg());
}

#[test]
fn compare_view_and_filters() {
    let mut app = demo_app(Lang::En, 2025);
    app.keys("v");
    let screen = app.draw(80, 24);
    assert!(screen.contains("Five years compared"), "{screen}");
    for y in 2021..=2025 {
        assert!(screen.contains(&y.to_string()), "{screen}");
    }
    app.keys("<esc>");
    // Grassroots only, then unrated only (2025 is fully rated in the demo: nothing left).
    app.keys("c");
    let screen = app.draw(120, 40);
    assert!(screen.contains("[grassroots only]"), "{screen}");
    app.keys("n");
    let screen = app.draw(120, 40);
    assert!(screen.contains("No organisation matches"), "{screen}");
    app.keys("<esc>");
    // Name filter without diacritics.
    filter(&mut app, "khoa dinh duong");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Chi bộ Khoa Dinh dưỡng"), "{screen}");
}

#[test]
fn the_caps_stay_whole_on_a_narrow_terminal() {
    // 2025 applies the collectives' cap by setting: the longest caps text.
    let mut app = demo_app(Lang::Vi, 2025);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = app.draw(w, h);
        let caps = screen
            .lines()
            .find(|l| l.contains("Trần 20%"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(caps.trim_end().ends_with("(theo thiết lập)"), "{w}: {caps}");
        // The members' line is whole too.
        let members = screen.lines().find(|l| l.starts_with("ĐV ★")).unwrap();
        assert!(!members.contains('…'), "{w}: {members}");
    }
}

#[test]
fn a_year_changed_in_the_grid_reaches_the_register_screen() {
    let mut app = demo_app(Lang::Vi, 2025);
    app.keys("[");
    assert_eq!(app.year(), 2024);
    assert!(app.draw(120, 40).contains("Xếp loại 2024"));
    // The grid does not wait for the register's tree (it is not shown).
    assert_eq!(app.window().map(|w| w.year), Some(2025));
    // The register's levels column follows when it is shown.
    app.keys("<a-1>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    assert_eq!(app.window().map(|w| w.year), Some(2024));
    let screen = app.draw(120, 40);
    assert!(screen.contains("XL 2024"), "{screen}");
}

/// The requests a front end sends, by kind ("classification_list", "tree" ...).
struct Counting {
    inner: Local,
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Backend for Counting {
    fn call(&mut self, request: Request) -> thuky::service::error::Result<Response> {
        let op = serde_json::to_value(&request).unwrap()["op"].as_str().unwrap_or("?").to_string();
        self.seen.lock().unwrap().push(op);
        self.inner.call(request)
    }
    fn events(&mut self) -> Vec<thuky::service::api::Event> {
        self.inner.events()
    }
    fn user(&self) -> &str {
        self.inner.user()
    }
}

#[test]
fn a_burst_of_year_keys_loads_only_the_last_year() {
    let (dir, s) = demo_service();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let backend = Counting {
        inner: Local::new(s, "thu.ky"),
        seen: seen.clone(),
    };
    let mut app = App::new(Box::new(backend), options(Lang::Vi, dir.path(), day(2026, 3, 15), 2025));
    to_classify(&mut app);
    app.draw(120, 40);
    seen.lock().unwrap().clear();
    // Four presses queued while nothing is drawn: one load, of 2021.
    app.keys("[[[[");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Xếp loại 2021 · QĐ 132-QĐ/TW"), "{screen}");
    let ops = seen.lock().unwrap().clone();
    assert_eq!(ops, vec!["classification_window".to_string()], "{ops:?}");
    // A level key right after a year key enters into the new year.
    app.keys("]");
    app.keys("2");
    let ops = seen.lock().unwrap().clone();
    // One more load (of 2022) before the entry; the grid asks again after it.
    let set = ops
        .iter()
        .position(|o| o == "classification_set")
        .unwrap_or_else(|| panic!("{ops:?}"));
    assert_eq!(ops[..set].iter().filter(|o| *o == "classification_window").count(), 2, "{ops:?}");
    assert!(!ops.iter().any(|o| o == "classification_list"), "never the whole year: {ops:?}");
    assert!(app.msg().contains("HTT"), "{}", app.msg());
}

#[test]
fn footer_matches_the_service_report() {
    let (_dir, mut s) = demo_service();
    for year in [2021, 2023, 2025] {
        let Response::ClassificationList(l) = s.call("t", Request::ClassificationList { year, under: None }).unwrap() else {
            unreachable!()
        };
        let Response::Report(r) = s.call("t", Request::Report { year, under: None }).unwrap() else {
            unreachable!()
        };
        let d = ClassData::new(l);
        let f = d.footer(None);
        let r = r.report;
        assert_eq!(f.orgs.rated, r.organisations.rated, "{year}");
        assert_eq!(f.orgs.total, r.organisations.rated + r.organisations.unrated);
        assert_eq!(
            f.orgs.by_level,
            [r.organisations.htxs, r.organisations.htt, r.organisations.ht, r.organisations.kht]
        );
        assert_eq!(f.orgs.good_pct(), r.organisations.good_or_better_pct);
        assert_eq!(f.grassroots.good_pct(), r.grassroots.good_or_better_pct);
        assert_eq!(f.members.htxs as u64, r.members.htxs);
        assert_eq!(f.members.not_rated as u64, r.members.not_rated);
        assert_eq!(f.member_good_pct(), r.members.good_or_better_pct);
        assert_eq!(f.findings, r.findings.len());
    }
}

// ---- snapshots on a fixed register

#[test]
fn snapshots_of_the_classification_screen() {
    for lang in [Lang::Vi, Lang::En] {
        let l = match lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        };
        let mut app = TuiApp::fixture_of(Fixture::Classified, lang, day(2026, 3, 15), 2024);
        app.goto(ScreenId::Classification);
        // On the last row, Hàng Bạc's committee (its tallies do not add up: a finding).
        app.keys("<end>");
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("classify_{l}_{w}x{h}"), app.draw(w, h));
        }
        // The tally editor with a sum that does not fit yet.
        app.keys("<tab>");
        app.keys("<c-u>");
        app.keys("70");
        insta::assert_snapshot!(format!("classify_edit_{l}_80x24"), app.draw(80, 24));
        app.keys("<esc>");
        app.keys("f");
        insta::assert_snapshot!(format!("classify_findings_{l}_80x24"), app.draw(80, 24));
        app.keys("<esc>");
        app.keys("?");
        let help = app.draw(120, 40);
        assert!(help.contains("HTXS") && help.contains("Ctrl-R/U"), "{help}");
        // Only keys that work in the grid: `t` is HTT here, digits are levels,
        // and there are six screens, not seven.
        let (date_key, screen) = match lang {
            Lang::Vi => ("Chọn ngày xem", "màn hình 4 · Chỉ tiêu"),
            Lang::En => ("Choose the date", "screen 4 · Indicators"),
        };
        app.keys("G");
        let end = app.draw(120, 40);
        assert!(!end.contains(date_key), "{end}");
        assert!(end.contains(&format!("Alt-4 {}", " ".repeat(16))) && end.contains(screen), "{end}");
        assert!(!end.contains("Alt-7") && !end.contains("1/Alt-1"), "{end}");
        // A long description wraps under its column instead of being cut.
        app.keys("g");
        let narrow = app.draw(80, 24);
        let end_of_tab = match lang {
            Lang::Vi => "Enter lưu",
            Lang::En => "Enter saves",
        };
        assert!(narrow.contains(end_of_tab), "{narrow}");
    }
}

#[test]
fn changes_by_others_refresh_rows_without_moving_the_cursor() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    app.keys("c");
    app.keys("<down>");
    app.keys("<down>");
    let grassroots: Vec<&ClassRow> = rows.iter().filter(|r| r.kind.is_grassroots()).collect();
    let (here, other) = (grassroots[2], grassroots[5]);
    let selected = |app: &mut App| {
        app.draw(120, 40)
            .lines()
            .find(|l| l.starts_with('›'))
            .unwrap_or_default()
            .to_string()
    };
    assert!(selected(&mut app).contains(&here.code));
    // Another clerk rates a row further down (the service sends the change event).
    app.backend()
        .call(Request::ClassificationSet(ClassifyInput {
            keep_rest: true,
            ..common::level_entry(&other.code, 2026, Level::Kht)
        }))
        .unwrap();
    app.poll_background();
    let screen = app.draw(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains(&format!("{} ", other.code)))
        .unwrap_or_else(|| panic!("{} {screen}", other.code));
    assert!(line.contains("✗ KHT"), "{line}");
    assert!(selected(&mut app).contains(&here.code), "{screen}");
    assert!(screen.contains("Đã xếp 1/"), "{screen}");
}

// ---- the narrow refresh after an entry

fn class_data(s: &mut Service, year: i32) -> ClassData {
    let Response::ClassificationList(l) = s.call("t", Request::ClassificationList { year, under: None }).unwrap() else {
        unreachable!()
    };
    ClassData::new(l)
}

/// The findings as comparable strings, sorted.
fn findings_set(d: &ClassData) -> Vec<String> {
    let mut v: Vec<String> = d.findings.iter().map(|f| format!("{}/{:?}", f.org, f)).collect();
    v.sort();
    v
}

/// After every entry the grid asks only for the changed row and its parent
/// (`ClassificationRows`); what it then holds must equal a full reload: the
/// rows, every finding (shares, caps, tallies, scores) and the footer.
#[test]
fn refreshing_the_touched_rows_equals_a_full_reload() {
    let (_dir, mut s) = demo_service();
    for year in [2021, 2023, 2025] {
        let mut kept = class_data(&mut s, year);
        let rows: Vec<ClassRow> = kept.rows.clone();
        // A deterministic walk over rows of every depth and kind: levels, scores,
        // tallies that do and do not add up, clears.
        for n in 0..120usize {
            let r = &rows[(n * 7919) % rows.len()];
            let level = [Level::Htxs, Level::Htt, Level::Ht, Level::Kht][n % 4];
            let req = if n % 9 == 8 {
                Request::ClassificationClear {
                    code: r.code.clone(),
                    year,
                    base_version: None,
                }
            } else {
                let members = (n % 3 == 0).then(|| Tallies {
                    htxs: (n % 5) as u32,
                    htt: r.total_members / 2,
                    ht: r.total_members - r.total_members / 2 - (n % 2) as u32 * r.total_members.min(1),
                    kht: 0,
                    not_rated: 0,
                    not_rated_by: None,
                });
                Request::ClassificationSet(thuky::service::api::ClassifyInput {
                    code: r.code.clone(),
                    year,
                    level: Some(level),
                    score: (year >= 2025 && n % 2 == 0).then_some(40.0 + (n % 60) as f64),
                    members,
                    decision: None,
                    decided: None,
                    note: None,
                    keep_rest: n % 4 != 0,
                    base_version: None,
                })
            };
            if s.call("t", req).is_err() {
                // Clearing a row that has nothing: nothing changed.
                continue;
            }
            let codes = kept.codes_of(&kept.touched_by(r.id)).expect("codes of the touched rows");
            let Response::ClassificationList(l) = s.call("t", Request::ClassificationRows { year, codes }).unwrap() else {
                unreachable!()
            };
            assert!(kept.update(l), "{year} {}", r.code);
            if n % 20 == 19 {
                let fresh = class_data(&mut s, year);
                assert_eq!(kept.rows, fresh.rows, "{year} after {n} entries");
                assert_eq!(findings_set(&kept), findings_set(&fresh), "{year} after {n} entries");
                assert_eq!(kept.footer(None), fresh.footer(None), "{year}");
                let scope = rows.iter().find(|r| r.depth == 0).map(|r| r.id);
                assert_eq!(kept.footer(scope), fresh.footer(scope), "{year}");
            }
        }
    }
}

#[test]
fn classifications_of_refuses_bad_codes() {
    let (_dir, mut s) = demo_service();
    let err = |s: &mut Service, codes: Vec<String>, year: i32| {
        s.call("t", Request::ClassificationRows { year, codes })
            .unwrap_err()
            .message(Lang::En)
            .to_string()
    };
    let e = err(&mut s, vec!["NO.SUCH".into()], 2024);
    assert!(e.contains("NO.SUCH"), "{e}");
    let e = err(&mut s, vec!["X".into(); 1001], 2024);
    assert!(e.contains("too many codes") && e.contains("1000"), "{e}");
    // An organisation dissolved in the 2025 reorganisation is not in 2026's tree.
    let old = class_data(&mut s, 2024);
    let new = class_data(&mut s, 2026);
    let gone = old
        .rows
        .iter()
        .find(|r| !new.index.contains_key(&r.id))
        .expect("an organisation gone by 2026");
    let e = err(&mut s, vec![gone.code.clone()], 2026);
    assert!(e.contains(&gone.code) && e.contains("not in the tree"), "{e}");
    // The answer names exactly the rows asked for, once each.
    let a = &old.rows[3];
    let Response::ClassificationList(l) = s
        .call(
            "t",
            Request::ClassificationRows {
                year: 2024,
                codes: vec![a.code.clone(), a.code.to_lowercase(), old.root_code.clone().unwrap()],
            },
        )
        .unwrap()
    else {
        unreachable!()
    };
    assert_eq!(l.rows.len(), 2);
    assert_eq!(l.rows[0], *a);
}

/// The footer shows the 20% caps the year's rulebook applies, and only those.
#[test]
fn footer_shows_the_caps_in_force() {
    // The members' cap goes on under QĐ 124 (Điều 12: "tập thể, cá nhân") and, by setting, QĐ 366.
    for (year, members, orgs) in [(2021, true, false), (2023, true, true), (2025, true, true)] {
        let mut app = demo_app(Lang::Vi, year);
        let screen = app.draw(160, 40);
        let caps = screen
            .lines()
            .find(|l| l.contains("Trần 20%"))
            .unwrap_or_else(|| panic!("{year}: {screen}"));
        assert_eq!(caps.contains("Trần 20%: ĐV ★"), members, "{year}: {caps}");
        assert_eq!(caps.contains("TC ★"), orgs, "{year}: {caps}");
        // Under QĐ 366 the collectives' cap is applied by setting, and the footer says so.
        assert_eq!(caps.contains("(theo thiết lập)"), year == 2025, "{year}: {caps}");
    }
    let (_dir, mut s) = demo_service();
    let d = class_data(&mut s, 2018);
    let f = d.footer(None);
    assert!(!f.member_cap && !f.org_cap, "HD 16 (2018) has neither cap");
}

/// Entries made in the grid reach the register's detail pane when it is
/// shown again (it is not fetched on every entry while hidden).
#[test]
fn the_register_detail_shows_entries_made_in_the_grid() {
    let mut app = TuiApp::fixture_of(Fixture::Classified, Lang::Vi, day(2026, 3, 15), 2024);
    // The register, on Việt Đức's cell (not rated in 2024).
    app.keys("<c-f>");
    app.keys("viet duc");
    app.keys("<enter>");
    assert_eq!(app.selected_org().unwrap().1, "HK.02");
    let before = app.draw(120, 40);
    assert!(!before.contains("2024 ★ HTXS"), "{before}");
    to_classify(&mut app);
    filter(&mut app, "HK.02");
    app.keys("x");
    app.poll_background();
    assert!(app.msg().starts_with('✓'), "{}", app.msg());
    // `1` rates in the grid; Alt-1 goes to the first screen from anywhere.
    app.keys("<a-1>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    let after = app.draw(120, 40);
    assert!(after.contains("2024 ★ HTXS"), "{after}");
}

/// `d` sets the decision the entries come from: every following entry
/// (level keys, tallies, pastes) records its number and date, until it is
/// dropped or the year changes. Bad dates are refused in the editor.
#[test]
fn the_decision_in_force_is_recorded_with_each_entry() {
    let mut app = demo_app(Lang::Vi, 2026);
    app.keys("c");
    let rows: Vec<ClassRow> = list(&mut app, 2026, None)
        .rows
        .into_iter()
        .filter(|r| r.kind.is_grassroots())
        .collect();
    app.keys("d");
    assert!(app.capturing());
    app.keys("45-QĐ/ĐU");
    app.keys("<tab>");
    app.keys("32/12/2026");
    app.keys("<enter>");
    assert!(app.msg().contains("'32/12/2026': ngày quyết định không đọc được"), "{}", app.msg());
    assert!(app.capturing(), "the editor stays open");
    app.keys("<c-u>");
    app.keys("01/01/2025");
    app.keys("<enter>");
    assert!(app.msg().contains("01/01/2025: quyết định xếp loại năm này"), "{}", app.msg());
    assert!(app.msg().contains("01/01/2026 – 31/12/2027"), "{}", app.msg());
    app.keys("<c-u>");
    app.keys("26/12/2026");
    app.keys("<enter>");
    assert!(!app.capturing());
    assert!(app.msg().contains("45-QĐ/ĐU ngày 26/12/2026"), "{}", app.msg());
    let screen = app.draw(120, 40);
    assert!(
        screen.lines().nth(1).unwrap().contains("Quyết định: 45-QĐ/ĐU ngày 26/12/2026"),
        "{screen}"
    );
    // Still whole on an 80-column terminal.
    let narrow = app.draw(80, 24);
    assert!(
        narrow.lines().nth(1).unwrap().contains("Quyết định: 45-QĐ/ĐU ngày 26/12/2026"),
        "{narrow}"
    );
    // A score typed, then a paste of two levels: all three record the decision.
    app.keys("95<enter>");
    app.handle_paste("2\n3\n".into());
    app.keys("<enter>");
    for r in &rows[..3] {
        let c = class_of(&mut app, 2026, &r.code).unwrap_or_else(|| panic!("{} rated", r.code));
        assert_eq!(c.decision.as_deref(), Some("45-QĐ/ĐU"), "{}", r.code);
        assert_eq!(c.decided, Some(day(2026, 12, 26)), "{}", r.code);
    }
    // The detail pane shows it (the cursor is on the fourth row; go back up one).
    app.keys("<up>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("45-QĐ/ĐU ngày 26/12/2026"), "{screen}");
    app.keys("<down>");
    // Dropped: an empty number.
    app.keys("d");
    app.keys("<c-u>");
    app.keys("<enter>");
    assert!(app.msg().contains("không ghi kèm quyết định"), "{}", app.msg());
    app.keys("80<enter>");
    let c = class_of(&mut app, 2026, &rows[3].code).unwrap();
    assert_eq!((c.decision, c.decided), (None, None));
    // A decision belongs to its year.
    app.keys("d");
    app.keys("7-QĐ/ĐU");
    app.keys("<enter>");
    assert!(app.draw(120, 40).contains("Quyết định: 7-QĐ/ĐU"));
    app.keys("[");
    let screen = app.draw(120, 40);
    assert!(
        screen.contains("Xếp loại 2025") && !screen.contains("Quyết định: 7-QĐ/ĐU"),
        "{screen}"
    );
}

#[test]
fn a_decision_dated_outside_the_year_and_the_next_is_refused() {
    let (_dir, mut s) = demo_service();
    let l = class_data(&mut s, 2024);
    let code = l.rows.iter().find(|r| r.kind.is_grassroots()).unwrap().code.clone();
    let input = |decided| thuky::service::api::ClassifyInput {
        code: code.clone(),
        year: 2024,
        level: Some(Level::Htt),
        score: None,
        members: None,
        decision: Some("12-QĐ/ĐU".into()),
        decided: Some(decided),
        note: None,
        keep_rest: true,
        base_version: None,
    };
    let e = s.call("t", Request::ClassificationSet(input(day(2023, 12, 31)))).unwrap_err();
    assert!(
        e.message(Lang::En).contains("from 01/01/2024 to 31/12/2025"),
        "{}",
        e.message(Lang::En)
    );
    assert!(e.message(Lang::En).contains("decided"), "{}", e.message(Lang::En));
    assert!(s.call("t", Request::ClassificationSet(input(day(2026, 1, 1)))).is_err());
    assert!(s.call("t", Request::ClassificationSet(input(day(2025, 1, 15)))).is_ok());
}

/// The hint bar names only keys that do what it says on the screen shown:
/// in the grid `t` rates HTT and digits are levels.
#[test]
fn hints_in_the_grid_name_keys_that_work_there() {
    let mut app = demo_app(Lang::Vi, 2024);
    let hints = |app: &mut App| app.draw(220, 30).lines().last().unwrap().to_string();
    let grid = hints(&mut app);
    assert!(grid.contains("1 HTXS") && grid.contains("Alt-1…6 màn hình"), "{grid}");
    assert!(!grid.contains("t ngày") && !grid.contains(" 1-6 "), "{grid}");
    app.keys("<backtab>");
    let tree = hints(&mut app);
    assert!(tree.contains("t ngày") && tree.contains("1-6 màn hình"), "{tree}");
}

/// Every row's classification of `year`, by code.
fn classes(app: &mut App, year: i32) -> std::collections::BTreeMap<String, Option<Classification>> {
    list(app, year, None).rows.into_iter().map(|r| (r.code, r.class)).collect()
}

/// The codes whose classification differs between two snapshots.
fn changed(
    a: &std::collections::BTreeMap<String, Option<Classification>>,
    b: &std::collections::BTreeMap<String, Option<Classification>>,
) -> Vec<String> {
    a.iter().filter(|(k, v)| b.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect()
}

/// Write a classification straight through the service (as another clerk would).
fn set_class(app: &mut App, code: &str, year: i32, level: Option<Level>, score: Option<f64>, members: Option<Tallies>) {
    app.backend()
        .call(Request::ClassificationSet(thuky::service::api::ClassifyInput {
            code: code.to_string(),
            year,
            level,
            score,
            members,
            decision: None,
            decided: None,
            note: None,
            keep_rest: true,
            base_version: None,
        }))
        .unwrap();
    app.poll_background();
}

/// Issue 11 item 1: in a QĐ 366 year the digits typed build one score,
/// written on Enter on that row only; Esc cancels; nothing before Enter.
#[test]
fn typed_digits_build_one_score_written_on_one_row() {
    let mut app = demo_app(Lang::En, 2025);
    let rows = list(&mut app, 2025, None).rows;
    let (top, cells) = committee_with_cells(&rows, 3);
    filter(&mut app, &top);
    app.keys("<down>");
    let before = classes(&mut app, 2025);
    app.keys("45");
    assert!(app.capturing(), "the score editor is open");
    assert!(
        changed(&before, &classes(&mut app, 2025)).is_empty(),
        "nothing is written before Enter"
    );
    app.keys("<enter>");
    let after = classes(&mut app, 2025);
    assert_eq!(changed(&before, &after), vec![cells[0].clone()]);
    let c = after[&cells[0]].clone().unwrap();
    assert_eq!((c.level, c.score), (Level::Kht, Some(45.0)));
    assert!(!app.capturing());
    // The cursor is on the next row: a decimal with a point or a comma.
    app.keys("87.5");
    app.keys("<enter>");
    app.keys("87,5");
    app.keys("<enter>");
    let now = classes(&mut app, 2025);
    assert_eq!(changed(&after, &now), vec![cells[1].clone(), cells[2].clone()]);
    for code in &cells[1..3] {
        let c = now[code].clone().unwrap();
        assert_eq!((c.level, c.score), (Level::Htt, Some(87.5)), "{code}");
    }
    // Esc cancels: nothing written, the editor closed.
    app.keys("<up>");
    app.keys("9");
    app.keys("<esc>");
    assert!(!app.capturing());
    assert!(changed(&now, &classes(&mut app, 2025)).is_empty());
    // Two decimals are refused at Enter with the reason; the editor stays open.
    app.keys("87,55");
    app.keys("<enter>");
    assert!(app.msg().contains("at most one decimal"), "{}", app.msg());
    assert!(app.capturing());
    assert!(changed(&now, &classes(&mut app, 2025)).is_empty());
    app.keys("<esc>");
    // Before 2025 a digit is a level key: one key, one row.
    app.keys("[");
    let before = classes(&mut app, 2024);
    app.keys("2");
    assert!(!app.capturing());
    assert_eq!(changed(&before, &classes(&mut app, 2024)).len(), 1);
}

/// Issue 11 item 2: the first key typed replaces the value, Backspace
/// edits it, and an out-of-range value is refused at Enter, nothing written.
#[test]
fn the_first_key_replaces_a_score_and_a_bad_one_is_refused() {
    let mut app = demo_app(Lang::En, 2025);
    let rows = list(&mut app, 2025, None).rows;
    let cell = unique_cell(&rows, |r| r.kind == OrgKind::Cell);
    set_class(&mut app, &cell.code, 2025, None, Some(63.2), None);
    filter(&mut app, &cell.code);
    let before = classes(&mut app, 2025);
    app.keys("s150");
    app.keys("<enter>");
    assert!(app.msg().contains("outside 0-100"), "{}", app.msg());
    assert!(app.capturing(), "the editor stays open");
    assert!(changed(&before, &classes(&mut app, 2025)).is_empty(), "nothing written");
    assert_eq!(class_of(&mut app, 2025, &cell.code).unwrap().score, Some(63.2));
    // The refused value is selected: the next one replaces it.
    app.keys("64");
    app.keys("<enter>");
    let c = class_of(&mut app, 2025, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Ht, Some(64.0)));
    // Backspace edits the value shown.
    app.keys("<home>");
    app.keys("s");
    app.keys("<bs>");
    app.keys("9");
    app.keys("<enter>");
    assert_eq!(class_of(&mut app, 2025, &cell.code).unwrap().score, Some(69.0));
}

/// Issue 11 item 2 for tallies: the first digit replaces a tally; a value
/// that is not a whole number is refused naming the field.
#[test]
fn the_first_digit_replaces_a_tally() {
    let mut app = demo_app(Lang::En, 2021);
    let rows = list(&mut app, 2021, None).rows;
    let cell = unique_cell(&rows, |r| r.kind == OrgKind::Cell && r.total_members >= 6);
    let m = cell.total_members;
    let t = Tallies {
        htxs: 1,
        htt: m - 1,
        ht: 0,
        kht: 0,
        not_rated: 0,
        not_rated_by: None,
    };
    set_class(&mut app, &cell.code, 2021, Some(Level::Htt), None, Some(t));
    filter(&mut app, &cell.code);
    app.keys("<tab>");
    app.keys("2");
    app.keys("<tab>");
    app.keys(&(m - 2).to_string());
    app.keys("<enter>");
    let got = class_of(&mut app, 2021, &cell.code).unwrap().members.unwrap();
    assert_eq!((got.htxs, got.htt), (2, m - 2));
    // A tally too large for a number: refused at Enter, the editor open.
    app.keys("<home>");
    app.keys("<tab>");
    app.keys("<tab>");
    app.keys("99999999999");
    app.keys("<enter>");
    assert!(app.msg().contains("HTT: '99999999999'"), "{}", app.msg());
    assert!(app.capturing());
    assert_eq!(class_of(&mut app, 2021, &cell.code).unwrap().members, Some(got));
}

/// A screen asks the shell for another screen through a message: `o` in the
/// grid shows the row's organisation in the register.
#[test]
fn the_grid_shows_a_row_in_the_register() {
    let mut app = TuiApp::fixture_of(Fixture::Classified, Lang::En, day(2026, 3, 15), 2024);
    app.goto(ScreenId::Classification);
    filter(&mut app, "HK.02");
    app.keys("o");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    assert_eq!(app.selected_org().unwrap().1, "HK.02");
    assert!(app.draw(120, 40).contains("›    · Chi bộ Bệnh viện Việt Đức"));
}

/// Issue 11 items 3 and 7: the tab bar names the keys that switch screens
/// from where the clerk is (Alt-1… in the grid, whose digits are entry
/// keys), and keeps the year and date at 80 columns in both languages.
#[test]
fn the_tab_bar_names_the_keys_that_work_here() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = TuiApp::fixture_of(Fixture::Classified, lang, day(2026, 3, 15), 2024);
        let tabs = |app: &mut TuiApp, w| app.draw(w, 24).lines().next().unwrap().to_string();
        let tree = tabs(&mut app, 120);
        assert!(tree.contains("[1 ") && tree.contains(" 2 ") && !tree.contains("Alt"), "{tree}");
        app.goto(ScreenId::Classification);
        let grid = tabs(&mut app, 120);
        assert!(grid.contains("Alt-1 ") && grid.contains("[Alt-2 "), "{grid}");
        let narrow = tabs(&mut app, 80);
        assert!(narrow.contains("2024") && narrow.contains("31/12/2024"), "{narrow}");
        assert!(narrow.contains("Alt-"), "{narrow}");
        app.keys("<a-1>");
        assert_eq!(app.current_screen(), ScreenId::Orgs);
        let narrow = tabs(&mut app, 80);
        assert!(narrow.contains("2024") && narrow.contains("31/12/2024"), "{narrow}");
    }
}

/// Issue 11 item 4: at 120 columns the name column takes the width there is
/// (a 45-character name is shown whole; it was cut at about 24).
#[test]
fn names_take_the_width_there_is() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let long = unique_cell(&rows, |r| {
        let n = r.name.chars().count();
        (40..=45).contains(&n)
    });
    filter(&mut app, &long.code);
    let screen = app.draw(120, 40);
    let line = screen
        .lines()
        .find(|l| l.starts_with('›') && l.contains(&format!("{} ", long.code)))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains(&long.name), "{line}");
}

/// Issue 11 item 12: at 80x24 the grid shows at least 14 rows (the footer
/// loses its border, the detail keeps two lines), the footer's figures and
/// the hint bar's main keys stay.
#[test]
fn the_grid_keeps_fourteen_rows_at_80x24() {
    for (lang, [code, name, detail, rated, members, help]) in [
        (Lang::Vi, ["Mã", "Tên", " Chi tiết", "Đã xếp ", "ĐV ★", "? trợ giúp"]),
        (Lang::En, ["Code", "Name", " Detail", "Rated ", "Mem. ★", "? help"]),
    ] {
        for year in [2024, 2026] {
            let mut app = demo_app(lang, year);
            let screen = app.draw(80, 24);
            let lines: Vec<&str> = screen.lines().collect();
            let header = lines.iter().position(|l| l.contains(code) && l.contains(name)).unwrap();
            // The detail's title line, or (caps on a line of their own) its first line.
            let detail = (header + 1..lines.len())
                .find(|i| lines[*i].starts_with(detail) || !(lines[*i].starts_with(' ') || lines[*i].starts_with('›')))
                .unwrap_or_else(|| panic!("{screen}"));
            let rows = lines[header + 1..detail].iter().filter(|l| !l.trim().is_empty()).count();
            assert!(rows >= 14, "{year}: {rows} rows\n{screen}");
            assert!(screen.contains(rated) && screen.lines().any(|l| l.starts_with(members)), "{screen}");
            let hints = lines.last().unwrap();
            assert!(hints.contains(help) && hints.contains("HTXS"), "{hints}");
            if lang == Lang::En && year == 2026 {
                insta::assert_snapshot!("grid_rows_en_80x24", screen);
            }
        }
    }
}

/// Issue 11 item 3: in a QĐ 366 year a level key without the score for it
/// asks for the score (nothing written); with a score that gives the level
/// it is taken as it is.
#[test]
fn a_level_key_in_a_scored_year_asks_for_the_score() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let cell = unique_cell(&rows, |r| r.kind == OrgKind::Cell);
    filter(&mut app, &cell.code);
    let before = classes(&mut app, 2026);
    app.keys("t");
    assert!(app.capturing(), "the score is asked for");
    assert!(app.msg().contains("theo điểm") && app.msg().contains("HTT"), "{}", app.msg());
    assert!(changed(&before, &classes(&mut app, 2026)).is_empty(), "nothing written");
    app.keys("75<enter>");
    let c = class_of(&mut app, 2026, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Htt, Some(75.0)));
    // The score gives HTT: `t` on the row is taken as it is, no question.
    app.keys("<home>");
    let version = c.version;
    app.keys("t");
    assert!(!app.capturing(), "{}", app.msg());
    let c = class_of(&mut app, 2026, &cell.code).unwrap();
    assert_eq!((c.level, c.score), (Level::Htt, Some(75.0)));
    assert!(c.version > version);
}

/// Issue 11 item 5: a paste whose first column holds codes goes to the rows
/// of those codes, whatever the order and wherever the cursor; the preview
/// shows which code went to which row; a code naming no row refuses the
/// whole paste (nothing written).
#[test]
fn a_paste_with_codes_is_matched_by_code() {
    let mut app = demo_app(Lang::Vi, 2026);
    let rows = list(&mut app, 2026, None).rows;
    let g: Vec<ClassRow> = rows.iter().filter(|r| r.kind.is_grassroots()).take(3).cloned().collect();
    // The cursor sits on a row that is none of them.
    app.keys("<end>");
    let before = classes(&mut app, 2026);
    // In another order than the grid's, with a trailing cell of spaces.
    let text = format!("{}\tHT\r\n{}\tHTXS \r\n{}\tKHT\r\n", g[2].code, g[0].code, g[1].code);
    app.handle_paste(text);
    let screen = app.draw(120, 40);
    assert!(screen.contains("khớp theo mã"), "{screen}");
    let line_of = |code: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {code} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line_of(&g[2].code).contains("→ ○ HT "), "{screen}");
    assert!(line_of(&g[0].code).contains("→ ★ HTXS"), "{screen}");
    assert!(line_of(&g[1].code).contains("→ ✗ KHT"), "{screen}");
    assert!(changed(&before, &classes(&mut app, 2026)).is_empty(), "nothing before Enter");
    insta::assert_snapshot!("paste_by_code_vi_80x24", app.draw(80, 24));
    app.keys("<enter>");
    let after = classes(&mut app, 2026);
    let mut touched = changed(&before, &after);
    touched.sort();
    let mut want: Vec<String> = g.iter().map(|r| r.code.clone()).collect();
    want.sort();
    assert_eq!(touched, want);
    let level = |code: &str| after[code].as_ref().map(|c| c.level);
    assert_eq!(level(&g[2].code), Some(Level::Ht));
    assert_eq!(level(&g[0].code), Some(Level::Htxs));
    assert_eq!(level(&g[1].code), Some(Level::Kht));
    assert!(app.msg().contains("Đã dán 3 dòng"), "{}", app.msg());

    // Codes that name no row: named, shown in the preview, nothing written on Enter.
    let before = classes(&mut app, 2026);
    app.handle_paste(format!("{}\tHTT\nZZ.98\tHT\n{}\tHTT\nQQ.1\tKHT\n", g[0].code, g[1].code));
    assert!(
        app.msg().contains("ZZ.98, QQ.1") && app.msg().contains("không ghi gì"),
        "{}",
        app.msg()
    );
    let screen = app.draw(120, 40);
    assert!(screen.contains("Không tìm thấy mã: ZZ.98, QQ.1"), "{screen}");
    let screen = app.draw(80, 24);
    assert!(!screen.contains("ghi 2 dòng"), "no write offered:\n{screen}");
    insta::assert_snapshot!("paste_codes_not_found_vi_80x24", screen);
    app.keys("<enter>");
    assert!(app.msg().contains("ZZ.98"), "{}", app.msg());
    assert!(changed(&before, &classes(&mut app, 2026)).is_empty(), "nothing written");
    // The same code twice stops the paste at its second line.
    app.handle_paste(format!("{}\tHTT\n{}\tHT\n", g[1].code, g[1].code));
    assert!(
        app.msg().contains("dòng 2") && app.msg().contains("đã có ở dòng 1"),
        "{}",
        app.msg()
    );
    app.keys("<esc>");
    assert!(changed(&before, &classes(&mut app, 2026)).is_empty(), "nothing written");
}

/// Issue 11 item 14: the findings list shows each finding whole, wrapped,
/// with its citation, at 80 columns as at 120.
#[test]
fn findings_are_shown_whole_with_their_citation() {
    for lang in [Lang::Vi, Lang::En] {
        let l = if lang == Lang::Vi { "vi" } else { "en" };
        let mut app = TuiApp::fixture_of(Fixture::Classified, lang, day(2026, 3, 15), 2024);
        app.goto(ScreenId::Classification);
        let findings = list(&mut app, 2024, None).findings;
        assert!(!findings.is_empty());
        app.keys("f");
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = app.draw(w, h);
            // The popup's text with its borders and wrapping undone.
            let text: String = screen
                .lines()
                .filter_map(|line| line.split_once('│').map(|(_, rest)| rest.trim_end_matches('│').trim()))
                .collect::<Vec<_>>()
                .join(" ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let first = &findings[0];
            let msg = first.message(lang).split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&msg), "{w}x{h}: {msg:?} whole in:\n{screen}");
            assert!(text.contains(&format!("({})", first.source())), "{w}x{h}: citation in\n{screen}");
            insta::assert_snapshot!(format!("findings_whole_{l}_{w}x{h}"), screen);
        }
        app.keys("<esc>");
    }
}

/// A discipline recorded on a case while the grid is open shows in its
/// findings at once (the grid is asked for again on `CasesChanged`).
#[test]
fn a_discipline_recorded_meanwhile_shows_in_the_grid_findings() {
    use thuky::domain::case::{CaseKind, CaseStatus, Form, PersonInput, Subject};
    let mut app = TuiApp::fixture_of(Fixture::Classified, Lang::En, day(2026, 3, 15), 2024);
    app.goto(ScreenId::Classification);
    let open = |app: &mut TuiApp| {
        app.keys("f");
        let s = app.draw(120, 40);
        app.keys("<esc>");
        s
    };
    assert!(!open(&mut app).contains("Nguyen Van An"));
    let b = app.app.backend();
    let Response::Case(v) = b
        .call(Request::CaseAdd(Box::new(CaseInput {
            org: "BD.01".into(),
            kind: CaseKind::Discipline,
            title: "Discipline".into(),
            summary: None,
            persons: vec![PersonInput {
                name: "Nguyen Van An".into(),
                probationary: false,
                leadership: true,
                org: None,
            }],
            place: None,
            source: None,
            handler: None,
            opened: Some(day(2024, 2, 1)),
            due: Some(day(2024, 5, 1)),
        })))
        .unwrap()
    else {
        panic!()
    };
    b.call(Request::CaseUpdate(Box::new(CaseUpdate {
        id: v.case.id,
        status: Some(CaseStatus::Concluded),
        at: Some(day(2024, 4, 1)),
        decided: Some(day(2024, 4, 1)),
        discipline: Some(DisciplineInput {
            form: Some(Form::CanhCao),
            subject: Some(Subject::Member),
            person: Some("Nguyen Van An".into()),
            self_remedied: false,
            violation: None,
        }),
        ..Default::default()
    })))
    .unwrap();
    app.app.poll_background();
    let shown = open(&mut app);
    assert!(
        shown.contains(&format!("#{}", v.case.id)),
        "the discipline's finding names the case:\n{shown}"
    );
}
