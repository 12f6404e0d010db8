//! Text folding (diacritic-insensitive search); Vietnamese collation is in `collate`.

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

pub use super::collate::Collator;

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
}
