//! The screens behind the tab bar. Each is a folder here (its state with one
//! `Mode`, a pure view-model, a view that draws the model, its actions); the
//! `REGISTRY` lists them in tab order, and the tab bar, the screen-number
//! keys and the help come from it. Adding a screen is a folder, one registry
//! line and its catalogue strings; the shell (`App`) knows no particular
//! screen, and a screen asks the shell for things with a `ShellMsg`.

pub mod admissions;
pub mod audit;
pub mod cases;
pub mod classify;
pub mod export;
pub mod indicators;
pub mod orgs;

use super::i18n::T;
use super::keymap::{Action, Layer};
use super::state::Ctx;
use crate::domain::org::OrgId;
use crate::service::api::Event;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Every screen the workbench has or will have, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenId {
    Orgs,
    Classification,
    Admissions,
    Indicators,
    Cases,
    Audit,
}

impl ScreenId {
    pub fn title(self) -> T {
        match self {
            ScreenId::Orgs => T::ScreenOrgs,
            ScreenId::Classification => T::ScreenClass,
            ScreenId::Admissions => T::ScreenAdmissions,
            ScreenId::Indicators => T::ScreenIndicators,
            ScreenId::Cases => T::ScreenCases,
            ScreenId::Audit => T::ScreenAudit,
        }
    }
}

/// One line of the registry: the screen's id, its name in configuration and
/// tests, and how to make it.
pub struct Registered {
    pub id: ScreenId,
    pub name: &'static str,
    pub make: fn() -> Box<dyn Screen>,
}

/// Every screen built, in tab order.
pub const REGISTRY: &[Registered] = &[
    Registered {
        id: ScreenId::Orgs,
        name: "orgs",
        make: || Box::new(orgs::OrgScreen::new()),
    },
    Registered {
        id: ScreenId::Classification,
        name: "classify",
        make: || Box::new(classify::ClassifyScreen::new()),
    },
    Registered {
        id: ScreenId::Admissions,
        name: "admissions",
        make: || Box::new(admissions::AdmissionsScreen::new()),
    },
    Registered {
        id: ScreenId::Indicators,
        name: "indicators",
        make: || Box::new(indicators::IndicatorsScreen::new()),
    },
    Registered {
        id: ScreenId::Cases,
        name: "cases",
        make: || Box::new(cases::CasesScreen::new()),
    },
    Registered {
        id: ScreenId::Audit,
        name: "audit",
        make: || Box::new(audit::AuditScreen::new()),
    },
];

pub trait Screen {
    fn id(&self) -> ScreenId;
    /// Whether the screen draws the shared tree of the selected date (a screen
    /// that does not is drawn without it, and the tree reloads only when one
    /// that does is shown).
    fn uses_tree(&self) -> bool {
        true
    }
    /// Whether the global search shows its result here (the first such screen).
    fn search_target(&self) -> bool {
        false
    }
    /// The keymap layer active now: the screen's own, or its input's or popup's.
    fn layer(&self) -> Layer;
    /// Every layer that can be active on the screen, its own first (help sections).
    fn layers(&self) -> &'static [Layer];
    /// Whether the screen's figures depend on the selected year (shows the selector).
    fn year_bound(&self) -> bool {
        false
    }
    /// Called when the screen becomes visible.
    fn activate(&mut self, _ctx: &mut Ctx) {}
    /// Before a key is looked up: load what the active layer depends on.
    fn before_key(&mut self, _ctx: &mut Ctx) {}
    /// The shared tree was reloaded (date, year or data changed); `visible`:
    /// whether the screen is the one shown (a hidden one can wait for `activate`).
    fn tree_reloaded(&mut self, _visible: bool, _ctx: &mut Ctx) {}
    /// Changes made by anyone, after the tree was reloaded if needed.
    fn events(&mut self, _events: &[Event], _visible: bool, _ctx: &mut Ctx) {}
    /// An action of the active layer's chain; returns whether it was taken
    /// (a key whose action is not taken is passed on to `typed`).
    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool;
    /// A key no action took: typed text for the input the screen holds.
    fn typed(&mut self, _key: &KeyEvent, _ctx: &mut Ctx) -> bool {
        false
    }
    fn paste(&mut self, _text: &str, _ctx: &mut Ctx) {}
    /// Select an organisation (global search).
    fn focus_org(&mut self, _id: OrgId, _ctx: &mut Ctx) -> bool {
        false
    }
    /// Show case `id` (global search); returns whether this screen shows cases.
    fn focus_case(&mut self, _id: crate::domain::case::CaseId, _ctx: &mut Ctx) -> bool {
        false
    }
    /// Text for the right of the hint bar (e.g. counts), at most `width` columns.
    fn hint_extra(&self, _width: usize, _ctx: &Ctx) -> Option<String> {
        None
    }
    /// The selected organisation, for screens that list them.
    fn selected_org(&self) -> Option<OrgId> {
        None
    }
    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx);
}

pub use crate::tui::widgets::list::{clamp_scroll, list_move};
pub use crate::tui::widgets::popup::popup;
pub use crate::tui::widgets::text::fit;
