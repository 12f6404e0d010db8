//! Short codes: initials for committees, parent code + sequence below them.

use crate::domain::text::fold;
use std::collections::HashSet;

/// Uppercase initials of a place name without diacritics: "Hai Bà Trưng" → "HBT".
pub fn initials(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Every code handed out so far.
#[derive(Debug, Default)]
pub struct Codes {
    used: HashSet<String>,
}

impl Codes {
    /// `base`, or `base` with the smallest digit suffix that is free.
    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        for n in 2.. {
            let cand = format!("{base}{n}");
            if self.used.insert(cand.clone()) {
                return cand;
            }
        }
        unreachable!()
    }
}

/// Code of the `seq`-th child of `parent`: "BD" + 5 → "BD.05".
pub fn child(parent: &str, seq: u32) -> String {
    format!("{parent}.{seq:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_suffixes() {
        assert_eq!(initials("Ba Đình"), "BD");
        assert_eq!(initials("Hoàn Kiếm"), "HK");
        assert_eq!(initials("Văn Miếu - Quốc Tử Giám"), "VMQTG");
        let mut c = Codes::default();
        assert_eq!(c.unique("TT"), "TT");
        assert_eq!(c.unique("TT"), "TT2");
        assert_eq!(c.unique("TT"), "TT3");
        assert_eq!(child("BD", 5), "BD.05");
        assert_eq!(child("BD.05", 112), "BD.05.112");
    }
}
