//! Roll-ups and the programme's indicators for one year and one subtree.

use super::admission::{Admissions, Target};
pub use super::admissions_view::AdmissionSummary;
use super::admissions_view::{self, AdmissionInput, PaceBasis};
use super::classification::Classification;
use super::credit::Credits;
use super::level::Level;
use super::org::OrgId;
use super::rollup::{Counts, Footer, RollupRow};
use super::rules::{Finding, Rule, RuleSettings, Rulebook};
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
    /// (HTXS + HTT) / rated, one decimal (display only).
    pub good_or_better_pct: Option<f64>,
    /// Indicator 1 (above 75%), decided on the exact counts; None when nothing is rated.
    #[serde(default)]
    pub indicator_met: Option<bool>,
}

impl LevelCounts {
    fn from_counts(c: &Counts) -> LevelCounts {
        let i = c.indicator();
        LevelCounts {
            rated: c.rated,
            unrated: c.total - c.rated,
            htxs: c.by_level[0],
            htt: c.by_level[1],
            ht: c.by_level[2],
            kht: c.by_level[3],
            good_or_better_pct: i.pct(),
            indicator_met: i.met,
        }
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
    /// Grassroots organisations with no tallies (neither their own nor their cells').
    pub grassroots_without_tallies: u64,
    /// (HTXS + HTT) / rated members (not-rated members left out), one decimal (display only).
    pub good_or_better_pct: Option<f64>,
    /// Indicator 1 (above 75%), decided on the exact counts; None when nothing is rated.
    #[serde(default)]
    pub indicator_met: Option<bool>,
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
}

/// The roll-up of the organisations below `scope` (the scope itself left out)
/// under `rules`: the report's counts and the grid's footer.
pub fn rollup(tree: &Tree, classes: &IdMap<Classification>, scope: OrgId, rules: &[Rule]) -> Footer {
    let ids = tree.subtree(scope);
    let rows = ids.iter().skip(1).filter_map(|id| tree.node(*id)).map(|n| RollupRow {
        id: n.id,
        parent: n.parent,
        depth: n.depth,
        kind: n.kind,
        total_members: n.total_members,
        level: classes.get(&n.id).map(|c| c.level),
        tallies: classes.get(&n.id).and_then(|c| c.members.as_ref()),
    });
    Footer::compute(rows, rules)
}

/// Compute the roll-up for the subtree under `scope` (the scope itself is not counted
/// among its organisations; it is rated by the level above).
pub fn compute(data: &YearData<'_>, scope: OrgId) -> Report {
    let tree = data.tree;
    let rules = Rulebook::for_year(data.year, data.settings).map(|rb| rb.rules).unwrap_or_default();
    let footer = rollup(tree, data.classes, scope, &rules);
    let orgs = LevelCounts::from_counts(&footer.orgs);
    let grassroots = LevelCounts::from_counts(&footer.grassroots);
    let t = &footer.members;
    let mi = footer.members_indicator();
    let members = MemberCounts {
        htxs: t.htxs as u64,
        htt: t.htt as u64,
        ht: t.ht as u64,
        kht: t.kht as u64,
        not_rated: t.not_rated as u64,
        total: footer.members_total,
        grassroots_without_tallies: footer.without_tallies,
        good_or_better_pct: mi.pct(),
        indicator_met: mi.met,
    };

    let credits = Credits::build(data.register, data.admissions, data.year);
    let finished = PaceBasis::finished();
    let admissions = admissions_view::summary(
        &AdmissionInput {
            year: data.year,
            register: data.register,
            tree,
            credits: &credits,
            target: data.target,
            pace: data.pace.unwrap_or(&finished),
        },
        scope,
    );

    let findings = Rulebook::for_year(data.year, data.settings)
        .map(|rb| {
            let mut f = rb.check(tree, data.classes, Some(scope));
            f.extend(rb.check_not_rated(tree, data.classes, data.admissions, &tree.subtree(scope)));
            f
        })
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
