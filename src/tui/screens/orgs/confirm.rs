//! The confirmation of a merge, a dissolution or a move of all children:
//! what the service says the change moves and ends, then Enter writes it or
//! Esc goes back to the form (keys from the keymap's Confirm layer).

use crate::service::api::{OrgPreview, Request};
use crate::tui::i18n::{self, T};
use crate::tui::state::Ctx;
use crate::tui::widgets::popup::popup;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui::Frame;

/// A change waiting for the clerk's yes.
pub struct Confirm {
    pub request: Request,
    pub preview: OrgPreview,
}

/// Whether a change is confirmed before it is written.
pub fn wants_confirmation(req: &Request) -> bool {
    matches!(
        req,
        Request::OrgMerge { .. } | Request::OrgDissolve { .. } | Request::OrgMoveChildren { .. }
    )
}

impl Confirm {
    /// The lines shown: what moves, what ends, what else changes, the question.
    pub fn lines(&self, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.lang;
        let mut out = self.preview.lines(lang, &|n| i18n::num(n as usize, lang));
        out.push(String::new());
        out.push(ctx.t(T::ConfirmAsk).to_string());
        out
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let lines = self.lines(ctx);
        let width = area.width.saturating_sub(4).min(76);
        // Each line wraps: room for two rows each, within the screen.
        let rows: u16 = lines
            .iter()
            .map(|l| (unicode_width::UnicodeWidthStr::width(l.as_str()) as u16 / width.saturating_sub(2).max(1)) + 1)
            .sum();
        let inner = popup(f, area, width, rows + 2, ctx.t(T::ConfirmTitle), &ctx.theme);
        Paragraph::new(lines.join("\n"))
            .style(ctx.theme.base())
            .wrap(Wrap { trim: false })
            .render(inner, f.buffer_mut());
    }
}
