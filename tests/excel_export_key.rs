//! Issue 15, the TUI's export key: on Xếp loại, Kết nạp and Chỉ tiêu one key
//! writes what the screen shows into the exports folder of the data
//! directory (by the service, which owns it) and shows the file's path.

mod common;

use calamine::{open_workbook_auto, Data, Reader};
use common::tui::{Drive, TuiApp};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use thuky::domain::Lang;
use thuky::service::api::{ExportWhat, ExportWrite, Request, Response, Role};
use thuky::service::{ErrorKind, Service};
use thuky::tui::screens::ScreenId;

/// The files of the exports folder, by name.
fn exports(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir.join("exports")) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// Press the export key and return the one new file, checking that the message shows its path.
fn press_export(app: &mut TuiApp) -> PathBuf {
    let before = exports(app.dir.path());
    app.keys("<c-e>");
    let after = exports(app.dir.path());
    let new: Vec<_> = after.iter().filter(|p| !before.contains(p)).cloned().collect();
    assert_eq!(new.len(), 1, "one new file: {new:?}; message {}", app.msg());
    let path = new[0].clone();
    let msg = app.msg();
    assert!(msg.starts_with("✓ ") && msg.contains(&path.display().to_string()), "{msg}");
    assert!(path.is_absolute());
    path
}

/// Column A of a sheet below its header row (the row whose A cell is `head`).
fn column_a(path: &Path, sheet: usize, head: &str, skip: usize) -> Vec<String> {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = wb.worksheet_range_at(sheet).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let start = rows
        .iter()
        .position(|r| r.first().map(|c| c.to_string()) == Some(head.to_string()))
        .unwrap_or_else(|| panic!("no '{head}' header in {}", path.display()));
    rows[start + 1 + skip..]
        .iter()
        .map(|r| r.first().map(|c| c.to_string()).unwrap_or_default())
        .filter(|s| !s.is_empty())
        .collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names().to_vec()
}

fn class_codes(app: &mut TuiApp, year: i32, under: Option<&str>) -> BTreeSet<String> {
    match app.backend().call(Request::ClassificationList {
        year,
        under: under.map(str::to_string),
    }) {
        Ok(Response::ClassificationList(l)) => l.rows.into_iter().map(|r| r.code).collect(),
        other => panic!("{other:?}"),
    }
}

/// The scope code in a name like `xep-loai-2025-BD-20261202-0315.xlsx`.
fn scope_in_name(path: &Path, prefix: &str, year: i32) -> String {
    let name = path.file_name().unwrap().to_str().unwrap();
    let rest = name.strip_prefix(&format!("{prefix}-{year}-")).unwrap_or_else(|| panic!("{name}"));
    let stamp = rest.len() - "-20261202-0315.xlsx".len();
    rest[..stamp].to_string()
}

#[test]
fn classification_key_exports_the_scope_shown() {
    let mut app = TuiApp::demo(Lang::Vi, 2025);
    app.goto(ScreenId::Classification);
    let path = press_export(&mut app);
    assert_eq!(path.parent().unwrap(), app.dir.path().join("exports"));
    assert_eq!(path.extension().unwrap(), "xlsx");
    let all = class_codes(&mut app, 2025, None);
    let got: BTreeSet<String> = column_a(&path, 0, "Mã", 1).into_iter().collect();
    assert_eq!(got, all);
    assert_eq!(sheet_names(&path), ["Xếp loại"]);

    // Drilled into the first committee: its subtree only.
    app.keys("<enter>");
    let path = press_export(&mut app);
    let scope = scope_in_name(&path, "xep-loai", 2025);
    let sub = class_codes(&mut app, 2025, Some(&scope));
    assert!(sub.len() < all.len() && !sub.is_empty(), "{scope}");
    let got: BTreeSet<String> = column_a(&path, 0, "Mã", 1).into_iter().collect();
    assert_eq!(got, sub);
}

#[test]
fn admissions_key_exports_the_table() {
    let mut app = TuiApp::demo(Lang::En, 2025);
    app.goto(ScreenId::Admissions);
    let path = press_export(&mut app);
    assert!(path.file_name().unwrap().to_str().unwrap().starts_with("ket-nap-2025-"));
    assert_eq!(sheet_names(&path), ["Admissions"]);
    let codes: BTreeSet<String> = match app.backend().call(Request::AdmissionList { year: 2025, under: None }) {
        Ok(Response::AdmissionList(l)) => l.rows.into_iter().map(|r| r.code).collect(),
        other => panic!("{other:?}"),
    };
    assert!(!codes.is_empty());
    let got: BTreeSet<String> = column_a(&path, 0, "Code", 0).into_iter().collect();
    assert_eq!(got, codes);
    assert!(app.msg().contains("Exported"), "{}", app.msg());
}

#[test]
fn indicators_key_exports_the_report_and_never_overwrites() {
    let mut app = TuiApp::demo(Lang::Vi, 2024);
    app.goto(ScreenId::Indicators);
    let first = press_export(&mut app);
    assert_eq!(sheet_names(&first), ["Tổng hợp", "KHT", "Phát hiện", "Xu hướng"]);
    let name = first.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("bao-cao-2024-"), "{name}");
    // One row per directly subordinate committee and the total.
    let rows = column_a(&first, 0, "STT", 1);
    assert!(rows.len() >= 2, "{rows:?}");
    let top = match app.backend().call(Request::Tree {
        at: thuky::domain::year_end(2024),
        year: None,
    }) {
        Ok(Response::Tree(t)) => t.nodes.iter().filter(|n| n.depth == 1).count(),
        other => panic!("{other:?}"),
    };
    assert_eq!(rows.len(), top, "{rows:?}");
    // A second press within the minute gets a new name; the first file stays.
    let second = press_export(&mut app);
    assert_ne!(first, second);
    assert!(first.exists());
}

#[test]
fn the_key_is_in_the_keymap_of_each_screen() {
    let mut app = TuiApp::demo(Lang::Vi, 2025);
    for id in [ScreenId::Classification, ScreenId::Admissions, ScreenId::Indicators] {
        app.goto(id);
        let bar = app.hint_bar(200);
        assert!(bar.contains("^E xuất"), "{id:?}: {bar}");
    }
}

fn enforce(s: &mut Service) {
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: Some("boss".into()),
    });
}

fn export(s: &mut Service, user: &str, what: ExportWhat, under: Option<&str>) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        user,
        Request::ExportWrite(ExportWrite {
            what,
            year: 2024,
            under: under.map(str::to_string),
            format: Default::default(),
            lang: Lang::Vi,
        }),
    )
}

#[test]
fn a_clerk_cannot_export_outside_the_scope() {
    let (dir, mut s) = common::small_demo();
    enforce(&mut s);
    s.call(
        "boss",
        Request::UserAdd {
            name: "lan".into(),
            role: Role::Clerk,
            scope: Some("BD.01".into()),
        },
    )
    .unwrap();
    for what in [ExportWhat::Classification, ExportWhat::Admissions, ExportWhat::Report] {
        let e = export(&mut s, "lan", what, Some("HK")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden, "{what:?}");
        assert!(e.en.contains("outside the scope BD.01"), "{}", e.en);
    }
    assert!(exports(dir.path()).is_empty(), "nothing written");
    // Without a scope the clerk's own is exported; within it, a part of it.
    let Response::Exported(e) = export(&mut s, "lan", ExportWhat::Classification, None).unwrap() else {
        panic!()
    };
    assert!(e.path.contains("/exports/xep-loai-2024-BD.01-"), "{}", e.path);
    let codes: BTreeSet<String> = column_a(Path::new(&e.path), 0, "Mã", 1).into_iter().collect();
    let scope: BTreeSet<String> = match s.call(
        "lan",
        Request::ClassificationList {
            year: 2024,
            under: Some("BD.01".into()),
        },
    ) {
        Ok(Response::ClassificationList(l)) => l.rows.into_iter().map(|r| r.code).collect(),
        other => panic!("{other:?}"),
    };
    assert!(!codes.is_empty() && codes == scope, "{codes:?}");
    // The administrator exports anywhere.
    assert!(export(&mut s, "boss", ExportWhat::Classification, Some("HK")).is_ok());
    // A report has several sheets: no CSV.
    let e = s
        .call(
            "boss",
            Request::ExportWrite(ExportWrite {
                what: ExportWhat::Report,
                year: 2024,
                under: None,
                format: thuky::service::api::ExportFormat::Csv,
                lang: Lang::Vi,
            }),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
}

#[test]
fn a_broken_exports_folder_is_refused_clearly() {
    let (dir, mut s) = common::small_demo();
    std::fs::write(dir.path().join("exports"), "not a folder").unwrap();
    let e = export(&mut s, "boss", ExportWhat::Classification, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Storage);
    assert!(e.vi.contains("không ghi được tệp xuất") && e.vi.contains("exports"), "{}", e.vi);
}
