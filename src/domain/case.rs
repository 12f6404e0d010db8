//! Cases (vụ việc) of inspection and discipline work, and the discipline
//! decisions they end in.
//!
//! Discipline forms by subject follow Quy định 69-QĐ/TW (6/7/2022), Điều 7
//! (also Điều lệ Đảng, Điều 35): an organisation khiển trách, cảnh cáo, giải
//! tán; a full member khiển trách, cảnh cáo, cách chức, khai trừ; a
//! probationary member khiển trách, cảnh cáo. A leadership collective (cấp
//! ủy, ban thường vụ) is a party organisation too, but dissolving it is not a
//! discipline of the collective: thuky allows khiển trách and cảnh cáo for it
//! (an assumption, see the README).

use super::org::OrgId;
use super::text::{clean, fold};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Case numbers are handed out by thuky: 1, 2, 3, …
pub type CaseId = u64;

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

/// Fold for matching typed names: diacritics off, '_' and '-' as spaces, spaces collapsed.
fn fold_key(s: &str) -> String {
    fold(&clean(s))
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

/// A person named in a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// A probationary (dự bị) member; otherwise a full (chính thức) member.
    #[serde(default)]
    pub probationary: bool,
    /// In the leadership (cấp ủy, tập thể lãnh đạo) of `org`.
    #[serde(default)]
    pub leadership: bool,
    /// The organisation the person belongs to, when it is not the case's.
    #[serde(default)]
    pub org: Option<OrgId>,
}

/// A person as typed: "Nguyễn Văn An (dự bị, lãnh đạo, BD.01)". The words
/// in parentheses, in any order: dự bị / probationary, lãnh đạo / cấp ủy /
/// leadership, chính thức / full, and at most one organisation code.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub probationary: bool,
    #[serde(default)]
    pub leadership: bool,
    #[serde(default)]
    pub org: Option<String>,
}

impl PersonInput {
    /// "A; B (dự bị)" → two persons. Errors name the part that is wrong.
    pub fn parse_list(s: &str) -> Result<Vec<PersonInput>, String> {
        let mut out = Vec::new();
        for part in s.split(';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            out.push(PersonInput::parse(part)?);
        }
        Ok(out)
    }

    pub fn parse(s: &str) -> Result<PersonInput, String> {
        let s = clean(s);
        let (name, flags) = match s.find('(') {
            Some(i) => {
                let rest = &s[i + 1..];
                let close = rest.find(')').ok_or_else(|| format!("'{s}': a '(' without ')'"))?;
                if !rest[close + 1..].trim().is_empty() {
                    return Err(format!("'{s}': text after ')'"));
                }
                (s[..i].trim().to_string(), rest[..close].to_string())
            }
            None => (s.clone(), String::new()),
        };
        if name.is_empty() {
            return Err(format!("'{s}': no name"));
        }
        let mut p = PersonInput {
            name,
            ..Default::default()
        };
        for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match fold_key(flag).as_str() {
                "du bi" | "probationary" => p.probationary = true,
                "chinh thuc" | "full" => p.probationary = false,
                "lanh dao" | "cap uy" | "cap uy vien" | "leadership" | "leader" => p.leadership = true,
                _ if flag.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) => {
                    if p.org.is_some() {
                        return Err(format!("'{s}': two organisation codes"));
                    }
                    p.org = Some(flag.to_uppercase());
                }
                _ => {
                    return Err(format!(
                        "'{s}': '{flag}' is not one of dự bị, chính thức, lãnh đạo or an organisation code"
                    ))
                }
            }
        }
        Ok(p)
    }
}

/// Who a discipline decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The party organisation itself.
    Organisation,
    /// Its leadership as a collective (cấp ủy, ban thường vụ).
    Leadership,
    /// A named member.
    Member,
}

impl Subject {
    pub fn parse(s: &str) -> Option<Subject> {
        match fold_key(s).as_str() {
            "organisation" | "organization" | "org" | "to chuc" | "to chuc dang" => Some(Subject::Organisation),
            "leadership" | "lanh dao" | "tap the lanh dao" | "cap uy" => Some(Subject::Leadership),
            "member" | "dang vien" | "ca nhan" => Some(Subject::Member),
            _ => None,
        }
    }

    pub fn snake(self) -> &'static str {
        match self {
            Subject::Organisation => "organisation",
            Subject::Leadership => "leadership",
            Subject::Member => "member",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            Subject::Organisation => "tổ chức đảng",
            Subject::Leadership => "tập thể lãnh đạo",
            Subject::Member => "đảng viên",
        }
    }
}

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

/// A case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub kind: CaseKind,
    /// The organisation concerned.
    pub org: OrgId,
    #[serde(default)]
    pub persons: Vec<Person>,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    /// The petition or decision the case started from.
    #[serde(default)]
    pub source: Option<String>,
    /// The body handling it (usually the inspection commission).
    #[serde(default)]
    pub handler: Option<String>,
    pub opened: NaiveDate,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: CaseStatus,
    #[serde(default)]
    pub history: Vec<StatusChange>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub discipline: Option<Discipline>,
    /// Reference and date of the decision that concluded it.
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub decided: Option<NaiveDate>,
    #[serde(default)]
    pub version: u64,
}

impl Case {
    /// Not concluded and past its due date on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status != CaseStatus::Concluded && self.due.is_some_and(|d| d < today)
    }

    /// The person named `name` (compared without diacritics or case).
    pub fn person(&self, name: &str) -> Option<&Person> {
        let key = fold_key(name);
        self.persons.iter().find(|p| fold_key(&p.name) == key)
    }

    /// The discipline that counts in the classification of its year: a
    /// concluded case's.
    pub fn counted_discipline(&self) -> Option<&Discipline> {
        self.discipline.as_ref().filter(|_| self.status == CaseStatus::Concluded)
    }

    /// Everything search looks in, as one line: title — persons; place; source; summary.
    /// (The organisation's name is added by the caller, who knows it.)
    pub fn search_text(&self, org_name: &str) -> String {
        let mut s = format!("{} — {org_name}", self.title);
        let persons: Vec<&str> = self.persons.iter().map(|p| p.name.as_str()).collect();
        for part in [
            (!persons.is_empty()).then(|| persons.join(", ")),
            self.place.clone(),
            self.source.clone(),
            self.summary.clone(),
        ]
        .into_iter()
        .flatten()
        {
            s.push_str("; ");
            s.push_str(&part);
        }
        s
    }
}

/// What lists, counts, checks and search hits need of a case: kept in
/// memory for every case (the persons, summary, history, … are read from the
/// store when a case is shown or changed).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseHead {
    pub id: CaseId,
    pub org: OrgId,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub opened: NaiveDate,
    pub due: Option<NaiveDate>,
    pub title: Box<str>,
    pub discipline: Option<Box<DisciplineHead>>,
}

/// A case's discipline as the checks read it (`discipline::of_year`, one
/// violation disciplined once).
#[derive(Debug, Clone, PartialEq)]
pub struct DisciplineHead {
    pub subject: Subject,
    pub form: Form,
    /// As recorded on the discipline.
    pub person: Option<Box<str>>,
    pub effective: NaiveDate,
    pub self_remedied: bool,
    pub violation: Option<Box<str>>,
    /// The case's person `person` names (`Case::person`), if any.
    pub member: Option<MemberHead>,
}

/// The person a member's discipline is about, as the case lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberHead {
    pub name: Box<str>,
    pub org: Option<OrgId>,
    pub leadership: bool,
}

impl From<&Case> for CaseHead {
    fn from(c: &Case) -> CaseHead {
        CaseHead {
            id: c.id,
            org: c.org,
            kind: c.kind,
            status: c.status,
            opened: c.opened,
            due: c.due,
            title: c.title.as_str().into(),
            discipline: c.discipline.as_ref().map(|d| {
                Box::new(DisciplineHead {
                    subject: d.subject,
                    form: d.form,
                    person: d.person.as_deref().map(Into::into),
                    effective: d.effective,
                    self_remedied: d.self_remedied,
                    violation: d.violation.as_deref().map(Into::into),
                    member: d.person.as_deref().and_then(|n| c.person(n)).map(|p| MemberHead {
                        name: p.name.as_str().into(),
                        org: p.org,
                        leadership: p.leadership,
                    }),
                })
            }),
        }
    }
}

impl CaseHead {
    /// Not concluded and past its due date on `today` (as `Case::overdue`).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status != CaseStatus::Concluded && self.due.is_some_and(|d| d < today)
    }

    /// The discipline that counts in its year's classification (as `Case::counted_discipline`).
    pub fn counted_discipline(&self) -> Option<&DisciplineHead> {
        self.discipline.as_deref().filter(|_| self.status == CaseStatus::Concluded)
    }
}

/// Which check of a case's values failed: the field and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: &'static str,
    pub value: String,
    pub vi: String,
    pub en: String,
}

fn invalid(field: &'static str, value: impl ToString, vi: impl Into<String>, en: impl Into<String>) -> Invalid {
    Invalid {
        field,
        value: value.to_string(),
        vi: vi.into(),
        en: en.into(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The rules a case must keep whatever its history: dates in order, a
/// discipline form that fits its subject, persons consistent with it.
pub fn validate(c: &Case) -> Result<(), Invalid> {
    if c.title.trim().is_empty() {
        return Err(invalid("title", &c.title, "không được để trống", "must not be empty"));
    }
    if let Some(due) = c.due.filter(|d| *d < c.opened) {
        return Err(invalid(
            "due",
            day(due),
            format!("trước ngày mở hồ sơ {}", day(c.opened)),
            format!("before the opening date {}", day(c.opened)),
        ));
    }
    if let Some(decided) = c.decided.filter(|d| *d < c.opened) {
        return Err(invalid(
            "decided",
            day(decided),
            format!("trước ngày mở hồ sơ {}", day(c.opened)),
            format!("before the opening date {}", day(c.opened)),
        ));
    }
    for p in &c.persons {
        if p.name.trim().is_empty() {
            return Err(invalid("persons", "", "có người không có tên", "a person without a name"));
        }
    }
    let Some(d) = &c.discipline else { return Ok(()) };
    if d.effective < c.opened {
        return Err(invalid(
            "decided",
            day(d.effective),
            format!("kỷ luật có hiệu lực trước ngày mở hồ sơ {}", day(c.opened)),
            format!("the discipline takes effect before the opening date {}", day(c.opened)),
        ));
    }
    let probationary = match (d.subject, &d.person) {
        (Subject::Member, None) => {
            return Err(invalid(
                "person",
                "",
                "kỷ luật đảng viên cần tên người bị kỷ luật (--person)",
                "a member's discipline needs the member's name (--person)",
            ))
        }
        (Subject::Member, Some(name)) => match c.person(name) {
            Some(p) => p.probationary,
            None => {
                return Err(invalid(
                    "person",
                    name,
                    "không có trong danh sách người liên quan của vụ việc (--persons)",
                    "is not among the case's persons (--persons)",
                ))
            }
        },
        (_, Some(name)) => {
            return Err(invalid(
                "person",
                name,
                format!("chỉ dùng khi kỷ luật đảng viên, không phải {}", d.subject.name_vi()),
                format!("only for a member's discipline, not the {}'s", d.subject.snake()),
            ))
        }
        (_, None) => false,
    };
    let allowed = Form::allowed(d.subject, probationary);
    if !allowed.contains(&d.form) {
        let who_vi = if d.subject == Subject::Member && probationary {
            "đảng viên dự bị"
        } else if d.subject == Subject::Member {
            "đảng viên chính thức"
        } else {
            d.subject.name_vi()
        };
        let who_en = if d.subject == Subject::Member && probationary {
            "a probationary member"
        } else if d.subject == Subject::Member {
            "a full member"
        } else {
            d.subject.snake()
        };
        let list = allowed.iter().map(|f| f.snake()).collect::<Vec<_>>().join(", ");
        return Err(invalid(
            "discipline",
            d.form.snake(),
            format!("không áp dụng cho {who_vi} (QĐ 69-QĐ/TW 2022, Điều 7: {list})"),
            format!("does not apply to {who_en} (QĐ 69-QĐ/TW 2022, Điều 7: {list})"),
        ));
    }
    if d.subject == Subject::Leadership {
        if let Some(p) = c.persons.iter().find(|p| p.leadership && p.org.is_some_and(|o| o != c.org)) {
            return Err(invalid(
                "persons",
                &p.name,
                "được ghi là lãnh đạo của tổ chức khác, trong vụ kỷ luật tập thể lãnh đạo của tổ chức này",
                "is marked as the leadership of another organisation, in a case about this organisation's leadership",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn case() -> Case {
        Case {
            id: 1,
            kind: CaseKind::Discipline,
            org: 7,
            persons: vec![
                Person {
                    name: "Nguyễn Văn An".into(),
                    probationary: false,
                    leadership: true,
                    org: None,
                },
                Person {
                    name: "Trần Thị Bình".into(),
                    probationary: true,
                    leadership: false,
                    org: None,
                },
            ],
            title: "Vi phạm quản lý đất đai".into(),
            summary: None,
            place: None,
            source: None,
            handler: None,
            opened: d(2024, 3, 1),
            due: Some(d(2024, 6, 1)),
            status: CaseStatus::Received,
            history: vec![],
            outcome: None,
            discipline: None,
            decision: None,
            decided: None,
            version: 1,
        }
    }

    fn discipline(subject: Subject, form: Form, person: Option<&str>) -> Discipline {
        Discipline {
            subject,
            form,
            person: person.map(Into::into),
            effective: d(2024, 5, 1),
            self_remedied: false,
            violation: None,
        }
    }

    #[test]
    fn kinds_parse_in_both_languages() {
        assert_eq!(CaseKind::parse("to cao"), Some(CaseKind::Denunciation));
        assert_eq!(CaseKind::parse("Tố cáo"), Some(CaseKind::Denunciation));
        assert_eq!(CaseKind::parse("KIỂM TRA"), Some(CaseKind::Inspection));
        assert_eq!(CaseKind::parse("điểm nóng"), Some(CaseKind::HotSpot));
        assert_eq!(CaseKind::parse("hot_spot"), Some(CaseKind::HotSpot));
        assert_eq!(CaseKind::parse("khieu nai ky luat"), Some(CaseKind::DisciplineAppeal));
        assert_eq!(
            CaseKind::parse("Kiểm tra khi có dấu hiệu vi phạm"),
            Some(CaseKind::InspectionViolation)
        );
        for k in CaseKind::ALL {
            assert_eq!(CaseKind::parse(k.snake()), Some(k));
            assert_eq!(CaseKind::parse(k.name_vi()), Some(k));
        }
        assert_eq!(CaseKind::parse("nonsense"), None);
    }

    #[test]
    fn status_moves_forward_only() {
        use CaseStatus::*;
        assert!(Received.can_become(InProgress));
        assert!(InProgress.can_become(Concluded));
        assert!(Received.can_become(Concluded));
        assert!(!Concluded.can_become(InProgress));
        assert!(!InProgress.can_become(InProgress));
    }

    #[test]
    fn persons_parse_with_flags() {
        let v = PersonInput::parse_list("Nguyễn Văn An (lãnh đạo); Trần Thị Bình (du bi, BD.01) ;").unwrap();
        assert_eq!(v.len(), 2);
        assert!(v[0].leadership && !v[0].probationary);
        assert!(v[1].probationary);
        assert_eq!(v[1].org.as_deref(), Some("BD.01"));
        assert!(PersonInput::parse("An (xyz khác)").unwrap_err().contains("xyz"));
        assert!(PersonInput::parse("(dự bị)").is_err());
    }

    #[test]
    fn forms_must_fit_the_subject() {
        let mut c = case();
        c.discipline = Some(discipline(Subject::Member, Form::GiaiTan, Some("nguyen van an")));
        assert_eq!(validate(&c).unwrap_err().field, "discipline");
        c.discipline = Some(discipline(Subject::Member, Form::CachChuc, Some("Trần Thị Bình")));
        assert_eq!(validate(&c).unwrap_err().field, "discipline", "probationary: no cách chức");
        c.discipline = Some(discipline(Subject::Member, Form::CanhCao, Some("Trần Thị Bình")));
        assert!(validate(&c).is_ok());
        c.discipline = Some(discipline(Subject::Organisation, Form::GiaiTan, None));
        assert!(validate(&c).is_ok());
        c.discipline = Some(discipline(Subject::Organisation, Form::KhaiTru, None));
        assert_eq!(validate(&c).unwrap_err().field, "discipline");
        c.discipline = Some(discipline(Subject::Leadership, Form::GiaiTan, None));
        assert_eq!(validate(&c).unwrap_err().field, "discipline");
        c.discipline = Some(discipline(Subject::Member, Form::CanhCao, Some("Lê Văn Không")));
        assert_eq!(validate(&c).unwrap_err().field, "person");
        c.discipline = Some(discipline(Subject::Member, Form::CanhCao, None));
        assert_eq!(validate(&c).unwrap_err().field, "person");
    }

    #[test]
    fn dates_and_leadership_are_checked() {
        let mut c = case();
        c.due = Some(d(2024, 2, 1));
        assert_eq!(validate(&c).unwrap_err().field, "due");
        let mut c = case();
        c.title = " ".into();
        assert_eq!(validate(&c).unwrap_err().field, "title");
        let mut c = case();
        c.persons[0].org = Some(99);
        c.discipline = Some(discipline(Subject::Leadership, Form::CanhCao, None));
        assert_eq!(validate(&c).unwrap_err().field, "persons");
        c.persons[0].org = Some(7);
        assert!(validate(&c).is_ok());
    }

    #[test]
    fn a_head_keeps_what_lists_and_checks_read() {
        let mut c = case();
        c.persons[1].org = Some(9);
        c.discipline = Some(discipline(Subject::Member, Form::CanhCao, Some("tran thi binh")));
        let h = CaseHead::from(&c);
        assert_eq!(
            (h.id, h.org, h.kind, h.status, h.opened, h.due, &*h.title),
            (c.id, c.org, c.kind, c.status, c.opened, c.due, c.title.as_str())
        );
        assert!(h.counted_discipline().is_none(), "not concluded");
        for day in [d(2024, 5, 1), d(2024, 7, 1)] {
            assert_eq!(h.overdue(day), c.overdue(day));
        }
        c.status = CaseStatus::Concluded;
        let h = CaseHead::from(&c);
        let dh = h.counted_discipline().expect("concluded");
        assert_eq!(
            (dh.subject, dh.form, dh.person.as_deref()),
            (Subject::Member, Form::CanhCao, Some("tran thi binh"))
        );
        // The member is the case's person the discipline names, as the case lists them.
        let m = dh.member.as_ref().expect("named among the persons");
        assert_eq!((&*m.name, m.org, m.leadership), ("Trần Thị Bình", Some(9), false));
        assert!(!h.overdue(d(2024, 7, 1)));
        c.discipline = Some(discipline(Subject::Organisation, Form::CanhCao, None));
        assert_eq!(CaseHead::from(&c).discipline.and_then(|d| d.member), None);
    }

    #[test]
    fn overdue_only_before_conclusion() {
        let mut c = case();
        assert!(c.overdue(d(2024, 7, 1)));
        assert!(!c.overdue(d(2024, 6, 1)));
        c.status = CaseStatus::Concluded;
        assert!(!c.overdue(d(2024, 7, 1)));
    }
}
