//! Roll-ups and the programme's indicators for one year and one subtree.

use super::admission::{Admissions, Target};
pub use super::admissions_view::AdmissionSummary;
use super::admissions_view::{self, AdmissionInput, PaceBasis};
use super::classification::{Classification, Tallies};
use super::credit::Credits;
use super::level::Level;
use super::org::OrgId;
use super::rules::{Finding, RuleSettings, Rulebook};
use super::tree::{Register, Tree};
use crate::domain::IdMap;
use serde::{Deserialize, Serialize};

/// Round to one decimal place.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `n` as a percentage of `d`, one decimal; None when `d` is 0.
pub fn percent(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| round1(n as f64 * 100.0 / d as f64))
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelCounts {
    pub rated: u64,
    pub unrated: u64,
    pub htxs: u64,
    pub htt: u64,
    pub ht: u64,
    pub kht: u64,
    /// (HTXS + HTT) / rated, one decimal.
    pub good_or_better_pct: Option<f64>,
}

impl LevelCounts {
    fn count(&mut self, level: Option<Level>) {
        match level {
            None => self.unrated += 1,
            Some(l) => {
                self.rated += 1;
                match l {
                    Level::Htxs => self.htxs += 1,
                    Level::Htt => self.htt += 1,
                    Level::Ht => self.ht += 1,
                    Level::Kht => self.kht += 1,
                }
            }
        }
    }

    fn finish(&mut self) {
        self.good_or_better_pct = percent(self.htxs + self.htt, self.rated);
    }

    pub fn by_level(&self, level: Level) -> u64 {
        match level {
            Level::Htxs => self.htxs,
            Level::Htt => self.htt,
            Level::Ht => self.ht,
            Level::Kht => self.kht,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberCounts {
    pub htxs: u64,
    pub htt: u64,
    pub ht: u64,
    pub kht: u64,
    pub not_rated: u64,
    /// Members in grassroots organisations of the scope (the tree's counts).
    pub total: u64,
    /// Grassroots organisations whose tallies are not entered yet.
    pub grassroots_without_tallies: u64,
    /// (HTXS + HTT) / rated members (not-rated members left out), one decimal.
    pub good_or_better_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub year: i32,
    pub scope: OrgId,
    pub organisations: LevelCounts,
    pub grassroots: LevelCounts,
    pub members: MemberCounts,
    pub admissions: AdmissionSummary,
    pub findings: Vec<Finding>,
}

/// Everything a report for one year reads.
pub struct YearData<'a> {
    pub year: i32,
    pub register: &'a Register,
    pub tree: &'a Tree,
    pub classes: &'a IdMap<Classification>,
    pub admissions: &'a IdMap<Admissions>,
    pub target: Option<&'a Target>,
    pub settings: &'a RuleSettings,
    /// How far the year has gone and the monthly shape (None: a finished year).
    pub pace: Option<&'a PaceBasis>,
    /// The year's admissions already placed (built here when None).
    pub credits: Option<&'a Credits>,
}

/// Compute the roll-up for the subtree under `scope` (the scope itself is not counted
/// among its organisations; it is rated by the level above).
pub fn compute(data: &YearData<'_>, scope: OrgId) -> Report {
    let tree = data.tree;
    let ids = tree.subtree(scope);
    let mut orgs = LevelCounts::default();
    let mut grassroots = LevelCounts::default();
    let mut members = MemberCounts::default();
    let mut tallies = Tallies::default();
    for id in ids.iter().skip(1) {
        let Some(node) = tree.node(*id) else { continue };
        let class = data.classes.get(id);
        orgs.count(class.map(|c| c.level));
        if node.kind.is_grassroots() {
            grassroots.count(class.map(|c| c.level));
            members.total += node.total_members as u64;
            match class.and_then(|c| c.members.as_ref()) {
                Some(t) => tallies.add(t),
                None => members.grassroots_without_tallies += 1,
            }
        }
    }
    orgs.finish();
    grassroots.finish();
    members.htxs = tallies.htxs as u64;
    members.htt = tallies.htt as u64;
    members.ht = tallies.ht as u64;
    members.kht = tallies.kht as u64;
    members.not_rated = tallies.not_rated as u64;
    members.good_or_better_pct = percent(tallies.good_or_better(), tallies.rated());

    let built;
    let credits = match data.credits {
        Some(c) => c,
        None => {
            built = Credits::build(data.register, data.admissions, data.year);
            &built
        }
    };
    let finished = PaceBasis::finished();
    let admissions = admissions_view::summary(
        &AdmissionInput {
            year: data.year,
            register: data.register,
            tree,
            credits,
            target: data.target,
            pace: data.pace.unwrap_or(&finished),
        },
        scope,
    );

    let findings = Rulebook::for_year(data.year, data.settings)
        .map(|rb| rb.check(tree, data.classes, Some(scope)))
        .unwrap_or_default();

    Report {
        year: data.year,
        scope,
        organisations: orgs,
        grassroots,
        members,
        admissions,
        findings,
    }
}
