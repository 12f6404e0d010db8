//! Draws the Kết nạp dashboard (the year against plan and range, the
//! cumulative months against the pace, the projection, the committees
//! ranked) and the term view, from the service's figures only.

use super::fmt::{num, pct, signed};
use super::model::{chart, gauge};
use crate::domain::admissions_view::{Dashboard, TermView};
use crate::domain::pace::PaceMethod;
use crate::domain::Lang;
use crate::tui::i18n::T;
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Rows of the chart for a body height.
fn chart_height(area: Rect) -> usize {
    ((area.height as usize).saturating_sub(15) / 2).clamp(3, 10)
}

/// Committee rows that fit under the chart.
pub fn page(area: Rect) -> usize {
    (area.height as usize).saturating_sub(chart_height(area) + 10).max(1)
}

fn range_word(within: Option<bool>, total: u64, range: Option<(u32, u32)>) -> Option<T> {
    let (lo, _) = range?;
    Some(match within? {
        true => T::DashWithin,
        false if total < lo as u64 => T::DashBelow,
        false => T::DashAbove,
    })
}

fn method_name(m: PaceMethod, lang: Lang) -> &'static str {
    lang.pick(m.name_vi(), m.name_en())
}

pub fn render(f: &mut Frame, area: Rect, d: &Dashboard, sel: usize, top: usize, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let w = area.width as usize;
    let s = &d.summary;
    let mut lines: Vec<(String, ratatui::style::Style)> = Vec::new();
    lines.push((
        format!("{} {} · {} {}", ctx.t(T::DashTitle), d.year, d.scope_code, d.scope_name),
        th.title(),
    ));
    // The total against plan and range.
    let mut head = format!("{}: {}", ctx.t(T::DashTotal), num(s.total, lang));
    if let Some(p) = s.plan {
        head.push_str(&format!(
            " · {} {} ({})",
            ctx.t(T::AdmPlan),
            num(p as u64, lang),
            pct(s.pct_of_plan, lang)
        ));
    }
    if let Some((lo, hi)) = s.range {
        head.push_str(&format!(
            " · {} {}–{}",
            ctx.t(T::AdmRange),
            num(lo as u64, lang),
            num(hi as u64, lang)
        ));
        if let Some(t) = range_word(s.within_range, s.total, s.range) {
            head.push_str(&format!(": {}", ctx.t(t)));
        }
    }
    lines.push((head, th.base()));
    lines.push((gauge(w.saturating_sub(1), s.total, s.plan, s.range), th.highlight()));
    lines.push((ctx.t(T::DashGaugeLegend).to_string(), th.dim()));
    // The cumulative chart against the pace.
    let h = chart_height(area);
    let col = ((w.saturating_sub(8)) / 12).clamp(2, 6);
    let mut cumulative = Vec::new();
    let mut acc = 0;
    let done = s.pace.as_ref().map_or(12, |p| p.months_done as usize);
    for m in s.by_month.iter().take(done) {
        acc += m;
        cumulative.push(acc);
    }
    let (rows, max) = chart(h, col, &cumulative, s.pace.as_ref().map(|p| &p.curve));
    for (i, r) in rows.into_iter().enumerate() {
        let label = if i == 0 { num(max, lang) } else { String::new() };
        lines.push((format!("{label:>7} {r}"), th.base()));
    }
    let mut axis = format!("{:>7} ", ctx.t(T::DashMonthAxis));
    for m in 1..=12 {
        axis.push_str(&format!("{:<col$}", m));
    }
    lines.push((axis, th.dim()));
    let legend = match &s.pace {
        Some(p) => {
            let years = match (p.years.first(), p.years.last()) {
                (Some(a), Some(b)) if a != b => format!(" {a}–{b}"),
                (Some(a), _) => format!(" {a}"),
                _ => String::new(),
            };
            format!(
                "{} · {}: {}{years} · {} {}",
                ctx.t(T::DashCumLegend),
                ctx.t(T::DashPace),
                method_name(p.method, lang),
                p.months_done,
                ctx.t(T::DashMonthsDone)
            )
        }
        None => format!("{} · {}", ctx.t(T::DashCumLegend), ctx.t(T::DashNoPace)),
    };
    lines.push((legend, th.dim()));
    // The projection with its method named, and the allocations against the plan.
    if let Some(p) = &s.projected {
        let method = match p.method.as_str() {
            "seasonal" => ctx.t(T::DashSeasonal),
            _ => ctx.t(T::DashLinear),
        };
        let mut t = format!("{}: {} ({method})", ctx.t(T::DashProjection), num(p.total, lang));
        if p.pct_of_plan.is_some() {
            t.push_str(&format!(" · {} {}", pct(p.pct_of_plan, lang), ctx.t(T::AdmPlan)));
        }
        if let Some(word) = range_word(p.within_range, p.total, s.range) {
            t.push_str(&format!(" · {}", ctx.t(word)));
        }
        lines.push((t, th.base()));
    }
    if s.allocations_total > 0 {
        let mut t = format!("{}: {}", ctx.t(T::DashAllocVsPlan), num(s.allocations_total, lang));
        if let (Some(p), Some(diff)) = (s.plan, s.allocations_minus_plan) {
            t.push_str(&format!(" / {} ({})", num(p as u64, lang), signed(diff, lang)));
        }
        lines.push((t, th.base()));
    }
    lines.push((ctx.t(T::DashRanked).to_string(), th.label()));
    let buf = f.buffer_mut();
    let mut y = area.y;
    for (text, style) in &lines {
        if y >= area.bottom() {
            return;
        }
        buf.set_stringn(area.x, y, fit(text, w), w, *style);
        y += 1;
    }
    // The committees, ranked by share of their allocation.
    for (i, c) in d.ranked.iter().enumerate().skip(top) {
        if y >= area.bottom() {
            break;
        }
        let mark = match c.behind_pace {
            Some(true) => "▼",
            _ => " ",
        };
        let alloc = match c.allocation {
            Some(a) => format!(
                "{} / {} {}",
                num(c.total, lang),
                num(a as u64, lang),
                pct(c.pct_of_allocation, lang)
            ),
            None => num(c.total, lang),
        };
        let cursor = if i == sel { "›" } else { " " };
        let nw = w.saturating_sub(alloc.chars().count() + 4);
        let text = format!("{cursor}{mark} {:<nw$} {alloc}", fit(&format!("{} {}", c.code, c.name), nw));
        let style = if i == sel { th.selected() } else { th.base() };
        buf.set_stringn(area.x, y, fit(&text, w), w, style);
        y += 1;
    }
}

/// Years side by side with their plan, range and the cumulative totals.
pub fn term(f: &mut Frame, area: Rect, t: &TermView, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let w = area.width as usize;
    let buf = f.buffer_mut();
    buf.set_stringn(area.x, area.y, fit(ctx.t(T::TermTitle), w), w, th.title());
    let head = format!(
        "{:<6}{:>9}{:>9}{:>8}{:>15}{:>11}{:>14}",
        ctx.t(T::Year),
        ctx.t(T::DashTotal),
        ctx.t(T::AdmPlan),
        "%",
        ctx.t(T::AdmRange),
        ctx.t(T::TermCum),
        ctx.t(T::TermCumPlan)
    );
    buf.set_stringn(area.x, area.y + 1, fit(&head, w), w, th.label());
    let legend_y = area.bottom().saturating_sub(1);
    buf.set_stringn(area.x, legend_y, fit(ctx.t(T::TermLegend), w), w, th.dim());
    let area = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let mut y = area.y + 2;
    for term in &t.terms {
        if y >= area.bottom() {
            return;
        }
        buf.set_stringn(area.x, y, fit(lang.pick(&term.name_vi, &term.name_en), w), w, th.label());
        y += 1;
        for r in t.years.iter().filter(|r| r.year >= term.from && r.year <= term.to) {
            if y >= area.bottom() {
                return;
            }
            let range = r
                .range
                .map(|(lo, hi)| format!("{}–{}", num(lo as u64, lang), num(hi as u64, lang)))
                .unwrap_or_else(|| "—".into());
            let mark = match r.within_range {
                _ if r.future => " ",
                Some(true) => "✓",
                Some(false) => "✗",
                None => " ",
            };
            // A year to come: its plan, no actuals ("…").
            let actual = |n: u64| if r.future { "…".to_string() } else { num(n, lang) };
            let text = format!(
                "{:<6}{:>9}{:>9}{:>8}{:>14}{mark}{:>11}{:>14}",
                r.year,
                actual(r.total),
                r.plan.map(|p| num(p as u64, lang)).unwrap_or_else(|| "—".into()),
                if r.future { "…".to_string() } else { pct(r.pct_of_plan, lang) },
                range,
                actual(r.cumulative),
                r.cumulative_plan.map(|p| num(p, lang)).unwrap_or_else(|| "—".into()),
            );
            buf.set_stringn(area.x, y, fit(&text, w), w, th.base());
            y += 1;
        }
    }
}
