//! Reading values from spreadsheet cells as Excel leaves them: numbers stored
//! as text, decimal commas, thousands separators, dates as serial numbers or text.

use super::read::Cell;
use chrono::NaiveDate;

/// A number: a numeric cell, or text such as "91,5" or "91.5".
pub fn number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(x) => x.is_finite().then_some(*x),
        Cell::Text(s) => {
            let t: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
            let v: f64 = t.replace(',', ".").parse().ok()?;
            v.is_finite().then_some(v)
        }
        _ => None,
    }
}

/// A count: a whole number of 0 or more, numeric or text ("1.234" and "1,234"
/// read as thousands).
pub fn count(c: &Cell) -> Option<u32> {
    match c {
        Cell::Number(x) if x.fract() == 0.0 && *x >= 0.0 && *x <= u32::MAX as f64 => Some(*x as u32),
        Cell::Text(s) => {
            let t: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                return None;
            }
            // Separators must group thousands: 1.234 or 12,345,678.
            let groups: Vec<&str> = t.split(['.', ',']).collect();
            if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
                return None;
            }
            groups.concat().parse().ok()
        }
        _ => None,
    }
}

/// Excel's day zero (serial 1 is 1/1/1900; the 1900 leap-year bug is before any date we read).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date")
}

/// A date: a date cell or a serial number, or text as 31/12/2025, 31-12-2025,
/// 31.12.2025 or 2025-12-31.
pub fn date(c: &Cell) -> Option<NaiveDate> {
    match c {
        Cell::Date(x) | Cell::Number(x) if *x >= 1.0 && *x < 2_958_466.0 => {
            excel_epoch().checked_add_days(chrono::Days::new(x.floor() as u64))
        }
        Cell::Text(s) => {
            let t = s.trim();
            let t = t.split_whitespace().next().unwrap_or("");
            ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn numbers_and_counts_as_text() {
        assert_eq!(number(&t(" 91,5 ")), Some(91.5));
        assert_eq!(number(&Cell::Number(88.0)), Some(88.0));
        assert_eq!(number(&t("abc")), None);
        assert_eq!(count(&t("1.234")), Some(1234));
        assert_eq!(count(&t("12 ")), Some(12));
        assert_eq!(count(&t("1,5")), None);
        assert_eq!(count(&t("-3")), None);
        assert_eq!(count(&Cell::Number(2.5)), None);
        assert_eq!(count(&Cell::Number(7.0)), Some(7));
    }

    #[test]
    fn dates_as_serials_or_text() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        assert_eq!(date(&Cell::Date(45667.0)), Some(d));
        assert_eq!(date(&Cell::Number(45667.0)), Some(d));
        assert_eq!(date(&t("10/01/2025")), Some(d));
        assert_eq!(date(&t("2025-01-10")), Some(d));
        assert_eq!(date(&t("10.01.2025")), Some(d));
        assert_eq!(date(&t("mười")), None);
    }
}
