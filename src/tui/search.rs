//! Global search. The palette asks the service (`Request::Search`:
//! organisations, former ones with their years, and cases; every word,
//! whole words first) with `Searcher::ask`. The worker below (SkimMatcherV2
//! over folded names on a thread; a newer query supersedes an older one, a
//! query extending the previous one only looks at its matches) serves the
//! in-form pickers and the benchmarks.

use crate::domain::org::OrgId;
use crate::domain::text::fold;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::Arc;

/// Results a clerk can scroll to, with their highlight positions.
pub const TOP: usize = 200;

/// Results asked for at a time: more than a tall palette shows; the rest,
/// up to `TOP`, when the selection comes near the end of those loaded.
/// Each hit costs the service a read (a case's text comes from the store),
/// so a keystroke asks for what can be seen, not for all it could show.
pub const PAGE: usize = 60;

/// What is searched: one entry per organisation, "name code", and its folded form.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Changes whenever the corpus is rebuilt (narrowing is only valid within one).
    pub generation: u64,
    pub ids: Vec<OrgId>,
    pub text: Vec<String>,
    pub folded: Vec<String>,
}

impl Corpus {
    pub fn new(generation: u64, items: impl Iterator<Item = (OrgId, String)>) -> Corpus {
        let mut c = Corpus {
            generation,
            ..Default::default()
        };
        for (id, text) in items {
            c.folded.push(fold(&text));
            c.ids.push(id);
            c.text.push(text);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Score every candidate (all of the corpus, or `within`) against a folded
/// query; returns (index, score) of the matches, best first.
/// `stop` is asked now and then whether a newer query has arrived.
pub fn match_all(
    m: &SkimMatcherV2,
    corpus: &Corpus,
    query: &str,
    within: Option<&[u32]>,
    mut stop: impl FnMut() -> bool,
) -> Option<Vec<(u32, i64)>> {
    let mut out = Vec::new();
    let check = |i: u32, out: &mut Vec<(u32, i64)>| {
        if let Some(s) = m.fuzzy_match(&corpus.folded[i as usize], query) {
            out.push((i, s));
        }
    };
    match within {
        Some(list) => {
            for (n, i) in list.iter().enumerate() {
                if n % 1024 == 1023 && stop() {
                    return None;
                }
                check(*i, &mut out);
            }
        }
        None => {
            for i in 0..corpus.len() as u32 {
                if i % 1024 == 1023 && stop() {
                    return None;
                }
                check(i, &mut out);
            }
        }
    }
    out.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(corpus.folded[a.0 as usize].len().cmp(&corpus.folded[b.0 as usize].len()))
            .then(a.0.cmp(&b.0))
    });
    Some(out)
}

/// One search query with everything the worker needs.
struct Job {
    seq: u64,
    corpus: Arc<Corpus>,
    query: String,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub index: u32,
    pub score: i64,
    /// Matched char positions in `text`.
    pub positions: Vec<usize>,
    /// What is shown: the organisation ("name code"), or the case.
    pub text: String,
    /// The organisation to open (a case's organisation for a case).
    pub org: OrgId,
    /// The label before the text: the organisation's kind, "#12" for a case.
    pub tag: Option<String>,
    /// For an organisation that no longer exists: a date to open the tree at.
    pub existed: Option<chrono::NaiveDate>,
    /// The case, for a case (Enter opens it on the case screen).
    pub case: Option<crate::domain::case::CaseId>,
}

#[derive(Debug, Clone)]
pub struct Results {
    pub seq: u64,
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Whether the previous result set was narrowed (for tests and logs).
    pub narrowed: bool,
}

pub struct Searcher {
    tx: Sender<Job>,
    rx: Receiver<Results>,
    seq: u64,
    pub latest: Option<Results>,
}

impl Default for Searcher {
    fn default() -> Self {
        Self::new()
    }
}

impl Searcher {
    /// Ask the service for the best `want` hits of `query` (at most `TOP`)
    /// and keep its answer as the latest (a refusal goes to the message
    /// line and leaves no results).
    pub fn ask(&mut self, ctx: &mut super::state::Ctx, query: &str, want: usize) {
        use crate::service::api::{Request, Response, SearchTarget};
        self.seq += 1;
        let found = match ctx.call(Request::Search {
            query: query.to_string(),
            limit: Some(want.clamp(1, TOP)),
        }) {
            Some(Response::Search(r)) => r,
            _ => Default::default(),
        };
        let hits = found
            .hits
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let case = match &h.target {
                    SearchTarget::Case { id, .. } => Some(*id),
                    SearchTarget::Org { .. } => None,
                };
                let (org, tag, existed, text) = match h.target {
                    SearchTarget::Org {
                        id,
                        alive: false,
                        founded,
                        ended,
                        last_day,
                        org_kind,
                        ..
                    } => {
                        let years = format!(" ({founded}–{})", ended.map(|e| e.to_string()).unwrap_or_default());
                        (id, org_kind.map(|k| k.tag().to_string()), last_day, h.text + &years)
                    }
                    SearchTarget::Org { id, org_kind, code, .. } => {
                        ctx.codes.insert(id, code);
                        (id, org_kind.map(|k| k.tag().to_string()), None, h.text)
                    }
                    SearchTarget::Case { id, org, .. } => (org, Some(format!("#{id}")), None, h.text),
                };
                Hit {
                    index: i as u32,
                    score: h.score as i64,
                    positions: h.positions,
                    text,
                    org,
                    tag,
                    existed,
                    case,
                }
            })
            .collect();
        self.latest = Some(Results {
            seq: self.seq,
            query: query.to_string(),
            total: found.total,
            hits,
            narrowed: false,
        });
    }

    pub fn new() -> Searcher {
        let (tx, job_rx) = channel::<Job>();
        let (res_tx, rx) = channel::<Results>();
        std::thread::Builder::new()
            .name("thuky-search".into())
            .spawn(move || worker(job_rx, res_tx))
            .expect("spawn the search thread");
        Searcher {
            tx,
            rx,
            seq: 0,
            latest: None,
        }
    }

    /// Ask for `query`; any older query still running is dropped.
    pub fn submit(&mut self, corpus: Arc<Corpus>, query: &str) {
        self.seq += 1;
        let _ = self.tx.send(Job {
            seq: self.seq,
            corpus,
            query: query.to_string(),
        });
    }

    /// Whether the answer to the latest query has not come yet.
    pub fn pending(&self) -> bool {
        self.seq > 0 && self.latest.as_ref().is_none_or(|r| r.seq != self.seq)
    }

    /// Take arrived results; returns whether the latest changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok(r) = self.rx.try_recv() {
            if r.seq == self.seq {
                self.latest = Some(r);
                changed = true;
            }
        }
        changed
    }

    /// Block until the latest query has its answer (tests; at most `timeout`).
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        let end = std::time::Instant::now() + timeout;
        while self.pending() {
            let left = end.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            match self.rx.recv_timeout(left) {
                Ok(r) if r.seq == self.seq => self.latest = Some(r),
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        true
    }
}

fn worker(jobs: Receiver<Job>, results: Sender<Results>) {
    let m = matcher();
    // The previous query's folded text, corpus generation and all its matches.
    let mut last: Option<(u64, String, Vec<u32>)> = None;
    let mut next: Option<Job> = None;
    loop {
        let mut job = match next.take() {
            Some(j) => j,
            None => match jobs.recv() {
                Ok(j) => j,
                Err(_) => return,
            },
        };
        // Only the newest query matters.
        while let Ok(j) = jobs.try_recv() {
            job = j;
        }
        let q = fold(job.query.trim());
        if q.is_empty() {
            last = None;
            let _ = results.send(Results {
                seq: job.seq,
                query: job.query,
                total: 0,
                hits: Vec::new(),
                narrowed: false,
            });
            continue;
        }
        let within = last
            .as_ref()
            .filter(|(generation, prev, _)| *generation == job.corpus.generation && q.starts_with(prev.as_str()))
            .map(|(_, _, list)| list.as_slice());
        let narrowed = within.is_some();
        let mut newer = None;
        let found = match_all(&m, &job.corpus, &q, within, || match jobs.try_recv() {
            Ok(j) => {
                newer = Some(j);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => true,
        });
        let Some(found) = found else {
            next = newer;
            continue;
        };
        let hits = found
            .iter()
            .take(TOP)
            .map(|(i, score)| {
                let positions = m
                    .fuzzy_indices(&job.corpus.folded[*i as usize], &q)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                Hit {
                    index: *i,
                    score: *score,
                    positions,
                    text: job.corpus.text[*i as usize].clone(),
                    org: job.corpus.ids[*i as usize],
                    tag: None,
                    existed: None,
                    case: None,
                }
            })
            .collect();
        let total = found.len();
        let mut ids: Vec<u32> = found.into_iter().map(|(i, _)| i).collect();
        ids.sort_unstable();
        last = Some((job.corpus.generation, q, ids));
        if results
            .send(Results {
                seq: job.seq,
                query: job.query,
                total,
                hits,
                narrowed,
            })
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn corpus() -> Arc<Corpus> {
        let names = [
            "Đảng bộ Thành phố Hà Nội TP",
            "Đảng ủy phường Ba Đình BD",
            "Chi bộ Khu dân cư số 3 BD.01.03",
            "Đảng bộ quận Hoàn Kiếm HK",
        ];
        Arc::new(Corpus::new(1, names.iter().enumerate().map(|(i, n)| (i as u32, n.to_string()))))
    }

    #[test]
    fn finds_without_diacritics_and_narrows() {
        let mut s = Searcher::new();
        let c = corpus();
        s.submit(c.clone(), "ha noi");
        assert!(s.wait(Duration::from_secs(5)));
        let r = s.latest.clone().unwrap();
        assert_eq!(c.ids[r.hits[0].index as usize], 0);
        s.submit(c.clone(), "b");
        s.wait(Duration::from_secs(5));
        s.submit(c.clone(), "bd");
        s.wait(Duration::from_secs(5));
        let r = s.latest.clone().unwrap();
        assert!(r.narrowed);
        assert_eq!(r.hits[0].index, 1);
        // Positions are chars of the original text.
        let text: Vec<char> = c.text[1].chars().collect();
        let picked: String = r.hits[0].positions.iter().map(|p| text[*p]).collect();
        assert_eq!(crate::domain::text::fold(&picked), "bd");
        s.submit(c.clone(), "dang uy phuong");
        s.wait(Duration::from_secs(5));
        assert_eq!(s.latest.as_ref().unwrap().hits[0].index, 1);
    }
}
