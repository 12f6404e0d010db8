//! The distinct tokens of every record (a token is a run of the folded text
//! between single spaces), each once, and how one query word occurs in each.

use super::{alnum, class_at};
use memchr::memmem::Finder;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

/// Distinct tokens with ids (u32, in order of first sight).
pub struct Vocab {
    /// Every token followed by one space: a query word (it holds no space)
    /// is searched for in this once per query, not in every record.
    text: Vec<u8>,
    /// Where token t starts in `text`; one more entry: the end.
    starts: Vec<u32>,
    /// Token ids by a hash of their bytes (checked on lookup); a token whose
    /// hash an earlier, different token has goes to `clashes`.
    by_hash: FxHashMap<u64, u32>,
    clashes: FxHashMap<Box<[u8]>, u32>,
    /// The tables of the last words looked for (typing on asks for most of
    /// them again, or for a longer word: that one occurs only in the tokens
    /// of the shorter). Emptied when a token is added.
    recent: Mutex<Vec<(Vec<u8>, Arc<WordTable>)>>,
}

/// How many word tables are kept.
const RECENT: usize = 8;

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            text: Vec::new(),
            starts: vec![0],
            by_hash: FxHashMap::default(),
            clashes: FxHashMap::default(),
            recent: Mutex::default(),
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// In a `WordTable`'s flags: the class of the word's best occurrence in the
/// token (bits 0-1; 0 if it does not occur), and whether the word ends the
/// token (and starts after a non-alphanumeric byte or at the token's start),
/// whether it starts the token (and ends before a non-alphanumeric byte or
/// at the token's end).
pub(super) const CLASS: u8 = 3;
pub(super) const SUFFIX: u8 = 4;
pub(super) const SUFFIX_START: u8 = 8;
pub(super) const PREFIX: u8 = 16;
pub(super) const PREFIX_END: u8 = 32;

/// `SUFFIX`, `SUFFIX_START`, `PREFIX`, `PREFIX_END` of word `w` in token `tok`.
fn ends(tok: &[u8], w: &[u8]) -> u8 {
    let mut f = 0;
    if tok.ends_with(w) {
        let before = tok.len() - w.len();
        f |= SUFFIX;
        if before == 0 || !alnum(tok[before - 1]) {
            f |= SUFFIX_START;
        }
    }
    if tok.starts_with(w) {
        f |= PREFIX;
        if tok.len() == w.len() || !alnum(tok[w.len()]) {
            f |= PREFIX_END;
        }
    }
    f
}

/// How one query word occurs in every token of the vocabulary.
#[derive(Default)]
pub(super) struct WordTable {
    /// Per token id (see `CLASS`, `SUFFIX`, ...).
    pub flags: Vec<u8>,
    /// The tokens the word occurs in, ascending.
    pub tokens: Vec<u32>,
}

impl Vocab {
    /// How many distinct tokens there are.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes of token `t`.
    pub fn token(&self, t: u32) -> &[u8] {
        let t = t as usize;
        &self.text[self.starts[t] as usize..self.starts[t + 1] as usize - 1]
    }

    /// The length in bytes of token `t`.
    pub fn token_len(&self, t: u32) -> usize {
        let t = t as usize;
        (self.starts[t + 1] - self.starts[t]) as usize - 1
    }

    /// Bytes held on the heap (for measurements; a hash map's entry
    /// counted with one control byte).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 4
            + self.by_hash.capacity() * (16 + 1)
            + self.clashes.keys().map(|k| k.len() + 16 + 4 + 1).sum::<usize>()
    }

    /// The id of `token`, added if new.
    pub fn intern(&mut self, token: &str) -> u32 {
        self.intern_hashed(token.as_bytes(), hash(token.as_bytes()))
    }

    fn intern_hashed(&mut self, bytes: &[u8], h: u64) -> u32 {
        match self.by_hash.get(&h) {
            Some(&t) if self.token(t) == bytes => return t,
            Some(_) => {
                if let Some(&t) = self.clashes.get(bytes) {
                    return t;
                }
            }
            None => {}
        }
        let t = self.len() as u32;
        self.recent.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
        self.text.extend_from_slice(bytes);
        self.text.push(b' ');
        self.starts.push(self.text.len() as u32);
        match self.by_hash.entry(h) {
            Entry::Occupied(_) => {
                self.clashes.insert(bytes.into(), t);
            }
            Entry::Vacant(e) => {
                e.insert(t);
            }
        }
        t
    }

    /// `table`, kept for the next queries; a word holding a word looked for
    /// before is looked for in that one's tokens only.
    pub(super) fn table_of(&self, word: &Finder) -> Arc<WordTable> {
        let w = word.needle();
        let recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, t)) = recent.iter().find(|(k, _)| k == w) {
            return t.clone();
        }
        let within = recent
            .iter()
            .filter(|(k, _)| memchr::memmem::find(w, k).is_some())
            .min_by_key(|(_, t)| t.tokens.len())
            .map(|(_, t)| t.clone());
        drop(recent);
        let table = Arc::new(match within {
            Some(shorter) => self.table_within(word, &shorter.tokens),
            None => self.table(word),
        });
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() >= RECENT {
            recent.remove(0);
        }
        recent.push((w.to_vec(), table.clone()));
        table
    }

    /// `table` looked for in `tokens` only (ascending; every token holding
    /// the word must be among them).
    pub(super) fn table_within(&self, word: &Finder, tokens: &[u32]) -> WordTable {
        let w = word.needle();
        let mut flags = vec![0u8; self.len()];
        let mut found = Vec::new();
        for &t in tokens {
            let tok = self.token(t);
            let mut f = 0u8;
            for at in word.find_iter(tok) {
                f = f.max(class_at(tok, at, w.len()));
            }
            if f > 0 {
                flags[t as usize] = f | ends(tok, w);
                found.push(t);
            }
        }
        WordTable { flags, tokens: found }
    }

    /// Every occurrence of `word` (its finder) in the tokens, in one pass
    /// over the distinct tokens. Occurrences are those memmem's `find_iter`
    /// gives (non-overlapping, leftmost first) in each token: the same as in
    /// a record's whole text, since a word holds no space.
    pub(super) fn table(&self, word: &Finder) -> WordTable {
        let w = word.needle();
        let mut flags = vec![0u8; self.len()];
        let mut tokens = Vec::new();
        let mut t = 0usize;
        for at in word.find_iter(&self.text) {
            while self.starts[t + 1] as usize <= at {
                t += 1;
            }
            let c = class_at(&self.text, at, w.len());
            let f = &mut flags[t];
            if *f == 0 {
                tokens.push(t as u32);
            }
            if c > *f & CLASS {
                *f = (*f & !CLASS) | c;
            }
        }
        for &t in &tokens {
            flags[t as usize] |= ends(self.token(t), w);
        }
        WordTable { flags, tokens }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_interned_once_and_read_back() {
        let mut v = Vocab::default();
        let a = v.intern("chi");
        let b = v.intern("bo");
        assert_eq!(v.intern("chi"), a);
        assert_eq!(v.intern(""), 2, "the empty token of a double space is a token too");
        assert_eq!((v.token(a), v.token(b), v.token(2)), (&b"chi"[..], &b"bo"[..], &b""[..]));
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn a_longer_words_table_from_a_shorter_ones_tokens_is_the_whole_scan() {
        let mut v = Vocab::default();
        let words = [
            "a", "aa", "aaa", "a.a", "xa.a.a", "chi", "chibo", "hi", "bo", "bv.03", "03", "3", "(bd)", "bd", "b",
        ];
        for t in words.iter().chain(&["aaaa", "abab", "bab", "a.a.a", "(bd", "bd)", "03.3", "3.03"]) {
            v.intern(t);
        }
        for short in words {
            let shorter = v.table(&Finder::new(short));
            for long in words.iter().filter(|l| l.contains(short)) {
                let f = Finder::new(long);
                let (whole, within) = (v.table(&f), v.table_within(&f, &shorter.tokens));
                assert_eq!((whole.flags, whole.tokens), (within.flags, within.tokens), "{long} within {short}");
            }
        }
        // Kept: the same table again, and a longer word's from it.
        let a = v.table_of(&Finder::new("a"));
        assert!(Arc::ptr_eq(&a, &v.table_of(&Finder::new("a"))));
        let aa = v.table_of(&Finder::new("aa"));
        assert_eq!(aa.tokens, v.table(&Finder::new("aa")).tokens);
        v.intern("new");
        assert!(!Arc::ptr_eq(&a, &v.table_of(&Finder::new("a"))), "forgotten when a token is added");
    }

    #[test]
    fn tokens_whose_hashes_clash_keep_their_own_ids() {
        let mut v = Vocab::default();
        let a = v.intern_hashed(b"chi", 7);
        let b = v.intern_hashed(b"bo", 7);
        let c = v.intern_hashed(b"thon", 7);
        assert_eq!((a, b, c), (0, 1, 2));
        assert_eq!(
            (v.intern_hashed(b"bo", 7), v.intern_hashed(b"chi", 7), v.intern_hashed(b"thon", 7)),
            (1, 0, 2)
        );
        assert_eq!(v.token(b), b"bo");
    }

    #[test]
    fn a_word_table_holds_classes_and_ends() {
        let mut v = Vocab::default();
        for t in ["aaa", "xa.a.a", "bv.03", "a", "ba"] {
            v.intern(t);
        }
        let tab = v.table(&Finder::new("a"));
        assert_eq!(tab.tokens, vec![0, 1, 3, 4]);
        // "aaa": first occurrence at the start, none whole.
        assert_eq!(tab.flags[0], 2 | SUFFIX | PREFIX);
        // "xa.a.a": the last "a" is whole and ends the token after a '.'.
        assert_eq!(tab.flags[1], 3 | SUFFIX | SUFFIX_START);
        assert_eq!(tab.flags[3], 3 | SUFFIX | SUFFIX_START | PREFIX | PREFIX_END);
        assert_eq!(tab.flags[4], 1 | SUFFIX);
        // Non-overlapping occurrences, as memmem finds them in a text: "a.a"
        // in "xa.a.a" is found at 1 only (inside), never at 3.
        let tab = v.table(&Finder::new("a.a"));
        assert_eq!(tab.flags[1] & CLASS, 1);
        assert_ne!(tab.flags[1] & SUFFIX_START, 0, "as a suffix it starts after a '.'");
    }
}
