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

mod discipline;
mod kind;
mod person;
mod validate;

pub use discipline::{Discipline, Form};
pub use kind::{CaseKind, CaseStatus, StatusChange};
pub use person::{Person, PersonInput, Subject};
pub use validate::{validate, Invalid};

/// Fold for matching typed names: diacritics off, '_' and '-' as spaces, spaces collapsed.
fn fold_key(s: &str) -> String {
    fold(&clean(s))
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Case numbers are handed out by thuky: 1, 2, 3, …
pub type CaseId = u64;

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

    /// Everything search looks in, as one line: title — organisation;
    /// persons; place; source; summary; the discipline's form; the decision.
    /// (The organisation's name is given by the caller, who knows it.)
    pub fn search_text(&self, org_name: &str) -> String {
        let mut s = format!("{} — {org_name}", self.title);
        let persons: Vec<&str> = self.persons.iter().map(|p| p.name.as_str()).collect();
        for part in [
            (!persons.is_empty()).then(|| persons.join(", ")),
            self.place.clone(),
            self.source.clone(),
            self.summary.clone(),
            self.discipline.as_ref().map(|d| d.form.name_vi().to_string()),
            self.decision.clone(),
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
