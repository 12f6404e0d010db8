//! Nhật ký: the audit log, newest first; Enter shows the values before and after.

pub mod model;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::audit::AuditEntry;
use crate::service::api::{AuditQuery, Event, Request, Response};
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;

/// How many entries the screen loads.
const LIMIT: usize = 2000;

#[derive(Default)]
pub struct AuditScreen {
    entries: Vec<AuditEntry>,
    selected: usize,
    offset: usize,
    page: usize,
    stale: bool,
    loaded: bool,
    /// The entry shown in detail and its scroll.
    open: Option<usize>,
    scroll: usize,
}

impl AuditScreen {
    pub fn new() -> AuditScreen {
        AuditScreen {
            page: 10,
            stale: true,
            ..Default::default()
        }
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    fn load(&mut self, ctx: &mut Ctx) {
        let keep = self.entries.get(self.selected).map(|e| e.seq);
        if let Some(Response::Audit(mut list)) = ctx.call(Request::Audit(AuditQuery {
            limit: Some(LIMIT),
            ..Default::default()
        })) {
            list.sort_by_key(|e| std::cmp::Reverse(e.seq));
            self.entries = list;
            self.stale = false;
            self.loaded = true;
            if let Some(seq) = keep {
                if let Some(pos) = self.entries.iter().position(|e| e.seq == seq) {
                    self.selected = pos;
                }
            }
        }
    }

    fn labels(ctx: &Ctx) -> model::Labels<'static> {
        let lang = ctx.lang;
        model::Labels {
            when: T::AuditWhen.get(lang),
            who: T::AuditWho.get(lang),
            action: T::AuditAction.get(lang),
            org: T::AuditOrg.get(lang),
            summary: T::AuditSummary.get(lang),
        }
    }
}

impl Screen for AuditScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Audit
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn layer(&self) -> Layer {
        if self.open.is_some() {
            Layer::AuditDetail
        } else {
            Layer::Audit
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[Layer::Audit, Layer::List, Layer::Global, Layer::AuditDetail]
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale {
            self.load(ctx);
        }
    }

    fn events(&mut self, _events: &[Event], visible: bool, ctx: &mut Ctx) {
        self.stale = true;
        if visible {
            self.load(ctx);
        }
    }

    fn action(&mut self, action: Action, _ctx: &mut Ctx) -> bool {
        if self.open.is_some() {
            // The detail scrolls with the list keys.
            match action {
                Action::DetailClose => self.open = None,
                Action::Down => self.scroll += 1,
                Action::Up => self.scroll = self.scroll.saturating_sub(1),
                Action::PageDown => self.scroll += self.page,
                Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page),
                Action::Top => self.scroll = 0,
                _ => return false,
            }
            return true;
        }
        if list_move(action, &mut self.selected, self.entries.len(), self.page) {
            return true;
        }
        match action {
            Action::Open if !self.entries.is_empty() => {
                self.open = Some(self.selected);
                self.scroll = 0;
                true
            }
            _ => false,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let inner = view::frame(f, area, ctx);
        if inner.height < 2 {
            return;
        }
        if self.entries.is_empty() {
            view::empty(f, inner, ctx);
            return;
        }
        let height = inner.height as usize - 1;
        self.page = height.max(1);
        clamp_scroll(&mut self.selected, &mut self.offset, self.entries.len(), height);
        let labels = Self::labels(ctx);
        let m = model::log(&self.entries, &labels, inner.width as usize, self.selected, self.offset, height);
        view::log(f, inner, &m, ctx);
        if let Some(e) = self.open.and_then(|i| self.entries.get(i)) {
            view::detail(f, area, e.seq, &model::detail(e, &labels), self.scroll, ctx);
        }
    }
}
