//! Terminal UI benchmarks on the hanoi demo data set:
//! start to the first complete frame (the register's window asked of the
//! service, not the whole tree), one frame of each screen at 200x50, and per
//! keystroke: the service's search over every organisation, the register's
//! `/` filter (a window query), and the in-process matcher over all names.
//!
//! cargo bench --bench tui

mod common;
use common::hanoi_dir;
use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;
use thuky::domain::text::fold;
use thuky::service::api::{Request, Response, TreeWindowQuery};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::tui::search::{match_all, matcher, Corpus};
use thuky::tui::{App, TuiOptions};

fn open_service(dir: &std::path::Path) -> Service {
    // sled may hold its lock for a moment after the previous iteration's drop.
    for _ in 0..200 {
        if let Ok(s) = Service::open(dir) {
            return s;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Service::open(dir).unwrap()
}

fn opts() -> TuiOptions {
    TuiOptions {
        no_color: false,
        ..Default::default()
    }
}

fn key(app: &mut App, c: KeyCode) {
    app.handle_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn start_to_first_frame(c: &mut Criterion) {
    let dir = hanoi_dir();
    let mut g = c.benchmark_group("tui");
    g.sample_size(10);
    g.bench_function("start_to_first_frame_hanoi", |b| {
        b.iter(|| {
            let backend = Box::new(Local::new(open_service(&dir), "bench"));
            let mut app = App::new(backend, opts());
            let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
            term.draw(|f| app.render(f)).unwrap();
            assert!(app.window().unwrap().tree_len > 10_000);
            app
        })
    });
    // The way clerks start it: a client of the server that already owns the
    // data directory (`thuky serve`, or one started by another clerk).
    let server = common::start_server(&dir);
    g.bench_function("start_to_first_frame_hanoi_via_server", |b| {
        b.iter(|| {
            let backend = thuky::remote::connect(&dir, thuky::domain::Lang::Vi).unwrap();
            let mut app = App::new(backend, opts());
            let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
            term.draw(|f| app.render(f)).unwrap();
            assert!(app.window().unwrap().tree_len > 10_000);
            app
        })
    });
    common::stop_server(server);
    g.finish();
}

fn render_screens(c: &mut Criterion) {
    let dir = hanoi_dir();
    let backend = Box::new(Local::new(open_service(&dir), "bench"));
    let mut app = App::new(backend, opts());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    // Open a few branches so the tree fills the screen.
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Right);
    }
    let mut g = c.benchmark_group("tui");
    g.bench_function("render_orgs_200x50", |b| {
        b.iter(|| {
            term.draw(|f| app.render(f)).unwrap();
        })
    });
    key(&mut app, KeyCode::Char('/'));
    for ch in "phuong".chars() {
        key(&mut app, KeyCode::Char(ch));
    }
    g.bench_function("render_orgs_filtered_200x50", |b| {
        b.iter(|| {
            term.draw(|f| app.render(f)).unwrap();
        })
    });
    key(&mut app, KeyCode::Esc);
    app.handle_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    for ch in "dang uy phuong".chars() {
        key(&mut app, KeyCode::Char(ch));
    }
    app.settle();
    g.bench_function("render_search_200x50", |b| {
        b.iter(|| {
            term.draw(|f| app.render(f)).unwrap();
        })
    });
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('2'));
    g.bench_function("render_audit_200x50", |b| {
        b.iter(|| {
            term.draw(|f| app.render(f)).unwrap();
        })
    });
    key(&mut app, KeyCode::Char('?'));
    g.bench_function("render_help_200x50", |b| {
        b.iter(|| {
            term.draw(|f| app.render(f)).unwrap();
        })
    });
    g.finish();
}

fn search_per_keystroke(c: &mut Criterion) {
    let dir = hanoi_dir();
    let mut backend = Local::new(open_service(&dir), "bench");
    // The tree a clerk opens on: today's, with this year's levels.
    let at = chrono::Local::now().date_naive();
    let year = chrono::Datelike::year(&at);
    let mut g = c.benchmark_group("tui_search");
    // What the palette and the parent picker ask per keystroke.
    for q in ["ba dinh", "dang uy phuong", "chi bo khu dan cu", "bd", "ha noi"] {
        g.bench_function(format!("service/{q}"), |b| {
            b.iter(|| {
                match backend.call(Request::Search {
                    query: q.to_string(),
                    limit: Some(200),
                }) {
                    Ok(Response::Search(r)) => r.total,
                    other => panic!("{other:?}"),
                }
            })
        });
    }
    // The register's `/` filter: one window of the matches with their context.
    for q in ["phuong", "chi bo khu dan cu", "bd"] {
        g.bench_function(format!("register_filter/{q}"), |b| {
            b.iter(|| {
                match backend.call(Request::TreeWindow(TreeWindowQuery {
                    at,
                    year,
                    filter: q.to_string(),
                    height: 160,
                    ..Default::default()
                })) {
                    Ok(Response::TreeWindow(w)) => w.total,
                    other => panic!("{other:?}"),
                }
            })
        });
    }
    // The in-process matcher over every name (the client did this before).
    let Ok(Response::Tree(tree)) = backend.call(Request::Tree { at, year: None }) else {
        panic!("no tree")
    };
    let corpus = Corpus::new(1, tree.nodes.iter().map(|n| (n.id, format!("{} {}", n.name, n.code))));
    eprintln!("search corpus: {} organisations", corpus.len());
    let m = matcher();
    for q in ["ba dinh", "chi bo khu dan cu"] {
        let fq = fold(q);
        g.bench_function(format!("full_scan/{q}"), |b| {
            b.iter(|| match_all(&m, &corpus, &fq, None, || false).unwrap().len())
        });
    }
    g.finish();
}

criterion_group!(benches, start_to_first_frame, render_screens, search_per_keystroke);
criterion_main!(benches);
