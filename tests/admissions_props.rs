//! Property: whatever moves happen during the year, each month's count is
//! credited to the committee the tree of that month's 15th puts the
//! organisation under, and the committee rows add up to the year's total.

use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use thuky::domain::credit::Credits;
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::tree::Register;
use thuky::domain::{Admissions, IdMap, OrgId, OrgKind};

fn ev(effective: NaiveDate, change: Change) -> OrgEvent {
    OrgEvent {
        effective,
        change,
        decision: None,
        recorded: Utc::now(),
        by: "p".into(),
    }
}

fn org(id: OrgId, kind: OrgKind, parent: Option<OrgId>) -> Org {
    Org {
        id,
        code: format!("C{id}"),
        kind,
        founding_ref: String::new(),
        founding_date: None,
        events: vec![ev(
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            Change::Found {
                name: format!("n{id}"),
                parent,
                members: 10,
            },
        )],
        version: 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn months_follow_the_tree_of_the_15th(
        moves in proptest::collection::vec((6u32..16, 2u32..6, 0u32..365), 0..25),
        counts in proptest::collection::vec(proptest::array::uniform12(0u32..5), 10),
    ) {
        let mut reg = Register::new();
        reg.put(org(1, OrgKind::City, None));
        for c in 2..6 {
            reg.put(org(c, OrgKind::Superior, Some(1)));
        }
        for g in 6..16 {
            reg.put(org(g, OrgKind::GrassrootsCell, Some(2 + g % 4)));
        }
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for (id, parent, day) in moves {
            let mut o = reg.get(id).unwrap().clone();
            o.push_event(ev(start + chrono::Duration::days(day as i64), Change::Move { parent }));
            reg.put(o);
        }
        let mut adm = IdMap::default();
        for (i, months) in counts.iter().enumerate() {
            let id = 6 + i as OrgId;
            adm.insert(id, Admissions { org: id, year: 2025, months: *months, version: 1 });
        }
        let credits = Credits::build(&reg, &adm, 2025);
        let by_unit = credits.by_unit();
        let total: u64 = counts.iter().flatten().map(|n| *n as u64).sum();
        prop_assert_eq!(by_unit.values().flatten().sum::<u64>(), total);
        for m in 0..12usize {
            let tree = reg.tree_at(NaiveDate::from_ymd_opt(2025, m as u32 + 1, 15).unwrap());
            let mut expect = [0u64; 6];
            for (i, months) in counts.iter().enumerate() {
                let unit = tree.top_unit(6 + i as OrgId).unwrap();
                expect[unit as usize] += months[m] as u64;
            }
            for (unit, want) in expect.iter().enumerate().skip(2) {
                let got = by_unit.get(&Some(unit as OrgId)).map_or(0, |v| v[m]);
                prop_assert_eq!(got, *want, "month {} committee {}", m + 1, unit);
            }
        }
    }
}
