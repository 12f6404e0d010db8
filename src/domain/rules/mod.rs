//! Yearly rulebooks and the checks they run over a year's classifications.

use super::classification::Classification;
pub use super::finding::{CapGroup, Detail, Finding};
use super::kind::OrgKind;
use super::level::Level;
use super::org::OrgId;
use super::tally::CellTallies;
use super::tree::Tree;
use super::Lang;
use crate::domain::IdMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod check;

pub use check::{cell_tallies, kind_members};

/// The regulation (and guidance) a year is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Regulation {
    /// QĐ 132-QĐ/TW (8/3/2018) with HD 16-HD/BTCTW (2018).
    Qd132Hd16,
    /// QĐ 132-QĐ/TW with HD 21-HD/BTCTW (18/10/2019).
    Qd132Hd21,
    /// QĐ 124-QĐ/TW (4/10/2023) with HD 25-HD/BTCTW (10/11/2023).
    Qd124,
    /// QĐ 366-QĐ/TW (30/8/2025) with HD 43-HD/BTCTW (31/10/2025).
    Qd366,
}

impl Regulation {
    pub fn for_year(year: i32) -> Option<Regulation> {
        match year {
            2018 => Some(Regulation::Qd132Hd16),
            2019..=2022 => Some(Regulation::Qd132Hd21),
            2023..=2024 => Some(Regulation::Qd124),
            y if y >= 2025 => Some(Regulation::Qd366),
            _ => None,
        }
    }

    pub fn decision(self) -> &'static str {
        match self {
            Regulation::Qd132Hd16 | Regulation::Qd132Hd21 => "QĐ 132-QĐ/TW",
            Regulation::Qd124 => "QĐ 124-QĐ/TW",
            Regulation::Qd366 => "QĐ 366-QĐ/TW",
        }
    }

    pub fn guidance(self) -> &'static str {
        match self {
            Regulation::Qd132Hd16 => "HD 16-HD/BTCTW",
            Regulation::Qd132Hd21 => "HD 21-HD/BTCTW",
            Regulation::Qd124 => "HD 25-HD/BTCTW",
            Regulation::Qd366 => "HD 43-HD/BTCTW",
        }
    }

    pub fn uses_score(self) -> bool {
        self == Regulation::Qd366
    }
}

/// The checks thuky knows. Each rulebook lists the ones in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The members' tallies add up to the member count.
    TallySum,
    /// A grassroots organisation has members' tallies (its own or all its cells').
    TalliesPresent,
    /// A grassroots organisation's own tallies agree with its cells' sum.
    TallyLevels,
    /// Members HTXS ≤ 20% of members HTT within each grassroots organisation.
    MembersCap,
    /// HTXS needs all subordinates at HT or better and ≥80% at HTT or better;
    /// HTT needs ≥50% at HTT or better (cells: on their members' tallies).
    SubordinateShares,
    /// HTXS ≤ 20% of HTT within each group of similar collectives.
    CollectivesCap,
    /// The score's band and the level agree.
    ScoreLevel,
    /// A score is recorded.
    ScorePresent,
    /// A grassroots organisation's kind fits its full members (Điều lệ Đảng, Điều 21).
    KindMembers,
    /// Members not rated as admitted less than 6 months before are not fewer
    /// than those admitted in the second half of the year.
    NotRatedRecent,
    /// Discipline of the year (cases) fits the level: `discipline::check`.
    Discipline,
}

impl Rule {
    /// The machine name (JSON output).
    pub fn id(self) -> &'static str {
        match self {
            Rule::TallySum => "tally_sum",
            Rule::TalliesPresent => "tallies_present",
            Rule::TallyLevels => "tally_levels",
            Rule::MembersCap => "members_cap",
            Rule::SubordinateShares => "subordinate_shares",
            Rule::CollectivesCap => "collectives_cap",
            Rule::ScoreLevel => "score_level",
            Rule::ScorePresent => "score_present",
            Rule::KindMembers => "kind_members",
            Rule::NotRatedRecent => "not_rated_recent",
            Rule::Discipline => "discipline",
        }
    }

    /// The rule's name for people.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Rule::TallySum => lang.pick("Tổng xếp loại đảng viên", "Members' tallies add up"),
            Rule::TalliesPresent => lang.pick("Nhập xếp loại đảng viên", "Members' tallies entered"),
            Rule::TallyLevels => lang.pick("Xếp loại đảng viên hai cấp", "Tallies at two levels"),
            Rule::MembersCap => lang.pick("Trần 20% đảng viên HTXS", "Members' 20% cap"),
            Rule::SubordinateShares => lang.pick("Tỷ lệ tổ chức trực thuộc", "Subordinate shares"),
            Rule::CollectivesCap => lang.pick("Trần 20% tập thể HTXS", "Collectives' 20% cap"),
            Rule::ScoreLevel => lang.pick("Điểm và mức xếp loại", "Score and level"),
            Rule::ScorePresent => lang.pick("Nhập điểm", "Score entered"),
            Rule::KindMembers => lang.pick("Loại tổ chức và đảng viên chính thức", "Kind and full members"),
            Rule::NotRatedRecent => lang.pick("Đảng viên mới kết nạp chưa xếp loại", "Recent members not rated"),
            Rule::Discipline => lang.pick("Kỷ luật trong năm", "Discipline of the year"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks a rule: the classification cannot stand as entered.
    Error,
    /// Missing or doubtful data worth a look.
    Warning,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("lỗi", "error"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
        }
    }
}

fn yes() -> bool {
    true
}

/// Settings that change how a rulebook is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSettings {
    /// Whether the collectives' 20% cap of QĐ 124 still applies under QĐ 366.
    /// Not confirmed by the published texts; on by default.
    pub collectives_cap_under_366: bool,
    /// Whether the members' 20% cap of QĐ 124 (Điều 12: "tập thể, cá nhân")
    /// still applies under QĐ 366. Not confirmed either; on by default.
    #[serde(default = "yes")]
    pub members_cap_under_366: bool,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            collectives_cap_under_366: true,
            members_cap_under_366: true,
        }
    }
}

/// The rules in force for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rulebook {
    pub year: i32,
    pub regulation: Regulation,
    pub rules: Vec<Rule>,
}

impl Rulebook {
    pub fn for_year(year: i32, settings: &RuleSettings) -> Option<Rulebook> {
        let regulation = Regulation::for_year(year)?;
        let mut rules = vec![
            Rule::TallySum,
            Rule::TalliesPresent,
            Rule::TallyLevels,
            Rule::KindMembers,
            Rule::NotRatedRecent,
        ];
        match regulation {
            Regulation::Qd132Hd16 => {}
            Regulation::Qd132Hd21 => rules.extend([Rule::MembersCap, Rule::SubordinateShares]),
            Regulation::Qd124 => rules.extend([Rule::MembersCap, Rule::CollectivesCap]),
            Regulation::Qd366 => {
                rules.extend([Rule::ScoreLevel, Rule::ScorePresent]);
                if settings.members_cap_under_366 {
                    rules.push(Rule::MembersCap);
                }
                if settings.collectives_cap_under_366 {
                    rules.push(Rule::CollectivesCap);
                }
            }
        }
        rules.sort();
        Some(Rulebook { year, regulation, rules })
    }

    pub fn has(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }
}
