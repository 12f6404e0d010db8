//! Read requests: views of the register, classifications, reports, audit.

use super::api::*;
use super::class_job::ClassJob;
use super::error::Result;
use super::validate;
use super::Service;
use crate::domain::org::{Change, OrgId};
use crate::domain::rules::Regulation;
use crate::domain::tree::Tree;
use crate::domain::year_end;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

impl Service {
    /// The scope code's id, or the root's when None.
    pub(super) fn scope(&self, tree: &Tree, under: Option<&str>) -> Result<OrgId> {
        match under {
            Some(code) => self.in_tree(tree, "under", code),
            None => tree.roots().first().copied().ok_or_else(|| {
                super::ServiceError::new(
                    super::ErrorKind::NotFound,
                    "chưa có dữ liệu (chạy `thuky demo` hoặc thêm tổ chức)",
                    "no data yet (run `thuky demo` or add organisations)",
                )
            }),
        }
    }

    /// The id of `code`, refused unless it is in `tree`.
    pub(super) fn in_tree(&self, tree: &Tree, field: &str, code: &str) -> Result<OrgId> {
        let org = validate::resolve(&self.state.register, field, code)?;
        if !tree.contains(org.id) {
            return Err(super::ServiceError::invalid(
                field,
                code,
                format!("không có trong cây ngày {}", validate::fmt_date(tree.date)),
                format!("was not in the tree on {}", validate::fmt_date(tree.date)),
            ));
        }
        Ok(org.id)
    }

    fn preorder(tree: &Tree, root: OrgId) -> Vec<OrgId> {
        tree.subtree(root)
    }

    pub(super) fn status(&mut self) -> Result<Response> {
        let today = chrono::Local::now().date_naive();
        let tree = self.state.tree(today, &self.collator);
        // The roots and the kept counts below them (not a walk per start of a client).
        let ix = self.tree_windows.get(tree.clone());
        let mut kinds: BTreeMap<crate::domain::OrgKind, usize> = BTreeMap::new();
        for r in tree.roots().iter().filter_map(|r| tree.node(*r)) {
            *kinds.entry(r.kind).or_insert(0) += 1;
            for (k, n) in ix.subtree_kinds(r.id) {
                *kinds.entry(k).or_insert(0) += n;
            }
        }
        let by_kind = kinds.into_iter().map(|(k, n)| (k.snake().to_string(), n)).collect();
        let members_now = tree
            .roots()
            .iter()
            .filter_map(|r| tree.node(*r))
            .map(|n| n.total_members as u64)
            .sum();
        let root = tree.roots().first().and_then(|r| tree.node(*r)).map(|n| n.name.clone());
        Ok(Response::Status(Status {
            data_dir: self.data_dir.display().to_string(),
            schema_version: self.store.schema_version()?,
            organisations: self.state.register.len(),
            organisations_now: tree.len(),
            members_now,
            by_kind_now: by_kind,
            class_years: self.store.class_years()?,
            audit_entries: self.store.audit_len()? as usize,
            root,
            settings: self.state.settings,
        }))
    }

    pub(super) fn tree_view(&mut self, at: NaiveDate, year: Option<i32>) -> Result<Response> {
        let tree = self.state.tree(at, &self.collator);
        let classes = match year {
            Some(y) => Some(self.state.classes(&self.store, validate::year(y)?)?),
            None => None,
        };
        let mut nodes = Vec::with_capacity(tree.len());
        for r in tree.roots() {
            for id in Self::preorder(&tree, *r) {
                let n = tree.node(id).expect("in tree");
                nodes.push(NodeView {
                    id,
                    code: n.code.clone(),
                    kind: n.kind,
                    name: n.name.clone(),
                    parent: n.parent,
                    depth: n.depth,
                    members: n.members,
                    total_members: n.total_members,
                    children: n.children.clone(),
                    level: classes.and_then(|c| c.get(&id)).map(|c| c.level),
                });
            }
        }
        Ok(Response::Tree(TreeView { at, year, nodes }))
    }

    pub(super) fn org_detail(&mut self, code: &str, at: NaiveDate, year: i32) -> Result<Response> {
        let org = validate::resolve(&self.state.register, "code", code)?.clone();
        let year = validate::year(year)?;
        let tree = self.state.tree(at, &self.collator);
        // The kept index of this tree: the merges into it and the counts below it.
        let ix = self.tree_windows.get(tree.clone());
        let reg = &self.state.register;
        let name_of = |id: OrgId| {
            reg.get(id).map(|o| {
                (
                    o.code.clone(),
                    o.state_at(at)
                        .map(|s| s.name.to_string())
                        .unwrap_or_else(|| o.last_name().to_string()),
                )
            })
        };
        let parents = if tree.contains(org.id) {
            tree.ancestors(org.id).into_iter().filter_map(name_of).collect()
        } else {
            Vec::new()
        };
        // Its own events, and the merges into it recorded on the merged organisations.
        let mut events: Vec<(&crate::domain::OrgEvent, Option<(String, String)>)> = org.events.iter().map(|e| (e, None)).collect();
        for other in ix
            .merged_into(reg, org.id)
            .iter()
            .filter(|o| **o != org.id)
            .filter_map(|o| reg.get(*o))
        {
            for e in &other.events {
                if matches!(e.change, Change::MergeInto { target } if target == org.id) {
                    events.push((e, Some((other.code.clone(), other.last_name().to_string()))));
                }
            }
        }
        events.sort_by_key(|(e, _)| e.effective);
        let history = events
            .into_iter()
            .map(|(e, from)| {
                if let Some((code, name)) = from {
                    return HistoryRow {
                        effective: e.effective,
                        label_vi: "Nhận hợp nhất từ".into(),
                        label_en: "merged in from".into(),
                        detail: format!("{code} {name}"),
                        decision: e.decision.clone(),
                        recorded: e.recorded,
                        by: e.by.clone(),
                        count_only: false,
                    };
                }
                let detail = match &e.change {
                    // The name it was founded with when it has another now,
                    // the organisation it was founded under, and the members
                    // it was founded with, if any: "Chi bộ A ← BD (12)".
                    Change::Found { name, parent, members } => {
                        let mut parts: Vec<String> = Vec::new();
                        if name != org.last_name() {
                            parts.push(name.clone());
                        }
                        if let Some((code, _)) = parent.and_then(name_of) {
                            parts.push(format!("← {code}"));
                        }
                        if *members > 0 {
                            parts.push(format!("({members})"));
                        }
                        parts.join(" ")
                    }
                    Change::Rename { name } => name.clone(),
                    Change::Move { parent } | Change::MergeInto { target: parent } => {
                        name_of(*parent).map(|(c, n)| format!("{c} {n}")).unwrap_or_default()
                    }
                    Change::SetMembers {
                        members,
                        probationary: None,
                    } => members.to_string(),
                    Change::SetMembers {
                        members,
                        probationary: Some(p),
                    } => format!("{members} ({} + {p})", members.saturating_sub(*p)),
                    Change::Dissolve | Change::Reinstate => String::new(),
                    Change::SetKind { kind, from } => format!("{} → {}", from.tag(), kind.tag()),
                };
                HistoryRow {
                    effective: e.effective,
                    label_vi: e.change.label_vi().into(),
                    label_en: e.change.label_en().into(),
                    detail,
                    decision: e.decision.clone(),
                    recorded: e.recorded,
                    by: e.by.clone(),
                    count_only: matches!(e.change, Change::SetMembers { .. }),
                }
            })
            .collect();
        let mut classifications = Vec::new();
        for y in (year - 4).max(crate::domain::FIRST_YEAR)..=year {
            if let Some(c) = self.state.class_of(&self.store, y, org.id)? {
                classifications.push(c);
            }
        }
        let subtree_by_kind = ix
            .subtree_kinds(org.id)
            .into_iter()
            .map(|(k, n)| (k.snake().to_string(), n))
            .collect();
        let st = org.state_at(at);
        let node = tree.node(org.id);
        Ok(Response::Org(Box::new(OrgDetail {
            id: org.id,
            code: org.code.clone(),
            kind: org.kind,
            name: st
                .as_ref()
                .map(|s| s.name.to_string())
                .unwrap_or_else(|| org.last_name().to_string()),
            at,
            alive: st.is_some(),
            founded: org.founded(),
            ending: org.ending(),
            founding_ref: org.founding_ref.clone(),
            founding_date: org.founding_date,
            parents,
            members: st.as_ref().map(|s| s.members).unwrap_or(0),
            total_members: node.map(|n| n.total_members).unwrap_or(0),
            history,
            classifications,
            admissions: self.state.admissions_of(&self.store, year, org.id)?,
            subtree_admissions: self.subtree_admissions(org.id, year)?,
            year,
            subtree_by_kind,
            version: org.version,
        })))
    }

    pub(super) fn class_list(&mut self, year: i32, under: Option<&str>) -> Result<Response> {
        Ok(self.class_list_job(year, under)?.run())
    }

    /// The whole classification list of `year` under `under` (every row and
    /// finding, and the scope's footer), ready to be computed anywhere.
    pub(super) fn class_list_job(&mut self, year: i32, under: Option<&str>) -> Result<ClassJob> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, under)?;
        let ids = Self::preorder(&tree, scope);
        let code = tree.node(scope).map(|n| n.code.clone()).unwrap_or_default();
        self.class_job(year, tree, ids, true, Some((scope, code)))
    }

    pub(super) fn class_rows(&mut self, year: i32, codes: &[String]) -> Result<Response> {
        let year = validate::year(year)?;
        if codes.len() > MAX_CODES {
            return Err(super::ServiceError::invalid(
                "codes",
                codes.len().to_string(),
                format!("quá nhiều mã trong một yêu cầu (tối đa {MAX_CODES})"),
                format!("too many codes in one request (at most {MAX_CODES})"),
            ));
        }
        let tree = self.state.tree(year_end(year), &self.collator);
        let mut ids = Vec::with_capacity(codes.len());
        for code in codes {
            let id = self.in_tree(&tree, "codes", code)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(self.class_job(year, tree, ids, false, None)?.run())
    }

    /// The rows of `ids` (all but the scope's own when `skip_first_row`) and
    /// every finding on `ids` in `year`'s tree, as a job over shared snapshots.
    fn class_job(
        &mut self,
        year: i32,
        tree: Arc<Tree>,
        ids: Vec<OrgId>,
        skip_first_row: bool,
        scope: Option<(OrgId, String)>,
    ) -> Result<ClassJob> {
        let (classes, admissions) = self.state.year_snapshot(&self.store, year)?;
        Ok(ClassJob {
            year,
            tree,
            ids,
            skip_first_row,
            scope,
            classes,
            admissions,
            settings: self.state.settings,
            disciplined: self.disciplined(year)?,
        })
    }

    pub(super) fn report_view(&mut self, year: i32, under: Option<&str>) -> Result<Response> {
        let year = validate::year(year)?;
        let tree = self.state.tree(year_end(year), &self.collator);
        let scope = self.scope(&tree, under)?;
        let today = chrono::Local::now().date_naive();
        let mut report = self.state.report(&self.store, &self.collator, year, scope, today)?;
        report.findings.extend(self.discipline_findings(year, &tree, &tree.subtree(scope))?);
        let mut names = BTreeMap::new();
        for f in &report.findings {
            if let Some(n) = tree.node(f.org) {
                names.insert(f.org, (n.code.clone(), n.name.clone()));
            }
        }
        let scope_node = tree.node(scope).expect("scope in tree");
        Ok(Response::Report(Box::new(ReportView {
            scope_code: scope_node.code.clone(),
            scope_name: scope_node.name.clone(),
            regulation: Regulation::for_year(year),
            names,
            report,
        })))
    }

    pub(super) fn audit(&mut self, q: &AuditQuery) -> Result<Response> {
        let limit = validate::audit_limit(q.limit.unwrap_or(200))?;
        let org = q.org.as_ref().map(|c| c.trim().to_uppercase());
        // Days in local time, as the log shows them.
        let day = |e: &crate::domain::audit::AuditEntry| e.at.with_timezone(&chrono::Local).date_naive();
        let mut skip = q.offset.unwrap_or(0);
        let entries = self.store.audit(limit, |e| {
            let hit = q.user.as_ref().is_none_or(|u| &e.user == u)
                && org.as_ref().is_none_or(|c| e.org.as_deref() == Some(c.as_str()))
                && q.since.is_none_or(|d| day(e) >= d)
                && q.until.is_none_or(|d| day(e) <= d);
            if hit && skip > 0 {
                skip -= 1;
                return false;
            }
            hit
        })?;
        Ok(Response::AuditList(entries))
    }
}

/// How many organisations one `ClassificationRows` request may name.
const MAX_CODES: usize = 1000;
