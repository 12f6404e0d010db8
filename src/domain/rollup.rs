//! The roll-up of one scope's classifications: organisations and grassroots
//! organisations by level, members' tallies (each grassroots organisation's
//! own, or else its cells'), the 20% caps used against allowed, and the
//! verdicts of indicator 1. The report and the classification grid's footer
//! are both this one computation, so they cannot disagree.

use super::classification::Tallies;
use super::finding::CapGroup;
use super::indicator::Indicator;
use super::kind::OrgKind;
use super::level::Level;
use super::org::OrgId;
use super::rules::Rule;
use super::tally::CellTallies;
use serde::{Deserialize, Serialize};

/// One organisation as the roll-up reads it. Rows come parents before
/// children (preorder), each with its depth.
#[derive(Debug, Clone, Copy)]
pub struct RollupRow<'a> {
    pub id: OrgId,
    pub parent: Option<OrgId>,
    pub depth: u16,
    pub kind: OrgKind,
    pub total_members: u32,
    pub level: Option<Level>,
    pub tallies: Option<&'a Tallies>,
}

/// Organisations by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub total: u64,
    pub rated: u64,
    pub by_level: [u64; 4],
}

impl Counts {
    fn count(&mut self, level: Option<Level>) {
        self.total += 1;
        if let Some(l) = level {
            self.rated += 1;
            self.by_level[l.index()] += 1;
        }
    }

    pub fn good(&self) -> u64 {
        self.by_level[0] + self.by_level[1]
    }

    /// HTT or better of those rated, against indicator 1.
    pub fn indicator(&self) -> Indicator {
        Indicator::of(self.good(), self.rated)
    }

    /// Share HTT or better of those rated, one decimal (display only).
    pub fn good_pct(&self) -> Option<f64> {
        self.indicator().pct()
    }
}

/// HTXS used against the 20% of HTT allowed, summed over the groups the cap counts in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapUse {
    pub used: u64,
    pub allowed: u64,
}

/// The roll-up of one scope (the footer's view-model; the report's counts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    pub orgs: Counts,
    pub grassroots: Counts,
    /// The members' tallies that count for each grassroots organisation, summed.
    pub members: Tallies,
    /// Members of the grassroots organisations (the tree's counts).
    pub members_total: u64,
    /// Grassroots organisations with no tallies at all (neither own nor cells').
    pub without_tallies: u64,
    /// Whether the members' cap is in force that year (and shown).
    pub member_cap: bool,
    /// Members HTXS against 20% of HTT, per grassroots organisation, summed.
    pub member_cap_allowed: u64,
    /// Whether the collectives' cap is in force that year (and shown).
    pub org_cap: bool,
    /// Organisations HTXS against 20% of HTT within each group of similar collectives, summed.
    pub org_cap_used: u64,
    pub org_cap_allowed: u64,
    /// Findings on the scope and below (filled by whoever holds the findings).
    pub findings: usize,
}

impl Footer {
    /// Members HTT or better of those rated, against indicator 1.
    pub fn members_indicator(&self) -> Indicator {
        Indicator::of(self.members.good_or_better(), self.members.rated())
    }

    /// Share of members HTT or better, one decimal (display only).
    pub fn member_good_pct(&self) -> Option<f64> {
        self.members_indicator().pct()
    }

    pub fn member_cap_use(&self) -> CapUse {
        CapUse {
            used: self.members.htxs as u64,
            allowed: self.member_cap_allowed,
        }
    }

    pub fn org_cap_use(&self) -> CapUse {
        CapUse {
            used: self.org_cap_used,
            allowed: self.org_cap_allowed,
        }
    }

    /// Roll up `rows` (the scope's organisations in preorder, the scope itself
    /// left out) under the rules in force.
    pub fn compute<'a>(rows: impl IntoIterator<Item = RollupRow<'a>>, rules: &[Rule]) -> Footer {
        let mut f = Footer {
            member_cap: rules.contains(&Rule::MembersCap),
            org_cap: rules.contains(&Rule::CollectivesCap),
            ..Default::default()
        };
        let mut groups: rustc_hash::FxHashMap<(OrgId, CapGroup), (u64, u64)> = Default::default();
        // The grassroots organisation open in the preorder walk: (depth, own tallies, its cells).
        let mut open: Option<(u16, Option<Tallies>, CellTallies)> = None;
        for r in rows {
            if open.as_ref().is_some_and(|(d, _, _)| r.depth <= *d) {
                f.close(open.take());
            }
            f.orgs.count(r.level);
            if let (Some(l), Some(p), Some(g)) = (r.level, r.parent, CapGroup::of(r.kind)) {
                let e = groups.entry((p, g)).or_default();
                match l {
                    Level::Htxs => e.0 += 1,
                    Level::Htt => e.1 += 1,
                    _ => {}
                }
            }
            if r.kind.is_grassroots() {
                // Grassroots organisations do not nest; should a register hold one
                // inside another, the outer one is counted with what it has so far.
                f.close(open.take());
                f.grassroots.count(r.level);
                f.members_total += r.total_members as u64;
                open = Some((r.depth, r.tallies.copied(), CellTallies::default()));
            } else if r.kind == OrgKind::Cell {
                if let Some((_, _, cells)) = open.as_mut() {
                    cells.add(r.total_members, r.tallies);
                }
            }
        }
        f.close(open.take());
        for (htxs, htt) in groups.values() {
            f.org_cap_used += htxs;
            f.org_cap_allowed += htt / 5;
        }
        f
    }

    /// Count a grassroots organisation once its cells are all seen.
    fn close(&mut self, open: Option<(u16, Option<Tallies>, CellTallies)>) {
        let Some((_, own, cells)) = open else { return };
        match cells.effective(own.as_ref()) {
            Some(t) => {
                self.members.add(&t);
                self.member_cap_allowed += t.htt as u64 / 5;
            }
            None => self.without_tallies += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: OrgId, parent: OrgId, depth: u16, kind: OrgKind, level: Option<Level>, t: Option<&Tallies>) -> RollupRow<'_> {
        RollupRow {
            id,
            parent: Some(parent),
            depth,
            kind,
            total_members: t.map(|t| t.sum() as u32).unwrap_or(10),
            level,
            tallies: t,
        }
    }

    #[test]
    fn cells_tallies_count_when_the_grassroots_has_none() {
        let a = Tallies {
            htxs: 1,
            htt: 8,
            ht: 1,
            kht: 0,
            not_rated: 0,
            not_rated_by: None,
        };
        let rows = vec![
            row(3, 2, 1, OrgKind::GrassrootsCommittee, Some(Level::Htt), None),
            row(10, 3, 2, OrgKind::Cell, Some(Level::Htt), Some(&a)),
            row(11, 3, 2, OrgKind::Cell, Some(Level::Htxs), Some(&a)),
            row(100, 2, 1, OrgKind::GrassrootsCell, Some(Level::Htxs), Some(&a)),
        ];
        let f = Footer::compute(rows, &[Rule::MembersCap, Rule::CollectivesCap]);
        assert_eq!(f.members.htt, 24);
        assert_eq!(f.without_tallies, 0);
        assert_eq!(f.grassroots.rated, 2);
        // Grassroots group under 2: 1 HTXS, 1 HTT; cells under 3: 1 HTXS, 1 HTT.
        assert_eq!((f.org_cap_used, f.org_cap_allowed), (2, 0));
        assert_eq!(f.member_cap_allowed, 3 + 1);
    }
}
