//! Safe reorganisations of the register: the preview of a change (what moves,
//! what ends, checked by the very code that makes the change), moving every
//! child of an organisation at once, a change of kind, and the memory of
//! register changes that `orgs_undo` reverses.

use super::api::{Event, Request, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::validate::{self, fmt_date};
use super::{AuditDraft, Service};
use crate::domain::org::{Change, Ending, Org, OrgId};
use crate::domain::OrgKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How many register changes are kept for undo (all users together).
const KEPT: usize = 256;

/// One register action that may be undone: each organisation it changed,
/// before (None: founded by it) and after.
#[derive(Debug, Clone)]
pub(super) struct Undoable {
    pub(super) seq: u64,
    pub(super) user: String,
    pub(super) at: NaiveDate,
    pub(super) orgs: Vec<(Option<Org>, Org)>,
}

/// The service's memory of register actions (undo) and of a rehearsal (preview).
#[derive(Debug, Default)]
pub struct Reorg {
    rehearsing: bool,
    rehearsed: Option<(NaiveDate, Vec<Org>)>,
    pub(super) recent: VecDeque<Undoable>,
}

/// One organisation in a preview, with what happens to it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PreviewRow {
    pub code: String,
    pub name: String,
    pub vi: String,
    pub en: String,
}

/// What a register change would do, computed by making it without writing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrgPreview {
    /// The request's name ("org_merge", ...).
    pub op: String,
    pub at: NaiveDate,
    /// Organisations that move to another parent (with their whole subtree).
    pub moved: Vec<PreviewRow>,
    /// Members in the moved organisations' subtrees on that date.
    pub members_moved: u64,
    /// Organisations whose life ends.
    pub ended: Vec<PreviewRow>,
    /// Other changes (member counts carried over, names, kinds).
    pub changed: Vec<PreviewRow>,
}

/// How many names a preview line shows before "…".
pub const FIRST_NAMES: usize = 3;

impl OrgPreview {
    /// The preview as lines of text in `lang`; `num` formats a count.
    pub fn lines(&self, lang: crate::domain::Lang, num: &dyn Fn(u64) -> String) -> Vec<String> {
        let vi = lang == crate::domain::Lang::Vi;
        let mut out = Vec::new();
        let names = |rows: &[PreviewRow]| {
            let mut s = rows
                .iter()
                .take(FIRST_NAMES)
                .map(|r| format!("{} {}", r.code, r.name))
                .collect::<Vec<_>>()
                .join("; ");
            if rows.len() > FIRST_NAMES {
                s.push_str("; …");
            }
            s
        };
        if !self.moved.is_empty() {
            out.push(if vi {
                format!(
                    "Chuyển {} tổ chức ({} đảng viên): {}",
                    num(self.moved.len() as u64),
                    num(self.members_moved),
                    names(&self.moved)
                )
            } else {
                format!(
                    "Moves {} organisation{} ({} members): {}",
                    num(self.moved.len() as u64),
                    if self.moved.len() == 1 { "" } else { "s" },
                    num(self.members_moved),
                    names(&self.moved)
                )
            });
        }
        if !self.ended.is_empty() {
            out.push(if vi {
                format!("Kết thúc {} tổ chức: {}", num(self.ended.len() as u64), names(&self.ended))
            } else {
                format!(
                    "Ends {} organisation{}: {}",
                    num(self.ended.len() as u64),
                    if self.ended.len() == 1 { "" } else { "s" },
                    names(&self.ended)
                )
            });
        }
        for r in &self.changed {
            out.push(format!("{} {}: {}", r.code, r.name, if vi { &r.vi } else { &r.en }));
        }
        if out.is_empty() {
            out.push(if vi { "Không thay đổi gì." } else { "Changes nothing." }.to_string());
        }
        out
    }
}

impl Service {
    /// Commit the organisations `changed` (the first is the one the action is
    /// about) in one transaction with its audit entry, update memory, and keep
    /// the action for undo. While rehearsing, nothing is written: the changed
    /// organisations are kept for the preview instead.
    pub(super) fn apply_orgs(
        &mut self,
        user: &str,
        action: &str,
        (code, summary, before, after, at): (String, String, Option<serde_json::Value>, Option<serde_json::Value>, NaiveDate),
        changed: Vec<Org>,
        events: &mut Vec<Event>,
    ) -> Result<u64> {
        if self.reorg.rehearsing {
            self.reorg.rehearsed = Some((at, changed));
            return Ok(0);
        }
        let refs: Vec<&Org> = changed.iter().collect();
        let puts = self.org_puts(&refs, []);
        let seq = self.commit(
            user,
            action,
            AuditDraft {
                org: Some(code),
                summary,
                before,
                after,
                ..Default::default()
            },
            &puts,
        )?;
        events.push(Event::OrgsChanged {
            ids: changed.iter().map(|o| o.id).collect(),
        });
        let pairs = changed
            .iter()
            .map(|o| (self.state.register.get(o.id).cloned(), o.clone()))
            .collect();
        self.remember(user, seq, at, pairs);
        for o in changed {
            self.state.register.put(o);
        }
        self.state.register_changed();
        Ok(seq)
    }

    /// Keep a committed register action for undo.
    pub(super) fn remember(&mut self, user: &str, seq: u64, at: NaiveDate, orgs: Vec<(Option<Org>, Org)>) {
        if self.reorg.recent.len() == KEPT {
            self.reorg.recent.pop_front();
        }
        self.reorg.recent.push_back(Undoable {
            seq,
            user: user.to_string(),
            at,
            orgs,
        });
    }

    /// The codes of the organisations the undo of `seq` would change (for the
    /// check of a clerk's scope); empty when `seq` is not kept.
    pub(super) fn undo_codes(&self, seq: u64) -> Vec<String> {
        self.reorg
            .recent
            .iter()
            .find(|u| u.seq == seq)
            .map(|u| u.orgs.iter().map(|(_, o)| o.code.clone()).collect())
            .unwrap_or_default()
    }

    /// End a preview's rehearsal, whatever happened to it (a panic included):
    /// every request after it writes for real.
    pub(super) fn end_rehearsal(&mut self) {
        self.reorg.rehearsing = false;
        self.reorg.rehearsed = None;
    }

    pub(super) fn org_preview(&mut self, user: &str, change: Request) -> Result<Response> {
        let op = change.op_name();
        // A change sent with the clerk's answer to later records is previewed with it.
        let inner = match &change {
            Request::OrgResolved { change, .. } => change.as_ref(),
            c => c,
        };
        if !matches!(
            inner,
            Request::OrgMerge { .. }
                | Request::OrgDissolve { .. }
                | Request::OrgMove { .. }
                | Request::OrgMoveChildren { .. }
                | Request::OrgSetKind { .. }
                | Request::OrgRename { .. }
                | Request::OrgSetMembers { .. }
        ) {
            return Err(ServiceError::invalid(
                "change",
                &op,
                "chỉ xem trước được thay đổi sổ tổ chức (hợp nhất, giải thể, chuyển, đổi tên, đổi loại, số đảng viên)",
                "only register changes can be previewed (merge, dissolve, move, rename, kind, members)",
            ));
        }
        validate::request(&change.meta())?;
        self.authorize(user, &change)?;
        self.reorg.rehearsing = true;
        self.reorg.rehearsed = None;
        let result = self.dispatch(user, change, &mut Vec::new());
        self.reorg.rehearsing = false;
        // A change dated before later records asks first, in a preview too.
        if let Ok(Response::Conflicts(c)) = result {
            self.reorg.rehearsed = None;
            return Ok(Response::Conflicts(c));
        }
        result?;
        let (at, changed) = self
            .reorg
            .rehearsed
            .take()
            .ok_or_else(|| ServiceError::new(ErrorKind::Internal, "không xem trước được", "the change could not be previewed"))?;
        Ok(Response::OrgPreview(Box::new(self.preview_of(op, at, &changed))))
    }

    /// Compare the organisations `changed` with the register on `at`.
    fn preview_of(&self, op: String, at: NaiveDate, changed: &[Org]) -> OrgPreview {
        let reg = &self.state.register;
        let tree = reg.tree_at(at);
        let code_of = |id: Option<OrgId>| id.and_then(|i| reg.get(i)).map(|o| o.code.clone()).unwrap_or_else(|| "-".into());
        let mut p = OrgPreview {
            op,
            at,
            moved: Vec::new(),
            members_moved: 0,
            ended: Vec::new(),
            changed: Vec::new(),
        };
        for after in changed {
            let Some(before) = reg.get(after.id) else { continue };
            let (sb, sa) = (before.state_at(at), after.state_at(at));
            let row = |vi: String, en: String| PreviewRow {
                code: after.code.clone(),
                name: sb.as_ref().or(sa.as_ref()).map(|s| s.name.to_string()).unwrap_or_default(),
                vi,
                en,
            };
            match (&sb, &sa) {
                (Some(_), None) => {
                    let (vi, en) = match after.ending() {
                        Some(Ending::Merged(_, t)) => (
                            format!("hợp nhất vào {}", code_of(Some(t))),
                            format!("merged into {}", code_of(Some(t))),
                        ),
                        _ => ("giải thể".to_string(), "dissolved".to_string()),
                    };
                    p.ended.push(row(vi, en));
                }
                (None, Some(_)) => p.changed.push(row("khôi phục".into(), "reinstated".into())),
                (Some(b), Some(a)) => {
                    if b.parent != a.parent {
                        p.members_moved += tree.node(after.id).map(|n| n.total_members as u64).unwrap_or(0);
                        p.moved.push(row(
                            format!("{} → {}", code_of(b.parent), code_of(a.parent)),
                            format!("{} → {}", code_of(b.parent), code_of(a.parent)),
                        ));
                    }
                    if b.members != a.members {
                        p.changed.push(row(
                            format!("{} → {} đảng viên", b.members, a.members),
                            format!("{} → {} members", b.members, a.members),
                        ));
                    }
                    if b.name != a.name {
                        p.changed.push(row(format!("tên → {}", a.name), format!("name → {}", a.name)));
                    }
                    if before.kind != after.kind {
                        p.changed.push(row(
                            format!("{} → {}", before.kind.name_vi(), after.kind.name_vi()),
                            format!("{} → {}", before.kind.name_en(), after.kind.name_en()),
                        ));
                    }
                }
                (None, None) => {}
            }
        }
        p
    }

    pub(super) fn org_move_children(
        &mut self,
        user: &str,
        code: &str,
        parent: &str,
        (at, decision): (NaiveDate, Option<String>),
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let org = self.changeable(code, base, at)?;
        let target = validate::resolve(&self.state.register, "parent", parent)?.clone();
        validate::alive(&target, "parent", at)?;
        if target.id == org.id {
            return Err(ServiceError::invalid(
                "parent",
                &target.code,
                "là chính tổ chức có các tổ chức trực thuộc",
                "is the organisation the children stand under",
            ));
        }
        let decision = validate::optional_text("decision", decision)?;
        let children = self.children_at(org.id, at);
        if children.is_empty() {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!("không có tổ chức trực thuộc vào ngày {}", fmt_date(at)),
                format!("has no organisations under it on {}", fmt_date(at)),
            ));
        }
        let tree = self.state.register.tree_at(at);
        let mut moved = Vec::with_capacity(children.len());
        for mut child in children {
            Self::check_parent_kind(&target, child.kind, "parent")?;
            if tree.is_within(target.id, child.id) || self.state.register.would_cycle(child.id, target.id, at) {
                return Err(ServiceError::invalid(
                    "parent",
                    &target.code,
                    format!("{} nằm trong {}: chuyển như vậy tạo vòng lặp", target.code, child.code),
                    format!("{} lies under {}: the move would make a cycle", target.code, child.code),
                ));
            }
            child.push_event(self.event(user, at, Change::Move { parent: target.id }, decision.clone()));
            moved.push(child);
        }
        let n = moved.len();
        let codes: Vec<&str> = moved.iter().map(|o| o.code.as_str()).collect();
        let summary = format!(
            "move the {n} organisations under {} to {} from {}: {}",
            org.code,
            target.code,
            fmt_date(at),
            codes.join(", ")
        );
        let before: Vec<&Org> = moved.iter().filter_map(|o| self.state.register.get(o.id)).collect();
        let (before, after) = (super::json(&before), super::json(&moved));
        let seq = self.apply_orgs(
            user,
            "org.move_children",
            (org.code.clone(), summary, before, after, at),
            moved,
            events,
        )?;
        events.push(Event::OrgsChanged {
            ids: vec![org.id, target.id],
        });
        self.done(
            seq,
            &org,
            format!("Đã chuyển {n} tổ chức trực thuộc {} về {}", org.code, target.code),
            format!("Moved the {n} organisations under {} to {}", org.code, target.code),
        )
    }

    pub(super) fn org_set_kind(
        &mut self,
        user: &str,
        code: &str,
        kind: OrgKind,
        (at, decision): (NaiveDate, Option<String>),
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let mut org = self.changeable(code, base, at)?;
        if org.kind == kind {
            return Err(ServiceError::invalid("kind", kind.snake(), "đã là loại này", "is already its kind"));
        }
        if org.kind == OrgKind::City || kind == OrgKind::City {
            return Err(ServiceError::invalid(
                "kind",
                kind.snake(),
                "Đảng bộ Thành phố là gốc của sổ; không đổi loại sang hoặc từ nó",
                "the city committee is the register's root; no kind changes to or from it",
            ));
        }
        if let Some(e) = org
            .events
            .iter()
            .find(|e| e.effective > at && matches!(e.change, Change::SetKind { .. }))
        {
            return Err(ServiceError::invalid(
                "at",
                fmt_date(at),
                format!(
                    "{} đã đổi loại ngày {} sau ngày này; không sửa lại lịch sử",
                    org.code,
                    fmt_date(e.effective)
                ),
                format!(
                    "{} has a change of kind dated {} after this date; history is not rewritten",
                    org.code,
                    fmt_date(e.effective)
                ),
            ));
        }
        let decision = validate::optional_text("decision", decision)?;
        if let Some(parent) = org.state_at(at).and_then(|s| s.parent).and_then(|p| self.state.register.get(p)) {
            Self::check_parent_kind(parent, kind, "kind")?;
        }
        if let Some(child) = self.children_at(org.id, at).into_iter().find(|c| !kind.allows_child(c.kind)) {
            return Err(ServiceError::invalid(
                "kind",
                kind.snake(),
                format!("{} ({}) không thể trực thuộc {}", child.code, child.kind.name_vi(), kind.name_vi()),
                format!(
                    "{} (a {}) cannot stand under a {}",
                    child.code,
                    child.kind.name_en(),
                    kind.name_en()
                ),
            ));
        }
        let before = super::json(&org);
        let old = org.kind;
        org.kind = kind;
        org.push_event(self.event(user, at, Change::SetKind { kind, from: old }, decision));
        let summary = format!("kind of {} {} → {} from {}", org.code, old.snake(), kind.snake(), fmt_date(at));
        let after = super::json(&org);
        let seq = self.apply_orgs(
            user,
            "org.kind",
            (org.code.clone(), summary, before, after, at),
            vec![org.clone()],
            events,
        )?;
        self.done(
            seq,
            &org,
            format!("{}: {} → {} từ {}", org.code, old.name_vi(), kind.name_vi(), fmt_date(at)),
            format!("{}: {} → {} from {}", org.code, old.name_en(), kind.name_en(), fmt_date(at)),
        )
    }
}
