//! The classification screen's view-model: every text of the grid, its
//! detail pane, footer and popups, for the sizes the view gives, without
//! ratatui (the view only places and styles it). Meaning is never carried by
//! colour alone: levels have symbols, findings "!" (errors) or "?"
//! (warnings), targets ✓ / ✗.

use super::data::Footer;
pub use super::footer::footer_lines;
pub use super::popups::PopupModel;
use super::{decision_text, ClassifyScreen, Mode};
use crate::domain::numfmt::{self, int};
use crate::domain::rules::Severity;
use crate::domain::{Lang, Level};
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::Keymap;
use crate::tui::screens::fit;
use crate::tui::widgets::tone::Pieces;

/// The sizes the view gives the parts of the screen.
#[derive(Debug, Clone, Copy)]
pub struct Dims {
    pub width: usize,
    /// A short terminal (80x24): the footer without its border, the detail
    /// two lines, so that the grid keeps its rows.
    pub compact: bool,
    pub grid_w: usize,
    /// Data rows of the grid (below its header).
    pub grid_rows: usize,
    /// The space popups are drawn in.
    pub over_w: usize,
    pub over_h: usize,
}

/// One row of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub selected: bool,
    /// " ", "?" (warnings) or "!" (errors).
    pub mark: &'static str,
    /// Code and indented name, fitted to their columns.
    pub left: String,
    /// Kind and members.
    pub mid: String,
    pub level: Option<Level>,
    pub score: Option<String>,
    /// The tallies and whether they add up to the members.
    pub tallies: Option<(String, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GridModel {
    pub header: String,
    pub rows: Vec<GridRow>,
    /// Why there is no row.
    pub empty: Option<T>,
}

#[derive(Debug, Clone)]
pub struct ScreenModel {
    pub title: String,
    /// The filter line: label, field, match count, and whether it is typed in.
    pub filter: Option<(String, TextInput, String, bool)>,
    pub grid: GridModel,
    pub detail: Vec<Pieces>,
    pub footer: Vec<String>,
    pub popup: Option<PopupModel>,
}

pub(super) fn level_cell(l: Option<Level>) -> String {
    match l {
        Some(l) => format!("{} {}", l.symbol(), l.short()),
        None => "·".into(),
    }
}

/// The grid's columns for a width.
struct Cols {
    code: usize,
    name: usize,
    tally: usize,
    score: bool,
}

fn columns(width: usize, score: bool) -> Cols {
    let code = if width >= 100 { 12 } else { 9 };
    let tally = if width >= 100 { 6 } else { 5 };
    let fixed = 2 + code + 1 + 5 + 7 + 7 + if score { 5 } else { 0 } + 5 * tally;
    Cols {
        code,
        name: width.saturating_sub(fixed).max(6),
        tally,
        score,
    }
}

impl ClassifyScreen {
    /// The footer's lines at a width (the view sizes the rest around them).
    pub(super) fn footer_model(&self, width: usize, compact: bool, lang: Lang) -> Vec<String> {
        let regulation = self.win.as_ref().and_then(|d| d.regulation);
        let none = Footer::default();
        let footer = self.win.as_ref().map_or(&none, |w| &w.footer);
        footer_lines(footer, regulation, width, compact, lang)
    }

    /// Whether the filter line is shown.
    pub(super) fn filtering(&self) -> bool {
        matches!(self.mode, Mode::Filter(_)) || !self.name_filter.is_empty()
    }

    /// Everything the screen shows, for the sizes given; None before the
    /// year's data is loaded.
    pub(super) fn model(&self, dims: Dims, footer: Vec<String>, lang: Lang, keymap: &Keymap) -> Option<ScreenModel> {
        let d = self.win.as_ref()?;
        let t = |t: T| t.get(lang);
        // Title: year, regulation, scope, filters.
        let mut title = format!(" {} {}", t(T::ScreenClass), d.year);
        if let Some(r) = d.regulation {
            title.push_str(&format!(" · {}", r.decision()));
        }
        // Before the scope: on a narrow terminal the end of the title is cut.
        if let Some(dec) = &self.decision {
            title.push_str(&format!(" · {}: {}", t(T::ClDecision), decision_text(dec, lang)));
        }
        title.push_str(&format!(" · {}: {}", t(T::ClScope), self.scope_name(lang)));
        let mut flags = Vec::new();
        if self.unrated_only {
            flags.push(t(T::ClUnratedFlag));
        }
        if self.findings_only {
            flags.push(t(T::ClFindingsFlag));
        }
        if self.grassroots_only {
            flags.push(t(T::ClGrassrootsFlag));
        }
        if !flags.is_empty() {
            title.push_str(&format!(" · [{}]", flags.join(", ")));
        }
        let filter = self.filtering().then(|| {
            let (input, typing) = match &self.mode {
                Mode::Filter(input) => (input.clone(), true),
                _ => (TextInput::new(&self.name_filter), false),
            };
            (
                format!("/ {}: ", t(T::FilterLabel)),
                input,
                i18n::filter_count(lang, d.total),
                typing,
            )
        });
        Some(ScreenModel {
            title: fit(&title, dims.width),
            filter,
            grid: self.grid_model(dims.grid_w, dims.grid_rows, lang),
            detail: self.detail_model(dims.compact, lang, keymap),
            footer,
            popup: self.popup_model(dims, lang, keymap),
        })
    }

    pub(super) fn scope_name(&self, lang: Lang) -> String {
        match self.win.as_ref() {
            Some(w) if !self.scope.is_empty() => w.scope.name.clone(),
            _ => T::ClWholeCity.get(lang).to_string(),
        }
    }

    fn grid_model(&self, width: usize, height: usize, lang: Lang) -> GridModel {
        let t = |t: T| t.get(lang);
        let c = columns(width, self.scores());
        let mut header = format!(
            "  {:<cw$} {:<nw$}{:<5}{:>7} {:<6}",
            t(T::Code),
            fit(t(T::Name), c.name),
            t(T::Kind),
            t(T::MembersShort),
            t(T::ClLevel),
            cw = c.code,
            nw = c.name
        );
        if c.score {
            header.push_str(&format!("{:>5}", t(T::ClScore)));
        }
        for l in Level::ALL {
            header.push_str(&format!("{:>tw$}", l.short(), tw = c.tally));
        }
        header.push_str(&format!("{:>tw$}", t(T::ClNotRatedShort), tw = c.tally));
        let header = fit(&header, width);
        let Some(d) = self.win.as_ref() else {
            return GridModel {
                header,
                rows: Vec::new(),
                empty: Some(T::ClNoData),
            };
        };
        if d.total == 0 {
            let filtered = self.unrated_only || self.findings_only || self.grassroots_only || !self.name_filter.trim().is_empty();
            let why = if filtered { T::NoMatch } else { T::ClNoRows };
            return GridModel {
                header,
                rows: Vec::new(),
                empty: Some(why),
            };
        }
        let base_depth = if self.scope.is_empty() { 1 } else { d.scope.depth + 1 };
        let rows = (self.offset..self.offset + height)
            .map_while(|pos| d.at(pos).map(|r| (pos, r)))
            .map(|(pos, r)| {
                let mark = if d.findings_of(r.id).any(|fd| fd.severity == Severity::Error) {
                    "!"
                } else if d.has_findings(r.id) {
                    "?"
                } else {
                    " "
                };
                let indent = (r.depth.saturating_sub(base_depth) as usize).min(c.name / 3);
                let name = format!("{:indent$}{}", "", r.name, indent = indent);
                let left = format!(
                    "{:<cw$} {:<nw$}",
                    fit(&r.code, c.code),
                    fit(&name, c.name.saturating_sub(1)),
                    cw = c.code,
                    nw = c.name
                );
                let class = r.class.as_ref();
                let tallies = class.and_then(|c| c.members).map(|t| {
                    let mut text = String::new();
                    for v in [t.htxs, t.htt, t.ht, t.kht, t.not_rated] {
                        text.push_str(&format!("{:>tw$}", int(v as u64, lang), tw = c.tally));
                    }
                    (text, t.sum() == r.total_members as u64)
                });
                GridRow {
                    selected: pos == self.selected,
                    mark,
                    left,
                    mid: format!("{:<5}{:>7} ", r.kind.tag(), int(r.total_members as u64, lang)),
                    level: class.map(|c| c.level),
                    score: c
                        .score
                        .then(|| class.and_then(|c| c.score).map(|s| numfmt::dec(s, lang)).unwrap_or_default()),
                    tallies,
                }
            })
            .collect();
        GridModel { header, rows, empty: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Regulation;
    use crate::domain::{Classification, OrgKind, Tallies};
    use crate::service::api::{ClassRow, ClassWindow};
    use crate::tui::screens::classify::window::Window;
    use crate::tui::widgets::tone::{text, Tone};
    use chrono::TimeZone;

    fn row(
        id: u32,
        code: &str,
        kind: OrgKind,
        depth: u16,
        parent: Option<u32>,
        level: Option<Level>,
        members: Option<Tallies>,
    ) -> ClassRow {
        ClassRow {
            id,
            code: code.into(),
            name: format!("Tổ chức {code}"),
            kind,
            depth,
            parent,
            total_members: 10,
            class: level.map(|level| Classification {
                org: id,
                year: 2024,
                level,
                score: None,
                members,
                decision: None,
                decided: None,
                note: None,
                by: "lan".into(),
                at: chrono::Utc.with_ymd_and_hms(2024, 12, 20, 8, 0, 0).unwrap(),
                version: 1,
            }),
        }
    }

    fn screen() -> ClassifyScreen {
        let t = Tallies {
            htxs: 1,
            htt: 5,
            ht: 2,
            kht: 0,
            not_rated: 0,
            not_rated_by: None,
        };
        let w = ClassWindow {
            year: 2024,
            regulation: Some(Regulation::Qd124),
            rules: Vec::new(),
            scope: Default::default(),
            total: 3,
            start: 0,
            rows: vec![
                row(1, "HN", OrgKind::City, 0, None, None, None),
                row(2, "BD", OrgKind::Superior, 1, Some(1), Some(Level::Htt), None),
                row(3, "BD.01", OrgKind::GrassrootsCell, 2, Some(2), Some(Level::Htxs), Some(t)),
            ],
            has_below: vec![true, true, false],
            anchor: None,
            findings: Vec::new(),
            footer: Default::default(),
            all_findings: None,
        };
        let mut s = ClassifyScreen::new();
        s.win = Some(Window::new(w));
        s.stale = false;
        s
    }

    const DIMS: Dims = Dims {
        width: 80,
        compact: false,
        grid_w: 80,
        grid_rows: 10,
        over_w: 80,
        over_h: 20,
    };

    #[test]
    fn the_grid_rows_say_level_and_tallies_and_mark_a_short_sum() {
        let mut s = screen();
        s.selected = 2;
        let km = Keymap::default();
        let m = s.model(DIMS, Vec::new(), Lang::En, &km).unwrap();
        assert!(m.title.contains("Classification 2024") && m.title.contains("QĐ 124"), "{}", m.title);
        assert!(m.grid.header.starts_with("  Code"), "{}", m.grid.header);
        let codes: Vec<&str> = m.grid.rows.iter().map(|r| r.left.split_whitespace().next().unwrap()).collect();
        assert_eq!(codes, vec!["HN", "BD", "BD.01"]);
        assert_eq!(m.grid.rows[0].level, None);
        let r = &m.grid.rows[2];
        assert_eq!(r.level, Some(Level::Htxs));
        // 1 + 5 + 2 of 10 members: the sum does not fit, drawn as an error.
        assert_eq!(r.tallies.as_ref().map(|t| t.1), Some(false));
        assert_eq!(r.score, None, "no score column before 2025");
        // The detail of the selected row: code and name, then the entry.
        assert_eq!(text(&m.detail[0]), "BD.01 Tổ chức BD.01");
        assert!(text(&m.detail[1]).contains("lan 20/12/2024"), "{}", text(&m.detail[1]));
        assert!(m.popup.is_none() && m.filter.is_none());
    }

    #[test]
    fn the_editor_shows_its_fields_selected_and_the_sum() {
        let mut s = screen();
        s.selected = 2;
        s.mode = Mode::Editor(super::super::edit::RowEdit {
            id: 3,
            code: "BD.01".into(),
            score: false,
            fields: ["1", "5", "2", "0", "2"].iter().map(|v| TextInput::selected(v)).collect(),
            focus: 0,
        });
        let m = s.model(DIMS, Vec::new(), Lang::Vi, &Keymap::default()).unwrap();
        let editor = &m.detail[2];
        assert!(text(editor).contains("Σ 10/10 ✓"), "{}", text(editor));
        assert!(editor.contains(&(
            Tone::Field {
                focus: true,
                selected: true
            },
            "   1".to_string()
        )));
        assert!(text(&m.detail[3]).contains("Enter lưu"), "the keys from the keymap");
    }

    #[test]
    fn the_caps_follow_the_members_or_get_a_line() {
        let ft = Footer {
            org_cap: true,
            org_cap_used: 2,
            org_cap_allowed: 1,
            ..Default::default()
        };
        let wide = footer_lines(&ft, Some(Regulation::Qd124), 200, false, Lang::En);
        assert_eq!(wide.len(), 3);
        assert!(wide[2].ends_with("20% caps: Orgs ★2/1"), "{}", wide[2]);
        let narrow = footer_lines(&ft, Some(Regulation::Qd366), 60, false, Lang::En);
        assert_eq!(narrow.len(), 4);
        assert_eq!(narrow[3], "20% caps: Orgs ★2/1 (by setting)");
        // Compact: organisations and grassroots on one line, the caps kept whole.
        let compact = footer_lines(&ft, Some(Regulation::Qd124), 80, true, Lang::En);
        assert_eq!(compact.len(), 2, "{compact:?}");
        assert!(
            compact[0].starts_with("Rated 0/0") && compact[0].contains("Grassroots 0/0"),
            "{compact:?}"
        );
        assert!(compact[1].ends_with("20% caps: Orgs ★2/1"), "{compact:?}");
    }
}
