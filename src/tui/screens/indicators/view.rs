//! Draws the indicators and their trend (a bar per year with the 75% mark,
//! ✓/✗ verdicts: readable without colour and at 80x24).

use super::FIGURES;
use crate::domain::indicators::{IndicatorView, Share};
use crate::domain::Lang;
use crate::tui::i18n::{self, T};
use crate::tui::screens::admissions::fmt::{num, pct};
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;

/// The verdict of a share as the service gave it.
fn verdict(s: &Share, lang: Lang) -> String {
    i18n::indicator_verdict(lang, s.met).unwrap_or_else(|| T::IndNoneRated.get(lang).to_string())
}

fn mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "·",
    }
}

fn share(s: &Share, lang: Lang) -> String {
    format!(
        "{} ({}/{}) {}",
        pct(s.pct, lang),
        num(s.good, lang),
        num(s.rated, lang),
        verdict(s, lang)
    )
}

/// The text of each figure (label, value).
fn figures(v: &IndicatorView, ctx: &Ctx) -> Vec<(String, String)> {
    let lang = ctx.lang;
    let a = &v.admissions;
    let mut adm = num(a.total, lang);
    if let Some(p) = a.plan {
        adm.push_str(&format!(
            " / {} {} ({})",
            ctx.t(T::AdmPlan),
            num(p as u64, lang),
            pct(a.pct_of_plan, lang)
        ));
        adm.push_str(if a.plan_met == Some(true) { " ✓" } else { " ✗" });
    }
    if let Some((lo, hi)) = a.range {
        let word = match a.within_range {
            Some(true) => ctx.t(T::DashWithin),
            _ if a.total < lo as u64 => ctx.t(T::DashBelow),
            _ => ctx.t(T::DashAbove),
        };
        adm.push_str(&format!(
            " · {} {}–{}: {word}",
            ctx.t(T::AdmRange),
            num(lo as u64, lang),
            num(hi as u64, lang)
        ));
    }
    FIGURES
        .iter()
        .map(|f| match f {
            super::Figure::Organisations => (ctx.t(T::IndOrgs), share(&v.organisations, lang)),
            super::Figure::Grassroots => (ctx.t(T::IndGrassroots), share(&v.grassroots, lang)),
            super::Figure::Members => (ctx.t(T::IndMembers), share(&v.members, lang)),
            super::Figure::Admissions => (ctx.t(T::IndAdmissions), adm.clone()),
            super::Figure::Unrated => (
                ctx.t(T::IndUnrated),
                format!(
                    "{} {} · {} {}",
                    num(v.unrated_organisations, lang),
                    ctx.t(T::IndOrgsWord),
                    num(v.unrated_grassroots, lang),
                    ctx.t(T::IndGrassrootsWord)
                ),
            ),
            super::Figure::Findings => (
                ctx.t(T::IndFindings),
                format!(
                    "{} {} · {} {}",
                    v.findings_errors,
                    ctx.t(T::IndErrors),
                    v.findings_warnings,
                    ctx.t(T::IndWarnings)
                ),
            ),
        })
        .map(|(l, v)| (l.to_string(), v))
        .collect()
}

/// A bar of `width` cells for a share (0-100%) with `|` at 75%.
fn bar(p: Option<f64>, width: usize) -> String {
    let filled = p.map_or(0, |p| ((p.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize);
    let mark = (width * 3) / 4;
    (0..width)
        .map(|i| match (i == mark, i < filled) {
            (true, _) => '|',
            (false, true) => '█',
            (false, false) => '·',
        })
        .collect()
}

pub fn render(f: &mut Frame, area: Rect, v: Option<&IndicatorView>, trend: &[IndicatorView], sel: usize, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let w = area.width as usize;
    let buf = f.buffer_mut();
    let Some(v) = v else { return };
    let mut y = area.y;
    let title = format!("{} {} · {} {}", ctx.t(T::IndTitle), v.year, v.scope_code, v.scope_name);
    buf.set_stringn(area.x, y, fit(&title, w), w, th.title());
    y += 1;
    let lw = if w >= 110 { 42 } else { 28 };
    for (i, (label, value)) in figures(v, ctx).into_iter().enumerate() {
        if y >= area.bottom() {
            return;
        }
        let cursor = if i == sel { "›" } else { " " };
        let text = format!("{cursor}{:<lw$} {value}", fit(&label, lw));
        let style = if i == sel { th.selected() } else { th.base() };
        buf.set_stringn(area.x, y, fit(&text, w), w, style);
        y += 1;
    }
    y += 1;
    if y >= area.bottom() {
        return;
    }
    buf.set_stringn(area.x, y, fit(&i18n::indicator_trend(ctx.lang), w), w, th.label());
    y += 1;
    if y < area.bottom() {
        let head = format!("{:<6}{:<22} {}", ctx.t(T::Year), "0%", ctx.t(T::IndTrendHead));
        buf.set_stringn(area.x, y, fit(&head, w), w, th.dim());
        y += 1;
    }
    let bw = if w >= 110 { 40 } else { 20 };
    for t in trend {
        if y >= area.bottom() {
            return;
        }
        let text = format!(
            "{:<6}{} {:>6}{} {:>6}{} {:>6}{} · {}",
            t.year,
            bar(t.organisations.pct, bw),
            pct(t.organisations.pct, lang),
            mark(t.organisations.met),
            pct(t.grassroots.pct, lang),
            mark(t.grassroots.met),
            pct(t.members.pct, lang),
            mark(t.members.met),
            num(t.admissions.total, lang),
        );
        buf.set_stringn(area.x, y, fit(&text, w), w, th.base());
        y += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_bar_marks_75_percent() {
        assert_eq!(bar(Some(50.0), 8), "████··|·");
        assert_eq!(bar(Some(100.0), 8), "██████|█");
        assert_eq!(bar(None, 4), "···|");
    }
}
