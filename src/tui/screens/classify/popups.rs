//! The view-models of the grid's popups: the paste preview, the findings
//! list, the five-year comparison and the decision being typed.

use super::data::{PasteValue, INDICATOR_PCT_LABEL};
use super::model::{level_cell, Dims};
use super::{ClassifyScreen, Mode};
use crate::domain::numfmt::{dec, int, pct};
use crate::domain::rules::Severity;
use crate::domain::{Lang, Level};
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Keymap, Layer};
use crate::tui::screens::fit;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone)]
pub enum PopupModel {
    Paste {
        want_h: u16,
        title: String,
        rows: Vec<String>,
        stop: Vec<String>,
        keys: String,
    },
    Findings {
        title: String,
        /// (selected, error, text).
        rows: Vec<(bool, bool, String)>,
        keys: String,
    },
    Compare {
        want_h: u16,
        title: String,
        head: String,
        sub: String,
        /// (the year shown, text).
        rows: Vec<(bool, String)>,
        legend: String,
        keys: String,
    },
    Decision {
        labels: [String; 2],
        fields: [TextInput; 2],
        focus: usize,
        keys: String,
    },
}

fn value_text(v: &PasteValue, lang: Lang) -> String {
    let t = |t: &crate::domain::Tallies| {
        let n = |x: u32| int(x as u64, lang);
        format!("{}/{}/{}/{}/{}", n(t.htxs), n(t.htt), n(t.ht), n(t.kht), n(t.not_rated))
    };
    let fmt_score = |s: f64| dec(s, lang);
    match v {
        PasteValue::Level(l) => level_cell(Some(*l)),
        PasteValue::Score(s) => format!("{} → {}", fmt_score(*s), level_cell(Some(Level::from_score(*s)))),
        PasteValue::Tallies(x) => t(x),
        PasteValue::LevelTallies(l, x) => format!("{} {}", level_cell(Some(*l)), t(x)),
        PasteValue::ScoreTallies(s, x) => format!("{} → {} {}", fmt_score(*s), level_cell(Some(Level::from_score(*s))), t(x)),
    }
}

impl ClassifyScreen {
    pub(super) fn popup_model(&self, dims: Dims, lang: Lang, keymap: &Keymap) -> Option<PopupModel> {
        let d = self.win.as_ref()?;
        let t = |t: T| t.get(lang);
        match &self.mode {
            Mode::Grid | Mode::Filter(_) | Mode::Editor(_) => None,
            Mode::Decision(e) => Some(PopupModel::Decision {
                labels: [t(T::ClDecisionNumber).to_string(), t(T::ClDecisionDate).to_string()],
                fields: e.fields.clone(),
                focus: e.focus,
                keys: keymap.hint_line(Layer::Decision, lang),
            }),
            Mode::Paste(plan) => {
                // The reason a paste stops, wrapped whole under the rows.
                let wrap_w = dims.over_w.min(90).saturating_sub(2).max(10);
                let wrap = |text: String| -> Vec<String> { textwrap::wrap(&text, wrap_w).into_iter().map(|l| l.into_owned()).collect() };
                let mut stop: Vec<String> = Vec::new();
                if !plan.missing.is_empty() {
                    stop.extend(wrap(format!("✗ {}", super::missing_codes(lang, &plan.missing))));
                }
                if let Some((n, code, why)) = plan.stop.as_ref() {
                    stop.extend(wrap(format!("✗ {}", super::paste_stop(lang, *n, code.as_deref(), why))));
                }
                let want_h = plan.items.len() as u16 + 4 + stop.len() as u16;
                let w = dims.over_w.min(90).saturating_sub(2);
                let inner_h = (want_h as usize).min(dims.over_h).saturating_sub(2);
                let list_h = inner_h.saturating_sub(2 + stop.len());
                let skip = plan.items.len().saturating_sub(list_h);
                let rows = plan
                    .items
                    .iter()
                    .enumerate()
                    .skip(skip)
                    .take(list_h)
                    .map(|(n, (r, v))| {
                        let old = level_cell(r.class.as_ref().map(|c| c.level));
                        let text = format!("{:>3} {} {} : {old} → {}", n + 1, r.code, r.name, value_text(v, lang));
                        let right = format!(" : {old} → {}", value_text(v, lang));
                        let head = format!("{:>3} {} ", n + 1, r.code);
                        let name_w = w.saturating_sub(head.width() + right.width());
                        let line = if text.width() <= w {
                            text
                        } else {
                            format!("{head}{}{right}", fit(&r.name, name_w))
                        };
                        fit(&line, w)
                    })
                    .collect();
                let cancel = format!("{}: {}", keymap.reaching_label(Layer::Paste, Action::PasteCancel), t(T::HintCancel));
                // Codes that name no row: nothing can be written, only cancelled.
                let keys = if plan.missing.is_empty() {
                    format!(
                        "{}: {} {} {} · {cancel}",
                        keymap.reaching_label(Layer::Paste, Action::PasteWrite),
                        t(T::HintWrite),
                        plan.items.len(),
                        t(T::ClRowsWord),
                    )
                } else {
                    cancel
                };
                Some(PopupModel::Paste {
                    want_h,
                    title: if plan.keyed {
                        format!("{} ({})", t(T::ClPasteTitle), t(T::ClPasteByCode))
                    } else {
                        t(T::ClPasteTitle).to_string()
                    },
                    rows,
                    stop,
                    keys,
                })
            }
            Mode::Findings { selected, offset, list } => {
                // Each finding whole, wrapped to the popup's width, with its citation.
                let height = dims.over_h.saturating_sub(3);
                let wrap_w = dims.over_w.saturating_sub(2).max(20);
                let lines_of = |pos: usize| -> Vec<String> {
                    let line = &list[pos];
                    let fd = &line.finding;
                    let (code, name) = if line.code.is_empty() || (line.finding.org == d.scope.id && self.scope.is_empty()) {
                        (String::new(), t(T::ClWholeCity).to_string())
                    } else {
                        (line.code.clone(), line.name.clone())
                    };
                    let mark = if fd.severity == Severity::Error { "!" } else { "?" };
                    let sel = if pos == *selected { "›" } else { " " };
                    let text = format!("{sel}{mark} {code} {name}: {} ({})", fd.message(lang), fd.source());
                    let opts = textwrap::Options::new(wrap_w).subsequent_indent("   ");
                    textwrap::wrap(&text, opts).into_iter().map(|l| l.into_owned()).collect()
                };
                // From the scroll position, moved on until the selected finding fits whole.
                let mut start = (*offset).min(*selected);
                while start < *selected && (start..=*selected).map(|p| lines_of(p).len()).sum::<usize>() > height {
                    start += 1;
                }
                let mut rows = Vec::new();
                for (pos, fl) in list.iter().enumerate().skip(start) {
                    let error = fl.finding.severity == Severity::Error;
                    for l in lines_of(pos) {
                        if rows.len() >= height {
                            break;
                        }
                        rows.push((pos == *selected, error, l));
                    }
                    if rows.len() >= height {
                        break;
                    }
                }
                Some(PopupModel::Findings {
                    title: format!("{} ({})", t(T::ClFindingsTitle), list.len()),
                    rows,
                    keys: keymap.hint_line(Layer::Findings, lang),
                })
            }
            Mode::Compare(rows) => {
                let head = format!(
                    "{:<5} {:>11} {:<24} {:>8} {:>8} {:>8}",
                    t(T::Year),
                    t(T::ClRated),
                    t(T::ClOrgs),
                    t(T::ClOrgs),
                    t(T::ClGrassroots),
                    t(T::MembersShort)
                );
                let sub = format!("{:<5} {:>11} {:<24} {:>26}", "", "", "★ ● ○ ✗", t(T::ClGoodShare));
                let mut prev: Option<[Option<f64>; 3]> = None;
                let lines = rows
                    .iter()
                    .map(|row| {
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
                                let n = |x: u64| int(x, lang);
                                let lv = format!("★{} ●{} ○{} ✗{}", n(o.htxs), n(o.htt), n(o.ht), n(o.kht));
                                format!(
                                    "{:<5} {:>11} {:<24} {:>7}{} {:>7}{} {:>7}{}",
                                    row.year,
                                    format!("{}/{}", n(o.rated), n(o.rated + o.unrated)),
                                    lv,
                                    pct(shares[0], lang),
                                    marks[0],
                                    pct(shares[1], lang),
                                    marks[1],
                                    pct(shares[2], lang),
                                    marks[2]
                                )
                            }
                            None => {
                                prev = None;
                                format!("{:<5} {}", row.year, t(T::ClNotInTree))
                            }
                        };
                        (row.year == d.year, line)
                    })
                    .collect();
                Some(PopupModel::Compare {
                    want_h: rows.len() as u16 * 2 + 7,
                    title: format!("{} · {}", t(T::ClCompareTitle), self.scope_name(lang)),
                    head,
                    sub,
                    rows: lines,
                    legend: format!("‼ {} · {}: >{INDICATOR_PCT_LABEL}%", t(T::ClSuddenChange), t(T::ClTarget)),
                    keys: keymap.hint_line(Layer::Compare, lang),
                })
            }
        }
    }
}
