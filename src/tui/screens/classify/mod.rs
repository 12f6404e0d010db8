//! Xếp loại: the yearly classification grid. One key sets a level and moves
//! to the next row (VisiData-style); Tab edits the score and the members'
//! tallies; every entry is written at once through the service (acknowledged
//! after the store's flush) and can be undone and redone (each an audited
//! write). The findings of the year's rulebook, the footer's roll-up for the
//! scope and a five-year comparison follow every entry.

pub mod data;
mod decision;
mod detail;
mod edit;
mod entry;
mod footer;
mod grid;
mod load;
mod model;
mod modes;
mod paste;
mod popups;
mod undo;
mod view;
pub mod window;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::classification::Tallies;
use crate::domain::org::OrgId;
use crate::domain::rules::Regulation;
use crate::domain::{Lang, Level, OrgKind};
use crate::service::api::{ClassRow, FindingLine};
use crate::service::api::{ClassifyInput, Event, Request, Response};
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::{Ctx, ShellMsg};
use crossterm::event::KeyEvent;
use data::Footer;
use decision::{decision_text, Decision, DecisionEdit};
use edit::RowEdit;
use paste::{missing_codes, paste_stop, PastePlan};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::HashMap;
use undo::Change;
use window::Window;

/// One year of the compare view.
#[derive(Debug, Clone)]
struct CompareRow {
    year: i32,
    report: Option<crate::domain::report::Report>,
}

/// What the grid is doing: one mode at a time, each a keymap layer of its own.
#[derive(Debug, Clone, Default)]
enum Mode {
    /// Moving and entering levels.
    #[default]
    Grid,
    /// The `/` filter being typed.
    Filter(TextInput),
    /// The score and tallies of a row being typed.
    Editor(RowEdit),
    /// A paste waiting for confirmation.
    Paste(PastePlan),
    /// The findings list of the scope, as the service sent it.
    Findings {
        selected: usize,
        offset: usize,
        list: Vec<FindingLine>,
    },
    /// The five-year comparison.
    Compare(Vec<CompareRow>),
    /// The decision in force being typed.
    Decision(DecisionEdit),
}

/// One scope of the drill stack.
#[derive(Debug, Clone)]
struct ScopeStep {
    id: OrgId,
    code: String,
}

pub struct ClassifyScreen {
    /// The rows shown and around them, the scope's footer (from the service).
    win: Option<Window>,
    /// What is shown is to be asked for again.
    stale: bool,
    /// Drill stack of scopes (empty: the whole city).
    scope: Vec<ScopeStep>,
    unrated_only: bool,
    findings_only: bool,
    grassroots_only: bool,
    name_filter: String,
    mode: Mode,
    /// Index of the selected row among the rows passing the filters.
    selected: usize,
    /// Index of the first row drawn.
    offset: usize,
    page: usize,
    selected_id: Option<OrgId>,
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
    /// Organisations written here whose change events are still to come.
    own: Vec<OrgId>,
    /// Recorded with every entry while set (for the data's year).
    decision: Option<Decision>,
}

impl Default for ClassifyScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl ClassifyScreen {
    pub fn new() -> ClassifyScreen {
        ClassifyScreen {
            win: None,
            stale: true,
            scope: Vec::new(),
            unrated_only: false,
            findings_only: false,
            grassroots_only: false,
            name_filter: String::new(),
            mode: Mode::Grid,
            selected: 0,
            offset: 0,
            page: 10,
            selected_id: None,
            undo: Vec::new(),
            redo: Vec::new(),
            own: Vec::new(),
            decision: None,
        }
    }

    fn edit(&self) -> Option<&RowEdit> {
        match &self.mode {
            Mode::Editor(e) => Some(e),
            _ => None,
        }
    }

    fn edit_mut(&mut self) -> Option<&mut RowEdit> {
        match &mut self.mode {
            Mode::Editor(e) => Some(e),
            _ => None,
        }
    }

    fn close_mode(&mut self) {
        self.mode = Mode::Grid;
    }

    fn scores(&self) -> bool {
        self.win.as_ref().and_then(|d| d.regulation).is_some_and(Regulation::uses_score)
    }

    fn scope_code(&self) -> Option<String> {
        self.scope.last().map(|s| s.code.clone())
    }

    /// Rows passing the filters in the scope.
    fn total(&self) -> usize {
        self.win.as_ref().map_or(0, |w| w.total)
    }

    fn current(&self) -> Option<&ClassRow> {
        self.win.as_ref()?.at(self.selected)
    }

    fn after_move(&mut self) {
        if let Some(id) = self.current().map(|r| r.id) {
            self.selected_id = Some(id);
        } else if self.total() == 0 {
            self.selected_id = None;
        }
    }

    /// Move down one row after an entry. A row that left the view (a filter)
    /// has already made room for the next one.
    fn advance(&mut self, written: OrgId, ctx: &mut Ctx) {
        let still = self.current().is_some_and(|r| r.id == written);
        if still && self.selected + 1 < self.total() {
            self.selected += 1;
        }
        self.ensure_window(ctx);
    }

    /// The scope or a filter changed: ask again for what is shown.
    fn rebuild(&mut self, ctx: &mut Ctx) {
        self.refetch(ctx);
    }
}

impl Screen for ClassifyScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Classification
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn layer(&self) -> Layer {
        match &self.mode {
            Mode::Grid if self.scores() => Layer::ClassifyScores,
            Mode::Grid => Layer::Classify,
            Mode::Filter(_) => Layer::Filter,
            Mode::Editor(_) => Layer::Editor,
            Mode::Paste(_) => Layer::Paste,
            Mode::Findings { .. } => Layer::Findings,
            Mode::Compare(_) => Layer::Compare,
            Mode::Decision(_) => Layer::Decision,
        }
    }

    fn layers(&self) -> &'static [Layer] {
        if self.scores() {
            &[
                Layer::ClassifyScores,
                Layer::Classify,
                Layer::List,
                Layer::Global,
                Layer::Filter,
                Layer::Editor,
                Layer::Paste,
                Layer::Findings,
                Layer::Compare,
                Layer::Decision,
            ]
        } else {
            &[
                Layer::Classify,
                Layer::List,
                Layer::Global,
                Layer::Filter,
                Layer::Editor,
                Layer::Paste,
                Layer::Findings,
                Layer::Compare,
                Layer::Decision,
            ]
        }
    }

    fn before_key(&mut self, ctx: &mut Ctx) {
        // The layer (a scored year or not) depends on the year's data.
        self.ensure_loaded(ctx);
        // The terminal may have grown since the rows were asked for.
        if self.win.is_some() {
            self.ensure_window(ctx);
        }
    }

    fn year_bound(&self) -> bool {
        true
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        self.ensure_loaded(ctx);
    }

    fn tree_reloaded(&mut self, visible: bool, ctx: &mut Ctx) {
        // The tree reloads for a new year, a new date or a change; only the
        // year matters here, and a hidden grid reloads when it is shown.
        if visible {
            self.ensure_loaded(ctx);
        }
    }

    fn events(&mut self, events: &[Event], visible: bool, ctx: &mut Ctx) {
        let Some(year) = self.win.as_ref().map(|d| d.year) else { return };
        let mut changed = false;
        for e in events {
            match e {
                // A case's discipline can move findings anywhere up its organisation's
                // chain (and the footer's count): the list is asked for again.
                Event::Reloaded | Event::OrgsChanged { .. } | Event::SettingsChanged | Event::CasesChanged { .. } => self.stale = true,
                Event::ClassificationChanged { year: y, org, .. } if *y == year => {
                    if let Some(p) = self.own.iter().position(|o| o == org) {
                        self.own.remove(p);
                    } else {
                        changed = true;
                    }
                }
                _ => {}
            }
        }
        if self.stale {
            if visible {
                self.reload(ctx);
            }
            return;
        }
        // Someone else's entry: the same rows asked again, the cursor kept.
        if changed {
            if visible {
                self.refetch(ctx);
            } else {
                self.stale = true;
            }
        }
    }

    fn typed(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        match &mut self.mode {
            Mode::Editor(_) => self.edit_typed(key, ctx),
            Mode::Decision(edit) => {
                edit.fields[edit.focus].handle_key(key);
            }
            Mode::Filter(input) => {
                if input.handle_key(key) {
                    let text = input.text();
                    if text != self.name_filter {
                        self.name_filter = text;
                        self.rebuild(ctx);
                    }
                }
            }
            _ => return false,
        }
        true
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        self.paste_text(text, ctx);
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        self.ensure_loaded(ctx);
        if !matches!(self.mode, Mode::Grid) {
            return self.mode_action(action, ctx);
        }
        let total = self.total();
        if list_move(action, &mut self.selected, total, self.page) {
            self.ensure_window(ctx);
            return true;
        }
        self.grid_action(action, ctx)
    }

    fn focus_org(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        self.ensure_loaded(ctx);
        self.jump_to(id, ctx)
    }

    fn selected_org(&self) -> Option<OrgId> {
        self.selected_id
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let compact = view::compact(area);
        let footer = self.footer_model(area.width as usize, compact, ctx.lang);
        let Some(a) = view::areas(area, self.filtering(), footer.len()) else {
            return;
        };
        if self.win.is_none() {
            view::no_data(f, area, ctx);
            return;
        }
        // Keep the selections in view for the sizes drawn.
        let rows = a.grid.height.saturating_sub(1) as usize;
        self.page = rows.max(1);
        let total = self.total();
        clamp_scroll(&mut self.selected, &mut self.offset, total, rows);
        if let Mode::Findings { selected, offset, list } = &mut self.mode {
            clamp_scroll(selected, offset, list.len(), a.over.height.saturating_sub(3) as usize);
        }
        let dims = model::Dims {
            width: area.width as usize,
            compact,
            grid_w: a.grid.width as usize,
            grid_rows: rows,
            over_w: a.over.width as usize,
            over_h: a.over.height as usize,
        };
        if let Some(m) = self.model(dims, footer, ctx.lang, &ctx.keymap) {
            view::draw(f, &a, &m, ctx);
        }
    }
}

/// What tests and benchmarks read off the screen without drawing it.
impl ClassifyScreen {
    pub fn window(&self) -> Option<&Window> {
        self.win.as_ref()
    }

    pub fn footer(&self) -> Option<&Footer> {
        self.win.as_ref().map(|w| &w.footer)
    }

    /// The codes of the rows held (the window around the cursor).
    pub fn visible_codes(&self) -> Vec<String> {
        let Some(d) = self.win.as_ref() else { return Vec::new() };
        d.rows.iter().map(|r| r.code.clone()).collect()
    }

    pub fn undo_depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Findings by organisation code (for checks).
    pub fn findings_by_code(&self) -> HashMap<String, Vec<String>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        if let Some(d) = self.win.as_ref() {
            for f in &d.findings {
                let code = d.row(f.org).map(|r| r.code.clone()).unwrap_or_else(|| "(root)".into());
                out.entry(code).or_default().push(f.rule.id().to_string());
            }
        }
        out
    }
}
