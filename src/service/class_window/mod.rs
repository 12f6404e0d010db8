//! Windows of a year's classification list (issue 9 item 5): a grid asks for
//! the rows it shows, scoped and filtered here, instead of a copy of the
//! year. Per year the rows are kept in tree order with each row's subtree end
//! and folded names (while the year's tree lasts), the year's findings (while
//! its classifications, admissions, settings and disciplines last), the last
//! few filtered index lists and the scope footers, so that a cursor move or
//! a scroll costs O(rows sent). A change invalidates through the snapshots
//! themselves: the cache holds them weakly, and a write that changes a
//! snapshot (`Arc::make_mut`) or replaces it breaks the link. After an entry
//! only the findings of the organisations it can move are computed again.
//!
//! The service prepares a job on the writer (fields checked, snapshots
//! taken: a few reference counts); anyone may run it (`OffRead`).

mod layout;

use super::api::{ClassScope, ClassWindow, ClassWindowQuery, FindingLine, Response};
use super::class_job::class_row;
use super::error::{Result, ServiceError};
use super::{validate, Service};
use crate::domain::discipline::{self, Disciplined};
use crate::domain::rollup::Footer;
use crate::domain::rules::{Finding, Regulation, Rule, RuleSettings, Rulebook};
use crate::domain::text::fold;
use crate::domain::tree::Tree;
use crate::domain::{year_end, Admissions, Classification, IdMap, OrgId};
use layout::Layout;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};

/// Rows sent at most in one window.
pub const MAX_HEIGHT: usize = super::api::CLASS_WINDOW_MAX;
/// Codes asked for at most in one request.
pub const MAX_CODES: usize = 1000;
const YEARS_KEPT: usize = 4;
const LISTS_KEPT: usize = 8;
const FOOTERS_KEPT: usize = 8;

/// What the windows of every year share between requests.
pub type SharedCache = Arc<Mutex<WindowCache>>;

#[derive(Default)]
pub struct WindowCache {
    /// The most recently used last.
    years: Vec<YearView>,
}

/// The filters of a list.
#[derive(Clone, PartialEq)]
struct ListKey {
    scope: OrgId,
    unrated: bool,
    findings: bool,
    grassroots: bool,
    filter: String,
}

/// What follows the year's entries: the findings, and lists and footers.
struct Checked {
    classes: Weak<IdMap<Classification>>,
    admissions: Weak<IdMap<Admissions>>,
    settings: RuleSettings,
    disciplined: Vec<Disciplined>,
    /// (version, time) of each row's classification when the findings were computed.
    stamps: Vec<Option<(u64, i64)>>,
    findings: Vec<Finding>,
    by_org: IdMap<Vec<u32>>,
    rules: Vec<Rule>,
    lists: Vec<(ListKey, Arc<Vec<u32>>)>,
    footers: Vec<(OrgId, Footer)>,
}

struct YearView {
    year: i32,
    layout: Layout,
    checked: Option<Checked>,
}

/// One window to compute, from shared snapshots of the year.
pub struct WindowJob {
    pub(super) query: ClassWindowQuery,
    pub(super) scope: OrgId,
    pub(super) tree: Arc<Tree>,
    pub(super) classes: Arc<IdMap<Classification>>,
    pub(super) admissions: Arc<IdMap<Admissions>>,
    pub(super) settings: RuleSettings,
    pub(super) disciplined: Vec<Disciplined>,
    pub(super) cache: SharedCache,
}

fn stamp(c: Option<&Classification>) -> Option<(u64, i64)> {
    c.map(|c| (c.version, c.at.timestamp_nanos_opt().unwrap_or(c.at.timestamp())))
}

fn same<T>(weak: &Weak<T>, now: &Arc<T>) -> bool {
    weak.upgrade().is_some_and(|w| Arc::ptr_eq(&w, now))
}

impl WindowJob {
    fn findings_of(&self, rulebook: Option<&Rulebook>, ids: &[OrgId]) -> Vec<Finding> {
        let mut f = rulebook
            .map(|rb| {
                let mut f = rb.check_orgs(&self.tree, &self.classes, ids);
                f.extend(rb.check_not_rated(&self.tree, &self.classes, &self.admissions, ids));
                f
            })
            .unwrap_or_default();
        if !self.disciplined.is_empty() {
            f.extend(discipline::check(
                self.query.year,
                &self.tree,
                &self.classes,
                &self.disciplined,
                ids,
            ));
        }
        f
    }

    /// The findings of the whole year, computed again or brought up to date.
    fn check(&self, layout: &Layout, old: Option<Checked>) -> Checked {
        let rulebook = Rulebook::for_year(self.query.year, &self.settings);
        let stamps: Vec<Option<(u64, i64)>> = layout.ids.iter().map(|id| stamp(self.classes.get(id))).collect();
        let reusable = old.filter(|o| {
            same(&o.admissions, &self.admissions)
                && o.settings == self.settings
                && o.disciplined == self.disciplined
                && o.stamps.len() == stamps.len()
        });
        let findings = match reusable {
            Some(o) => {
                // Only entries changed: the findings they can move are computed again.
                let mut touched = HashSet::new();
                for (i, (a, b)) in o.stamps.iter().zip(&stamps).enumerate() {
                    if a != b {
                        layout.touched(&self.tree, i, &mut touched);
                    }
                }
                let mut findings = o.findings;
                if !touched.is_empty() {
                    findings.retain(|f| !touched.contains(&f.org));
                    let mut ids: Vec<OrgId> = touched.into_iter().collect();
                    ids.sort_unstable();
                    findings.extend(self.findings_of(rulebook.as_ref(), &ids));
                }
                findings
            }
            None => {
                let mut ids = Vec::with_capacity(layout.ids.len() + 1);
                ids.push(layout.root);
                ids.extend_from_slice(&layout.ids);
                self.findings_of(rulebook.as_ref(), &ids)
            }
        };
        let mut by_org: IdMap<Vec<u32>> = IdMap::default();
        for (i, f) in findings.iter().enumerate() {
            by_org.entry(f.org).or_default().push(i as u32);
        }
        Checked {
            classes: Arc::downgrade(&self.classes),
            admissions: Arc::downgrade(&self.admissions),
            settings: self.settings,
            disciplined: self.disciplined.clone(),
            stamps,
            findings,
            by_org,
            rules: rulebook.map(|rb| rb.rules).unwrap_or_default(),
            lists: Vec::new(),
            footers: Vec::new(),
        }
    }

    /// The rows passing the filters, as indices into the layout.
    fn filtered(&self, layout: &Layout, checked: &Checked, key: &ListKey) -> Vec<u32> {
        let mut out = Vec::new();
        for i in layout.range(key.scope) {
            let id = layout.ids[i];
            if (key.unrated && self.classes.contains_key(&id))
                || (key.findings && !checked.by_org.contains_key(&id))
                || (key.grassroots && !self.tree.node(id).is_some_and(|n| n.kind.is_grassroots()))
                || (!key.filter.is_empty() && !layout.folded[i].0.contains(&key.filter) && !layout.folded[i].1.contains(&key.filter))
            {
                continue;
            }
            out.push(i as u32);
        }
        out
    }

    pub fn run(self) -> Response {
        let started = std::time::Instant::now();
        let cache = self.cache.clone();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let year = self.query.year;
        let root = self.tree.roots().first().copied().unwrap_or(self.scope);
        // The year's view, made again when its tree is not the one asked of.
        let pos = cache
            .years
            .iter()
            .position(|v| v.year == year && v.layout.root == root && same(&v.layout.tree, &self.tree));
        let mut view = match pos {
            Some(p) => cache.years.remove(p),
            None => {
                cache.years.retain(|v| v.year != year);
                YearView {
                    year,
                    layout: Layout::new(&self.tree, root),
                    checked: None,
                }
            }
        };
        let fresh = view.checked.as_ref().is_some_and(|c| {
            same(&c.classes, &self.classes)
                && same(&c.admissions, &self.admissions)
                && c.settings == self.settings
                && c.disciplined == self.disciplined
        });
        if !fresh {
            let old = view.checked.take();
            view.checked = Some(self.check(&view.layout, old));
        }
        let answer = self.answer(&mut view);
        cache.years.push(view);
        if cache.years.len() > YEARS_KEPT {
            cache.years.remove(0);
        }
        tracing::debug!(year, us = started.elapsed().as_micros() as u64, fresh, "classification window");
        Response::ClassificationWindow(Box::new(answer))
    }

    fn answer(&self, view: &mut YearView) -> ClassWindow {
        if !self.query.filter.trim().is_empty() && self.query.codes.is_empty() {
            view.layout.ensure_folded(&self.tree);
        }
        let layout = &view.layout;
        let checked = view.checked.as_mut().expect("checked above");
        let q = &self.query;
        let (rows_at, total, start, anchor): (Vec<u32>, usize, usize, Option<usize>) = if !q.codes.is_empty() {
            let at = layout.rows_of(&self.tree, &q.codes);
            let n = at.len();
            (at, n, 0, None)
        } else {
            let key = ListKey {
                scope: self.scope,
                unrated: q.unrated_only,
                findings: q.findings_only,
                grassroots: q.grassroots_only,
                filter: fold(q.filter.trim()),
            };
            let list = match checked.lists.iter().position(|(k, _)| *k == key) {
                Some(p) => {
                    let hit = checked.lists.remove(p);
                    checked.lists.push(hit.clone());
                    hit.1
                }
                None => {
                    let list = Arc::new(self.filtered(layout, checked, &key));
                    checked.lists.push((key, list.clone()));
                    if checked.lists.len() > LISTS_KEPT {
                        checked.lists.remove(0);
                    }
                    list
                }
            };
            let total = list.len();
            let height = q.height.min(MAX_HEIGHT);
            let anchor = q.anchor.and_then(|a| layout.index.get(&a)).and_then(|i| list.binary_search(i).ok());
            let mut start = q.offset;
            if let Some(a) = anchor {
                if a < start || a >= start.saturating_add(height) {
                    start = a.saturating_sub(height / 3);
                }
            }
            let start = start.min(total.saturating_sub(height));
            let end = (start + height).min(total);
            (list[start..end].to_vec(), total, start, anchor)
        };
        let mut rows = Vec::with_capacity(rows_at.len());
        let mut has_below = Vec::with_capacity(rows_at.len());
        let mut findings = Vec::new();
        for &i in &rows_at {
            let i = i as usize;
            let Some(n) = self.tree.node(layout.ids[i]) else { continue };
            rows.push(class_row(n, &self.classes));
            has_below.push(layout.ends[i] as usize > i + 1);
            for f in checked.by_org.get(&n.id).into_iter().flatten() {
                findings.push(checked.findings[*f as usize].clone());
            }
        }
        let range = layout.range(self.scope);
        let in_scope = |id: OrgId| id == self.scope || layout.index.get(&id).is_some_and(|i| range.contains(&(*i as usize)));
        let footer = match checked.footers.iter().find(|(s, _)| *s == self.scope) {
            Some((_, f)) => f.clone(),
            None => {
                let mut f = crate::domain::report::rollup(&self.tree, &self.classes, self.scope, &checked.rules);
                f.findings = if self.scope == layout.root {
                    checked.findings.len()
                } else {
                    checked.findings.iter().filter(|x| in_scope(x.org)).count()
                };
                checked.footers.push((self.scope, f.clone()));
                if checked.footers.len() > FOOTERS_KEPT {
                    checked.footers.remove(0);
                }
                f
            }
        };
        let all_findings = q.all_findings.then(|| {
            let line = |f: &Finding| {
                let (code, name) = self.tree.node(f.org).map(|n| (n.code.clone(), n.name.clone())).unwrap_or_default();
                FindingLine {
                    finding: f.clone(),
                    code,
                    name,
                }
            };
            let mut out: Vec<FindingLine> = Vec::new();
            let of = |id: OrgId| {
                checked
                    .by_org
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|f| &checked.findings[*f as usize])
            };
            out.extend(of(self.scope).map(line));
            for i in range.clone() {
                out.extend(of(layout.ids[i]).map(line));
            }
            out
        });
        let scope = self
            .tree
            .node(self.scope)
            .map(|n| ClassScope {
                id: n.id,
                code: n.code.clone(),
                name: n.name.clone(),
                depth: n.depth,
            })
            .unwrap_or_default();
        ClassWindow {
            year: q.year,
            regulation: Regulation::for_year(q.year),
            rules: checked.rules.clone(),
            scope,
            total,
            start,
            rows,
            has_below,
            anchor,
            findings,
            footer,
            all_findings,
        }
    }
}

impl Service {
    /// Check a window's fields and take the year's snapshots (on the writer).
    pub(super) fn class_window_job(&mut self, query: ClassWindowQuery) -> Result<WindowJob> {
        let year = validate::year(query.year)?;
        if query.codes.len() > MAX_CODES {
            return Err(ServiceError::invalid(
                "codes",
                query.codes.len().to_string(),
                format!("quá nhiều mã trong một yêu cầu (tối đa {MAX_CODES})"),
                format!("too many codes in one request (at most {MAX_CODES})"),
            ));
        }
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, query.scope.as_deref())?;
        let (classes, admissions) = self.state.year_snapshot(&self.store, year)?;
        Ok(WindowJob {
            query,
            scope,
            tree,
            classes,
            admissions,
            settings: self.state.settings,
            disciplined: self.disciplined(year)?,
            cache: self.class_windows.clone(),
        })
    }
}
