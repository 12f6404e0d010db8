use thuky::service::api::Request;
use thuky::service::Service;
#[test]
fn sizes() {
    let src = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-hanoi");
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("d");
    copy(&src, &dst);
    let mut s = Service::open(&dst).unwrap();
    let today = chrono::Local::now().date_naive();
    for (n, r) in [
        ("tree", Request::Tree { at: today, year: Some(2024) }),
        ("class", Request::Classifications { year: 2024, under: None }),
        ("report", Request::Report { year: 2024, under: None }),
        ("admissions", Request::Admissions { year: 2024, under: None }),
        ("audit", Request::Audit(Default::default())),
    ] {
        let t = std::time::Instant::now();
        let resp = s.call("x", r).unwrap();
        let el = t.elapsed();
        let t = std::time::Instant::now();
        let v = serde_json::to_vec(&resp).unwrap();
        println!("{n}: {} bytes, handle {:?}, encode {:?}", v.len(), el, t.elapsed());
    }
}
fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() { copy(&e.path(), &t) } else { std::fs::copy(e.path(), t).unwrap(); }
    }
}
