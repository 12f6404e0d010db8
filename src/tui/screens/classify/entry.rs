//! Entries from the grid: each written at once through the service (one
//! audited write, acknowledged after the store's flush), refused with the
//! reason for a row that cannot take one.

use super::*;

impl ClassifyScreen {
    /// Refuse an entry for a row that cannot take one.
    pub(super) fn check_row(&self, row: &ClassRow, lang: Lang) -> Result<(), String> {
        if row.kind == OrgKind::City {
            return Err(T::ClCityNotRated.get(lang).into());
        }
        Ok(())
    }

    /// One entry from the grid: the fields typed, the rest of the record kept,
    /// the decision in force recorded, based on the version shown.
    pub(super) fn entry(&self, row: &ClassRow, year: i32, level: Option<Level>, score: Option<f64>, members: Option<Tallies>) -> Request {
        Request::ClassificationSet(ClassifyInput {
            code: row.code.clone(),
            year,
            level,
            score,
            members,
            decision: self.decision.as_ref().map(|d| d.number.clone()),
            decided: self.decision.as_ref().and_then(|d| d.date),
            note: None,
            keep_rest: true,
            base_version: Some(row.class.as_ref().map(|c| c.version).unwrap_or(0)),
        })
    }

    /// Send one write for `row` (as shown); on success return the change.
    /// The rows shown are asked for again by the caller, once.
    pub(super) fn write(&mut self, row: &ClassRow, req: Request, ctx: &mut Ctx) -> Result<Change, String> {
        let before = row.class.clone();
        match ctx.backend.call(req) {
            Ok(Response::Done(done)) => {
                self.own.push(row.id);
                let after = self.fresh_row(row.id, &row.code, ctx).and_then(|r| r.class);
                let mut msg = ctx.lang.pick(&done.summary_vi, &done.summary_en).to_string();
                if let Some(c) = &after {
                    msg.push_str(&format!(" · {} {}", ctx.t(T::ClBy), c.by));
                }
                ctx.info(msg);
                Ok(Change {
                    id: row.id,
                    code: row.code.clone(),
                    before,
                    after,
                })
            }
            Ok(_) => Err(String::new()),
            Err(e) => Err(e.message(ctx.lang).to_string()),
        }
    }

    /// The selected row if an entry can be made on it; otherwise says why.
    pub(super) fn enterable_row(&self, ctx: &mut Ctx) -> Option<ClassRow> {
        let Some(row) = self.current().cloned() else {
            ctx.error(ctx.t(T::NothingSelected));
            return None;
        };
        if let Err(e) = self.check_row(&row, ctx.lang) {
            ctx.error(format!("{}: {e}", row.code));
            return None;
        }
        Some(row)
    }

    /// A level by its key. In a QĐ 366 year the score gives the level: a
    /// level whose score is not there (none, or one giving another level)
    /// asks for the score instead of writing a level without one.
    pub(super) fn set_level(&mut self, level: Level, ctx: &mut Ctx) {
        let Some(row) = self.enterable_row(ctx) else { return };
        let score = row.class.as_ref().and_then(|c| c.score);
        if self.scores() && score.map(Level::from_score) != Some(level) {
            self.open_edit(true, ctx);
            let year = self.win.as_ref().map(|d| d.year).unwrap_or(ctx.year);
            ctx.info(format!(
                "{}: {} {year} {} {}",
                row.code,
                ctx.t(T::Year),
                ctx.t(T::ClScoreAsked),
                level.short()
            ));
            return;
        }
        let req = self.entry(&row, ctx.year, Some(level), None, None);
        match self.write(&row, req, ctx) {
            Ok(change) => {
                self.undo.push(vec![change]);
                self.redo.clear();
                self.refetch(ctx);
                self.advance(row.id, ctx);
            }
            Err(e) => ctx.error(e),
        }
    }

    pub(super) fn clear_row(&mut self, ctx: &mut Ctx) {
        let Some(row) = self.current().cloned() else { return };
        let Some(c) = row.class.as_ref() else {
            ctx.error(format!("{}: {}", row.code, ctx.t(T::ClNothingToClear)));
            return;
        };
        let req = Request::ClassificationClear {
            code: row.code.clone(),
            year: ctx.year,
            base_version: Some(c.version),
        };
        match self.write(&row, req, ctx) {
            Ok(change) => {
                self.undo.push(vec![change]);
                self.redo.clear();
                self.refetch(ctx);
            }
            Err(e) => ctx.error(e),
        }
    }
}
