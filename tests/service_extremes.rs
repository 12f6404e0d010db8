//! Requests with extreme values (the server takes them from any client, not
//! only from thuky's own CLI, which checks its arguments first): the service
//! answers or refuses with the field named, never panics, and a refusal
//! writes nothing.

mod common;
use chrono::NaiveDate;
use common::*;
use thuky::domain::classification::Tallies;
use thuky::domain::{Level, OrgKind};
use thuky::service::api::{AuditQuery, ClassifyInput, OrgAdd, Request, TargetInput};
use thuky::service::Service;

const YEARS: [i32; 7] = [i32::MIN, -1, 0, 1899, 2017, 9999, i32::MAX];

fn dates() -> [NaiveDate; 4] {
    [NaiveDate::MIN, NaiveDate::MAX, d(1, 1, 1), d(9999, 12, 31)]
}

/// An entry for BD.01.01 (no decision, no note).
fn entry(year: i32, level: Option<Level>, score: Option<f64>, members: Option<Tallies>, decided: Option<NaiveDate>) -> ClassifyInput {
    ClassifyInput {
        code: "BD.01.01".into(),
        year,
        level,
        score,
        members,
        decision: None,
        decided,
        note: None,
        keep_rest: false,
        base_version: None,
    }
}

fn requests() -> Vec<Request> {
    let mut out = Vec::new();
    for year in YEARS {
        out.push(Request::ClassificationList { year, under: None });
        out.push(Request::ClassificationRows {
            year,
            codes: vec!["BD.01".into()],
        });
        out.push(Request::Report { year, under: None });
        out.push(Request::AdmissionList { year, under: None });
        out.push(Request::Target { year });
        out.push(Request::Org {
            code: "BD.01".into(),
            at: d(2024, 1, 1),
            year,
        });
        out.push(Request::Tree {
            at: d(2024, 1, 1),
            year: Some(year),
        });
        out.push(Request::ClassificationSet(entry(year, Some(Level::Htt), None, None, None)));
        out.push(Request::ClassificationClear {
            code: "BD.01.01".into(),
            year,
            base_version: None,
        });
        for month in [0, 1, 13, u32::MAX] {
            out.push(Request::AdmissionSet {
                code: "BD.01".into(),
                year,
                month,
                count: u32::MAX,
            });
        }
        out.push(Request::TargetSet(TargetInput {
            year,
            plan: Some(u32::MAX),
            range: Some((u32::MAX, 0)),
            org: None,
            allocation: None,
        }));
    }
    for at in dates() {
        out.push(Request::Tree { at, year: None });
        out.push(Request::Org {
            code: "BD.01".into(),
            at,
            year: 2024,
        });
        out.push(Request::AuditList(AuditQuery {
            since: Some(at),
            limit: Some(usize::MAX),
            ..Default::default()
        }));
        out.push(Request::OrgAdd(OrgAdd {
            parent: "BD.01".into(),
            kind: OrgKind::Cell,
            name: "Chi bộ Khu dân cư số 3".into(),
            code: None,
            members: u32::MAX,
            at,
            founding_ref: None,
            founding_date: Some(at),
        }));
        out.push(Request::OrgRename {
            code: "BD.01.01".into(),
            name: "Chi bộ Khu dân cư số 1A".into(),
            at,
            decision: None,
            base_version: None,
        });
        out.push(Request::OrgMove {
            code: "BD.01.01".into(),
            parent: "BD".into(),
            at,
            decision: None,
            base_version: None,
        });
        out.push(Request::OrgMerge {
            code: "BD.01.01".into(),
            into: "BD.01.02".into(),
            at,
            decision: None,
            base_version: None,
            later_counts_include: false,
        });
        out.push(Request::OrgDissolve {
            code: "BD.01.02".into(),
            at,
            decision: None,
            base_version: None,
        });
        out.push(Request::OrgSetMembers {
            code: "BD.01.02".into(),
            members: u32::MAX,
            probationary: None,
            at,
            base_version: None,
        });
        out.push(Request::ClassificationSet(ClassifyInput {
            decision: Some("1-QĐ/ĐU".into()),
            ..entry(2024, Some(Level::Htt), None, None, Some(at))
        }));
    }
    for score in [f64::NAN, f64::INFINITY, -0.5, 100.5, 1e300] {
        out.push(Request::ClassificationSet(entry(2025, None, Some(score), None, None)));
    }
    out.push(Request::ClassificationSet(entry(
        2024,
        Some(Level::Htt),
        None,
        Some(Tallies {
            htxs: u32::MAX,
            htt: u32::MAX,
            ht: u32::MAX,
            kht: u32::MAX,
            not_rated: u32::MAX,
            not_rated_by: None,
        }),
        None,
    )));
    out
}

#[test]
fn extreme_values_are_answered_or_refused_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let mut failures = Vec::new();
    for req in requests() {
        let shown = format!("{req:?}");
        let before = audit_len(&mut s);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.call("tester", req)));
        match caught {
            Err(_) => failures.push(format!("panicked on {shown}")),
            Ok(Err(e)) => {
                if e.en.is_empty() || e.vi.is_empty() || e.field.is_none() {
                    failures.push(format!("{shown}: refused without a field or message: {e:?}"));
                }
                if audit_len(&mut s) != before {
                    failures.push(format!("{shown} was refused ({}) but wrote", e.en));
                }
            }
            Ok(Ok(_)) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn refused_field(s: &mut Service, req: Request) -> String {
    let before = audit_len(s);
    let e = s.call("tester", req).expect_err("refused");
    assert_eq!(audit_len(s), before, "{} but wrote", e.en);
    e.field.unwrap_or_default()
}

#[test]
fn a_typing_slip_in_a_date_or_a_count_is_refused_with_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let add = |at, founding_date, members| {
        Request::OrgAdd(OrgAdd {
            parent: "BD.01".into(),
            kind: OrgKind::Cell,
            name: "Chi bộ Khu dân cư số 3".into(),
            code: None,
            members,
            at,
            founding_ref: None,
            founding_date,
        })
    };
    // 2205 for 2025.
    assert_eq!(refused_field(&mut s, add(d(2205, 1, 1), None, 20)), "at");
    assert_eq!(refused_field(&mut s, add(d(2025, 1, 1), Some(d(1025, 1, 1)), 20)), "founding_date");
    assert_eq!(refused_field(&mut s, add(d(2025, 1, 1), None, 2_000_000)), "members");
    let rename = Request::OrgRename {
        code: "BD.01.01".into(),
        name: "Chi bộ Khu dân cư số 1A".into(),
        at: d(1929, 12, 31),
        decision: None,
        base_version: None,
    };
    assert_eq!(refused_field(&mut s, rename), "at");
    // The same with plausible values is taken.
    s.call("tester", add(d(2025, 1, 1), Some(d(2024, 12, 20)), 20)).unwrap();
}
