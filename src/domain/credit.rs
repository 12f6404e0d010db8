//! Who gets credit for a month's admissions.
//!
//! Admissions are counted per organisation per month (by the date of the
//! decision to admit). Each month's count is credited to the directly
//! subordinate committee (a child of the city committee) the organisation
//! stood under in that month, so that a reorganisation during the year (the
//! districts dissolved on 1/7/2025, a move, a merge) splits the year between
//! the old and the new committee and the committee rows always add up to the
//! year's total.
//!
//! **The day that decides is the 15th of the month.** Only the month of a
//! decision is recorded, not its day, so any single day is an approximation;
//! the middle of the month credits the month to the committee the
//! organisation stood under for the larger part of it (a change dated from the
//! 1st to the 15th moves that month, one dated from the 16th on moves the next
//! month). Reorganisations usually take effect on the 1st (1/7/2025), where
//! the 1st and the 15th agree. The demo data follows the same convention. An
//! organisation founded after the 15th, or ended before it, is placed on the
//! nearest day of that month on which it existed.

use super::admission::Admissions;
use super::org::{Org, OrgId};
use super::tree::Register;
use super::IdMap;
use chrono::NaiveDate;

/// The day of the month whose tree decides where a month's admissions go.
pub const DECISIVE_DAY: u32 = 15;

/// First and last day of `month` (1-12) in `year`.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    Some((first, last))
}

/// The last day on which `org` existed (None while it still exists).
fn last_day(org: &Org) -> Option<NaiveDate> {
    org.ended_on().map(|e| e.pred_opt().unwrap_or(e))
}

/// Whether `org` existed on at least one day of `month`.
pub fn existed_in_month(org: &Org, year: i32, month: u32) -> bool {
    let Some((first, last)) = month_bounds(year, month) else {
        return false;
    };
    org.founded() <= last && org.ended_on().is_none_or(|e| e > first)
}

/// The day that places `org`'s admissions of `month`: the 15th, moved to the
/// nearest day of its life (inside the month whenever it existed in the month).
pub fn decisive_date(org: &Org, year: i32, month: u32) -> Option<NaiveDate> {
    let mid = NaiveDate::from_ymd_opt(year, month, DECISIVE_DAY)?;
    let start = org.founded();
    let end = last_day(org).unwrap_or(NaiveDate::MAX).max(start);
    Some(mid.clamp(start, end))
}

/// `id`, its parent, … up to the top, as they stood on `date`; None when `id`
/// did not exist then. A parent missing on that date ends the chain (the tree
/// of that date treats such an organisation as a root too).
pub fn chain_at(reg: &Register, id: OrgId, date: NaiveDate) -> Option<Vec<OrgId>> {
    let mut out = Vec::with_capacity(6);
    let mut st = reg.get(id)?.state_at(date)?;
    out.push(id);
    while let Some(p) = st.parent {
        if out.len() > 256 || out.contains(&p) {
            break;
        }
        match reg.get(p).and_then(|o| o.state_at(date)) {
            Some(ps) => {
                out.push(p);
                st = ps;
            }
            None => break,
        }
    }
    Some(out)
}

/// The committee a chain (from `chain_at`) credits: the child of the top, or
/// the top itself for the city committee's own admissions.
pub fn unit_of(chain: &[OrgId]) -> Option<OrgId> {
    match chain.len() {
        0 => None,
        1 => Some(chain[0]),
        n => Some(chain[n - 2]),
    }
}

/// One organisation's year, each month placed in the tree of its decisive day.
#[derive(Debug, Clone)]
pub struct CreditRow {
    pub org: OrgId,
    pub months: [u32; 12],
    /// Per month, an index into `chains` (`NONE` for a month with no count or
    /// an organisation that never existed).
    slot: [u8; 12],
    chains: Vec<Vec<OrgId>>,
}

const NONE: u8 = u8::MAX;

impl CreditRow {
    /// Place each month with a count of one record (None when it holds nothing
    /// or its organisation is unknown).
    pub fn place(reg: &Register, a: &Admissions) -> Option<CreditRow> {
        if a.total() == 0 {
            return None;
        }
        let org = reg.get(a.org)?;
        let mut row = CreditRow {
            org: a.org,
            months: a.months,
            slot: [NONE; 12],
            chains: Vec::new(),
        };
        for m in 0..12 {
            if a.months[m] == 0 {
                continue;
            }
            let Some(chain) = decisive_date(org, a.year, m as u32 + 1).and_then(|d| chain_at(reg, a.org, d)) else {
                continue;
            };
            let idx = match row.chains.iter().position(|c| *c == chain) {
                Some(i) => i,
                None => {
                    row.chains.push(chain);
                    row.chains.len() - 1
                }
            };
            row.slot[m] = idx.min(NONE as usize - 1) as u8;
        }
        Some(row)
    }

    /// Where `month` (0-11) is credited: the chain from the organisation up.
    pub fn chain(&self, month: usize) -> Option<&[OrgId]> {
        let s = *self.slot.get(month)?;
        (s != NONE).then(|| self.chains[s as usize].as_slice())
    }

    /// The committee credited with `month` (0-11).
    pub fn unit(&self, month: usize) -> Option<OrgId> {
        self.chain(month).and_then(unit_of)
    }
}

/// A year's admissions with each month placed (see the module's note).
/// The totals by month and by credited committee are kept as rows change, so
/// reading them costs nothing per request.
#[derive(Debug, Clone, Default)]
pub struct Credits {
    pub year: i32,
    pub rows: Vec<CreditRow>,
    /// Every count by month.
    total: [u64; 12],
    /// Counts by credited committee and month (None: could not be placed).
    units: std::collections::BTreeMap<Option<OrgId>, [u64; 12]>,
}

impl Credits {
    /// Place every month with a count of `admissions` (one year's records).
    pub fn build(reg: &Register, admissions: &IdMap<Admissions>, year: i32) -> Credits {
        let mut rows: Vec<CreditRow> = admissions.values().filter_map(|a| CreditRow::place(reg, a)).collect();
        rows.sort_by_key(|r| r.org);
        let mut c = Credits {
            year,
            rows: Vec::new(),
            ..Default::default()
        };
        for r in &rows {
            c.add(r, 1);
        }
        c.rows = rows;
        c
    }

    /// Add (`sign` 1) or take away (-1) one row's counts from the sums.
    fn add(&mut self, r: &CreditRow, sign: i64) {
        for m in 0..12 {
            let n = r.months[m] as u64;
            if n == 0 {
                continue;
            }
            let unit = self.units.entry(r.unit(m)).or_insert([0u64; 12]);
            if sign > 0 {
                self.total[m] += n;
                unit[m] += n;
            } else {
                self.total[m] = self.total[m].saturating_sub(n);
                unit[m] = unit[m].saturating_sub(n);
            }
        }
    }

    /// Replace one organisation's row after its admissions changed (the
    /// register unchanged): what a cached year needs after a write.
    pub fn update(&mut self, reg: &Register, a: &Admissions) {
        let pos = self.rows.binary_search_by_key(&a.org, |r| r.org);
        if let Ok(i) = pos {
            let old = self.rows[i].clone();
            self.add(&old, -1);
        }
        let new = CreditRow::place(reg, a);
        if let Some(row) = &new {
            self.add(row, 1);
        }
        match (pos, new) {
            (Ok(i), Some(row)) => self.rows[i] = row,
            (Ok(i), None) => {
                self.rows.remove(i);
            }
            (Err(i), Some(row)) => self.rows.insert(i, row),
            (Err(_), None) => {}
        }
        self.units.retain(|_, v| v.iter().any(|n| *n > 0));
    }

    /// The year's total by month (every count, placed or not).
    pub fn by_month(&self) -> [u64; 12] {
        self.total
    }

    /// Months credited to organisations standing at or below `scope` then.
    pub fn within(&self, scope: OrgId) -> [u64; 12] {
        let mut out = [0u64; 12];
        for r in &self.rows {
            for (o, n) in out.iter_mut().zip(r.within(scope)) {
                *o += n;
            }
        }
        out
    }

    /// One organisation's months credited at or below `scope` (zeros without a row).
    pub fn row_within(&self, org: OrgId, scope: OrgId) -> [u64; 12] {
        match self.rows.binary_search_by_key(&org, |r| r.org) {
            Ok(i) => self.rows[i].within(scope),
            Err(_) => [0; 12],
        }
    }

    /// Counts by credited committee and month. Counts that could not be placed
    /// (an organisation missing from the register) are under None, so the
    /// rows always add up to `by_month`.
    pub fn by_unit(&self) -> std::collections::BTreeMap<Option<OrgId>, [u64; 12]> {
        self.units.clone()
    }

    /// What was credited to one committee, by month.
    pub fn of_unit(&self, unit: OrgId) -> [u64; 12] {
        self.units.get(&Some(unit)).copied().unwrap_or([0; 12])
    }
}

impl CreditRow {
    /// Its months credited at or below `scope`.
    pub fn within(&self, scope: OrgId) -> [u64; 12] {
        std::array::from_fn(|m| {
            if self.chain(m).is_some_and(|c| c.contains(&scope)) {
                self.months[m] as u64
            } else {
                0
            }
        })
    }
}

/// A directly subordinate committee of a year and the months it stood
/// directly under the city committee (on each month's decisive day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSpan {
    pub id: OrgId,
    pub months: [bool; 12],
}

impl UnitSpan {
    pub fn first_month(&self) -> Option<u32> {
        self.months.iter().position(|m| *m).map(|m| m as u32 + 1)
    }

    pub fn last_month(&self) -> Option<u32> {
        self.months.iter().rposition(|m| *m).map(|m| m as u32 + 1)
    }
}

/// Whether `org` was ever recorded directly under `root`.
fn ever_under(org: &Org, root: OrgId) -> bool {
    use super::org::Change;
    org.events.iter().any(|e| match e.change {
        Change::Found { parent, .. } => parent == Some(root),
        Change::Move { parent } => parent == root,
        _ => false,
    })
}

/// Every organisation that stood directly under `root` in some month of
/// `year`, by id, with those months.
pub fn units_in_year(reg: &Register, root: OrgId, year: i32) -> Vec<UnitSpan> {
    reg.iter()
        // `ever_under` first: it is cheap and leaves only the few ever under `root`.
        .filter(|o| o.id != root && ever_under(o, root) && o.alive_in_year(year))
        .filter_map(|o| {
            let mut months = [false; 12];
            for (m, slot) in months.iter_mut().enumerate() {
                let month = m as u32 + 1;
                if !existed_in_month(o, year, month) {
                    continue;
                }
                *slot = decisive_date(o, year, month)
                    .and_then(|d| o.state_at(d))
                    .is_some_and(|s| s.parent == Some(root));
            }
            months.iter().any(|m| *m).then_some(UnitSpan { id: o.id, months })
        })
        .collect()
}

/// Whether `org` stood directly under `root` in any month of `year`.
pub fn was_unit_in_year(reg: &Register, org: OrgId, root: OrgId, year: i32) -> bool {
    let Some(o) = reg.get(org) else { return false };
    o.id != root
        && ever_under(o, root)
        && o.alive_in_year(year)
        && (1..=12).any(|m| {
            existed_in_month(o, year, m)
                && decisive_date(o, year, m)
                    .and_then(|d| o.state_at(d))
                    .is_some_and(|s| s.parent == Some(root))
        })
}

/// The top of the register (the city committee): the first organisation
/// founded without a parent.
pub fn root_of(reg: &Register) -> Option<OrgId> {
    use super::org::Change;
    reg.iter()
        .find(|o| matches!(o.events.first().map(|e| &e.change), Some(Change::Found { parent: None, .. })))
        .map(|o| o.id)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::org::{Change, OrgEvent};
    use crate::domain::OrgKind;
    use chrono::Utc;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub fn ev(date: NaiveDate, change: Change) -> OrgEvent {
        OrgEvent {
            effective: date,
            change,
            decision: None,
            recorded: Utc::now(),
            by: "test".into(),
        }
    }

    pub fn org(id: OrgId, kind: OrgKind, code: &str, parent: Option<OrgId>, founded: NaiveDate) -> Org {
        Org {
            id,
            code: code.into(),
            kind,
            founding_ref: String::new(),
            founding_date: None,
            events: vec![ev(
                founded,
                Change::Found {
                    name: format!("Tổ chức {code}"),
                    parent,
                    members: 40,
                },
            )],
            version: 1,
        }
    }

    /// The 2025 reorganisation in miniature. City 1; district 2 (dissolved
    /// 1/7/2025) and district 3 (kept all year); ward 4 founded 1/7/2025.
    /// Grassroots 10 moves from district 2 to ward 4 on 1/7; grassroots 11 moves
    /// from district 2 to district 3 on 20/3 (after the 15th: March stays with
    /// 2); grassroots 12 stays under 3; district 2's own admissions are on 2.
    pub fn reorganised() -> Register {
        let mut r = Register::new();
        r.put(org(1, OrgKind::City, "HN", None, d(1930, 2, 3)));
        let mut district = org(2, OrgKind::Superior, "BD", Some(1), d(2000, 1, 1));
        district.push_event(ev(d(2025, 7, 1), Change::Dissolve));
        r.put(district);
        r.put(org(3, OrgKind::Superior, "TH", Some(1), d(2000, 1, 1)));
        r.put(org(4, OrgKind::Superior, "PBD", Some(1), d(2025, 7, 1)));
        let mut g10 = org(10, OrgKind::GrassrootsCommittee, "BD.01", Some(2), d(2001, 1, 1));
        g10.push_event(ev(d(2025, 7, 1), Change::Move { parent: 4 }));
        r.put(g10);
        let mut g11 = org(11, OrgKind::GrassrootsCommittee, "BD.02", Some(2), d(2001, 1, 1));
        g11.push_event(ev(d(2025, 3, 20), Change::Move { parent: 3 }));
        r.put(g11);
        r.put(org(12, OrgKind::GrassrootsCell, "TH.01", Some(3), d(2001, 1, 1)));
        r
    }

    pub fn adm(org: OrgId, year: i32, months: [u32; 12]) -> Admissions {
        Admissions {
            org,
            year,
            months,
            version: 1,
        }
    }

    pub fn year_2025() -> IdMap<Admissions> {
        let mut m = IdMap::default();
        m.insert(10, adm(10, 2025, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
        m.insert(11, adm(11, 2025, [10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 5]));
        m.insert(12, adm(12, 2025, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]));
        m.insert(2, adm(2, 2025, [0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0]));
        m
    }

    #[test]
    fn the_15th_decides_and_short_lives_are_placed_in_their_month() {
        let r = reorganised();
        let g11 = r.get(11).unwrap();
        assert_eq!(decisive_date(g11, 2025, 3), Some(d(2025, 3, 15)));
        assert_eq!(chain_at(&r, 11, d(2025, 3, 15)), Some(vec![11, 2, 1]));
        assert_eq!(chain_at(&r, 11, d(2025, 4, 15)), Some(vec![11, 3, 1]));
        let ward = r.get(4).unwrap();
        assert!(!existed_in_month(ward, 2025, 6));
        assert!(existed_in_month(ward, 2025, 7));
        let mut late = org(20, OrgKind::GrassrootsCell, "X", Some(3), d(2025, 5, 20));
        assert_eq!(decisive_date(&late, 2025, 5), Some(d(2025, 5, 20)));
        late.push_event(ev(d(2025, 9, 3), Change::Dissolve));
        assert_eq!(decisive_date(&late, 2025, 9), Some(d(2025, 9, 2)));
        assert!(existed_in_month(&late, 2025, 9));
        assert!(!existed_in_month(&late, 2025, 10));
    }

    #[test]
    fn months_go_to_the_committee_of_that_month() {
        let r = reorganised();
        let c = Credits::build(&r, &year_2025(), 2025);
        let by = c.by_unit();
        // District 2: grassroots 10 Jan-Jun (21), grassroots 11 Jan-Mar (30), its own June (3).
        assert_eq!(by[&Some(2)], [11, 12, 13, 4, 5, 9, 0, 0, 0, 0, 0, 0]);
        assert_eq!(by[&Some(2)].iter().sum::<u64>(), 21 + 30 + 3);
        // District 3: grassroots 11 from April (10 + 5), grassroots 12 (6).
        assert_eq!(by[&Some(3)], [0, 0, 0, 10, 0, 0, 1, 1, 1, 1, 1, 6]);
        // Ward 4: grassroots 10 from July.
        assert_eq!(by[&Some(4)], [0, 0, 0, 0, 0, 0, 7, 8, 9, 10, 11, 12]);
        let total: u64 = c.by_month().iter().sum();
        assert_eq!(total, 78 + 45 + 6 + 3);
        assert_eq!(by.values().flatten().sum::<u64>(), total);
        assert_eq!(c.within(4).iter().sum::<u64>(), 57);
        assert_eq!(c.within(1).iter().sum::<u64>(), total);
        assert_eq!(c.within(10).iter().sum::<u64>(), 78);
        // Updating one record gives what a rebuild gives.
        let mut all = year_2025();
        let mut cached = c.clone();
        for a in [adm(11, 2025, [0; 12]), adm(12, 2025, [9; 12]), adm(3, 2025, [1; 12])] {
            all.insert(a.org, a.clone());
            cached.update(&r, &a);
        }
        let fresh = Credits::build(&r, &all, 2025);
        assert_eq!(cached.by_unit(), fresh.by_unit());
        assert_eq!(cached.rows.iter().map(|r| r.org).collect::<Vec<_>>(), [2, 3, 10, 12]);
    }

    #[test]
    fn units_of_a_year_with_their_months() {
        let r = reorganised();
        let units = units_in_year(&r, 1, 2025);
        let span = |id| units.iter().find(|u| u.id == id).unwrap().clone();
        assert_eq!(units.len(), 3);
        assert_eq!((span(2).first_month(), span(2).last_month()), (Some(1), Some(6)));
        assert_eq!((span(4).first_month(), span(4).last_month()), (Some(7), Some(12)));
        assert!(span(3).months.iter().all(|m| *m));
        assert!(was_unit_in_year(&r, 2, 1, 2025));
        assert!(!was_unit_in_year(&r, 2, 1, 2026));
        assert!(!was_unit_in_year(&r, 4, 1, 2024));
        assert!(!was_unit_in_year(&r, 10, 1, 2025));
        assert_eq!(root_of(&r), Some(1));
    }
}
