//! Issue 9's screen figures, through `thuky serve` in its own process, at
//! `--scale hanoi` and `--scale large` in the same run (see BENCHMARKS.md):
//! - server cold start: process start to the first answered `Status`;
//! - start to the first complete frame as clerks start it: a client of the
//!   running server (connect, hello, the register screen's first 120x40 frame);
//! - opening Xếp loại for the whole city (key `2` and its frame), and
//!   changing the year there (`[` / `]` in turn and their frames);
//! - search per keystroke over every organisation (the palette, each typed
//!   character and its frame);
//! - server memory (VmRSS) with 16 clients that opened both screens.
//!
//! The figures after the cold start are taken once the server has been up
//! and quiet for a moment (it then prepares the years clerks open), with a
//! server for each scale running at once and the samples taken from them in
//! turn, a few at a time (five rounds).
//!
//! The last lines give the large/hanoi ratio of each median.
//!
//! `cargo bench --bench views` (THUKY_BENCH_SCALES=hanoi or large for one).
//! Plain loops, no criterion: p99 needs the samples.

mod common;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use thuky::demo::Scale;
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions};
use thuky::service::api::{Request, Response};
use thuky::service::backend::Backend;
use thuky::tui::{App, TuiOptions};

type Term = Terminal<TestBackend>;

fn term() -> Term {
    Terminal::new(TestBackend::new(120, 40)).unwrap()
}

fn client(dir: &Path) -> App {
    let backend = remote::connect(dir, Lang::Vi).expect("connect");
    App::new(
        backend,
        TuiOptions {
            no_color: false,
            ..Default::default()
        },
    )
}

/// A backend that prints each request's name and round trip (the breakdown
/// of one first frame and one opening of Xếp loại, THUKY_BENCH_BREAKDOWN=1).
struct Timed(Box<dyn Backend>);

impl Backend for Timed {
    fn call(&mut self, request: Request) -> Result<Response, thuky::service::ServiceError> {
        let name = request.op_name();
        let t = Instant::now();
        let r = self.0.call(request);
        println!("  {name}: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
        r
    }
    fn events(&mut self) -> Vec<thuky::service::Event> {
        self.0.events()
    }
    fn user(&self) -> &str {
        self.0.user()
    }
}

fn breakdown(dir: &Path) {
    let pid: Option<u32> = std::env::var("THUKY_BENCH_SERVER_PID").ok().and_then(|p| p.parse().ok());
    let rss = |what: &str| {
        if let Some(pid) = pid {
            println!("  server VmRSS {what}: {} MB", common::status_kb(pid, "VmRSS:") / 1024);
        }
    };
    rss("before");
    let backend = remote::connect(dir, Lang::Vi).expect("connect");
    println!("views/breakdown: first frame");
    let mut app = App::new(
        Box::new(Timed(backend)),
        TuiOptions {
            no_color: false,
            ..Default::default()
        },
    );
    let mut tm = term();
    draw(&mut app, &mut tm);
    rss("after the first frame");
    println!("views/breakdown: opening Xếp loại");
    key(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
    draw(&mut app, &mut tm);
    rss("after opening Xếp loại");
    println!("views/breakdown: a year back");
    key(&mut app, KeyCode::Char('['), KeyModifiers::NONE);
    draw(&mut app, &mut tm);
    rss("after a year back");
    key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    for ch in "truong".chars() {
        key(&mut app, KeyCode::Char(ch), KeyModifiers::NONE);
    }
    rss("after a search");
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, mods));
    app.settle();
}

fn draw(app: &mut App, t: &mut Term) {
    t.draw(|f| app.render(f)).unwrap();
}

fn screen_text(t: &Term) -> String {
    t.backend().buffer().content().iter().map(|c| c.symbol()).collect()
}

/// Process start to the first answered `Status` (the store opened, the
/// server ready), `n` times.
fn cold_start(dir: &Path, n: usize) -> Vec<Duration> {
    let mut out = Vec::new();
    for _ in 0..n {
        let t = Instant::now();
        let server = common::spawn_server(dir);
        let mut opts = ConnectOptions::new(Lang::En);
        opts.autostart = false;
        loop {
            if let Ok(mut c) = remote::connect_with(dir, opts.clone()) {
                if matches!(c.call(Request::Status), Ok(Response::Status(_))) {
                    break;
                }
            }
            assert!(t.elapsed() < Duration::from_secs(60), "the server did not start");
            std::thread::sleep(Duration::from_millis(2));
        }
        out.push(t.elapsed());
        common::stop_server(server);
    }
    out
}

fn first_frame(dir: &Path, n: usize) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            let mut app = client(dir);
            let mut tm = term();
            draw(&mut app, &mut tm);
            let took = t.elapsed();
            assert!(screen_text(&tm).contains("Hà Nội"), "the register's first frame shows the city");
            took
        })
        .collect()
}

fn open_classification(dir: &Path, n: usize) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let mut app = client(dir);
            let mut tm = term();
            draw(&mut app, &mut tm);
            let t = Instant::now();
            key(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
            draw(&mut app, &mut tm);
            t.elapsed()
        })
        .collect()
}

fn year_change(dir: &Path, n: usize) -> Vec<Duration> {
    let mut app = client(dir);
    let mut tm = term();
    key(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
    draw(&mut app, &mut tm);
    (0..n)
        .map(|i| {
            let k = if i % 2 == 0 { '[' } else { ']' };
            let t = Instant::now();
            key(&mut app, KeyCode::Char(k), KeyModifiers::NONE);
            draw(&mut app, &mut tm);
            t.elapsed()
        })
        .collect()
}

/// Each character of a few queries typed into the search palette, with its frame.
fn search_keystrokes(dir: &Path, rounds: usize) -> Vec<Duration> {
    let mut app = client(dir);
    let mut tm = term();
    draw(&mut app, &mut tm);
    let mut out = Vec::new();
    for _ in 0..rounds {
        for q in ["truong thpt", "chi bo 3", "bd", "ubnd phuong"] {
            key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
            for ch in q.chars() {
                let t = Instant::now();
                key(&mut app, KeyCode::Char(ch), KeyModifiers::NONE);
                draw(&mut app, &mut tm);
                out.push(t.elapsed());
            }
            key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
        }
    }
    out
}

/// Server VmRSS / VmHWM in MB with 16 clients that opened the register and Xếp loại.
fn memory_16_clients(dir: &Path, pid: u32) -> (u64, u64) {
    let mut apps = Vec::new();
    for _ in 0..16 {
        let mut app = client(dir);
        let mut tm = term();
        draw(&mut app, &mut tm);
        key(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
        draw(&mut app, &mut tm);
        apps.push(app);
    }
    std::thread::sleep(Duration::from_millis(500));
    let figures = (common::status_kb(pid, "VmRSS:") / 1024, common::status_kb(pid, "VmHWM:") / 1024);
    drop(apps);
    figures
}

fn median_ms(v: &[Duration]) -> f64 {
    let mut s = v.to_vec();
    s.sort();
    common::percentile(&s, 0.5).as_secs_f64() * 1e3
}

/// The measures taken against a running server: name, the measure, and
/// how many samples it takes per round (5 rounds, the scales in turn).
type Measure = (&'static str, fn(&Path, usize) -> Vec<Duration>, usize);

const MEASURES: [Measure; 4] = [
    ("start_to_first_frame", first_frame, 4),
    ("open_classification", open_classification, 4),
    ("year_change_classification", year_change, 8),
    ("search_per_keystroke", search_round, 1),
];

const ROUNDS: usize = 5;

/// `n` rounds of the search queries.
fn search_round(dir: &Path, n: usize) -> Vec<Duration> {
    search_keystrokes(dir, n)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let wanted = std::env::var("THUKY_BENCH_SCALES").unwrap_or_else(|_| "hanoi,large".into());
    let scales: Vec<(&str, std::path::PathBuf)> = [("hanoi", Scale::Hanoi), ("large", Scale::Large)]
        .into_iter()
        .filter(|(name, _)| wanted.contains(name))
        .map(|(name, scale)| (name, common::demo_dir(scale)))
        .collect();
    if std::env::var_os("THUKY_BENCH_BREAKDOWN_ONLY").is_some() {
        // Against a server already running for the data set (its log at hanoi).
        for (_, dir) in &scales {
            breakdown(dir);
        }
        return;
    }
    let mut rows: BTreeMap<&str, Vec<(String, Vec<Duration>)>> = BTreeMap::new();
    for (name, dir) in &scales {
        rows.entry(name).or_default().push(("server_cold_start".into(), cold_start(dir, 7)));
    }
    // Both servers run at once and each measure takes its samples from them
    // in turn, a few at a time: whatever else the machine does then weighs
    // on both scales alike (run one after the other, the ratios of these
    // millisecond figures moved with the machine from run to run).
    let servers: Vec<_> = scales.iter().map(|(_, dir)| common::start_server(dir)).collect();
    // A server is started once and serves for months: let it do what it
    // does when it first falls quiet (5 s), preparing this year's and last
    // year's classification windows and the search index,
    // before clerks come. Two servers prepare at once on two cores: 12 s
    // was not always enough at large (the first measures then ran beside
    // the preparations), 30 s is (THUKY_BENCH_QUIET_S to change it).
    let quiet = std::env::var("THUKY_BENCH_QUIET_S").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    std::thread::sleep(Duration::from_secs(quiet));
    let mb = |name: &str, pid: u32, what: &str| {
        println!("views/{name}/server VmRSS {what}: {} MB", common::status_kb(pid, "VmRSS:") / 1024);
    };
    for ((name, dir), server) in scales.iter().zip(&servers) {
        mb(name, server.id(), "after the quiet start");
        // One client first, so that what the server builds once is built.
        drop(first_frame(dir, 1));
        if std::env::var_os("THUKY_BENCH_BREAKDOWN").is_some() {
            breakdown(dir);
        }
    }
    for (what, measure, per_round) in MEASURES {
        let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); scales.len()];
        for _ in 0..ROUNDS {
            for (i, (_, dir)) in scales.iter().enumerate() {
                samples[i].extend(measure(dir, per_round));
            }
        }
        for (((name, _), server), v) in scales.iter().zip(&servers).zip(samples) {
            rows.entry(name).or_default().push((what.into(), v));
            mb(name, server.id(), &format!("after {what}"));
        }
    }
    let mut memory = Vec::new();
    for ((name, dir), server) in scales.iter().zip(servers) {
        memory.push((*name, memory_16_clients(dir, server.id())));
        common::stop_server(server);
    }
    let mut medians: BTreeMap<&str, Vec<(String, f64)>> = BTreeMap::new();
    for (name, list) in rows {
        for (what, v) in list {
            medians.entry(name).or_default().push((what.clone(), median_ms(&v)));
            common::report(&format!("views/{name}/{what}"), v);
        }
    }
    for (name, (rss, hwm)) in memory {
        println!("views/{name}/server_memory_16_clients: VmRSS {rss} MB, VmHWM (peak) {hwm} MB");
    }
    if let (Some(h), Some(l)) = (medians.get("hanoi"), medians.get("large")) {
        for ((what, mh), (_, ml)) in h.iter().zip(l) {
            println!("views/ratio_large_to_hanoi/{what}: {:.2}", ml / mh);
        }
    }
}
