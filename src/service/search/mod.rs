//! `Search`: organisations (every one ever recorded, with its years) and
//! cases, ranked by `domain::search`. The index (`index`) is built on the
//! first search (or ahead, by a quiet server) and kept: a changed case
//! replaces its own record, a change in the register rebuilds the
//! organisations' part on the next search.

mod index;
#[cfg(test)]
mod tests;

use index::org_text;
pub use index::Index;

use super::api::Response;
use super::cases::org_name_at;
use super::error::{Result, ServiceError};
use super::Service;
use crate::domain::case::{CaseId, CaseStatus};
use crate::domain::org::OrgId;
use crate::domain::search::{find, positions, Query};
use crate::domain::text::fold;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

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

impl Service {
    /// The folded texts search looks in, organisations then cases (benchmarks
    /// compare with other tools on exactly these).
    /// The search index's bytes on the heap, roughly (for measurements).
    pub fn search_index_bytes(&mut self) -> Result<usize> {
        Ok(self.search_index()?.heap_bytes())
    }

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
        let store = &self.store;
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
            // Streamed from the store: memory keeps only the cases' heads.
            for c in store.cases() {
                let c = c?;
                ix.add_case(&c, &org_name_at(reg, c.org, c.opened));
            }
            ix.seal_cases();
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
        let store = &self.store;
        let mut hits = Vec::with_capacity(found.len());
        for f in &found {
            // A hit's text: an organisation's from the register, a case's
            // from the store (memory keeps only the cases' heads).
            let hit = (|| -> Result<Option<SearchHit>> {
                let part = if f.part == 0 { &ix.orgs } else { &ix.cases };
                let (target, text) = if f.part == 0 {
                    let id = ix.orgs.key(f.rec) as OrgId;
                    let Some(o) = reg.get(id) else { return Ok(None) };
                    let Some(text) = org_text(reg, id) else { return Ok(None) };
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
                        text,
                    )
                } else {
                    let id = ix.cases.key(f.rec);
                    let Some(c) = store.case(id)? else { return Ok(None) };
                    (
                        SearchTarget::Case {
                            id,
                            org: c.org,
                            org_code: reg.get(c.org).map(|o| o.code.clone()).unwrap_or_default(),
                            status: c.status,
                            overdue: c.overdue(today),
                        },
                        c.search_text(&org_name_at(reg, c.org, c.opened)),
                    )
                };
                // The indexed folded text, read off its tokens (folding the
                // text again costs more). It is the text's: organisations are
                // indexed anew on every change in the register, cases on
                // every change of theirs; only a case indexed before its
                // organisation's earlier name was corrected can differ, and
                // one whose length differs is folded anew.
                let indexed = part.folded(&ix.vocab, f.rec);
                let folded = if indexed.chars().count() == text.chars().count() {
                    indexed
                } else {
                    fold(&text)
                };
                Ok(Some(SearchHit {
                    target,
                    positions: positions(&folded, &q),
                    text,
                    score: f.score,
                }))
            })()?;
            hits.extend(hit);
        }
        Ok(Response::Search(SearchResults {
            query: query.to_string(),
            total,
            hits,
        }))
    }
}
