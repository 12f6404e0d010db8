//! The six kinds of party organisation (domain.md section 3).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Đảng bộ Thành phố (the root)
    City,
    /// Đảng bộ trực thuộc / cấp trên cơ sở
    Superior,
    /// Đảng bộ cơ sở (grassroots, 30+ full members)
    GrassrootsCommittee,
    /// Chi bộ cơ sở (grassroots, 3-29 full members)
    GrassrootsCell,
    /// Đảng bộ bộ phận
    SubCommittee,
    /// Chi bộ trực thuộc
    Cell,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::City,
        OrgKind::Superior,
        OrgKind::GrassrootsCommittee,
        OrgKind::GrassrootsCell,
        OrgKind::SubCommittee,
        OrgKind::Cell,
    ];

    /// Tổ chức cơ sở đảng (TCCSĐ).
    pub fn is_grassroots(self) -> bool {
        matches!(self, OrgKind::GrassrootsCommittee | OrgKind::GrassrootsCell)
    }

    /// A cell holds members directly and is judged on its members' tallies.
    pub fn is_cell(self) -> bool {
        matches!(self, OrgKind::GrassrootsCell | OrgKind::Cell)
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            OrgKind::City => "Đảng bộ Thành phố",
            OrgKind::Superior => "Đảng bộ trực thuộc",
            OrgKind::GrassrootsCommittee => "Đảng bộ cơ sở",
            OrgKind::GrassrootsCell => "Chi bộ cơ sở",
            OrgKind::SubCommittee => "Đảng bộ bộ phận",
            OrgKind::Cell => "Chi bộ trực thuộc",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OrgKind::City => "city committee",
            OrgKind::Superior => "subordinate committee",
            OrgKind::GrassrootsCommittee => "grassroots committee",
            OrgKind::GrassrootsCell => "grassroots cell",
            OrgKind::SubCommittee => "sub-committee",
            OrgKind::Cell => "cell",
        }
    }

    /// Short tag for narrow columns.
    pub fn tag(self) -> &'static str {
        match self {
            OrgKind::City => "TP",
            OrgKind::Superior => "TT",
            OrgKind::GrassrootsCommittee => "ĐBCS",
            OrgKind::GrassrootsCell => "CBCS",
            OrgKind::SubCommittee => "ĐBBP",
            OrgKind::Cell => "CB",
        }
    }

    pub fn snake(self) -> &'static str {
        match self {
            OrgKind::City => "city",
            OrgKind::Superior => "superior",
            OrgKind::GrassrootsCommittee => "grassroots_committee",
            OrgKind::GrassrootsCell => "grassroots_cell",
            OrgKind::SubCommittee => "sub_committee",
            OrgKind::Cell => "cell",
        }
    }

    /// Accepts the snake-case name, the tag, or the Vietnamese name (diacritics optional).
    pub fn parse(s: &str) -> Option<OrgKind> {
        let f = super::text::fold(&super::text::clean(s)).replace(['-', '_'], " ");
        OrgKind::ALL.into_iter().find(|k| {
            f == k.snake().replace('_', " ") || f == super::text::fold(k.tag()) || f == super::text::fold(k.name_vi()) || f == k.name_en()
        })
    }

    /// Which kinds may stand directly under a parent of this kind.
    pub fn allows_child(self, child: OrgKind) -> bool {
        use OrgKind::*;
        match self {
            City => matches!(child, Superior | GrassrootsCommittee | GrassrootsCell),
            Superior => matches!(child, GrassrootsCommittee | GrassrootsCell),
            GrassrootsCommittee => matches!(child, SubCommittee | Cell),
            SubCommittee => matches!(child, Cell),
            GrassrootsCell | Cell => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds() {
        assert_eq!(OrgKind::parse("cell"), Some(OrgKind::Cell));
        assert_eq!(OrgKind::parse("chi bo co so"), Some(OrgKind::GrassrootsCell));
        assert_eq!(OrgKind::parse("Đảng bộ cơ sở"), Some(OrgKind::GrassrootsCommittee));
        assert_eq!(OrgKind::parse("grassroots-committee"), Some(OrgKind::GrassrootsCommittee));
        assert_eq!(OrgKind::parse("ĐBBP"), Some(OrgKind::SubCommittee));
        assert_eq!(OrgKind::parse("thing"), None);
    }
}
