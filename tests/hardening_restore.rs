//! Issue 10 items 1, 2 and 10: restore completes or leaves the live store in
//! place and served; every record of a backup is decoded and checked before
//! anything is swapped; restored names are validated like typed ones.

mod common;

use common::*;
use thuky::service::api::{Request, Response};
use thuky::service::{ErrorKind, Service};

fn backup(s: &mut Service, dir: &std::path::Path) -> std::path::PathBuf {
    match s
        .call(
            "tester",
            Request::Backup {
                dir: dir.display().to_string(),
            },
        )
        .unwrap()
    {
        Response::Backup(b) => b.file,
        r => panic!("{r:?}"),
    }
}

fn restore(s: &mut Service, dir: &std::path::Path) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        "tester",
        Request::BackupRestore {
            dir: dir.display().to_string(),
        },
    )
}

fn members_of(s: &mut Service, code: &str) -> u32 {
    match s
        .call(
            "tester",
            Request::Org {
                code: code.into(),
                at: d(2025, 6, 1),
                year: 2025,
            },
        )
        .unwrap()
    {
        Response::Org(o) => o.members,
        r => panic!("{r:?}"),
    }
}

fn set_members(s: &mut Service, code: &str, members: u32) {
    s.call(
        "tester",
        Request::OrgSetMembers {
            code: code.into(),
            members,
            probationary: None,
            at: d(2025, 6, 1),
            base_version: None,
        },
    )
    .unwrap();
}

/// Rewrite the record lines of a backup with `edit` and recompute its
/// checksum, as someone editing it by hand would.
fn tamper(file: &std::path::Path, edit: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![lines[0].to_string()];
    let mut crc = crc32fast::Hasher::new();
    let mut n = 0;
    for l in &lines[1..lines.len() - 1] {
        let l = edit(l);
        crc.update(l.as_bytes());
        crc.update(b"\n");
        out.push(l);
        n += 1;
    }
    out.push(format!("{{\"end\":true,\"records\":{n},\"crc32\":{}}}", crc.finalize()));
    std::fs::write(file, out.join("\n") + "\n").unwrap();
}

#[test]
fn two_restores_in_the_same_second_both_complete_and_a_later_write_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let bk = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    backup(&mut s, bk.path());
    set_members(&mut s, "BD.01.01", 99);
    restore(&mut s, bk.path()).unwrap();
    restore(&mut s, bk.path()).unwrap();
    assert_eq!(members_of(&mut s, "BD.01.01"), 25);
    set_members(&mut s, "BD.01.01", 41);
    drop(s);
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(members_of(&mut s, "BD.01.01"), 41, "the write after the restores was lost");
    // Both previous stores are kept, under different names.
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("store.before-restore")
        })
        .count();
    assert_eq!(kept, 2);
}

fn refused_and_untouched(edit: impl Fn(&str) -> String, why: &str) {
    let dir = tempfile::tempdir().unwrap();
    let bk = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::ClassificationSet(thuky::service::api::ClassifyInput {
            code: "BD.01.01".into(),
            year: 2024,
            level: Some(thuky::domain::Level::Ht),
            score: None,
            members: None,
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap();
    let file = backup(&mut s, bk.path());
    tamper(&file, edit);
    set_members(&mut s, "BD.01.01", 77);
    let audit = audit_len(&mut s);
    let e = restore(&mut s, bk.path()).unwrap_err();
    assert!(e.en.contains(why), "{}", e.en);
    assert_ne!(e.kind, ErrorKind::Internal);
    // The live store is in place, served, whole, and reopens.
    assert_eq!(members_of(&mut s, "BD.01.01"), 77);
    assert_eq!(audit_len(&mut s), audit);
    match s.call("tester", Request::StoreCheck).unwrap() {
        Response::StoreCheck(c) => assert!(c.problems.is_empty(), "{:?}", c.problems),
        r => panic!("{r:?}"),
    }
    set_members(&mut s, "BD.01.01", 78);
    drop(s);
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(members_of(&mut s, "BD.01.01"), 78);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("store.") && n != "store.ack")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_backup_with_a_level_edited_to_xyz_is_refused_before_anything_is_swapped() {
    refused_and_untouched(|l| l.replace("\"level\":\"HT\"", "\"level\":\"XYZ\""), "XYZ");
}

#[test]
fn a_backup_whose_code_index_disagrees_is_refused_before_anything_is_swapped() {
    refused_and_untouched(
        |l| {
            if l.contains("\"tree\":\"codes\"") && l.contains(&hex("BD.01.01")) {
                l.replace(&hex("BD.01.01"), &hex("BD.01.09"))
            } else {
                l.to_string()
            }
        },
        "problem",
    );
}

#[test]
fn a_backup_with_escape_sequences_or_a_bidi_override_in_a_name_is_refused() {
    refused_and_untouched(
        |l| l.replace("Chi bộ Khu dân cư số 1", "Chi bộ \\u001b[2J số 1"),
        "control character",
    );
    refused_and_untouched(|l| l.replace("Chi bộ Khu dân cư số 2", "\\u202e2 ốs"), "bidirectional");
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_restore_cut_between_its_two_renames_is_rolled_back_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    drop(s);
    // As a crash leaves it: the live store moved aside, the journal written.
    let live = thuky::service::store_dir(dir.path());
    let old = dir.path().join("store.before-restore-20260101T000000");
    std::fs::rename(&live, &old).unwrap();
    let journal = serde_json::json!({ "live": live, "old": old });
    std::fs::write(dir.path().join("restore.journal"), journal.to_string()).unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(members_of(&mut s, "BD.01.01"), 25);
    assert!(!dir.path().join("restore.journal").exists());
}
