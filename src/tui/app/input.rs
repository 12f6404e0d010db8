//! Input: every key through the keymap (the modal's, then the screen's
//! layer, then the global one), pastes, and what screens ask of the shell.

use super::*;

impl App {
    pub fn handle_paste(&mut self, text: String) {
        self.load_year();
        self.dirty = true;
        match &mut self.modal {
            Some(Modal::Search(ui)) => ui.paste(&text, &mut self.search, &mut self.ctx),
            Some(Modal::Date(ui)) => ui.paste(&text),
            Some(_) => {}
            None => self.screens[self.current].paste(&text, &mut self.ctx),
        }
        self.take_outbox();
    }

    /// Every key goes through the keymap: the active layer's action if one
    /// takes the key, otherwise the key is typed into the input there is.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.dirty = true;
        let action = self.active_layer().and_then(|l| self.ctx.keymap.lookup(l, &key));
        if matches!(action, Some(Action::YearPrev | Action::YearNext)) {
            // A burst of year keys loads only the last year (on the next other key or frame).
            self.dispatch(action.unwrap_or(Action::YearNext));
            self.poll_background();
            return;
        }
        self.load_year();
        if self.modal.is_none() {
            self.screens[self.current].before_key(&mut self.ctx);
        }
        // The layer may have changed with the data loaded.
        let action = self.active_layer().and_then(|l| self.ctx.keymap.lookup(l, &key));
        let taken = match action {
            Some(a) => self.dispatch(a),
            None => false,
        };
        if !taken {
            self.type_key(&key);
        }
        self.take_outbox();
        self.poll_background();
    }

    /// Hand an action to whoever owns the active layer; returns whether it was taken.
    fn dispatch(&mut self, a: Action) -> bool {
        if a == Action::ForceQuit {
            // From any layer (see `Keymap::lookup_key`): what is typed and not saved is left.
            self.quit = true;
            return true;
        }
        let msg = match &mut self.modal {
            None if a.layer() == Layer::Global => {
                self.global(a);
                return true;
            }
            None => return self.screens[self.current].action(a, &mut self.ctx),
            Some(Modal::Loading) => Msg::Stay,
            Some(Modal::Welcome) => modals::welcome::action(a),
            Some(Modal::Help(ui)) => ui.action(a, self.help_max.get()),
            Some(Modal::Date(ui)) => ui.action(a, &self.ctx),
            Some(Modal::Search(ui)) => ui.action(a, &mut self.search, &mut self.ctx),
        };
        self.modal_msg(msg)
    }

    /// A key no action took: typed text for the input there is.
    fn type_key(&mut self, key: &KeyEvent) {
        match &mut self.modal {
            Some(Modal::Search(ui)) => ui.typed(key, &mut self.search, &mut self.ctx),
            Some(Modal::Date(ui)) => ui.typed(key),
            Some(_) => {}
            None => {
                self.screens[self.current].typed(key, &mut self.ctx);
            }
        }
    }

    /// Do what a popup asks; returns whether its action was taken.
    fn modal_msg(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::Pass => return false,
            Msg::Stay => {}
            Msg::Close => self.modal = None,
            Msg::Quit => self.quit = true,
            Msg::LoadDemo => {
                self.modal = Some(Modal::Loading);
                self.demo_pending = true;
            }
            Msg::SetDate(d) => {
                self.modal = None;
                self.ctx.pin_date(d);
                self.ctx.info(i18n::date_changed(self.ctx.lang, d));
                self.reload_tree();
            }
            Msg::FollowYear => {
                self.modal = None;
                self.ctx.unpin_date();
                self.ctx.info(i18n::date_follows_year(self.ctx.lang, self.ctx.at));
                self.reload_tree();
            }
            Msg::FocusOrg(id) => {
                self.modal = None;
                // Opened from a screen that lists it (the grid): its row there.
                if !self.screens[self.current].focus_org(id, &mut self.ctx) {
                    self.ctx.send(ShellMsg::FocusOrg(id));
                }
                self.take_outbox();
            }
            Msg::FocusFormer(id, day) => {
                // No longer exists: the tree as of a day it did, on the register.
                self.modal = None;
                self.ctx.pin_date(day);
                self.ctx.info(i18n::date_changed(self.ctx.lang, day));
                self.reload_tree();
                self.ctx.send(ShellMsg::FocusOrg(id));
                self.take_outbox();
            }
            Msg::FocusCase(id) => {
                self.modal = None;
                self.ctx.send(ShellMsg::FocusCase(id));
                self.take_outbox();
            }
        }
        true
    }

    fn global(&mut self, a: Action) {
        let n = self.screens.len();
        match a {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help(modals::help::HelpUi::default())),
            Action::Search => self.modal = Some(Modal::Search(modals::palette::SearchUi::new(&mut self.search))),
            Action::NextScreen => self.switch((self.current + 1) % n),
            Action::PrevScreen => self.switch((self.current + n - 1) % n),
            Action::YearPrev | Action::YearNext => {
                let y = if a == Action::YearPrev {
                    self.ctx.year - 1
                } else {
                    self.ctx.year + 1
                };
                if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
                    // The tree's date follows the year unless the clerk pinned one.
                    self.ctx.set_year(y);
                    self.ctx.info(i18n::year_changed(self.ctx.lang, y));
                    self.year_pending = true;
                }
            }
            Action::SetDate => self.modal = Some(Modal::Date(modals::date::DateUi::new(self.ctx.at))),
            _ => {
                if let Some(i) = a.screen_index() {
                    self.switch(i);
                }
            }
        }
    }

    /// Load the year chosen last, once (before the next frame, event or other key).
    pub(super) fn load_year(&mut self) {
        if !std::mem::take(&mut self.year_pending) {
            return;
        }
        if !self.screens[self.current].uses_tree() {
            // The register's window shows the year's levels: it is asked
            // again when the register is shown.
            self.tree_stale = true;
            self.screens[self.current].activate(&mut self.ctx);
        } else {
            self.reload_tree();
        }
    }

    /// Do what the screens asked for meanwhile.
    pub(super) fn take_outbox(&mut self) {
        for msg in std::mem::take(&mut self.ctx.outbox) {
            match msg {
                ShellMsg::Show(id) => {
                    if let Some(i) = self.screens.iter().position(|s| s.id() == id) {
                        self.switch(i);
                    }
                }
                ShellMsg::ShowAnd(id, action) => {
                    if let Some(i) = self.screens.iter().position(|s| s.id() == id) {
                        self.switch(i);
                        self.screens[i].before_key(&mut self.ctx);
                        self.screens[i].action(action, &mut self.ctx);
                    }
                }
                ShellMsg::ReloadTree => self.reload_tree(),
                ShellMsg::FocusCase(id) => {
                    let shown = (0..self.screens.len()).find(|i| self.screens[*i].focus_case(id, &mut self.ctx));
                    match shown {
                        Some(i) => self.switch(i),
                        None => self.ctx.error(format!("{} #{id}", self.ctx.t(T::CaseNotFound))),
                    }
                }
                ShellMsg::FocusOrg(id) => {
                    let Some(i) = self.screens.iter().position(|s| s.search_target()) else {
                        continue;
                    };
                    self.switch(i);
                    if !self.screens[i].focus_org(id, &mut self.ctx) {
                        let at = i18n::date(self.ctx.at);
                        self.ctx.error(format!("{} {at}", self.ctx.t(T::NotInTreeAt)));
                    }
                }
            }
        }
    }

    fn switch(&mut self, i: usize) {
        if i < self.screens.len() && i != self.current {
            if self.tree_stale {
                self.reload_tree();
            }
            self.current = i;
            self.screens[i].activate(&mut self.ctx);
        }
    }
}
