//! The rows of the grid the screen holds: a window of the year's list as the
//! service scoped and filtered it (`Request::ClassificationWindow`), the
//! findings of those rows, and the scope's footer computed by the domain.

use crate::domain::org::OrgId;
use crate::domain::rollup::Footer;
use crate::domain::rules::{Finding, Regulation, Rule};
use crate::domain::IdMap;
use crate::service::api::{ClassRow, ClassScope, ClassWindow};

#[derive(Debug, Clone, Default)]
pub struct Window {
    pub year: i32,
    pub regulation: Option<Regulation>,
    pub rules: Vec<Rule>,
    pub scope: ClassScope,
    /// Rows passing the filters in the scope.
    pub total: usize,
    /// The index of `rows[0]` among them.
    pub start: usize,
    pub rows: Vec<ClassRow>,
    pub has_below: Vec<bool>,
    pub findings: Vec<Finding>,
    by_org: IdMap<Vec<usize>>,
    pub footer: Footer,
}

impl Window {
    pub fn new(w: ClassWindow) -> Window {
        let mut by_org: IdMap<Vec<usize>> = IdMap::default();
        for (i, f) in w.findings.iter().enumerate() {
            by_org.entry(f.org).or_default().push(i);
        }
        Window {
            year: w.year,
            regulation: w.regulation,
            rules: w.rules,
            scope: w.scope,
            total: w.total,
            start: w.start,
            rows: w.rows,
            has_below: w.has_below,
            findings: w.findings,
            by_org,
            footer: w.footer,
        }
    }

    /// The row at index `pos` of the filtered list, when it is held.
    pub fn at(&self, pos: usize) -> Option<&ClassRow> {
        pos.checked_sub(self.start).and_then(|i| self.rows.get(i))
    }

    /// Whether the row at `pos` has organisations below it.
    pub fn below(&self, pos: usize) -> bool {
        pos.checked_sub(self.start)
            .and_then(|i| self.has_below.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the rows `from..to` of the filtered list are all held.
    pub fn covers(&self, from: usize, to: usize) -> bool {
        let to = to.min(self.total);
        from >= to || (from >= self.start && to <= self.start + self.rows.len())
    }

    pub fn row(&self, id: OrgId) -> Option<&ClassRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn findings_of(&self, id: OrgId) -> impl Iterator<Item = &Finding> {
        self.by_org.get(&id).into_iter().flatten().map(|i| &self.findings[*i])
    }

    pub fn has_findings(&self, id: OrgId) -> bool {
        self.by_org.contains_key(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_knows_the_rows_it_holds() {
        let w = Window {
            total: 100,
            start: 10,
            rows: vec![ClassRow {
                id: 7,
                code: "A".into(),
                name: "A".into(),
                kind: crate::domain::OrgKind::GrassrootsCell,
                depth: 1,
                parent: None,
                total_members: 1,
                class: None,
            }],
            has_below: vec![true],
            ..Default::default()
        };
        assert_eq!(w.at(10).map(|r| r.id), Some(7));
        assert!(w.at(9).is_none() && w.at(11).is_none());
        assert!(w.below(10) && !w.below(11));
        assert!(w.covers(10, 11) && !w.covers(9, 11) && !w.covers(10, 12));
        assert!(w.covers(200, 300), "nothing to hold past the end");
    }
}
