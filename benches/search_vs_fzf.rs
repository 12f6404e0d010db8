//! Search per keystroke over every organisation and case (`Request::Search`
//! through the service), against `fzf --filter` on the same folded strings
//! with the same queries in the same run; and the case list with a filter
//! change. Data: `demo --scale large` (THUKY_BENCH_SCALE=hanoi for hanoi),
//! made once under target/tmp. Prints medians and the ratio (goal ≤ 1.0).
//!
//! cargo bench --bench search_vs_fzf

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thuky::demo::Scale;
use thuky::domain::case::{CaseKind, CaseStatus};
use thuky::service::api::{CaseQuery, Request, Response};
use thuky::service::Service;

const QUERIES: [&str; 7] = [
    "ba dinh",
    "hoang mai to cao",
    "nguyen van an",
    "bd",
    "chi bo khu dan cu",
    "truong thcs",
    "dat dai dong anh",
];
const RUNS: usize = 7;
/// fzf starts a process and reads the file each time: fewer runs.
const FZF_RUNS: usize = 3;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn data_dir(scale: Scale) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-cases-{scale:?}").to_lowercase());
    if !dir.join("ready").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut s = Service::open(&dir).unwrap();
        s.call(
            "bench",
            Request::DemoLoad {
                scale,
                seed: 1,
                replace: false,
            },
        )
        .unwrap();
        eprintln!("demo --scale {scale:?} loaded in {:?}", t.elapsed());
        std::fs::write(dir.join("ready"), b"").unwrap();
    }
    dir
}

/// Every prefix of `q` that ends a typed character: what each keystroke asks.
fn keystrokes(q: &str) -> Vec<&str> {
    q.char_indices()
        .skip(1)
        .map(|(i, _)| &q[..i])
        .chain(std::iter::once(q))
        .filter(|p| !p.ends_with(' '))
        .collect()
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let scale = match std::env::var("THUKY_BENCH_SCALE").as_deref() {
        Ok("hanoi") => Scale::Hanoi,
        _ => Scale::Large,
    };
    let dir = data_dir(scale);
    let mut s = Service::open(&dir).unwrap();
    let t = Instant::now();
    let Response::Cases(all) = s.call("bench", Request::CaseList(CaseQuery::default())).unwrap() else {
        panic!()
    };
    println!("search_vs_fzf: cases loaded (first case list) in {:?}", t.elapsed());
    let t = Instant::now();
    let corpus = s.search_corpus().unwrap();
    println!("search_vs_fzf: search index built in {:?}", t.elapsed());
    println!("search_vs_fzf: {scale:?}: {} searchable texts ({} cases)", corpus.len(), all.total);
    let file = std::env::temp_dir().join("thuky-fzf-corpus.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    for line in &corpus {
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let fzf = Command::new("fzf").arg("--version").output().is_ok();
    let search = |s: &mut Service, q: &str| {
        let Response::Search(r) = s
            .call(
                "bench",
                Request::Search {
                    query: q.into(),
                    limit: Some(200),
                },
            )
            .unwrap()
        else {
            panic!()
        };
        r.total
    };
    let (mut ours_all, mut fzf_all) = (Vec::new(), Vec::new());
    let (mut ours_sum, mut fzf_sum) = (0.0, 0.0);
    for q in QUERIES {
        let (mut ours_q, mut fzf_q) = (Vec::new(), Vec::new());
        for k in keystrokes(q) {
            let ours = median(
                (0..RUNS)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(search(&mut s, k));
                        t.elapsed()
                    })
                    .collect(),
            );
            ours_q.push(ours);
            if fzf {
                let theirs = median(
                    (0..FZF_RUNS)
                        .map(|_| {
                            let t = Instant::now();
                            let out = Command::new("fzf")
                                .args(["--filter", k])
                                .stdin(Stdio::from(std::fs::File::open(&file).unwrap()))
                                .stdout(Stdio::piped())
                                .output()
                                .unwrap();
                            std::hint::black_box(out.stdout.len());
                            t.elapsed()
                        })
                        .collect(),
                );
                fzf_q.push(theirs);
            }
        }
        let o: f64 = ours_q.iter().map(|d| d.as_secs_f64()).sum();
        let t: f64 = fzf_q.iter().map(|d| d.as_secs_f64()).sum();
        ours_sum += o;
        fzf_sum += t;
        let total = search(&mut s, q);
        if fzf {
            println!(
                "search_vs_fzf: {q:>18} ({total} hits): {} keystrokes, thuky median {:>8.2?} max {:>8.2?}; fzf --filter median {:>8.2?}; ratio {:.2}",
                ours_q.len(),
                median(ours_q.clone()),
                ours_q.iter().max().unwrap(),
                median(fzf_q.clone()),
                o / t
            );
        } else {
            println!(
                "search_vs_fzf: {q:>18} ({total} hits): thuky median {:>8.2?} (fzf not installed)",
                median(ours_q.clone())
            );
        }
        ours_all.extend(ours_q);
        fzf_all.extend(fzf_q);
    }
    println!(
        "search_vs_fzf: per keystroke over all queries: thuky median {:.2?}, max {:.2?}",
        median(ours_all.clone()),
        ours_all.iter().max().unwrap()
    );
    if fzf {
        println!(
            "search_vs_fzf: fzf --filter median {:.2?}; overall ratio thuky/fzf = {:.2} (goal ≤ 1.0)",
            median(fzf_all),
            ours_sum / fzf_sum
        );
    }
    // The case list after a filter change (each filter alone, then combined).
    let under = {
        let Response::Tree(t) = s
            .call(
                "bench",
                Request::Tree {
                    at: chrono::Local::now().date_naive(),
                    year: None,
                },
            )
            .unwrap()
        else {
            panic!()
        };
        t.nodes.iter().find(|n| n.depth == 1).map(|n| n.code.clone())
    };
    let filters: Vec<(&str, CaseQuery)> = vec![
        ("none", CaseQuery::default()),
        (
            "kind",
            CaseQuery {
                kind: Some(CaseKind::Denunciation),
                ..Default::default()
            },
        ),
        (
            "status",
            CaseQuery {
                status: Some(CaseStatus::InProgress),
                ..Default::default()
            },
        ),
        (
            "year",
            CaseQuery {
                year: Some(2024),
                ..Default::default()
            },
        ),
        (
            "overdue",
            CaseQuery {
                overdue: true,
                ..Default::default()
            },
        ),
        (
            "subtree",
            CaseQuery {
                under: under.clone(),
                ..Default::default()
            },
        ),
        (
            "all",
            CaseQuery {
                kind: Some(CaseKind::Inspection),
                status: Some(CaseStatus::Concluded),
                under,
                year: Some(2023),
                ..Default::default()
            },
        ),
    ];
    let mut list_all = Vec::new();
    for (name, q) in filters {
        let runs: Vec<Duration> = (0..21)
            .map(|_| {
                let t = Instant::now();
                let r = s.call("bench", Request::CaseList(q.clone())).unwrap();
                std::hint::black_box(r);
                t.elapsed()
            })
            .collect();
        let m = median(runs);
        list_all.push(m);
        println!("case_list: filter {name:>8}: median {m:.2?}");
    }
    println!("case_list: median over the filters {:.2?} (goal ≤ 50 ms)", median(list_all));
}
