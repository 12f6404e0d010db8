//! The four classification levels, shared by organisations and members.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    /// Hoàn thành xuất sắc nhiệm vụ
    #[serde(rename = "HTXS")]
    Htxs,
    /// Hoàn thành tốt nhiệm vụ
    #[serde(rename = "HTT")]
    Htt,
    /// Hoàn thành nhiệm vụ
    #[serde(rename = "HT")]
    Ht,
    /// Không hoàn thành nhiệm vụ
    #[serde(rename = "KHT")]
    Kht,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Htxs, Level::Htt, Level::Ht, Level::Kht];

    pub fn short(self) -> &'static str {
        match self {
            Level::Htxs => "HTXS",
            Level::Htt => "HTT",
            Level::Ht => "HT",
            Level::Kht => "KHT",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            Level::Htxs => "Hoàn thành xuất sắc nhiệm vụ",
            Level::Htt => "Hoàn thành tốt nhiệm vụ",
            Level::Ht => "Hoàn thành nhiệm vụ",
            Level::Kht => "Không hoàn thành nhiệm vụ",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Level::Htxs => "completed tasks excellently",
            Level::Htt => "completed tasks well",
            Level::Ht => "completed tasks",
            Level::Kht => "did not complete tasks",
        }
    }

    /// 0 = HTXS ... 3 = KHT.
    pub fn index(self) -> usize {
        self as usize
    }

    /// "Tốt trở lên": HTXS or HTT.
    pub fn good_or_better(self) -> bool {
        matches!(self, Level::Htxs | Level::Htt)
    }

    /// A one-character symbol that does not rely on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Level::Htxs => "★",
            Level::Htt => "●",
            Level::Ht => "○",
            Level::Kht => "✗",
        }
    }

    /// The level a QĐ 366 score gives: ≥90 HTXS, 70-89 HTT, 50-69 HT, <50 KHT.
    pub fn from_score(score: f64) -> Level {
        if score >= 90.0 {
            Level::Htxs
        } else if score >= 70.0 {
            Level::Htt
        } else if score >= 50.0 {
            Level::Ht
        } else {
            Level::Kht
        }
    }

    /// Parse HTXS/HTT/HT/KHT, 1-4 in the regulation's order, or the
    /// Vietnamese name with or without diacritics.
    pub fn parse(s: &str) -> Option<Level> {
        let f = super::text::fold(&super::text::clean(s));
        let compact: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
        match compact.as_str() {
            "htxs" | "1" | "x" => return Some(Level::Htxs),
            "htt" | "2" | "t" => return Some(Level::Htt),
            "ht" | "3" | "h" => return Some(Level::Ht),
            "kht" | "4" | "k" => return Some(Level::Kht),
            _ => {}
        }
        let words = f.split_whitespace().collect::<Vec<_>>().join(" ");
        let w = words.trim_end_matches(" nhiem vu").trim();
        match w {
            "hoan thanh xuat sac" => Some(Level::Htxs),
            "hoan thanh tot" => Some(Level::Htt),
            "hoan thanh" => Some(Level::Ht),
            "khong hoan thanh" => Some(Level::Kht),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms() {
        assert_eq!(Level::parse("htxs"), Some(Level::Htxs));
        assert_eq!(Level::parse("1"), Some(Level::Htxs));
        assert_eq!(Level::parse("4"), Some(Level::Kht));
        assert_eq!(Level::parse("Hoàn thành tốt nhiệm vụ"), Some(Level::Htt));
        assert_eq!(Level::parse("hoan thanh tot nhiem vu"), Some(Level::Htt));
        assert_eq!(Level::parse("Không hoàn thành nhiệm vụ"), Some(Level::Kht));
        assert_eq!(Level::parse("hoan thanh"), Some(Level::Ht));
        assert_eq!(Level::parse("5"), None);
        assert_eq!(Level::parse("tot"), None);
    }

    #[test]
    fn score_bands() {
        assert_eq!(Level::from_score(90.0), Level::Htxs);
        assert_eq!(Level::from_score(89.9), Level::Htt);
        assert_eq!(Level::from_score(70.0), Level::Htt);
        assert_eq!(Level::from_score(69.0), Level::Ht);
        assert_eq!(Level::from_score(50.0), Level::Ht);
        assert_eq!(Level::from_score(49.5), Level::Kht);
    }
}
