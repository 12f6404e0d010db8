//! `thuky export register` and `thuky import register` (issue 15, item 3).

mod common;
mod excel_support;

use common::{d, small_demo, small_register};
use excel_support::{write, SheetSpec, X::*};
use thuky::domain::Lang;
use thuky::io::read::LegacyMode;
use thuky::service::api::{ImportReport, Request, Response, TreeView};
use thuky::service::{ErrorKind, Service, ServiceError};

fn tree(s: &mut Service, at: chrono::NaiveDate) -> TreeView {
    match s.call("boss", Request::Tree { at, year: None }).unwrap() {
        Response::Tree(t) => t,
        _ => unreachable!(),
    }
}

/// (code, name, kind, parent code, members) of every organisation, in tree order.
fn shape(t: &TreeView) -> Vec<(String, String, String, String, u32)> {
    let code = |id| t.nodes.iter().find(|n| n.id == id).map(|n| n.code.clone()).unwrap_or_default();
    t.nodes
        .iter()
        .map(|n| {
            (
                n.code.clone(),
                n.name.clone(),
                n.kind.snake().to_string(),
                n.parent.map(code).unwrap_or_default(),
                n.members,
            )
        })
        .collect()
}

/// code → (founding decision, its date) of every organisation in the tree of `at`.
fn foundings(s: &mut Service, at: chrono::NaiveDate) -> Vec<(String, String, Option<chrono::NaiveDate>)> {
    let all = all_foundings(s);
    tree(s, at)
        .nodes
        .iter()
        .map(|n| {
            let f = all.iter().find(|f| f.id == n.id).unwrap();
            (n.code.clone(), f.founding_ref.clone(), f.founding_date)
        })
        .collect()
}

fn all_foundings(s: &mut Service) -> Vec<thuky::service::api::Founding> {
    match s.call("boss", Request::FoundingList).unwrap() {
        Response::FoundingList(f) => f,
        _ => unreachable!(),
    }
}

fn import(s: &mut Service, user: &str, path: &std::path::Path, dry_run: bool) -> Result<ImportReport, ServiceError> {
    let (req, _) = thuky::io::register::request(path, None, LegacyMode::Auto, d(2024, 12, 31), dry_run)?;
    match s.call(user, Request::RegisterImport(req))? {
        Response::Import(r) => Ok(*r),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn export_then_import_into_an_empty_store_gives_the_same_tree() {
    let (_a, mut a) = small_demo();
    let at = d(2024, 12, 31);
    let before = tree(&mut a, at);
    let founded = all_foundings(&mut a);
    let book = thuky::io::register::export(&before, &founded, None, Lang::Vi);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("to-chuc.xlsx");
    thuky::io::xlsx::save(&book, &path).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let mut b = Service::open(fresh.path()).unwrap();
    let dry = import(&mut b, "boss", &path, true).unwrap();
    assert_eq!(dry.orgs.len(), before.nodes.len());
    assert!(b.is_empty(), "the dry run wrote nothing");
    let r = import(&mut b, "boss", &path, false).unwrap();
    assert!(r.seq.is_some());
    assert_eq!(shape(&tree(&mut b, at)), shape(&before));
    // The founding decisions and their dates came back.
    let want = foundings(&mut a, at);
    assert!(
        want.iter().filter(|(_, r, d)| !r.is_empty() && d.is_some()).count() > 10,
        "{want:?}"
    );
    assert_eq!(foundings(&mut b, at), want);

    // CSV too, with --under: a subtree into a store that has its parent.
    let sub = before.nodes.iter().find(|n| n.depth == 1).unwrap().code.clone();
    let book = thuky::io::register::export(&before, &founded, Some(&sub), Lang::En);
    assert_eq!(book.sheets[0].rows[0].cells[0], thuky::io::table::Value::text(&sub));
}

#[test]
fn bad_rows_are_refused_with_their_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let head = || {
        vec![
            S("Mã"),
            S("Tên tổ chức"),
            S("Loại"),
            S("Cấp trên"),
            S("Số đảng viên"),
            S("Ngày thành lập"),
        ]
    };
    let file = |name: &str, rows: Vec<Vec<excel_support::X>>| {
        let p = dir.path().join(name);
        write(
            &p,
            &[SheetSpec {
                name: "DS",
                rows,
                merges: vec![],
            }],
        );
        p
    };
    let count = |s: &mut Service| tree(s, d(2024, 12, 31)).nodes.len();
    let n = count(&mut s);
    // A parent that does not exist, after a good row: nothing is written.
    let p = file(
        "parent.xlsx",
        vec![
            head(),
            vec![
                S("BD.02"),
                S("Đảng bộ Phường Kim Mã"),
                S("Đảng bộ cơ sở"),
                S("BD"),
                N(0.0),
                S("01/03/2020"),
            ],
            vec![E, S("Chi bộ 1"), S("Chi bộ trực thuộc"), S("XX"), N(12.0), E],
        ],
    );
    let e = import(&mut s, "boss", &p, false).unwrap_err();
    assert!(
        e.en.contains("sheet 'DS', row 3, column D (Cấp trên)") && e.en.contains("'XX'"),
        "{}",
        e.en
    );
    assert_eq!(count(&mut s), n);
    // A kind that does not parse.
    let p = file("kind.xlsx", vec![head(), vec![E, S("Chi bộ 1"), S("tổ"), S("BD.01"), N(3.0), E]]);
    let e = import(&mut s, "boss", &p, false).unwrap_err();
    assert!(e.en.contains("row 2, column C (Loại) = 'tổ': not a kind"), "{}", e.en);
    // A kind that cannot stand under its parent (the entry rule).
    let p = file(
        "under.xlsx",
        vec![head(), vec![E, S("Chi bộ 1"), S("Chi bộ trực thuộc"), S("HN"), N(3.0), E]],
    );
    assert!(import(&mut s, "boss", &p, false)
        .unwrap_err()
        .en
        .contains("row 2, column D (Cấp trên)"));
    // A code already used.
    let p = file(
        "code.xlsx",
        vec![
            head(),
            vec![S("BD.01"), S("Chi bộ 1"), S("Chi bộ trực thuộc"), S("BD.01"), N(3.0), E],
        ],
    );
    let e = import(&mut s, "boss", &p, false).unwrap_err();
    assert!(e.en.contains("column A (Mã)") && e.en.contains("already used"), "{}", e.en);
    // A good file: a new committee and its cell, the cell's parent given by the code of the row above.
    let p = file(
        "good.xlsx",
        vec![
            head(),
            vec![
                S("BD.02"),
                S("Đảng bộ Phường Kim Mã"),
                S("Đảng bộ cơ sở"),
                S("BD"),
                N(0.0),
                S("01/03/2020"),
            ],
            vec![
                E,
                S("Chi bộ Khu dân cư số 1"),
                S("Chi bộ trực thuộc"),
                S("bd.02"),
                S("12"),
                N(43891.0),
            ],
        ],
    );
    let r = import(&mut s, "boss", &p, false).unwrap();
    assert_eq!(r.orgs.iter().map(|o| o.code.as_str()).collect::<Vec<_>>(), ["BD.02", "BD.02.01"]);
    assert_eq!(count(&mut s), n + 2);
}

#[test]
fn a_clerk_founds_only_within_the_scope() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: Some("boss".into()),
    });
    s.call(
        "boss",
        Request::UserAdd {
            name: "lan".into(),
            role: thuky::service::api::Role::Clerk,
            scope: Some("BD.01".into()),
        },
    )
    .unwrap();
    let p = dir.path().join("f.xlsx");
    write(
        &p,
        &[SheetSpec {
            name: "DS",
            rows: vec![
                vec![S("Tên tổ chức"), S("Loại"), S("Cấp trên")],
                vec![S("Chi bộ 3"), S("Chi bộ trực thuộc"), S("BD.01")],
                vec![S("Đảng bộ Phường Kim Mã"), S("Đảng bộ cơ sở"), S("BD")],
            ],
            merges: vec![],
        }],
    );
    let e = import(&mut s, "lan", &p, false).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.en.contains("row 3") && e.en.contains("outside the scope BD.01"), "{}", e.en);
}
