//! Global search per keystroke over every organisation (hanoi demo data),
//! against `fzf --filter` on the same folded strings and the same queries in
//! the same run. Prints medians and the ratio (goal ≤ 1.5).
//!
//! cargo bench --bench search_vs_fzf

mod common;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thuky::service::api::{Request, Response};
use thuky::service::Service;
use thuky::tui::search::{match_all, matcher, Corpus};

const QUERIES: [&str; 6] = ["ha noi", "dang uy phuong", "bd", "ba dinh", "chi bo khu dan cu", "truong thcs"];
const RUNS: usize = 21;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let dir = common::hanoi_dir();
    let mut s = Service::open(&dir).unwrap();
    let Response::Tree(tree) = s
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
    let corpus = Corpus::new(1, tree.nodes.iter().map(|n| (n.id, format!("{} {}", n.name, n.code))));
    let file = std::env::temp_dir().join("thuky-fzf-corpus.txt");
    let mut f = std::fs::File::create(&file).unwrap();
    for line in &corpus.folded {
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let fzf = Command::new("fzf").arg("--version").output().is_ok();
    let m = matcher();
    println!("search_vs_fzf: {} organisations", corpus.len());
    let (mut ours_all, mut fzf_all) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let ours: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let r = match_all(&m, &corpus, q, None, || false).unwrap();
                std::hint::black_box(r.len());
                t.elapsed()
            })
            .collect();
        let ours = median(ours);
        ours_all.push(ours);
        if fzf {
            let theirs: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let out = Command::new("fzf")
                        .args(["--filter", q])
                        .stdin(Stdio::from(std::fs::File::open(&file).unwrap()))
                        .stdout(Stdio::piped())
                        .output()
                        .unwrap();
                    std::hint::black_box(out.stdout.len());
                    t.elapsed()
                })
                .collect();
            let theirs = median(theirs);
            fzf_all.push(theirs);
            println!(
                "search_vs_fzf: {q:>20}: thuky median {:>8.2?}, fzf --filter median {:>8.2?}, ratio {:.2}",
                ours,
                theirs,
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        } else {
            println!("search_vs_fzf: {q:>20}: thuky median {ours:>8.2?} (fzf not installed)");
        }
    }
    if fzf {
        let o: f64 = ours_all.iter().map(|d| d.as_secs_f64()).sum();
        let t: f64 = fzf_all.iter().map(|d| d.as_secs_f64()).sum();
        println!("search_vs_fzf: overall ratio thuky/fzf = {:.2} (goal ≤ 1.5)", o / t);
    }
}
