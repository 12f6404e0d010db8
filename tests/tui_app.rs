//! The terminal UI driven by key events and drawn into ratatui's TestBackend.
//! Snapshots use a small fixed register written straight into the store, so
//! they do not move when the demo generator changes; the empty-store offer is
//! tested with the Small demo data.

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::{Classification, Lang, Level, OrgKind};
use thuky::service::api::{Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::store::{Put, Store};
use thuky::tui::screens::ScreenId;
use thuky::tui::{App, TuiOptions};

const TODAY: (i32, u32, u32) = (2025, 3, 15);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small register: the city, two wards, a sector committee, grassroots
/// organisations and cells, with the 2024 classification of some.
fn write_fixture(dir: &std::path::Path) {
    let store = Store::open(&thuky::service::store_dir(dir)).unwrap();
    let rec = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    #[allow(clippy::type_complexity)]
    let rows: &[(u32, &str, OrgKind, &str, Option<u32>, u32)] = &[
        (1, "HN", OrgKind::City, "Đảng bộ Thành phố Hà Nội", None, 0),
        (2, "BD", OrgKind::Superior, "Đảng bộ phường Ba Đình", Some(1), 0),
        (3, "HK", OrgKind::Superior, "Đảng bộ phường Hoàn Kiếm", Some(1), 0),
        (4, "KCQ", OrgKind::Superior, "Đảng bộ Khối các cơ quan Thành phố", Some(1), 0),
        (
            5,
            "BD.01",
            OrgKind::GrassrootsCommittee,
            "Đảng bộ Cơ quan phường Ba Đình",
            Some(2),
            12,
        ),
        (6, "BD.01.01", OrgKind::Cell, "Chi bộ Khu dân cư số 1", Some(5), 25),
        (7, "BD.01.02", OrgKind::Cell, "Chi bộ Khu dân cư số 2", Some(5), 31),
        (8, "BD.02", OrgKind::GrassrootsCell, "Chi bộ Trường THCS Ba Đình", Some(2), 18),
        (9, "HK.01", OrgKind::GrassrootsCommittee, "Đảng bộ phường Hàng Bạc", Some(3), 40),
        (10, "HK.02", OrgKind::GrassrootsCell, "Chi bộ Bệnh viện Việt Đức", Some(3), 22),
        (11, "KCQ.01", OrgKind::GrassrootsCell, "Chi bộ Sở Tư pháp", Some(4), 15),
    ];
    let mut puts = Vec::new();
    for (id, code, kind, name, parent, members) in rows {
        let org = Org {
            id: *id,
            code: code.to_string(),
            kind: *kind,
            founding_ref: format!("{}-QĐ/TU", 100 + id),
            founding_date: Some(day(2020, 1, 1)),
            events: vec![OrgEvent {
                effective: day(2020, 1, 1),
                change: Change::Found {
                    name: name.to_string(),
                    parent: *parent,
                    members: *members,
                },
                decision: None,
                recorded: rec,
                by: "fixture".into(),
            }],
            version: 1,
        };
        puts.push(Put::org(&org));
        puts.push(Put::code(code, *id));
    }
    for (org, level) in [
        (2, Level::Htt),
        (5, Level::Htxs),
        (6, Level::Htt),
        (7, Level::Ht),
        (8, Level::Kht),
        (9, Level::Htt),
    ] {
        puts.push(Put::class(&Classification {
            org,
            year: 2024,
            level,
            score: None,
            members: None,
            decision: None,
            decided: None,
            note: None,
            by: "fixture".into(),
            at: rec,
            version: 1,
        }));
    }
    let mut audit = thuky::domain::audit::AuditEntry {
        seq: 0,
        at: rec,
        user: "fixture".into(),
        action: "fixture.load".into(),
        org: None,
        year: None,
        summary: "test register".into(),
        before: None,
        after: None,
    };
    store.bulk(puts, &mut audit).unwrap();
}

fn opts(lang: Lang, dir: &std::path::Path) -> TuiOptions {
    TuiOptions {
        lang,
        config_path: Some(dir.join("keys.toml")),
        log_dir: None,
        today: Some(day(TODAY.0, TODAY.1, TODAY.2)),
        year: Some(2024),
        demo_scale: Some(thuky::demo::Scale::Small),
        no_color: true,
    }
}

fn open(dir: &std::path::Path) -> Box<dyn Backend> {
    // Audit times are shown in local time: fix the zone for the snapshots.
    std::env::set_var("TZ", "UTC");
    // sled may hold its lock a moment after the fixture's store is dropped.
    for _ in 0..100 {
        if let Ok(s) = Service::open(dir) {
            return Box::new(Local::new(s, "thu.ky"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Box::new(Local::new(Service::open(dir).unwrap(), "thu.ky"))
}

fn fixture_app(lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    let app = App::new(open(dir.path()), opts(lang, dir.path()));
    (dir, app)
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let m = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), m));
    }
}

fn draw(app: &mut App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| app.render(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Timestamps of audit entries written now are masked.
fn mask_now(s: &str) -> String {
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let mut out = s.replace(&today, "DD/MM/YYYY");
    // hh:mm after the masked date
    while let Some(i) = out.find("DD/MM/YYYY ") {
        let j = i + "DD/MM/YYYY ".len();
        if out.len() >= j + 5 && out.as_bytes()[j + 2] == b':' {
            out.replace_range(j..j + 5, "hh:mm");
        }
        out.replace_range(i..i + 10, "dd/mm/yyyy");
    }
    out
}

/// Tab to a screen (its number depends on which screens are built).
fn goto(app: &mut App, id: ScreenId) {
    for _ in 0..8 {
        if app.current_screen() == id {
            return;
        }
        // Backwards: the audit log is the last tab.
        key(app, KeyCode::BackTab);
    }
    panic!("no {id:?} screen");
}

fn sizes() -> [(u16, u16); 2] {
    [(80, 24), (120, 40)]
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

#[test]
fn snapshots_of_the_organisation_screen() {
    for lang in [Lang::Vi, Lang::En] {
        let (_dir, mut app) = fixture_app(lang);
        // Down to Ba Đình, open it, then to its grassroots committee.
        press(&mut app, "jj");
        key(&mut app, KeyCode::Right);
        press(&mut app, "jj");
        key(&mut app, KeyCode::Right);
        for (w, h) in sizes() {
            let name = format!("orgs_{}_{w}x{h}", lang_tag(lang));
            insta::assert_snapshot!(name, draw(&mut app, w, h));
        }
        // Drill into Ba Đình.
        press(&mut app, "kk");
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("orgs_drill_{}_80x24", lang_tag(lang)), draw(&mut app, 80, 24));
    }
}

#[test]
fn snapshots_of_help_search_form_and_audit() {
    for lang in [Lang::Vi, Lang::En] {
        let l = lang_tag(lang);
        let (_dir, mut app) = fixture_app(lang);
        press(&mut app, "?");
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("help_{l}_{w}x{h}"), draw(&mut app, w, h));
        }
        key(&mut app, KeyCode::Esc);
        ctrl(&mut app, 'f');
        press(&mut app, "ba dinh");
        app.settle();
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("search_{l}_{w}x{h}"), draw(&mut app, w, h));
        }
        key(&mut app, KeyCode::Esc);
        press(&mut app, "ja");
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("add_form_{l}_{w}x{h}"), draw(&mut app, w, h));
        }
        key(&mut app, KeyCode::Esc);
        goto(&mut app, ScreenId::Audit);
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("audit_{l}_{w}x{h}"), mask_now(&draw(&mut app, w, h)));
        }
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("audit_detail_{l}_120x40"), mask_now(&draw(&mut app, 120, 40)));
    }
}

#[test]
fn tabs_show_only_built_screens() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    let ids = app.screen_ids();
    assert_eq!(ids[0], ScreenId::Orgs);
    assert_eq!(*ids.last().unwrap(), ScreenId::Audit);
    let top = draw(&mut app, 120, 40);
    let first = top.lines().next().unwrap();
    assert!(
        first.contains("[1 Tổ chức]") && first.contains(&format!("{} Nhật ký", ids.len())),
        "{first}"
    );
    // Screens not built yet have no tab.
    for (id, title) in [
        (ScreenId::Admissions, "Kết nạp"),
        (ScreenId::Cases, "Vụ việc"),
        (ScreenId::Classification, "Xếp loại"),
    ] {
        assert_eq!(ids.contains(&id), first.contains(title), "{title}: {first}");
    }
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.current_screen(), ScreenId::Audit);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.current_screen(), ScreenId::Orgs);
}

#[test]
fn adding_an_organisation_reaches_the_store_and_selects_it() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    // Select BD.01 (root, BD, then expand BD and go to BD.01).
    press(&mut app, "jjljj");
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    press(&mut app, "a");
    assert!(app.capturing());
    // Vietnamese with a pasted part and a Ctrl-H correction.
    press(&mut app, "Chi bộ Khu dân cư số 33");
    ctrl(&mut app, 'h');
    app.handle_paste(" – Ngọc Hà".into());
    // Ctrl/Alt chords never insert.
    ctrl(&mut app, 'x');
    app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    key(&mut app, KeyCode::Tab); // code
    key(&mut app, KeyCode::Tab); // members
    ctrl(&mut app, 'u');
    press(&mut app, "27");
    key(&mut app, KeyCode::Tab); // date
    ctrl(&mut app, 'u');
    press(&mut app, "01/03/2025");
    key(&mut app, KeyCode::Tab); // decision
    press(&mut app, "55-QĐ/ĐU");
    key(&mut app, KeyCode::Enter);
    assert!(!app.capturing(), "form closed: {:?}", app.message());
    let (_, code) = app.selected_org().unwrap();
    assert_eq!(code, "BD.01.03");
    let Ok(Response::Org(d)) = app.backend().call(Request::Org {
        code: code.clone(),
        at: day(2025, 3, 15),
        year: 2024,
    }) else {
        panic!()
    };
    assert_eq!(d.name, "Chi bộ Khu dân cư số 3 – Ngọc Hà");
    assert_eq!(d.kind, OrgKind::Cell);
    assert_eq!(d.members, 27);
    assert_eq!(d.founded, day(2025, 3, 1));
    assert_eq!(d.founding_ref, "55-QĐ/ĐU");
    assert_eq!(d.parents.last().unwrap().0, "BD.01");
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("✓ Đã thêm BD.01.03"), "{screen}");
}

#[test]
fn a_refused_change_keeps_the_form_open_with_the_reason() {
    let (_dir, mut app) = fixture_app(Lang::En);
    press(&mut app, "jjljj"); // BD.01
    press(&mut app, "m");
    press(&mut app, "HK.02"); // a cell cannot hold a grassroots committee
    let screen = draw(&mut app, 100, 30);
    assert!(screen.contains("→ HK.02  Chi bộ Bệnh viện Việt Đức (CBCS)"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(app.capturing(), "the form stays open");
    let screen = draw(&mut app, 100, 30);
    assert!(screen.contains("✗ parent = 'HK.02'"), "{screen}");
    // A bad date is caught before the service.
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    press(&mut app, "31/02/2025");
    key(&mut app, KeyCode::Enter);
    assert!(draw(&mut app, 100, 30).contains("invalid date"));
    // Rename goes through; the event refreshes the tree in place.
    key(&mut app, KeyCode::Esc);
    press(&mut app, "r");
    ctrl(&mut app, 'u');
    press(&mut app, "Đảng bộ Cơ quan Ba Đình");
    key(&mut app, KeyCode::Enter);
    assert!(!app.capturing());
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    assert!(draw(&mut app, 120, 40).contains("›    ▸ Đảng bộ Cơ quan Ba Đình"));
}

#[test]
fn the_target_of_a_move_is_found_by_name_without_diacritics() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    press(&mut app, "jjlj"); // BD.02, a grassroots cell under BD
    assert_eq!(app.selected_org().unwrap().1, "BD.02");
    press(&mut app, "m");
    // Part of a name, no diacritics: the best match is offered first.
    press(&mut app, "hoan kiem");
    let screen = draw(&mut app, 100, 30);
    assert!(screen.contains("→ HK  Đảng bộ phường Hoàn Kiếm (TT)"), "{screen}");
    // Nothing matches: said at once, and Enter names the field.
    press(&mut app, "zzz");
    assert!(draw(&mut app, 100, 30).contains("✗ không có tổ chức nào mang mã hoặc tên này"));
    key(&mut app, KeyCode::Enter);
    assert!(app.capturing());
    assert!(draw(&mut app, 100, 30).contains("✗ Cấp trên mới (mã hoặc tên): 'hoan kiemzzz'"));
    // ↓ chooses among several: both ward committees match.
    ctrl(&mut app, 'u');
    press(&mut app, "dang bo phuong");
    let screen = draw(&mut app, 100, 30);
    assert!(
        screen.contains("→ BD  Đảng bộ phường Ba Đình") || screen.contains("→ HK  Đảng bộ phường Hoàn Kiếm"),
        "{screen}"
    );
    let first = if screen.contains("→ BD  ") { "BD" } else { "HK" };
    let other = if first == "BD" { "HK" } else { "BD" };
    // Move the mark to the other committee (whatever the order, it is listed).
    for _ in 0..4 {
        if draw(&mut app, 100, 30).contains(&format!("→ {other}  ")) {
            break;
        }
        key(&mut app, KeyCode::Down);
    }
    assert!(draw(&mut app, 100, 30).contains(&format!("→ {other}  ")));
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    press(&mut app, "01/03/2025");
    key(&mut app, KeyCode::Enter);
    assert!(!app.capturing(), "{:?}", app.message());
    let Ok(Response::Org(d)) = app.backend().call(Request::Org {
        code: "BD.02".into(),
        at: day(2025, 3, 15),
        year: 2024,
    }) else {
        panic!()
    };
    assert_eq!(d.parents.last().unwrap().0, other);
}

#[test]
fn filter_keeps_ancestors_and_folds_diacritics() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    press(&mut app, "/");
    press(&mut app, "dan cu so 2");
    let screen = draw(&mut app, 120, 40);
    for want in [
        "Đảng bộ Thành phố Hà Nội",
        "Đảng bộ phường Ba Đình",
        "Đảng bộ Cơ quan phường Ba Đình",
        "Chi bộ Khu dân cư số 2",
        "1 khớp",
    ] {
        assert!(screen.contains(want), "{want} in\n{screen}");
    }
    assert!(!screen.contains("Khu dân cư số 1"));
    assert!(!screen.contains("Hoàn Kiếm"));
    // Ctrl-H deletes; Enter keeps the filter; Esc clears it.
    ctrl(&mut app, 'h');
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("Khu dân cư số 1") && screen.contains("2 khớp"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(!app.capturing());
    key(&mut app, KeyCode::Esc);
    assert!(draw(&mut app, 120, 40).contains("Hoàn Kiếm"));
}

#[test]
fn global_search_jumps_to_the_record() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    ctrl(&mut app, 'f');
    press(&mut app, "viet duc");
    app.settle();
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("Chi bộ Bệnh viện Việt Đức"), "{screen}");
    key(&mut app, KeyCode::Enter);
    assert!(!app.has_modal());
    assert_eq!(app.selected_org().unwrap().1, "HK.02");
    // Its ancestors were opened: the row is on screen.
    assert!(draw(&mut app, 120, 40).contains("›    · Chi bộ Bệnh viện Việt Đức"));
    // "bd" finds Ba Đình; narrowing "b" → "bd" still finds it first.
    ctrl(&mut app, 'f');
    press(&mut app, "b");
    app.settle();
    press(&mut app, "d");
    app.settle();
    key(&mut app, KeyCode::Enter);
    let code = app.selected_org().unwrap().1;
    assert!(code.starts_with("BD"), "{code}");
    // Typed ahead: Enter before the answer to the last keys is taken jumps to
    // the best match of the whole query, not of the shorter one on screen.
    ctrl(&mut app, 'f');
    press(&mut app, "h");
    app.settle();
    press(&mut app, "ang bac");
    key(&mut app, KeyCode::Enter);
    assert!(!app.has_modal());
    assert_eq!(app.selected_org().unwrap().1, "HK.01");
}

#[test]
fn year_and_date_selectors() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    assert!(!draw(&mut app, 120, 40).contains("★ HTXS"));
    press(&mut app, "jl");
    let s = draw(&mut app, 120, 40);
    assert!(s.contains("Năm 2024") && s.contains("Ngày 15/03/2025"), "{s}");
    assert!(s.contains("● HTT"));
    press(&mut app, "]");
    assert_eq!(app.year(), 2025);
    assert!(!draw(&mut app, 120, 40).contains("● HTT"), "no 2025 classification");
    press(&mut app, "[");
    assert_eq!(app.year(), 2024);
    press(&mut app, "t");
    ctrl(&mut app, 'u');
    press(&mut app, "32/13/2019");
    key(&mut app, KeyCode::Enter);
    assert!(app.has_modal());
    assert!(draw(&mut app, 80, 24).contains("ngày không hợp lệ"));
    ctrl(&mut app, 'u');
    press(&mut app, "1/6/2019");
    key(&mut app, KeyCode::Enter);
    assert!(!app.has_modal());
    assert_eq!(app.at(), day(2019, 6, 1));
    // Nothing existed then.
    assert!(draw(&mut app, 80, 24).contains("Chưa có tổ chức nào"));
}

#[test]
fn changes_by_others_refresh_without_moving_the_cursor() {
    let (_dir, mut app) = fixture_app(Lang::Vi);
    press(&mut app, "jjljj");
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    app.backend()
        .call(Request::OrgRename {
            code: "BD.02".into(),
            name: "Chi bộ Trường THCS Nguyễn Trãi".into(),
            at: day(2025, 1, 1),
            decision: None,
            base_version: None,
        })
        .unwrap();
    app.poll_background();
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    assert!(draw(&mut app, 120, 40).contains("Nguyễn Trãi"));
}

#[test]
fn audit_log_lists_newest_first_with_detail() {
    let (_dir, mut app) = fixture_app(Lang::En);
    app.backend()
        .call(Request::OrgRename {
            code: "HK.02".into(),
            name: "Chi bộ Bệnh viện Hữu nghị Việt Đức".into(),
            at: day(2025, 1, 1),
            decision: Some("9-QĐ".into()),
            base_version: None,
        })
        .unwrap();
    app.poll_background();
    goto(&mut app, ScreenId::Audit);
    let s = draw(&mut app, 120, 40);
    let rename = s.find("org.rename").expect("rename listed");
    let fixture = s.find("fixture.load").expect("fixture listed");
    assert!(rename < fixture, "newest first\n{s}");
    assert!(s.contains("thu.ky"));
    key(&mut app, KeyCode::Enter);
    let s = draw(&mut app, 120, 40);
    assert!(
        s.contains("Before") && s.contains("After") && s.contains("+") && s.contains("Hữu nghị"),
        "{s}"
    );
    key(&mut app, KeyCode::Esc);
    assert!(!app.capturing());
}

#[test]
fn empty_store_offers_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(open(dir.path()), opts(Lang::Vi, dir.path()));
    assert!(app.has_modal());
    let s = draw(&mut app, 80, 24);
    insta::assert_snapshot!("empty_offer_vi_80x24", s);
    press(&mut app, "d");
    assert!(app.has_pending());
    assert!(draw(&mut app, 80, 24).contains("Đang nạp dữ liệu mẫu"));
    app.tick();
    assert!(!app.has_modal());
    // The tree of the app's day (before the 1/7/2025 reorganisation, which changes the count).
    let Ok(Response::Tree(t)) = app.backend().call(Request::Tree {
        at: day(TODAY.0, TODAY.1, TODAY.2),
        year: None,
    }) else {
        panic!()
    };
    let shown = app.tree().map(|t| t.view.nodes.len()).unwrap_or(0);
    assert_eq!(shown, t.nodes.len(), "the tree shows the loaded data");
    // Starting empty instead.
    let dir2 = tempfile::tempdir().unwrap();
    let mut app = App::new(open(dir2.path()), opts(Lang::En, dir2.path()));
    press(&mut app, "e");
    assert!(!app.has_modal());
    assert!(draw(&mut app, 80, 24).contains("No organisations yet"));
}

#[test]
fn a_bad_key_file_names_the_line_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    std::fs::write(dir.path().join("keys.toml"), "[keys]\nquit = \"x\"\nsearch = \"ctrl-\"\n").unwrap();
    let mut app = App::new(open(dir.path()), opts(Lang::Vi, dir.path()));
    let msg = app.message().unwrap().clone();
    assert!(msg.error && msg.text.contains("dòng 3"), "{msg:?}");
    press(&mut app, "x");
    assert!(!app.should_quit(), "defaults are used");
    // A good file rebinds, and the hint bar follows.
    std::fs::write(dir.path().join("keys.toml"), "[keys]\nquit = \"x\"\n").unwrap();
    drop(app);
    let mut app = App::new(open(dir.path()), opts(Lang::Vi, dir.path()));
    assert!(draw(&mut app, 120, 40).lines().last().unwrap().contains("x thoát"));
    press(&mut app, "q");
    assert!(!app.should_quit());
    press(&mut app, "x");
    assert!(app.should_quit());
}
