//! The audit trail: who changed what, when, with the value before and after.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Monotonic sequence number (gaps are possible after a crash).
    #[serde(default)]
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub user: String,
    /// What was done, e.g. "org.rename", "classify.set".
    pub action: String,
    /// The organisation's code, when the action concerns one.
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    /// One line a clerk can read.
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub before: Option<serde_json::Value>,
    #[serde(default)]
    pub after: Option<serde_json::Value>,
}
