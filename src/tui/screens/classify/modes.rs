//! The grid's popups: the five-year comparison, the findings list (Enter
//! goes to the row), the paste preview; and the actions of every mode.

use super::*;

impl ClassifyScreen {
    pub(super) fn open_compare(&mut self, ctx: &mut Ctx) {
        let under = self.scope_code();
        let mut rows = Vec::new();
        for year in (ctx.year - 4).max(crate::domain::FIRST_YEAR)..=ctx.year {
            let report = match ctx.backend.call(Request::Report {
                year,
                under: under.clone(),
            }) {
                Ok(Response::Report(r)) => Some(r.report),
                _ => None,
            };
            rows.push(CompareRow { year, report });
        }
        self.mode = Mode::Compare(rows);
    }

    /// The findings on the scope and below, in row order (the scope's own
    /// first), asked of the service when the list opens.
    pub(super) fn open_findings(&mut self, ctx: &mut Ctx) {
        if self.footer_findings() == 0 {
            ctx.info(ctx.t(T::ClNoFindings));
            return;
        }
        let mut q = self.query(self.win.as_ref().map_or(ctx.year, |w| w.year));
        q.anchor = self.selected_id;
        q.height = 0;
        q.all_findings = true;
        let list = match ctx.call(Request::ClassificationWindow(q)) {
            Some(Response::ClassificationWindow(w)) => w.all_findings.unwrap_or_default(),
            _ => return,
        };
        if list.is_empty() {
            ctx.info(ctx.t(T::ClNoFindings));
        } else {
            self.mode = Mode::Findings {
                selected: 0,
                offset: 0,
                list,
            };
        }
    }

    /// Findings on the scope and below (the footer's count).
    fn footer_findings(&self) -> usize {
        self.win.as_ref().map_or(0, |w| w.footer.findings)
    }

    /// Show the row of `id`, clearing the filters that hide it and widening
    /// the scope until it holds the row.
    pub(super) fn jump_to(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        if self.win.is_none() {
            return false;
        }
        let before = (
            self.scope.clone(),
            self.unrated_only,
            self.grassroots_only,
            self.name_filter.clone(),
            self.mode.clone(),
            self.selected_id,
        );
        self.unrated_only = false;
        self.grassroots_only = false;
        self.name_filter.clear();
        self.mode = Mode::Grid;
        self.selected_id = Some(id);
        let mut found = self.refetch(ctx);
        while !found && !self.scope.is_empty() {
            self.scope.pop();
            self.selected_id = Some(id);
            found = self.refetch(ctx);
        }
        if found {
            self.offset = self.selected.saturating_sub(self.page / 2);
            self.ensure_window(ctx);
        } else {
            // Not a row of the year (the city itself, or gone): nothing moves.
            (
                self.scope,
                self.unrated_only,
                self.grassroots_only,
                self.name_filter,
                self.mode,
                self.selected_id,
            ) = before;
            self.refetch(ctx);
        }
        found
    }

    /// An action while a mode other than the grid is active; returns whether it was taken.
    pub(super) fn mode_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match &mut self.mode {
            Mode::Grid => return false,
            Mode::Compare(_) => match action {
                Action::CompareClose => self.close_mode(),
                _ => return false,
            },
            Mode::Findings { selected, list, .. } => {
                if list_move(action, selected, list.len(), 10) {
                    return true;
                }
                match action {
                    Action::FindingsClose => self.close_mode(),
                    Action::FindingsGo => {
                        let org = list.get(*selected).map(|l| l.finding.org);
                        if let Some(org) = org {
                            if self.jump_to(org, ctx) {
                                self.close_mode();
                            } else {
                                ctx.error(ctx.t(T::ClFindingOnScope));
                            }
                        }
                    }
                    _ => return false,
                }
            }
            Mode::Filter(_) => {
                let list = match action {
                    Action::FilterClear => {
                        self.close_mode();
                        self.name_filter.clear();
                        self.rebuild(ctx);
                        return true;
                    }
                    Action::FilterKeep => {
                        self.close_mode();
                        return true;
                    }
                    Action::FilterUp => Action::Up,
                    Action::FilterDown => Action::Down,
                    Action::FilterPageUp => Action::PageUp,
                    Action::FilterPageDown => Action::PageDown,
                    _ => return false,
                };
                let total = self.total();
                list_move(list, &mut self.selected, total, self.page);
                self.ensure_window(ctx);
            }
            Mode::Paste(_) => match action {
                Action::PasteWrite => self.apply_paste(ctx),
                Action::PasteCancel => {
                    self.close_mode();
                    ctx.info(ctx.t(T::ClPasteCancelled));
                }
                _ => return false,
            },
            Mode::Decision(_) => return self.decision_action(action, ctx),
            Mode::Editor(_) => return self.edit_action(action, ctx),
        }
        true
    }
}
