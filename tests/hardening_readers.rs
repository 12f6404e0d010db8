//! Issue 10 item 9: `check` runs off the single writer, so a viewer running
//! it in a loop cannot stall everyone's writes.

#[path = "remote_support/mod.rs"]
mod remote_support;

use std::sync::Arc;
use thuky::service::api::{Request, Response, Role};
use thuky::service::backend::Backend;

#[test]
fn check_never_reaches_the_writer_thread_and_still_answers_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    // The hook runs on the writer thread before each request it handles.
    let server = remote_support::TestServer::start_with(dir.path(), |o| {
        o.before_request = Some(Arc::new(|_user: &str, r: &Request| {
            assert!(!matches!(r, Request::StoreCheck), "check ran on the writer thread");
        }));
    });
    let mut admin = server.client(&remote_support::owner());
    remote_support::add_user(&mut admin, "vera", Role::Viewer, None);
    let mut vera = server.client("vera");
    for k in 0..5u32 {
        admin
            .call(Request::AdmissionSet {
                code: units[0].clone(),
                year: 2025,
                month: k + 1,
                count: k,
            })
            .unwrap();
        match vera.call(Request::StoreCheck).unwrap() {
            Response::StoreCheck(c) => {
                assert!(c.problems.is_empty(), "{:?}", c.problems);
                assert!(c.records > 10);
            }
            r => panic!("{r:?}"),
        }
    }
    server.stop();
}

/// The largest read, a year's whole classification list, is computed off the
/// writer from a snapshot of the year; what it shows is what was acknowledged
/// before it was asked (read after write).
#[test]
fn the_whole_year_list_never_reaches_the_writer_and_shows_each_acknowledged_write() {
    use thuky::domain::Level;
    use thuky::service::api::ClassifyInput;
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start_with(dir.path(), |o| {
        o.before_request = Some(Arc::new(|_user: &str, r: &Request| {
            assert!(
                !matches!(r, Request::ClassificationList { under: None, .. }),
                "the year's list ran on the writer thread"
            );
        }));
    });
    let mut admin = server.client(&remote_support::owner());
    let levels = [Level::Htxs, Level::Htt, Level::Ht, Level::Kht];
    for (k, level) in levels.iter().enumerate() {
        admin
            .call(Request::ClassificationSet(ClassifyInput {
                code: units[k].clone(),
                year: 2024,
                level: Some(*level),
                score: None,
                members: None,
                decision: None,
                decided: None,
                note: None,
                keep_rest: false,
                base_version: None,
            }))
            .unwrap();
        let list = match admin.call(Request::ClassificationList { year: 2024, under: None }).unwrap() {
            Response::ClassificationList(l) => l,
            r => panic!("{r:?}"),
        };
        let rated: Vec<_> = list
            .rows
            .iter()
            .filter_map(|r| r.class.as_ref().map(|c| (r.code.clone(), c.level)))
            .collect();
        assert_eq!(rated.len(), k + 1, "{rated:?}");
        assert!(rated.contains(&(units[k].clone(), *level)), "{rated:?}");
        let footer = list.footer.expect("the scope's footer");
        assert_eq!(footer.findings, list.findings.len());
    }
    // A scope that does not exist is refused as before (by the writer, which
    // gives every refusal).
    let e = admin
        .call(Request::ClassificationList {
            year: 2024,
            under: Some("NOPE".into()),
        })
        .unwrap_err();
    assert!(e.to_string().contains("NOPE"), "{e}");
    server.stop();
}

/// A snapshot taken for a read off the writer keeps the year as it was when
/// the read was asked; a write meanwhile changes only the writer's copy, and
/// the next read sees it.
#[test]
fn a_snapshot_held_by_a_read_is_not_changed_by_a_later_write() {
    use thuky::domain::Level;
    use thuky::service::api::ClassifyInput;
    use thuky::service::Service;
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    let mut s = Service::open(dir.path()).unwrap();
    let owner = remote_support::owner();
    let ask = Request::ClassificationList { year: 2024, under: None };
    let rated = |r: Response| match r {
        Response::ClassificationList(l) => l.rows.iter().filter(|r| r.class.is_some()).count(),
        r => panic!("{r:?}"),
    };
    let held = s.offload(&owner, &ask).expect("the year's list runs off the writer");
    s.call(
        &owner,
        Request::ClassificationSet(ClassifyInput {
            code: units[0].clone(),
            year: 2024,
            level: Some(Level::Htt),
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
    assert_eq!(rated(held.run().unwrap()), 0, "the held snapshot changed under its reader");
    let fresh = s.offload(&owner, &ask).unwrap();
    assert_eq!(rated(fresh.run().unwrap()), 1);
    assert_eq!(rated(s.call(&owner, ask).unwrap()), 1);
}
