//! A query over records kept as tokens: each word is looked for once in the
//! distinct tokens, then the records come from the postings of the tokens it
//! occurs in; scores, the phrase bonus and the order are those of the rule in
//! `super` (the module's doc), exactly.

use super::part::Part;
use super::vocab::{Vocab, WordTable, CLASS, PREFIX, PREFIX_END, SUFFIX, SUFFIX_START};
use super::{class_of, Query};
use std::ops::Range;

/// A match: the part (index into the parts searched), the record, its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub part: usize,
    pub rec: u32,
    pub score: u32,
}

/// Parts from this many records are searched on threads of their own (the
/// server's machine has two cores; a thread costs tens of microseconds).
const PARALLEL_FROM: usize = 8_192;

/// The matches of `q` in `parts`: how many there are, and the best `limit`,
/// best first (score, then group, then the shorter folded text, then the
/// lower order; then the lower part and record, for records that share an order).
pub fn find(vocab: &Vocab, parts: &[&Part], q: &Query, limit: usize) -> (usize, Vec<Found>) {
    if q.is_empty() {
        return (0, Vec::new());
    }
    let tables: Vec<WordTable> = q.finders.iter().map(|f| vocab.table(f)).collect();
    if tables.iter().any(|t| t.tokens.is_empty()) {
        return (0, Vec::new());
    }
    let phrase = Phrase::new(vocab, q, &tables);
    let ctx = Ctx {
        vocab,
        tables: &tables,
        phrase: phrase.as_ref(),
    };
    // Each part's records holding every word, a part per core.
    let large = parts.iter().filter(|p| p.len() >= PARALLEL_FROM).count();
    let matched: Vec<(Vec<u32>, Vec<u32>)> = if large >= 2 {
        let (first, rest) = parts.split_at(1);
        std::thread::scope(|sc| {
            let other = sc.spawn(|| rest.iter().map(|p| ctx.matches(p)).collect::<Vec<_>>());
            let mut out = vec![ctx.matches(first[0])];
            out.extend(other.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            out
        })
    } else {
        parts.iter().map(|p| ctx.matches(p)).collect()
    };
    let total: usize = matched.iter().map(|(recs, _)| recs.len()).sum();
    if limit == 0 {
        return (total, Vec::new());
    }
    // Then the phrase bonus, the sort keys and the best `limit`: the first
    // and the second half of every part's matches, a half per core.
    let best = |cut: &(dyn Fn(usize) -> Range<usize> + Sync)| {
        let mut items: Vec<Item> = Vec::new();
        for (pi, (p, (recs, scores))) in parts.iter().zip(&matched).enumerate() {
            let cut = cut(recs.len());
            ctx.finish(p, pi, &recs[cut.clone()], &scores[cut], &mut items);
        }
        if items.len() > limit {
            items.select_nth_unstable(limit - 1);
            items.truncate(limit);
        }
        items
    };
    let mut items = if total >= PARALLEL_FROM {
        std::thread::scope(|sc| {
            let other = sc.spawn(|| best(&|n| n / 2..n));
            let mut items = best(&|n| 0..n / 2);
            items.extend(other.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            items
        })
    } else {
        best(&|n| 0..n)
    };
    items.sort_unstable();
    items.truncate(limit);
    (total, items.into_iter().map(|(_, part, rec, score)| Found { part, rec, score }).collect())
}

/// (sort key, part, record, score).
type Item = (u64, usize, u32, u32);

/// The sort key: score descending (up to 16,383: a 200-char query has at
/// most 100 words, 3,008 points), then the record's tie-breaks (`Part`).
fn key(score: u32, tie: u64) -> u64 {
    const MAX_SCORE: u32 = (1 << 14) - 1;
    (((MAX_SCORE - score.min(MAX_SCORE)) as u64) << 50) | tie
}

struct Ctx<'a> {
    vocab: &'a Vocab,
    tables: &'a [WordTable],
    phrase: Option<&'a Phrase>,
}

impl Ctx<'_> {
    /// A part's live records holding every word, with their words' score.
    fn matches(&self, p: &Part) -> (Vec<u32>, Vec<u32>) {
        let (mut recs, mut scores) = self.sealed(p);
        for r in p.sealed as u32..p.len() as u32 {
            if let Some(s) = self.walk_all(p, r) {
                recs.push(r);
                scores.push(s);
            }
        }
        (recs, scores)
    }

    /// Matches of part `pi` with the phrase bonus added, as items.
    fn finish(&self, p: &Part, pi: usize, recs: &[u32], scores: &[u32], out: &mut Vec<Item>) {
        out.reserve(recs.len());
        for (&r, &s) in recs.iter().zip(scores) {
            let s = match self.phrase.and_then(|ph| ph.class(self.vocab, p.tokens(r))) {
                Some(c) => s + 5 + c as u32,
                None => s,
            };
            out.push((key(s, p.ties[r as usize]), pi, r, s));
        }
    }

    /// The live sealed records holding every word, with their words' score:
    /// the rarest word's postings first, then each further word by its
    /// postings or by walking the candidates' tokens, whichever is less work.
    fn sealed(&self, p: &Part) -> (Vec<u32>, Vec<u32>) {
        let cost = |w: &WordTable| -> usize { w.tokens.iter().map(|&t| p.postings(t).len()).sum() };
        let mut words: Vec<(usize, &WordTable)> = self.tables.iter().map(|w| (cost(w), w)).collect();
        words.sort_by_key(|(c, _)| *c);
        let mut class = vec![0u8; p.sealed];
        let (_, first) = words[0];
        for &t in &first.tokens {
            let c = first.flags[t as usize] & CLASS;
            for &r in p.postings(t) {
                let b = &mut class[r as usize];
                *b = (*b).max(c);
            }
        }
        // In record order, so that what follows reads the records' tokens
        // and tie-breaks from memory in sequence, not at random.
        let (mut recs, mut scores): (Vec<u32>, Vec<u32>) = class
            .iter()
            .zip(&p.dead)
            .enumerate()
            .filter(|(_, (c, dead))| **c > 0 && !**dead)
            .map(|(r, (c, _))| (r as u32, *c as u32 * 10))
            .unzip();
        let per_record = p.tokens_len() / p.len().max(1) + 1;
        for &(postings, w) in &words[1..] {
            if recs.is_empty() {
                break;
            }
            let mut keep = 0;
            if postings < recs.len() * per_record {
                class.fill(0);
                for &t in &w.tokens {
                    let c = w.flags[t as usize] & CLASS;
                    for &r in p.postings(t) {
                        let b = &mut class[r as usize];
                        *b = (*b).max(c);
                    }
                }
                for i in 0..recs.len() {
                    let c = class[recs[i] as usize];
                    if c > 0 {
                        recs[keep] = recs[i];
                        scores[keep] = scores[i] + c as u32 * 10;
                        keep += 1;
                    }
                }
            } else {
                for i in 0..recs.len() {
                    let c = walk(w, p.tokens(recs[i]));
                    if c > 0 {
                        recs[keep] = recs[i];
                        scores[keep] = scores[i] + c as u32 * 10;
                        keep += 1;
                    }
                }
            }
            recs.truncate(keep);
            scores.truncate(keep);
        }
        (recs, scores)
    }

    /// A record not yet in the postings: its words' score if it holds every word.
    fn walk_all(&self, p: &Part, r: u32) -> Option<u32> {
        if p.dead[r as usize] {
            return None;
        }
        let toks = p.tokens(r);
        let mut score = 0;
        for w in self.tables {
            match walk(w, toks) {
                0 => return None,
                c => score += c as u32 * 10,
            }
        }
        Some(score)
    }
}

/// The best class of a word among a record's tokens (0: it does not occur).
fn walk(w: &WordTable, toks: &[u32]) -> u8 {
    let mut best = 0;
    for &t in toks {
        best = best.max(w.flags[t as usize] & CLASS);
        if best == 3 {
            break;
        }
    }
    best
}

/// The query's words as a phrase (more than one word): "w1 w2 .. wk" occurs
/// in a text where w1 ends token i, w2..w(k-1) are tokens i+1..i+k-2 and wk
/// starts token i+k-1.
struct Phrase {
    /// Per token: `SUFFIX` and `SUFFIX_START` of w1, `PREFIX` and
    /// `PREFIX_END` of wk (one lookup per token of a record).
    ends: Vec<u8>,
    /// The token ids of w2..w(k-1).
    middle: Vec<u32>,
    first_len: usize,
    last_len: usize,
    /// The best class any occurrence can have (a record's walk stops there).
    max: u8,
}

impl Phrase {
    fn new(vocab: &Vocab, q: &Query, tables: &[WordTable]) -> Option<Phrase> {
        let k = q.words.len();
        if k < 2 {
            return None;
        }
        let mut middle = Vec::with_capacity(k - 2);
        for (w, tab) in q.words[1..k - 1].iter().zip(&tables[1..k - 1]) {
            middle.push(*tab.tokens.iter().find(|&&t| vocab.token(t) == w.as_bytes())?);
        }
        let (first, last) = (&tables[0], &tables[k - 1]);
        let any = |tab: &WordTable, flag: u8| tab.tokens.iter().any(|&t| tab.flags[t as usize] & flag != 0);
        if !any(first, SUFFIX) || !any(last, PREFIX) {
            return None;
        }
        let start = any(first, SUFFIX_START);
        let end = any(last, PREFIX_END);
        let mut ends = vec![0u8; vocab.len()];
        for &t in &first.tokens {
            ends[t as usize] |= first.flags[t as usize] & (SUFFIX | SUFFIX_START);
        }
        for &t in &last.tokens {
            ends[t as usize] |= last.flags[t as usize] & (PREFIX | PREFIX_END);
        }
        Some(Phrase {
            ends,
            middle,
            first_len: q.words[0].len(),
            last_len: q.words[k - 1].len(),
            max: class_of(start, end),
        })
    }

    /// The class of the phrase's best occurrence in a record's tokens, among
    /// the occurrences memmem's `find_iter` gives in its text (non-overlapping,
    /// leftmost first): an occurrence that starts inside the previous one's
    /// last token before that one's end is skipped.
    fn class(&self, vocab: &Vocab, toks: &[u32]) -> Option<u8> {
        let span = self.middle.len() + 2;
        if toks.len() < span {
            return None;
        }
        let mut best: Option<u8> = None;
        // The first token an occurrence may start in, and the least offset
        // in that token.
        let mut from = (0usize, 0usize);
        for i in 0..=toks.len() - span {
            let f = self.ends[toks[i] as usize];
            if f & SUFFIX == 0 || i < from.0 {
                continue;
            }
            let l = self.ends[toks[i + span - 1] as usize];
            if l & PREFIX == 0 {
                continue;
            }
            if i == from.0 && from.1 > 0 && vocab.token_len(toks[i]) - self.first_len < from.1 {
                continue;
            }
            if !self.middle.iter().zip(&toks[i + 1..]).all(|(m, t)| m == t) {
                continue;
            }
            let c = class_of(f & SUFFIX_START != 0, l & PREFIX_END != 0);
            best = best.max(Some(c));
            if c == self.max {
                break;
            }
            from = (i + span - 1, self.last_len);
        }
        best
    }
}
