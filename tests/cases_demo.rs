//! The demo data's cases: most concluded, some overdue, every kind, and a
//! few disciplines that the classification checks find (each naming a
//! concluded case with a discipline that took effect that year).

mod common;
use chrono::Datelike;
use common::*;
use std::collections::BTreeSet;
use thuky::domain::case::CaseStatus;
use thuky::domain::rules::{Detail, Rule};
use thuky::service::api::*;

#[test]
fn demo_cases_are_realistic_and_plant_a_few_findings() {
    let (_dir, mut s) = small_demo();
    let Response::Cases(all) = s
        .call(
            "t",
            Request::CaseList(CaseQuery {
                limit: Some(10_000),
                ..Default::default()
            }),
        )
        .unwrap()
    else {
        panic!()
    };
    assert!(all.total > 100, "{}", all.total);
    assert!(all.counts.concluded * 10 > all.total * 8, "{:?}", all.counts);
    assert!(all.counts.overdue > 0, "{:?}", all.counts);
    let kinds: BTreeSet<_> = all.rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    let years: BTreeSet<i32> = all.rows.iter().map(|r| r.opened.year()).collect();
    assert!(years.contains(&2019) && years.contains(&2026), "{years:?}");
    let mut found = 0;
    for year in [2023, 2024, 2025] {
        let Response::Report(r) = s.call("t", Request::Report { year, under: None }).unwrap() else {
            panic!()
        };
        for f in r.report.findings.iter().filter(|f| f.rule == Rule::Discipline) {
            found += 1;
            let Detail::Discipline(d) = &f.detail else { panic!() };
            for id in d.cases() {
                let Response::Case(c) = s.call("t", Request::CaseShow { id: *id }).unwrap() else {
                    panic!()
                };
                assert_eq!(c.case.status, CaseStatus::Concluded);
                assert_eq!(c.case.discipline.as_ref().unwrap().effective.year(), year);
            }
        }
    }
    assert!((1..=30).contains(&found), "a few findings, not {found}");
}
