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
//!
//! - `uid`: account names from uids (the kernel's peer credentials);
//! - `authorize`: who may make which request (from `Request::meta`);
//! - `records`: the user records and the admin requests that change them.

mod authorize;
mod records;
mod uid;

pub use authorize::Access;
pub use uid::{owner_of, user_name_of_uid};

use crate::domain::OrgId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    /// The organisation whose subtree a clerk may write in, by id: codes can
    /// be changed and reused, ids cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_id: Option<OrgId>,
    /// In answers: the scope's current code. Records stored before scopes
    /// were ids held the code here; it is resolved to `scope_id` once, when
    /// the store is opened (or restored), and is no longer stored.
    #[serde(default)]
    pub scope: Option<String>,
    /// In answers: the scope's current name (never stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_name: Option<String>,
    #[serde(default)]
    pub added_by: String,
    pub added_at: DateTime<Utc>,
    /// Who changed the record last.
    #[serde(default)]
    pub changed_by: String,
    #[serde(default)]
    pub version: u64,
}

impl UserRecord {
    /// The form kept in the store: the scope by id only.
    fn stored(&self) -> UserRecord {
        let mut r = self.clone();
        if r.scope_id.is_some() {
            r.scope = None;
        }
        r.scope_name = None;
        r
    }
}
