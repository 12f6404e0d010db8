//! Search that finds what clerks type: diacritic-insensitive, every word of
//! the query must occur (in any order), and whole words and word prefixes
//! rank before matches inside a word ("ba dinh" puts "Quận ủy Ba Đình"
//! before "Chi bộ Khoa Dinh dưỡng", which lacks "ba" anyway, and before
//! "Trường Hoàng Bá Dinh" only if that one is longer).
//!
//! The rule, per record (its folded text, `text::fold`):
//! - each query word scores 10 × its best class among its non-overlapping
//!   occurrences: inside a word (1), at a word's start (2), a whole word (3);
//!   a missing word drops the record;
//! - with more than one word, the words joined by single spaces (the phrase)
//!   add 5 + the class of its best occurrence, if it occurs;
//! - order: score, then organisations existing today, former ones, cases
//!   (`group`), then the shorter folded text, then the earlier record.
//!
//! Records are kept as token ids (`part`), the distinct tokens once (`vocab`):
//! a query word holds no space, so it matches inside one token, and a query
//! scans the distinct tokens once and then only the postings of the tokens
//! that match (`find`), instead of every record's text. A word of one
//! letter or digit (each word typed starts as one, and matches most
//! records) is read off each record's glyphs instead: how every letter and
//! digit occurs in it, in one number (`part`). `reference` (tests only) is
//! the plain implementation the index must agree with.
//!
//! Texts are folded once (`text::fold`: one char per char of NFC text), so a
//! match's byte offset in the folded text gives its char position in the
//! original, for highlighting.

mod find;
mod part;
mod phrase;
mod vocab;

#[cfg(test)]
mod props;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

pub use find::{find, Found};
pub use part::Part;
pub use vocab::Vocab;

use super::text::fold;
use memchr::memmem::Finder;

/// A query: its folded words (empty words dropped), and the words joined as
/// a phrase, each with a prepared substring finder (memchr's SIMD `memmem`).
#[derive(Debug, Clone)]
pub struct Query {
    pub words: Vec<String>,
    phrase: String,
    finders: Vec<Finder<'static>>,
    phrase_finder: Finder<'static>,
}

impl Query {
    pub fn new(q: &str) -> Query {
        let words: Vec<String> = fold(q).split_whitespace().map(str::to_string).collect();
        let phrase = words.join(" ");
        Query {
            finders: words.iter().map(|w| Finder::new(w.as_bytes()).into_owned()).collect(),
            phrase_finder: Finder::new(phrase.as_bytes()).into_owned(),
            words,
            phrase,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// How a word occurs: inside a word (1), at a word's start (2), as a whole word (3).
fn class_at(folded: &[u8], at: usize, len: usize) -> u8 {
    let start = at == 0 || !alnum(folded[at - 1]);
    let end = at + len >= folded.len() || !alnum(folded[at + len]);
    class_of(start, end)
}

fn class_of(start: bool, end: bool) -> u8 {
    match (start, end) {
        (true, true) => 3,
        (true, false) => 2,
        _ => 1,
    }
}

/// The best occurrence found by `f` in `folded`: (class, byte offset).
fn best(folded: &str, f: &Finder) -> Option<(u8, usize)> {
    let bytes = folded.as_bytes();
    let len = f.needle().len();
    let mut out: Option<(u8, usize)> = None;
    for at in f.find_iter(bytes) {
        let c = class_at(bytes, at, len);
        if out.is_none_or(|(b, _)| c > b) {
            out = Some((c, at));
            if c == 3 {
                break;
            }
        }
    }
    out
}

/// Char positions in the original text of the matched words (sorted, unique).
pub fn positions(folded: &str, q: &Query) -> Vec<usize> {
    let mut bytes: Vec<(usize, usize)> = Vec::new();
    let phrase = if q.words.len() > 1 { best(folded, &q.phrase_finder) } else { None };
    match phrase {
        Some((_, at)) => bytes.push((at, q.phrase.len())),
        None => {
            for f in &q.finders {
                if let Some((_, at)) = best(folded, f) {
                    bytes.push((at, f.needle().len()));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (at, len) in bytes {
        let first = folded[..at].chars().count();
        let n = folded[at..at + len].chars().count();
        out.extend(first..first + n);
    }
    out.sort_unstable();
    out.dedup();
    out
}
