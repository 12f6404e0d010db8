//! Discipline forms and the decisions a case ends in (Quy định 69-QĐ/TW, Điều 7).

use super::*;

/// Discipline forms (QĐ 69-QĐ/TW 2022, Điều 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    KhienTrach,
    CanhCao,
    CachChuc,
    KhaiTru,
    GiaiTan,
}

impl Form {
    pub fn snake(self) -> &'static str {
        match self {
            Form::KhienTrach => "khien_trach",
            Form::CanhCao => "canh_cao",
            Form::CachChuc => "cach_chuc",
            Form::KhaiTru => "khai_tru",
            Form::GiaiTan => "giai_tan",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            Form::KhienTrach => "khiển trách",
            Form::CanhCao => "cảnh cáo",
            Form::CachChuc => "cách chức",
            Form::KhaiTru => "khai trừ",
            Form::GiaiTan => "giải tán",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Form::KhienTrach => "reprimand",
            Form::CanhCao => "warning",
            Form::CachChuc => "removal from office",
            Form::KhaiTru => "expulsion",
            Form::GiaiTan => "dissolution",
        }
    }

    /// A form, or `Ok(None)` for "none" (no discipline).
    pub fn parse(s: &str) -> Option<Option<Form>> {
        match fold_key(s).as_str() {
            "none" | "khong" | "khong ky luat" => Some(None),
            "khien trach" | "reprimand" => Some(Some(Form::KhienTrach)),
            "canh cao" | "warning" => Some(Some(Form::CanhCao)),
            "cach chuc" | "removal" => Some(Some(Form::CachChuc)),
            "khai tru" | "expulsion" => Some(Some(Form::KhaiTru)),
            "giai tan" | "dissolution" => Some(Some(Form::GiaiTan)),
            _ => None,
        }
    }

    /// The forms a subject may receive (QĐ 69-QĐ/TW 2022, Điều 7; leadership: see the module).
    pub fn allowed(subject: Subject, probationary: bool) -> &'static [Form] {
        match (subject, probationary) {
            (Subject::Organisation, _) => &[Form::KhienTrach, Form::CanhCao, Form::GiaiTan],
            (Subject::Leadership, _) => &[Form::KhienTrach, Form::CanhCao],
            (Subject::Member, false) => &[Form::KhienTrach, Form::CanhCao, Form::CachChuc, Form::KhaiTru],
            (Subject::Member, true) => &[Form::KhienTrach, Form::CanhCao],
        }
    }
}

/// The discipline a case ended in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discipline {
    pub subject: Subject,
    pub form: Form,
    /// The member (a name among the case's persons) when the subject is a member.
    #[serde(default)]
    pub person: Option<String>,
    /// The date it takes effect; its year is the classification year it counts in.
    pub effective: NaiveDate,
    /// The violation was detected by the subject itself and remedied.
    #[serde(default)]
    pub self_remedied: bool,
    /// Identifies the violation: one violation is disciplined, and counted, once.
    #[serde(default)]
    pub violation: Option<String>,
}
