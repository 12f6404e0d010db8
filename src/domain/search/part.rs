//! A set of records (e.g. the organisations, or the cases) as token ids,
//! with postings (token -> records) for all but the last few added.

use super::vocab::Vocab;
use super::{alnum, class_of};

/// Records as token ids. A record is added with `push` and replaced by
/// killing it and pushing the new text (`kill`); `seal` drops the dead ones
/// and indexes the records added since the last seal (until then they are
/// scanned one by one).
pub struct Part {
    /// The caller's key per record (an organisation's or a case's id).
    keys: Vec<u64>,
    /// Every record's token ids, one record after another: record r's are
    /// `toks[starts[r]..starts[r + 1]]`.
    toks: Vec<u32>,
    starts: Vec<u32>,
    /// Per record: the tie-breaks of the ranking in one number (`tie`), and
    /// whether it was replaced.
    pub(super) ties: Vec<u64>,
    pub(super) dead: Vec<bool>,
    /// Per record: how each letter and digit occurs in it (`glyphs_of`), so
    /// that a query word of one letter or digit (every word typed starts as
    /// one, and matches most records) is answered without its postings.
    glyphs: Vec<u128>,
    n_dead: usize,
    /// The first `sealed` records are numbered in the order of their ties
    /// (`seal`); their postings: the records holding token t
    /// (t < post_starts.len() - 1) are `post[post_starts[t]..post_starts[t + 1]]`,
    /// ascending, each once.
    post_starts: Vec<u32>,
    post: Vec<u32>,
    pub(super) sealed: usize,
}

const MAX24: u64 = (1 << 24) - 1;

/// A record's tie-breaks, most significant first: its group (0-3), its folded length
/// and its order (each up to 16,777,215), in the low 50 bits (the score
/// goes above them, see `find`).
fn tie(group: u8, flen: usize, order: u32) -> u64 {
    ((group.min(3) as u64) << 48) | ((flen as u64).min(MAX24) << 24) | (order as u64).min(MAX24)
}

impl Default for Part {
    fn default() -> Self {
        Part {
            keys: Vec::new(),
            toks: Vec::new(),
            starts: vec![0],
            ties: Vec::new(),
            dead: Vec::new(),
            glyphs: Vec::new(),
            n_dead: 0,
            post_starts: vec![0],
            post: Vec::new(),
            sealed: 0,
        }
    }
}

impl Part {
    /// Records, dead ones included (record ids are below this).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a record: its folded text, split on single spaces (a double
    /// space gives an empty token, so the text is kept exactly), its group
    /// and order (ties in the ranking go to the lower group, then the
    /// shorter text, then the lower order) and the caller's key. Returns its id.
    pub fn push(&mut self, vocab: &mut Vocab, folded: &str, group: u8, order: u32, key: u64) -> u32 {
        let r = self.keys.len() as u32;
        self.toks.extend(folded.split(' ').map(|t| vocab.intern(t)));
        self.starts.push(self.toks.len() as u32);
        self.ties.push(tie(group, folded.len(), order));
        self.dead.push(false);
        self.glyphs.push(glyphs_of(folded.as_bytes()));
        self.keys.push(key);
        r
    }

    /// Record `r` no longer matches (it was replaced).
    pub fn kill(&mut self, r: u32) {
        if let Some(d) = self.dead.get_mut(r as usize) {
            if !*d {
                *d = true;
                self.n_dead += 1;
            }
        }
    }

    pub fn key(&self, r: u32) -> u64 {
        self.keys[r as usize]
    }

    pub fn order(&self, r: u32) -> u32 {
        (self.ties[r as usize] & MAX24) as u32
    }

    pub fn is_live(&self, r: u32) -> bool {
        self.dead.get(r as usize).is_some_and(|d| !d)
    }

    /// The live records' ids.
    pub fn live(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len() as u32).filter(|&r| self.is_live(r))
    }

    /// Record `r`'s token ids.
    pub(super) fn tokens(&self, r: u32) -> &[u32] {
        let r = r as usize;
        &self.toks[self.starts[r] as usize..self.starts[r + 1] as usize]
    }

    /// How each letter and digit occurs in record `r` (see `glyph_class`).
    pub(super) fn glyphs(&self, r: u32) -> u128 {
        self.glyphs[r as usize]
    }

    /// Token ids of all records, dead ones included.
    pub(super) fn tokens_len(&self) -> usize {
        self.toks.len()
    }

    /// Record `r`'s folded text, rebuilt from its tokens.
    pub fn folded(&self, vocab: &Vocab, r: u32) -> String {
        let mut out = Vec::with_capacity((self.ties[r as usize] >> 24 & MAX24) as usize);
        for (i, &t) in self.tokens(r).iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(vocab.token(t));
        }
        // Tokens are whole runs of a str between spaces: valid UTF-8.
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The records holding token `t` among the sealed ones.
    pub(super) fn postings(&self, t: u32) -> &[u32] {
        let t = t as usize;
        if t + 1 >= self.post_starts.len() {
            return &[];
        }
        &self.post[self.post_starts[t] as usize..self.post_starts[t + 1] as usize]
    }

    /// Bytes held on the heap (for measurements).
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8
            + (self.toks.capacity() + self.starts.capacity()) * 4
            + self.ties.capacity() * 8
            + self.dead.capacity()
            + self.glyphs.capacity() * 16
            + (self.post_starts.capacity() + self.post.capacity()) * 4
    }

    /// Whether enough records are dead or unindexed that `seal` pays
    /// (a tenth of the part, and never for a handful).
    pub fn needs_seal(&self) -> bool {
        self.n_dead + (self.len() - self.sealed) > self.len() / 10 + 64
    }

    /// Drops the dead records, numbers the others in the order of their
    /// tie-breaks (so that among records of equal score the lower id ranks
    /// first: `find` then picks the best without sorting them) and indexes
    /// them all. Returns whether record ids changed (then the caller's ids
    /// of records are stale: read them again with `key`).
    pub fn seal(&mut self) -> bool {
        let mut order: Vec<u32> = self.live().collect();
        order.sort_by_key(|&r| (self.ties[r as usize], r));
        let renumbered = order.len() != self.len() || order.iter().enumerate().any(|(i, &r)| i as u32 != r);
        if renumbered {
            let old = std::mem::take(self);
            for r in order {
                let ri = r as usize;
                self.toks.extend_from_slice(old.tokens(r));
                self.starts.push(self.toks.len() as u32);
                self.ties.push(old.ties[ri]);
                self.dead.push(false);
                self.glyphs.push(old.glyphs[ri]);
                self.keys.push(old.keys[ri]);
            }
        }
        let n_tokens = self.toks.iter().copied().max().map_or(0, |m| m as usize + 1);
        // Count, then fill; a record's repeated token is posted once (the
        // records come in order, so the last posted record tells).
        let mut count = vec![0u32; n_tokens + 1];
        let mut last = vec![u32::MAX; n_tokens];
        for r in 0..self.len() as u32 {
            for &t in self.tokens(r) {
                if last[t as usize] != r {
                    last[t as usize] = r;
                    count[t as usize + 1] += 1;
                }
            }
        }
        for t in 0..n_tokens {
            count[t + 1] += count[t];
        }
        let mut post = vec![0u32; count[n_tokens] as usize];
        let mut next = count.clone();
        last.fill(u32::MAX);
        for r in 0..self.len() as u32 {
            for &t in self.tokens(r) {
                let ti = t as usize;
                if last[ti] != r {
                    last[ti] = r;
                    post[next[ti] as usize] = r;
                    next[ti] += 1;
                }
            }
        }
        self.post_starts = count;
        self.post = post;
        self.sealed = self.len();
        // Built by pushing: give back what doubling left over.
        self.toks.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ties.shrink_to_fit();
        self.dead.shrink_to_fit();
        self.glyphs.shrink_to_fit();
        self.keys.shrink_to_fit();
        renumbered
    }
}

/// The letter or digit (0-35) a word of one byte is, if it is one.
pub(super) fn glyph(word: &[u8]) -> Option<usize> {
    match word {
        [b @ b'a'..=b'z'] => Some((b - b'a') as usize),
        [b @ b'0'..=b'9'] => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

/// Three bits per letter and digit (`glyph`): bit c - 1 is set when it
/// occurs in `folded` in class c (inside a word 1, at a word's start 2,
/// as a whole word 3; see `class_at`). A one-byte word's occurrences never
/// overlap, so its best class in the text is the highest bit set.
fn glyphs_of(folded: &[u8]) -> u128 {
    let mut m = 0u128;
    for (i, &b) in folded.iter().enumerate() {
        if let Some(g) = glyph(&[b]) {
            let start = i == 0 || !alnum(folded[i - 1]);
            let end = i + 1 >= folded.len() || !alnum(folded[i + 1]);
            m |= 1u128 << (3 * g + class_of(start, end) as usize - 1);
        }
    }
    m
}

/// The best class of letter or digit `g` in a record's `glyphs` (0: it
/// does not occur).
pub(super) fn glyph_class(glyphs: u128, g: usize) -> u8 {
    let bits = (glyphs >> (3 * g)) as u8 & 7;
    (8 - bits.leading_zeros()) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_and_seal_drops_the_dead() {
        let mut v = Vocab::default();
        let mut p = Part::default();
        let texts = ["chi bo  thon 1", "chi bo chi bo", "", "bv.03"];
        for (i, t) in texts.iter().enumerate() {
            p.push(&mut v, t, 0, i as u32, 100 + i as u64);
        }
        for (r, t) in texts.iter().enumerate() {
            assert_eq!(p.folded(&v, r as u32), *t, "double spaces and empty texts come back");
        }
        assert!(p.seal(), "numbered by their ties: the shorter text first");
        let keys: Vec<u64> = (0..4).map(|r| p.key(r)).collect();
        assert_eq!(keys, [102, 103, 101, 100]);
        let chi = v.intern("chi");
        assert_eq!(p.postings(chi), &[2, 3], "each record once, in order");
        assert!(!p.seal(), "in order already: ids stay");
        p.kill(2);
        p.kill(2);
        assert!(p.seal());
        assert_eq!(p.len(), 3);
        assert_eq!((p.key(2), p.order(2)), (100, 0));
        assert_eq!(p.postings(chi), &[2]);
        assert_eq!(p.folded(&v, 1), "bv.03");
    }

    #[test]
    fn a_letters_best_class_in_a_record_is_read_off_its_glyphs() {
        let m = glyphs_of(b"bv.03 a-b ta (3) 13");
        let class = |w: &str| glyph_class(m, glyph(w.as_bytes()).unwrap());
        assert_eq!(class("b"), 3, "whole in a-b");
        assert_eq!(class("v"), 1);
        assert_eq!(class("a"), 3, "whole in a-b, not only inside ta");
        assert_eq!(class("t"), 2);
        assert_eq!(class("3"), 3, "(3)");
        assert_eq!(class("1"), 2);
        assert_eq!(class("0"), 2, "after a '.'");
        assert_eq!(class("z"), 0);
        assert_eq!(glyph(b"ab"), None);
        assert_eq!(glyph(b"-"), None);
        assert_eq!(glyph(b"9"), Some(35));
    }
}
