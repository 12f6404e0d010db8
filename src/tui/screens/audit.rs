//! Nhật ký: the audit log, newest first; Enter shows the values before and after.

use super::{clamp_scroll, fit, list_move, Screen, ScreenId};
use crate::domain::audit::AuditEntry;
use crate::service::api::{AuditQuery, Event, Request, Response};
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

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

    fn when(e: &AuditEntry) -> String {
        e.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string()
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

    fn render_detail(&self, f: &mut Frame, area: Rect, e: &AuditEntry, ctx: &Ctx) {
        let th = &ctx.theme;
        Clear.render(area, f.buffer_mut());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(format!(" {} #{} ", ctx.t(T::AuditDetail), e.seq))
            .title_style(th.title());
        let inner = block.inner(area);
        block.render(area, f.buffer_mut());
        let buf = f.buffer_mut();
        let w = inner.width as usize;
        let head = [
            format!("{}: {} · {}: {}", ctx.t(T::AuditWhen), Self::when(e), ctx.t(T::AuditWho), e.user),
            format!(
                "{}: {} · {}: {}",
                ctx.t(T::AuditAction),
                e.action,
                ctx.t(T::AuditOrg),
                e.org.as_deref().unwrap_or("—")
            ),
            format!("{}: {}", ctx.t(T::AuditSummary), e.summary),
        ];
        let mut y = inner.y;
        for h in &head {
            if y < inner.bottom() {
                buf.set_stringn(inner.x, y, fit(h, w), w, th.base());
                y += 1;
            }
        }
        let before = Self::json_lines(&e.before);
        let after = Self::json_lines(&e.after);
        let before_set: HashSet<&String> = before.iter().collect();
        let after_set: HashSet<&String> = after.iter().collect();
        let keys_y = inner.bottom().saturating_sub(1);
        buf.set_stringn(
            inner.x,
            keys_y,
            fit(&ctx.keymap.hint_line(Layer::AuditDetail, ctx.lang), w),
            w,
            th.dim(),
        );
        if y + 2 >= keys_y {
            return;
        }
        // A line only on one side is marked − (before) or + (after).
        let side = |buf: &mut ratatui::buffer::Buffer,
                    x: u16,
                    top: u16,
                    width: u16,
                    height: u16,
                    title: &str,
                    lines: &[String],
                    other: &HashSet<&String>,
                    mark: &str| {
            buf.set_stringn(
                x,
                top,
                fit(title, width as usize),
                width as usize,
                th.label().add_modifier(Modifier::BOLD),
            );
            for (row, l) in lines.iter().skip(self.scroll).take(height.saturating_sub(1) as usize).enumerate() {
                let changed = !other.contains(l);
                let text = format!("{}{}", if changed { mark } else { " " }, l);
                let style = if changed { th.key() } else { th.base() };
                buf.set_stringn(x, top + 1 + row as u16, fit(&text, width as usize), width as usize, style);
            }
        };
        let body_h = keys_y - y;
        if inner.width >= 90 {
            let half = inner.width / 2;
            side(buf, inner.x, y, half - 1, body_h, ctx.t(T::AuditBefore), &before, &after_set, "−");
            side(
                buf,
                inner.x + half,
                y,
                inner.width - half,
                body_h,
                ctx.t(T::AuditAfter),
                &after,
                &before_set,
                "+",
            );
        } else {
            let h1 = body_h / 2;
            side(buf, inner.x, y, inner.width, h1, ctx.t(T::AuditBefore), &before, &after_set, "−");
            side(
                buf,
                inner.x,
                y + h1,
                inner.width,
                body_h - h1,
                ctx.t(T::AuditAfter),
                &after,
                &before_set,
                "+",
            );
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
        let th = &ctx.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(T::ScreenAudit)))
            .title_style(th.title());
        let inner = block.inner(area);
        block.render(area, f.buffer_mut());
        if inner.height < 2 {
            return;
        }
        let buf = f.buffer_mut();
        let w = inner.width as usize;
        if self.entries.is_empty() {
            buf.set_stringn(inner.x, inner.y, ctx.t(T::AuditEmpty), w, th.dim());
            return;
        }
        // Columns: when 16, who 10, action 14, org 10, summary rest.
        let who_w = self.entries.iter().map(|e| e.user.width()).max().unwrap_or(4).clamp(4, 12);
        let act_w = 14;
        let org_w = if w >= 100 { 12 } else { 9 };
        let line = |when: &str, who: &str, act: &str, org: &str, sum: &str| {
            let fixed = format!(
                "{:<17} {:<who_w$} {:<act_w$} {:<org_w$} ",
                fit(when, 17),
                fit(who, who_w),
                fit(act, act_w),
                fit(org, org_w)
            );
            let rest = w.saturating_sub(fixed.width());
            format!("{fixed}{}", fit(sum, rest))
        };
        let header = line(
            &format!(" {}", ctx.t(T::AuditWhen)),
            ctx.t(T::AuditWho),
            ctx.t(T::AuditAction),
            ctx.t(T::AuditOrg),
            ctx.t(T::AuditSummary),
        );
        buf.set_stringn(inner.x, inner.y, &header, w, th.dim());
        let height = inner.height as usize - 1;
        self.page = height.max(1);
        clamp_scroll(&mut self.selected, &mut self.offset, self.entries.len(), height);
        for (row, e) in self.entries.iter().enumerate().skip(self.offset).take(height) {
            let y = inner.y + 1 + (row - self.offset) as u16;
            let style = if row == self.selected { th.selected() } else { th.base() };
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            let text = line(
                &format!("{}{}", if row == self.selected { "›" } else { " " }, Self::when(e)),
                &e.user,
                &e.action,
                e.org.as_deref().unwrap_or("—"),
                &e.summary,
            );
            buf.set_stringn(inner.x, y, &text, w, style);
        }
        if let Some(i) = self.open {
            if let Some(e) = self.entries.get(i) {
                let e = e.clone();
                self.render_detail(f, area, &e, ctx);
            }
        }
    }
}
