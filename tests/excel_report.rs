//! `thuky export report`: the layout of issue 15, read back from the written file.

mod common;

use common::{d, small_demo};
use thuky::domain::{Lang, Level};
use thuky::io::read::{read, Cell, LegacyMode};
use thuky::service::api::{Request, Response};
use thuky::service::backend::{Backend, Local};

fn num(c: &Cell) -> f64 {
    match c {
        Cell::Number(x) => *x,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn report_workbook_has_the_issue_layout_and_the_domain_figures() {
    let (_dir, s) = small_demo();
    let mut b = Local::new(s, "tester");
    let year = 2024;
    let inputs = thuky::io::report::gather(&mut b, year, None, "Hà Nội".into(), d(2025, 1, 15)).unwrap();
    let book = thuky::io::report::export(&inputs, Lang::Vi);
    let names: Vec<_> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Tổng hợp", "KHT", "Phát hiện", "Xu hướng"]);
    assert!(book.sheets[0].landscape, "A4 landscape");
    assert_eq!(book.sheets[3].charts.len(), 1, "a chart of the indicator trend");
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("bao-cao.xlsx");
    thuky::io::xlsx::save(&book, &path).unwrap();

    let g = read(&path, None, LegacyMode::Off).unwrap();
    assert_eq!(g.sheet, "Tổng hợp");
    let text = |r: usize, c: usize| g.get(r, c).show();
    assert_eq!(text(0, 0), "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI");
    assert!((0..g.rows[0].len()).any(|c| text(0, c) == "ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!((0..g.rows[2].len()).any(|c| text(2, c) == "Hà Nội, ngày 15 tháng 1 năm 2025"));
    // Headers: the group heading is merged over its columns; then one row per committee and the total.
    let head = (0..g.rows.len()).find(|r| text(*r, 0) == "STT").unwrap();
    assert_eq!(text(head, 2), "Tổ chức cơ sở đảng năm 2024");
    assert_eq!(text(head, 3), "Tổ chức cơ sở đảng năm 2024", "merged across");
    assert_eq!(text(head + 1, 4), "HTXS");
    assert_eq!(text(head + 1, 5), "% HTXS");
    let first = head + 2;
    let units = inputs.units.len();
    assert!(units >= 2);
    let total = first + units;
    assert_eq!(text(total, 1), "Tổng cộng");
    assert_eq!(text(first, 1), inputs.units[0].name);

    // Figures are the domain's, stored as numbers (percentages as fractions).
    let rep = match b.call(Request::Report { year, under: None }).unwrap() {
        Response::Report(r) => r.report,
        _ => unreachable!(),
    };
    let gr = &rep.grassroots;
    assert_eq!(num(g.get(total, 2)) as u64, gr.rated + gr.unrated);
    assert_eq!(num(g.get(total, 3)) as u64, gr.rated);
    assert_eq!(num(g.get(total, 4)) as u64, gr.htxs);
    let pct = thuky::domain::report::percent(gr.htxs, gr.rated).unwrap();
    assert!((num(g.get(total, 5)) - pct / 100.0).abs() < 1e-9);
    // Members: total, rated, not rated, then HTXS.
    assert_eq!(num(g.get(total, 17)) as u64, rep.members.total);
    assert_eq!(num(g.get(total, 19)) as u64, rep.members.not_rated);
    assert_eq!(num(g.get(total, 20)) as u64, rep.members.htxs);
    // The indicators.
    let ind = rep.organisations.good_or_better_pct.unwrap();
    assert!((num(g.get(total, 28)) - ind / 100.0).abs() < 1e-9);
    // The previous year beside.
    let prev = match b
        .call(Request::Report {
            year: year - 1,
            under: None,
        })
        .unwrap()
    {
        Response::Report(r) => r.report,
        _ => unreachable!(),
    };
    assert_eq!(num(g.get(total, 30)) as u64, prev.grassroots.rated);
    // Each committee's row is its own report.
    let u0 = &inputs.units[0].now;
    assert_eq!(num(g.get(first, 3)) as u64, u0.grassroots.rated);

    // The KHT sheet lists exactly the organisations rated KHT; the findings sheet every finding.
    let list = match b.call(Request::ClassificationList { year, under: None }).unwrap() {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    };
    let kht: Vec<_> = list
        .rows
        .iter()
        .filter(|r| r.class.as_ref().is_some_and(|c| c.level == Level::Kht))
        .collect();
    let k = read(&path, Some("KHT"), LegacyMode::Off).unwrap();
    let khead = (0..k.rows.len()).find(|r| k.get(*r, 0).show() == "STT").unwrap();
    let listed: Vec<String> = (khead + 1..k.rows.len())
        .map(|r| k.get(r, 1).show())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(listed, kht.iter().map(|r| r.code.clone()).collect::<Vec<_>>());
    let f = read(&path, Some("Phát hiện"), LegacyMode::Off).unwrap();
    assert_eq!(f.rows.len() - 1, rep.findings.len());
    let t = read(&path, Some("Xu hướng"), LegacyMode::Off).unwrap();
    assert_eq!(t.get(t.rows.len() - 1, 0).show(), "2024");
    assert_eq!(t.rows.len() - 1, 5, "five years of trend");
}

#[test]
fn report_of_a_committee_in_english() {
    let (_dir, s) = small_demo();
    let mut b = Local::new(s, "tester");
    let list = match b.call(Request::ClassificationList { year: 2024, under: None }).unwrap() {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    };
    let unit = list.rows.iter().find(|r| r.depth == list.rows[0].depth).unwrap().code.clone();
    let inputs = thuky::io::report::gather(&mut b, 2024, Some(unit.clone()), "Hà Nội".into(), d(2025, 1, 15)).unwrap();
    assert_eq!(inputs.scope.scope_code, unit);
    let book = thuky::io::report::export(&inputs, Lang::En);
    assert_eq!(book.sheets[0].name, "Summary");
    let last = book.sheets[0].rows.last().unwrap();
    assert_eq!(last.cells[1], thuky::io::table::Value::text("Total"));
}
