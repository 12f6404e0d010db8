//! A block of admissions (several organisations × months, e.g. pasted from a
//! spreadsheet) written in one transaction with one audit entry, validated all
//! or nothing; the answer carries the block that puts back what was there.

use super::api::{AdmitBlock, BlockRow, Done, Event, Response};
use super::error::{Result, ServiceError};
use super::validate;
use super::{json, AuditDraft, Service};
use crate::domain::credit::existed_in_month;
use crate::domain::Admissions;
use crate::store::Put;

/// At most this many cells in one block (a year of a large district's organisations).
pub const MAX_CELLS: usize = 12 * 2_000;
const MAX_COUNT: u32 = 1_000_000;

impl Service {
    pub(super) fn admit_block(&mut self, user: &str, block: AdmitBlock, events: &mut Vec<Event>) -> Result<Response> {
        let year = validate::year(block.year)?;
        let cells: usize = block.rows.iter().map(|r| r.counts.len()).sum();
        if block.rows.is_empty() || cells == 0 {
            return Err(ServiceError::invalid("rows", "", "khối trống", "the block is empty"));
        }
        if cells > MAX_CELLS {
            return Err(ServiceError::invalid(
                "rows",
                cells,
                format!("quá nhiều ô trong một khối (tối đa {MAX_CELLS})"),
                format!("too many cells in one block (at most {MAX_CELLS})"),
            ));
        }
        self.state.admissions(&self.store, year)?;
        // Validate every cell before anything is written; later rows for the
        // same organisation apply over earlier ones.
        let mut changed: Vec<(Admissions, Option<Admissions>)> = Vec::new();
        for (i, row) in block.rows.iter().enumerate() {
            let at = format!("rows[{i}]");
            let org = validate::resolve(&self.state.register, "code", &row.code)?.clone();
            let last = row.from_month as usize + row.counts.len();
            if !(1..=12).contains(&row.from_month) || last > 13 {
                return Err(ServiceError::invalid(
                    &at,
                    format!("{} {}+{}", org.code, row.from_month, row.counts.len()),
                    "các tháng phải nằm trong 1-12",
                    "the months must lie within 1-12",
                ));
            }
            let idx = match changed.iter().position(|(a, _)| a.org == org.id) {
                Some(i) => i,
                None => {
                    let existing = self.state.admissions_loaded(year).and_then(|m| m.get(&org.id)).cloned();
                    let a = existing.clone().unwrap_or_else(|| Admissions::new(org.id, year));
                    changed.push((a, existing));
                    changed.len() - 1
                }
            };
            for (k, n) in row.counts.iter().enumerate() {
                let Some(n) = *n else { continue };
                let month = row.from_month + k as u32;
                if n > MAX_COUNT {
                    return Err(ServiceError::invalid(
                        &at,
                        format!("{} {month}/{year}: {n}", org.code),
                        "quá lớn (tối đa 1.000.000)",
                        "too large (at most 1,000,000)",
                    ));
                }
                if !existed_in_month(&org, year, month) {
                    return Err(ServiceError::invalid(
                        &at,
                        format!("{} {month}/{year}: {n}", org.code),
                        format!("{} không tồn tại trong tháng {month}/{year}", org.code),
                        format!("{} did not exist in {month}/{year}", org.code),
                    ));
                }
                changed[idx].0.months[month as usize - 1] = n;
            }
        }
        changed.retain(|(a, before)| before.as_ref().map_or(a.total() > 0, |b| b.months != a.months));
        if changed.is_empty() {
            return Ok(Response::AdmissionBlockDone {
                done: Done {
                    seq: 0,
                    summary_vi: "Không có gì thay đổi".into(),
                    summary_en: "Nothing changed".into(),
                    code: None,
                    version: None,
                },
                undo: AdmitBlock { year, rows: Vec::new() },
            });
        }
        for (a, _) in changed.iter_mut() {
            a.version += 1;
        }
        let puts: Vec<Put> = changed.iter().map(|(a, _)| Put::admissions(a)).collect();
        let code_of = |id| self.state.register.get(id).map(|o| o.code.clone()).unwrap_or_default();
        let undo = AdmitBlock {
            year,
            rows: changed
                .iter()
                .map(|(a, before)| BlockRow {
                    code: code_of(a.org),
                    from_month: 1,
                    counts: before.as_ref().map_or([0; 12], |b| b.months).iter().map(|n| Some(*n)).collect(),
                })
                .collect(),
        };
        let added: i64 = changed
            .iter()
            .map(|(a, b)| a.total() as i64 - b.as_ref().map_or(0, |b| b.total() as i64))
            .sum();
        let befores: Vec<&Admissions> = changed.iter().filter_map(|(_, b)| b.as_ref()).collect();
        let afters: Vec<&Admissions> = changed.iter().map(|(a, _)| a).collect();
        let n = changed.len();
        let seq = self.commit(
            user,
            "admit.block",
            AuditDraft {
                org: (n == 1).then(|| code_of(changed[0].0.org)),
                year: Some(year),
                summary: format!("{n} organisations in {year}: {cells} cells, {added:+} admissions"),
                before: json(&befores),
                after: json(&afters),
            },
            &puts,
        )?;
        for (a, _) in changed {
            events.push(Event::AdmissionsChanged { year, org: a.org });
            self.state.put_admissions(&self.store, a)?;
        }
        Ok(Response::AdmissionBlockDone {
            done: Done {
                seq,
                summary_vi: format!("Đã lưu kết nạp năm {year} của {n} tổ chức ({added:+})"),
                summary_en: format!("Saved {year} admissions of {n} organisations ({added:+})"),
                code: None,
                version: None,
            },
            undo,
        })
    }
}
