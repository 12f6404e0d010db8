//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use std::path::Path;
use std::process::{Command, Output};
use thuky::domain::case::{CaseKind, PersonInput};
use thuky::domain::OrgKind;
use thuky::service::api::{CaseInput, OrgAdd, Request, Response};
use thuky::service::Service;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A small hand-made register: HN → BD (district) → BD.01 (grassroots committee) → two cells.
pub fn small_register(s: &mut Service) {
    let add = |s: &mut Service, parent: &str, kind, name: &str, code: Option<&str>, members, at| {
        s.call(
            "tester",
            Request::OrgAdd(OrgAdd {
                parent: parent.into(),
                kind,
                name: name.into(),
                code: code.map(Into::into),
                members,
                at,
                founding_ref: Some("1-QĐ/TU".into()),
                founding_date: Some(at),
            }),
        )
        .unwrap_or_else(|e| panic!("add {name}: {e}"));
    };
    add(s, "-", OrgKind::City, "Đảng bộ Thành phố Hà Nội", Some("HN"), 0, d(1930, 2, 3));
    add(s, "HN", OrgKind::Superior, "Quận ủy Ba Đình", Some("BD"), 0, d(2000, 1, 1));
    add(
        s,
        "BD",
        OrgKind::GrassrootsCommittee,
        "Đảng bộ Phường Điện Biên",
        None,
        0,
        d(2000, 1, 1),
    );
    add(s, "BD.01", OrgKind::Cell, "Chi bộ Khu dân cư số 1", None, 25, d(2001, 1, 1));
    add(s, "BD.01", OrgKind::Cell, "Chi bộ Khu dân cư số 2", None, 30, d(2001, 1, 1));
}

/// A case about `org` concerning `person`, opened on `opened`; the other fields empty.
pub fn case_input(org: &str, kind: CaseKind, title: &str, person: &str, opened: NaiveDate) -> CaseInput {
    CaseInput {
        org: org.into(),
        kind,
        title: title.into(),
        summary: None,
        persons: vec![PersonInput {
            name: person.into(),
            ..Default::default()
        }],
        place: None,
        source: None,
        handler: None,
        opened: Some(opened),
        due: None,
    }
}

/// The Small demo data (seed 1) in a new directory, opened in-process.
pub fn small_demo() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    s.call(
        "demo",
        Request::DemoLoad {
            scale: thuky::demo::Scale::Small,
            seed: 1,
            replace: false,
        },
    )
    .unwrap();
    (dir, s)
}

pub fn audit_len(s: &mut Service) -> usize {
    match s.call("tester", Request::AuditList(Default::default())).unwrap() {
        Response::AuditList(v) => v.len(),
        _ => unreachable!(),
    }
}

pub fn thuky(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thuky"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("LANG", "C")
        .output()
        .expect("run thuky")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Open a sled directory that a store or database has just closed: sled's
/// flusher may hold the directory's lock a moment after the last handle goes.
pub fn sled_open(dir: &Path) -> sled::Db {
    for _ in 0..200 {
        match sled::open(dir) {
            Ok(db) => return db,
            Err(e) if e.to_string().contains("lock") || e.to_string().contains("WouldBlock") => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(e) => panic!("{}: {e}", dir.display()),
        }
    }
    panic!("{} stays locked", dir.display());
}

/// Open the store in `dir` just after another handle closed it (see `Store::reopen`).
pub fn store_open(dir: &Path) -> thuky::store::Store {
    thuky::store::Store::reopen(dir).unwrap_or_else(|e| panic!("{e}"))
}

/// Running the binary: commands that must succeed or be refused, `report --json`.
pub mod cli;
/// Hand-made registers and classifications for the rule tests.
pub mod rules;
/// The terminal UI harness (fixture apps, the key DSL, drawing).
pub mod tmux;
pub mod tui;

/// An audit entry for a record a test writes straight into the store
/// (`Store::commit`), as "tester" now.
pub fn test_audit(summary: &str) -> thuky::domain::audit::AuditEntry {
    thuky::domain::audit::AuditEntry {
        seq: 0,
        at: chrono::Utc::now(),
        user: "tester".into(),
        action: "test".into(),
        org: None,
        year: None,
        summary: summary.into(),
        before: None,
        after: None,
    }
}

/// An entry of a level alone (no score, tallies or decision), as a clerk's
/// single key on the grid makes it.
pub fn level_entry(code: &str, year: i32, level: thuky::domain::Level) -> thuky::service::api::ClassifyInput {
    thuky::service::api::ClassifyInput {
        code: code.into(),
        year,
        level: Some(level),
        score: None,
        members: None,
        decision: None,
        decided: None,
        note: None,
        keep_rest: false,
        base_version: None,
    }
}

/// The service's search for `q` (default limit), as clerk "tester".
pub fn search(s: &mut Service, q: &str) -> thuky::service::api::SearchResults {
    match s
        .call(
            "tester",
            Request::Search {
                query: q.into(),
                limit: None,
            },
        )
        .unwrap()
    {
        Response::Search(r) => r,
        r => panic!("{r:?}"),
    }
}
