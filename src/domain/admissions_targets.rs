//! A year's targets with each committee's allocation named, and their sum
//! against the plan (`thuky target show`).

use super::admission::Target;
use super::admissions_view::name_in_year;
use super::credit;
use super::org::OrgId;
use super::tree::Register;
use serde::{Deserialize, Serialize};

/// One allocation of a year's targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationLine {
    pub org: OrgId,
    pub code: String,
    pub name: String,
    pub allocation: Option<u32>,
    /// The months it stood directly under the city committee.
    pub months: [bool; 12],
}

/// A year's targets with the allocations named and summed against the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    /// Not flattened: serde's flatten cannot read the allocations' integer keys back.
    pub target: Target,
    /// Every committee of the year (with or without an allocation), by code.
    pub lines: Vec<AllocationLine>,
    pub allocations_total: u64,
    /// allocations_total − plan (None without a plan or allocations).
    pub allocations_minus_plan: Option<i64>,
}

/// The targets of `year` (range defaulted) with each committee of the year.
pub fn target_view(reg: &Register, root: Option<OrgId>, year: i32, target: Option<&Target>) -> TargetView {
    let units = root.map(|r| credit::units_in_year(reg, r, year)).unwrap_or_default();
    target_view_of(reg, &units, year, target)
}

/// The same with the year's committees (`credit::units_in_year`) already found.
pub fn target_view_of(reg: &Register, units: &[credit::UnitSpan], year: i32, target: Option<&Target>) -> TargetView {
    let mut t = target.cloned().unwrap_or(Target {
        year,
        ..Default::default()
    });
    t.range = t.effective_range();
    let mut lines: Vec<AllocationLine> = units
        .iter()
        .map(|u| {
            let (code, name) = name_in_year(reg, u.id, year);
            AllocationLine {
                org: u.id,
                code,
                name,
                allocation: t.allocations.get(&u.id).copied(),
                months: u.months,
            }
        })
        .collect();
    // Allocations to organisations that are no longer committees of the year still show.
    for (id, a) in &t.allocations {
        if !units.iter().any(|u| u.id == *id) {
            let (code, name) = name_in_year(reg, *id, year);
            lines.push(AllocationLine {
                org: *id,
                code,
                name,
                allocation: Some(*a),
                months: [false; 12],
            });
        }
    }
    lines.sort_by(|a, b| a.code.cmp(&b.code));
    let allocations_total: u64 = t.allocations.values().map(|a| *a as u64).sum();
    let allocations_minus_plan = match t.plan {
        Some(p) if !t.allocations.is_empty() => Some(allocations_total as i64 - p as i64),
        _ => None,
    };
    TargetView {
        target: t,
        lines,
        allocations_total,
        allocations_minus_plan,
    }
}

/// "1–6" for the months a committee stood (1-based, first to last).
pub fn months_label(months: &[bool; 12]) -> String {
    let first = months.iter().position(|m| *m);
    let last = months.iter().rposition(|m| *m);
    match (first, last) {
        (Some(0), Some(11)) => "1–12".into(),
        (Some(f), Some(l)) if f == l => format!("{}", f + 1),
        (Some(f), Some(l)) => format!("{}–{}", f + 1, l + 1),
        _ => "—".into(),
    }
}
