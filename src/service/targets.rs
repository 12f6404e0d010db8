//! Admissions, targets and rule settings.

use super::api::{Done, Event, Response, TargetInput};
use super::error::{Result, ServiceError};
use super::validate;
use super::{json, AuditDraft, Service};
use crate::domain::credit;
use crate::domain::rules::RuleSettings;
use crate::domain::{Admissions, Target};
use crate::store::Put;

const MAX_COUNT: u32 = 1_000_000;

fn count(field: &str, n: u32) -> Result<u32> {
    if n > MAX_COUNT {
        return Err(ServiceError::invalid(
            field,
            n,
            "quá lớn (tối đa 1.000.000)",
            "too large (at most 1,000,000)",
        ));
    }
    Ok(n)
}

/// The warning when a year's allocations do not add up to its plan (empty when they do).
fn allocation_gap(t: &Target) -> (String, String) {
    let (Some(plan), false) = (t.plan, t.allocations.is_empty()) else {
        return (String::new(), String::new());
    };
    let sum: u64 = t.allocations.values().map(|a| *a as u64).sum();
    let diff = sum as i64 - plan as i64;
    if diff == 0 {
        return (String::new(), String::new());
    }
    let n = |x: u64, sep: &str| {
        let s = x.to_string();
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(ch);
        }
        out
    };
    let (more_vi, more_en) = if diff > 0 {
        ("nhiều hơn", "more than")
    } else {
        ("ít hơn", "less than")
    };
    (
        format!(
            ". Cảnh báo: tổng phân bổ {} {more_vi} kế hoạch {} là {}",
            n(sum, "."),
            n(plan as u64, "."),
            n(diff.unsigned_abs(), ".")
        ),
        format!(
            ". Warning: the allocations add up to {}, {} {more_en} the plan of {}",
            n(sum, ","),
            n(diff.unsigned_abs(), ","),
            n(plan as u64, ",")
        ),
    )
}

/// A year a plan may be made for: FIRST_YEAR to the end of the term that
/// holds next year (a term's targets are set at its start), refused beyond.
pub(super) fn plan_year(y: i32) -> Result<i32> {
    let next = validate::last_year();
    if y > next {
        let horizon = crate::domain::admissions_view::planning_horizon(next);
        if y > horizon {
            return Err(ServiceError::invalid(
                "year",
                y,
                format!("sau năm {horizon} (hết nhiệm kỳ): quá xa trong tương lai"),
                format!("after {horizon} (the end of the term): too far in the future"),
            ));
        }
        return Ok(y);
    }
    validate::year(y)
}

impl Service {
    pub(super) fn admit_set(&mut self, user: &str, code: &str, year: i32, month: u32, n: u32, events: &mut Vec<Event>) -> Result<Response> {
        let year = validate::year(year)?;
        if !(1..=12).contains(&month) {
            return Err(ServiceError::invalid("month", month, "tháng từ 1 đến 12", "a month is 1 to 12"));
        }
        let n = count("count", n)?;
        let org = validate::resolve(&self.state.register, "code", code)?.clone();
        let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .expect("valid month");
        if org.founded() > last || org.ended_on().is_some_and(|e| e <= first) {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!("không tồn tại trong tháng {month}/{year}"),
                format!("did not exist in {month}/{year}"),
            ));
        }
        let existing = self.state.admissions(&self.store, year)?.get(&org.id).cloned();
        let mut a = existing.clone().unwrap_or_else(|| Admissions::new(org.id, year));
        let old = a.months[month as usize - 1];
        a.months[month as usize - 1] = n;
        a.version += 1;
        let seq = self.commit(
            user,
            "admit.set",
            AuditDraft {
                org: Some(org.code.clone()),
                year: Some(year),
                summary: format!("{} {month}/{year}: {old} → {n}", org.code),
                before: existing.as_ref().and_then(json),
                after: json(&a),
            },
            &[Put::admissions(&a)],
        )?;
        self.state.put_admissions(&self.store, a.clone())?;
        events.push(Event::AdmissionsChanged { year, org: org.id });
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!("{} tháng {month}/{year}: {n} kết nạp (cả năm {})", org.code, a.total()),
            summary_en: format!("{} {month}/{year}: {n} admitted ({} in the year)", org.code, a.total()),
            code: Some(org.code),
            version: Some(a.version),
        }))
    }

    pub(super) fn target_set(&mut self, user: &str, t: TargetInput, events: &mut Vec<Event>) -> Result<Response> {
        let year = plan_year(t.year)?;
        let existing = self.state.targets.get(&year).cloned();
        let mut target = existing.clone().unwrap_or(Target {
            year,
            ..Default::default()
        });
        if let Some(p) = t.plan {
            target.plan = Some(count("plan", p)?);
        }
        if let Some((lo, hi)) = t.range {
            count("range", hi)?;
            if lo > hi {
                return Err(ServiceError::invalid(
                    "range",
                    format!("{lo}-{hi}"),
                    "cận dưới lớn hơn cận trên",
                    "the low end is above the high end",
                ));
            }
            target.range = Some((lo, hi));
        }
        let mut what = String::new();
        match (&t.org, t.allocation) {
            (Some(code), Some(n)) => {
                let org = validate::resolve(&self.state.register, "org", code)?.clone();
                let root = credit::root_of(&self.state.register);
                if !root.is_some_and(|r| credit::was_unit_in_year(&self.state.register, org.id, r, year)) {
                    return Err(ServiceError::invalid(
                        "org",
                        &org.code,
                        format!("không trực thuộc Thành ủy vào tháng nào của năm {year}"),
                        format!("was not directly under the city committee in any month of {year}"),
                    ));
                }
                target.allocations.insert(org.id, count("allocation", n)?);
                what = format!(", {} allocated {n}", org.code);
            }
            (Some(_), None) => {
                return Err(ServiceError::invalid(
                    "allocation",
                    "",
                    "thiếu số phân bổ cho tổ chức",
                    "an allocation number is needed with --org",
                ))
            }
            (None, Some(n)) => {
                return Err(ServiceError::invalid(
                    "org",
                    "",
                    format!("phân bổ {n} cho tổ chức nào?"),
                    format!("which organisation is the allocation of {n} for?"),
                ))
            }
            (None, None) => {
                if t.plan.is_none() && t.range.is_none() {
                    return Err(ServiceError::invalid(
                        "plan",
                        "",
                        "cần --plan, --range hoặc --org với số phân bổ",
                        "give --plan, --range, or --org with an allocation",
                    ));
                }
            }
        }
        target.version += 1;
        let seq = self.commit(
            user,
            "target.set",
            AuditDraft {
                year: Some(year),
                summary: format!("targets {year}: plan {:?}, range {:?}{what}", target.plan, target.range),
                before: existing.as_ref().and_then(json),
                after: json(&target),
                ..Default::default()
            },
            &[Put::target(&target)],
        )?;
        let (gap_vi, gap_en) = allocation_gap(&target);
        self.state.targets.insert(year, target);
        events.push(Event::TargetChanged { year });
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!("Đã lưu chỉ tiêu năm {year}{gap_vi}"),
            summary_en: format!("Saved the {year} targets{gap_en}"),
            code: t.org,
            version: None,
        }))
    }

    pub(super) fn settings_set(&mut self, user: &str, s: RuleSettings, events: &mut Vec<Event>) -> Result<Response> {
        let before = json(&self.state.settings);
        let on = s.collectives_cap_under_366;
        let members = s.members_cap_under_366;
        let seq = self.commit(
            user,
            "settings.set",
            AuditDraft {
                summary: format!(
                    "collectives_cap_under_366: {}, members_cap_under_366: {}",
                    if on { "on" } else { "off" },
                    if members { "on" } else { "off" }
                ),
                before,
                after: json(&s),
                ..Default::default()
            },
            &[Put::meta("settings", &s)],
        )?;
        self.state.settings = s;
        events.push(Event::SettingsChanged);
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!(
                "Đã lưu cài đặt: với các năm theo QĐ 366, trần 20% của tập thể {}, trần 20% của đảng viên {}",
                if on { "áp dụng" } else { "không áp dụng" },
                if members { "áp dụng" } else { "không áp dụng" }
            ),
            summary_en: format!(
                "Settings saved: for years under QĐ 366 the collectives' 20% cap {}, the members' 20% cap {}",
                if on { "applies" } else { "does not apply" },
                if members { "applies" } else { "does not apply" }
            ),
            code: None,
            version: None,
        }))
    }
}
