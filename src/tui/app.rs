//! The application state machine: screens, modals, the shared period, the
//! message line and the hint bar. Driven by `handle_key` / `handle_paste`
//! and drawn by `render`, so tests can run it without a terminal.

use super::i18n::{self, T};
use super::keymap::{Action, Keymap, Layer};
use super::modals::{self, Modal, Msg};
use super::screens::{fit, Screen, ScreenId, REGISTRY};
use super::search::Searcher;
use super::state::{Ctx, Message, ShellMsg, TreeData};
use super::theme::Theme;
use super::TuiOptions;
use crate::domain::{Lang, FIRST_YEAR, LAST_YEAR};
use crate::service::api::{Event, Request, Response};
use crate::service::backend::Backend;
use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::sync::Arc;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

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
            outbox: Vec::new(),
        };
        let mut modal = None;
        if let Some(Response::Status(s)) = ctx.call(Request::Status) {
            if s.organisations == 0 {
                modal = Some(Modal::Welcome);
            }
            if opts.year.is_none() {
                ctx.year = default_year(today, &s.class_years);
            }
        }
        // Our own startup reads need no refresh.
        ctx.backend.events();
        let screens: Vec<Box<dyn Screen>> = REGISTRY.iter().map(|r| (r.make)()).collect();
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

    /// The organisation selected on the screen that shows search results
    /// (the register), with its code.
    pub fn selected_org(&self) -> Option<(crate::domain::org::OrgId, String)> {
        let id = self.screens.iter().find(|s| s.search_target())?.selected_org()?;
        let code = self.ctx.tree.as_ref()?.node(id)?.code.clone();
        Some((id, code))
    }

    /// Whether a popup (help, search, date, empty-store offer) is open.
    pub fn has_modal(&self) -> bool {
        self.modal.is_some()
    }

    /// Whether the current screen holds an input or a popup (its own keys
    /// do not apply meanwhile).
    pub fn capturing(&self) -> bool {
        self.screens[self.current].layer().is_input()
    }

    /// The keymap layer keys go to now: the popup's, or the screen's.
    pub fn active_layer(&self) -> Option<Layer> {
        match &self.modal {
            Some(m) => m.layer(),
            None => Some(self.screens[self.current].layer()),
        }
    }

    /// The hint bar's actions with the key shown for each (tests check that
    /// each key reaches its action).
    pub fn hint_actions(&self) -> Vec<(super::keymap::Key, Action)> {
        self.active_layer().map(|l| self.ctx.keymap.hint_actions(l)).unwrap_or_default()
    }

    /// Every layer that can be active on the screen shown (its help sections).
    pub fn screen_layers(&self) -> &'static [Layer] {
        self.screens[self.current].layers()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.ctx.keymap
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
                    self.ctx.year = default_year(self.ctx.today, &s.class_years);
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
                ui.reload(tree.corpus.clone(), &mut self.search);
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
        if tree_changed && class_only && !self.screens[self.current].uses_tree() {
            // The screen refreshes its own rows; the tree waits until one that uses it is shown.
            self.tree_stale = true;
        } else if tree_changed {
            self.reload_tree();
        }
        for (i, s) in self.screens.iter_mut().enumerate() {
            s.events(&events, i == self.current, &mut self.ctx);
        }
        self.take_outbox();
        self.dirty = true;
    }

    pub fn handle_paste(&mut self, text: String) {
        self.load_year();
        self.dirty = true;
        match &mut self.modal {
            Some(Modal::Search(ui)) => ui.paste(&text, &mut self.search),
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
            Some(Modal::Search(ui)) => ui.action(a, &mut self.search),
        };
        self.modal_msg(msg)
    }

    /// A key no action took: typed text for the input there is.
    fn type_key(&mut self, key: &KeyEvent) {
        match &mut self.modal {
            Some(Modal::Search(ui)) => ui.typed(key, &mut self.search),
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
                self.ctx.at = d;
                self.ctx.info(i18n::date_changed(self.ctx.lang, d));
                self.reload_tree();
            }
            Msg::FocusOrg(id) => {
                self.modal = None;
                self.ctx.send(ShellMsg::FocusOrg(id));
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
            Action::Search => {
                if let Some(tree) = &self.ctx.tree {
                    self.modal = Some(Modal::Search(modals::palette::SearchUi::new(tree.corpus.clone(), &mut self.search)));
                }
            }
            Action::NextScreen => self.switch((self.current + 1) % n),
            Action::PrevScreen => self.switch((self.current + n - 1) % n),
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
            Action::SetDate => self.modal = Some(Modal::Date(modals::date::DateUi::new(self.ctx.at))),
            _ => {
                if let Some(i) = a.screen_index() {
                    self.switch(i);
                }
            }
        }
    }

    /// Load the year chosen last, once (before the next frame, event or other key).
    fn load_year(&mut self) {
        if !std::mem::take(&mut self.year_pending) {
            return;
        }
        if !self.screens[self.current].uses_tree() {
            // The tree shows the year's levels only on the screens that draw
            // it: it reloads when one is shown (a whole-city tree costs ~60 ms
            // through the server, a third of a year change).
            self.tree_stale = true;
            self.screens[self.current].activate(&mut self.ctx);
        } else {
            self.reload_tree();
        }
    }

    /// Do what the screens asked for meanwhile.
    fn take_outbox(&mut self) {
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
        if self.ctx.tree.is_some() || !self.screens[self.current].uses_tree() {
            let ctx = &self.ctx;
            self.screens[self.current].render(f, body, ctx);
        }
        self.render_message(f, Rect::new(area.x, area.bottom() - 2, area.width, 1));
        self.render_hints(f, Rect::new(area.x, area.bottom() - 1, area.width, 1));
        match &self.modal {
            None => {}
            Some(Modal::Welcome) => modals::welcome::render(f, body, &self.ctx),
            Some(Modal::Loading) => modals::welcome::render_loading(f, body, &self.ctx),
            Some(Modal::Help(ui)) => {
                let screen = &self.screens[self.current];
                let titles: Vec<&str> = self.screens.iter().map(|s| self.ctx.t(s.id().title())).collect();
                let max = modals::help::render(f, body, &self.ctx, screen.layers(), &titles, ui.scroll);
                self.help_max.set(max);
            }
            Some(Modal::Date(ui)) => ui.render(f, body, &self.ctx),
            Some(Modal::Search(ui)) => ui.render(f, body, &self.ctx, &self.search),
        }
    }

    /// The tab bar: each screen with the key that shows it from here ("1",
    /// or "Alt-1" where the digits are entry keys, as in the grid), and the
    /// year and date on the right (kept whole: the tabs are cut first).
    fn render_tabs(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        // The keys of the screen's own layer (a popup or an input over it
        // does not change what the tabs say).
        let layer = self.screens[self.current].layers().first().copied().unwrap_or(Layer::Global);
        let screen_keys: [Action; 9] = [
            Action::Screen1,
            Action::Screen2,
            Action::Screen3,
            Action::Screen4,
            Action::Screen5,
            Action::Screen6,
            Action::Screen7,
            Action::Screen8,
            Action::Screen9,
        ];
        let keys: Vec<String> = (0..self.screens.len())
            .map(|i| {
                screen_keys
                    .get(i)
                    .and_then(|a| self.ctx.keymap.reaching(layer, *a))
                    .map(|k| k.short())
                    .unwrap_or_default()
            })
            .collect();
        let tabs_of = |keys: &[String]| -> Vec<String> {
            self.screens
                .iter()
                .zip(keys)
                .enumerate()
                .map(|(i, (s, key))| {
                    let label = match key.is_empty() {
                        true => self.ctx.t(s.id().title()).to_string(),
                        false => format!("{key} {}", self.ctx.t(s.id().title())),
                    };
                    if i == self.current {
                        format!("[{label}]")
                    } else {
                        format!(" {label} ")
                    }
                })
                .collect()
        };
        let width_of = |head: &str, tabs: &[String]| head.width() + tabs.iter().map(|t| t.width() + 1).sum::<usize>();
        let mut head = format!(" {} │", self.ctx.t(T::AppName));
        let mut tabs = tabs_of(&keys);
        let mut right = String::new();
        if self.screens[self.current].year_bound() {
            let (year, at) = (self.ctx.year, i18n::date(self.ctx.at));
            right = format!("{} {year} · {} {at} ", self.ctx.t(T::Year), self.ctx.t(T::AsOf));
            if width_of(&head, &tabs) + right.width() > area.width as usize {
                right = format!("{year}·{at} ");
            }
        }
        // Too wide with "Alt-1 … Alt-3": say "Alt-" once.
        if width_of(&head, &tabs) + right.width() > area.width as usize {
            if let Some(prefix) = keys.first().and_then(|k| k.strip_suffix('1')).filter(|p| !p.is_empty()) {
                if keys.iter().all(|k| k.starts_with(prefix)) {
                    let digits: Vec<String> = keys.iter().map(|k| k[prefix.len()..].to_string()).collect();
                    head.push_str(prefix);
                    tabs = tabs_of(&digits);
                }
            }
        }
        // The current tab cut off: the tabs before it give way ("…"), so the
        // screen shown is always named.
        let mut first = 0;
        let upto = (self.current + 1).min(tabs.len());
        while first < self.current && width_of(&head, &tabs[first..upto]) + 1 + right.width() > area.width as usize {
            first += 1;
        }
        if first > 0 {
            head.push('…');
        }
        let buf = f.buffer_mut();
        buf.set_style(area, th.base());
        let rw = (right.width() as u16).min(area.width);
        let end = area.right() - rw;
        let (mut x, _) = buf.set_stringn(area.x, area.y, &head, end.saturating_sub(area.x) as usize, th.title());
        for (i, text) in tabs.iter().enumerate().skip(first) {
            let style = if i == self.current { th.tab_active() } else { th.tab() };
            let (nx, _) = buf.set_stringn(x, area.y, text, end.saturating_sub(x) as usize, style);
            x = (nx + 1).min(end);
        }
        buf.set_stringn(end, area.y, &right, rw as usize, th.label());
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

    /// The hint bar: the main keys of the active layer (and, on a screen,
    /// the screen-number keys: "1-3", or "Alt-1…3" where the digits mean
    /// something else, as in the grid).
    fn render_hints(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        let Some(layer) = self.active_layer() else { return };
        let mut hints = self.ctx.keymap.hints(layer, self.ctx.lang);
        if !layer.is_input() {
            if let Some(k) = self.ctx.keymap.reaching(layer, Action::Screen1) {
                let n = self.screens.len();
                let keys = match k.short() {
                    one if one == "1" => format!("1-{n}"),
                    other => format!("{other}…{n}"),
                };
                hints.push((keys, self.ctx.t(T::HintScreens)));
            }
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
}

/// The year a clerk opens on: the one being classified. Classification
/// runs from December into January, so then it is the year ending (on
/// 1/12/2026 and on 15/1/2027: 2026); otherwise the last year classified
/// (up to this one), or this year when none is.
pub fn default_year(today: NaiveDate, class_years: &[i32]) -> i32 {
    match today.month() {
        12 => today.year(),
        1 => today.year() - 1,
        _ => class_years
            .iter()
            .copied()
            .filter(|y| *y <= today.year())
            .max()
            .unwrap_or(today.year()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_year_is_the_one_being_classified() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let years = [2023, 2024, 2025];
        assert_eq!(default_year(d(2026, 12, 1), &years), 2026);
        assert_eq!(default_year(d(2027, 1, 15), &years), 2026);
        assert_eq!(default_year(d(2026, 3, 15), &years), 2025);
        assert_eq!(default_year(d(2026, 3, 15), &[]), 2026);
        assert_eq!(default_year(d(2024, 6, 1), &years), 2024);
    }
}
