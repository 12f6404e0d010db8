//! The register's new commands through the binary: the root of an empty
//! register, `--dry-run` (prints the preview, writes nothing), moving all
//! children, a change of kind; merge and dissolve without `--dry-run` write
//! at once as before (scripts keep working).

mod common;
use common::cli::*;
use common::*;

#[test]
fn the_root_dry_runs_moves_and_kinds_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let out = ok(
        data,
        &[
            "org",
            "add-root",
            "Đảng bộ Thành phố Hà Nội",
            "--at",
            "03/02/1930",
            "--decision",
            "1-QĐ/TW",
            "--decided",
            "03/02/1930",
        ],
    );
    assert!(out.contains("TP Đảng bộ Thành phố Hà Nội"), "{out}");
    let o = thuky(data, &["org", "add-root", "Thành phố khác"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("đã có Đảng bộ Thành phố (TP)"), "{}", stderr(&o));
    for (parent, name, kind, members) in [
        ("TP", "Quận A", "superior", "0"),
        ("TP", "Quận B", "superior", "0"),
        ("01", "Chi bộ X", "grassroots_cell", "20"),
        ("01", "Chi bộ Y", "grassroots_cell", "12"),
    ] {
        ok(
            data,
            &[
                "org",
                "add",
                parent,
                name,
                "--kind",
                kind,
                "--members",
                members,
                "--at",
                "01/01/2020",
            ],
        );
    }
    let before = log_len(data);
    let out = ok(data, &["org", "merge", "01", "02", "--at", "01/07/2025", "--dry-run"]);
    assert!(out.contains("Chạy thử (không ghi gì)"), "{out}");
    assert!(
        out.contains("Chuyển 2 tổ chức (32 đảng viên): 01.01 Chi bộ X; 01.02 Chi bộ Y"),
        "{out}"
    );
    assert!(out.contains("Kết thúc 1 tổ chức: 01 Quận A"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&ok(
        data,
        &["--json", "org", "dissolve", "01.01", "--at", "01/07/2025", "--dry-run"],
    ))
    .unwrap();
    assert_eq!(json["ended"][0]["code"], "01.01");
    // A refused dry run names the reason, as the change would.
    let o = thuky(data, &["--lang", "en", "org", "dissolve", "01", "--at", "01/07/2025", "--dry-run"]);
    assert!(stderr(&o).contains("still has 2 organisations under it"), "{}", stderr(&o));
    assert_eq!(log_len(data), before, "dry runs write nothing");

    let out = ok(
        data,
        &["org", "move-children", "01", "02", "--at", "01/07/2025", "--decision", "5-QĐ/TU"],
    );
    assert!(out.contains("Đã chuyển 2 tổ chức trực thuộc 01 về 02"), "{out}");
    assert_eq!(log_len(data), before + 1, "one audited action");
    let tree = ok(data, &["--json", "org", "list", "--at", "01/08/2025"]);
    let v: serde_json::Value = serde_json::from_str(&tree).unwrap();
    let id_of = |code: &str| v["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code).unwrap()["id"].clone();
    let parent_of = |code: &str| v["nodes"].as_array().unwrap().iter().find(|n| n["code"] == code).unwrap()["parent"].clone();
    assert_eq!(parent_of("01.01"), id_of("02"));

    let out = ok(data, &["org", "kind", "01.01", "ĐBCS", "--at", "01/09/2025"]);
    assert!(out.contains("Chi bộ cơ sở → Đảng bộ cơ sở"), "{out}");
    // Without --dry-run a merge is written at once, as before.
    ok(data, &["org", "dissolve", "01", "--at", "01/10/2025"]);
    assert_eq!(log_len(data), before + 3);
    // Undo by the audit number (the server that made the change keeps it):
    // the dissolution is reversed; the first founding of 01 is not (changed since).
    let log: serde_json::Value = serde_json::from_str(&ok(data, &["--json", "log", "--limit", "1"])).unwrap();
    let seq = log[0]["seq"].as_u64().unwrap().to_string();
    let o = thuky(data, &["--lang", "en", "org", "undo", &seq]);
    if o.status.success() {
        assert!(stdout(&o).contains(&format!("Undid change #{seq} (01)")), "{}", stdout(&o));
        let tree = ok(data, &["--json", "org", "list", "--at", "01/11/2025"]);
        assert!(tree.contains("\"code\": \"01\""), "01 is back: {tree}");
    } else {
        // Run in-process (no server): the change is not of this session.
        assert!(
            stderr(&o).contains("is not a register change that can still be undone"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn the_help_names_the_root_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["org", "--help"]);
    assert!(out.contains("add-root"), "{out}");
    assert!(out.contains("move-children"), "{out}");
    let out = ok(dir.path(), &["org", "merge", "--help"]);
    assert!(out.contains("--dry-run"), "{out}");
}
