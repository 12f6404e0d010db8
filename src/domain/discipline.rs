//! Discipline decided in concluded cases feeds that year's classification
//! checks (QĐ 124-QĐ/TW from 2023, QĐ 366-QĐ/TW from 2025):
//!
//! - an organisation rated HTXS or HTT must have had no directly subordinate
//!   organisation and no member of its leadership (the collective, or a
//!   member marked as in the leadership) disciplined that year; for HTT a
//!   violation the subject detected itself and remedied is excused;
//! - an organisation whose leadership was disciplined, or more than 20% of
//!   whose directly subordinate organisations were, is rated KHT;
//! - a member disciplined during the year is rated KHT, so the KHT tally of
//!   an organisation cannot be smaller than the members disciplined in its
//!   subtree that year (one violation counts once; one member counts once).
//!
//! Articles: QĐ 124-QĐ/TW, Điều 12 (classification of collectives and of
//! members); QĐ 366-QĐ/TW, Điều 11. Not confirmed against the published
//! texts: see the README.

use super::case::{CaseHead, CaseId, Subject};
use super::classification::Classification;
use super::level::Level;
use super::org::OrgId;
use super::rules::{Detail, Finding, Regulation, Rule, Severity};
use super::text::fold;
use super::tree::Tree;
use super::{IdMap, Lang};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// One discipline that counts in a year's classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Disciplined {
    pub case: CaseId,
    /// The organisation disciplined, whose leadership was, or the member's.
    pub org: OrgId,
    pub subject: Subject,
    pub self_remedied: bool,
    /// A member: the folded name, and whether in the leadership.
    pub person: Option<String>,
    pub leadership: bool,
}

/// The disciplines of concluded cases that took effect in `year`, one per
/// violation (a second case about the same violation and subject is not counted).
pub fn of_year<'a>(cases: impl Iterator<Item = &'a CaseHead>, year: i32) -> Vec<Disciplined> {
    let mut seen: HashSet<(OrgId, Subject, Option<String>, String)> = HashSet::new();
    let mut out = Vec::new();
    for c in cases {
        let Some(d) = c.counted_discipline().filter(|d| d.effective.year() == year) else {
            continue;
        };
        let person = d.member.as_ref();
        let org = person.and_then(|p| p.org).unwrap_or(c.org);
        let key = person.map(|p| fold(&p.name));
        if let Some(v) = &d.violation {
            if !seen.insert((org, d.subject, key.clone(), fold(v.trim()))) {
                continue;
            }
        }
        out.push(Disciplined {
            case: c.id,
            org,
            subject: d.subject,
            self_remedied: d.self_remedied,
            person: key,
            leadership: person.is_some_and(|p| p.leadership),
        });
    }
    out
}

/// What a discipline finding says (inside `rules::Detail::Discipline`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum DisciplineDetail {
    /// Rated HTXS or HTT with a subordinate organisation or a leadership member disciplined.
    GoodRatingDisciplined { level: Level, cases: Vec<CaseId>, article: String },
    /// Should be KHT: its leadership was disciplined, or more than 20% of its subordinates were.
    ShouldBeKht {
        level: Level,
        leadership: bool,
        disciplined: u32,
        subordinates: u32,
        cases: Vec<CaseId>,
        article: String,
    },
    /// Fewer KHT members than members disciplined in the year.
    MembersKht {
        kht: u32,
        disciplined: u32,
        cases: Vec<CaseId>,
        article: String,
    },
}

impl DisciplineDetail {
    pub fn cases(&self) -> &[CaseId] {
        match self {
            DisciplineDetail::GoodRatingDisciplined { cases, .. }
            | DisciplineDetail::ShouldBeKht { cases, .. }
            | DisciplineDetail::MembersKht { cases, .. } => cases,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let ids = |c: &[CaseId]| c.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ");
        match self {
            DisciplineDetail::GoodRatingDisciplined { level, cases, article } => match lang {
                Lang::Vi => format!(
                    "xếp {level} nhưng trong năm có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật (vụ việc {}; {article})",
                    ids(cases)
                ),
                Lang::En => format!(
                    "rated {level} but a subordinate organisation or leadership member was disciplined this year (case {}; {article})",
                    ids(cases)
                ),
            },
            DisciplineDetail::ShouldBeKht {
                level,
                leadership,
                disciplined,
                subordinates,
                cases,
                article,
            } => {
                let why_vi = if *leadership {
                    "tập thể lãnh đạo bị kỷ luật".to_string()
                } else {
                    format!("{disciplined}/{subordinates} tổ chức trực thuộc bị kỷ luật (> 20%)")
                };
                let why_en = if *leadership {
                    "its leadership was disciplined".to_string()
                } else {
                    format!("{disciplined} of {subordinates} subordinate organisations disciplined (> 20%)")
                };
                match lang {
                    Lang::Vi => format!("phải xếp KHT, đang xếp {level}: {why_vi} (vụ việc {}; {article})", ids(cases)),
                    Lang::En => format!("should be KHT, rated {level}: {why_en} (case {}; {article})", ids(cases)),
                }
            }
            DisciplineDetail::MembersKht {
                kht,
                disciplined,
                cases,
                article,
            } => match lang {
                Lang::Vi => format!(
                    "đảng viên KHT {kht} < {disciplined} đảng viên bị kỷ luật trong năm (vụ việc {}; {article})",
                    ids(cases)
                ),
                Lang::En => format!(
                    "members rated KHT {kht} < {disciplined} members disciplined this year (case {}; {article})",
                    ids(cases)
                ),
            },
        }
    }
}

/// The article a year's discipline checks come from.
pub fn article(regulation: Regulation) -> Option<&'static str> {
    match regulation {
        Regulation::Qd124 => Some("QĐ 124-QĐ/TW, Điều 12"),
        Regulation::Qd366 => Some("QĐ 366-QĐ/TW, Điều 11"),
        _ => None,
    }
}

/// Every discipline finding of `year` on the organisations `ids`.
pub fn check(year: i32, tree: &Tree, classes: &IdMap<Classification>, records: &[Disciplined], ids: &[OrgId]) -> Vec<Finding> {
    let Some(regulation) = Regulation::for_year(year) else {
        return Vec::new();
    };
    let Some(article) = article(regulation) else {
        return Vec::new();
    };
    if records.is_empty() {
        return Vec::new();
    }
    // Organisations disciplined themselves, leadership disciplined (collective or member).
    let mut org_cases: IdMap<Vec<&Disciplined>> = IdMap::default();
    let mut lead_cases: IdMap<Vec<&Disciplined>> = IdMap::default();
    // Members disciplined in each subtree: organisation → person → cases.
    let mut members: IdMap<BTreeMap<String, BTreeSet<CaseId>>> = IdMap::default();
    for r in records {
        match r.subject {
            Subject::Organisation => org_cases.entry(r.org).or_default().push(r),
            Subject::Leadership => lead_cases.entry(r.org).or_default().push(r),
            Subject::Member => {
                if r.leadership {
                    lead_cases.entry(r.org).or_default().push(r);
                }
                let person = r.person.clone().unwrap_or_default();
                if tree.contains(r.org) {
                    for a in std::iter::once(r.org).chain(tree.ancestors(r.org)) {
                        members.entry(a).or_default().entry(person.clone()).or_default().insert(r.case);
                    }
                }
            }
        }
    }
    let finding = |org: OrgId, d: DisciplineDetail| Finding {
        org,
        rule: Rule::Discipline,
        regulation,
        severity: Severity::Error,
        detail: Detail::Discipline(d),
        by_setting: false,
    };
    let mut out = Vec::new();
    for id in ids {
        let (Some(node), Some(c)) = (tree.node(*id), classes.get(id)) else {
            continue;
        };
        let subs: Vec<&Disciplined> = node.children.iter().filter_map(|ch| org_cases.get(ch)).flatten().copied().collect();
        let lead: &[&Disciplined] = lead_cases.get(id).map(|v| v.as_slice()).unwrap_or_default();
        if c.level.good_or_better() {
            let excused = |r: &&Disciplined| c.level == Level::Htt && r.self_remedied;
            let cases: BTreeSet<CaseId> = subs.iter().chain(lead).filter(|r| !excused(r)).map(|r| r.case).collect();
            if !cases.is_empty() {
                out.push(finding(
                    *id,
                    DisciplineDetail::GoodRatingDisciplined {
                        level: c.level,
                        cases: cases.into_iter().collect(),
                        article: article.into(),
                    },
                ));
            }
        }
        if c.level != Level::Kht {
            let collective: Vec<&&Disciplined> = lead.iter().filter(|r| r.subject == Subject::Leadership).collect();
            let disciplined: BTreeSet<OrgId> = subs.iter().map(|r| r.org).collect();
            let n_subs = node.children.len() as u32;
            let many = !disciplined.is_empty() && disciplined.len() as u32 * 5 > n_subs;
            if !collective.is_empty() || many {
                let mut cases: BTreeSet<CaseId> = collective.iter().map(|r| r.case).collect();
                if many {
                    cases.extend(subs.iter().map(|r| r.case));
                }
                out.push(finding(
                    *id,
                    DisciplineDetail::ShouldBeKht {
                        level: c.level,
                        leadership: !collective.is_empty(),
                        disciplined: disciplined.len() as u32,
                        subordinates: n_subs,
                        cases: cases.into_iter().collect(),
                        article: article.into(),
                    },
                ));
            }
        }
        if let (Some(t), Some(m)) = (&c.members, members.get(id)) {
            if (t.kht as usize) < m.len() {
                let cases: BTreeSet<CaseId> = m.values().flatten().copied().collect();
                out.push(finding(
                    *id,
                    DisciplineDetail::MembersKht {
                        kht: t.kht,
                        disciplined: m.len() as u32,
                        cases: cases.into_iter().collect(),
                        article: article.into(),
                    },
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Case, CaseKind, CaseStatus, Discipline, Form, Person};
    use chrono::NaiveDate;

    fn concluded(id: CaseId, person: &str, leadership: bool, violation: Option<&str>) -> CaseHead {
        let on = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        let c = Case {
            id,
            kind: CaseKind::Discipline,
            org: 7,
            persons: vec![Person {
                name: "Trần Thị Bình".into(),
                probationary: false,
                leadership,
                org: Some(9),
            }],
            title: "Kỷ luật".into(),
            summary: None,
            place: None,
            source: None,
            handler: None,
            opened: on,
            due: None,
            status: CaseStatus::Concluded,
            history: vec![],
            outcome: None,
            discipline: Some(Discipline {
                subject: Subject::Member,
                form: Form::KhienTrach,
                person: Some(person.into()),
                effective: on,
                self_remedied: false,
                violation: violation.map(Into::into),
            }),
            decision: None,
            decided: Some(on),
            version: 2,
        };
        CaseHead::from(&c)
    }

    #[test]
    fn a_member_counts_in_their_organisation_once_per_violation() {
        let heads = [
            concluded(1, "tran thi binh", true, Some("V1")),
            concluded(2, "Trần Thị Bình", true, Some(" v1 ")),
            concluded(3, "Trần Thị Bình", false, Some("V2")),
        ];
        let v = of_year(heads.iter(), 2024);
        assert_eq!(v.iter().map(|d| d.case).collect::<Vec<_>>(), vec![1, 3], "V1 once");
        assert_eq!(
            (v[0].org, v[0].person.as_deref(), v[0].leadership),
            (9, Some("tran thi binh"), true)
        );
        assert!(!v[1].leadership);
        assert!(of_year(heads.iter(), 2023).is_empty());
    }
}
