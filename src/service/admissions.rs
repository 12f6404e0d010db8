//! Admissions reads: the list by organisation, the targets, and the views the
//! Kết nạp and Chỉ tiêu screens render (computed in `domain`).

use super::api::*;
use super::error::Result;
use super::validate;
use super::Service;
use crate::domain::admissions_view::{self, AdmissionInput, PaceBasis};
use crate::domain::credit::{self, Credits};
use crate::domain::{year_end, OrgId};

/// Today by the server's clock (the pace of the current year depends on it).
pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl Service {
    /// The credits of `year` (every month placed in the tree of its decisive day).
    pub(super) fn credits(&mut self, year: i32) -> Result<Credits> {
        self.state.admissions(&self.store, year)?;
        let adm = self.state.admissions_loaded(year).expect("loaded above");
        Ok(Credits::build(&self.state.register, adm, year))
    }

    /// The admissions summary of `year` under `scope` as of `today`.
    pub(super) fn admission_summary(&mut self, year: i32, scope: OrgId, basis: &PaceBasis) -> Result<admissions_view::AdmissionSummary> {
        let tree = self.state.tree(year_end(year), &self.collator);
        let credits = self.credits(year)?;
        let inp = AdmissionInput {
            year,
            register: &self.state.register,
            tree: &tree,
            credits: &credits,
            target: self.state.targets.get(&year),
            pace: basis,
        };
        Ok(admissions_view::summary(&inp, scope))
    }

    pub(super) fn admission_list(&mut self, year: i32, under: Option<&str>) -> Result<Response> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, under)?;
        let is_city = tree.node(scope).is_some_and(|n| n.parent.is_none());
        let credits = self.credits(year)?;
        let reg = &self.state.register;
        let mut rows: Vec<AdmissionRow> = Vec::new();
        let mut credited = std::collections::HashSet::new();
        for r in &credits.rows {
            let months: [u32; 12] = std::array::from_fn(|m| {
                if is_city || r.chain(m).is_some_and(|c| c.contains(&scope)) {
                    r.months[m]
                } else {
                    0
                }
            });
            credited.insert(r.org);
            if months.iter().any(|n| *n > 0) {
                if let Some(o) = reg.get(r.org) {
                    rows.push(AdmissionRow {
                        id: r.org,
                        code: o.code.clone(),
                        name: o.last_name().to_string(),
                        months,
                    });
                }
            }
        }
        // Records with nothing in them are listed where the organisation ended the year.
        if let Some(all) = self.state.admissions_loaded(year) {
            for a in all.values().filter(|a| !credited.contains(&a.org)) {
                if reg.successor_at(a.org, tree.date).is_some_and(|s| tree.is_within(s, scope)) {
                    if let Some(o) = reg.get(a.org) {
                        rows.push(AdmissionRow {
                            id: a.org,
                            code: o.code.clone(),
                            name: o.last_name().to_string(),
                            months: a.months,
                        });
                    }
                }
            }
        }
        rows.sort_by(|a, b| a.code.cmp(&b.code));
        let basis = self.state.pace_basis(&self.store, year, today())?;
        let summary = self.admission_summary(year, scope, &basis)?;
        Ok(Response::Admissions(Box::new(AdmissionList {
            year,
            scope: tree.node(scope).map(|n| n.code.clone()).unwrap_or_default(),
            rows,
            summary,
        })))
    }

    pub(super) fn target_view(&mut self, year: i32) -> Result<Response> {
        let year = validate::year(year)?;
        let root = credit::root_of(&self.state.register);
        Ok(Response::Target(Box::new(admissions_view::target_view(
            &self.state.register,
            root,
            year,
            self.state.targets.get(&year),
        ))))
    }
}
