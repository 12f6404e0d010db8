//! Entering and clearing annual classifications.

use super::api::{ClassifyInput, Done, Event, Response};
use super::error::{Result, ServiceError};
use super::validate::{self, fmt_date};
use super::{json, AuditDraft, Service};
use crate::domain::org::Org;
use crate::domain::rules::Regulation;
use crate::domain::{year_end, year_start, Classification, Level, OrgKind};
use crate::store::Put;
use chrono::Utc;

/// A validated entry: the organisation, what is stored, what would be stored.
pub(super) struct Prepared {
    pub org: Org,
    pub existing: Option<Classification>,
    pub new: Classification,
}

/// With `keep_rest`, a field not given keeps its stored value.
fn keep<T>(keep_rest: bool, new: Option<T>, old: Option<T>) -> Option<T> {
    if keep_rest {
        new.or(old)
    } else {
        new
    }
}

impl Service {
    pub(super) fn classify_set(&mut self, user: &str, input: ClassifyInput, events: &mut Vec<Event>) -> Result<Response> {
        let Prepared { org, existing, new: c } = self.prepare_class(user, input)?;
        let year = c.year;
        let summary = match &existing {
            Some(e) => format!("{} {year}: {} → {}", org.code, e.level, c.level),
            None => format!("{} {year}: {}", org.code, c.level),
        };
        let seq = self.commit(
            user,
            "classify.set",
            AuditDraft {
                org: Some(org.code.clone()),
                year: Some(year),
                summary,
                before: existing.as_ref().and_then(json),
                after: json(&c),
            },
            &[Put::class(&c)],
        )?;
        if let Some(m) = self.state.loaded_classes_mut(year) {
            m.insert(org.id, c.clone());
        }
        events.push(Event::ClassificationChanged {
            year,
            org: org.id,
            by: user.to_string(),
        });
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!("{} năm {year}: {}", org.code, c.level),
            summary_en: format!("{} {year}: {}", org.code, c.level),
            code: Some(org.code),
            version: Some(c.version),
        }))
    }

    /// Validate one entry (every rule an entry is refused by) and build the
    /// record it would store, without writing. Shared by entry and import.
    pub(super) fn prepare_class(&mut self, user: &str, input: ClassifyInput) -> Result<Prepared> {
        let year = validate::year(input.year)?;
        let org = validate::resolve(&self.state.register, "code", &input.code)?.clone();
        if org.kind == OrgKind::City {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                "Đảng bộ Thành phố không xếp loại ở đây",
                "the city committee is not classified here",
            ));
        }
        let end = year_end(year);
        if !org.alive_at(end) {
            let why_vi = match org.ended_on() {
                Some(d) if d <= end => format!("không có trong cây năm {year} (kết thúc {})", fmt_date(d)),
                _ => format!("không có trong cây năm {year} (thành lập {})", fmt_date(org.founded())),
            };
            let why_en = match org.ended_on() {
                Some(d) if d <= end => format!("was not in the {year} tree (ended {})", fmt_date(d)),
                _ => format!("was not in the {year} tree (founded {})", fmt_date(org.founded())),
            };
            return Err(ServiceError::invalid("code", &org.code, why_vi, why_en));
        }
        let regulation = Regulation::for_year(year).expect("validated year");
        if let Some(s) = input.score {
            if !regulation.uses_score() {
                return Err(ServiceError::invalid(
                    "score",
                    s,
                    format!("năm {year} chưa chấm điểm (điểm có từ năm 2025, QĐ 366)"),
                    format!("{year} has no scores (scores start in 2025, QĐ 366)"),
                ));
            }
            if !s.is_finite() || !(0.0..=100.0).contains(&s) {
                return Err(ServiceError::invalid(
                    "score",
                    s,
                    "điểm phải từ 0 đến 100",
                    "a score is from 0 to 100",
                ));
            }
        }
        let existing = self.state.classes(&self.store, year)?.get(&org.id).cloned();
        if let Some(e) = &existing {
            validate::version(&org.code, e.version, &e.by, input.base_version, e.level.short(), e.level.short())?;
        } else if input.base_version.is_some_and(|v| v != 0) {
            validate::version(&org.code, 0, "?", input.base_version, "chưa xếp loại", "not classified")?;
        }
        let kr = input.keep_rest;
        let score = if input.keep_rest && input.level.is_some() && input.score.is_none() {
            // A level typed alone replaces a score that disagrees with it.
            existing
                .as_ref()
                .and_then(|e| e.score)
                .filter(|s| input.level == Some(Level::from_score(*s)))
        } else {
            keep(kr, input.score, existing.as_ref().and_then(|e| e.score))
        };
        let level = match (input.level, score) {
            (Some(l), _) => l,
            (None, Some(s)) => Level::from_score(s),
            (None, None) => match existing.as_ref().filter(|_| input.keep_rest) {
                Some(e) => e.level,
                None => {
                    return Err(ServiceError::invalid(
                        "level",
                        "",
                        "cần mức xếp loại (HTXS/HTT/HT/KHT hoặc 1-4) hoặc điểm",
                        "a level (HTXS/HTT/HT/KHT or 1-4) or a score is needed",
                    ))
                }
            },
        };
        let old_members = existing.as_ref().and_then(|e| e.members);
        let mut members = keep(kr, input.members, old_members);
        if let (Some(new), Some(old)) = (members.as_mut(), old_members) {
            // Five numbers typed over seven keep the reasons when the not-rated total is unchanged.
            if new.not_rated_by.is_none() && new.not_rated == old.not_rated {
                new.not_rated_by = old.not_rated_by;
            }
        }
        if let Some(by) = members.as_ref().and_then(|t| t.not_rated_by) {
            if let Some(t) = members.as_ref().filter(|t| by.sum() != t.not_rated as u64) {
                return Err(ServiceError::invalid(
                    "members",
                    format!("{},{},{},{},{}", t.htxs, t.htt, t.ht, t.kht, t.not_rated),
                    format!("số chưa xếp loại theo lý do cộng lại {} ≠ {}", by.sum(), t.not_rated),
                    format!("the not-rated members by reason add up to {}, not {}", by.sum(), t.not_rated),
                ));
            }
        }
        if let Some(t) = &members {
            let total = self
                .state
                .tree(end, &self.collator)
                .node(org.id)
                .map(|n| n.total_members)
                .unwrap_or(0);
            if t.sum() > total as u64 {
                return Err(ServiceError::invalid(
                    "members",
                    format!("{},{},{},{},{}", t.htxs, t.htt, t.ht, t.kht, t.not_rated),
                    format!("tổng {} vượt số đảng viên {} của {} năm {year}", t.sum(), total, org.code),
                    format!("adds up to {}, more than the {} members {} had in {year}", t.sum(), total, org.code),
                ));
            }
        }
        if let Some(d) = input.decided {
            // Decided in the year rated or the next (grassroots by 31/12, the city in January).
            let (from, to) = (year_start(year), year_end(year + 1));
            if d < from || d > to {
                return Err(ServiceError::invalid(
                    "decided",
                    fmt_date(d),
                    format!(
                        "quyết định xếp loại năm {year} phải có ngày từ {} đến {}",
                        fmt_date(from),
                        fmt_date(to)
                    ),
                    format!("a decision on {year} is dated from {} to {}", fmt_date(from), fmt_date(to)),
                ));
            }
        }
        let decided = keep(kr, input.decided, existing.as_ref().and_then(|e| e.decided));
        let c = Classification {
            org: org.id,
            year,
            level,
            score,
            members,
            decision: keep(
                kr,
                validate::optional_text("decision", input.decision)?,
                existing.as_ref().and_then(|e| e.decision.clone()),
            ),
            decided,
            note: keep(
                kr,
                validate::optional_text("note", input.note)?,
                existing.as_ref().and_then(|e| e.note.clone()),
            ),
            by: user.to_string(),
            at: Utc::now(),
            version: existing.as_ref().map(|e| e.version).unwrap_or(0) + 1,
        };
        Ok(Prepared { org, existing, new: c })
    }

    pub(super) fn classify_clear(
        &mut self,
        user: &str,
        code: &str,
        year: i32,
        base: Option<u64>,
        events: &mut Vec<Event>,
    ) -> Result<Response> {
        let year = validate::year(year)?;
        let org = validate::resolve(&self.state.register, "code", code)?.clone();
        let Some(existing) = self.state.classes(&self.store, year)?.get(&org.id).cloned() else {
            return Err(ServiceError::invalid(
                "code",
                &org.code,
                format!("chưa xếp loại năm {year}"),
                format!("has no classification for {year}"),
            ));
        };
        validate::version(
            &org.code,
            existing.version,
            &existing.by,
            base,
            existing.level.short(),
            existing.level.short(),
        )?;
        let seq = self.commit(
            user,
            "classify.clear",
            AuditDraft {
                org: Some(org.code.clone()),
                year: Some(year),
                summary: format!("{} {year}: {} → (none)", org.code, existing.level),
                before: json(&existing),
                after: None,
            },
            &[Put::remove_class(year, org.id)],
        )?;
        if let Some(m) = self.state.loaded_classes_mut(year) {
            m.remove(&org.id);
        }
        events.push(Event::ClassificationChanged {
            year,
            org: org.id,
            by: user.to_string(),
        });
        Ok(Response::Done(Done {
            seq,
            summary_vi: format!("Đã xóa xếp loại {} năm {year}", org.code),
            summary_en: format!("Cleared the {year} classification of {}", org.code),
            code: Some(org.code),
            version: None,
        }))
    }
}
