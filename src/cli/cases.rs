//! `thuky case add|update|list|show` and `thuky search`.

use super::parse;
use super::print::Out;
use crate::domain::case::{CaseId, CaseKind, CaseStatus, Form, PersonInput, Subject};
use crate::service::api::*;
use crate::service::backend::Backend;
use crate::service::ServiceError;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use print::{list, show};

mod print;

#[derive(Subcommand, Debug)]
pub enum CaseCmd {
    /// Open a case file about the organisation ORG (by code)
    Add {
        /// The organisation's code
        org: String,
        /// inspection, inspection_violation, supervision, discipline, complaint, discipline_appeal,
        /// denunciation, weak_organisation, hot_spot, or the Vietnamese name ("tố cáo", "to cao")
        #[arg(long, value_parser = kind)]
        kind: CaseKind,
        /// A short title of the case
        #[arg(long)]
        title: String,
        /// Opening date (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        opened: Option<NaiveDate>,
        #[command(flatten)]
        fields: CaseFields,
    },
    /// Change a case: status (received → in_progress → concluded), outcome, discipline, fields
    Update {
        /// The case number (as `case list` shows it)
        #[arg(value_parser = case_id)]
        id: CaseId,
        /// received, in_progress or concluded
        #[arg(long, value_parser = status)]
        status: Option<CaseStatus>,
        /// The date of the status change (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// The conclusion reached
        #[arg(long)]
        outcome: Option<String>,
        /// none|khien_trach|canh_cao|cach_chuc|khai_tru|giai_tan (none removes the discipline)
        #[arg(long, value_parser = form)]
        discipline: Option<FormArg>,
        /// organisation|leadership|member
        #[arg(long, value_parser = subject)]
        subject: Option<Subject>,
        /// The member disciplined (one of the case's persons)
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// The violation was detected by the subject itself and remedied
        #[arg(long)]
        self_remedied: bool,
        /// An id of the violation: one violation is disciplined once
        #[arg(long, value_name = "ID")]
        violation: Option<String>,
        /// Reference of the concluding decision
        #[arg(long, value_name = "REF")]
        decision: Option<String>,
        /// Date of the decision (the discipline takes effect on it)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        decided: Option<NaiveDate>,
        /// A new title
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: CaseFields,
    },
    /// Cases, newest first, with counts (overdue ones marked "!")
    List {
        #[command(flatten)]
        filter: CaseFilter,
        /// Skip this many cases (for paging)
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// At most this many cases
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// One case with its status history
    Show {
        /// The case number (as `case list` shows it)
        #[arg(value_parser = case_id)]
        id: CaseId,
    },
}

/// What `case add` records and `case update` replaces, beside the title.
#[derive(Args, Debug)]
pub struct CaseFields {
    /// What the case is about
    #[arg(long)]
    summary: Option<String>,
    /// The persons concerned, "Nguyễn Văn An (lãnh đạo); Trần Thị Bình (dự bị)"; in parentheses: dự bị,
    /// lãnh đạo, an organisation code (`case update` replaces them)
    #[arg(long, value_parser = persons)]
    persons: Option<PersonsArg>,
    /// Where it happened
    #[arg(long)]
    place: Option<String>,
    /// The petition or decision reference the case starts from
    #[arg(long, value_name = "REF")]
    source: Option<String>,
    /// The body handling it (e.g. Ủy ban Kiểm tra Quận ủy)
    #[arg(long)]
    handler: Option<String>,
    /// The date it is due to be concluded
    #[arg(long, value_parser = parse::date, value_name = "DATE")]
    due: Option<NaiveDate>,
}

/// Which cases `case list` shows and `export cases` writes.
#[derive(Args, Debug)]
pub struct CaseFilter {
    /// Only cases of this kind (as for `case add --kind`)
    #[arg(long, value_parser = kind)]
    kind: Option<CaseKind>,
    /// Only cases with this status: received, in_progress or concluded
    #[arg(long, value_parser = status)]
    status: Option<CaseStatus>,
    /// Only organisations in this subtree
    #[arg(long, value_name = "CODE")]
    under: Option<String>,
    /// Only this organisation's cases
    #[arg(long, value_name = "CODE")]
    org: Option<String>,
    /// Opened in this year
    #[arg(long, value_parser = parse::year)]
    year: Option<i32>,
    /// Only cases past their due date and not concluded
    #[arg(long)]
    overdue: bool,
}

impl CaseFilter {
    /// The service query for the matching cases from `offset` (at most `limit` of them).
    pub fn query(self, offset: usize, limit: Option<usize>) -> CaseQuery {
        CaseQuery {
            kind: self.kind,
            status: self.status,
            under: self.under,
            org: self.org,
            year: self.year,
            overdue: self.overdue,
            offset,
            limit,
        }
    }
}

/// A discipline form, or none.
#[derive(Debug, Clone, Copy)]
pub struct FormArg(pub Option<Form>);

pub(super) fn kind(s: &str) -> Result<CaseKind, String> {
    CaseKind::parse(s).ok_or_else(|| {
        format!(
            "'{s}' is not a case kind (one of: {}; or the Vietnamese name, e.g. \"tố cáo\")",
            CaseKind::ALL.iter().map(|k| k.snake()).collect::<Vec<_>>().join(", ")
        )
    })
}

pub(super) fn status(s: &str) -> Result<CaseStatus, String> {
    CaseStatus::parse(s).ok_or_else(|| format!("'{s}' is not a status (received, in_progress, concluded)"))
}

fn form(s: &str) -> Result<FormArg, String> {
    Form::parse(s)
        .map(FormArg)
        .ok_or_else(|| format!("'{s}' is not a discipline (none, khien_trach, canh_cao, cach_chuc, khai_tru, giai_tan)"))
}

fn subject(s: &str) -> Result<Subject, String> {
    Subject::parse(s).ok_or_else(|| format!("'{s}' is not a subject (organisation, leadership, member)"))
}

/// Persons as typed (a newtype: clap reads `Option<Vec<_>>` as a repeated option).
#[derive(Debug, Clone)]
pub struct PersonsArg(pub Vec<PersonInput>);

fn persons(s: &str) -> Result<PersonsArg, String> {
    PersonInput::parse_list(s).map(PersonsArg)
}

fn case_id(s: &str) -> Result<CaseId, String> {
    s.trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| format!("'{s}' is not a case number"))
}

pub fn run(b: &mut dyn Backend, out: &Out, cmd: CaseCmd) -> Result<(), ServiceError> {
    match cmd {
        CaseCmd::Add {
            org,
            kind,
            title,
            opened,
            fields: f,
        } => show(
            out,
            b.call(Request::CaseAdd(Box::new(CaseInput {
                org,
                kind,
                title,
                summary: f.summary,
                persons: f.persons.map(|p| p.0).unwrap_or_default(),
                place: f.place,
                source: f.source,
                handler: f.handler,
                opened,
                due: f.due,
            })))?,
        ),
        CaseCmd::Update {
            id,
            status,
            at,
            outcome,
            discipline,
            subject,
            person,
            self_remedied,
            violation,
            decision,
            decided,
            title,
            fields: f,
        } => {
            let discipline = match discipline {
                Some(FormArg(form)) => Some(DisciplineInput {
                    form,
                    subject,
                    person,
                    self_remedied,
                    violation,
                }),
                None if subject.is_some() || person.is_some() || self_remedied || violation.is_some() => {
                    return Err(ServiceError::invalid(
                        "discipline",
                        "",
                        "--subject, --person, --self-remedied và --violation cần đi cùng --discipline",
                        "--subject, --person, --self-remedied and --violation need --discipline",
                    ))
                }
                None => None,
            };
            show(
                out,
                b.call(Request::CaseUpdate(Box::new(CaseUpdate {
                    id,
                    status,
                    at,
                    outcome,
                    discipline,
                    decision,
                    decided,
                    title,
                    summary: f.summary,
                    place: f.place,
                    source: f.source,
                    handler: f.handler,
                    persons: f.persons.map(|p| p.0),
                    due: f.due,
                    base_version: None,
                })))?,
            )
        }
        CaseCmd::List { filter, offset, limit } => list(out, b.call(Request::CaseList(filter.query(offset, Some(limit))))?),
        CaseCmd::Show { id } => show(out, b.call(Request::CaseShow { id })?),
    }
}

pub fn search(b: &mut dyn Backend, out: &Out, query: String, limit: usize) -> Result<(), ServiceError> {
    print::search(out, b.call(Request::Search { query, limit: Some(limit) })?)
}
