//! Loading the year's rows and findings, refreshing the rows a change can
//! move, and rebuilding what is shown (scope, filters, footer).

use super::*;

impl ClassifyScreen {
    /// Load the selected year's rows and findings for the whole city.
    pub(super) fn reload(&mut self, ctx: &mut Ctx) {
        self.stale = false;
        let started = std::time::Instant::now();
        let answer = ctx.call(Request::Classifications {
            year: ctx.year,
            under: None,
        });
        let fetched = started.elapsed();
        match answer {
            Some(Response::Classifications(list)) => {
                let year_changed = self.data.as_ref().is_none_or(|d| d.year != list.year);
                let d = ClassData::new(list);
                self.scope.retain(|s| d.index.contains_key(s));
                if year_changed {
                    // Undo and redo belong to the year they were made in.
                    self.undo.clear();
                    self.redo.clear();
                    self.mode = Mode::Grid;
                    // A decision rates one year.
                    self.decision = None;
                }
                self.data = Some(d);
            }
            _ => self.data = None,
        }
        self.rebuild();
        tracing::debug!(
            fetch_ms = fetched.as_millis() as u64,
            ms = started.elapsed().as_millis() as u64,
            rows = self.data.as_ref().map(|d| d.rows.len()),
            "classifications loaded"
        );
    }

    /// Refresh the rows and findings that changes to `ids` (by anyone) can
    /// move: each organisation and its parent. Reloads everything when the
    /// answer does not fit (the tree changed meanwhile).
    pub(super) fn refresh(&mut self, ids: &[OrgId], ctx: &mut Ctx) {
        let Some(d) = self.data.as_ref() else { return };
        let mut touched: Vec<OrgId> = Vec::with_capacity(ids.len() * 2);
        for id in ids {
            for t in d.touched_by(*id) {
                if !touched.contains(&t) {
                    touched.push(t);
                }
            }
        }
        let Some(codes) = d.codes_of(&touched) else {
            self.reload(ctx);
            return;
        };
        let year = d.year;
        let ok = match ctx.backend.call(Request::ClassificationsOf { year, codes }) {
            Ok(Response::Classifications(list)) => self.data.as_mut().is_some_and(|d| d.update(list)),
            _ => false,
        };
        if ok {
            self.rebuild();
        } else {
            self.reload(ctx);
        }
    }

    /// Recompute the visible rows and the footer; keep the cursor on the same organisation.
    pub(super) fn rebuild(&mut self) {
        self.visible.clear();
        if !self.name_filter.trim().is_empty() {
            if let Some(d) = self.data.as_mut() {
                d.ensure_folded();
            }
        }
        let Some(d) = self.data.as_ref() else {
            self.footer = Footer::default();
            return;
        };
        let scope = self.scope_id();
        let q = fold(self.name_filter.trim());
        for i in d.scope_range(scope) {
            let r = &d.rows[i];
            if (self.unrated_only && r.class.is_some())
                || (self.findings_only && !d.has_findings(r.id))
                || (self.grassroots_only && !r.kind.is_grassroots())
                || (!q.is_empty() && !d.folded[i].contains(&q) && !fold(&r.code).contains(&q))
            {
                continue;
            }
            self.visible.push(i);
        }
        if let Some(id) = self.selected_id {
            if let Some(pos) = self.visible.iter().position(|i| d.rows[*i].id == id) {
                self.selected = pos;
            }
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.selected_id = self.visible.get(self.selected).map(|i| d.rows[*i].id);
        self.footer = d.footer(scope);
    }

    pub(super) fn ensure_loaded(&mut self, ctx: &mut Ctx) {
        if self.stale || self.data.as_ref().is_some_and(|d| d.year != ctx.year) {
            self.reload(ctx);
        }
    }
}
