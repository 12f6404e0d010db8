//! `CaseList`: the cases matching a query's filters, with their counts and a
//! window of rows, computed from the cases' heads; the last answers are kept.

use super::api::Response;
use super::cases::{org_name_at, parent_walk_date, today};
use super::error::Result;
use super::validate;
use super::Service;
use crate::domain::case::{CaseHead, CaseId, CaseKind, CaseStatus, Form};
use crate::domain::org::OrgId;
use crate::domain::tree::Register;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// `thuky case list`: every filter is optional; rows are windowed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    pub kind: Option<CaseKind>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// Cases of organisations in this subtree (as it stood when the case was opened).
    #[serde(default)]
    pub under: Option<String>,
    /// Only this organisation's cases.
    #[serde(default)]
    pub org: Option<String>,
    /// Opened in this year.
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub offset: usize,
    /// Default 100, at most 10,000.
    #[serde(default)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: CaseId,
    pub kind: CaseKind,
    pub org: OrgId,
    pub org_code: String,
    pub org_name: String,
    pub title: String,
    pub opened: NaiveDate,
    pub due: Option<NaiveDate>,
    pub status: CaseStatus,
    pub overdue: bool,
    pub discipline: Option<Form>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseCounts {
    pub received: usize,
    pub in_progress: usize,
    pub concluded: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseList {
    /// Cases matching the filters (the rows are a window of them).
    pub total: usize,
    pub offset: usize,
    pub counts: CaseCounts,
    pub today: NaiveDate,
    pub rows: Vec<CaseRow>,
}

/// How many `CaseList` answers are kept.
const LISTS_KEPT: usize = 16;

const MAX_LIST: usize = 10_000;

/// Whether `id` lay within `scope` on `date` (walking parents in the register).
pub(super) fn within_at(reg: &Register, id: OrgId, scope: OrgId, date: NaiveDate) -> bool {
    let Some(date) = parent_walk_date(reg, id, date) else {
        return false;
    };
    let mut cur = id;
    for _ in 0..1024 {
        if cur == scope {
            return true;
        }
        match reg.get(cur).and_then(|o| o.state_at(date)).and_then(|s| s.parent) {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Every organisation that was ever below `scope` (in any tree), and `scope`:
/// a quick first test before walking parents on a case's date.
fn ever_within(reg: &Register, scope: OrgId) -> std::collections::HashSet<OrgId> {
    use crate::domain::org::Change;
    let mut kids: crate::domain::IdMap<Vec<OrgId>> = Default::default();
    for o in reg.iter() {
        for e in &o.events {
            match e.change {
                Change::Found { parent: Some(p), .. } | Change::Move { parent: p } => kids.entry(p).or_default().push(o.id),
                _ => {}
            }
        }
    }
    let mut seen = std::collections::HashSet::from([scope]);
    let mut todo = vec![scope];
    while let Some(id) = todo.pop() {
        for k in kids.get(&id).into_iter().flatten() {
            if seen.insert(*k) {
                todo.push(*k);
            }
        }
    }
    seen
}

impl Service {
    pub(super) fn case_list(&mut self, q: CaseQuery) -> Result<Response> {
        let key = serde_json::to_string(&q).unwrap_or_default();
        let now = today();
        if let Some((_, _, kept)) = self.state.cases.lists.iter().find(|(k, day, _)| *k == key && *day == now) {
            return Ok(Response::Cases(kept.clone()));
        }
        let Response::Cases(list) = self.case_list_computed(q)? else {
            unreachable!("case_list_computed answers Cases")
        };
        let lists = &mut self.state.cases.lists;
        lists.retain(|(k, _, _)| *k != key);
        if lists.len() >= LISTS_KEPT {
            lists.remove(0);
        }
        lists.push((key, now, list.clone()));
        Ok(Response::Cases(list))
    }

    fn case_list_computed(&mut self, q: CaseQuery) -> Result<Response> {
        let under = match &q.under {
            Some(code) => Some(validate::resolve(&self.state.register, "under", code)?.id),
            None => None,
        };
        let only = match &q.org {
            Some(code) => Some(validate::resolve(&self.state.register, "org", code)?.id),
            None => None,
        };
        if let Some(y) = q.year {
            validate::year(y)?;
        }
        let limit = q.limit.unwrap_or(100).min(MAX_LIST);
        let now = today();
        self.cases_loaded()?;
        let reg = &self.state.register;
        let all = self.state.cases.loaded.as_ref().expect("loaded");
        // Subtree membership per (organisation, date) is walked once, and only
        // for organisations that were ever below the scope.
        let ever = under.map(|s| ever_within(reg, s));
        let mut inside: HashMap<(OrgId, NaiveDate), bool> = HashMap::new();
        let mut counts = CaseCounts::default();
        let mut matched: Vec<&CaseHead> = Vec::new();
        for c in all.values() {
            if q.kind.is_some_and(|k| k != c.kind)
                || q.status.is_some_and(|s| s != c.status)
                || q.year.is_some_and(|y| y != c.opened.year())
                || only.is_some_and(|o| o != c.org)
            {
                continue;
            }
            let overdue = c.overdue(now);
            if q.overdue && !overdue {
                continue;
            }
            if let (Some(scope), Some(ever)) = (under, &ever) {
                if !ever.contains(&c.org)
                    || !*inside
                        .entry((c.org, c.opened))
                        .or_insert_with(|| within_at(reg, c.org, scope, c.opened))
                {
                    continue;
                }
            }
            match c.status {
                CaseStatus::Received => counts.received += 1,
                CaseStatus::InProgress => counts.in_progress += 1,
                CaseStatus::Concluded => counts.concluded += 1,
            }
            counts.overdue += overdue as usize;
            matched.push(c);
        }
        matched.sort_by(|a, b| b.opened.cmp(&a.opened).then(b.id.cmp(&a.id)));
        let rows = matched
            .iter()
            .skip(q.offset)
            .take(limit)
            .map(|c| CaseRow {
                id: c.id,
                kind: c.kind,
                org: c.org,
                org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
                org_name: org_name_at(reg, c.org, c.opened),
                title: c.title.to_string(),
                opened: c.opened,
                due: c.due,
                status: c.status,
                overdue: c.overdue(now),
                discipline: c.discipline.as_ref().map(|d| d.form),
            })
            .collect();
        Ok(Response::Cases(CaseList {
            total: matched.len(),
            offset: q.offset,
            counts,
            today: now,
            rows,
        }))
    }
}
