//! Entries from the grid: each written at once through the service (one
//! audited write, acknowledged after the store's flush), refused with the
//! reason for a row that cannot take one.

use super::*;

impl ClassifyScreen {
    /// Refuse an entry for a row that cannot take one.
    pub(super) fn check_row(&self, id: OrgId, lang: Lang) -> Result<(), String> {
        let Some(d) = self.data.as_ref() else {
            return Err(T::NothingSelected.get(lang).into());
        };
        let Some(r) = d.row(id) else {
            return Err(format!("{} {}", T::ClNotInYear.get(lang), d.year));
        };
        if r.kind == OrgKind::City {
            return Err(T::ClCityNotRated.get(lang).into());
        }
        Ok(())
    }

    pub(super) fn base_version(&self, id: OrgId) -> Option<u64> {
        let d = self.data.as_ref()?;
        Some(d.row(id).and_then(|r| r.class.as_ref()).map(|c| c.version).unwrap_or(0))
    }

    /// One entry from the grid: the fields typed, the rest of the record kept,
    /// the decision in force recorded, based on the version shown.
    pub(super) fn entry(
        &self,
        code: &str,
        id: OrgId,
        year: i32,
        level: Option<Level>,
        score: Option<f64>,
        members: Option<Tallies>,
    ) -> Request {
        Request::ClassifySet(ClassifyInput {
            code: code.to_string(),
            year,
            level,
            score,
            members,
            decision: self.decision.as_ref().map(|d| d.number.clone()),
            decided: self.decision.as_ref().and_then(|d| d.date),
            note: None,
            keep_rest: true,
            base_version: self.base_version(id),
        })
    }

    /// Send one write for `id`; on success refresh around it and return the change.
    pub(super) fn write(&mut self, id: OrgId, req: Request, ctx: &mut Ctx) -> Result<Change, String> {
        let before = self.data.as_ref().and_then(|d| d.row(id)).and_then(|r| r.class.clone());
        match ctx.backend.call(req) {
            Ok(Response::Done(done)) => {
                self.own.push(id);
                self.refresh(&[id], ctx);
                let after = self.data.as_ref().and_then(|d| d.row(id)).and_then(|r| r.class.clone());
                let mut msg = ctx.lang.pick(&done.summary_vi, &done.summary_en).to_string();
                if let Some(c) = &after {
                    msg.push_str(&format!(" · {} {}", ctx.t(T::ClBy), c.by));
                }
                ctx.info(msg);
                Ok(Change { id, before, after })
            }
            Ok(_) => Err(String::new()),
            Err(e) => Err(e.message(ctx.lang).to_string()),
        }
    }

    /// The selected row if an entry can be made on it; otherwise says why.
    pub(super) fn enterable_row(&self, ctx: &mut Ctx) -> Option<crate::service::api::ClassRow> {
        let Some(row) = self.current().cloned() else {
            ctx.error(ctx.t(T::NothingSelected));
            return None;
        };
        if let Err(e) = self.check_row(row.id, ctx.lang) {
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
            let year = self.data.as_ref().map(|d| d.year).unwrap_or(ctx.year);
            ctx.info(format!(
                "{}: {} {year} {} {}",
                row.code,
                ctx.t(T::Year),
                ctx.t(T::ClScoreAsked),
                level.short()
            ));
            return;
        }
        let req = self.entry(&row.code, row.id, ctx.year, Some(level), None, None);
        match self.write(row.id, req, ctx) {
            Ok(change) => {
                self.undo.push(vec![change]);
                self.redo.clear();
                self.advance(row.id);
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
        let req = Request::ClassifyClear {
            code: row.code.clone(),
            year: ctx.year,
            base_version: Some(c.version),
        };
        match self.write(row.id, req, ctx) {
            Ok(change) => {
                self.undo.push(vec![change]);
                self.redo.clear();
            }
            Err(e) => ctx.error(e),
        }
    }
}
