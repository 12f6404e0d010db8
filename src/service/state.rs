//! The in-memory copy of the store the service answers from. Only the service
//! changes it, after the store has committed and flushed the same change.

use crate::domain::admissions_view::PaceBasis;
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

#[derive(Default)]
pub struct State {
    pub register: Register,
    /// Classifications by year, loaded on first use.
    classes: HashMap<i32, IdMap<Classification>>,
    /// Admissions by year, loaded on first use.
    admissions: HashMap<i32, IdMap<Admissions>>,
    pub targets: BTreeMap<i32, Target>,
    pub settings: RuleSettings,
    /// Trees by date, siblings sorted; dropped whenever the register changes.
    trees: HashMap<NaiveDate, Arc<Tree>>,
    /// Case files, loaded on first use.
    pub cases: super::cases::CaseState,
}

impl State {
    pub fn from_loaded(l: Loaded) -> State {
        let mut s = State::default();
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
        let mut t = self.register.tree_at(date);
        t.sort_children(collator);
        let t = Arc::new(t);
        self.trees.insert(date, t.clone());
        t
    }

    pub fn register_changed(&mut self) {
        self.trees.clear();
        self.cases.orgs_changed();
    }

    pub fn classes(&mut self, store: &Store, year: i32) -> crate::store::Result<&IdMap<Classification>> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.classes.entry(year) {
            e.insert(store.classes_of_year(year)?);
        }
        Ok(&self.classes[&year])
    }

    pub fn admissions(&mut self, store: &Store, year: i32) -> crate::store::Result<&IdMap<Admissions>> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.admissions.entry(year) {
            e.insert(store.admissions_of_year(year)?);
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

    /// A year's classifications and admissions (each loaded on first use).
    pub fn classes_and_admissions(
        &mut self,
        store: &Store,
        year: i32,
    ) -> crate::store::Result<(&IdMap<Classification>, &IdMap<Admissions>)> {
        self.classes(store, year)?;
        self.admissions(store, year)?;
        Ok((&self.classes[&year], &self.admissions[&year]))
    }

    pub fn admissions_loaded(&self, year: i32) -> Option<&IdMap<Admissions>> {
        self.admissions.get(&year)
    }

    /// Record a committed admissions value in memory (its year is loaded first).
    pub fn put_admissions(&mut self, store: &Store, a: Admissions) -> crate::store::Result<()> {
        self.admissions(store, a.year)?;
        self.admissions.get_mut(&a.year).expect("loaded").insert(a.org, a);
        Ok(())
    }

    pub fn loaded_classes_mut(&mut self, year: i32) -> Option<&mut IdMap<Classification>> {
        self.classes.get_mut(&year)
    }

    /// How far `year` has gone on `today`, and for the current year the
    /// monthly shape of the earlier years (see `domain::pace`).
    pub fn pace_basis(&mut self, store: &Store, year: i32, today: NaiveDate) -> crate::store::Result<PaceBasis> {
        let months_done = pace::months_done(year, today);
        let current = months_done < 12 && year == today.year();
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
        let basis = self.pace_basis(store, year, today)?;
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
        };
        Ok(report::compute(&data, scope))
    }
}
