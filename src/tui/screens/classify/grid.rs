//! The grid's own actions (no mode open): levels, the editor, undo, the
//! filters and the scope, the findings, the comparison, the decision.

use super::*;

impl ClassifyScreen {
    /// An action in the grid; returns whether it was taken.
    pub(super) fn grid_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match action {
            Action::LevelHtxs => self.set_level(Level::Htxs, ctx),
            Action::LevelHtt => self.set_level(Level::Htt, ctx),
            Action::LevelHt => self.set_level(Level::Ht, ctx),
            Action::LevelKht => self.set_level(Level::Kht, ctx),
            Action::ClassTallies => self.open_edit(false, ctx),
            Action::ClassScore => self.open_edit(true, ctx),
            Action::ClassClear => self.clear_row(ctx),
            Action::ClassUndo => self.undo_redo(true, ctx),
            Action::ClassRedo => self.undo_redo(false, ctx),
            Action::OnlyUnrated => {
                self.unrated_only = !self.unrated_only;
                self.rebuild(ctx);
            }
            Action::OnlyFindings => {
                self.findings_only = !self.findings_only;
                self.rebuild(ctx);
            }
            Action::OnlyGrassroots => {
                self.grassroots_only = !self.grassroots_only;
                self.rebuild(ctx);
            }
            Action::ClassFilter => self.mode = Mode::Filter(TextInput::new(&self.name_filter)),
            Action::ScopeIn => {
                let Some(row) = self.current().cloned() else { return true };
                let has_children = self.win.as_ref().is_some_and(|w| w.below(self.selected));
                if has_children {
                    self.scope.push(ScopeStep {
                        id: row.id,
                        code: row.code.clone(),
                    });
                    self.selected = 0;
                    self.offset = 0;
                    self.selected_id = None;
                    self.rebuild(ctx);
                } else {
                    ctx.error(ctx.t(T::ClNoSubtree));
                }
            }
            Action::ScopeOut => {
                if !self.name_filter.is_empty() || self.unrated_only || self.findings_only || self.grassroots_only {
                    self.name_filter.clear();
                    self.unrated_only = false;
                    self.findings_only = false;
                    self.grassroots_only = false;
                    self.rebuild(ctx);
                } else if let Some(s) = self.scope.pop() {
                    self.selected_id = Some(s.id);
                    self.rebuild(ctx);
                }
            }
            Action::ClassFindings => self.open_findings(ctx),
            Action::ClassCompare => self.open_compare(ctx),
            Action::ClassDecision => self.open_decision(),
            Action::ClassOpenOrg => match self.current() {
                Some(r) => ctx.send(ShellMsg::FocusOrg(r.id)),
                None => ctx.error(ctx.t(T::NothingSelected)),
            },
            Action::ClassExport => {
                // The scope shown (None: the data's whole scope).
                let under = self.scope_code();
                let year = self.win.as_ref().map_or(ctx.year, |d| d.year);
                super::super::export::export(crate::service::api::ExportWhat::Classification, year, under, ctx);
            }
            // A digit in a scored year opens the score editor and is typed into it.
            Action::ScoreDigit => {
                self.open_edit(true, ctx);
                if self.edit().is_some() {
                    return false;
                }
            }
            _ => return false,
        }
        true
    }
}
