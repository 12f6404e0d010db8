//! The register screen's rows: a window of the visible lines asked of the
//! service (`Request::TreeWindow`), never the whole tree. The screen keeps
//! its state (expanded organisations, drill, filter, selection, scroll) and
//! sends it; cursor moves inside the window cost no request, moving out of
//! it asks for the next window with a margin on each side.

use super::OrgScreen;
use crate::domain::org::OrgId;
use crate::service::api::{Request, Response, TreeWindowQuery, WindowRow};
use crate::service::tree_window::MAX_HEIGHT;
use crate::tui::keymap::Action;
use crate::tui::screens::{clamp_scroll, list_move};
use crate::tui::state::Ctx;

/// Rows asked for above and below the page shown.
pub const MARGIN: usize = 60;

impl OrgScreen {
    /// Visible lines in all (the window's count).
    pub fn visible_rows(&self) -> usize {
        self.win.as_ref().map_or(0, |w| w.total)
    }

    /// The selected row, from the window.
    pub fn selected_row(&self) -> Option<&WindowRow> {
        self.win.as_ref()?.row(self.selected)
    }

    /// Ask the service for the window holding `anchor` when it is visible
    /// (`reveal`: opening its ancestors), else the lines around the scroll
    /// offset. Returns whether the anchor is shown.
    pub(super) fn fetch(&mut self, ctx: &mut Ctx, anchor: Option<OrgId>, reveal: bool) -> bool {
        let q = TreeWindowQuery {
            at: ctx.at,
            year: ctx.year,
            open: self.expanded.iter().copied().collect(),
            open_roots: !self.initialised,
            drill: self.drill.clone(),
            filter: self.filter.clone(),
            anchor,
            reveal,
            offset: self.offset.saturating_sub(MARGIN),
            height: (self.page + 2 * MARGIN).min(MAX_HEIGHT),
        };
        let Some(Response::TreeWindow(w)) = ctx.call(Request::TreeWindow(q)) else {
            return false;
        };
        self.stale = false;
        if w.tree_len > 0 {
            self.initialised = true;
        }
        self.expanded.extend(w.opened.iter().copied());
        self.drill = w.drill.iter().map(|(id, _)| *id).collect();
        if let Some(a) = w.anchor {
            self.selected = a;
        }
        let found = w.anchor.is_some();
        let total = w.total;
        self.win = Some(ctx.keep_window(*w));
        clamp_scroll(&mut self.selected, &mut self.offset, total, self.page);
        found
    }

    /// Ask again when the page shown or the selection lies outside the window.
    pub(super) fn ensure_window(&mut self, ctx: &mut Ctx) {
        let Some(w) = self.win.clone() else { return };
        clamp_scroll(&mut self.selected, &mut self.offset, w.total, self.page);
        let short = !w.covers(self.offset, self.offset + self.page) || (w.total > 0 && w.row(self.selected).is_none());
        if short {
            self.fetch(ctx, None, false);
        }
    }

    /// The rows again for the state as it is, the selection kept on the
    /// same organisation when it is still visible.
    pub(super) fn rebuild(&mut self, ctx: &mut Ctx) {
        self.fetch(ctx, self.selected_id, false);
        self.ensure_window(ctx);
        self.after_move(ctx);
    }

    /// A list move; returns whether `action` was one.
    pub(super) fn move_by(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let total = self.visible_rows();
        if !list_move(action, &mut self.selected, total, self.page) {
            return false;
        }
        self.ensure_window(ctx);
        self.after_move(ctx);
        true
    }

    /// Select the visible row of `id` (from the window, or asked for).
    pub(super) fn select_visible(&mut self, id: OrgId, ctx: &mut Ctx) {
        match self.win.as_ref().and_then(|w| w.position(id)) {
            Some(pos) => self.selected = pos,
            None => {
                self.fetch(ctx, Some(id), false);
            }
        }
        self.ensure_window(ctx);
        self.after_move(ctx);
    }

    /// Show `id`: the window anchored on it with its ancestors opened (the
    /// filter cleared; a drill kept only if it holds it). False when it is
    /// not in the tree of the date shown.
    pub(super) fn select_id(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        let filter = std::mem::take(&mut self.filter);
        let input = self.filter_input.take();
        if !self.fetch(ctx, Some(id), true) {
            // Not in the tree shown: the screen stays as it was.
            self.filter = filter;
            self.filter_input = input;
            if !self.filter.is_empty() {
                self.fetch(ctx, self.selected_id, false);
            }
            return false;
        }
        self.selected_id = Some(id);
        // Centred.
        self.offset = self.selected.saturating_sub(self.page / 2);
        self.ensure_window(ctx);
        self.after_move(ctx);
        true
    }
}
