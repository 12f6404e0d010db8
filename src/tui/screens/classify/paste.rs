//! A column pasted from a spreadsheet: planned from the cursor down with a
//! preview, stopped at the first value that does not fit, written on one
//! confirmation as one undo group. When the first column holds the rows'
//! codes, each line goes to the row of its code whatever the order; a code
//! that names no row refuses the whole paste (nothing is written).

use super::data::{parse_paste_line, paste_lines, PasteValue};
use super::edit::over_message;
use super::{ClassifyScreen, Mode};
use crate::domain::classification::Tallies;
use crate::domain::Lang;
use crate::service::api::ClassRow;
use crate::tui::i18n::T;
use crate::tui::state::Ctx;
use std::collections::HashMap;

/// A paste waiting for confirmation: rows and values in order, and where it stopped.
#[derive(Debug, Clone)]
pub(super) struct PastePlan {
    pub(super) items: Vec<(ClassRow, PasteValue)>,
    /// (line number from 1, the row's code if any, the reason).
    pub(super) stop: Option<(usize, Option<String>, String)>,
    /// The lines were matched by the code in their first cell.
    pub(super) keyed: bool,
    /// Codes of the first column that name no row: the paste is refused.
    pub(super) missing: Vec<String>,
}

/// Why a paste keyed by code is refused: the codes that name no row.
pub(super) fn missing_codes(lang: Lang, missing: &[String]) -> String {
    format!(
        "{}: {} — {}",
        T::ClPasteNoCode.get(lang),
        missing.join(", "),
        T::ClPasteRefused.get(lang)
    )
}

/// The code heading a pasted line, when the first of two or more cells is
/// a row's code.
fn line_code<'a>(line: &'a str, codes: &HashMap<String, ClassRow>) -> Option<&'a str> {
    let (first, rest) = line.split_once('\t')?;
    let first = first.trim();
    (!rest.trim().is_empty() && codes.contains_key(first)).then_some(first)
}

/// The first cell of a line (the whole line when it has one).
fn first_cell(line: &str) -> &str {
    line.split_once('\t').map_or(line, |(c, _)| c).trim()
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
    pub(super) fn plan_paste(&mut self, text: &str, ctx: &mut Ctx) -> Option<PastePlan> {
        self.win.as_ref()?;
        let lang = ctx.lang;
        let lines = paste_lines(text);
        if lines.is_empty() {
            return None;
        }
        // A first column of codes: each line goes to the row of its code.
        let mut asked: Vec<String> = Vec::new();
        for l in &lines {
            let c = first_cell(l);
            if !c.is_empty() && !asked.iter().any(|a| a == c) {
                asked.push(c.to_string());
            }
        }
        let codes = if lines.iter().any(|l| l.contains('\t')) {
            self.rows_of_codes(asked, ctx)
        } else {
            HashMap::new()
        };
        if lines.iter().any(|l| line_code(l, &codes).is_some()) {
            return Some(self.plan_keyed(&lines, &codes, lang));
        }
        let scores = self.scores();
        let rows = self.rows_from(self.selected, lines.len(), ctx);
        let mut items = Vec::new();
        let mut stop = None;
        for (n, line) in lines.iter().enumerate() {
            let Some(row) = rows.get(n) else {
                stop = Some((n + 1, None, T::ClPasteNoRows.get(lang).to_string()));
                break;
            };
            match self.paste_value(row, line, scores, lang) {
                Ok(v) => items.push((row.clone(), v)),
                Err(e) => {
                    stop = Some((n + 1, Some(row.code.clone()), e));
                    break;
                }
            }
        }
        Some(PastePlan {
            items,
            stop,
            keyed: false,
            missing: Vec::new(),
        })
    }

    /// One line's value for a row, checked against the row.
    fn paste_value(&self, row: &ClassRow, line: &str, scores: bool, lang: Lang) -> Result<PasteValue, String> {
        let v = parse_paste_line(line, scores, lang)?;
        self.check_row(row, lang)?;
        if let Some(t) = v.tallies() {
            if t.sum() > row.total_members as u64 {
                return Err(over_message(lang, &row.code, t.sum(), row.total_members));
            }
        }
        if v.level().is_none() && v.score().is_none() && row.class.is_none() {
            return Err(T::ClLevelFirst.get(lang).to_string());
        }
        Ok(v)
    }

    /// Plan a paste whose lines start with the rows' codes: every code is
    /// looked up (the ones naming no row are all listed), a value that does
    /// not fit stops the paste at its line, as from the cursor.
    fn plan_keyed(&self, lines: &[&str], codes: &HashMap<String, ClassRow>, lang: Lang) -> PastePlan {
        let mut plan = PastePlan {
            items: Vec::new(),
            stop: None,
            keyed: true,
            missing: Vec::new(),
        };
        let scores = self.scores();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (n, line) in lines.iter().enumerate() {
            let (code, rest) = line.split_once('\t').unwrap_or((line, ""));
            let code = code.trim();
            let Some(row) = codes.get(code) else {
                if !plan.missing.iter().any(|m| m == code) {
                    plan.missing.push(if code.is_empty() { "\"\"".into() } else { code.to_string() });
                }
                continue;
            };
            if plan.stop.is_some() {
                continue;
            }
            if let Some(first) = seen.insert(code, n + 1) {
                plan.stop = Some((n + 1, Some(code.to_string()), format!("{} {first}", T::ClPasteCodeTwice.get(lang))));
                continue;
            }
            match self.paste_value(row, rest, scores, lang) {
                Ok(v) => plan.items.push((row.clone(), v)),
                Err(e) => plan.stop = Some((n + 1, Some(row.code.clone()), e)),
            }
        }
        plan
    }

    pub(super) fn apply_paste(&mut self, ctx: &mut Ctx) {
        let Mode::Paste(plan) = std::mem::take(&mut self.mode) else {
            return;
        };
        if !plan.missing.is_empty() {
            ctx.error(missing_codes(ctx.lang, &plan.missing));
            return;
        }
        let mut group = Vec::new();
        let mut failed = None;
        for (row, v) in &plan.items {
            let req = self.entry(row, ctx.year, v.level(), v.score(), v.tallies());
            match self.write(row, req, ctx) {
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
            self.refetch(ctx);
            self.advance(last, ctx);
            self.undo.push(group);
            self.redo.clear();
        }
        match failed {
            Some(e) => ctx.error(format!("{} {n} {} · {e}", ctx.t(T::ClPasted), ctx.t(T::ClRowsWord))),
            None => ctx.info(format!("{} {n} {}", ctx.t(T::ClPasted), ctx.t(T::ClRowsWord))),
        }
    }
}

impl ClassifyScreen {
    /// Text pasted into the screen: into the field being typed, or a
    /// column of values for the grid (planned, previewed, written on Enter).
    pub(super) fn paste_text(&mut self, text: &str, ctx: &mut Ctx) {
        if let Mode::Decision(edit) = &mut self.mode {
            edit.fields[edit.focus].paste(text.trim());
            return;
        }
        if let Some(edit) = self.edit_mut() {
            // A row of five numbers fills the tallies; anything else goes to the field.
            if let Ok(t) = Tallies::parse(text.trim()) {
                let f = &mut edit.fields[edit.score as usize..];
                for (input, v) in f.iter_mut().zip([t.htxs, t.htt, t.ht, t.kht, t.not_rated]) {
                    input.set(&v.to_string());
                }
            } else {
                let focus = edit.focus;
                edit.fields[focus].paste(text.trim());
            }
            return;
        }
        if let Mode::Filter(input) = &mut self.mode {
            input.paste(text);
            self.name_filter = input.text();
            self.rebuild(ctx);
            return;
        }
        if !matches!(self.mode, Mode::Grid) {
            return;
        }
        self.ensure_loaded(ctx);
        match self.plan_paste(text, ctx) {
            // Codes naming no row: the preview shows what matched, nothing can be written.
            Some(plan) if !plan.missing.is_empty() => {
                ctx.error(missing_codes(ctx.lang, &plan.missing));
                self.mode = Mode::Paste(plan);
            }
            Some(plan) if plan.items.is_empty() => {
                let (n, code, why) = plan.stop.unwrap_or((1, None, String::new()));
                ctx.error(paste_stop(ctx.lang, n, code.as_deref(), &why));
            }
            Some(plan) => {
                if let Some((n, code, why)) = &plan.stop {
                    ctx.error(paste_stop(ctx.lang, *n, code.as_deref(), why));
                } else {
                    ctx.info(format!("{} {} {}", ctx.t(T::ClPasteReady), plan.items.len(), ctx.t(T::ClRowsWord)));
                }
                self.mode = Mode::Paste(plan);
            }
            None => {}
        }
    }
}
