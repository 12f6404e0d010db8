//! The shell's popups over every screen: the empty-store offer, the help,
//! the as-of date and the global search palette. Each is a keymap layer of
//! its own; it answers an action with a message to the shell.

pub mod date;
pub mod help;
pub mod palette;
pub mod welcome;

use super::keymap::Layer;
use crate::domain::org::OrgId;
use chrono::NaiveDate;

pub enum Modal {
    /// The offer shown on an empty store.
    Welcome,
    /// The demo data being loaded (no key applies).
    Loading,
    Help(help::HelpUi),
    Date(date::DateUi),
    Search(palette::SearchUi),
}

impl Modal {
    /// The layer of the popup's keys (none while loading).
    pub fn layer(&self) -> Option<Layer> {
        match self {
            Modal::Welcome => Some(Layer::Welcome),
            Modal::Loading => None,
            Modal::Help(_) => Some(Layer::Help),
            Modal::Date(_) => Some(Layer::Date),
            Modal::Search(_) => Some(Layer::Search),
        }
    }
}

/// What a popup asks of the shell after an action.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Msg {
    /// The popup stays open (the action was taken).
    Stay,
    /// The action is not the popup's: the key is passed on as typed text.
    Pass,
    Close,
    Quit,
    LoadDemo,
    SetDate(NaiveDate),
    /// The tree's date follows the selected year again (the pin cleared).
    FollowYear,
    /// Show an organisation: on the screen shown if it lists it, else on the register.
    FocusOrg(OrgId),
    /// Show an organisation that no longer exists, in the tree of a day it did.
    FocusFormer(OrgId, NaiveDate),
    /// Open a case on the screen that shows cases.
    FocusCase(crate::domain::case::CaseId),
}
