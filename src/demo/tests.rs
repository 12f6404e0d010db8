//! Tests of the demo generator.

use super::{generate, Dataset, Scale};
use crate::domain::rules::{Rule, RuleSettings, Rulebook};
use crate::domain::tree::{Register, Tree};
use crate::domain::IdMap;
use crate::domain::{year_end, Change, Classification, OrgId, OrgKind};
use chrono::{DateTime, TimeZone, Utc};
use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap()
}

pub(super) fn register(ds: &Dataset) -> Register {
    let mut r = Register::new();
    for o in &ds.orgs {
        r.put(o.clone());
    }
    r
}

pub(super) fn json(ds: &Dataset) -> String {
    serde_json::to_string(&(&ds.orgs, &ds.classes, &ds.admissions, &ds.targets)).unwrap()
}

pub(super) fn classes_of(ds: &Dataset, year: i32) -> IdMap<Classification> {
    ds.classes.iter().filter(|c| c.year == year).map(|c| (c.org, c.clone())).collect()
}

pub(super) fn tree_at_end_children(reg: &Register, year: i32) -> usize {
    reg.tree_at(year_end(year)).node(1).unwrap().children.len()
}

pub(super) fn root_total(t: &Tree) -> u32 {
    t.roots().iter().filter_map(|r| t.node(*r)).map(|n| n.total_members).sum()
}

pub(super) fn count(t: &Tree, f: impl Fn(OrgKind) -> bool) -> usize {
    t.nodes().filter(|n| f(n.kind)).count()
}

/// Invariants every scale must hold.
pub(super) fn check_structure(ds: &Dataset) {
    let reg = register(ds);
    let mut codes = HashSet::new();
    for (i, o) in ds.orgs.iter().enumerate() {
        assert_eq!(o.id as usize, i + 1, "ids dense from 1");
        assert!(codes.insert(o.code.clone()), "duplicate code {}", o.code);
        assert_eq!(o.version, 1);
        assert!(matches!(o.events[0].change, Change::Found { .. }), "{} starts with Found", o.code);
        assert!(
            o.events.windows(2).all(|w| w[0].effective <= w[1].effective),
            "{} events sorted",
            o.code
        );
        assert!(o.events[1..].iter().all(|e| !matches!(e.change, Change::Found { .. })));
        assert!(o.events.iter().filter(|e| e.change.ends()).count() <= 1, "{} ends once", o.code);
        if let Some(end) = o.ended_on() {
            assert!(o.events.iter().all(|e| e.effective <= end), "{} has events after its end", o.code);
        }
        assert!(!o.founding_ref.is_empty() && o.founding_date.is_some());
        assert!(o.founding_ref.contains("-QĐ/"), "{}", o.founding_ref);
        for e in &o.events {
            assert_eq!(e.by, "demo");
            if let Change::Found { name, .. } | Change::Rename { name } = &e.change {
                assert_eq!(*name, name.nfc().collect::<String>(), "NFC");
                assert!(!name.is_empty());
            }
        }
    }
    assert_eq!(ds.orgs[0].code, "HN");
    assert_eq!(ds.orgs[0].kind, OrgKind::City);
    for year in 2019..=2026 {
        let t = reg.tree_at(year_end(year));
        assert_eq!(t.roots(), &[1], "one root in {year}");
        for n in t.nodes() {
            if let Some(p) = n.parent {
                let pn = t.node(p).unwrap_or_else(|| panic!("parent of {} resolves in {year}", n.code));
                assert!(
                    pn.kind.allows_child(n.kind),
                    "{:?} under {:?} ({} in {year})",
                    n.kind,
                    pn.kind,
                    n.code
                );
            }
            match n.kind {
                OrgKind::GrassrootsCell => assert!((3..=29).contains(&n.total_members), "{} {} members", n.code, n.total_members),
                OrgKind::GrassrootsCommittee => assert!(n.total_members >= 30, "{} {} members", n.code, n.total_members),
                OrgKind::Cell => assert!(n.members >= 3),
                _ => assert_eq!(n.members, 0, "{} holds members", n.code),
            }
            let mut names = HashSet::new();
            for c in &n.children {
                let cn = t.node(*c).unwrap();
                assert!(
                    names.insert(cn.name.clone()),
                    "sibling names unique under {} in {year}: {}",
                    n.code,
                    cn.name
                );
            }
        }
    }
    // Classified: everything alive at each year end but the city, 2019-2025 only.
    for year in 2019..=2026 {
        let t = reg.tree_at(year_end(year));
        let classes = classes_of(ds, year);
        if year == 2026 {
            assert!(classes.is_empty());
            continue;
        }
        assert_eq!(classes.len(), t.len() - 1, "{year}");
        for (id, c) in &classes {
            assert!(t.contains(*id) && *id != 1);
            assert_eq!(c.score.is_some(), year >= 2025);
            assert!(c.decision.as_deref().is_some_and(|d| d.contains("-QĐ/")));
            let decided = c.decided.unwrap();
            assert!(
                decided >= chrono::NaiveDate::from_ymd_opt(year, 12, 1).unwrap()
                    && decided <= chrono::NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap()
            );
        }
    }
}

/// Findings per year from the rulebooks.
pub(super) fn findings(ds: &Dataset) -> BTreeMap<i32, Vec<Rule>> {
    let reg = register(ds);
    (2019..=2025)
        .map(|y| {
            let t = reg.tree_at(year_end(y));
            let rb = Rulebook::for_year(y, &RuleSettings::default()).unwrap();
            (y, rb.check(&t, &classes_of(ds, y), None).into_iter().map(|f| f.rule).collect())
        })
        .collect()
}

pub(super) fn check_findings(ds: &Dataset) {
    let f = findings(ds);
    for (year, rules) in &f {
        match year {
            2021 => {
                assert!((1..=10).contains(&rules.len()), "{year}: {rules:?}");
                assert!(
                    rules.contains(&Rule::MembersCap) && rules.contains(&Rule::SubordinateShares),
                    "{rules:?}"
                );
            }
            2023 => {
                assert!((1..=5).contains(&rules.len()), "{year}: {rules:?}");
                assert!(rules.contains(&Rule::CollectivesCap), "{rules:?}");
            }
            2025 => {
                assert!((1..=10).contains(&rules.len()), "{year}: {rules:?}");
                for r in [Rule::ScoreLevel, Rule::TallySum, Rule::TalliesPresent] {
                    assert!(rules.contains(&r), "{r:?} in {rules:?}");
                }
            }
            _ => assert!(rules.is_empty(), "{year} should be clean: {rules:?}"),
        }
    }
}

/// Tallies add up to the tree's member counts, except the two planted in 2025.
pub(super) fn check_tallies(ds: &Dataset) {
    let reg = register(ds);
    for year in 2019..=2025 {
        let t = reg.tree_at(year_end(year));
        let mut off = 0;
        let mut missing = 0;
        let (mut rated, mut good, mut nr, mut total) = (0u64, 0u64, 0u64, 0u64);
        let mut orgs_good = 0;
        let classes = classes_of(ds, year);
        for (id, c) in &classes {
            let n = t.node(*id).unwrap();
            if c.level.good_or_better() {
                orgs_good += 1;
            }
            match &c.members {
                Some(m) => {
                    if m.sum() != n.total_members as u64 {
                        off += 1;
                    }
                    if n.kind.is_grassroots() {
                        rated += m.rated();
                        good += m.good_or_better();
                        nr += m.not_rated as u64;
                        total += m.sum();
                    }
                }
                None if n.kind.is_grassroots() || n.kind.is_cell() => missing += 1,
                None => {}
            }
        }
        let (want_off, want_missing) = if year == 2025 { (2, 1) } else { (0, 0) };
        assert_eq!((off, missing), (want_off, want_missing), "{year}");
        let nr_share = nr as f64 / total as f64;
        assert!((0.08..0.17).contains(&nr_share), "{year}: not rated {nr_share}");
        assert!(good as f64 / rated as f64 > 0.8, "{year}");
        assert!(orgs_good as f64 / classes.len() as f64 > 0.8, "{year}");
    }
}

#[test]
fn same_seed_same_data_different_seed_different_data() {
    let a = generate(Scale::Small, 7, now());
    let b = generate(Scale::Small, 7, now());
    let c = generate(Scale::Small, 8, now());
    assert_eq!(json(&a), json(&b));
    assert_eq!(format!("{:?}", a.orgs), format!("{:?}", b.orgs));
    assert_ne!(json(&a), json(&c));
}

#[test]
fn small_scale_holds_together() {
    let start = std::time::Instant::now();
    let ds = generate(Scale::Small, 1, now());
    let took = start.elapsed();
    println!("small generated in {took:?}\n{}", summary(&ds));
    check_structure(&ds);
    check_findings(&ds);
    check_tallies(&ds);
    let reg = register(&ds);
    let t = reg.tree_at(year_end(2024));
    let grassroots = count(&t, |k| k.is_grassroots());
    let cells = count(&t, |k| k == OrgKind::Cell);
    assert!((30..=60).contains(&grassroots), "{grassroots}");
    assert!((150..=400).contains(&cells), "{cells}");
    assert!(ds.orgs.len() < 600, "{}", ds.orgs.len());
    assert!(!ds.admissions.is_empty() && !ds.targets.is_empty());
    // Debug builds are slow; the budget is for release builds.
    if !cfg!(debug_assertions) {
        assert!(took.as_millis() < 100, "{took:?}");
    }
}

#[test]
fn small_scale_reorganisation() {
    let ds = generate(Scale::Small, 3, now());
    let reg = register(&ds);
    let before = reg.tree_at(year_end(2024));
    let after = reg.tree_at(year_end(2025));
    let districts: Vec<OrgId> = ds
        .orgs
        .iter()
        .filter(|o| o.last_name().starts_with("Quận ủy") || o.last_name().starts_with("Huyện ủy"))
        .map(|o| o.id)
        .collect();
    assert_eq!(districts.len(), 4);
    assert!(districts.iter().all(|d| before.contains(*d) && !after.contains(*d)));
    let wards: Vec<OrgId> = after
        .node(1)
        .unwrap()
        .children
        .iter()
        .copied()
        .filter(|c| after.node(*c).unwrap().name.starts_with("Đảng bộ phường") || after.node(*c).unwrap().name.starts_with("Đảng bộ xã"))
        .collect();
    assert_eq!(wards.len(), 4);
    // Every grassroots organisation of a district now lies under a ward/commune committee.
    for d in &districts {
        for g in &before.node(*d).unwrap().children {
            if let Some(n) = after.node(*g) {
                assert!(wards.contains(&n.parent.unwrap()), "{} under {:?}", n.code, n.parent);
            }
        }
        // Moves come before the dissolution among same-date events.
        let org = reg.get(*d).unwrap();
        assert!(matches!(org.events.last().unwrap().change, Change::Dissolve));
    }
    for w in &wards {
        assert!(!after.node(*w).unwrap().children.is_empty());
        assert_eq!(reg.get(*w).unwrap().founded(), chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    }
    let party = ds.orgs.iter().find(|o| o.code == "CQD").unwrap();
    assert_eq!(party.last_name(), "Đảng bộ các cơ quan Đảng Thành phố");
    assert_eq!(party.founding_ref, "8152-QĐ/TU");
    assert!(!after.node(party.id).unwrap().children.is_empty());
    // A ward merged in 2020 moved its cells first.
    let merged = ds.orgs.iter().find(|o| {
        matches!(o.ending(), Some(crate::domain::org::Ending::Merged(d, _)) if chrono::Datelike::year(&d) < 2021)
            && o.kind == OrgKind::GrassrootsCommittee
    });
    let merged = merged.expect("a merged ward");
    let t = reg.tree_at(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    assert!(!t.contains(merged.id));
    assert!(ds.orgs.iter().any(
        |o| o.parent_before(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()) == Some(merged.id)
            && o.alive_at(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())
    ));
}

/// One line per year: orgs, grassroots, cells, members, admissions.
pub(super) fn summary(ds: &Dataset) -> String {
    let reg = register(ds);
    let mut out = format!(
        "orgs {} events {} classes {}\n",
        ds.orgs.len(),
        ds.orgs.iter().map(|o| o.events.len()).sum::<usize>(),
        ds.classes.len()
    );
    for year in 2019..=2026 {
        let t = reg.tree_at(year_end(year));
        let adm: u64 = ds.admissions.iter().filter(|a| a.year == year).map(|a| a.total()).sum();
        let sup = t.node(1).unwrap().children.len();
        out += &format!(
            "{year}: superiors {sup} grassroots {} cells {} members {} admissions {adm}\n",
            count(&t, |k| k.is_grassroots()),
            count(&t, |k| k == OrgKind::Cell),
            root_total(&t)
        );
    }
    out
}
