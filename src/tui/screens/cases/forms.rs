//! The case register's forms on the shared form widget: add a case, update
//! one (status forward, outcome, decision, discipline), and the filters.
//! Checked here for shape only (dates, the persons list, a year); the
//! service checks the rules and its refusal names the field.

use super::model::{form_name, kind_name, status_name, subject_name, Filters};
use crate::domain::case::{CaseKind, CaseStatus, Form, PersonInput, Subject};
use crate::domain::Lang;
use crate::service::api::{CaseInput, CaseUpdate, CaseView, DisciplineInput, Request};
use crate::tui::i18n::{self, T};
use crate::tui::widgets::date::parse_date;
use crate::tui::widgets::form::{Field, FormUi};
use chrono::NaiveDate;

/// Which form is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Add,
    /// The case updated, its version, its status and decision date when the form opened.
    Update {
        id: u64,
        version: u64,
        from: CaseStatus,
        decided: Option<NaiveDate>,
    },
    Filter,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseForm {
    pub purpose: Purpose,
    pub ui: FormUi,
}

const SUBJECTS: [Subject; 3] = [Subject::Organisation, Subject::Leadership, Subject::Member];
const FORMS: [Form; 5] = [Form::KhienTrach, Form::CanhCao, Form::CachChuc, Form::KhaiTru, Form::GiaiTan];

/// A field's date: empty is None, a date typed is Some, anything else the field's error.
fn date_of(ui: &FormUi, key: &str, label: T, lang: Lang) -> Result<Option<NaiveDate>, (String, String)> {
    let s = ui.text(key);
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(&s)
        .map(Some)
        .ok_or_else(|| (key.to_string(), format!("{}: '{s}': {}", label.get(lang), T::BadDate.get(lang))))
}

fn opt(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

impl CaseForm {
    /// Add a case to `org` (a code, may be empty), opened today.
    pub fn add(org: &str, today: NaiveDate, lang: Lang) -> CaseForm {
        let kinds = CaseKind::ALL.iter().map(|k| kind_name(*k, lang).to_string()).collect();
        let t = |x: T| x.get(lang);
        let fields = vec![
            Field::text("org", t(T::FCaseOrg), org),
            Field::choice("kind", t(T::FCaseKind), kinds, 0),
            Field::text("title", t(T::FCaseTitle), ""),
            Field::text("summary", t(T::FCaseSummary), ""),
            Field::text("persons", t(T::FCasePersons), ""),
            Field::text("place", t(T::FCasePlace), ""),
            Field::text("source", t(T::FCaseSource), ""),
            Field::text("handler", t(T::FCaseHandler), ""),
            Field::text("opened", t(T::FCaseOpened), &i18n::date(today)),
            Field::text("due", t(T::FCaseDue), ""),
        ];
        let mut ui = FormUi::new(t(T::FormCaseAdd), "", fields);
        // The organisation is usually known (the row's); the title is typed first then.
        ui.focus = if org.is_empty() { 0 } else { 2 };
        CaseForm { purpose: Purpose::Add, ui }
    }

    /// Update `v`: the status offered only forward, the rest prefilled.
    pub fn update(v: &CaseView, today: NaiveDate, lang: Lang) -> CaseForm {
        let c = &v.case;
        let t = |x: T| x.get(lang);
        let mut statuses = vec![format!("{} ({})", t(T::CaseKeep), status_name(c.status, lang))];
        statuses.extend(
            CaseStatus::ALL
                .iter()
                .filter(|s| c.status.can_become(**s))
                .map(|s| status_name(*s, lang).to_string()),
        );
        let mut forms = vec![t(T::CaseKeep).to_string(), t(T::CaseNoDiscipline).to_string()];
        forms.extend(FORMS.iter().map(|f| form_name(*f, lang).to_string()));
        let subjects = SUBJECTS.iter().map(|s| subject_name(*s, lang).to_string()).collect();
        let d = c.discipline.as_ref();
        let subject = d.and_then(|d| SUBJECTS.iter().position(|s| *s == d.subject)).unwrap_or(0);
        let fields = vec![
            Field::choice("status", t(T::FCaseStatus), statuses, 0),
            Field::text("at", t(T::FCaseAt), &i18n::date(today)),
            Field::text("outcome", t(T::FCaseOutcome), c.outcome.as_deref().unwrap_or("")),
            Field::text("decision", t(T::FCaseDecision), c.decision.as_deref().unwrap_or("")),
            Field::text("decided", t(T::FCaseDecided), &c.decided.map(i18n::date).unwrap_or_default()),
            Field::choice("discipline", t(T::FCaseDiscipline), forms, 0),
            Field::choice("subject", t(T::FCaseSubject), subjects, subject),
            Field::text("person", t(T::FCasePerson), d.and_then(|d| d.person.as_deref()).unwrap_or("")),
        ];
        let head = format!("#{} {} · {} {}", c.id, c.title, v.org_code, status_name(c.status, lang));
        CaseForm {
            purpose: Purpose::Update {
                id: c.id,
                version: c.version,
                from: c.status,
                decided: c.decided,
            },
            ui: FormUi::new(t(T::FormCaseUpdate), head, fields),
        }
    }

    pub fn filter(f: &Filters, lang: Lang) -> CaseForm {
        let t = |x: T| x.get(lang);
        let all = t(T::CaseAll).to_string();
        let mut kinds = vec![all.clone()];
        kinds.extend(CaseKind::ALL.iter().map(|k| kind_name(*k, lang).to_string()));
        let mut statuses = vec![all.clone()];
        statuses.extend(CaseStatus::ALL.iter().map(|s| status_name(*s, lang).to_string()));
        let kind = f.kind.and_then(|k| CaseKind::ALL.iter().position(|x| *x == k)).map_or(0, |i| i + 1);
        let status = f
            .status
            .and_then(|s| CaseStatus::ALL.iter().position(|x| *x == s))
            .map_or(0, |i| i + 1);
        let fields = vec![
            Field::choice("kind", t(T::FCaseKind), kinds, kind),
            Field::choice("status", t(T::FCaseStatus), statuses, status),
            Field::text("under", t(T::FCaseUnder), f.under.as_deref().unwrap_or("")),
            Field::text("year", t(T::FCaseYear), &f.year.map(|y| y.to_string()).unwrap_or_default()),
            Field::choice(
                "overdue",
                t(T::FCaseOverdue),
                vec![all, t(T::CaseYes).to_string()],
                f.overdue as usize,
            ),
        ];
        CaseForm {
            purpose: Purpose::Filter,
            ui: FormUi::new(t(T::FormCaseFilter), "", fields),
        }
    }

    /// The filters chosen (a bad year names the field).
    pub fn filters(&self, lang: Lang) -> Result<Filters, (String, String)> {
        let ui = &self.ui;
        let year = match ui.text("year") {
            y if y.is_empty() => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                (
                    "year".to_string(),
                    format!("{}: '{y}': {}", T::FCaseYear.get(lang), T::BadNumber.get(lang)),
                )
            })?),
        };
        Ok(Filters {
            kind: ui.chosen("kind").checked_sub(1).and_then(|i| CaseKind::ALL.get(i).copied()),
            status: ui.chosen("status").checked_sub(1).and_then(|i| CaseStatus::ALL.get(i).copied()),
            under: opt(ui.text("under").to_uppercase()),
            year,
            overdue: ui.chosen("overdue") == 1,
        })
    }

    /// The request the form stands for, or (the field, why) when its shape is wrong.
    pub fn request(&self, lang: Lang) -> Result<Request, (String, String)> {
        let ui = &self.ui;
        match &self.purpose {
            Purpose::Filter => Err((String::new(), String::new())),
            Purpose::Add => {
                let persons = PersonInput::parse_list(&ui.text("persons"))
                    .map_err(|e| ("persons".to_string(), format!("{}: {e}", T::FCasePersons.get(lang))))?;
                Ok(Request::CaseAdd(Box::new(CaseInput {
                    org: ui.text("org").to_uppercase(),
                    kind: CaseKind::ALL[ui.chosen("kind").min(CaseKind::ALL.len() - 1)],
                    title: ui.text("title"),
                    summary: opt(ui.text("summary")),
                    persons,
                    place: opt(ui.text("place")),
                    source: opt(ui.text("source")),
                    handler: opt(ui.text("handler")),
                    opened: date_of(ui, "opened", T::FCaseOpened, lang)?,
                    due: date_of(ui, "due", T::FCaseDue, lang)?,
                })))
            }
            Purpose::Update {
                id,
                version,
                from,
                decided: before,
            } => {
                let forward: Vec<CaseStatus> = CaseStatus::ALL.iter().copied().filter(|s| from.can_become(*s)).collect();
                let status = ui.chosen("status").checked_sub(1).and_then(|i| forward.get(i).copied());
                let at = match status {
                    Some(_) => date_of(ui, "at", T::FCaseAt, lang)?,
                    None => None,
                };
                let discipline = match ui.chosen("discipline") {
                    0 => None,
                    1 => Some(DisciplineInput::default()),
                    n => Some(DisciplineInput {
                        form: FORMS.get(n - 2).copied(),
                        subject: SUBJECTS.get(ui.chosen("subject")).copied(),
                        person: opt(ui.text("person")),
                        ..Default::default()
                    }),
                };
                Ok(Request::CaseUpdate(Box::new(CaseUpdate {
                    id: *id,
                    status,
                    at,
                    // Sent as typed; the service keeps a value that did not change.
                    outcome: Some(ui.text("outcome")),
                    decision: Some(ui.text("decision")),
                    // Only a date the clerk changed (it also moves the discipline's date).
                    decided: date_of(ui, "decided", T::FCaseDecided, lang)?.filter(|d| Some(*d) != *before),
                    discipline,
                    base_version: Some(*version),
                    ..Default::default()
                })))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_add_form_builds_the_case_and_names_a_bad_date() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
        let mut f = CaseForm::add("bd.01", today, Lang::Vi);
        assert_eq!(f.ui.focused(), "title");
        f.ui.set("title", "Đơn tố cáo");
        f.ui.set("persons", "An (dự bị); Bình");
        f.ui.set("kind", "Tố cáo");
        let Ok(Request::CaseAdd(c)) = f.request(Lang::Vi) else { panic!() };
        assert_eq!((c.org.as_str(), c.kind, c.persons.len()), ("BD.01", CaseKind::Denunciation, 2));
        assert!(c.persons[0].probationary);
        assert_eq!(c.opened, Some(today));
        f.ui.set("due", "31/02/2025");
        let (field, why) = f.request(Lang::Vi).unwrap_err();
        assert_eq!(field, "due");
        assert!(why.starts_with("Hạn xử lý: '31/02/2025'"), "{why}");
    }

    #[test]
    fn filters_round_trip_through_their_form() {
        let f = Filters {
            kind: Some(CaseKind::HotSpot),
            status: None,
            under: Some("BD".into()),
            year: Some(2024),
            overdue: true,
        };
        let form = CaseForm::filter(&f, Lang::En);
        assert_eq!(form.filters(Lang::En).unwrap(), f);
        let mut form = form;
        form.ui.set("year", "20x4");
        assert_eq!(form.filters(Lang::En).unwrap_err().0, "year");
    }
}
