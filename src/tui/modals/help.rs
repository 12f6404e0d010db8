//! The help popup: every layer that can be active on the screen shown, with
//! the keys that reach each action there (all from the keymap).

use super::Msg;
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui::Frame;

/// The layers of the shell's own popups, listed in every screen's help.
pub const SHELL_LAYERS: [Layer; 3] = [Layer::Search, Layer::Date, Layer::Help];

#[derive(Debug, Default)]
pub struct HelpUi {
    pub scroll: usize,
}

impl HelpUi {
    /// `max`: the furthest the text can scroll, as last drawn.
    pub fn action(&mut self, a: Action, max: usize) -> Msg {
        match a {
            Action::HelpClose => return Msg::Close,
            Action::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10).min(max),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            _ => return Msg::Pass,
        }
        Msg::Stay
    }
}

/// Draw the help for a screen whose layers are `layers` (its own first) and
/// whose tabs are `screens`; returns the furthest it can scroll at this size.
pub fn render(f: &mut Frame, area: Rect, ctx: &Ctx, layers: &[Layer], screens: &[&str], scroll: usize) -> usize {
    let th = &ctx.theme;
    let inner = crate::tui::screens::popup(f, area, 90, area.height, ctx.t(T::HelpTitle), th);
    // Keys in a column of 24; a long description wraps under its own column.
    const KEYS: usize = 24;
    let desc_width = (inner.width as usize).saturating_sub(KEYS).max(16);
    let mut lines = Vec::new();
    let base = layers.first().copied().unwrap_or(Layer::Global);
    // The screen's own layers and its inputs, the shell's popups, then the
    // list and global keys.
    let shared = [Layer::List, Layer::Global];
    let mut sections: Vec<Layer> = layers.iter().copied().filter(|l| !shared.contains(l)).collect();
    sections.extend(SHELL_LAYERS.iter().filter(|l| !layers.contains(l)));
    sections.extend(shared.iter().filter(|l| layers.contains(l)));
    for (title, rows) in ctx.keymap.help(ctx.lang, base, &sections, screens) {
        lines.push(Line::from(Span::styled(title, th.title())));
        for (keys, desc) in rows {
            for (i, part) in textwrap::wrap(&desc, desc_width).into_iter().enumerate() {
                let keys = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<w$}", w = KEYS - 2), th.key()),
                    Span::raw(part.into_owned()),
                ]));
            }
        }
    }
    lines.push(Line::from(""));
    for part in textwrap::wrap(ctx.t(T::HelpInputs), inner.width as usize) {
        lines.push(Line::from(part.into_owned()));
    }
    if let Some(p) = &ctx.config_path {
        let text = format!("{}: {}", ctx.t(T::HelpConfig), p.display());
        for part in textwrap::wrap(&text, inner.width as usize) {
            lines.push(Line::from(part.into_owned()));
        }
    }
    let foot = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height.saturating_sub(1));
    let max = lines.len().saturating_sub(body.height as usize);
    Paragraph::new(lines)
        .scroll((scroll.min(max) as u16, 0))
        .render(body, f.buffer_mut());
    let km = &ctx.keymap;
    let keys = km.hint_line(Layer::Help, ctx.lang);
    f.buffer_mut().set_stringn(
        foot.x,
        foot.y,
        crate::tui::screens::fit(&keys, foot.width as usize),
        foot.width as usize,
        th.dim(),
    );
    max
}
