//! `thuky admit show`, `thuky target show|set` and `report --json` admissions,
//! and bad admissions input refused with the reason and nothing written.

mod common;
use common::cli::*;
use common::*;

#[test]
fn bad_admissions_input_is_refused_with_the_reason() {
    let dir = register_dir();
    let p = dir.path();
    refused(p, &["admit", "set", "BD.01", "2024", "3", "-4"], 2, &["-4"]);
    refused(p, &["admit", "set", "BD.01", "2024", "3", "nine"], 2, &["nine"]);
    refused(
        p,
        &["admit", "set", "BD.01", "2024", "March", "4"],
        2,
        &["'March' is not a month number"],
    );
    // BD.01 was founded on 1/1/2000: nothing in 1999 (the year guard) nor before founding.
    ok(
        p,
        &[
            "org",
            "add",
            "BD",
            "Chi bộ mới",
            "--kind",
            "grassroots_cell",
            "--members",
            "5",
            "--code",
            "BD.09",
            "--at",
            "15/06/2024",
        ],
    );
    refused(
        p,
        &["admit", "set", "BD.09", "2024", "5", "1"],
        1,
        &["code = 'BD.09'", "did not exist in 5/2024"],
    );
    ok(p, &["admit", "set", "BD.09", "2024", "6", "1"]);
    refused(
        p,
        &["target", "set", "2024", "--org", "BD.01", "--plan", "5"],
        1,
        &["org = 'BD.01'", "was not directly under the city committee in any month of 2024"],
    );
    refused(p, &["target", "set", "2024", "--org", "BD", "--plan", "-5"], 2, &["-5"]);
    refused(p, &["target", "set", "2024", "--plan", "many"], 2, &["many"]);
    refused(
        p,
        &["target", "set", "2024", "--range", "10000-9000"],
        2,
        &["the low end is above the high end"],
    );
    refused(
        p,
        &["target", "set", "2024", "--range", "9000-x"],
        2,
        &["'x' in '9000-x' is not a whole number"],
    );
}

#[test]
fn admit_show_has_committee_subtotals_with_plan_and_allocation() {
    let dir = register_dir();
    let p = dir.path();
    ok(
        p,
        &[
            "org",
            "add",
            "HN",
            "Huyện ủy Thạch Thất",
            "--kind",
            "superior",
            "--code",
            "TH",
            "--at",
            "01/01/2000",
        ],
    );
    ok(
        p,
        &[
            "org",
            "add",
            "TH",
            "Chi bộ Thôn Đông",
            "--kind",
            "grassroots_cell",
            "--members",
            "9",
            "--code",
            "TH.01",
            "--at",
            "01/01/2000",
        ],
    );
    ok(p, &["admit", "set", "BD.01", "2024", "3", "1200"]);
    ok(p, &["admit", "set", "TH.01", "2024", "4", "5"]);
    ok(p, &["target", "set", "2024", "--plan", "1300", "--range", "1000-1500"]);
    ok(p, &["target", "set", "2024", "--org", "BD", "--plan", "1000"]);
    let out = thuky(p, &["--lang", "en", "target", "set", "2024", "--org", "TH", "--plan", "200"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("Warning: the allocations add up to 1,200, 100 less than the plan of 1,300"),
        "{}",
        stdout(&out)
    );

    let vi = ok(p, &["--lang", "vi", "admit", "show", "2024"]);
    assert!(vi.contains("Tổng: 1.205 / kế hoạch 1.300 (92,7%), khoảng 1.000–1.500"), "{vi}");
    let bd = vi.lines().find(|l| l.starts_with("BD ")).unwrap_or_else(|| panic!("{vi}"));
    // Code, name, months, allocation, admitted, %, pace.
    assert!(
        bd.contains("Quận ủy Ba Đình") && bd.contains("1–12") && bd.contains("1.000") && bd.contains("1.200") && bd.contains("120,0%"),
        "{bd}"
    );
    assert!(vi.contains("Tổng phân bổ: 1.200 (kế hoạch 1.300, chênh lệch −100) ⚠"), "{vi}");

    let en = ok(p, &["--lang", "en", "target", "show", "2024"]);
    assert!(en.contains("Plan: 1,300") && en.contains("Range: 1,000–1,500"), "{en}");
    let th = en.lines().find(|l| l.starts_with("TH ")).unwrap_or_else(|| panic!("{en}"));
    assert!(th.contains("Huyện ủy Thạch Thất") && th.contains("200"), "{th}");
    assert!(
        en.contains("Allocations together: 1,200 (2 committees); plan 1,300, difference −100 ⚠"),
        "{en}"
    );

    let js: serde_json::Value = serde_json::from_str(&ok(p, &["--json", "target", "show", "2024"])).unwrap();
    assert_eq!(js["plan"], 1300);
    assert_eq!(js["allocations_total"], 1200);
    assert_eq!(js["allocations_minus_plan"], -100);
    assert_eq!(js["lines"].as_array().unwrap().len(), 2);

    let rep: serde_json::Value = serde_json::from_str(&ok(p, &["--json", "report", "2024"])).unwrap();
    let a = &rep["admissions"];
    assert_eq!(a["total"], 1205);
    assert_eq!(a["allocations_total"], 1200);
    assert_eq!(a["within_range"], true);
    let c = a["by_committee"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    for k in [
        "code",
        "name",
        "total",
        "by_month",
        "allocation",
        "pct_of_allocation",
        "behind_pace",
    ] {
        assert!(c[0].get(k).is_some(), "{k}");
    }
    assert_eq!(c[0]["code"], "BD");
    assert_eq!(c[0]["behind_pace"], false);
    assert_eq!(c[1]["behind_pace"], true);
    assert_eq!(c[1]["pct_of_allocation"], 2.5);
    // A past year has no pace or projection.
    assert!(a.get("pace").is_none() && a.get("projected").is_none());
}

#[test]
fn report_json_of_the_current_year_has_pace_and_projection() {
    use chrono::Datelike;
    let dir = register_dir();
    let p = dir.path();
    let year = chrono::Local::now().year().to_string();
    ok(p, &["admit", "set", "BD.01", &year, "1", "12"]);
    ok(p, &["target", "set", &year, "--plan", "120"]);
    let rep: serde_json::Value = serde_json::from_str(&ok(p, &["--json", "report", &year])).unwrap();
    let a = &rep["admissions"];
    let pace = &a["pace"];
    assert_eq!(pace["method"], "straight_line", "no earlier years: a straight line");
    assert_eq!(pace["target"], 120);
    let done = pace["months_done"].as_u64().unwrap();
    assert_eq!(pace["due_to_date"].as_u64().unwrap(), 10 * done);
    if let Some(projected) = (12 * 12 + done / 2).checked_div(done) {
        assert_eq!(a["projected"]["method"], "linear");
        assert_eq!(a["projected"]["total"].as_u64().unwrap(), projected);
    }
}
