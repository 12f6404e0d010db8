//! The checks a rulebook runs over a year's classifications: each
//! organisation's own, the shares below a committee, and the caps of a group.

use super::*;

impl Rulebook {
    /// Run every rule over the organisations of `scope` (the whole tree if None).
    pub fn check(&self, tree: &Tree, classes: &IdMap<Classification>, scope: Option<OrgId>) -> Vec<Finding> {
        let ids: Vec<OrgId> = match scope {
            Some(s) => tree.subtree(s),
            None => tree.roots().iter().flat_map(|r| tree.subtree(*r)).collect(),
        };
        self.check_orgs(tree, classes, &ids)
    }

    /// Every finding on the organisations `ids` (each one's own checks, and
    /// the collectives' cap over its children).
    pub fn check_orgs(&self, tree: &Tree, classes: &IdMap<Classification>, ids: &[OrgId]) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in ids {
            self.check_one(tree, classes, *id, &mut out);
        }
        if self.has(Rule::CollectivesCap) {
            for id in ids {
                self.check_group_caps(tree, classes, *id, &mut out);
            }
        }
        out
    }

    /// Members not rated as admitted less than 6 months before, against the
    /// admissions of July to December, for the grassroots organisations among
    /// `ids` whose not-rated members are entered by reason.
    pub fn check_not_rated(
        &self,
        tree: &Tree,
        classes: &IdMap<Classification>,
        admissions: &IdMap<crate::domain::Admissions>,
        ids: &[OrgId],
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if !self.has(Rule::NotRatedRecent) {
            return out;
        }
        for id in ids {
            let Some(node) = tree.node(*id).filter(|n| n.kind.is_grassroots()) else {
                continue;
            };
            let own = classes.get(id).and_then(|c| c.members.as_ref());
            let Some(by) = cell_tallies(tree, classes, *id).effective(own).and_then(|t| t.not_rated_by) else {
                continue;
            };
            let admitted: u64 = tree
                .subtree(node.id)
                .iter()
                .filter_map(|o| admissions.get(o))
                .map(|a| a.months[6..].iter().map(|m| *m as u64).sum::<u64>())
                .sum();
            if (by.recent as u64) < admitted {
                out.push(self.finding(
                    *id,
                    Rule::NotRatedRecent,
                    Severity::Warning,
                    Detail::NotRatedRecent {
                        recent: by.recent,
                        admitted,
                    },
                ));
            }
        }
        out
    }

    /// Whether `rule` is applied in a QĐ 366 year only because a setting says so.
    fn by_setting(&self, rule: Rule) -> bool {
        self.regulation == Regulation::Qd366 && matches!(rule, Rule::MembersCap | Rule::CollectivesCap)
    }

    fn finding(&self, org: OrgId, rule: Rule, severity: Severity, detail: Detail) -> Finding {
        Finding {
            org,
            rule,
            regulation: self.regulation,
            severity,
            detail,
            by_setting: self.by_setting(rule),
        }
    }

    /// Checks on one organisation (its kind, and its own classification).
    pub fn check_one(&self, tree: &Tree, classes: &IdMap<Classification>, id: OrgId, out: &mut Vec<Finding>) {
        let Some(node) = tree.node(id) else { return };
        if self.has(Rule::KindMembers) {
            if let Some(d) = kind_members(node.kind, node.total_members, node.total_full()) {
                out.push(self.finding(id, Rule::KindMembers, Severity::Warning, d));
            }
        }
        let Some(c) = classes.get(&id) else { return };
        let own = c.members.as_ref();
        if let Some(t) = own {
            if self.has(Rule::TallySum) && t.sum() != node.total_members as u64 {
                out.push(self.finding(
                    id,
                    Rule::TallySum,
                    Severity::Error,
                    Detail::TallySum {
                        sum: t.sum(),
                        members: node.total_members,
                    },
                ));
            }
        }
        if node.kind.is_grassroots() {
            let cells = cell_tallies(tree, classes, id);
            if self.has(Rule::TalliesPresent) && own.is_none() && !cells.complete() {
                let d = if cells.with_tallies == 0 {
                    Detail::TalliesMissing
                } else {
                    Detail::TalliesPartial {
                        missing: cells.cells - cells.with_tallies,
                        cells: cells.cells,
                    }
                };
                out.push(self.finding(id, Rule::TalliesPresent, Severity::Warning, d));
            }
            if self.has(Rule::TallyLevels) {
                if let Some((own, cells)) = cells.mismatch(own, node.total_members) {
                    out.push(self.finding(id, Rule::TallyLevels, Severity::Error, Detail::TallyLevels { own, cells }));
                }
            }
            if let Some(t) = cells.effective(own).filter(|_| self.has(Rule::MembersCap)) {
                if (t.htxs as u64) * 5 > t.htt as u64 {
                    out.push(self.finding(
                        id,
                        Rule::MembersCap,
                        Severity::Error,
                        Detail::MembersCap { htxs: t.htxs, htt: t.htt },
                    ));
                }
            }
        }
        if self.has(Rule::SubordinateShares) && c.level.good_or_better() {
            self.check_shares(tree, classes, id, c, out);
        }
        if self.regulation.uses_score() {
            match c.score {
                Some(score) if self.has(Rule::ScoreLevel) => {
                    let expected = Level::from_score(score);
                    // QĐ 366, Điều 11: the score's band is a ceiling. A level above
                    // it cannot stand; one below it can (task conditions,
                    // discipline), and its reason belongs in the note.
                    let severity = if c.level.index() < expected.index() {
                        Some(Severity::Error)
                    } else if c.level.index() > expected.index() && c.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                        Some(Severity::Warning)
                    } else {
                        None
                    };
                    if let Some(severity) = severity {
                        out.push(self.finding(
                            id,
                            Rule::ScoreLevel,
                            severity,
                            Detail::ScoreLevel {
                                score,
                                level: c.level,
                                expected,
                            },
                        ));
                    }
                }
                None if self.has(Rule::ScorePresent) => {
                    out.push(self.finding(id, Rule::ScorePresent, Severity::Warning, Detail::ScoreMissing));
                }
                _ => {}
            }
        }
    }

    /// HD 21's shares for an organisation rated HTXS or HTT: a cell on its
    /// members' tallies, a committee on its subordinates' levels (the rated
    /// ones; unrated subordinates are a warning naming how many).
    fn check_shares(&self, tree: &Tree, classes: &IdMap<Classification>, id: OrgId, c: &Classification, out: &mut Vec<Finding>) {
        let Some(node) = tree.node(id) else { return };
        let (rated, good, not_done, on_members) = if node.kind.is_cell() {
            match &c.members {
                Some(t) => (t.rated(), t.good_or_better(), t.kht as u64, true),
                None => (0, 0, 0, true),
            }
        } else {
            let mut r = (0u64, 0u64, 0u64, false);
            let mut unrated = 0u64;
            for ch in &node.children {
                match classes.get(ch) {
                    Some(cc) => {
                        r.0 += 1;
                        r.1 += cc.level.good_or_better() as u64;
                        r.2 += (cc.level == Level::Kht) as u64;
                    }
                    None => unrated += 1,
                }
            }
            if unrated > 0 {
                out.push(self.finding(
                    id,
                    Rule::SubordinateShares,
                    Severity::Warning,
                    Detail::SubordinatesUnrated {
                        level: c.level,
                        unrated,
                        total: node.children.len() as u64,
                    },
                ));
            }
            r
        };
        if rated == 0 {
            return;
        }
        let good_share = crate::domain::indicator::Share::new(good, rated);
        if c.level == Level::Htxs && (not_done > 0 || good_share.at_least(4, 5) == Some(false)) {
            out.push(self.finding(
                id,
                Rule::SubordinateShares,
                Severity::Error,
                Detail::SharesForHtxs {
                    not_done,
                    good,
                    rated,
                    on_members,
                },
            ));
        } else if c.level == Level::Htt && good_share.at_least(1, 2) == Some(false) {
            out.push(self.finding(
                id,
                Rule::SubordinateShares,
                Severity::Error,
                Detail::SharesForHtt { good, rated, on_members },
            ));
        }
    }

    /// The collectives' cap over the children of `parent`, by group of similar collectives.
    pub fn check_group_caps(&self, tree: &Tree, classes: &IdMap<Classification>, parent: OrgId, out: &mut Vec<Finding>) {
        let Some(node) = tree.node(parent) else { return };
        let mut groups: BTreeMap<CapGroup, (u32, u32)> = BTreeMap::new();
        for ch in &node.children {
            let (Some(cn), Some(c)) = (tree.node(*ch), classes.get(ch)) else {
                continue;
            };
            let Some(group) = CapGroup::of(cn.kind) else { continue };
            let g = groups.entry(group).or_default();
            match c.level {
                Level::Htxs => g.0 += 1,
                Level::Htt => g.1 += 1,
                _ => {}
            }
        }
        for (group, (htxs, htt)) in groups {
            if htxs as u64 * 5 > htt as u64 {
                out.push(self.finding(
                    parent,
                    Rule::CollectivesCap,
                    Severity::Error,
                    Detail::CollectivesCap { group, htxs, htt },
                ));
            }
        }
    }
}

/// The cells below grassroots organisation `id` (under its sub-committees too).
pub fn cell_tallies(tree: &Tree, classes: &IdMap<Classification>, id: OrgId) -> CellTallies {
    let mut acc = CellTallies::default();
    let Some(node) = tree.node(id) else { return acc };
    let mut stack: Vec<OrgId> = node.children.clone();
    while let Some(cur) = stack.pop() {
        let Some(n) = tree.node(cur) else { continue };
        if n.kind == OrgKind::Cell {
            acc.add(n.total_members, classes.get(&cur).and_then(|c| c.members.as_ref()));
        } else {
            stack.extend(n.children.iter().copied());
        }
    }
    acc
}

/// Điều lệ Đảng, Điều 21: a grassroots organisation needs 3 or more full
/// members; 30 or more make a đảng bộ cơ sở, fewer a chi bộ cơ sở (the
/// regulations allow exceptions, hence a warning). With `full` unknown, only
/// what the total proves is reported: a cell of 30 or more members, or a
/// committee or cell below the minimum whatever its probationary members.
pub fn kind_members(kind: OrgKind, members: u32, full: Option<u32>) -> Option<Detail> {
    let n = full.unwrap_or(members);
    let off = match kind {
        OrgKind::GrassrootsCell => !(3..30).contains(&n),
        OrgKind::GrassrootsCommittee => n < 30,
        _ => false,
    };
    off.then_some(Detail::KindMembers { kind, members, full })
}
