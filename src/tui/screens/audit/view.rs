//! Draws the audit log and an entry's detail from their models.

use super::model::{DetailModel, LogModel};
use crate::tui::i18n::T;
use crate::tui::keymap::Layer;
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;

/// The bordered box of the log; returns the space inside.
pub fn frame(f: &mut Frame, area: Rect, filter: Option<&str>, ctx: &Ctx) -> Rect {
    let th = &ctx.theme;
    let title = match filter {
        Some(text) => format!(" {} · {}: {text} ", ctx.t(T::ScreenAudit), ctx.t(T::AuditFiltered)),
        None => format!(" {} ", ctx.t(T::ScreenAudit)),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border())
        .title(fit(&title, area.width.saturating_sub(2) as usize))
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

pub fn empty(f: &mut Frame, inner: Rect, filtered: bool, ctx: &Ctx) {
    let text = ctx.t(if filtered { T::AuditNoMatch } else { T::AuditEmpty });
    f.buffer_mut()
        .set_stringn(inner.x, inner.y, text, inner.width as usize, ctx.theme.dim());
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
    // The changes, wrapped whole, scrolled by `scroll`.
    let lines: Vec<String> = m
        .changes
        .iter()
        .flat_map(|l| {
            textwrap::wrap(l, textwrap::Options::new(w.max(10)).subsequent_indent("    "))
                .into_iter()
                .map(|x| x.into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    for l in lines.iter().skip(scroll) {
        if y >= keys_y {
            break;
        }
        buf.set_stringn(inner.x, y, fit(l, w), w, th.base());
        y += 1;
    }
}

/// The filter being typed, on the log's last line.
pub fn prompt(f: &mut Frame, inner: Rect, label: &str, input: &crate::tui::input::TextInput, ctx: &Ctx) {
    if inner.height == 0 {
        return;
    }
    let y = inner.bottom() - 1;
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    buf.set_style(Rect::new(inner.x, y, inner.width, 1), ctx.theme.base());
    let head = fit(&format!("{label}: "), w.saturating_sub(10));
    let head_w = unicode_width::UnicodeWidthStr::width(head.as_str()) as u16;
    buf.set_stringn(inner.x, y, &head, w, ctx.theme.label());
    let area = Rect::new(inner.x + head_w, y, inner.width.saturating_sub(head_w), 1);
    let cursor = input.render(buf, area, ctx.theme.key());
    f.set_cursor_position(cursor);
}
