//! `thuky case add|update|list|show` and `thuky search` on the real binary:
//! every field, the status transitions, kinds in Vietnamese with or without
//! diacritics, and bad input refused naming the field with nothing written.

mod common;
use common::cli::*;
use common::*;

#[test]
fn add_update_list_show_and_search() {
    let dir = register_dir();
    let d = dir.path();
    let v = json(
        d,
        &[
            "case",
            "add",
            "BD.01",
            "--kind",
            "tố cáo",
            "--title",
            "Đơn tố cáo Bí thư Chi bộ Khu dân cư số 1",
            "--summary",
            "Về việc thu tiền sai quy định",
            "--persons",
            "Nguyễn Văn An (lãnh đạo); Trần Thị Bình (dự bị, BD.01.01)",
            "--place",
            "phường Điện Biên",
            "--source",
            "Đơn đề ngày 02/01/2024",
            "--handler",
            "Ủy ban Kiểm tra Quận ủy",
            "--opened",
            "05/01/2024",
            "--due",
            "2024-03-05",
        ],
    );
    assert_eq!(v["id"], 1);
    assert_eq!(v["kind"], "denunciation");
    assert_eq!(v["summary"], "Về việc thu tiền sai quy định");
    assert_eq!(v["persons"][0]["leadership"], true);
    assert_eq!(v["persons"][1]["probationary"], true);
    assert_eq!(v["place"], "phường Điện Biên");
    assert_eq!(v["source"], "Đơn đề ngày 02/01/2024");
    assert_eq!(v["handler"], "Ủy ban Kiểm tra Quận ủy");
    assert_eq!(v["opened"], "2024-01-05");
    assert_eq!(v["due"], "2024-03-05");
    assert_eq!(v["status"], "received");
    assert_eq!(v["overdue"], true);
    // Kinds in Vietnamese without diacritics, in English, upper case.
    for (kind, expect) in [
        ("kiem tra", "inspection"),
        ("DIEM NONG", "hot_spot"),
        ("weak_organisation", "weak_organisation"),
        ("Khiếu nại kỷ luật", "discipline_appeal"),
    ] {
        let v = json(
            d,
            &[
                "case",
                "add",
                "BD",
                "--kind",
                kind,
                "--title",
                "Vụ khác",
                "--opened",
                "2024-02-01",
                "--due",
                "2024-03-01",
            ],
        );
        assert_eq!(v["kind"], expect, "{kind}");
    }
    // received → in_progress → concluded, with a discipline.
    let v = json(d, &["case", "update", "1", "--status", "in_progress", "--at", "10/01/2024"]);
    assert_eq!(v["status"], "in_progress");
    let v = json(
        d,
        &[
            "case",
            "update",
            "#1",
            "--status",
            "concluded",
            "--at",
            "01/03/2024",
            "--outcome",
            "Tố cáo đúng",
            "--discipline",
            "canh_cao",
            "--subject",
            "member",
            "--person",
            "tran thi binh",
            "--decided",
            "01/03/2024",
            "--violation",
            "VP-1",
        ],
    );
    assert_eq!(v["status"], "concluded");
    assert_eq!(v["history"].as_array().unwrap().len(), 3);
    assert_eq!(v["outcome"], "Tố cáo đúng");
    assert_eq!(v["discipline"]["form"], "canh_cao");
    assert_eq!(v["discipline"]["person"], "Trần Thị Bình");
    assert_eq!(v["discipline"]["effective"], "2024-03-01");
    assert_eq!(v["decided"], "2024-03-01");
    assert_eq!(v["overdue"], false);
    let shown = ok(d, &["case", "show", "1"]);
    for needle in [
        "#1",
        "Đơn tố cáo Bí thư",
        "Đã kết luận",
        "cảnh cáo",
        "Trần Thị Bình (dự bị)",
        "10/01/2024  Đang xử lý",
    ] {
        assert!(shown.contains(needle), "{needle} in {shown}");
    }
    let none = json(d, &["case", "update", "1", "--discipline", "none"]);
    assert!(none["discipline"].is_null());
    // The list with filters and counts.
    let l = json(d, &["case", "list"]);
    assert_eq!(l["total"], 5);
    assert_eq!(l["counts"]["concluded"], 1);
    let l = json(d, &["case", "list", "--kind", "điểm nóng"]);
    assert_eq!(l["total"], 1);
    let l = json(d, &["case", "list", "--status", "concluded", "--under", "BD", "--year", "2024"]);
    assert_eq!(l["rows"][0]["id"], 1);
    let l = json(d, &["case", "list", "--overdue"]);
    assert_eq!(l["total"], 4);
    assert_eq!(l["counts"]["overdue"], 4);
    let human = ok(d, &["case", "list", "--overdue", "--limit", "2"]);
    assert!(
        human.contains("4 vụ việc") && human.contains(" !") && human.contains("--offset 2"),
        "{human}"
    );
    // Search, with and without --json.
    let r = json(d, &["search", "bi thu khu dan cu"]);
    assert_eq!(r["hits"][0]["kind"], "case");
    assert_eq!(r["hits"][0]["id"], 1);
    let human = ok(d, &["search", "Ba Dinh"]);
    assert!(human.contains("Quận ủy [Ba Đình] BD"), "{human}");
}

#[test]
fn bad_input_is_refused_naming_the_field() {
    let dir = register_dir();
    let d = dir.path();
    ok(
        d,
        &[
            "case",
            "add",
            "BD.01",
            "--kind",
            "discipline",
            "--title",
            "Kỷ luật",
            "--persons",
            "Nguyễn Văn An (BD, lãnh đạo); Trần Thị Bình (dự bị)",
            "--opened",
            "2024-01-05",
        ],
    );
    refused(d, &["case", "add", "BD.01", "--kind", "kt", "--title", "X"], 2, &["--kind", "'kt'"]);
    refused(
        d,
        &["case", "add", "NOPE", "--kind", "kiem tra", "--title", "X"],
        1,
        &["org = 'NOPE'"],
    );
    refused(d, &["case", "add", "BD.01", "--kind", "kiem tra", "--title", "  "], 1, &["title"]);
    refused(
        d,
        &[
            "case",
            "add",
            "BD.01",
            "--kind",
            "kiem tra",
            "--title",
            "X",
            "--opened",
            "2024-03-01",
            "--due",
            "2024-02-01",
        ],
        1,
        &["due = '01/02/2024'", "before the opening date"],
    );
    refused(
        d,
        &[
            "case",
            "add",
            "BD.01",
            "--kind",
            "kiem tra",
            "--title",
            "X",
            "--persons",
            "An (xyz khác)",
        ],
        2,
        &["--persons", "xyz"],
    );
    refused(
        d,
        &["case", "update", "1", "--discipline", "giai_tan", "--person", "Nguyen Van An"],
        1,
        &["discipline = 'giai_tan'", "Điều 7"],
    );
    refused(
        d,
        &["case", "update", "1", "--discipline", "cach_chuc", "--person", "Tran Thi Binh"],
        1,
        &["discipline = 'cach_chuc'", "probationary"],
    );
    refused(
        d,
        &["case", "update", "1", "--discipline", "canh_cao", "--subject", "leadership"],
        1,
        &["persons = 'Nguyễn Văn An'"],
    );
    refused(
        d,
        &["case", "update", "1", "--discipline", "khai_tru"],
        1,
        &["discipline = 'khai_tru'"],
    );
    refused(d, &["case", "update", "1", "--subject", "member"], 1, &["discipline"]);
    refused(d, &["case", "update", "1", "--status", "done"], 2, &["--status", "'done'"]);
    refused(d, &["case", "update", "9", "--outcome", "x"], 1, &["id = '9'"]);
    ok(d, &["case", "update", "1", "--status", "concluded", "--at", "2024-02-01"]);
    refused(d, &["case", "update", "1", "--status", "received"], 1, &["status = 'received'"]);
    refused(d, &["case", "show", "abc"], 2, &["case number"]);
}

/// `thuky export cases` writes every case matching the filters of `case
/// list` (not a page of them), one row per case, as xlsx or CSV.
#[test]
fn export_cases_with_the_filters_of_case_list() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = register_dir();
    let d = dir.path();
    for (org, kind, title) in [
        ("BD.01", "to cao", "Đơn tố cáo thứ nhất"),
        ("BD.01.01", "khieu nai", "Đơn khiếu nại"),
        ("BD.01.02", "to cao", "Đơn tố cáo thứ hai"),
    ] {
        ok(d, &["case", "add", org, "--kind", kind, "--title", title, "--opened", "05/01/2024"]);
    }
    let x = d.join("cases.xlsx");
    let out = ok(d, &["export", "cases", "--kind", "tố cáo", "--out", x.to_str().unwrap()]);
    assert!(out.contains('2'), "{out}");
    let mut book = open_workbook_auto(&x).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let codes: Vec<String> = range
        .rows()
        .filter(|r| matches!(r.first(), Some(Data::Float(_)) | Some(Data::Int(_))))
        .map(|r| r[2].to_string())
        .collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(
        codes.contains(&"BD.01".to_string()) && codes.contains(&"BD.01.02".to_string()),
        "{codes:?}"
    );
    let all = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|"))
        .collect::<Vec<_>>();
    assert!(all.iter().any(|l| l.contains("Đơn tố cáo thứ hai")), "{all:?}");
    // CSV, one organisation's cases.
    let c = d.join("cases.csv");
    ok(d, &["export", "cases", "--org", "BD.01.01", "--out", c.to_str().unwrap()]);
    let text = std::fs::read_to_string(&c).unwrap();
    assert!(text.starts_with('\u{feff}'), "UTF-8 with a BOM");
    assert!(text.contains("Đơn khiếu nại") && !text.contains("thứ hai"), "{text}");
    // A bad filter is refused, naming it.
    let out = thuky(
        d,
        &["--lang", "en", "export", "cases", "--status", "nope", "--out", c.to_str().unwrap()],
    );
    assert!(!out.status.success() && stderr(&out).contains("nope"), "{}", stderr(&out));
}
