//! The row editor (Tab): the score (QĐ 366 years) and the members' tallies,
//! the sum checked as it is typed. Spreadsheet style: a field is selected
//! when it gets the focus, so the first key typed replaces its value and
//! Backspace edits it; nothing is written before Enter, and a value that
//! does not fit is refused at Enter with the reason, the field left open.

use super::data::parse_score;
use super::{ClassifyScreen, Mode};
use crate::domain::classification::Tallies;
use crate::domain::org::OrgId;
use crate::domain::Lang;
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::Action;
use crate::tui::state::Ctx;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The score and tallies being typed for one row (Tab).
#[derive(Debug, Clone)]
pub(super) struct RowEdit {
    pub(super) id: OrgId,
    /// The row's code (to name it should the row go meanwhile).
    pub(super) code: String,
    /// Whether the first field is the score (QĐ 366 years).
    pub(super) score: bool,
    pub(super) fields: Vec<TextInput>,
    pub(super) focus: usize,
}

impl RowEdit {
    pub(super) fn tallies(&self) -> &[TextInput] {
        &self.fields[self.score as usize..]
    }

    /// The typed tallies (empty fields are 0), or None when all are empty;
    /// a field that is not a whole number gives its index among the fields.
    pub(super) fn typed_tallies(&self) -> Result<Option<Tallies>, usize> {
        let f = self.tallies();
        if f.iter().all(|x| x.text().trim().is_empty()) {
            return Ok(None);
        }
        let mut v = [0u32; 5];
        for (i, input) in f.iter().enumerate() {
            let t = input.text();
            let t = t.trim();
            if !t.is_empty() {
                v[i] = t.parse::<u32>().map_err(|_| i + self.score as usize)?;
            }
        }
        Ok(Some(Tallies {
            htxs: v[0],
            htt: v[1],
            ht: v[2],
            kht: v[3],
            not_rated: v[4],
            not_rated_by: None,
        }))
    }

    /// Move the focus to field `i`, selecting its value.
    pub(super) fn focus(&mut self, i: usize) {
        self.focus = i % self.fields.len();
        self.fields[self.focus].select_all();
    }
}

/// The label of field `i` of an editor (the score first in QĐ 366 years).
pub(super) fn field_name(score: bool, i: usize, lang: Lang) -> &'static str {
    match (score, i) {
        (true, 0) => T::ClScore.get(lang),
        (s, i) => match i - s as usize {
            0 => "HTXS",
            1 => "HTT",
            2 => "HT",
            3 => "KHT",
            _ => T::ClNotRatedShort.get(lang),
        },
    }
}

/// A typed score: a number from 0 to 100 with at most one decimal ("87,5" or "87.5").
pub(super) fn parse_typed_score(s: &str, lang: Lang) -> Result<f64, String> {
    let v = parse_score(s, lang)?;
    let t = s.trim().replace(',', ".");
    if t.split_once('.').is_some_and(|(_, dec)| dec.len() > 1) {
        return Err(format!("'{}': {}", s.trim(), T::ClScoreOneDecimal.get(lang)));
    }
    Ok(v)
}

pub(super) fn over_message(lang: Lang, code: &str, sum: u64, members: u32) -> String {
    match lang {
        Lang::Vi => format!(
            "{code}: tổng xếp loại đảng viên {} vượt số đảng viên {}; không ghi",
            crate::domain::numfmt::int(sum, lang),
            crate::domain::numfmt::int(members as u64, lang)
        ),
        Lang::En => format!(
            "{code}: the members' tallies add up to {}, more than the {} members; nothing written",
            crate::domain::numfmt::int(sum, lang),
            crate::domain::numfmt::int(members as u64, lang)
        ),
    }
}

impl ClassifyScreen {
    pub(super) fn open_edit(&mut self, at_score: bool, ctx: &mut Ctx) {
        let Some(row) = self.enterable_row(ctx) else { return };
        let scores = self.scores();
        if at_score && !scores {
            ctx.error(format!("{} {}: {}", ctx.t(T::Year), ctx.year, ctx.t(T::ClNoScoreYear)));
            return;
        }
        let c = row.class.as_ref();
        let mut fields = Vec::new();
        if scores {
            fields.push(TextInput::selected(
                &c.and_then(|c| c.score)
                    .map(|s| crate::domain::numfmt::dec(s, ctx.lang))
                    .unwrap_or_default(),
            ));
        }
        let t = c.and_then(|c| c.members);
        for v in [
            t.map(|t| t.htxs),
            t.map(|t| t.htt),
            t.map(|t| t.ht),
            t.map(|t| t.kht),
            t.map(|t| t.not_rated),
        ] {
            fields.push(TextInput::selected(&v.map(|v| v.to_string()).unwrap_or_default()));
        }
        let focus = if scores && !at_score { 1 } else { 0 };
        self.mode = Mode::Editor(RowEdit {
            id: row.id,
            code: row.code.clone(),
            score: scores,
            fields,
            focus,
        });
    }

    pub(super) fn edit_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let Some(edit) = self.edit_mut() else { return false };
        let n = edit.fields.len();
        match action {
            Action::EditCancel => self.close_mode(),
            Action::EditNext => edit.focus(edit.focus + 1),
            Action::EditPrev => edit.focus(edit.focus + n - 1),
            Action::EditSave => self.save_edit(ctx),
            _ => return false,
        }
        true
    }

    /// A key typed into the focused field: digits (and a decimal mark in the
    /// score); another character is refused with the reason.
    pub(super) fn edit_typed(&mut self, key: &KeyEvent, ctx: &mut Ctx) {
        let Some(edit) = self.edit_mut() else { return };
        let is_score = edit.score && edit.focus == 0;
        match key.code {
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                if c.is_ascii_digit() || (is_score && (c == '.' || c == ',')) {
                    edit.fields[edit.focus].handle_key(key);
                } else {
                    ctx.error(ctx.t(if is_score { T::ClBadScore } else { T::BadNumber }));
                }
            }
            _ => {
                edit.fields[edit.focus].handle_key(key);
            }
        }
    }

    /// Keep the editor open on field `i` with the reason it was refused.
    fn refuse_field(&mut self, i: usize, why: String, ctx: &mut Ctx) {
        if let Some(e) = self.edit_mut() {
            // Selected again: the value typed next replaces the refused one.
            e.focus(i);
        }
        ctx.error(why);
    }

    pub(super) fn save_edit(&mut self, ctx: &mut Ctx) {
        let Some(edit) = self.edit().cloned() else { return };
        let Some(row) = self.known_row(edit.id, &edit.code, ctx) else {
            // Gone meanwhile (dissolved or merged by another clerk): said, nothing written.
            self.close_mode();
            let year = self.win.as_ref().map(|d| d.year).unwrap_or(ctx.year);
            ctx.error(format!("{}: {} {year}", edit.code, ctx.t(T::ClNotInYear)));
            return;
        };
        let score = if edit.score {
            let s = edit.fields[0].text();
            if s.trim().is_empty() {
                None
            } else {
                match parse_typed_score(&s, ctx.lang) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        self.refuse_field(0, format!("{}: {e}", row.code), ctx);
                        return;
                    }
                }
            }
        } else {
            None
        };
        let members = match edit.typed_tallies() {
            Ok(m) => m,
            Err(i) => {
                let why = format!(
                    "{} {}: '{}' {}",
                    row.code,
                    field_name(edit.score, i, ctx.lang),
                    edit.fields[i].text().trim(),
                    ctx.t(T::BadNumber)
                );
                self.refuse_field(i, why, ctx);
                return;
            }
        };
        if let Some(t) = &members {
            if t.sum() > row.total_members as u64 {
                self.refuse_field(edit.focus, over_message(ctx.lang, &row.code, t.sum(), row.total_members), ctx);
                return;
            }
        }
        if row.class.is_none() && score.is_none() {
            ctx.error(format!("{}: {}", row.code, ctx.t(T::ClLevelFirst)));
            return;
        }
        let req = self.entry(&row, ctx.year, None, score, members);
        match self.write(&row, req, ctx) {
            Ok(change) => {
                self.close_mode();
                self.undo.push(vec![change]);
                self.redo.clear();
                self.refetch(ctx);
                self.advance(row.id, ctx);
            }
            Err(e) => ctx.error(e),
        }
    }
}
