// Throwaway profiling program (not to be committed).
use std::path::PathBuf;
use std::time::Instant;
use thuky::demo::Scale;
use thuky::service::api::{Request, Response};
use thuky::service::Service;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("dir"));
    let runs: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(15);
    if !dir.join("ready").exists() {
        let t = Instant::now();
        let mut s = Service::open(&dir).unwrap();
        s.call("bench", Request::Demo { scale: Scale::Hanoi, seed: 1, replace: false }).unwrap();
        std::fs::write(dir.join("ready"), b"").unwrap();
        eprintln!("demo loaded in {:?}", t.elapsed());
    }
    let today = chrono::Local::now().date_naive();
    let mut total = Vec::new();
    let mut open = Vec::new();
    let mut load = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let st = thuky::store::Store::open(&thuky::service::store_dir(&dir)).unwrap();
        let t1 = t.elapsed();
        let l = st.load().unwrap();
        let t2 = t.elapsed();
        assert!(l.orgs.len() > 10_000);
        drop(l);
        drop(st);
        open.push(t1.as_secs_f64() * 1e3);
        load.push((t2 - t1).as_secs_f64() * 1e3);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for _ in 0..runs {
        let t = Instant::now();
        let mut s = loop {
            match Service::open(&dir) {
                Ok(s) => break s,
                Err(e) if e.en.contains("lock") => { std::thread::sleep(std::time::Duration::from_millis(5)); continue }
                Err(e) => panic!("{e:?}"),
            }
        };
        let Response::Tree(tr) = s.call("bench", Request::Tree { at: today, year: None }).unwrap() else { panic!() };
        assert!(tr.nodes.len() > 10_000);
        total.push(t.elapsed().as_secs_f64() * 1e3);
        drop(s);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let med = |v: &mut Vec<f64>| { v.sort_by(|a, b| a.partial_cmp(b).unwrap()); v[v.len() / 2] };
    println!("store open {:.1} ms, load {:.1} ms, service open+tree {:.1} ms (min {:.1})", med(&mut open), med(&mut load), med(&mut total), total[0]);
}
