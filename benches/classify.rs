//! The classification screen on the hanoi demo data (see BENCHMARKS.md):
//! a level key to the saved entry (store flush included) and the redrawn
//! screen, through the real App into a TestBackend; and the recompute of the
//! findings and footer after one entry (the whole city, the refresh of the
//! touched rows, and the window the screen asks for now).

#[path = "common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thuky::domain::{Lang, Level};
use thuky::service::api::{ClassWindowQuery, ClassifyInput, Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::tui::screens::classify::data::ClassData;
use thuky::tui::screens::ScreenId;
use thuky::tui::{App, TuiOptions};

const YEAR: i32 = 2024;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
            // At rest, as a clerk finds it: no copy still being written back under the first flushes.
            std::fs::File::open(&target).unwrap().sync_all().unwrap();
        }
    }
}

/// A private copy of the hanoi data (the benchmark writes to it).
fn hanoi_copy() -> (tempfile::TempDir, PathBuf) {
    let src = common::hanoi_dir();
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let dst = tmp.path().join("data");
    copy_dir(&src, &dst);
    (tmp, dst)
}

fn app_on(backend: Box<dyn Backend>, dir: &Path) -> App {
    let opts = TuiOptions {
        lang: Lang::Vi,
        config_path: Some(dir.join("keys.toml")),
        log_dir: None,
        today: Some(chrono::NaiveDate::from_ymd_opt(2025, 3, 15).unwrap()),
        year: Some(YEAR),
        demo_scale: None,
        no_color: true,
    };
    let mut app = App::new(backend, opts);
    let i = app.screen_ids().iter().position(|s| *s == ScreenId::Classification).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char(char::from(b'1' + i as u8)), KeyModifiers::NONE));
    // Grassroots organisations only: the rows a clerk rates in a run.
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    app
}

/// One level key, then one frame at 120x40; the time of each.
fn key_and_draw(app: &mut App, term: &mut Terminal<TestBackend>, n: usize) -> (Duration, Duration) {
    let c = ['2', '3', 't', 'h'][n % 4];
    let t = Instant::now();
    if n % 400 == 399 {
        app.handle_key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    }
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    // What the event loop does next: take the change events (its own, here).
    app.poll_background();
    let key = t.elapsed();
    term.draw(|f| app.render(f)).unwrap();
    (key, t.elapsed() - key)
}

fn sorted(mut v: Vec<Duration>) -> Vec<Duration> {
    v.sort();
    v
}

/// 1,000 level keys, each with its frame; the figures printed under `label`.
fn thousand_keys(app: &mut App, term: &mut Terminal<TestBackend>, label: &str) {
    term.draw(|f| app.render(f)).unwrap();
    let parts: Vec<(Duration, Duration)> = (0..1000).map(|n| key_and_draw(app, term, n)).collect();
    if let Some(m) = app.message() {
        assert!(!m.error, "the keys were refused: {}", m.text);
    }
    let lat = sorted(parts.iter().map(|(k, d)| *k + *d).collect());
    let keys = sorted(parts.iter().map(|p| p.0).collect());
    let draws = sorted(parts.iter().map(|p| p.1).collect());
    let (mid, p99) = (lat.len() / 2, lat.len() * 99 / 100);
    eprintln!(
        "{label}: classify key → saved (flushed) entry + redrawn 120x40 screen: median {:?}, p99 {:?}, max {:?} (n = {}); \
         the key alone (write, flush, refresh) median {:?}, p99 {:?}; the frame median {:?}, p99 {:?}",
        lat[mid],
        lat[p99],
        lat[lat.len() - 1],
        lat.len(),
        keys[mid],
        keys[p99],
        draws[mid],
        draws[p99],
    );
}

fn key_to_saved_and_drawn(c: &mut Criterion) {
    let (_tmp, dir) = hanoi_copy();
    let mut app = app_on(Box::new(Local::new(Service::open(&dir).unwrap(), "bench")), &dir);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    thousand_keys(&mut app, &mut term, "in-process");
    let mut g = c.benchmark_group("classify");
    let mut n = 0;
    g.bench_function("key_to_saved_entry_and_frame", |b| {
        b.iter(|| {
            key_and_draw(&mut app, &mut term, n);
            n += 1;
        })
    });
    g.finish();
    drop(app);
    // As clerks run it: a client of the server that owns the data directory
    // (the socket, JSON frames, the server's group commit and flush).
    let server = common::start_server(&dir);
    let backend = thuky::remote::connect(&dir, Lang::Vi).expect("connect to the server");
    let mut app = app_on(backend, &dir);
    thousand_keys(&mut app, &mut term, "via the server");
    drop(app);
    common::stop_server(server);
}

fn recompute(c: &mut Criterion) {
    let (_tmp, dir) = hanoi_copy();
    let mut s = Service::open(&dir).unwrap();
    let Response::ClassificationList(list) = s.call("bench", Request::ClassificationList { year: YEAR, under: None }).unwrap() else {
        panic!()
    };
    eprintln!("{YEAR}: {} rows, {} findings for the city", list.rows.len(), list.findings.len());
    let mut data = ClassData::new(list);
    // A grassroots organisation under a directly subordinate committee.
    let row = data.rows.iter().find(|r| r.kind.is_grassroots() && r.depth == 2).unwrap().clone();
    let mut i = 0usize;
    let mut entry = |s: &mut Service| {
        i += 1;
        s.call(
            "bench",
            Request::ClassificationSet(ClassifyInput {
                code: row.code.clone(),
                year: YEAR,
                level: Some([Level::Htt, Level::Ht][i % 2]),
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
    let mut g = c.benchmark_group("classify");
    g.bench_function("recompute_city_findings_and_footer_after_entry", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                entry(&mut s);
                let t = Instant::now();
                let Response::ClassificationList(list) = s.call("bench", Request::ClassificationList { year: YEAR, under: None }).unwrap()
                else {
                    panic!()
                };
                let d = ClassData::new(list);
                let f = d.footer(None);
                total += t.elapsed();
                assert!(f.orgs.rated > 0);
            }
            total
        })
    });
    g.bench_function("recompute_touched_rows_and_city_footer_after_entry", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                entry(&mut s);
                let t = Instant::now();
                let codes = data.codes_of(&data.touched_by(row.id)).unwrap();
                let Response::ClassificationList(list) = s.call("bench", Request::ClassificationRows { year: YEAR, codes }).unwrap() else {
                    panic!()
                };
                assert!(data.update(list));
                let f = data.footer(None);
                total += t.elapsed();
                assert!(f.orgs.rated > 0);
            }
            total
        })
    });
    // What the grid asks for now (issue 9 item 5): the window around the
    // cursor after an entry (the findings moved by the entry computed again),
    // and a scroll with nothing changed (the cached year, O(rows sent)).
    let anchored = |s: &mut Service, anchor: Option<u32>, offset: usize| {
        let Response::ClassificationWindow(w) = s
            .call(
                "bench",
                Request::ClassificationWindow(ClassWindowQuery {
                    year: YEAR,
                    anchor,
                    offset,
                    height: 100,
                    ..Default::default()
                }),
            )
            .unwrap()
        else {
            panic!()
        };
        assert!(w.footer.orgs.rated > 0);
    };
    g.bench_function("window_after_entry", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                entry(&mut s);
                let t = Instant::now();
                anchored(&mut s, Some(row.id), 0);
                total += t.elapsed();
            }
            total
        })
    });
    let mut offset = 0;
    g.bench_function("window_scroll", |b| {
        b.iter(|| {
            offset = (offset + 997) % 20_000;
            anchored(&mut s, None, offset);
        })
    });
    g.finish();
}

criterion_group!(benches, key_to_saved_and_drawn, recompute);
criterion_main!(benches);
