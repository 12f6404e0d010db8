//! Numbers in the language's format, for every front end and every screen:
//! Vietnamese groups thousands with "." and writes decimals with ","
//! (502.834 and 88,1%), English the other way round (502,834 and 88.1%).
//! The one place that knows these separators.

use super::Lang;

/// The thousands separator and the decimal mark.
fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// Digits grouped by three with the separator.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// 502834 → "502.834" (vi) or "502,834" (en).
pub fn int(n: u64, lang: Lang) -> String {
    group(&n.to_string(), marks(lang).0)
}

/// A signed difference: "+100" / "−1.200" (a true minus sign).
pub fn signed(n: i64, lang: Lang) -> String {
    let sign = if n < 0 { "−" } else { "+" };
    format!("{sign}{}", int(n.unsigned_abs(), lang))
}

/// A number with at most one decimal, the decimal shown only when there is
/// one: 1234.5 → "1.234,5" (vi) / "1,234.5" (en); 85.0 → "85".
pub fn dec(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (sep, mark) = marks(lang);
    let tenths = (x.abs() * 10.0).round() as u64;
    let (whole, frac) = (tenths / 10, tenths % 10);
    let mut out = String::new();
    if x < 0.0 && tenths > 0 {
        out.push('-');
    }
    out.push_str(&group(&whole.to_string(), sep));
    if frac != 0 {
        out.push(mark);
        out.push(char::from(b'0' + frac as u8));
    }
    out
}

/// A percentage with one decimal: 88.14 → "88,1%" (vi) / "88.1%" (en); "—" when there is none.
pub fn pct(p: Option<f64>, lang: Lang) -> String {
    match p {
        Some(v) if v.is_finite() => {
            let (sep, mark) = marks(lang);
            let tenths = (v.abs() * 10.0).round() as u64;
            let sign = if v < 0.0 && tenths > 0 { "-" } else { "" };
            format!("{sign}{}{mark}{}%", group(&(tenths / 10).to_string(), sep), tenths % 10)
        }
        _ => "—".into(),
    }
}

/// `n` of `d` as a percentage with one decimal ("—" when `d` is 0).
pub fn ratio_pct(n: u64, d: u64, lang: Lang) -> String {
    if d == 0 {
        return "—".into();
    }
    pct(Some(n as f64 * 100.0 / d as f64), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(int(502_834, Lang::Vi), "502.834");
        assert_eq!(int(502_834, Lang::En), "502,834");
        assert_eq!(int(1_234_567, Lang::En), "1,234,567");
        assert_eq!(int(12, Lang::Vi), "12");
        assert_eq!(int(0, Lang::Vi), "0");
        assert_eq!(signed(-1200, Lang::Vi), "−1.200");
        assert_eq!(signed(100, Lang::En), "+100");
        assert_eq!(dec(1234.5, Lang::Vi), "1.234,5");
        assert_eq!(dec(1234.5, Lang::En), "1,234.5");
        assert_eq!(dec(85.0, Lang::Vi), "85");
        assert_eq!(dec(63.2, Lang::Vi), "63,2");
        assert_eq!(dec(-0.01, Lang::Vi), "0");
        assert_eq!(pct(Some(88.14), Lang::Vi), "88,1%");
        assert_eq!(pct(Some(88.14), Lang::En), "88.1%");
        assert_eq!(pct(Some(0.0), Lang::Vi), "0,0%");
        assert_eq!(pct(Some(100.0), Lang::Vi), "100,0%");
        assert_eq!(pct(None, Lang::En), "—");
        assert_eq!(pct(Some(f64::NAN), Lang::En), "—");
        assert_eq!(ratio_pct(2, 3, Lang::Vi), "66,7%");
        assert_eq!(ratio_pct(1, 0, Lang::Vi), "—");
    }
}
