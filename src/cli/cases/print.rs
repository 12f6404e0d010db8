//! What `thuky case show|list` and `thuky search` print: text in the
//! clerk's language, or JSON.

use crate::cli::print::{print_json, unexpected, Out};
use crate::cli::table::{num, Align, Table};
use crate::domain::Lang;
use crate::service::api::*;
use crate::service::ServiceError;
use chrono::NaiveDate;

/// The hits of `thuky search`, the matched characters in [brackets].
pub(super) fn search(out: &Out, r: Response) -> Result<(), ServiceError> {
    let Response::Search(s) = r else { return Err(unexpected(&r)) };
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

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One case with its status history.
pub(super) fn show(out: &Out, r: Response) -> Result<(), ServiceError> {
    let Response::Case(v) = r else { return Err(unexpected(&r)) };
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

/// A page of cases with the counts.
pub(super) fn list(out: &Out, r: Response) -> Result<(), ServiceError> {
    let Response::Cases(l) = r else { return Err(unexpected(&r)) };
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
