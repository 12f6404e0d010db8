//! Asking the service for what the grid shows: the window of rows around the
//! cursor (scope, filters and order applied by the service), again with the
//! same selected organisation after a change, and single rows by code.

use super::window::Window;
use super::*;
use crate::service::api::{ClassRow, ClassWindow, ClassWindowQuery};

/// Rows asked for beyond the page shown, above and below, so that moving a
/// row rarely asks again.
fn margin(page: usize) -> usize {
    page.max(10)
}

impl ClassifyScreen {
    /// The query for the scope and filters shown.
    pub(super) fn query(&self, year: i32) -> ClassWindowQuery {
        ClassWindowQuery {
            year,
            scope: self.scope.last().map(|s| s.code.clone()),
            unrated_only: self.unrated_only,
            findings_only: self.findings_only,
            grassroots_only: self.grassroots_only,
            filter: self.name_filter.clone(),
            anchor: None,
            offset: self.offset.saturating_sub(margin(self.page)),
            height: self.page + 2 * margin(self.page),
            codes: Vec::new(),
            all_findings: false,
        }
    }

    fn ask(&mut self, q: ClassWindowQuery, ctx: &mut Ctx) -> Option<Box<ClassWindow>> {
        match ctx.call(Request::ClassificationWindow(q))? {
            Response::ClassificationWindow(w) => Some(w),
            _ => None,
        }
    }

    /// Take a window in; a new year drops what belonged to the old one.
    fn take(&mut self, w: Window) {
        if self.win.as_ref().is_some_and(|d| d.year != w.year) {
            // Undo and redo belong to the year they were made in.
            self.undo.clear();
            self.redo.clear();
            self.mode = Mode::Grid;
            // A decision rates one year.
            self.decision = None;
        }
        self.win = Some(w);
    }

    /// Ask again for the rows shown, keeping the cursor on the selected
    /// organisation (or on its place when it left the list). Returns whether
    /// the selected organisation is in the list.
    pub(super) fn refetch(&mut self, ctx: &mut Ctx) -> bool {
        let started = std::time::Instant::now();
        let year = ctx.year;
        let mut q = self.query(year);
        q.anchor = self.selected_id;
        let w = match self.ask(q.clone(), ctx) {
            Some(w) => Some(w),
            // The scope is gone (dissolved or merged meanwhile): the whole city.
            None if !self.scope.is_empty() => {
                self.scope.clear();
                q.scope = None;
                self.ask(q, ctx)
            }
            None => None,
        };
        let Some(w) = w else {
            self.win = None;
            return false;
        };
        let found = w.anchor;
        let total = w.total;
        self.take(Window::new(*w));
        match found {
            Some(a) => self.selected = a,
            None => self.selected = self.selected.min(total.saturating_sub(1)),
        }
        self.ensure_window(ctx);
        tracing::debug!(ms = started.elapsed().as_millis() as u64, total, "classification window loaded");
        found.is_some()
    }

    /// Load the selected year (everything shown, asked again).
    pub(super) fn reload(&mut self, ctx: &mut Ctx) {
        self.stale = false;
        self.refetch(ctx);
    }

    /// After the cursor moved: ask for the rows around it when the rows the
    /// next frame draws (the view scrolled to hold the cursor, as `render`
    /// does) are not held.
    pub(super) fn ensure_window(&mut self, ctx: &mut Ctx) {
        let Some(total) = self.win.as_ref().map(|w| w.total) else { return };
        let (mut sel, mut off) = (self.selected, self.offset);
        clamp_scroll(&mut sel, &mut off, total, self.page);
        self.selected = sel;
        let held = self
            .win
            .as_ref()
            .is_some_and(|w| w.covers(off, off + self.page.max(1)) && w.covers(sel, sel + 1));
        if !held {
            let mut q = self.query(self.win.as_ref().map_or(ctx.year, |w| w.year));
            q.offset = off.saturating_sub(margin(self.page));
            if let Some(w) = self.ask(q, ctx) {
                self.take(Window::new(*w));
                self.selected = self.selected.min(self.total().saturating_sub(1));
            }
        }
        self.after_move();
    }

    /// The rows `from..from + n` of the list shown (fewer at its end).
    pub(super) fn rows_from(&mut self, from: usize, n: usize, ctx: &mut Ctx) -> Vec<ClassRow> {
        let Some(w) = self.win.as_ref() else { return Vec::new() };
        if w.covers(from, from + n) {
            return (from..from + n).map_while(|p| w.at(p).cloned()).collect();
        }
        let year = w.year;
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let mut q = self.query(year);
            q.offset = from + out.len();
            q.height = (n - out.len()).min(crate::service::api::CLASS_WINDOW_MAX);
            let Some(w) = self.ask(q, ctx) else { break };
            // The service moves a window that would run past the end back.
            let skip = (from + out.len()).saturating_sub(w.start);
            let got: Vec<ClassRow> = w.rows.into_iter().skip(skip).collect();
            if got.is_empty() {
                break;
            }
            out.extend(got);
        }
        out.truncate(n);
        out
    }

    /// The rows of `codes` in the year shown (those in its tree), by code.
    pub(super) fn rows_of_codes(&mut self, codes: Vec<String>, ctx: &mut Ctx) -> HashMap<String, ClassRow> {
        let year = self.win.as_ref().map_or(ctx.year, |w| w.year);
        let mut out = HashMap::new();
        for chunk in codes.chunks(1000) {
            let q = ClassWindowQuery {
                year,
                codes: chunk.to_vec(),
                ..Default::default()
            };
            let Some(w) = self.ask(q, ctx) else { break };
            out.extend(w.rows.into_iter().map(|r| (r.code.clone(), r)));
        }
        out
    }

    /// The row of `id` as shown, or as the service has it now when it is not held.
    pub(super) fn known_row(&mut self, id: OrgId, code: &str, ctx: &mut Ctx) -> Option<ClassRow> {
        if let Some(r) = self.win.as_ref().and_then(|w| w.row(id)) {
            return Some(r.clone());
        }
        self.fresh_row(id, code, ctx)
    }

    /// The row of `id` as the service has it now.
    pub(super) fn fresh_row(&mut self, id: OrgId, code: &str, ctx: &mut Ctx) -> Option<ClassRow> {
        let year = self.win.as_ref().map_or(ctx.year, |w| w.year);
        match ctx.backend.call(Request::ClassificationRows {
            year,
            codes: vec![code.to_string()],
        }) {
            Ok(Response::ClassificationList(list)) => list.rows.into_iter().find(|r| r.id == id),
            _ => None,
        }
    }

    pub(super) fn ensure_loaded(&mut self, ctx: &mut Ctx) {
        if self.stale || self.win.as_ref().is_some_and(|d| d.year != ctx.year) {
            self.reload(ctx);
        }
    }
}
