//! Draws a drill-down list of the Chỉ tiêu screen: the organisations behind
//! a figure (with their level, their members' share, their months or their
//! findings), or the committees to choose the scope from. Marks and words,
//! never colour alone; fits 80 columns.

use super::Drill;
use crate::domain::indicator_orgs::{OrgFigure, OrgLine};
use crate::domain::Lang;
use crate::tui::i18n::T;
use crate::tui::screens::admissions::fmt::{num, pct};
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Lines of organisations that fit (title, header and help aside).
pub fn page(area: Rect) -> usize {
    (area.height as usize).saturating_sub(4).max(1)
}

fn title(figure: OrgFigure) -> T {
    match figure {
        OrgFigure::Committees => T::IndListScope,
        OrgFigure::Organisations => T::IndListOrgs,
        OrgFigure::Grassroots => T::IndListGrassroots,
        OrgFigure::Members => T::IndListMembers,
        OrgFigure::Admissions => T::IndListAdmissions,
        OrgFigure::Unrated => T::IndListUnrated,
        OrgFigure::Findings => T::IndListFindings,
    }
}

/// The right-hand figure of a line: what puts it in the list.
fn value(l: &OrgLine, figure: OrgFigure, width: usize, lang: Lang) -> String {
    let level = l.level.map_or("—", |v| v.short());
    let share = |s: &crate::domain::indicator::Indicator| {
        let mark = match s.met {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "·",
        };
        format!(
            "{:>6} {mark} {:>7}",
            pct(s.pct(), lang),
            format!("{}/{}", num(s.share.part, lang), num(s.share.base, lang))
        )
    };
    match figure {
        OrgFigure::Committees | OrgFigure::Members => l.share.as_ref().map(share).unwrap_or_default(),
        OrgFigure::Organisations | OrgFigure::Grassroots | OrgFigure::Unrated => level.to_string(),
        OrgFigure::Findings => format!("{} {}", num(l.findings as u64, lang), T::IndFindingsWord.get(lang)),
        OrgFigure::Admissions => {
            let mut out = String::new();
            // The months where they fit (3 columns each), then the year's total.
            if width >= 100 {
                for n in l.months.unwrap_or_default() {
                    out.push_str(&format!("{:>4}", if n == 0 { "·".to_string() } else { num(n as u64, lang) }));
                }
                out.push(' ');
            }
            out.push_str(&format!("{:>7}", num(l.admitted, lang)));
            out
        }
    }
}

pub fn render(f: &mut Frame, area: Rect, d: &Drill, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let w = area.width as usize;
    let buf = f.buffer_mut();
    let l = &d.list;
    let mut head = format!(
        "{} {} · {} {} · {} {}",
        ctx.t(title(l.figure)),
        l.year,
        l.scope_code,
        l.scope_name,
        num(l.total as u64, lang),
        ctx.t(T::IndListCount)
    );
    if l.lines.len() < l.total {
        head.push_str(&format!(" ({} {})", ctx.t(T::IndListShown), num(l.lines.len() as u64, lang)));
    }
    buf.set_stringn(area.x, area.y, fit(&head, w), w, th.title());
    if l.figure == OrgFigure::Admissions && w >= 100 {
        let mut months = String::new();
        for m in 1..=12 {
            months.push_str(&format!("{:>4}", format!("T{m}")));
        }
        let text = format!("{months} {:>7}", ctx.t(T::AdmTotalCol));
        buf.set_stringn(area.x, area.y + 1, format!("{text:>w$}"), w, th.label());
    }
    let help = if d.picking { T::IndScopeHelp } else { T::IndListHelp };
    let bottom = area.bottom().saturating_sub(1);
    buf.set_stringn(area.x, bottom, fit(ctx.t(help), w), w, th.dim());
    if d.is_empty() {
        buf.set_stringn(area.x, area.y + 2, fit(ctx.t(T::IndListEmpty), w), w, th.dim());
        return;
    }
    for (y, i) in (area.y + 2..bottom).zip(d.top..d.len()) {
        let (name, right) = match (d.picking, i) {
            (true, 0) => (
                format!("{} {} {}", l.scope_code, l.scope_name, ctx.t(T::IndWholeScope)),
                String::new(),
            ),
            _ => {
                let Some(line) = l.lines.get(i - usize::from(d.picking)) else {
                    break;
                };
                (format!("{} {}", line.code, line.name), value(line, l.figure, w, lang))
            }
        };
        let cursor = if i == d.sel { "›" } else { " " };
        let nw = w.saturating_sub(right.chars().count() + 2);
        let text = format!("{cursor}{:<nw$} {right}", fit(&name, nw));
        let style = if i == d.sel { th.selected() } else { th.base() };
        buf.set_stringn(area.x, y, fit(&text, w), w, style);
    }
}
