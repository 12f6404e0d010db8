//! Backdated register changes meeting later records (issue 12 item 10).
//!
//! A change to the register may be dated in the past, before records already
//! kept: a member count set again later, a later rename or move, a year's
//! classification or a month's admissions of an organisation the change ends.
//! Such a change is not written silently: the records it meets are listed and
//! the clerk answers with a [`Resolution`]. Per kind of change:
//!
//! | change | later records it meets | choices |
//! |---|---|---|
//! | merge A into B | B's member counts dated after (they override the sum) | add A's members to each of them, or keep them (they already include A's) |
//! | merge A into B | B's classifications whose members' tallies no longer add up to its count with A's members | keep |
//! | merge, dissolve A | A's classifications of years it no longer lives in, A's admissions of months from the date on | keep them (kept on A, no longer in any tree) |
//! | move A | A's later moves (the new parent lasts until then) | keep |
//! | rename A | A's later renames (the new name lasts until then) | keep |
//! | members of A | A's later member counts (this one lasts until then); A's classifications whose members' tallies then no longer add up to the count | keep |
//!
//! A register change of A dated after the date of an ending (merge,
//! dissolution) is refused outright: history is not rewritten.

use super::org::{Change, Org};
use super::{Admissions, Classification};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What kind of record a backdated change meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A member count (số đảng viên) set on a later date.
    MemberCount,
    /// A later rename or move in the register.
    RegisterChange,
    /// A year's classification.
    Classification,
    /// A month's admissions.
    Admissions,
}

impl RecordKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            RecordKind::MemberCount => "Số đảng viên",
            RecordKind::RegisterChange => "Thay đổi tổ chức",
            RecordKind::Classification => "Xếp loại",
            RecordKind::Admissions => "Kết nạp",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            RecordKind::MemberCount => "member count",
            RecordKind::RegisterChange => "register change",
            RecordKind::Classification => "classification",
            RecordKind::Admissions => "admissions",
        }
    }
}

/// One record dated after the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaterRecord {
    pub kind: RecordKind,
    pub date: NaiveDate,
    /// The organisation the record is kept on.
    pub code: String,
    pub name: String,
    /// The value recorded, as shown ("120 (100 + 20)", "HTT", "3", a new name).
    pub value: String,
    /// Who recorded it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// The clerk's answer to a list of later records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Write the change; the later records stay as recorded (for a merge:
    /// the target's later member counts already include the merged members).
    Keep,
    /// Merge only: add the merged organisation's members to each member
    /// count of the target dated after the merge (recorded as new counts on
    /// the same dates, so the earlier records stay in the history).
    AddMembers,
}

impl Resolution {
    pub fn label_vi(self) -> &'static str {
        match self {
            Resolution::Keep => "Giữ nguyên các số liệu sau ngày này",
            Resolution::AddMembers => "Cộng đảng viên hợp nhất vào các số đảng viên sau ngày này",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Resolution::Keep => "Keep the later records as they are",
            Resolution::AddMembers => "Add the merged members to the later member counts",
        }
    }
}

/// The answer to a backdated change that meets later records: nothing was
/// written; the change may be sent again with one of `choices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflicts {
    /// The change asked about ("Hợp nhất BD.02 → BD.01 (20/12/2025)").
    pub change_vi: String,
    /// The same in English ("merge BD.02 → BD.01 (20/12/2025)").
    pub change_en: String,
    pub records: Vec<LaterRecord>,
    /// The resolutions that make sense here, the recommended first.
    pub choices: Vec<Resolution>,
}

fn record(kind: RecordKind, org: &Org, date: NaiveDate, value: String, by: Option<&str>) -> LaterRecord {
    LaterRecord {
        kind,
        date,
        code: org.code.clone(),
        name: org.last_name().to_string(),
        value,
        by: by.map(str::to_string),
    }
}

pub fn members_text(members: u32, probationary: Option<u32>) -> String {
    match probationary {
        Some(p) => format!("{members} ({} + {p})", members.saturating_sub(p)),
        None => members.to_string(),
    }
}

/// `org`'s member counts dated after `at`.
pub fn later_counts(org: &Org, at: NaiveDate) -> Vec<LaterRecord> {
    org.events
        .iter()
        .filter(|e| e.effective > at)
        .filter_map(|e| match e.change {
            Change::SetMembers { members, probationary } => Some(record(
                RecordKind::MemberCount,
                org,
                e.effective,
                members_text(members, probationary),
                Some(&e.by),
            )),
            _ => None,
        })
        .collect()
}

/// `org`'s renames (`renames`) or moves (otherwise) dated after `at`, the
/// value named by `parent_name` for a move.
pub fn later_changes(org: &Org, at: NaiveDate, renames: bool, parent_name: impl Fn(u32) -> String) -> Vec<LaterRecord> {
    org.events
        .iter()
        .filter(|e| e.effective > at)
        .filter_map(|e| {
            match &e.change {
                Change::Rename { name } if renames => Some(name.clone()),
                Change::Move { parent } if !renames => Some(format!("→ {}", parent_name(*parent))),
                _ => None,
            }
            .map(|v| record(RecordKind::RegisterChange, org, e.effective, v, Some(&e.by)))
        })
        .collect()
}

/// The first year an organisation ending on `at` no longer lives in.
pub fn first_year_gone(at: NaiveDate) -> i32 {
    if at.ordinal() == 1 {
        at.year()
    } else {
        at.year() + 1
    }
}

/// A classification of `org` kept for a year it no longer lives in.
pub fn orphan_classification(org: &Org, c: &Classification) -> LaterRecord {
    let date = c.decided.unwrap_or_else(|| super::year_end(c.year));
    let value = match c.score {
        Some(s) => format!("{} {} ({s})", c.year, c.level.short()),
        None => format!("{} {}", c.year, c.level.short()),
    };
    record(RecordKind::Classification, org, date, value, Some(&c.by))
}

/// `org`'s admissions of the months starting on or after `at`.
pub fn later_admissions(org: &Org, a: &Admissions, at: NaiveDate) -> Vec<LaterRecord> {
    (1..=12u32)
        .filter_map(|m| {
            let first = NaiveDate::from_ymd_opt(a.year, m, 1)?;
            let n = a.months[(m - 1) as usize];
            (first >= at && n > 0).then(|| record(RecordKind::Admissions, org, first, format!("{m:02}/{}: {n}", a.year), None))
        })
        .collect()
}

/// `org`'s classification `c` if its members' tallies no longer add up to
/// the count `members` (the caller picks the years that count holds at the
/// year's end, for an organisation holding its members directly).
pub fn tallies_off(org: &Org, c: &Classification, members: u32) -> Option<LaterRecord> {
    let t = c.members.as_ref()?;
    let sum = t.sum();
    (sum != u64::from(members)).then(|| {
        record(
            RecordKind::Classification,
            org,
            super::year_end(c.year),
            format!("{} {}: {sum} ≠ {members}", c.year, c.level.short()),
            Some(&c.by),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OrgEvent;
    use crate::domain::OrgKind;
    use chrono::Utc;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn org() -> Org {
        let ev = |effective, change| OrgEvent {
            effective,
            change,
            decision: None,
            recorded: Utc::now(),
            by: "a".into(),
        };
        Org {
            id: 2,
            code: "B".into(),
            kind: OrgKind::GrassrootsCell,
            founding_ref: String::new(),
            founding_date: None,
            events: vec![
                ev(
                    d(2020, 1, 1),
                    Change::Found {
                        name: "Chi bộ B".into(),
                        parent: Some(1),
                        members: 10,
                    },
                ),
                ev(
                    d(2026, 1, 6),
                    Change::SetMembers {
                        members: 12,
                        probationary: Some(2),
                    },
                ),
                ev(
                    d(2026, 2, 1),
                    Change::Rename {
                        name: "Chi bộ B mới".into(),
                    },
                ),
                ev(d(2026, 3, 1), Change::Move { parent: 7 }),
            ],
            version: 1,
        }
    }

    #[test]
    fn later_records_are_those_dated_after_the_change() {
        let o = org();
        let c = later_counts(&o, d(2025, 12, 20));
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].date, c[0].value.as_str()), (d(2026, 1, 6), "12 (10 + 2)"));
        assert!(later_counts(&o, d(2026, 1, 6)).is_empty(), "the same day is not later");
        let r = later_changes(&o, d(2025, 12, 20), true, |_| String::new());
        assert_eq!(r[0].value, "Chi bộ B mới");
        let m = later_changes(&o, d(2025, 12, 20), false, |p| format!("#{p}"));
        assert_eq!(m[0].value, "→ #7");
    }

    #[test]
    fn years_and_months_after_an_ending() {
        assert_eq!(first_year_gone(d(2025, 12, 20)), 2026);
        assert_eq!(first_year_gone(d(2026, 1, 1)), 2026);
        let mut a = Admissions::new(2, 2025);
        a.months[10] = 3; // November
        a.months[11] = 2; // December
        let o = org();
        let l = later_admissions(&o, &a, d(2025, 11, 20));
        assert_eq!(l.len(), 1, "December only: November began before the date");
        assert_eq!(l[0].value, "12/2025: 2");
        assert_eq!(later_admissions(&o, &a, d(2025, 11, 1)).len(), 2);
    }
}
