//! Case files: add, update (status with history, outcome, discipline) and
//! show. Every case's head is kept in memory (`case_heads`); the full case is
//! read from the store when it is shown or changed. Lists are in `case_list`.

use super::api::{Event, Response};
use super::error::{Result, ServiceError};
use super::validate::{self, fmt_date};
use super::{json, AuditDraft, Service};
use crate::domain::case::{self, Case, CaseHead, CaseId, CaseStatus, Discipline, Person, PersonInput, StatusChange, Subject};
use crate::domain::discipline::Disciplined;
use crate::domain::org::OrgId;
use crate::domain::tree::Register;
use crate::store::Put;
use chrono::{Datelike, NaiveDate, Utc};
use std::collections::HashMap;

pub use super::case_io::{CaseInput, CaseUpdate, CaseView, DisciplineInput};
pub use super::case_list::{CaseCounts, CaseList, CaseQuery, CaseRow};

/// Cases in memory: every case's head (`case_heads`), loaded on first use, with the per-year disciplines the
/// classification checks read and the search index (see `search`).
#[derive(Default)]
pub struct CaseState {
    pub(super) loaded: Option<super::case_heads::CaseHeads>,
    /// Disciplines counted per year; dropped whenever a case changes.
    pub(super) disciplined: HashMap<i32, Vec<Disciplined>>,
    pub(super) index: Option<super::search::Index>,
    /// The register changed since the organisations were indexed.
    pub(super) orgs_stale: bool,
    /// The last `CaseList` answers by query, each with the day it was
    /// computed (being overdue depends on the day): every clerk's register
    /// opens on the city, whose case pane counts every case. Emptied when a
    /// case or the register changes.
    pub(super) lists: Vec<(String, NaiveDate, CaseList)>,
}

impl CaseState {
    /// The register changed: the organisations' part of the search index is
    /// rebuilt on the next search (cases keep their texts: the name a case
    /// shows is its organisation's as of the case's opening).
    pub fn orgs_changed(&mut self) {
        self.orgs_stale = true;
        self.lists.clear();
    }
}

pub(super) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn bad(e: case::Invalid) -> ServiceError {
    ServiceError::invalid(e.field, e.value, e.vi, e.en)
}

fn text(field: &str, s: Option<String>) -> Result<Option<String>> {
    match s {
        Some(s) if s.chars().count() > 200 && field == "summary" => long_text(field, &s).map(Some),
        other => validate::optional_text(field, other),
    }
}

/// Summaries may be long (up to 4,000 characters), but not control characters.
fn long_text(field: &str, s: &str) -> Result<String> {
    let t = crate::domain::text::clean(s);
    if t.chars().count() > 4000 {
        return Err(ServiceError::invalid(
            field,
            format!("{}…", t.chars().take(20).collect::<String>()),
            "dài quá 4.000 ký tự",
            "longer than 4,000 characters",
        ));
    }
    Ok(t)
}

/// Where `id` stood on `date` (or at the end of its life, if it had ended).
pub(super) fn parent_walk_date(reg: &Register, id: OrgId, date: NaiveDate) -> Option<NaiveDate> {
    let o = reg.get(id)?;
    if o.alive_at(date) {
        return Some(date);
    }
    match o.ended_on() {
        Some(end) if end <= date => end.pred_opt(),
        _ => Some(o.founded()),
    }
}

/// The organisation's name as it stood on `date` (or its last name).
pub(super) fn org_name_at(reg: &Register, id: OrgId, date: NaiveDate) -> String {
    reg.get(id)
        .map(|o| {
            parent_walk_date(reg, id, date)
                .and_then(|d| o.state_at(d))
                .map(|s| s.name.to_string())
                .unwrap_or_else(|| o.last_name().to_string())
        })
        .unwrap_or_default()
}

impl Service {
    fn view(&self, c: &Case, seq: Option<u64>) -> CaseView {
        let reg = &self.state.register;
        CaseView {
            org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
            org_name: org_name_at(reg, c.org, c.opened),
            overdue: c.overdue(today()),
            case: c.clone(),
            seq,
        }
    }

    fn persons(&self, input: Vec<PersonInput>) -> Result<Vec<Person>> {
        let mut out = Vec::with_capacity(input.len());
        for p in input {
            let name = validate::name("persons", &p.name)?;
            let org = match &p.org {
                Some(code) => Some(validate::resolve(&self.state.register, "persons", code)?.id),
                None => None,
            };
            out.push(Person {
                name,
                probationary: p.probationary,
                leadership: p.leadership,
                org,
            });
        }
        Ok(out)
    }

    /// Record `c` (new or changed) after the same checks for both.
    fn case_commit(&mut self, user: &str, action: &str, before: Option<&Case>, c: Case, events: &mut Vec<Event>) -> Result<Response> {
        case::validate(&c).map_err(bad)?;
        if let Some(d) = &c.discipline {
            self.violation_unique(&c, d)?;
        }
        let code = self.state.register.get(c.org).map(|o| o.code.clone());
        let summary = match before {
            None => format!("case #{} added: {} ({})", c.id, c.title, c.kind.snake()),
            Some(_) => format!("case #{} updated: {}", c.id, c.title),
        };
        let seq = self.commit(
            user,
            action,
            AuditDraft {
                org: code,
                year: Some(c.opened.year()),
                summary,
                before: before.and_then(json),
                after: json(&c),
            },
            &[Put::case(&c)],
        )?;
        let view = self.view(&c, Some(seq));
        self.case_changed(c, events);
        Ok(Response::Case(Box::new(view)))
    }

    /// A violation is disciplined once: no other case may hold the same
    /// violation id for the same subject.
    fn violation_unique(&mut self, c: &Case, d: &Discipline) -> Result<()> {
        let Some(v) = d.violation.as_deref().map(crate::domain::text::fold) else {
            return Ok(());
        };
        let person = d.person.as_deref().map(crate::domain::text::fold);
        let other = self.cases_loaded()?.values().find(|o| {
            o.id != c.id
                && o.org == c.org
                && o.discipline.as_deref().is_some_and(|od| {
                    od.subject == d.subject
                        && od.violation.as_deref().map(crate::domain::text::fold).as_deref() == Some(v.as_str())
                        && od.person.as_deref().map(crate::domain::text::fold) == person
                })
        });
        if let Some(o) = other {
            return Err(ServiceError::invalid(
                "violation",
                d.violation.clone().unwrap_or_default(),
                format!("vi phạm này đã bị kỷ luật trong vụ việc #{} (mỗi vi phạm chỉ xử lý một lần)", o.id),
                format!(
                    "this violation was already disciplined in case #{} (one violation is disciplined once)",
                    o.id
                ),
            ));
        }
        Ok(())
    }

    /// Memory follows a committed case.
    fn case_changed(&mut self, c: Case, events: &mut Vec<Event>) {
        let id = c.id;
        let org = c.org;
        let name = org_name_at(&self.state.register, c.org, c.opened);
        if let Some(ix) = &mut self.state.cases.index {
            ix.put_case(&c, &name);
        }
        if let Some(m) = &mut self.state.cases.loaded {
            m.put(CaseHead::from(&c));
        }
        self.state.cases.disciplined.clear();
        self.state.cases.lists.clear();
        events.push(Event::CasesChanged {
            ids: vec![id],
            orgs: vec![org],
        });
    }

    pub(super) fn case_add(&mut self, user: &str, input: CaseInput, events: &mut Vec<Event>) -> Result<Response> {
        let org = validate::resolve(&self.state.register, "org", &input.org)?.id;
        let title = validate::name("title", &input.title)?;
        let opened = validate::effective("opened", input.opened.unwrap_or_else(today))?;
        let due = match input.due {
            Some(d) => Some(validate::effective("due", d)?),
            None => None,
        };
        let persons = self.persons(input.persons)?;
        let summary = text("summary", input.summary)?;
        let place = text("place", input.place)?;
        let source = text("source", input.source)?;
        let handler = text("handler", input.handler)?;
        let id = self.cases_loaded()?.last_id().map_or(1, |last| last + 1);
        let c = Case {
            id,
            kind: input.kind,
            org,
            persons,
            title,
            summary,
            place,
            source,
            handler,
            opened,
            due,
            status: CaseStatus::Received,
            history: vec![StatusChange {
                status: CaseStatus::Received,
                on: opened,
                recorded: Utc::now(),
                by: user.to_string(),
            }],
            outcome: None,
            discipline: None,
            decision: None,
            decided: None,
            version: 1,
        };
        self.case_commit(user, "case.add", None, c, events)
    }

    /// The full case, read from the store.
    fn case_get(&mut self, field: &str, id: CaseId) -> Result<Case> {
        self.store.case(id)?.ok_or_else(|| {
            let mut e = ServiceError::invalid(field, id, "không có vụ việc nào mang số này", "no case has this number");
            e.kind = super::ErrorKind::NotFound;
            e
        })
    }

    pub(super) fn case_update(&mut self, user: &str, u: CaseUpdate, events: &mut Vec<Event>) -> Result<Response> {
        let before = self.case_get("id", u.id)?;
        validate::version(
            &format!("#{}", before.id),
            before.version,
            before.history.last().map(|h| h.by.as_str()).unwrap_or("?"),
            u.base_version,
            before.status.name_vi(),
            before.status.name_en(),
        )?;
        let mut c = before.clone();
        if let Some(t) = u.title {
            c.title = validate::name("title", &t)?;
        }
        if u.summary.is_some() {
            c.summary = text("summary", u.summary)?;
        }
        if u.place.is_some() {
            c.place = text("place", u.place)?;
        }
        if u.source.is_some() {
            c.source = text("source", u.source)?;
        }
        if u.handler.is_some() {
            c.handler = text("handler", u.handler)?;
        }
        if u.outcome.is_some() {
            c.outcome = text("outcome", u.outcome)?;
        }
        if u.decision.is_some() {
            c.decision = text("decision", u.decision)?;
        }
        if let Some(p) = u.persons {
            c.persons = self.persons(p)?;
        }
        if let Some(d) = u.due {
            c.due = Some(validate::effective("due", d)?);
        }
        if let Some(d) = u.decided {
            c.decided = Some(validate::effective("decided", d)?);
        }
        if let Some(to) = u.status {
            let on = validate::effective("at", u.at.unwrap_or_else(today))?;
            if to != c.status {
                if !c.status.can_become(to) {
                    return Err(ServiceError::invalid(
                        "status",
                        to.snake(),
                        format!(
                            "vụ việc đang ở trạng thái '{}'; chỉ chuyển tiếp: đã tiếp nhận → đang xử lý → đã kết luận",
                            c.status.name_vi()
                        ),
                        format!(
                            "the case is {}; status only moves forward: received → in_progress → concluded",
                            c.status.snake()
                        ),
                    ));
                }
                let last = c.history.last().map(|h| h.on).unwrap_or(c.opened).max(c.opened);
                if on < last {
                    return Err(ServiceError::invalid(
                        "at",
                        fmt_date(on),
                        format!("trước lần đổi trạng thái trước ({})", fmt_date(last)),
                        format!("before the previous status change ({})", fmt_date(last)),
                    ));
                }
                c.status = to;
                c.history.push(StatusChange {
                    status: to,
                    on,
                    recorded: Utc::now(),
                    by: user.to_string(),
                });
            }
        } else if u.at.is_some() {
            return Err(ServiceError::invalid(
                "at",
                fmt_date(u.at.unwrap_or_default()),
                "chỉ dùng cùng --status",
                "only with --status",
            ));
        }
        if let Some(d) = u.discipline {
            c.discipline = match d.form {
                None => None,
                Some(form) => {
                    let subject = d.subject.unwrap_or(if d.person.is_some() {
                        Subject::Member
                    } else {
                        Subject::Organisation
                    });
                    let effective = c.decided.or(u.at).unwrap_or_else(today);
                    Some(Discipline {
                        subject,
                        form,
                        // The name as the case lists it (typed without diacritics is fine).
                        person: match d.person {
                            Some(p) => Some(c.person(&p).map(|x| x.name.clone()).unwrap_or(validate::name("person", &p)?)),
                            None => None,
                        },
                        effective,
                        self_remedied: d.self_remedied,
                        violation: text("violation", d.violation)?,
                    })
                }
            };
        } else if let Some(disc) = &mut c.discipline {
            // A later decision date moves the discipline's effective date with it.
            if let Some(d) = u.decided {
                disc.effective = d;
            }
        }
        if c == before {
            return Err(ServiceError::invalid("id", c.id, "không có gì thay đổi", "nothing to change"));
        }
        c.version = before.version + 1;
        self.case_commit(user, "case.update", Some(&before), c, events)
    }

    pub(super) fn case_show(&mut self, id: CaseId) -> Result<Response> {
        let c = self.case_get("id", id)?;
        Ok(Response::Case(Box::new(self.view(&c, None))))
    }
}
