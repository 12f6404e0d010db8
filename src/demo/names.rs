//! Pools of Vietnamese names for organisations (from `data/names.txt`), and
//! sibling-unique naming.

use super::lists;
use super::rng::{pick, R};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// The name pools of `data/names.txt`, read once.
fn pools() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static POOLS: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    POOLS.get_or_init(|| {
        let (_, sections) = lists::sections(include_str!("data/names.txt"));
        sections.into_iter().map(|s| (s.header, s.lines)).collect()
    })
}

/// The pool `key` of `data/names.txt` (every key used here is in the file).
fn pool(key: &str) -> &'static [&'static str] {
    pools().get(key).unwrap_or_else(|| panic!("[{key}] in data/names.txt"))
}

/// People schools and streets are named after.
pub fn persons() -> &'static [&'static str] {
    pool("PERSONS")
}

/// Names of kindergartens.
pub fn preschools() -> &'static [&'static str] {
    pool("PRESCHOOLS")
}

/// Trades of companies.
pub fn trades() -> &'static [&'static str] {
    pool("TRADES")
}

/// Brand-like place words for company names.
pub fn brands() -> &'static [&'static str] {
    pool("BRANDS")
}

/// Village names (thôn) for communes.
pub fn villages() -> &'static [&'static str] {
    pool("VILLAGES")
}

/// Cells of a district's party agencies.
pub fn party_agency_cells() -> &'static [&'static str] {
    pool("PARTY_AGENCY_CELLS")
}

/// Cells of a district's government agencies.
pub fn gov_cells() -> &'static [&'static str] {
    pool("GOV_CELLS")
}

/// Teams of a district police.
pub fn police_cells() -> &'static [&'static str] {
    pool("POLICE_CELLS")
}

/// Teams inside a police department.
pub fn police_teams() -> &'static [&'static str] {
    pool("POLICE_TEAMS")
}

pub fn health_cells() -> &'static [&'static str] {
    pool("HEALTH_CELLS")
}

pub fn hospital_cells() -> &'static [&'static str] {
    pool("HOSPITAL_CELLS")
}

pub fn company_cells() -> &'static [&'static str] {
    pool("COMPANY_CELLS")
}

pub fn dept_cells() -> &'static [&'static str] {
    pool("DEPT_CELLS")
}

pub fn office_cells() -> &'static [&'static str] {
    pool("OFFICE_CELLS")
}

pub fn tax_cells() -> &'static [&'static str] {
    pool("TAX_CELLS")
}

pub fn faculties() -> &'static [&'static str] {
    pool("FACULTIES")
}

pub fn university_cells() -> &'static [&'static str] {
    pool("UNIVERSITY_CELLS")
}

pub fn subjects() -> &'static [&'static str] {
    pool("SUBJECTS")
}

pub fn army_cells() -> &'static [&'static str] {
    pool("ARMY_CELLS")
}

/// The common form of a company's name.
pub fn company(rng: &mut R, place: Option<&str>) -> String {
    let form = *pick(
        rng,
        &[
            "Công ty Cổ phần",
            "Công ty Cổ phần",
            "Công ty Cổ phần",
            "Công ty TNHH MTV",
            "Công ty TNHH",
        ],
    );
    let trade = pick(rng, trades());
    let brand = match place {
        Some(p) if super::rng::chance(rng, 0.35) => p,
        _ => *pick(rng, brands()),
    };
    format!("{form} {trade} {brand}")
}

/// A school at a level (Mầm non, Tiểu học, THCS, THPT).
pub fn school(rng: &mut R, level: &str, places: &[&str]) -> String {
    if level == "Mầm non" && super::rng::chance(rng, 0.6) {
        return format!("Trường Mầm non {}", pick(rng, preschools()));
    }
    if !places.is_empty() && super::rng::chance(rng, 0.45) {
        return format!("Trường {level} {}", pick(rng, places));
    }
    format!("Trường {level} {}", pick(rng, persons()))
}

/// Names already used, per scope (a parent, or a group of parents whose
/// children may one day become siblings). Holds bodies (without "Chi bộ").
#[derive(Debug, Default)]
pub struct NameBook {
    scopes: HashMap<u64, BTreeSet<String>>,
}

impl NameBook {
    pub fn contains(&self, scope: u64, body: &str) -> bool {
        self.scopes.get(&scope).is_some_and(|s| s.contains(body))
    }

    /// Take `body` in `scope`; false if taken already.
    pub fn claim(&mut self, scope: u64, body: &str) -> bool {
        self.scopes.entry(scope).or_default().insert(body.to_string())
    }

    /// Draw names until one is free in `scope` (after a few tries, number it).
    pub fn unique(&mut self, scope: u64, rng: &mut R, mut gen: impl FnMut(&mut R) -> String) -> String {
        let mut last = String::new();
        for _ in 0..12 {
            let cand = gen(rng);
            if self.claim(scope, &cand) {
                return cand;
            }
            last = cand;
        }
        for n in 2.. {
            let cand = format!("{last} số {n}");
            if self.claim(scope, &cand) {
                return cand;
            }
        }
        unreachable!()
    }
}

/// Scope key of a parent's children.
pub fn parent_scope(id: u32) -> u64 {
    id as u64
}

/// Scope key of a group of superiors (district, or the city's government side).
pub fn group_scope(group: u32) -> u64 {
    (1u64 << 40) + group as u64
}
