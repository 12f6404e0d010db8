//! The register screen's window of the tree (issue 9 item 5): the client
//! sends what it shows (the expanded organisations, the drill, the `/`
//! filter, the selected organisation, the scroll offset and the height) and
//! gets back only the rows of that window with the count of visible lines.
//!
//! The tree of a date is kept (`tree_index::Cache`, an `Arc` of the service's own tree
//! with the folded names built on the first filter) until the register
//! changes: the service then builds a new tree, and the kept one no longer
//! is the same `Arc`. The year's levels are read per row at answer time, so
//! a classification needs no rebuild. A window walks the visible lines only
//! (closed branches are skipped whole); a filter is one pass over the folded
//! names. The answer is computed off the writer (`OffRead::TreeWindow`).

use super::api::Response;
use super::error::{Result, ServiceError};
pub use super::tree_index::{Cache, Indexed};
use super::Service;
use crate::domain::text::fold;
use crate::domain::{Classification, IdMap, Level, OrgId, OrgKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The most rows one window holds (a larger height is cut to it).
pub const MAX_HEIGHT: usize = 500;
/// The longest filter accepted, in characters.
pub const MAX_FILTER: usize = 200;
/// The most expanded organisations one query may name.
pub const MAX_OPEN: usize = 100_000;

/// What the register screen shows (see `Request::TreeWindow`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeWindowQuery {
    /// The tree's date.
    pub at: NaiveDate,
    /// The year whose levels are shown.
    pub year: i32,
    /// The expanded organisations (the client's state).
    #[serde(default)]
    pub open: Vec<OrgId>,
    /// Show the roots open (the first window a client asks for); the
    /// answer's `opened` names them, for the client to keep.
    #[serde(default)]
    pub open_roots: bool,
    /// The drill-down, outermost first: the last is the top shown.
    #[serde(default)]
    pub drill: Vec<OrgId>,
    /// Text matched (folded) against names and codes; the ancestors of a
    /// match are shown as context rows. Empty: no filter.
    #[serde(default)]
    pub filter: String,
    /// The selected organisation: the window contains it when it is visible.
    #[serde(default)]
    pub anchor: Option<OrgId>,
    /// Open the anchor's ancestors (and leave a drill that does not hold it):
    /// show an organisation found elsewhere.
    #[serde(default)]
    pub reveal: bool,
    /// The first visible line wanted (when the anchor is not asked for or
    /// lies within `offset..offset + height`).
    #[serde(default)]
    pub offset: usize,
    /// How many rows (1..; more than `MAX_HEIGHT` is cut to it).
    pub height: usize,
}

/// One row of a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowRow {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    /// Depth below the top shown (0 for a top).
    pub depth: u16,
    pub parent: Option<OrgId>,
    /// The parent's kind (what a change of kind may choose from).
    pub parent_kind: Option<OrgKind>,
    pub has_children: bool,
    /// Its children are shown (expanded, or filtering).
    pub open: bool,
    pub members: u32,
    pub total_members: u32,
    /// The level of the year asked for.
    pub level: Option<Level>,
    /// Shown only as the ancestor of a filter match.
    pub context_only: bool,
}

/// The answer: a window of the visible lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeWindow {
    pub at: NaiveDate,
    pub year: i32,
    /// Organisations in the tree of `at` (0: nothing to show on that date).
    pub tree_len: usize,
    /// Visible lines in all.
    pub total: usize,
    /// Lines matching the filter (context rows left out); `total` without one.
    pub matches: usize,
    /// The index of the first row among the visible lines.
    pub start: usize,
    pub rows: Vec<WindowRow>,
    /// The anchor's index among the visible lines, when it is visible.
    pub anchor: Option<usize>,
    /// The drill that applied (ids the tree does not hold are left out), with names.
    pub drill: Vec<(OrgId, String)>,
    /// Organisations the service opened (the roots for `open_roots`, the
    /// anchor's ancestors for `reveal`): the client keeps them open.
    pub opened: Vec<OrgId>,
}

impl TreeWindow {
    /// The row at visible line `i`, if the window holds it.
    pub fn row(&self, i: usize) -> Option<&WindowRow> {
        i.checked_sub(self.start).and_then(|k| self.rows.get(k))
    }

    /// Whether the window holds visible lines `from..to` (cut to the total).
    pub fn covers(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.total);
        from >= to || (from >= self.start && to <= self.start + self.rows.len())
    }

    /// The visible line of `id`, if the window holds it.
    pub fn position(&self, id: OrgId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id).map(|k| self.start + k)
    }
}

/// A window to compute, off the writer.
pub struct WindowJob {
    ix: Arc<Indexed>,
    classes: Arc<IdMap<Classification>>,
    query: TreeWindowQuery,
}

impl WindowJob {
    pub fn run(self) -> Response {
        Response::TreeWindow(Box::new(window(&self.ix, &self.classes, &self.query)))
    }
}

impl Service {
    /// Check a window query and gather what computing it needs.
    pub(super) fn tree_window_job(&mut self, q: &TreeWindowQuery) -> Result<WindowJob> {
        let year = super::validate::year(q.year)?;
        if q.height == 0 {
            return Err(ServiceError::invalid(
                "height",
                q.height,
                format!("phải từ 1 đến {MAX_HEIGHT} dòng"),
                format!("must be 1 to {MAX_HEIGHT} rows"),
            ));
        }
        if q.filter.chars().count() > MAX_FILTER {
            return Err(ServiceError::invalid(
                "filter",
                format!("{}…", q.filter.chars().take(20).collect::<String>()),
                format!("dài quá {MAX_FILTER} ký tự"),
                format!("longer than {MAX_FILTER} characters"),
            ));
        }
        if q.open.len() > MAX_OPEN {
            return Err(ServiceError::invalid(
                "open",
                q.open.len(),
                format!("nhiều quá {MAX_OPEN} tổ chức"),
                format!("more than {MAX_OPEN} organisations"),
            ));
        }
        let tree = self.state.tree(q.at, &self.collator);
        let ix = self.tree_windows.get(tree);
        let classes = self.state.classes_shared(&self.store, year)?;
        Ok(WindowJob {
            ix,
            classes,
            query: q.clone(),
        })
    }

    pub(super) fn tree_window(&mut self, q: &TreeWindowQuery) -> Result<Response> {
        Ok(self.tree_window_job(q)?.run())
    }

    /// Build the tree of `at` and keep it, so that the first client's first
    /// window does not pay for it (the server calls this once it is open).
    pub fn warm_tree_window(&mut self, at: NaiveDate) {
        let started = std::time::Instant::now();
        let tree = self.state.tree(at, &self.collator);
        self.tree_windows.get(tree);
        // The levels of the year it shows.
        let _ = self.state.classes(&self.store, chrono::Datelike::year(&at));
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "tree of {at} kept for the register's windows"
        );
    }
}

/// The window `q` asks for.
pub fn window(ix: &Indexed, classes: &IdMap<Classification>, q: &TreeWindowQuery) -> TreeWindow {
    let tree = &*ix.tree;
    let height = q.height.clamp(1, MAX_HEIGHT);
    let anchor = q.anchor.filter(|a| tree.contains(*a));
    let mut drill: Vec<OrgId> = q.drill.iter().copied().filter(|id| tree.contains(*id)).collect();
    let mut opened: Vec<OrgId> = Vec::new();
    if q.open_roots {
        opened.extend(tree.roots());
    }
    if let (true, Some(a)) = (q.reveal, anchor) {
        // Stay drilled only where the drilled organisation holds it.
        while drill.last().is_some_and(|top| !tree.is_within(a, *top)) {
            drill.pop();
        }
        opened.extend(tree.ancestors(a));
    }
    let open: std::collections::HashSet<OrgId, rustc_hash::FxBuildHasher> = q.open.iter().chain(&opened).copied().collect();
    let tops: Vec<OrgId> = match drill.last() {
        Some(id) => vec![*id],
        None => tree.roots().to_vec(),
    };
    let query = fold(q.filter.trim());
    // With a filter: the matches and their ancestors, every branch open.
    let kept: Option<IdMap<bool>> = (!query.is_empty()).then(|| {
        let mut kept: IdMap<bool> = IdMap::default();
        for (id, (name, code)) in ix.folded() {
            if name.contains(&query) || code.contains(&query) {
                kept.insert(*id, true);
                let mut cur = tree.node(*id).and_then(|n| n.parent);
                while let Some(p) = cur {
                    if kept.contains_key(&p) {
                        break;
                    }
                    kept.insert(p, false);
                    cur = tree.node(p).and_then(|n| n.parent);
                }
            }
        }
        kept
    });
    // The visible lines: (id, depth, matched).
    let mut lines: Vec<(OrgId, u16, bool)> = Vec::new();
    let mut stack: Vec<(OrgId, u16)> = tops.iter().rev().map(|id| (*id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        let Some(n) = tree.node(id) else { continue };
        let matched = match &kept {
            Some(k) => match k.get(&id) {
                Some(m) => *m,
                None => continue,
            },
            None => true,
        };
        lines.push((id, depth, matched));
        if kept.is_some() || open.contains(&id) {
            stack.extend(n.children.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    let total = lines.len();
    let matches = lines.iter().filter(|l| l.2).count();
    let anchor_at = anchor.and_then(|a| lines.iter().position(|l| l.0 == a));
    let mut start = match anchor_at {
        Some(a) if a < q.offset || a >= q.offset.saturating_add(height) => a.saturating_sub(height / 2),
        _ => q.offset,
    };
    start = start.min(total.saturating_sub(height));
    let filtering = kept.is_some();
    let rows = lines[start..(start + height).min(total)]
        .iter()
        .filter_map(|&(id, depth, matched)| {
            let n = tree.node(id)?;
            Some(WindowRow {
                id,
                code: n.code.clone(),
                name: n.name.clone(),
                kind: n.kind,
                depth,
                parent: n.parent,
                parent_kind: n.parent.and_then(|p| tree.node(p)).map(|p| p.kind),
                has_children: !n.children.is_empty(),
                open: !n.children.is_empty() && (filtering || open.contains(&id)),
                members: n.members,
                total_members: n.total_members,
                level: classes.get(&id).map(|c| c.level),
                context_only: !matched,
            })
        })
        .collect();
    TreeWindow {
        at: q.at,
        year: q.year,
        tree_len: tree.len(),
        total,
        matches,
        start,
        rows,
        anchor: anchor_at,
        drill: drill
            .iter()
            .filter_map(|id| tree.node(*id).map(|n| (*id, n.name.clone())))
            .collect(),
        opened,
    }
}
