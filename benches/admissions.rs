//! Admissions views at `--scale large` (three times Hanoi) through the server
//! (`thuky serve` in its own process), as issue 13 asks (see BENCHMARKS.md):
//! - the dashboard for the whole city: the first open and the median after;
//! - one count entered, saved (flushed) and the totals redrawn (the entry
//!   grid window of the committee, with its totals): median and p99;
//! - the indicators trend 2019-2026 for the whole city: first and median,
//!   and right after a count of 2026 (only that year is computed again).
//!
//! `cargo bench --bench admissions`. Plain loops, no criterion: p99 needs the samples.

mod common;

use std::time::{Duration, Instant};
use thuky::domain::admissions_grid::GridLine;
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions};
use thuky::service::api::{GridQuery, Request, Response};
use thuky::service::backend::Backend;

fn report(name: &str, v: Vec<Duration>) {
    common::report(&format!("admissions/{name}"), v);
}

fn timed(b: &mut dyn Backend, r: Request) -> Duration {
    let t = Instant::now();
    b.call(r).expect("request");
    t.elapsed()
}

fn main() {
    let dir = common::large_dir();
    let server = common::start_server(&dir);
    let mut c = remote::connect_with(&dir, ConnectOptions::new(Lang::En)).expect("connect");
    let year = 2026;

    let dashboard = || Request::AdmissionDashboard { year, under: None };
    let first = timed(&mut c, dashboard());
    println!("admissions/dashboard_city_first_open: {:.2} ms", first.as_secs_f64() * 1e3);
    report("dashboard_city", (0..30).map(|_| timed(&mut c, dashboard())).collect());

    // One committee's organisations in October, as a clerk enters them.
    let Response::AdmissionGrid(g) = c
        .call(Request::AdmissionGrid(GridQuery {
            year,
            month: Some(10),
            limit: Some(2_000),
            ..Default::default()
        }))
        .unwrap()
    else {
        panic!()
    };
    let committee = g
        .lines
        .iter()
        .find_map(|l| match l {
            GridLine::Committee { code, rows, .. } if *rows >= 20 => Some(code.clone()),
            _ => None,
        })
        .expect("a committee with 20 organisations");
    let Response::AdmissionGrid(g) = c
        .call(Request::AdmissionGrid(GridQuery {
            year,
            month: Some(10),
            under: Some(committee.clone()),
            limit: Some(2_000),
            ..Default::default()
        }))
        .unwrap()
    else {
        panic!()
    };
    let codes: Vec<String> = g
        .lines
        .iter()
        .filter_map(|l| match l {
            GridLine::Org { code, cells, .. } if cells[9].is_some() => Some(code.clone()),
            _ => None,
        })
        .collect();
    let mut samples = Vec::new();
    for i in 0..1_000usize {
        let t = Instant::now();
        c.call(Request::AdmissionSet {
            code: codes[i % codes.len()].clone(),
            year,
            month: 10,
            count: (i % 7) as u32,
        })
        .unwrap();
        c.call(Request::AdmissionGrid(GridQuery {
            year,
            month: Some(10),
            under: Some(committee.clone()),
            offset: (i % codes.len()).saturating_sub(10),
            limit: Some(40),
            ..Default::default()
        }))
        .unwrap();
        samples.push(t.elapsed());
    }
    println!("admissions/entry: committee {committee}, {} organisations", codes.len());
    report("count_saved_and_totals_redrawn", samples);

    let trend = || Request::IndicatorTrend {
        from: 2019,
        to: 2026,
        under: None,
    };
    let first = timed(&mut c, trend());
    println!("admissions/indicators_trend_2019_2026_first: {:.2} ms", first.as_secs_f64() * 1e3);
    report("indicators_trend_2019_2026", (0..20).map(|_| timed(&mut c, trend())).collect());
    // After one count of 2026, only 2026 is computed again.
    let after_write: Vec<Duration> = (0..10usize)
        .map(|i| {
            c.call(Request::AdmissionSet {
                code: codes[i % codes.len()].clone(),
                year,
                month: 10,
                count: (i % 5) as u32 + 1,
            })
            .unwrap();
            timed(&mut c, trend())
        })
        .collect();
    report("indicators_trend_2019_2026_after_a_count", after_write);
    drop(c);
    common::stop_server(server);
}
