//! End to end: the real binary in tmux enters admission counts on the Kết
//! nạp grid; `thuky report YEAR --json` then has them, per committee.
//! Skipped (with a note) when tmux is not installed.

mod common;
use common::cli::{find, ok, report};
use common::tmux::Tmux;

#[test]
fn enter_admissions_in_the_real_binary() {
    if !Tmux::available("the admissions end-to-end test") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    ok(&data, &["demo", "--scale", "small"]);
    let before = report(&data, "2026");
    let total_before = find(&before, "admissions")
        .and_then(|a| a["total"].as_u64())
        .expect("admissions total");
    let committee = |r: &serde_json::Value, code: &str| -> u64 {
        find(r, "by_committee")
            .and_then(|c| c.as_array())
            .and_then(|a| a.iter().find(|c| c["code"] == code))
            .and_then(|c| c["total"].as_u64())
            .unwrap_or(0)
    };
    let cqd = committee(&before, "CQD");
    // Every committee's total, to find the one the second count went to.
    let totals = |r: &serde_json::Value| -> Vec<(String, u64)> {
        find(r, "by_committee")
            .and_then(|c| c.as_array())
            .map(|a| {
                a.iter()
                    .map(|c| (c["code"].as_str().unwrap_or("").to_string(), c["total"].as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let totals_before = totals(&before);

    let Some(t) = Tmux::run("admit", home.path(), 120, 40, &["--data", &data.display().to_string()]) else {
        return;
    };
    t.wait_for("Cây tổ chức", 20);
    // Kết nạp (third tab), then the year 2026.
    t.send(&["3"]);
    t.wait_for("Kết nạp đảng viên năm", 10);
    t.press_until("]", "Kết nạp đảng viên năm 2026");
    // The first line is the CQD heading: January of its first organisation,
    // then (past the next committee's heading) of that committee's first one.
    t.send(&["j", "7", "Enter"]);
    t.wait_for("Đã ghi", 10);
    t.send(&["j", "5", "Enter"]);
    t.wait_for("tháng 1: 5", 10);
    t.send(&["q"]);
    t.wait_exit(10);
    let after = report(&data, "2026");
    let total_after = find(&after, "admissions").and_then(|a| a["total"].as_u64());
    assert_eq!(total_after, Some(total_before + 12), "{after}");
    assert_eq!(committee(&after, "CQD"), cqd + 7, "{after}");
    // Exactly one other committee gained the second count, all of it.
    let gained: Vec<(String, u64)> = totals(&after)
        .into_iter()
        .filter(|(code, _)| code != "CQD")
        .filter_map(|(code, n)| {
            let was = totals_before.iter().find(|(c, _)| *c == code).map_or(0, |(_, n)| *n);
            (n != was).then(|| (code, n - was))
        })
        .collect();
    assert_eq!(gained.len(), 1, "{gained:?}");
    assert_eq!(gained[0].1, 5, "{gained:?}");
}
