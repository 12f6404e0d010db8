//! The programme's indicators (01-CTr/TU, section "Chỉ tiêu") for one year
//! and scope: the shares of organisations, grassroots organisations and
//! members rated HTT or better against "above 75%", admissions against the
//! plan and the range, how many are still unrated, and the open findings.

use super::report::Report;
use super::rules::Severity;
use serde::{Deserialize, Serialize};

/// Whether `good` of `rated` is above 75%, decided on integers (4·good > 3·rated);
/// None when nothing is rated.
pub fn above_75(good: u64, rated: u64) -> Option<bool> {
    (rated > 0).then(|| 4 * good as u128 > 3 * rated as u128)
}

/// A share rated good or better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub good: u64,
    pub rated: u64,
    /// Rounded for display only.
    pub pct: Option<f64>,
    /// Above 75%, decided exactly.
    pub met: Option<bool>,
}

impl Share {
    pub fn new(good: u64, rated: u64) -> Share {
        Share {
            good,
            rated,
            pct: super::report::percent(good, rated),
            met: above_75(good, rated),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdmissionFigures {
    pub total: u64,
    pub plan: Option<u32>,
    pub range: Option<(u32, u32)>,
    pub pct_of_plan: Option<f64>,
    pub within_range: Option<bool>,
    /// total ≥ plan (None without a plan).
    pub plan_met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub year: i32,
    pub scope_code: String,
    pub scope_name: String,
    pub organisations: Share,
    pub grassroots: Share,
    pub members: Share,
    /// Organisations in the scope without a classification.
    pub unrated_organisations: u64,
    pub unrated_grassroots: u64,
    /// Grassroots organisations whose member tallies are not entered.
    pub grassroots_without_tallies: u64,
    pub admissions: AdmissionFigures,
    /// Findings of the year's rulebook still standing, by severity.
    pub findings_errors: usize,
    pub findings_warnings: usize,
}

/// The indicators of one report.
pub fn from_report(r: &Report, scope_code: &str, scope_name: &str) -> IndicatorView {
    let m = &r.members;
    let a = &r.admissions;
    let errors = r.findings.iter().filter(|f| f.severity == Severity::Error).count();
    IndicatorView {
        year: r.year,
        scope_code: scope_code.into(),
        scope_name: scope_name.into(),
        organisations: Share::new(r.organisations.htxs + r.organisations.htt, r.organisations.rated),
        grassroots: Share::new(r.grassroots.htxs + r.grassroots.htt, r.grassroots.rated),
        members: Share::new(m.htxs + m.htt, m.htxs + m.htt + m.ht + m.kht),
        unrated_organisations: r.organisations.unrated,
        unrated_grassroots: r.grassroots.unrated,
        grassroots_without_tallies: m.grassroots_without_tallies,
        admissions: AdmissionFigures {
            total: a.total,
            plan: a.plan,
            range: a.range,
            pct_of_plan: a.pct_of_plan,
            within_range: a.within_range,
            plan_met: a.plan.map(|p| a.total >= p as u64),
        },
        findings_errors: errors,
        findings_warnings: r.findings.len() - errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventy_five_percent_is_decided_exactly() {
        // 3 of 4 is exactly 75%: not above.
        assert_eq!(above_75(3, 4), Some(false));
        assert_eq!(above_75(751, 1000), Some(true));
        // 75.004% rounds to 75.0% but is above.
        assert_eq!(above_75(7_5004, 10_0000), Some(true));
        assert_eq!(super::super::report::percent(7_5004, 10_0000), Some(75.0));
        // 74.996% rounds to 75.0% and is not.
        assert_eq!(above_75(74_996, 100_000), Some(false));
        assert_eq!(above_75(0, 0), None);
        let s = Share::new(151, 200);
        assert_eq!((s.pct, s.met), (Some(75.5), Some(true)));
    }
}
