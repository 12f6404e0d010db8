//! End to end: the real binary in tmux classifies ten organisations with
//! single keys on the Xếp loại screen and two more with a pasted column;
//! `thuky report YEAR --json` then counts them. Skipped (with a note) when tmux is not installed.

mod common;
use common::cli::{find, json, ok, report};
use common::tmux::Tmux;

#[test]
fn classify_ten_organisations_in_the_real_binary() {
    if !Tmux::available("the classification end-to-end test") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    ok(&data, &["demo", "--scale", "small"]);
    let before = report(&data, "2026");
    assert_eq!(find(&before, "organisations").and_then(|o| o["rated"].as_u64()), Some(0));

    let Some(t) = Tmux::run("classify", home.path(), 120, 40, &["--data", &data.display().to_string()]) else {
        return;
    };
    t.wait_for("Cây tổ chức", 20);
    // The classification screen (second tab), then the year 2026.
    t.send(&["2"]);
    t.wait_for("Tổng hợp phạm vi", 10);
    t.press_until("]", "Xếp loại 2026");
    // Grassroots organisations only, then ten single keys.
    t.send(&["c"]);
    t.wait_for("[chỉ TCCSĐ]", 10);
    // 2026 is a QĐ 366 year: each row's score typed straight in, Enter, next row.
    for score in ["95", "80", "80", "80", "60", "60", "80", "80", "30", "80"] {
        let keys: Vec<String> = score.chars().map(String::from).collect();
        let mut keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
        keys.push("Enter");
        t.send(&keys);
    }
    let screen = t.wait_for("Đã xếp 10/", 20);
    assert!(screen.contains("✓") && screen.contains("HTT"), "{screen}");
    // A column pasted the way a terminal sends it: bracketed, each line
    // break a lone CR (tmux paste-buffer turns LF into CR, as terminals do).
    t.paste("HTT\nHT\n");
    t.wait_for("Enter/y: ghi 2 dòng", 10);
    t.send(&["Enter"]);
    t.wait_for("Đã xếp 12/", 20);
    // Scores typed straight in (2026 is a QĐ 366 year): the digits build one
    // score, Enter writes it on that row only.
    t.send(&["4", "5"]);
    t.wait_for("Điểm[", 10);
    t.send(&["Enter"]);
    t.wait_for("Đã xếp 13/", 20);
    t.send(&["8", "7", ",", "5", "Enter"]);
    t.wait_for("Đã xếp 14/", 20);
    t.send(&["q"]);
    t.wait_exit(10);
    let after = report(&data, "2026");
    let orgs = find(&after, "organisations").expect("organisations in the report");
    assert_eq!(orgs["rated"].as_u64(), Some(14), "{after}");
    assert_eq!(orgs["htxs"].as_u64(), Some(1));
    assert_eq!(orgs["htt"].as_u64(), Some(8));
    assert_eq!(orgs["ht"].as_u64(), Some(3));
    assert_eq!(orgs["kht"].as_u64(), Some(2));
    let grassroots = find(&after, "grassroots").expect("grassroots in the report");
    assert_eq!(grassroots["rated"].as_u64(), Some(14), "{after}");
    // `classify show` holds exactly the scores typed.
    let shown = json(&data, &["classify", "show", "2026"]);
    let mut scores = Vec::new();
    collect_scores(&shown, &mut scores);
    scores.sort_by(f64::total_cmp);
    let want = [30.0, 45.0, 60.0, 60.0, 80.0, 80.0, 80.0, 80.0, 80.0, 80.0, 87.5, 95.0];
    assert_eq!(scores, want.to_vec(), "{shown}");
}

/// Every non-null "score" in a JSON value.
fn collect_scores(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x.as_f64()) {
                    ("score", Some(s)) => out.push(s),
                    _ => collect_scores(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_scores(x, out)),
        _ => {}
    }
}
