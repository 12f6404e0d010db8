//! Monthly admissions per grassroots organisation (2019 to October 2026) and
//! the city's yearly targets with allocations (2021-2026).

use super::rng::{poisson, split, ymd, R};
use crate::domain::credit;
use crate::domain::tree::{Register, Tree};
use crate::domain::{Admissions, OrgId, OrgKind, Target};
use std::collections::BTreeMap;

/// City admissions a year at Hanoi scale (2026: the yearly rate).
fn city_total(year: i32) -> f64 {
    match year {
        2019 => 10_350.0,
        2020 => 8_850.0,
        2021 => 9_230.0,
        2022 => 9_640.0,
        2023 => 9_760.0,
        2024 => 9_560.0,
        2025 => 9_520.0,
        _ => 9_700.0,
    }
}

/// Month of Tết (lunar new year).
fn tet_month(year: i32) -> usize {
    match year {
        2020 | 2023 | 2025 => 1,
        _ => 2,
    }
}

/// Weight of each month: more around 3/2, 19/5 and 2/9, fewer at Tết.
fn seasonality(year: i32) -> [f64; 12] {
    let mut s = [0.6, 1.2, 1.0, 0.9, 1.3, 1.0, 0.85, 1.1, 1.25, 0.95, 0.95, 1.05];
    s[tet_month(year) - 1] *= 0.7;
    s
}

/// Last month with data in `year` (the demo's present is November 2026).
fn last_month(year: i32) -> u32 {
    if year >= 2026 {
        10
    } else {
        12
    }
}

/// `factor`: admissions relative to Hanoi (1.0 = Hanoi).
pub fn admissions(reg: &Register, trees: &BTreeMap<i32, Tree>, factor: f64, rng: &mut R) -> Vec<Admissions> {
    let mut out = Vec::new();
    for year in 2019..=2026 {
        let tree = &trees[&year];
        let prev = &trees[&(year - 1)];
        let season = seasonality(year);
        let season_sum: f64 = season.iter().sum();
        let orgs: Vec<(OrgId, f64)> = reg
            .iter()
            .filter(|o| o.kind.is_grassroots() && o.alive_in_year(year))
            .map(|o| {
                let w = tree.node(o.id).or_else(|| prev.node(o.id)).map_or(10, |n| n.total_members);
                (o.id, w as f64)
            })
            .collect();
        // Weights of the organisations alive in each month (in 2025 the old
        // ward committees until June, the organisations re-founded from July).
        let mut total_w = [0.0f64; 12];
        for (id, w) in &orgs {
            let org = reg.get(*id).expect("registered");
            for m in 1..=12u32 {
                if org.alive_at(ymd(year, m, 15)) {
                    total_w[m as usize - 1] += w;
                }
            }
        }
        let expected = city_total(year) * factor;
        for (id, w) in orgs {
            let org = reg.get(id).expect("registered");
            let mut a = Admissions::new(id, year);
            for m in 1..=last_month(year) {
                if !org.alive_at(ymd(year, m, 15)) {
                    continue;
                }
                let lambda = expected * w / total_w[m as usize - 1].max(1.0) * season[m as usize - 1] / season_sum;
                a.months[m as usize - 1] = poisson(rng, lambda);
            }
            a.version = 1;
            out.push(a);
        }
    }
    out
}

/// Plans and allocations to the directly subordinate committees of each year:
/// every committee that stood directly under the city in some month of the
/// year gets a share by its members and the (seasonal) part of the year it stood
/// (in 2025 the districts for January-June, the wards and communes for July-December).
pub fn targets(reg: &Register, trees: &BTreeMap<i32, Tree>, factor: f64) -> Vec<Target> {
    let plans = [
        (2021, 9_500),
        (2022, 9_500),
        (2023, 9_600),
        (2024, 9_600),
        (2025, 9_700),
        (2026, 10_000),
    ];
    let scale = |x: u32| -> u32 {
        if (factor - 1.0).abs() < 1e-9 {
            x
        } else {
            ((x as f64 * factor / 10.0).round() * 10.0).max(10.0) as u32
        }
    };
    let Some(root) = credit::root_of(reg) else {
        return Vec::new();
    };
    plans
        .iter()
        .map(|(year, plan)| {
            let (tree, prev) = (&trees[year], &trees[&(year - 1)]);
            let season = seasonality(*year);
            let units: Vec<(OrgId, f64)> = credit::units_in_year(reg, root, *year)
                .into_iter()
                .filter(|u| reg.get(u.id).is_some_and(|o| o.kind == OrgKind::Superior))
                .map(|u| {
                    let members = tree.node(u.id).or_else(|| prev.node(u.id)).map_or(0, |n| n.total_members);
                    let part: f64 = (0..12).filter(|m| u.months[*m]).map(|m| season[m]).sum();
                    (u.id, members as f64 * part)
                })
                .collect();
            let plan = scale(*plan);
            let shares = split(plan, &units.iter().map(|u| u.1).collect::<Vec<_>>(), 0);
            Target {
                year: *year,
                plan: Some(plan),
                range: (*year <= 2025).then(|| (scale(9_000), scale(10_000))),
                allocations: units.iter().map(|u| u.0).zip(shares).collect(),
                version: 1,
            }
        })
        .collect()
}
