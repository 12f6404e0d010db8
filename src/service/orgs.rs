//! Changes to the register: found, rename, move (merge and dissolve are in
//! `orgs_end`, members and code in `orgs_attrs`).

use super::api::{Done, Event, OrgAdd, Response};
use super::error::{Result, ServiceError};
use super::validate::{self, fmt_date};
use super::{json, AuditDraft, Service};
use crate::domain::conflicts::Resolution;
use crate::domain::org::{Change, Org, OrgEvent, OrgId};
use crate::domain::tree::Register;
use crate::domain::OrgKind;
use crate::store::Put;
use chrono::{NaiveDate, Utc};

/// The next free code under `parent` in `reg`: "BD.07" (or "07" under the root).
fn next_code_in(reg: &Register, parent: &Org) -> String {
    let prefix = if parent.kind == OrgKind::City {
        String::new()
    } else {
        format!("{}.", parent.code)
    };
    let used = reg
        .iter()
        .filter_map(|o| o.code.strip_prefix(prefix.as_str()))
        .filter(|rest| !rest.contains('.'))
        .filter_map(|rest| rest.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let mut n = used + 1;
    loop {
        let c = format!("{prefix}{n:02}");
        if reg.by_code(&c).is_none() {
            return c;
        }
        n += 1;
    }
}

/// A change to append to an organisation's history, with what the audit says.
pub(super) struct Appended {
    pub(super) change: Change,
    pub(super) at: NaiveDate,
    pub(super) decision: Option<String>,
    pub(super) action: &'static str,
    pub(super) summary: String,
    /// Other organisations changed in the same action (children moved by a merge).
    pub(super) extra: Vec<Org>,
}

impl Service {
    pub(super) fn event(&self, user: &str, at: NaiveDate, change: Change, decision: Option<String>) -> OrgEvent {
        OrgEvent {
            effective: at,
            change,
            decision,
            recorded: Utc::now(),
            by: user.to_string(),
        }
    }

    /// The puts of an action that changes `changed`: the whole chunk of each
    /// (organisations are stored 64 to a chunk), built from the register with
    /// the changed ones substituted, followed by `more`.
    pub(super) fn org_puts<const N: usize>(&self, changed: &[&Org], more: [Put; N]) -> Vec<Put> {
        let mut puts = Put::org_chunks_with(changed, |id| self.state.register.get(id));
        puts.extend(more);
        puts
    }

    pub(super) fn last_change_by(org: &Org) -> &str {
        org.events.iter().max_by_key(|e| e.recorded).map(|e| e.by.as_str()).unwrap_or("?")
    }

    /// The organisation `code` names, refused if it changed since `base` or did not exist on `at`.
    pub(super) fn changeable(&self, code: &str, base: Option<u64>, at: NaiveDate) -> Result<Org> {
        validate::effective("at", at)?;
        let org = validate::resolve(&self.state.register, "code", code)?.clone();
        Self::check_version(&org, base)?;
        validate::alive(&org, "code", at)?;
        Ok(org)
    }

    pub(super) fn check_version(org: &Org, base: Option<u64>) -> Result<()> {
        let name = org.last_name().to_string();
        validate::version(&org.code, org.version, Self::last_change_by(org), base, &name, &name)
    }

    /// Refuse a change that would end an organisation before changes already dated after it.
    pub(super) fn no_later_events(&self, org: &Org, at: NaiveDate) -> Result<()> {
        if let Some(e) = org.events.iter().find(|e| e.effective > at) {
            return Err(ServiceError::invalid(
                "at",
                fmt_date(at),
                format!(
                    "{} đã có thay đổi ngày {} sau ngày này; không sửa lại lịch sử",
                    org.code,
                    fmt_date(e.effective)
                ),
                format!(
                    "{} has a change dated {} after this date; history is not rewritten",
                    org.code,
                    fmt_date(e.effective)
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn done(&self, seq: u64, org: &Org, vi: String, en: String) -> Result<Response> {
        Ok(Response::Done(Done {
            seq,
            summary_vi: vi,
            summary_en: en,
            code: Some(org.code.clone()),
            version: Some(org.version),
        }))
    }

    pub(super) fn check_parent_kind(parent: &Org, kind: OrgKind, field: &str) -> Result<()> {
        if !parent.kind.allows_child(kind) {
            return Err(ServiceError::invalid(
                field,
                &parent.code,
                format!("{} không thể trực thuộc {}", kind.name_vi(), parent.kind.name_vi()),
                format!("a {} cannot stand under a {}", kind.name_en(), parent.kind.name_en()),
            ));
        }
        Ok(())
    }

    pub(super) fn org_add(&mut self, user: &str, a: OrgAdd, events: &mut Vec<Event>) -> Result<Response> {
        let at = a.at;
        let (org, parent, name) = self.prepare_org(&self.state.register, user, a)?;
        let seq = self.commit(
            user,
            "org.add",
            AuditDraft {
                org: Some(org.code.clone()),
                summary: format!(
                    "found {} '{}' under {} from {}",
                    org.code,
                    name,
                    parent.as_ref().map(|p| p.code.as_str()).unwrap_or("-"),
                    fmt_date(at)
                ),
                after: json(&org),
                ..Default::default()
            },
            &self.org_puts(&[&org], [Put::code(&org.code, org.id)]),
        )?;
        events.push(Event::OrgsChanged {
            ids: std::iter::once(org.id).chain(parent.map(|p| p.id)).collect(),
        });
        self.remember(user, seq, at, vec![(None, org.clone())]);
        self.state.register.put(org.clone());
        self.state.register_changed();
        self.done(
            seq,
            &org,
            format!("Đã thêm {} {}", org.code, name),
            format!("Added {} {}", org.code, name),
        )
    }

    /// Validate a new organisation against `reg` (every rule `OrgAdd` is refused
    /// by) and build it, without writing: the organisation, its parent, its name.
    pub(super) fn prepare_org(&self, reg: &Register, user: &str, a: OrgAdd) -> Result<(Org, Option<Org>, String)> {
        let name = validate::name("name", &a.name)?;
        let founding_ref = validate::optional_text("founding_ref", a.founding_ref)?.unwrap_or_default();
        validate::effective("at", a.at)?;
        if let Some(d) = a.founding_date {
            validate::effective("founding_date", d)?;
        }
        validate::members("members", a.members)?;
        let parent = if a.kind == OrgKind::City {
            if let Some(root) = reg.iter().find(|o| o.kind == OrgKind::City) {
                return Err(ServiceError::invalid(
                    "kind",
                    "city",
                    format!("đã có Đảng bộ Thành phố ({})", root.code),
                    format!("there is already a city committee ({})", root.code),
                ));
            }
            None
        } else {
            let p = validate::resolve(reg, "parent", &a.parent)?.clone();
            validate::alive(&p, "parent", a.at)?;
            Self::check_parent_kind(&p, a.kind, "parent")?;
            Some(p)
        };
        let code = match a.code {
            Some(c) => {
                let c = validate::code("code", &c)?;
                if reg.by_code(&c).is_some() {
                    return Err(ServiceError::invalid(
                        "code",
                        &c,
                        "mã đã có tổ chức khác dùng",
                        "already used by another organisation",
                    ));
                }
                c
            }
            None => match &parent {
                Some(p) => next_code_in(reg, p),
                None => "TP".to_string(),
            },
        };
        let org = Org {
            id: reg.next_id(),
            code,
            kind: a.kind,
            founding_ref,
            founding_date: a.founding_date,
            events: vec![self.event(
                user,
                a.at,
                Change::Found {
                    name: name.clone(),
                    parent: parent.as_ref().map(|p| p.id),
                    members: a.members,
                },
                None,
            )],
            version: 1,
        };
        Ok((org, parent, name))
    }

    /// Append `change` to `org`, commit with audit, update memory.
    pub(super) fn append(&mut self, user: &str, mut org: Org, a: Appended, events: &mut Vec<Event>) -> Result<(u64, Org)> {
        let Appended {
            change,
            at,
            decision,
            action,
            summary,
            extra,
        } = a;
        let before = json(&org);
        org.push_event(self.event(user, at, change, decision));
        let after = json(&org);
        let code = org.code.clone();
        let mut changed = vec![org];
        changed.extend(extra);
        let seq = self.apply_orgs(user, action, (code, summary, before, after, at), changed.clone(), events)?;
        let org = changed.swap_remove(0);
        Ok((seq, org))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn org_rename(
        &mut self,
        user: &str,
        code: &str,
        name: &str,
        at: NaiveDate,
        decision: Option<String>,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let org = self.changeable(code, base, at)?;
        let name = validate::name("name", name)?;
        let decision = validate::optional_text("decision", decision)?;
        let old = org.state_at(at).map(|s| s.name.to_string()).unwrap_or_default();
        if old == name {
            return Err(ServiceError::invalid(
                "name",
                &name,
                "trùng tên hiện tại",
                "is already its name on that date",
            ));
        }
        // A later rename: the new name lasts until then (asked, issue 12 item 10).
        let asked = Self::change_text(("Đổi tên", "rename"), &org, None, at);
        if let Some(r) = self.ask_later(asked, self.later_changes(&org, at, true), vec![Resolution::Keep], self.resolution())? {
            return Ok(r);
        }
        let summary = format!("rename {} '{}' → '{}' from {}", org.code, old, name, fmt_date(at));
        let (seq, org) = self.append(
            user,
            org,
            Appended {
                change: Change::Rename { name: name.clone() },
                at,
                decision,
                action: "org.rename",
                summary,
                extra: vec![],
            },
            events,
        )?;
        self.done(
            seq,
            &org,
            format!("Đã đổi tên {} thành {}", org.code, name),
            format!("Renamed {} to {}", org.code, name),
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn org_move(
        &mut self,
        user: &str,
        code: &str,
        parent: &str,
        at: NaiveDate,
        decision: Option<String>,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let reg = &self.state.register;
        let org = self.changeable(code, base, at)?;
        let target = validate::resolve(reg, "parent", parent)?.clone();
        validate::alive(&target, "parent", at)?;
        Self::check_parent_kind(&target, org.kind, "parent")?;
        if org.state_at(at).and_then(|s| s.parent) == Some(target.id) {
            return Err(ServiceError::invalid(
                "parent",
                &target.code,
                "đã là cấp trên của tổ chức này vào ngày đó",
                "is already its parent on that date",
            ));
        }
        if reg.would_cycle(org.id, target.id, at) {
            return Err(ServiceError::invalid(
                "parent",
                &target.code,
                format!("{} nằm trong {}: chuyển như vậy tạo vòng lặp", target.code, org.code),
                format!("{} lies under {}: the move would make a cycle", target.code, org.code),
            ));
        }
        let decision = validate::optional_text("decision", decision)?;
        // A later move: this parent lasts until then (asked).
        let asked = Self::change_text(("Chuyển", "move"), &org, Some(&target), at);
        if let Some(r) = self.ask_later(
            asked,
            self.later_changes(&org, at, false),
            vec![Resolution::Keep],
            self.resolution(),
        )? {
            return Ok(r);
        }
        let summary = format!("move {} under {} from {}", org.code, target.code, fmt_date(at));
        let (seq, org) = self.append(
            user,
            org,
            Appended {
                change: Change::Move { parent: target.id },
                at,
                decision,
                action: "org.move",
                summary,
                extra: vec![],
            },
            events,
        )?;
        events.push(Event::OrgsChanged { ids: vec![target.id] });
        self.done(
            seq,
            &org,
            format!("Đã chuyển {} về {}", org.code, target.code),
            format!("Moved {} under {}", org.code, target.code),
        )
    }

    /// Organisations whose parent on `at` is `id`.
    pub(super) fn children_at(&self, id: OrgId, at: NaiveDate) -> Vec<Org> {
        self.state
            .register
            .iter()
            .filter(|o| o.state_at(at).is_some_and(|s| s.parent == Some(id)))
            .cloned()
            .collect()
    }

    /// Organisations with a change dated on or after `at` that puts them under `id`.
    pub(super) fn joining_later(&self, id: OrgId, at: NaiveDate) -> Option<&Org> {
        self.state.register.iter().find(|o| {
            o.events.iter().any(|e| {
                e.effective >= at
                    && matches!(e.change, Change::Move { parent } | Change::Found { parent: Some(parent), .. } if parent == id)
            })
        })
    }
}
