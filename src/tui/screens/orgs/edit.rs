//! The register's forms: opening the one an action asks for, and sending
//! what it holds to the service.

use super::*;

impl OrgScreen {
    pub(super) fn open_form(&mut self, action: Action, ctx: &mut Ctx) {
        if self.register_empty && action == Action::Add {
            self.form = Some(Form::root(ctx.today));
            return;
        }
        let Some(node) = self.selected_row().cloned() else {
            ctx.error(ctx.t(T::NothingSelected));
            return;
        };
        let version = self.detail.as_ref().filter(|d| d.code == node.code).map(|d| d.version);
        let today = ctx.today;
        let node = &node;
        self.form = match action {
            Action::Add => match Form::add(node, today) {
                Some(f) => Some(f),
                None => {
                    ctx.error(ctx.t(T::NoKindAllowed));
                    None
                }
            },
            Action::Rename => Some(Form::rename(node, version, today)),
            Action::Move => Some(Form::relocate(FormKind::Move, node, version, today)),
            Action::Merge => Some(Form::relocate(FormKind::Merge, node, version, today)),
            Action::Dissolve => Some(Form::dissolve(node, version, today)),
            Action::MoveChildren => Some(Form::relocate(FormKind::MoveChildren, node, version, today)),
            Action::KindChange => {
                let f = Form::kind_change(node, node.parent_kind, version, today);
                if f.is_none() {
                    ctx.error(ctx.t(T::NoKindChange));
                }
                f
            }
            _ => None,
        };
    }

    pub(super) fn submit(&mut self, req: Request, ctx: &mut Ctx) {
        let kind = self.form.as_ref().map(|f| f.kind);
        self.ask = None;
        let req_again = req.clone();
        match ctx.backend.call(req) {
            Ok(Response::Done(done)) => {
                self.form = None;
                self.last_change = Some(done.seq);
                let mut said = ctx.lang.pick(&done.summary_vi, &done.summary_en).to_string();
                // Dated after the tree shown (a past year's): say so, or the
                // clerk looks for it in vain.
                if let Some(from) = req_again.meta().effective.filter(|d| *d > ctx.at) {
                    said.push_str(&crate::tui::i18n::later_than_tree(ctx.lang, from, ctx.at));
                }
                ctx.info(said);
                // Show the new organisation once the tree reloads (the change event does it).
                if kind == Some(FormKind::Root) {
                    self.pending_select = done.code.clone();
                }
                if kind == Some(FormKind::Add) {
                    if let Some(parent) = self.selected_id {
                        self.expanded.insert(parent);
                    }
                    self.pending_select = done.code.clone();
                }
                self.detail = None;
            }
            Ok(Response::Conflicts(c)) => {
                // Asked: nothing written; the form stays under the question.
                self.ask = Some(ask::Ask::new(*c, req_again));
            }
            Ok(_) => self.form = None,
            Err(e) => {
                if let Some(f) = self.form.as_mut() {
                    f.error = Some(e.message(ctx.lang).to_string());
                }
            }
        }
    }
}
