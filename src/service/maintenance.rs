//! Backup, restore and loading the demo data set.

use super::api::{Done, Event, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::state::State;
use super::{store_dir, AuditDraft, Service};
use crate::demo::{self, Scale};
use crate::store::{autobackup, backup, restore, Put};
use std::path::Path;

impl Service {
    pub(super) fn backup(&mut self, dir: &str) -> Result<Response> {
        let info = backup::write(&self.store, Path::new(dir))?;
        Ok(Response::Backup(info))
    }

    /// The automatic backups, newest first (`thuky backup list`).
    pub(super) fn backup_list(&self) -> Result<Response> {
        Ok(Response::Backups(autobackup::list(self.store.path())))
    }

    /// Write the daily automatic backup if it is due, here and now.
    pub fn daily_backup(&mut self) {
        if autobackup::daily_due(self.store.path()) {
            if let Err(e) = autobackup::write(&self.store, "daily") {
                tracing::warn!("cannot write the daily backup: {e}");
            }
        }
    }

    /// The daily automatic backup when it is due, as work for a thread of its
    /// own: the server's writer goes on serving while it is written (at
    /// `--scale large` writing it takes seconds). A backup that a commit
    /// overlapped is dropped and tried again later (see
    /// `autobackup::write_unless_changed`); `stop` abandons it.
    pub fn daily_backup_job(&self, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Option<impl FnOnce() + Send + 'static> {
        if !autobackup::daily_due(self.store.path()) {
            return None;
        }
        let store = self.store.handle();
        Some(move || {
            let abandon = || stop.load(std::sync::atomic::Ordering::Relaxed);
            match autobackup::write_unless_changed(&store, "daily", &abandon) {
                Ok(Some(_)) => {}
                Ok(None) => tracing::info!("daily backup put off: the store changed while it was written, or the server stopped"),
                Err(e) => tracing::warn!("cannot write the daily backup: {e}"),
            }
        })
    }

    /// Restore a backup: read and verify it, build a complete new store from
    /// it in a directory of its own, decode and check every record and load
    /// it, and only then swap it in. Until the swap the live store is served
    /// untouched; if the swap fails it is put back (see `store::restore`).
    pub(super) fn restore(&mut self, user: &str, dir: &str, events: &mut Vec<Event>) -> Result<Response> {
        let live = store_dir(&self.data_dir);
        // The automatic backup of the live store (belt and braces: the live
        // store is also kept aside by the swap) is written on a thread of its
        // own while the backup is verified and the new store built and checked:
        // both read every record, and the machine has two cores.
        let current = self.store.handle();
        let (prepared, backed) = std::thread::scope(|s| {
            let backing = s.spawn(|| autobackup::write(&current, "before-restore"));
            let prepared = backup::read(Path::new(dir)).and_then(|v| restore::prepare(v, &live, Path::new(dir)));
            (prepared, backing.join())
        });
        match backed {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!("cannot write the backup before restoring: {e}"),
            Err(_) => tracing::warn!("cannot write the backup before restoring: it failed unexpectedly"),
        }
        let mut prepared = prepared?;
        let records = prepared.records;
        let state = State::from_loaded(std::mem::take(&mut prepared.loaded));
        let old = restore::swap(&mut self.store, prepared)?;
        self.state = state;
        self.resolve_old_scopes()?;
        let seq = self.commit(
            user,
            "restore",
            AuditDraft {
                summary: format!(
                    "restored {records} records from {dir}; the previous store is kept in {}",
                    old.display()
                ),
                ..Default::default()
            },
            &[],
        )?;
        events.push(Event::Reloaded);
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!("Đã khôi phục {records} bản ghi từ {dir}; dữ liệu trước đó giữ ở {}", old.display()),
            summary_en: format!(
                "Restored {records} records from {dir}; the previous store is kept in {}",
                old.display()
            ),
            code: None,
            version: None,
        }))
    }

    pub(super) fn demo(&mut self, user: &str, scale: Scale, seed: u64, replace: bool, events: &mut Vec<Event>) -> Result<Response> {
        if !self.state.register.is_empty() && !replace {
            return Err(ServiceError::new(
                ErrorKind::Invalid,
                format!(
                    "thư mục dữ liệu đã có {} tổ chức; dùng --replace để thay bằng dữ liệu mẫu",
                    self.state.register.len()
                ),
                format!(
                    "the data directory already holds {} organisations; use --replace to overwrite it with demo data",
                    self.state.register.len()
                ),
            ));
        }
        let data = demo::generate(scale, seed, chrono::Utc::now());
        let mut puts = Vec::with_capacity(data.orgs.len() * 2 + data.classes.len() + data.admissions.len());
        puts.extend(Put::org_chunks(&data.orgs));
        puts.extend(data.orgs.iter().map(|o| Put::code(&o.code, o.id)));
        puts.extend(data.classes.iter().map(Put::class));
        puts.extend(data.admissions.iter().map(Put::admissions));
        puts.extend(data.targets.iter().map(Put::target));
        puts.extend(data.cases.iter().map(Put::case));
        if replace {
            self.store.clear_data()?;
        }
        let summary = format!(
            "demo data {scale:?} seed {seed}: {} organisations, {} classifications, {} admission records, {} cases",
            data.orgs.len(),
            data.classes.len(),
            data.admissions.len(),
            data.cases.len()
        );
        let seq = self.store.bulk(
            puts,
            &mut crate::domain::audit::AuditEntry {
                seq: 0,
                at: chrono::Utc::now(),
                user: user.into(),
                action: "demo.load".into(),
                org: None,
                year: None,
                summary: summary.clone(),
                before: None,
                // The figures, for the log to show in the reader's language.
                after: Some(serde_json::json!({
                    "scale": format!("{scale:?}"),
                    "seed": seed,
                    "organisations": data.orgs.len(),
                    "classifications": data.classes.len(),
                    "admissions": data.admissions.len(),
                    "cases": data.cases.len(),
                })),
            },
        )?;
        self.state = State::from_loaded(self.store.load()?);
        events.push(Event::Reloaded);
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!(
                "Đã nạp dữ liệu mẫu: {} tổ chức, {} bản xếp loại",
                data.orgs.len(),
                data.classes.len()
            ),
            summary_en: format!(
                "Demo data loaded: {} organisations, {} classifications",
                data.orgs.len(),
                data.classes.len()
            ),
            code: None,
            version: None,
        }))
    }
}
