//! The plain implementation of the rule (tests only): every record's
//! folded text scanned with one memmem finder per word. The token index
//! (`find`) must give exactly its matches, scores, order and totals.

use super::{best, Query};
use crate::domain::text::fold;

/// One searchable text with its folded form.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub text: String,
    pub folded: String,
}

impl Entry {
    pub fn new(text: String) -> Entry {
        Entry { folded: fold(&text), text }
    }
}

/// The score of `folded` for `q`, or None if a word is missing. Higher is better.
pub fn score(folded: &str, q: &Query) -> Option<u32> {
    if q.is_empty() {
        return None;
    }
    let mut total = 0;
    for f in &q.finders {
        total += best(folded, f)?.0 as u32 * 10;
    }
    if q.finders.len() > 1 {
        if let Some((c, _)) = best(folded, &q.phrase_finder) {
            // The words together, in the typed order.
            total += 5 + c as u32;
        }
    }
    Some(total)
}

/// The matches of `q` among `entries`: how many, and the best `limit`
/// (index, score), best first; ties go to the lower `group` (e.g.
/// organisations before cases), then the shorter text, then the lower index.
pub fn rank_top(entries: &[(u8, &Entry)], q: &Query, limit: usize) -> (usize, Vec<(usize, u32)>) {
    let (hits, top) = rank_top_within(entries.len(), |i| entries[i], q, limit, None);
    (hits.len(), top)
}

/// Whether every match of `longer` is a match of `shorter` (folded words):
/// each word of `shorter` occurs inside a word of `longer`, so a text holding
/// every word of `longer` holds every word of `shorter`. Typing on in the
/// search box gives such queries: the next search looks only among the
/// previous one's matches.
pub fn narrows(longer: &Query, shorter: &Query) -> bool {
    !shorter.is_empty() && shorter.words.iter().all(|s| longer.words.iter().any(|l| l.contains(s.as_str())))
}

/// `rank_top` among the entries `within` lists (indices, in order; all
/// `len` of them when None), each given by `entry(i)`: every match's index,
/// and the best `limit`. Entries are reached by index so that a narrowed
/// search touches only the earlier matches, not a list of every record.
pub fn rank_top_within<'a>(
    len: usize,
    entry: impl Fn(usize) -> (u8, &'a Entry) + Sync,
    q: &Query,
    limit: usize,
    within: Option<&[u32]>,
) -> (Vec<u32>, Vec<(usize, u32)>) {
    let scored = |i: usize| score(&entry(i).1.folded, q).map(|s| (i, s));
    let candidates: Vec<usize>;
    let candidates: &[usize] = match within {
        None if len < PARALLEL_FROM => return rank_hits((0..len).filter_map(scored).collect(), &entry, limit),
        None => {
            candidates = (0..len).collect();
            &candidates
        }
        Some(within) => {
            candidates = within.iter().map(|&i| i as usize).filter(|&i| i < len).collect();
            &candidates
        }
    };
    // Many candidates: scored in two halves on both cores (the server's
    // machine has two), in order.
    let hits: Vec<(usize, u32)> = if candidates.len() >= PARALLEL_FROM {
        let (a, b) = candidates.split_at(candidates.len() / 2);
        std::thread::scope(|sc| {
            let other = sc.spawn(|| b.iter().filter_map(|&i| scored(i)).collect::<Vec<_>>());
            let mut first: Vec<(usize, u32)> = a.iter().filter_map(|&i| scored(i)).collect();
            first.extend(other.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            first
        })
    } else {
        candidates.iter().filter_map(|&i| scored(i)).collect()
    };
    rank_hits(hits, &entry, limit)
}

/// Candidates from which the scoring is split over two threads.
pub(super) const PARALLEL_FROM: usize = 8_192;

/// Every match's index and the best `limit` of `hits`, sorted.
fn rank_hits<'a>(mut hits: Vec<(usize, u32)>, entry: &impl Fn(usize) -> (u8, &'a Entry), limit: usize) -> (Vec<u32>, Vec<(usize, u32)>) {
    let matched: Vec<u32> = hits.iter().map(|(i, _)| *i as u32).collect();
    let order = |a: &(usize, u32), b: &(usize, u32)| {
        let (ea, eb) = (entry(a.0), entry(b.0));
        b.1.cmp(&a.1)
            .then(ea.0.cmp(&eb.0))
            .then(ea.1.folded.len().cmp(&eb.1.folded.len()))
            .then(a.0.cmp(&b.0))
    };
    if limit == 0 {
        return (matched, Vec::new());
    }
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, order);
        hits.truncate(limit);
    }
    hits.sort_by(order);
    (matched, hits)
}
