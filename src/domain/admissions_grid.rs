//! The admissions entry grid: organisations grouped under the directly
//! subordinate committee they stood under in the chosen month, × 12 months,
//! with totals per row, per committee and per month, sent as a window.
//!
//! A committee's line holds what was credited to it month by month (see
//! `credit`), so an organisation that moved during the year adds to its old
//! committee's months before the move although its row is listed under the
//! committee of the chosen month.

use super::admission::Admissions;
use super::credit::{self, Credits};
use super::org::OrgId;
use super::text::{fold, Collator};
use super::tree::{Register, Tree};
use super::IdMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
pub enum GridLine {
    /// A committee's heading with its credited months.
    Committee {
        org: OrgId,
        code: String,
        name: String,
        /// Organisation rows under it (after the filter).
        rows: usize,
        by_month: [u64; 12],
        total: u64,
    },
    /// An organisation: a cell is None in a month it did not exist (no entry).
    Org {
        org: OrgId,
        code: String,
        name: String,
        committee: OrgId,
        cells: [Option<u32>; 12],
        total: u64,
        /// The record's version (0 when none was written yet).
        version: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridView {
    pub year: i32,
    /// The month whose committees group the rows (1-12).
    pub month: u32,
    /// Every line after the filter (committee headings included).
    pub total_lines: usize,
    pub offset: usize,
    pub lines: Vec<GridLine>,
    /// Totals by month of the scope (all organisations, filter or not).
    pub by_month: [u64; 12],
    pub total: u64,
}

/// What the grid is built from.
pub struct GridInput<'a> {
    pub year: i32,
    pub month: u32,
    pub register: &'a Register,
    pub admissions: &'a IdMap<Admissions>,
    pub credits: &'a Credits,
    /// Only organisations standing at or below this one in `month` (one that
    /// did not exist then: on its nearest day, under its committee of then).
    pub scope: OrgId,
    /// Whether the scope is the city (every count is in scope).
    pub scope_is_root: bool,
    pub filter: Option<&'a str>,
    /// The tree of the month's decisive day, siblings in Vietnamese order:
    /// rows and committees follow it (no sorting per request).
    pub tree: &'a Tree,
    /// Orders what is not in that tree (ended or founded during the month) by name.
    pub collator: &'a Collator,
}

/// A line of the grid without its figures: what depends only on the
/// register, the month, the scope and the filter (kept between requests;
/// the figures are filled in for the window sent).
#[derive(Debug, Clone, PartialEq)]
pub enum Skel {
    Committee {
        unit: OrgId,
        code: String,
        name: String,
        rows: usize,
    },
    Org {
        org: OrgId,
        unit: OrgId,
        code: String,
        name: String,
    },
}

/// The grid's lines in order, without figures. Organisation rows are the
/// grassroots organisations of the year and anything with a record, so a
/// new record of another organisation changes it.
pub fn skeleton(inp: &GridInput<'_>) -> Vec<Skel> {
    let reg = inp.register;
    let year = inp.year;
    let needle = inp.filter.map(|f| fold(f.trim())).filter(|f| !f.is_empty());
    // Organisation rows: grassroots organisations of the year and anything with a record.
    let mut rows: Vec<(OrgId, OrgId, String, String)> = Vec::new();
    let tree = inp.tree;
    for o in reg.iter() {
        if !(o.kind.is_grassroots() || inp.admissions.contains_key(&o.id)) || !o.alive_in_year(year) {
            continue;
        }
        // In the month's tree (alive on its decisive day): placed by the tree;
        // otherwise on its nearest day in the register.
        let (unit, name) = if let Some(node) = tree.node(o.id) {
            if !tree.is_within(o.id, inp.scope) {
                continue;
            }
            let unit = if node.parent.is_none() { Some(o.id) } else { tree.top_unit(o.id) };
            let Some(unit) = unit else { continue };
            (unit, node.name.clone())
        } else {
            let Some(date) = credit::decisive_date(o, year, inp.month) else {
                continue;
            };
            let Some(chain) = credit::chain_at(reg, o.id, date) else { continue };
            if !chain.contains(&inp.scope) {
                continue;
            }
            let Some(unit) = credit::unit_of(&chain) else { continue };
            let name = o
                .state_at(date)
                .map(|s| s.name.to_string())
                .unwrap_or_else(|| o.last_name().to_string());
            (unit, name)
        };
        rows.push((o.id, unit, o.code.clone(), name));
    }
    let unit_name = |id: OrgId| super::admissions_view::name_in_year(reg, id, year);
    let matches = |code: &str, name: &str| {
        needle
            .as_ref()
            .is_none_or(|n| fold(code).contains(n.as_str()) || fold(name).contains(n.as_str()))
    };
    let mut groups: Vec<(OrgId, String, String)> = rows
        .iter()
        .map(|r| r.1)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|u| {
            let (c, n) = unit_name(u);
            (u, c, n)
        })
        .collect();
    // Positions in the month's tree: of the scope's subtree, and of the
    // committees (which may stand above a scope below them).
    let mut position: IdMap<usize> = IdMap::default();
    let top: Vec<OrgId> = if inp.scope_is_root {
        tree.roots().to_vec()
    } else {
        vec![inp.scope]
    };
    for r in top {
        for id in tree.subtree(r) {
            let n = position.len();
            position.insert(id, n);
        }
    }
    for r in tree.roots() {
        for c in tree.node(*r).map(|n| n.children.as_slice()).unwrap_or_default() {
            let n = position.len();
            position.entry(*c).or_insert(n);
        }
    }
    let pos = |id: &OrgId| position.get(id).copied().unwrap_or(usize::MAX);
    groups.sort_by(|a, b| {
        pos(&a.0)
            .cmp(&pos(&b.0))
            .then_with(|| inp.collator.compare(&a.2, &b.2))
            .then(a.1.cmp(&b.1))
    });
    rows.sort_by(|a, b| {
        pos(&a.0)
            .cmp(&pos(&b.0))
            .then_with(|| inp.collator.compare(&a.3, &b.3))
            .then(a.2.cmp(&b.2))
    });
    let mut out = Vec::new();
    for (unit, code, name) in groups {
        let group_matches = matches(&code, &name);
        let mine: Vec<&(OrgId, OrgId, String, String)> = rows
            .iter()
            .filter(|r| r.1 == unit && (group_matches || matches(&r.2, &r.3)))
            .collect();
        if mine.is_empty() {
            continue;
        }
        out.push(Skel::Committee {
            unit,
            code,
            name,
            rows: mine.len(),
        });
        for (id, _, code, name) in mine {
            out.push(Skel::Org {
                org: *id,
                unit,
                code: code.clone(),
                name: name.clone(),
            });
        }
    }
    out
}

/// Lines `offset..offset + limit` of a skeleton with their figures: each
/// committee's credited months (kept in `credits`), each organisation's cells.
pub fn window(
    skel: &[Skel],
    offset: usize,
    limit: usize,
    year: i32,
    register: &Register,
    admissions: &IdMap<Admissions>,
    credits: &Credits,
) -> Vec<GridLine> {
    skel.iter()
        .skip(offset)
        .take(limit)
        .filter_map(|l| match l {
            Skel::Committee { unit, code, name, rows } => {
                let credited = credits.of_unit(*unit);
                Some(GridLine::Committee {
                    org: *unit,
                    code: code.clone(),
                    name: name.clone(),
                    rows: *rows,
                    by_month: credited,
                    total: credited.iter().sum(),
                })
            }
            Skel::Org { org, unit, code, name } => {
                let o = register.get(*org)?;
                let rec = admissions.get(org);
                let cells: [Option<u32>; 12] =
                    std::array::from_fn(|m| credit::existed_in_month(o, year, m as u32 + 1).then(|| rec.map_or(0, |a| a.months[m])));
                Some(GridLine::Org {
                    org: *org,
                    code: code.clone(),
                    name: name.clone(),
                    committee: *unit,
                    cells,
                    total: rec.map_or(0, |a| a.total()),
                    version: rec.map_or(0, |a| a.version),
                })
            }
        })
        .collect()
}

/// Every line of the grid with the scope's totals by month.
pub fn lines(inp: &GridInput<'_>) -> (Vec<GridLine>, [u64; 12]) {
    let skel = skeleton(inp);
    let by_month = if inp.scope_is_root {
        inp.credits.by_month()
    } else {
        inp.credits.within(inp.scope)
    };
    let lines = window(&skel, 0, skel.len(), inp.year, inp.register, inp.admissions, inp.credits);
    (lines, by_month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::credit::tests::{reorganised, year_2025};

    fn grid(month: u32, scope: OrgId, filter: Option<&str>) -> (Vec<GridLine>, [u64; 12]) {
        let reg = reorganised();
        let adm = year_2025();
        let credits = Credits::build(&reg, &adm, 2025);
        let collator = Collator::vietnamese();
        let mut tree = reg.tree_at(chrono::NaiveDate::from_ymd_opt(2025, month, 15).unwrap());
        tree.sort_children(&collator);
        lines(&GridInput {
            year: 2025,
            month,
            register: &reg,
            admissions: &adm,
            credits: &credits,
            scope,
            scope_is_root: scope == 1,
            filter,
            tree: &tree,
            collator: &collator,
        })
    }

    fn shape(lines: &[GridLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| match l {
                GridLine::Committee { code, rows, total, .. } => format!("{code} ({rows}) {total}"),
                GridLine::Org { code, total, cells, .. } => {
                    format!("  {code} {total} {}", cells.iter().filter(|c| c.is_none()).count())
                }
            })
            .collect()
    }

    #[test]
    fn grouped_by_the_committee_of_the_month() {
        // In March: BD.01 and BD.02 under BD (BD.02 moved on 20/3, after the 15th), TH.01 under TH.
        let (l, by_month) = grid(3, 1, None);
        assert_eq!(
            shape(&l),
            ["BD (3) 54", "  BD 3 6", "  BD.01 78 0", "  BD.02 45 0", "TH (1) 21", "  TH.01 6 0"]
        );
        assert_eq!(by_month.iter().sum::<u64>(), 132);
        // In September: BD.01 under PBD, BD.02 under TH; BD (dissolved 1/7) stays
        // under itself, its last committee, after the committees of September,
        // so its first half can still be entered. The committee lines keep what
        // was credited to them month by month.
        let (l, _) = grid(9, 1, None);
        assert_eq!(
            shape(&l),
            [
                "PBD (1) 57",
                "  BD.01 78 0",
                "TH (2) 21",
                "  BD.02 45 0",
                "  TH.01 6 0",
                "BD (1) 54",
                "  BD 3 6"
            ]
        );
        // The district's own row has no cells from July (it was dissolved on 1/7).
        let (l, _) = grid(3, 1, Some("BD"));
        let GridLine::Org { cells, .. } = &l[1] else { panic!() };
        assert_eq!(cells[5], Some(3));
        assert_eq!(cells[6], None);
    }

    #[test]
    fn filtered_and_scoped() {
        // The filter matches codes and names without diacritics.
        let (l, _) = grid(9, 1, Some("th.01"));
        assert_eq!(shape(&l), ["TH (1) 21", "  TH.01 6 0"]);
        let (l, _) = grid(9, 1, Some("to chuc bd.02"));
        assert_eq!(shape(&l), ["TH (1) 21", "  BD.02 45 0"]);
        // The ward's scope in September: its one organisation, its months only in the totals.
        let (l, by_month) = grid(9, 4, None);
        assert_eq!(shape(&l), ["PBD (1) 57", "  BD.01 78 0"]);
        assert_eq!(by_month.iter().sum::<u64>(), 57);
    }
}
