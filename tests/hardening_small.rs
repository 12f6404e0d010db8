//! Issue 10 item 11, the smaller ones.

mod common;
#[path = "remote_support/mod.rs"]
mod remote_support;

use std::io::{Read, Write};
use std::time::Duration;
use thuky::service::api::{AuditQuery, Request};
use thuky::service::{ErrorKind, Service};

fn write_frame(s: &mut std::os::unix::net::UnixStream, body: &[u8]) {
    s.write_all(&(body.len() as u32).to_be_bytes()).unwrap();
    s.write_all(body).unwrap();
}

fn read_frame(s: &mut std::os::unix::net::UnixStream) -> Option<serde_json::Value> {
    let mut len = [0u8; 4];
    s.read_exact(&mut len).ok()?;
    let mut body = vec![0u8; u32::from_be_bytes(len) as usize];
    s.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).unwrap())
}

#[test]
fn a_client_that_half_closes_after_sending_still_gets_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start(dir.path());
    server.push_name(&remote_support::owner());
    let mut s = std::os::unix::net::UnixStream::connect(thuky::remote::socket_path(dir.path())).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write_frame(&mut s, &serde_json::to_vec(&thuky::remote::proto::ClientHello::current()).unwrap());
    assert_eq!(read_frame(&mut s).unwrap()["ok"], true);
    let msg = serde_json::json!({"id": 7, "request": {"op": "admission_set", "code": units[0], "year": 2025, "month": 3, "count": 4}});
    write_frame(&mut s, msg.to_string().as_bytes());
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let reply = std::iter::from_fn(|| read_frame(&mut s))
        .find(|f| f.get("reply").is_some())
        .expect("an answer before the server closes");
    assert_eq!(reply["reply"]["id"], 7);
    assert!(reply["reply"]["result"].get("Ok").is_some(), "{reply}");
    server.stop();
}

#[test]
fn an_audit_limit_beyond_what_one_answer_holds_is_refused_not_cut_silently() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    let e = s
        .call(
            "tester",
            Request::AuditList(AuditQuery {
                limit: Some(100_001),
                ..Default::default()
            }),
        )
        .unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Invalid, Some("limit")), "{}", e.en);
    assert!(e.en.contains("100,000"), "{}", e.en);
    s.call(
        "tester",
        Request::AuditList(AuditQuery {
            limit: Some(100_000),
            ..Default::default()
        }),
    )
    .unwrap();
}

#[test]
fn a_bad_backup_is_reported_as_the_backups_problem_not_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bk = tempfile::tempdir().unwrap();
    std::fs::write(bk.path().join("thuky-backup.jsonl"), "not a backup\n").unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    let e = s
        .call(
            "tester",
            Request::BackupRestore {
                dir: bk.path().display().to_string(),
            },
        )
        .unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Invalid, Some("dir")), "{}", e.en);
    assert!(!e.en.contains("storage error") && e.en.contains("cannot be used"), "{}", e.en);
}

#[test]
fn a_normal_cli_exit_is_not_logged_as_a_bad_frame() {
    let dir = tempfile::tempdir().unwrap();
    remote_support::seed_with(dir.path(), false);
    for _ in 0..3 {
        let out = common::thuky(dir.path(), &["status"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let log_path = thuky::remote::log_path(dir.path());
    let t0 = std::time::Instant::now();
    let log = loop {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        if log.matches("client gone").count() >= 3 || t0.elapsed() > Duration::from_secs(5) {
            break log;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(log.matches("client gone").count() >= 3, "{log}");
    assert!(!log.contains("bad frame") && !log.contains("WARN"), "{log}");
}
