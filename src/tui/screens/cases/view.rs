//! Draws the case register from its models: the list (filters line, header,
//! rows with the overdue ones marked) and a case's detail over it.

use super::model::ListModel;
use crate::tui::i18n::T;
use crate::tui::keymap::Layer;
use crate::tui::state::Ctx;
use crate::tui::widgets::text::fit;
use crate::tui::widgets::tone::{self, Pieces};
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The bordered box of the list; returns the space inside.
pub fn frame(f: &mut Frame, area: Rect, ctx: &Ctx) -> Rect {
    let th = &ctx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(format!(" {} ", ctx.t(T::ScreenCases)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    inner
}

/// Inside the frame: the filters line, the header, then the rows.
pub fn list(f: &mut Frame, inner: Rect, m: &ListModel, ctx: &Ctx) {
    let th = &ctx.theme;
    let buf = f.buffer_mut();
    let w = inner.width as usize;
    if inner.height < 3 {
        return;
    }
    buf.set_stringn(inner.x, inner.y, fit(&m.filters, w), w, th.key());
    let cw = m.counts.width();
    if cw + m.filters.width() + 2 <= w {
        buf.set_stringn(inner.right() - cw as u16, inner.y, &m.counts, cw, th.label());
    }
    buf.set_stringn(inner.x, inner.y + 1, &m.header, w, th.dim());
    let top = inner.y + 2;
    if let Some(why) = &m.empty {
        buf.set_stringn(inner.x + 1, top, fit(why, w.saturating_sub(1)), w, th.dim());
        return;
    }
    for (i, r) in m.rows.iter().enumerate() {
        let y = top + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let style = if r.selected {
            th.selected()
        } else if r.overdue {
            th.error()
        } else {
            th.base()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, &r.text, w, style);
    }
}

/// A case in detail over the list, scrolled by `scroll` lines.
pub fn detail(f: &mut Frame, area: Rect, id: u64, lines: &[Pieces], scroll: usize, ctx: &Ctx) {
    let th = &ctx.theme;
    Clear.render(area, f.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(format!(" {} #{id} ", ctx.t(T::LayerCaseDetail)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    if inner.height < 2 {
        return;
    }
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    Paragraph::new(lines.iter().map(|l| tone::line(th, l)).collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(u16::MAX as usize) as u16, 0))
        .render(body, f.buffer_mut());
    let keys = ctx.keymap.hint_line(Layer::CaseDetail, ctx.lang);
    let w = inner.width as usize;
    f.buffer_mut().set_stringn(inner.x, inner.bottom() - 1, fit(&keys, w), w, th.dim());
}
