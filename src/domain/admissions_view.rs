//! Admissions of a year against the plan, the range and the committees'
//! allocations: the `admissions` part of a report and of the dashboard.
//!
//! Months are credited to the committee of that month (`credit`); a
//! committee's allocation is compared with what was credited to it in the
//! months it stood directly under the city committee.

use super::admission::{default_range, Target};
pub use super::admissions_targets::{months_label, target_view, target_view_of, AllocationLine, TargetView};
pub use super::admissions_term::{planning_horizon, rank, term_view, terms, Dashboard, Term, TermView, TermYear};
use super::credit::{self, Credits, UnitSpan};
use super::org::OrgId;
use super::pace::Shape;
use super::report::percent;
use super::tree::{Register, Tree};
use serde::{Deserialize, Serialize};

/// What the pace is measured with: the shape of the months and how many are done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaceBasis {
    pub shape: Shape,
    /// Months completed (0-12).
    pub months_done: u32,
    /// Whether the year is the current one (pace and projection are shown).
    pub current: bool,
}

impl PaceBasis {
    /// A finished year: every comparison is with the whole target.
    pub fn finished() -> PaceBasis {
        PaceBasis {
            shape: Shape::straight(),
            months_done: 12,
            current: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdmissionSummary {
    pub total: u64,
    pub by_month: [u64; 12],
    pub plan: Option<u32>,
    pub range: Option<(u32, u32)>,
    pub pct_of_plan: Option<f64>,
    /// Where the total stands against the range: "below", "within", "above".
    pub against_range: Option<String>,
    /// Whether the total lies within the range (None without a range).
    #[serde(default)]
    pub within_range: Option<bool>,
    /// Each directly subordinate committee of the year (city scope, or the
    /// scope itself when it is one), by code; they add up to `total`.
    #[serde(default)]
    pub by_committee: Vec<CommitteeAdmissions>,
    /// The sum of the allocations of the year (city scope).
    #[serde(default)]
    pub allocations_total: u64,
    /// allocations_total − plan (None without a plan or allocations).
    #[serde(default)]
    pub allocations_minus_plan: Option<i64>,
    /// For the current year: the pace to the plan.
    #[serde(default)]
    pub pace: Option<PaceView>,
    /// For the current year: the projected year-end total.
    #[serde(default)]
    pub projected: Option<Projection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeAdmissions {
    /// None for counts that could not be placed in the tree.
    pub org: Option<OrgId>,
    pub code: String,
    pub name: String,
    pub total: u64,
    pub by_month: [u64; 12],
    /// The months it stood directly under the city committee.
    pub months: [bool; 12],
    pub allocation: Option<u32>,
    pub pct_of_allocation: Option<f64>,
    /// The part of the allocation due by the end of the months done.
    pub due_to_date: Option<u64>,
    /// Credited by the end of the months done.
    pub done_to_date: u64,
    /// Behind the pace to its allocation (None without an allocation).
    pub behind_pace: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaceView {
    pub method: super::pace::PaceMethod,
    /// The earlier years the shape comes from.
    pub years: Vec<i32>,
    pub months_done: u32,
    /// What the pace leads to: the plan, or the low end of the range without one.
    pub target: u64,
    pub target_is: String,
    /// Cumulative pace at the end of each month.
    pub curve: [u64; 12],
    /// Cumulative admissions at the end of each month done.
    pub cumulative: Vec<u64>,
    pub due_to_date: u64,
    pub done_to_date: u64,
    pub behind: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub total: u64,
    /// "seasonal" (the past years' shape) or "linear" (a straight line).
    pub method: String,
    pub months_done: u32,
    pub pct_of_plan: Option<f64>,
    pub within_range: Option<bool>,
}

/// Everything the admissions of one year are measured with.
pub struct AdmissionInput<'a> {
    pub year: i32,
    pub register: &'a Register,
    /// The tree of the year's last day (the scope must be in it).
    pub tree: &'a Tree,
    pub credits: &'a Credits,
    pub target: Option<&'a Target>,
    pub pace: &'a PaceBasis,
}

pub(super) fn against(total: u64, range: Option<(u32, u32)>) -> Option<&'static str> {
    range.map(|(lo, hi)| {
        if total < lo as u64 {
            "below"
        } else if total > hi as u64 {
            "above"
        } else {
            "within"
        }
    })
}

/// The name an organisation had in its last month of `year`.
pub fn name_in_year(reg: &Register, id: OrgId, year: i32) -> (String, String) {
    let Some(o) = reg.get(id) else {
        return (String::new(), String::new());
    };
    let last = super::year_end(year).min(o.ended_on().and_then(|e| e.pred_opt()).unwrap_or(chrono::NaiveDate::MAX));
    let name = o
        .state_at(last)
        .map(|s| s.name.to_string())
        .unwrap_or_else(|| o.last_name().to_string());
    (o.code.clone(), name)
}

/// The committee rows of a year: every unit of the year, and any committee
/// credited without being one (e.g. the city committee's own admissions).
pub fn committee_rows(inp: &AdmissionInput<'_>, root: OrgId, units: &[UnitSpan]) -> Vec<CommitteeAdmissions> {
    let by_unit = inp.credits.by_unit();
    let pace = inp.pace;
    let mut rows: Vec<CommitteeAdmissions> = Vec::new();
    let mut push = |org: Option<OrgId>, months: [bool; 12]| {
        let by_month = by_unit.get(&org).copied().unwrap_or([0; 12]);
        let total: u64 = by_month.iter().sum();
        let done_to_date: u64 = by_month.iter().take(pace.months_done as usize).sum();
        let allocation = org.and_then(|o| inp.target.and_then(|t| t.allocations.get(&o).copied()));
        let (code, name) = match org {
            Some(id) => name_in_year(inp.register, id, inp.year),
            None => ("?".into(), "—".into()),
        };
        rows.push(CommitteeAdmissions {
            org,
            code,
            name,
            total,
            by_month,
            months,
            allocation,
            pct_of_allocation: allocation.and_then(|a| percent(total, a as u64)),
            due_to_date: allocation.map(|a| pace.shape.due(a as u64, &months, pace.months_done)),
            done_to_date,
            behind_pace: allocation.map(|a| pace.shape.behind(done_to_date, a as u64, &months, pace.months_done)),
        });
    };
    for u in units {
        push(Some(u.id), u.months);
    }
    for (org, months) in &by_unit {
        let listed = org.is_some_and(|o| units.iter().any(|u| u.id == o));
        if !listed && months.iter().any(|n| *n > 0) {
            let active = if *org == Some(root) { [true; 12] } else { months.map(|n| n > 0) };
            push(*org, active);
        }
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    rows
}

/// The admissions part of the report for `scope`.
pub fn summary(inp: &AdmissionInput<'_>, scope: OrgId) -> AdmissionSummary {
    let tree = inp.tree;
    let is_city = tree.node(scope).is_some_and(|n| n.parent.is_none());
    let (by_month, by_committee) = if is_city {
        let units = credit::units_in_year(inp.register, scope, inp.year);
        (inp.credits.by_month(), committee_rows(inp, scope, &units))
    } else {
        let root = tree.roots().first().copied().unwrap_or(scope);
        let rows = if tree.node(scope).and_then(|n| n.parent) == Some(root) {
            let units: Vec<UnitSpan> = credit::units_in_year(inp.register, root, inp.year)
                .into_iter()
                .filter(|u| u.id == scope)
                .collect();
            committee_rows(inp, root, &units)
                .into_iter()
                .filter(|r| r.org == Some(scope))
                .collect()
        } else {
            Vec::new()
        };
        (inp.credits.within(scope), rows)
    };
    let total: u64 = by_month.iter().sum();
    let (plan, range) = match (inp.target, is_city) {
        (Some(t), true) => (t.plan, t.effective_range()),
        (Some(t), false) => (t.allocations.get(&scope).copied(), None),
        (None, true) => (None, default_range(inp.year)),
        (None, false) => (None, None),
    };
    let allocations_total: u64 = if is_city {
        inp.target.map(|t| t.allocations.values().map(|a| *a as u64).sum()).unwrap_or(0)
    } else {
        0
    };
    let allocations_minus_plan = match (plan, is_city && inp.target.is_some_and(|t| !t.allocations.is_empty())) {
        (Some(p), true) => Some(allocations_total as i64 - p as i64),
        _ => None,
    };
    let pace = inp.pace;
    let target = plan.map(|p| (p as u64, "plan")).or(range.map(|(lo, _)| (lo as u64, "range_low")));
    let all = [true; 12];
    let done_to_date: u64 = by_month.iter().take(pace.months_done as usize).sum();
    let pace_view = match (pace.current, target) {
        (true, Some((t, what))) => Some(PaceView {
            method: pace.shape.method,
            years: pace.shape.years.clone(),
            months_done: pace.months_done,
            target: t,
            target_is: what.into(),
            curve: pace.shape.curve(t),
            cumulative: by_month
                .iter()
                .take(pace.months_done as usize)
                .scan(0u64, |acc, n| {
                    *acc += n;
                    Some(*acc)
                })
                .collect(),
            due_to_date: pace.shape.due(t, &all, pace.months_done),
            done_to_date,
            behind: pace.shape.behind(done_to_date, t, &all, pace.months_done),
        }),
        _ => None,
    };
    let projected = if pace.current {
        pace.shape.project(done_to_date, &all, pace.months_done).map(|p| Projection {
            total: p,
            method: pace.shape.method.projection().into(),
            months_done: pace.months_done,
            pct_of_plan: plan.and_then(|pl| percent(p, pl as u64)),
            within_range: against(p, range).map(|a| a == "within"),
        })
    } else {
        None
    };
    AdmissionSummary {
        total,
        by_month,
        plan,
        range,
        pct_of_plan: plan.and_then(|p| percent(total, p as u64)),
        against_range: against(total, range).map(str::to_string),
        within_range: against(total, range).map(|a| a == "within"),
        by_committee,
        allocations_total,
        allocations_minus_plan,
        pace: pace_view,
        projected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::credit::tests::{d, reorganised, year_2025};
    use crate::domain::pace::PaceMethod;
    use std::collections::BTreeMap;

    fn target() -> Target {
        Target {
            year: 2025,
            plan: Some(150),
            range: Some((120, 160)),
            allocations: BTreeMap::from([(2, 60), (3, 30), (4, 50)]),
            version: 1,
        }
    }

    #[test]
    fn committees_add_up_and_meet_their_allocations_for_their_months() {
        let reg = reorganised();
        let credits = Credits::build(&reg, &year_2025(), 2025);
        let tree = reg.tree_at(d(2025, 12, 31));
        let t = target();
        let basis = PaceBasis::finished();
        let inp = AdmissionInput {
            year: 2025,
            register: &reg,
            tree: &tree,
            credits: &credits,
            target: Some(&t),
            pace: &basis,
        };
        let s = summary(&inp, 1);
        assert_eq!(s.total, 132);
        let codes: Vec<&str> = s.by_committee.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["BD", "PBD", "TH"]);
        assert_eq!(s.by_committee.iter().map(|r| r.total).sum::<u64>(), s.total);
        let row = |c: &str| s.by_committee.iter().find(|r| r.code == c).unwrap();
        // BD (dissolved 1/7): 54 of 60 for January-June, behind.
        assert_eq!(row("BD").total, 54);
        assert_eq!(row("BD").pct_of_allocation, Some(90.0));
        assert_eq!(row("BD").behind_pace, Some(true));
        assert_eq!(row("BD").months, std::array::from_fn(|m| m < 6));
        // PBD (from 1/7): 57 of 50.
        assert_eq!(row("PBD").total, 57);
        assert_eq!(row("PBD").behind_pace, Some(false));
        assert_eq!(row("TH").total, 21);
        assert_eq!(s.allocations_total, 140);
        assert_eq!(s.allocations_minus_plan, Some(-10));
        assert_eq!(s.within_range, Some(true));
        assert_eq!(s.pct_of_plan, Some(88.0));
        assert!(s.pace.is_none() && s.projected.is_none());
        let tv = target_view(&reg, Some(1), 2025, Some(&t));
        let lines: Vec<(&str, Option<u32>, String)> = tv
            .lines
            .iter()
            .map(|l| (l.code.as_str(), l.allocation, months_label(&l.months)))
            .collect();
        assert_eq!(
            lines,
            [
                ("BD", Some(60), "1–6".into()),
                ("PBD", Some(50), "7–12".into()),
                ("TH", Some(30), "1–12".into())
            ]
        );
        assert_eq!((tv.allocations_total, tv.allocations_minus_plan), (140, Some(-10)));
        // Ranked by share of allocation: PBD 57/50, TH 21/30, BD 54/60 (0.9 > 0.7).
        assert_eq!(
            rank(&s.by_committee).iter().map(|r| r.code.clone()).collect::<Vec<_>>(),
            ["PBD", "BD", "TH"]
        );
        // The ward's own report: only its months.
        let w = summary(&inp, 4);
        assert_eq!(w.total, 57);
        assert_eq!(w.plan, Some(50));
        assert_eq!(w.by_committee.len(), 1);
    }

    #[test]
    fn pace_and_projection_in_the_current_year() {
        let reg = reorganised();
        let credits = Credits::build(&reg, &year_2025(), 2025);
        let tree = reg.tree_at(d(2025, 12, 31));
        let t = target();
        // As of 1/10/2025: nine months done, a straight line.
        let basis = PaceBasis {
            shape: Shape::straight(),
            months_done: 9,
            current: true,
        };
        let inp = AdmissionInput {
            year: 2025,
            register: &reg,
            tree: &tree,
            credits: &credits,
            target: Some(&t),
            pace: &basis,
        };
        let s = summary(&inp, 1);
        let p = s.pace.unwrap();
        assert_eq!(p.method, PaceMethod::StraightLine);
        // Done by September, by hand: 11+12+13+14+5+9+8+9+10 = 91.
        let nine: u64 = [11u64, 12, 13, 14, 5, 9, 8, 9, 10].iter().sum();
        assert_eq!(p.done_to_date, nine);
        assert_eq!(p.due_to_date, 113); // 150 × 9/12 = 112.5 → 113
        assert!(p.behind);
        assert_eq!(p.cumulative.len(), 9);
        assert_eq!(p.cumulative[8], nine);
        let pr = s.projected.unwrap();
        assert_eq!(pr.method, "linear");
        assert_eq!(pr.total, 121); // 91 × 12 / 9 = 121.3
        assert_eq!(pr.within_range, Some(true));
        // TH: allocation 30 all year, 10+1+1+1 by September = 13 < 22.5 → behind.
        let th = s.by_committee.iter().find(|r| r.code == "TH").unwrap();
        assert_eq!(th.done_to_date, 13);
        assert_eq!(th.behind_pace, Some(true));
        // PBD from July: 7+8+9 = 24 of 50 × 3/6 = 25 → behind.
        let pbd = s.by_committee.iter().find(|r| r.code == "PBD").unwrap();
        assert_eq!((pbd.done_to_date, pbd.due_to_date), (24, Some(25)));
        assert_eq!(pbd.behind_pace, Some(true));
    }
}
