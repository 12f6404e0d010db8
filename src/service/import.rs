//! Imports: many rows from a spreadsheet, each validated exactly as an entry
//! is (`prepare_class`), then written in one transaction with one audit entry
//! naming the file, or not at all.

use super::api::{ClassificationImport, ClassifyInput, Event, ImportChange, ImportReport, ImportRow, Response};
use super::error::{ErrorKind, Result, ServiceError};
use super::validate;
use super::{AuditDraft, Service};
use crate::domain::text::{clean, fold};
use crate::domain::tree::Tree;
use crate::domain::{year_end, OrgId};
use crate::store::Put;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The most rows one import may hold (Hanoi has about 21,000 organisations).
pub const MAX_IMPORT_ROWS: usize = 100_000;

/// Above this many changed organisations, clients are told to reload everything
/// instead of receiving one event per organisation.
const EVENTS_ONE_BY_ONE: usize = 200;

impl Service {
    pub(super) fn classification_import(&mut self, user: &str, req: ClassificationImport, events: &mut Vec<Event>) -> Result<Response> {
        let year = validate::year(req.year)?;
        too_many(req.rows.len())?;
        let file_name = validate::name("file_name", &req.file_name)?;
        let at = |row: &ImportRow, e: ServiceError| place_error(&req.sheet, &req.columns, row.row, e);
        let mut rs = self.resolver(user, req.year, req.under.as_deref())?;
        let tree = rs.tree.clone();
        let mut changes = Vec::new();
        let (mut unchanged, mut empty) = (0usize, 0usize);
        for row in &req.rows {
            let id = self
                .resolve_row(&mut rs, user, row.row, row.code.as_deref(), row.name.as_deref())
                .map_err(|e| at(row, e))?;
            let nothing = row.level.is_none()
                && row.score.is_none()
                && row.members.is_none()
                && row.decision.is_none()
                && row.decided.is_none()
                && row.note.is_none();
            if nothing {
                empty += 1;
                continue;
            }
            let code = self.state.register.get(id).map(|o| o.code.clone()).unwrap_or_default();
            let input = ClassifyInput {
                code,
                year,
                level: row.level,
                score: row.score,
                members: row.members,
                decision: row.decision.clone(),
                decided: row.decided,
                note: row.note.clone(),
                keep_rest: true,
                base_version: None,
            };
            let p = self.prepare_class(user, input).map_err(|e| at(row, e))?;
            let same = p.existing.as_ref().is_some_and(|e| {
                e.level == p.new.level
                    && e.score == p.new.score
                    && e.members == p.new.members
                    && e.decision == p.new.decision
                    && e.decided == p.new.decided
                    && e.note == p.new.note
            });
            if same {
                unchanged += 1;
                continue;
            }
            let name = tree
                .node(id)
                .map(|n| n.name.clone())
                .unwrap_or_else(|| p.org.last_name().to_string());
            changes.push(ImportChange {
                row: row.row,
                code: p.org.code.clone(),
                name,
                before: p.existing,
                after: p.new,
            });
        }
        let mut report = ImportReport {
            file_name: file_name.clone(),
            year,
            dry_run: req.dry_run,
            seq: None,
            changes,
            admissions: Vec::new(),
            orgs: Vec::new(),
            unchanged,
            empty,
        };
        if req.dry_run || report.changes.is_empty() {
            return Ok(Response::Import(Box::new(report)));
        }
        let puts: Vec<Put> = report.changes.iter().map(|c| Put::class(&c.after)).collect();
        let codes: Vec<&str> = report.changes.iter().map(|c| c.code.as_str()).collect();
        let seq = self.commit(
            user,
            "classify.import",
            AuditDraft {
                org: req.under.clone(),
                year: Some(year),
                summary: format!(
                    "import {file_name} ({}): {} classifications {year}",
                    req.sheet,
                    report.changes.len()
                ),
                before: None,
                after: Some(serde_json::json!({ "file": file_name, "sheet": req.sheet, "codes": codes })),
            },
            &puts,
        )?;
        if let Some(m) = self.state.loaded_classes_mut(year) {
            for c in &report.changes {
                m.insert(c.after.org, c.after.clone());
            }
        }
        if report.changes.len() > EVENTS_ONE_BY_ONE {
            events.push(Event::Reloaded);
        } else {
            events.extend(report.changes.iter().map(|c| Event::ClassificationChanged {
                year,
                org: c.after.org,
                by: user.to_string(),
            }));
        }
        report.seq = Some(seq);
        Ok(Response::Import(Box::new(report)))
    }
}

pub(super) fn too_many(rows: usize) -> Result<()> {
    if rows > MAX_IMPORT_ROWS {
        return Err(ServiceError::invalid(
            "rows",
            rows,
            format!("quá nhiều dòng trong một lần nhập (tối đa {MAX_IMPORT_ROWS})"),
            format!("too many rows in one import (at most {MAX_IMPORT_ROWS})"),
        ));
    }
    Ok(())
}

/// How the rows of one import find their organisations.
pub(super) struct Resolver {
    pub year: i32,
    pub tree: Arc<Tree>,
    /// Names are matched within this subtree.
    name_scope: Option<OrgId>,
    by_name: Option<HashMap<String, Vec<OrgId>>>,
    /// Organisation → the row it was first on.
    seen: HashMap<OrgId, u32>,
    /// A clerk's scope: every row must lie within it.
    clerk: Option<(OrgId, String)>,
}

impl Service {
    pub(super) fn resolver(&mut self, user: &str, year: i32, under: Option<&str>) -> Result<Resolver> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let clerk = self.clerk_scope(user)?;
        // Names are matched within --under, else the clerk's scope, else the whole tree.
        let name_scope = match (under, &clerk) {
            (Some(code), _) => {
                let org = validate::resolve(&self.state.register, "under", code)?;
                if !tree.contains(org.id) {
                    return Err(ServiceError::invalid(
                        "under",
                        code,
                        format!("không có trong cây năm {year}"),
                        format!("was not in the {year} tree"),
                    ));
                }
                Some(org.id)
            }
            (None, Some((id, _))) => Some(*id),
            (None, None) => tree.roots().first().copied(),
        };
        Ok(Resolver {
            year,
            tree,
            name_scope,
            by_name: None,
            seen: HashMap::new(),
            clerk,
        })
    }

    /// The organisation of one row: by code, else by its folded name within the
    /// scope (an ambiguous name names the candidates); each at most once, and
    /// within a clerk's scope.
    pub(super) fn resolve_row(&self, rs: &mut Resolver, user: &str, row: u32, code: Option<&str>, name: Option<&str>) -> Result<OrgId> {
        let tree = rs.tree.clone();
        let year = rs.year;
        let id = match (code, name) {
            (Some(code), _) => match self.state.register.find_code(code.trim()) {
                Some(o) => o.id,
                None => return Err(ServiceError::unknown_code("code", code)),
            },
            (None, Some(name)) => {
                let scope = rs.name_scope;
                let index = rs.by_name.get_or_insert_with(|| {
                    let mut m: HashMap<String, Vec<OrgId>> = HashMap::new();
                    if let Some(scope) = scope {
                        for id in tree.subtree(scope).into_iter().skip(1) {
                            if let Some(n) = tree.node(id) {
                                m.entry(fold(&n.name)).or_default().push(id);
                            }
                        }
                    }
                    m
                });
                match index.get(&fold(&clean(name))).map(Vec::as_slice) {
                    Some([one]) => *one,
                    Some(many) => {
                        let list = many
                            .iter()
                            .filter_map(|id| tree.node(*id))
                            .map(|n| {
                                let parent = n.parent.and_then(|p| tree.node(p)).map(|p| p.name.as_str()).unwrap_or("");
                                format!("{} ({parent})", n.code)
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        return Err(ServiceError::invalid(
                            "name",
                            name,
                            format!("nhiều tổ chức cùng tên: {list}; hãy ghi mã"),
                            format!("several organisations have this name: {list}; give the code"),
                        ));
                    }
                    None => {
                        return Err(ServiceError::new(
                            ErrorKind::NotFound,
                            format!("name = '{name}': không có tổ chức nào tên này trong cây năm {year} của phạm vi"),
                            format!("name = '{name}': no organisation of this name in the {year} tree of the scope"),
                        ))
                    }
                }
            }
            (None, None) => {
                return Err(ServiceError::invalid(
                    "code",
                    "",
                    "thiếu cả mã lẫn tên tổ chức",
                    "neither a code nor a name is given",
                ))
            }
        };
        if let Some(first) = rs.seen.insert(id, row) {
            let code = self.state.register.get(id).map(|o| o.code.clone()).unwrap_or_default();
            return Err(ServiceError::invalid(
                "code",
                &code,
                format!("tổ chức này đã có ở dòng {first}"),
                format!("this organisation is already on row {first}"),
            ));
        }
        if let Some((scope, scope_code)) = &rs.clerk {
            if !self.within(id, *scope, Some(year_end(year))) {
                let o = self.state.register.get(id).expect("resolved");
                return Err(ServiceError {
                    kind: ErrorKind::Forbidden,
                    field: Some("code".into()),
                    value: Some(o.code.clone()),
                    vi: format!(
                        "{} ({}) nằm ngoài phạm vi {scope_code} của '{user}'; không nhập gì",
                        o.code,
                        o.last_name()
                    ),
                    en: format!(
                        "{} ({}) is outside the scope {scope_code} of '{user}'; nothing was imported",
                        o.code,
                        o.last_name()
                    ),
                });
            }
        }
        Ok(id)
    }
}

/// Prefix an error with the place in the file: sheet, row, and the column of its field.
pub(super) fn place_error(sheet: &str, columns: &BTreeMap<String, String>, row: u32, mut e: ServiceError) -> ServiceError {
    let col = e.field.as_deref().and_then(|f| columns.get(f));
    let (vi, en) = match col {
        Some(c) => (
            format!("trang '{sheet}', dòng {row}, cột {c}: "),
            format!("sheet '{sheet}', row {row}, column {c}: "),
        ),
        None => (format!("trang '{sheet}', dòng {row}: "), format!("sheet '{sheet}', row {row}: ")),
    };
    e.vi = format!("{vi}{}; không nhập gì", e.vi);
    e.en = format!("{en}{}; nothing was imported", e.en);
    e
}
