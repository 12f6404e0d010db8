//! Numbers in the language's format (vi: 1.234 and 88,1%; en: 1,234 and 88.1%),
//! shared by the Kết nạp and Chỉ tiêu screens: the formatting is
//! crate::domain::numfmt's; the parsing of a typed count is here.

pub use crate::domain::numfmt::{int as num, pct, signed};

/// A count as typed: digits with optional thousands separators ("9.000",
/// "9,000", "9 000"); None for anything else (a sign, a fraction, a word).
pub fn parse_count(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() || !t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = t.split(['.', ',', ' ', '\u{a0}']).collect();
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = groups.concat();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::Lang;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(num(9796, Lang::Vi), "9.796");
        assert_eq!(num(1_234_567, Lang::En), "1,234,567");
        assert_eq!(num(12, Lang::Vi), "12");
        assert_eq!(pct(Some(88.14), Lang::Vi), "88,1%");
        assert_eq!(pct(Some(88.14), Lang::En), "88.1%");
        assert_eq!(pct(None, Lang::En), "—");
        assert_eq!(signed(-1200, Lang::Vi), "−1.200");
    }

    #[test]
    fn counts_as_typed() {
        assert_eq!(parse_count("9000"), Some(9000));
        assert_eq!(parse_count("9.000"), Some(9000));
        assert_eq!(parse_count("10,000"), Some(10000));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("abc"), None);
        assert_eq!(parse_count(""), None);
        assert_eq!(parse_count("99999999999"), None);
    }
}
