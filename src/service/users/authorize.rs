//! Who may make which request. What a request is (writes, admin-only, the
//! organisations it touches) comes from `Request::meta`, one exhaustive match.

use super::{Role, UserRecord};
use crate::domain::OrgId;
use crate::service::api::Request;
use crate::service::error::{ErrorKind, Result, ServiceError};
use crate::service::Service;
use chrono::NaiveDate;

/// How the service decides who may do what.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Check roles before every request. Off for in-process use (the caller
    /// owns the files anyway); the server turns it on.
    pub enforce: bool,
    /// The data directory's owner: admin while no user is registered.
    pub owner: Option<String>,
}

fn forbidden(vi: String, en: String) -> ServiceError {
    ServiceError::new(ErrorKind::Forbidden, vi, en)
}

impl Request {
    /// A short name of the request for messages ("org_rename").
    pub fn op_name(&self) -> String {
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

    /// Whether `user` may make `request`. Called by `handle` before dispatch,
    /// after the request's fields have been validated.
    pub(in crate::service) fn authorize(&mut self, user: &str, request: &Request) -> Result<()> {
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
        let meta = request.meta();
        match rec.role {
            Role::Admin => Ok(()),
            _ if meta.admin_only => Err(forbidden(
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
            _ if !meta.writes => Ok(()),
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
            // An import names many organisations: each row is checked against the scope.
            Role::Clerk if request.is_import() => Ok(()),
            Role::Clerk => {
                // A case update concerns the organisation of the case it changes.
                let case_org = self.case_org_code(request)?;
                let mut orgs = meta.orgs.clone();
                orgs.extend(case_org.as_deref());
                // An undo concerns the organisations of the change it reverses.
                let undone = match request {
                    Request::OrgUndo { seq } => self.undo_codes(*seq),
                    _ => Vec::new(),
                };
                orgs.extend(undone.iter().map(String::as_str));
                self.check_scope(&rec, request, &orgs, meta.effective)
            }
        }
    }

    /// The scope (id and current code) a clerk's writes are limited to; None
    /// for anyone else, or when roles are not enforced.
    pub(in crate::service) fn clerk_scope(&self, user: &str) -> Result<Option<(OrgId, String)>> {
        if !self.access.enforce {
            return Ok(None);
        }
        match self.effective_user(user)? {
            Some(rec) if rec.role == Role::Clerk => match rec.scope_id.and_then(|id| self.state.register.get(id)) {
                Some(o) => Ok(Some((o.id, o.code.clone()))),
                None => Err(forbidden(
                    format!("phạm vi của '{user}' không còn trong sổ; nhờ quản trị viên chạy: thuky user set {user} --scope <MÃ>"),
                    format!("the scope of '{user}' is no longer in the register; ask an administrator to run: thuky user set {user} --scope <CODE>"),
                )),
            },
            _ => Ok(None),
        }
    }

    pub(super) fn root_code(&mut self) -> Option<String> {
        let today = chrono::Local::now().date_naive();
        let tree = self.state.tree(today, &self.collator);
        tree.roots().first().and_then(|r| tree.node(*r)).map(|n| n.code.clone())
    }

    /// A clerk's write must concern organisations within their scope subtree.
    fn check_scope(&mut self, rec: &UserRecord, request: &Request, orgs: &[&str], date: Option<NaiveDate>) -> Result<()> {
        let user = &rec.name;
        let scope = match (rec.scope_id, rec.scope.as_deref()) {
            (Some(id), _) if self.state.register.get(id).is_some() => id,
            (None, None) => {
                return Err(forbidden(
                    format!("văn thư '{user}' chưa được giao phạm vi; nhờ quản trị viên chạy: thuky user set {user} --scope <MÃ>"),
                    format!("clerk '{user}' has no scope; ask an administrator to run: thuky user set {user} --scope <CODE>"),
                ))
            }
            (id, code) => {
                let was = code.map(str::to_string).unwrap_or_else(|| format!("#{}", id.unwrap_or_default()));
                return Err(forbidden(
                    format!("phạm vi của '{user}' là {was}, tổ chức này không còn trong sổ; nhờ quản trị viên chạy: thuky user set {user} --scope <MÃ>"),
                    format!("the scope of '{user}' is {was}, which is no longer in the register; ask an administrator to run: thuky user set {user} --scope <CODE>"),
                ));
            }
        };
        let scope_code = self.state.register.get(scope).map(|o| o.code.clone()).unwrap_or_default();
        if orgs.is_empty() {
            return Err(forbidden(
                format!("văn thư '{user}' không được làm việc này ({})", request.op_name()),
                format!("clerk '{user}' may not do this ({})", request.op_name()),
            ));
        }
        for c in orgs {
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
    pub(in crate::service) fn within(&self, id: OrgId, scope: OrgId, date: Option<NaiveDate>) -> bool {
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

    /// Who `user` is, for the server's handshake: their record (or the owner's
    /// bootstrap admin record) with the scope's current code and name; with
    /// checks enforced, an unregistered user gets the same `Unregistered`
    /// error every request of theirs would get.
    pub fn whoami(&mut self, user: &str) -> Result<Option<UserRecord>> {
        let rec = self.effective_user(user)?;
        if rec.is_none() && self.access.enforce {
            self.authorize(user, &Request::Status)?;
        }
        Ok(rec.map(|r| self.present(r)))
    }
}
