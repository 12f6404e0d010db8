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
            assert!(!matches!(r, Request::Check), "check ran on the writer thread");
        }));
    });
    let mut admin = server.client(&remote_support::owner());
    remote_support::add_user(&mut admin, "vera", Role::Viewer, None);
    let mut vera = server.client("vera");
    for k in 0..5u32 {
        admin
            .call(Request::AdmitSet {
                code: units[0].clone(),
                year: 2025,
                month: k + 1,
                count: k,
            })
            .unwrap();
        match vera.call(Request::Check).unwrap() {
            Response::Check(c) => {
                assert!(c.problems.is_empty(), "{:?}", c.problems);
                assert!(c.records > 10);
            }
            r => panic!("{r:?}"),
        }
    }
    server.stop();
}
