//! Entry on the Kết nạp grid: a cell typed and saved on leaving it, undo,
//! a pasted block, and the targets.

use super::model::{parse_target, paste_block, BlockError};
use super::{AdmissionsScreen, CellEdit, Mode, PastePlan, TargetEdit, Undo};
use crate::domain::admissions_grid::GridLine;
use crate::service::api::{AdmitBlock, BlockRow, Request, Response, TargetInput};
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::Action;
use crate::tui::state::Ctx;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The most digits a cell takes (a month's admissions of one organisation).
const MAX_DIGITS: usize = 7;

/// "T3" / "month 3" for messages.
fn month_label(ctx: &Ctx, month: u32) -> String {
    format!("{} {month}", ctx.t(T::AdmMonth))
}

impl AdmissionsScreen {
    /// The organisation of the selected line and the month's cell (None:
    /// it did not exist then); an error message when there is no cell.
    fn cell(&self) -> Result<(String, Option<u32>), T> {
        match self.line(self.row) {
            Some(GridLine::Org { code, cells, .. }) => Ok((code.clone(), cells[self.col])),
            Some(GridLine::Committee { .. }) => Err(T::AdmCommitteeLine),
            None => Err(T::AdmEmpty),
        }
    }

    /// A key typed on the grid or in the cell: digits and Backspace.
    pub(super) fn type_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        if let Mode::Target(t) = &mut self.mode {
            return t.input.handle_key(key);
        }
        let digit = match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Some(c),
            KeyCode::Backspace => None,
            // Typed into a count: refused by name, not dropped unseen.
            KeyCode::Char(c)
                if matches!(self.mode, Mode::Cell(_)) && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                ctx.error(format!("«{c}»: {}", ctx.t(T::BadNumber)));
                return true;
            }
            _ => return false,
        };
        if let Mode::Cell(CellEdit { text, .. }) = &mut self.mode {
            match digit {
                Some(c) if text.len() < MAX_DIGITS => text.push(c),
                Some(_) => ctx.error(ctx.t(T::AdmTooBig)),
                None => {
                    text.pop();
                }
            }
            return true;
        }
        if !matches!(self.mode, Mode::Grid) {
            return false;
        }
        match self.cell() {
            Ok((code, Some(before))) => {
                // The first digit replaces the cell; Backspace edits what is there.
                let text = match digit {
                    Some(c) => c.to_string(),
                    None => {
                        let mut s = before.to_string();
                        s.pop();
                        s
                    }
                };
                self.mode = Mode::Cell(CellEdit {
                    text,
                    code,
                    col: self.col,
                    before,
                });
            }
            Ok((_, None)) => ctx.error(ctx.t(T::AdmNoCell)),
            Err(t) => ctx.error(ctx.t(t)),
        }
        true
    }

    /// Keys while a cell is typed: a move saves it first (and stays on a refusal).
    pub(super) fn cell_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match action {
            Action::CellDigit | Action::CellErase => return false,
            Action::CellCancel => {
                self.mode = Mode::Grid;
                return true;
            }
            _ => {}
        }
        if !self.commit(ctx) {
            return true;
        }
        let last = self.total_lines().saturating_sub(1);
        match action {
            Action::CellDown => self.row = (self.row + 1).min(last),
            Action::CellUp => self.row = self.row.saturating_sub(1),
            Action::CellRight => self.col = (self.col + 1).min(11),
            Action::CellLeft => self.col = self.col.saturating_sub(1),
            _ => {}
        }
        self.follow(ctx);
        true
    }

    /// Save the cell being typed; false (the cell kept) when it is refused.
    fn commit(&mut self, ctx: &mut Ctx) -> bool {
        let Mode::Cell(c) = &self.mode else { return true };
        // Saved on the organisation and month it was typed on.
        let CellEdit { text, code, col, before } = c.clone();
        let month = col as u32 + 1;
        let count: u32 = match text.parse() {
            Ok(n) => n,
            Err(_) => {
                ctx.error(format!("{code} {}: {}", month_label(ctx, month), ctx.t(T::AdmEmptyCell)));
                return false;
            }
        };
        if count == before {
            self.mode = Mode::Grid;
            return true;
        }
        let year = self.year;
        match ctx.call(Request::AdmissionSet {
            code: code.clone(),
            year,
            month,
            count,
        }) {
            Some(_) => {
                self.undo.push(Undo::Cell {
                    code: code.clone(),
                    year,
                    month,
                    before,
                });
                self.mode = Mode::Grid;
                ctx.info(format!("{} {code} {}: {count}", ctx.t(T::AdmSaved), month_label(ctx, month)));
                self.load(ctx);
                true
            }
            None => {
                let at = month_label(ctx, month);
                if let Some(m) = &mut ctx.message {
                    m.text = format!("{code} {at}: {}", m.text);
                }
                false
            }
        }
    }

    pub(super) fn undo(&mut self, ctx: &mut Ctx) {
        let Some(u) = self.undo.pop() else {
            ctx.info(ctx.t(T::AdmNothingToUndo));
            return;
        };
        let (req, what) = match &u {
            Undo::Cell { code, year, month, before } => (
                Request::AdmissionSet {
                    code: code.clone(),
                    year: *year,
                    month: *month,
                    count: *before,
                },
                format!("{code} {}: {before}", month_label(ctx, *month)),
            ),
            Undo::Block(b) => (
                Request::AdmissionBlock(b.clone()),
                format!("{} {}", b.rows.iter().map(|r| r.counts.len()).sum::<usize>(), ctx.t(T::AdmCells)),
            ),
        };
        match ctx.call(req) {
            Some(_) => {
                ctx.info(format!("{} · {what}", ctx.t(T::AdmUndone)));
                self.load(ctx);
            }
            None => self.undo.push(u),
        }
    }

    /// Plan a pasted block from the selected line and month down: the
    /// organisation lines in order (committee lines skipped).
    pub(super) fn plan_paste(&mut self, text: &str, ctx: &mut Ctx) {
        let from = self.col as u32 + 1;
        let lang = ctx.lang;
        let block = match paste_block(text, 12 - self.col) {
            Ok(b) if b.is_empty() => return,
            Ok(b) => b,
            Err(e) => {
                let why = match e {
                    BlockError::NotCount(l, c, s) => {
                        format!(
                            "{} {l}, {} {c}: '{s}' {}",
                            T::Line.get(lang),
                            T::AdmMonth.get(lang),
                            T::AdmPasteBad.get(lang)
                        )
                    }
                    BlockError::TooWide(l) => format!("{} {l}: {}", T::Line.get(lang), T::AdmPasteWide.get(lang)),
                };
                self.mode = Mode::Paste(PastePlan {
                    rows: Vec::new(),
                    names: Vec::new(),
                    error: Some(why),
                });
                return;
            }
        };
        // The organisation lines from the selected one down (one request).
        let lines = match ctx.call(self.query(self.year, self.row, 2000)) {
            Some(Response::AdmissionGrid(g)) => g.lines,
            _ => return,
        };
        let mut orgs = lines.iter().filter_map(|l| match l {
            GridLine::Org { code, name, cells, .. } => Some((code, name, cells)),
            GridLine::Committee { .. } => None,
        });
        let mut plan = PastePlan {
            rows: Vec::new(),
            names: Vec::new(),
            error: None,
        };
        for (i, counts) in block.into_iter().enumerate() {
            let Some((code, name, cells)) = orgs.next() else {
                plan.error = Some(format!("{} {}: {}", T::Line.get(lang), i + 1, T::AdmPasteNoRows.get(lang)));
                break;
            };
            if let Some(j) = counts
                .iter()
                .enumerate()
                .position(|(j, c)| c.is_some() && cells[self.col + j].is_none())
            {
                plan.error = Some(format!(
                    "{} {} ({code}): {} {}",
                    T::Line.get(lang),
                    i + 1,
                    T::AdmPasteNotExist.get(lang),
                    self.col + j + 1
                ));
                break;
            }
            plan.names.push(name.clone());
            plan.rows.push(BlockRow {
                code: code.clone(),
                from_month: from,
                counts,
            });
        }
        self.mode = Mode::Paste(plan);
    }

    pub(super) fn write_paste(&mut self, ctx: &mut Ctx) {
        let Mode::Paste(plan) = std::mem::take(&mut self.mode) else {
            return;
        };
        if plan.error.is_some() || plan.rows.is_empty() {
            ctx.error(ctx.t(T::AdmPasteRefused));
            return;
        }
        let cells: usize = plan.rows.iter().map(|r| r.counts.iter().flatten().count()).sum();
        let n = plan.rows.len();
        match ctx.call(Request::AdmissionBlock(AdmitBlock {
            year: self.year,
            rows: plan.rows,
        })) {
            Some(Response::AdmissionBlockDone { undo, .. }) => {
                self.undo.push(Undo::Block(undo));
                ctx.info(format!(
                    "{} {cells} {} · {n} {}",
                    ctx.t(T::AdmPasted),
                    ctx.t(T::AdmCells),
                    ctx.t(T::ClRowsWord)
                ));
                self.load(ctx);
            }
            Some(_) => self.load(ctx),
            None => {}
        }
    }

    /// `p`: the plan and range, or on a committee line its allocation.
    pub(super) fn open_target(&mut self, from_dash: bool) {
        let committee = if from_dash {
            None
        } else {
            match self.line(self.row) {
                Some(GridLine::Committee { org, code, name, .. }) => Some((*org, code.clone(), name.clone())),
                _ => None,
            }
        };
        let t = self.target.as_ref();
        let (text, org) = match committee {
            Some((id, code, name)) => {
                let alloc = t.and_then(|t| t.target.allocations.get(&id).copied());
                (alloc.map(|a| a.to_string()).unwrap_or_default(), Some((code, name)))
            }
            None => {
                let mut s = String::new();
                if let Some(p) = t.and_then(|t| t.target.plan) {
                    s.push_str(&p.to_string());
                }
                if let Some((lo, hi)) = t.and_then(|t| t.target.range) {
                    s.push_str(&format!(" {lo}-{hi}"));
                }
                (s.trim().to_string(), None)
            }
        };
        self.mode = Mode::Target(TargetEdit {
            input: TextInput::selected(&text),
            org,
            from_dash,
        });
    }

    pub(super) fn close_target(&mut self) {
        let back = matches!(&self.mode, Mode::Target(t) if t.from_dash);
        self.mode = if back { Mode::Dashboard } else { Mode::Grid };
    }

    pub(super) fn save_target(&mut self, ctx: &mut Ctx) {
        let Mode::Target(t) = &self.mode else { return };
        let text = t.input.text();
        let year = self.year;
        let input = match &t.org {
            Some((code, _)) => match super::fmt::parse_count(&text) {
                Some(n) => TargetInput {
                    year,
                    plan: None,
                    range: None,
                    org: Some(code.clone()),
                    allocation: Some(n),
                },
                None => {
                    ctx.error(format!("{}: '{}'", ctx.t(T::AdmTargetBad), text.trim()));
                    return;
                }
            },
            None => match parse_target(&text) {
                Ok((plan, range)) => TargetInput {
                    year,
                    plan,
                    range,
                    org: None,
                    allocation: None,
                },
                Err(bad) => {
                    ctx.error(format!("{}: '{bad}'", ctx.t(T::AdmTargetBad)));
                    return;
                }
            },
        };
        if ctx.call(Request::TargetSet(input)).is_some() {
            ctx.info(ctx.t(T::AdmTargetSaved));
            self.close_target();
            self.load(ctx);
        }
    }
}
