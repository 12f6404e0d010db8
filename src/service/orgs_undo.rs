//! The undo of a register change: an audited reverse change (new events that
//! restore the previous state, history kept), refused with the reason when
//! later records depend on the change.

use super::api::{Event, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::Service;
use crate::domain::org::{Change, Ending, Org, OrgEvent, OrgId};
use chrono::Datelike;

impl Service {
    /// Refuse to undo the founding of `org` once a classification or
    /// admissions have been recorded for it (they would belong to nothing).
    fn no_records_of(&self, org: &Org, seq: u64) -> Result<()> {
        let first = org.founded().year().max(crate::domain::FIRST_YEAR);
        let last = crate::domain::LAST_YEAR.min(chrono::Utc::now().year() + 1);
        for year in first..=last {
            let classified = self.state.class_of(&self.store, year, org.id)?.is_some();
            let admitted = self.state.admissions_of(&self.store, year, org.id)?.is_some();
            if classified || admitted {
                let (vi, en) = if classified {
                    ("xếp loại", "a classification")
                } else {
                    ("số kết nạp", "admissions")
                };
                return Err(ServiceError::invalid(
                    "seq",
                    seq,
                    format!("{} đã có {vi} năm {year}; không hoàn tác việc thành lập", org.code),
                    format!("{} has {en} recorded for {year}; its founding is not undone", org.code),
                ));
            }
        }
        Ok(())
    }

    pub(super) fn org_undo(&mut self, user: &str, seq: u64, events: &mut Vec<Event>) -> Result<Response> {
        let Some(rec) = self.reorg.recent.iter().find(|u| u.seq == seq).cloned() else {
            return Err(ServiceError::invalid(
                "seq",
                seq,
                "không phải thay đổi sổ tổ chức còn hoàn tác được (chỉ thay đổi ghi từ khi máy chủ khởi động)",
                "is not a register change that can still be undone (only changes made since the server started)",
            ));
        };
        if rec.user != user {
            return Err(ServiceError::new(
                ErrorKind::Forbidden,
                format!("thay đổi #{seq} do '{}' ghi; chỉ người ghi mới hoàn tác được", rec.user),
                format!("change #{seq} was made by '{}'; only its author may undo it", rec.user),
            ));
        }
        let reg = &self.state.register;
        let ids: Vec<OrgId> = rec.orgs.iter().map(|(_, o)| o.id).collect();
        let mut reversed = Vec::new();
        for (before, after) in &rec.orgs {
            let Some(now) = reg.get(after.id) else { continue };
            if now.version != after.version {
                let by = Self::last_change_by(now);
                return Err(ServiceError::invalid(
                    "seq",
                    seq,
                    format!("{} đã được {by} thay đổi sau đó; hoàn tác thay đổi đó trước", now.code),
                    format!("{} was changed by {by} since; undo that change first", now.code),
                ));
            }
            let mut org = now.clone();
            let added: Vec<OrgEvent> = after
                .events
                .iter()
                .filter(|e| before.as_ref().is_none_or(|b| !b.events.contains(e)))
                .cloned()
                .collect();
            for e in added.iter().rev() {
                let old = before.as_ref().and_then(|b| b.state_at(e.effective));
                let change = match &e.change {
                    Change::Found { .. } => {
                        // Refused when anything was founded or moved under it since.
                        if let Some(dep) = reg.iter().find(|o| {
                            o.id != org.id
                                && o.events.iter().any(|x| {
                                    matches!(x.change, Change::Found { parent: Some(p), .. } | Change::Move { parent: p } | Change::MergeInto { target: p } if p == org.id)
                                })
                        }) {
                            return Err(ServiceError::invalid(
                                "seq",
                                seq,
                                format!("{} đã được thêm vào {} sau đó", dep.code, org.code),
                                format!("{} was added under {} since", dep.code, org.code),
                            ));
                        }
                        self.no_records_of(&org, seq)?;
                        Change::Dissolve
                    }
                    Change::Rename { .. } => Change::Rename {
                        name: old.map(|s| s.name.to_string()).unwrap_or_default(),
                    },
                    Change::Move { .. } => match old.and_then(|s| s.parent) {
                        Some(parent) => Change::Move { parent },
                        None => continue,
                    },
                    Change::SetMembers { .. } => Change::SetMembers {
                        members: old.as_ref().map(|s| s.members).unwrap_or(0),
                        probationary: old.as_ref().and_then(|s| s.probationary),
                    },
                    Change::MergeInto { .. } | Change::Dissolve => Change::Reinstate,
                    Change::SetKind { .. } => {
                        let kind = before.as_ref().map(|b| b.kind).unwrap_or(org.kind);
                        if let Some(child) = self
                            .children_at(org.id, e.effective)
                            .into_iter()
                            .find(|c| !kind.allows_child(c.kind))
                        {
                            return Err(ServiceError::invalid(
                                "seq",
                                seq,
                                format!("{} ({}) không thể trực thuộc {}", child.code, child.kind.name_vi(), kind.name_vi()),
                                format!(
                                    "{} (a {}) cannot stand under a {}",
                                    child.code,
                                    child.kind.name_en(),
                                    kind.name_en()
                                ),
                            ));
                        }
                        let from = org.kind;
                        org.kind = kind;
                        Change::SetKind { kind, from }
                    }
                    Change::Reinstate => match before.as_ref().and_then(|b| b.ending()) {
                        Some(Ending::Merged(_, target)) => Change::MergeInto { target },
                        _ => Change::Dissolve,
                    },
                };
                org.push_event(self.event(user, e.effective, change, e.decision.clone()));
            }
            reversed.push(org);
        }
        // An organisation put back under a parent must find that parent alive.
        for o in &reversed {
            let Some(parent) = o.state_at(rec.at).and_then(|s| s.parent) else {
                continue;
            };
            if ids.contains(&parent) {
                continue;
            }
            if let Some(p) = reg
                .get(parent)
                .filter(|p| p.ended_on().is_some_and(|end| o.ended_on().is_none_or(|e| end < e)))
            {
                return Err(ServiceError::invalid(
                    "seq",
                    seq,
                    format!("{} đã kết thúc sau đó; {} không trở về dưới nó được", p.code, o.code),
                    format!("{} has ended since; {} cannot go back under it", p.code, o.code),
                ));
            }
        }
        let Some(main) = reversed.first().cloned() else {
            return Err(ServiceError::invalid(
                "seq",
                seq,
                "không còn gì để hoàn tác",
                "nothing is left to undo",
            ));
        };
        let codes: Vec<&str> = reversed.iter().map(|o| o.code.as_str()).collect();
        let summary = format!("undo #{seq}: {}", codes.join(", "));
        let before = super::json(&reg.get(main.id));
        let after = super::json(&main);
        let new_seq = self.apply_orgs(
            user,
            "org.undo",
            (main.code.clone(), summary, before, after, rec.at),
            reversed,
            events,
        )?;
        self.done(
            new_seq,
            &main,
            format!("Đã hoàn tác thay đổi #{seq} ({})", main.code),
            format!("Undid change #{seq} ({})", main.code),
        )
    }
}
