//! The classification footer's lines: levels of the organisations, of the
//! grassroots organisations and of the members against the programme's
//! target, and the 20% caps, all as the domain computed them.

use super::data::{Counts, Footer, INDICATOR_PCT_LABEL};
use crate::domain::numfmt::{int, pct};
use crate::domain::rules::Regulation;
use crate::domain::{Lang, Level};
use crate::tui::i18n::T;
use unicode_width::UnicodeWidthStr;

/// "✓>75%" or "✗≤75%" from the domain's verdict (nothing when nothing is rated).
fn against_target(met: Option<bool>) -> String {
    match met {
        Some(true) => format!("✓>{INDICATOR_PCT_LABEL}%"),
        Some(false) => format!("✗≤{INDICATOR_PCT_LABEL}%"),
        None => String::new(),
    }
}

fn levels(c: &Counts, lang: Lang) -> String {
    Level::ALL
        .iter()
        .map(|l| format!("{}{}", l.symbol(), int(c.by_level[l.index()], lang)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The footer's lines for a width: levels of the organisations, of the
/// grassroots organisations, of the members, and the 20% caps after the
/// members or, when they do not fit there, on a line of their own.
pub fn footer_lines(ft: &Footer, regulation: Option<Regulation>, width: usize, compact: bool, lang: Lang) -> Vec<String> {
    let t = |t: T| t.get(lang);
    let o = &ft.orgs;
    let g = &ft.grassroots;
    let l1 = format!(
        "{} {}/{} · {} {} · {} {} {}",
        t(T::ClRated),
        int(o.rated, lang),
        int(o.total, lang),
        t(T::ClOrgs),
        levels(o, lang),
        t(T::ClGoodShare),
        pct(o.good_pct(), lang),
        against_target(o.indicator().met)
    );
    let l2 = format!(
        "{} {}/{} · {} · {} {} {} · ! {} {}",
        t(T::ClGrassroots),
        int(g.rated, lang),
        int(g.total, lang),
        levels(g, lang),
        t(T::ClGoodShare),
        pct(g.good_pct(), lang),
        against_target(g.indicator().met),
        ft.findings,
        t(T::ClFindingsWord)
    );
    let m = &ft.members;
    let mp = ft.member_good_pct();
    let mmet = ft.members_indicator().met;
    // Compact: the share without its label, as on the line above.
    let share_label = if compact {
        String::new()
    } else {
        format!("{} ", t(T::ClGoodShare))
    };
    let l3 = format!(
        "{} ★{} ●{} ○{} ✗{} {} {} · {}{} {}",
        t(T::MembersShort),
        int(m.htxs as u64, lang),
        int(m.htt as u64, lang),
        int(m.ht as u64, lang),
        int(m.kht as u64, lang),
        t(T::ClNotRatedShort),
        int(m.not_rated as u64, lang),
        share_label,
        pct(mp, lang),
        against_target(mmet),
    );
    // Only the caps the year's rulebook applies (used / allowed).
    let mut caps = Vec::new();
    if ft.member_cap {
        caps.push(format!(
            "{} ★{}/{}",
            t(T::MembersShort),
            int(m.htxs as u64, lang),
            int(ft.member_cap_allowed, lang)
        ));
    }
    if ft.org_cap {
        caps.push(format!(
            "{} ★{}/{}",
            t(T::ClOrgs),
            int(ft.org_cap_used, lang),
            int(ft.org_cap_allowed, lang)
        ));
        if regulation == Some(Regulation::Qd366) {
            // Not confirmed under QĐ 366: applied by setting (`thuky settings`).
            caps.push(t(T::ClCapBySetting).to_string());
        }
    }
    // Compact: the organisations and the grassroots ones on one line.
    let head = if compact {
        vec![format!(
            "{} {}/{} {} {} {} · {} {}/{} {} {} · ! {}",
            t(T::ClRated),
            int(o.rated, lang),
            int(o.total, lang),
            levels(o, lang),
            pct(o.good_pct(), lang),
            against_target(o.indicator().met),
            t(T::ClGrassroots),
            int(g.rated, lang),
            int(g.total, lang),
            pct(g.good_pct(), lang),
            against_target(g.indicator().met),
            ft.findings
        )]
    } else {
        vec![l1, l2]
    };
    // An empty mark (no share yet) leaves a double space.
    let mut lines: Vec<String> = head
        .iter()
        .chain([&l3])
        .map(|l| l.replace("  ", " ").trim_end().to_string())
        .collect();
    if !caps.is_empty() {
        let caps = format!("{}: {}", t(T::ClCaps), caps.join(" "));
        let last = lines.last_mut().expect("the members' line");
        if last.width() + 3 + caps.width() <= width {
            last.push_str(&format!(" · {caps}"));
        } else {
            lines.push(caps);
        }
    }
    lines
}
