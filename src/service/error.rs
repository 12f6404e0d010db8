//! Typed errors of the service, with a message in each language that names
//! the field and the value at fault.

use crate::domain::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A value is malformed or breaks a rule; nothing was written.
    Invalid,
    /// A code, user or record does not exist.
    NotFound,
    /// The record changed since the client read it.
    Conflict,
    /// The acting user may not do this.
    Forbidden,
    /// The acting user is not registered.
    Unregistered,
    /// The store failed (disk full, corruption, lock); nothing was acknowledged.
    Storage,
    /// Client and server speak different protocol versions, or the link failed.
    Protocol,
    /// thuky failed on this request (a bug); the server goes on.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceError {
    pub kind: ErrorKind,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    pub vi: String,
    pub en: String,
}

impl ServiceError {
    pub fn new(kind: ErrorKind, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ServiceError {
            kind,
            field: None,
            value: None,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// A bad value in a named field.
    pub fn invalid(field: &str, value: impl fmt::Display, vi: impl Into<String>, en: impl Into<String>) -> Self {
        let value = value.to_string();
        ServiceError {
            kind: ErrorKind::Invalid,
            field: Some(field.into()),
            value: Some(value.clone()),
            vi: format!("{field} = '{value}': {}", vi.into()),
            en: format!("{field} = '{value}': {}", en.into()),
        }
    }

    pub fn unknown_code(field: &str, code: &str) -> Self {
        ServiceError {
            kind: ErrorKind::NotFound,
            field: Some(field.into()),
            value: Some(code.into()),
            vi: format!("{field} = '{code}': không có tổ chức nào mang mã này"),
            en: format!("{field} = '{code}': no organisation has this code"),
        }
    }

    pub fn storage(e: impl fmt::Display) -> Self {
        let text = e.to_string();
        let full = text.contains("No space left") || text.contains("os error 28");
        if full {
            ServiceError::new(
                ErrorKind::Storage,
                format!("đĩa đầy, không ghi được; dữ liệu cũ vẫn nguyên vẹn ({text})"),
                format!("the disk is full, nothing was written; the stored data is intact ({text})"),
            )
        } else {
            ServiceError::new(ErrorKind::Storage, format!("lỗi lưu trữ: {text}"), format!("storage error: {text}"))
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for ServiceError {}

impl From<crate::store::StoreError> for ServiceError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            // A backup that cannot be used is the backup's problem, not the store's.
            crate::store::StoreError::BadBackup { path, reason } => {
                let shown = path.display().to_string();
                ServiceError {
                    kind: ErrorKind::Invalid,
                    field: Some("dir".into()),
                    value: Some(shown.clone()),
                    vi: format!("bản sao lưu {shown} không dùng được: {reason}; dữ liệu hiện tại giữ nguyên"),
                    en: format!("the backup {shown} cannot be used: {reason}; the current data is unchanged"),
                }
            }
            e => ServiceError::storage(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;
