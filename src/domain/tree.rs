//! The register of all organisations, and the tree as it stood on a date.

use super::kind::OrgKind;
use super::org::{Ending, Org, OrgId};
use super::text::Collator;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// Every organisation ever recorded, indexed by id.
#[derive(Debug, Clone, Default)]
pub struct Register {
    orgs: Vec<Option<Org>>,
    codes: HashMap<String, OrgId>,
}

impl Register {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, id: OrgId) -> Option<&Org> {
        self.orgs.get(id as usize).and_then(|o| o.as_ref())
    }

    pub fn by_code(&self, code: &str) -> Option<&Org> {
        self.codes.get(code).and_then(|id| self.get(*id))
    }

    /// Look a code up ignoring case.
    pub fn find_code(&self, code: &str) -> Option<&Org> {
        self.by_code(code).or_else(|| {
            let up = code.to_uppercase();
            self.by_code(&up)
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Org> {
        self.orgs.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn next_id(&self) -> OrgId {
        self.orgs.len().max(1) as OrgId
    }

    /// Room for `n` more organisations (loading the register at start-up).
    pub fn reserve(&mut self, n: usize) {
        self.orgs.reserve(n);
        self.codes.reserve(n);
    }

    /// Insert or replace an organisation (keeps the code index right).
    pub fn put(&mut self, org: Org) {
        let idx = org.id as usize;
        if self.orgs.len() <= idx {
            self.orgs.resize(idx + 1, None);
        }
        if let Some(old) = &self.orgs[idx] {
            self.codes.remove(&old.code);
        }
        self.codes.insert(org.code.clone(), org.id);
        self.orgs[idx] = Some(org);
    }

    /// The tree as it stood on `date`.
    pub fn tree_at(&self, date: NaiveDate) -> Tree {
        Tree::build(self, date)
    }

    /// The days whose tree is `date`'s: from the last day on or before it
    /// that a change takes effect, to the first one after it (excluded). A
    /// tree as of a day is made of the changes in effect on it.
    pub fn same_tree_days(&self, date: NaiveDate) -> std::ops::Range<NaiveDate> {
        let mut days = NaiveDate::MIN..NaiveDate::MAX;
        for e in self.iter().flat_map(|o| o.events.iter()) {
            if e.effective <= date {
                days.start = days.start.max(e.effective);
            } else {
                days.end = days.end.min(e.effective);
            }
        }
        days
    }

    /// Follow ended organisations to the one that carries on at `date`:
    /// a merged one to its target, a dissolved one to its last parent.
    pub fn successor_at(&self, id: OrgId, date: NaiveDate) -> Option<OrgId> {
        let mut cur = id;
        for _ in 0..64 {
            let org = self.get(cur)?;
            if org.alive_at(date) {
                return Some(cur);
            }
            if org.founded() > date {
                return None;
            }
            cur = match org.ending()? {
                Ending::Merged(_, target) => target,
                Ending::Dissolved(d) => org.parent_before(d)?,
            };
        }
        None
    }

    /// Whether making `parent` the parent of `id` from `date` on would create
    /// a cycle on that date or on any later date something changes.
    pub fn would_cycle(&self, id: OrgId, parent: OrgId, date: NaiveDate) -> bool {
        let mut dates: Vec<NaiveDate> = self
            .iter()
            .flat_map(|o| o.events.iter().map(|e| e.effective))
            .filter(|d| *d > date)
            .collect();
        dates.push(date);
        dates.sort();
        dates.dedup();
        dates.into_iter().any(|d| {
            let mut cur = Some(parent);
            let mut steps = 0;
            while let Some(c) = cur {
                if c == id {
                    return true;
                }
                steps += 1;
                if steps > 10_000 {
                    return true;
                }
                cur = self.get(c).and_then(|o| o.state_at(d)).and_then(|s| s.parent);
            }
            false
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: OrgId,
    pub code: String,
    pub kind: OrgKind,
    pub name: String,
    pub parent: Option<OrgId>,
    /// Members held directly.
    pub members: u32,
    /// Members in the whole subtree, itself included.
    pub total_members: u32,
    /// Probationary members held directly, when recorded apart (None: not recorded).
    pub probationary: Option<u32>,
    /// Probationary members in the whole subtree; None when some organisation
    /// of it holding members has no split recorded.
    pub total_probationary: Option<u32>,
    pub depth: u16,
    pub children: Vec<OrgId>,
}

impl Node {
    /// Full (chính thức) members in the subtree, when every split is recorded.
    pub fn total_full(&self) -> Option<u32> {
        self.total_probationary.map(|p| self.total_members.saturating_sub(p))
    }
}

/// A snapshot of the tree on one date.
#[derive(Debug, Clone)]
pub struct Tree {
    pub date: NaiveDate,
    /// Shared by the trees of days with no change between them (`as_of`).
    nodes: Arc<Vec<Option<Node>>>,
    roots: Vec<OrgId>,
    len: usize,
}

impl Tree {
    fn build(reg: &Register, date: NaiveDate) -> Tree {
        let mut nodes: Vec<Option<Node>> = vec![None; reg.orgs.len()];
        let mut len = 0;
        for org in reg.iter() {
            if let Some(st) = org.state_at(date) {
                nodes[org.id as usize] = Some(Node {
                    id: org.id,
                    code: org.code.clone(),
                    kind: org.kind_at(date),
                    name: st.name.to_string(),
                    parent: st.parent,
                    members: st.members,
                    total_members: 0,
                    probationary: st.probationary,
                    total_probationary: None,
                    depth: 0,
                    children: Vec::new(),
                });
                len += 1;
            }
        }
        let mut roots = Vec::new();
        for i in 0..nodes.len() {
            let Some((id, parent)) = nodes[i].as_ref().map(|n| (n.id, n.parent)) else {
                continue;
            };
            match parent {
                Some(p) if nodes.get(p as usize).is_some_and(|n| n.is_some()) => {
                    nodes[p as usize].as_mut().expect("checked").children.push(id);
                }
                _ => roots.push(id),
            }
        }
        let mut tree = Tree {
            date,
            nodes: Arc::new(nodes),
            roots,
            len,
        };
        tree.compute_totals();
        tree
    }

    /// This tree as of `date`, sharing its nodes: only for a day on which
    /// the register stood as on this tree's (`Register::changed_between`).
    pub fn as_of(&self, date: NaiveDate) -> Tree {
        Tree {
            date,
            nodes: self.nodes.clone(),
            roots: self.roots.clone(),
            len: self.len,
        }
    }

    fn compute_totals(&mut self) {
        let order: Vec<(OrgId, u16)> = {
            let mut out = Vec::with_capacity(self.len);
            let mut stack: Vec<(OrgId, u16)> = self.roots.iter().rev().map(|r| (*r, 0)).collect();
            while let Some((id, d)) = stack.pop() {
                out.push((id, d));
                if let Some(n) = self.node(id) {
                    stack.extend(n.children.iter().rev().map(|c| (*c, d + 1)));
                }
            }
            out
        };
        let nodes = Arc::make_mut(&mut self.nodes);
        for (id, d) in order.iter() {
            if let Some(n) = nodes[*id as usize].as_mut() {
                n.depth = *d;
                n.total_members = n.members;
                n.total_probationary = if n.members == 0 { Some(0) } else { n.probationary };
            }
        }
        for (id, _) in order.iter().rev() {
            let (total, prob, parent) = match nodes.get(*id as usize).and_then(|n| n.as_ref()) {
                Some(n) => (n.total_members, n.total_probationary, n.parent),
                None => continue,
            };
            if let Some(p) = parent.and_then(|p| nodes.get_mut(p as usize)).and_then(|n| n.as_mut()) {
                p.total_members = p.total_members.saturating_add(total);
                p.total_probationary = p.total_probationary.zip(prob).map(|(a, b)| a.saturating_add(b));
            }
        }
    }

    pub fn node(&self, id: OrgId) -> Option<&Node> {
        self.nodes.get(id as usize).and_then(|n| n.as_ref())
    }

    pub fn contains(&self, id: OrgId) -> bool {
        self.node(id).is_some()
    }

    pub fn roots(&self) -> &[OrgId] {
        &self.roots
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().flatten()
    }

    /// `id` and all below it, parents before children.
    pub fn subtree(&self, id: OrgId) -> Vec<OrgId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(cur) = stack.pop() {
            if let Some(n) = self.node(cur) {
                out.push(cur);
                stack.extend(n.children.iter().rev());
            }
        }
        out
    }

    /// Whether `id` is `ancestor` or lies below it.
    pub fn is_within(&self, id: OrgId, ancestor: OrgId) -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.node(c).and_then(|n| n.parent);
        }
        false
    }

    /// Ancestors from the root down to the parent of `id`.
    pub fn ancestors(&self, id: OrgId) -> Vec<OrgId> {
        let mut out = Vec::new();
        let mut cur = self.node(id).and_then(|n| n.parent);
        while let Some(c) = cur {
            out.push(c);
            cur = self.node(c).and_then(|n| n.parent);
        }
        out.reverse();
        out
    }

    /// The directly subordinate committee (child of a root) that `id` lies under.
    pub fn top_unit(&self, id: OrgId) -> Option<OrgId> {
        let mut cur = id;
        loop {
            let n = self.node(cur)?;
            let p = n.parent?;
            if self.node(p)?.parent.is_none() {
                return Some(cur);
            }
            cur = p;
        }
    }

    /// Sort every list of siblings in Vietnamese alphabetical order. The
    /// lists are independent: they are taken out of their nodes and sorted
    /// in two halves of about as many children each, at once.
    pub fn sort_children(&mut self, collator: &Collator) {
        let nodes = Arc::make_mut(&mut self.nodes);
        let mut lists: Vec<(usize, Vec<OrgId>)> = nodes
            .iter_mut()
            .enumerate()
            .filter_map(|(i, n)| {
                n.as_mut()
                    .filter(|n| n.children.len() > 1)
                    .map(|n| (i, std::mem::take(&mut n.children)))
            })
            .collect();
        let view: &[Option<Node>] = nodes;
        let name = |id: &OrgId| view.get(*id as usize).and_then(|n| n.as_ref()).map_or("", |n| n.name.as_str());
        let sort = |lists: &mut [(usize, Vec<OrgId>)]| {
            for (_, l) in lists {
                l.sort_by(|a, b| collator.compare(name(a), name(b)));
            }
        };
        let total: usize = lists.iter().map(|(_, l)| l.len()).sum();
        let mut seen = 0;
        let mid = lists.iter().take_while(|(_, l)| {
            seen += l.len();
            seen <= total / 2
        });
        let mid = mid.count();
        let (left, right) = lists.split_at_mut(mid);
        std::thread::scope(|s| {
            s.spawn(|| sort(left));
            sort(right);
        });
        self.roots.sort_by(|a, b| collator.compare(name(a), name(b)));
        for (i, l) in lists {
            if let Some(n) = nodes[i].as_mut() {
                n.children = l;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::{Change, OrgEvent};
    use chrono::Utc;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ev(date: NaiveDate, change: Change) -> OrgEvent {
        OrgEvent {
            effective: date,
            change,
            decision: None,
            recorded: Utc::now(),
            by: "test".into(),
        }
    }

    fn org(id: OrgId, kind: OrgKind, name: &str, parent: Option<OrgId>, members: u32, founded: NaiveDate) -> Org {
        Org {
            id,
            code: format!("C{id}"),
            kind,
            founding_ref: String::new(),
            founding_date: None,
            events: vec![ev(
                founded,
                Change::Found {
                    name: name.into(),
                    parent,
                    members,
                },
            )],
            version: 1,
        }
    }

    /// City, a district dissolved on 1/7/2025, a ward founded then that
    /// takes over the district's cell.
    fn reorganised() -> Register {
        let mut r = Register::new();
        r.put(org(1, OrgKind::City, "Đảng bộ Thành phố Hà Nội", None, 0, d(2000, 1, 1)));
        let mut district = org(2, OrgKind::Superior, "Quận ủy Ba Đình", Some(1), 0, d(2000, 1, 1));
        district.push_event(ev(d(2025, 7, 1), Change::Dissolve));
        r.put(district);
        r.put(org(3, OrgKind::Superior, "Đảng ủy phường Ba Đình", Some(1), 0, d(2025, 7, 1)));
        let mut cell = org(4, OrgKind::GrassrootsCell, "Chi bộ Khu dân cư số 1", Some(2), 20, d(2010, 3, 1));
        cell.push_event(ev(d(2025, 7, 1), Change::Move { parent: 3 }));
        cell.push_event(ev(
            d(2021, 5, 1),
            Change::Rename {
                name: "Chi bộ KDC 1".into(),
            },
        ));
        r.put(cell);
        r
    }

    #[test]
    fn tree_before_and_after_reorganisation() {
        let r = reorganised();
        let before = r.tree_at(d(2024, 12, 31));
        assert!(before.contains(2));
        assert!(!before.contains(3));
        assert_eq!(before.node(4).unwrap().parent, Some(2));
        assert_eq!(before.node(4).unwrap().name, "Chi bộ KDC 1");
        assert_eq!(before.node(1).unwrap().total_members, 20);
        assert_eq!(before.node(2).unwrap().total_members, 20);

        let after = r.tree_at(d(2025, 12, 31));
        assert!(!after.contains(2));
        assert_eq!(after.node(4).unwrap().parent, Some(3));
        assert_eq!(after.node(3).unwrap().total_members, 20);
        assert_eq!(after.top_unit(4), Some(3));

        let early = r.tree_at(d(2020, 1, 1));
        assert_eq!(early.node(4).unwrap().name, "Chi bộ Khu dân cư số 1");
    }

    /// The trees of two days with no change between are the same, and the
    /// one made from the other (`as_of`) shares its nodes; a change on the
    /// later day, or between, makes them differ.
    #[test]
    fn days_with_no_change_between_share_one_tree() {
        let r = reorganised();
        let nodes = |t: &Tree| {
            t.nodes()
                .map(|n| (n.id, n.name.clone(), n.parent, n.total_members))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            r.same_tree_days(d(2024, 12, 31)),
            d(2021, 5, 1)..d(2025, 7, 1),
            "from the rename to the reorganisation"
        );
        assert_eq!(
            r.same_tree_days(d(2025, 7, 1)),
            d(2025, 7, 1)..NaiveDate::MAX,
            "a change on the day itself"
        );
        assert_eq!(r.same_tree_days(d(1999, 1, 1)), NaiveDate::MIN..d(2000, 1, 1));
        let end_2024 = r.tree_at(d(2024, 12, 31));
        let june = end_2024.as_of(d(2025, 6, 30));
        assert_eq!(june.date, d(2025, 6, 30));
        assert!(Arc::ptr_eq(&june.nodes, &end_2024.nodes));
        assert_eq!(nodes(&june), nodes(&r.tree_at(d(2025, 6, 30))));
        assert_eq!(june.roots(), r.tree_at(d(2025, 6, 30)).roots());
        assert_ne!(nodes(&june), nodes(&r.tree_at(d(2025, 7, 1))));
    }

    #[test]
    fn successor_of_dissolved_is_its_last_parent() {
        let r = reorganised();
        assert_eq!(r.successor_at(2, d(2025, 12, 31)), Some(1));
        assert_eq!(r.successor_at(4, d(2025, 12, 31)), Some(4));
        assert_eq!(r.successor_at(3, d(2024, 1, 1)), None);
    }

    #[test]
    fn detects_cycles_now_and_later() {
        let r = reorganised();
        assert!(r.would_cycle(1, 4, d(2024, 1, 1)));
        assert!(r.would_cycle(2, 2, d(2024, 1, 1)));
        assert!(!r.would_cycle(4, 1, d(2024, 1, 1)));
        // Moving the ward under the cell in 2020 is no cycle then, but would be
        // one from 1/7/2025 when the cell moves under the ward.
        assert!(r.would_cycle(3, 4, d(2020, 1, 1)));
    }
}
