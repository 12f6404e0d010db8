//! The audit log's view-model: the text of the list and of an entry's detail
//! for a width, without ratatui (the view only draws it).

use super::text::{action_label, changes, headline, Codes};
use crate::domain::audit::AuditEntry;
use crate::domain::Lang;
use crate::tui::screens::fit;
use unicode_width::UnicodeWidthStr;

/// The column titles: when, who, action, organisation, summary; and the
/// language entries are told in.
pub struct Labels<'a> {
    pub when: &'a str,
    pub who: &'a str,
    pub action: &'a str,
    pub org: &'a str,
    pub summary: &'a str,
    pub changes: &'a str,
    pub no_changes: &'a str,
    pub lang: Lang,
}

/// The visible part of the log: its header and rows (the selected one marked).
#[derive(Debug, PartialEq)]
pub struct LogModel {
    pub header: String,
    pub rows: Vec<(bool, String)>,
}

pub fn when(e: &AuditEntry) -> String {
    e.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string()
}

/// The rows `offset..offset + height` of the log at `width` columns.
pub fn log(entries: &[AuditEntry], labels: &Labels, codes: Codes, width: usize, selected: usize, offset: usize, height: usize) -> LogModel {
    let lang = labels.lang;
    // Columns: when 17, who up to 12, action as wide as its title and the
    // names shown (up to 16), org 9-12, summary the rest.
    let window: Vec<(usize, &AuditEntry)> = entries.iter().enumerate().skip(offset).take(height).collect();
    let who_w = entries
        .iter()
        .map(|e| e.user.width())
        .chain([labels.who.width()])
        .max()
        .unwrap_or(4)
        .clamp(4, 12);
    let actions: Vec<String> = window.iter().map(|(_, e)| action_label(&e.action, lang)).collect();
    let act_w = actions
        .iter()
        .map(|a| a.width())
        .chain([labels.action.width(), 10])
        .max()
        .unwrap_or(10)
        .min(16);
    let org_w = if width >= 100 { 12 } else { 9 }.max(labels.org.width());
    let line = |when: &str, who: &str, act: &str, org: &str, sum: &str| {
        let fixed = format!(
            "{:<17} {:<who_w$} {:<act_w$} {:<org_w$} ",
            fit(when, 17),
            fit(who, who_w),
            fit(act, act_w),
            fit(org, org_w)
        );
        let rest = width.saturating_sub(fixed.width());
        format!("{fixed}{}", fit(sum, rest))
    };
    let header = line(&format!(" {}", labels.when), labels.who, labels.action, labels.org, labels.summary);
    let rows = window
        .iter()
        .zip(&actions)
        .map(|((i, e), act)| {
            let sel = *i == selected;
            let text = line(
                &format!("{}{}", if sel { "›" } else { " " }, when(e)),
                &e.user,
                act,
                e.org.as_deref().unwrap_or("—"),
                &headline(e, lang, codes),
            );
            (sel, text)
        })
        .collect();
    LogModel { header, rows }
}

/// One entry in detail: the head lines, then each field that changed as
/// "field: before → after".
#[derive(Debug, PartialEq)]
pub struct DetailModel {
    pub head: Vec<String>,
    pub changes: Vec<String>,
}

pub fn detail(e: &AuditEntry, labels: &Labels, codes: Codes) -> DetailModel {
    let lang = labels.lang;
    let mut org = e.org.clone().unwrap_or_else(|| "—".into());
    if let Some(y) = e.year {
        org.push_str(&format!(" · {y}"));
    }
    let head = vec![
        format!("{}: {} · {}: {}", labels.when, when(e), labels.who, e.user),
        match action_label(&e.action, lang) {
            label if label == e.action => format!("{}: {label} · {}: {org}", labels.action, labels.org),
            label => format!("{}: {label} ({}) · {}: {org}", labels.action, e.action, labels.org),
        },
        format!("{}:", labels.changes),
    ];
    let mut lines: Vec<String> = changes(e, lang, codes).iter().map(|c| format!("  {}", c.text())).collect();
    if lines.is_empty() {
        // Entries without values before or after keep the text stored with them.
        lines.push(format!("  {}", if e.summary.is_empty() { labels.no_changes } else { &e.summary }));
    }
    DetailModel { head, changes: lines }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(seq: u64, before: Option<serde_json::Value>, after: Option<serde_json::Value>) -> AuditEntry {
        AuditEntry {
            seq,
            at: chrono::Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
            user: "lan".into(),
            action: "org.rename".into(),
            org: Some("BD.01".into()),
            year: None,
            summary: "đổi tên BD.01".into(),
            before,
            after,
        }
    }

    const LABELS: Labels = Labels {
        when: "When",
        who: "Who",
        action: "Action",
        org: "Org",
        summary: "Summary",
        changes: "Changes",
        no_changes: "(none)",
        lang: Lang::En,
    };

    #[test]
    fn the_log_shows_the_window_and_marks_the_selection() {
        let entries: Vec<AuditEntry> = (0..5).map(|i| entry(i, None, None)).collect();
        let m = log(&entries, &LABELS, &|_| None, 80, 3, 2, 2);
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![false, true]);
        assert!(m.rows[1].1.starts_with('›'));
        assert!(m.rows.iter().all(|r| r.1.width() <= 80));
        assert!(m.header.contains("Summary"));
    }

    #[test]
    fn the_detail_lists_field_before_and_after() {
        let org = |name: &str| {
            serde_json::json!({"id": 3, "code": "BD.01", "kind": "grassroots_committee", "founding_ref": "", "version": 1,
                "events": [{"effective": "2000-01-01", "change": {"found": {"name": "Cũ", "parent": 1, "members": 3}},
                            "recorded": "2025-01-02T03:04:05Z", "by": "lan"}]})
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                if name != "Cũ" {
                    let mut ev = o["events"].as_array().unwrap().clone();
                    ev.push(serde_json::json!({"effective": "2025-12-25", "change": {"rename": {"name": name}},
                        "recorded": "2025-12-25T03:04:05Z", "by": "lan"}));
                    o.insert("events".into(), serde_json::Value::Array(ev));
                }
                serde_json::Value::Object(o)
            })
            .unwrap()
        };
        let e = entry(1, Some(org("Cũ")), Some(org("Mới")));
        let d = detail(&e, &LABELS, &|_| None);
        assert!(d.changes.iter().any(|l| l.trim() == "Name: Cũ → Mới"), "{:?}", d.changes);
        assert!(d.changes.iter().any(|l| l.trim() == "From: 25/12/2025"), "{:?}", d.changes);
        assert!(d.head[1].contains("Rename (org.rename)") && d.head[1].contains("BD.01"));
        assert!(!d.changes.iter().any(|l| l.contains('{')), "no raw JSON: {:?}", d.changes);
    }
}
