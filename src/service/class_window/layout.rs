//! The rows of one year's tree in the order a grid shows them, with each
//! row's subtree end and (on the first name filter) folded names: what every
//! window of the year shares while the year's tree lasts.

use crate::domain::text::fold;
use crate::domain::tree::Tree;
use crate::domain::{IdMap, OrgId};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Weak};

/// The rows of one year's tree, in tree order (below the root).
pub(super) struct Layout {
    pub(super) tree: Weak<Tree>,
    pub(super) root: OrgId,
    pub(super) ids: Vec<OrgId>,
    pub(super) index: IdMap<u32>,
    /// One past the last row of each row's subtree.
    pub(super) ends: Vec<u32>,
    /// fold(name) and fold(code) per row, made for the first name filter.
    pub(super) folded: Vec<(String, String)>,
}

impl Layout {
    pub(super) fn new(tree: &Arc<Tree>, root: OrgId) -> Layout {
        let ids: Vec<OrgId> = tree.subtree(root).into_iter().skip(1).collect();
        let index: IdMap<u32> = ids.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
        let mut ends = vec![ids.len() as u32; ids.len()];
        // A row's subtree ends at the next row that is not deeper.
        let mut stack: Vec<(usize, u16)> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let Some(n) = tree.node(*id) else { continue };
            while let Some(&(top, depth)) = stack.last() {
                if depth >= n.depth {
                    ends[top] = i as u32;
                    stack.pop();
                } else {
                    break;
                }
            }
            stack.push((i, n.depth));
        }
        Layout {
            tree: Arc::downgrade(tree),
            root,
            ids,
            index,
            ends,
            folded: Vec::new(),
        }
    }

    pub(super) fn ensure_folded(&mut self, tree: &Tree) {
        if self.folded.len() != self.ids.len() {
            self.folded = self
                .ids
                .iter()
                .map(|id| tree.node(*id).map(|n| (fold(&n.name), fold(&n.code))).unwrap_or_default())
                .collect();
        }
    }

    /// The rows of `codes` (those in the tree), in that order, each once.
    pub(super) fn rows_of(&self, tree: &Tree, codes: &[String]) -> Vec<u32> {
        let wanted: HashMap<&str, usize> = codes.iter().enumerate().rev().map(|(i, c)| (c.trim(), i)).collect();
        let mut found: Vec<(usize, u32)> = Vec::new();
        for (i, id) in self.ids.iter().enumerate() {
            if let Some(at) = tree.node(*id).and_then(|n| wanted.get(n.code.as_str())) {
                found.push((*at, i as u32));
            }
        }
        found.sort_unstable();
        found.into_iter().map(|(_, i)| i).collect()
    }

    /// The rows below `scope`.
    pub(super) fn range(&self, scope: OrgId) -> std::ops::Range<usize> {
        match self.index.get(&scope) {
            Some(&i) => i as usize + 1..self.ends[i as usize] as usize,
            None => 0..self.ids.len(),
        }
    }

    /// The organisations whose findings a change on row `i` can move: the
    /// organisation, its parent and the grassroots organisation above it
    /// (as `ClassData::touched_by`).
    pub(super) fn touched(&self, tree: &Tree, i: usize, out: &mut HashSet<OrgId>) {
        let id = self.ids[i];
        out.insert(id);
        let mut cur = tree.node(id).and_then(|n| n.parent);
        let mut first = true;
        while let Some(n) = cur.and_then(|c| tree.node(c)) {
            if first {
                out.insert(n.id);
                first = false;
            }
            if n.kind.is_grassroots() {
                out.insert(n.id);
                break;
            }
            cur = n.parent;
        }
    }
}
