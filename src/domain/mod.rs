//! Pure domain: types and rules, no I/O.

pub mod admission;
pub mod admissions_grid;
pub mod admissions_targets;
pub mod admissions_term;
pub mod admissions_view;
pub mod audit;
pub mod case;
pub mod classification;
pub mod collate;
pub mod conflicts;
pub mod credit;
pub mod discipline;
pub mod finding;
pub mod indicator;
pub mod indicator_orgs;
pub mod indicators;
pub mod kind;
pub mod level;
pub mod numfmt;
pub mod org;
pub mod pace;
pub mod report;
pub mod rollup;
pub mod rules;
pub mod search;
pub mod tally;
pub mod text;
pub mod text_check;
pub mod tree;

pub use admission::{Admissions, Target};
pub use classification::{Classification, NotRatedBy, Tallies};
pub use kind::OrgKind;
pub use level::Level;
pub use org::{Change, Org, OrgEvent, OrgId};

/// A map keyed by organisation id. Ids are small integers handed out by
/// thuky itself, so a fast non-cryptographic hash serves (SipHash took a
/// tenth of a full year's checks).
pub type IdMap<V> = std::collections::HashMap<OrgId, V, rustc_hash::FxBuildHasher>;
pub use rules::{Finding, Regulation, Rulebook, Severity};
pub use tree::Tree;

/// First year thuky keeps classifications for (QĐ 132 took effect in 2018).
pub const FIRST_YEAR: i32 = 2018;
/// Last year accepted (guards against typos such as 20255).
pub const LAST_YEAR: i32 = 2100;

/// The first day of a year, or None for a year chrono cannot represent
/// (beyond about ±262,000): the form to use on any year that came from input.
pub fn try_year_start(year: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1)
}

/// The last day of a year, or None for a year chrono cannot represent.
pub fn try_year_end(year: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, 12, 31)
}

/// The first day of a year already validated (FIRST_YEAR..=LAST_YEAR);
/// a year chrono cannot represent gives the last representable day.
pub fn year_start(year: i32) -> chrono::NaiveDate {
    try_year_start(year).unwrap_or(if year < 0 { chrono::NaiveDate::MIN } else { chrono::NaiveDate::MAX })
}

/// The date a year's tree is taken at: the last day of the year (a year
/// chrono cannot represent gives the nearest representable day, never a panic).
pub fn year_end(year: i32) -> chrono::NaiveDate {
    try_year_end(year).unwrap_or(if year < 0 { chrono::NaiveDate::MIN } else { chrono::NaiveDate::MAX })
}

/// Language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" => Some(Lang::Vi),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// From the LANG / LC_ALL / LC_MESSAGES environment: English only if it asks for it.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.to_ascii_lowercase().starts_with("en") {
                        Lang::En
                    } else {
                        Lang::Vi
                    };
                }
            }
        }
        Lang::Vi
    }

    /// Pick the text for this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
