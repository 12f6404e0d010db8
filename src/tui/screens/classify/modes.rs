//! The grid's popups: the five-year comparison, the findings list (Enter
//! goes to the row), the paste preview; and the actions of every mode.

use super::*;

impl ClassifyScreen {
    pub(super) fn open_compare(&mut self, ctx: &mut Ctx) {
        let under = self.scope_id().and_then(|s| self.data.as_ref()?.row(s)).map(|r| r.code.clone());
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

    /// The findings on the scope and below, in row order (the scope's own first).
    pub(super) fn scope_findings(&self) -> Vec<usize> {
        let Some(d) = self.data.as_ref() else { return Vec::new() };
        let scope = self.scope_id();
        let range = d.scope_range(scope);
        let mut out: Vec<usize> = Vec::new();
        let top = scope.or(d.root);
        if let Some(t) = top {
            out.extend(d.by_org.get(&t).into_iter().flatten().copied());
        }
        for i in range {
            out.extend(d.by_org.get(&d.rows[i].id).into_iter().flatten().copied());
        }
        out
    }

    /// Show the row of `id`, clearing the filters that hide it.
    pub(super) fn jump_to(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        let Some(d) = self.data.as_ref() else { return false };
        let Some(&i) = d.index.get(&id) else { return false };
        if !d.scope_range(self.scope_id()).contains(&i) {
            // Widen the scope until it holds the row.
            while let Some(s) = self.scope_id() {
                if d.scope_range(Some(s)).contains(&i) {
                    break;
                }
                self.scope.pop();
            }
        }
        self.unrated_only = false;
        self.grassroots_only = false;
        self.name_filter.clear();
        self.mode = Mode::Grid;
        self.selected_id = Some(id);
        self.rebuild();
        self.offset = self.selected.saturating_sub(self.page / 2);
        let _ = ctx;
        true
    }

    /// An action while a mode other than the grid is active; returns whether it was taken.
    pub(super) fn mode_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let findings = self.scope_findings();
        match &mut self.mode {
            Mode::Grid => return false,
            Mode::Compare(_) => match action {
                Action::CompareClose => self.close_mode(),
                _ => return false,
            },
            Mode::Findings { selected, .. } => {
                if list_move(action, selected, findings.len(), 10) {
                    return true;
                }
                match action {
                    Action::FindingsClose => self.close_mode(),
                    Action::FindingsGo => {
                        let org = findings.get(*selected).and_then(|i| self.data.as_ref().map(|d| d.findings[*i].org));
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
                        self.rebuild();
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
                list_move(list, &mut self.selected, self.visible.len(), self.page);
                self.after_move();
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
