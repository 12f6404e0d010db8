//! Every case kept compactly in memory: its `CaseHead` (what lists, counts,
//! the classification checks and search hits read), loaded from the store on
//! first use one case at a time, and kept after each committed change. The
//! full case (persons, summary, history, …) stays in the store and is read
//! when it is shown or changed.

use super::api::Request;
use super::error::Result;
use super::Service;
use crate::domain::case::{CaseHead, CaseId};
use crate::domain::discipline::{self, Disciplined};
use crate::domain::org::OrgId;

/// The heads of every case, in id order.
#[derive(Debug, Default)]
pub struct CaseHeads {
    heads: Vec<CaseHead>,
}

impl CaseHeads {
    pub fn get(&self, id: &CaseId) -> Option<&CaseHead> {
        self.heads.binary_search_by_key(id, |h| h.id).ok().map(|i| &self.heads[i])
    }

    /// Add a case's head, or replace the one with its id.
    pub fn put(&mut self, head: CaseHead) {
        match self.heads.binary_search_by_key(&head.id, |h| h.id) {
            Ok(i) => self.heads[i] = head,
            Err(i) => self.heads.insert(i, head),
        }
    }

    /// In id order.
    pub fn values(&self) -> std::slice::Iter<'_, CaseHead> {
        self.heads.iter()
    }

    /// The highest case number in use.
    pub fn last_id(&self) -> Option<CaseId> {
        self.heads.last().map(|h| h.id)
    }
}

impl Service {
    /// Every case's head (loaded from the store on first use, one case at a time).
    pub(super) fn cases_loaded(&mut self) -> Result<&CaseHeads> {
        if self.state.cases.loaded.is_none() {
            let started = std::time::Instant::now();
            let mut heads = Vec::new();
            for c in self.store.cases() {
                heads.push(CaseHead::from(&c?));
            }
            heads.shrink_to_fit();
            tracing::debug!(cases = heads.len(), ms = started.elapsed().as_millis() as u64, "cases loaded");
            self.state.cases.loaded = Some(CaseHeads { heads });
        }
        Ok(self.state.cases.loaded.as_ref().expect("loaded"))
    }

    /// Disciplines that count in `year`'s classification.
    pub(super) fn disciplined(&mut self, year: i32) -> Result<Vec<Disciplined>> {
        if let Some(v) = self.state.cases.disciplined.get(&year) {
            return Ok(v.clone());
        }
        let v = discipline::of_year(self.cases_loaded()?.values(), year);
        self.state.cases.disciplined.insert(year, v.clone());
        Ok(v)
    }

    /// Discipline findings of `year` on `ids` (added to the rule checks' findings).
    pub(super) fn discipline_findings(
        &mut self,
        year: i32,
        tree: &crate::domain::Tree,
        ids: &[OrgId],
    ) -> Result<Vec<crate::domain::Finding>> {
        let records = self.disciplined(year)?;
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let classes = self.state.classes(&self.store, year)?;
        Ok(discipline::check(year, tree, classes, &records, ids))
    }

    /// The code of the organisation a case request concerns, for scope checks.
    pub(super) fn case_org_code(&mut self, request: &Request) -> Result<Option<String>> {
        let Request::CaseUpdate(u) = request else { return Ok(None) };
        let org = self.cases_loaded()?.get(&u.id).map(|c| c.org);
        Ok(org.and_then(|o| self.state.register.get(o)).map(|o| o.code.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseKind, CaseStatus};
    use chrono::NaiveDate;

    fn head(id: CaseId, title: &str) -> CaseHead {
        CaseHead {
            id,
            org: 1,
            kind: CaseKind::Inspection,
            status: CaseStatus::Received,
            opened: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
            due: None,
            title: title.into(),
            discipline: None,
        }
    }

    #[test]
    fn heads_stay_in_id_order_and_replace_by_id() {
        let mut h = CaseHeads::default();
        for id in [5, 1, 9, 3] {
            h.put(head(id, "a"));
        }
        h.put(head(3, "b"));
        assert_eq!(h.values().map(|c| c.id).collect::<Vec<_>>(), vec![1, 3, 5, 9]);
        assert_eq!(h.get(&3).map(|c| &*c.title), Some("b"));
        assert_eq!(h.get(&4), None);
        assert_eq!(h.last_id(), Some(9));
    }
}
