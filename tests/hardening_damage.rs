//! Issue 10 item 3: a damaged store is noticed, not served; automatic backups.

mod common;

use common::*;
use std::path::Path;
use thuky::service::api::{Request, Response};
use thuky::service::Service;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
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

#[test]
fn a_store_older_than_what_was_acknowledged_is_refused_naming_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let live = thuky::service::store_dir(dir.path());
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    drop(s);
    let older = dir.path().join("older-copy");
    copy_dir(&live, &older);
    let mut s = Service::open(dir.path()).unwrap();
    for n in 0..5 {
        set_members(&mut s, "BD.01.01", 30 + n);
    }
    drop(s);
    {
        let store = thuky::store::Store::open(&live).unwrap();
        thuky::store::autobackup::write(&store, "daily").unwrap();
    }
    // The store's files replaced by the older copy (as a damaged file system or a careless copy would).
    std::fs::remove_dir_all(&live).unwrap();
    std::fs::rename(&older, &live).unwrap();
    let e = Service::open(dir.path()).err().expect("refused");
    assert!(e.en.contains("damaged or older than what was acknowledged"), "{}", e.en);
    assert!(e.en.contains("thuky restore") && e.en.contains("-daily"), "{}", e.en);
    // Restoring the named backup brings the acknowledged state back.
    std::fs::remove_file(thuky::store::ack::path(&live)).unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    let newest = thuky::store::autobackup::newest(&live).unwrap();
    s.call(
        "tester",
        Request::BackupRestore {
            dir: newest.display().to_string(),
        },
    )
    .unwrap();
    match s
        .call(
            "tester",
            Request::Org {
                code: "BD.01.01".into(),
                at: d(2025, 7, 1),
                year: 2025,
            },
        )
        .unwrap()
    {
        Response::Org(o) => assert_eq!(o.members, 34),
        r => panic!("{r:?}"),
    }
}

#[test]
fn a_store_whose_file_was_cut_or_zeroed_is_not_served_as_if_whole() {
    for damage in ["truncate to half", "zeros", "cut the tail"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Service::open(dir.path()).unwrap();
        s.call(
            "tester",
            Request::DemoLoad {
                scale: thuky::demo::Scale::Small,
                seed: 1,
                replace: false,
            },
        )
        .unwrap();
        drop(s);
        let db = thuky::service::store_dir(dir.path()).join("db");
        let len = std::fs::metadata(&db).unwrap().len();
        let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        match damage {
            "truncate to half" => f.set_len(len / 2).unwrap(),
            "zeros" => {
                use std::os::unix::fs::FileExt;
                f.write_all_at(&[0u8; 4096], len / 2).unwrap();
            }
            _ => f.set_len(len - 100).unwrap(),
        }
        drop(f);
        let opened = std::panic::catch_unwind(|| Service::open(dir.path()));
        match opened {
            Ok(Ok(mut s)) => {
                // Served only if nothing acknowledged is missing and it checks clean.
                let status = match s.call("tester", Request::Status).unwrap() {
                    Response::Status(st) => st,
                    r => panic!("{r:?}"),
                };
                assert!(status.audit_entries >= 2, "{damage}: {status:?}");
                match s.call("tester", Request::StoreCheck).unwrap() {
                    Response::StoreCheck(c) => assert!(c.problems.is_empty(), "{damage}: served with problems {:?}", c.problems),
                    r => panic!("{r:?}"),
                }
            }
            Ok(Err(e)) => {
                eprintln!("{damage}: refused: {}", e.en);
                assert!(!e.en.is_empty(), "{damage}");
            }
            Err(_) => panic!("{damage}: opening panicked"),
        }
    }
}

#[test]
fn a_restore_leaves_an_automatic_backup_listed_by_backup_list() {
    let dir = tempfile::tempdir().unwrap();
    let bk = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::Backup {
            dir: bk.path().display().to_string(),
        },
    )
    .unwrap();
    s.call(
        "tester",
        Request::BackupRestore {
            dir: bk.path().display().to_string(),
        },
    )
    .unwrap();
    let list = match s.call("tester", Request::BackupList).unwrap() {
        Response::Backups(l) => l,
        r => panic!("{r:?}"),
    };
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].reason, "before-restore");
    assert!(list[0].records.unwrap() > 5 && list[0].created.is_some(), "{list:?}");
    drop(s);
    let out = thuky(dir.path(), &["--lang", "en", "backup", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("before-restore"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_daily_backup_is_written_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.daily_backup();
    s.daily_backup();
    let list = match s.call("tester", Request::BackupList).unwrap() {
        Response::Backups(l) => l,
        r => panic!("{r:?}"),
    };
    assert_eq!(list.iter().filter(|b| b.reason == "daily").count(), 1, "{list:?}");
}

/// The server writes its daily backup beside the writer; a commit landing
/// while the backup is read could leave it holding half of that commit, so
/// such a backup is dropped (and tried again later), never listed.
#[test]
fn a_backup_that_a_commit_overlapped_is_dropped() {
    use thuky::store::{autobackup, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    drop(s);
    let store = Store::reopen(&thuky::service::store_dir(dir.path())).unwrap();
    let committed = std::cell::Cell::new(false);
    let commit_once = || {
        if !committed.replace(true) {
            let mut audit = common::test_audit("a write while the backup is read");
            store.commit(&[], &mut audit).unwrap();
        }
        false
    };
    assert!(autobackup::write_unless_changed(&store, "daily", &commit_once).unwrap().is_none());
    assert!(autobackup::list(store.path()).is_empty(), "the overlapped backup is removed");
    let backups = autobackup::dir(store.path());
    let left: Vec<_> = std::fs::read_dir(&backups).map(|d| d.flatten().collect()).unwrap_or_default();
    assert!(left.is_empty(), "nothing is left of it: {left:?}");
    // Undisturbed, the same backup is written and listed.
    let info = autobackup::write_unless_changed(&store, "daily", &|| false)
        .unwrap()
        .expect("written");
    assert!(info.records > 0);
    assert_eq!(autobackup::list(store.path()).len(), 1);
    // A stopping server abandons it, leaving nothing.
    assert!(autobackup::write_unless_changed(&store, "daily", &|| true).unwrap().is_none());
    assert_eq!(autobackup::list(store.path()).len(), 1);
}
