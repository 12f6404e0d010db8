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
use crate::domain::search::{find, positions, Part, Query, Vocab};
use crate::domain::text::fold;
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

/// The searchable texts as tokens (`domain::search`): the organisations
/// and the cases as two parts over one vocabulary, so a change in the
/// register rebuilds only the organisations' part.
#[derive(Default)]
pub struct Index {
    vocab: Vocab,
    /// Keys: organisation ids. An organisation's text is rebuilt from the
    /// register for a hit (the part is rebuilt whenever the register changes).
    orgs: Part,
    /// Keys: case ids.
    cases: Part,
    /// Per case: its record in `cases` and its text as stored (what a hit shows).
    case_at: HashMap<CaseId, (u32, String)>,
    /// The next case's order (ties in the ranking go to the earlier case).
    next_order: u32,
    /// Distinct tokens when the vocabulary was last built from scratch: the
    /// tokens of replaced texts stay in it until it is built again.
    vocab_built: usize,
}

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
    /// Every organisation's record: group 0 if it exists today, 1 if not.
    fn build_orgs(&mut self, reg: &Register) {
        let today = chrono::Local::now().date_naive();
        let mut part = Part::default();
        for o in reg.iter() {
            if let Some(text) = org_text(reg, o.id) {
                let group = if o.alive_at(today) { 0 } else { 1 };
                let order = part.len() as u32;
                part.push(&mut self.vocab, &fold(&text), group, order, o.id as u64);
            }
        }
        part.seal();
        self.orgs = part;
    }

    /// The register changed: the organisations' part anew, and the whole
    /// vocabulary too once a fifth of it is tokens no record holds any more.
    fn orgs_changed(&mut self, reg: &Register) {
        if self.vocab.len() <= self.vocab_built + self.vocab_built / 4 + 1024 {
            self.build_orgs(reg);
            return;
        }
        let vocab = std::mem::take(&mut self.vocab);
        let cases = std::mem::take(&mut self.cases);
        self.build_orgs(reg);
        for r in cases.live() {
            let folded = cases.folded(&vocab, r);
            let new = self.cases.push(&mut self.vocab, &folded, CASES, cases.order(r), cases.key(r));
            if let Some(at) = self.case_at.get_mut(&cases.key(r)) {
                at.0 = new;
            }
        }
        self.cases.seal();
        self.vocab_built = self.vocab.len();
    }

    pub fn put_case(&mut self, c: &Case, org_name: &str) {
        self.add_case(c, org_name);
        if self.cases.needs_seal() && self.cases.seal() {
            for r in self.cases.live() {
                if let Some(at) = self.case_at.get_mut(&self.cases.key(r)) {
                    at.0 = r;
                }
            }
        }
    }

    /// A case's record, replacing its earlier one (which keeps its order).
    fn add_case(&mut self, c: &Case, org_name: &str) {
        let text = c.search_text(org_name);
        let order = match self.case_at.get(&c.id) {
            Some((_, old)) if *old == text => return,
            Some((r, _)) => {
                let r = *r;
                self.cases.kill(r);
                self.cases.order(r)
            }
            None => {
                self.next_order += 1;
                self.next_order - 1
            }
        };
        let r = self.cases.push(&mut self.vocab, &fold(&text), CASES, order, c.id);
        self.case_at.insert(c.id, (r, text));
    }
}

/// The cases' group in the ranking (after organisations, 0 and 1, on equal scores).
const CASES: u8 = 2;

impl Service {
    /// The folded texts search looks in, organisations then cases (benchmarks
    /// compare with other tools on exactly these).
    pub fn search_corpus(&mut self) -> Result<Vec<String>> {
        let ix = self.search_index()?;
        Ok([&ix.orgs, &ix.cases]
            .into_iter()
            .flat_map(|p| p.live().map(move |r| p.folded(&ix.vocab, r)))
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
        let st = &mut self.state;
        let reg = &st.register;
        let cs = &mut st.cases;
        if cs.orgs_stale {
            cs.orgs_stale = false;
            if let Some(ix) = &mut cs.index {
                ix.orgs_changed(reg);
            }
        }
        if cs.index.is_none() {
            let mut ix = Index::default();
            ix.build_orgs(reg);
            for c in cs.loaded.as_ref().expect("loaded").values() {
                ix.add_case(c, &org_name_at(reg, c.org, c.opened));
            }
            ix.cases.seal();
            ix.vocab_built = ix.vocab.len();
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
        let ix = self.state.cases.index.as_ref().expect("built");
        let (total, found) = find(&ix.vocab, &[&ix.orgs, &ix.cases], &q, limit);
        let reg = &self.state.register;
        let cases = self.state.cases.loaded.as_ref().expect("loaded");
        let hits = found
            .iter()
            .filter_map(|f| {
                let (target, text, folded) = if f.part == 0 {
                    let id = ix.orgs.key(f.rec) as OrgId;
                    let o = reg.get(id)?;
                    (
                        SearchTarget::Org {
                            id,
                            code: o.code.clone(),
                            alive: o.alive_at(today),
                            founded: o.founded().year(),
                            ended: o.ended_on().map(|d| d.year()),
                            last_day: o.ended_on().filter(|_| !o.alive_at(today)).and_then(|d| d.pred_opt()),
                            org_kind: Some(o.kind_at(o.ended_on().and_then(|d| d.pred_opt()).filter(|d| *d < today).unwrap_or(today))),
                        },
                        org_text(reg, id)?,
                        ix.orgs.folded(&ix.vocab, f.rec),
                    )
                } else {
                    let id = ix.cases.key(f.rec);
                    let c = cases.get(&id)?;
                    (
                        SearchTarget::Case {
                            id,
                            org: c.org,
                            org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
                            status: c.status,
                            overdue: c.overdue(today),
                        },
                        ix.case_at.get(&id)?.1.clone(),
                        ix.cases.folded(&ix.vocab, f.rec),
                    )
                };
                Some(SearchHit {
                    target,
                    text,
                    positions: positions(&folded, &q),
                    score: f.score,
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
