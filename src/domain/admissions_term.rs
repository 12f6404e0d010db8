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
    /// A year still to come: its plan is shown, it has no actuals yet.
    #[serde(default)]
    pub future: bool,
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

/// The last year a plan may be made for when `next_year` is the next one:
/// the end of the term that holds it (a term's targets are set at its start),
/// or next year outside any term.
pub fn planning_horizon(next_year: i32) -> i32 {
    terms()
        .iter()
        .find(|t| (t.from..=t.to).contains(&next_year))
        .map_or(next_year, |t| t.to)
}

/// Years side by side: (year, total, its targets), in order. The cumulative
/// totals start again with each term; a year after `current` is a future one
/// (its plan counts towards the cumulative plan, it has no actuals).
pub fn term_view(years: &[(i32, u64, Option<&Target>)], current: i32) -> TermView {
    let mut cumulative = 0u64;
    let mut cumulative_plan = Some(0u64);
    let starts: Vec<i32> = terms().iter().map(|t| t.from).collect();
    let rows = years
        .iter()
        .map(|(year, total, target)| {
            if starts.contains(year) {
                cumulative = 0;
                cumulative_plan = Some(0);
            }
            let future = *year > current;
            let total = if future { &0 } else { total };
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
                future,
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
        let v = term_view(&[(2021, 9_230, Some(&t21)), (2022, 9_900, Some(&t22)), (2023, 9_760, None)], 2026);
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

    #[test]
    fn both_terms_with_future_years_and_cumulative_totals_per_term() {
        let plan = |year, p| Target {
            year,
            plan: Some(p),
            ..Default::default()
        };
        let (t25, t26, t28) = (plan(2025, 100), plan(2026, 200), plan(2028, 300));
        let v = term_view(
            &[
                (2024, 50, None),
                (2025, 90, Some(&t25)),
                (2026, 120, Some(&t26)),
                (2027, 0, None),
                (2028, 0, Some(&t28)),
            ],
            2026,
        );
        type Row = (i32, u64, Option<u64>, bool);
        let rows: Vec<Row> = v
            .years
            .iter()
            .map(|y| (y.year, y.cumulative, y.cumulative_plan, y.future))
            .collect();
        // 2024-2025 in the first term; 2026 starts the second again from 0;
        // 2027 has no plan, so the cumulative plan stops there.
        assert_eq!(
            rows,
            [
                (2024, 50, None, false),
                (2025, 140, None, false),
                (2026, 120, Some(200), false),
                (2027, 120, None, true),
                (2028, 120, None, true)
            ]
        );
        assert_eq!(v.years[4].plan, Some(300));
        assert_eq!(planning_horizon(2027), 2030);
        assert_eq!(planning_horizon(2031), 2031);
    }
}
