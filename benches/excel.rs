//! Excel in and out at hanoi scale (issue 15; see BENCHMARKS.md): the city's
//! report workbook, the city's classification export, and an import of 20,000
//! classification rows (read, validate, write, flush).

#[path = "common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::time::Duration;
use thuky::domain::{Lang, Level};
use thuky::io::read::LegacyMode;
use thuky::service::api::{ClassList, Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;

const YEAR: i32 = 2024;
const IMPORT_ROWS: usize = 20_000;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn list(b: &mut Local) -> ClassList {
    match b.call(Request::ClassificationList { year: YEAR, under: None }).unwrap() {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    }
}

fn bench(c: &mut Criterion) {
    let src = common::hanoi_dir();
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let data = tmp.path().join("data");
    copy_dir(&src, &data);
    let mut b = Local::new(Service::open(&data).unwrap(), "bench");
    let out = tmp.path().join("out.xlsx");
    let mut g = c.benchmark_group("excel");
    g.sample_size(10).measurement_time(Duration::from_secs(20));

    g.bench_function("export_report_city", |bn| {
        bn.iter(|| {
            let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
            let inputs = thuky::io::report::gather(&mut b, YEAR, None, "Hà Nội".into(), d).unwrap();
            thuky::io::xlsx::save(&thuky::io::report::export(&inputs, Lang::Vi), &out).unwrap();
        })
    });
    g.bench_function("export_classification_city", |bn| {
        bn.iter(|| {
            let l = list(&mut b);
            thuky::io::xlsx::save(&thuky::io::classification::export(&l, Lang::Vi), &out).unwrap();
        })
    });

    // Two files of the first 20,000 rated rows: as stored, and with every level
    // changed, imported in turn so that every import writes every row.
    let mut l = list(&mut b);
    l.rows.retain(|r| r.class.is_some());
    l.rows.truncate(IMPORT_ROWS);
    let same = tmp.path().join("same.xlsx");
    thuky::io::xlsx::save(&thuky::io::classification::export(&l, Lang::Vi), &same).unwrap();
    for r in &mut l.rows {
        if let Some(c) = r.class.as_mut() {
            c.level = if c.level == Level::Htt { Level::Ht } else { Level::Htt };
        }
    }
    let changed = tmp.path().join("changed.xlsx");
    thuky::io::xlsx::save(&thuky::io::classification::export(&l, Lang::Vi), &changed).unwrap();
    let mut flip = false;
    g.bench_function("import_classification_20000_rows", |bn| {
        bn.iter(|| {
            flip = !flip;
            let file = if flip { &changed } else { &same };
            let (req, _) = thuky::io::classification::request(file, None, LegacyMode::Auto, YEAR, None, false).unwrap();
            match b.call(Request::ClassificationImport(req)).unwrap() {
                Response::Import(r) => assert_eq!(r.changes.len(), l.rows.len()),
                _ => unreachable!(),
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
