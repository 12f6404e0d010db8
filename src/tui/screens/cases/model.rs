//! The case register's view-model: the list window, the filters line, the
//! counts, a case's detail and an organisation's cases, as text (with tones)
//! for a width, without ratatui (the view only draws them). An overdue case
//! is marked with a sign and the word, never by colour alone.

use crate::domain::case::{CaseKind, CaseStatus, Form, Subject};
use crate::domain::Lang;
use crate::service::api::{CaseList, CaseQuery, CaseView};
use crate::tui::i18n::{self, T};
use crate::tui::widgets::text::fit;
use crate::tui::widgets::tone::{Pieces, Tone};
use unicode_width::UnicodeWidthStr;

/// The filters of the list (every one optional).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub kind: Option<CaseKind>,
    pub status: Option<CaseStatus>,
    /// Cases of organisations in this subtree (a code).
    pub under: Option<String>,
    /// Opened in this year.
    pub year: Option<i32>,
    pub overdue: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The service's query for the rows `offset..offset + limit`.
    pub fn query(&self, offset: usize, limit: usize) -> CaseQuery {
        CaseQuery {
            kind: self.kind,
            status: self.status,
            under: self.under.clone(),
            org: None,
            year: self.year,
            overdue: self.overdue,
            offset,
            limit: Some(limit),
        }
    }

    /// "Tố cáo · Đang xử lý · BD · 2024 · quá hạn", or "every case".
    pub fn line(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(k) = self.kind {
            parts.push(kind_name(k, lang).to_string());
        }
        if let Some(s) = self.status {
            parts.push(status_name(s, lang).to_string());
        }
        if let Some(u) = &self.under {
            parts.push(format!("{} {u}", T::FCaseUnder.get(lang)));
        }
        if let Some(y) = self.year {
            parts.push(format!("{} {y}", T::FCaseYear.get(lang)));
        }
        if self.overdue {
            parts.push(T::CaseOverdueMark.get(lang).to_string());
        }
        if parts.is_empty() {
            T::CaseFiltersNone.get(lang).to_string()
        } else {
            format!("{}: {}", T::FilterLabel.get(lang), parts.join(" · "))
        }
    }
}

pub fn kind_name(k: CaseKind, lang: Lang) -> &'static str {
    lang.pick(k.name_vi(), k.name_en())
}

pub fn status_name(s: CaseStatus, lang: Lang) -> &'static str {
    lang.pick(s.name_vi(), s.name_en())
}

pub fn form_name(f: Form, lang: Lang) -> &'static str {
    lang.pick(f.name_vi(), f.name_en())
}

pub fn subject_name(s: Subject, lang: Lang) -> &'static str {
    match s {
        Subject::Organisation => T::CaseSubjectOrg.get(lang),
        Subject::Leadership => T::CaseSubjectLeadership.get(lang),
        Subject::Member => T::CaseSubjectMember.get(lang),
    }
}

/// One row of the list as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub selected: bool,
    pub overdue: bool,
    pub text: String,
}

/// The list pane for a size.
#[derive(Debug, Clone, PartialEq)]
pub struct ListModel {
    pub filters: String,
    /// The counts of every case matching, for the right of the filters line.
    pub counts: String,
    pub header: String,
    pub rows: Vec<Row>,
    /// Why there is no row.
    pub empty: Option<String>,
}

/// Column widths for the list at `width` columns.
struct Cols {
    no: usize,
    kind: usize,
    org: usize,
    dates: bool,
    status: usize,
    title: usize,
}

fn cols(width: usize, lang: Lang) -> Cols {
    let wide = width >= 100;
    let mark = T::CaseOverdueMark.get(lang).width();
    let (no, kind, org, status) = if wide { (6, 18, 10, 12) } else { (6, 10, 8, 12) };
    let dates = wide;
    // Selection mark, the fixed columns and a space after each.
    let fixed = 1 + no + 1 + kind + 1 + org + 1 + if dates { 22 } else { 0 } + status + 1 + mark;
    Cols {
        no,
        kind,
        org,
        dates,
        status,
        title: width.saturating_sub(fixed + 1).max(4),
    }
}

/// The rows `offset..offset + height` (absolute positions among every case
/// matching) of `list`, which holds a window of them from `list.offset`.
pub fn list(
    list: Option<&CaseList>,
    filters: &Filters,
    lang: Lang,
    width: usize,
    selected: usize,
    offset: usize,
    height: usize,
) -> ListModel {
    let c = cols(width, lang);
    let line = |sel: &str, no: &str, kind: &str, org: &str, title: &str, opened: &str, due: &str, status: &str, mark: &str| {
        let dates = if c.dates {
            format!("{:<10} {:<10} ", fit(opened, 10), fit(due, 10))
        } else {
            String::new()
        };
        let text = format!(
            "{sel}{:<nw$} {:<kw$} {:<ow$} {:<tw$} {dates}{:<sw$} {mark}",
            fit(no, c.no),
            fit(kind, c.kind),
            fit(org, c.org),
            fit(title, c.title),
            fit(status, c.status),
            nw = c.no,
            kw = c.kind,
            ow = c.org,
            tw = c.title,
            sw = c.status,
        );
        fit(text.trim_end(), width)
    };
    let header = line(
        " ",
        T::CaseColNo.get(lang),
        T::CaseColKind.get(lang),
        T::CaseColOrg.get(lang),
        T::CaseColTitle.get(lang),
        T::CaseColOpened.get(lang),
        T::CaseColDue.get(lang),
        T::CaseColStatus.get(lang),
        "",
    );
    let mut rows = Vec::new();
    let total = list.map(|l| l.total).unwrap_or(0);
    if let Some(l) = list {
        for i in offset..(offset + height).min(total) {
            let Some(r) = i.checked_sub(l.offset).and_then(|k| l.rows.get(k)) else {
                continue;
            };
            let sel = i == selected;
            let text = line(
                if sel { "›" } else { " " },
                &format!("#{}", r.id),
                kind_name(r.kind, lang),
                &r.org_code,
                &r.title,
                &i18n::date(r.opened),
                &r.due.map(i18n::date).unwrap_or_else(|| "—".into()),
                status_name(r.status, lang),
                if r.overdue { T::CaseOverdueMark.get(lang) } else { "" },
            );
            rows.push(Row {
                selected: sel,
                overdue: r.overdue,
                text,
            });
        }
    }
    let empty = (total == 0).then(|| {
        if filters.is_empty() {
            T::CasesNone.get(lang).to_string()
        } else {
            T::CasesNoMatch.get(lang).to_string()
        }
    });
    let filters_line = filters.line(lang);
    let counts = list
        .map(|l| counts(l, lang, width.saturating_sub(filters_line.width() + 2)))
        .unwrap_or_default();
    ListModel {
        counts,
        filters: filters_line,
        header,
        rows,
        empty,
    }
}

/// The counts of every case matching, as long as fits `width` (the short
/// form in the hint bar).
pub fn counts(list: &CaseList, lang: Lang, width: usize) -> String {
    let c = &list.counts;
    let long = i18n::case_counts(lang, list.total, c.received, c.in_progress, c.concluded, c.overdue);
    if long.width() <= width {
        long
    } else {
        i18n::case_counts_short(lang, list.total, c.overdue)
    }
}

fn label(t: T, lang: Lang) -> (Tone, String) {
    (Tone::Label, format!("{}: ", t.get(lang)))
}

fn raw(s: impl Into<String>) -> (Tone, String) {
    (Tone::Base, s.into())
}

/// A case in detail: what it is, who, its dates and status (overdue marked),
/// outcome, decision, discipline, and its status history.
pub fn detail(v: &CaseView, lang: Lang) -> Vec<Pieces> {
    let c = &v.case;
    let mut lines: Vec<Pieces> = vec![vec![(Tone::Bold, format!("#{} {}", c.id, c.title))]];
    lines.push(vec![label(T::FCaseKind, lang), raw(kind_name(c.kind, lang))]);
    lines.push(vec![label(T::CaseOrgLbl, lang), raw(format!("{} {}", v.org_code, v.org_name))]);
    let mut status = vec![label(T::FCaseStatus, lang), raw(status_name(c.status, lang))];
    if v.overdue {
        status.push(raw(" "));
        status.push((Tone::Error, T::CaseOverdueMark.get(lang).to_string()));
    }
    lines.push(status);
    let due = c.due.map(i18n::date).unwrap_or_else(|| "—".into());
    lines.push(vec![
        label(T::FCaseOpened, lang),
        raw(format!("{} · ", i18n::date(c.opened))),
        label(T::FCaseDue, lang),
        raw(due),
    ]);
    if !c.persons.is_empty() {
        let persons = c
            .persons
            .iter()
            .map(|p| {
                let mut flags = Vec::new();
                if p.probationary {
                    flags.push(T::CaseProbationary.get(lang));
                }
                if p.leadership {
                    flags.push(T::CaseLeadership.get(lang));
                }
                if flags.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} ({})", p.name, flags.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        lines.push(vec![label(T::FCasePersons, lang), raw(persons)]);
    }
    for (t, v) in [
        (T::FCasePlace, &c.place),
        (T::FCaseSource, &c.source),
        (T::CaseHandlerLbl, &c.handler),
        (T::FCaseSummary, &c.summary),
        (T::FCaseOutcome, &c.outcome),
    ] {
        if let Some(v) = v {
            lines.push(vec![label(t, lang), raw(v.clone())]);
        }
    }
    if c.decision.is_some() || c.decided.is_some() {
        let text = [c.decision.clone(), c.decided.map(i18n::date)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(vec![label(T::CaseDecisionLbl, lang), raw(text)]);
    }
    if let Some(d) = &c.discipline {
        let mut text = format!("{} — {}", form_name(d.form, lang), subject_name(d.subject, lang));
        if let Some(p) = &d.person {
            text.push_str(&format!(" {p}"));
        }
        text.push_str(&format!(" · {}", i18n::date(d.effective)));
        if d.self_remedied {
            text.push_str(&format!(" · {}", T::CaseSelfRemedied.get(lang)));
        }
        if let Some(vio) = &d.violation {
            text.push_str(&format!(" · {} {vio}", T::CaseViolation.get(lang)));
        }
        lines.push(vec![label(T::CaseDiscipline, lang), (Tone::Bold, text)]);
    }
    lines.push(vec![(Tone::Label, format!("{}:", T::CaseHistory.get(lang)))]);
    for h in &c.history {
        lines.push(vec![raw(format!(
            "  {} {} — {} {}",
            i18n::date(h.on),
            status_name(h.status, lang),
            T::CaseBy.get(lang),
            h.by
        ))]);
    }
    lines
}

/// How many of an organisation's cases the register's detail pane lists.
pub const ORG_CASES: usize = 5;

/// An organisation's cases for the register's detail pane: a title with the
/// count, the newest few (two lines each: number, date and status, then the
/// title cut to `width` columns; the whole case is on Vụ việc), and how
/// many more there are.
pub fn org_cases(list: &CaseList, lang: Lang, width: usize) -> Vec<Pieces> {
    let mut title = vec![
        (Tone::Label, format!("{}: ", T::ScreenCases.get(lang))),
        raw(i18n::num(list.total, lang)),
    ];
    if list.counts.overdue > 0 {
        title.push(raw(" · "));
        title.push((
            Tone::Error,
            format!("{} {}", i18n::num(list.counts.overdue, lang), T::CaseOverdueMark.get(lang)),
        ));
    }
    let mut lines = vec![title];
    for r in list.rows.iter().take(ORG_CASES) {
        let mut head = vec![raw(format!("  #{} {} {}", r.id, i18n::date(r.opened), status_name(r.status, lang)))];
        if r.overdue {
            head.push((Tone::Error, format!(" {}", T::CaseOverdueMark.get(lang))));
        }
        lines.push(head);
        lines.push(vec![raw(format!("    {}", fit(&r.title, width.saturating_sub(4))))]);
    }
    let shown = list.rows.len().min(ORG_CASES);
    if list.total > shown {
        lines.push(vec![(Tone::Dim, format!("  {}", i18n::cases_more(lang, list.total - shown)))]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Case, Discipline, Person, StatusChange};
    use crate::service::api::{CaseCounts, CaseRow};
    use crate::tui::widgets::tone::text;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn row(id: u64, overdue: bool) -> CaseRow {
        CaseRow {
            id,
            kind: CaseKind::Denunciation,
            org: 5,
            org_code: "BD.01".into(),
            org_name: "Đảng bộ Cơ quan phường Ba Đình".into(),
            title: format!("Đơn tố cáo số {id} về việc quản lý đất đai ở phường"),
            opened: day(2024, 3, 20),
            due: Some(day(2024, 6, 20)),
            status: CaseStatus::InProgress,
            overdue,
            discipline: None,
        }
    }

    fn list_of(offset: usize, ids: std::ops::Range<u64>, total: usize) -> CaseList {
        CaseList {
            total,
            offset,
            counts: CaseCounts {
                received: 1,
                in_progress: total.saturating_sub(1),
                concluded: 0,
                overdue: 1,
            },
            today: day(2025, 3, 15),
            rows: ids.map(|i| row(i, i == 7)).collect(),
        }
    }

    #[test]
    fn the_window_marks_the_selection_and_overdue_in_words_and_fits() {
        let l = list_of(5, 5..15, 40);
        let m = list(Some(&l), &Filters::default(), Lang::Vi, 80, 7, 6, 3);
        assert_eq!(m.rows.len(), 3);
        assert_eq!(m.rows.iter().map(|r| r.selected).collect::<Vec<_>>(), vec![false, true, false]);
        assert!(m.rows[1].text.starts_with("›#7"), "{}", m.rows[1].text);
        assert!(m.rows[1].overdue && m.rows[1].text.contains("⚠ quá hạn"), "{}", m.rows[1].text);
        assert!(!m.rows[0].text.contains("quá hạn"));
        assert!(m.rows.iter().all(|r| r.text.width() <= 80));
        assert!(m.header.contains("Tiêu đề"));
        // At 120 columns the dates show.
        let wide = list(Some(&l), &Filters::default(), Lang::En, 120, 7, 6, 3);
        assert!(wide.rows[1].text.contains("20/03/2024") && wide.rows[1].text.contains("⚠ overdue"));
        // Rows outside the window loaded are not invented.
        assert_eq!(list(Some(&l), &Filters::default(), Lang::Vi, 80, 0, 0, 3).rows.len(), 0);
        assert!(m.empty.is_none());
    }

    #[test]
    fn filters_and_counts_read_in_each_language() {
        let f = Filters {
            kind: Some(CaseKind::Denunciation),
            status: Some(CaseStatus::InProgress),
            under: Some("BD".into()),
            year: Some(2024),
            overdue: true,
        };
        assert_eq!(
            f.line(Lang::Vi),
            "Lọc: Tố cáo · Đang xử lý · Trong phạm vi (mã) BD · Năm mở 2024 · ⚠ quá hạn"
        );
        let q = f.query(40, 20);
        assert_eq!((q.offset, q.limit, q.overdue, q.under.as_deref()), (40, Some(20), true, Some("BD")));
        assert_eq!(Filters::default().line(Lang::En), "Every case");
        let mut l = list_of(0, 0..0, 1234);
        l.counts.overdue = 12;
        assert_eq!(
            counts(&l, Lang::Vi, 200),
            "1.234 vụ việc: 1 tiếp nhận · 1.233 đang xử lý · 0 kết luận · ⚠ 12 quá hạn"
        );
        assert_eq!(counts(&l, Lang::En, 30), "1,234 cases · ⚠ 12 overdue");
        let empty = list(Some(&list_of(0, 0..0, 0)), &f, Lang::En, 80, 0, 0, 5);
        assert_eq!(empty.empty.as_deref(), Some("No case matches the filters"));
    }

    #[test]
    fn the_detail_shows_discipline_and_the_status_history() {
        let c = Case {
            id: 3,
            kind: CaseKind::Discipline,
            org: 5,
            persons: vec![Person {
                name: "Lê Văn An".into(),
                probationary: true,
                leadership: false,
                org: None,
            }],
            title: "Kỷ luật đảng viên".into(),
            summary: None,
            place: Some("Ba Đình".into()),
            source: None,
            handler: None,
            opened: day(2024, 1, 5),
            due: Some(day(2024, 2, 1)),
            status: CaseStatus::Concluded,
            history: vec![
                StatusChange {
                    status: CaseStatus::Received,
                    on: day(2024, 1, 5),
                    recorded: chrono::Utc::now(),
                    by: "lan".into(),
                },
                StatusChange {
                    status: CaseStatus::Concluded,
                    on: day(2024, 3, 1),
                    recorded: chrono::Utc::now(),
                    by: "minh".into(),
                },
            ],
            outcome: Some("Khiển trách".into()),
            discipline: Some(Discipline {
                subject: Subject::Member,
                form: Form::KhienTrach,
                person: Some("Lê Văn An".into()),
                effective: day(2024, 3, 1),
                self_remedied: false,
                violation: None,
            }),
            decision: Some("12-QĐ/UBKT".into()),
            decided: Some(day(2024, 3, 1)),
            version: 2,
        };
        let v = CaseView {
            case: c,
            org_code: "BD.01".into(),
            org_name: "Đảng bộ Cơ quan".into(),
            overdue: false,
            seq: None,
        };
        let lines: Vec<String> = detail(&v, Lang::Vi).iter().map(text).collect();
        assert_eq!(lines[0], "#3 Kỷ luật đảng viên");
        assert!(lines.iter().any(|l| l == "Người liên quan: Lê Văn An (dự bị)"), "{lines:?}");
        assert!(
            lines.iter().any(|l| l == "Kỷ luật: khiển trách — đảng viên Lê Văn An · 01/03/2024"),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l == "Quyết định: 12-QĐ/UBKT, 01/03/2024"), "{lines:?}");
        let hist = lines.iter().position(|l| l == "Lịch sử trạng thái:").unwrap();
        assert_eq!(lines[hist + 1], "  05/01/2024 Đã tiếp nhận — bởi lan");
        assert_eq!(lines[hist + 2], "  01/03/2024 Đã kết luận — bởi minh");
        assert!(!lines.iter().any(|l| l.contains("quá hạn")));
    }

    #[test]
    fn an_organisations_cases_list_the_newest_and_say_how_many_more() {
        let l = list_of(0, 1..9, 12);
        let lines: Vec<String> = org_cases(&l, Lang::En, 80).iter().map(text).collect();
        assert_eq!(lines[0], "Cases: 12 · 1 ⚠ overdue");
        assert_eq!(lines.len(), 1 + 2 * ORG_CASES + 1);
        assert_eq!(lines[1], "  #1 20/03/2024 in progress");
        assert_eq!(lines[2], "    Đơn tố cáo số 1 về việc quản lý đất đai ở phường");
        assert!(lines.last().unwrap().contains("7 more"), "{lines:?}");
    }

    #[test]
    fn an_organisations_cases_fit_the_pane_and_say_which_are_overdue() {
        let l = list_of(0, 5..12, 12);
        let lines: Vec<String> = org_cases(&l, Lang::Vi, 30).iter().map(text).collect();
        assert_eq!(lines.len(), 1 + 2 * ORG_CASES + 1);
        // The titles are cut (a narrower pane wraps the first lines).
        for l in lines[1..=2 * ORG_CASES].iter().skip(1).step_by(2) {
            assert!(l.width() <= 30 && l.ends_with('…'), "{l:?} is {} columns", l.width());
        }
        assert_eq!(lines[5], "  #7 20/03/2024 Đang xử lý ⚠ quá hạn");
        assert_eq!(lines[6], "    Đơn tố cáo số 7 về việc q…");
    }
}
