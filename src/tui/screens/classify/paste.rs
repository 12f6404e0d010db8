//! A column pasted from a spreadsheet: planned from the cursor down with a
//! preview, stopped at the first value that does not fit, written on one
//! confirmation as one undo group.

use super::data::{parse_paste_line, paste_lines, PasteValue};
use super::edit::over_message;
use super::{ClassifyScreen, Mode};
use crate::domain::org::OrgId;
use crate::domain::Lang;
use crate::tui::i18n::T;
use crate::tui::state::Ctx;

/// A paste waiting for confirmation: rows and values in order, and where it stopped.
#[derive(Debug, Clone)]
pub(super) struct PastePlan {
    pub(super) items: Vec<(OrgId, PasteValue)>,
    /// (line number from 1, the row's code if any, the reason).
    pub(super) stop: Option<(usize, Option<String>, String)>,
}

pub(super) fn paste_stop(lang: Lang, line: usize, code: Option<&str>, why: &str) -> String {
    let at = match code {
        Some(c) => format!("{} {line} ({c})", T::Line.get(lang)),
        None => format!("{} {line}", T::Line.get(lang)),
    };
    format!("{} {at}: {why}", T::ClPasteStopped.get(lang))
}

impl ClassifyScreen {
    /// Plan a paste from the cursor down; stop at the first value that does not fit.
    pub(super) fn plan_paste(&self, text: &str, lang: Lang) -> Option<PastePlan> {
        let d = self.data.as_ref()?;
        let lines = paste_lines(text);
        if lines.is_empty() {
            return None;
        }
        let scores = self.scores();
        let mut items = Vec::new();
        let mut stop = None;
        for (n, line) in lines.iter().enumerate() {
            let Some(&ri) = self.visible.get(self.selected + n) else {
                stop = Some((n + 1, None, T::ClPasteNoRows.get(lang).to_string()));
                break;
            };
            let row = &d.rows[ri];
            let value = parse_paste_line(line, scores, lang).and_then(|v| {
                self.check_row(row.id, lang)?;
                if let Some(t) = v.tallies() {
                    if t.sum() > row.total_members as u64 {
                        return Err(over_message(lang, &row.code, t.sum(), row.total_members));
                    }
                }
                if v.level().is_none() && v.score().is_none() && row.class.is_none() {
                    return Err(T::ClLevelFirst.get(lang).to_string());
                }
                Ok(v)
            });
            match value {
                Ok(v) => items.push((row.id, v)),
                Err(e) => {
                    stop = Some((n + 1, Some(row.code.clone()), e));
                    break;
                }
            }
        }
        Some(PastePlan { items, stop })
    }

    pub(super) fn apply_paste(&mut self, ctx: &mut Ctx) {
        let Mode::Paste(plan) = std::mem::take(&mut self.mode) else {
            return;
        };
        let mut group = Vec::new();
        let mut failed = None;
        for (id, v) in &plan.items {
            let Some(row) = self.data.as_ref().and_then(|d| d.row(*id)).cloned() else {
                continue;
            };
            let req = self.entry(&row.code, row.id, ctx.year, v.level(), v.score(), v.tallies());
            match self.write(row.id, req, ctx) {
                Ok(ch) => group.push(ch),
                Err(e) => {
                    failed = Some(format!("{}: {e}", row.code));
                    break;
                }
            }
        }
        let n = group.len();
        if let Some(last) = group.last().map(|c| c.id) {
            self.selected_id = Some(last);
            self.rebuild();
            self.advance(last);
            self.undo.push(group);
            self.redo.clear();
        }
        match failed {
            Some(e) => ctx.error(format!("{} {n} {} · {e}", ctx.t(T::ClPasted), ctx.t(T::ClRowsWord))),
            None => ctx.info(format!("{} {n} {}", ctx.t(T::ClPasted), ctx.t(T::ClRowsWord))),
        }
    }
}
