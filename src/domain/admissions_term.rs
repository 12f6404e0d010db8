//! The dashboard's ranking of committees and the term view (years side by side).

use super::admission::{default_range, Target};
use super::admissions_view::{against, AdmissionSummary, CommitteeAdmissions};
use super::report::percent;
use serde::{Deserialize, Serialize};

/// The Kết nạp dashboard: the year against plan and range, the cumulative
/// months against the pace, the projection, and the committees ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub year: i32,
    pub scope_code: String,
    pub scope_name: String,
    /// With `pace` and `projected` whenever a target exists.
    pub summary: AdmissionSummary,
    /// Committees by share of their allocation, highest first (compared
    /// exactly); those without an allocation follow by their total.
    pub ranked: Vec<CommitteeAdmissions>,
}

/// Rank committees by total / allocation, exactly (cross-multiplied).
pub fn rank(rows: &[CommitteeAdmissions]) -> Vec<CommitteeAdmissions> {
    let mut out = rows.to_vec();
    out.sort_by(|a, b| match (a.allocation.filter(|x| *x > 0), b.allocation.filter(|x| *x > 0)) {
        (Some(x), Some(y)) => ((b.total as u128) * (x as u128))
            .cmp(&((a.total as u128) * (y as u128)))
            .then(a.code.cmp(&b.code)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.total.cmp(&a.total).then(a.code.cmp(&b.code)),
    });
    out
}

/// One year of the term view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermYear {
    pub year: i32,
    pub total: u64,
    pub plan: Option<u32>,
    pub range: Option<(u32, u32)>,
    pub pct_of_plan: Option<f64>,
    pub within_range: Option<bool>,
    /// Admitted from the first year shown to this one.
    pub cumulative: u64,
    /// Planned from the first year shown to this one (None once a year has no plan).
    pub cumulative_plan: Option<u64>,
}

/// A term of the city committee, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub name_vi: String,
    pub name_en: String,
    pub from: i32,
    pub to: i32,
}

/// The terms thuky knows: Programme 01-CTr/TU (term XVII) runs 2021-2025; the
/// 2025-2030 term (XVIII) sets its own targets (data per year, never constants).
pub fn terms() -> Vec<Term> {
    vec![
        Term {
            name_vi: "Nhiệm kỳ 2020-2025 (Chương trình 01-CTr/TU, 2021-2025)".into(),
            name_en: "Term 2020-2025 (Programme 01-CTr/TU, 2021-2025)".into(),
            from: 2021,
            to: 2025,
        },
        Term {
            name_vi: "Nhiệm kỳ 2025-2030".into(),
            name_en: "Term 2025-2030".into(),
            from: 2026,
            to: 2030,
        },
    ]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermView {
    pub years: Vec<TermYear>,
    pub terms: Vec<Term>,
}

/// Years side by side: (year, total, its targets), in order.
pub fn term_view(years: &[(i32, u64, Option<&Target>)]) -> TermView {
    let mut cumulative = 0u64;
    let mut cumulative_plan = Some(0u64);
    let rows = years
        .iter()
        .map(|(year, total, target)| {
            let plan = target.and_then(|t| t.plan);
            let range = target.map_or(default_range(*year), |t| t.effective_range());
            cumulative += total;
            cumulative_plan = cumulative_plan.zip(plan).map(|(c, p)| c + p as u64);
            TermYear {
                year: *year,
                total: *total,
                plan,
                range,
                pct_of_plan: plan.and_then(|p| percent(*total, p as u64)),
                within_range: against(*total, range).map(|a| a == "within"),
                cumulative,
                cumulative_plan,
            }
        })
        .collect();
    TermView {
        years: rows,
        terms: terms(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_view_side_by_side() {
        let t21 = Target {
            year: 2021,
            plan: Some(9_500),
            ..Default::default()
        };
        let t22 = Target {
            year: 2022,
            plan: Some(9_500),
            range: Some((9_200, 9_800)),
            ..Default::default()
        };
        let v = term_view(&[(2021, 9_230, Some(&t21)), (2022, 9_900, Some(&t22)), (2023, 9_760, None)]);
        type Row = (u64, Option<u64>, Option<bool>, Option<f64>);
        let rows: Vec<Row> = v
            .years
            .iter()
            .map(|y| (y.cumulative, y.cumulative_plan, y.within_range, y.pct_of_plan))
            .collect();
        assert_eq!(
            rows,
            [
                (9_230, Some(9_500), Some(true), Some(97.2)),
                (19_130, Some(19_000), Some(false), Some(104.2)),
                (28_890, None, Some(true), None)
            ]
        );
        assert_eq!(v.terms[1].from, 2026);
    }
}
