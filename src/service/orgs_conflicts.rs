//! Backdated register changes that meet later records (issue 12 item 10):
//! found here, answered with `Response::Conflicts` (nothing written), and
//! accepted again when sent inside `Request::OrgResolved` with the clerk's
//! answer. The rules per kind of change are in `domain::conflicts`.

use super::api::{Event, Request, Response};
use super::error::{Result, ServiceError};
use super::validate::fmt_date;
use super::Service;
use crate::domain::conflicts::{self, Conflicts, LaterRecord, Resolution};
use crate::domain::org::{Change, Org, OrgId};
use crate::domain::{year_end, LAST_YEAR};
use chrono::{Datelike, NaiveDate};

impl Service {
    /// A register change with the clerk's answer to the later records it meets.
    pub(super) fn org_resolved(
        &mut self,
        user: &str,
        resolution: Resolution,
        change: Request,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let fits = matches!(
            change,
            Request::OrgRename { .. }
                | Request::OrgMove { .. }
                | Request::OrgMerge { .. }
                | Request::OrgDissolve { .. }
                | Request::OrgSetMembers { .. }
        );
        if !fits {
            return Err(ServiceError::invalid(
                "change",
                "-",
                "chỉ đổi tên, chuyển, hợp nhất, giải thể hay số đảng viên mới nhận câu trả lời về số liệu sau ngày thay đổi",
                "only a rename, move, merge, dissolution or member count takes an answer about later records",
            ));
        }
        self.resolution = Some(resolution);
        let r = self.dispatch(user, change, events);
        self.resolution = None;
        r
    }

    /// None: write the change (nothing later, or the clerk's answer is one of
    /// `choices`); Some: the list to ask about, nothing written.
    pub(super) fn ask_later(
        &self,
        change: (String, String),
        records: Vec<LaterRecord>,
        choices: Vec<Resolution>,
        answer: Option<Resolution>,
    ) -> Result<Option<Response>> {
        if records.is_empty() {
            return Ok(None);
        }
        match answer {
            Some(r) if choices.contains(&r) => Ok(None),
            Some(r) => Err(ServiceError::invalid(
                "resolution",
                format!("{r:?}").to_lowercase(),
                "không áp dụng cho thay đổi này",
                "does not apply to this change",
            )),
            None => Ok(Some(Response::Conflicts(Box::new(Conflicts {
                change_vi: change.0,
                change_en: change.1,
                records,
                choices,
            })))),
        }
    }

    /// The clerk's answer, if the change came with one.
    pub(super) fn resolution(&self) -> Option<Resolution> {
        self.resolution
    }

    fn code_name(&self, id: OrgId) -> String {
        self.state
            .register
            .get(id)
            .map(|o| format!("{} {}", o.code, o.last_name()))
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// The last year records may be kept for.
    fn last_record_year(&self) -> Result<i32> {
        let classified = self.store.class_years()?.into_iter().max().unwrap_or(0);
        let now = chrono::Utc::now().year() + 1;
        Ok(classified.max(now).min(LAST_YEAR))
    }

    /// Records of `org` an ending (merge, dissolution) on `at` leaves behind:
    /// classifications of years it no longer lives in, admissions of months
    /// from `at` on.
    pub(super) fn after_ending(&self, org: &Org, at: NaiveDate) -> Result<Vec<LaterRecord>> {
        let mut out = Vec::new();
        for y in at.year()..=self.last_record_year()? {
            if y >= conflicts::first_year_gone(at) {
                if let Some(c) = self.state.class_of(&self.store, y, org.id)? {
                    out.push(conflicts::orphan_classification(org, &c));
                }
            }
            if let Some(a) = self.state.admissions_of(&self.store, y, org.id)? {
                out.extend(conflicts::later_admissions(org, &a, at));
            }
        }
        Ok(out)
    }

    /// Later renames (`renames`) or moves of `org`.
    pub(super) fn later_changes(&self, org: &Org, at: NaiveDate, renames: bool) -> Vec<LaterRecord> {
        conflicts::later_changes(org, at, renames, |id| self.code_name(id))
    }

    /// What a member count `members` set on `at` meets: the later counts
    /// (this one lasts until the first), and the classifications of the
    /// years it holds at the year's end whose members' tallies no longer add
    /// up to it, where the organisation holds its members directly.
    pub(super) fn after_count(&self, org: &Org, at: NaiveDate, members: u32) -> Result<Vec<LaterRecord>> {
        let mut out = conflicts::later_counts(org, at);
        let until = out.first().map(|r| r.date);
        for y in at.year()..=self.last_record_year()? {
            let end = year_end(y);
            if until.is_some_and(|u| u <= end) || !org.alive_at(end) {
                break;
            }
            let leaf = !self
                .state
                .register
                .iter()
                .any(|o| o.state_at(end).is_some_and(|s| s.parent == Some(org.id)));
            if !leaf {
                continue;
            }
            if let Some(c) = self.state.class_of(&self.store, y, org.id)? {
                out.extend(conflicts::tallies_off(org, &c, members));
            }
        }
        Ok(out)
    }

    /// For a merge adding `own` members to `target` on `at` with the clerk's
    /// answer `AddMembers`: each later member count of the target again on
    /// its own date with the merged members added (the earlier record stays
    /// in the history; the new one, recorded after it, holds).
    pub(super) fn add_to_later_counts(
        &self,
        user: &str,
        target: &mut Org,
        at: NaiveDate,
        own: (u32, Option<u32>),
        decision: &Option<String>,
    ) -> usize {
        let later: Vec<(NaiveDate, u32, Option<u32>)> = target
            .events
            .iter()
            .filter(|e| e.effective > at)
            .filter_map(|e| match e.change {
                Change::SetMembers { members, probationary } => Some((e.effective, members, probationary)),
                _ => None,
            })
            .collect();
        for (day, members, probationary) in &later {
            let change = Change::SetMembers {
                members: members + own.0,
                probationary: probationary.zip(own.1).map(|(a, b)| a + b),
            };
            target.push_event(self.event(user, *day, change, decision.clone()));
        }
        later.len()
    }

    /// "Hợp nhất BD.02 → BD.01 (20/12/2025)" and the like, in both languages, for the question.
    pub(super) fn change_text(what: (&str, &str), org: &Org, to: Option<&Org>, at: NaiveDate) -> (String, String) {
        let tail = match to {
            Some(t) => format!("{} → {} ({})", org.code, t.code, fmt_date(at)),
            None => format!("{} ({})", org.code, fmt_date(at)),
        };
        (format!("{} {tail}", what.0), format!("{} {tail}", what.1))
    }
}
