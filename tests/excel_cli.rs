//! The export and import commands through the real binary: files written,
//! the dry run, exit codes and messages.

mod common;
mod excel_support;

use common::cli::*;
use common::*;

#[test]
fn export_then_import_through_the_binary() {
    let dir = register_dir();
    let data = dir.path();
    let fixture = excel_support::fixture("realities.xlsx", excel_support::realities);
    // Dry run: what would change, nothing written.
    let out = thuky(
        data,
        &[
            "--lang",
            "en",
            "import",
            "classification",
            "2024",
            fixture.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("BD.01.01") && text.contains("(none) → HTXS"), "{text}");
    assert!(
        text.contains("Dry run") && text.contains("3 classifications would be written"),
        "{text}"
    );
    let shown = stdout(&thuky(data, &["--json", "classify", "show", "2024"]));
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let rated = v["rows"].as_array().unwrap().iter().filter(|r| !r["class"].is_null()).count();
    assert_eq!(rated, 0, "the dry run wrote: {shown}");
    // The import itself.
    let out = thuky(data, &["import", "classification", "2024", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Đã nhập realities.xlsx năm 2024: ghi 3 xếp loại"),
        "{}",
        stdout(&out)
    );
    let log = stdout(&thuky(data, &["log", "--limit", "1"]));
    assert!(log.contains("realities.xlsx"), "the audit names the file: {log}");
    // Export as xlsx and CSV (UTF-8 with a BOM).
    let x = dir.path().join("out.xlsx");
    let out = thuky(data, &["export", "classification", "2024", "--out", x.to_str().unwrap()]);
    assert!(out.status.success() && x.exists(), "{}", stderr(&out));
    let c = dir.path().join("out.csv");
    let out = thuky(
        data,
        &["export", "classification", "2024", "--under", "BD", "--out", c.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&c).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8_lossy(&bytes);
    assert!(
        csv.contains("BD.01.01,Chi bộ Khu dân cư số 1,Chi bộ trực thuộc,BD.01,25,HTXS,,5,18,2,0,0,,,,,10/01/2025,"),
        "{csv}"
    );
    // The report.
    let r = dir.path().join("bao-cao.xlsx");
    let out = thuky(data, &["export", "report", "2024", "--out", r.to_str().unwrap()]);
    assert!(out.status.success() && r.exists(), "{}", stderr(&out));
}

#[test]
fn bad_files_and_names_exit_1_with_the_reason() {
    let dir = register_dir();
    let data = dir.path();
    let out = thuky(data, &["--lang", "en", "export", "classification", "2024", "--out", "x.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("must end in .xlsx or .csv"), "{}", stderr(&out));
    let out = thuky(data, &["--lang", "en", "export", "report", "2024", "--out", "x.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let missing = dir.path().join("missing.xlsx");
    let out = thuky(
        data,
        &["--lang", "en", "import", "classification", "2024", missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    let out = thuky(data, &["import", "classification", "2024", "x.xlsx", "--legacy", "koi8"]);
    assert_eq!(out.status.code(), Some(2), "bad usage");
    let fixture = excel_support::fixture("realities.xlsx", excel_support::realities);
    let out = thuky(
        data,
        &[
            "--lang",
            "en",
            "import",
            "classification",
            "2024",
            fixture.to_str().unwrap(),
            "--sheet",
            "Nope",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no sheet 'Nope' (there are: KQ 2024)"), "{}", stderr(&out));
}
