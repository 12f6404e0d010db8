//! Issue 10 item 6: one frame must not kill the server. Extreme values sent
//! as every role get an answer or a refusal naming the field, a panic inside
//! one request is that client's error, and random requests and raw frames
//! (seeded, a fixed small budget) never stop the server or write on a refusal.

mod common;
#[path = "remote_support/mod.rs"]
mod remote_support;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thuky::domain::classification::Tallies;
use thuky::domain::rules::RuleSettings;
use thuky::domain::{Level, OrgKind};
use thuky::service::api::{AuditQuery, ClassifyInput, OrgAdd, Request, Response, Role, TargetInput};
use thuky::service::backend::Backend;
use thuky::service::users::Access;
use thuky::service::{ErrorKind, Service};

const ROLES: [&str; 4] = ["adm", "clk", "vw", "nobody"];

fn clerk_in(server: &remote_support::TestServer, scope: &str) -> thuky::remote::Remote {
    let mut admin = server.client(&remote_support::owner());
    remote_support::add_user(&mut admin, "clerk", Role::Clerk, Some(scope));
    server.client("clerk")
}

#[test]
fn a_clerks_frame_with_year_i32_max_is_refused_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start(dir.path());
    let mut c = clerk_in(&server, &units[0]);
    let classify = Request::ClassificationSet(ClassifyInput {
        code: units[0].clone(),
        year: i32::MAX,
        level: Some(Level::Ht),
        score: None,
        members: None,
        decision: None,
        decided: None,
        note: None,
        keep_rest: false,
        base_version: None,
    });
    let e = c.call(classify).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Invalid, Some("year")), "{}", e.en);
    for year in [300_000, -300_000, i32::MIN, 2100] {
        let e = c
            .call(Request::AdmissionSet {
                code: units[0].clone(),
                year,
                month: 1,
                count: 1,
            })
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("year"), "{year}: {}", e.en);
    }
    // Still serving, and a plausible write from the same clerk is taken.
    c.call(Request::AdmissionSet {
        code: units[0].clone(),
        year: 2025,
        month: 1,
        count: 3,
    })
    .unwrap();
    server.stop();
}

#[test]
fn a_panic_inside_one_request_is_that_clients_error_not_the_end_of_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let units = remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start_with(dir.path(), |o| {
        o.before_request = Some(Arc::new(|_user: &str, r: &Request| {
            if matches!(r, Request::Target { .. }) {
                panic!("test hook: this request panics");
            }
        }));
    });
    let mut a = server.client(&remote_support::owner());
    let e = a.call(Request::Target { year: 2025 }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Internal, "{}", e.en);
    assert!(e.en.contains("target") && e.en.contains("goes on"), "{}", e.en);
    // The same client and a new one are served; writes go on.
    a.call(Request::Status).unwrap();
    a.call(Request::AdmissionSet {
        code: units[1].clone(),
        year: 2024,
        month: 2,
        count: 5,
    })
    .unwrap();
    let mut b = server.client(&remote_support::owner());
    let list = remote_support::admissions(&mut b, 2024);
    assert_eq!(list.rows.iter().find(|r| r.code == units[1]).unwrap().months[1], 5);
    server.stop();
}

// ---- seeded fuzz of the service API, as every role

fn pick<T: Copy>(rng: &mut ChaCha8Rng, xs: &[T]) -> T {
    xs[rng.gen_range(0..xs.len())]
}

fn year(rng: &mut ChaCha8Rng) -> i32 {
    match rng.gen_range(0..4) {
        0 => pick(rng, &[i32::MIN, i32::MAX, -1, 0, 262_143, 262_144, 300_000, 2017, 2028, 2100]),
        _ => rng.gen_range(2016..2029),
    }
}

fn date(rng: &mut ChaCha8Rng) -> NaiveDate {
    match rng.gen_range(0..4) {
        0 => pick(rng, &[NaiveDate::MIN, NaiveDate::MAX, common::d(1, 1, 1), common::d(1929, 12, 31)]),
        _ => common::d(rng.gen_range(1990..2028), rng.gen_range(1..13), rng.gen_range(1..29)),
    }
}

fn count(rng: &mut ChaCha8Rng) -> u32 {
    match rng.gen_range(0..3) {
        0 => pick(rng, &[0, 1, u32::MAX, 1_000_001, i32::MAX as u32]),
        _ => rng.gen_range(0..200),
    }
}

fn code(rng: &mut ChaCha8Rng) -> String {
    pick(
        rng,
        &[
            "HN",
            "BD",
            "BD.01",
            "BD.01.01",
            "BD.01.02",
            "BD.01.03",
            "ZZ",
            "",
            " ",
            "bd.01",
            "\u{1b}[2J",
            "A\u{202e}B",
        ],
    )
    .to_string()
}

fn text(rng: &mut ChaCha8Rng) -> String {
    match rng.gen_range(0..8) {
        0 => "\u{200b}\u{200d}".into(),
        1 => "Chi bộ\u{1b}[31m đỏ".into(),
        2 => "\u{202e}1 ốs ưc nâd uhK".into(),
        3 => "x".repeat(rng.gen_range(150..300)),
        4 => String::new(),
        _ => format!("Chi bộ Khu dân cư số {}", rng.gen_range(1..100)),
    }
}

fn opt<T>(rng: &mut ChaCha8Rng, f: impl FnOnce(&mut ChaCha8Rng) -> T) -> Option<T> {
    if rng.gen_bool(0.5) {
        Some(f(rng))
    } else {
        None
    }
}

fn request(rng: &mut ChaCha8Rng, scratch: &std::path::Path) -> Request {
    let base = |rng: &mut ChaCha8Rng| opt(rng, |r| pick(r, &[0u64, 1, 2, u64::MAX]));
    match rng.gen_range(0..27) {
        0 => Request::Status,
        1 => Request::Tree {
            at: date(rng),
            year: opt(rng, year),
        },
        2 => Request::Org {
            code: code(rng),
            at: date(rng),
            year: year(rng),
        },
        3 => Request::ClassificationList {
            year: year(rng),
            under: opt(rng, code),
        },
        4 => Request::ClassificationRows {
            year: year(rng),
            codes: vec![code(rng), code(rng)],
        },
        5 => Request::Report {
            year: year(rng),
            under: opt(rng, code),
        },
        6 => Request::AdmissionList {
            year: year(rng),
            under: opt(rng, code),
        },
        7 => Request::Target { year: year(rng) },
        8 => Request::AuditList(AuditQuery {
            user: opt(rng, text),
            org: opt(rng, code),
            since: opt(rng, date),
            limit: opt(rng, |r| pick(r, &[0, 1, usize::MAX])),
            until: opt(rng, date),
            offset: opt(rng, |r| pick(r, &[0, 1, usize::MAX])),
        }),
        9 => Request::StoreCheck,
        10 => Request::OrgAdd(OrgAdd {
            parent: code(rng),
            kind: pick(
                rng,
                &[OrgKind::City, OrgKind::Superior, OrgKind::GrassrootsCommittee, OrgKind::Cell],
            ),
            name: text(rng),
            code: opt(rng, code),
            members: count(rng),
            at: date(rng),
            founding_ref: opt(rng, text),
            founding_date: opt(rng, date),
        }),
        11 => Request::OrgRename {
            code: code(rng),
            name: text(rng),
            at: date(rng),
            decision: opt(rng, text),
            base_version: base(rng),
        },
        12 => Request::OrgMove {
            code: code(rng),
            parent: code(rng),
            at: date(rng),
            decision: opt(rng, text),
            base_version: base(rng),
        },
        13 => Request::OrgMerge {
            code: code(rng),
            into: code(rng),
            at: date(rng),
            decision: opt(rng, text),
            base_version: base(rng),
            later_counts_include: rng.gen(),
        },
        14 => Request::OrgDissolve {
            code: code(rng),
            at: date(rng),
            decision: opt(rng, text),
            base_version: base(rng),
        },
        15 => Request::OrgSetMembers {
            code: code(rng),
            members: count(rng),
            probationary: None,
            at: date(rng),
            base_version: base(rng),
        },
        16 => Request::OrgSetCode {
            code: code(rng),
            new_code: code(rng),
            base_version: base(rng),
        },
        17 => Request::ClassificationSet(ClassifyInput {
            code: code(rng),
            year: year(rng),
            level: opt(rng, |r| pick(r, &[Level::Htxs, Level::Htt, Level::Ht, Level::Kht])),
            score: opt(rng, |r| pick(r, &[f64::NAN, f64::INFINITY, -1.0, 0.0, 75.0, 95.5, 1e300])),
            members: opt(rng, |r| Tallies {
                htxs: count(r),
                htt: count(r),
                ht: count(r),
                kht: count(r),
                not_rated: count(r),
                not_rated_by: None,
            }),
            decision: opt(rng, text),
            decided: opt(rng, date),
            note: opt(rng, text),
            keep_rest: rng.gen(),
            base_version: base(rng),
        }),
        18 => Request::ClassificationClear {
            code: code(rng),
            year: year(rng),
            base_version: base(rng),
        },
        19 => Request::AdmissionSet {
            code: code(rng),
            year: year(rng),
            month: pick(rng, &[0, 1, 12, 13, u32::MAX]),
            count: count(rng),
        },
        20 => Request::TargetSet(TargetInput {
            year: year(rng),
            plan: opt(rng, count),
            range: opt(rng, |r| (count(r), count(r))),
            org: opt(rng, code),
            allocation: opt(rng, count),
        }),
        21 => Request::SettingsSet(RuleSettings {
            collectives_cap_under_366: rng.gen(),
            members_cap_under_366: rng.gen(),
        }),
        22 => Request::Backup {
            dir: scratch.join(format!("b{}", rng.gen_range(0..3))).display().to_string(),
        },
        23 => Request::BackupRestore {
            dir: pick(rng, &["/nonexistent/thuky", "", "\u{1b}"]).to_string(),
        },
        24 => Request::UserAdd {
            name: pick(rng, &["new", "", "-x", "UPPER", "a\u{1b}b", "clk"]).to_string(),
            role: pick(rng, &[Role::Admin, Role::Clerk, Role::Viewer]),
            scope: opt(rng, code),
        },
        25 => Request::UserSet {
            name: pick(rng, &["new", "clk", "vw", "ghost"]).to_string(),
            role: opt(rng, |r| pick(r, &[Role::Clerk, Role::Viewer])),
            scope: opt(rng, code),
            base_version: base(rng),
        },
        _ => match rng.gen_range(0..3) {
            0 => Request::UserList,
            n => Request::UserRemove {
                name: ["new", "ghost"][n - 1].into(),
            },
        },
    }
}

fn audit_entries(s: &mut Service) -> usize {
    match s.call("adm", Request::Status).unwrap() {
        Response::Status(st) => st.audit_entries,
        r => panic!("{r:?}"),
    }
}

#[test]
fn seeded_random_requests_as_every_role_never_panic_and_never_write_on_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    common::small_register(&mut s);
    for (name, role, scope) in [
        ("adm", Role::Admin, None),
        ("clk", Role::Clerk, Some("BD.01")),
        ("vw", Role::Viewer, None),
    ] {
        s.call(
            "adm",
            Request::UserAdd {
                name: name.into(),
                role,
                scope: scope.map(Into::into),
            },
        )
        .unwrap();
    }
    s.set_access(Access {
        enforce: true,
        owner: Some("adm".into()),
    });
    let mut rng = ChaCha8Rng::seed_from_u64(0x7475_6b79);
    let mut failures = Vec::new();
    let (mut taken, mut refused) = (0, 0);
    // A fixed budget: at most 1,500 requests or 4 s, whichever comes first.
    let t0 = Instant::now();
    for i in 0..1_500 {
        if t0.elapsed() > Duration::from_secs(4) {
            break;
        }
        let user = pick(&mut rng, &ROLES);
        let req = request(&mut rng, scratch.path());
        let shown = format!("#{i} {user} {req:?}");
        let writes = req.meta().writes;
        let before = audit_entries(&mut s);
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.call(user, req))) {
            Err(_) => failures.push(format!("panicked: {shown}")),
            Ok(Err(e)) => {
                refused += 1;
                if e.en.is_empty() || e.vi.is_empty() {
                    failures.push(format!("refused without a message: {shown}"));
                }
                if audit_entries(&mut s) != before {
                    failures.push(format!("refused ({}) but wrote: {shown}", e.en));
                }
                if e.kind == ErrorKind::Internal {
                    failures.push(format!("internal error: {shown}"));
                }
            }
            Ok(Ok(_)) => {
                taken += 1;
                if writes && matches!(user, "vw" | "nobody") {
                    failures.push(format!("a {user} wrote: {shown}"));
                }
            }
        }
        if failures.len() > 20 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("taken {taken}, refused {refused} in {:?}", t0.elapsed());
    assert!(taken > 50 && refused > 50, "taken {taken}, refused {refused}");
    // The store is whole afterwards, and reopens.
    match s.call("adm", Request::StoreCheck).unwrap() {
        Response::StoreCheck(c) => assert!(c.problems.is_empty(), "{:?}", c.problems),
        r => panic!("{r:?}"),
    }
    drop(s);
    Service::open(dir.path()).unwrap();
}

// ---- raw frames

fn frame(s: &mut std::os::unix::net::UnixStream, body: &[u8]) -> std::io::Result<()> {
    s.write_all(&(body.len() as u32).to_be_bytes())?;
    s.write_all(body)
}

fn raw_frame(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let ops = [
        "status",
        "tree",
        "org",
        "classification_set",
        "admission_set",
        "org_add",
        "backup_restore",
        "user_add",
        "audit_list",
        "store_check",
        "nope",
    ];
    match rng.gen_range(0..6) {
        0 => (0..rng.gen_range(0..64)).map(|_| rng.gen()).collect(),
        1 => format!(
            "{{\"id\":{},\"request\":{{\"op\":\"{}\",\"code\":\"BD.01\",\"year\":{},\"month\":{},\"count\":{},\"level\":\"XYZ\",\"at\":\"{}\"}}}}",
            rng.gen::<u64>(),
            pick(rng, &ops),
            pick(rng, &["2147483647", "-1", "1e99", "\"x\"", "null", "2025"]),
            pick(rng, &["13", "-1", "4294967296", "1"]),
            pick(rng, &["4294967295", "-5", "1"]),
            pick(rng, &["+262143-12-31", "0000-00-00", "2025-02-30", "2025-01-01"]),
        )
        .into_bytes(),
        2 => format!("{{\"id\":1,\"request\":{}}}", "[".repeat(rng.gen_range(100..3000))).into_bytes(),
        3 => b"{\"id\":18446744073709551615,\"request\":{\"op\":\"status\"}}".to_vec(),
        4 => format!("{{\"id\":2,\"request\":{{\"op\":\"audit\",\"limit\":{}}}}}", u64::MAX).into_bytes(),
        _ => b"{\"id\":3,\"request\":{\"op\":\"tree\",\"at\":\"2025-01-01\",\"year\":-2147483648}}".to_vec(),
    }
}

#[test]
fn seeded_raw_frames_never_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    remote_support::seed_with(dir.path(), false);
    let server = remote_support::TestServer::start(dir.path());
    let sock = thuky::remote::socket_path(dir.path());
    let mut rng = ChaCha8Rng::seed_from_u64(10);
    let hello = serde_json::to_vec(&thuky::remote::proto::ClientHello::current()).unwrap();
    let t0 = Instant::now();
    for round in 0..40 {
        if t0.elapsed() > Duration::from_secs(4) {
            break;
        }
        server.push_name(&remote_support::owner());
        let mut s = std::os::unix::net::UnixStream::connect(&sock).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        if round % 5 == 0 {
            // A length far beyond the limit, then garbage.
            let _ = s.write_all(&u32::MAX.to_be_bytes());
            let _ = s.write_all(b"xxxx");
        } else {
            frame(&mut s, &hello).unwrap();
            for _ in 0..10 {
                if frame(&mut s, &raw_frame(&mut rng)).is_err() {
                    break;
                }
            }
        }
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut sink = Vec::new();
        let _ = s.read_to_end(&mut sink);
        // Someone else is still served.
        let mut c = server.client(&remote_support::owner());
        c.call(Request::Status).unwrap_or_else(|e| panic!("round {round}: {e}"));
    }
    server.stop();
}
