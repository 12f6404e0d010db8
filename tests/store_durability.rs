//! Store and service on temporary directories: reopen, backup/restore,
//! migration from schema 1, integrity check, kill -9 while writing.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use thuky::domain::{Level, Tallies};
use thuky::service::api::{ClassifyInput, Request, Response};
use thuky::service::Service;

fn classify(s: &mut Service, code: &str, year: i32, level: Level, members: Option<Tallies>) {
    s.call(
        "tester",
        Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year,
            level: Some(level),
            score: None,
            members,
            decision: Some("12-QĐ/QU".into()),
            decided: Some(d(year + 1, 1, 10)),
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap();
}

fn report_json(s: &mut Service, year: i32) -> serde_json::Value {
    match s.call("tester", Request::Report { year, under: None }).unwrap() {
        Response::Report(r) => serde_json::to_value(&r.report).unwrap(),
        _ => unreachable!(),
    }
}

#[test]
fn write_close_reopen_read() {
    let dir = tempfile::tempdir().unwrap();
    let before;
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
        classify(
            &mut s,
            "BD.01",
            2021,
            Level::Htt,
            Some(Tallies {
                htxs: 4,
                htt: 40,
                ht: 10,
                kht: 0,
                not_rated: 1,
                not_rated_by: None,
            }),
        );
        s.call(
            "tester",
            Request::AdmissionSet {
                code: "BD.01.01".into(),
                year: 2021,
                month: 5,
                count: 3,
            },
        )
        .unwrap();
        s.call(
            "tester",
            Request::OrgRename {
                code: "BD.01".into(),
                name: "Đảng bộ Phường Điện Biên Phủ".into(),
                at: d(2022, 1, 1),
                decision: None,
                base_version: None,
            },
        )
        .unwrap();
        before = report_json(&mut s, 2021);
    }
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(report_json(&mut s, 2021), before);
    assert_eq!(before["admissions"]["total"], 3);
    assert_eq!(before["organisations"]["htt"], 1);
    match s
        .call(
            "tester",
            Request::Org {
                code: "bd.01".into(),
                at: d(2023, 1, 1),
                year: 2021,
            },
        )
        .unwrap()
    {
        Response::Org(o) => {
            assert_eq!(o.name, "Đảng bộ Phường Điện Biên Phủ");
            assert_eq!(o.history.len(), 2);
            assert_eq!(o.total_members, 55);
        }
        _ => unreachable!(),
    }
    match s
        .call(
            "tester",
            Request::Org {
                code: "BD.01".into(),
                at: d(2021, 6, 1),
                year: 2021,
            },
        )
        .unwrap()
    {
        Response::Org(o) => assert_eq!(o.name, "Đảng bộ Phường Điện Biên"),
        _ => unreachable!(),
    }
    assert_eq!(audit_len(&mut s), 8);
}

#[test]
fn second_open_of_the_same_directory_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let _s = Service::open(dir.path()).unwrap();
    let err = Service::open(dir.path()).err().expect("second open must fail");
    assert!(err.en.contains("in use by another thuky process"), "{}", err.en);
}

#[test]
fn backup_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let bdir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    classify(
        &mut s,
        "BD.01",
        2022,
        Level::Htxs,
        Some(Tallies {
            htxs: 8,
            htt: 40,
            ht: 6,
            kht: 0,
            not_rated: 1,
            not_rated_by: None,
        }),
    );
    let want = report_json(&mut s, 2022);
    match s
        .call(
            "tester",
            Request::Backup {
                dir: bdir.path().display().to_string(),
            },
        )
        .unwrap()
    {
        Response::Backup(info) => assert!(info.records > 10),
        _ => unreachable!(),
    }
    // Change things after the backup, then restore.
    s.call(
        "tester",
        Request::ClassificationClear {
            code: "BD.01".into(),
            year: 2022,
            base_version: None,
        },
    )
    .unwrap();
    s.call(
        "tester",
        Request::OrgDissolve {
            code: "BD.01.02".into(),
            at: d(2022, 6, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_ne!(report_json(&mut s, 2022), want);
    s.call(
        "tester",
        Request::BackupRestore {
            dir: bdir.path().display().to_string(),
        },
    )
    .unwrap();
    assert_eq!(report_json(&mut s, 2022), want);
    match s.call("tester", Request::StoreCheck).unwrap() {
        Response::StoreCheck(c) => assert!(c.problems.is_empty(), "{:?}", c.problems),
        _ => unreachable!(),
    }
    drop(s);
    // And it survives a reopen.
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(report_json(&mut s, 2022), want);
}

#[test]
fn damaged_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let bdir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::Backup {
            dir: bdir.path().display().to_string(),
        },
    )
    .unwrap();
    let file = bdir.path().join("thuky-backup.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Ba Đình", "Ba Dinh")).unwrap();
    let err = s
        .call(
            "tester",
            Request::BackupRestore {
                dir: bdir.path().display().to_string(),
            },
        )
        .unwrap_err();
    assert!(err.en.contains("checksum mismatch"), "{}", err.en);
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&file, lines[..lines.len() - 1].join("\n")).unwrap();
    let err = s
        .call(
            "tester",
            Request::BackupRestore {
                dir: bdir.path().display().to_string(),
            },
        )
        .unwrap_err();
    assert!(err.en.contains("truncated"), "{}", err.en);
    assert_eq!(audit_len(&mut s), 5);
}

#[test]
fn migrates_schema_1_monthly_admissions() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    {
        // A schema-1 store written by hand: per-month admission keys.
        let db = sled_open(&store_dir);
        db.open_tree("meta").unwrap().insert("schema_version", b"1".to_vec()).unwrap();
        let monthly = db.open_tree("admissions_monthly").unwrap();
        for (month, n) in [(1u8, 2u32), (5, 7), (12, 1)] {
            monthly
                .insert(
                    thuky::store::migrate::v1_monthly_key(2024, 4, month),
                    serde_json::to_vec(&n).unwrap(),
                )
                .unwrap();
        }
        monthly
            .insert(thuky::store::migrate::v1_monthly_key(2023, 5, 3), b"4".to_vec())
            .unwrap();
        db.flush().unwrap();
    }
    let store = store_open(&store_dir);
    assert_eq!(store.schema_version().unwrap(), thuky::store::SCHEMA_VERSION);
    let y2024 = store.admissions_of_year(2024).unwrap();
    let a = &y2024[&4];
    assert_eq!(a.months, [2, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(a.total(), 10);
    assert_eq!(store.admissions_of_year(2023).unwrap()[&5].months[2], 4);
    assert!(!store.db_tree_names().iter().any(|n| n == "admissions_monthly"));
}

#[test]
fn refuses_a_store_from_a_newer_thuky() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    {
        let db = sled_open(&store_dir);
        db.open_tree("meta").unwrap().insert("schema_version", b"99".to_vec()).unwrap();
        db.flush().unwrap();
    }
    let err = Service::open(dir.path()).err().unwrap();
    assert!(err.en.contains("schema version 99"), "{}", err.en);
}

#[test]
fn check_reports_broken_references() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
    }
    {
        let db = sled_open(&store_dir);
        db.open_tree("codes").unwrap().insert("GHOST", b"77".to_vec()).unwrap();
        db.open_tree("classes")
            .unwrap()
            .insert(
                thuky::store::keys::year_org(2021, 42),
                br#"{"org":42,"year":2021,"level":"HT","by":"x","at":"2021-01-01T00:00:00Z"}"#.to_vec(),
            )
            .unwrap();
        db.flush().unwrap();
    }
    let out = thuky(dir.path(), &["--lang", "en", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("index entry GHOST points to #77, which does not exist"), "{text}");
    assert!(text.contains("classification 2021 for #42, which does not exist"), "{text}");
}

/// Child side of the kill test: writes until killed, printing each acknowledged write.
#[test]
fn kill_writer_child() {
    let Ok(dir) = std::env::var("THUKY_KILL_WRITER_DIR") else { return };
    let mut s = Service::open(std::path::Path::new(&dir)).unwrap();
    for i in 0..100_000u32 {
        let month = i % 12 + 1;
        let year = 2018 + (i / 12) as i32 % 8;
        s.call(
            "writer",
            Request::AdmissionSet {
                code: "BD.01.01".into(),
                year,
                month,
                count: i,
            },
        )
        .unwrap();
        println!("ack {year} {month} {i}");
    }
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill_writer_child", "--nocapture", "--test-threads=1"])
        .env("THUKY_KILL_WRITER_DIR", dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut acks = std::collections::HashMap::new();
    let reader = BufReader::new(child.stdout.take().unwrap());
    for line in reader.lines() {
        let line = line.unwrap();
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&"ack") {
            let (y, m, n): (i32, u32, u32) = (parts[1].parse().unwrap(), parts[2].parse().unwrap(), parts[3].parse().unwrap());
            acks.insert((y, m), n);
            if acks.len() >= 60 && n >= 150 {
                break;
            }
        }
    }
    // SAFETY: plain kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let _ = child.wait();
    let mut s = Service::open(dir.path()).unwrap();
    for year in 2018..2026 {
        let Response::AdmissionList(list) = s.call("t", Request::AdmissionList { year, under: None }).unwrap() else {
            unreachable!()
        };
        for (m, got) in list
            .rows
            .iter()
            .find(|r| r.code == "BD.01.01")
            .map(|r| r.months)
            .unwrap_or([0; 12])
            .iter()
            .enumerate()
        {
            if let Some(acked) = acks.get(&(year, m as u32 + 1)) {
                assert!(*got >= *acked, "{year}-{}: acknowledged {acked}, found {got}", m + 1);
            }
        }
    }
}
