//! Users, roles and scopes, and the permission check made before every request.
//!
//! A user is a system account name (the server learns it from the socket's
//! peer credentials, never from the client). Roles:
//! - admin: everything (users, settings, targets, backup, restore, demo);
//! - clerk: reads everywhere, writes only on organisations within the scope subtree;
//! - viewer: reads only.
//!
//! Bootstrap: while no user is registered, the owner of the data directory is
//! admin. The first `user add` also registers the owner as admin, so adding a
//! clerk never locks the owner out.

use super::api::{Done, Request, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::validate;
use super::{json, AuditDraft, Service};
use crate::domain::{year_end, OrgId};
use crate::store::{decode, Name, Put};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Clerk,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Clerk => "clerk",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "clerk" => Some(Role::Clerk),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    fn name_vi(self) -> &'static str {
        match self {
            Role::Admin => "quản trị",
            Role::Clerk => "văn thư",
            Role::Viewer => "chỉ xem",
        }
    }
}

/// A registered user, stored in the `users` tree under its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    pub name: String,
    pub role: Role,
    /// The code of the organisation whose subtree a clerk may write in.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub added_by: String,
    pub added_at: DateTime<Utc>,
    /// Who changed the record last.
    #[serde(default)]
    pub changed_by: String,
    #[serde(default)]
    pub version: u64,
}

/// How the service decides who may do what.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Check roles before every request. Off for in-process use (the caller
    /// owns the files anyway); the server turns it on.
    pub enforce: bool,
    /// The data directory's owner: admin while no user is registered.
    pub owner: Option<String>,
}

/// The account name of a uid (getpwuid_r), or None if it has no entry.
pub fn user_name_of_uid(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: pwd and result are valid out-pointers, buf is a writable buffer of the given length;
    // pw_name points into buf and is read before buf is dropped.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        Some(std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned())
    }
}

/// The account name owning `dir` ("uid1234" when the uid has no name).
pub fn owner_of(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata(dir).ok()?.uid();
    Some(user_name_of_uid(uid).unwrap_or_else(|| format!("uid{uid}")))
}

/// Account names: 1-32 of a-z, 0-9, '_', '.', '-', not starting with '-' (POSIX portable names).
fn user_name(field: &str, s: &str) -> Result<String> {
    let n = s.trim().to_string();
    let ok = !n.is_empty()
        && n.len() <= 32
        && !n.starts_with('-')
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'));
    if !ok {
        return Err(ServiceError::invalid(
            field,
            s,
            "tên tài khoản gồm 1-32 ký tự a-z, 0-9, '_', '.', '-' (đúng tên đăng nhập hệ thống)",
            "an account name is 1-32 characters of a-z, 0-9, '_', '.', '-' (the system login name)",
        ));
    }
    Ok(n)
}

fn forbidden(vi: String, en: String) -> ServiceError {
    ServiceError::new(ErrorKind::Forbidden, vi, en)
}

impl Request {
    /// The organisation a write concerns (the parent for a new one), for scope checks.
    pub fn target_code(&self) -> Option<&str> {
        use Request as R;
        match self {
            R::OrgAdd(a) => Some(&a.parent),
            R::OrgRename { code, .. }
            | R::OrgMove { code, .. }
            | R::OrgMerge { code, .. }
            | R::OrgDissolve { code, .. }
            | R::OrgSetMembers { code, .. }
            | R::OrgSetCode { code, .. }
            | R::ClassifyClear { code, .. }
            | R::AdmitSet { code, .. } => Some(code),
            R::ClassifySet(c) => Some(&c.code),
            R::AdmitBlock(b) => b.rows.first().map(|r| r.code.as_str()),
            _ => None,
        }
    }

    /// Every further organisation a write touches (a block's rows after the first).
    fn more_codes(&self) -> Vec<&str> {
        match self {
            Request::AdmitBlock(b) => b.rows.iter().skip(1).map(|r| r.code.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// A second organisation a write touches (the new parent of a move, the
    /// organisation merged into), which must be in scope too.
    fn other_code(&self) -> Option<&str> {
        match self {
            Request::OrgMove { parent, .. } => Some(parent),
            Request::OrgMerge { into, .. } => Some(into),
            _ => None,
        }
    }

    /// The date a write takes effect, when it has one (for organisations no longer in today's tree).
    fn effective_date(&self) -> Option<NaiveDate> {
        use Request as R;
        match self {
            R::OrgAdd(a) => Some(a.at),
            R::OrgRename { at, .. }
            | R::OrgMove { at, .. }
            | R::OrgMerge { at, .. }
            | R::OrgDissolve { at, .. }
            | R::OrgSetMembers { at, .. } => Some(*at),
            R::ClassifySet(c) => Some(year_end(c.year)),
            R::ClassifyClear { year, .. } | R::AdmitSet { year, .. } => Some(year_end(*year)),
            R::AdmitBlock(b) => Some(year_end(b.year)),
            _ => None,
        }
    }

    /// Requests only an admin may make.
    fn admin_only(&self) -> bool {
        use Request as R;
        if let R::OrgAdd(a) = self {
            // Founding the root.
            return a.kind == crate::domain::OrgKind::City;
        }
        matches!(
            self,
            R::TargetSet(_)
                | R::SettingsSet(_)
                | R::Backup { .. }
                | R::Restore { .. }
                | R::Demo { .. }
                | R::UserAdd { .. }
                | R::UserRemove { .. }
                | R::UserSet { .. }
        )
    }

    /// A short name of the request for messages ("org_rename").
    fn op_name(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("op").and_then(|o| o.as_str()).map(str::to_string))
            .unwrap_or_else(|| "?".into())
    }
}

impl Service {
    /// Set how requests are checked (the server enforces; in-process callers may not).
    pub fn set_access(&mut self, access: Access) {
        self.access = access;
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    fn users_err(&self, e: sled::Error) -> ServiceError {
        ServiceError::storage(e)
    }

    /// The record of `name`, if registered.
    pub fn user_record(&self, name: &str) -> Result<Option<UserRecord>> {
        match self.store.get_raw(Name::Users, name.as_bytes())? {
            Some(v) => Ok(Some(decode(Name::Users, name.as_bytes(), &v)?)),
            None => Ok(None),
        }
    }

    /// Every registered user, by name.
    pub fn user_records(&self) -> Result<Vec<UserRecord>> {
        let mut out = Vec::new();
        for item in self.store.tree(Name::Users).iter() {
            let (k, v) = item.map_err(|e| self.users_err(e))?;
            out.push(decode::<UserRecord>(Name::Users, &k, &v)?);
        }
        Ok(out)
    }

    fn no_users(&self) -> bool {
        self.store.tree(Name::Users).is_empty()
    }

    /// The role `user` acts with: their record's, or admin for the owner while nobody is registered.
    pub fn effective_user(&self, user: &str) -> Result<Option<UserRecord>> {
        if let Some(r) = self.user_record(user)? {
            return Ok(Some(r));
        }
        if self.no_users() && self.access.owner.as_deref() == Some(user) {
            return Ok(Some(UserRecord {
                name: user.to_string(),
                role: Role::Admin,
                scope: None,
                added_by: String::new(),
                added_at: Utc::now(),
                changed_by: String::new(),
                version: 0,
            }));
        }
        Ok(None)
    }

    /// Whether `user` may make `request`. Called by `handle` before dispatch.
    pub(super) fn authorize(&mut self, user: &str, request: &Request) -> Result<()> {
        if !self.access.enforce {
            return Ok(());
        }
        let Some(rec) = self.effective_user(user)? else {
            let scope = self.root_code().unwrap_or_else(|| "<MÃ>".into());
            return Err(ServiceError::new(
                ErrorKind::Unregistered,
                format!("tài khoản '{user}' chưa được đăng ký dùng thuky. Hãy nhờ quản trị viên chạy: thuky user add {user} --role clerk --scope {scope} (thay {scope} bằng mã tổ chức bạn phụ trách)"),
                format!("the account '{user}' is not registered to use thuky. Ask an administrator to run: thuky user add {user} --role clerk --scope {scope} (with {scope} replaced by the code of the organisation you look after)"),
            ));
        };
        match rec.role {
            Role::Admin => Ok(()),
            _ if matches!(request, Request::UserList) => Ok(()),
            _ if request.admin_only() => Err(forbidden(
                format!(
                    "'{user}' có vai trò {}; chỉ quản trị viên được làm việc này ({})",
                    rec.role.name_vi(),
                    request.op_name()
                ),
                format!(
                    "'{user}' has the role {}; only an administrator may do this ({})",
                    rec.role.as_str(),
                    request.op_name()
                ),
            )),
            _ if !request.is_write() => Ok(()),
            Role::Viewer => Err(forbidden(
                format!(
                    "'{user}' chỉ có quyền xem; không ghi được ({}). Nhờ quản trị viên cấp quyền văn thư nếu cần.",
                    request.op_name()
                ),
                format!(
                    "'{user}' may only view; nothing was written ({}). Ask an administrator for the clerk role if you need it.",
                    request.op_name()
                ),
            )),
            Role::Clerk => self.check_scope(&rec, request),
        }
    }

    fn root_code(&mut self) -> Option<String> {
        let today = chrono::Local::now().date_naive();
        let tree = self.state.tree(today, &self.collator);
        tree.roots().first().and_then(|r| tree.node(*r)).map(|n| n.code.clone())
    }

    /// A clerk's write must concern organisations within their scope subtree.
    fn check_scope(&mut self, rec: &UserRecord, request: &Request) -> Result<()> {
        let user = &rec.name;
        let Some(scope_code) = rec.scope.as_deref() else {
            return Err(forbidden(
                format!("văn thư '{user}' chưa được giao phạm vi; nhờ quản trị viên chạy: thuky user set {user} --scope <MÃ>"),
                format!("clerk '{user}' has no scope; ask an administrator to run: thuky user set {user} --scope <CODE>"),
            ));
        };
        let Some(scope) = self.state.register.find_code(scope_code).map(|o| o.id) else {
            return Err(forbidden(
                format!("phạm vi của '{user}' là {scope_code}, mã này không còn; nhờ quản trị viên chạy: thuky user set {user} --scope <MÃ>"),
                format!("the scope of '{user}' is {scope_code}, which no longer exists; ask an administrator to run: thuky user set {user} --scope <CODE>"),
            ));
        };
        let Some(code) = request.target_code() else {
            return Err(forbidden(
                format!("văn thư '{user}' không được làm việc này ({})", request.op_name()),
                format!("clerk '{user}' may not do this ({})", request.op_name()),
            ));
        };
        let date = request.effective_date();
        for c in std::iter::once(code).chain(request.other_code()).chain(request.more_codes()) {
            // An unknown code is left to the request's own validation (a clear NotFound).
            let Some(id) = self.state.register.find_code(c.trim()).map(|o| o.id) else {
                continue;
            };
            if !self.within(id, scope, date) {
                let name = self.state.register.get(id).map(|o| o.last_name().to_string()).unwrap_or_default();
                return Err(ServiceError {
                    kind: ErrorKind::Forbidden,
                    field: Some("code".into()),
                    value: Some(c.to_string()),
                    vi: format!("{c} ({name}) nằm ngoài phạm vi {scope_code} của '{user}'; không ghi. Nhờ quản trị viên hoặc văn thư phụ trách đơn vị đó."),
                    en: format!("{c} ({name}) is outside the scope {scope_code} of '{user}'; nothing was written. Ask an administrator or the clerk in charge of it."),
                });
            }
        }
        Ok(())
    }

    /// Whether `id` lies within `scope` in today's tree (or, for an organisation
    /// not in today's tree, in the tree of the date the write takes effect).
    /// Walks parents in the register: no tree is built.
    fn within(&self, id: OrgId, scope: OrgId, date: Option<NaiveDate>) -> bool {
        let reg = &self.state.register;
        let walk = |d: NaiveDate| -> Option<bool> {
            if !reg.get(id)?.alive_at(d) {
                return None;
            }
            let mut cur = id;
            for _ in 0..1024 {
                if cur == scope {
                    return Some(true);
                }
                match reg.get(cur).and_then(|o| o.state_at(d)).and_then(|s| s.parent) {
                    Some(p) => cur = p,
                    None => return Some(false),
                }
            }
            Some(false)
        };
        let today = chrono::Local::now().date_naive();
        walk(today).or_else(|| date.and_then(walk)).unwrap_or(false)
    }

    fn scope_code(&self, scope: Option<String>) -> Result<Option<String>> {
        match scope {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => Ok(Some(validate::resolve(&self.state.register, "scope", &s)?.code.clone())),
        }
    }

    fn clerk_needs_scope(name: &str, role: Role, scope: &Option<String>) -> Result<()> {
        if role == Role::Clerk && scope.is_none() {
            return Err(ServiceError::invalid(
                "scope",
                "",
                format!("văn thư cần một phạm vi: thuky user add {name} --role clerk --scope <MÃ>"),
                format!("a clerk needs a scope: thuky user add {name} --role clerk --scope <CODE>"),
            ));
        }
        Ok(())
    }

    fn admins(&self) -> Result<usize> {
        Ok(self.user_records()?.iter().filter(|u| u.role == Role::Admin).count())
    }

    fn user_done(seq: u64, vi: String, en: String, version: u64) -> Result<Response> {
        Ok(Response::Done(Done {
            seq,
            summary_vi: vi,
            summary_en: en,
            code: None,
            version: Some(version),
        }))
    }

    pub(super) fn user_add(&mut self, by: &str, name: &str, role: Role, scope: Option<String>) -> Result<Response> {
        let name = user_name("name", name)?;
        let scope = self.scope_code(scope)?;
        Self::clerk_needs_scope(&name, role, &scope)?;
        if let Some(old) = self.user_record(&name)? {
            return Err(ServiceError::invalid(
                "name",
                &name,
                format!("đã đăng ký (vai trò {}); dùng thuky user set để đổi", old.role.name_vi()),
                format!("already registered (role {}); use thuky user set to change it", old.role.as_str()),
            ));
        }
        let now = Utc::now();
        let rec = UserRecord {
            name: name.clone(),
            role,
            scope: scope.clone(),
            added_by: by.to_string(),
            added_at: now,
            changed_by: by.to_string(),
            version: 1,
        };
        let mut puts = vec![Put::user(&name, Some(&rec))];
        let mut summary = format!(
            "user {name} added as {}{}",
            role.as_str(),
            scope.as_deref().map(|s| format!(" in {s}")).unwrap_or_default()
        );
        // Bootstrap: the owner keeps admin once someone else is registered.
        if self.no_users() {
            match self.access.owner.clone() {
                Some(owner) if owner != name => {
                    let o = UserRecord {
                        name: owner.clone(),
                        role: Role::Admin,
                        scope: None,
                        added_by: by.to_string(),
                        added_at: now,
                        changed_by: by.to_string(),
                        version: 1,
                    };
                    puts.push(Put::user(&owner, Some(&o)));
                    summary.push_str(&format!("; data directory owner {owner} registered as admin"));
                }
                _ if role != Role::Admin => {
                    return Err(ServiceError::invalid(
                        "role",
                        role.as_str(),
                        "người đăng ký đầu tiên phải là quản trị viên",
                        "the first user registered must be an administrator",
                    ));
                }
                _ => {}
            }
        }
        let seq = self.commit(
            by,
            "user.add",
            AuditDraft {
                summary,
                after: json(&rec),
                ..Default::default()
            },
            &puts,
        )?;
        Self::user_done(
            seq,
            format!("Đã đăng ký {name} ({})", role.name_vi()),
            format!("Registered {name} ({})", role.as_str()),
            rec.version,
        )
    }

    pub(super) fn user_remove(&mut self, by: &str, name: &str) -> Result<Response> {
        let name = name.trim();
        let Some(old) = self.user_record(name)? else {
            return Err(ServiceError {
                kind: ErrorKind::NotFound,
                field: Some("name".into()),
                value: Some(name.into()),
                vi: format!("name = '{name}': chưa đăng ký"),
                en: format!("name = '{name}': not registered"),
            });
        };
        if old.role == Role::Admin && self.admins()? <= 1 {
            return Err(ServiceError::invalid(
                "name",
                name,
                "là quản trị viên cuối cùng; thêm quản trị viên khác trước",
                "is the last administrator; add another one first",
            ));
        }
        let seq = self.commit(
            by,
            "user.remove",
            AuditDraft {
                summary: format!("user {name} ({}) removed", old.role.as_str()),
                before: json(&old),
                ..Default::default()
            },
            &[Put::user::<UserRecord>(name, None)],
        )?;
        Self::user_done(seq, format!("Đã xoá {name}"), format!("Removed {name}"), old.version)
    }

    pub(super) fn user_set(
        &mut self,
        by: &str,
        name: &str,
        role: Option<Role>,
        scope: Option<String>,
        base_version: Option<u64>,
    ) -> Result<Response> {
        let name = name.trim();
        let Some(old) = self.user_record(name)? else {
            return Err(ServiceError {
                kind: ErrorKind::NotFound,
                field: Some("name".into()),
                value: Some(name.into()),
                vi: format!("name = '{name}': chưa đăng ký (dùng thuky user add)"),
                en: format!("name = '{name}': not registered (use thuky user add)"),
            });
        };
        let desc = format!("{} {}", old.role.as_str(), old.scope.as_deref().unwrap_or("-"));
        validate::version(name, old.version, &old.changed_by, base_version, &desc, &desc)?;
        let mut rec = old.clone();
        if let Some(r) = role {
            rec.role = r;
        }
        if let Some(s) = scope {
            rec.scope = self.scope_code(Some(s))?;
        }
        Self::clerk_needs_scope(name, rec.role, &rec.scope)?;
        if old.role == Role::Admin && rec.role != Role::Admin && self.admins()? <= 1 {
            return Err(ServiceError::invalid(
                "role",
                rec.role.as_str(),
                format!("{name} là quản trị viên cuối cùng"),
                format!("{name} is the last administrator"),
            ));
        }
        if rec == old {
            return Self::user_done(
                0,
                format!("{name}: không có gì thay đổi"),
                format!("{name}: nothing changed"),
                old.version,
            );
        }
        rec.version += 1;
        rec.changed_by = by.to_string();
        let seq = self.commit(
            by,
            "user.set",
            AuditDraft {
                summary: format!(
                    "user {name}: {} {} → {} {}",
                    old.role.as_str(),
                    old.scope.as_deref().unwrap_or("-"),
                    rec.role.as_str(),
                    rec.scope.as_deref().unwrap_or("-")
                ),
                before: json(&old),
                after: json(&rec),
                ..Default::default()
            },
            &[Put::user(name, Some(&rec))],
        )?;
        Self::user_done(seq, format!("Đã cập nhật {name}"), format!("Updated {name}"), rec.version)
    }

    pub(super) fn user_list(&self) -> Result<Response> {
        let mut users = self.user_records()?;
        if users.is_empty() {
            if let Some(owner) = self.access.owner.clone() {
                users.push(UserRecord {
                    name: owner,
                    role: Role::Admin,
                    scope: None,
                    added_by: "(owner of the data directory)".into(),
                    added_at: Utc::now(),
                    changed_by: String::new(),
                    version: 0,
                });
            }
        }
        Ok(Response::Users(users))
    }
}

impl Service {
    /// Who `user` is, for the server's handshake: their record (or the owner's
    /// bootstrap admin record); with checks enforced, an unregistered user gets
    /// the same `Unregistered` error every request of theirs would get.
    pub fn whoami(&mut self, user: &str) -> Result<Option<UserRecord>> {
        let rec = self.effective_user(user)?;
        if rec.is_none() && self.access.enforce {
            self.authorize(user, &Request::Status)?;
        }
        Ok(rec)
    }
}
