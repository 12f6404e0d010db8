//! The Chỉ tiêu reads: one year's indicators for a scope, their trend, and
//! the organisations behind each figure (computed in `domain`). A clerk reads
//! them for their own scope by default and is refused outside it.

use super::api::Response;
use super::error::{ErrorKind, Result, ServiceError};
use super::validate;
use super::Service;
use crate::domain::indicator_orgs::{self, OrgFigure, OrgListInput};
use crate::domain::indicators::{self, IndicatorView};
use crate::domain::tree::Tree;
use crate::domain::{year_end, OrgId};

/// Lines a drill-down sends when the request names no limit, and at most.
const DEFAULT_LIMIT: usize = 500;
const MAX_LIMIT: usize = 5_000;

impl Service {
    /// The scope of an indicator read in `tree`: `under`, or the city; for a
    /// clerk their own scope when none is named, and nothing outside it.
    fn indicator_scope(&mut self, user: &str, tree: &Tree, under: Option<&str>) -> Result<OrgId> {
        let Some((own, own_code)) = self.clerk_scope(user)? else {
            return self.scope(tree, under);
        };
        let scope = match under {
            Some(code) => self.in_tree(tree, "under", code)?,
            None => self.in_tree(tree, "under", &own_code)?,
        };
        if !tree.is_within(scope, own) {
            let code = tree.node(scope).map(|n| n.code.clone()).unwrap_or_default();
            return Err(ServiceError {
                kind: ErrorKind::Forbidden,
                field: Some("under".into()),
                value: Some(code.clone()),
                vi: format!("{code} nằm ngoài phạm vi {own_code} của '{user}'"),
                en: format!("{code} is outside the scope {own_code} of '{user}'"),
            });
        }
        Ok(scope)
    }

    /// One year's indicators; kept until a write touches that year (see
    /// `State::forget_indicators`) or the day changes, so a trend after a
    /// write recomputes only the year written.
    fn indicator_view(&mut self, user: &str, year: i32, under: Option<&str>) -> Result<IndicatorView> {
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.indicator_scope(user, &tree, under)?;
        let day = super::admissions::today();
        if let Some(v) = self.state.indicator(year, scope, day) {
            return Ok(v);
        }
        let report = self.state.report(&self.store, &self.collator, year, scope, day)?;
        let node = tree.node(scope).expect("scope in tree");
        let v = indicators::from_report(&report, &node.code, &node.name);
        self.state.keep_indicator(year, scope, day, v.clone());
        Ok(v)
    }

    pub(super) fn indicators(&mut self, user: &str, year: i32, under: Option<&str>) -> Result<Response> {
        let year = validate::year(year)?;
        Ok(Response::IndicatorList(Box::new(self.indicator_view(user, year, under)?)))
    }

    /// The indicators year by year; a year whose tree does not hold the scope is left out.
    pub(super) fn indicators_trend(&mut self, user: &str, from: i32, to: i32, under: Option<&str>) -> Result<Response> {
        let own_scope = self.clerk_scope(user)?.is_some();
        let mut out = Vec::new();
        for y in Self::years(from, to)? {
            match self.indicator_view(user, y, under) {
                Ok(v) => out.push(v),
                Err(e) if (under.is_some() || own_scope) && e.kind == ErrorKind::Invalid => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(Response::IndicatorTrend(out))
    }

    /// The organisations behind one figure of `year` under the scope.
    pub(super) fn indicator_orgs(
        &mut self,
        user: &str,
        year: i32,
        under: Option<&str>,
        figure: OrgFigure,
        limit: Option<usize>,
    ) -> Result<Response> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.indicator_scope(user, &tree, under)?;
        let day = super::admissions::today();
        let findings = match figure {
            OrgFigure::Findings => self.state.report(&self.store, &self.collator, year, scope, day)?.findings,
            _ => Vec::new(),
        };
        let credits = self.credits(year)?;
        self.state.classes(&self.store, year)?;
        let classes = self.state.classes_loaded(year).expect("loaded");
        let list = indicator_orgs::list(
            &OrgListInput {
                year,
                register: &self.state.register,
                tree: &tree,
                classes,
                credits: &credits,
                findings: &findings,
            },
            scope,
            figure,
            limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT),
        );
        Ok(Response::IndicatorOrgs(Box::new(list)))
    }
}
