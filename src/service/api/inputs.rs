//! What requests carry: the inputs of writes, imports and queries.

use super::*;

/// What the export key writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportWhat {
    /// The classification list of the scope (Xếp loại).
    Classification,
    /// The admissions table (Kết nạp).
    Admissions,
    /// The committee's report workbook (Chỉ tiêu).
    Report,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Xlsx,
    /// UTF-8 with a BOM (not for the report, which has several sheets).
    Csv,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportWrite {
    pub what: ExportWhat,
    pub year: i32,
    /// The scope shown (default: a clerk's scope, else the whole tree).
    pub under: Option<String>,
    #[serde(default)]
    pub format: ExportFormat,
    /// The language of the workbook's headings.
    #[serde(default)]
    pub lang: crate::domain::Lang,
}

/// A file written by `ExportWrite`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Exported {
    /// The full path on the server's machine.
    pub path: String,
    /// The rows of the main sheet.
    pub rows: usize,
}

/// How an organisation was founded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Founding {
    pub id: OrgId,
    pub founding_ref: String,
    pub founding_date: Option<NaiveDate>,
}

/// A year's classifications read from a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassificationImport {
    pub year: i32,
    /// The file's name (recorded in the audit entry).
    pub file_name: String,
    /// The sheet the rows come from (for messages).
    pub sheet: String,
    /// Field name ("level", "members", ...) → the column it was read from ("F (Xếp loại)").
    pub columns: BTreeMap<String, String>,
    /// Rows whose names are matched within this organisation's subtree (default:
    /// the clerk's scope, else the whole tree).
    pub under: Option<String>,
    pub rows: Vec<ImportRow>,
    pub dry_run: bool,
}

/// One row of an imported sheet: the organisation by code, or by name when there is no code.
/// A field left empty keeps what is stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ImportRow {
    /// The row number in the sheet (1-based, as Excel shows it).
    pub row: u32,
    pub code: Option<String>,
    pub name: Option<String>,
    pub level: Option<Level>,
    pub score: Option<f64>,
    pub members: Option<Tallies>,
    pub decision: Option<String>,
    pub decided: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A year's admissions read from a file (organisations × months).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdmissionsImport {
    pub year: i32,
    pub file_name: String,
    pub sheet: String,
    /// Field name ("code", "m1" … "m12") → the column it was read from.
    pub columns: BTreeMap<String, String>,
    pub under: Option<String>,
    pub rows: Vec<AdmissionImportRow>,
    pub dry_run: bool,
}

/// One organisation's counts; a month left empty keeps what is stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AdmissionImportRow {
    pub row: u32,
    pub code: Option<String>,
    pub name: Option<String>,
    pub months: [Option<u32>; 12],
}

/// Organisations read from a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegisterImport {
    pub file_name: String,
    pub sheet: String,
    pub columns: BTreeMap<String, String>,
    /// The effective date of rows without a founding date.
    pub at: NaiveDate,
    pub rows: Vec<RegisterImportRow>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisterImportRow {
    pub row: u32,
    /// Assigned from the parent's code when None.
    pub code: Option<String>,
    pub name: String,
    pub kind: OrgKind,
    /// The parent's code (in the register or earlier in the file); None only for the city committee.
    pub parent: Option<String>,
    pub members: u32,
    pub founding_ref: Option<String>,
    pub founding_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrgAdded {
    pub row: u32,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<String>,
    pub members: u32,
}

/// What an import changed (or, in a dry run, would change).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImportReport {
    pub file_name: String,
    pub year: i32,
    pub dry_run: bool,
    /// The audit entry of the import (None in a dry run or when nothing changed).
    pub seq: Option<u64>,
    pub changes: Vec<ImportChange>,
    /// Admissions changed by an admissions import.
    #[serde(default)]
    pub admissions: Vec<AdmissionChange>,
    /// Organisations founded by a register import.
    #[serde(default)]
    pub orgs: Vec<OrgAdded>,
    /// Rows that match what is stored.
    pub unchanged: usize,
    /// Rows with nothing to record (no level, score, tallies or decision).
    pub empty: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AdmissionChange {
    pub row: u32,
    pub code: String,
    pub name: String,
    pub before: Option<Admissions>,
    pub after: Admissions,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImportChange {
    pub row: u32,
    pub code: String,
    pub name: String,
    pub before: Option<Classification>,
    pub after: Classification,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgAdd {
    pub parent: String,
    pub kind: OrgKind,
    pub name: String,
    /// Assigned from the parent's code when None.
    pub code: Option<String>,
    pub members: u32,
    pub at: NaiveDate,
    pub founding_ref: Option<String>,
    pub founding_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassifyInput {
    pub code: String,
    pub year: i32,
    /// Required unless a score gives it (QĐ 366).
    pub level: Option<Level>,
    pub score: Option<f64>,
    pub members: Option<Tallies>,
    pub decision: Option<String>,
    pub decided: Option<NaiveDate>,
    pub note: Option<String>,
    /// Keep fields not given from the existing record (level-only entry).
    #[serde(default)]
    pub keep_rest: bool,
    pub base_version: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TargetInput {
    pub year: i32,
    pub plan: Option<u32>,
    pub range: Option<(u32, u32)>,
    /// With `allocation`: the directly subordinate committee it is for.
    pub org: Option<String>,
    pub allocation: Option<u32>,
}

/// One organisation's counts from `from_month` on; None leaves a month as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockRow {
    pub code: String,
    pub from_month: u32,
    pub counts: Vec<Option<u32>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdmitBlock {
    pub year: i32,
    pub rows: Vec<BlockRow>,
}

/// The window of the entry grid to send.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GridQuery {
    pub year: i32,
    /// The month whose committees group the rows (default: the last month done, or December).
    #[serde(default)]
    pub month: Option<u32>,
    #[serde(default)]
    pub under: Option<String>,
    /// Part of a code or name, without diacritics if you like ("ba dinh").
    #[serde(default)]
    pub filter: Option<String>,
    #[serde(default)]
    pub offset: usize,
    /// Lines to send (at most 2,000; default 200).
    #[serde(default)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuditQuery {
    pub user: Option<String>,
    pub org: Option<String>,
    pub since: Option<NaiveDate>,
    pub limit: Option<usize>,
    /// Only the entries written on or before this day.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Skip this many matching entries (newest first): the next page.
    #[serde(default)]
    pub offset: Option<usize>,
}
