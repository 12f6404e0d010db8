//! Checks of single values, shared by every request.

use super::api::Meta;
use super::error::{ErrorKind, Result, ServiceError};
use crate::domain::org::Org;
use crate::domain::text::clean;
use crate::domain::text_check::{escape_controls, problem, TextProblem};
use crate::domain::tree::Register;
use crate::domain::{FIRST_YEAR, LAST_YEAR};
use chrono::{Datelike, NaiveDate};

/// The last year a request may name: next year (targets and plans are made a
/// year ahead; a classification is of a year that has ended or is ending).
/// Later years are typing slips (2205 for 2025) and are refused.
pub fn last_year() -> i32 {
    (chrono::Local::now().date_naive().year() + 1).min(LAST_YEAR)
}

/// The checks every request gets before anything uses its fields: each year
/// it names is within FIRST_YEAR..=next year (so date arithmetic on it cannot fail).
pub fn request(meta: &Meta<'_>) -> Result<()> {
    for (field, y) in &meta.years {
        year_in(field, *y)?;
    }
    Ok(())
}

pub fn year(y: i32) -> Result<i32> {
    year_in("year", y)
}

/// A year in `field`: FIRST_YEAR..=next year.
pub fn year_in(field: &str, y: i32) -> Result<i32> {
    if y < FIRST_YEAR {
        return Err(ServiceError::invalid(
            field,
            y,
            format!("thuky chỉ lưu từ năm {FIRST_YEAR} (QĐ 132-QĐ/TW)"),
            format!("thuky keeps years from {FIRST_YEAR} on (QĐ 132-QĐ/TW)"),
        ));
    }
    let last = last_year();
    if y > last {
        return Err(ServiceError::invalid(
            field,
            y,
            format!("sau năm {last}: quá xa trong tương lai"),
            format!("after {last}: too far in the future"),
        ));
    }
    Ok(y)
}

/// Most audit entries one answer holds.
pub const MAX_AUDIT_LIMIT: usize = 100_000;

/// An audit limit: refused (not cut silently) above [`MAX_AUDIT_LIMIT`].
pub fn audit_limit(n: usize) -> Result<usize> {
    if n > MAX_AUDIT_LIMIT {
        return Err(ServiceError::invalid(
            "limit",
            n,
            "tối đa 100.000 mục mỗi lần; thu hẹp bằng --since, --user hoặc --org",
            "at most 100,000 entries at a time; narrow it with --since, --user or --org",
        ));
    }
    Ok(n)
}

/// The first year a change in the register can take effect: the Party's founding.
pub const FIRST_EVENT_YEAR: i32 = 1930;

/// The most members one organisation can have (Hanoi has about 500,000 in all).
pub const MAX_MEMBERS: u32 = 1_000_000;

/// The effective date of a change in the register (or a founding decision's
/// date): from 1930 to the end of next year. A later date is a typing slip
/// (2205 for 2025), not a decision already taken.
pub fn effective(field: &str, d: NaiveDate) -> Result<NaiveDate> {
    let last = chrono::Local::now().date_naive().year() + 1;
    if d.year() < FIRST_EVENT_YEAR {
        return Err(ServiceError::invalid(
            field,
            fmt_date(d),
            format!("trước năm {FIRST_EVENT_YEAR} (thành lập Đảng)"),
            format!("before {FIRST_EVENT_YEAR} (the founding of the Party)"),
        ));
    }
    if d.year() > last {
        return Err(ServiceError::invalid(
            field,
            fmt_date(d),
            format!("sau năm {last}: quá xa trong tương lai"),
            format!("after {last}: too far in the future"),
        ));
    }
    Ok(d)
}

pub fn members(field: &str, n: u32) -> Result<u32> {
    if n > MAX_MEMBERS {
        return Err(ServiceError::invalid(
            field,
            n,
            "quá lớn (tối đa 1.000.000)",
            "too large (at most 1,000,000)",
        ));
    }
    Ok(n)
}

pub fn name(field: &str, s: &str) -> Result<String> {
    let n = clean(s);
    if n.is_empty() {
        return Err(ServiceError::invalid(field, s, "không được để trống", "must not be empty"));
    }
    if n.chars().count() > 200 {
        return Err(ServiceError::invalid(
            field,
            format!("{}…", n.chars().take(20).collect::<String>()),
            "dài quá 200 ký tự",
            "longer than 200 characters",
        ));
    }
    text_problem(field, &n)?;
    Ok(n)
}

/// Refuse text with a control character, a bidirectional override, or
/// nothing visible once invisible characters are removed (every path in:
/// typed, imported, restored).
pub fn text_problem(field: &str, s: &str) -> Result<()> {
    let shown = || escape_controls(s).chars().take(40).collect::<String>();
    match problem(s) {
        None => Ok(()),
        Some(TextProblem::Control(c)) => Err(ServiceError::invalid(
            field,
            shown(),
            format!("có ký tự điều khiển (U+{:04X})", c as u32),
            format!("contains a control character (U+{:04X})", c as u32),
        )),
        Some(TextProblem::Bidi(c)) => Err(ServiceError::invalid(
            field,
            shown(),
            format!("có ký tự đổi chiều viết (U+{:04X}), làm chữ hiện khác với thực tế", c as u32),
            format!(
                "contains a bidirectional control (U+{:04X}) that makes it read differently from what it is",
                c as u32
            ),
        )),
        Some(TextProblem::Invisible) => Err(ServiceError::invalid(
            field,
            shown(),
            "chỉ gồm ký tự không nhìn thấy",
            "has nothing visible (only invisible characters)",
        )),
    }
}

pub fn optional_text(field: &str, s: Option<String>) -> Result<Option<String>> {
    match s {
        None => Ok(None),
        Some(s) if clean(&s).is_empty() => Ok(None),
        Some(s) => name(field, &s).map(Some),
    }
}

/// Codes: 1-32 of A-Z, 0-9, '.', '-', '_' (stored upper-case).
pub fn code(field: &str, s: &str) -> Result<String> {
    let c = s.trim().to_uppercase();
    if c.is_empty() || c.len() > 32 || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_')) {
        return Err(ServiceError::invalid(
            field,
            s,
            "mã gồm 1-32 ký tự A-Z, 0-9, '.', '-', '_'",
            "a code is 1-32 characters of A-Z, 0-9, '.', '-', '_'",
        ));
    }
    Ok(c)
}

pub fn resolve<'a>(reg: &'a Register, field: &str, code: &str) -> Result<&'a Org> {
    reg.find_code(code.trim()).ok_or_else(|| ServiceError::unknown_code(field, code))
}

/// Refuse a change to an organisation that did not exist on `date`.
pub fn alive(org: &Org, field: &str, date: NaiveDate) -> Result<()> {
    if org.founded() > date {
        return Err(ServiceError::invalid(
            field,
            &org.code,
            format!(
                "ngày {} tổ chức này chưa thành lập (thành lập {})",
                fmt_date(date),
                fmt_date(org.founded())
            ),
            format!("did not exist on {} (founded {})", fmt_date(date), fmt_date(org.founded())),
        ));
    }
    if let Some(end) = org.ended_on().filter(|end| *end <= date) {
        return Err(ServiceError::invalid(
            field,
            &org.code,
            format!("ngày {} tổ chức này không còn (kết thúc {})", fmt_date(date), fmt_date(end)),
            format!("did not exist on {} (ended {})", fmt_date(date), fmt_date(end)),
        ));
    }
    Ok(())
}

pub fn version(field_code: &str, current: u64, by: &str, base: Option<u64>, now_vi: &str, now_en: &str) -> Result<()> {
    match base {
        Some(b) if b != current => Err(ServiceError {
            kind: ErrorKind::Conflict,
            field: Some("base_version".into()),
            value: Some(b.to_string()),
            vi: format!("{field_code} vừa được {by} sửa (phiên bản {current}, bạn sửa từ {b}); hiện là: {now_vi}. Không ghi đè."),
            en: format!("{field_code} was changed by {by} meanwhile (version {current}, yours was based on {b}); it is now: {now_en}. Nothing was overwritten."),
        }),
        _ => Ok(()),
    }
}

pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}
