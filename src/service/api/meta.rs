//! What each request declares of itself: whether it writes, whether only
//! administrators may send it, and which organisations it touches.

use super::*;

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
