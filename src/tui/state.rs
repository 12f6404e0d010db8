//! What all screens share: the backend, language, period, the loaded tree and
//! the message line.

use super::i18n::T;
use super::keymap::Keymap;
use super::search::Corpus;
use super::theme::Theme;
use crate::domain::org::OrgId;
use crate::domain::text::fold;
use crate::domain::IdMap;
use crate::domain::Lang;
use crate::service::api::{NodeView, Request, Response, TreeView};
use crate::service::backend::Backend;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// The tree of the selected date, indexed for the screens and the search.
pub struct TreeData {
    pub view: TreeView,
    pub index: IdMap<usize>,
    pub by_code: HashMap<String, usize>,
    /// fold(name) per node, for the `/` filter.
    pub folded: Vec<String>,
    pub corpus: Arc<Corpus>,
}

impl TreeData {
    pub fn new(view: TreeView, generation: u64) -> TreeData {
        let index = view.nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let by_code = view.nodes.iter().enumerate().map(|(i, n)| (n.code.to_uppercase(), i)).collect();
        let corpus = Corpus::new(generation, view.nodes.iter().map(|n| (n.id, format!("{} {}", n.name, n.code))));
        let folded = corpus
            .folded
            .iter()
            .zip(&view.nodes)
            .map(|(f, n)| f[..f.len() - n.code.len() - 1].to_string())
            .collect();
        TreeData {
            view,
            index,
            by_code,
            folded,
            corpus: Arc::new(corpus),
        }
    }

    pub fn node(&self, id: OrgId) -> Option<&NodeView> {
        self.index.get(&id).map(|i| &self.view.nodes[*i])
    }

    pub fn by_code(&self, code: &str) -> Option<&NodeView> {
        self.by_code.get(&code.trim().to_uppercase()).map(|i| &self.view.nodes[*i])
    }

    /// Ids from the top down to `id`'s parent.
    pub fn ancestors(&self, id: OrgId) -> Vec<OrgId> {
        let mut out = Vec::new();
        let mut cur = self.node(id).and_then(|n| n.parent);
        while let Some(p) = cur {
            out.push(p);
            cur = self.node(p).and_then(|n| n.parent);
        }
        out.reverse();
        out
    }

    pub fn roots(&self) -> Vec<OrgId> {
        self.view.nodes.iter().filter(|n| n.parent.is_none()).map(|n| n.id).collect()
    }

    /// Whether node `i` matches a folded filter (name or code).
    pub fn matches(&self, i: usize, folded_query: &str) -> bool {
        self.folded[i].contains(folded_query) || fold(&self.view.nodes[i].code).contains(folded_query)
    }
}

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
    /// Reload the shared tree (the register changed).
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
    pub tree: Option<Arc<TreeData>>,
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

    /// (Re)load the tree of the selected date and year.
    pub fn load_tree(&mut self) {
        let started = std::time::Instant::now();
        if let Some(Response::Tree(view)) = self.call(Request::Tree {
            at: self.at,
            year: Some(self.year),
        }) {
            self.generation += 1;
            self.tree = Some(Arc::new(TreeData::new(view, self.generation)));
        }
        tracing::debug!(ms = started.elapsed().as_millis() as u64, "tree loaded");
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
