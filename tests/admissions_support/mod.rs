//! Helpers shared by the admissions tests: a register with a mid-year reorganisation.
#![allow(dead_code)]

use super::common::*;
use thuky::domain::admissions_view::AdmissionSummary;
use thuky::domain::OrgKind;
use thuky::service::api::{OrgAdd, Request, Response, TargetInput};
use thuky::service::Service;

pub fn add(s: &mut Service, parent: &str, kind: OrgKind, name: &str, code: &str, at: chrono::NaiveDate) {
    s.call(
        "t",
        Request::OrgAdd(OrgAdd {
            parent: parent.into(),
            kind,
            name: name.into(),
            code: Some(code.into()),
            members: 40,
            at,
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap_or_else(|e| panic!("add {code}: {e}"));
}

pub fn admit(s: &mut Service, code: &str, year: i32, month: u32, count: u32) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        "t",
        Request::AdmissionSet {
            code: code.into(),
            year,
            month,
            count,
        },
    )
}

pub fn allocate(s: &mut Service, year: i32, code: &str, n: u32) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        "t",
        Request::TargetSet(TargetInput {
            year,
            plan: None,
            range: None,
            org: Some(code.into()),
            allocation: Some(n),
        }),
    )
}

pub fn summary(s: &mut Service, year: i32, under: Option<&str>) -> AdmissionSummary {
    match s
        .call(
            "t",
            Request::Report {
                year,
                under: under.map(Into::into),
            },
        )
        .unwrap()
    {
        Response::Report(r) => r.report.admissions,
        other => panic!("{other:?}"),
    }
}

/// HN → BD (district, dissolved 1/7/2025) → BD.01 (moved to the ward PBD on
/// 1/7/2025); HN → TH (district all year) → TH.01; PBD founded 1/7/2025.
pub fn reorganised() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    add(&mut s, "HN", OrgKind::Superior, "Huyện ủy Thạch Thất", "TH", d(2000, 1, 1));
    add(&mut s, "TH", OrgKind::GrassrootsCell, "Chi bộ Thôn Đông", "TH.01", d(2000, 1, 1));
    add(&mut s, "HN", OrgKind::Superior, "Đảng ủy phường Ba Đình", "PBD", d(2025, 7, 1));
    s.call(
        "t",
        Request::OrgMove {
            code: "BD.01".into(),
            parent: "PBD".into(),
            at: d(2025, 7, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    s.call(
        "t",
        Request::OrgDissolve {
            code: "BD".into(),
            at: d(2025, 7, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    (dir, s)
}
