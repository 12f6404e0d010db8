//! Importing a year's admissions (organisations × months): every count checked
//! as `AdmissionSet` checks it, all written in one transaction with one audit entry
//! naming the file, or nothing.

use super::api::{AdmissionChange, AdmissionImportRow, AdmissionsImport, Event, ImportReport, Response};
use super::error::{Result, ServiceError};
use super::import::{place_error, too_many};
use super::validate;
use super::{AuditDraft, Service};
use crate::domain::org::Org;
use crate::domain::Admissions;
use crate::store::Put;

/// The most admissions one organisation can record in a month (as `AdmissionSet`).
const MAX_COUNT: u32 = 1_000_000;

/// The checks `AdmissionSet` makes on one month's count of `org`.
fn check_month(org: &Org, year: i32, month: u32, n: u32) -> Result<()> {
    let field = format!("m{month}");
    if n > MAX_COUNT {
        return Err(ServiceError::invalid(
            &field,
            n,
            "quá lớn (tối đa 1.000.000)",
            "too large (at most 1,000,000)",
        ));
    }
    let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .expect("valid month");
    if n > 0 && (org.founded() > last || org.ended_on().is_some_and(|e| e <= first)) {
        return Err(ServiceError::invalid(
            &field,
            n,
            format!("{} không tồn tại trong tháng {month}/{year}", org.code),
            format!("{} did not exist in {month}/{year}", org.code),
        ));
    }
    Ok(())
}

impl Service {
    pub(super) fn admissions_import(&mut self, user: &str, req: AdmissionsImport, events: &mut Vec<Event>) -> Result<Response> {
        let year = validate::year(req.year)?;
        too_many(req.rows.len())?;
        let file_name = validate::name("file_name", &req.file_name)?;
        let at = |row: &AdmissionImportRow, e: ServiceError| place_error(&req.sheet, &req.columns, row.row, e);
        let mut rs = self.resolver(user, year, req.under.as_deref())?;
        let tree = rs.tree.clone();
        self.state.admissions(&self.store, year)?;
        let mut changes = Vec::new();
        let (mut unchanged, mut empty) = (0usize, 0usize);
        for row in &req.rows {
            let id = self
                .resolve_row(&mut rs, user, row.row, row.code.as_deref(), row.name.as_deref())
                .map_err(|e| at(row, e))?;
            if row.months.iter().all(Option::is_none) {
                empty += 1;
                continue;
            }
            let org = self.state.register.get(id).expect("resolved").clone();
            let existing = self.state.admissions_loaded(year).and_then(|m| m.get(&id)).cloned();
            let mut a = existing.clone().unwrap_or_else(|| Admissions::new(id, year));
            for (i, n) in row.months.iter().enumerate() {
                if let Some(n) = n {
                    check_month(&org, year, i as u32 + 1, *n).map_err(|e| at(row, e))?;
                    a.months[i] = *n;
                }
            }
            if existing.as_ref().is_some_and(|e| e.months == a.months) || (existing.is_none() && a.total() == 0) {
                unchanged += 1;
                continue;
            }
            a.version += 1;
            changes.push(AdmissionChange {
                row: row.row,
                code: org.code.clone(),
                name: tree.node(id).map(|n| n.name.clone()).unwrap_or_else(|| org.last_name().to_string()),
                before: existing,
                after: a,
            });
        }
        let mut report = ImportReport {
            file_name: file_name.clone(),
            year,
            dry_run: req.dry_run,
            seq: None,
            changes: Vec::new(),
            admissions: changes,
            orgs: Vec::new(),
            unchanged,
            empty,
        };
        if req.dry_run || report.admissions.is_empty() {
            return Ok(Response::Import(Box::new(report)));
        }
        let puts: Vec<Put> = report.admissions.iter().map(|c| Put::admissions(&c.after)).collect();
        let codes: Vec<&str> = report.admissions.iter().map(|c| c.code.as_str()).collect();
        let seq = self.commit(
            user,
            "admit.import",
            AuditDraft {
                org: req.under.clone(),
                year: Some(year),
                summary: format!(
                    "import {file_name} ({}): admissions of {} organisations {year}",
                    req.sheet,
                    codes.len()
                ),
                before: None,
                after: Some(serde_json::json!({ "file": file_name, "sheet": req.sheet, "codes": codes })),
            },
            &puts,
        )?;
        for c in &report.admissions {
            self.state.put_admissions(&self.store, c.after.clone())?;
        }
        if report.admissions.len() > 200 {
            events.push(Event::Reloaded);
        } else {
            events.extend(
                report
                    .admissions
                    .iter()
                    .map(|c| Event::AdmissionsChanged { year, org: c.after.org }),
            );
        }
        report.seq = Some(seq);
        Ok(Response::Import(Box::new(report)))
    }
}
