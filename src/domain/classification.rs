//! Annual quality classification of one organisation.

use super::level::Level;
use super::org::OrgId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How many of an organisation's members fell in each level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tallies {
    pub htxs: u32,
    pub htt: u32,
    pub ht: u32,
    pub kht: u32,
    pub not_rated: u32,
}

impl Tallies {
    pub fn rated(&self) -> u64 {
        self.htxs as u64 + self.htt as u64 + self.ht as u64 + self.kht as u64
    }

    pub fn sum(&self) -> u64 {
        self.rated() + self.not_rated as u64
    }

    pub fn good_or_better(&self) -> u64 {
        self.htxs as u64 + self.htt as u64
    }

    pub fn by_level(&self, level: Level) -> u32 {
        match level {
            Level::Htxs => self.htxs,
            Level::Htt => self.htt,
            Level::Ht => self.ht,
            Level::Kht => self.kht,
        }
    }

    pub fn add(&mut self, other: &Tallies) {
        self.htxs += other.htxs;
        self.htt += other.htt;
        self.ht += other.ht;
        self.kht += other.kht;
        self.not_rated += other.not_rated;
    }

    /// Parse "HTXS,HTT,HT,KHT,NOTRATED" (five whole numbers, commas,
    /// semicolons, slashes, spaces or tabs between them).
    pub fn parse(s: &str) -> Result<Tallies, String> {
        let parts: Vec<&str> = s
            .split(|c: char| c == ',' || c == ';' || c == '/' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() != 5 {
            return Err(format!("expected 5 numbers (HTXS,HTT,HT,KHT,not rated), got {}", parts.len()));
        }
        let mut n = [0u32; 5];
        for (i, p) in parts.iter().enumerate() {
            n[i] = p.parse::<u32>().map_err(|_| format!("'{p}' is not a whole number of 0 or more"))?;
        }
        Ok(Tallies {
            htxs: n[0],
            htt: n[1],
            ht: n[2],
            kht: n[3],
            not_rated: n[4],
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub org: OrgId,
    pub year: i32,
    pub level: Level,
    /// 0-100, from 2025 (QĐ 366).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Tallies>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub by: String,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tallies() {
        let t = Tallies::parse("5, 40,10;0 3").unwrap();
        assert_eq!(t.sum(), 58);
        assert_eq!(t.rated(), 55);
        assert!(Tallies::parse("1,2,3").unwrap_err().contains("got 3"));
        assert!(Tallies::parse("1,2,3,-4,5").unwrap_err().contains("'-4'"));
    }
}
