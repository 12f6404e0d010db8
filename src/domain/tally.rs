//! Members' tallies at two levels (issue 12, item 4).
//!
//! Members are rated in their cells (chi bộ); a grassroots committee
//! (đảng bộ cơ sở) reports the tallies of all its members upwards. thuky
//! takes the grassroots organisation's own tallies when they are entered
//! (that is the figure its committee decides and reports), and otherwise the
//! sum of the tallies entered on its cells, so a roll-up is right whichever
//! level was typed. When both are there and every member sits in a cell, the
//! two must agree; a difference is a finding.

use super::classification::Tallies;

/// The cells (chi bộ trực thuộc) below one grassroots organisation, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellTallies {
    /// Cells below it (at any depth: under sub-committees too).
    pub cells: u32,
    /// Cells whose tallies are entered.
    pub with_tallies: u32,
    /// Members of those cells (the tree's counts), all cells.
    pub cell_members: u64,
    /// The entered cells' tallies, summed.
    pub sum: Tallies,
}

impl CellTallies {
    /// Count one cell below the grassroots organisation.
    pub fn add(&mut self, members: u32, tallies: Option<&Tallies>) {
        self.cells += 1;
        self.cell_members += members as u64;
        if let Some(t) = tallies {
            self.with_tallies += 1;
            self.sum.add(t);
        }
    }

    /// Whether every cell has its tallies.
    pub fn complete(&self) -> bool {
        self.cells > 0 && self.with_tallies == self.cells
    }

    /// The tallies that count for the organisation: its own, or else its cells' sum.
    pub fn effective(&self, own: Option<&Tallies>) -> Option<Tallies> {
        own.copied().or((self.with_tallies > 0).then_some(self.sum))
    }

    /// Own tallies that differ from the cells' sum when every member of the
    /// organisation (`total_members`) sits in a cell and every cell has tallies.
    pub fn mismatch(&self, own: Option<&Tallies>, total_members: u32) -> Option<(Tallies, Tallies)> {
        let own = own?;
        (self.complete() && self.cell_members == total_members as u64 && *own != self.sum).then_some((*own, self.sum))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(a: u32, b: u32, c: u32, d: u32, e: u32) -> Tallies {
        Tallies {
            htxs: a,
            htt: b,
            ht: c,
            kht: d,
            not_rated: e,
            not_rated_by: None,
        }
    }

    #[test]
    fn own_first_then_cells() {
        let mut c = CellTallies::default();
        assert_eq!(c.effective(None), None);
        c.add(10, Some(&t(1, 8, 1, 0, 0)));
        c.add(10, None);
        assert_eq!(c.effective(None), Some(t(1, 8, 1, 0, 0)));
        assert_eq!(c.effective(Some(&t(2, 15, 3, 0, 0))), Some(t(2, 15, 3, 0, 0)));
        // Not every cell entered: no comparison yet.
        assert_eq!(c.mismatch(Some(&t(2, 15, 3, 0, 0)), 20), None);
        c = CellTallies::default();
        c.add(10, Some(&t(1, 8, 1, 0, 0)));
        c.add(10, Some(&t(1, 7, 2, 0, 0)));
        assert_eq!(c.mismatch(Some(&t(2, 15, 3, 0, 0)), 20), None);
        assert!(c.mismatch(Some(&t(3, 14, 3, 0, 0)), 20).is_some());
        // Members held by the committee itself are in no cell: no comparison.
        assert_eq!(c.mismatch(Some(&t(3, 14, 3, 0, 0)), 25), None);
    }
}
