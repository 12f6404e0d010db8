//! What a clerk sends to add or change a case, and what a reader gets back.

use crate::domain::case::{Case, CaseId, CaseKind, CaseStatus, Form, PersonInput, Subject};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `thuky case add`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseInput {
    /// The organisation concerned, by code.
    pub org: String,
    pub kind: CaseKind,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub persons: Vec<PersonInput>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    /// Default: today.
    #[serde(default)]
    pub opened: Option<NaiveDate>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// The discipline to record on a case; `form: None` removes it (outcome "none").
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DisciplineInput {
    pub form: Option<Form>,
    /// Default: a member when `person` is given, else the organisation.
    #[serde(default)]
    pub subject: Option<Subject>,
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub self_remedied: bool,
    #[serde(default)]
    pub violation: Option<String>,
}

/// `thuky case update`: fields not given are kept.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseUpdate {
    pub id: CaseId,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// The date a status change took effect (default: today).
    #[serde(default)]
    pub at: Option<NaiveDate>,
    /// An empty text clears it.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub discipline: Option<DisciplineInput>,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub decided: Option<NaiveDate>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    #[serde(default)]
    pub persons: Option<Vec<PersonInput>>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub base_version: Option<u64>,
}

/// A case with what a reader needs beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: Case,
    pub org_code: String,
    pub org_name: String,
    pub overdue: bool,
    /// The audit entry of the write that answered with this view.
    #[serde(default)]
    pub seq: Option<u64>,
}
