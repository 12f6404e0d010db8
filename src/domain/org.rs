//! An organisation and its effective-dated history of changes.

use super::kind::OrgKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Stable identifier; never reused.
pub type OrgId = u32;

/// One organisation as stored: fixed attributes plus its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Org {
    pub id: OrgId,
    /// Short unique code (editable; not effective-dated).
    pub code: String,
    pub kind: OrgKind,
    /// Reference of the founding decision, e.g. "8152-QĐ/TU".
    #[serde(default)]
    pub founding_ref: String,
    /// Date of the founding decision.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "stamp::some_date")]
    pub founding_date: Option<NaiveDate>,
    /// Sorted by (effective date, order of recording). The first is `Found`.
    pub events: Vec<OrgEvent>,
    /// Bumped on every change; a change based on an older version is refused.
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgEvent {
    #[serde(deserialize_with = "stamp::date")]
    pub effective: NaiveDate,
    pub change: Change,
    /// Decision reference for this change, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// When and by whom it was recorded (a change may be dated in the past).
    #[serde(deserialize_with = "stamp::deserialize")]
    pub recorded: DateTime<Utc>,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Found {
        name: String,
        parent: Option<OrgId>,
        members: u32,
    },
    Rename {
        name: String,
    },
    Move {
        parent: OrgId,
    },
    /// Members held directly from then on; `probationary` (dự bị) among them
    /// when recorded apart from the full (chính thức) ones (schema 4).
    SetMembers {
        members: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        probationary: Option<u32>,
    },
    MergeInto {
        target: OrgId,
    },
    Dissolve,
    /// The kind from then on (e.g. chi bộ cơ sở → đảng bộ cơ sở), and the
    /// kind it had before. The organisation's `kind` holds its latest kind;
    /// `kind_at` the kind of a date.
    SetKind {
        kind: OrgKind,
        from: OrgKind,
    },
    /// Undoes the ending (merge or dissolution) recorded just before it on the
    /// same date: an audited reverse change, history is kept.
    Reinstate,
}

impl Change {
    pub fn label_vi(&self) -> &'static str {
        match self {
            Change::Found { .. } => "Thành lập",
            Change::Rename { .. } => "Đổi tên",
            Change::Move { .. } => "Chuyển",
            Change::SetMembers { .. } => "Số đảng viên",
            Change::MergeInto { .. } => "Hợp nhất vào",
            Change::Dissolve => "Giải thể",
            Change::SetKind { .. } => "Đổi loại",
            Change::Reinstate => "Khôi phục (hoàn tác)",
        }
    }
    pub fn label_en(&self) -> &'static str {
        match self {
            Change::Found { .. } => "founded",
            Change::Rename { .. } => "renamed",
            Change::Move { .. } => "moved",
            Change::SetMembers { .. } => "members",
            Change::MergeInto { .. } => "merged into",
            Change::Dissolve => "dissolved",
            Change::SetKind { .. } => "kind changed",
            Change::Reinstate => "reinstated (undo)",
        }
    }
    pub fn ends(&self) -> bool {
        matches!(self, Change::MergeInto { .. } | Change::Dissolve)
    }
}

/// How an organisation's life ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ending {
    Dissolved(NaiveDate),
    Merged(NaiveDate, OrgId),
}

/// An organisation's attributes as they stood on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgState<'a> {
    pub name: &'a str,
    pub parent: Option<OrgId>,
    pub members: u32,
    /// Probationary members among `members`; None when not recorded apart.
    pub probationary: Option<u32>,
}

impl OrgState<'_> {
    /// Full (chính thức) members held directly, when known.
    pub fn full(&self) -> Option<u32> {
        self.probationary.map(|p| self.members.saturating_sub(p))
    }
}

impl Org {
    pub fn founded(&self) -> NaiveDate {
        self.events[0].effective
    }

    /// The date and manner of its end, if it has ended (at any date).
    pub fn ending(&self) -> Option<Ending> {
        // An ending undone by a later `Reinstate` no longer counts.
        let mut ending = None;
        for e in &self.events {
            match e.change {
                Change::Dissolve if ending.is_none() => ending = Some(Ending::Dissolved(e.effective)),
                Change::MergeInto { target } if ending.is_none() => ending = Some(Ending::Merged(e.effective, target)),
                Change::Reinstate => ending = None,
                _ => {}
            }
        }
        ending
    }

    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.ending().map(|e| match e {
            Ending::Dissolved(d) | Ending::Merged(d, _) => d,
        })
    }

    /// Whether it existed on `date` (founded on or before, not yet ended).
    pub fn alive_at(&self, date: NaiveDate) -> bool {
        self.founded() <= date && self.ended_on().is_none_or(|end| date < end)
    }

    /// Whether it existed at any time during `year`.
    pub fn alive_in_year(&self, year: i32) -> bool {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
        self.founded() <= super::year_end(year) && self.ended_on().is_none_or(|end| start < end)
    }

    /// Attributes as of `date`, or None if it did not exist then.
    pub fn state_at(&self, date: NaiveDate) -> Option<OrgState<'_>> {
        if !self.alive_at(date) {
            return None;
        }
        let mut st = OrgState {
            name: "",
            parent: None,
            members: 0,
            probationary: None,
        };
        for e in self.events.iter().take_while(|e| e.effective <= date) {
            match &e.change {
                Change::Found { name, parent, members } => {
                    st.name = name;
                    st.parent = *parent;
                    st.members = *members;
                    st.probationary = None;
                }
                Change::Rename { name } => st.name = name,
                Change::Move { parent } => st.parent = Some(*parent),
                Change::SetMembers { members, probationary } => {
                    st.members = *members;
                    st.probationary = *probationary;
                }
                Change::MergeInto { .. } | Change::Dissolve | Change::SetKind { .. } | Change::Reinstate => {}
            }
        }
        Some(st)
    }

    /// Its kind on `date`: the latest kind set on or before it, else the kind
    /// it was founded with.
    pub fn kind_at(&self, date: NaiveDate) -> OrgKind {
        let mut kind = self
            .events
            .iter()
            .find_map(|e| match e.change {
                Change::SetKind { from, .. } => Some(from),
                _ => None,
            })
            .unwrap_or(self.kind);
        for e in self.events.iter().take_while(|e| e.effective <= date) {
            if let Change::SetKind { kind: k, .. } = e.change {
                kind = k;
            }
        }
        kind
    }

    /// The latest name it had (for dissolved organisations, its last name).
    pub fn last_name(&self) -> &str {
        self.events
            .iter()
            .rev()
            .find_map(|e| match &e.change {
                Change::Found { name, .. } | Change::Rename { name } => Some(name.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// The parent it had just before `date` (for attributing an ended organisation).
    pub fn parent_before(&self, date: NaiveDate) -> Option<OrgId> {
        let mut parent = None;
        for e in self.events.iter().take_while(|e| e.effective < date) {
            match e.change {
                Change::Found { parent: p, .. } => parent = p,
                Change::Move { parent: p } => parent = Some(p),
                _ => {}
            }
        }
        parent
    }

    /// Insert an event keeping (effective date, recording order) sorted.
    pub fn push_event(&mut self, event: OrgEvent) {
        let pos = self.events.partition_point(|e| e.effective <= event.effective);
        self.events.insert(pos, event);
        self.version += 1;
    }
}

/// Reading `recorded` timestamps fast: every organisation's events are decoded
/// at start-up, and chrono's general RFC 3339 parser was ~25 ms of it (hanoi
/// data). The form thuky writes (`2026-11-24T19:07:47.559817703Z`) is read
/// directly; anything else goes to chrono.
mod stamp {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::{de::Error, Deserialize, Deserializer};
    use std::borrow::Cow;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        fast(&s)
            .or_else(|| s.parse::<DateTime<Utc>>().ok())
            .ok_or_else(|| D::Error::custom(format!("'{s}' is not an RFC 3339 timestamp")))
    }

    /// A `YYYY-MM-DD` date without chrono's general parser (every event of
    /// every organisation has one: decoding the register at start-up).
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        fast_date(&s)
            .or_else(|| s.parse::<NaiveDate>().ok())
            .ok_or_else(|| D::Error::custom(format!("'{s}' is not a date (YYYY-MM-DD)")))
    }

    /// `date` for an optional field (a missing one is `None` by `default`).
    pub fn some_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<Cow<'de, str>>::deserialize(d)? {
            None => Ok(None),
            Some(s) => fast_date(&s)
                .or_else(|| s.parse::<NaiveDate>().ok())
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("'{s}' is not a date (YYYY-MM-DD)"))),
        }
    }

    pub fn fast_date(s: &str) -> Option<NaiveDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
    }

    fn num(b: &[u8]) -> Option<u32> {
        b.iter()
            .try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or None.
    pub fn fast(s: &str) -> Option<DateTime<Utc>> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[b.len() - 1] != b'Z' {
            return None;
        }
        let nanos = match &b[19..b.len() - 1] {
            [] => 0,
            [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => num(frac)? * 10u32.pow(9 - frac.len() as u32),
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)?;
        Some(
            date.and_hms_nano_opt(num(&b[11..13])?, num(&b[14..16])?, num(&b[17..19])?, nanos)?
                .and_utc(),
        )
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn agrees_with_chrono() {
            for s in [
                "2026-11-24T19:07:47.559817703Z",
                "2026-11-24T19:07:47Z",
                "2024-02-29T00:00:00.5Z",
                "1999-12-31T23:59:59.123Z",
                "2025-07-01T08:00:00.000001Z",
            ] {
                assert_eq!(fast(s), Some(s.parse::<DateTime<Utc>>().unwrap()), "{s}");
            }
            for s in ["2026-11-24T19:07:47+07:00", "2026-13-01T00:00:00Z", "2026-11-24 19:07:47Z", "x"] {
                assert_eq!(fast(s), None, "{s}");
            }
            let now = Utc::now();
            assert_eq!(fast(serde_json::to_value(now).unwrap().as_str().unwrap()), Some(now));
        }

        #[test]
        fn dates_agree_with_chrono() {
            for s in ["2025-07-01", "2024-02-29", "0999-01-01", "2026-12-31"] {
                assert_eq!(fast_date(s), Some(s.parse::<NaiveDate>().unwrap()), "{s}");
            }
            for s in ["2025-02-29", "2025-13-01", "2025-7-01", "20250701", "x", "2025-07-01T"] {
                assert_eq!(fast_date(s), None, "{s}");
            }
            let day = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
            assert_eq!(fast_date(serde_json::to_value(day).unwrap().as_str().unwrap()), Some(day));
            let bad: Result<super::super::OrgEvent, _> =
                serde_json::from_str(r#"{"effective":"2025-02-30","change":"dissolve","recorded":"2025-01-01T00:00:00Z","by":"a"}"#);
            assert!(bad.unwrap_err().to_string().contains("2025-02-30"));
        }

        #[test]
        fn a_founding_date_reads_when_present_null_or_missing_and_a_bad_one_is_named() {
            let org = |extra: &str| {
                serde_json::from_str::<super::super::Org>(&format!(r#"{{"id":1,"code":"A","kind":"cell","events":[]{extra}}}"#))
            };
            let day = NaiveDate::from_ymd_opt(1995, 10, 28);
            assert_eq!(org(r#","founding_date":"1995-10-28""#).unwrap().founding_date, day);
            assert_eq!(org(r#","founding_date":null"#).unwrap().founding_date, None);
            assert_eq!(org("").unwrap().founding_date, None);
            assert!(org(r#","founding_date":"1995-10-32""#)
                .unwrap_err()
                .to_string()
                .contains("1995-10-32"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ev(at: NaiveDate, change: Change) -> OrgEvent {
        OrgEvent {
            effective: at,
            change,
            decision: None,
            recorded: DateTime::<Utc>::default(),
            by: "t".into(),
        }
    }

    fn org() -> Org {
        Org {
            id: 1,
            code: "A".into(),
            kind: OrgKind::GrassrootsCell,
            founding_ref: String::new(),
            founding_date: None,
            events: vec![ev(
                d(2020, 1, 1),
                Change::Found {
                    name: "A".into(),
                    parent: Some(0),
                    members: 5,
                },
            )],
            version: 1,
        }
    }

    #[test]
    fn a_reinstate_undoes_the_ending_before_it() {
        let mut o = org();
        o.push_event(ev(d(2025, 7, 1), Change::MergeInto { target: 9 }));
        assert_eq!(o.ending(), Some(Ending::Merged(d(2025, 7, 1), 9)));
        assert!(!o.alive_at(d(2025, 7, 1)));
        o.push_event(ev(d(2025, 7, 1), Change::Reinstate));
        assert_eq!(o.ending(), None);
        assert!(o.alive_at(d(2026, 1, 1)));
        // Ended again by an undo of the undo.
        o.push_event(ev(d(2025, 7, 1), Change::Dissolve));
        assert_eq!(o.ended_on(), Some(d(2025, 7, 1)));
    }

    #[test]
    fn the_kind_of_a_date_follows_its_changes_of_kind() {
        let mut o = org();
        assert_eq!(o.kind_at(d(2030, 1, 1)), OrgKind::GrassrootsCell);
        o.kind = OrgKind::GrassrootsCommittee;
        o.push_event(ev(
            d(2025, 1, 1),
            Change::SetKind {
                kind: OrgKind::GrassrootsCommittee,
                from: OrgKind::GrassrootsCell,
            },
        ));
        assert_eq!(o.kind_at(d(2024, 12, 31)), OrgKind::GrassrootsCell);
        assert_eq!(o.kind_at(d(2025, 1, 1)), OrgKind::GrassrootsCommittee);
    }
}
