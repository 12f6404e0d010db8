//! Undo and redo in the grid: each entry (or paste) is a group of changes,
//! taken back or made again by writing through the service (each an audited
//! write), refused when someone changed the row since.

use super::ClassifyScreen;
use crate::domain::org::OrgId;
use crate::domain::Classification;
use crate::service::api::{ClassRow, ClassifyInput, Request};
use crate::tui::i18n::T;
use crate::tui::state::Ctx;

/// One organisation's classification before and after a write.
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub(super) id: OrgId,
    /// The organisation's code (to ask for its row when it is not shown).
    pub(super) code: String,
    pub(super) before: Option<Classification>,
    pub(super) after: Option<Classification>,
}

/// Whether two classifications hold the same level, score and tallies.
pub(super) fn same_values(a: Option<&Classification>, b: Option<&Classification>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.level == b.level && a.score == b.score && a.members == b.members,
        _ => false,
    }
}

impl ClassifyScreen {
    /// Write `target` as the classification of `row` (None: clear it).
    pub(super) fn apply_target(&mut self, row: &ClassRow, target: Option<&Classification>, ctx: &mut Ctx) -> Result<(), String> {
        let req = match (target, row.class.as_ref()) {
            (None, None) => return Ok(()),
            (None, Some(cur)) => Request::ClassificationClear {
                code: row.code.clone(),
                year: ctx.year,
                base_version: Some(cur.version),
            },
            (Some(t), cur) => Request::ClassificationSet(ClassifyInput {
                code: row.code.clone(),
                year: ctx.year,
                level: Some(t.level),
                score: t.score,
                members: t.members,
                decision: t.decision.clone(),
                decided: t.decided,
                note: t.note.clone(),
                keep_rest: false,
                base_version: Some(cur.map(|c| c.version).unwrap_or(0)),
            }),
        };
        self.write(row, req, ctx).map(|_| ())
    }

    pub(super) fn undo_redo(&mut self, undo: bool, ctx: &mut Ctx) {
        let stack = if undo { &mut self.undo } else { &mut self.redo };
        let Some(group) = stack.pop() else {
            ctx.error(ctx.t(if undo { T::ClNothingToUndo } else { T::ClNothingToRedo }));
            return;
        };
        let order: Vec<&Change> = if undo {
            group.iter().rev().collect()
        } else {
            group.iter().collect()
        };
        for ch in order {
            // Refuse to undo over a change someone made since (it would be lost silently).
            let expected = if undo { ch.after.as_ref() } else { ch.before.as_ref() };
            let Some(row) = self.known_row(ch.id, &ch.code, ctx) else {
                ctx.error(format!("{}: {} {}", ch.code, T::ClNotInYear.get(ctx.lang), ctx.year));
                let stack = if undo { &mut self.undo } else { &mut self.redo };
                stack.push(group);
                self.refetch(ctx);
                return;
            };
            if !same_values(row.class.as_ref(), expected) {
                let by = row.class.as_ref().map(|c| c.by.clone()).unwrap_or_else(|| "?".into());
                ctx.error(format!("{}: {} {by}", row.code, ctx.t(T::ClChangedSince)));
                let stack = if undo { &mut self.undo } else { &mut self.redo };
                stack.push(group);
                self.refetch(ctx);
                return;
            }
            let target = if undo { ch.before.as_ref() } else { ch.after.as_ref() };
            if let Err(e) = self.apply_target(&row, target, ctx) {
                ctx.error(e);
                let stack = if undo { &mut self.undo } else { &mut self.redo };
                stack.push(group);
                self.refetch(ctx);
                return;
            }
        }
        let (first, n) = (group[0].id, group.len());
        let code = group[0].code.clone();
        let what = if undo { T::ClUndone } else { T::ClRedone };
        let text = if n == 1 {
            format!("{}: {code}", ctx.t(what))
        } else {
            format!("{}: {n} {}", ctx.t(what), ctx.t(T::ClRowsWord))
        };
        ctx.info(text);
        self.selected_id = Some(first);
        self.refetch(ctx);
        if undo {
            self.redo.push(group);
        } else {
            self.undo.push(group);
        }
    }
}
