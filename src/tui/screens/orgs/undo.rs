//! The register screen's undo of the clerk's last register change, the
//! confirmation step before a merge, a dissolution or a move of all
//! children.

use super::confirm::{wants_confirmation, Confirm};
use super::form::FormKind;
use super::OrgScreen;
use crate::service::api::{Request, Response};
use crate::tui::i18n::T;
use crate::tui::keymap::Action;
use crate::tui::state::Ctx;

impl OrgScreen {
    /// A form's request: a merge, dissolution or move of all children is
    /// previewed by the service first and waits for confirmation; a refusal
    /// (the same checks as the change) keeps the form open with the reason.
    pub(super) fn submit_or_confirm(&mut self, req: Request, ctx: &mut Ctx) {
        if !wants_confirmation(&req) {
            return self.submit(req, ctx);
        }
        match ctx.backend.call(Request::OrgPreview {
            change: Box::new(req.clone()),
        }) {
            Ok(Response::OrgPreview(preview)) => {
                self.confirm = Some(Confirm {
                    request: req,
                    preview: *preview,
                })
            }
            // Dated before records kept later: asked first (nothing written).
            Ok(Response::Conflicts(c)) => self.ask = Some(super::ask::Ask::new(*c, req)),
            Ok(_) => {}
            Err(e) => {
                if let Some(f) = self.form.as_mut() {
                    f.error = Some(e.message(ctx.lang).to_string());
                }
            }
        }
    }

    /// A key of the confirmation: write the change, or go back to the form.
    pub(super) fn confirm_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match action {
            Action::ConfirmYes => {
                if let Some(c) = self.confirm.take() {
                    self.submit(c.request, ctx);
                }
            }
            Action::ConfirmNo => self.confirm = None,
            _ => return false,
        }
        true
    }

    /// Undo this clerk's last register change of the session (an audited
    /// reverse change made by the service, or its refusal with the reason).
    pub(super) fn undo(&mut self, ctx: &mut Ctx) {
        let Some(seq) = self.last_change else {
            ctx.error(ctx.t(T::NothingToUndo));
            return;
        };
        match ctx.backend.call(Request::OrgUndo { seq }) {
            Ok(Response::Done(done)) => {
                // Undoing the undo makes the change again.
                self.last_change = Some(done.seq);
                self.detail = None;
                ctx.info(ctx.lang.pick(&done.summary_vi, &done.summary_en).to_string());
            }
            Ok(_) => {}
            Err(e) => ctx.error(e.message(ctx.lang).to_string()),
        }
    }

    /// Whether the register is empty (asked of the service when the tree
    /// shown is empty); the root's form is closed if the register fills
    /// meanwhile (demo data loaded by another client).
    pub(super) fn offer_root(&mut self, tree_empty: bool, ctx: &mut Ctx) {
        self.register_empty = tree_empty && matches!(ctx.call(Request::Status), Some(Response::Status(s)) if s.organisations == 0);
        if !self.register_empty && self.form.as_ref().is_some_and(|f| f.kind == FormKind::Root) {
            self.form = None;
        }
    }
}
