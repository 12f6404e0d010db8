//! Admissions of new members and the yearly targets.

use super::org::OrgId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Admissions of one organisation in one year, by month of the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admissions {
    pub org: OrgId,
    pub year: i32,
    pub months: [u32; 12],
    #[serde(default)]
    pub version: u64,
}

impl Admissions {
    pub fn new(org: OrgId, year: i32) -> Self {
        Admissions {
            org,
            year,
            months: [0; 12],
            version: 0,
        }
    }

    pub fn total(&self) -> u64 {
        self.months.iter().map(|m| *m as u64).sum()
    }
}

/// The city's targets for one year and its allocations to committees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub year: i32,
    #[serde(default)]
    pub plan: Option<u32>,
    #[serde(default)]
    pub range: Option<(u32, u32)>,
    /// Directly subordinate committee → its allocated number.
    #[serde(default)]
    pub allocations: BTreeMap<OrgId, u32>,
    #[serde(default)]
    pub version: u64,
}

/// Programme 01-CTr/TU: 9,000-10,000 admissions a year, 2021-2025.
pub fn default_range(year: i32) -> Option<(u32, u32)> {
    (2021..=2025).contains(&year).then_some((9_000, 10_000))
}

impl Target {
    pub fn effective_range(&self) -> Option<(u32, u32)> {
        self.range.or_else(|| default_range(self.year))
    }
}
