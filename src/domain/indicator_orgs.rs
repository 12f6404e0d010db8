//! The organisations behind each figure of the Chỉ tiêu screen (a drill-down):
//! for one year and scope, the organisations below HTT, the grassroots
//! organisations with their members' figure, the unrated, those with open
//! findings, those that admitted members (with their months), and the
//! committees directly under the scope (each with its organisations' share).
//! Computed from the same tree, classifications and credits as the report,
//! so a list always matches the figure it drills into.

use super::classification::Classification;
use super::credit::Credits;
use super::finding::Finding;
use super::indicator::Indicator;
use super::kind::OrgKind;
use super::level::Level;
use super::org::OrgId;
use super::rollup::{Footer, RollupRow};
use super::tree::{Register, Tree};
use super::IdMap;
use serde::{Deserialize, Serialize};

/// Which figure the organisations are behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgFigure {
    /// The committees (or organisations) directly under the scope, each with
    /// its organisations' share rated HTT or better: the scope picker.
    Committees,
    /// Organisations rated below HTT (HT, KHT): those keeping the share down.
    Organisations,
    /// Grassroots organisations rated below HTT.
    Grassroots,
    /// Grassroots organisations with their members' share, lowest first.
    Members,
    /// Organisations whose admissions of the year were credited within the scope, with their months.
    Admissions,
    /// Organisations without a classification.
    Unrated,
    /// Organisations with findings of the year's rulebook, most first.
    Findings,
}

/// One organisation behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgLine {
    pub org: OrgId,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub level: Option<Level>,
    /// Committees: its organisations rated HTT or better of those rated;
    /// Members: its members rated HTT or better of those rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Indicator>,
    /// Admissions: credited within the scope, by month, and their sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<[u32; 12]>,
    #[serde(default)]
    pub admitted: u64,
    /// Findings: how many stand on it.
    #[serde(default)]
    pub findings: usize,
}

/// The organisations behind one figure, in the order shown (at most `limit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgList {
    pub year: i32,
    pub scope: OrgId,
    pub scope_code: String,
    pub scope_name: String,
    pub figure: OrgFigure,
    /// How many organisations are behind the figure (lines may hold fewer).
    pub total: usize,
    pub lines: Vec<OrgLine>,
}

/// What a list is computed from (the year's end tree, as the report's).
pub struct OrgListInput<'a> {
    pub year: i32,
    pub register: &'a Register,
    pub tree: &'a Tree,
    pub classes: &'a IdMap<Classification>,
    pub credits: &'a Credits,
    /// The year's findings within the scope (only read for `Findings`).
    pub findings: &'a [Finding],
}

fn line(tree: &Tree, classes: &IdMap<Classification>, id: OrgId) -> Option<OrgLine> {
    let n = tree.node(id)?;
    Some(OrgLine {
        org: id,
        code: n.code.clone(),
        name: n.name.clone(),
        kind: n.kind,
        level: classes.get(&id).map(|c| c.level),
        share: None,
        months: None,
        admitted: 0,
        findings: 0,
    })
}

/// The roll-up of `id`'s subtree with `id` itself counted.
fn footer_with(tree: &Tree, classes: &IdMap<Classification>, id: OrgId, skip_self: bool) -> Footer {
    let ids = tree.subtree(id);
    let rows = ids
        .iter()
        .skip(usize::from(skip_self))
        .filter_map(|i| tree.node(*i))
        .map(|n| RollupRow {
            id: n.id,
            parent: n.parent,
            depth: n.depth,
            kind: n.kind,
            total_members: n.total_members,
            level: classes.get(&n.id).map(|c| c.level),
            tallies: classes.get(&n.id).and_then(|c| c.members.as_ref()),
        });
    Footer::compute(rows, &[])
}

fn below_htt(l: Option<Level>) -> bool {
    matches!(l, Some(Level::Ht) | Some(Level::Kht))
}

/// Worst level first (KHT before HT), then tree order.
fn worst_first(lines: &mut [OrgLine]) {
    lines.sort_by_key(|l| std::cmp::Reverse(l.level));
}

/// The organisations behind `figure` under `scope` (the scope itself left out,
/// as the report leaves it out of its counts).
pub fn list(inp: &OrgListInput<'_>, scope: OrgId, figure: OrgFigure, limit: usize) -> OrgList {
    let tree = inp.tree;
    let classes = inp.classes;
    let below: Vec<OrgId> = tree.subtree(scope).into_iter().skip(1).collect();
    let mut lines: Vec<OrgLine> = match figure {
        OrgFigure::Committees => tree
            .node(scope)
            .map(|n| n.children.clone())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| {
                let mut l = line(tree, classes, c)?;
                let f = footer_with(tree, classes, c, true);
                l.share = Some(f.orgs.indicator());
                Some(l)
            })
            .collect(),
        OrgFigure::Organisations | OrgFigure::Grassroots => {
            let grassroots = figure == OrgFigure::Grassroots;
            let mut v: Vec<OrgLine> = below
                .iter()
                .filter(|id| !grassroots || tree.node(**id).is_some_and(|n| n.kind.is_grassroots()))
                .filter(|id| below_htt(classes.get(id).map(|c| c.level)))
                .filter_map(|id| line(tree, classes, *id))
                .collect();
            worst_first(&mut v);
            v
        }
        OrgFigure::Members => {
            let mut v: Vec<OrgLine> = below
                .iter()
                .filter(|id| tree.node(**id).is_some_and(|n| n.kind.is_grassroots()))
                .filter_map(|id| {
                    let mut l = line(tree, classes, *id)?;
                    let t = footer_with(tree, classes, *id, false).members;
                    let good = t.htxs as u64 + t.htt as u64;
                    l.share = Some(Indicator::of(good, good + t.ht as u64 + t.kht as u64));
                    Some(l)
                })
                .collect();
            // Lowest share first (exactly, cross-multiplied); none rated last.
            v.sort_by(|a, b| {
                let (sa, sb) = (a.share.unwrap_or_default().share, b.share.unwrap_or_default().share);
                match (sa.base, sb.base) {
                    (0, 0) => std::cmp::Ordering::Equal,
                    (0, _) => std::cmp::Ordering::Greater,
                    (_, 0) => std::cmp::Ordering::Less,
                    _ => (sa.part as u128 * sb.base as u128).cmp(&(sb.part as u128 * sa.base as u128)),
                }
            });
            v
        }
        OrgFigure::Unrated => below
            .iter()
            .filter(|id| !classes.contains_key(id))
            .filter_map(|id| line(tree, classes, *id))
            .collect(),
        OrgFigure::Findings => {
            let mut count: IdMap<usize> = IdMap::default();
            for f in inp.findings {
                *count.entry(f.org).or_default() += 1;
            }
            let mut v: Vec<OrgLine> = tree
                .subtree(scope)
                .into_iter()
                .filter_map(|id| {
                    let n = *count.get(&id)?;
                    let mut l = line(tree, classes, id)?;
                    l.findings = n;
                    Some(l)
                })
                .collect();
            v.sort_by_key(|l| std::cmp::Reverse(l.findings));
            v
        }
        OrgFigure::Admissions => {
            let is_root = tree.node(scope).is_some_and(|n| n.parent.is_none());
            let mut by_org: IdMap<[u32; 12]> = IdMap::default();
            for r in &inp.credits.rows {
                let months: [u32; 12] = std::array::from_fn(|m| {
                    if is_root || r.chain(m).is_some_and(|c| c.contains(&scope)) {
                        r.months[m]
                    } else {
                        0
                    }
                });
                if months.iter().any(|n| *n > 0) {
                    by_org.insert(r.org, months);
                }
            }
            // In the tree's order; organisations no longer in it (ended during
            // the year) follow by code.
            let mut v: Vec<OrgLine> = tree
                .subtree(scope)
                .into_iter()
                .filter_map(|id| {
                    let months = by_org.remove(&id)?;
                    let mut l = line(tree, classes, id)?;
                    l.admitted = months.iter().map(|n| *n as u64).sum();
                    l.months = Some(months);
                    Some(l)
                })
                .collect();
            let mut rest: Vec<(OrgId, [u32; 12])> = by_org.into_iter().collect();
            rest.sort_by_key(|(id, _)| *id);
            v.extend(rest.into_iter().map(|(id, months)| OrgLine {
                org: id,
                code: super::admissions_view::name_in_year(inp.register, id, inp.year).0,
                name: super::admissions_view::name_in_year(inp.register, id, inp.year).1,
                kind: inp.register.get(id).map_or(OrgKind::Cell, |o| o.kind),
                level: classes.get(&id).map(|c| c.level),
                share: None,
                admitted: months.iter().map(|n| *n as u64).sum(),
                months: Some(months),
                findings: 0,
            }));
            v
        }
    };
    let total = lines.len();
    lines.truncate(limit);
    let node = tree.node(scope);
    OrgList {
        year: inp.year,
        scope,
        scope_code: node.map(|n| n.code.clone()).unwrap_or_default(),
        scope_name: node.map(|n| n.name.clone()).unwrap_or_default(),
        figure,
        total,
        lines,
    }
}
