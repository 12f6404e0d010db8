//! The audit log's view-model: the text of the list and of an entry's detail
//! for a width, without ratatui (the view only draws it).

use crate::domain::audit::AuditEntry;
use crate::tui::screens::fit;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

/// The column titles: when, who, action, organisation, summary.
pub struct Labels<'a> {
    pub when: &'a str,
    pub who: &'a str,
    pub action: &'a str,
    pub org: &'a str,
    pub summary: &'a str,
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
pub fn log(entries: &[AuditEntry], labels: &Labels, width: usize, selected: usize, offset: usize, height: usize) -> LogModel {
    // Columns: when 17, who up to 12, action 14, org 9-12, summary the rest.
    let who_w = entries.iter().map(|e| e.user.width()).max().unwrap_or(4).clamp(4, 12);
    let act_w = 14;
    let org_w = if width >= 100 { 12 } else { 9 };
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
    let rows = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, e)| {
            let sel = i == selected;
            let text = line(
                &format!("{}{}", if sel { "›" } else { " " }, when(e)),
                &e.user,
                &e.action,
                e.org.as_deref().unwrap_or("—"),
                &e.summary,
            );
            (sel, text)
        })
        .collect();
    LogModel { header, rows }
}

/// One entry in detail: the head lines, then the values before and after,
/// a line found only on one side marked as changed.
#[derive(Debug, PartialEq)]
pub struct DetailModel {
    pub head: Vec<String>,
    /// (changed, line).
    pub before: Vec<(bool, String)>,
    pub after: Vec<(bool, String)>,
}

fn json_lines(v: &Option<serde_json::Value>) -> Vec<String> {
    match v {
        Some(v) => serde_json::to_string_pretty(v)
            .unwrap_or_default()
            .lines()
            .map(|l| l.to_string())
            .collect(),
        None => vec!["—".to_string()],
    }
}

pub fn detail(e: &AuditEntry, labels: &Labels) -> DetailModel {
    let head = vec![
        format!("{}: {} · {}: {}", labels.when, when(e), labels.who, e.user),
        format!(
            "{}: {} · {}: {}",
            labels.action,
            e.action,
            labels.org,
            e.org.as_deref().unwrap_or("—")
        ),
        format!("{}: {}", labels.summary, e.summary),
    ];
    let before = json_lines(&e.before);
    let after = json_lines(&e.after);
    let before_set: HashSet<&String> = before.iter().collect();
    let after_set: HashSet<&String> = after.iter().collect();
    let mark = |lines: &[String], other: &HashSet<&String>| lines.iter().map(|l| (!other.contains(l), l.clone())).collect();
    DetailModel {
        head,
        before: mark(&before, &after_set),
        after: mark(&after, &before_set),
    }
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
    };

    #[test]
    fn the_log_shows_the_window_and_marks_the_selection() {
        let entries: Vec<AuditEntry> = (0..5).map(|i| entry(i, None, None)).collect();
        let m = log(&entries, &LABELS, 80, 3, 2, 2);
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![false, true]);
        assert!(m.rows[1].1.starts_with('›'));
        assert!(m.rows.iter().all(|r| r.1.width() <= 80));
        assert!(m.header.contains("Summary"));
    }

    #[test]
    fn the_detail_marks_only_the_lines_that_changed() {
        let e = entry(
            1,
            Some(serde_json::json!({"name": "Cũ", "members": 3})),
            Some(serde_json::json!({"name": "Mới", "members": 3})),
        );
        let d = detail(&e, &LABELS);
        let changed = |side: &[(bool, String)]| side.iter().filter(|l| l.0).map(|l| l.1.trim().to_string()).collect::<Vec<_>>();
        assert_eq!(changed(&d.before), vec!["\"name\": \"Cũ\"".to_string()]);
        assert_eq!(changed(&d.after), vec!["\"name\": \"Mới\"".to_string()]);
        assert!(d.head[1].contains("org.rename") && d.head[1].contains("BD.01"));
    }
}
