//! The application state machine: screens, modals, the shared period, the
//! message line and the hint bar. Driven by `handle_key` / `handle_paste`
//! and drawn by `render`, so tests can run it without a terminal.

use super::form::parse_date;
use super::i18n::{self, T};
use super::input::TextInput;
use super::keymap::{Action, Context, Keymap};
use super::screens::audit::AuditScreen;
use super::screens::orgs::OrgScreen;
use super::screens::{fit, Screen, ScreenId};
use super::search::{Corpus, Searcher};
use super::state::{Ctx, Message, TreeData};
use super::theme::Theme;
use super::TuiOptions;
use crate::domain::{Lang, FIRST_YEAR, LAST_YEAR};
use crate::service::api::{Event, Request, Response};
use crate::service::backend::Backend;
use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui::Frame;
use std::sync::Arc;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

enum Modal {
    Empty,
    Loading,
    Help { scroll: usize },
    Date { input: TextInput, error: Option<String> },
    Search(SearchUi),
}

struct SearchUi {
    input: TextInput,
    corpus: Arc<Corpus>,
    selected: usize,
}

pub struct App {
    ctx: Ctx,
    screens: Vec<Box<dyn Screen>>,
    current: usize,
    modal: Option<Modal>,
    search: Searcher,
    demo_pending: bool,
    demo_scale: crate::demo::Scale,
    quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Classifications changed while the classification grid was shown: the
    /// tree (its levels) reloads when another screen is shown (measured: a
    /// whole-city reload per key cost ~60 ms on the hanoi data).
    tree_stale: bool,
    /// The furthest the help can scroll, as last drawn (it depends on the
    /// terminal's size): scrolling stops there.
    help_max: std::cell::Cell<usize>,
    /// A year chosen with `[` / `]` and not loaded yet: a burst of presses
    /// (keys queued while a year loads) loads only the last one.
    year_pending: bool,
}

impl App {
    pub fn new(backend: Box<dyn Backend>, opts: TuiOptions) -> App {
        let today = opts.today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let lang = opts.lang;
        let (keymap, config_msg) = load_keymap(opts.config_path.as_deref(), lang);
        let theme = if opts.no_color { Theme::plain() } else { Theme::from_env() };
        let mut ctx = Ctx {
            backend,
            lang,
            theme,
            keymap,
            at: today,
            year: opts.year.unwrap_or(today.year()),
            today,
            tree: None,
            generation: 0,
            message: None,
            config_path: config_msg.0,
        };
        let mut modal = None;
        if let Some(Response::Status(s)) = ctx.call(Request::Status) {
            if s.organisations == 0 {
                modal = Some(Modal::Empty);
            }
            if opts.year.is_none() {
                if let Some(y) = s.class_years.iter().copied().filter(|y| *y <= today.year()).max() {
                    ctx.year = y;
                }
            }
        }
        // Our own startup reads need no refresh.
        ctx.backend.events();
        let screens: Vec<Box<dyn Screen>> = vec![
            Box::new(OrgScreen::new()),
            Box::new(super::screens::classify::ClassifyScreen::new()),
            Box::new(AuditScreen::new()),
        ];
        let mut app = App {
            ctx,
            screens,
            current: 0,
            modal,
            search: Searcher::new(),
            demo_pending: false,
            demo_scale: opts.demo_scale.unwrap_or(crate::demo::Scale::Hanoi),
            quit: false,
            dirty: true,
            tree_stale: false,
            help_max: std::cell::Cell::new(usize::MAX),
            year_pending: false,
        };
        app.reload_tree();
        app.screens[0].activate(&mut app.ctx);
        if let Some(msg) = config_msg.1 {
            app.ctx.error(msg);
        }
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }

    pub fn year(&self) -> i32 {
        self.ctx.year
    }

    pub fn at(&self) -> NaiveDate {
        self.ctx.at
    }

    pub fn message(&self) -> Option<&Message> {
        self.ctx.message.as_ref()
    }

    pub fn current_screen(&self) -> ScreenId {
        self.screens[self.current].id()
    }

    pub fn screen_ids(&self) -> Vec<ScreenId> {
        self.screens.iter().map(|s| s.id()).collect()
    }

    pub fn tree(&self) -> Option<&Arc<TreeData>> {
        self.ctx.tree.as_ref()
    }

    /// The organisation selected on the Tổ chức screen, with its code.
    pub fn selected_org(&self) -> Option<(crate::domain::org::OrgId, String)> {
        let id = self.screens.iter().find(|s| s.id() == ScreenId::Orgs)?.selected_org()?;
        let code = self.ctx.tree.as_ref()?.node(id)?.code.clone();
        Some((id, code))
    }

    /// Whether a popup (help, search, date, empty-store offer) is open.
    pub fn has_modal(&self) -> bool {
        self.modal.is_some()
    }

    /// Whether the current screen holds a form or an input.
    pub fn capturing(&self) -> bool {
        self.screens[self.current].capturing()
    }

    pub fn backend(&mut self) -> &mut dyn Backend {
        &mut *self.ctx.backend
    }

    /// Whether a search answer is awaited (the loop then polls more often).
    pub fn search_pending(&self) -> bool {
        matches!(self.modal, Some(Modal::Search(_))) && self.search.pending()
    }

    /// Wait for the latest search answer (tests).
    pub fn settle(&mut self) {
        self.search.wait(Duration::from_secs(10));
        self.poll_background();
    }

    /// Whether slow work waits for the next turn of the loop (after a frame that says so).
    pub fn has_pending(&self) -> bool {
        self.demo_pending
    }

    /// Do the slow work announced on screen (loading the demo data).
    pub fn tick(&mut self) {
        if self.demo_pending {
            self.demo_pending = false;
            let started = std::time::Instant::now();
            let res = self.ctx.call(Request::Demo {
                scale: self.demo_scale,
                seed: 1,
                replace: false,
            });
            self.modal = None;
            if let Some(Response::Done(d)) = res {
                tracing::info!(ms = started.elapsed().as_millis() as u64, "demo data loaded");
                self.ctx.info(self.ctx.lang.pick(&d.summary_vi, &d.summary_en).to_string());
                if let Some(Response::Status(s)) = self.ctx.call(Request::Status) {
                    if let Some(y) = s.class_years.iter().copied().filter(|y| *y <= self.ctx.today.year()).max() {
                        self.ctx.year = y;
                    }
                }
            }
            self.poll_background();
            self.dirty = true;
        }
    }

    fn reload_tree(&mut self) {
        self.tree_stale = false;
        self.ctx.load_tree();
        for (i, s) in self.screens.iter_mut().enumerate() {
            s.tree_reloaded(i == self.current, &mut self.ctx);
        }
        if let Some(Modal::Search(ui)) = &mut self.modal {
            if let Some(tree) = &self.ctx.tree {
                ui.corpus = tree.corpus.clone();
                self.search.ask(&mut self.ctx, &ui.input.text());
            }
        }
    }

    /// Take search answers and changes made by anyone; refresh what they touch.
    pub fn poll_background(&mut self) {
        if self.search.poll() {
            self.dirty = true;
        }
        let events = self.ctx.backend.events();
        if events.is_empty() {
            return;
        }
        // Changes apply to the year shown: load a year chosen meanwhile first.
        self.load_year();
        tracing::debug!(?events, "events");
        let year = self.ctx.year;
        let tree_changed = events.iter().any(|e| match e {
            Event::OrgsChanged { .. } | Event::Reloaded | Event::SettingsChanged => true,
            Event::ClassificationChanged { year: y, .. } => *y == year,
            _ => false,
        });
        let class_only = events.iter().all(|e| matches!(e, Event::ClassificationChanged { .. }));
        if tree_changed && class_only && self.screens[self.current].id() == ScreenId::Classification {
            // The grid refreshes its own rows; the tree waits until it is shown.
            self.tree_stale = true;
        } else if tree_changed {
            self.reload_tree();
        }
        for (i, s) in self.screens.iter_mut().enumerate() {
            s.events(&events, i == self.current, &mut self.ctx);
        }
        self.dirty = true;
    }

    pub fn handle_paste(&mut self, text: String) {
        self.load_year();
        self.dirty = true;
        match &mut self.modal {
            Some(Modal::Search(ui)) => {
                ui.input.paste(&text);
                ui.selected = 0;
                self.search.ask(&mut self.ctx, &ui.input.text());
            }
            Some(Modal::Date { input, .. }) => input.paste(&text),
            Some(_) => {}
            None => self.screens[self.current].paste(&text, &mut self.ctx),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.dirty = true;
        let year_key = self.modal.is_none()
            && !self.screens[self.current].capturing()
            && matches!(
                self.ctx.keymap.lookup(self.screens[self.current].context(), &key),
                Some(Action::YearPrev | Action::YearNext)
            );
        if !year_key {
            self.load_year();
        }
        if self.modal.is_some() {
            self.modal_key(key);
        } else if self.screens[self.current].capturing() {
            self.screens[self.current].key(&key, &mut self.ctx);
        } else if self.screens[self.current].typed(&key, &mut self.ctx) {
        } else {
            let ctx = self.screens[self.current].context();
            match self.ctx.keymap.lookup(ctx, &key) {
                Some(a) if a.context() == Context::Global => self.global(a),
                Some(a) => {
                    self.screens[self.current].action(a, &mut self.ctx);
                }
                None => {}
            }
        }
        self.poll_background();
    }

    fn global(&mut self, a: Action) {
        let n = self.screens.len();
        match a {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Action::Search => {
                if let Some(tree) = &self.ctx.tree {
                    self.modal = Some(Modal::Search(SearchUi {
                        input: TextInput::default(),
                        corpus: tree.corpus.clone(),
                        selected: 0,
                    }));
                    self.search.latest = None;
                }
            }
            Action::NextScreen => self.switch((self.current + 1) % n),
            Action::PrevScreen => self.switch((self.current + n - 1) % n),
            Action::Screen1 | Action::Screen2 | Action::Screen3 | Action::Screen4 | Action::Screen5 => {
                self.switch(a.screen_index().unwrap_or(0))
            }
            Action::YearPrev | Action::YearNext => {
                let y = if a == Action::YearPrev {
                    self.ctx.year - 1
                } else {
                    self.ctx.year + 1
                };
                if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
                    self.ctx.year = y;
                    self.ctx.info(i18n::year_changed(self.ctx.lang, y));
                    self.year_pending = true;
                }
            }
            Action::SetDate => {
                self.modal = Some(Modal::Date {
                    input: TextInput::new(&i18n::date(self.ctx.at)),
                    error: None,
                })
            }
            _ => {}
        }
    }

    /// Load the year chosen last, once (before the next frame, event or other key).
    fn load_year(&mut self) {
        if !std::mem::take(&mut self.year_pending) {
            return;
        }
        if self.screens[self.current].context() == Context::Classify {
            // The tree shows the year's levels only on the register screen:
            // it reloads when another screen is shown (a whole-city tree costs
            // ~60 ms through the server, a third of a year change).
            self.tree_stale = true;
            self.screens[self.current].activate(&mut self.ctx);
        } else {
            self.reload_tree();
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

    fn modal_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(modal) = self.modal.as_mut() else { return };
        match modal {
            Modal::Loading => {}
            Modal::Empty => match key.code {
                KeyCode::Char('d') | KeyCode::Char('D') if !ctrl => {
                    self.modal = Some(Modal::Loading);
                    self.demo_pending = true;
                }
                KeyCode::Char('e') | KeyCode::Char('E') | KeyCode::Esc => self.modal = None,
                KeyCode::Char('q') if !ctrl => self.quit = true,
                KeyCode::Char('c') if ctrl => self.quit = true,
                _ => {}
            },
            Modal::Help { scroll } => match key.code {
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::F(1) | KeyCode::Enter => self.modal = None,
                KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1).min(self.help_max.get()),
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown => *scroll = scroll.saturating_add(10).min(self.help_max.get()),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
                KeyCode::End | KeyCode::Char('G') => *scroll = self.help_max.get(),
                _ => {}
            },
            Modal::Date { input, error } => match key.code {
                KeyCode::Esc => self.modal = None,
                KeyCode::Enter => match parse_date(&input.text()) {
                    Some(d) => {
                        self.modal = None;
                        self.ctx.at = d;
                        self.ctx.info(i18n::date_changed(self.ctx.lang, d));
                        self.reload_tree();
                    }
                    None => *error = Some(T::BadDate.get(self.ctx.lang).to_string()),
                },
                _ => {
                    input.handle_key(&key);
                    *error = None;
                }
            },
            Modal::Search(ui) => {
                let total = self.search.latest.as_ref().map(|r| r.hits.len()).unwrap_or(0);
                match key.code {
                    KeyCode::Esc => self.modal = None,
                    KeyCode::Enter => {
                        // Typed ahead: jump to the best match of what was typed, not of a
                        // shorter query whose answer happens to be shown (a search takes
                        // milliseconds; the wait is bounded).
                        if self.search.pending() && self.search.wait(std::time::Duration::from_millis(500)) {
                            ui.selected = 0;
                        }
                        let hit = self
                            .search
                            .latest
                            .as_ref()
                            .and_then(|r| r.hits.get(ui.selected))
                            .map(|h| (h.org, h.existed));
                        if let Some((id, existed)) = hit {
                            self.modal = None;
                            if let Some(day) = existed {
                                // No longer exists: open the tree as of a day it did.
                                self.ctx.at = day;
                                self.reload_tree();
                            }
                            let orgs = self.screens.iter().position(|s| s.id() == ScreenId::Orgs).unwrap_or(0);
                            self.switch(orgs);
                            self.screens[orgs].focus_org(id, &mut self.ctx);
                        }
                    }
                    KeyCode::Down => ui.selected = (ui.selected + 1).min(total.saturating_sub(1)),
                    KeyCode::Char('n') if ctrl => ui.selected = (ui.selected + 1).min(total.saturating_sub(1)),
                    KeyCode::Up => ui.selected = ui.selected.saturating_sub(1),
                    KeyCode::Char('p') if ctrl => ui.selected = ui.selected.saturating_sub(1),
                    KeyCode::PageDown => ui.selected = (ui.selected + 10).min(total.saturating_sub(1)),
                    KeyCode::PageUp => ui.selected = ui.selected.saturating_sub(10),
                    _ => {
                        let before = ui.input.text();
                        ui.input.handle_key(&key);
                        let after = ui.input.text();
                        if before != after {
                            ui.selected = 0;
                            self.search.ask(&mut self.ctx, &after);
                        }
                    }
                }
            }
        }
    }

    // ---- drawing

    pub fn render(&mut self, f: &mut Frame) {
        self.load_year();
        let area = f.area();
        if area.width < 20 || area.height < 6 {
            f.buffer_mut()
                .set_stringn(area.x, area.y, "thuky: 80x24+", area.width as usize, self.ctx.theme.base());
            return;
        }
        self.render_tabs(f, Rect::new(area.x, area.y, area.width, 1));
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
        if self.ctx.tree.is_some() || self.current_screen() != ScreenId::Orgs {
            let ctx = &self.ctx;
            self.screens[self.current].render(f, body, ctx);
        }
        self.render_message(f, Rect::new(area.x, area.bottom() - 2, area.width, 1));
        self.render_hints(f, Rect::new(area.x, area.bottom() - 1, area.width, 1));
        match &self.modal {
            None => {}
            Some(Modal::Empty) => self.render_empty(f, body),
            Some(Modal::Loading) => self.render_notice(f, body, T::Loading),
            Some(Modal::Help { scroll }) => self.render_help(f, body, *scroll),
            Some(Modal::Date { input, error }) => self.render_date(f, body, input, error.as_deref()),
            Some(Modal::Search(ui)) => self.render_search(f, body, ui),
        }
    }

    fn render_tabs(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        let buf = f.buffer_mut();
        buf.set_style(area, th.base());
        let (mut x, _) = buf.set_stringn(
            area.x,
            area.y,
            format!(" {} │", self.ctx.t(T::AppName)),
            area.width as usize,
            th.title(),
        );
        for (i, s) in self.screens.iter().enumerate() {
            let label = format!("{} {}", i + 1, self.ctx.t(s.id().title()));
            let (text, style) = if i == self.current {
                (format!("[{label}]"), th.tab_active())
            } else {
                (format!(" {label} "), th.tab())
            };
            let left = area.right().saturating_sub(x) as usize;
            let (nx, _) = buf.set_stringn(x, area.y, &text, left, style);
            x = nx + 1;
        }
        let mut right = String::new();
        if self.screens[self.current].year_bound() {
            right = format!(
                "{} {} · {} {} ",
                self.ctx.t(T::Year),
                self.ctx.year,
                self.ctx.t(T::AsOf),
                i18n::date(self.ctx.at)
            );
        }
        let rw = right.width() as u16;
        if x + rw < area.right() {
            buf.set_stringn(area.right() - rw, area.y, &right, rw as usize, th.label());
        }
    }

    fn render_message(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        if let Some(m) = &self.ctx.message {
            let (text, style) = if m.error {
                (format!("✗ {}", m.text), th.error())
            } else {
                (format!("✓ {}", m.text), th.ok())
            };
            f.buffer_mut()
                .set_stringn(area.x, area.y, fit(&text, area.width as usize), area.width as usize, style);
        }
    }

    fn render_hints(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        if let Some(keys) = self.screens[self.current].input_keys() {
            let text = self.ctx.t(keys);
            f.buffer_mut()
                .set_stringn(area.x, area.y, fit(text, area.width as usize), area.width as usize, th.dim());
            return;
        }
        let ctx = self.screens[self.current].context();
        let mut hints = self.ctx.keymap.hints(ctx, self.ctx.lang);
        // "1-3", or "Alt-1…3" where the digits mean something else (the grid).
        if let Some(k) = self.ctx.keymap.reaching(ctx, Action::Screen1) {
            let n = self.screens.len();
            let keys = match k.short() {
                one if one == "1" => format!("1-{n}"),
                other => format!("{other}…{n}"),
            };
            hints.push((keys, self.ctx.t(T::HintScreens)));
        }
        let buf = f.buffer_mut();
        let mut x = area.x;
        for (key, label) in hints {
            let w = key.width() + 1 + label.width() + 2;
            if x as usize + w > area.right() as usize {
                break;
            }
            let (nx, _) = buf.set_stringn(x, area.y, &key, key.width(), th.key());
            let (nx, _) = buf.set_stringn(nx + 1, area.y, label, label.width(), th.dim());
            x = nx + 2;
        }
    }

    fn popup(&self, f: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
        super::screens::popup(f, area, width, height, title, &self.ctx.theme)
    }

    fn render_empty(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        let inner = self.popup(f, area, 60, 8, self.ctx.t(T::EmptyTitle));
        let lines = vec![
            Line::from(self.ctx.t(T::EmptyBody)),
            Line::from(""),
            Line::from(vec![
                Span::styled("d", th.key()),
                Span::raw(format!("  {}", self.ctx.t(T::EmptyDemo))),
            ]),
            Line::from(vec![
                Span::styled("e", th.key()),
                Span::raw(format!("  {}", self.ctx.t(T::EmptyStart))),
            ]),
        ];
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, f.buffer_mut());
    }

    fn render_notice(&self, f: &mut Frame, area: Rect, t: T) {
        let inner = self.popup(f, area, 50, 3, self.ctx.t(T::AppName));
        Paragraph::new(self.ctx.t(t)).render(inner, f.buffer_mut());
    }

    fn render_help(&self, f: &mut Frame, area: Rect, scroll: usize) {
        let th = &self.ctx.theme;
        let ctx = self.screens[self.current].context();
        let inner = self.popup(f, area, 90, area.height, self.ctx.t(T::HelpTitle));
        // Keys in a column of 24; a long description wraps under its own column.
        const KEYS: usize = 24;
        let desc_width = (inner.width as usize).saturating_sub(KEYS).max(16);
        let mut lines = Vec::new();
        let titles: Vec<&str> = self.screens.iter().map(|s| self.ctx.t(s.id().title())).collect();
        let sections = [ctx, Context::List, Context::Global];
        for (title, rows) in self.ctx.keymap.help(self.ctx.lang, ctx, &sections, &titles) {
            if ctx != Context::Tree
                && ctx != Context::Audit
                && ctx != Context::Classify
                && title == Context::List.title().get(self.ctx.lang)
            {
                continue;
            }
            lines.push(Line::from(Span::styled(title, th.title())));
            for (keys, desc) in rows {
                for (i, part) in textwrap::wrap(&desc, desc_width).into_iter().enumerate() {
                    let keys = if i == 0 { keys.as_str() } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {keys:<w$}", w = KEYS - 2), th.key()),
                        Span::raw(part.into_owned()),
                    ]));
                }
            }
        }
        lines.push(Line::from(""));
        for part in textwrap::wrap(self.ctx.t(T::HelpInputs), inner.width as usize) {
            lines.push(Line::from(part.into_owned()));
        }
        if let Some(p) = &self.ctx.config_path {
            let text = format!("{}: {}", self.ctx.t(T::HelpConfig), p.display());
            for part in textwrap::wrap(&text, inner.width as usize) {
                lines.push(Line::from(part.into_owned()));
            }
        }
        let foot = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
        let body = Rect::new(inner.x, inner.y, inner.width, inner.height.saturating_sub(1));
        let max = lines.len().saturating_sub(body.height as usize);
        self.help_max.set(max);
        Paragraph::new(lines)
            .scroll((scroll.min(max) as u16, 0))
            .render(body, f.buffer_mut());
        f.buffer_mut()
            .set_stringn(foot.x, foot.y, self.ctx.t(T::HelpClose), foot.width as usize, th.dim());
    }

    fn render_date(&self, f: &mut Frame, area: Rect, input: &TextInput, error: Option<&str>) {
        let th = &self.ctx.theme;
        let inner = self.popup(f, area, 50, 6, self.ctx.t(T::DateTitle));
        let field = Rect::new(inner.x + 2, inner.y, 12.min(inner.width.saturating_sub(2)), 1);
        let pos = input.render(f.buffer_mut(), field, th.base().add_modifier(Modifier::UNDERLINED));
        if let Some(e) = error {
            f.buffer_mut()
                .set_stringn(inner.x, inner.y + 2, format!("✗ {e}"), inner.width as usize, th.error());
        }
        f.buffer_mut()
            .set_stringn(inner.x, inner.bottom() - 1, self.ctx.t(T::DateKeys), inner.width as usize, th.dim());
        f.set_cursor_position(Position::new(pos.x, pos.y));
    }

    fn render_search(&self, f: &mut Frame, area: Rect, ui: &SearchUi) {
        let th = &self.ctx.theme;
        let inner = self.popup(f, area, 100, area.height, self.ctx.t(T::SearchTitle));
        if inner.height < 4 {
            return;
        }
        let w = inner.width as usize;
        let buf = f.buffer_mut();
        buf.set_stringn(inner.x, inner.y, "› ", 2, th.key());
        let field = Rect::new(inner.x + 2, inner.y, inner.width.saturating_sub(2), 1);
        let pos = ui.input.render(buf, field, th.base());
        let latest = self.search.latest.as_ref().filter(|r| r.query == ui.input.text());
        let status = match (&self.search.latest, self.search.pending()) {
            (_, true) => self.ctx.t(T::Searching).to_string(),
            (Some(r), false) => i18n::matches(self.ctx.lang, r.hits.len(), r.total),
            (None, false) => i18n::org_count(self.ctx.lang, ui.corpus.len()),
        };
        buf.set_stringn(inner.x, inner.y + 1, fit(&status, w), w, th.dim());
        let list_top = inner.y + 2;
        let height = inner.bottom().saturating_sub(list_top + 1) as usize;
        if let Some(r) = self.search.latest.as_ref().or(latest) {
            let offset = ui.selected.saturating_sub(height.saturating_sub(1));
            for (row, hit) in r.hits.iter().enumerate().skip(offset).take(height) {
                let y = list_top + (row - offset) as u16;
                let selected = row == ui.selected;
                let base = if selected { th.selected() } else { th.base() };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let kind = match &hit.tag {
                    Some(tag) => tag.as_str(),
                    None => self
                        .ctx
                        .tree
                        .as_ref()
                        .and_then(|t| t.node(hit.org))
                        .map(|n| n.kind.tag())
                        .unwrap_or(""),
                };
                let sel = if selected { "›" } else { " " };
                let (mut x, _) = buf.set_stringn(inner.x, y, format!("{sel}{kind:<5}"), 6, base);
                let text = &hit.text;
                let mut pos = hit.positions.iter().peekable();
                for (ci, c) in text.chars().enumerate() {
                    let hl = pos.peek() == Some(&&ci);
                    if hl {
                        pos.next();
                    }
                    let style = if hl { base.patch(th.highlight()) } else { base };
                    let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
                    if x + cw > inner.right() {
                        break;
                    }
                    let (nx, _) = buf.set_stringn(x, y, c.to_string(), cw.max(1) as usize, style);
                    x = nx;
                }
            }
        }
        buf.set_stringn(inner.x, inner.bottom() - 1, fit(self.ctx.t(T::SearchKeys), w), w, th.dim());
        f.set_cursor_position(Position::new(pos.x, pos.y));
    }
}

/// The keymap from the configuration file, the file's path for the help,
/// and a message naming the line when the file is wrong.
fn load_keymap(path: Option<&std::path::Path>, lang: Lang) -> (Keymap, (Option<std::path::PathBuf>, Option<String>)) {
    let path = path
        .map(|p| p.to_path_buf())
        .or_else(|| directories::ProjectDirs::from("vn", "thuky", "thuky").map(|d| d.config_dir().join("keys.toml")));
    let Some(path) = path else {
        return (Keymap::default(), (None, None));
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Keymap::default(), (Some(path), None)),
        Err(e) => {
            let msg = i18n::config_error(lang, &path.display().to_string(), None, &e.to_string());
            return (Keymap::default(), (Some(path), Some(msg)));
        }
    };
    let (map, err) = Keymap::from_toml(&src, lang);
    let msg = err.map(|e| i18n::config_error(lang, &path.display().to_string(), e.line, &e.message));
    if let Some(m) = &msg {
        tracing::warn!("{m}");
    }
    (map, (Some(path), msg))
}
