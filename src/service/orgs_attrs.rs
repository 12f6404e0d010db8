//! An organisation's member count and its code.

use super::api::{Event, Response};
use super::error::{Result, ServiceError};
use super::orgs::Appended;
use super::validate::{self, fmt_date};
use super::{json, AuditDraft, Service};
use crate::domain::conflicts::Resolution;
use crate::domain::org::Change;
use crate::store::Put;
use chrono::NaiveDate;

impl Service {
    pub(super) fn org_set_members(
        &mut self,
        user: &str,
        code: &str,
        (members, probationary): (u32, Option<u32>),
        at: NaiveDate,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let org = self.changeable(code, base, at)?;
        validate::members("members", members)?;
        if let Some(p) = probationary.filter(|p| *p > members) {
            return Err(ServiceError::invalid(
                "probationary",
                p,
                format!("số đảng viên dự bị vượt tổng số đảng viên {members}"),
                format!("more probationary members than the {members} members in all"),
            ));
        }
        // A later count overrides this one; tallies kept for the years it
        // holds may no longer add up to it (asked).
        let asked = Self::change_text(("Số đảng viên", "members"), &org, None, at);
        if let Some(r) = self.ask_later(
            asked,
            self.after_count(&org, at, members)?,
            vec![Resolution::Keep],
            self.resolution(),
        )? {
            return Ok(r);
        }
        let split = probationary
            .map(|p| format!(" ({} full, {p} probationary)", members - p))
            .unwrap_or_default();
        let summary = format!("members of {} = {}{split} from {}", org.code, members, fmt_date(at));
        let (seq, org) = self.append(
            user,
            org,
            Appended {
                change: Change::SetMembers { members, probationary },
                at,
                decision: None,
                action: "org.members",
                summary,
                extra: vec![],
            },
            events,
        )?;
        self.done(
            seq,
            &org,
            format!("{}: {} đảng viên từ {}", org.code, members, fmt_date(at)),
            format!("{}: {} members from {}", org.code, members, fmt_date(at)),
        )
    }

    pub(super) fn org_set_code(
        &mut self,
        user: &str,
        code: &str,
        new_code: &str,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let mut org = validate::resolve(&self.state.register, "code", code)?.clone();
        Self::check_version(&org, base)?;
        let new_code = validate::code("new_code", new_code)?;
        if let Some(other) = self.state.register.by_code(&new_code) {
            if other.id != org.id {
                return Err(ServiceError::invalid(
                    "new_code",
                    &new_code,
                    format!("mã đã dùng cho {}", other.last_name()),
                    format!("already used by {}", other.last_name()),
                ));
            }
            return Err(ServiceError::invalid(
                "new_code",
                &new_code,
                "trùng mã hiện tại",
                "is already its code",
            ));
        }
        let before = json(&org);
        let old = std::mem::replace(&mut org.code, new_code.clone());
        org.version += 1;
        let seq = self.commit(
            user,
            "org.code",
            AuditDraft {
                org: Some(new_code.clone()),
                summary: format!("code {old} → {new_code}"),
                before,
                after: json(&org),
                ..Default::default()
            },
            &self.org_puts(&[&org], [Put::remove_code(&old), Put::code(&new_code, org.id)]),
        )?;
        events.push(Event::OrgsChanged { ids: vec![org.id] });
        self.state.register.put(org.clone());
        self.state.register_changed();
        self.done(
            seq,
            &org,
            format!("Đã đổi mã {old} thành {new_code}"),
            format!("Code {old} changed to {new_code}"),
        )
    }
}
