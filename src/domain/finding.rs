//! What a rule check found: the numbers (independent of language), the
//! regulation and article it rests on, and the message in each language.

use super::classification::Tallies;
use super::kind::OrgKind;
use super::level::Level;
use super::numfmt;
use super::org::OrgId;
use super::rules::{Regulation, Rule, Severity};
use super::Lang;
use serde::{Deserialize, Serialize};

/// The group of similar collectives a 20% cap counts within (issue 12, item 7):
/// the grassroots organisations of one committee (đảng bộ cơ sở and chi bộ cơ
/// sở together), the sub-committees of one grassroots committee, the cells of
/// one parent, the committees directly under the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapGroup {
    Superiors,
    Grassroots,
    SubCommittees,
    Cells,
}

impl CapGroup {
    pub fn of(kind: OrgKind) -> Option<CapGroup> {
        match kind {
            OrgKind::City => None,
            OrgKind::Superior => Some(CapGroup::Superiors),
            OrgKind::GrassrootsCommittee | OrgKind::GrassrootsCell => Some(CapGroup::Grassroots),
            OrgKind::SubCommittee => Some(CapGroup::SubCommittees),
            OrgKind::Cell => Some(CapGroup::Cells),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            CapGroup::Superiors => lang.pick("các đảng bộ trực thuộc", "the committees below"),
            CapGroup::Grassroots => lang.pick(
                "các tổ chức cơ sở đảng trực thuộc (đảng bộ cơ sở và chi bộ cơ sở)",
                "the grassroots organisations below (grassroots committees and cells)",
            ),
            CapGroup::SubCommittees => lang.pick("các đảng bộ bộ phận trực thuộc", "the sub-committees below"),
            CapGroup::Cells => lang.pick("các chi bộ trực thuộc", "the cells below"),
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
    /// Neither the grassroots organisation's own tallies nor all its cells'.
    TalliesPartial {
        missing: u32,
        cells: u32,
    },
    /// The grassroots organisation's own tallies against its cells' sum.
    TallyLevels {
        own: Tallies,
        cells: Tallies,
    },
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
    /// Subordinates not rated yet: the shares count only the rated ones.
    SubordinatesUnrated {
        level: Level,
        unrated: u64,
        total: u64,
    },
    CollectivesCap {
        group: CapGroup,
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
    /// Not rated as admitted less than 6 months before, against the
    /// admissions of July to December.
    NotRatedRecent {
        recent: u32,
        admitted: u64,
    },
    /// The kind against the members (Điều lệ Đảng, Điều 21).
    KindMembers {
        kind: OrgKind,
        members: u32,
        /// Full members, when recorded apart from the probationary ones.
        full: Option<u32>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub org: OrgId,
    pub rule: Rule,
    pub regulation: Regulation,
    pub severity: Severity,
    pub detail: Detail,
    /// Applied by a setting because the year's regulation does not confirm it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_setting: bool,
}

fn tallies(t: &Tallies) -> String {
    format!("{}/{}/{}/{}/{}", t.htxs, t.htt, t.ht, t.kht, t.not_rated)
}

fn band(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Htxs => lang.pick("từ 90 điểm", "90 or more"),
        Level::Htt => lang.pick("từ 70 đến dưới 90 điểm", "70 to under 90"),
        Level::Ht => lang.pick("từ 50 đến dưới 70 điểm", "50 to under 70"),
        Level::Kht => lang.pick("dưới 50 điểm", "under 50"),
    }
}

impl Finding {
    /// The regulation, article and clause this finding rests on, e.g.
    /// "QĐ 124-QĐ/TW, Điều 12". (Document references stay in Vietnamese.)
    pub fn source(&self) -> String {
        let reg = self.regulation;
        match self.rule {
            // Checks of the figures reported on the guidance's summary form.
            Rule::TallySum | Rule::TalliesPresent | Rule::TallyLevels => format!("{}, biểu tổng hợp", reg.guidance()),
            Rule::MembersCap | Rule::CollectivesCap => match reg {
                Regulation::Qd132Hd16 | Regulation::Qd132Hd21 => reg.guidance().to_string(),
                Regulation::Qd124 => "QĐ 124-QĐ/TW, Điều 12".into(),
                Regulation::Qd366 => "QĐ 124-QĐ/TW, Điều 12 (theo thiết lập; QĐ 366-QĐ/TW chưa xác nhận)".into(),
            },
            Rule::SubordinateShares => reg.guidance().to_string(),
            Rule::ScoreLevel | Rule::ScorePresent => "QĐ 366-QĐ/TW, Điều 11".into(),
            Rule::KindMembers => "Điều lệ Đảng, Điều 21".into(),
            Rule::NotRatedRecent => format!("{}, biểu tổng hợp", reg.guidance()),
            Rule::Discipline => super::discipline::article(reg).unwrap_or(reg.decision()).to_string(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let subject = |m: bool| {
            if m {
                lang.pick("đảng viên", "members")
            } else {
                lang.pick("tổ chức trực thuộc", "subordinate organisations")
            }
        };
        let mut m = match &self.detail {
            Detail::TallySum { sum, members } => match lang {
                Lang::Vi => format!("tổng xếp loại đảng viên {sum} ≠ số đảng viên {members}"),
                Lang::En => format!("members' tallies add up to {sum}, member count is {members}"),
            },
            Detail::TalliesMissing => lang.pick("chưa nhập xếp loại đảng viên", "members' tallies missing").into(),
            Detail::TalliesPartial { missing, cells } => match lang {
                Lang::Vi => format!("chưa nhập xếp loại đảng viên: {missing}/{cells} chi bộ chưa nhập"),
                Lang::En => format!("members' tallies missing: {missing} of {cells} cells have none"),
            },
            Detail::TallyLevels { own, cells } => match lang {
                Lang::Vi => format!(
                    "xếp loại đảng viên của tổ chức cơ sở đảng ({}) khác tổng của các chi bộ ({}); báo cáo dùng số của tổ chức cơ sở đảng",
                    tallies(own),
                    tallies(cells)
                ),
                Lang::En => format!(
                    "the grassroots organisation's members' tallies ({}) differ from its cells' sum ({}); reports use the organisation's own",
                    tallies(own),
                    tallies(cells)
                ),
            },
            Detail::MembersCap { htxs, htt } => match lang {
                Lang::Vi => format!("đảng viên HTXS {htxs} > 20% của HTT {htt} (tối đa {})", htt / 5),
                Lang::En => format!("members HTXS {htxs} > 20% of HTT {htt} (at most {})", htt / 5),
            },
            Detail::SharesForHtxs {
                not_done,
                good,
                rated,
                on_members,
            } => match lang {
                Lang::Vi => format!(
                    "xếp HTXS cần 100% {s} từ HT trở lên và từ 80% HTT trở lên; có {not_done} KHT, HTT trở lên {good}/{rated} = {} (trên {rated} {s} đã xếp loại)",
                    numfmt::ratio_pct(*good, *rated, lang),
                    s = subject(*on_members)
                ),
                Lang::En => format!(
                    "HTXS needs 100% of {s} at HT or better and 80% or more at HTT or better; {not_done} KHT, HTT or better {good}/{rated} = {} (of the {rated} {s} rated)",
                    numfmt::ratio_pct(*good, *rated, lang),
                    s = subject(*on_members)
                ),
            },
            Detail::SharesForHtt { good, rated, on_members } => match lang {
                Lang::Vi => format!(
                    "xếp HTT cần từ 50% {s} HTT trở lên; có {good}/{rated} = {} (trên {rated} {s} đã xếp loại)",
                    numfmt::ratio_pct(*good, *rated, lang),
                    s = subject(*on_members)
                ),
                Lang::En => format!(
                    "HTT needs 50% or more of {s} at HTT or better; {good}/{rated} = {} (of the {rated} {s} rated)",
                    numfmt::ratio_pct(*good, *rated, lang),
                    s = subject(*on_members)
                ),
            },
            Detail::SubordinatesUnrated { level, unrated, total } => match lang {
                Lang::Vi => format!(
                    "xếp {level} nhưng {unrated}/{total} tổ chức trực thuộc chưa xếp loại; tỷ lệ chỉ tính trên {} tổ chức đã xếp loại",
                    total - unrated
                ),
                Lang::En => format!(
                    "rated {level} but {unrated} of {total} subordinate organisations are not rated yet; the shares count only the {} rated",
                    total - unrated
                ),
            },
            Detail::CollectivesCap { group, htxs, htt } => match lang {
                Lang::Vi => format!("nhóm {}: HTXS {htxs} > 20% của HTT {htt} (tối đa {})", group.name(lang), htt / 5),
                Lang::En => format!("group of {}: HTXS {htxs} > 20% of HTT {htt} (at most {})", group.name(lang), htt / 5),
            },
            Detail::ScoreLevel { score, level, expected } if level.index() < expected.index() => match lang {
                Lang::Vi => format!(
                    "điểm {} thuộc khung {expected} ({}); không được xếp cao hơn khung: đang xếp {level}",
                    numfmt::dec(*score, lang),
                    band(*expected, lang)
                ),
                Lang::En => format!(
                    "score {} is in the {expected} band ({}); a level above the band cannot stand: rated {level}",
                    numfmt::dec(*score, lang),
                    band(*expected, lang)
                ),
            },
            Detail::ScoreLevel { score, level, expected } => match lang {
                Lang::Vi => format!(
                    "điểm {} thuộc khung {expected} nhưng xếp {level} (thấp hơn khung, được phép khi chưa đủ điều kiện nhiệm vụ hoặc có kỷ luật): ghi lý do vào ghi chú",
                    numfmt::dec(*score, lang)
                ),
                Lang::En => format!(
                    "score {} is in the {expected} band but rated {level} (below the band, allowed when task conditions fail or for discipline): record the reason in the note",
                    numfmt::dec(*score, lang)
                ),
            },
            Detail::NotRatedRecent { recent, admitted } => match lang {
                Lang::Vi => format!(
                    "chưa xếp loại vì mới kết nạp dưới 6 tháng: {recent}, ít hơn {admitted} đảng viên kết nạp từ tháng 7 đến tháng 12"
                ),
                Lang::En => format!(
                    "not rated as admitted less than 6 months before: {recent}, fewer than the {admitted} admitted from July to December"
                ),
            },
            Detail::Discipline(d) => d.message(lang),
            Detail::ScoreMissing => lang
                .pick("chưa nhập điểm (chấm theo thang 100 điểm)", "score missing (rated on a 100-point scale)")
                .into(),
            Detail::KindMembers { kind, members, full } => {
                let counted = match (full, lang) {
                    (Some(f), Lang::Vi) => format!("{f} đảng viên chính thức"),
                    (Some(f), Lang::En) => format!("{f} full members"),
                    (None, Lang::Vi) => format!("{members} đảng viên (chưa tách chính thức, dự bị)"),
                    (None, Lang::En) => format!("{members} members (full and probationary not recorded apart)"),
                };
                let rule = match (kind, lang) {
                    (OrgKind::GrassrootsCell, Lang::Vi) => "chi bộ cơ sở có từ 3 đến dưới 30 đảng viên chính thức",
                    (OrgKind::GrassrootsCell, Lang::En) => "a grassroots cell has 3 to 29 full members",
                    (OrgKind::GrassrootsCommittee, Lang::Vi) => "đảng bộ cơ sở có từ 30 đảng viên chính thức (trừ trường hợp được cho phép)",
                    (OrgKind::GrassrootsCommittee, Lang::En) => "a grassroots committee has 30 or more full members (unless an exception is allowed)",
                    (_, Lang::Vi) => "tổ chức đảng có từ 3 đảng viên chính thức",
                    (_, Lang::En) => "a party organisation has 3 or more full members",
                };
                format!("{counted}; {rule}")
            }
        };
        if self.by_setting {
            m.push_str(lang.pick(
                "; áp dụng theo thiết lập vì QĐ 366 chưa xác nhận (thuky settings)",
                "; applied by setting as QĐ 366 does not confirm it (thuky settings)",
            ));
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(numfmt::dec(1234.5, Lang::Vi), "1.234,5");
        assert_eq!(numfmt::dec(1234.5, Lang::En), "1,234.5");
        assert_eq!(numfmt::dec(85.0, Lang::Vi), "85");
        assert_eq!(numfmt::ratio_pct(881, 1000, Lang::Vi), "88,1%");
        assert_eq!(numfmt::ratio_pct(1, 3, Lang::En), "33.3%");
        assert_eq!(numfmt::ratio_pct(1, 0, Lang::En), "—");
    }
}
