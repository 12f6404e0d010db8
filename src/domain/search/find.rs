//! A query over records kept as tokens: each word is looked for once in the
//! distinct tokens, then the records come from the postings of the tokens it
//! occurs in; scores, the phrase bonus and the order are those of the rule in
//! `super` (the module's doc), exactly.

use super::part::{glyph, glyph_class, Part};
use super::phrase::Phrase;
use super::vocab::{Vocab, WordTable, CLASS};
use super::Query;
use std::sync::{Arc, Mutex};

/// A match: the part (index into the parts searched), the record, its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub part: usize,
    pub rec: u32,
    pub score: u32,
}

/// Searches with this many postings to walk (the rarest word's) run on two
/// threads, each on some of the parts' records (the server's machine has two
/// cores; a thread costs tens of microseconds). A part this large is cut in
/// two halves of its records, so that one large part is shared too.
const PARALLEL_FROM: usize = 8_192;

/// The postings a word's tokens have in a part (its records, about).
fn cost(p: &Part, w: &WordTable) -> usize {
    w.tokens.iter().map(|&t| p.postings(t).len()).sum()
}

/// Some of a part's records, `lo..hi` (record ids): the sealed ones are
/// found from the postings, the others one by one.
struct Slice<'p> {
    part: &'p Part,
    pi: usize,
    lo: usize,
    hi: usize,
    /// Postings to walk (the rarest word's), about.
    cost: usize,
}

/// The matches of `q` in `parts`: how many there are, and the best `limit`,
/// best first (score, then group, then the shorter folded text, then the
/// lower order; then the lower part and record, for records that share an order).
pub fn find(vocab: &Vocab, parts: &[&Part], q: &Query, limit: usize) -> (usize, Vec<Found>) {
    find_split(vocab, parts, q, limit, PARALLEL_FROM)
}

/// `find`, on two threads from `parallel_from` postings (tests cut small
/// parts too).
pub(super) fn find_split(vocab: &Vocab, parts: &[&Part], q: &Query, limit: usize, parallel_from: usize) -> (usize, Vec<Found>) {
    if q.is_empty() {
        return (0, Vec::new());
    }
    // A word of one letter or digit is read off the records' glyphs; its
    // table is looked for only for the phrase (a query of one such word
    // has none).
    let glyphs: Vec<Option<usize>> = q.words.iter().map(|w| glyph(w.as_bytes())).collect();
    let lone_glyph = glyphs.len() == 1 && glyphs[0].is_some();
    let tables: Vec<Arc<WordTable>> = if lone_glyph {
        vec![Arc::default()]
    } else {
        q.finders.iter().map(|f| vocab.table_of(f)).collect()
    };
    if !lone_glyph && tables.iter().any(|t| t.tokens.is_empty()) {
        return (0, Vec::new());
    }
    let phrase = Phrase::new(vocab, q, &tables);
    let ctx = Ctx {
        vocab,
        tables: &tables,
        glyphs: &glyphs,
        phrase: phrase.as_ref(),
        bar: Mutex::new(None),
    };
    let mut slices: Vec<Slice> = Vec::with_capacity(2 * parts.len());
    for (pi, p) in parts.iter().enumerate() {
        let cost = ctx.costs(p).into_iter().min().unwrap_or(0);
        let len = p.len();
        if cost >= parallel_from && len >= 2 {
            let mid = len / 2;
            let half = cost / 2;
            slices.push(Slice {
                part: p,
                pi,
                lo: 0,
                hi: mid,
                cost: half,
            });
            slices.push(Slice {
                part: p,
                pi,
                lo: mid,
                hi: len,
                cost: cost - half,
            });
        } else {
            slices.push(Slice {
                part: p,
                pi,
                lo: 0,
                hi: len,
                cost,
            });
        }
    }
    let work: usize = slices.iter().map(|s| s.cost).sum();
    // Each slice's matches and its best `limit`; on two threads, the larger
    // slices first to the one with less to do.
    let each = |s: &Slice| ctx.slice(s, limit);
    let per_slice: Vec<(usize, Vec<Item>)> = if slices.len() >= 2 && work >= parallel_from {
        slices.sort_by_key(|s| std::cmp::Reverse(s.cost));
        let (mut mine, mut other): (Vec<&Slice>, Vec<&Slice>) = (Vec::new(), Vec::new());
        let (mut a, mut b) = (0, 0);
        for s in &slices {
            if a <= b {
                a += s.cost;
                other.push(s);
            } else {
                b += s.cost;
                mine.push(s);
            }
        }
        std::thread::scope(|sc| {
            let theirs = sc.spawn(|| other.into_iter().map(each).collect::<Vec<_>>());
            let mut out: Vec<_> = mine.into_iter().map(each).collect();
            out.extend(theirs.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            out
        })
    } else {
        slices.iter().map(each).collect()
    };
    let total = per_slice.iter().map(|(n, _)| n).sum();
    let mut items: Vec<Item> = per_slice.into_iter().flat_map(|(_, items)| items).collect();
    items.sort_unstable();
    items.truncate(limit);
    let found = items
        .into_iter()
        .map(|(worse, _, part, rec)| Found {
            part,
            rec,
            score: u32::MAX - worse,
        })
        .collect();
    (total, found)
}

/// A match as it sorts: (u32::MAX - score, its ties, part, record).
type Item = (u32, u64, usize, u32);

fn item(score: u32, p: &Part, part: usize, rec: u32) -> Item {
    (u32::MAX - score, p.ties[rec as usize], part, rec)
}

struct Ctx<'a> {
    vocab: &'a Vocab,
    tables: &'a [Arc<WordTable>],
    /// Per word: the letter or digit it is, if it is one (see `Part::glyphs`).
    glyphs: &'a [Option<usize>],
    phrase: Option<&'a Phrase>,
    /// The worst of a slice's best `limit` (its score and ties, as an
    /// `Item` sorts), the lowest of the slices that ended with `limit`: a
    /// record of another slice that would sort after it even with the best
    /// phrase bonus cannot be among the best `limit`, so its phrase is not
    /// looked for. The slices share it across threads as they end: the
    /// organisations' best found first spare the walk of every case's long
    /// text for a phrase with which it could not rank before them.
    bar: Mutex<Option<(u32, u64)>>,
}

impl Ctx<'_> {
    /// A slice's number of matches and its best `limit` (unsorted).
    fn slice(&self, s: &Slice, limit: usize) -> (usize, Vec<Item>) {
        let (p, pi) = (s.part, s.pi);
        let (recs, scores) = self.sealed(p, s.lo.min(p.sealed), s.hi.min(p.sealed));
        let mut total = recs.len();
        let mut items = self.best_sealed(p, pi, &recs, &scores, limit);
        for r in s.lo.max(p.sealed) as u32..s.hi as u32 {
            if let Some(s) = self.walk_all(p, r) {
                total += 1;
                items.push(item(s + self.bonus(p, r), p, pi, r));
            }
        }
        if limit == 0 {
            items.clear();
        } else if items.len() > limit {
            items.select_nth_unstable(limit - 1);
            items.truncate(limit);
        }
        if limit > 0 && items.len() == limit {
            let worst = items.iter().map(|&(worse, ties, ..)| (worse, ties)).max();
            let mut bar = self.bar.lock().unwrap_or_else(|e| e.into_inner());
            if bar.is_none() || worst < *bar {
                *bar = worst;
            }
        }
        (total, items)
    }

    /// Per word, the postings it has in `p` (its records, about); a letter
    /// or digit: every record (its glyphs are read, one number a record).
    fn costs(&self, p: &Part) -> Vec<usize> {
        self.tables
            .iter()
            .zip(self.glyphs)
            .map(|(w, g)| if g.is_some() { p.len() } else { cost(p, w) })
            .collect()
    }

    fn bar(&self) -> Option<(u32, u64)> {
        *self.bar.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The phrase bonus of record `r`.
    fn bonus(&self, p: &Part, r: u32) -> u32 {
        match self.phrase.and_then(|ph| ph.class(self.vocab, p.tokens(r))) {
            Some(c) => 5 + c as u32,
            None => 0,
        }
    }

    /// The best `limit` of a part's sealed matches (`recs` ascending: the
    /// order of their ties, see `Part::seal`), without sorting them: scores
    /// are added up in record order, stopping once `limit` records have the
    /// best score any match can have (none after them can rank before
    /// them); then the lowest score taken (`cut`) comes from a count of the
    /// scores, and the records are taken in order.
    fn best_sealed(&self, p: &Part, pi: usize, recs: &[u32], scores: &[u32], limit: usize) -> Vec<Item> {
        let Some(&base) = scores.iter().max() else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let bonus_max = self.phrase.map_or(0, |ph| 5 + ph.max as u32);
        let top = base + bonus_max;
        // Whether a record scoring `score` at the most sorts after the bar.
        let beaten = |bar: Option<(u32, u64)>, score: u32, r: u32| bar.is_some_and(|b| (u32::MAX - score, p.ties[r as usize]) > b);
        if recs.first().is_some_and(|&r| beaten(self.bar(), top, r)) {
            // Another slice holds `limit` better ones than any here.
            return Vec::new();
        }
        // At least `limit` records score `floor` or more without the phrase:
        // one whose words' score plus the best phrase bonus stays below it
        // cannot be taken, and its phrase is not looked for (its score,
        // counted without the bonus, stays below the cut as well).
        let floor = if bonus_max > 0 {
            let mut count = vec![0usize; base as usize + 1];
            for &s in scores {
                count[s as usize] += 1;
            }
            let (mut level, mut at_least) = (base as usize, count[base as usize]);
            while level > 0 && at_least < limit {
                level -= 1;
                at_least += count[level];
            }
            if at_least >= limit {
                level as u32
            } else {
                0
            }
        } else {
            0
        };
        let mut finals: Vec<u32> = Vec::with_capacity(recs.len());
        let mut at_top = 0;
        let mut bar = None;
        for (i, (&r, &s)) in recs.iter().zip(scores).enumerate() {
            if bonus_max > 0 && i % 256 == 0 {
                bar = self.bar();
            }
            // A record sorting after the bar keeps its words' score: it is
            // not taken in the end, whatever this slice takes.
            let f = if s + bonus_max < floor || beaten(bar, s + bonus_max, r) {
                s
            } else {
                s + self.bonus(p, r)
            };
            finals.push(f);
            if f == top {
                at_top += 1;
                if at_top == limit {
                    break;
                }
            }
        }
        let mut count = vec![0usize; top as usize + 1];
        for &f in &finals {
            count[f as usize] += 1;
        }
        // Every record above `cut` (fewer than `limit`), and the first
        // `room` at `cut`.
        let (mut cut, mut above) = (top as usize, 0);
        while cut > 0 && above + count[cut] < limit {
            above += count[cut];
            cut -= 1;
        }
        let mut room = limit - above;
        let mut items = Vec::with_capacity(limit.min(finals.len()));
        for (&r, &f) in recs.iter().zip(&finals) {
            let f_at = f as usize;
            if f_at > cut || (f_at == cut && room > 0) {
                if f_at == cut {
                    room -= 1;
                }
                items.push(item(f, p, pi, r));
            }
        }
        items
    }

    /// The live sealed records `lo..hi` holding every word, with their
    /// words' score: those of the words of more than one byte (`by_tokens`),
    /// then each letter or digit read off their glyphs; a query of letters
    /// and digits only reads every record's.
    fn sealed(&self, p: &Part, lo: usize, hi: usize) -> (Vec<u32>, Vec<u32>) {
        let letters: Vec<usize> = self.glyphs.iter().flatten().copied().collect();
        let (mut recs, mut scores) = (Vec::new(), Vec::new());
        if letters.len() == self.glyphs.len() {
            'records: for r in lo as u32..hi as u32 {
                if p.dead[r as usize] {
                    continue;
                }
                let (glyphs, mut score) = (p.glyphs(r), 0);
                for &g in &letters {
                    match glyph_class(glyphs, g) {
                        0 => continue 'records,
                        c => score += c as u32 * 10,
                    }
                }
                recs.push(r);
                scores.push(score);
            }
            return (recs, scores);
        }
        (recs, scores) = self.by_tokens(p, lo, hi);
        for &g in &letters {
            narrow(&mut recs, &mut scores, |r| glyph_class(p.glyphs(r), g));
        }
        (recs, scores)
    }

    /// The live sealed records `lo..hi` holding every word of more than one
    /// byte, with those words' score: the rarest word's postings first,
    /// then each further word by its postings or by walking the
    /// candidates' tokens, whichever is less work.
    fn by_tokens(&self, p: &Part, lo: usize, hi: usize) -> (Vec<u32>, Vec<u32>) {
        let n = hi.saturating_sub(lo);
        // A token's postings among the slice's records (ascending).
        let within = |t: u32| {
            let ps = p.postings(t);
            if lo == 0 && hi >= p.sealed {
                return ps;
            }
            let a = ps.partition_point(|&r| (r as usize) < lo);
            let b = a + ps[a..].partition_point(|&r| (r as usize) < hi);
            &ps[a..b]
        };
        // The slice's share of a part's postings, about.
        let share = |postings: usize| postings * n / p.sealed.max(1);
        let mut words: Vec<(usize, &WordTable)> = (self.tables.iter().zip(self.glyphs))
            .filter(|(_, g)| g.is_none())
            .map(|(w, _)| (cost(p, w), w.as_ref()))
            .collect();
        words.sort_by_key(|(c, _)| *c);
        let mut class = vec![0u8; n];
        let (postings, first) = words[0];
        // In record order, so that what follows reads the records' tokens
        // and tie-breaks from memory in sequence, not at random: a few
        // records sorted, many read off in order.
        let few = share(postings) < n / 16;
        let mut recs: Vec<u32> = Vec::new();
        for &t in &first.tokens {
            let c = first.flags[t as usize] & CLASS;
            for &r in within(t) {
                let b = &mut class[r as usize - lo];
                if few && *b == 0 {
                    recs.push(r);
                }
                *b = (*b).max(c);
            }
        }
        if few {
            recs.sort_unstable();
        } else {
            for (i, &c) in class.iter().enumerate() {
                if c != 0 {
                    recs.push((lo + i) as u32);
                }
            }
        }
        recs.retain(|&r| !p.dead[r as usize]);
        let mut scores: Vec<u32> = recs.iter().map(|&r| class[r as usize - lo] as u32 * 10).collect();
        let per_record = p.tokens_len() / p.len().max(1) + 1;
        for &(postings, w) in &words[1..] {
            if recs.is_empty() {
                break;
            }
            if share(postings) < recs.len() * per_record {
                class.fill(0);
                for &t in &w.tokens {
                    let c = w.flags[t as usize] & CLASS;
                    for &r in within(t) {
                        let b = &mut class[r as usize - lo];
                        *b = (*b).max(c);
                    }
                }
                narrow(&mut recs, &mut scores, |r| class[r as usize - lo]);
            } else {
                narrow(&mut recs, &mut scores, |r| walk(w, p.tokens(r)));
            }
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
        for (w, g) in self.tables.iter().zip(self.glyphs) {
            let class = match g {
                Some(g) => glyph_class(p.glyphs(r), *g),
                None => walk(w, toks),
            };
            match class {
                0 => return None,
                c => score += c as u32 * 10,
            }
        }
        Some(score)
    }
}

/// Keep the records in which a further word occurs (`class` of a record,
/// 0: it does not), adding its score.
fn narrow(recs: &mut Vec<u32>, scores: &mut Vec<u32>, class: impl Fn(u32) -> u8) {
    let mut keep = 0;
    for i in 0..recs.len() {
        let c = class(recs[i]);
        if c > 0 {
            recs[keep] = recs[i];
            scores[keep] = scores[i] + c as u32 * 10;
            keep += 1;
        }
    }
    recs.truncate(keep);
    scores.truncate(keep);
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
