//! A year's classification list computed from shared snapshots, so that the
//! largest read (every row and finding of the city: about 21,000 rows at
//! hanoi scale) can run off the single writer (issue 10 item 9). The service
//! prepares the job on the writer (scope checked, year loaded: a few
//! reference counts), and anyone may then run it.

use super::api::{ClassList, ClassRow, Response};
use crate::domain::discipline::{self, Disciplined};
use crate::domain::rules::{Regulation, RuleSettings, Rulebook};
use crate::domain::tree::{Node, Tree};
use crate::domain::{Admissions, Classification, IdMap, OrgId};
use std::sync::Arc;

pub struct ClassJob {
    pub(super) year: i32,
    pub(super) tree: Arc<Tree>,
    /// Every organisation whose findings are wanted.
    pub(super) ids: Vec<OrgId>,
    /// Which of `ids` get a row: all, or all but the first (the scope itself).
    pub(super) skip_first_row: bool,
    /// The scope's code, and whether the footer (the scope's roll-up) is wanted.
    pub(super) scope: Option<(OrgId, String)>,
    pub(super) classes: Arc<IdMap<Classification>>,
    pub(super) admissions: Arc<IdMap<Admissions>>,
    pub(super) settings: RuleSettings,
    pub(super) disciplined: Vec<Disciplined>,
}

impl ClassJob {
    pub fn run(self) -> Response {
        let ClassJob {
            year,
            tree,
            ids,
            skip_first_row,
            scope,
            classes,
            admissions,
            settings,
            disciplined,
        } = self;
        let rows = if skip_first_row { ids.get(1..).unwrap_or(&[]) } else { &ids[..] };
        // Sized up front: 20k rows grown by doubling cost a third of the answer.
        let mut out = Vec::with_capacity(rows.len());
        out.extend(rows.iter().filter_map(|id| tree.node(*id)).map(|n| class_row(n, &classes)));
        let rulebook = Rulebook::for_year(year, &settings);
        let mut findings = rulebook
            .as_ref()
            .map(|rb| {
                let mut f = rb.check_orgs(&tree, &classes, &ids);
                f.extend(rb.check_not_rated(&tree, &classes, &admissions, &ids));
                f
            })
            .unwrap_or_default();
        if !disciplined.is_empty() {
            findings.extend(discipline::check(year, &tree, &classes, &disciplined, &ids));
        }
        let rules = rulebook.map(|rb| rb.rules).unwrap_or_default();
        let (code, footer) = match scope {
            Some((id, code)) => {
                // The scope has no row of its own; its findings are in the answer.
                let mut footer = crate::domain::report::rollup(&tree, &classes, id, &rules);
                footer.findings = findings.len();
                (code, Some(Box::new(footer)))
            }
            None => (String::new(), None),
        };
        Response::ClassificationList(ClassList {
            year,
            regulation: Regulation::for_year(year),
            scope: code,
            rows: out,
            findings,
            rules,
            footer,
        })
    }
}

pub(super) fn class_row(n: &Node, classes: &IdMap<Classification>) -> ClassRow {
    ClassRow {
        id: n.id,
        code: n.code.clone(),
        name: n.name.clone(),
        kind: n.kind,
        depth: n.depth,
        parent: n.parent,
        total_members: n.total_members,
        class: classes.get(&n.id).cloned(),
    }
}
