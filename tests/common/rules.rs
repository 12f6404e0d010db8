//! Hand-made registers and classifications for the rule tests
//! (tests/domain_rules.rs, tests/rules_items.rs).

use chrono::{NaiveDate, Utc};
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::rules::{Rule, Rulebook};
use thuky::domain::tree::{Register, Tree};
use thuky::domain::{year_end, Classification, Finding, IdMap, Level, OrgId, OrgKind, Tallies};

/// Organisation `id` ("O{id}", "Org {id}") founded in 2010.
pub fn org(id: OrgId, kind: OrgKind, parent: Option<OrgId>, members: u32) -> Org {
    Org {
        id,
        code: format!("O{id}"),
        kind,
        founding_ref: String::new(),
        founding_date: None,
        events: vec![OrgEvent {
            effective: NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            change: Change::Found {
                name: format!("Org {id}"),
                parent,
                members,
            },
            decision: None,
            recorded: Utc::now(),
            by: "t".into(),
        }],
        version: 1,
    }
}

/// City 1 → district 2 → grassroots committee 3 with `cells` cells 10.. of
/// `per_cell` members; grassroots cells 100.. of 10 members under 2.
pub fn register(cells: u32, per_cell: u32, grassroots_cells: u32) -> Register {
    let mut r = Register::new();
    r.put(org(1, OrgKind::City, None, 0));
    r.put(org(2, OrgKind::Superior, Some(1), 0));
    r.put(org(3, OrgKind::GrassrootsCommittee, Some(2), 0));
    for i in 0..cells {
        r.put(org(10 + i, OrgKind::Cell, Some(3), per_cell));
    }
    for i in 0..grassroots_cells {
        r.put(org(100 + i, OrgKind::GrassrootsCell, Some(2), 10));
    }
    r
}

/// `register` with cells of 10 members, and its tree at the end of 2021.
pub fn tree(cells: u32, grassroots_cells: u32) -> (Register, Tree) {
    let r = register(cells, 10, grassroots_cells);
    let t = r.tree_at(year_end(2021));
    (r, t)
}

/// A classification without a score.
pub fn class(org: OrgId, year: i32, level: Level, members: Option<Tallies>) -> Classification {
    scored(org, year, level, members, None)
}

/// A classification with its score (QĐ 366 years).
pub fn scored(org: OrgId, year: i32, level: Level, members: Option<Tallies>, score: Option<f64>) -> Classification {
    Classification {
        org,
        year,
        level,
        score,
        members,
        decision: None,
        decided: None,
        note: None,
        by: "t".into(),
        at: Utc::now(),
        version: 1,
    }
}

/// Members' tallies: HTXS, HTT, HT, KHT and not rated.
pub fn t(htxs: u32, htt: u32, ht: u32, kht: u32, nr: u32) -> Option<Tallies> {
    Some(Tallies {
        htxs,
        htt,
        ht,
        kht,
        not_rated: nr,
        not_rated_by: None,
    })
}

/// The checks without the kind-against-members warnings the small fixtures
/// raise (tested on their own in tests/rules_items.rs).
pub trait CheckNk {
    fn check_nk(&self, tree: &Tree, classes: &IdMap<Classification>, scope: Option<OrgId>) -> Vec<Finding>;
}

impl CheckNk for Rulebook {
    fn check_nk(&self, tree: &Tree, classes: &IdMap<Classification>, scope: Option<OrgId>) -> Vec<Finding> {
        self.check(tree, classes, scope)
            .into_iter()
            .filter(|f| f.rule != Rule::KindMembers)
            .collect()
    }
}
