//! The one application API. Every front end sends `Request`s here (in this
//! process or through the server); the service validates, writes one
//! transaction with its audit entry, flushes, updates its memory, and only
//! then answers.

mod admissions;
mod admit_block;
pub mod api;
pub mod backend;
mod case_heads;
mod case_io;
mod case_list;
mod cases;
mod class_job;
mod class_window;
mod classify;
pub mod error;
mod export;
pub mod import;
mod import_admissions;
mod import_register;
mod indicator_reads;
mod maintenance;
mod orgs;
mod orgs_attrs;
mod orgs_conflicts;
mod orgs_end;
pub mod orgs_reorg;
mod orgs_undo;
mod reads;
mod search;
mod state;
mod targets;
pub mod tree_index;
pub mod tree_window;
pub mod users;
mod validate;
mod warm;

pub use api::{Envelope, Event, Request, Response};
pub use error::{ErrorKind, Result, ServiceError};

use crate::domain::audit::AuditEntry;
use crate::domain::text::Collator;
use crate::store::{Put, Store};
use state::State;
use std::path::{Path, PathBuf};

/// The outcome of one request: the answer, and the events to send to every client.
pub struct Outcome {
    pub result: Result<Response>,
    pub events: Vec<Event>,
}

pub struct Service {
    data_dir: PathBuf,
    store: Store,
    state: State,
    collator: Collator,
    access: users::Access,
    /// See `set_group_commit`.
    group_commit: bool,
    /// The clerk's answer to the later records a register change meets,
    /// while `Request::OrgResolved` is handled (`orgs_conflicts`).
    resolution: Option<crate::domain::conflicts::Resolution>,
    /// Register changes that may be undone, and the preview's rehearsal.
    reorg: orgs_reorg::Reorg,
    /// Trees kept for the register screen's windows.
    tree_windows: tree_window::Cache,
    /// What the classification windows keep between requests (`class_window`).
    class_windows: class_window::SharedCache,
}

/// Where the sled store lives inside a data directory.
pub fn store_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("store")
}

impl Service {
    /// Open the store in `data_dir` (created if missing) and load it. A store
    /// this process has just closed is waited for (`Store::reopen`).
    pub fn open(data_dir: &Path) -> Result<Service> {
        let live = store_dir(data_dir);
        crate::store::restore::recover(&live)?;
        let store = Store::reopen(&live)?;
        // Refuse a store behind what was acknowledged (damaged or replaced).
        store.verify_acked()?;
        store.keep_acked()?;
        let state = State::from_loaded(store.load()?);
        let mut service = Service {
            data_dir: data_dir.to_path_buf(),
            store,
            state,
            collator: Collator::vietnamese(),
            access: users::Access {
                enforce: false,
                owner: users::owner_of(data_dir),
            },
            group_commit: false,
            resolution: None,
            reorg: Default::default(),
            tree_windows: Default::default(),
            class_windows: Default::default(),
        };
        service.resolve_old_scopes()?;
        Ok(service)
    }

    /// Rebuild the memory from the store: after a request panicked part-way
    /// (the server answers that client with an error and goes on), what is in
    /// memory may be half-changed; what is in the store is whole.
    pub fn reload(&mut self) -> Result<()> {
        self.state = State::from_loaded(self.store.load()?);
        Ok(())
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Group commit: writes are committed without their own flush, and the
    /// caller must `flush()` before it acknowledges any of them (the server).
    pub fn set_group_commit(&mut self, on: bool) {
        self.group_commit = on;
        self.store.set_flush_each(!on);
    }

    /// Make every committed write durable.
    pub fn flush(&self) -> Result<()> {
        Ok(self.store.flush()?)
    }

    pub fn is_empty(&self) -> bool {
        self.state.register.is_empty()
    }

    /// Handle one request for `user`.
    pub fn handle(&mut self, user: &str, request: Request) -> Outcome {
        let checked = validate::request(&request.meta()).and_then(|()| self.authorize(user, &request));
        if let Err(e) = checked {
            return Outcome {
                result: Err(e),
                events: Vec::new(),
            };
        }
        let mut events = Vec::new();
        let writes = request.is_write();
        self.end_rehearsal();
        let result = self.dispatch(user, request, &mut events);
        if writes {
            self.state.forget_indicators(&events, result.is_ok());
        }
        if result.is_err() {
            events.clear();
        }
        Outcome { result, events }
    }

    /// A read that can run on another thread, off the single writer: `check`
    /// (it reads every record of the store and took the writer for seconds at
    /// hanoi scale) and a year's whole classification list (the largest
    /// answer: about 21,000 rows and their findings at hanoi scale, computed
    /// from shared snapshots of the year), and a window of it (`class_window`:
    /// the cached year is shared by the readers). The request's fields and the user's
    /// rights are checked here; `None` when the request is not one of these
    /// (or is refused, or fails while being prepared: `handle` then gives the
    /// answer).
    pub fn offload(&mut self, user: &str, request: &Request) -> Option<OffRead> {
        let allowed = |s: &mut Service| validate::request(&request.meta()).is_ok() && s.authorize(user, request).is_ok();
        match request {
            Request::StoreCheck if allowed(self) => Some(OffRead::Check(self.store.handle())),
            Request::ClassificationList { year, under } if allowed(self) => self
                .class_list_job(*year, under.as_deref())
                .ok()
                .map(|job| OffRead::Classes(Box::new(job))),
            Request::TreeWindow(q) if allowed(self) => self.tree_window_job(q).ok().map(|job| OffRead::TreeWindow(Box::new(job))),
            Request::ClassificationWindow(q) if allowed(self) => {
                self.class_window_job(q.clone()).ok().map(|job| OffRead::ClassWindow(Box::new(job)))
            }
            _ => None,
        }
    }

    /// Convenience for callers that do not forward events.
    pub fn call(&mut self, user: &str, request: Request) -> Result<Response> {
        self.handle(user, request).result
    }

    fn dispatch(&mut self, user: &str, request: Request, events: &mut Vec<Event>) -> Result<Response> {
        use Request as R;
        match request {
            R::Status => self.status(),
            R::Tree { at, year } => self.tree_view(at, year),
            R::TreeWindow(q) => self.tree_window(&q),
            R::Org { code, at, year } => self.org_detail(&code, at, year),
            R::ClassificationList { year, under } => self.class_list(year, under.as_deref()),
            R::ClassificationRows { year, codes } => self.class_rows(year, &codes),
            R::ClassificationWindow(q) => Ok(self.class_window_job(q)?.run()),
            R::Report { year, under } => self.report_view(year, under.as_deref()),
            R::AdmissionList { year, under } => self.admission_list(year, under.as_deref()),
            R::Target { year } => self.target_view(year),
            R::AuditList(q) => self.audit(&q),
            R::StoreCheck => Ok(Response::StoreCheck(crate::store::check::run(&self.store)?)),
            R::OrgAdd(a) => self.org_add(user, a, events),
            R::OrgRename {
                code,
                name,
                at,
                decision,
                base_version,
            } => self.org_rename(user, &code, &name, at, decision, base_version, events),
            R::OrgMove {
                code,
                parent,
                at,
                decision,
                base_version,
            } => self.org_move(user, &code, &parent, at, decision, base_version, events),
            R::OrgMerge {
                code,
                into,
                at,
                decision,
                base_version,
                later_counts_include,
            } => self.org_merge(user, &code, &into, (at, later_counts_include), decision, base_version, events),
            R::OrgDissolve {
                code,
                at,
                decision,
                base_version,
            } => self.org_dissolve(user, &code, at, decision, base_version, events),
            R::OrgSetMembers {
                code,
                members,
                probationary,
                at,
                base_version,
            } => self.org_set_members(user, &code, (members, probationary), at, base_version, events),
            R::OrgResolved { resolution, change } => self.org_resolved(user, resolution, *change, events),
            R::OrgSetCode {
                code,
                new_code,
                base_version,
            } => self.org_set_code(user, &code, &new_code, base_version, events),
            R::OrgMoveChildren {
                code,
                parent,
                at,
                decision,
                base_version,
            } => self.org_move_children(user, &code, &parent, (at, decision), base_version, events),
            R::OrgSetKind {
                code,
                kind,
                at,
                decision,
                base_version,
            } => self.org_set_kind(user, &code, kind, (at, decision), base_version, events),
            R::OrgPreview { change } => self.org_preview(user, *change),
            R::OrgUndo { seq } => self.org_undo(user, seq, events),
            R::ClassificationSet(input) => self.classify_set(user, input, events),
            R::ClassificationClear { code, year, base_version } => self.classify_clear(user, &code, year, base_version, events),
            R::AdmissionSet { code, year, month, count } => self.admit_set(user, &code, year, month, count, events),
            R::TargetSet(t) => self.target_set(user, t, events),
            R::AdmissionBlock(b) => self.admit_block(user, b, events),
            R::AdmissionGrid(q) => self.admissions_grid(&q),
            R::AdmissionDashboard { year, under } => self.admissions_dashboard(year, under.as_deref()),
            R::AdmissionTerm { from, to } => self.admissions_term(from, to),
            R::IndicatorList { year, under } => self.indicators(user, year, under.as_deref()),
            R::IndicatorTrend { from, to, under } => self.indicators_trend(user, from, to, under.as_deref()),
            R::IndicatorOrgs {
                year,
                under,
                figure,
                limit,
            } => self.indicator_orgs(user, year, under.as_deref(), figure, limit),
            R::SettingsSet(s) => self.settings_set(user, s, events),
            R::Backup { dir } => self.backup(&dir),
            R::BackupList => self.backup_list(),
            R::BackupRestore { dir } => self.restore(user, &dir, events),
            R::DemoLoad { scale, seed, replace } => self.demo(user, scale, seed, replace, events),
            R::UserAdd { name, role, scope } => self.user_add(user, &name, role, scope),
            R::UserList => self.user_list(),
            R::UserRemove { name } => self.user_remove(user, &name),
            R::UserSet {
                name,
                role,
                scope,
                base_version,
            } => self.user_set(user, &name, role, scope, base_version),
            R::CaseAdd(input) => self.case_add(user, *input, events),
            R::CaseUpdate(u) => self.case_update(user, *u, events),
            R::CaseList(q) => self.case_list(q),
            R::CaseShow { id } => self.case_show(id),
            R::Search { query, limit } => self.search(&query, limit),
            R::ClassificationImport(req) => self.classification_import(user, req, events),
            R::AdmissionImport(req) => self.admissions_import(user, req, events),
            R::RegisterImport(req) => self.register_import(user, req, events),
            R::ExportWrite(req) => self.export_write(user, req),
            R::FoundingList => Ok(self.foundings()),
        }
    }

    /// Commit `puts` with an audit entry built from the other arguments.
    fn commit(&self, user: &str, action: &str, entry: AuditDraft, puts: &[Put]) -> Result<u64> {
        let mut audit = AuditEntry {
            seq: 0,
            at: chrono::Utc::now(),
            user: user.to_string(),
            action: action.to_string(),
            org: entry.org,
            year: entry.year,
            summary: entry.summary,
            before: entry.before,
            after: entry.after,
        };
        Ok(self.store.commit(puts, &mut audit)?)
    }
}

/// A read running off the writer thread (see `Service::offload`).
pub enum OffRead {
    Check(Store),
    Classes(Box<class_job::ClassJob>),
    TreeWindow(Box<tree_window::WindowJob>),
    ClassWindow(Box<class_window::WindowJob>),
}

impl OffRead {
    /// Whether it scans the whole store (`check`): such reads go to a thread
    /// of lower priority, apart from the others, so they never queue ahead of them.
    pub fn is_scan(&self) -> bool {
        matches!(self, OffRead::Check(_))
    }

    /// Run it. `check` reads each tree in turn while writes go on, so a write
    /// landing between two trees can look like a problem for a moment: a
    /// problem is reported only if a second pass finds it too.
    pub fn run(self) -> Result<Response> {
        match self {
            OffRead::Classes(job) => Ok(job.run()),
            OffRead::TreeWindow(job) => Ok(job.run()),
            OffRead::ClassWindow(job) => Ok(job.run()),
            OffRead::Check(store) => {
                let first = crate::store::check::run(&store)?;
                if first.problems.is_empty() {
                    return Ok(Response::StoreCheck(first));
                }
                let mut second = crate::store::check::run(&store)?;
                second.problems.retain(|p| first.problems.contains(p));
                Ok(Response::StoreCheck(second))
            }
        }
    }
}

/// What an audit entry says beyond who and when.
#[derive(Default)]
struct AuditDraft {
    org: Option<String>,
    year: Option<i32>,
    summary: String,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

fn json<T: serde::Serialize>(v: &T) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}
