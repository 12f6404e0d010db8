//! `thuky export admissions` and `thuky import admissions` (issue 15, item 3).

mod common;
mod excel_support;

use common::{d, small_demo, small_register};
use excel_support::{write, SheetSpec, X::*};
use thuky::domain::Lang;
use thuky::io::read::{read, Cell, LegacyMode};
use thuky::service::api::{ImportReport, Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::{Service, ServiceError};

fn admissions_report(b: &mut Local, year: i32) -> thuky::domain::report::AdmissionSummary {
    match b.call(Request::Report { year, under: None }).unwrap() {
        Response::Report(r) => r.report.admissions,
        _ => unreachable!(),
    }
}

fn import(b: &mut Local, path: &std::path::Path, year: i32, dry_run: bool) -> Result<ImportReport, ServiceError> {
    let (req, _) = thuky::io::admissions::request(path, None, LegacyMode::Auto, year, None, dry_run)?;
    match b.call(Request::AdmissionImport(req))? {
        Response::Import(r) => Ok(*r),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn export_has_subtotals_from_the_domain_and_round_trips() {
    let (_a, a) = small_demo();
    let mut a = Local::new(a, "tester");
    let year = 2024;
    let inputs = thuky::io::admissions::gather(&mut a, year, None).unwrap();
    let book = thuky::io::admissions::export(&inputs, Lang::Vi);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-nap.xlsx");
    thuky::io::xlsx::save(&book, &path).unwrap();

    // The total row is the scope's roll-up; each subtotal is its committee's.
    let g = read(&path, None, LegacyMode::Off).unwrap();
    let total = admissions_report(&mut a, year);
    let last = g.rows.len() - 1;
    assert!(g.get(last, 1).show().starts_with("Tổng cộng:"));
    let n = |c: &Cell| match c {
        Cell::Number(x) => *x as u64,
        other => panic!("{other:?}"),
    };
    assert_eq!(n(g.get(last, 14)), total.total);
    assert_eq!(n(g.get(last, 2)), total.by_month[0]);
    let c0 = &inputs.committees[0];
    let sub = (0..g.rows.len())
        .find(|r| g.get(*r, 1).show().contains(&format!("({})", c0.code)))
        .unwrap();
    assert_eq!(n(g.get(sub, 14)), c0.summary.total);

    // Round trip: change some counts in a second copy, import the export, equal roll-ups.
    let (_b, b) = small_demo();
    let mut b = Local::new(b, "tester");
    let rows = inputs.list.rows.iter().take(5);
    for r in rows {
        b.call(Request::AdmissionSet {
            code: r.code.clone(),
            year,
            month: 3,
            count: r.months[2] + 7,
        })
        .unwrap();
    }
    assert_ne!(admissions_report(&mut b, year), total);
    let dry = import(&mut b, &path, year, true).unwrap();
    assert_eq!(dry.admissions.len(), 5, "{dry:?}");
    assert_ne!(admissions_report(&mut b, year), total, "the dry run wrote nothing");
    let r = import(&mut b, &path, year, false).unwrap();
    assert_eq!(r.admissions.len(), 5);
    assert!(r.seq.is_some());
    assert_eq!(admissions_report(&mut b, year), total);

    // CSV: UTF-8 with a BOM.
    let csv = thuky::io::csv_out::to_bytes(&book).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
}

fn small() -> (tempfile::TempDir, Local) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, Local::new(s, "tester"))
}

#[test]
fn bad_counts_and_months_are_refused_with_their_place() {
    let (dir, mut b) = small();
    let p = dir.path().join("bad.xlsx");
    write(
        &p,
        &[SheetSpec {
            name: "KN",
            rows: vec![
                vec![S("Mã"), S("Tháng 1"), S("Tháng 2"), S("Tháng 3")],
                vec![S("BD.01.01"), N(1.0), S("2"), E],
                vec![S("BD.01.02"), N(1.0), E, S("ba")],
            ],
            merges: vec![],
        }],
    );
    let e = import(&mut b, &p, 2024, false).unwrap_err();
    assert!(e.en.contains("sheet 'KN', row 3, column D (Tháng 3) = 'ba'"), "{}", e.en);
    assert_eq!(admissions_report(&mut b, 2024).total, 0, "nothing written");

    // A month before the organisation was founded (the check AdmitSet makes).
    b.call(Request::OrgAdd(thuky::service::api::OrgAdd {
        parent: "BD.01".into(),
        kind: thuky::domain::OrgKind::Cell,
        name: "Chi bộ mới".into(),
        code: Some("BD.01.09".into()),
        members: 5,
        at: d(2024, 7, 1),
        founding_ref: None,
        founding_date: None,
    }))
    .unwrap();
    let p = dir.path().join("early.xlsx");
    write(
        &p,
        &[SheetSpec {
            name: "KN",
            rows: vec![vec![S("Mã"), S("T1"), S("T7")], vec![S("BD.01.09"), N(1.0), N(1.0)]],
            merges: vec![],
        }],
    );
    let e = import(&mut b, &p, 2024, false).unwrap_err();
    assert!(
        e.en.contains("column B (T1)") && e.en.contains("BD.01.09 did not exist in 1/2024"),
        "{}",
        e.en
    );

    // A good file: empty cells keep what is stored.
    b.call(Request::AdmissionSet {
        code: "BD.01.02".into(),
        year: 2024,
        month: 6,
        count: 4,
    })
    .unwrap();
    let p = dir.path().join("good.xlsx");
    write(
        &p,
        &[SheetSpec {
            name: "KN",
            rows: vec![
                vec![S("Ma"), S("T1"), S("T6")],
                vec![S("BD.01.01"), S("3"), E],
                vec![S("BD.01.02"), N(2.0), E],
                vec![E, S("Cộng: Đảng bộ Phường Điện Biên"), N(5.0)],
            ],
            merges: vec![],
        }],
    );
    let r = import(&mut b, &p, 2024, false).unwrap();
    assert_eq!(r.admissions.len(), 2);
    let a = admissions_report(&mut b, 2024);
    assert_eq!((a.by_month[0], a.by_month[5], a.total), (5, 4, 9));
}
