//! `Search`: organisations (every one ever recorded, with its years) and
//! cases, ranked by `domain::search`. The folded texts are built on the
//! first search and kept: a changed case replaces its own entry, a change
//! in the register rebuilds the organisations' part on the next search.

use super::api::Response;
use super::cases::org_name_at;
use super::error::{Result, ServiceError};
use super::Service;
use crate::domain::case::{Case, CaseId, CaseStatus};
use crate::domain::org::{Change, OrgId};
use crate::domain::search::{narrows, positions, rank_top_within, Entry, Query};
use crate::domain::tree::Register;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a hit is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchTarget {
    Org {
        id: OrgId,
        code: String,
        /// Whether it exists today.
        alive: bool,
        founded: i32,
        /// The year it was dissolved or merged, if it was.
        ended: Option<i32>,
        /// Its last day, when it no longer exists (a tree to open it in).
        #[serde(default)]
        last_day: Option<chrono::NaiveDate>,
        /// Its kind (today's, or on its last day): the palette's tag.
        #[serde(default)]
        org_kind: Option<crate::domain::OrgKind>,
    },
    Case {
        id: CaseId,
        org: OrgId,
        org_code: String,
        status: CaseStatus,
        overdue: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub target: SearchTarget,
    /// The text searched, as stored (with diacritics).
    pub text: String,
    /// Char positions in `text` of the matched words, for highlighting.
    pub positions: Vec<usize>,
    pub score: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    /// Everything that matched (the hits are the best `limit`).
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// The searchable texts.
#[derive(Default)]
pub struct Index {
    orgs: Vec<(OrgId, Entry)>,
    /// Per organisation: 0 if it exists today, 1 if not (ranked after on equal scores).
    org_group: Vec<u8>,
    cases: Vec<(CaseId, Entry)>,
    case_pos: HashMap<CaseId, usize>,
    /// The last queries and all their matches (indices into organisations
    /// then cases), newest last: a query typed on from one of them is looked
    /// for among its matches only. Emptied whenever an entry changes.
    recent: Vec<(Query, Vec<u32>)>,
}

/// How many earlier queries are kept to narrow from (clerks search at once).
const RECENT: usize = 8;

/// "Quận ủy Ba Đình BD", plus earlier names: "… (trước đây: Chi bộ A)".
fn org_text(reg: &Register, id: OrgId) -> Option<String> {
    let o = reg.get(id)?;
    let last = o.last_name();
    let mut text = format!("{last} {}", o.code);
    let mut former: Vec<&str> = Vec::new();
    for e in &o.events {
        let name = match &e.change {
            Change::Found { name, .. } | Change::Rename { name } => name.as_str(),
            _ => continue,
        };
        if name != last && !former.contains(&name) {
            former.push(name);
        }
    }
    if !former.is_empty() {
        text.push_str(" (trước đây: ");
        text.push_str(&former.join("; "));
        text.push(')');
    }
    Some(text)
}

impl Index {
    /// Every organisation's entry, and its group (0 if it exists today, 1 if not).
    fn build_orgs(reg: &Register) -> (Vec<(OrgId, Entry)>, Vec<u8>) {
        let today = chrono::Local::now().date_naive();
        reg.iter()
            .filter_map(|o| Some(((o.id, Entry::new(org_text(reg, o.id)?)), if o.alive_at(today) { 0 } else { 1 })))
            .unzip()
    }

    pub fn put_case(&mut self, c: &Case, org_name: &str) {
        self.recent.clear();
        let e = Entry::new(c.search_text(org_name));
        match self.case_pos.get(&c.id) {
            Some(i) => self.cases[*i].1 = e,
            None => {
                self.case_pos.insert(c.id, self.cases.len());
                self.cases.push((c.id, e));
            }
        }
    }
}

impl Service {
    /// The folded texts search looks in, organisations then cases (benchmarks
    /// compare with other tools on exactly these).
    pub fn search_corpus(&mut self) -> Result<Vec<String>> {
        let ix = self.search_index()?;
        Ok(ix
            .orgs
            .iter()
            .map(|(_, e)| e.folded.clone())
            .chain(ix.cases.iter().map(|(_, e)| e.folded.clone()))
            .collect())
    }
}

/// How many hits one search may ask for.
const MAX_HITS: usize = 1000;

impl Service {
    /// Build the index now (the quiet server does, see `warm`).
    pub(super) fn search_ready(&mut self) -> Result<()> {
        self.search_index().map(|_| ())
    }

    fn search_index(&mut self) -> Result<&Index> {
        self.cases_loaded()?;
        let store = &self.store;
        let st = &mut self.state;
        let reg = &st.register;
        let cs = &mut st.cases;
        if cs.orgs_stale {
            cs.orgs_stale = false;
            if let Some(ix) = &mut cs.index {
                (ix.orgs, ix.org_group) = Index::build_orgs(reg);
                ix.recent.clear();
            }
        }
        if cs.index.is_none() {
            let (orgs, org_group) = Index::build_orgs(reg);
            let mut ix = Index {
                orgs,
                org_group,
                ..Default::default()
            };
            // Streamed from the store: memory keeps only the cases' heads.
            for c in store.cases() {
                let c = c?;
                ix.put_case(&c, &org_name_at(reg, c.org, c.opened));
            }
            cs.index = Some(ix);
        }
        Ok(cs.index.as_ref().expect("built"))
    }

    pub(super) fn search(&mut self, query: &str, limit: Option<usize>) -> Result<Response> {
        if query.chars().count() > 200 {
            return Err(ServiceError::invalid(
                "query",
                format!("{}…", query.chars().take(20).collect::<String>()),
                "dài quá 200 ký tự",
                "longer than 200 characters",
            ));
        }
        let limit = limit.unwrap_or(200).min(MAX_HITS);
        let q = Query::new(query);
        let today = chrono::Local::now().date_naive();
        self.search_index()?;
        let ix = self.state.cases.index.as_mut().expect("built");
        let n_orgs = ix.orgs.len();
        let (orgs, groups, cases) = (&ix.orgs, &ix.org_group, &ix.cases);
        let entry = |i: usize| {
            if i < n_orgs {
                (groups[i], &orgs[i].1)
            } else {
                (2u8, &cases[i - n_orgs].1)
            }
        };
        let (total, found) = if q.is_empty() {
            (0, Vec::new())
        } else {
            // Among the fewest matches of an earlier query this one narrows.
            let within = ix
                .recent
                .iter()
                .filter(|(p, _)| narrows(&q, p))
                .min_by_key(|(_, m)| m.len())
                .map(|(_, m)| m.as_slice());
            let (matched, found) = rank_top_within(n_orgs + cases.len(), entry, &q, limit, within);
            let total = matched.len();
            if ix.recent.len() >= RECENT {
                ix.recent.remove(0);
            }
            ix.recent.push((q.clone(), matched));
            (total, found)
        };
        let ix = self.state.cases.index.as_ref().expect("built");
        let reg = &self.state.register;
        let cases = self.state.cases.loaded.as_ref().expect("loaded");
        let n_orgs = ix.orgs.len();
        let hits = found
            .iter()
            .filter_map(|(i, score)| {
                let (target, e) = if *i < n_orgs {
                    let (id, e) = &ix.orgs[*i];
                    let o = reg.get(*id)?;
                    (
                        SearchTarget::Org {
                            id: *id,
                            code: o.code.clone(),
                            alive: o.alive_at(today),
                            founded: o.founded().year(),
                            ended: o.ended_on().map(|d| d.year()),
                            last_day: o.ended_on().filter(|_| !o.alive_at(today)).and_then(|d| d.pred_opt()),
                            org_kind: Some(o.kind_at(o.ended_on().and_then(|d| d.pred_opt()).filter(|d| *d < today).unwrap_or(today))),
                        },
                        e,
                    )
                } else {
                    let (id, e) = &ix.cases[*i - n_orgs];
                    let c = cases.get(id)?;
                    (
                        SearchTarget::Case {
                            id: *id,
                            org: c.org,
                            org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
                            status: c.status,
                            overdue: c.overdue(today),
                        },
                        e,
                    )
                };
                Some(SearchHit {
                    target,
                    text: e.text.clone(),
                    positions: positions(&e.folded, &q),
                    score: *score,
                })
            })
            .collect();
        Ok(Response::Search(SearchResults {
            query: query.to_string(),
            total,
            hits,
        }))
    }
}
