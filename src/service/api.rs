//! THE application API: every front end (CLI, TUI, server clients) sends
//! these requests and gets these responses and events.

pub use super::cases::{CaseCounts, CaseInput, CaseList, CaseQuery, CaseRow, CaseUpdate, CaseView, DisciplineInput};
pub use super::orgs_reorg::{OrgPreview, PreviewRow};
pub use super::search::{SearchHit, SearchResults, SearchTarget};
pub use super::tree_window::{TreeWindow, TreeWindowQuery, WindowRow};
pub use super::users::{Role, UserRecord};
use crate::demo::Scale;
use crate::domain::admissions_grid::GridView;
use crate::domain::admissions_view::{AdmissionSummary, Dashboard, TargetView, TermView};
use crate::domain::audit::AuditEntry;
use crate::domain::indicators::IndicatorView;
use crate::domain::org::Ending;
use crate::domain::report::Report;
use crate::domain::rules::{Finding, Regulation, Rule, RuleSettings};
use crate::domain::{Admissions, Classification, Level, OrgId, OrgKind, Tallies};
use crate::store::backup::BackupInfo;
use crate::store::check::CheckReport;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A request with the user it acts for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    pub user: String,
    pub request: Request,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    // ---- reads
    /// Counts and facts about the store.
    Status,
    /// The whole tree as of `at`, siblings in Vietnamese order, with the level of `year`.
    Tree {
        at: NaiveDate,
        year: Option<i32>,
    },
    /// The rows of the register screen's window of the tree: what it shows,
    /// not the whole tree (issue 9 item 5; `tree_window.rs`).
    TreeWindow(TreeWindowQuery),
    /// One organisation in detail.
    Org {
        code: String,
        at: NaiveDate,
        year: i32,
    },
    /// Organisations to classify in `year` (the tree of that year) under `under`, with findings.
    ClassificationList {
        year: i32,
        under: Option<String>,
    },
    /// The rows of the organisations `codes` in `year` and every finding on
    /// them: what a grid refreshes after an entry (the organisation and its
    /// parent hold every finding one entry can move).
    ClassificationRows {
        year: i32,
        codes: Vec<String>,
    },
    /// The rows a grid shows of `year`: a window of the list scoped and
    /// filtered by the service, with the scope's footer (issue 9 item 5).
    ClassificationWindow(ClassWindowQuery),
    /// Roll-ups and indicators.
    Report {
        year: i32,
        under: Option<String>,
    },
    /// Admissions of a year by organisation under `under`.
    AdmissionList {
        year: i32,
        under: Option<String>,
    },
    Target {
        year: i32,
    },
    AuditList(AuditQuery),
    StoreCheck,
    // ---- register
    OrgAdd(OrgAdd),
    OrgRename {
        code: String,
        name: String,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
    },
    OrgMove {
        code: String,
        parent: String,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
    },
    OrgMerge {
        code: String,
        into: String,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
        /// The clerk's answer when the target has member counts recorded after
        /// `at`: they already include the merged members (otherwise refused).
        #[serde(default)]
        later_counts_include: bool,
    },
    OrgDissolve {
        code: String,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
    },
    OrgSetMembers {
        code: String,
        /// All members held directly (full and probationary).
        members: u32,
        /// Probationary (dự bị) members among them, when recorded apart.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        probationary: Option<u32>,
        at: NaiveDate,
        base_version: Option<u64>,
    },
    OrgSetCode {
        code: String,
        new_code: String,
        base_version: Option<u64>,
    },
    /// A rename, move, merge, dissolution or member count sent again with the
    /// clerk's answer to the later records it meets (`Response::Conflicts`).
    OrgResolved {
        resolution: crate::domain::conflicts::Resolution,
        change: Box<Request>,
    },
    /// Move every organisation under `code` on `at` under `parent`, in one action.
    OrgMoveChildren {
        code: String,
        parent: String,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
    },
    /// Change an organisation's kind from `at` on (e.g. chi bộ cơ sở → đảng bộ cơ sở).
    OrgSetKind {
        code: String,
        kind: OrgKind,
        at: NaiveDate,
        decision: Option<String>,
        base_version: Option<u64>,
    },
    /// What a register change would do (moves, endings, members), checked as
    /// the change itself is; nothing is written.
    OrgPreview {
        change: Box<Request>,
    },
    /// Undo the register change with audit number `seq` (made by this user
    /// since the server started) by an audited reverse change.
    OrgUndo {
        seq: u64,
    },
    // ---- classification
    ClassificationSet(ClassifyInput),
    ClassificationClear {
        code: String,
        year: i32,
        base_version: Option<u64>,
    },
    // ---- admissions and targets
    AdmissionSet {
        code: String,
        year: i32,
        month: u32,
        count: u32,
    },
    TargetSet(TargetInput),
    /// Several organisations × months in one transaction and one audited
    /// action (a block pasted from a spreadsheet), validated all or nothing.
    /// The answer carries the block that undoes it.
    AdmissionBlock(AdmitBlock),
    /// The admissions entry grid: organisations grouped under their committee
    /// of `month`, × 12 months, a window of its lines.
    AdmissionGrid(GridQuery),
    /// The year against plan and range, pace, projection, committees ranked.
    AdmissionDashboard {
        year: i32,
        under: Option<String>,
    },
    /// Years side by side with the cumulative total (`from`..=`to`).
    AdmissionTerm {
        from: i32,
        to: i32,
    },
    /// The programme's indicators for one year and scope.
    IndicatorList {
        year: i32,
        under: Option<String>,
    },
    /// The indicators year by year (`from`..=`to`).
    IndicatorTrend {
        from: i32,
        to: i32,
        under: Option<String>,
    },
    /// The organisations behind one indicator figure (a drill-down), at most
    /// `limit` (default 500) of them with how many there are.
    IndicatorOrgs {
        year: i32,
        under: Option<String>,
        figure: crate::domain::indicator_orgs::OrgFigure,
        limit: Option<usize>,
    },
    SettingsSet(RuleSettings),
    // ---- maintenance
    Backup {
        dir: String,
    },
    /// The automatic backups in `DATA/backups`, newest first (`thuky backup list`).
    BackupList,
    BackupRestore {
        dir: String,
    },
    DemoLoad {
        scale: Scale,
        seed: u64,
        replace: bool,
    },
    // ---- users (admin only, except the list)
    /// Register a system account: `thuky user add NAME --role admin|clerk|viewer [--scope CODE]`.
    UserAdd {
        name: String,
        role: Role,
        scope: Option<String>,
    },
    /// Every registered user (`thuky user list`).
    UserList,
    /// `thuky user remove NAME` (the last administrator cannot be removed).
    UserRemove {
        name: String,
    },
    /// `thuky user set NAME [--role R] [--scope CODE]`; fields not given are kept
    /// (an empty scope clears it).
    UserSet {
        name: String,
        role: Option<Role>,
        scope: Option<String>,
        #[serde(default)]
        base_version: Option<u64>,
    },
    // ---- cases
    /// `thuky case add`: answers with the new case.
    CaseAdd(Box<CaseInput>),
    /// `thuky case update`: status (forward only, with history), outcome, discipline, fields.
    CaseUpdate(Box<CaseUpdate>),
    /// `thuky case list`: filtered, windowed, with counts.
    CaseList(CaseQuery),
    /// `thuky case show ID`.
    CaseShow {
        id: crate::domain::case::CaseId,
    },
    /// Organisations and cases matching every word of `query` (without diacritics is fine).
    Search {
        query: String,
        #[serde(default)]
        limit: Option<usize>,
    },
    // ---- import
    /// `thuky import classification`: rows read from a spreadsheet, each
    /// validated as an entry; all written in one transaction with one audit
    /// entry naming the file, or nothing (`dry_run`: nothing, with what would change).
    ClassificationImport(ClassificationImport),
    /// `thuky import admissions`: monthly admission counts by organisation, each
    /// checked as `AdmissionSet` is; all written in one transaction, or nothing.
    AdmissionImport(AdmissionsImport),
    /// `thuky import register`: an initial load of organisations (parents
    /// before children, or already registered), each checked as `OrgAdd` is;
    /// all written in one transaction, or nothing.
    RegisterImport(RegisterImport),
    // ---- export
    /// The TUI's export key: the workbook a screen shows (as `thuky export`
    /// builds it), written by the service into `DATA/exports` under a new
    /// name; answers with the file's path. A read for permissions; a clerk's
    /// export stays within the clerk's scope.
    ExportWrite(ExportWrite),
    /// The founding decision and date of every organisation (`export register`).
    FoundingList,
}

/// What a request is, declared once per request (see [`Request::meta`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Meta<'a> {
    /// It changes data (one transaction with its audit entry).
    pub writes: bool,
    /// Only an administrator may make it.
    pub admin_only: bool,
    /// The organisations (by code, as sent) it touches. A clerk's write must
    /// have every one of them within the clerk's scope; a clerk's write that
    /// names none is refused.
    pub orgs: Vec<&'a str>,
    /// The years it names, with their field: each is validated
    /// (FIRST_YEAR..=next year) before anything uses it.
    pub years: Vec<(&'static str, i32)>,
    /// The date a write takes effect (for organisations no longer in today's
    /// tree); None for a year chrono cannot represent (refused by the year check).
    pub effective: Option<NaiveDate>,
}

impl Request {
    /// Whether the request imports rows from a file (each row is checked against a clerk's scope).
    pub fn is_import(&self) -> bool {
        matches!(
            self,
            Request::ClassificationImport(_) | Request::AdmissionImport(_) | Request::RegisterImport(_)
        )
    }

    /// Whether the request changes data.
    pub fn is_write(&self) -> bool {
        self.meta().writes
    }

    /// What the request is: ONE exhaustive match with no wildcard, so a new
    /// request that does not declare whether it writes, whether it is
    /// admin-only and what it touches does not compile.
    pub fn meta<'a>(&'a self) -> Meta<'a> {
        use crate::domain::try_year_end;
        use Request as R;
        let read = |orgs: Vec<&'a str>, years: Vec<(&'static str, i32)>| Meta {
            writes: false,
            admin_only: false,
            orgs,
            years,
            effective: None,
        };
        let write = |orgs: Vec<&'a str>, years: Vec<(&'static str, i32)>, effective: Option<NaiveDate>| Meta {
            writes: true,
            admin_only: false,
            orgs,
            years,
            effective,
        };
        let admin = |writes: bool, orgs: Vec<&'a str>, years: Vec<(&'static str, i32)>| Meta {
            writes,
            admin_only: true,
            orgs,
            years,
            effective: None,
        };
        match self {
            R::Status | R::StoreCheck | R::UserList => read(vec![], vec![]),
            R::Tree { year, .. } => read(vec![], year.iter().map(|y| ("year", *y)).collect()),
            R::TreeWindow(q) => read(vec![], vec![("year", q.year)]),
            R::Org { code, year, .. } => read(vec![code], vec![("year", *year)]),
            R::ClassificationList { year, under } | R::Report { year, under } | R::AdmissionList { year, under } => {
                read(under.iter().map(String::as_str).collect(), vec![("year", *year)])
            }
            R::ClassificationRows { year, codes } => read(codes.iter().map(String::as_str).collect(), vec![("year", *year)]),
            R::ClassificationWindow(q) => read(q.scope.iter().map(String::as_str).collect(), vec![("year", q.year)]),
            // Plans may be made to the end of the current term: checked by the service.
            R::Target { .. } => read(vec![], vec![]),
            R::AuditList(q) => read(q.org.iter().map(String::as_str).collect(), vec![]),
            // Founding the root is an administrator's.
            R::OrgAdd(a) => Meta {
                admin_only: a.kind == crate::domain::OrgKind::City,
                ..write(vec![&a.parent], vec![], Some(a.at))
            },
            R::OrgRename { code, at, .. } | R::OrgDissolve { code, at, .. } | R::OrgSetMembers { code, at, .. } => {
                write(vec![code], vec![], Some(*at))
            }
            R::OrgMove { code, parent, at, .. } => write(vec![code, parent], vec![], Some(*at)),
            R::OrgMerge { code, into, at, .. } => write(vec![code, into], vec![], Some(*at)),
            R::OrgSetCode { code, .. } => write(vec![code], vec![], None),
            // What the change inside touches (it is itself checked as sent alone).
            R::OrgResolved { change, .. } => change.meta(),
            R::OrgMoveChildren { code, parent, at, .. } => write(vec![code, parent], vec![], Some(*at)),
            R::OrgSetKind { code, at, .. } => write(vec![code], vec![], Some(*at)),
            // The change it previews is checked (fields and rights) as if it were made.
            R::OrgPreview { change } => Meta {
                writes: false,
                ..change.meta()
            },
            // The organisations are those of the change undone: the service checks them.
            R::OrgUndo { .. } => write(vec![], vec![], None),
            R::ClassificationSet(c) => write(vec![&c.code], vec![("year", c.year)], try_year_end(c.year)),
            R::ClassificationClear { code, year, .. } | R::AdmissionSet { code, year, .. } => {
                write(vec![code], vec![("year", *year)], try_year_end(*year))
            }
            R::TargetSet(t) => admin(true, t.org.iter().map(String::as_str).collect(), vec![]),
            R::SettingsSet(_) | R::BackupRestore { .. } | R::DemoLoad { .. } | R::UserRemove { .. } => admin(true, vec![], vec![]),
            R::UserAdd { scope, .. } | R::UserSet { scope, .. } => admin(
                true,
                scope.iter().map(String::as_str).filter(|s| !s.trim().is_empty()).collect(),
                vec![],
            ),
            R::Backup { .. } | R::BackupList => admin(false, vec![], vec![]),
            // A case's organisation (and, for an update, the case's own one, looked
            // up by the authorisation) must lie within a clerk's scope.
            R::CaseAdd(c) => write(vec![&c.org], vec![], c.opened),
            R::CaseUpdate(_) => write(vec![], vec![], None),
            R::CaseList(q) => read(
                q.under.iter().chain(q.org.iter()).map(String::as_str).collect(),
                q.year.iter().map(|y| ("year", *y)).collect(),
            ),
            R::CaseShow { .. } | R::Search { .. } => read(vec![], vec![]),
            // An import names many organisations: the service checks each row
            // against a clerk's scope (`Service::clerk_scope`).
            R::ClassificationImport(i) => write(i.under.iter().map(String::as_str).collect(), vec![("year", i.year)], None),
            R::AdmissionImport(i) => write(i.under.iter().map(String::as_str).collect(), vec![("year", i.year)], None),
            R::RegisterImport(i) => write(vec![], vec![], Some(i.at)),
            R::AdmissionBlock(b) => write(
                b.rows.iter().map(|r| r.code.as_str()).collect(),
                vec![("year", b.year)],
                try_year_end(b.year),
            ),
            R::AdmissionGrid(q) => read(q.under.iter().map(String::as_str).collect(), vec![("year", q.year)]),
            R::AdmissionDashboard { year, under } | R::IndicatorList { year, under } => {
                read(under.iter().map(String::as_str).collect(), vec![("year", *year)])
            }
            // `to` may reach the end of the current term: checked by the service.
            R::AdmissionTerm { from, .. } => read(vec![], vec![("from", *from)]),
            R::IndicatorTrend { from, to, under } => read(under.iter().map(String::as_str).collect(), vec![("from", *from), ("to", *to)]),
            R::ExportWrite(e) => read(e.under.iter().map(String::as_str).collect(), vec![("year", e.year)]),
            R::FoundingList => read(vec![], vec![]),
            R::IndicatorOrgs { year, under, .. } => read(under.iter().map(String::as_str).collect(), vec![("year", *year)]),
        }
    }
}

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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Response {
    Status(Status),
    Tree(TreeView),
    TreeWindow(Box<TreeWindow>),
    Org(Box<OrgDetail>),
    ClassificationList(ClassList),
    ClassificationWindow(Box<ClassWindow>),
    Report(Box<ReportView>),
    AdmissionList(Box<AdmissionList>),
    Target(Box<TargetView>),
    AuditList(Vec<AuditEntry>),
    StoreCheck(CheckReport),
    /// A write was committed and flushed.
    Done(Done),
    Backup(BackupInfo),
    /// Automatic backups, newest first.
    Backups(Vec<crate::store::autobackup::Listed>),
    /// Registered users, by name.
    Users(Vec<UserRecord>),
    /// One case (shown, added or updated).
    Case(Box<CaseView>),
    Cases(CaseList),
    Search(SearchResults),
    /// The outcome of an import.
    Import(Box<ImportReport>),
    /// A block of admissions was written; `undo` puts back what was there.
    AdmissionBlockDone {
        done: Done,
        undo: AdmitBlock,
    },
    AdmissionGrid(Box<GridView>),
    /// What a register change would do (`Request::OrgPreview`).
    OrgPreview(Box<OrgPreview>),
    AdmissionDashboard(Box<Dashboard>),
    AdmissionTerm(TermView),
    IndicatorList(Box<IndicatorView>),
    IndicatorTrend(Vec<IndicatorView>),
    /// A file written into the exports folder.
    Exported(Exported),
    FoundingList(Vec<Founding>),
    /// A backdated register change meets later records: nothing was written;
    /// send it again inside `Request::OrgResolved` with one of the choices.
    Conflicts(Box<crate::domain::conflicts::Conflicts>),
    IndicatorOrgs(Box<crate::domain::indicator_orgs::OrgList>),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Done {
    pub seq: u64,
    pub summary_vi: String,
    pub summary_en: String,
    /// The code of the organisation written, if any.
    pub code: Option<String>,
    /// The new version of the record written.
    pub version: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Status {
    pub data_dir: String,
    pub schema_version: u32,
    pub organisations: usize,
    pub organisations_now: usize,
    pub members_now: u64,
    pub by_kind_now: BTreeMap<String, usize>,
    pub class_years: Vec<i32>,
    pub audit_entries: usize,
    pub root: Option<String>,
    /// How the rulebooks are applied (`thuky settings`).
    #[serde(default)]
    pub settings: RuleSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NodeView {
    pub id: OrgId,
    pub code: String,
    pub kind: OrgKind,
    pub name: String,
    pub parent: Option<OrgId>,
    pub depth: u16,
    pub members: u32,
    pub total_members: u32,
    pub children: Vec<OrgId>,
    pub level: Option<Level>,
}

/// The tree, parents before children, siblings in Vietnamese order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TreeView {
    pub at: NaiveDate,
    pub year: Option<i32>,
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HistoryRow {
    pub effective: NaiveDate,
    pub label_vi: String,
    pub label_en: String,
    pub detail: String,
    pub decision: Option<String>,
    pub recorded: DateTime<Utc>,
    pub by: String,
    /// A change of the member count only, not of the organisation itself
    /// (the register's detail pane lists the organisation's changes; the
    /// counts show by year and in the audit log).
    #[serde(default)]
    pub count_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrgDetail {
    pub id: OrgId,
    pub code: String,
    pub kind: OrgKind,
    pub name: String,
    pub at: NaiveDate,
    /// Whether it existed on `at`.
    pub alive: bool,
    pub founded: NaiveDate,
    pub ending: Option<Ending>,
    pub founding_ref: String,
    pub founding_date: Option<NaiveDate>,
    /// (code, name) from the root down to the parent.
    pub parents: Vec<(String, String)>,
    pub members: u32,
    pub total_members: u32,
    pub history: Vec<HistoryRow>,
    /// The last years' classifications, oldest first.
    pub classifications: Vec<Classification>,
    pub admissions: Option<Admissions>,
    /// Admissions of its whole subtree in `year` by month (each month as the
    /// tree stood then; the city's is the whole city's).
    #[serde(default)]
    pub subtree_admissions: [u64; 12],
    pub year: i32,
    /// Organisations below it by kind, and their members.
    pub subtree_by_kind: BTreeMap<String, usize>,
    pub version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassRow {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    pub depth: u16,
    pub parent: Option<OrgId>,
    pub total_members: u32,
    pub class: Option<Classification>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassList {
    pub year: i32,
    pub regulation: Option<Regulation>,
    pub scope: String,
    pub rows: Vec<ClassRow>,
    pub findings: Vec<Finding>,
    /// The rules the findings come from (the year's rulebook with the settings).
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// The roll-up of the scope (counts, caps, indicator verdicts), computed by
    /// the domain; only for a whole scope (`ClassificationList`), not for a few rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<Box<crate::domain::rollup::Footer>>,
}

/// Rows sent at most in one classification window.
pub const CLASS_WINDOW_MAX: usize = 500;

/// Which rows of a year's classification list a grid wants (`Request::ClassificationWindow`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClassWindowQuery {
    pub year: i32,
    /// The organisation whose subtree is listed (None: the whole city).
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub unrated_only: bool,
    #[serde(default)]
    pub findings_only: bool,
    #[serde(default)]
    pub grassroots_only: bool,
    /// Folded and matched against each row's name and code.
    #[serde(default)]
    pub filter: String,
    /// The selected organisation: the window is placed to hold it when it passes the filters.
    #[serde(default)]
    pub anchor: Option<OrgId>,
    /// The wanted index of the first row (within the filtered list).
    #[serde(default)]
    pub offset: usize,
    /// Rows wanted (capped by the service).
    #[serde(default)]
    pub height: usize,
    /// Instead of a window: the rows of these codes (those in the year's tree,
    /// in this order; the others left out), whatever the filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Also every finding on the scope and below, with the names of their organisations.
    #[serde(default)]
    pub all_findings: bool,
}

/// The scope a window lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClassScope {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub depth: u16,
}

/// One finding with its organisation's code and name (the findings list).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FindingLine {
    pub finding: Finding,
    pub code: String,
    pub name: String,
}

/// A window of a year's classification list (`Request::ClassificationWindow`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClassWindow {
    pub year: i32,
    pub regulation: Option<Regulation>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    pub scope: ClassScope,
    /// Rows passing the filters in the scope.
    pub total: usize,
    /// The index of the first row sent, within those.
    pub start: usize,
    pub rows: Vec<ClassRow>,
    /// Per row sent: whether it has organisations below it.
    pub has_below: Vec<bool>,
    /// The anchor's index within the filtered rows, when it passes them.
    pub anchor: Option<usize>,
    /// Every finding on the rows sent (and none other).
    pub findings: Vec<Finding>,
    /// The roll-up of the scope, computed by the domain; its `findings` counts
    /// every finding on the scope and below.
    pub footer: crate::domain::rollup::Footer,
    /// Every finding on the scope and below, in row order (the scope's own
    /// first), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_findings: Option<Vec<FindingLine>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportView {
    pub scope_code: String,
    pub scope_name: String,
    pub regulation: Option<Regulation>,
    /// org id → (code, name) for the organisations the findings name.
    pub names: BTreeMap<OrgId, (String, String)>,
    pub report: Report,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AdmissionRow {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub months: [u32; 12],
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AdmissionList {
    pub year: i32,
    pub scope: String,
    /// Months credited within the scope (all months for the city), by code.
    pub rows: Vec<AdmissionRow>,
    /// Committee subtotals, plan, range and allocations (as in the report).
    #[serde(default)]
    pub summary: Box<AdmissionSummary>,
}

/// Pushed to every client after a committed change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    OrgsChanged {
        ids: Vec<OrgId>,
    },
    ClassificationChanged {
        year: i32,
        org: OrgId,
        by: String,
    },
    AdmissionsChanged {
        year: i32,
        org: OrgId,
    },
    TargetChanged {
        year: i32,
    },
    SettingsChanged,
    /// Everything may have changed (demo load, restore).
    Reloaded,
    /// Cases were added or changed (their organisations' findings may have moved).
    CasesChanged {
        ids: Vec<crate::domain::case::CaseId>,
        orgs: Vec<OrgId>,
    },
}
