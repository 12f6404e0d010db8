//! The classification screen's detail pane, as text: the selected row, its
//! entry and findings, and the score and tally editor while it is open.

use super::model::level_cell;
use super::{decision_text, ClassifyScreen, Decision};
use crate::domain::numfmt::{self, int};
use crate::domain::rules::Severity;
use crate::domain::{Lang, Level};
use crate::tui::i18n::{self, T};
use crate::tui::keymap::{Keymap, Layer};
use crate::tui::widgets::tone::{Pieces, Tone};

impl ClassifyScreen {
    /// The detail pane: the selected row, its entry, its findings, and the
    /// score and tally editor while it is open on the row.
    /// Compact: the editor or the findings right under the name (two lines
    /// show), the editor's keys left to the hint bar.
    pub(super) fn detail_model(&self, compact: bool, lang: Lang, keymap: &Keymap) -> Vec<Pieces> {
        let (Some(d), Some(r)) = (self.win.as_ref(), self.current()) else {
            return Vec::new();
        };
        let t = |t: T| t.get(lang);
        let label = |x: T| (Tone::Label, format!("{} ", t(x)));
        let mut lines: Vec<Pieces> = vec![vec![(Tone::Key, format!("{} ", r.code)), (Tone::Bold, r.name.clone())]];
        let mut second = vec![(
            Tone::Base,
            format!(
                "{} · {} {} · ",
                i18n::kind_name(lang, r.kind),
                t(T::MembersShort),
                int(r.total_members as u64, lang)
            ),
        )];
        match &r.class {
            Some(c) => {
                second.push((
                    Tone::Level(c.level),
                    format!("{} {}", c.level.symbol(), lang.pick(c.level.name_vi(), c.level.name_en())),
                ));
                if let Some(sc) = c.score {
                    second.push((Tone::Base, format!(" · {} {}", t(T::ClScore), numfmt::dec(sc, lang))));
                }
                let when = c.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M");
                second.push((Tone::Base, " · ".into()));
                second.push(label(T::ClBy));
                second.push((Tone::Base, format!("{} {when} (v{})", c.by, c.version)));
                if let Some(number) = &c.decision {
                    let dec = Decision {
                        number: number.clone(),
                        date: c.decided,
                    };
                    second.push((Tone::Base, " · ".into()));
                    second.push(label(T::ClDecision));
                    second.push((Tone::Base, decision_text(&dec, lang)));
                }
            }
            None => second.push((Tone::Dim, t(T::ClUnrated).into())),
        }
        lines.push(second);
        let mut finding_lines: Vec<Pieces> = Vec::new();
        for fd in d.findings_of(r.id) {
            let (mark, tone) = if fd.severity == Severity::Error {
                ("!", Tone::Error)
            } else {
                ("?", Tone::Dim)
            };
            finding_lines.push(vec![
                (tone, format!("{mark} {}: ", fd.severity.label(lang))),
                (Tone::Base, fd.message(lang)),
                (Tone::Label, format!(" ({})", fd.source())),
            ]);
        }
        match self.edit().filter(|e| e.id == r.id) {
            Some(e) => {
                let mut pieces = Vec::new();
                let mut names = Vec::new();
                if e.score {
                    names.push(t(T::ClScore).to_string());
                }
                names.extend(Level::ALL.iter().map(|l| l.short().to_string()));
                names.push(t(T::ClNotRatedShort).to_string());
                for (i, (name, input)) in names.iter().zip(&e.fields).enumerate() {
                    let focus = i == e.focus;
                    let frame = if focus { Tone::Key } else { Tone::Label };
                    pieces.push((frame, format!("{name}[")));
                    pieces.push((
                        Tone::Field {
                            focus,
                            selected: focus && input.is_selected(),
                        },
                        format!("{:>4}", input.text()),
                    ));
                    pieces.push((frame, "] ".into()));
                    if e.score && i == 0 {
                        if let Ok(v) = super::data::parse_score(&input.text(), lang) {
                            pieces.push((Tone::Dim, format!("→{} ", level_cell(Some(Level::from_score(v))))));
                        }
                    }
                }
                let sum = e.typed_tallies().ok().flatten().map(|t| t.sum()).unwrap_or(0);
                let m = r.total_members as u64;
                let (mark, tone) = if sum == m {
                    ("✓".to_string(), Tone::Ok)
                } else if sum > m {
                    (format!("✗ +{}", sum - m), Tone::Error)
                } else {
                    (format!("… −{}", m - sum), Tone::Dim)
                };
                pieces.push((tone, format!("Σ {sum}/{m} {mark}")));
                if compact {
                    lines.insert(1, pieces);
                } else {
                    lines.push(pieces);
                    lines.push(vec![(Tone::Dim, keymap.hint_line(Layer::Editor, lang))]);
                }
                lines.extend(finding_lines);
            }
            None if compact => {
                let n = finding_lines.len();
                lines.splice(1..1, finding_lines.drain(..n));
            }
            None => {
                lines.append(&mut finding_lines);
                if let Some(x) = r.class.as_ref().and_then(|c| c.members) {
                    let sum = x.sum();
                    let m = r.total_members as u64;
                    let mark = if sum == m { "✓".to_string() } else { format!("✗ ≠ {m}") };
                    lines.push(vec![
                        label(T::Members),
                        (
                            Tone::Base,
                            format!(
                                "HTXS {} · HTT {} · HT {} · KHT {} · {} {} · Σ {sum}/{m} {mark}",
                                x.htxs,
                                x.htt,
                                x.ht,
                                x.kht,
                                t(T::ClNotRatedShort),
                                x.not_rated
                            ),
                        ),
                    ]);
                }
            }
        }
        lines
    }
}
