//! The global search palette (Ctrl-F) answers from the service's search:
//! a case found by a query typed without diacritics opens on the case screen,
//! and an organisation that no longer exists opens the tree as of a day it did.

mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use thuky::domain::case::{CaseKind, PersonInput};
use thuky::domain::{Lang, OrgKind};
use thuky::service::api::*;
use thuky::service::backend::Local;
use thuky::service::Service;
use thuky::tui::{App, TuiOptions};

fn setup() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let add = |s: &mut Service, parent: &str, kind, name: &str, code: &str| {
        s.call(
            "tester",
            Request::OrgAdd(OrgAdd {
                parent: parent.into(),
                kind,
                name: name.into(),
                code: Some(code.into()),
                members: 10,
                at: d(2010, 1, 1),
                founding_ref: None,
                founding_date: None,
            }),
        )
        .unwrap();
    };
    add(&mut s, "HN", OrgKind::Superior, "Quận ủy Hoàng Mai", "HM");
    add(&mut s, "HM", OrgKind::GrassrootsCell, "Chi bộ Thôn Cũ", "HM.09");
    s.call(
        "tester",
        Request::OrgDissolve {
            code: "HM.09".into(),
            at: d(2019, 6, 30),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    s.call(
        "tester",
        Request::CaseAdd(Box::new(CaseInput {
            org: "BD.01".into(),
            kind: CaseKind::Denunciation,
            title: "Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt".into(),
            summary: None,
            persons: vec![PersonInput {
                name: "Phạm Đức Thắng".into(),
                ..Default::default()
            }],
            place: None,
            source: None,
            handler: None,
            opened: Some(d(2024, 3, 20)),
            due: None,
        })),
    )
    .unwrap();
    let app = app_on(s, &dir);
    (dir, app)
}

fn app_on(s: Service, dir: &tempfile::TempDir) -> App {
    App::new(
        Box::new(Local::new(s, "thu.ky")),
        TuiOptions {
            lang: Lang::Vi,
            config_path: Some(dir.path().join("keys.toml")),
            log_dir: None,
            today: Some(d(2025, 3, 15)),
            year: Some(2024),
            demo_scale: None,
            no_color: true,
        },
    )
}

fn draw(app: &mut App) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
    term.draw(|f| app.render(f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..30)
        .map(|y| (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
        .collect()
}

fn search(app: &mut App, query: &str) {
    app.handle_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    for c in query.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.settle();
}

#[test]
fn a_case_typed_without_diacritics_opens_on_the_case_screen() {
    let (_dir, mut app) = setup();
    search(&mut app, "pham duc thang to cao");
    let screen = draw(&mut app);
    assert!(
        screen.contains("#1") && screen.contains("Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt"),
        "{screen}"
    );
    assert!(screen.contains("1/1"), "{screen}");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!app.has_modal());
    assert_eq!(app.current_screen(), thuky::tui::screens::ScreenId::Cases);
    assert_eq!(app.active_layer(), Some(thuky::tui::keymap::Layer::CaseDetail));
    let screen = draw(&mut app);
    assert!(screen.contains("#1 Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt"), "{screen}");
    assert!(screen.contains("Phạm Đức Thắng"), "{screen}");
}

#[test]
fn a_former_organisation_opens_the_tree_of_a_day_it_existed() {
    let (_dir, mut app) = setup();
    search(&mut app, "THON CU");
    let screen = draw(&mut app);
    assert!(screen.contains("Chi bộ Thôn Cũ HM.09 (2010–2019)"), "{screen}");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.at(), d(2019, 6, 29));
    assert_eq!(app.selected_org().unwrap().1, "HM.09");
}

/// The palette loads a page of hits at a time; scrolling on loads the next,
/// so every match up to the palette's 200 can be reached.
#[test]
fn scrolling_reaches_every_match_past_the_first_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    for n in 1..=150 {
        let title = format!("Đơn kiến nghị số {n}");
        let case = case_input("BD.01", CaseKind::Complaint, &title, "Lê Văn Tám", d(2024, 3, 20));
        s.call("tester", Request::CaseAdd(Box::new(case))).unwrap();
    }
    let mut app = app_on(s, &dir);
    search(&mut app, "don kien nghi");
    let screen = draw(&mut app);
    assert!(screen.contains("150/150 kết quả"), "{screen}");
    let selected = |screen: &str| {
        let line = screen.lines().find(|l| l.contains("›#")).unwrap_or_else(|| panic!("{screen}"));
        let at = line.find("›#").unwrap() + "›#".len();
        line[at..].split_whitespace().next().unwrap().to_string()
    };
    let mut seen = std::collections::BTreeSet::new();
    seen.insert(selected(&screen));
    for _ in 0..160 {
        app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        seen.insert(selected(&draw(&mut app)));
    }
    assert_eq!(seen.len(), 150, "every match reached once: {seen:?}");
    // Page keys reach the end too, and Enter opens the case chosen there.
    search(&mut app, "");
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    search(&mut app, "kien nghi");
    for _ in 0..20 {
        app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    }
    let last = selected(&draw(&mut app));
    assert!(seen.contains(&last));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.current_screen(), thuky::tui::screens::ScreenId::Cases);
    let screen = draw(&mut app);
    assert!(screen.contains(&format!("#{last} Đơn kiến nghị số")), "{screen}");
}
