//! Tổ chức: the organisation tree of the selected date with a detail pane,
//! the `/` filter, and the forms of the register.

pub mod form;

use super::{clamp_scroll, fit, list_move, Screen, ScreenId};
use crate::domain::org::{Ending, OrgId};
use crate::domain::text::fold;
use crate::domain::OrgKind;
use crate::service::api::{Event, OrgDetail, Request, Response};
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::{Ctx, TreeData};
use crossterm::event::KeyEvent;
use form::{Form, FormKind, FormResult};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use ratatui::Frame;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

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
    pub form: Option<Form>,
    initialised: bool,
    /// The code of an organisation to select when the tree next reloads.
    pending_select: Option<String>,
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
                    code,
                    at: ctx.at,
                    year: ctx.year,
                }) {
                    self.detail = Some(d);
                }
            }
        }
    }

    fn open_form(&mut self, action: Action, ctx: &mut Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
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
            _ => None,
        };
    }

    fn submit(&mut self, req: Request, ctx: &mut Ctx) {
        let kind = self.form.as_ref().map(|f| f.kind);
        match ctx.backend.call(req) {
            Ok(Response::Done(done)) => {
                self.form = None;
                ctx.info(ctx.lang.pick(&done.summary_vi, &done.summary_en).to_string());
                // Show the new organisation once the tree reloads (the change event does it).
                if kind == Some(FormKind::Add) {
                    if let Some(parent) = self.selected_id {
                        self.expanded.insert(parent);
                    }
                    self.pending_select = done.code.clone();
                }
                self.detail = None;
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
        let th = &ctx.theme;
        let Some(tree) = ctx.tree.as_ref() else { return };
        let mut title = format!(" {} ", ctx.t(T::Tree));
        for id in &self.drill {
            if let Some(n) = tree.node(*id) {
                title.push_str("› ");
                title.push_str(&n.name);
                title.push(' ');
            }
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(fit(&title, area.width.saturating_sub(2) as usize))
            .title_style(th.title());
        let inner = block.inner(area);
        block.render(area, f.buffer_mut());
        if inner.height < 2 || inner.width < 10 {
            return;
        }
        let w = inner.width as usize;
        let mut y = inner.y;
        // Filter line.
        let filtering = self.filter_input.is_some() || !self.filter.is_empty();
        if filtering {
            let label = format!("/ {}: ", ctx.t(T::FilterLabel));
            let count = i18n::filter_count(ctx.lang, self.rows.len() - self.context_only.len());
            let buf = f.buffer_mut();
            buf.set_stringn(inner.x, y, &label, w, th.key());
            let lw = label.width() as u16;
            let field = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw + count.width() as u16 + 1), 1);
            let input = self.filter_input.clone().unwrap_or_else(|| TextInput::new(&self.filter));
            let pos = input.render(buf, field, th.base().add_modifier(Modifier::UNDERLINED));
            buf.set_stringn(inner.right().saturating_sub(count.width() as u16), y, &count, w, th.dim());
            if self.filter_input.is_some() && self.form.is_none() {
                f.set_cursor_position(Position::new(pos.x, pos.y));
            }
            y += 1;
        }
        // Column header.
        let show_code = w >= 56;
        let right_w = if show_code { 32 } else { 21 };
        let year_col = format!("{} {}", ctx.t(T::ClassShort), ctx.year);
        let header_right = if show_code {
            format!(
                "{:<4} {:<10} {:>7} {:<8}",
                ctx.t(T::Kind),
                ctx.t(T::Code),
                ctx.t(T::MembersShort),
                year_col
            )
        } else {
            format!("{:<4} {:>7} {:<8}", ctx.t(T::Kind), ctx.t(T::MembersShort), year_col)
        };
        let buf = f.buffer_mut();
        buf.set_stringn(inner.x + 1, y, fit(ctx.t(T::Name), w.saturating_sub(right_w + 1)), w, th.dim());
        buf.set_stringn(inner.right().saturating_sub(right_w as u16), y, &header_right, right_w, th.dim());
        y += 1;
        let height = inner.bottom().saturating_sub(y) as usize;
        self.page = height.max(1);
        if self.rows.is_empty() {
            let msg = if tree.view.nodes.is_empty() {
                ctx.t(T::NoOrgs)
            } else {
                ctx.t(T::NoMatch)
            };
            Paragraph::new(msg)
                .style(th.dim())
                .wrap(Wrap { trim: true })
                .render(Rect::new(inner.x, y, inner.width, height as u16), buf);
            return;
        }
        clamp_scroll(&mut self.selected, &mut self.offset, self.rows.len(), height);
        let name_w = w.saturating_sub(right_w + 1);
        for (row, (i, depth)) in self.rows.iter().enumerate().skip(self.offset).take(height) {
            let n = &tree.view.nodes[*i];
            let selected = row == self.selected;
            let base = if selected {
                th.selected()
            } else if self.context_only.contains(i) {
                th.dim()
            } else {
                th.base()
            };
            let ry = y + (row - self.offset) as u16;
            buf.set_style(Rect::new(inner.x, ry, inner.width, 1), base);
            let indent = (*depth as usize * 2).min(name_w / 2);
            let marker = if n.children.is_empty() {
                "·"
            } else if filtering || self.expanded.contains(&n.id) {
                "▾"
            } else {
                "▸"
            };
            let sel = if selected { "›" } else { " " };
            let left = format!("{sel}{:indent$}{marker} {}", "", n.name, indent = indent);
            buf.set_stringn(inner.x, ry, fit(&left, name_w), name_w, base);
            let rx = inner.right().saturating_sub(right_w as u16);
            let mid = if show_code {
                format!("{:<4} {:<10} {:>7} ", n.kind.tag(), fit(&n.code, 10), n.total_members)
            } else {
                format!("{:<4} {:>7} ", n.kind.tag(), n.total_members)
            };
            let (x, _) = buf.set_stringn(rx, ry, &mid, right_w, base);
            match n.level {
                Some(l) => {
                    let st = if selected { base } else { th.level(l) };
                    buf.set_stringn(x, ry, format!("{} {}", l.symbol(), l.short()), 7, st);
                }
                None => {
                    buf.set_stringn(x, ry, "—", 7, if selected { base } else { th.dim() });
                }
            }
        }
    }

    fn detail_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let th = &ctx.theme;
        let lang = ctx.lang;
        let Some(d) = self.detail.as_ref() else { return Vec::new() };
        let label = |t: T| Span::styled(format!("{}: ", t.get(lang)), th.label());
        let mut lines = vec![Line::from(Span::styled(d.name.clone(), th.base().add_modifier(Modifier::BOLD)))];
        lines.push(Line::from(vec![
            label(T::Kind),
            Span::raw(format!("{} ({}) · ", i18n::kind_name(lang, d.kind), d.kind.tag())),
            label(T::Code),
            Span::raw(d.code.clone()),
        ]));
        if !d.alive {
            lines.push(Line::from(Span::styled(format!("✗ {}", ctx.t(T::NotAlive)), th.error())));
        }
        match d.ending {
            Some(Ending::Dissolved(at)) => lines.push(Line::from(Span::styled(
                format!("✗ {} {}", ctx.t(T::Dissolved), i18n::date(at)),
                th.error(),
            ))),
            Some(Ending::Merged(at, _)) => lines.push(Line::from(Span::styled(
                format!("✗ {} {}", ctx.t(T::Merged), i18n::date(at)),
                th.error(),
            ))),
            None => {}
        }
        if !d.parents.is_empty() {
            let chain = d.parents.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(" › ");
            lines.push(Line::from(vec![label(T::Parents), Span::raw(chain)]));
        }
        let founding = match (d.founding_ref.is_empty(), d.founding_date) {
            (true, _) => ctx.t(T::None_).to_string(),
            (false, Some(date)) => format!("{}, {}", d.founding_ref, i18n::date(date)),
            (false, None) => d.founding_ref.clone(),
        };
        lines.push(Line::from(vec![
            label(T::FoundingDecision),
            Span::raw(format!("{founding} · ")),
            label(T::Founded),
            Span::raw(i18n::date(d.founded)),
        ]));
        lines.push(Line::from(vec![Span::styled(
            i18n::members(lang, d.members, d.total_members),
            th.base(),
        )]));
        let mut class = vec![label(T::ClassByYear)];
        if d.classifications.is_empty() {
            class.push(Span::styled(ctx.t(T::None_), th.dim()));
        }
        for c in &d.classifications {
            class.push(Span::raw(format!("{} ", c.year)));
            class.push(Span::styled(format!("{} {}", c.level.symbol(), c.level.short()), th.level(c.level)));
            class.push(Span::raw("  "));
        }
        lines.push(Line::from(class));
        let admitted = d.admissions.as_ref().map(|a| a.total()).unwrap_or(0);
        lines.push(Line::from(vec![
            Span::styled(format!("{} {}: ", ctx.t(T::AdmissionsYear), d.year), th.label()),
            Span::raw(admitted.to_string()),
        ]));
        if !d.subtree_by_kind.is_empty() {
            let mut kinds: Vec<(OrgKind, usize)> = d
                .subtree_by_kind
                .iter()
                .filter_map(|(k, n)| OrgKind::parse(k).map(|k| (k, *n)))
                .collect();
            kinds.sort();
            let text = kinds
                .iter()
                .map(|(k, n)| format!("{} {n}", k.tag()))
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push(Line::from(vec![label(T::Subtree), Span::raw(text)]));
        }
        if !d.history.is_empty() {
            lines.push(Line::from(Span::styled(format!("{}:", ctx.t(T::History)), th.label())));
            for h in d.history.iter().rev() {
                let mut text = format!("{} {}", i18n::date(h.effective), lang.pick(&h.label_vi, &h.label_en));
                if !h.detail.is_empty() {
                    text.push_str(": ");
                    text.push_str(&h.detail);
                }
                if let Some(dec) = &h.decision {
                    text.push_str(&format!(" ({dec})"));
                }
                lines.push(Line::from(Span::raw(format!("  {text}"))));
            }
        }
        lines
    }

    fn render_detail(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(T::Detail)))
            .title_style(th.title());
        Paragraph::new(self.detail_lines(ctx))
            .block(block)
            .wrap(Wrap { trim: false })
            .render(area, f.buffer_mut());
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
        if self.form.is_some() {
            Layer::Form
        } else if self.filter_input.is_some() {
            Layer::Filter
        } else {
            Layer::Tree
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[Layer::Tree, Layer::List, Layer::Global, Layer::Filter, Layer::Form]
    }

    fn year_bound(&self) -> bool {
        true
    }

    fn tree_reloaded(&mut self, _visible: bool, ctx: &mut Ctx) {
        let Some(tree) = ctx.tree.clone() else { return };
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
        if let Some(form) = self.form.as_mut() {
            form.paste(text, ctx);
        } else if let Some(input) = self.filter_input.as_mut() {
            input.paste(text);
            self.filter = input.text();
            self.rebuild(ctx);
        }
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        if let Some(form) = self.form.as_mut() {
            match form.action(action, ctx) {
                None => return false,
                Some(FormResult::Continue) => {}
                Some(FormResult::Cancel) => self.form = None,
                Some(FormResult::Submit(req)) => self.submit(req, ctx),
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
            Action::Add | Action::Rename | Action::Move | Action::Merge | Action::Dissolve => self.open_form(action, ctx),
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
    }
}
