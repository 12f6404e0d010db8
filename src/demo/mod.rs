//! Deterministic demo data sets (pure: no I/O).
//!
//! `generate` builds Hanoi's party organisations as they stood from 2019
//! (30 districts and 20 sector committees), their history to 2024, the 2025
//! reorganisation (126 ward/commune committees replacing the districts),
//! classifications 2019-2025, admissions 2019 to October 2026 and targets
//! 2021-2026. The same (scale, seed) always gives the same data set.

mod admissions;
mod builder;
mod cases;
mod cells;
mod classify;
mod codes;
mod history;
mod lists;
mod names;
mod places;
mod reorg;
mod rng;
mod sector_data;
mod sectors;
mod spec;
mod tree;

#[cfg(test)]
mod hanoi_tests;
#[cfg(test)]
mod sector_tests;
#[cfg(test)]
mod tests;

use crate::domain::tree::Register;
use crate::domain::{year_end, Admissions, Classification, Org, Target};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    Small,
    Hanoi,
    Large,
}

/// Everything a demo data set holds, ready to be loaded into an empty store.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub orgs: Vec<Org>,
    pub classes: Vec<Classification>,
    pub admissions: Vec<Admissions>,
    pub targets: Vec<Target>,
    pub cases: Vec<crate::domain::case::Case>,
}

/// Build the data set. `now` only stamps the records (`recorded`, `at`).
pub fn generate(scale: Scale, seed: u64, now: chrono::DateTime<chrono::Utc>) -> Dataset {
    let spec = spec::Spec::for_scale(scale);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);

    let mut b = builder::Builder::new(now);
    let layout = tree::build(&mut b, &spec, &mut rng);
    history::apply(&mut b, &layout, &spec, &mut rng);
    let (start, reorg_day, end) = (rng::ymd(2019, 1, 1), rng::ymd(2025, 7, 1), rng::ymd(2027, 1, 1));
    reorg::spring(&mut b, &layout);
    history::members(&mut b, &mut rng, start..reorg_day);
    reorg::summer(&mut b, &layout, &spec, &mut rng);
    history::members(&mut b, &mut rng, reorg_day..end);
    let orgs = b.finish();

    let mut reg = Register::new();
    for o in &orgs {
        reg.put(o.clone());
    }
    let trees: BTreeMap<i32, _> = (2018..=2026).map(|y| (y, reg.tree_at(year_end(y)))).collect();

    let mut classes = Vec::new();
    for year in classify::YEARS {
        classify::classify_year(&trees[&year], year, &mut rng, now, &mut classes);
    }
    let factor = spec.factor.unwrap_or_else(|| {
        let members = trees[&2022]
            .roots()
            .iter()
            .filter_map(|r| trees[&2022].node(*r))
            .map(|n| n.total_members as f64)
            .sum::<f64>();
        members / 470_000.0
    });
    let admissions = admissions::admissions(&reg, &trees, factor, &mut rng);
    let targets = admissions::targets(&reg, &trees, factor);
    let cases = cases::generate(&trees, &classes, orgs.len(), &mut rng, now);
    Dataset {
        orgs,
        classes,
        admissions,
        targets,
        cases,
    }
}
