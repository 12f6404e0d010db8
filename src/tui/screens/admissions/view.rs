//! Draws the Kết nạp grid, the paste preview and the target input.

use super::fmt::{num, signed};
use super::{AdmissionsScreen, Mode, PastePlan, TargetEdit};
use crate::domain::admissions_grid::GridLine;
use crate::domain::Lang;
use crate::tui::i18n::T;
use crate::tui::keymap::Layer;
use crate::tui::screens::{fit, popup};
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// Lines of the grid that fit in `area` (title, header and totals aside).
pub fn page(area: Rect) -> usize {
    (area.height as usize).saturating_sub(3).max(1)
}

/// (month cell width, total width, name width) for a width.
fn widths(width: usize) -> (usize, usize, usize) {
    let (cw, tw) = if width >= 110 { (5, 8) } else { (4, 6) };
    (cw, tw, width.saturating_sub(12 * cw + tw))
}

/// A number right-aligned in `w` columns (separators dropped if they do not fit).
fn cell(n: u64, w: usize, lang: Lang) -> String {
    let s = num(n, lang);
    let s = if s.len() < w { s } else { n.to_string() };
    let s = if s.len() < w { s } else { "…".into() };
    format!("{s:>w$}")
}

/// The title line: year, scope, plan, range and the allocations against the plan.
fn title(s: &AdmissionsScreen, ctx: &Ctx) -> String {
    let lang = ctx.lang;
    let scope = s.under.clone().unwrap_or_else(|| ctx.t(T::AdmCity).to_string());
    let mut out = format!("{} {} · {scope}", ctx.t(T::AdmTitle), s.year);
    if let Some(t) = &s.target {
        match t.target.plan {
            Some(p) => out.push_str(&format!(" · {} {}", ctx.t(T::AdmPlan), num(p as u64, lang))),
            None => out.push_str(&format!(" · {}", ctx.t(T::AdmNoPlan))),
        }
        if let Some((lo, hi)) = t.target.range {
            out.push_str(&format!(
                " · {} {}–{}",
                ctx.t(T::AdmRange),
                num(lo as u64, lang),
                num(hi as u64, lang)
            ));
        }
        if t.allocations_total > 0 {
            out.push_str(&format!(" · {} {}", ctx.t(T::AdmAllocSum), num(t.allocations_total, lang)));
            if let Some(d) = t.allocations_minus_plan {
                out.push_str(&format!(" ({})", signed(d, lang)));
            }
        }
    }
    out
}

pub fn grid(f: &mut Frame, area: Rect, s: &AdmissionsScreen, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let w = area.width as usize;
    let (cw, tw, nw) = widths(w);
    let buf = f.buffer_mut();
    buf.set_stringn(area.x, area.y, fit(&title(s, ctx), w), w, th.title());
    let Some(g) = &s.grid else { return };
    // The header: organisation, the months, the total.
    let mut head = format!("{:<nw$}", fit(ctx.t(T::AdmOrgCol), nw));
    for m in 1..=12 {
        head.push_str(&format!("{:>cw$}", format!("T{m}")));
    }
    head.push_str(&format!("{:>tw$}", ctx.t(T::AdmTotalCol)));
    buf.set_stringn(area.x, area.y + 1, &head, w, th.label());
    if g.total_lines == 0 {
        buf.set_stringn(area.x, area.y + 2, fit(ctx.t(T::AdmEmpty), w), w, th.dim());
    }
    let typing = match &s.mode {
        Mode::Cell(c) => Some(c.text.as_str()),
        _ => None,
    };
    for i in 0..s.page {
        let li = s.top + i;
        let Some(line) = s.line(li) else { break };
        let y = area.y + 2 + i as u16;
        let selected = li == s.row;
        let (name, months, total, style): (String, Vec<Option<u64>>, u64, _) = match line {
            GridLine::Committee {
                code,
                name,
                by_month,
                total,
                ..
            } => (
                format!("{code} {name}"),
                by_month.iter().map(|v| Some(*v)).collect(),
                *total,
                th.title(),
            ),
            GridLine::Org {
                code, name, cells, total, ..
            } => (
                format!("  {code} {name}"),
                cells.iter().map(|c| c.map(u64::from)).collect(),
                *total,
                th.base(),
            ),
        };
        let marker = if selected { "›" } else { " " };
        let name = format!("{marker}{}", fit(&name, nw.saturating_sub(1)));
        let mut x = area.x;
        buf.set_stringn(x, y, format!("{name:<nw$}"), nw, style);
        x += nw as u16;
        for (m, v) in months.iter().enumerate() {
            let here = selected && m == s.col;
            let text = match (here, typing, v) {
                (true, Some(t), _) => {
                    // What is typed, its end kept when it is wider than the cell.
                    let t = format!("{t}_");
                    let t = &t[t.len().saturating_sub(cw)..];
                    format!("{t:>cw$}")
                }
                (_, _, Some(n)) => cell(*n, cw, lang),
                (_, _, None) => format!("{:>cw$}", "·"),
            };
            let st = if here { th.selected() } else { style };
            buf.set_stringn(x, y, &text, cw, st);
            x += cw as u16;
        }
        buf.set_stringn(x, y, cell(total, tw, lang), tw, style);
    }
    // The scope's totals by month.
    let y = area.bottom().saturating_sub(1);
    let mut foot = format!("{:<nw$}", fit(ctx.t(T::AdmTotalRow), nw));
    for v in g.by_month {
        foot.push_str(&cell(v, cw, lang));
    }
    foot.push_str(&cell(g.total, tw, lang));
    buf.set_stringn(area.x, y, &foot, w, th.label());
}

/// The preview of a pasted block, or why it cannot be written.
pub fn paste(f: &mut Frame, area: Rect, p: &PastePlan, col: usize, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let h = (p.rows.len() as u16 + 5).min(area.height);
    let inner = popup(f, area, area.width.min(100), h, ctx.t(T::AdmPasteTitle), th);
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    let mut y = inner.y;
    let mut head = format!("{:<24}", "");
    for m in col + 1..=12 {
        head.push_str(&format!("{:>5}", format!("T{m}")));
    }
    buf.set_stringn(inner.x, y, &head, w, th.label());
    y += 1;
    for (r, name) in p.rows.iter().zip(&p.names) {
        if y + 2 >= inner.bottom() {
            break;
        }
        let mut line = format!("{:<24}", fit(&format!("{} {name}", r.code), 23));
        for c in &r.counts {
            match c {
                Some(n) => line.push_str(&cell(*n as u64, 5, lang)),
                None => line.push_str(&format!("{:>5}", "·")),
            }
        }
        buf.set_stringn(inner.x, y, fit(&line, w), w, th.base());
        y += 1;
    }
    let status = match &p.error {
        Some(e) => (format!("✗ {e}"), th.error()),
        None => {
            let cells: usize = p.rows.iter().map(|r| r.counts.iter().flatten().count()).sum();
            (format!("{cells} {} · {}", ctx.t(T::AdmCells), ctx.t(T::ClPasteReady)), th.ok())
        }
    };
    let sy = inner.bottom().saturating_sub(2);
    buf.set_stringn(inner.x, sy, fit(&status.0, w), w, status.1);
    let hints = ctx.keymap.hint_line(Layer::Paste, lang);
    buf.set_stringn(inner.x, sy + 1, fit(&hints, w), w, th.dim());
}

/// The target input: the plan and range, or a committee's allocation.
pub fn target(f: &mut Frame, area: Rect, t: &TargetEdit, ctx: &Ctx) {
    let th = &ctx.theme;
    let (title, help) = match &t.org {
        Some((code, name)) => (
            format!("{} {code} {name}", ctx.t(T::AdmTargetAllocTitle)),
            ctx.t(T::AdmTargetAllocHelp),
        ),
        None => (ctx.t(T::AdmTargetPlanTitle).to_string(), ctx.t(T::AdmTargetPlanHelp)),
    };
    let width = (help.width().max(title.width()) as u16 + 6).min(area.width);
    let inner = popup(f, area, width, 6, &title, th);
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    buf.set_stringn(inner.x, inner.y, fit(help, w), w, th.dim());
    let pos = t.input.render(buf, Rect::new(inner.x, inner.y + 1, inner.width, 1), th.selected());
    f.set_cursor_position(pos);
    let hints = ctx.keymap.hint_line(Layer::Form, ctx.lang);
    f.buffer_mut().set_stringn(inner.x, inner.y + 3, fit(&hints, w), w, th.dim());
}
