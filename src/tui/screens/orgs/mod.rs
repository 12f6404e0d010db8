//! Tổ chức: the organisation tree of the selected date with a detail pane,
//! the `/` filter, and the forms of the register.

pub mod ask;
mod confirm;
mod edit;
pub mod form;
mod model;
mod undo;
mod view;
mod window;

use super::{clamp_scroll, Screen, ScreenId};
use crate::domain::org::OrgId;
use crate::service::api::{Event, OrgDetail, Request, Response, TreeWindow};
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use crossterm::event::KeyEvent;
use form::{Form, FormKind, FormResult};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::HashSet;
use std::sync::Arc;

#[derive(Default)]
pub struct OrgScreen {
    expanded: HashSet<OrgId>,
    drill: Vec<OrgId>,
    filter: String,
    filter_input: Option<TextInput>,
    /// The window of the visible lines the service answered last.
    win: Option<Arc<TreeWindow>>,
    /// The window is to be asked again when the screen is shown.
    stale: bool,
    /// The selected visible line and the first one shown.
    selected: usize,
    offset: usize,
    selected_id: Option<OrgId>,
    page: usize,
    detail: Option<Box<OrgDetail>>,
    /// The newest cases of the organisation in detail, with their counts.
    cases: Option<crate::service::api::CaseList>,
    pub form: Option<Form>,
    /// The later records a backdated change met, over its form.
    pub ask: Option<ask::Ask>,
    initialised: bool,
    /// The code of an organisation to select when the tree next reloads.
    pending_select: Option<String>,
    /// A merge, dissolution or move of all children waiting for confirmation.
    confirm: Option<confirm::Confirm>,
    /// The audit number of this clerk's last register change in this session (undo).
    last_change: Option<u64>,
    /// The register holds no organisation at all (not only none on the date shown).
    register_empty: bool,
}

impl OrgScreen {
    pub fn new() -> OrgScreen {
        OrgScreen {
            page: 10,
            ..Default::default()
        }
    }

    pub fn filter_text(&self) -> &str {
        &self.filter
    }

    /// Keep the selected id and the detail pane in step with the selection.
    fn after_move(&mut self, ctx: &mut Ctx) {
        let node = self.selected_row().map(|n| (n.id, n.code.clone()));
        self.selected_id = node.as_ref().map(|n| n.0);
        let want = node.map(|n| n.1);
        let have = self.detail.as_ref().map(|d| d.code.clone());
        if want != have {
            self.detail = None;
            if let Some(code) = want {
                if let Some(Response::Org(d)) = ctx.call(Request::Org {
                    code: code.clone(),
                    at: ctx.at,
                    year: ctx.year,
                }) {
                    self.detail = Some(d);
                }
                self.cases = match ctx.call(Request::CaseList(crate::service::api::CaseQuery {
                    org: Some(code),
                    limit: Some(super::cases::model::ORG_CASES),
                    ..Default::default()
                })) {
                    Some(Response::Cases(l)) => Some(l),
                    _ => None,
                };
            }
        }
    }
}

impl OrgScreen {
    /// The window again after the date, the year or the register changed:
    /// anchored on the selected organisation, so the cursor stays on it.
    fn reload(&mut self, ctx: &mut Ctx) {
        self.detail = None;
        if let Some(code) = self.pending_select.take() {
            // The organisation just added.
            let (at, year) = (ctx.at, ctx.year);
            if let Some(Response::Org(d)) = ctx.call(Request::Org { code, at, year }) {
                if self.select_id(d.id, ctx) {
                    self.offer_root(false, ctx);
                    return;
                }
            }
        }
        self.rebuild(ctx);
        let empty = self.win.as_ref().is_none_or(|w| w.tree_len == 0);
        self.offer_root(empty, ctx);
    }

    fn render_tree(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(w) = self.win.clone() else { return };
        let filtering = self.filter_input.is_some() || !self.filter.is_empty();
        // Inside the border: the filter line, the header, then the rows.
        let width = area.width.saturating_sub(2) as usize;
        let height = area.height.saturating_sub(3 + filtering as u16) as usize;
        self.page = height.max(1);
        clamp_scroll(&mut self.selected, &mut self.offset, w.total, height);
        let m = self.tree_model(&w, ctx.lang, ctx.year, width, height);
        let input = self.filter_input.clone().unwrap_or_else(|| TextInput::new(&self.filter));
        let cursor = self.filter_input.is_some() && self.form.is_none();
        view::tree(f, area, &m, &input, cursor, ctx);
    }

    fn render_detail(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        // Inside the pane's border.
        let width = area.width.saturating_sub(2) as usize;
        let height = area.height.saturating_sub(2) as usize;
        let mut lines = self
            .detail
            .as_deref()
            .map(|d| model::detail(d, ctx.lang, width, height))
            .unwrap_or_default();
        if let Some(cases) = self.cases.as_ref().filter(|_| self.detail.is_some()) {
            lines.extend(super::cases::model::org_cases(cases, ctx.lang, width));
        }
        view::detail(f, area, &lines, ctx);
    }
}

impl Screen for OrgScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Orgs
    }

    fn search_target(&self) -> bool {
        true
    }

    fn layer(&self) -> Layer {
        if self.ask.is_some() {
            Layer::Ask
        } else if self.confirm.is_some() {
            Layer::Confirm
        } else if self.form.is_some() {
            Layer::Form
        } else if self.filter_input.is_some() {
            Layer::Filter
        } else {
            Layer::Tree
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[
            Layer::Tree,
            Layer::List,
            Layer::Global,
            Layer::Filter,
            Layer::Form,
            Layer::Confirm,
            Layer::Ask,
        ]
    }

    fn year_bound(&self) -> bool {
        true
    }

    fn tree_reloaded(&mut self, visible: bool, ctx: &mut Ctx) {
        self.detail = None;
        if !visible {
            // Asked again when shown.
            self.stale = true;
            return;
        }
        self.reload(ctx);
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale {
            self.reload(ctx);
        } else {
            // Fetch a detail dropped while another screen was shown.
            self.after_move(ctx);
        }
    }

    fn events(&mut self, events: &[Event], visible: bool, ctx: &mut Ctx) {
        // The tree was reloaded for tree-changing events; the detail may show
        // admissions or classifications that changed without the tree. Hidden,
        // it is fetched again when the screen is shown (not on every entry
        // made in the classification grid).
        if events.iter().any(|e| !matches!(e, Event::OrgsChanged { .. } | Event::Reloaded)) {
            self.detail = None;
            if visible {
                self.after_move(ctx);
            }
        }
    }

    fn typed(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> bool {
        if self.ask.is_some() || self.confirm.is_some() {
            return true;
        }
        if let Some(form) = self.form.as_mut() {
            form.typed(key, ctx);
            return true;
        }
        let Some(input) = self.filter_input.as_mut() else { return false };
        if input.handle_key(key) {
            let text = input.text();
            if text != self.filter {
                self.filter = text;
                self.rebuild(ctx);
            }
        }
        true
    }

    fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        if self.ask.is_some() || self.confirm.is_some() {
            return;
        }
        if let Some(form) = self.form.as_mut() {
            form.paste(text, ctx);
        } else if let Some(input) = self.filter_input.as_mut() {
            input.paste(text);
            self.filter = input.text();
            self.rebuild(ctx);
        }
    }

    fn before_key(&mut self, ctx: &mut Ctx) {
        // The page grew since the window was asked for (a larger terminal).
        self.ensure_window(ctx);
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        if let Some(ask) = self.ask.as_mut() {
            match ask.action(action) {
                None => return false,
                Some(ask::AskResult::Stay) => {}
                Some(ask::AskResult::Cancel) => self.ask = None,
                Some(ask::AskResult::Send(req)) => self.submit(req, ctx),
            }
            return true;
        }
        if self.confirm.is_some() {
            return self.confirm_action(action, ctx);
        }
        if let Some(form) = self.form.as_mut() {
            match form.action(action, ctx) {
                None => return false,
                Some(FormResult::Continue) => {}
                Some(FormResult::Cancel) => self.form = None,
                Some(FormResult::Submit(req)) => self.submit_or_confirm(req, ctx),
            }
            return true;
        }
        if self.filter_input.is_some() {
            let list = match action {
                Action::FilterClear => {
                    self.filter_input = None;
                    self.filter.clear();
                    self.rebuild(ctx);
                    return true;
                }
                Action::FilterKeep => {
                    self.filter_input = None;
                    return true;
                }
                Action::FilterUp => Action::Up,
                Action::FilterDown => Action::Down,
                Action::FilterPageUp => Action::PageUp,
                Action::FilterPageDown => Action::PageDown,
                _ => return false,
            };
            self.move_by(list, ctx);
            return true;
        }
        if self.win.is_none() {
            return false;
        }
        if self.move_by(action, ctx) {
            return true;
        }
        let node = self.selected_row().cloned();
        match action {
            Action::Expand | Action::Collapse | Action::Toggle => {
                let Some(n) = node else { return true };
                let open = self.expanded.contains(&n.id);
                match action {
                    Action::Expand if open && n.has_children => {
                        self.move_by(Action::Down, ctx);
                        return true;
                    }
                    Action::Expand => {
                        self.expanded.insert(n.id);
                    }
                    Action::Collapse if open && n.has_children => {
                        self.expanded.remove(&n.id);
                    }
                    Action::Collapse => {
                        // Go to the parent row (shown above it, or the drill's top).
                        if let Some(p) = n.parent.filter(|_| n.depth > 0) {
                            self.select_visible(p, ctx);
                        }
                        return true;
                    }
                    _ => {
                        if open {
                            self.expanded.remove(&n.id);
                        } else {
                            self.expanded.insert(n.id);
                        }
                    }
                }
                self.rebuild(ctx);
            }
            Action::Drill => {
                if let Some(n) = node.filter(|n| n.has_children) {
                    if self.drill.last() != Some(&n.id) {
                        self.drill.push(n.id);
                        self.expanded.insert(n.id);
                        self.filter.clear();
                        self.selected = 0;
                        self.offset = 0;
                        self.rebuild(ctx);
                    }
                }
            }
            Action::Back => {
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.rebuild(ctx);
                } else if let Some(id) = self.drill.pop() {
                    self.selected_id = Some(id);
                    self.rebuild(ctx);
                }
            }
            Action::Filter => {
                self.filter_input = Some(TextInput::new(&self.filter));
            }
            Action::Add | Action::Rename | Action::Move | Action::Merge | Action::Dissolve | Action::MoveChildren | Action::KindChange => {
                self.open_form(action, ctx)
            }
            Action::RegUndo => self.undo(ctx),
            _ => return false,
        }
        true
    }

    fn selected_org(&self) -> Option<OrgId> {
        self.selected_id
    }

    fn focus_org(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        self.select_id(id, ctx)
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if area.width >= 100 {
            let tree_w = area.width * 3 / 5;
            self.render_tree(f, Rect::new(area.x, area.y, tree_w, area.height), ctx);
            self.render_detail(f, Rect::new(area.x + tree_w, area.y, area.width - tree_w, area.height), ctx);
        } else {
            let tree_h = (area.height * 11 / 20).max(area.height.saturating_sub(12)).min(area.height);
            self.render_tree(f, Rect::new(area.x, area.y, area.width, tree_h), ctx);
            self.render_detail(f, Rect::new(area.x, area.y + tree_h, area.width, area.height - tree_h), ctx);
        }
        if let Some(form) = &self.form {
            form.render(f, area, ctx);
        }
        if let Some(c) = &self.confirm {
            c.render(f, area, ctx);
        }
        if let Some(ask) = &self.ask {
            ask.render(f, area, ctx);
        }
    }
}
