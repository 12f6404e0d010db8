//! Draws the audit log and an entry's detail from their models.

use super::model::{DetailModel, LogModel};
use crate::tui::i18n::T;
use crate::tui::keymap::Layer;
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;

/// The bordered box of the log; returns the space inside.
pub fn frame(f: &mut Frame, area: Rect, ctx: &Ctx) -> Rect {
    let th = &ctx.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(format!(" {} ", ctx.t(T::ScreenAudit)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    inner
}

pub fn log(f: &mut Frame, inner: Rect, m: &LogModel, ctx: &Ctx) {
    let th = &ctx.theme;
    let buf = f.buffer_mut();
    let w = inner.width as usize;
    buf.set_stringn(inner.x, inner.y, &m.header, w, th.dim());
    for (i, (selected, text)) in m.rows.iter().enumerate() {
        let y = inner.y + 1 + i as u16;
        let style = if *selected { th.selected() } else { th.base() };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, text, w, style);
    }
}

pub fn empty(f: &mut Frame, inner: Rect, ctx: &Ctx) {
    f.buffer_mut()
        .set_stringn(inner.x, inner.y, ctx.t(T::AuditEmpty), inner.width as usize, ctx.theme.dim());
}

/// The detail of entry `seq`, its value lines scrolled by `scroll`.
pub fn detail(f: &mut Frame, area: Rect, seq: u64, m: &DetailModel, scroll: usize, ctx: &Ctx) {
    let th = &ctx.theme;
    Clear.render(area, f.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(format!(" {} #{seq} ", ctx.t(T::AuditDetail)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    let buf = f.buffer_mut();
    let w = inner.width as usize;
    let mut y = inner.y;
    for h in &m.head {
        if y < inner.bottom() {
            buf.set_stringn(inner.x, y, fit(h, w), w, th.base());
            y += 1;
        }
    }
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
                lines: &[(bool, String)],
                mark: &str| {
        buf.set_stringn(
            x,
            top,
            fit(title, width as usize),
            width as usize,
            th.label().add_modifier(Modifier::BOLD),
        );
        for (row, (changed, l)) in lines.iter().skip(scroll).take(height.saturating_sub(1) as usize).enumerate() {
            let text = format!("{}{}", if *changed { mark } else { " " }, l);
            let style = if *changed { th.key() } else { th.base() };
            buf.set_stringn(x, top + 1 + row as u16, fit(&text, width as usize), width as usize, style);
        }
    };
    let body_h = keys_y - y;
    let (before, after) = (ctx.t(T::AuditBefore), ctx.t(T::AuditAfter));
    if inner.width >= 90 {
        let half = inner.width / 2;
        side(buf, inner.x, y, half - 1, body_h, before, &m.before, "−");
        side(buf, inner.x + half, y, inner.width - half, body_h, after, &m.after, "+");
    } else {
        let h1 = body_h / 2;
        side(buf, inner.x, y, inner.width, h1, before, &m.before, "−");
        side(buf, inner.x, y + h1, inner.width, body_h - h1, after, &m.after, "+");
    }
}
