//! Tổ chức: the organisation tree of the selected date with a detail pane,
//! the `/` filter, and the forms of the register.

pub mod ask;
mod confirm;
pub mod form;
mod model;
mod undo;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::org::OrgId;
use crate::domain::text::fold;
use crate::service::api::{Event, OrgDetail, Request, Response};
use crate::tui::i18n::T;
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::{Ctx, TreeData};
use crossterm::event::KeyEvent;
use form::{Form, FormKind, FormResult};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::HashSet;

#[derive(Default)]
pub struct OrgScreen {
    expanded: HashSet<OrgId>,
    drill: Vec<OrgId>,
    filter: String,
    filter_input: Option<TextInput>,
    /// Visible rows: node index and depth below the shown top.
    rows: Vec<(usize, u16)>,
    /// Rows that are only shown as ancestors of filter matches.
    context_only: HashSet<usize>,
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

    pub fn selected_node<'a>(&self, tree: &'a TreeData) -> Option<&'a crate::service::api::NodeView> {
        self.rows.get(self.selected).map(|(i, _)| &tree.view.nodes[*i])
    }

    pub fn visible_rows(&self) -> usize {
        self.rows.len()
    }

    pub fn filter_text(&self) -> &str {
        &self.filter
    }

    /// Recompute the visible rows and keep the selection on the same organisation.
    fn rebuild(&mut self, ctx: &mut Ctx) {
        self.rows.clear();
        self.context_only.clear();
        let Some(tree) = ctx.tree.clone() else { return };
        let tops: Vec<OrgId> = match self.drill.last() {
            Some(id) => vec![*id],
            None => tree.roots(),
        };
        let q = fold(self.filter.trim());
        let keep: Option<Vec<bool>> = if q.is_empty() {
            None
        } else {
            let mut keep = vec![false; tree.view.nodes.len()];
            let mut matched = vec![false; tree.view.nodes.len()];
            for (i, m) in matched.iter_mut().enumerate() {
                if tree.matches(i, &q) {
                    *m = true;
                    let mut cur = Some(i);
                    while let Some(c) = cur {
                        if keep[c] {
                            break;
                        }
                        keep[c] = true;
                        cur = tree.view.nodes[c].parent.and_then(|p| tree.index.get(&p).copied());
                    }
                }
            }
            for (i, k) in keep.iter().enumerate() {
                if *k && !matched[i] {
                    self.context_only.insert(i);
                }
            }
            Some(keep)
        };
        let mut stack: Vec<(OrgId, u16)> = tops.iter().rev().map(|id| (*id, 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            let Some(&i) = tree.index.get(&id) else { continue };
            if let Some(keep) = &keep {
                if !keep[i] {
                    continue;
                }
            }
            self.rows.push((i, depth));
            let open = keep.is_some() || self.expanded.contains(&id);
            if open {
                for c in tree.view.nodes[i].children.iter().rev() {
                    stack.push((*c, depth + 1));
                }
            }
        }
        if let Some(id) = self.selected_id {
            if let Some(pos) = self.rows.iter().position(|(i, _)| tree.view.nodes[*i].id == id) {
                self.selected = pos;
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.after_move(ctx);
    }

    /// Keep the selected id and the detail pane in step with the selection.
    fn after_move(&mut self, ctx: &mut Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
        let node = self.selected_node(&tree);
        self.selected_id = node.map(|n| n.id);
        let want = node.map(|n| n.code.clone());
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

    fn open_form(&mut self, action: Action, ctx: &mut Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
        if self.register_empty && action == Action::Add {
            self.form = Some(Form::root(ctx.today));
            return;
        }
        let Some(node) = self.selected_node(&tree) else {
            ctx.error(ctx.t(T::NothingSelected));
            return;
        };
        let version = self.detail.as_ref().filter(|d| d.code == node.code).map(|d| d.version);
        let today = ctx.today;
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
                let parent = node.parent.and_then(|p| tree.node(p)).map(|p| p.kind);
                let f = Form::kind_change(node, parent, version, today);
                if f.is_none() {
                    ctx.error(ctx.t(T::NoKindChange));
                }
                f
            }
            _ => None,
        };
    }

    fn submit(&mut self, req: Request, ctx: &mut Ctx) {
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

    fn select_id(&mut self, id: OrgId, ctx: &mut Ctx) -> bool {
        let Some(tree) = ctx.tree.clone() else { return false };
        if tree.node(id).is_none() {
            return false;
        }
        // Stay drilled if the drilled organisation holds it.
        let ancestors = tree.ancestors(id);
        if let Some(top) = self.drill.last() {
            if *top != id && !ancestors.contains(top) {
                self.drill.clear();
            }
        }
        self.filter.clear();
        self.filter_input = None;
        self.expanded.extend(ancestors);
        self.selected_id = Some(id);
        self.rebuild(ctx);
        // Centre it on the next render.
        self.offset = self.selected.saturating_sub(self.page / 2);
        true
    }
}

impl OrgScreen {
    fn render_tree(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
        let filtering = self.filter_input.is_some() || !self.filter.is_empty();
        // Inside the border: the filter line, the header, then the rows.
        let width = area.width.saturating_sub(2) as usize;
        let height = area.height.saturating_sub(3 + filtering as u16) as usize;
        self.page = height.max(1);
        clamp_scroll(&mut self.selected, &mut self.offset, self.rows.len(), height);
        let m = self.tree_model(&tree, ctx.lang, ctx.year, width, height);
        let input = self.filter_input.clone().unwrap_or_else(|| TextInput::new(&self.filter));
        let cursor = self.filter_input.is_some() && self.form.is_none();
        view::tree(f, area, &m, &input, cursor, ctx);
    }

    fn render_detail(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let mut lines = self.detail.as_deref().map(|d| model::detail(d, ctx.lang)).unwrap_or_default();
        if let Some(cases) = self.cases.as_ref().filter(|_| self.detail.is_some()) {
            lines.extend(super::cases::model::org_cases(cases, ctx.lang));
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

    fn tree_reloaded(&mut self, _visible: bool, ctx: &mut Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
        self.offer_root(tree.view.nodes.is_empty(), ctx);
        if !self.initialised && !tree.view.nodes.is_empty() {
            self.initialised = true;
            self.expanded.extend(tree.roots());
        }
        self.drill.retain(|id| tree.node(*id).is_some());
        self.detail = None;
        if let Some(code) = self.pending_select.take() {
            if let Some(n) = tree.by_code(&code) {
                let id = n.id;
                self.select_id(id, ctx);
                return;
            }
        }
        self.rebuild(ctx);
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        // Fetch a detail dropped while another screen was shown.
        self.after_move(ctx);
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
            list_move(list, &mut self.selected, self.rows.len(), self.page);
            self.after_move(ctx);
            return true;
        }
        let Some(tree) = ctx.tree.clone() else { return false };
        if list_move(action, &mut self.selected, self.rows.len(), self.page) {
            self.after_move(ctx);
            return true;
        }
        let node = self.selected_node(&tree).cloned();
        match action {
            Action::Expand | Action::Collapse | Action::Toggle => {
                let Some(n) = node else { return true };
                let open = self.expanded.contains(&n.id);
                match action {
                    Action::Expand if open && !n.children.is_empty() => {
                        list_move(Action::Down, &mut self.selected, self.rows.len(), self.page);
                        self.after_move(ctx);
                    }
                    Action::Expand => {
                        self.expanded.insert(n.id);
                    }
                    Action::Collapse if open && !n.children.is_empty() => {
                        self.expanded.remove(&n.id);
                    }
                    Action::Collapse => {
                        // Go to the parent row.
                        if let Some(p) = n.parent {
                            if let Some(pos) = self.rows.iter().position(|(i, _)| tree.view.nodes[*i].id == p) {
                                self.selected = pos;
                                self.after_move(ctx);
                            }
                        }
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
                if let Some(n) = node.filter(|n| !n.children.is_empty()) {
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
