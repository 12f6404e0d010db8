//! Importing organisations (an initial load of a committee's tree): every row
//! checked as `OrgAdd` checks it, against the register as the earlier rows
//! leave it; all written in one transaction with one audit entry naming the
//! file, or nothing.

use super::api::{Event, ImportReport, OrgAdd, OrgAdded, RegisterImport, RegisterImportRow, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::import::{place_error, too_many};
use super::validate;
use super::{AuditDraft, Service};
use crate::domain::org::{Org, OrgId};
use crate::domain::OrgKind;
use crate::store::Put;
use chrono::Datelike;
use std::collections::HashSet;

impl Service {
    pub(super) fn register_import(&mut self, user: &str, req: RegisterImport, events: &mut Vec<Event>) -> Result<Response> {
        too_many(req.rows.len())?;
        let file_name = validate::name("file_name", &req.file_name)?;
        let at = |row: &RegisterImportRow, e: ServiceError| place_error(&req.sheet, &req.columns, row.row, e);
        let clerk = self.clerk_scope(user)?;
        let mut reg = self.state.register.clone();
        let mut new_ids: HashSet<OrgId> = HashSet::new();
        let mut added: Vec<Org> = Vec::new();
        let mut report_rows = Vec::new();
        for row in &req.rows {
            let mut date = row.founding_date.unwrap_or(req.at);
            // An organisation stands under its parent from the parent's own
            // founding at the earliest: a load of today's tree (whose parents
            // may have been formed after their organisations, as the wards were
            // in 2025) founds it then, and keeps the founding decision's date as written.
            if let Some(from) = row.parent.as_deref().and_then(|c| reg.find_code(c.trim())).map(|p| p.founded()) {
                date = date.max(from);
            }
            if row.parent.is_none() && row.kind != OrgKind::City {
                return Err(at(
                    row,
                    ServiceError::invalid("parent", "", "thiếu mã tổ chức cấp trên", "the parent's code is missing"),
                ));
            }
            let a = OrgAdd {
                parent: row.parent.clone().unwrap_or_default(),
                kind: row.kind,
                name: row.name.clone(),
                code: row.code.clone(),
                members: row.members,
                at: date,
                founding_ref: row.founding_ref.clone(),
                founding_date: row.founding_date,
            };
            let (org, parent, name) = self.prepare_org(&reg, user, a).map_err(|e| at(row, e))?;
            if let Some((scope, scope_code)) = &clerk {
                let inside = parent
                    .as_ref()
                    .is_some_and(|p| new_ids.contains(&p.id) || self.within(p.id, *scope, Some(date)));
                if !inside {
                    let p = parent.as_ref().map(|p| p.code.clone()).unwrap_or_else(|| "-".into());
                    return Err(at(
                        row,
                        ServiceError {
                            kind: ErrorKind::Forbidden,
                            field: Some("parent".into()),
                            value: Some(p.clone()),
                            vi: format!("{p} nằm ngoài phạm vi {scope_code} của '{user}'; không nhập gì"),
                            en: format!("{p} is outside the scope {scope_code} of '{user}'; nothing was imported"),
                        },
                    ));
                }
            }
            report_rows.push(OrgAdded {
                row: row.row,
                code: org.code.clone(),
                name,
                kind: org.kind,
                parent: parent.map(|p| p.code),
                members: row.members,
            });
            new_ids.insert(org.id);
            reg.put(org.clone());
            added.push(org);
        }
        let mut report = ImportReport {
            file_name: file_name.clone(),
            year: req.at.year(),
            dry_run: req.dry_run,
            seq: None,
            changes: Vec::new(),
            admissions: Vec::new(),
            orgs: report_rows,
            unchanged: 0,
            empty: 0,
        };
        if req.dry_run || added.is_empty() {
            return Ok(Response::Import(Box::new(report)));
        }
        let refs: Vec<&Org> = added.iter().collect();
        let mut puts = Put::org_chunks_with(&refs, |id| reg.get(id));
        puts.extend(added.iter().map(|o| Put::code(&o.code, o.id)));
        let codes: Vec<&str> = added.iter().map(|o| o.code.as_str()).collect();
        let seq = self.commit(
            user,
            "org.import",
            AuditDraft {
                summary: format!("import {file_name} ({}): {} organisations", req.sheet, added.len()),
                after: Some(serde_json::json!({ "file": file_name, "sheet": req.sheet, "codes": codes })),
                ..Default::default()
            },
            &puts,
        )?;
        self.state.register = reg;
        self.state.register_changed();
        if added.len() > 200 {
            events.push(Event::Reloaded);
        } else {
            events.push(Event::OrgsChanged {
                ids: added.iter().map(|o| o.id).collect(),
            });
        }
        report.seq = Some(seq);
        Ok(Response::Import(Box::new(report)))
    }
}
