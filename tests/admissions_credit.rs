//! Who gets credit for a month: a mid-year reorganisation (an organisation
//! moved and its old committee dissolved) with admissions before and after,
//! checked per committee; allocations for committees of part of the year; the
//! hanoi-like 2025 case (districts dissolved on 1/7).

mod admissions_support;
mod common;
use admissions_support::*;
use common::*;
use thuky::service::api::{Request, Response, TargetInput};
use thuky::service::Service;

#[test]
fn a_reorganisation_splits_the_year_between_old_and_new_committee() {
    let (_dir, mut s) = reorganised();
    // Before the move (under BD), after it (under PBD), a cell of BD.01 in
    // May, BD's own count in June, and TH all year.
    admit(&mut s, "BD.01", 2025, 2, 5).unwrap();
    admit(&mut s, "BD.01", 2025, 9, 7).unwrap();
    admit(&mut s, "BD.01.01", 2025, 5, 2).unwrap();
    admit(&mut s, "BD", 2025, 6, 3).unwrap();
    admit(&mut s, "TH.01", 2025, 3, 4).unwrap();
    admit(&mut s, "TH.01", 2025, 11, 1).unwrap();
    let a = summary(&mut s, 2025, None);
    assert_eq!(a.total, 22);
    let row = |c: &str| a.by_committee.iter().find(|r| r.code == c).unwrap_or_else(|| panic!("{c}"));
    assert_eq!(row("BD").total, 10);
    assert_eq!(row("BD").by_month, [0, 5, 0, 0, 2, 3, 0, 0, 0, 0, 0, 0]);
    assert_eq!(row("PBD").total, 7);
    assert_eq!(row("PBD").by_month[8], 7);
    assert_eq!(row("TH").total, 5);
    assert_eq!(a.by_committee.iter().map(|r| r.total).sum::<u64>(), a.total);
    // The ward's own report holds only its months.
    assert_eq!(summary(&mut s, 2025, Some("PBD")).total, 7);
    // 2024 is untouched: everything under BD and TH as the tree stood.
    admit(&mut s, "BD.01", 2024, 12, 9).unwrap();
    let a24 = summary(&mut s, 2024, None);
    assert_eq!(a24.by_committee.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["BD", "TH"]);
}

#[test]
fn allocations_for_committees_of_part_of_the_year() {
    let (_dir, mut s) = reorganised();
    s.call(
        "t",
        Request::TargetSet(TargetInput {
            year: 2025,
            plan: Some(20),
            range: Some((15, 25)),
            org: None,
            allocation: None,
        }),
    )
    .unwrap();
    // BD stood until 30/6/2025: its allocation is accepted (it was refused before).
    allocate(&mut s, 2025, "BD", 8).unwrap();
    allocate(&mut s, 2025, "PBD", 6).unwrap();
    let Response::Done(done) = allocate(&mut s, 2025, "TH", 5).unwrap() else {
        panic!()
    };
    assert!(
        done.summary_en
            .contains("Warning: the allocations add up to 19, 1 less than the plan of 20"),
        "{}",
        done.summary_en
    );
    assert!(
        done.summary_vi.contains("tổng phân bổ 19 ít hơn kế hoạch 20 là 1"),
        "{}",
        done.summary_vi
    );
    // Never directly subordinate in that year: refused, nothing written.
    let before = audit_len(&mut s);
    let e = allocate(&mut s, 2026, "BD", 3).unwrap_err();
    assert!(
        e.message(thuky::domain::Lang::En)
            .contains("was not directly under the city committee in any month of 2026"),
        "{e}"
    );
    let e = allocate(&mut s, 2025, "BD.01", 3).unwrap_err();
    assert!(e.message(thuky::domain::Lang::En).contains("org = 'BD.01'"), "{e}");
    let e = allocate(&mut s, 2024, "PBD", 3).unwrap_err();
    assert!(e.message(thuky::domain::Lang::En).contains("2024"), "{e}");
    assert_eq!(audit_len(&mut s), before);
    // Each committee against its allocation for its months.
    admit(&mut s, "BD.01", 2025, 3, 8).unwrap();
    admit(&mut s, "BD.01", 2025, 8, 2).unwrap();
    let a = summary(&mut s, 2025, None);
    let row = |c: &str| a.by_committee.iter().find(|r| r.code == c).unwrap().clone();
    assert_eq!(
        (row("BD").total, row("BD").allocation, row("BD").pct_of_allocation),
        (8, Some(8), Some(100.0))
    );
    assert_eq!(row("BD").months, std::array::from_fn(|m| m < 6));
    assert_eq!(row("PBD").months, std::array::from_fn(|m| m >= 6));
    assert_eq!((row("PBD").total, row("PBD").pct_of_allocation), (2, Some(33.3)));
    assert_eq!(a.allocations_total, 19);
    assert_eq!(a.allocations_minus_plan, Some(-1));
    assert_eq!(a.within_range, Some(false));
    // The targets list every committee of the year with its months.
    let Response::Target(t) = s.call("t", Request::Target { year: 2025 }).unwrap() else {
        panic!()
    };
    let lines: Vec<(&str, Option<u32>)> = t.lines.iter().map(|l| (l.code.as_str(), l.allocation)).collect();
    assert_eq!(lines, [("BD", Some(8)), ("PBD", Some(6)), ("TH", Some(5))]);
    assert_eq!(t.allocations_minus_plan, Some(-1));
}

#[test]
fn counts_for_months_an_organisation_did_not_exist_are_refused() {
    let (_dir, mut s) = reorganised();
    let before = audit_len(&mut s);
    let e = admit(&mut s, "PBD", 2025, 6, 1).unwrap_err();
    assert!(e.message(thuky::domain::Lang::En).contains("did not exist in 6/2025"), "{e}");
    let e = admit(&mut s, "BD", 2025, 7, 1).unwrap_err();
    assert!(e.message(thuky::domain::Lang::En).contains("did not exist in 7/2025"), "{e}");
    assert_eq!(audit_len(&mut s), before);
}

/// The Hanoi demo of 2025: districts credited January-June, wards and
/// communes July-December, every row adding up to the total.
#[test]
fn hanoi_2025_committees_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    s.call(
        "demo",
        Request::DemoLoad {
            scale: thuky::demo::Scale::Hanoi,
            seed: 1,
            replace: false,
        },
    )
    .unwrap();
    let a = summary(&mut s, 2025, None);
    assert_eq!(a.by_committee.iter().map(|r| r.total).sum::<u64>(), a.total);
    let districts: Vec<_> = a
        .by_committee
        .iter()
        .filter(|r| ["Quận ủy", "Huyện ủy", "Thị ủy"].iter().any(|p| r.name.starts_with(p)))
        .collect();
    assert_eq!(districts.len(), 30, "{:?}", districts.iter().map(|r| &r.code).collect::<Vec<_>>());
    for r in &districts {
        assert!(
            r.total > 0 && r.by_month[6..].iter().all(|n| *n == 0),
            "{} {:?}",
            r.code,
            r.by_month
        );
        assert!(r.allocation.is_some_and(|x| x > 0), "{}", r.code);
    }
    let wards: Vec<_> = a
        .by_committee
        .iter()
        .filter(|r| {
            ["Đảng ủy phường", "Đảng ủy xã", "Đảng bộ phường", "Đảng bộ xã"]
                .iter()
                .any(|p| r.name.starts_with(p))
        })
        .collect();
    assert!(wards.len() >= 120);
    for r in &wards {
        assert!(r.by_month[..6].iter().all(|n| *n == 0), "{} {:?}", r.code, r.by_month);
    }
    assert_eq!(a.allocations_minus_plan, Some(0));
}
