//! The register screen's view-model: the tree rows and the detail pane as
//! text with tones, for a size, without ratatui (the view only draws them).

use super::OrgScreen;
use crate::domain::numfmt::int;
use crate::domain::org::Ending;
use crate::domain::{Lang, Level, OrgKind};
use crate::service::api::{HistoryRow, OrgDetail, TreeWindow};
use crate::tui::i18n::{self, T};
use crate::tui::screens::fit;
use crate::tui::widgets::tone::{text, Pieces, Tone};
use unicode_width::UnicodeWidthStr;

/// One row of the tree as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow {
    pub selected: bool,
    /// Shown only as the ancestor of a filter match.
    pub context_only: bool,
    /// The selection mark, indent, open/closed marker and name, fitted.
    pub left: String,
    /// Kind, code (when there is room) and members.
    pub mid: String,
    pub level: Option<Level>,
}

/// The tree pane for a size.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeModel {
    pub title: String,
    /// The filter line (label and match count) while filtering.
    pub filter: Option<(String, String)>,
    pub header_name: String,
    pub header_right: String,
    /// The width of the right-hand columns.
    pub right_w: usize,
    pub rows: Vec<TreeRow>,
    /// Why there is no row.
    pub empty: Option<T>,
}

impl OrgScreen {
    /// The tree pane `width` columns wide with `height` rows for the list
    /// (the rows of window `w` from the scroll offset on).
    pub(super) fn tree_model(&self, w: &TreeWindow, lang: Lang, year: i32, width: usize, height: usize) -> TreeModel {
        let mut title = format!(" {} ", T::Tree.get(lang));
        for (_, name) in &w.drill {
            title.push_str("› ");
            title.push_str(name);
            title.push(' ');
        }
        let filtering = self.filter_input.is_some() || !self.filter.is_empty();
        let filter = filtering.then(|| (format!("/ {}: ", T::FilterLabel.get(lang)), i18n::filter_count(lang, w.matches)));
        let show_code = width >= 56;
        let right_w = if show_code { 32 } else { 21 };
        let year_col = format!("{} {}", T::ClassShort.get(lang), year);
        let header_right = if show_code {
            format!(
                "{:<4} {:<10} {:>7} {:<8}",
                T::Kind.get(lang),
                T::Code.get(lang),
                T::MembersShort.get(lang),
                year_col
            )
        } else {
            format!("{:<4} {:>7} {:<8}", T::Kind.get(lang), T::MembersShort.get(lang), year_col)
        };
        let name_w = width.saturating_sub(right_w + 1);
        let rows = (self.offset..self.offset.saturating_add(height).min(w.total))
            .filter_map(|row| w.row(row).map(|n| (row, n)))
            .map(|(row, n)| {
                let selected = row == self.selected;
                let indent = (n.depth as usize * 2).min(name_w / 2);
                let marker = if !n.has_children {
                    "·"
                } else if filtering || n.open {
                    "▾"
                } else {
                    "▸"
                };
                let sel = if selected { "›" } else { " " };
                let left = format!("{sel}{:indent$}{marker} {}", "", n.name, indent = indent);
                let mid = if show_code {
                    format!(
                        "{:<4} {:<10} {:>7} ",
                        n.kind.tag(),
                        fit(&n.code, 10),
                        int(n.total_members as u64, lang)
                    )
                } else {
                    format!("{:<4} {:>7} ", n.kind.tag(), int(n.total_members as u64, lang))
                };
                TreeRow {
                    selected,
                    context_only: n.context_only,
                    left: fit(&left, name_w),
                    mid,
                    level: n.level,
                }
            })
            .collect();
        let why = match (w.tree_len == 0, self.register_empty) {
            (true, true) => T::EmptyRegister,
            (true, false) => T::NoOrgs,
            _ => T::NoMatch,
        };
        let empty = (w.total == 0).then_some(why);
        TreeModel {
            title,
            filter,
            header_name: fit(T::Name.get(lang), name_w),
            header_right,
            right_w,
            rows,
            empty,
        }
    }
}

/// Rows from which the detail pane keeps a second line for the name.
const TALL: usize = 20;

/// The detail pane of an organisation, `width` columns and `height` rows
/// inside its border.
pub fn detail(d: &OrgDetail, lang: Lang, width: usize, height: usize) -> Vec<Pieces> {
    let label = |t: T| (Tone::Label, format!("{}: ", t.get(lang)));
    let raw = |s: String| (Tone::Base, s);
    // In a tall pane the name takes two lines even when it fits on one, so
    // that the fields below stay on the same rows from one organisation to
    // the next (a short pane keeps the row for them).
    let mut lines: Vec<Pieces> = textwrap::wrap(&d.name, width.max(10))
        .into_iter()
        .map(|l| vec![(Tone::Bold, l.into_owned())])
        .collect();
    if lines.len() < 2 && height >= TALL {
        lines.push(vec![raw(String::new())]);
    }
    lines.push(vec![
        label(T::Kind),
        raw(format!("{} ({}) · ", i18n::kind_name(lang, d.kind), d.kind.tag())),
        label(T::Code),
        raw(d.code.clone()),
    ]);
    if !d.alive {
        lines.push(vec![(Tone::Error, format!("✗ {}", T::NotAlive.get(lang)))]);
    }
    match d.ending {
        Some(Ending::Dissolved(at)) => lines.push(vec![(Tone::Error, format!("✗ {} {}", T::Dissolved.get(lang), i18n::date(at)))]),
        Some(Ending::Merged(at, _)) => lines.push(vec![(Tone::Error, format!("✗ {} {}", T::Merged.get(lang), i18n::date(at)))]),
        None => {}
    }
    if !d.parents.is_empty() {
        let chain = d.parents.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(" › ");
        lines.push(vec![label(T::Parents), raw(chain)]);
    }
    let founding = match (d.founding_ref.is_empty(), d.founding_date) {
        (true, _) => T::None_.get(lang).to_string(),
        (false, Some(date)) => format!("{}, {}", d.founding_ref, i18n::date(date)),
        (false, None) => d.founding_ref.clone(),
    };
    // On one line where it fits the pane, else two (not wrapped mid-way).
    let founded = vec![label(T::Founded), raw(i18n::date(d.founded))];
    let decision = vec![label(T::FoundingDecision), raw(founding)];
    let one: Pieces = [decision.clone(), vec![raw(" · ".into())], founded.clone()].concat();
    if text(&one).width() <= width {
        lines.push(one);
    } else {
        lines.push(founded);
        lines.push(decision);
    }
    lines.push(vec![raw(i18n::members(lang, d.members, d.total_members))]);
    let mut class = vec![label(T::ClassByYear)];
    if d.classifications.is_empty() {
        class.push((Tone::Dim, T::None_.get(lang).to_string()));
    }
    for c in &d.classifications {
        class.push(raw(format!("{} ", c.year)));
        class.push((Tone::Level(c.level), format!("{} {}", c.level.symbol(), c.level.short())));
        class.push(raw("  ".into()));
    }
    lines.push(class);
    let admitted = d.admissions.as_ref().map(|a| a.total()).unwrap_or(0);
    lines.push(vec![
        (Tone::Label, format!("{} {}: ", T::AdmissionsYear.get(lang), d.year)),
        raw(int(admitted, lang)),
    ]);
    if !d.subtree_by_kind.is_empty() {
        let mut kinds: Vec<(OrgKind, usize)> = d
            .subtree_by_kind
            .iter()
            .filter_map(|(k, n)| OrgKind::parse(k).map(|k| (k, *n)))
            .collect();
        kinds.sort();
        let text = kinds
            .iter()
            .map(|(k, n)| format!("{} {}", k.tag(), int(*n as u64, lang)))
            .collect::<Vec<_>>()
            .join(" · ");
        lines.push(vec![label(T::Subtree), raw(text)]);
    }
    // The organisation's own changes; its member counts show by year.
    let history: Vec<&HistoryRow> = d.history.iter().filter(|h| !h.count_only).collect();
    if !history.is_empty() {
        // An entry wider than the pane goes on under itself, indented past
        // its date, rather than from the pane's edge.
        let entry = |lines: &mut Vec<Pieces>, indent: &str, text: String| {
            let opts = textwrap::Options::new(width.max(20))
                .initial_indent(indent)
                .subsequent_indent("      ")
                // "(2191-QĐ/TU)" is one number: never cut at its hyphen.
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            lines.extend(textwrap::wrap(&text, opts).into_iter().map(|l| vec![raw(l.into_owned())]));
        };
        lines.push(vec![(Tone::Label, format!("{}:", T::History.get(lang)))]);
        let newest_first: Vec<_> = history.into_iter().rev().collect();
        // Changes of one day, kind and decision (a decision merging several
        // organisations into this one) read as one entry listing what each
        // concerned.
        for group in newest_first.chunk_by(|a, b| {
            (a.effective, &a.label_vi, &a.decision) == (b.effective, &b.label_vi, &b.decision)
                && !a.detail.is_empty()
                && !b.detail.is_empty()
        }) {
            let h = group[0];
            let mut text = format!("{} {}", i18n::date(h.effective), lang.pick(&h.label_vi, &h.label_en));
            let decision = h.decision.as_ref().map(|dec| format!(" ({dec})")).unwrap_or_default();
            if group.len() > 1 {
                entry(&mut lines, "  ", format!("{text}{decision}:"));
                for h in group {
                    entry(&mut lines, "    ", h.detail.clone());
                }
                continue;
            }
            if !h.detail.is_empty() {
                // "Thành lập ← BD", "Đổi tên: Chi bộ B".
                text.push_str(if h.detail.starts_with('←') { " " } else { ": " });
                text.push_str(&h.detail);
            }
            entry(&mut lines, "  ", format!("{text}{decision}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::api::WindowRow;
    use crate::tui::screens::Screen;

    fn row(id: u32, code: &str, name: &str, depth: u16, open: bool, level: Option<Level>) -> WindowRow {
        WindowRow {
            id,
            code: code.into(),
            name: name.into(),
            kind: if depth == 0 { OrgKind::City } else { OrgKind::Cell },
            depth,
            parent: (depth > 0).then_some(1),
            parent_kind: (depth > 0).then_some(OrgKind::City),
            has_children: depth == 0,
            open,
            members: 10,
            total_members: 10,
            level,
            context_only: false,
        }
    }

    fn window(rows: Vec<WindowRow>, matches: usize) -> TreeWindow {
        TreeWindow {
            at: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            year: 2024,
            tree_len: 3,
            total: rows.len(),
            matches,
            start: 0,
            rows,
            anchor: None,
            drill: Vec::new(),
            opened: Vec::new(),
        }
    }

    fn tree() -> TreeWindow {
        window(
            vec![
                row(1, "HN", "Đảng bộ Thành phố", 0, true, None),
                row(2, "HN.01", "Chi bộ Một", 1, false, Some(Level::Htt)),
                row(3, "HN.02", "Chi bộ Hai có một cái tên rất dài không vừa cột", 1, false, None),
            ],
            3,
        )
    }

    fn screen(_t: &TreeWindow) -> OrgScreen {
        let mut s = OrgScreen::new();
        s.expanded.insert(1);
        s.selected = 1;
        s
    }

    #[test]
    fn rows_show_the_tree_open_the_selection_and_fit_the_width() {
        let t = tree();
        let s = screen(&t);
        let m = s.tree_model(&t, Lang::Vi, 2024, 60, 10);
        assert_eq!(m.rows.len(), 3);
        assert!(m.rows[0].left.starts_with(" ▾ Đảng bộ Thành phố"));
        assert!(m.rows[1].selected && m.rows[1].left.starts_with("›  · Chi bộ Một"));
        assert_eq!(m.rows[1].level, Some(Level::Htt));
        // The long name is cut to the name column with an ellipsis.
        assert!(m.rows[2].left.ends_with('…'), "{}", m.rows[2].left);
        assert!(m.rows[2].mid.contains("HN.02"), "the code shows at 60 columns");
        assert!(!s.tree_model(&t, Lang::Vi, 2024, 50, 10).rows[2].mid.contains("HN.02"));
        assert!(m.filter.is_none() && m.empty.is_none());
        // Scrolled: only the rows from the offset.
        let mut s2 = screen(&t);
        s2.offset = 2;
        assert_eq!(s2.tree_model(&t, Lang::En, 2024, 60, 10).rows.len(), 1);
    }

    #[test]
    fn a_filter_line_counts_the_matches_only() {
        let t = tree();
        let mut s = screen(&t);
        s.filter = "mot".into();
        let mut context = t.rows[0].clone();
        context.context_only = true;
        let t = window(vec![context, t.rows[1].clone()], 1);
        let m = s.tree_model(&t, Lang::En, 2024, 80, 10);
        assert_eq!(m.filter, Some(("/ Filter: ".into(), "1 match".into())), "{:?}", m.filter);
        assert!(m.rows[0].context_only);
        assert_eq!(s.layer(), crate::tui::keymap::Layer::Tree);
    }

    #[test]
    fn the_detail_says_an_ending_in_red_and_lists_the_levels() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let d = OrgDetail {
            id: 2,
            code: "HN.01".into(),
            kind: OrgKind::Cell,
            name: "Chi bộ Một".into(),
            at: day(2025, 1, 1),
            alive: false,
            founded: day(2020, 1, 1),
            ending: Some(Ending::Dissolved(day(2024, 6, 1))),
            founding_ref: "1-QĐ/TU".into(),
            founding_date: Some(day(2020, 1, 1)),
            parents: vec![("HN".into(), "Đảng bộ Thành phố".into())],
            members: 10,
            total_members: 10,
            history: Vec::new(),
            classifications: Vec::new(),
            admissions: None,
            subtree_admissions: [0; 12],
            year: 2024,
            subtree_by_kind: Default::default(),
            version: 1,
        };
        let lines = detail(&d, Lang::Vi, 80, 30);
        assert_eq!(text(&lines[0]), "Chi bộ Một");
        assert!(!lines.iter().any(|l| text(l).contains("Lịch sử")));
        assert!(lines.iter().any(|l| l[0].0 == Tone::Error && text(l).contains("01/06/2024")));
        assert!(lines
            .iter()
            .any(|l| text(l) == "Quyết định thành lập: 1-QĐ/TU, 01/01/2020 · Thành lập: 01/01/2020"));
        // A narrow pane: the founding on two lines rather than wrapped.
        let lines: Vec<String> = detail(&d, Lang::Vi, 44, 30).iter().map(text).collect();
        let at = lines.iter().position(|l| l == "Thành lập: 01/01/2020").unwrap();
        assert_eq!(lines[at + 1], "Quyết định thành lập: 1-QĐ/TU, 01/01/2020");

        // One decision merging three organisations in on a day reads as one
        // entry naming each; other changes stay one line each.
        let change = |y, label: &str, detail: &str, dec: &str| HistoryRow {
            effective: day(y, 7, 1),
            label_vi: label.into(),
            label_en: label.into(),
            detail: detail.into(),
            decision: Some(dec.into()),
            recorded: chrono::Utc::now(),
            by: "lan".into(),
            count_only: label == "Số đảng viên",
        };
        let d = OrgDetail {
            history: vec![
                change(2019, "Thành lập", "← HN (12)", "1-QĐ/TU"),
                change(2020, "Đổi tên", "Chi bộ Một", "2-QĐ/TU"),
                change(2021, "Số đảng viên", "14", "3-QĐ/TU"),
                change(2025, "Nhận hợp nhất từ", "HN.02 Chi bộ Hai", "9-QĐ/TU"),
                change(2025, "Nhận hợp nhất từ", "HN.03 Chi bộ Ba", "9-QĐ/TU"),
                change(2025, "Nhận hợp nhất từ", "HN.04 Chi bộ Bốn", "9-QĐ/TU"),
                change(2025, "Nhận hợp nhất từ", "HN.05 Chi bộ Năm", "10-QĐ/TU"),
            ],
            ..d
        };
        let lines: Vec<String> = detail(&d, Lang::Vi, 80, 30).iter().map(text).collect();
        let at = lines.iter().position(|l| l == "Lịch sử thay đổi:").unwrap();
        assert_eq!(
            lines[at + 1..],
            [
                "  01/07/2025 Nhận hợp nhất từ: HN.05 Chi bộ Năm (10-QĐ/TU)",
                "  01/07/2025 Nhận hợp nhất từ (9-QĐ/TU):",
                "    HN.04 Chi bộ Bốn",
                "    HN.03 Chi bộ Ba",
                "    HN.02 Chi bộ Hai",
                "  01/07/2020 Đổi tên: Chi bộ Một (2-QĐ/TU)",
                "  01/07/2019 Thành lập ← HN (12) (1-QĐ/TU)",
            ],
            "the change of the member count in 2021 is not among the organisation's changes"
        );
        // In a tall pane the name takes two lines whether it needs them or not.
        assert_eq!(lines[..3], ["Chi bộ Một", "", "Loại: Chi bộ trực thuộc (CB) · Mã: HN.01"]);
        let short: Vec<String> = detail(&d, Lang::Vi, 80, 8).iter().map(text).collect();
        assert_eq!(short[..2], ["Chi bộ Một", "Loại: Chi bộ trực thuộc (CB) · Mã: HN.01"]);

        // Narrow: an entry goes on under itself, past its date, and a
        // decision number is not cut at its hyphen; a long name wraps.
        let d = OrgDetail {
            name: "Chi bộ Công ty Cổ phần Tập đoàn Giống cây trồng Hòa Bình".into(),
            history: vec![change(2025, "Chuyển", "BD2 Đảng bộ phường Ba Đình", "2191-QĐ/TU")],
            ..d
        };
        let lines: Vec<String> = detail(&d, Lang::Vi, 44, 30).iter().map(text).collect();
        assert_eq!(
            lines[..3],
            [
                "Chi bộ Công ty Cổ phần Tập đoàn Giống cây",
                "trồng Hòa Bình",
                "Loại: Chi bộ trực thuộc (CB) · Mã: HN.01"
            ]
        );
        let at = lines.iter().position(|l| l == "Lịch sử thay đổi:").unwrap();
        assert_eq!(
            lines[at + 1..],
            ["  01/07/2025 Chuyển: BD2 Đảng bộ phường Ba", "      Đình (2191-QĐ/TU)"]
        );
    }
}
