//! Drawing the classification screen: title, grid, detail, footer, and the
//! paste preview, findings list and five-year comparison over it. Meaning is
//! never carried by colour alone: levels have symbols, findings "!" (errors)
//! or "?" (warnings), targets ✓ / ✗.

use super::data::{Counts, PasteValue, INDICATOR_PCT_LABEL};
use super::{decision_text, fmt_score, ClassifyScreen, Mode};
use crate::domain::rules::{Regulation, Severity};
use crate::domain::Level;
use crate::tui::i18n::{self, T};
use crate::tui::keymap::{Action, Layer};
use crate::tui::screens::{clamp_scroll, fit};
use crate::tui::state::Ctx;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

fn pct(p: Option<f64>) -> String {
    p.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "—".into())
}

/// "✓>75%" or "✗≤75%" from the domain's verdict (nothing when nothing is rated).
fn against_target(met: Option<bool>) -> String {
    match met {
        Some(true) => format!("✓>{INDICATOR_PCT_LABEL}%"),
        Some(false) => format!("✗≤{INDICATOR_PCT_LABEL}%"),
        None => String::new(),
    }
}

fn levels(c: &Counts) -> String {
    Level::ALL
        .iter()
        .map(|l| format!("{}{}", l.symbol(), c.by_level[l.index()]))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn level_cell(l: Option<Level>) -> String {
    match l {
        Some(l) => format!("{} {}", l.symbol(), l.short()),
        None => "·".into(),
    }
}

fn value_text(v: &PasteValue) -> String {
    let t = |t: &crate::domain::Tallies| format!("{}/{}/{}/{}/{}", t.htxs, t.htt, t.ht, t.kht, t.not_rated);
    match v {
        PasteValue::Level(l) => level_cell(Some(*l)),
        PasteValue::Score(s) => format!("{} → {}", fmt_score(*s), level_cell(Some(Level::from_score(*s)))),
        PasteValue::Tallies(x) => t(x),
        PasteValue::LevelTallies(l, x) => format!("{} {}", level_cell(Some(*l)), t(x)),
        PasteValue::ScoreTallies(s, x) => format!("{} → {} {}", fmt_score(*s), level_cell(Some(Level::from_score(*s))), t(x)),
    }
}

pub(super) fn render(s: &mut ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    if area.height < 8 || area.width < 30 {
        return;
    }
    let Some(d) = s.data.as_ref() else {
        Paragraph::new(ctx.t(T::ClNoData))
            .style(th.dim())
            .wrap(Wrap { trim: true })
            .render(area, f.buffer_mut());
        return;
    };
    let lang = ctx.lang;
    let w = area.width as usize;
    // Title: year, regulation, scope, filters.
    let mut title = format!(" {} {}", ctx.t(T::ScreenClass), d.year);
    if let Some(r) = d.regulation {
        title.push_str(&format!(" · {}", r.decision()));
    }
    // Before the scope: on a narrow terminal the end of the title is cut.
    if let Some(dec) = &s.decision {
        title.push_str(&format!(" · {}: {}", ctx.t(T::ClDecision), decision_text(dec, lang)));
    }
    let scope_name = s
        .scope_id()
        .and_then(|id| d.row(id))
        .map(|r| r.name.clone())
        .unwrap_or_else(|| ctx.t(T::ClWholeCity).to_string());
    title.push_str(&format!(" · {}: {}", ctx.t(T::ClScope), scope_name));
    let mut flags = Vec::new();
    if s.unrated_only {
        flags.push(ctx.t(T::ClUnratedFlag));
    }
    if s.findings_only {
        flags.push(ctx.t(T::ClFindingsFlag));
    }
    if s.grassroots_only {
        flags.push(ctx.t(T::ClGrassrootsFlag));
    }
    if !flags.is_empty() {
        title.push_str(&format!(" · [{}]", flags.join(", ")));
    }

    let buf = f.buffer_mut();
    buf.set_stringn(area.x, area.y, fit(&title, w), w, th.title());
    let mut y = area.y + 1;
    // Name filter line.
    let filter_input = match &s.mode {
        Mode::Filter(input) => Some(input),
        _ => None,
    };
    if filter_input.is_some() || !s.name_filter.is_empty() {
        let label = format!("/ {}: ", ctx.t(T::FilterLabel));
        let count = i18n::filter_count(lang, s.visible.len());
        buf.set_stringn(area.x, y, &label, w, th.key());
        let lw = label.width() as u16;
        let field = Rect::new(area.x + lw, y, area.width.saturating_sub(lw + count.width() as u16 + 1), 1);
        let input = filter_input
            .cloned()
            .unwrap_or_else(|| crate::tui::input::TextInput::new(&s.name_filter));
        let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
        buf.set_stringn(area.right().saturating_sub(count.width() as u16), y, &count, w, th.dim());
        if filter_input.is_some() {
            f.set_cursor_position(Position::new(pos.x, pos.y));
        }
        y += 1;
    }
    let side = area.width >= 110;
    let footer = footer_lines(s, area.width as usize, ctx);
    let footer_h = 1 + footer.len() as u16;
    let detail_h = if side { 0 } else { 5u16.min(area.height / 4 + 1) };
    let bottom = area.bottom().saturating_sub(footer_h);
    let grid_w = if side { area.width - 38 } else { area.width };
    let grid = Rect::new(area.x, y, grid_w, bottom.saturating_sub(y + detail_h));
    render_grid(s, f, grid, ctx);
    let detail = if side {
        Rect::new(area.x + grid_w, y, area.width - grid_w, bottom.saturating_sub(y))
    } else {
        Rect::new(area.x, bottom - detail_h, area.width, detail_h)
    };
    render_detail(s, f, detail, side, ctx);
    render_footer(&footer, f, Rect::new(area.x, bottom, area.width, footer_h), ctx);
    let over = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    match &s.mode {
        Mode::Paste(_) => render_paste(s, f, over, ctx),
        Mode::Findings { .. } => render_findings(s, f, over, ctx),
        Mode::Compare(_) => render_compare(s, f, over, ctx),
        Mode::Decision(_) => render_decision_edit(s, f, over, ctx),
        Mode::Grid | Mode::Filter(_) | Mode::Editor(_) => {}
    }
}

/// The decision being typed: two labelled fields and the keys.
fn render_decision_edit(s: &ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let Mode::Decision(e) = &s.mode else { return };
    let inner = popup(f, area, 72, 6, ctx.t(T::ClDecisionTitle), ctx);
    if inner.height < 3 {
        return;
    }
    let labels = [ctx.t(T::ClDecisionNumber), ctx.t(T::ClDecisionDate)];
    let lw = labels.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 2;
    let mut cursor = None;
    for (i, (label, input)) in labels.iter().zip(&e.fields).enumerate() {
        let y = inner.y + i as u16;
        let focus = i == e.focus;
        let buf = f.buffer_mut();
        buf.set_stringn(
            inner.x,
            y,
            format!("{label}:"),
            lw as usize,
            if focus { th.key() } else { th.label() },
        );
        let field = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw), 1);
        let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
        if focus {
            cursor = Some(pos);
        }
    }
    let w = inner.width as usize;
    let keys = fit(&ctx.keymap.hint_line(Layer::Decision, ctx.lang), w);
    f.buffer_mut().set_stringn(inner.x, inner.y + 2, keys, w, th.dim());
    if let Some(pos) = cursor {
        f.set_cursor_position(pos);
    }
}

struct Cols {
    code: usize,
    name: usize,
    tally: usize,
    score: bool,
}

fn columns(width: usize, score: bool) -> Cols {
    let code = if width >= 100 { 12 } else { 9 };
    let tally = if width >= 100 { 6 } else { 5 };
    let fixed = 2 + code + 1 + 5 + 7 + 7 + if score { 5 } else { 0 } + 5 * tally;
    Cols {
        code,
        name: width.saturating_sub(fixed).max(6),
        tally,
        score,
    }
}

fn render_grid(s: &mut ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let Some(d) = s.data.as_ref() else { return };
    if area.height < 2 {
        return;
    }
    let w = area.width as usize;
    let c = columns(w, s.scores());
    let buf = f.buffer_mut();
    let mut header = format!(
        "  {:<cw$} {:<nw$}{:<5}{:>7} {:<6}",
        ctx.t(T::Code),
        fit(ctx.t(T::Name), c.name),
        ctx.t(T::Kind),
        ctx.t(T::MembersShort),
        ctx.t(T::ClLevel),
        cw = c.code,
        nw = c.name
    );
    if c.score {
        header.push_str(&format!("{:>5}", ctx.t(T::ClScore)));
    }
    for l in Level::ALL {
        header.push_str(&format!("{:>tw$}", l.short(), tw = c.tally));
    }
    header.push_str(&format!("{:>tw$}", ctx.t(T::ClNotRatedShort), tw = c.tally));
    buf.set_stringn(area.x, area.y, fit(&header, w), w, th.dim());
    let top = area.y + 1;
    let height = (area.bottom() - top) as usize;
    s.page = height.max(1);
    if s.visible.is_empty() {
        let msg = if d.rows.is_empty() { ctx.t(T::ClNoRows) } else { ctx.t(T::NoMatch) };
        Paragraph::new(msg)
            .style(th.dim())
            .wrap(Wrap { trim: true })
            .render(Rect::new(area.x, top, area.width, height as u16), buf);
        return;
    }
    clamp_scroll(&mut s.selected, &mut s.offset, s.visible.len(), height);
    let base_depth = s.scope_id().and_then(|id| d.row(id)).map(|r| r.depth + 1).unwrap_or(1);
    for (pos, &i) in s.visible.iter().enumerate().skip(s.offset).take(height) {
        let r = &d.rows[i];
        let selected = pos == s.selected;
        let base = if selected { th.selected() } else { th.base() };
        let ry = top + (pos - s.offset) as u16;
        buf.set_style(Rect::new(area.x, ry, area.width, 1), base);
        let mark = if d.findings_of(r.id).any(|fd| fd.severity == Severity::Error) {
            "!"
        } else if d.has_findings(r.id) {
            "?"
        } else {
            " "
        };
        let mark_style = if selected {
            base
        } else if mark == "!" {
            th.error()
        } else {
            th.dim()
        };
        if selected {
            buf.set_stringn(area.x, ry, "›", 1, base.add_modifier(Modifier::BOLD));
        }
        buf.set_stringn(area.x + 1, ry, mark, 1, mark_style.add_modifier(Modifier::BOLD));
        let indent = (r.depth.saturating_sub(base_depth) as usize).min(c.name / 3);
        let name = format!("{:indent$}{}", "", r.name, indent = indent);
        let left = format!(
            "{:<cw$} {:<nw$}",
            fit(&r.code, c.code),
            fit(&name, c.name.saturating_sub(1)),
            cw = c.code,
            nw = c.name
        );
        let (x, _) = buf.set_stringn(area.x + 2, ry, &left, w.saturating_sub(2), base);
        let mid = format!("{:<5}{:>7} ", r.kind.tag(), r.total_members);
        let (x, _) = buf.set_stringn(x, ry, &mid, 13, base);
        let class = r.class.as_ref();
        let lvl = level_cell(class.map(|c| c.level));
        let lstyle = match class {
            Some(cl) if !selected => th.level(cl.level),
            None if !selected => th.dim(),
            _ => base,
        };
        buf.set_stringn(x, ry, format!("{lvl:<6}"), 6, lstyle);
        let mut x = x + 6;
        if c.score {
            let sc = class.and_then(|c| c.score).map(fmt_score).unwrap_or_default();
            let (nx, _) = buf.set_stringn(x, ry, format!("{sc:>5}"), 5, base);
            x = nx;
        }
        if let Some(t) = class.and_then(|c| c.members) {
            let mut text = String::new();
            for v in [t.htxs, t.htt, t.ht, t.kht, t.not_rated] {
                text.push_str(&format!("{v:>tw$}", tw = c.tally));
            }
            let ok = t.sum() == r.total_members as u64;
            buf.set_stringn(
                x,
                ry,
                &text,
                area.right().saturating_sub(x) as usize,
                if ok || selected { base } else { th.error() },
            );
        }
    }
}

fn render_detail(s: &ClassifyScreen, f: &mut Frame, area: Rect, side: bool, ctx: &Ctx) {
    let th = &ctx.theme;
    let lang = ctx.lang;
    let Some(d) = s.data.as_ref() else { return };
    let block = Block::default()
        .borders(if side { Borders::LEFT } else { Borders::TOP })
        .border_style(th.border())
        .title(format!(" {} ", ctx.t(T::Detail)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    let Some(r) = s.current() else { return };
    let label = |t: T| Span::styled(format!("{} ", t.get(lang)), th.label());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", r.code), th.key()),
        Span::styled(r.name.clone(), th.base().add_modifier(Modifier::BOLD)),
    ])];
    let mut second = vec![Span::raw(format!(
        "{} · {} {} · ",
        i18n::kind_name(lang, r.kind),
        ctx.t(T::MembersShort),
        r.total_members
    ))];
    match &r.class {
        Some(c) => {
            second.push(Span::styled(
                format!("{} {}", c.level.symbol(), lang.pick(c.level.name_vi(), c.level.name_en())),
                th.level(c.level),
            ));
            if let Some(sc) = c.score {
                second.push(Span::raw(format!(" · {} {}", ctx.t(T::ClScore), fmt_score(sc))));
            }
            let when = c.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M");
            second.push(Span::raw(" · "));
            second.push(label(T::ClBy));
            second.push(Span::raw(format!("{} {when} (v{})", c.by, c.version)));
            if let Some(number) = &c.decision {
                let dec = super::Decision {
                    number: number.clone(),
                    date: c.decided,
                };
                second.push(Span::raw(" · "));
                second.push(label(T::ClDecision));
                second.push(Span::raw(decision_text(&dec, lang)));
            }
        }
        None => second.push(Span::styled(ctx.t(T::ClUnrated), th.dim())),
    }
    lines.push(Line::from(second));
    let mut finding_lines = Vec::new();
    for fd in d.findings_of(r.id) {
        let (mark, st) = if fd.severity == Severity::Error {
            ("!", th.error())
        } else {
            ("?", th.dim())
        };
        finding_lines.push(Line::from(vec![
            Span::styled(format!("{mark} {}: ", fd.severity.label(lang)), st),
            Span::raw(fd.message(lang)),
            Span::styled(format!(" ({})", fd.source()), th.label()),
        ]));
    }
    let editing = s.edit().is_some_and(|e| e.id == r.id);
    let mut edit_cursor = None;
    match s.edit().filter(|e| e.id == r.id) {
        Some(e) => {
            let mut spans = Vec::new();
            let names: Vec<String> = {
                let mut v = Vec::new();
                if e.score {
                    v.push(ctx.t(T::ClScore).to_string());
                }
                v.extend(Level::ALL.iter().map(|l| l.short().to_string()));
                v.push(ctx.t(T::ClNotRatedShort).to_string());
                v
            };
            for (i, (name, input)) in names.iter().zip(&e.fields).enumerate() {
                let focus = i == e.focus;
                spans.push(Span::styled(format!("{name}["), if focus { th.key() } else { th.label() }));
                let text = format!("{:>4}", input.text());
                // A selected value (the next key replaces it) is shown reversed.
                let selected = if focus && input.is_selected() {
                    Modifier::REVERSED
                } else {
                    Modifier::empty()
                };
                spans.push(Span::styled(
                    text,
                    if focus {
                        th.highlight().add_modifier(Modifier::UNDERLINED | selected)
                    } else {
                        th.base().add_modifier(Modifier::UNDERLINED)
                    },
                ));
                spans.push(Span::styled("] ", if focus { th.key() } else { th.label() }));
                if focus {
                    edit_cursor = Some(i);
                }
                if e.score && i == 0 {
                    if let Ok(v) = super::data::parse_score(&input.text(), lang) {
                        spans.push(Span::styled(format!("→{} ", level_cell(Some(Level::from_score(v)))), th.dim()));
                    }
                }
            }
            let sum = e.typed_tallies().ok().flatten().map(|t| t.sum()).unwrap_or(0);
            let m = r.total_members as u64;
            let (mark, st) = if sum == m {
                ("✓".to_string(), th.ok())
            } else if sum > m {
                (format!("✗ +{}", sum - m), th.error())
            } else {
                (format!("… −{}", m - sum), th.dim())
            };
            spans.push(Span::styled(format!("Σ {sum}/{m} {mark}"), st));
            lines.push(Line::from(spans));
            lines.push(Line::from(Span::styled(ctx.keymap.hint_line(Layer::Editor, lang), th.dim())));
        }
        None => {
            lines.append(&mut finding_lines);
            if let Some(t) = r.class.as_ref().and_then(|c| c.members) {
                let sum = t.sum();
                let m = r.total_members as u64;
                let mark = if sum == m { "✓".to_string() } else { format!("✗ ≠ {m}") };
                lines.push(Line::from(vec![
                    label(T::Members),
                    Span::raw(format!(
                        "HTXS {} · HTT {} · HT {} · KHT {} · {} {} · Σ {sum}/{m} {mark}",
                        t.htxs,
                        t.htt,
                        t.ht,
                        t.kht,
                        ctx.t(T::ClNotRatedShort),
                        t.not_rated
                    )),
                ]));
            }
        }
    }
    if editing {
        lines.extend(finding_lines);
    }
    let _ = edit_cursor;
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, f.buffer_mut());
}

/// The footer's lines for a width: levels of the organisations, of the
/// grassroots organisations, of the members, and the 20% caps after the
/// members or, when they do not fit there, on a line of their own.
fn footer_lines(s: &ClassifyScreen, width: usize, ctx: &Ctx) -> Vec<String> {
    let ft = &s.footer;
    let o = &ft.orgs;
    let g = &ft.grassroots;
    let l1 = format!(
        "{} {}/{} · {} {} · {} {} {}",
        ctx.t(T::ClRated),
        o.rated,
        o.total,
        ctx.t(T::ClOrgs),
        levels(o),
        ctx.t(T::ClGoodShare),
        pct(o.good_pct()),
        against_target(o.indicator().met)
    );
    let l2 = format!(
        "{} {}/{} · {} · {} {} {} · ! {} {}",
        ctx.t(T::ClGrassroots),
        g.rated,
        g.total,
        levels(g),
        ctx.t(T::ClGoodShare),
        pct(g.good_pct()),
        against_target(g.indicator().met),
        ft.findings,
        ctx.t(T::ClFindingsWord)
    );
    let m = &ft.members;
    let mp = ft.member_good_pct();
    let mmet = ft.members_indicator().met;
    let l3 = format!(
        "{} ★{} ●{} ○{} ✗{} {} {} · {} {} {}",
        ctx.t(T::MembersShort),
        m.htxs,
        m.htt,
        m.ht,
        m.kht,
        ctx.t(T::ClNotRatedShort),
        m.not_rated,
        ctx.t(T::ClGoodShare),
        pct(mp),
        against_target(mmet),
    );
    // Only the caps the year's rulebook applies (used / allowed).
    let mut caps = Vec::new();
    if ft.member_cap {
        caps.push(format!("{} ★{}/{}", ctx.t(T::MembersShort), m.htxs, ft.member_cap_allowed));
    }
    if ft.org_cap {
        caps.push(format!("{} ★{}/{}", ctx.t(T::ClOrgs), ft.org_cap_used, ft.org_cap_allowed));
        if s.data.as_ref().and_then(|d| d.regulation) == Some(Regulation::Qd366) {
            // Not confirmed under QĐ 366: applied by setting (`thuky settings`).
            caps.push(ctx.t(T::ClCapBySetting).to_string());
        }
    }
    // An empty mark (no share yet) leaves a double space.
    let mut lines: Vec<String> = [l1, l2, l3].iter().map(|l| l.replace("  ", " ").trim_end().to_string()).collect();
    if !caps.is_empty() {
        let caps = format!("{}: {}", ctx.t(T::ClCaps), caps.join(" "));
        let last = lines.last_mut().expect("three lines");
        if last.width() + 3 + caps.width() <= width {
            last.push_str(&format!(" · {caps}"));
        } else {
            lines.push(caps);
        }
    }
    lines
}

fn render_footer(lines: &[String], f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(th.border())
        .title(format!(" {} ", ctx.t(T::ClSummary)))
        .title_style(th.title());
    let inner = block.inner(area);
    block.render(area, f.buffer_mut());
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    for (i, l) in lines.iter().enumerate().take(inner.height as usize) {
        buf.set_stringn(inner.x, inner.y + i as u16, fit(l, w), w, th.base());
    }
}

fn popup(f: &mut Frame, area: Rect, width: u16, height: u16, title: &str, ctx: &Ctx) -> Rect {
    crate::tui::screens::popup(f, area, width, height, title, &ctx.theme)
}

fn render_paste(s: &ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let (Mode::Paste(plan), Some(d)) = (&s.mode, s.data.as_ref()) else {
        return;
    };
    // The reason a paste stops, wrapped whole under the rows.
    let wrap_w = (area.width.min(90) as usize).saturating_sub(2).max(10);
    let stop: Vec<String> = plan
        .stop
        .as_ref()
        .map(|(n, code, why)| {
            let text = format!("✗ {}", super::paste_stop(ctx.lang, *n, code.as_deref(), why));
            textwrap::wrap(&text, wrap_w).into_iter().map(|l| l.into_owned()).collect()
        })
        .unwrap_or_default();
    let want = plan.items.len() as u16 + 4 + stop.len() as u16;
    let inner = popup(f, area, 90, want, ctx.t(T::ClPasteTitle), ctx);
    let w = inner.width as usize;
    let list_h = inner.height.saturating_sub(2 + stop.len() as u16) as usize;
    let buf = f.buffer_mut();
    let skip = plan.items.len().saturating_sub(list_h);
    for (n, (id, v)) in plan.items.iter().enumerate().skip(skip).take(list_h) {
        let Some(r) = d.row(*id) else { continue };
        let old = level_cell(r.class.as_ref().map(|c| c.level));
        let text = format!("{:>3} {} {} : {old} → {}", n + 1, r.code, r.name, value_text(v));
        let right = format!(" : {old} → {}", value_text(v));
        let head = format!("{:>3} {} ", n + 1, r.code);
        let name_w = w.saturating_sub(head.width() + right.width());
        let line = if text.width() <= w {
            text
        } else {
            format!("{head}{}{right}", fit(&r.name, name_w))
        };
        buf.set_stringn(inner.x, inner.y + (n - skip) as u16, fit(&line, w), w, th.base());
    }
    let first = inner.bottom().saturating_sub(1 + stop.len() as u16).max(inner.y);
    for (i, l) in stop.iter().enumerate() {
        let y = first + i as u16;
        if y < inner.bottom().saturating_sub(1) {
            buf.set_stringn(inner.x, y, fit(l, w), w, th.error());
        }
    }
    let km = &ctx.keymap;
    let keys = format!(
        "{}: {} {} {} · {}: {}",
        km.reaching_label(Layer::Paste, Action::PasteWrite),
        ctx.t(T::HintWrite),
        plan.items.len(),
        ctx.t(T::ClRowsWord),
        km.reaching_label(Layer::Paste, Action::PasteCancel),
        ctx.t(T::HintCancel)
    );
    buf.set_stringn(inner.x, inner.bottom().saturating_sub(1), fit(&keys, w), w, th.key());
}

fn render_findings(s: &mut ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let list = s.scope_findings();
    let Some(d) = s.data.as_ref() else { return };
    let Mode::Findings { selected, offset } = &mut s.mode else {
        return;
    };
    let title = format!("{} ({})", ctx.t(T::ClFindingsTitle), list.len());
    let inner = popup(f, area, area.width, area.height, &title, ctx);
    let w = inner.width as usize;
    let height = inner.height.saturating_sub(1) as usize;
    clamp_scroll(selected, offset, list.len(), height);
    let buf = f.buffer_mut();
    for (pos, fi) in list.iter().enumerate().skip(*offset).take(height) {
        let fd = &d.findings[*fi];
        let (code, name) = d
            .row(fd.org)
            .map(|r| (r.code.clone(), r.name.clone()))
            .unwrap_or_else(|| (String::new(), ctx.t(T::ClWholeCity).to_string()));
        let mark = if fd.severity == Severity::Error { "!" } else { "?" };
        let sel = if pos == *selected { "›" } else { " " };
        let line = format!("{sel}{mark} {code} {name}: {} ({})", fd.message(ctx.lang), fd.source());
        let st = if pos == *selected {
            th.selected()
        } else if mark == "!" {
            th.base()
        } else {
            th.dim()
        };
        let y = inner.y + (pos - *offset) as u16;
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), st);
        buf.set_stringn(inner.x, y, fit(&line, w), w, st);
    }
    buf.set_stringn(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(&ctx.keymap.hint_line(Layer::Findings, ctx.lang), w),
        w,
        th.dim(),
    );
}

fn render_compare(s: &ClassifyScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let Mode::Compare(rows) = &s.mode else { return };
    let scope_name = s
        .scope_id()
        .and_then(|id| s.data.as_ref()?.row(id))
        .map(|r| r.name.clone())
        .unwrap_or_else(|| ctx.t(T::ClWholeCity).to_string());
    let title = format!("{} · {scope_name}", ctx.t(T::ClCompareTitle));
    let inner = popup(f, area, 84, rows.len() as u16 * 2 + 7, &title, ctx);
    let w = inner.width as usize;
    let buf = f.buffer_mut();
    let head = format!(
        "{:<5} {:>11} {:<24} {:>8} {:>8} {:>8}",
        ctx.t(T::Year),
        ctx.t(T::ClRated),
        ctx.t(T::ClOrgs),
        ctx.t(T::ClOrgs),
        ctx.t(T::ClGrassroots),
        ctx.t(T::MembersShort)
    );
    buf.set_stringn(inner.x, inner.y, fit(&head, w), w, th.dim());
    let sub = format!("{:<5} {:>11} {:<24} {:>26}", "", "", "★ ● ○ ✗", ctx.t(T::ClGoodShare));
    buf.set_stringn(inner.x, inner.y + 1, fit(&sub, w), w, th.dim());
    let mut prev: Option<[Option<f64>; 3]> = None;
    for (y, row) in (inner.y + 2..).zip(rows.iter()) {
        if y >= inner.bottom().saturating_sub(2) {
            break;
        }
        let line = match &row.report {
            Some(r) => {
                let o = &r.organisations;
                let shares = [o.good_or_better_pct, r.grassroots.good_or_better_pct, r.members.good_or_better_pct];
                let marks: Vec<&str> = shares
                    .iter()
                    .enumerate()
                    .map(|(i, now)| match (prev.and_then(|p| p[i]), now) {
                        (Some(a), Some(b)) if (a - b).abs() >= 10.0 => "‼",
                        _ => " ",
                    })
                    .collect();
                prev = Some(shares);
                let lv = format!("★{} ●{} ○{} ✗{}", o.htxs, o.htt, o.ht, o.kht);
                format!(
                    "{:<5} {:>11} {:<24} {:>7}{} {:>7}{} {:>7}{}",
                    row.year,
                    format!("{}/{}", o.rated, o.rated + o.unrated),
                    lv,
                    pct(shares[0]),
                    marks[0],
                    pct(shares[1]),
                    marks[1],
                    pct(shares[2]),
                    marks[2]
                )
            }
            None => {
                prev = None;
                format!("{:<5} {}", row.year, ctx.t(T::ClNotInTree))
            }
        };
        let current = row.year == s.data.as_ref().map(|d| d.year).unwrap_or(0);
        let st = if current {
            th.base().add_modifier(Modifier::BOLD)
        } else {
            th.base()
        };
        buf.set_stringn(inner.x, y, fit(&line, w), w, st);
    }
    let legend = format!("‼ {} · {}: >{INDICATOR_PCT_LABEL}%", ctx.t(T::ClSuddenChange), ctx.t(T::ClTarget));
    buf.set_stringn(inner.x, inner.bottom().saturating_sub(2), fit(&legend, w), w, th.dim());
    buf.set_stringn(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(&ctx.keymap.hint_line(Layer::Compare, ctx.lang), w),
        w,
        th.dim(),
    );
}
