//! The decision in force (`d`): its number and date are recorded with every
//! following entry of the year.

use super::{ClassifyScreen, Mode};
use crate::domain::{year_end, year_start, Lang};
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::Action;
use crate::tui::state::Ctx;
use crate::tui::widgets::date::parse_date;
use chrono::NaiveDate;

/// The decision the entries come from (`d`), recorded with each entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub number: String,
    pub date: Option<NaiveDate>,
}

/// The decision being typed: number, then date.
#[derive(Debug, Clone)]
pub(super) struct DecisionEdit {
    pub(super) fields: [TextInput; 2],
    pub(super) focus: usize,
}

/// "123-QĐ/ĐU ngày 25/12/2024".
pub(super) fn decision_text(d: &Decision, lang: Lang) -> String {
    match d.date {
        Some(date) => format!("{} {} {}", d.number, T::ClDated.get(lang), i18n::date(date)),
        None => d.number.clone(),
    }
}

impl ClassifyScreen {
    pub(super) fn open_decision(&mut self) {
        let d = self.decision.as_ref();
        self.mode = Mode::Decision(DecisionEdit {
            fields: [
                TextInput::new(d.map(|d| d.number.as_str()).unwrap_or("")),
                TextInput::new(&d.and_then(|d| d.date).map(i18n::date).unwrap_or_default()),
            ],
            focus: 0,
        });
    }

    pub(super) fn decision_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let Mode::Decision(edit) = &mut self.mode else { return false };
        match action {
            Action::DecisionCancel => self.close_mode(),
            Action::DecisionField => edit.focus = 1 - edit.focus,
            Action::DecisionUse => self.save_decision(ctx),
            _ => return false,
        }
        true
    }

    /// Take the typed decision for the next entries; a bad date keeps the editor open.
    pub(super) fn save_decision(&mut self, ctx: &mut Ctx) {
        let Mode::Decision(edit) = &self.mode else { return };
        let number = edit.fields[0].text().trim().to_string();
        let date_text = edit.fields[1].text().trim().to_string();
        if number.is_empty() {
            self.decision = None;
            self.close_mode();
            ctx.info(ctx.t(T::ClDecisionDropped));
            return;
        }
        let date = if date_text.is_empty() {
            None
        } else {
            let Some(d) = parse_date(&date_text) else {
                ctx.error(format!("'{date_text}': {}", ctx.t(T::ClDecisionBadDate)));
                return;
            };
            let year = self.win.as_ref().map(|d| d.year).unwrap_or(ctx.year);
            if d < year_start(year) || d > year_end(year + 1) {
                ctx.error(format!(
                    "{}: {} ({} {year}: {} – {})",
                    i18n::date(d),
                    ctx.t(T::ClDecisionOutOfYear),
                    ctx.t(T::Year),
                    i18n::date(year_start(year)),
                    i18n::date(year_end(year + 1))
                ));
                return;
            }
            Some(d)
        };
        let decision = Decision { number, date };
        ctx.info(format!("{}: {}", ctx.t(T::ClDecisionSet), decision_text(&decision, ctx.lang)));
        self.decision = Some(decision);
        self.close_mode();
    }
}
