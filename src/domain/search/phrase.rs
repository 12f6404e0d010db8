//! A query of several words as a phrase: where the words occur one after
//! the other in a record's tokens.

use super::vocab::{Vocab, WordTable, PREFIX, PREFIX_END, SUFFIX, SUFFIX_START};
use super::{class_of, Query};
use std::sync::Arc;

/// The query's words as a phrase (more than one word): "w1 w2 .. wk" occurs
/// in a text where w1 ends token i, w2..w(k-1) are tokens i+1..i+k-2 and wk
/// starts token i+k-1.
pub(super) struct Phrase {
    /// Per token: `SUFFIX` and `SUFFIX_START` of w1, `PREFIX` and
    /// `PREFIX_END` of wk (one lookup per token of a record).
    ends: Vec<u8>,
    /// The token ids of w2..w(k-1).
    middle: Vec<u32>,
    first_len: usize,
    last_len: usize,
    /// The best class any occurrence can have (a record's walk stops there).
    pub(super) max: u8,
}

impl Phrase {
    pub(super) fn new(vocab: &Vocab, q: &Query, tables: &[Arc<WordTable>]) -> Option<Phrase> {
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
    pub(super) fn class(&self, vocab: &Vocab, toks: &[u32]) -> Option<u8> {
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
