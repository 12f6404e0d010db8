//! What all screens share: the backend, language, period, the register's
//! window of the tree (asked of the service, never the whole tree) and the
//! message line.

use super::i18n::T;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::domain::org::OrgId;
use crate::domain::IdMap;
use crate::domain::Lang;
use crate::service::api::{Request, Response, TreeWindow};
use crate::service::backend::Backend;
use chrono::NaiveDate;
use std::sync::Arc;

/// What a screen asks of the shell, which knows no particular screen.
#[derive(Clone, Debug, PartialEq)]
pub enum ShellMsg {
    /// Show the organisation on the screen that shows search results.
    FocusOrg(OrgId),
    /// Open a case on the screen that shows cases.
    FocusCase(crate::domain::case::CaseId),
    /// Switch to a screen.
    Show(super::screens::ScreenId),
    /// Switch to a screen and take one of its actions there (a drill-down,
    /// e.g. the classification grid showing only the unrated).
    ShowAnd(super::screens::ScreenId, super::keymap::Action),
    /// Ask the register's window again (the register changed).
    ReloadTree,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct Ctx {
    pub backend: Box<dyn Backend>,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub at: NaiveDate,
    /// The clerk set `at` (the date popup): it stays when the year changes,
    /// until cleared there (Ctrl-R, or Enter on an empty date).
    pub at_pinned: bool,
    pub year: i32,
    pub today: NaiveDate,
    /// The register screen's window of the tree, as last answered.
    pub window: Option<Arc<TreeWindow>>,
    /// Codes of the organisations seen in the register's windows and search
    /// answers (the audit log names a new parent by its code when known).
    pub codes: IdMap<String>,
    /// Bumped whenever the shared view of the tree is asked again.
    pub generation: u64,
    pub message: Option<Message>,
    pub config_path: Option<std::path::PathBuf>,
    /// Messages to the shell, handled after each key, paste or event.
    pub outbox: Vec<ShellMsg>,
}

/// The day the tree is shown as of for `year` when the clerk has not set a
/// date: the year's last day for a past year, today in the current year, the
/// first day of a year still to come (classification of year Y judges the
/// tree of Y, not of the day the clerk happens to look).
pub fn reference_day(year: i32, today: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
    match year.cmp(&today.year()) {
        std::cmp::Ordering::Less => day(12, 31),
        std::cmp::Ordering::Equal => today,
        std::cmp::Ordering::Greater => day(1, 1),
    }
}

impl Ctx {
    /// Select `year`; the tree's date follows it unless the clerk pinned one.
    pub fn set_year(&mut self, year: i32) {
        self.year = year;
        if !self.at_pinned {
            self.at = reference_day(year, self.today);
        }
    }

    /// Show the tree as of `at`, pinned (a year change keeps it).
    pub fn pin_date(&mut self, at: NaiveDate) {
        self.at = at;
        self.at_pinned = true;
    }

    /// Let the tree's date follow the selected year again.
    pub fn unpin_date(&mut self) {
        self.at_pinned = false;
        self.at = reference_day(self.year, self.today);
    }

    /// Ask the shell for something (handled once the screen returns).
    pub fn send(&mut self, msg: ShellMsg) {
        self.outbox.push(msg);
    }

    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Call the service; a refusal goes to the message line.
    pub fn call(&mut self, req: Request) -> Option<Response> {
        match self.backend.call(req) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!(error = %e, "request refused");
                let msg = e.message(self.lang).to_string();
                self.error(msg);
                None
            }
        }
    }

    /// Keep what the register's window says: the window, and its codes.
    pub fn keep_window(&mut self, w: TreeWindow) -> Arc<TreeWindow> {
        if self.codes.len() > 100_000 {
            self.codes.clear();
        }
        for r in &w.rows {
            if self.codes.get(&r.id) != Some(&r.code) {
                self.codes.insert(r.id, r.code.clone());
            }
        }
        let w = Arc::new(w);
        self.window = Some(w.clone());
        w
    }
}

#[cfg(test)]
mod tests {
    use super::reference_day;
    use chrono::NaiveDate;

    #[test]
    fn the_reference_day_of_a_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let today = d(2026, 3, 15);
        assert_eq!(reference_day(2023, today), d(2023, 12, 31));
        assert_eq!(reference_day(2025, today), d(2025, 12, 31));
        assert_eq!(reference_day(2026, today), today);
        assert_eq!(reference_day(2027, today), d(2027, 1, 1));
    }
}
