//! The end of an organisation: merged into another, or dissolved.

use super::api::{Event, Response};
use super::error::{Result, ServiceError};
use super::orgs::Appended;
use super::validate::{self, fmt_date};
use super::Service;
use crate::domain::conflicts::{self, Resolution};
use crate::domain::org::Change;
use crate::domain::OrgKind;
use chrono::NaiveDate;

impl Service {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn org_merge(
        &mut self,
        user: &str,
        code: &str,
        into: &str,
        (at, later_counts_include): (NaiveDate, bool),
        decision: Option<String>,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let reg = &self.state.register;
        let org = self.changeable(code, base, at)?;
        let target = validate::resolve(reg, "into", into)?.clone();
        validate::alive(&target, "into", at)?;
        if target.id == org.id {
            return Err(ServiceError::invalid(
                "into",
                &target.code,
                "không thể hợp nhất một tổ chức vào chính nó",
                "cannot merge an organisation into itself",
            ));
        }
        if target.kind != org.kind {
            return Err(ServiceError::invalid(
                "into",
                &target.code,
                format!(
                    "chỉ hợp nhất tổ chức cùng loại ({} ≠ {})",
                    org.kind.name_vi(),
                    target.kind.name_vi()
                ),
                format!(
                    "only organisations of the same kind merge ({} ≠ {})",
                    org.kind.name_en(),
                    target.kind.name_en()
                ),
            ));
        }
        if self.state.register.tree_at(at).is_within(target.id, org.id) {
            return Err(ServiceError::invalid(
                "into",
                &target.code,
                format!("{} nằm trong {}", target.code, org.code),
                format!("{} lies under {}", target.code, org.code),
            ));
        }
        self.no_later_events(&org, at)?;
        if let Some(o) = self.joining_later(org.id, at) {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!("{} được chuyển vào tổ chức này sau ngày đó", o.code),
                format!("{} is moved under it on or after that date", o.code),
            ));
        }
        let decision = validate::optional_text("decision", decision)?;
        let mut extra = Vec::new();
        for mut child in self.children_at(org.id, at) {
            self.no_later_events(&child, at)?;
            child.push_event(self.event(user, at, Change::Move { parent: target.id }, decision.clone()));
            extra.push(child);
        }
        let moved = extra.len();
        let own = org.state_at(at).map(|s| (s.members, s.probationary)).unwrap_or((0, Some(0)));
        // Members carried into the target on `at` would be silently overridden
        // by a member count the target has recorded later, and the merged
        // organisation's later classifications and admissions would belong to
        // no organisation of the tree: the clerk is asked (domain::conflicts).
        let answer = if later_counts_include {
            Some(Resolution::Keep)
        } else {
            self.resolution()
        };
        let mut later = if own.0 > 0 {
            conflicts::later_counts(&target, at)
        } else {
            Vec::new()
        };
        let choices = match later.is_empty() {
            true => vec![Resolution::Keep],
            false => vec![Resolution::AddMembers, Resolution::Keep],
        };
        later.extend(self.after_ending(&org, at)?);
        if own.0 > 0 {
            // The target's classifications whose members' tallies no longer
            // add up to its count with the merged members.
            let sum = target.state_at(at).map_or(0, |s| s.members) + own.0;
            let off = self.after_count(&target, at, sum)?;
            later.extend(off.into_iter().filter(|r| r.kind == conflicts::RecordKind::Classification));
        }
        let asked = Self::change_text(("Hợp nhất", "merge"), &org, Some(&target), at);
        if let Some(r) = self.ask_later(asked, later, choices, answer)? {
            return Ok(r);
        }
        let mut added_later = 0;
        if own.0 > 0 {
            let mut t = target.clone();
            let cur = t.state_at(at).map(|s| (s.members, s.probationary)).unwrap_or((0, Some(0)));
            let change = Change::SetMembers {
                members: cur.0 + own.0,
                probationary: cur.1.zip(own.1).map(|(a, b)| a + b),
            };
            t.push_event(self.event(user, at, change, decision.clone()));
            if answer == Some(Resolution::AddMembers) {
                added_later = self.add_to_later_counts(user, &mut t, at, own, &decision);
            }
            extra.push(t);
        }
        let mut summary = format!(
            "merge {} into {} from {} ({} organisations moved, {} members)",
            org.code,
            target.code,
            fmt_date(at),
            moved,
            own.0
        );
        if added_later > 0 {
            summary.push_str(&format!(
                "; {} added to {added_later} later member counts of {}",
                own.0, target.code
            ));
        }
        let (seq, org) = self.append(
            user,
            org,
            Appended {
                change: Change::MergeInto { target: target.id },
                at,
                decision,
                action: "org.merge",
                summary,
                extra,
            },
            events,
        )?;
        self.done(
            seq,
            &org,
            format!(
                "Đã hợp nhất {} vào {} ({} tổ chức trực thuộc chuyển theo)",
                org.code, target.code, moved
            ),
            format!("Merged {} into {} ({} organisations moved with it)", org.code, target.code, moved),
        )
    }

    pub(super) fn org_dissolve(
        &mut self,
        user: &str,
        code: &str,
        at: NaiveDate,
        decision: Option<String>,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let org = self.changeable(code, base, at)?;
        if org.kind == OrgKind::City {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                "không giải thể Đảng bộ Thành phố",
                "the city committee cannot be dissolved",
            ));
        }
        self.no_later_events(&org, at)?;
        let children = self.children_at(org.id, at);
        if let Some(first) = children.first() {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!(
                    "còn {} tổ chức trực thuộc vào ngày {} (ví dụ {}); chuyển hoặc giải thể chúng trước",
                    children.len(),
                    fmt_date(at),
                    first.code
                ),
                format!(
                    "still has {} organisations under it on {} (e.g. {}); move or dissolve them first",
                    children.len(),
                    fmt_date(at),
                    first.code
                ),
            ));
        }
        if let Some(o) = self.joining_later(org.id, at) {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!("{} được chuyển vào tổ chức này sau ngày đó", o.code),
                format!("{} is moved under it on or after that date", o.code),
            ));
        }
        let decision = validate::optional_text("decision", decision)?;
        // Its later classifications and admissions would belong to no organisation (asked).
        let asked = Self::change_text(("Giải thể", "dissolve"), &org, None, at);
        if let Some(r) = self.ask_later(asked, self.after_ending(&org, at)?, vec![Resolution::Keep], self.resolution())? {
            return Ok(r);
        }
        let summary = format!("dissolve {} from {}", org.code, fmt_date(at));
        let (seq, org) = self.append(
            user,
            org,
            Appended {
                change: Change::Dissolve,
                at,
                decision,
                action: "org.dissolve",
                summary,
                extra: vec![],
            },
            events,
        )?;
        self.done(
            seq,
            &org,
            format!("Đã giải thể {} từ {}", org.code, fmt_date(at)),
            format!("Dissolved {} from {}", org.code, fmt_date(at)),
        )
    }
}
