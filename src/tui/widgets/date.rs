//! Dates as clerks type them.

use chrono::NaiveDate;

/// dd/mm/yyyy (also d/m/yyyy, with - or . between) or yyyy-mm-dd.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let d = parts[0].parse().ok()?;
    let m = parts[1].parse().ok()?;
    let y = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("7/2/2025"), NaiveDate::from_ymd_opt(2025, 2, 7));
        assert_eq!(parse_date("07-02-2025"), NaiveDate::from_ymd_opt(2025, 2, 7));
        assert_eq!(parse_date("2025-02-07"), NaiveDate::from_ymd_opt(2025, 2, 7));
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("1/1/25"), None);
        assert_eq!(parse_date("hôm nay"), None);
    }
}
