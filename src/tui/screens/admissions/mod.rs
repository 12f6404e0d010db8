//! Kết nạp: the admissions entry grid of the selected year (organisations
//! grouped under their committee of the month × 12 months, a window of the
//! service's `AdmissionGrid`), typed as in a spreadsheet: the first digit
//! replaces a cell, Backspace edits it, Esc cancels, and the cell is saved
//! (`AdmissionSet`) when the cursor leaves it; a refusal keeps the cell with the
//! reason. `u` undoes a write (an audited reverse write); a block pasted from
//! a spreadsheet is previewed and written in one transaction (`AdmissionBlock`).
//! `p` edits the plan and range, or on a committee line its allocation
//! (`TargetSet`, admins). `d` shows the dashboard, `v` there the term.
//! Every figure comes from the service; nothing is recomputed here.

mod dash;
mod entry;
pub mod fmt;
pub mod model;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::admissions_grid::{GridLine, GridView};
use crate::domain::admissions_view::{Dashboard, TargetView, TermView};
use crate::service::api::{AdmitBlock, BlockRow, Event, GridQuery, Request, Response};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

/// A write that `u` takes back.
#[derive(Debug, Clone)]
enum Undo {
    Cell { code: String, year: i32, month: u32, before: u32 },
    Block(AdmitBlock),
}

/// A block waiting for confirmation: what is written, or why nothing can be.
#[derive(Debug, Clone)]
struct PastePlan {
    rows: Vec<BlockRow>,
    /// Names of the rows, for the preview.
    names: Vec<String>,
    error: Option<String>,
}

/// The target being typed: the plan and range, or a committee's allocation.
#[derive(Debug, Clone)]
struct TargetEdit {
    input: TextInput,
    /// (code, name) of the committee whose allocation it is.
    org: Option<(String, String)>,
    /// Opened from the dashboard (goes back there).
    from_dash: bool,
}

/// A cell being typed: what is typed and the organisation and month it
/// belongs to (kept, so a reload that moves the lines cannot move the entry).
#[derive(Debug, Clone)]
struct CellEdit {
    text: String,
    code: String,
    col: usize,
    before: u32,
}

#[derive(Debug, Clone, Default)]
enum Mode {
    #[default]
    Grid,
    /// The selected cell being typed.
    Cell(CellEdit),
    Paste(PastePlan),
    Dashboard,
    Term,
    Target(TargetEdit),
}

pub struct AdmissionsScreen {
    mode: Mode,
    grid: Option<GridView>,
    target: Option<TargetView>,
    dash: Option<Dashboard>,
    term: Option<TermView>,
    /// The year the data is of (reloaded when the shell's year differs).
    year: i32,
    stale: bool,
    /// The selected line (among every line of the grid) and month (0-11).
    row: usize,
    col: usize,
    /// The first line drawn and how many fit.
    top: usize,
    page: usize,
    /// A committee drilled into from the dashboard.
    under: Option<String>,
    undo: Vec<Undo>,
    dash_sel: usize,
    dash_top: usize,
}

impl Default for AdmissionsScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl AdmissionsScreen {
    pub fn new() -> AdmissionsScreen {
        AdmissionsScreen {
            mode: Mode::Grid,
            grid: None,
            target: None,
            dash: None,
            term: None,
            year: 0,
            stale: true,
            row: 0,
            col: 0,
            top: 0,
            page: 15,
            under: None,
            undo: Vec::new(),
            dash_sel: 0,
            dash_top: 0,
        }
    }

    fn total_lines(&self) -> usize {
        self.grid.as_ref().map_or(0, |g| g.total_lines)
    }

    /// Line `i` of the grid, if it is in the window loaded.
    fn line(&self, i: usize) -> Option<&GridLine> {
        let g = self.grid.as_ref()?;
        g.lines.get(i.checked_sub(g.offset)?)
    }

    fn query(&self, year: i32, offset: usize, limit: usize) -> Request {
        Request::AdmissionGrid(GridQuery {
            year,
            month: None,
            under: self.under.clone(),
            filter: None,
            offset,
            limit: Some(limit),
        })
    }

    /// Load the window around the lines shown, and the year's target.
    fn load(&mut self, ctx: &mut Ctx) {
        self.load_grid(ctx, true);
    }

    /// Load the window around the lines shown, and with `targets` the year's
    /// target (which counts take no part in: left alone after a count).
    fn load_grid(&mut self, ctx: &mut Ctx, targets: bool) {
        if self.year != ctx.year {
            self.year = ctx.year;
            self.dash = None;
            self.term = None;
        }
        let offset = self.top.saturating_sub(self.page);
        // A window that cannot be loaded is not kept from another year or scope.
        self.grid = match ctx.call(self.query(ctx.year, offset, self.page * 3 + 1)) {
            Some(Response::AdmissionGrid(g)) => Some(*g),
            _ => None,
        };
        if targets || self.target.as_ref().is_none_or(|t| t.target.year != ctx.year) {
            self.target = match ctx.call(Request::Target { year: ctx.year }) {
                Some(Response::Target(t)) => Some(*t),
                _ => None,
            };
        }
        // A cell being typed stays on its organisation's line.
        if let (Mode::Cell(c), Some(g)) = (&self.mode, &self.grid) {
            let at = g
                .lines
                .iter()
                .position(|l| matches!(l, GridLine::Org { code, .. } if *code == c.code));
            if let Some(i) = at {
                self.row = g.offset + i;
            }
        }
        self.stale = false;
        self.scroll();
        if matches!(self.mode, Mode::Dashboard) {
            self.load_dash(ctx);
        }
    }

    /// Keep the selection in the grid and in view; load the window if it does not cover the view.
    fn scroll(&mut self) {
        let total = self.total_lines();
        clamp_scroll(&mut self.row, &mut self.top, total, self.page);
    }

    fn follow(&mut self, ctx: &mut Ctx) {
        self.scroll();
        let Some(g) = &self.grid else { return };
        let end = (self.top + self.page).min(g.total_lines);
        if self.top < g.offset || end > g.offset + g.lines.len() {
            self.load(ctx);
        }
    }

    fn load_dash(&mut self, ctx: &mut Ctx) {
        if let Some(Response::AdmissionDashboard(d)) = ctx.call(Request::AdmissionDashboard {
            year: ctx.year,
            under: None,
        }) {
            self.dash = Some(*d);
        }
    }

    fn load_term(&mut self, ctx: &mut Ctx) {
        // Every term thuky knows, whole: years to come show their plan.
        let terms = crate::domain::admissions_view::terms();
        let from = terms.iter().map(|t| t.from).min().unwrap_or(ctx.year);
        let to = terms.iter().map(|t| t.to).max().unwrap_or(ctx.year);
        if let Some(Response::AdmissionTerm(t)) = ctx.call(Request::AdmissionTerm { from, to }) {
            self.term = Some(t);
        }
    }

    /// The grid's data, for tests and the view.
    pub fn grid(&self) -> Option<&GridView> {
        self.grid.as_ref()
    }

    fn dash_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let n = self.dash.as_ref().map_or(0, |d| d.ranked.len());
        if list_move(action, &mut self.dash_sel, n, self.page) {
            return true;
        }
        match action {
            Action::DashClose if matches!(self.mode, Mode::Term) => self.mode = Mode::Dashboard,
            Action::DashClose => self.mode = Mode::Grid,
            Action::DashTerm if matches!(self.mode, Mode::Term) => self.mode = Mode::Dashboard,
            Action::DashTerm => {
                self.load_term(ctx);
                self.mode = Mode::Term;
            }
            Action::DashDrill => {
                let Some(c) = self.dash.as_ref().and_then(|d| d.ranked.get(self.dash_sel)) else {
                    return true;
                };
                if c.org.is_none() {
                    return true;
                }
                self.under = Some(c.code.clone());
                self.mode = Mode::Grid;
                self.row = 0;
                self.top = 0;
                self.load(ctx);
            }
            Action::DashTarget => self.open_target(true),
            _ => return false,
        }
        true
    }
}

impl Screen for AdmissionsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Admissions
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn year_bound(&self) -> bool {
        true
    }

    fn layer(&self) -> Layer {
        match self.mode {
            Mode::Grid => Layer::Admissions,
            Mode::Cell(_) => Layer::AdmCell,
            Mode::Paste(_) => Layer::Paste,
            Mode::Dashboard | Mode::Term => Layer::AdmDash,
            Mode::Target(_) => Layer::Form,
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[
            Layer::Admissions,
            Layer::List,
            Layer::Global,
            Layer::AdmCell,
            Layer::AdmDash,
            Layer::Paste,
            Layer::Form,
        ]
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale || self.year != ctx.year {
            self.load(ctx);
        }
    }

    fn events(&mut self, events: &[Event], visible: bool, ctx: &mut Ctx) {
        let touched = events
            .iter()
            .any(|e| !matches!(e, Event::ClassificationChanged { .. } | Event::CasesChanged { .. }));
        if !touched {
            return;
        }
        self.stale = true;
        if visible {
            // The cursor stays on its line and month; a cell being typed stays.
            // Counts alone leave the targets as they are (no register-wide read per count).
            let counts_only = events.iter().all(|e| matches!(e, Event::AdmissionsChanged { .. }));
            self.load_grid(ctx, !counts_only);
        }
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match &self.mode {
            Mode::Cell(_) => return self.cell_action(action, ctx),
            Mode::Paste(_) => {
                match action {
                    Action::PasteWrite => self.write_paste(ctx),
                    Action::PasteCancel => {
                        self.mode = Mode::Grid;
                        ctx.info(ctx.t(crate::tui::i18n::T::ClPasteCancelled));
                    }
                    _ => return false,
                }
                return true;
            }
            Mode::Dashboard | Mode::Term => return self.dash_action(action, ctx),
            Mode::Target(_) => {
                match action {
                    Action::FormSubmit => self.save_target(ctx),
                    Action::FormCancel => self.close_target(),
                    _ => return false,
                }
                return true;
            }
            Mode::Grid => {}
        }
        let total = self.total_lines();
        if list_move(action, &mut self.row, total, self.page) {
            self.follow(ctx);
            return true;
        }
        match action {
            Action::AdmDigit | Action::AdmErase => return false,
            Action::AdmLeft => self.col = self.col.saturating_sub(1),
            Action::AdmRight => self.col = (self.col + 1).min(11),
            Action::AdmEnter => {
                self.row = (self.row + 1).min(self.total_lines().saturating_sub(1));
                self.follow(ctx);
            }
            Action::AdmUndo => self.undo(ctx),
            Action::AdmDashboard => {
                self.load_dash(ctx);
                self.mode = Mode::Dashboard;
            }
            Action::AdmTarget => self.open_target(false),
            Action::AdmExport => super::export::export(crate::service::api::ExportWhat::Admissions, ctx.year, self.under.clone(), ctx),
            Action::AdmBack if self.under.is_some() => {
                self.under = None;
                self.row = 0;
                self.top = 0;
                self.load(ctx);
            }
            _ => return false,
        }
        true
    }

    /// Digits and Backspace in the grid start (or go on with) the cell.
    fn typed(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        self.type_key(key, ctx)
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        match &mut self.mode {
            Mode::Target(t) => t.input.paste(text),
            Mode::Grid => self.plan_paste(text, ctx),
            _ => {}
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        match &self.mode {
            Mode::Dashboard => {
                if let Some(d) = &self.dash {
                    self.page = dash::page(area);
                    clamp_scroll(&mut self.dash_sel, &mut self.dash_top, d.ranked.len(), self.page);
                    dash::render(f, area, d, self.dash_sel, self.dash_top, ctx);
                }
                return;
            }
            Mode::Term => {
                if let Some(t) = &self.term {
                    dash::term(f, area, t, ctx);
                }
                return;
            }
            _ => {}
        }
        self.page = view::page(area);
        self.scroll();
        view::grid(f, area, self, ctx);
        match &self.mode {
            Mode::Paste(p) => view::paste(f, area, p, self.col, ctx),
            Mode::Target(t) => view::target(f, area, t, ctx),
            _ => {}
        }
    }
}
