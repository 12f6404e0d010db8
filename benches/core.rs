//! Core benchmarks on the hanoi demo data set (see BENCHMARKS.md):
//! open + load the current tree, the full-year city report, one acknowledged
//! classification write.

mod common;
use common::hanoi_dir;
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};
use thuky::domain::Level;
use thuky::service::api::{ClassifyInput, Request, Response};
use thuky::service::Service;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn open_and_load_tree(c: &mut Criterion) {
    let dir = hanoi_dir();
    let mut g = c.benchmark_group("core");
    g.sample_size(20);
    g.bench_function("open_store_and_load_current_tree", |b| {
        // Closing the store (sled's drop) is not part of opening it, so each
        // iteration is timed by hand and the service dropped outside the timing
        // (only one process may hold the store open at a time).
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let mut s = Service::open(&dir).unwrap();
                let Response::Tree(tree) = s.call("bench", Request::Tree { at: today(), year: None }).unwrap() else {
                    panic!()
                };
                total += t.elapsed();
                assert!(tree.nodes.len() > 10_000);
                drop(s);
            }
            total
        })
    });
    g.finish();
}

fn year_report(c: &mut Criterion) {
    let dir = hanoi_dir();
    let mut s = Service::open(&dir).unwrap();
    let mut g = c.benchmark_group("core");
    g.bench_function("report_2024_city_all_checks", |b| {
        b.iter(|| {
            let Response::Report(r) = s.call("bench", Request::Report { year: 2024, under: None }).unwrap() else {
                panic!()
            };
            assert!(r.report.organisations.rated > 10_000);
        })
    });
    g.finish();
}

fn classification_write(c: &mut Criterion) {
    let dir = hanoi_dir();
    let mut s = Service::open(&dir).unwrap();
    let Response::ClassificationList(list) = s.call("bench", Request::ClassificationList { year: 2024, under: None }).unwrap() else {
        panic!()
    };
    let codes: Vec<String> = list
        .rows
        .iter()
        .filter(|r| r.kind.is_grassroots())
        .take(500)
        .map(|r| r.code.clone())
        .collect();
    let mut i = 0usize;
    let mut write = |s: &mut Service| {
        let code = codes[i % codes.len()].clone();
        let level = [Level::Htt, Level::Ht][i / codes.len() % 2];
        i += 1;
        s.call(
            "bench",
            Request::ClassificationSet(ClassifyInput {
                code,
                year: 2024,
                level: Some(level),
                score: None,
                members: None,
                decision: None,
                decided: None,
                note: None,
                keep_rest: true,
                base_version: None,
            }),
        )
        .unwrap();
    };
    // p99 over 2,000 acknowledged writes (each flushed before it returns).
    let mut lat: Vec<Duration> = (0..2000)
        .map(|_| {
            let t = Instant::now();
            write(&mut s);
            t.elapsed()
        })
        .collect();
    lat.sort();
    eprintln!(
        "classification write, acknowledged after flush: median {:?}, p99 {:?}, max {:?} (n = {})",
        lat[lat.len() / 2],
        lat[lat.len() * 99 / 100],
        lat[lat.len() - 1],
        lat.len()
    );
    let mut g = c.benchmark_group("core");
    g.bench_function("classification_write_flushed", |b| b.iter(|| write(&mut s)));
    g.finish();
}

criterion_group!(benches, open_and_load_tree, year_report, classification_write);
criterion_main!(benches);
