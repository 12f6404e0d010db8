//! The application state machine: screens, modals, the shared period, the
//! message line and the hint bar. Driven by `handle_key` / `handle_paste`
//! and drawn by `render`, so tests can run it without a terminal.

mod draw;
mod input;
mod start;

use start::{default_year, load_keymap};

use super::i18n::{self, T};
use super::keymap::{Action, Keymap, Layer};
use super::modals::{self, Modal, Msg};
use super::screens::{fit, Screen, ScreenId, REGISTRY};
use super::search::Searcher;
use super::state::{Ctx, Message, ShellMsg};
use super::theme::Theme;
use super::TuiOptions;
use crate::domain::{Lang, FIRST_YEAR, LAST_YEAR};
use crate::service::api::{Event, Request, Response, TreeWindow};
use crate::service::backend::Backend;
use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyEvent, KeyEventKind};
use std::sync::Arc;
use std::time::Duration;

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
    /// register's window (its levels) is asked again when another screen is shown.
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
            at_pinned: false,
            year: opts.year.unwrap_or(today.year()),
            today,
            window: None,
            codes: Default::default(),
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
        // The tree's date follows the year opened on.
        let year = ctx.year;
        ctx.set_year(year);
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

    /// Whether the clerk set the tree's date (a year change keeps it).
    pub fn at_pinned(&self) -> bool {
        self.ctx.at_pinned
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

    /// The register's window of the tree as the service answered it last
    /// (the rows around the selection, never the whole tree).
    pub fn window(&self) -> Option<&Arc<TreeWindow>> {
        self.ctx.window.as_ref()
    }

    /// The row of `code` in the register's window, if it holds it.
    pub fn window_row(&self, code: &str) -> Option<&crate::service::api::WindowRow> {
        self.ctx
            .window
            .as_ref()?
            .rows
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The organisation selected on the screen that shows search results
    /// (the register), with its code.
    pub fn selected_org(&self) -> Option<(crate::domain::org::OrgId, String)> {
        let id = self.screens.iter().find(|s| s.search_target())?.selected_org()?;
        let code = self.ctx.window.as_ref()?.rows.iter().find(|r| r.id == id)?.code.clone();
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
            let res = self.ctx.call(Request::DemoLoad {
                scale: self.demo_scale,
                seed: 1,
                replace: false,
            });
            self.modal = None;
            if let Some(Response::Done(d)) = res {
                tracing::info!(ms = started.elapsed().as_millis() as u64, "demo data loaded");
                self.ctx.info(self.ctx.lang.pick(&d.summary_vi, &d.summary_en).to_string());
                if let Some(Response::Status(s)) = self.ctx.call(Request::Status) {
                    self.ctx.set_year(default_year(self.ctx.today, &s.class_years));
                }
            }
            self.poll_background();
            self.dirty = true;
        }
    }

    /// The date, the year or the register changed: the screens ask again
    /// for what they show (the register its window, if shown).
    fn reload_tree(&mut self) {
        self.tree_stale = false;
        self.ctx.generation += 1;
        for (i, s) in self.screens.iter_mut().enumerate() {
            s.tree_reloaded(i == self.current, &mut self.ctx);
        }
        if let Some(Modal::Search(ui)) = &mut self.modal {
            ui.reload(&mut self.search, &mut self.ctx);
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
}
