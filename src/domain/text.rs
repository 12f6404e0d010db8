//! Text folding (diacritic-insensitive search) and Vietnamese collation.

use std::cmp::Ordering;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalise to NFC, trim, and collapse inner runs of whitespace.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fold text for search: drop diacritics, đ/Đ → d, lowercase.
/// For NFC input the result has exactly one char per input char, so match
/// positions map back to the original text.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(fold_char(c));
    }
    out
}

/// Fold one (NFC) character to its base letter, lowercased.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'đ' | 'Đ' => return 'd',
        _ => {}
    }
    let base = std::iter::once(c).nfd().find(|ch| !is_combining_mark(*ch)).unwrap_or(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// Vietnamese collator (a < ă < â, d < đ, tones in dictionary order).
pub struct Collator {
    inner: icu_collator::CollatorBorrowed<'static>,
}

impl Collator {
    pub fn vietnamese() -> Self {
        let locale: icu_locale_core::Locale = "vi".parse().expect("static locale");
        let prefs = icu_collator::CollatorPreferences::from(&locale);
        let inner = icu_collator::Collator::try_new(prefs, Default::default()).expect("compiled collation data for vi");
        Collator { inner }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.inner.compare(a, b)
    }
}

impl Default for Collator {
    fn default() -> Self {
        Self::vietnamese()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đảng ủy Hà Nội"), "dang uy ha noi");
        assert_eq!(fold("Ba Đình"), "ba dinh");
        assert_eq!(fold("ỨNG HÒA"), "ung hoa");
    }

    #[test]
    fn fold_keeps_char_count_for_nfc() {
        let s = clean("Phường Hoàn Kiếm, Quận Đống Đa");
        assert_eq!(fold(&s).chars().count(), s.chars().count());
    }

    #[test]
    fn clean_makes_nfc() {
        let nfd: String = "Hà Nội".nfd().collect();
        assert_ne!(nfd, "Hà Nội");
        assert_eq!(clean(&format!("  {nfd}   x ")), "Hà Nội x");
    }

    #[test]
    fn collates_vietnamese_order() {
        let c = Collator::vietnamese();
        let mut v = vec!["Đông Anh", "Dương", "Ân", "Anh", "Ăn", "Ba Vì", "Bà"];
        v.sort_by(|a, b| c.compare(a, b));
        assert_eq!(v, vec!["Anh", "Ăn", "Ân", "Bà", "Ba Vì", "Dương", "Đông Anh"]);
    }
}
