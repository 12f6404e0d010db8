//! Annual quality classification of one organisation.

use super::level::Level;
use super::org::OrgId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Members not rated, by reason (HD 21 / HD 25 / HD 43 summary forms):
/// suspended from activity, admitted less than 6 months before, exempted
/// from work and activity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotRatedBy {
    pub suspended: u32,
    pub recent: u32,
    pub exempt: u32,
}

impl NotRatedBy {
    pub fn sum(&self) -> u64 {
        self.suspended as u64 + self.recent as u64 + self.exempt as u64
    }

    fn add(&mut self, other: &NotRatedBy) {
        self.suspended += other.suspended;
        self.recent += other.recent;
        self.exempt += other.exempt;
    }
}

/// How many of an organisation's members fell in each level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tallies {
    pub htxs: u32,
    pub htt: u32,
    pub ht: u32,
    pub kht: u32,
    pub not_rated: u32,
    /// `not_rated` by reason, when entered so (their sum is `not_rated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_rated_by: Option<NotRatedBy>,
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
        // The reasons add up only while every part has them.
        self.not_rated_by = match (self.not_rated_by, other.not_rated_by) {
            (Some(mut a), Some(b)) => {
                a.add(&b);
                Some(a)
            }
            (None, Some(b)) if self.not_rated == other.not_rated => Some(b),
            (a, None) if other.not_rated == 0 => a,
            _ => None,
        };
    }

    /// Parse "HTXS,HTT,HT,KHT,NOTRATED" (five whole numbers, commas,
    /// semicolons, slashes, spaces or tabs between them), or seven numbers
    /// "HTXS,HTT,HT,KHT,SUSPENDED,RECENT,EXEMPT" with the not-rated members
    /// by reason (suspended, admitted less than 6 months before, exempted).
    pub fn parse(s: &str) -> Result<Tallies, String> {
        let parts: Vec<&str> = s
            .split(|c: char| c == ',' || c == ';' || c == '/' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() != 5 && parts.len() != 7 {
            return Err(format!(
                "expected 5 numbers (HTXS,HTT,HT,KHT,not rated) or 7 (HTXS,HTT,HT,KHT,suspended,admitted < 6 months,exempted), got {}",
                parts.len()
            ));
        }
        let mut n = [0u32; 7];
        for (i, p) in parts.iter().enumerate() {
            n[i] = p.parse::<u32>().map_err(|_| format!("'{p}' is not a whole number of 0 or more"))?;
        }
        if parts.len() == 7 {
            let by = NotRatedBy {
                suspended: n[4],
                recent: n[5],
                exempt: n[6],
            };
            let not_rated = u32::try_from(by.sum()).map_err(|_| "the not-rated members are too many".to_string())?;
            return Ok(Tallies {
                htxs: n[0],
                htt: n[1],
                ht: n[2],
                kht: n[3],
                not_rated,
                not_rated_by: Some(by),
            });
        }
        Ok(Tallies {
            htxs: n[0],
            htt: n[1],
            ht: n[2],
            kht: n[3],
            not_rated: n[4],
            not_rated_by: None,
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
        let t = Tallies::parse("5,40,10,0,1,3,2").unwrap();
        assert_eq!(t.not_rated, 6);
        assert_eq!(
            t.not_rated_by,
            Some(NotRatedBy {
                suspended: 1,
                recent: 3,
                exempt: 2
            })
        );
        assert!(Tallies::parse("1,2,3,4,5,6").unwrap_err().contains("got 6"));
    }
}
