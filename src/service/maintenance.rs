//! Backup, restore and loading the demo data set.

use super::api::{Done, Event, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::state::State;
use super::{store_dir, AuditDraft, Service};
use crate::demo::{self, Scale};
use crate::store::{backup, Put, Store};
use std::path::Path;

impl Service {
    pub(super) fn backup(&mut self, dir: &str) -> Result<Response> {
        let info = backup::write(&self.store, Path::new(dir))?;
        Ok(Response::Backup(info))
    }

    pub(super) fn restore(&mut self, user: &str, dir: &str, events: &mut Vec<Event>) -> Result<Response> {
        let verified = backup::read(Path::new(dir))?;
        let records = verified.records.len();
        let live = store_dir(&self.data_dir);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let fresh = self.data_dir.join(format!("store.restoring-{stamp}"));
        let old = self.data_dir.join(format!("store.before-restore-{stamp}"));
        backup::import(verified, &fresh)?;
        // Close the live store (sled allows one open per directory), swap, reopen.
        let placeholder = Store::open(&self.data_dir.join(format!("store.swap-{stamp}")))?;
        let current = std::mem::replace(&mut self.store, placeholder);
        drop(current);
        let swap = (|| -> std::io::Result<()> {
            std::fs::rename(&live, &old)?;
            std::fs::rename(&fresh, &live)
        })();
        let reopened = Store::reopen(&live);
        let placeholder_dir = self.data_dir.join(format!("store.swap-{stamp}"));
        match (swap, reopened) {
            (Ok(()), Ok(store)) => {
                store.set_flush_each(!self.group_commit);
                self.store = store;
                let _ = std::fs::remove_dir_all(&placeholder_dir);
            }
            (swap, reopened) => {
                // Put the old store back.
                let _ = std::fs::rename(&old, &live);
                let back = Store::reopen(&live)?;
                self.store = back;
                let _ = std::fs::remove_dir_all(&placeholder_dir);
                let why = swap
                    .err()
                    .map(|e| e.to_string())
                    .or(reopened.err().map(|e| e.to_string()))
                    .unwrap_or_default();
                return Err(ServiceError::new(
                    ErrorKind::Storage,
                    format!("không khôi phục được: {why}"),
                    format!("restore failed: {why}"),
                ));
            }
        }
        self.state = State::from_loaded(self.store.load()?);
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
                after: None,
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
