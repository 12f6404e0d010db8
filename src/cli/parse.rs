//! Value parsers for command-line arguments: each names what was wrong.

use crate::domain::{Level, OrgKind, Tallies};
use chrono::NaiveDate;

/// Dates as 31/12/2025, 31-12-2025, 2025-12-31 or 31.12.2025.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    for fmt in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Ok(d);
        }
    }
    Err(format!("'{s}' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"))
}

pub fn level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| format!("'{s}' is not a level (HTXS, HTT, HT, KHT, 1-4, or the Vietnamese name)"))
}

/// A level, or none ('-') to take it from the score.
#[derive(Debug, Clone, Copy)]
pub struct LevelArg(pub Option<Level>);

pub fn level_or_dash(s: &str) -> Result<LevelArg, String> {
    if s.trim() == "-" {
        Ok(LevelArg(None))
    } else {
        level(s).map(|l| LevelArg(Some(l)))
    }
}

pub fn kind(s: &str) -> Result<OrgKind, String> {
    OrgKind::parse(s).ok_or_else(|| {
        format!(
            "'{s}' is not a kind (one of: {})",
            OrgKind::ALL
                .iter()
                .map(|k| format!("{} ({}, {})", k.snake(), k.tag(), k.name_vi()))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// A count: a whole number, 0 or more (a negative one is named as such,
/// not taken for an option).
pub fn count(s: &str) -> Result<u32, String> {
    let t = s.trim();
    match t.parse::<i64>() {
        Ok(n) if n < 0 => Err(format!("{n} is negative: a count is a whole number, 0 or more")),
        Ok(n) => u32::try_from(n).map_err(|_| format!("{n} is too large for a count")),
        Err(_) => Err(format!("'{s}' is not a count (a whole number, 0 or more)")),
    }
}

/// on/off (also yes/no, true/false, có/không, 1/0).
pub fn on_off(s: &str) -> Result<bool, String> {
    match crate::domain::text::fold(s.trim()).as_str() {
        "on" | "yes" | "true" | "1" | "co" | "bat" => Ok(true),
        "off" | "no" | "false" | "0" | "khong" | "tat" => Ok(false),
        _ => Err(format!("'{s}' is not on or off")),
    }
}

pub fn role(s: &str) -> Result<crate::service::api::Role, String> {
    crate::service::api::Role::parse(s).ok_or_else(|| format!("'{s}' is not a role (admin, clerk, viewer)"))
}

pub fn tallies(s: &str) -> Result<Tallies, String> {
    Tallies::parse(s).map_err(|e| format!("'{s}': {e}"))
}

pub fn score(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().replace(',', ".").parse().map_err(|_| format!("'{s}' is not a number"))?;
    if !v.is_finite() || !(0.0..=100.0).contains(&v) {
        return Err(format!("'{s}' is outside 0-100"));
    }
    Ok(v)
}

/// "9000-10000" (or "9.000-10.000").
pub fn range(s: &str) -> Result<(u32, u32), String> {
    let (lo, hi) = s.split_once('-').ok_or_else(|| format!("'{s}' is not a range LOW-HIGH"))?;
    let num = |x: &str| {
        x.trim()
            .replace(['.', ','], "")
            .parse::<u32>()
            .map_err(|_| format!("'{x}' in '{s}' is not a whole number"))
    };
    let (lo, hi) = (num(lo)?, num(hi)?);
    if lo > hi {
        return Err(format!("'{s}': the low end is above the high end"));
    }
    Ok((lo, hi))
}

pub fn year(s: &str) -> Result<i32, String> {
    let y: i32 = s.trim().parse().map_err(|_| format!("'{s}' is not a year"))?;
    if y < crate::domain::FIRST_YEAR {
        return Err(format!(
            "{y} is before {}, the first year thuky keeps (QĐ 132-QĐ/TW)",
            crate::domain::FIRST_YEAR
        ));
    }
    if y > crate::domain::LAST_YEAR {
        return Err(format!("{y} is not a plausible year"));
    }
    Ok(y)
}

pub fn month(s: &str) -> Result<u32, String> {
    let m: u32 = s.trim().parse().map_err(|_| format!("'{s}' is not a month number"))?;
    if !(1..=12).contains(&m) {
        return Err(format!("{m} is not a month (1-12)"));
    }
    Ok(m)
}

/// How to treat legacy 8-bit Vietnamese text in an imported file.
pub fn legacy(s: &str) -> Result<crate::io::read::LegacyMode, String> {
    use crate::io::legacy::Legacy;
    use crate::io::read::LegacyMode;
    match crate::domain::text::fold(s.trim()).as_str() {
        "auto" => Ok(LegacyMode::Auto),
        "tcvn3" | "tcvn" | "abc" => Ok(LegacyMode::Force(Legacy::Tcvn3)),
        "vni" => Ok(LegacyMode::Force(Legacy::Vni)),
        "off" | "none" | "unicode" => Ok(LegacyMode::Off),
        _ => Err(format!("'{s}' is not one of auto, tcvn3, vni, off")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates() {
        assert_eq!(date("01/07/2025").unwrap(), NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        assert_eq!(date("2025-07-01").unwrap(), NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        assert!(date("31/02/2025").unwrap_err().contains("31/02/2025"));
    }

    #[test]
    fn parses_ranges() {
        assert_eq!(range("9.000-10.000").unwrap(), (9000, 10000));
        assert!(range("10-9").is_err());
    }
}
