//! The trees the service keeps by date for the register's windows and the
//! detail pane (see `tree_window`): an `Arc` of the service's own tree of the
//! date, with what is built from it on first use. A register change makes the
//! service build a new tree, and a kept one that is no longer the same `Arc`
//! is replaced.

use crate::domain::org::OrgId;
use crate::domain::text::fold;
use crate::domain::tree::{Register, Tree};
use crate::domain::{IdMap, OrgKind};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Trees kept by date.
const KEPT: usize = 8;

/// A tree of one date with what filtering and the detail pane need, each
/// part built on first use (the register it came from is the service's
/// until the register changes, which replaces the tree and so this).
pub struct Indexed {
    pub tree: Arc<Tree>,
    /// (fold(name), fold(code)) of every node, by id; built on the first filter.
    folded: OnceLock<IdMap<(String, String)>>,
    /// Organisations below each node by kind (`OrgKind::ALL` order), itself left out.
    kinds: OnceLock<IdMap<[u32; 6]>>,
    /// The organisations merged into each one at any date, from the register.
    merged: OnceLock<IdMap<Vec<OrgId>>>,
}

impl Indexed {
    fn new(tree: Arc<Tree>) -> Indexed {
        Indexed {
            tree,
            folded: OnceLock::new(),
            kinds: OnceLock::new(),
            merged: OnceLock::new(),
        }
    }

    /// The organisations below `id` in this tree by kind, itself left out
    /// (one bottom-up pass per tree instead of a walk per detail).
    pub fn subtree_kinds(&self, id: OrgId) -> Vec<(OrgKind, usize)> {
        let kinds = self.kinds.get_or_init(|| {
            let mut out: IdMap<[u32; 6]> = IdMap::default();
            let mut order = Vec::with_capacity(self.tree.len());
            for r in self.tree.roots() {
                order.extend(self.tree.subtree(*r));
            }
            for id in order.into_iter().rev() {
                let Some(n) = self.tree.node(id) else { continue };
                let mine = out.get(&id).copied().unwrap_or_default();
                if let Some(p) = n.parent {
                    let k = OrgKind::ALL.iter().position(|k| *k == n.kind).unwrap_or(0);
                    let up = out.entry(p).or_default();
                    for (u, m) in up.iter_mut().zip(mine) {
                        *u += m;
                    }
                    up[k] += 1;
                }
            }
            out
        });
        let counts = kinds.get(&id).copied().unwrap_or_default();
        OrgKind::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| (*k, n as usize))
            .collect()
    }

    /// The organisations of `reg` merged into `id` (at any date).
    pub fn merged_into(&self, reg: &Register, id: OrgId) -> &[OrgId] {
        let merged = self.merged.get_or_init(|| {
            let mut out: IdMap<Vec<OrgId>> = IdMap::default();
            for o in reg.iter() {
                for e in &o.events {
                    if let crate::domain::org::Change::MergeInto { target } = e.change {
                        let into = out.entry(target).or_default();
                        if !into.contains(&o.id) {
                            into.push(o.id);
                        }
                    }
                }
            }
            out
        });
        merged.get(&id).map_or(&[], |v| v.as_slice())
    }

    pub fn folded(&self) -> &IdMap<(String, String)> {
        self.folded
            .get_or_init(|| self.tree.nodes().map(|n| (n.id, (fold(&n.name), fold(&n.code)))).collect())
    }
}

/// The trees kept by date (see the module's notes).
#[derive(Default)]
pub struct Cache {
    kept: HashMap<NaiveDate, Arc<Indexed>>,
}

impl Cache {
    /// The indexed tree for `tree` (kept while it is the service's tree of its date).
    pub fn get(&mut self, tree: Arc<Tree>) -> Arc<Indexed> {
        if let Some(ix) = self.kept.get(&tree.date).filter(|ix| Arc::ptr_eq(&ix.tree, &tree)) {
            return ix.clone();
        }
        if self.kept.len() >= KEPT {
            self.kept.clear();
        }
        let ix = Arc::new(Indexed::new(tree));
        self.kept.insert(ix.tree.date, ix.clone());
        ix
    }
}
