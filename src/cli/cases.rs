//! `thuky case add|update|list|show` and `thuky search`.

use super::parse;
use super::print::Out;
use super::table::{num, Align, Table};
use crate::domain::case::{CaseId, CaseKind, CaseStatus, Form, PersonInput, Subject};
use crate::domain::Lang;
use crate::service::api::*;
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

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
        CaseCmd::List {
            kind,
            status,
            under,
            org,
            year,
            overdue,
            offset,
            limit,
        } => list(
            out,
            b.call(Request::CaseList(CaseQuery {
                kind,
                status,
                under,
                org,
                year,
                overdue,
                offset,
                limit: Some(limit),
            }))?,
        ),
        CaseCmd::Show { id } => show(out, b.call(Request::CaseShow { id })?),
    }
}

pub fn search(b: &mut dyn Backend, out: &Out, query: String, limit: usize) -> Result<(), ServiceError> {
    let r = b.call(Request::Search { query, limit: Some(limit) })?;
    let Response::Search(s) = r else { return Err(unexpected()) };
    if out.json {
        print_json(&s);
        return Ok(());
    }
    let lang = out.lang;
    println!(
        "{}",
        match lang {
            Lang::Vi => format!("{} kết quả cho \"{}\"", num(s.total as u64, lang), s.query),
            Lang::En => format!("{} results for \"{}\"", num(s.total as u64, lang), s.query),
        }
    );
    for h in &s.hits {
        let (tag, extra) = match &h.target {
            SearchTarget::Org { alive, founded, ended, .. } => (
                lang.pick("tổ chức", "org").to_string(),
                match (alive, ended) {
                    (false, Some(e)) => format!("  [{founded}–{e}]"),
                    _ => String::new(),
                },
            ),
            SearchTarget::Case { id, status, overdue, .. } => (
                format!("#{id}"),
                format!(
                    "  [{}{}]",
                    lang.pick(status.name_vi(), status.name_en()),
                    if *overdue { lang.pick(", quá hạn", ", overdue") } else { "" }
                ),
            ),
        };
        println!("{tag:>8}  {}{extra}", marked(&h.text, &h.positions));
    }
    Ok(())
}

/// The text with the matched chars in [brackets] (for a terminal without colour too).
fn marked(text: &str, positions: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut open = false;
    let mut pos = positions.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let hit = pos.peek() == Some(&&i);
        if hit {
            pos.next();
        }
        if hit && !open {
            out.push('[');
            open = true;
        } else if !hit && open {
            out.push(']');
            open = false;
        }
        out.push(c);
    }
    if open {
        out.push(']');
    }
    out
}

fn unexpected() -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, "câu trả lời không mong đợi", "unexpected answer")
}

fn print_json(v: &impl serde::Serialize) {
    println!("{}", serde_json::to_string_pretty(v).expect("serialisable"));
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn show(out: &Out, r: Response) -> Result<(), ServiceError> {
    let Response::Case(v) = r else { return Err(unexpected()) };
    if out.json {
        print_json(&v);
        return Ok(());
    }
    let lang = out.lang;
    let c = &v.case;
    println!(
        "#{}  {}  [{}]{}",
        c.id,
        c.title,
        lang.pick(c.kind.name_vi(), c.kind.name_en()),
        if v.overdue {
            lang.pick("  ! QUÁ HẠN", "  ! OVERDUE")
        } else {
            ""
        }
    );
    let line = |vi: &str, en: &str, value: String| println!("  {}: {value}", lang.pick(vi, en));
    line("Tổ chức", "Organisation", format!("{} ({})", v.org_name, v.org_code));
    line(
        "Trạng thái",
        "Status",
        lang.pick(c.status.name_vi(), c.status.name_en()).to_string(),
    );
    line(
        "Mở hồ sơ",
        "Opened",
        format!(
            "{}{}",
            day(c.opened),
            c.due
                .map(|d| format!(", {} {}", lang.pick("hạn", "due"), day(d)))
                .unwrap_or_default()
        ),
    );
    for (vi, en, value) in [
        ("Tóm tắt", "Summary", &c.summary),
        ("Địa điểm", "Place", &c.place),
        ("Nguồn", "Source", &c.source),
        ("Cơ quan xử lý", "Handled by", &c.handler),
        ("Kết quả", "Outcome", &c.outcome),
    ] {
        if let Some(value) = value {
            line(vi, en, value.clone());
        }
    }
    for p in &c.persons {
        let mut flags = vec![if p.probationary {
            lang.pick("dự bị", "probationary")
        } else {
            lang.pick("chính thức", "full member")
        }];
        if p.leadership {
            flags.push(lang.pick("lãnh đạo", "leadership"));
        }
        line("Người liên quan", "Person", format!("{} ({})", p.name, flags.join(", ")));
    }
    if let Some(d) = &c.discipline {
        let who = match (&d.person, lang) {
            (Some(p), _) => p.clone(),
            (None, Lang::Vi) => d.subject.name_vi().to_string(),
            (None, Lang::En) => d.subject.snake().to_string(),
        };
        line(
            "Kỷ luật",
            "Discipline",
            format!(
                "{} — {who}, {} {}{}{}",
                lang.pick(d.form.name_vi(), d.form.name_en()),
                lang.pick("hiệu lực", "effective"),
                day(d.effective),
                if d.self_remedied {
                    lang.pick(", tự phát hiện và khắc phục", ", self-detected and remedied")
                } else {
                    ""
                },
                d.violation
                    .as_ref()
                    .map(|x| format!(", {} {x}", lang.pick("vi phạm", "violation")))
                    .unwrap_or_default()
            ),
        );
    }
    if c.decision.is_some() || c.decided.is_some() {
        line(
            "Quyết định",
            "Decision",
            format!(
                "{}{}",
                c.decision.clone().unwrap_or_default(),
                c.decided.map(|d| format!(" ({})", day(d))).unwrap_or_default()
            ),
        );
    }
    println!("  {}:", lang.pick("Lịch sử trạng thái", "Status history"));
    for h in &c.history {
        println!(
            "    {}  {}  ({})",
            day(h.on),
            lang.pick(h.status.name_vi(), h.status.name_en()),
            h.by
        );
    }
    Ok(())
}

fn list(out: &Out, r: Response) -> Result<(), ServiceError> {
    let Response::Cases(l) = r else { return Err(unexpected()) };
    if out.json {
        print_json(&l);
        return Ok(());
    }
    let lang = out.lang;
    let n = |x: usize| num(x as u64, lang);
    println!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "{} vụ việc: {} đã tiếp nhận, {} đang xử lý, {} đã kết luận; {} quá hạn",
                n(l.total),
                n(l.counts.received),
                n(l.counts.in_progress),
                n(l.counts.concluded),
                n(l.counts.overdue)
            ),
            Lang::En => format!(
                "{} cases: {} received, {} in progress, {} concluded; {} overdue",
                n(l.total),
                n(l.counts.received),
                n(l.counts.in_progress),
                n(l.counts.concluded),
                n(l.counts.overdue)
            ),
        }
    );
    let mut tab = Table::new(
        &[
            "#",
            lang.pick("Mở", "Opened"),
            lang.pick("Hạn", "Due"),
            lang.pick("Trạng thái", "Status"),
            lang.pick("Loại", "Kind"),
            lang.pick("Tổ chức", "Organisation"),
            lang.pick("Tiêu đề", "Title"),
        ],
        &[
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
    );
    for row in &l.rows {
        tab.row(vec![
            row.id.to_string(),
            day(row.opened),
            format!("{}{}", row.due.map(day).unwrap_or_default(), if row.overdue { " !" } else { "" }),
            lang.pick(row.status.name_vi(), row.status.name_en()).to_string(),
            lang.pick(row.kind.name_vi(), row.kind.name_en()).to_string(),
            row.org_code.clone(),
            row.title.clone(),
        ]);
    }
    print!("{}", tab.render());
    if l.offset + l.rows.len() < l.total {
        println!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "… còn {}; xem tiếp: --offset {}",
                    n(l.total - l.offset - l.rows.len()),
                    l.offset + l.rows.len()
                ),
                Lang::En => format!(
                    "… {} more; next: --offset {}",
                    n(l.total - l.offset - l.rows.len()),
                    l.offset + l.rows.len()
                ),
            }
        );
    }
    Ok(())
}
