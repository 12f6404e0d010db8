//! Tests of the demo generator at Hanoi scale (and the large one, ignored).

use super::tests::*;
use super::{generate, Scale};
use crate::domain::{year_end, Change, OrgKind};
use std::collections::HashSet;

#[test]
fn hanoi_scale_totals() {
    let start = std::time::Instant::now();
    let ds = generate(Scale::Hanoi, 2025, now());
    let took = start.elapsed();
    println!("hanoi generated in {took:?}\n{}", summary(&ds));
    let reg = register(&ds);
    let t = reg.tree_at(year_end(2024));
    let grassroots = count(&t, |k| k.is_grassroots()) as f64;
    let cells = count(&t, |k| k == OrgKind::Cell) as f64;
    let members = root_total(&t) as f64;
    assert!((2_125.0..=2_875.0).contains(&grassroots), "{grassroots}");
    assert!((15_300.0..=20_700.0).contains(&cells), "{cells}");
    assert!((423_000.0..=517_000.0).contains(&members), "{members}");
    assert_eq!(t.node(1).unwrap().children.len(), 50);
    // Districts: 26-81 grassroots organisations, 8,000-20,000 members.
    for c in &t.node(1).unwrap().children {
        let n = t.node(*c).unwrap();
        if n.name.contains("ủy ") && !n.name.starts_with("Đảng ủy") {
            assert!((26..=81).contains(&n.children.len()), "{} {}", n.name, n.children.len());
            assert!((8_000..=20_000).contains(&n.total_members), "{} {}", n.name, n.total_members);
        }
    }
    let after = reg.tree_at(year_end(2025));
    assert!(after.node(1).unwrap().children.len() >= 136);
    assert!((470_000..=520_000).contains(&root_total(&after)), "{}", root_total(&after));
    // Admissions: 9,000-10,000 a year for the programme years, seasonality.
    for year in 2021..=2025 {
        let adm: Vec<_> = ds.admissions.iter().filter(|a| a.year == year).collect();
        let total: u64 = adm.iter().map(|a| a.total()).sum();
        assert!((9_000..=10_000).contains(&total), "{year}: {total}");
        let month = |m: usize| adm.iter().map(|a| a.months[m] as u64).sum::<u64>();
        assert!(month(0) < month(4) && month(0) < month(8), "{year}: January is quiet");
        let target = ds.targets.iter().find(|t| t.year == year).unwrap();
        let alloc: u32 = target.allocations.values().sum();
        assert!(alloc.abs_diff(target.plan.unwrap()) <= 50);
        assert_eq!(target.range, Some((9_000, 10_000)));
        // Every committee of the year has an allocation, for the months it stood.
        let units = crate::domain::credit::units_in_year(&reg, 1, year);
        assert_eq!(target.allocations.len(), units.len(), "{year}");
        if year == 2025 {
            assert!(units.len() > tree_at_end_children(&reg, year));
        }
    }
    assert!(ds
        .admissions
        .iter()
        .filter(|a| a.year == 2026)
        .all(|a| a.months[10] == 0 && a.months[11] == 0));
    let events: usize = ds.orgs.iter().map(|o| o.events.len()).sum();
    assert!(events < 150_000, "{events}");
    check_structure(&ds);
    check_findings(&ds);
    check_tallies(&ds);
    println!(
        "findings per year: {:?}",
        findings(&ds).iter().map(|(y, f)| (*y, f.len())).collect::<Vec<_>>()
    );
    let codes: HashSet<&str> = ds.orgs.iter().map(|o| o.code.as_str()).collect();
    for c in ["HN", "BD", "HK", "HBT", "KCQ", "KDH", "CQD", "UBND"] {
        assert!(codes.contains(c), "{c}");
    }
}

#[test]
#[ignore = "large: run with --ignored"]
fn large_scale_codes_unique() {
    let ds = generate(Scale::Large, 1, now());
    println!("{}", summary(&ds));
    check_structure(&ds);
    check_findings(&ds);
}

/// Prints the shape of a Hanoi data set (levels, tallies, samples of names).
#[test]
#[ignore = "diagnostics: run with --ignored --nocapture"]
fn hanoi_profile() {
    let ds = generate(Scale::Hanoi, 2025, now());
    let reg = register(&ds);
    for year in 2019..=2025 {
        let classes = classes_of(&ds, year);
        let mut lv = [0usize; 4];
        let mut t = crate::domain::Tallies::default();
        let tree = reg.tree_at(year_end(year));
        for c in classes.values() {
            lv[c.level.index()] += 1;
            if tree.node(c.org).unwrap().kind.is_grassroots() {
                if let Some(m) = &c.members {
                    t.add(m);
                }
            }
        }
        let n = classes.len() as f64;
        println!(
            "{year}: orgs HTXS {:.1}% HTT {:.1}% HT {:.1}% KHT {:.2}% | members HTXS {} HTT {} HT {} KHT {} NR {} (HTXS/HTT {:.1}%, NR {:.1}%)",
            lv[0] as f64 * 100.0 / n, lv[1] as f64 * 100.0 / n, lv[2] as f64 * 100.0 / n, lv[3] as f64 * 100.0 / n,
            t.htxs, t.htt, t.ht, t.kht, t.not_rated, t.htxs as f64 * 100.0 / t.htt as f64, t.not_rated as f64 * 100.0 / t.sum() as f64
        );
    }
    let t = reg.tree_at(year_end(2024));
    for c in &t.node(1).unwrap().children {
        let n = t.node(*c).unwrap();
        println!("{} {} children {} members {}", n.code, n.name, n.children.len(), n.total_members);
    }
    let t25 = reg.tree_at(year_end(2025));
    for c in t25.node(1).unwrap().children.iter().take(200) {
        let n = t25.node(*c).unwrap();
        println!(
            "2025 {} {} children {} members {}",
            n.code,
            n.name,
            n.children.len(),
            n.total_members
        );
    }
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    for _ in 0..60 {
        let o = &ds.orgs[rng.gen_range(0..ds.orgs.len())];
        println!(
            "{} {:?} {} | {} events {}",
            o.code,
            o.kind,
            o.last_name(),
            o.founding_ref,
            o.events.len()
        );
    }
    for o in ds
        .orgs
        .iter()
        .filter(|o| o.events.iter().any(|e| matches!(e.change, Change::Rename { .. })))
        .take(15)
    {
        println!(
            "renamed {}: {:?}",
            o.code,
            o.events
                .iter()
                .map(|e| format!("{} {:?}", e.effective, e.change))
                .collect::<Vec<_>>()
        );
    }
    for o in ds
        .orgs
        .iter()
        .filter(|o| o.events.iter().any(|e| matches!(e.change, Change::MergeInto { .. })))
        .take(12)
    {
        println!(
            "merged {} {}: {:?}",
            o.code,
            o.last_name(),
            o.events
                .iter()
                .map(|e| format!("{} {:?}", e.effective, e.change))
                .collect::<Vec<_>>()
        );
    }
    for c in ds.classes.iter().filter(|c| c.year == 2025).take(5) {
        println!("{c:?}");
    }
    for a in ds.admissions.iter().filter(|a| a.year == 2024).take(5) {
        println!("{a:?}");
    }
    println!(
        "{:?}",
        ds.targets
            .iter()
            .map(|t| (t.year, t.plan, t.range, t.allocations.len(), t.allocations.values().sum::<u32>()))
            .collect::<Vec<_>>()
    );
}

/// HD 31-HD/BTCTW (23/4/2025): the district committees and the old ward,
/// commune and town committees end when the 126 commune-level committees are
/// founded on 1/7/2025; every organisation of the 2025 tree stands under a
/// committee of 2025; no thị trấn and no district authority's name after it.
#[test]
fn reorganisation_of_1_7_2025() {
    let ds = generate(Scale::Hanoi, 2025, now());
    let reg = register(&ds);
    let d0 = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let d1 = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let (t0, t1, t25) = (reg.tree_at(d0), reg.tree_at(d1), reg.tree_at(year_end(2025)));
    let is_district = |name: &str| ["Quận ủy ", "Huyện ủy ", "Thị ủy "].iter().any(|p| name.starts_with(p));
    let is_new = |name: &str| name.starts_with("Đảng bộ phường ") || name.starts_with("Đảng bộ xã ");
    let top = |t: &crate::domain::tree::Tree, f: &dyn Fn(&str) -> bool| {
        t.node(1).unwrap().children.iter().filter(|c| f(&t.node(**c).unwrap().name)).count()
    };
    // Committee counts before and after.
    assert_eq!(top(&t0, &is_district), 30);
    assert_eq!(top(&t0, &is_new), 0);
    assert_eq!(top(&t1, &is_district), 0);
    assert_eq!(top(&t1, &is_new), 126);
    assert_eq!(t1.node(1).unwrap().children.len(), 136, "136 directly subordinate committees");
    // The old commune-level committees (children of the districts named after a
    // ward, commune or town) do not outlive 30/6/2025.
    let mut old = 0;
    for d in t0
        .node(1)
        .unwrap()
        .children
        .iter()
        .filter(|c| is_district(&t0.node(**c).unwrap().name))
    {
        for c in &t0.node(*d).unwrap().children {
            let n = t0.node(*c).unwrap();
            if ["Đảng bộ Phường ", "Đảng bộ Xã ", "Đảng bộ Thị trấn "]
                .iter()
                .any(|p| n.name.starts_with(p))
            {
                old += 1;
                assert!(!t1.contains(*c), "{} {} alive after 1/7/2025", n.code, n.name);
            }
        }
    }
    assert!(old > 500, "{old}");
    // Every organisation of the 2025 tree lies under a committee of 2025.
    for n in t25.nodes() {
        let anc = t25.ancestors(n.id);
        if let Some(top) = anc.get(1) {
            let o = reg.get(*top).unwrap();
            assert!(
                o.alive_at(year_end(2025)) && !is_district(o.last_name()),
                "{} under {}",
                n.code,
                o.last_name()
            );
        }
    }
    // No town and no district authority after it.
    let places: Vec<String> = crate::demo::places::districts().iter().map(|d| d.lower()).collect();
    for n in t1.nodes().chain(t25.nodes()) {
        assert!(!n.name.to_lowercase().contains("thị trấn"), "{} {}", n.code, n.name);
        assert!(!is_district(&n.name), "{} {}", n.code, n.name);
        assert!(!places.iter().any(|p| n.name.contains(p.as_str())), "{} {}", n.code, n.name);
    }
}

/// Figures within ~15% of domain.md: Ba Đình (~18,000 members) and Sóc Sơn
/// (14,490), about 470,000 members in 2022, 17,538 chi bộ in 2023, districts of
/// 8,000-20,000; the members' HTXS share differs from year to year.
#[test]
fn figures_near_the_published_ones() {
    let ds = generate(Scale::Hanoi, 2025, now());
    let reg = register(&ds);
    let near = |x: f64, target: f64| (x - target).abs() <= 0.15 * target;
    let t20 = reg.tree_at(year_end(2020));
    let by_name = |t: &crate::domain::tree::Tree, name: &str| t.nodes().find(|n| n.name == name).unwrap().total_members as f64;
    assert!(near(by_name(&t20, "Quận ủy Ba Đình"), 18_000.0));
    assert!(near(by_name(&t20, "Huyện ủy Sóc Sơn"), 14_490.0));
    let t22 = reg.tree_at(year_end(2022));
    assert!(near(root_total(&t22) as f64, 470_000.0), "{}", root_total(&t22));
    let t23 = reg.tree_at(year_end(2023));
    let chi_bo = t23.nodes().filter(|n| n.kind.is_cell()).count() as f64;
    assert!(near(chi_bo, 17_538.0), "{chi_bo}");
    let mut shares = Vec::new();
    for year in 2019..=2025 {
        let (mut htxs, mut rated) = (0u64, 0u64);
        for c in classes_of(&ds, year).values() {
            if let (Some(t), true) = (c.members, reg.get(c.org).unwrap().kind == OrgKind::Cell) {
                htxs += t.htxs as u64;
                rated += t.rated();
            }
        }
        shares.push(htxs as f64 / rated as f64);
    }
    let (lo, hi) = shares.iter().fold((1.0f64, 0.0f64), |(l, h), s| (l.min(*s), h.max(*s)));
    assert!(hi - lo > 0.02, "{shares:?}");
}
