//! Issue 10 item 8: connections are capped per user with a clear message,
//! and everyone else is still served.

#[path = "remote_support/mod.rs"]
mod remote_support;

use std::time::{Duration, Instant};
use thuky::service::api::{Request, Role};
use thuky::service::backend::Backend;
use thuky::service::ErrorKind;

#[test]
fn one_user_past_the_cap_is_told_why_and_others_are_still_served() {
    let dir = tempfile::tempdir().unwrap();
    remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start_with(dir.path(), |o| o.max_connections_per_user = 3);
    let owner = remote_support::owner();
    let mut mine: Vec<_> = (0..3).map(|_| server.client(&owner)).collect();
    let e = server.try_client(&owner).err().expect("a fourth connection is refused");
    assert_eq!(e.kind, ErrorKind::Forbidden, "{}", e.en);
    assert!(e.en.contains("3 connections") && e.en.contains("at most 3"), "{}", e.en);
    // The open ones still work, and so does someone else.
    mine[0].call(Request::Status).unwrap();
    remote_support::add_user(&mut mine[0], "vera", Role::Viewer, None);
    let mut vera = server.client("vera");
    vera.call(Request::Status).unwrap();
    // Closing one gives its place back.
    mine.pop();
    let t0 = Instant::now();
    let mut again = loop {
        match server.try_client(&owner) {
            Ok(c) => break c,
            Err(e) if t0.elapsed() < Duration::from_secs(5) => {
                assert_eq!(e.kind, ErrorKind::Forbidden);
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("the place was not given back: {e}"),
        }
    };
    again.call(Request::Status).unwrap();
    server.stop();
}
