//! The terminal UI driven by key events and drawn into ratatui's TestBackend.
//! Snapshots use a small fixed register written straight into the store, so
//! they do not move when the demo generator changes; the empty-store offer is
//! tested with the Small demo data.

mod common;

use common::tui::{day, lang_tag, mask_now, parse_keys, write_fixture, Drive, Fixture, TuiApp, SIZES};
use crossterm::event::{KeyCode, KeyModifiers};
use thuky::domain::{Lang, OrgKind};
use thuky::service::api::{Request, Response};
use thuky::tui::screens::ScreenId;

fn fixture_app(lang: Lang) -> TuiApp {
    TuiApp::fixture(lang)
}

fn sizes() -> [(u16, u16); 2] {
    SIZES
}

#[test]
fn snapshots_of_the_organisation_screen() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = fixture_app(lang);
        // Down to Ba Đình, open it, then to its grassroots committee.
        app.keys("jj");
        app.keys("<right>");
        app.keys("jj");
        app.keys("<right>");
        for (w, h) in sizes() {
            let name = format!("orgs_{}_{w}x{h}", lang_tag(lang));
            insta::assert_snapshot!(name, app.draw(w, h));
        }
        // Drill into Ba Đình.
        app.keys("kk");
        app.keys("<enter>");
        insta::assert_snapshot!(format!("orgs_drill_{}_80x24", lang_tag(lang)), app.draw(80, 24));
    }
}

#[test]
fn snapshots_of_help_search_form_and_audit() {
    for lang in [Lang::Vi, Lang::En] {
        let l = lang_tag(lang);
        let mut app = fixture_app(lang);
        app.keys("?");
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("help_{l}_{w}x{h}"), app.draw(w, h));
        }
        app.keys("<esc>");
        app.keys("<c-f>");
        app.keys("ba dinh");
        app.settle();
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("search_{l}_{w}x{h}"), app.draw(w, h));
        }
        app.keys("<esc>");
        app.keys("ja");
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("add_form_{l}_{w}x{h}"), app.draw(w, h));
        }
        app.keys("<esc>");
        app.goto(ScreenId::Audit);
        for (w, h) in sizes() {
            insta::assert_snapshot!(format!("audit_{l}_{w}x{h}"), mask_now(&app.draw(w, h)));
        }
        app.keys("<enter>");
        insta::assert_snapshot!(format!("audit_detail_{l}_120x40"), mask_now(&app.draw(120, 40)));
    }
}

#[test]
fn tabs_show_only_built_screens() {
    let mut app = fixture_app(Lang::Vi);
    let ids = app.screen_ids();
    assert_eq!(ids[0], ScreenId::Orgs);
    assert_eq!(*ids.last().unwrap(), ScreenId::Audit);
    let top = app.draw(120, 40);
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
    app.keys("<backtab>");
    assert_eq!(app.current_screen(), ScreenId::Audit);
    app.keys("<tab>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
}

#[test]
fn adding_an_organisation_reaches_the_store_and_selects_it() {
    let mut app = fixture_app(Lang::Vi);
    // 2025: the tree of today, where a change dated 2025 shows (issue 11 item 7).
    app.keys("]");
    // Select BD.01 (root, BD, then expand BD and go to BD.01).
    app.keys("jjljj");
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    app.keys("a");
    assert!(app.capturing());
    // Vietnamese with a pasted part and a Ctrl-H correction.
    app.keys("Chi bộ Khu dân cư số 33");
    app.keys("<c-h>");
    app.handle_paste(" – Ngọc Hà".into());
    // Ctrl/Alt chords never insert.
    app.keys("<c-x>");
    app.keys("<a-y>");
    app.keys("<tab>"); // code
    app.keys("<tab>"); // members
    app.keys("<c-u>");
    app.keys("27");
    app.keys("<tab>"); // date
    app.keys("<c-u>");
    app.keys("01/03/2025");
    app.keys("<tab>"); // decision
    app.keys("55-QĐ/ĐU");
    app.keys("<enter>");
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
    let screen = app.draw(120, 40);
    assert!(screen.contains("✓ Đã thêm BD.01.03"), "{screen}");
}

#[test]
fn a_refused_change_keeps_the_form_open_with_the_reason() {
    let mut app = fixture_app(Lang::En);
    // 2025: the tree of today, where the rename dated today shows.
    app.keys("]");
    app.keys("jjljj"); // BD.01
    app.keys("m");
    app.keys("HK.02"); // a cell cannot hold a grassroots committee
    let screen = app.draw(100, 30);
    assert!(screen.contains("→ HK.02  Chi bộ Bệnh viện Việt Đức (CBCS)"), "{screen}");
    app.keys("<enter>");
    assert!(app.capturing(), "the form stays open");
    let screen = app.draw(100, 30);
    assert!(screen.contains("✗ parent = 'HK.02'"), "{screen}");
    // A bad date is caught before the service.
    app.keys("<tab>");
    app.keys("<c-u>");
    app.keys("31/02/2025");
    app.keys("<enter>");
    assert!(app.draw(100, 30).contains("invalid date"));
    // Rename goes through; the event refreshes the tree in place.
    app.keys("<esc>");
    app.keys("r");
    app.keys("<c-u>");
    app.keys("Đảng bộ Cơ quan Ba Đình");
    app.keys("<enter>");
    assert!(!app.capturing());
    assert_eq!(app.selected_org().unwrap().1, "BD.01");
    assert!(app.draw(120, 40).contains("›    ▸ Đảng bộ Cơ quan Ba Đình"));
}

#[test]
fn the_target_of_a_move_is_found_by_name_without_diacritics() {
    let mut app = fixture_app(Lang::Vi);
    app.keys("jjlj"); // BD.02, a grassroots cell under BD
    assert_eq!(app.selected_org().unwrap().1, "BD.02");
    app.keys("m");
    // Part of a name, no diacritics: the best match is offered first.
    app.keys("hoan kiem");
    let screen = app.draw(100, 30);
    assert!(screen.contains("→ HK  Đảng bộ phường Hoàn Kiếm (TT)"), "{screen}");
    // Nothing matches: said at once, and Enter names the field.
    app.keys("zzz");
    assert!(app.draw(100, 30).contains("✗ không có tổ chức nào mang mã hoặc tên này"));
    app.keys("<enter>");
    assert!(app.capturing());
    assert!(app.draw(100, 30).contains("✗ Cấp trên mới (mã hoặc tên): 'hoan kiemzzz'"));
    // ↓ chooses among several: both ward committees match.
    app.keys("<c-u>");
    app.keys("dang bo phuong");
    let screen = app.draw(100, 30);
    assert!(
        screen.contains("→ BD  Đảng bộ phường Ba Đình") || screen.contains("→ HK  Đảng bộ phường Hoàn Kiếm"),
        "{screen}"
    );
    let first = if screen.contains("→ BD  ") { "BD" } else { "HK" };
    let other = if first == "BD" { "HK" } else { "BD" };
    // Move the mark to the other committee (whatever the order, it is listed).
    for _ in 0..4 {
        if app.draw(100, 30).contains(&format!("→ {other}  ")) {
            break;
        }
        app.keys("<down>");
    }
    assert!(app.draw(100, 30).contains(&format!("→ {other}  ")));
    app.keys("<tab>");
    app.keys("<c-u>");
    app.keys("01/03/2025");
    app.keys("<enter>");
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
    let mut app = fixture_app(Lang::Vi);
    app.keys("/");
    app.keys("dan cu so 2");
    let screen = app.draw(120, 40);
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
    app.keys("<c-h>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Khu dân cư số 1") && screen.contains("2 khớp"), "{screen}");
    app.keys("<enter>");
    assert!(!app.capturing());
    app.keys("<esc>");
    assert!(app.draw(120, 40).contains("Hoàn Kiếm"));
}

#[test]
fn global_search_jumps_to_the_record() {
    let mut app = fixture_app(Lang::Vi);
    app.keys("<c-f>");
    app.keys("viet duc");
    app.settle();
    let screen = app.draw(120, 40);
    assert!(screen.contains("Chi bộ Bệnh viện Việt Đức"), "{screen}");
    app.keys("<enter>");
    assert!(!app.has_modal());
    assert_eq!(app.selected_org().unwrap().1, "HK.02");
    // Its ancestors were opened: the row is on screen.
    assert!(app.draw(120, 40).contains("›    · Chi bộ Bệnh viện Việt Đức"));
    // "bd" finds Ba Đình; narrowing "b" → "bd" still finds it first.
    app.keys("<c-f>");
    app.keys("b");
    app.settle();
    app.keys("d");
    app.settle();
    app.keys("<enter>");
    let code = app.selected_org().unwrap().1;
    assert!(code.starts_with("BD"), "{code}");
    // Typed ahead: Enter before the answer to the last keys is taken jumps to
    // the best match of the whole query, not of the shorter one on screen.
    app.keys("<c-f>");
    app.keys("h");
    app.settle();
    app.keys("ang bac");
    app.keys("<enter>");
    assert!(!app.has_modal());
    assert_eq!(app.selected_org().unwrap().1, "HK.01");
}

#[test]
fn year_and_date_selectors() {
    let mut app = fixture_app(Lang::Vi);
    assert!(!app.draw(120, 40).contains("★ HTXS"));
    app.keys("jl");
    let s = app.draw(120, 40);
    // The tree of the year shown (issue 11 item 7): 31/12/2024, not today.
    assert!(s.contains("Năm 2024") && s.contains("Ngày 31/12/2024"), "{s}");
    assert!(s.contains("● HTT"));
    app.keys("]");
    assert_eq!(app.year(), 2025);
    assert!(!app.draw(120, 40).contains("● HTT"), "no 2025 classification");
    app.keys("[");
    assert_eq!(app.year(), 2024);
    app.keys("t");
    app.keys("<c-u>");
    app.keys("32/13/2019");
    app.keys("<enter>");
    assert!(app.has_modal());
    assert!(app.draw(80, 24).contains("ngày không hợp lệ"));
    app.keys("<c-u>");
    app.keys("1/6/2019");
    app.keys("<enter>");
    assert!(!app.has_modal());
    assert_eq!(app.at(), day(2019, 6, 1));
    // Nothing existed then.
    assert!(app.draw(80, 24).contains("Chưa có tổ chức nào"));
}

#[test]
fn changes_by_others_refresh_without_moving_the_cursor() {
    let mut app = fixture_app(Lang::Vi);
    // 2025: the tree of today, where the rename dated 2025 shows.
    app.keys("]");
    app.keys("jjljj");
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
    assert!(app.draw(120, 40).contains("Nguyễn Trãi"));
}

#[test]
fn audit_log_lists_newest_first_with_detail() {
    let mut app = fixture_app(Lang::En);
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
    app.goto(ScreenId::Audit);
    let s = app.draw(120, 40);
    let rename = s.find("Rename").expect("rename listed");
    let fixture = s.find("fixture.load").expect("fixture listed");
    assert!(rename < fixture, "newest first\n{s}");
    assert!(s.contains("thu.ky"));
    app.keys("<enter>");
    let s = app.draw(120, 40);
    assert!(
        s.contains("Rename (org.rename)") && s.contains("Name: Chi bộ Bệnh viện Việt Đức → Chi bộ Bệnh viện Hữu nghị Việt Đức"),
        "{s}"
    );
    app.keys("<esc>");
    assert!(!app.capturing());
}

#[test]
fn empty_store_offers_the_demo_data() {
    let mut app = TuiApp::empty(Lang::Vi);
    assert!(app.has_modal());
    let s = app.draw(80, 24);
    insta::assert_snapshot!("empty_offer_vi_80x24", s);
    app.keys("d");
    assert!(app.has_pending());
    assert!(app.draw(80, 24).contains("Đang nạp dữ liệu mẫu"));
    app.tick();
    assert!(!app.has_modal());
    // The tree of the app's day (before the 1/7/2025 reorganisation, which changes the count).
    let Ok(Response::Tree(t)) = app.backend().call(Request::Tree {
        at: day(2025, 3, 15),
        year: None,
    }) else {
        panic!()
    };
    let shown = app.window().map(|w| w.tree_len).unwrap_or(0);
    assert_eq!(shown, t.nodes.len(), "the tree shows the loaded data");
    // Starting empty instead.
    let mut app = TuiApp::empty(Lang::En);
    app.keys("e");
    assert!(!app.has_modal());
    assert!(app.draw(80, 24).contains("The register is empty: press a to found the city"));
}

#[test]
fn a_bad_key_file_names_the_line_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path(), Fixture::Register);
    std::fs::write(dir.path().join("keys.toml"), "[keys]\nquit = \"x\"\nsearch = \"ctrl-\"\n").unwrap();
    let mut app = TuiApp::open(dir, Lang::Vi, day(2025, 3, 15), 2024);
    let msg = app.message().unwrap().clone();
    assert!(msg.error && msg.text.contains("dòng 3"), "{msg:?}");
    app.keys("x");
    assert!(!app.should_quit(), "defaults are used");
    // A good file rebinds, and the hint bar follows.
    std::fs::write(app.dir.path().join("keys.toml"), "[keys]\nquit = \"x\"\n").unwrap();
    let mut app = app.reopen(Lang::Vi, day(2025, 3, 15), 2024);
    assert!(app.draw(120, 40).lines().last().unwrap().contains("x thoát"));
    app.keys("q");
    assert!(!app.should_quit());
    app.keys("x");
    assert!(app.should_quit());
}

#[test]
fn the_key_dsl_names_keys() {
    let k = parse_keys("jG<enter><c-u><a-1><lt><s-tab>é");
    let codes: Vec<(KeyCode, KeyModifiers)> = k.iter().map(|e| (e.code, e.modifiers)).collect();
    assert_eq!(
        codes,
        vec![
            (KeyCode::Char('j'), KeyModifiers::NONE),
            (KeyCode::Char('G'), KeyModifiers::SHIFT),
            (KeyCode::Enter, KeyModifiers::NONE),
            (KeyCode::Char('u'), KeyModifiers::CONTROL),
            (KeyCode::Char('1'), KeyModifiers::ALT),
            (KeyCode::Char('<'), KeyModifiers::NONE),
            (KeyCode::BackTab, KeyModifiers::NONE),
            (KeyCode::Char('é'), KeyModifiers::NONE),
        ]
    );
}
