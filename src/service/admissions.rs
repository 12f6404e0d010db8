//! Admissions reads: the list by organisation, the targets, and the views the
//! Kết nạp and Chỉ tiêu screens render (computed in `domain`).

use super::api::*;
use super::error::Result;
use super::error::ServiceError;
use super::validate;
use super::Service;
use crate::domain::admissions_grid::{self, GridInput, GridView};
use crate::domain::admissions_view::{self, AdmissionInput, Dashboard, PaceBasis};
use crate::domain::credit::{self, Credits};
use crate::domain::pace;
use crate::domain::{year_end, OrgId};

/// Today by the server's clock (the pace of the current year depends on it).
pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl Service {
    /// The credits of `year` (every month placed in the tree of its decisive day).
    pub(super) fn credits(&mut self, year: i32) -> Result<std::sync::Arc<Credits>> {
        Ok(self.state.credits(&self.store, year)?)
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
        let basis = self.state.pace_basis(&self.store, year, today(), false)?;
        let summary = self.admission_summary(year, scope, &basis)?;
        Ok(Response::AdmissionList(Box::new(AdmissionList {
            year,
            scope: tree.node(scope).map(|n| n.code.clone()).unwrap_or_default(),
            rows,
            summary: Box::new(summary),
        })))
    }

    pub(super) fn target_view(&mut self, year: i32) -> Result<Response> {
        let year = super::targets::plan_year(year)?;
        let units = self.state.units(year);
        Ok(Response::Target(Box::new(admissions_view::target_view_of(
            &self.state.register,
            &units,
            year,
            self.state.targets.get(&year),
        ))))
    }

    pub(super) fn admissions_grid(&mut self, q: &GridQuery) -> Result<Response> {
        let year = validate::year(q.year)?;
        let month = match q.month {
            Some(m) if (1..=12).contains(&m) => m,
            Some(m) => return Err(ServiceError::invalid("month", m, "tháng từ 1 đến 12", "a month is 1 to 12")),
            None => pace::months_done(year, today()).clamp(1, 12),
        };
        let limit = q.limit.unwrap_or(200).min(2_000);
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, q.under.as_deref())?;
        let scope_is_root = tree.node(scope).is_some_and(|n| n.parent.is_none());
        let credits = self.credits(year)?;
        let order = self.state.tree(
            chrono::NaiveDate::from_ymd_opt(year, month, credit::DECISIVE_DAY).expect("valid month"),
            &self.collator,
        );
        let key = (year, month, scope, q.filter.clone().filter(|f| !f.trim().is_empty()));
        let skel = match self.state.grid(&key) {
            Some(s) => s,
            None => {
                let adm = self.state.admissions_loaded(year).expect("loaded by credits");
                let skel = admissions_grid::skeleton(&GridInput {
                    year,
                    month,
                    register: &self.state.register,
                    admissions: adm,
                    credits: &credits,
                    scope,
                    scope_is_root,
                    filter: q.filter.as_deref(),
                    tree: &order,
                    collator: &self.collator,
                });
                self.state.keep_grid(key, skel)
            }
        };
        let by_month = if scope_is_root {
            credits.by_month()
        } else {
            self.state.within(&self.store, year, scope)?
        };
        let total_lines = skel.len();
        let offset = q.offset.min(total_lines);
        let adm = self.state.admissions_loaded(year).expect("loaded by credits");
        let lines = admissions_grid::window(&skel, offset, limit, year, &self.state.register, adm, &credits);
        Ok(Response::AdmissionGrid(Box::new(GridView {
            year,
            month,
            total_lines,
            offset,
            lines,
            total: by_month.iter().sum(),
            by_month,
        })))
    }

    pub(super) fn admissions_dashboard(&mut self, year: i32, under: Option<&str>) -> Result<Response> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, under)?;
        let basis = self.state.pace_basis(&self.store, year, today(), true)?;
        let summary = self.admission_summary(year, scope, &basis)?;
        let node = tree.node(scope).expect("scope in tree");
        Ok(Response::AdmissionDashboard(Box::new(Dashboard {
            year,
            scope_code: node.code.clone(),
            scope_name: node.name.clone(),
            ranked: admissions_view::rank(&summary.by_committee),
            summary,
        })))
    }

    /// `from..=to`, refused when reversed or longer than 30 years.
    pub(super) fn years(from: i32, to: i32) -> Result<std::ops::RangeInclusive<i32>> {
        let (from, to) = (validate::year(from)?, validate::year(to)?);
        Self::span(from, to)
    }

    /// `from..=to` of years already checked, refused when reversed or longer than 30 years.
    fn span(from: i32, to: i32) -> Result<std::ops::RangeInclusive<i32>> {
        if from > to || to - from >= 30 {
            return Err(ServiceError::invalid(
                "to",
                format!("{from}-{to}"),
                "khoảng năm không hợp lệ (từ năm đầu đến năm cuối, tối đa 30 năm)",
                "not a span of years (first to last, at most 30 years)",
            ));
        }
        Ok(from..=to)
    }

    /// Years side by side, `to` up to the end of the current term: years to
    /// come show their plan with no actuals.
    pub(super) fn admissions_term(&mut self, from: i32, to: i32) -> Result<Response> {
        let from = validate::year_in("from", from)?;
        let to = super::targets::plan_year(to).map_err(|mut e| {
            e.field = Some("to".into());
            e
        })?;
        let current = chrono::Datelike::year(&today());
        let mut years = Vec::new();
        for y in Self::span(from, to)? {
            let total: u64 = if y > current {
                0
            } else {
                self.state.admissions(&self.store, y)?.values().map(|a| a.total()).sum()
            };
            years.push((y, total));
        }
        let with_targets: Vec<(i32, u64, Option<&crate::domain::Target>)> =
            years.iter().map(|(y, t)| (*y, *t, self.state.targets.get(y))).collect();
        Ok(Response::AdmissionTerm(admissions_view::term_view(&with_targets, current)))
    }

    /// Admissions of `org`'s whole subtree in `year`, month by month (each
    /// month as the tree stood then, see `domain::credit`).
    pub(super) fn subtree_admissions(&mut self, org: OrgId, year: i32) -> Result<[u64; 12]> {
        // Kept per (year, scope) as rows change: a detail pane per cursor move
        // no longer walks every row of the year.
        Ok(self.state.within(&self.store, year, org)?)
    }
}
