//! Case files: add, update (status with history, outcome, discipline), list
//! with filters and counts, show; and the disciplines each year's
//! classification checks read. Cases are loaded on first use and kept in
//! memory (State::cases) after each committed change.

use super::api::{Event, Request, Response};
use super::error::{Result, ServiceError};
use super::validate::{self, fmt_date};
use super::{json, AuditDraft, Service};
use crate::domain::case::{self, Case, CaseId, CaseKind, CaseStatus, Discipline, Form, Person, PersonInput, StatusChange, Subject};
use crate::domain::discipline::{self, Disciplined};
use crate::domain::org::OrgId;
use crate::domain::tree::Register;
use crate::store::Put;
use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// `thuky case add`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseInput {
    /// The organisation concerned, by code.
    pub org: String,
    pub kind: CaseKind,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub persons: Vec<PersonInput>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    /// Default: today.
    #[serde(default)]
    pub opened: Option<NaiveDate>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// The discipline to record on a case; `form: None` removes it (outcome "none").
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DisciplineInput {
    pub form: Option<Form>,
    /// Default: a member when `person` is given, else the organisation.
    #[serde(default)]
    pub subject: Option<Subject>,
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub self_remedied: bool,
    #[serde(default)]
    pub violation: Option<String>,
}

/// `thuky case update`: fields not given are kept.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseUpdate {
    pub id: CaseId,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// The date a status change took effect (default: today).
    #[serde(default)]
    pub at: Option<NaiveDate>,
    /// An empty text clears it.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub discipline: Option<DisciplineInput>,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub decided: Option<NaiveDate>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    #[serde(default)]
    pub persons: Option<Vec<PersonInput>>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub base_version: Option<u64>,
}

/// `thuky case list`: every filter is optional; rows are windowed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    pub kind: Option<CaseKind>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// Cases of organisations in this subtree (as it stood when the case was opened).
    #[serde(default)]
    pub under: Option<String>,
    /// Only this organisation's cases.
    #[serde(default)]
    pub org: Option<String>,
    /// Opened in this year.
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub offset: usize,
    /// Default 100, at most 10,000.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// A case with what a reader needs beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: Case,
    pub org_code: String,
    pub org_name: String,
    pub overdue: bool,
    /// The audit entry of the write that answered with this view.
    #[serde(default)]
    pub seq: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: CaseId,
    pub kind: CaseKind,
    pub org: OrgId,
    pub org_code: String,
    pub org_name: String,
    pub title: String,
    pub opened: NaiveDate,
    pub due: Option<NaiveDate>,
    pub status: CaseStatus,
    pub overdue: bool,
    pub discipline: Option<Form>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseCounts {
    pub received: usize,
    pub in_progress: usize,
    pub concluded: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseList {
    /// Cases matching the filters (the rows are a window of them).
    pub total: usize,
    pub offset: usize,
    pub counts: CaseCounts,
    pub today: NaiveDate,
    pub rows: Vec<CaseRow>,
}

/// Cases in memory, loaded on first use, with the per-year disciplines the
/// classification checks read and the search index (see `search`).
#[derive(Default)]
pub struct CaseState {
    pub(super) loaded: Option<BTreeMap<CaseId, Case>>,
    /// Disciplines counted per year; dropped whenever a case changes.
    disciplined: HashMap<i32, Vec<Disciplined>>,
    pub(super) index: Option<super::search::Index>,
    /// The register changed since the organisations were indexed.
    pub(super) orgs_stale: bool,
    /// The last `CaseList` answers by query, each with the day it was
    /// computed (being overdue depends on the day): every clerk's register
    /// opens on the city, whose case pane counts every case. Emptied when a
    /// case or the register changes.
    lists: Vec<(String, NaiveDate, CaseList)>,
}

/// How many `CaseList` answers are kept.
const LISTS_KEPT: usize = 16;

impl CaseState {
    /// The register changed: the organisations' part of the search index is
    /// rebuilt on the next search (cases keep their texts: the name a case
    /// shows is its organisation's as of the case's opening).
    pub fn orgs_changed(&mut self) {
        self.orgs_stale = true;
        self.lists.clear();
    }
}

const MAX_LIST: usize = 10_000;

fn today() -> NaiveDate {
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
fn parent_walk_date(reg: &Register, id: OrgId, date: NaiveDate) -> Option<NaiveDate> {
    let o = reg.get(id)?;
    if o.alive_at(date) {
        return Some(date);
    }
    match o.ended_on() {
        Some(end) if end <= date => end.pred_opt(),
        _ => Some(o.founded()),
    }
}

/// Whether `id` lay within `scope` on `date` (walking parents in the register).
pub(super) fn within_at(reg: &Register, id: OrgId, scope: OrgId, date: NaiveDate) -> bool {
    let Some(date) = parent_walk_date(reg, id, date) else {
        return false;
    };
    let mut cur = id;
    for _ in 0..1024 {
        if cur == scope {
            return true;
        }
        match reg.get(cur).and_then(|o| o.state_at(date)).and_then(|s| s.parent) {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Every organisation that was ever below `scope` (in any tree), and `scope`:
/// a quick first test before walking parents on a case's date.
fn ever_within(reg: &Register, scope: OrgId) -> std::collections::HashSet<OrgId> {
    use crate::domain::org::Change;
    let mut kids: crate::domain::IdMap<Vec<OrgId>> = Default::default();
    for o in reg.iter() {
        for e in &o.events {
            match e.change {
                Change::Found { parent: Some(p), .. } | Change::Move { parent: p } => kids.entry(p).or_default().push(o.id),
                _ => {}
            }
        }
    }
    let mut seen = std::collections::HashSet::from([scope]);
    let mut todo = vec![scope];
    while let Some(id) = todo.pop() {
        for k in kids.get(&id).into_iter().flatten() {
            if seen.insert(*k) {
                todo.push(*k);
            }
        }
    }
    seen
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
    /// Every case (loaded from the store on first use).
    pub(super) fn cases_loaded(&mut self) -> Result<&BTreeMap<CaseId, Case>> {
        if self.state.cases.loaded.is_none() {
            let started = std::time::Instant::now();
            let all = self.store.load_cases()?;
            tracing::debug!(cases = all.len(), ms = started.elapsed().as_millis() as u64, "cases loaded");
            self.state.cases.loaded = Some(all.into_iter().map(|c| (c.id, c)).collect());
        }
        Ok(self.state.cases.loaded.as_ref().expect("loaded"))
    }

    /// Disciplines that count in `year`'s classification.
    pub(super) fn disciplined(&mut self, year: i32) -> Result<Vec<Disciplined>> {
        if let Some(v) = self.state.cases.disciplined.get(&year) {
            return Ok(v.clone());
        }
        let v = discipline::of_year(self.cases_loaded()?.values(), year);
        self.state.cases.disciplined.insert(year, v.clone());
        Ok(v)
    }

    /// Discipline findings of `year` on `ids` (added to the rule checks' findings).
    pub(super) fn discipline_findings(
        &mut self,
        year: i32,
        tree: &crate::domain::Tree,
        ids: &[OrgId],
    ) -> Result<Vec<crate::domain::Finding>> {
        let records = self.disciplined(year)?;
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let classes = self.state.classes(&self.store, year)?;
        Ok(discipline::check(year, tree, classes, &records, ids))
    }

    /// The code of the organisation a case request concerns, for scope checks.
    pub(super) fn case_org_code(&mut self, request: &Request) -> Result<Option<String>> {
        let Request::CaseUpdate(u) = request else { return Ok(None) };
        let org = self.cases_loaded()?.get(&u.id).map(|c| c.org);
        Ok(org.and_then(|o| self.state.register.get(o)).map(|o| o.code.clone()))
    }

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
                && o.discipline.as_ref().is_some_and(|od| {
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
            m.insert(id, c);
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
        let id = self.cases_loaded()?.keys().next_back().map_or(1, |last| last + 1);
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

    fn case_get(&mut self, field: &str, id: CaseId) -> Result<Case> {
        self.cases_loaded()?.get(&id).cloned().ok_or_else(|| {
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

    pub(super) fn case_list(&mut self, q: CaseQuery) -> Result<Response> {
        let key = serde_json::to_string(&q).unwrap_or_default();
        let now = today();
        if let Some((_, _, kept)) = self.state.cases.lists.iter().find(|(k, day, _)| *k == key && *day == now) {
            return Ok(Response::Cases(kept.clone()));
        }
        let Response::Cases(list) = self.case_list_computed(q)? else {
            unreachable!("case_list_computed answers Cases")
        };
        let lists = &mut self.state.cases.lists;
        lists.retain(|(k, _, _)| *k != key);
        if lists.len() >= LISTS_KEPT {
            lists.remove(0);
        }
        lists.push((key, now, list.clone()));
        Ok(Response::Cases(list))
    }

    fn case_list_computed(&mut self, q: CaseQuery) -> Result<Response> {
        let under = match &q.under {
            Some(code) => Some(validate::resolve(&self.state.register, "under", code)?.id),
            None => None,
        };
        let only = match &q.org {
            Some(code) => Some(validate::resolve(&self.state.register, "org", code)?.id),
            None => None,
        };
        if let Some(y) = q.year {
            validate::year(y)?;
        }
        let limit = q.limit.unwrap_or(100).min(MAX_LIST);
        let now = today();
        self.cases_loaded()?;
        let reg = &self.state.register;
        let all = self.state.cases.loaded.as_ref().expect("loaded");
        // Subtree membership per (organisation, date) is walked once, and only
        // for organisations that were ever below the scope.
        let ever = under.map(|s| ever_within(reg, s));
        let mut inside: HashMap<(OrgId, NaiveDate), bool> = HashMap::new();
        let mut counts = CaseCounts::default();
        let mut matched: Vec<&Case> = Vec::new();
        for c in all.values() {
            if q.kind.is_some_and(|k| k != c.kind)
                || q.status.is_some_and(|s| s != c.status)
                || q.year.is_some_and(|y| y != c.opened.year())
                || only.is_some_and(|o| o != c.org)
            {
                continue;
            }
            let overdue = c.overdue(now);
            if q.overdue && !overdue {
                continue;
            }
            if let (Some(scope), Some(ever)) = (under, &ever) {
                if !ever.contains(&c.org)
                    || !*inside
                        .entry((c.org, c.opened))
                        .or_insert_with(|| within_at(reg, c.org, scope, c.opened))
                {
                    continue;
                }
            }
            match c.status {
                CaseStatus::Received => counts.received += 1,
                CaseStatus::InProgress => counts.in_progress += 1,
                CaseStatus::Concluded => counts.concluded += 1,
            }
            counts.overdue += overdue as usize;
            matched.push(c);
        }
        matched.sort_by(|a, b| b.opened.cmp(&a.opened).then(b.id.cmp(&a.id)));
        let rows = matched
            .iter()
            .skip(q.offset)
            .take(limit)
            .map(|c| CaseRow {
                id: c.id,
                kind: c.kind,
                org: c.org,
                org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
                org_name: org_name_at(reg, c.org, c.opened),
                title: c.title.clone(),
                opened: c.opened,
                due: c.due,
                status: c.status,
                overdue: c.overdue(now),
                discipline: c.discipline.as_ref().map(|d| d.form),
            })
            .collect();
        Ok(Response::Cases(CaseList {
            total: matched.len(),
            offset: q.offset,
            counts,
            today: now,
            rows,
        }))
    }
}
