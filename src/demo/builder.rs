//! Accumulates organisations with dense ids, unique codes and sorted events.

use super::codes::{self, Codes};
use super::names::NameBook;
use super::places::UnitKind;
use super::rng::{range, R};
use crate::domain::text::clean;
use crate::domain::{Change, Org, OrgEvent, OrgId, OrgKind};
use chrono::{DateTime, NaiveDate, Utc};

/// What an organisation is, for naming its cells and for later changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    #[default]
    Office,
    Unit(UnitKind),
    PartyAgency,
    Government,
    Police,
    PoliceDept,
    HealthCentre,
    Hospital,
    School,
    Company,
    Department,
    University,
    Army,
    Tax,
}

/// Side facts about an organisation that the generator needs later.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub flavor: Flavor,
    /// Name scope its body was claimed in.
    pub scope: u64,
    /// The name without "Đảng bộ"/"Chi bộ".
    pub body: String,
    /// Index of the district it belongs to (grassroots of a district).
    pub district: Option<usize>,
    /// Goes to "Đảng bộ các cơ quan Đảng Thành phố" in 2025.
    pub party_side: bool,
    /// For a ward/commune committee: the residential cells' prefix and last number.
    pub residential: Option<(String, u32)>,
    /// For a residential cell: its number.
    pub number: Option<u32>,
}

pub struct Builder {
    pub orgs: Vec<Org>,
    pub meta: Vec<Meta>,
    /// Organisations that ever had each organisation as parent.
    pub kids: Vec<Vec<OrgId>>,
    pub names: NameBook,
    codes: Codes,
    seq: Vec<u32>,
    now: DateTime<Utc>,
}

impl Builder {
    pub fn new(now: DateTime<Utc>) -> Self {
        Builder {
            orgs: Vec::new(),
            meta: Vec::new(),
            kids: Vec::new(),
            names: NameBook::default(),
            codes: Codes::default(),
            seq: Vec::new(),
            now,
        }
    }

    pub fn org(&self, id: OrgId) -> &Org {
        &self.orgs[id as usize - 1]
    }

    pub fn meta(&self, id: OrgId) -> &Meta {
        &self.meta[id as usize - 1]
    }

    pub fn meta_mut(&mut self, id: OrgId) -> &mut Meta {
        &mut self.meta[id as usize - 1]
    }

    pub fn kids(&self, id: OrgId) -> &[OrgId] {
        &self.kids[id as usize - 1]
    }

    pub fn ids(&self) -> impl Iterator<Item = OrgId> {
        1..=self.orgs.len() as OrgId
    }

    pub fn event(&self, effective: NaiveDate, change: Change, decision: Option<String>) -> OrgEvent {
        OrgEvent {
            effective,
            change,
            decision,
            recorded: self.now,
            by: "demo".into(),
        }
    }

    /// Add an event to an organisation (kept sorted; equal dates keep insertion order).
    pub fn push(&mut self, id: OrgId, effective: NaiveDate, change: Change, decision: Option<String>) {
        if let Change::Move { parent } = change {
            if !self.kids[parent as usize - 1].contains(&id) {
                self.kids[parent as usize - 1].push(id);
            }
        }
        let ev = self.event(effective, change, decision);
        self.orgs[id as usize - 1].push_event(ev);
    }

    /// The suffix of decisions issued by `issuer`: TU, QU, HU, ThU or ĐU.
    pub fn issuer(&self, issuer: OrgId) -> &'static str {
        let org = self.org(issuer);
        match org.kind {
            OrgKind::City => "TU",
            OrgKind::Superior => {
                let name = org.last_name();
                if name.starts_with("Quận ủy") {
                    "QU"
                } else if name.starts_with("Huyện ủy") {
                    "HU"
                } else if name.starts_with("Thị ủy") {
                    "ThU"
                } else {
                    "ĐU"
                }
            }
            _ => "ĐU",
        }
    }

    /// A plausible decision reference issued by `issuer`.
    pub fn decision(&self, rng: &mut R, issuer: OrgId) -> String {
        let suffix = self.issuer(issuer);
        let n = match suffix {
            "TU" => range(rng, 1000, 9999),
            "ĐU" => range(rng, 10, 499),
            _ => range(rng, 100, 2999),
        };
        format!("{n}-QĐ/{suffix}")
    }

    /// Add an organisation. `code` is used (made unique) for committees under the
    /// city; others get their parent's code and a sequence number.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        kind: OrgKind,
        name: &str,
        parent: Option<OrgId>,
        members: u32,
        founded: NaiveDate,
        decision: (String, NaiveDate),
        code: Option<&str>,
        meta: Meta,
    ) -> OrgId {
        let id = self.orgs.len() as OrgId + 1;
        let code = match (code, parent) {
            (Some(c), _) => self.codes.unique(c),
            (None, Some(p)) => {
                self.seq[p as usize - 1] += 1;
                let c = codes::child(&self.org(p).code, self.seq[p as usize - 1]);
                self.codes.unique(&c)
            }
            (None, None) => self.codes.unique("ORG"),
        };
        let name = clean(name);
        let found = self.event(founded, Change::Found { name, parent, members }, Some(decision.0.clone()));
        self.orgs.push(Org {
            id,
            code,
            kind,
            founding_ref: decision.0,
            founding_date: Some(decision.1),
            events: vec![found],
            version: 1,
        });
        self.meta.push(meta);
        self.kids.push(Vec::new());
        self.seq.push(0);
        if let Some(p) = parent {
            self.kids[p as usize - 1].push(id);
        }
        id
    }

    /// Living children of `id` on `date`.
    pub fn living_children(&self, id: OrgId, date: NaiveDate) -> Vec<OrgId> {
        self.kids(id)
            .iter()
            .copied()
            .filter(|k| self.org(*k).state_at(date).is_some_and(|s| s.parent == Some(id)))
            .collect()
    }

    pub fn finish(mut self) -> Vec<Org> {
        for o in &mut self.orgs {
            o.version = 1;
        }
        self.orgs
    }
}
