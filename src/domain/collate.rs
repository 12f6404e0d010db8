//! Vietnamese collation: ICU4X's collator, with a fast first pass at the
//! primary level.
//!
//! Why the fast pass: sorting the children of every organisation of a tree
//! (`Tree::sort_children`) makes ~295,000 comparisons at `--scale large`,
//! and ICU's comparison of two names sharing a long prefix ("Chi bộ Tổ dân
//! phố số 10" / "số 11") costs ~250 ns: 75 ms of the server's first answer.
//!
//! How: in the Unicode Collation Algorithm two strings are ordered by their
//! primary weights first (letters, with ă/â/đ/ê/ô/ơ/ư letters of their own
//! in Vietnamese; tones and case only break ties). For the characters names
//! are written in (printable ASCII and the precomposed Vietnamese letters),
//! each character has exactly one primary weight, so comparing the
//! characters' primary ranks from the left gives ICU's answer as soon as two
//! ranks differ. The ranks are not written by hand: they are ICU's own
//! order of those characters at primary strength, taken once. Anything else
//! (a character outside the table, e.g. a combining mark, which could join
//! the letter before it; or names equal at the primary level) is compared
//! by ICU itself. A test checks the pass against ICU on every pair of one-
//! and two-letter strings and on many generated names.

use std::cmp::Ordering;
use std::sync::OnceLock;

/// Vietnamese collator (a < ă < â, d < đ, tones in dictionary order).
pub struct Collator {
    inner: icu_collator::CollatorBorrowed<'static>,
    ranks: &'static Ranks,
}

impl Collator {
    pub fn vietnamese() -> Self {
        Collator {
            inner: icu(icu_collator::options::CollatorOptions::default()),
            ranks: Ranks::get(),
        }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match self.ranks.compare(a, b) {
            Some(o) => o,
            None => self.inner.compare(a, b),
        }
    }
}

impl Default for Collator {
    fn default() -> Self {
        Self::vietnamese()
    }
}

fn icu(options: icu_collator::options::CollatorOptions) -> icu_collator::CollatorBorrowed<'static> {
    let locale: icu_locale_core::Locale = "vi".parse().expect("static locale");
    let prefs = icu_collator::CollatorPreferences::from(&locale);
    icu_collator::Collator::try_new(prefs, options).expect("compiled collation data for vi")
}

/// The characters the fast pass knows, below this code point.
const TABLE_END: usize = 0x1F00;

/// Each known character's rank among primary weights (0: not known).
struct Ranks {
    rank: Vec<u8>,
}

impl Ranks {
    fn get() -> &'static Ranks {
        static RANKS: OnceLock<Ranks> = OnceLock::new();
        RANKS.get_or_init(Ranks::build)
    }

    /// Printable ASCII and the Vietnamese letters in both cases, ordered by
    /// ICU at primary strength; characters equal there share a rank.
    fn build() -> Ranks {
        let mut options = icu_collator::options::CollatorOptions::default();
        options.strength = Some(icu_collator::options::Strength::Primary);
        let primary = icu(options);
        let mut chars: Vec<char> = (0x20u8..0x7F).map(char::from).collect();
        chars.extend(VIETNAMESE.chars().flat_map(|c| [c].into_iter().chain(c.to_uppercase())));
        chars.sort_unstable();
        chars.dedup();
        // A character ICU ignores at the primary level has no rank of its own.
        let mut buf = [0u8; 4];
        chars.retain(|c| primary.compare(c.encode_utf8(&mut buf), "") != Ordering::Equal);
        chars.sort_by(|a, b| primary.compare(a.encode_utf8(&mut [0; 4]), b.encode_utf8(&mut [0; 4])));
        let mut rank = vec![0u8; TABLE_END];
        let mut r: u8 = 0;
        let mut prev: Option<char> = None;
        for c in chars {
            let same = prev.is_some_and(|p| primary.compare(p.encode_utf8(&mut [0; 4]), c.encode_utf8(&mut [0; 4])) == Ordering::Equal);
            if !same {
                r += 1;
            }
            rank[c as usize] = r;
            prev = Some(c);
        }
        Ranks { rank }
    }

    fn of(&self, c: char) -> u8 {
        self.rank.get(c as usize).copied().unwrap_or(0)
    }

    /// ICU's order of `a` and `b` when their primary ranks decide it, or
    /// `None` when only ICU can tell.
    fn compare(&self, a: &str, b: &str) -> Option<Ordering> {
        // What both start with weighs the same in both: start at the first
        // character that differs, unless the one before it is not known (it
        // could join what follows).
        let mut p = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        if p == a.len() && p == b.len() {
            return Some(Ordering::Equal);
        }
        while !a.is_char_boundary(p) {
            p -= 1;
        }
        if a[..p].chars().next_back().is_some_and(|c| self.of(c) == 0) {
            return None;
        }
        let (mut x, mut y) = (a[p..].chars(), b[p..].chars());
        loop {
            match (x.next(), y.next()) {
                (None, None) => return None,
                (None, Some(c)) => return (self.of(c) != 0).then_some(Ordering::Less),
                (Some(c), None) => return (self.of(c) != 0).then_some(Ordering::Greater),
                (Some(c), Some(d)) => {
                    let (rc, rd) = (self.of(c), self.of(d));
                    if rc == 0 || rd == 0 {
                        return None;
                    }
                    if rc != rd {
                        // What follows could still join this letter (a
                        // combining mark after it): only when it is known
                        // does this rank stand.
                        let known = |n: Option<char>| n.is_none_or(|n| self.of(n) != 0);
                        return (known(x.clone().next()) && known(y.clone().next())).then_some(rc.cmp(&rd));
                    }
                }
            }
        }
    }
}

/// The lowercase Vietnamese letters that are not ASCII: the vowels with
/// their shapes and tones, and đ.
const VIETNAMESE: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";

#[cfg(test)]
mod tests {
    use super::*;

    fn both(c: &Collator, a: &str, b: &str) {
        assert_eq!(c.compare(a, b), c.inner.compare(a, b), "{a:?} vs {b:?}");
    }

    #[test]
    fn collates_vietnamese_order() {
        let c = Collator::vietnamese();
        let mut v = vec!["Đông Anh", "Dương", "Ân", "Anh", "Ăn", "Ba Vì", "Bà"];
        v.sort_by(|a, b| c.compare(a, b));
        assert_eq!(v, vec!["Anh", "Ăn", "Ân", "Bà", "Ba Vì", "Dương", "Đông Anh"]);
    }

    #[test]
    fn the_fast_pass_knows_every_vietnamese_letter_and_printable_ascii() {
        let r = Ranks::get();
        for c in VIETNAMESE
            .chars()
            .chain(VIETNAMESE.to_uppercase().chars())
            .chain('a'..='z')
            .chain('0'..='9')
        {
            assert_ne!(r.of(c), 0, "{c}");
        }
        assert_eq!(r.of('ệ'), r.of('Ê'));
        assert!(r.of('e') < r.of('ê') && r.of('ê') < r.of('g'));
        assert!(r.of('d') < r.of('đ') && r.of('đ') < r.of('e'));
        assert_eq!(r.of('\u{0302}'), 0, "a combining mark is left to ICU");
        assert!(r.of(' ') != 0 && r.of(' ') < r.of('0') && r.of('9') < r.of('a'));
        // The register's names are decided by the fast pass.
        assert_eq!(
            r.compare("Chi bộ Tổ dân phố số 10", "Chi bộ Tổ dân phố số 11"),
            Some(Ordering::Less)
        );
        assert_eq!(r.compare("Đảng bộ Phường Ba Đình", "Đảng bộ Phường Ba Vì"), Some(Ordering::Less));
        assert_eq!(r.compare("Ứng Hòa", "Ứng Hoà"), None, "equal letters: tones and case go to ICU");
    }

    #[test]
    fn agrees_with_icu_on_every_pair_of_short_strings() {
        let c = Collator::vietnamese();
        let letters: Vec<String> = "aăâbcdđeêghiklmnoôơpqrstuưvxyzAĂĐÔ0129 -.,()/áàảãạấầẩẫậờởỡợữựỳýệ"
            .chars()
            .map(String::from)
            .collect();
        let mut words: Vec<String> = letters.clone();
        for a in &letters {
            for b in &letters {
                words.push(format!("{a}{b}"));
            }
        }
        // Combining marks after a letter (decomposed text) go to ICU.
        words.extend(["e\u{0302}", "e\u{0302}t", "o\u{031B}", "a\u{0300}b", "\u{0301}a"].map(String::from));
        for a in &words {
            for b in &words {
                both(&c, a, b);
            }
        }
    }

    #[test]
    fn agrees_with_icu_on_names_like_the_registers() {
        let c = Collator::vietnamese();
        let parts = [
            "Chi bộ",
            "Đảng bộ",
            "Đảng ủy",
            "Tổ dân phố",
            "số",
            "Phường",
            "Xã",
            "Trường",
            "THCS",
            "Công ty",
            "TNHH",
            "Hà Nội",
            "Hoàn Kiếm",
            "Đống Đa",
            "Ba Đình",
            "Ứng Hòa",
            "Ứng Hoà",
            "Quân sự",
            "(cũ)",
            "-",
            "1",
            "2",
            "9",
            "10",
            "11",
            "Bệnh viện",
            "Ngân hàng",
            "Thôn",
            "Thượng",
            "Thường",
            "Ân Thi",
            "Ấn",
            "Ẩn",
            "Ăn",
            "An",
        ];
        let mut names = Vec::new();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1500 {
            let mut n = Vec::new();
            for _ in 0..(seed % 4 + 1) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                n.push(parts[(seed % parts.len() as u64) as usize]);
            }
            names.push(n.join(" "));
        }
        for a in &names {
            for b in names.iter().step_by(7) {
                both(&c, a, b);
            }
        }
    }
}
