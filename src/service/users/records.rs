//! The user records (the `users` tree, through the store) and the admin
//! requests that change them.

use super::{Role, UserRecord};
use crate::service::api::{Done, Response};
use crate::service::error::{ErrorKind, Result, ServiceError};
use crate::service::{json, validate, AuditDraft, Service};
use crate::store::{Name, Put};
use chrono::Utc;

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
            s.escape_debug(),
            "tên tài khoản gồm 1-32 ký tự a-z, 0-9, '_', '.', '-' (đúng tên đăng nhập hệ thống)",
            "an account name is 1-32 characters of a-z, 0-9, '_', '.', '-' (the system login name)",
        ));
    }
    Ok(n)
}

fn bootstrap_admin(name: String, added_by: String) -> UserRecord {
    UserRecord {
        name,
        role: Role::Admin,
        scope_id: None,
        scope: None,
        scope_name: None,
        added_by,
        added_at: Utc::now(),
        changed_by: String::new(),
        version: 0,
    }
}

impl Service {
    /// The record of `name`, if registered (as stored).
    pub fn user_record(&self, name: &str) -> Result<Option<UserRecord>> {
        Ok(self.store.get(Name::Users, name.as_bytes())?)
    }

    /// Every registered user, by name (as stored).
    pub fn user_records(&self) -> Result<Vec<UserRecord>> {
        Ok(self.store.values(Name::Users)?)
    }

    fn no_users(&self) -> bool {
        self.store.tree_is_empty(Name::Users)
    }

    /// `rec` with its scope's current code and name filled in, for answers.
    pub(super) fn present(&self, mut rec: UserRecord) -> UserRecord {
        if let Some(org) = rec.scope_id.and_then(|id| self.state.register.get(id)) {
            rec.scope = Some(org.code.clone());
            rec.scope_name = Some(org.last_name().to_string());
        }
        rec
    }

    /// The role `user` acts with: their record's, or admin for the owner while nobody is registered.
    pub fn effective_user(&self, user: &str) -> Result<Option<UserRecord>> {
        if let Some(r) = self.user_record(user)? {
            return Ok(Some(r));
        }
        if self.no_users() && self.access.owner.as_deref() == Some(user) {
            return Ok(Some(bootstrap_admin(user.to_string(), String::new())));
        }
        Ok(None)
    }

    /// Records stored before scopes were ids name their scope by code:
    /// resolve each such code to its organisation's id once (when the store is
    /// opened or restored), in one transaction with its audit entry. A code
    /// no organisation has is left as it is (the clerk is told to ask for a new scope).
    pub(in crate::service) fn resolve_old_scopes(&mut self) -> Result<()> {
        let mut puts = Vec::new();
        let mut done = Vec::new();
        for mut rec in self.user_records()? {
            let (None, Some(code)) = (rec.scope_id, rec.scope.clone()) else {
                continue;
            };
            let Some(org) = self.state.register.find_code(code.trim()) else {
                continue;
            };
            rec.scope_id = Some(org.id);
            rec.scope = None;
            done.push(format!("{} {code} → #{}", rec.name, org.id));
            puts.push(Put::user(&rec.name, Some(&rec.stored())));
        }
        if puts.is_empty() {
            return Ok(());
        }
        self.commit(
            "thuky",
            "user.migrate",
            AuditDraft {
                summary: format!("user scopes resolved from codes to organisation ids: {}", done.join(", ")),
                ..Default::default()
            },
            &puts,
        )?;
        self.flush()
    }

    fn scope_id(&self, scope: Option<String>) -> Result<Option<crate::domain::OrgId>> {
        match scope {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => Ok(Some(validate::resolve(&self.state.register, "scope", &s)?.id)),
        }
    }

    fn clerk_needs_scope(name: &str, role: Role, scope: Option<crate::domain::OrgId>) -> Result<()> {
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

    fn scope_label(&self, rec: &UserRecord) -> String {
        self.present(rec.clone()).scope.unwrap_or_else(|| "-".into())
    }

    pub(in crate::service) fn user_add(&mut self, by: &str, name: &str, role: Role, scope: Option<String>) -> Result<Response> {
        let name = user_name("name", name)?;
        let scope_id = self.scope_id(scope)?;
        Self::clerk_needs_scope(&name, role, scope_id)?;
        if let Some(old) = self.user_record(&name)? {
            return Err(ServiceError::invalid(
                "name",
                &name,
                format!("đã đăng ký (vai trò {}); dùng thuky user set để đổi", old.role.name_vi()),
                format!("already registered (role {}); use thuky user set to change it", old.role.as_str()),
            ));
        }
        let rec = UserRecord {
            scope_id,
            role,
            added_by: by.to_string(),
            changed_by: by.to_string(),
            version: 1,
            ..bootstrap_admin(name.clone(), by.to_string())
        };
        let mut puts = vec![Put::user(&name, Some(&rec.stored()))];
        let mut summary = format!("user {name} added as {}", role.as_str());
        if scope_id.is_some() {
            summary.push_str(&format!(" in {}", self.scope_label(&rec)));
        }
        // Bootstrap: the owner keeps admin once someone else is registered.
        if self.no_users() {
            match self.access.owner.clone() {
                Some(owner) if owner != name => {
                    let o = UserRecord {
                        changed_by: by.to_string(),
                        version: 1,
                        ..bootstrap_admin(owner.clone(), by.to_string())
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
                after: json(&rec.stored()),
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

    pub(in crate::service) fn user_remove(&mut self, by: &str, name: &str) -> Result<Response> {
        let name = name.trim();
        let Some(old) = self.user_record(name)? else {
            return Err(ServiceError {
                kind: ErrorKind::NotFound,
                field: Some("name".into()),
                value: Some(name.escape_debug().to_string()),
                vi: format!("name = '{}': chưa đăng ký", name.escape_debug()),
                en: format!("name = '{}': not registered", name.escape_debug()),
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

    pub(in crate::service) fn user_set(
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
                value: Some(name.escape_debug().to_string()),
                vi: format!("name = '{}': chưa đăng ký (dùng thuky user add)", name.escape_debug()),
                en: format!("name = '{}': not registered (use thuky user add)", name.escape_debug()),
            });
        };
        let desc = format!("{} {}", old.role.as_str(), self.scope_label(&old));
        validate::version(name, old.version, &old.changed_by, base_version, &desc, &desc)?;
        let mut rec = old.clone();
        if let Some(r) = role {
            rec.role = r;
        }
        if let Some(s) = scope {
            rec.scope_id = self.scope_id(Some(s))?;
            rec.scope = None;
        }
        Self::clerk_needs_scope(name, rec.role, rec.scope_id)?;
        if old.role == Role::Admin && rec.role != Role::Admin && self.admins()? <= 1 {
            return Err(ServiceError::invalid(
                "role",
                rec.role.as_str(),
                format!("{name} là quản trị viên cuối cùng"),
                format!("{name} is the last administrator"),
            ));
        }
        if rec.stored() == old.stored() {
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
                    self.scope_label(&old),
                    rec.role.as_str(),
                    self.scope_label(&rec)
                ),
                before: json(&old),
                after: json(&rec.stored()),
                ..Default::default()
            },
            &[Put::user(name, Some(&rec.stored()))],
        )?;
        Self::user_done(seq, format!("Đã cập nhật {name}"), format!("Updated {name}"), rec.version)
    }

    /// Every user with the scope's current code and name.
    pub(in crate::service) fn user_list(&self) -> Result<Response> {
        let mut users: Vec<UserRecord> = self.user_records()?.into_iter().map(|r| self.present(r)).collect();
        if users.is_empty() {
            if let Some(owner) = self.access.owner.clone() {
                users.push(bootstrap_admin(owner, "(owner of the data directory)".into()));
            }
        }
        Ok(Response::Users(users))
    }
}
