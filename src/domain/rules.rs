//! Yearly rulebooks and the checks they run over a year's classifications.

use super::classification::Classification;
use super::kind::OrgKind;
use super::level::Level;
use super::org::OrgId;
use super::tree::Tree;
use super::Lang;
use crate::domain::IdMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// A grassroots organisation has members' tallies.
    TalliesPresent,
    /// Members HTXS ≤ 20% of members HTT within each grassroots organisation.
    MembersCap,
    /// HTXS needs all subordinates at HT or better and ≥80% at HTT or better;
    /// HTT needs ≥50% at HTT or better (cells: on their members' tallies).
    SubordinateShares,
    /// HTXS ≤ 20% of HTT among siblings of the same kind.
    CollectivesCap,
    /// The score's band and the level agree.
    ScoreLevel,
    /// A score is recorded.
    ScorePresent,
    /// Discipline of the year (cases) fits the level: `discipline::check`.
    Discipline,
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::TallySum => "tally_sum",
            Rule::TalliesPresent => "tallies_present",
            Rule::MembersCap => "members_cap",
            Rule::SubordinateShares => "subordinate_shares",
            Rule::CollectivesCap => "collectives_cap",
            Rule::ScoreLevel => "score_level",
            Rule::ScorePresent => "score_present",
            Rule::Discipline => "discipline",
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

/// Settings that change how a rulebook is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSettings {
    /// Whether the collectives' 20% cap of QĐ 124 still applies under QĐ 366.
    /// Not confirmed by the published texts; on by default.
    pub collectives_cap_under_366: bool,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            collectives_cap_under_366: true,
        }
    }
}

/// What was found, with the numbers, independent of language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Detail {
    TallySum {
        sum: u64,
        members: u32,
    },
    TalliesMissing,
    MembersCap {
        htxs: u32,
        htt: u32,
    },
    SharesForHtxs {
        not_done: u64,
        good: u64,
        rated: u64,
        on_members: bool,
    },
    SharesForHtt {
        good: u64,
        rated: u64,
        on_members: bool,
    },
    CollectivesCap {
        kind: OrgKind,
        htxs: u32,
        htt: u32,
    },
    ScoreLevel {
        score: f64,
        level: Level,
        expected: Level,
    },
    ScoreMissing,
    Discipline(super::discipline::DisciplineDetail),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub org: OrgId,
    pub rule: Rule,
    pub regulation: Regulation,
    pub severity: Severity,
    pub detail: Detail,
}

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "0".into()
    } else {
        format!("{:.1}", n as f64 * 100.0 / d as f64)
    }
}

impl Finding {
    /// The regulation this rule comes from, e.g. "HD 21-HD/BTCTW".
    pub fn source(&self) -> String {
        match self.rule {
            Rule::MembersCap | Rule::SubordinateShares => self.regulation.guidance().to_string(),
            _ => self.regulation.decision().to_string(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let members_word = |m: bool| {
            if m {
                lang.pick("đảng viên", "members")
            } else {
                lang.pick("tổ chức trực thuộc", "subordinate organisations")
            }
        };
        match &self.detail {
            Detail::TallySum { sum, members } => match lang {
                Lang::Vi => format!("tổng xếp loại đảng viên {sum} ≠ số đảng viên {members}"),
                Lang::En => format!("members' tallies add up to {sum}, member count is {members}"),
            },
            Detail::TalliesMissing => lang.pick("chưa nhập xếp loại đảng viên", "members' tallies missing").into(),
            Detail::MembersCap { htxs, htt } => {
                format!(
                    "HTXS {htxs} > 20% {} HTT {htt} ({} {})",
                    lang.pick("của", "of"),
                    lang.pick("tối đa", "at most"),
                    htt / 5
                )
            }
            Detail::SharesForHtxs {
                not_done,
                good,
                rated,
                on_members,
            } => match lang {
                Lang::Vi => format!(
                    "xếp HTXS nhưng {} KHT {not_done}/{rated}, HTT trở lên {}% < 80% hoặc phải 100% HT trở lên",
                    members_word(*on_members),
                    pct(*good, *rated)
                ),
                Lang::En => format!(
                    "rated HTXS but {} KHT {not_done}/{rated}, HTT or better {}% (needs 100% HT or better and ≥80% HTT or better)",
                    members_word(*on_members),
                    pct(*good, *rated)
                ),
            },
            Detail::SharesForHtt { good, rated, on_members } => match lang {
                Lang::Vi => format!(
                    "xếp HTT nhưng {} HTT trở lên {good}/{rated} = {}% < 50%",
                    members_word(*on_members),
                    pct(*good, *rated)
                ),
                Lang::En => format!(
                    "rated HTT but {} HTT or better {good}/{rated} = {}% < 50%",
                    members_word(*on_members),
                    pct(*good, *rated)
                ),
            },
            Detail::CollectivesCap { kind, htxs, htt } => {
                let mut m = match lang {
                    Lang::Vi => format!(
                        "{} trực thuộc: HTXS {htxs} > 20% của HTT {htt} (tối đa {})",
                        kind.name_vi(),
                        htt / 5
                    ),
                    Lang::En => format!("{} below: HTXS {htxs} > 20% of HTT {htt} (at most {})", kind.name_en(), htt / 5),
                };
                if self.regulation == Regulation::Qd366 {
                    m.push_str(lang.pick(
                        "; trần của QĐ 124, áp dụng theo thiết lập vì QĐ 366 chưa xác nhận (thuky settings)",
                        "; QĐ 124's cap, applied by setting as QĐ 366 does not confirm it (thuky settings)",
                    ));
                }
                m
            }
            Detail::ScoreLevel { score, level, expected } if *expected == Level::Htxs && *level == Level::Htt => match lang {
                Lang::Vi => format!("điểm {score} ứng với HTXS, nhưng xếp HTT (chưa đủ điều kiện HTXS?)"),
                Lang::En => format!("score {score} gives HTXS, but rated HTT (HTXS conditions not met?)"),
            },
            Detail::ScoreLevel { score, level, expected } => match lang {
                Lang::Vi => format!("điểm {score} ứng với {expected}, nhưng xếp {level}"),
                Lang::En => format!("score {score} gives {expected}, but rated {level}"),
            },
            Detail::Discipline(d) => d.message(lang),
            Detail::ScoreMissing => lang
                .pick(
                    "chưa nhập điểm (QĐ 366 chấm theo thang 100 điểm)",
                    "score missing (QĐ 366 rates on a 100-point scale)",
                )
                .into(),
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
        let mut rules = vec![Rule::TallySum, Rule::TalliesPresent];
        match regulation {
            Regulation::Qd132Hd16 => {}
            Regulation::Qd132Hd21 => rules.extend([Rule::MembersCap, Rule::SubordinateShares]),
            Regulation::Qd124 => rules.push(Rule::CollectivesCap),
            Regulation::Qd366 => {
                rules.extend([Rule::ScoreLevel, Rule::ScorePresent]);
                if settings.collectives_cap_under_366 {
                    rules.push(Rule::CollectivesCap);
                }
            }
        }
        Some(Rulebook { year, regulation, rules })
    }

    pub fn has(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }

    /// Run every rule over the organisations of `scope` (the whole tree if None).
    pub fn check(&self, tree: &Tree, classes: &IdMap<Classification>, scope: Option<OrgId>) -> Vec<Finding> {
        let ids: Vec<OrgId> = match scope {
            Some(s) => tree.subtree(s),
            None => tree.roots().iter().flat_map(|r| tree.subtree(*r)).collect(),
        };
        self.check_orgs(tree, classes, &ids)
    }

    /// Every finding on the organisations `ids` (each one's own checks, and
    /// the collectives' cap over its children).
    pub fn check_orgs(&self, tree: &Tree, classes: &IdMap<Classification>, ids: &[OrgId]) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in ids {
            self.check_one(tree, classes, *id, &mut out);
        }
        if self.has(Rule::CollectivesCap) {
            for id in ids {
                self.check_group_caps(tree, classes, *id, &mut out);
            }
        }
        out
    }

    fn finding(&self, org: OrgId, rule: Rule, severity: Severity, detail: Detail) -> Finding {
        Finding {
            org,
            rule,
            regulation: self.regulation,
            severity,
            detail,
        }
    }

    /// Checks on one organisation's own classification.
    pub fn check_one(&self, tree: &Tree, classes: &IdMap<Classification>, id: OrgId, out: &mut Vec<Finding>) {
        let (Some(node), Some(c)) = (tree.node(id), classes.get(&id)) else {
            return;
        };
        match &c.members {
            Some(t) => {
                if self.has(Rule::TallySum) && t.sum() != node.total_members as u64 {
                    out.push(self.finding(
                        id,
                        Rule::TallySum,
                        Severity::Error,
                        Detail::TallySum {
                            sum: t.sum(),
                            members: node.total_members,
                        },
                    ));
                }
                if self.has(Rule::MembersCap) && node.kind.is_grassroots() && (t.htxs as u64) * 5 > t.htt as u64 {
                    out.push(self.finding(
                        id,
                        Rule::MembersCap,
                        Severity::Error,
                        Detail::MembersCap { htxs: t.htxs, htt: t.htt },
                    ));
                }
            }
            None => {
                if self.has(Rule::TalliesPresent) && node.kind.is_grassroots() {
                    out.push(self.finding(id, Rule::TalliesPresent, Severity::Warning, Detail::TalliesMissing));
                }
            }
        }
        if self.has(Rule::SubordinateShares) && c.level.good_or_better() {
            let (rated, good, not_done, on_members) = if node.kind.is_cell() {
                match &c.members {
                    Some(t) => (t.rated(), t.good_or_better(), t.kht as u64, true),
                    None => (0, 0, 0, true),
                }
            } else {
                let mut r = (0u64, 0u64, 0u64, false);
                for ch in &node.children {
                    if let Some(cc) = classes.get(ch) {
                        r.0 += 1;
                        r.1 += cc.level.good_or_better() as u64;
                        r.2 += (cc.level == Level::Kht) as u64;
                    }
                }
                r
            };
            if rated > 0 {
                if c.level == Level::Htxs && (not_done > 0 || good * 100 < rated * 80) {
                    out.push(self.finding(
                        id,
                        Rule::SubordinateShares,
                        Severity::Error,
                        Detail::SharesForHtxs {
                            not_done,
                            good,
                            rated,
                            on_members,
                        },
                    ));
                } else if c.level == Level::Htt && good * 100 < rated * 50 {
                    out.push(self.finding(
                        id,
                        Rule::SubordinateShares,
                        Severity::Error,
                        Detail::SharesForHtt { good, rated, on_members },
                    ));
                }
            }
        }
        if self.regulation.uses_score() {
            match c.score {
                Some(score) if self.has(Rule::ScoreLevel) => {
                    let expected = Level::from_score(score);
                    if expected != c.level {
                        // 90+ without HTXS is legitimate when HTXS's extra conditions are not met.
                        let severity = if expected == Level::Htxs && c.level == Level::Htt {
                            Severity::Warning
                        } else {
                            Severity::Error
                        };
                        out.push(self.finding(
                            id,
                            Rule::ScoreLevel,
                            severity,
                            Detail::ScoreLevel {
                                score,
                                level: c.level,
                                expected,
                            },
                        ));
                    }
                }
                None if self.has(Rule::ScorePresent) => {
                    out.push(self.finding(id, Rule::ScorePresent, Severity::Warning, Detail::ScoreMissing));
                }
                _ => {}
            }
        }
    }

    /// The collectives' cap over the children of `parent`, grouped by kind.
    pub fn check_group_caps(&self, tree: &Tree, classes: &IdMap<Classification>, parent: OrgId, out: &mut Vec<Finding>) {
        let Some(node) = tree.node(parent) else { return };
        let mut groups: BTreeMap<OrgKind, (u32, u32)> = BTreeMap::new();
        for ch in &node.children {
            let (Some(cn), Some(c)) = (tree.node(*ch), classes.get(ch)) else {
                continue;
            };
            let g = groups.entry(cn.kind).or_default();
            match c.level {
                Level::Htxs => g.0 += 1,
                Level::Htt => g.1 += 1,
                _ => {}
            }
        }
        for (kind, (htxs, htt)) in groups {
            if htxs as u64 * 5 > htt as u64 {
                out.push(self.finding(
                    parent,
                    Rule::CollectivesCap,
                    Severity::Error,
                    Detail::CollectivesCap { kind, htxs, htt },
                ));
            }
        }
    }
}
