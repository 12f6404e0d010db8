//! Draws the classification screen from its model: title, grid, detail,
//! footer, and the paste preview, findings list, five-year comparison or
//! decision over them. The geometry is decided here; every text comes from
//! the model.

use super::model::{GridModel, PopupModel, ScreenModel};
use crate::tui::i18n::T;
use crate::tui::screens::{fit, popup};
use crate::tui::state::Ctx;
use crate::tui::widgets::tone;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The width from which the detail pane goes beside the grid.
const SIDE_FROM: u16 = 150;

/// Where the parts of the screen go.
pub struct Areas {
    pub title: Rect,
    pub filter: Option<Rect>,
    pub grid: Rect,
    pub detail: Rect,
    /// The detail pane is beside the grid (wide terminals), not under it.
    pub side: bool,
    pub footer: Rect,
    /// The space popups are drawn in.
    pub over: Rect,
}

/// Below this height the screen is compact: the footer has no border and
/// the detail two lines, so that the grid keeps at least 14 rows at 80x24.
pub fn compact(area: Rect) -> bool {
    area.height < 30
}

/// The areas for a screen of `area` (None when it is too small to draw).
pub fn areas(area: Rect, filtering: bool, footer_len: usize) -> Option<Areas> {
    if area.height < 8 || area.width < 30 {
        return None;
    }
    let compact = compact(area);
    let y = area.y + 1 + filtering as u16;
    // The detail goes beside the grid only when the names keep room (about
    // 50 columns) next to it; otherwise under it, taller when there is height.
    let side = area.width >= SIDE_FROM;
    let footer_h = footer_len as u16 + !compact as u16;
    let detail_h = if side {
        0
    } else if compact && footer_len > 2 {
        // The caps on a line of their own: the detail gives up its title line.
        2
    } else if compact {
        3
    } else {
        (area.height / 4 + 1).clamp(3, 8).min(5.max(area.height / 5))
    };
    let bottom = area.bottom().saturating_sub(footer_h);
    let grid_w = if side { area.width - 38 } else { area.width };
    Some(Areas {
        title: Rect::new(area.x, area.y, area.width, 1),
        filter: filtering.then(|| Rect::new(area.x, area.y + 1, area.width, 1)),
        grid: Rect::new(area.x, y, grid_w, bottom.saturating_sub(y + detail_h)),
        detail: if side {
            Rect::new(area.x + grid_w, y, area.width - grid_w, bottom.saturating_sub(y))
        } else {
            Rect::new(area.x, bottom - detail_h, area.width, detail_h)
        },
        side,
        footer: Rect::new(area.x, bottom, area.width, footer_h),
        over: Rect::new(area.x, area.y + 1, area.width, area.height - 1),
    })
}

pub fn no_data(f: &mut Frame, area: Rect, ctx: &Ctx) {
    Paragraph::new(ctx.t(T::ClNoData))
        .style(ctx.theme.dim())
        .wrap(Wrap { trim: true })
        .render(area, f.buffer_mut());
}

pub fn draw(f: &mut Frame, a: &Areas, m: &ScreenModel, ctx: &Ctx) {
    let th = &ctx.theme;
    let w = a.title.width as usize;
    f.buffer_mut().set_stringn(a.title.x, a.title.y, &m.title, w, th.title());
    if let (Some(r), Some((label, input, count, typing))) = (a.filter, &m.filter) {
        let buf = f.buffer_mut();
        buf.set_stringn(r.x, r.y, label, w, th.key());
        let lw = label.width() as u16;
        let field = Rect::new(r.x + lw, r.y, r.width.saturating_sub(lw + count.width() as u16 + 1), 1);
        let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
        buf.set_stringn(r.right().saturating_sub(count.width() as u16), r.y, count, w, th.dim());
        if *typing {
            f.set_cursor_position(Position::new(pos.x, pos.y));
        }
    }
    grid(f, a.grid, &m.grid, ctx);
    let bare = !a.side && a.detail.height < 3;
    let block = if bare {
        Block::default()
    } else {
        Block::default()
            .borders(if a.side { Borders::LEFT } else { Borders::TOP })
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(T::Detail)))
            .title_style(th.title())
    };
    let inner = block.inner(a.detail);
    block.render(a.detail, f.buffer_mut());
    Paragraph::new(m.detail.iter().map(|l| tone::line(th, l)).collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .render(inner, f.buffer_mut());
    footer(f, a.footer, &m.footer, a.footer.height as usize > m.footer.len(), ctx);
    if let Some(p) = &m.popup {
        draw_popup(f, a.over, p, ctx);
    }
}

fn grid(f: &mut Frame, area: Rect, m: &GridModel, ctx: &Ctx) {
    let th = &ctx.theme;
    if area.height < 2 {
        return;
    }
    let w = area.width as usize;
    let buf = f.buffer_mut();
    buf.set_stringn(area.x, area.y, &m.header, w, th.dim());
    let top = area.y + 1;
    if let Some(why) = m.empty {
        Paragraph::new(ctx.t(why))
            .style(th.dim())
            .wrap(Wrap { trim: true })
            .render(Rect::new(area.x, top, area.width, area.bottom() - top), buf);
        return;
    }
    for (i, r) in m.rows.iter().enumerate().take((area.bottom() - top) as usize) {
        let base = if r.selected { th.selected() } else { th.base() };
        let ry = top + i as u16;
        buf.set_style(Rect::new(area.x, ry, area.width, 1), base);
        let mark_style = if r.selected {
            base
        } else if r.mark == "!" {
            th.error()
        } else {
            th.dim()
        };
        if r.selected {
            buf.set_stringn(area.x, ry, "›", 1, base.add_modifier(Modifier::BOLD));
        }
        buf.set_stringn(area.x + 1, ry, r.mark, 1, mark_style.add_modifier(Modifier::BOLD));
        let (x, _) = buf.set_stringn(area.x + 2, ry, &r.left, w.saturating_sub(2), base);
        let (x, _) = buf.set_stringn(x, ry, &r.mid, 13, base);
        let lstyle = match r.level {
            Some(l) if !r.selected => th.level(l),
            None if !r.selected => th.dim(),
            _ => base,
        };
        buf.set_stringn(x, ry, format!("{:<6}", super::model::level_cell(r.level)), 6, lstyle);
        let mut x = x + 6;
        if let Some(sc) = &r.score {
            let (nx, _) = buf.set_stringn(x, ry, format!("{sc:>5}"), 5, base);
            x = nx;
        }
        if let Some((text, ok)) = &r.tallies {
            let style = if *ok || r.selected { base } else { th.error() };
            buf.set_stringn(x, ry, text, area.right().saturating_sub(x) as usize, style);
        }
    }
}

/// The footer's lines, under a titled border when `border`.
fn footer(f: &mut Frame, area: Rect, lines: &[String], border: bool, ctx: &Ctx) {
    let th = &ctx.theme;
    let inner = if border {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(T::ClSummary)))
            .title_style(th.title());
        let inner = block.inner(area);
        block.render(area, f.buffer_mut());
        inner
    } else {
        area
    };
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    for (i, l) in lines.iter().enumerate().take(inner.height as usize) {
        buf.set_stringn(inner.x, inner.y + i as u16, fit(l, w), w, th.base());
    }
}

fn draw_popup(f: &mut Frame, area: Rect, p: &PopupModel, ctx: &Ctx) {
    let th = &ctx.theme;
    match p {
        PopupModel::Decision {
            labels,
            fields,
            focus,
            keys,
        } => {
            let inner = popup(f, area, 72, 6, ctx.t(T::ClDecisionTitle), th);
            if inner.height < 3 {
                return;
            }
            let lw = labels.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 2;
            let mut cursor = None;
            for (i, (label, input)) in labels.iter().zip(fields).enumerate() {
                let y = inner.y + i as u16;
                let focused = i == *focus;
                let buf = f.buffer_mut();
                let style = if focused { th.key() } else { th.label() };
                buf.set_stringn(inner.x, y, format!("{label}:"), lw as usize, style);
                let field = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw), 1);
                let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
                if focused {
                    cursor = Some(pos);
                }
            }
            let w = inner.width as usize;
            f.buffer_mut().set_stringn(inner.x, inner.y + 2, fit(keys, w), w, th.dim());
            if let Some(pos) = cursor {
                f.set_cursor_position(pos);
            }
        }
        PopupModel::Paste {
            want_h,
            title,
            rows,
            stop,
            keys,
        } => {
            let inner = popup(f, area, 90, *want_h, title, th);
            let w = inner.width as usize;
            let buf = f.buffer_mut();
            for (i, line) in rows.iter().enumerate() {
                buf.set_stringn(inner.x, inner.y + i as u16, line, w, th.base());
            }
            let first = inner.bottom().saturating_sub(1 + stop.len() as u16).max(inner.y);
            for (i, l) in stop.iter().enumerate() {
                let y = first + i as u16;
                if y < inner.bottom().saturating_sub(1) {
                    buf.set_stringn(inner.x, y, fit(l, w), w, th.error());
                }
            }
            buf.set_stringn(inner.x, inner.bottom().saturating_sub(1), fit(keys, w), w, th.key());
        }
        PopupModel::Findings { title, rows, keys } => {
            let inner = popup(f, area, area.width, area.height, title, th);
            let w = inner.width as usize;
            let buf = f.buffer_mut();
            for (i, (selected, error, line)) in rows.iter().enumerate() {
                let st = if *selected {
                    th.selected()
                } else if *error {
                    th.base()
                } else {
                    th.dim()
                };
                let y = inner.y + i as u16;
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), st);
                buf.set_stringn(inner.x, y, fit(line, w), w, st);
            }
            buf.set_stringn(inner.x, inner.bottom().saturating_sub(1), fit(keys, w), w, th.dim());
        }
        PopupModel::Compare {
            want_h,
            title,
            head,
            sub,
            rows,
            legend,
            keys,
        } => {
            let inner = popup(f, area, 84, *want_h, title, th);
            let w = inner.width as usize;
            let buf = f.buffer_mut();
            buf.set_stringn(inner.x, inner.y, fit(head, w), w, th.dim());
            buf.set_stringn(inner.x, inner.y + 1, fit(sub, w), w, th.dim());
            for (y, (current, line)) in (inner.y + 2..).zip(rows.iter()) {
                if y >= inner.bottom().saturating_sub(2) {
                    break;
                }
                let st = if *current {
                    th.base().add_modifier(Modifier::BOLD)
                } else {
                    th.base()
                };
                buf.set_stringn(inner.x, y, fit(line, w), w, st);
            }
            buf.set_stringn(inner.x, inner.bottom().saturating_sub(2), fit(legend, w), w, th.dim());
            buf.set_stringn(inner.x, inner.bottom().saturating_sub(1), fit(keys, w), w, th.dim());
        }
    }
}
