//! Draws the register screen from its model: the tree pane and the detail pane.

use super::model::TreeModel;
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use crate::tui::widgets::tone::{self, Pieces};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The tree pane; `input`: the filter being typed (its cursor is shown when
/// `cursor`), or the filter kept.
pub fn tree(f: &mut Frame, area: Rect, m: &TreeModel, input: &TextInput, cursor: bool, ctx: &Ctx) {
    let th = &ctx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(fit(&m.title, area.width.saturating_sub(2) as usize))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let w = inner.width as usize;
    let mut y = inner.y;
    if let Some((label, count)) = &m.filter {
        let buf = f.buffer_mut();
        buf.set_stringn(inner.x, y, label, w, th.key());
        let lw = label.width() as u16;
        let field = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw + count.width() as u16 + 1), 1);
        let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
        buf.set_stringn(inner.right().saturating_sub(count.width() as u16), y, count, w, th.dim());
        if cursor {
            f.set_cursor_position(Position::new(pos.x, pos.y));
        }
        y += 1;
    }
    let buf = f.buffer_mut();
    buf.set_stringn(inner.x + 1, y, &m.header_name, w, th.dim());
    buf.set_stringn(
        inner.right().saturating_sub(m.right_w as u16),
        y,
        &m.header_right,
        m.right_w,
        th.dim(),
    );
    y += 1;
    let height = inner.bottom().saturating_sub(y);
    if let Some(why) = m.empty {
        Paragraph::new(ctx.t(why))
            .style(th.dim())
            .wrap(Wrap { trim: true })
            .render(Rect::new(inner.x, y, inner.width, height), buf);
        return;
    }
    let name_w = w.saturating_sub(m.right_w + 1);
    for (i, r) in m.rows.iter().enumerate().take(height as usize) {
        let base = if r.context_only { th.dim() } else { th.base() };
        let ry = y + i as u16;
        buf.set_style(Rect::new(inner.x, ry, inner.width, 1), base);
        // The selection is marked on the name column only: a step rewrites
        // two names, not two whole rows.
        if r.selected {
            buf.set_style(Rect::new(inner.x, ry, name_w as u16, 1), th.selected());
        }
        let name_style = if r.selected { th.selected() } else { base };
        buf.set_stringn(inner.x, ry, &r.left, name_w, name_style);
        let rx = inner.right().saturating_sub(m.right_w as u16);
        let (x, _) = buf.set_stringn(rx, ry, &r.mid, m.right_w, base);
        match r.level {
            Some(l) => {
                buf.set_stringn(x, ry, format!("{} {}", l.symbol(), l.short()), 7, th.level(l));
            }
            None => {
                buf.set_stringn(x, ry, "—", 7, th.dim());
            }
        }
    }
}

pub fn detail(f: &mut Frame, area: Rect, lines: &[Pieces], ctx: &Ctx) {
    let th = &ctx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(format!(" {} ", ctx.t(T::Detail)))
        .title_style(th.title());
    Paragraph::new(lines.iter().map(|l| tone::line(th, l)).collect::<Vec<_>>())
        .block(block)
        .wrap(Wrap { trim: false })
        .render(area, f.buffer_mut());
}
