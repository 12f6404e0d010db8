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

mod inputs;
mod meta;
mod response;
pub use inputs::*;
pub use meta::Meta;
pub use response::*;

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
