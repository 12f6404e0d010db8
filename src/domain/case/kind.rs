//! What a case is about and where it stands.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// Kiểm tra.
    Inspection,
    /// Kiểm tra khi có dấu hiệu vi phạm.
    InspectionViolation,
    /// Giám sát.
    Supervision,
    /// Thi hành kỷ luật.
    Discipline,
    /// Khiếu nại.
    Complaint,
    /// Khiếu nại kỷ luật (an appeal against a discipline decision).
    DisciplineAppeal,
    /// Tố cáo.
    Denunciation,
    /// Củng cố tổ chức cơ sở đảng yếu kém.
    WeakOrganisation,
    /// Điểm nóng.
    HotSpot,
}

impl CaseKind {
    pub const ALL: [CaseKind; 9] = [
        CaseKind::Inspection,
        CaseKind::InspectionViolation,
        CaseKind::Supervision,
        CaseKind::Discipline,
        CaseKind::Complaint,
        CaseKind::DisciplineAppeal,
        CaseKind::Denunciation,
        CaseKind::WeakOrganisation,
        CaseKind::HotSpot,
    ];

    pub fn snake(self) -> &'static str {
        match self {
            CaseKind::Inspection => "inspection",
            CaseKind::InspectionViolation => "inspection_violation",
            CaseKind::Supervision => "supervision",
            CaseKind::Discipline => "discipline",
            CaseKind::Complaint => "complaint",
            CaseKind::DisciplineAppeal => "discipline_appeal",
            CaseKind::Denunciation => "denunciation",
            CaseKind::WeakOrganisation => "weak_organisation",
            CaseKind::HotSpot => "hot_spot",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            CaseKind::Inspection => "Kiểm tra",
            CaseKind::InspectionViolation => "Kiểm tra khi có dấu hiệu vi phạm",
            CaseKind::Supervision => "Giám sát",
            CaseKind::Discipline => "Thi hành kỷ luật",
            CaseKind::Complaint => "Khiếu nại",
            CaseKind::DisciplineAppeal => "Khiếu nại kỷ luật",
            CaseKind::Denunciation => "Tố cáo",
            CaseKind::WeakOrganisation => "Củng cố tổ chức cơ sở đảng yếu kém",
            CaseKind::HotSpot => "Điểm nóng",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CaseKind::Inspection => "Inspection",
            CaseKind::InspectionViolation => "Inspection on signs of violation",
            CaseKind::Supervision => "Supervision",
            CaseKind::Discipline => "Discipline",
            CaseKind::Complaint => "Complaint",
            CaseKind::DisciplineAppeal => "Appeal against discipline",
            CaseKind::Denunciation => "Denunciation",
            CaseKind::WeakOrganisation => "Consolidating a weak organisation",
            CaseKind::HotSpot => "Local hot spot",
        }
    }

    /// Other names clerks type (folded, without diacritics).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            CaseKind::Inspection => &["kiem tra", "inspection"],
            CaseKind::InspectionViolation => &[
                "kiem tra khi co dau hieu vi pham",
                "kiem tra dau hieu vi pham",
                "dau hieu vi pham",
                "inspection violation",
            ],
            CaseKind::Supervision => &["giam sat", "supervision"],
            CaseKind::Discipline => &["thi hanh ky luat", "ky luat", "discipline"],
            CaseKind::Complaint => &["khieu nai", "complaint"],
            CaseKind::DisciplineAppeal => &["khieu nai ky luat", "khieu nai ve ky luat", "discipline appeal", "appeal"],
            CaseKind::Denunciation => &["to cao", "denunciation"],
            CaseKind::WeakOrganisation => &[
                "cung co to chuc co so dang yeu kem",
                "cung co to chuc yeu kem",
                "cung co",
                "yeu kem",
                "weak organisation",
                "weak organization",
            ],
            CaseKind::HotSpot => &["diem nong", "hot spot", "hotspot"],
        }
    }

    /// From the English snake name or the Vietnamese name, with or without diacritics, any case.
    pub fn parse(s: &str) -> Option<CaseKind> {
        let key = fold_key(s);
        CaseKind::ALL
            .into_iter()
            .find(|k| k.aliases().contains(&key.as_str()) || fold_key(k.name_vi()) == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Received,
    InProgress,
    Concluded,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 3] = [CaseStatus::Received, CaseStatus::InProgress, CaseStatus::Concluded];

    pub fn snake(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Concluded => "concluded",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            CaseStatus::Received => "Đã tiếp nhận",
            CaseStatus::InProgress => "Đang xử lý",
            CaseStatus::Concluded => "Đã kết luận",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::InProgress => "in progress",
            CaseStatus::Concluded => "concluded",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        match fold_key(s).as_str() {
            "received" | "da tiep nhan" | "tiep nhan" | "moi" => Some(CaseStatus::Received),
            "in progress" | "inprogress" | "dang xu ly" | "xu ly" => Some(CaseStatus::InProgress),
            "concluded" | "da ket luan" | "ket luan" => Some(CaseStatus::Concluded),
            _ => None,
        }
    }

    /// Whether a case may go from `self` to `to`: only forwards
    /// (received → in progress → concluded; received → concluded directly).
    pub fn can_become(self, to: CaseStatus) -> bool {
        (to as u8) > (self as u8)
    }
}

/// One change of status, kept in the case's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: CaseStatus,
    /// The date it took effect.
    pub on: NaiveDate,
    pub recorded: DateTime<Utc>,
    pub by: String,
}
