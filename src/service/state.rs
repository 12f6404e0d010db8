//! The in-memory copy of the store the service answers from. Only the service
//! changes it, after the store has committed and flushed the same change.

use super::api::Event;
use crate::domain::admissions_grid::Skel;
use crate::domain::admissions_view::PaceBasis;
use crate::domain::credit::{Credits, UnitSpan};
use crate::domain::indicators::IndicatorView;
use crate::domain::pace;
use crate::domain::report::{self, Report, YearData};
use crate::domain::rules::RuleSettings;
use crate::domain::text::Collator;
use crate::domain::tree::{Register, Tree};
use crate::domain::IdMap;
use crate::domain::{year_end, Admissions, Classification, OrgId, Target};
use crate::store::{Loaded, Store};
use chrono::Datelike;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A year's classifications and admissions, shared with a read off the writer.
pub type YearSnapshot = (Arc<IdMap<Classification>>, Arc<IdMap<Admissions>>);

#[derive(Default)]
pub struct State {
    pub register: Register,
    /// Classifications by year, loaded on first use. Shared (`Arc`) so that a
    /// read running off the writer holds the year as it was; a write then
    /// copies the year only if such a read still holds it (`Arc::make_mut`).
    classes: HashMap<i32, Arc<IdMap<Classification>>>,
    /// Admissions by year, loaded on first use; shared as `classes`.
    admissions: HashMap<i32, Arc<IdMap<Admissions>>>,
    pub targets: BTreeMap<i32, Target>,
    pub settings: RuleSettings,
    /// Trees by date, siblings sorted; dropped whenever the register changes.
    trees: HashMap<NaiveDate, Arc<Tree>>,
    /// Case files, loaded on first use.
    pub cases: super::cases::CaseState,
    /// Admissions placed month by month, by year; dropped whenever the
    /// register changes, a row replaced when admissions change.
    credits: HashMap<i32, Arc<Credits>>,
    /// Indicator views by (year, scope), each with the day it was computed
    /// at: a new day makes it stale, and a write drops the years it touches
    /// (`forget_indicators`).
    indicators: HashMap<(i32, OrgId), (NaiveDate, IndicatorView)>,
    /// Entry grids without their figures by (year, month, scope, filter);
    /// dropped when the register changes or a year gains a record.
    grids: HashMap<GridKey, Arc<Vec<Skel>>>,
    /// Months credited within a scope by (year, scope), kept as rows change.
    within: HashMap<(i32, OrgId), [u64; 12]>,
    /// The committees of each year (see `units`); dropped whenever the register changes.
    units: HashMap<i32, Arc<Vec<UnitSpan>>>,
}

/// (year, month, scope, filter) of a kept grid.
pub type GridKey = (i32, u32, OrgId, Option<String>);

impl State {
    pub fn from_loaded(l: Loaded) -> State {
        let mut s = State::default();
        s.register.reserve(l.orgs.iter().map(|o| o.id as usize + 1).max().unwrap_or(0));
        for o in l.orgs {
            s.register.put(o);
        }
        for t in l.targets {
            s.targets.insert(t.year, t);
        }
        s.settings = l.settings;
        s
    }

    pub fn tree(&mut self, date: NaiveDate, collator: &Collator) -> Arc<Tree> {
        if let Some(t) = self.trees.get(&date) {
            return t.clone();
        }
        if self.trees.len() > 16 {
            self.trees.clear();
        }
        // A kept tree of a day with no change between is this day's too
        // (today's and the year's last day, most often): its nodes are shared
        // (at `--scale large` a tree is ~12 MB).
        let days = self.register.same_tree_days(date);
        let same = self.trees.values().find(|t| days.contains(&t.date));
        if let Some(t) = same.map(|t| Arc::new(t.as_of(date))) {
            self.trees.insert(date, t.clone());
            return t;
        }
        let mut t = self.register.tree_at(date);
        t.sort_children(collator);
        let t = Arc::new(t);
        self.trees.insert(date, t.clone());
        t
    }

    pub fn register_changed(&mut self) {
        self.trees.clear();
        self.cases.orgs_changed();
        self.credits.clear();
        self.grids.clear();
        self.within.clear();
        self.units.clear();
    }

    /// The committees directly under the city in some month of `year`
    /// (`credit::units_in_year`: a walk over the whole register), kept until
    /// the register changes.
    pub fn units(&mut self, year: i32) -> Arc<Vec<UnitSpan>> {
        if let Some(u) = self.units.get(&year) {
            return u.clone();
        }
        let root = crate::domain::credit::root_of(&self.register);
        let u = Arc::new(
            root.map(|r| crate::domain::credit::units_in_year(&self.register, r, year))
                .unwrap_or_default(),
        );
        self.units.insert(year, u.clone());
        u
    }

    /// A kept grid skeleton.
    pub fn grid(&self, key: &GridKey) -> Option<Arc<Vec<Skel>>> {
        self.grids.get(key).cloned()
    }

    pub fn keep_grid(&mut self, key: GridKey, skel: Vec<Skel>) -> Arc<Vec<Skel>> {
        if self.grids.len() > 32 {
            self.grids.clear();
        }
        let skel = Arc::new(skel);
        self.grids.insert(key, skel.clone());
        skel
    }

    /// Months of `year` credited at or below `scope` (kept as rows change).
    pub fn within(&mut self, store: &Store, year: i32, scope: OrgId) -> crate::store::Result<[u64; 12]> {
        if let Some(v) = self.within.get(&(year, scope)) {
            return Ok(*v);
        }
        let v = self.credits(store, year)?.within(scope);
        if self.within.len() > 256 {
            self.within.clear();
        }
        self.within.insert((year, scope), v);
        Ok(v)
    }

    /// A cached indicator view, if nothing of its year was written since and it is the same day.
    pub fn indicator(&self, year: i32, scope: OrgId, today: NaiveDate) -> Option<IndicatorView> {
        self.indicators
            .get(&(year, scope))
            .filter(|(d, _)| *d == today)
            .map(|(_, v)| v.clone())
    }

    pub fn keep_indicator(&mut self, year: i32, scope: OrgId, today: NaiveDate, v: IndicatorView) {
        if self.indicators.len() > 256 {
            self.indicators.clear();
        }
        self.indicators.insert((year, scope), (today, v));
    }

    /// After a write: drop the indicator views of the years its events name
    /// (classifications, admissions, targets of one year), or all of them for
    /// anything else (the register, settings, cases, a reload) and for a write
    /// that reported no event (or failed part way).
    pub fn forget_indicators(&mut self, events: &[Event], ok: bool) {
        let mut years = Vec::new();
        for e in events {
            match e {
                Event::ClassificationChanged { year, .. } | Event::AdmissionsChanged { year, .. } | Event::TargetChanged { year } => {
                    years.push(*year)
                }
                _ => {
                    self.indicators.clear();
                    return;
                }
            }
        }
        if !ok || years.is_empty() {
            self.indicators.clear();
            return;
        }
        self.indicators.retain(|(y, _), _| !years.contains(y));
    }

    /// A year's classifications if loaded (see `classes`).
    pub fn classes_loaded(&self, year: i32) -> Option<&IdMap<Classification>> {
        self.classes.get(&year).map(|m| &**m)
    }

    /// The year's admissions placed month by month (see `domain::credit`).
    pub fn credits(&mut self, store: &Store, year: i32) -> crate::store::Result<Arc<Credits>> {
        if !self.credits.contains_key(&year) {
            self.admissions(store, year)?;
            let c = Credits::build(&self.register, &self.admissions[&year], year);
            self.credits.insert(year, Arc::new(c));
        }
        Ok(self.credits[&year].clone())
    }

    pub fn classes(&mut self, store: &Store, year: i32) -> crate::store::Result<&IdMap<Classification>> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.classes.entry(year) {
            e.insert(Arc::new(store.classes_of_year(year)?));
        }
        Ok(&self.classes[&year])
    }

    /// A year's classifications as a shared snapshot (loaded on first use).
    pub fn classes_shared(&mut self, store: &Store, year: i32) -> crate::store::Result<Arc<IdMap<Classification>>> {
        self.classes(store, year)?;
        Ok(self.classes[&year].clone())
    }

    /// A year's classifications and admissions as shared snapshots, for a read
    /// that runs off the writer (each loaded on first use).
    pub fn year_snapshot(&mut self, store: &Store, year: i32) -> crate::store::Result<YearSnapshot> {
        self.classes(store, year)?;
        self.admissions(store, year)?;
        Ok((self.classes[&year].clone(), self.admissions[&year].clone()))
    }

    pub fn admissions(&mut self, store: &Store, year: i32) -> crate::store::Result<&IdMap<Admissions>> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.admissions.entry(year) {
            e.insert(Arc::new(store.admissions_of_year(year)?));
        }
        Ok(&self.admissions[&year])
    }

    /// One classification: from memory when its year is loaded, else read directly.
    pub fn class_of(&self, store: &Store, year: i32, org: OrgId) -> crate::store::Result<Option<Classification>> {
        match self.classes.get(&year) {
            Some(m) => Ok(m.get(&org).cloned()),
            None => store.class_of(year, org),
        }
    }

    /// One organisation's admissions: from memory when its year is loaded, else read directly.
    pub fn admissions_of(&self, store: &Store, year: i32, org: OrgId) -> crate::store::Result<Option<Admissions>> {
        match self.admissions.get(&year) {
            Some(m) => Ok(m.get(&org).cloned()),
            None => store.admissions_of(year, org),
        }
    }

    pub fn admissions_loaded(&self, year: i32) -> Option<&IdMap<Admissions>> {
        self.admissions.get(&year).map(|m| &**m)
    }

    /// Record a committed admissions value in memory (its year is loaded first).
    pub fn put_admissions(&mut self, store: &Store, a: Admissions) -> crate::store::Result<()> {
        self.admissions(store, a.year)?;
        // A new record may add a row to the year's grids.
        if !self.admissions[&a.year].contains_key(&a.org) {
            self.grids.retain(|k, _| k.0 != a.year);
        }
        match self.credits.get_mut(&a.year) {
            Some(c) => {
                let c = Arc::make_mut(c);
                // The kept scope totals lose the row's old months and gain its new ones.
                for ((y, scope), v) in self.within.iter_mut().filter(|((y, _), _)| *y == a.year) {
                    debug_assert_eq!(*y, a.year);
                    for (o, n) in v.iter_mut().zip(c.row_within(a.org, *scope)) {
                        *o = o.saturating_sub(n);
                    }
                }
                c.update(&self.register, &a);
                for ((_, scope), v) in self.within.iter_mut().filter(|((y, _), _)| *y == a.year) {
                    for (o, n) in v.iter_mut().zip(c.row_within(a.org, *scope)) {
                        *o += n;
                    }
                }
            }
            None => self.within.retain(|(y, _), _| *y != a.year),
        }
        if let Some(m) = self.admissions.get_mut(&a.year) {
            Arc::make_mut(m).insert(a.org, a);
        }
        Ok(())
    }

    pub fn loaded_classes_mut(&mut self, year: i32) -> Option<&mut IdMap<Classification>> {
        self.classes.get_mut(&year).map(Arc::make_mut)
    }

    /// How far `year` has gone on `today`, and for the current year the
    /// monthly shape of the earlier years (see `domain::pace`).
    /// With `always`, the shape and the pace are given for any year (the dashboard).
    pub fn pace_basis(&mut self, store: &Store, year: i32, today: NaiveDate, always: bool) -> crate::store::Result<PaceBasis> {
        let months_done = pace::months_done(year, today);
        let current = always || (months_done < 12 && year == today.year());
        if !current {
            return Ok(PaceBasis {
                months_done,
                ..PaceBasis::finished()
            });
        }
        let mut past = Vec::new();
        for y in (year - 6).max(crate::domain::FIRST_YEAR)..year {
            let mut by_month = [0u64; 12];
            for a in self.admissions(store, y)?.values() {
                for (o, n) in by_month.iter_mut().zip(a.months) {
                    *o += n as u64;
                }
            }
            past.push((y, by_month));
        }
        Ok(PaceBasis {
            shape: pace::Shape::from_history(&past),
            months_done,
            current,
        })
    }

    /// The roll-up for `year` under `scope` as of `today`.
    pub fn report(
        &mut self,
        store: &Store,
        collator: &Collator,
        year: i32,
        scope: OrgId,
        today: NaiveDate,
    ) -> crate::store::Result<Report> {
        let tree = self.tree(year_end(year), collator);
        let basis = self.pace_basis(store, year, today, false)?;
        let credits = self.credits(store, year)?;
        self.classes(store, year)?;
        self.admissions(store, year)?;
        let data = YearData {
            year,
            register: &self.register,
            tree: &tree,
            classes: &self.classes[&year],
            admissions: &self.admissions[&year],
            target: self.targets.get(&year),
            settings: &self.settings,
            pace: Some(&basis),
            credits: Some(&credits),
        };
        Ok(report::compute(&data, scope))
    }
}
