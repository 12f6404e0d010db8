//! Vụ việc: the case register. A list asked from the service a window at a
//! time (CaseList with offset, limit and the filters), its counts and the
//! overdue count in the hint bar; a case's detail with its status history
//! and discipline; forms to add a case, update one and choose the filters.
//! Changes by anyone refresh the window without moving the cursor.

pub mod forms;
pub mod model;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::case::CaseId;
use crate::service::api::{CaseList, CaseView, Event, Request, Response};
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use crate::tui::widgets::form::Outcome;
use crossterm::event::KeyEvent;
use forms::{CaseForm, Purpose};
use model::Filters;
use ratatui::layout::Rect;
use ratatui::Frame;

/// What the screen is doing: one at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    List,
    /// One case open, its lines scrolled.
    Detail {
        view: Box<CaseView>,
        scroll: usize,
    },
    /// A form over the list (add, update, filters); `back`: the case shown
    /// in detail when the form was opened from there (Esc returns to it).
    Form {
        form: Box<CaseForm>,
        back: Option<Box<CaseView>>,
    },
}

pub struct CasesScreen {
    mode: Mode,
    filters: Filters,
    /// The window of rows loaded (absolute positions from `list.offset`) and the counts.
    list: Option<CaseList>,
    /// The selected row among every case matching (absolute).
    selected: usize,
    /// The first row shown.
    offset: usize,
    /// Rows shown, as last drawn.
    page: usize,
    /// Something changed while the screen was hidden.
    stale: bool,
}

impl Default for CasesScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl CasesScreen {
    pub fn new() -> CasesScreen {
        CasesScreen {
            mode: Mode::List,
            filters: Filters::default(),
            list: None,
            selected: 0,
            offset: 0,
            page: 20,
            stale: true,
        }
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn list(&self) -> Option<&CaseList> {
        self.list.as_ref()
    }

    fn total(&self) -> usize {
        self.list.as_ref().map_or(0, |l| l.total)
    }

    /// The selected case's id, if its row is loaded.
    pub fn selected_case(&self) -> Option<CaseId> {
        let l = self.list.as_ref()?;
        l.rows.get(self.selected.checked_sub(l.offset)?).map(|r| r.id)
    }

    fn selected_row(&self) -> Option<&crate::service::api::CaseRow> {
        let l = self.list.as_ref()?;
        l.rows.get(self.selected.checked_sub(l.offset)?)
    }

    /// Ask for the rows around the visible window (three screens' worth).
    fn fetch(&mut self, ctx: &mut Ctx) {
        let start = self.offset.saturating_sub(self.page);
        let limit = self.page.max(1) * 3;
        if let Some(Response::Cases(l)) = ctx.call(Request::CaseList(self.filters.query(start, limit))) {
            self.list = Some(l);
            self.stale = false;
        }
    }

    /// Keep the selection in the list and the visible rows loaded.
    fn ensure_window(&mut self, ctx: &mut Ctx) {
        let total = self.total();
        clamp_scroll(&mut self.selected, &mut self.offset, total, self.page);
        let need_end = (self.offset + self.page).min(total);
        let covered = self
            .list
            .as_ref()
            .is_some_and(|l| l.offset <= self.offset && need_end <= l.offset + l.rows.len());
        if !covered {
            self.fetch(ctx);
        }
    }

    /// Load again (the filters or the data changed), keeping the cursor on
    /// the same case when it is still in the window, else on the same row.
    fn reload(&mut self, ctx: &mut Ctx) {
        let keep = self.selected_case();
        self.fetch(ctx);
        let total = self.total();
        clamp_scroll(&mut self.selected, &mut self.offset, total, self.page);
        if let (Some(id), Some(l)) = (keep, self.list.as_ref()) {
            if let Some(k) = l.rows.iter().position(|r| r.id == id) {
                self.selected = l.offset + k;
            }
        }
        self.ensure_window(ctx);
    }

    fn set_filters(&mut self, f: Filters, ctx: &mut Ctx) {
        self.filters = f;
        self.selected = 0;
        self.offset = 0;
        self.fetch(ctx);
    }

    fn open(&mut self, id: CaseId, ctx: &mut Ctx) -> bool {
        match ctx.call(Request::CaseShow { id }) {
            Some(Response::Case(view)) => {
                self.mode = Mode::Detail { view, scroll: 0 };
                true
            }
            _ => false,
        }
    }

    fn open_update(&mut self, view: &CaseView, from_detail: bool, ctx: &mut Ctx) {
        self.mode = Mode::Form {
            form: Box::new(CaseForm::update(view, ctx.today, ctx.lang)),
            back: from_detail.then(|| Box::new(view.clone())),
        };
    }

    /// Save what the form says; a refusal keeps it open with the reason and
    /// the cursor on the field it names.
    fn submit(&mut self, ctx: &mut Ctx) {
        let Mode::Form { form, .. } = &mut self.mode else { return };
        if form.purpose == Purpose::Filter {
            match form.filters(ctx.lang) {
                Ok(f) => {
                    self.mode = Mode::List;
                    self.set_filters(f, ctx);
                }
                Err((field, why)) => {
                    form.ui.focus_on(&field);
                    form.ui.error = Some(why);
                }
            }
            return;
        }
        let req = match form.request(ctx.lang) {
            Ok(r) => r,
            Err((field, why)) => {
                form.ui.focus_on(&field);
                form.ui.error = Some(why);
                return;
            }
        };
        let updating = matches!(form.purpose, Purpose::Update { .. });
        match ctx.backend.call(req) {
            Ok(Response::Case(view)) => {
                let id = view.case.id;
                ctx.info(crate::tui::i18n::case_saved(ctx.lang, id, updating));
                if updating {
                    // The case as saved, in detail.
                    self.mode = Mode::Detail { view, scroll: 0 };
                    self.reload(ctx);
                } else {
                    self.mode = Mode::List;
                    self.reload(ctx);
                    self.select_loaded(id);
                }
            }
            Ok(_) => self.mode = Mode::List,
            Err(e) => {
                let mut why = e.message(ctx.lang).to_string();
                if let Some(label) = e.field.as_deref().and_then(|f| form.ui.focus_on(f)) {
                    why = format!("{label}: {why}");
                }
                form.ui.error = Some(why);
            }
        }
    }

    /// Put the cursor on case `id` if its row is loaded.
    fn select_loaded(&mut self, id: CaseId) {
        if let Some(l) = &self.list {
            if let Some(k) = l.rows.iter().position(|r| r.id == id) {
                self.selected = l.offset + k;
            }
        }
    }
}

impl Screen for CasesScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Cases
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn layer(&self) -> Layer {
        match self.mode {
            Mode::List => Layer::Cases,
            Mode::Detail { .. } => Layer::CaseDetail,
            Mode::Form { .. } => Layer::Form,
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[Layer::Cases, Layer::List, Layer::Global, Layer::CaseDetail, Layer::Form]
    }

    fn before_key(&mut self, ctx: &mut Ctx) {
        if self.mode == Mode::List && self.list.is_some() {
            self.ensure_window(ctx);
        }
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale || self.list.is_none() {
            self.reload(ctx);
        }
    }

    fn events(&mut self, events: &[Event], visible: bool, ctx: &mut Ctx) {
        let touches = |e: &Event| matches!(e, Event::CasesChanged { .. } | Event::OrgsChanged { .. } | Event::Reloaded);
        if !events.iter().any(touches) {
            return;
        }
        self.stale = true;
        if !visible {
            return;
        }
        self.reload(ctx);
        // An open case changed by someone else shows as it is now.
        if let Mode::Detail { view, .. } = &self.mode {
            let id = view.case.id;
            let changed = events.iter().any(|e| match e {
                Event::CasesChanged { ids, .. } => ids.contains(&id),
                _ => true,
            });
            if changed {
                if let Some(Response::Case(v)) = ctx.call(Request::CaseShow { id }) {
                    if let Mode::Detail { view, .. } = &mut self.mode {
                        *view = v;
                    }
                }
            }
        }
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        match &mut self.mode {
            Mode::Form { form, back } => {
                match form.ui.action(action) {
                    None => return false,
                    Some(Outcome::Continue) => {}
                    Some(Outcome::Cancel) => {
                        self.mode = match back.take() {
                            Some(view) => Mode::Detail { view, scroll: 0 },
                            None => Mode::List,
                        }
                    }
                    Some(Outcome::Submit) => self.submit(ctx),
                }
                true
            }
            Mode::Detail { view, scroll } => {
                match action {
                    Action::CaseDetailClose => self.mode = Mode::List,
                    Action::CaseDetailEdit => {
                        let v = view.clone();
                        self.open_update(&v, true, ctx);
                    }
                    Action::Down => *scroll += 1,
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::PageDown => *scroll += self.page.max(1),
                    Action::PageUp => *scroll = scroll.saturating_sub(self.page.max(1)),
                    Action::Top => *scroll = 0,
                    _ => return false,
                }
                true
            }
            Mode::List => {
                let total = self.total();
                if list_move(action, &mut self.selected, total, self.page) {
                    self.ensure_window(ctx);
                    return true;
                }
                match action {
                    Action::CaseOpen => {
                        if let Some(id) = self.selected_case() {
                            self.open(id, ctx);
                        }
                    }
                    Action::CaseEdit => {
                        let Some(id) = self.selected_case() else {
                            ctx.error(ctx.t(T::NothingSelected));
                            return true;
                        };
                        if let Some(Response::Case(v)) = ctx.call(Request::CaseShow { id }) {
                            self.open_update(&v, false, ctx);
                        }
                    }
                    Action::CaseAdd => {
                        let org = self
                            .selected_row()
                            .map(|r| r.org_code.clone())
                            .or_else(|| self.filters.under.clone())
                            .unwrap_or_default();
                        self.mode = Mode::Form {
                            form: Box::new(CaseForm::add(&org, ctx.today, ctx.lang)),
                            back: None,
                        };
                    }
                    Action::CaseFilter => {
                        self.mode = Mode::Form {
                            form: Box::new(CaseForm::filter(&self.filters, ctx.lang)),
                            back: None,
                        }
                    }
                    Action::CaseOverdue => {
                        let mut f = self.filters.clone();
                        f.overdue = !f.overdue;
                        self.set_filters(f, ctx);
                    }
                    Action::CaseClear if !self.filters.is_empty() => self.set_filters(Filters::default(), ctx),
                    Action::CaseClear => {}
                    _ => return false,
                }
                true
            }
        }
    }

    fn typed(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> bool {
        match &mut self.mode {
            Mode::Form { form, .. } => {
                form.ui.typed(key);
                true
            }
            _ => false,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        if let Mode::Form { form, .. } = &mut self.mode {
            form.ui.paste(text);
        }
    }

    fn focus_case(&mut self, id: CaseId, ctx: &mut Ctx) -> bool {
        if self.list.is_none() {
            self.reload(ctx);
        }
        self.select_loaded(id);
        self.open(id, ctx)
    }

    fn hint_extra(&self, _width: usize, ctx: &Ctx) -> Option<String> {
        let l = self.list.as_ref()?;
        Some(crate::tui::i18n::case_counts_short(ctx.lang, l.total, l.counts.overdue))
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let inner = view::frame(f, area, ctx);
        if inner.height < 3 || inner.width < 10 {
            return;
        }
        let height = inner.height as usize - 2;
        self.page = height.max(1);
        let total = self.total();
        clamp_scroll(&mut self.selected, &mut self.offset, total, height);
        let m = model::list(
            self.list.as_ref(),
            &self.filters,
            ctx.lang,
            inner.width as usize,
            self.selected,
            self.offset,
            height,
        );
        view::list(f, inner, &m, ctx);
        match &self.mode {
            Mode::List => {}
            Mode::Detail { view: v, scroll } => {
                let lines = model::detail(v, ctx.lang);
                view::detail(f, area, v.case.id, &lines, *scroll, ctx);
            }
            Mode::Form { form, back } => {
                if let Some(v) = back {
                    view::detail(f, area, v.case.id, &model::detail(v, ctx.lang), 0, ctx);
                }
                form.ui.render(f, area, ctx)
            }
        }
    }
}
