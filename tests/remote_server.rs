//! The server with several clients in this process: roles and scopes, live
//! updates, conflicts, concurrency, and bad input on the socket.

mod remote_support;

use remote_support::*;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;
use thuky::remote::proto::{self, ClientHello, ServerHello, ServerMsg};
use thuky::remote::socket_path;
use thuky::service::api::{AuditQuery, Request, Response, Role};
use thuky::service::backend::Backend;
use thuky::service::users::owner_of;
use thuky::service::{ErrorKind, Event};

fn admit(code: &str, year: i32, month: u32, count: u32) -> Request {
    Request::AdmissionSet {
        code: code.into(),
        year,
        month,
        count,
    }
}

fn setup() -> (tempfile::TempDir, Vec<String>, TestServer, String) {
    let tmp = tempfile::tempdir().unwrap();
    let units = seed(tmp.path());
    let server = TestServer::start(tmp.path());
    let owner = owner_of(tmp.path()).unwrap();
    (tmp, units, server, owner)
}

#[test]
fn roles_scopes_and_registration() {
    let (_tmp, units, server, owner) = setup();
    // Nobody registered: the data directory's owner is admin.
    let mut admin = server.client(&owner);
    assert_eq!(admin.role(), Some(Role::Admin));
    assert_eq!(admin.user(), owner);

    // An unregistered account is told exactly what to ask for.
    let err = server.try_client("lan").err().expect("unregistered refused");
    assert_eq!(err.kind, ErrorKind::Unregistered);
    assert!(err.en.contains("thuky user add lan --role clerk --scope"), "{}", err.en);
    assert!(err.vi.contains("thuky user add lan --role clerk --scope"), "{}", err.vi);

    add_user(&mut admin, "lan", Role::Clerk, Some("TD1"));
    add_user(&mut admin, "minh", Role::Viewer, None);
    // The owner was registered as admin with the first user, so is not locked out.
    let users = match admin.call(Request::UserList).unwrap() {
        Response::Users(u) => u,
        r => panic!("{r:?}"),
    };
    let names: Vec<(&str, Role)> = users.iter().map(|u| (u.name.as_str(), u.role)).collect();
    assert!(names.contains(&(owner.as_str(), Role::Admin)), "{names:?}");
    assert!(names.contains(&("lan", Role::Clerk)) && names.contains(&("minh", Role::Viewer)));
    // A clerk needs a scope; a bad scope is named.
    let e = admin
        .call(Request::UserAdd {
            name: "hoa".into(),
            role: Role::Clerk,
            scope: None,
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    let e = admin
        .call(Request::UserAdd {
            name: "hoa".into(),
            role: Role::Clerk,
            scope: Some("NOPE".into()),
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    // The last admin cannot be removed or demoted.
    let e = admin.call(Request::UserRemove { name: owner.clone() }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid, "{}", e.en);
    let e = admin
        .call(Request::UserSet {
            name: owner.clone(),
            role: Some(Role::Viewer),
            scope: None,
            base_version: None,
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid, "{}", e.en);

    let mut lan = server.client("lan");
    assert_eq!(lan.role(), Some(Role::Clerk));
    assert_eq!(lan.scope(), Some("TD1"));
    let mut minh = server.client("minh");

    // Reads everywhere.
    for b in [&mut lan as &mut dyn Backend, &mut minh] {
        b.call(Request::Status).unwrap();
        b.call(Request::Org {
            code: units[7].clone(),
            at: d(2024, 1, 1),
            year: 2024,
        })
        .unwrap();
        b.call(Request::UserList).unwrap();
    }
    // A viewer cannot write.
    let e = minh.call(admit(&units[0], 2024, 1, 3)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.en.contains("may only view"), "{}", e.en);
    // A clerk writes inside the scope, not outside.
    assert!(units[0].starts_with("TD1.") && units[7].starts_with("TD4."));
    lan.call(admit(&units[0], 2024, 1, 3)).unwrap();
    lan.call(Request::OrgSetMembers {
        code: "TD1".into(),
        members: 5,
        probationary: None,
        at: d(2024, 2, 1),
        base_version: None,
    })
    .unwrap();
    let e = lan.call(admit(&units[7], 2024, 1, 3)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.en.contains("outside the scope TD1"), "{}", e.en);
    // Moving an organisation of the scope under one outside it is refused too.
    let e = lan
        .call(Request::OrgMove {
            code: units[0].clone(),
            parent: "TD4".into(),
            at: d(2024, 3, 1),
            decision: None,
            base_version: None,
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    // Admin-only requests.
    let e = lan
        .call(Request::UserAdd {
            name: "x".into(),
            role: Role::Viewer,
            scope: None,
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = lan.call(Request::Backup { dir: "/tmp/x".into() }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);

    // Widen lan's scope; the change is audited.
    admin
        .call(Request::UserSet {
            name: "lan".into(),
            role: None,
            scope: Some("TD4".into()),
            base_version: None,
        })
        .unwrap();
    lan.call(admit(&units[7], 2024, 1, 4)).unwrap();
    let audit = match admin
        .call(Request::AuditList(AuditQuery {
            limit: Some(1000),
            ..Default::default()
        }))
        .unwrap()
    {
        Response::AuditList(a) => a,
        r => panic!("{r:?}"),
    };
    let user_actions: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("user."))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(user_actions.iter().filter(|a| **a == "user.add").count(), 2);
    assert_eq!(user_actions.iter().filter(|a| **a == "user.set").count(), 1);
    assert!(audit.iter().any(|e| e.user == "lan" && e.action == "admit.set"));

    // Removing a user: their next connection is refused.
    admin.call(Request::UserRemove { name: "minh".into() }).unwrap();
    assert_eq!(server.try_client("minh").err().unwrap().kind, ErrorKind::Unregistered);
    // ... and requests on a connection opened before are refused as well.
    assert_eq!(minh.call(Request::Status).unwrap_err().kind, ErrorKind::Unregistered);
    server.stop();
}

#[test]
fn live_updates_reach_the_other_clients() {
    let (_tmp, units, server, owner) = setup();
    let mut a = server.client(&owner);
    let mut b = server.client(&owner);
    let mut c = server.client(&owner);
    a.call(admit(&units[2], 2023, 5, 9)).unwrap();
    for other in [&mut b, &mut c] {
        assert!(
            wait_event(other, |e| matches!(e, Event::AdmissionsChanged { year: 2023, .. })),
            "no live update"
        );
    }
    a.call(Request::OrgRename {
        code: units[2].clone(),
        name: "Tên mới".into(),
        at: d(2024, 1, 1),
        decision: None,
        base_version: None,
    })
    .unwrap();
    assert!(wait_event(&mut b, |e| matches!(e, Event::OrgsChanged { .. })));
    // A refused write pushes nothing.
    let _ = b.events();
    a.call(admit("NOPE", 2023, 5, 1)).unwrap_err();
    std::thread::sleep(Duration::from_millis(200));
    assert!(b.events().is_empty());
    server.stop();
}

#[test]
fn version_conflict_names_who_changed_it() {
    let (_tmp, units, server, owner) = setup();
    let mut admin = server.client(&owner);
    add_user(&mut admin, "lan", Role::Clerk, Some("TD1"));
    add_user(&mut admin, "tuan", Role::Clerk, Some("TD1"));
    let mut lan = server.client("lan");
    let mut tuan = server.client("tuan");
    let version = match lan
        .call(Request::Org {
            code: units[0].clone(),
            at: d(2024, 1, 1),
            year: 2024,
        })
        .unwrap()
    {
        Response::Org(o) => o.version,
        r => panic!("{r:?}"),
    };
    tuan.call(Request::OrgRename {
        code: units[0].clone(),
        name: "Tuấn đặt".into(),
        at: d(2024, 1, 1),
        decision: None,
        base_version: Some(version),
    })
    .unwrap();
    let e = lan
        .call(Request::OrgRename {
            code: units[0].clone(),
            name: "Lan đặt".into(),
            at: d(2024, 1, 1),
            decision: None,
            base_version: Some(version),
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.en.contains("tuan") && e.en.contains("Tuấn đặt"), "{}", e.en);
    server.stop();
}

#[test]
fn eight_clients_a_hundred_changes_each() {
    const CLIENTS: usize = 8;
    // Months of 2018..=2026: years after next year are refused as typing slips.
    const CHANGES: usize = 100;
    let (_tmp, units, server, owner) = setup();
    let mut admin = server.client(&owner);
    let names: Vec<String> = (0..CLIENTS).map(|i| format!("clerk{i}")).collect();
    let root = match admin.call(Request::Status).unwrap() {
        Response::Status(_) => {
            let t = match admin
                .call(Request::Tree {
                    at: d(2024, 1, 1),
                    year: None,
                })
                .unwrap()
            {
                Response::Tree(t) => t,
                r => panic!("{r:?}"),
            };
            t.nodes.iter().find(|n| n.parent.is_none()).unwrap().code.clone()
        }
        r => panic!("{r:?}"),
    };
    for n in &names {
        add_user(&mut admin, n, Role::Clerk, Some(&root));
    }
    let clients: Vec<_> = names.iter().map(|n| server.client(n)).collect();
    let units = std::sync::Arc::new(units);
    let u2 = units.clone();
    let cell = move |i: usize, k: usize| {
        (
            u2[(i + k) % UNITS].clone(),
            2018 + (k / 12) as i32,
            (k % 12) as u32 + 1,
            (i * 1000 + k + 1) as u32,
        )
    };
    let handles: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            let cell = cell.clone();
            std::thread::spawn(move || {
                for k in 0..CHANGES {
                    let (code, year, month, count) = cell(i, k);
                    c.call(admit(&code, year, month, count))
                        .unwrap_or_else(|e| panic!("client {i} change {k}: {e}"));
                }
                // Every client saw live updates from the others.
                let events = c.events();
                assert!(events.iter().any(|e| matches!(e, Event::AdmissionsChanged { .. })));
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    // Every change is there ...
    let mut years = std::collections::HashMap::new();
    for i in 0..CLIENTS {
        for k in 0..CHANGES {
            let (code, year, month, count) = cell(i, k);
            let list = years.entry(year).or_insert_with(|| admissions(&mut admin, year));
            let row = list.rows.iter().find(|r| r.code == code).unwrap_or_else(|| panic!("{code} {year}"));
            assert_eq!(row.months[month as usize - 1], count, "{code} {month}/{year}");
        }
    }
    // ... and audited exactly once, under the user who made it.
    let audit = match admin
        .call(Request::AuditList(AuditQuery {
            limit: Some(100_000),
            ..Default::default()
        }))
        .unwrap()
    {
        Response::AuditList(a) => a,
        r => panic!("{r:?}"),
    };
    for n in &names {
        let mine: Vec<_> = audit.iter().filter(|e| &e.user == n && e.action == "admit.set").collect();
        assert_eq!(mine.len(), CHANGES, "{n}");
        let mut seqs: Vec<u64> = mine.iter().map(|e| e.seq).collect();
        seqs.sort();
        seqs.dedup();
        assert_eq!(seqs.len(), CHANGES);
    }
    server.stop();
}

// ---- bad input on the socket

fn raw(server: &TestServer) -> UnixStream {
    let s = UnixStream::connect(socket_path(&server.dir)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

fn hello(s: &mut UnixStream) -> ServerHello {
    proto::write_frame(s, &serde_json::to_vec(&ClientHello::current()).unwrap()).unwrap();
    serde_json::from_slice(&proto::read_frame(s).unwrap().unwrap()).unwrap()
}

/// The connection ends (EOF or reset) within the read timeout.
fn closed(s: &mut UnixStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn bad_frames_are_refused_and_others_keep_working() {
    let (_tmp, units, server, owner) = setup();
    let mut good = server.client(&owner);

    // Not JSON at all, after a good handshake: answered with a protocol error, then closed.
    let mut s = raw_as(&server, &owner);
    assert!(hello(&mut s).ok);
    proto::write_frame(&mut s, b"\xff\xfenot json").unwrap();
    let reply: ServerMsg = serde_json::from_slice(&proto::read_frame(&mut s).unwrap().unwrap()).unwrap();
    match reply {
        ServerMsg::Reply { id: 0, result: Err(e) } => assert_eq!(e.kind, ErrorKind::Protocol),
        other => panic!("{other:?}"),
    }
    assert!(closed(&mut s));

    // A well-formed frame with an unknown request: answered by id, the connection stays.
    let mut s = raw_as(&server, &owner);
    assert!(hello(&mut s).ok);
    proto::write_frame(&mut s, br#"{"id":7,"request":{"op":"launch_rockets"}}"#).unwrap();
    match serde_json::from_slice::<ServerMsg>(&proto::read_frame(&mut s).unwrap().unwrap()).unwrap() {
        ServerMsg::Reply { id: 7, result: Err(e) } => assert_eq!(e.kind, ErrorKind::Protocol),
        other => panic!("{other:?}"),
    }
    proto::write_frame(&mut s, br#"{"id":8,"request":{"op":"status"}}"#).unwrap();
    match serde_json::from_slice::<ServerMsg>(&proto::read_frame(&mut s).unwrap().unwrap()).unwrap() {
        ServerMsg::Reply {
            id: 8,
            result: Ok(Response::Status(_)),
        } => {}
        other => panic!("{other:?}"),
    }

    // An oversized frame (header says 1 GiB): closed without reading it.
    let mut s = raw_as(&server, &owner);
    assert!(hello(&mut s).ok);
    s.write_all(&(1u32 << 30).to_be_bytes()).unwrap();
    let _ = s.write_all(&[b'x'; 1024]); // the server may have closed already
    assert!(closed(&mut s));

    // A frame cut short by a half-close: closed.
    let mut s = raw_as(&server, &owner);
    assert!(hello(&mut s).ok);
    s.write_all(&100u32.to_be_bytes()).unwrap();
    s.write_all(b"{\"id\":1,").unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert!(closed(&mut s));

    // Garbage instead of a handshake: refused.
    let mut s = raw_as(&server, &owner);
    proto::write_frame(&mut s, b"hello?").unwrap();
    let h: ServerHello = serde_json::from_slice(&proto::read_frame(&mut s).unwrap().unwrap()).unwrap();
    assert!(!h.ok);
    assert_eq!(h.error.unwrap().kind, ErrorKind::Protocol);

    // A client from another protocol version gets a clear mismatch.
    let mut s = raw_as(&server, &owner);
    proto::write_frame(&mut s, br#"{"protocol":99,"client_version":"9.9.9"}"#).unwrap();
    let h: ServerHello = serde_json::from_slice(&proto::read_frame(&mut s).unwrap().unwrap()).unwrap();
    assert!(!h.ok);
    let e = h.error.unwrap();
    assert_eq!(e.kind, ErrorKind::Protocol);
    assert!(e.en.contains("9.9.9") && e.en.contains("protocol"), "{}", e.en);

    // A connection that says nothing does not hold anyone up; a client that
    // disconnects in the middle of a request neither.
    let _silent = raw_as(&server, &owner);
    let mut s = raw_as(&server, &owner);
    assert!(hello(&mut s).ok);
    let req = serde_json::to_vec(&thuky::remote::proto::ClientMsg {
        id: 1,
        request: admit(&units[1], 2022, 3, 11),
    })
    .unwrap();
    proto::write_frame(&mut s, &req).unwrap();
    drop(s);

    // The well-behaved client was served throughout.
    good.call(admit(&units[1], 2022, 4, 12)).unwrap();
    let list = admissions(&mut good, 2022);
    let row = list.rows.iter().find(|r| r.code == units[1]).unwrap();
    assert_eq!(row.months[3], 12);
    // The abandoned write was either completed whole or not at all.
    assert!(row.months[2] == 11 || row.months[2] == 0);
    server.stop();
}

fn raw_as(server: &TestServer, user: &str) -> UnixStream {
    server.push_name(user);
    raw(server)
}

/// Once the server is quiet it writes the daily backup on a thread of its
/// own: the clerks' requests are answered meanwhile, and the backup is listed.
#[test]
fn the_daily_backup_is_written_beside_the_writer() {
    let (_dir, codes, server, _) = setup();
    let mut c = server.client(&owner());
    let listed = |c: &mut thuky::remote::Remote| match c.call(Request::BackupList).unwrap() {
        Response::Backups(l) => l.iter().filter(|b| b.reason == "daily").count(),
        r => panic!("{r:?}"),
    };
    assert_eq!(listed(&mut c), 0);
    // Quiet for 5 s, then housekeeping: wait for the backup, answering reads and writes.
    let started = std::time::Instant::now();
    let mut n = 0u32;
    while listed(&mut c) == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "no daily backup after 30 s");
        std::thread::sleep(Duration::from_millis(400));
        n += 1;
        if n == 16 {
            // A write after a quiet moment: it is answered, whatever the backup is doing.
            c.call(admit(&codes[1], 2024, 3, 2)).unwrap();
        }
    }
    assert_eq!(listed(&mut c), 1);
    c.call(admit(&codes[1], 2024, 4, 1)).unwrap();
    server.stop();
}
