//! Property tests: roll-ups agree with a naive recount on random trees, and
//! the tree as of a date agrees with a replay of the events.

use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::report::{compute, YearData};
use thuky::domain::rules::RuleSettings;
use thuky::domain::tree::Register;
use thuky::domain::IdMap;
use thuky::domain::{year_end, Admissions, Classification, Level, OrgId, OrgKind, Tallies};

/// HTXS, HTT, HT, KHT, not rated.
type RawTallies = (u32, u32, u32, u32, u32);

#[derive(Debug, Clone)]
struct Spec {
    /// parent index (< own index) for each org after the root, its kind choice, members
    orgs: Vec<(usize, u8, u32)>,
    levels: Vec<Option<u8>>,
    tallies: Vec<Option<RawTallies>>,
    admissions: Vec<[u32; 12]>,
    scope: usize,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..40).prop_flat_map(|n| {
        (
            proptest::collection::vec((0usize..1000, 0u8..3, 0u32..60), n),
            proptest::collection::vec(proptest::option::of(0u8..4), n + 1),
            proptest::collection::vec(proptest::option::of((0u32..20, 0u32..20, 0u32..20, 0u32..5, 0u32..5)), n + 1),
            proptest::collection::vec(proptest::array::uniform12(0u32..5), n + 1),
            0usize..(n + 1),
        )
            .prop_map(|(orgs, levels, tallies, admissions, scope)| Spec {
                orgs,
                levels,
                tallies,
                admissions,
                scope,
            })
    })
}

fn build(s: &Spec) -> Register {
    let mut r = Register::new();
    let d = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let mk = |id: OrgId, kind, parent, members| Org {
        id,
        code: format!("C{id}"),
        kind,
        founding_ref: String::new(),
        founding_date: None,
        events: vec![OrgEvent {
            effective: d,
            change: Change::Found {
                name: format!("n{id}"),
                parent,
                members,
            },
            decision: None,
            recorded: Utc::now(),
            by: "p".into(),
        }],
        version: 1,
    };
    r.put(mk(1, OrgKind::City, None, 0));
    for (i, (p, k, m)) in s.orgs.iter().enumerate() {
        let id = i as OrgId + 2;
        let parent = (*p % (i + 1)) as OrgId + 1;
        let kind = [OrgKind::Superior, OrgKind::GrassrootsCommittee, OrgKind::GrassrootsCell][*k as usize];
        r.put(mk(id, kind, Some(parent), *m));
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rollup_matches_naive_recount(s in spec()) {
        let reg = build(&s);
        let year = 2022;
        let tree = reg.tree_at(year_end(year));
        let n = s.orgs.len() + 1;
        let mut classes = IdMap::default();
        let mut adm = IdMap::default();
        for i in 0..n {
            let id = i as OrgId + 1;
            if let Some(l) = s.levels[i] {
                let members = s.tallies[i].map(|(a, b, c, d, e)| Tallies { htxs: a, htt: b, ht: c, kht: d, not_rated: e, not_rated_by: None });
                classes.insert(id, Classification { org: id, year, level: Level::ALL[l as usize], score: None, members, decision: None, decided: None, note: None, by: "p".into(), at: Utc::now(), version: 1 });
            }
            adm.insert(id, Admissions { org: id, year, months: s.admissions[i], version: 1 });
        }
        let scope = s.scope as OrgId + 1;
        let settings = RuleSettings::default();
        let rep = compute(&YearData { year, register: &reg, tree: &tree, classes: &classes, admissions: &adm, target: None, settings: &settings, pace: None, credits: None }, scope);

        // Naive recount: walk parents of every organisation.
        let under = |id: OrgId| -> bool {
            let mut cur = tree.node(id).and_then(|n| n.parent);
            while let Some(c) = cur { if c == scope { return true; } cur = tree.node(c).and_then(|n| n.parent); }
            false
        };
        let (mut rated, mut unrated, mut good, mut g_rated, mut mem_good, mut mem_rated, mut nr) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        let mut by_level = [0u64; 4];
        for id in 1..=n as OrgId {
            if !under(id) { continue; }
            let node = tree.node(id).unwrap();
            match classes.get(&id) {
                Some(c) => { rated += 1; by_level[c.level.index()] += 1; if c.level.good_or_better() { good += 1; } }
                None => unrated += 1,
            }
            if node.kind.is_grassroots() {
                if classes.contains_key(&id) { g_rated += 1; }
                if let Some(t) = classes.get(&id).and_then(|c| c.members) {
                    mem_good += (t.htxs + t.htt) as u64;
                    mem_rated += t.rated();
                    nr += t.not_rated as u64;
                }
            }
        }
        prop_assert_eq!(rep.organisations.rated, rated);
        prop_assert_eq!(rep.organisations.unrated, unrated);
        prop_assert_eq!([rep.organisations.htxs, rep.organisations.htt, rep.organisations.ht, rep.organisations.kht], by_level);
        prop_assert_eq!(rep.grassroots.rated, g_rated);
        prop_assert_eq!(rep.members.not_rated, nr);
        prop_assert_eq!(rep.members.htxs + rep.members.htt, mem_good);
        let expect_pct = if rated == 0 { None } else { Some((good as f64 * 1000.0 / rated as f64).round() / 10.0) };
        prop_assert_eq!(rep.organisations.good_or_better_pct, expect_pct);
        let expect_mpct = if mem_rated == 0 { None } else { Some((mem_good as f64 * 1000.0 / mem_rated as f64).round() / 10.0) };
        prop_assert_eq!(rep.members.good_or_better_pct, expect_mpct);
        let adm_total: u64 = (1..=n as OrgId).filter(|id| *id == scope || under(*id)).map(|id| adm[&id].total()).sum();
        prop_assert_eq!(rep.admissions.total, adm_total);
        // Subtree member totals agree with a recount.
        let members_under: u64 = (1..=n as OrgId).filter(|id| *id == scope || under(*id)).map(|id| tree.node(id).unwrap().members as u64).sum();
        prop_assert_eq!(tree.node(scope).unwrap().total_members as u64, members_under);
    }

    #[test]
    fn tree_as_of_date_matches_replay(moves in proptest::collection::vec((2u32..12, 1u32..12, 0i64..4000), 0..20)) {
        let mut reg = Register::new();
        let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        let mk = |id: OrgId, kind, parent| Org { id, code: format!("C{id}"), kind, founding_ref: String::new(), founding_date: None,
            events: vec![OrgEvent { effective: start, change: Change::Found { name: format!("n{id}"), parent, members: 1 }, decision: None, recorded: Utc::now(), by: "p".into() }], version: 1 };
        reg.put(mk(1, OrgKind::City, None));
        for id in 2..12 { reg.put(mk(id, OrgKind::Superior, Some(1))); }
        let mut applied: Vec<(OrgId, OrgId, NaiveDate)> = Vec::new();
        for (id, parent, days) in moves {
            let at = start + chrono::Duration::days(days);
            if id == parent || reg.would_cycle(id, parent, at) { continue; }
            let mut o = reg.get(id).unwrap().clone();
            o.push_event(OrgEvent { effective: at, change: Change::Move { parent }, decision: None, recorded: Utc::now(), by: "p".into() });
            reg.put(o);
            applied.push((id, parent, at));
        }
        for probe in [start, start + chrono::Duration::days(1000), start + chrono::Duration::days(2500), start + chrono::Duration::days(5000)] {
            let tree = reg.tree_at(probe);
            for id in 2..12u32 {
                // Replay: the last move dated on or before the probe (ties: the later recorded).
                let mut parent = 1;
                let mut best: Option<NaiveDate> = None;
                for (mid, p, at) in &applied {
                    if *mid == id && *at <= probe && best.is_none_or(|b| *at >= b) { parent = *p; best = Some(*at); }
                }
                prop_assert_eq!(tree.node(id).unwrap().parent, Some(parent));
            }
            prop_assert_eq!(tree.node(1).unwrap().total_members, 11);
        }
    }
}
