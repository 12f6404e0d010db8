//! What the service answers: responses and the views they carry.

use super::*;

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
