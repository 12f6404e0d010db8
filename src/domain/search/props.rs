//! The token index against the plain implementation on generated texts and
//! queries: same total, same best records with the same scores, in the same
//! order, and the same highlight positions, through replacements and seals.

use super::reference::{self, Entry};
use super::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Words that make ties, prefixes, inner matches, punctuation and repeats.
const PIECES: &[&str] = &[
    "a",
    "aa",
    "aaa",
    "ab",
    "ba",
    "b",
    "chi",
    "bo",
    "chibo",
    "thon",
    "3",
    "03",
    "(bd)",
    "bd",
    "bv.03",
    "bv",
    "2315-qd/tu",
    "qd",
    "a.a",
    "xa.a.a",
    "Đình",
    "dinh",
    "ĐÌNH",
    "đinh.3",
    "ủy",
    "uy",
    "",
    "-",
    "a-b",
    "hà",
    "nội",
    "(",
    ")",
];

fn text(rng: &mut ChaCha8Rng) -> String {
    let n = rng.gen_range(0..9);
    let mut s = String::new();
    if rng.gen_bool(0.05) {
        s.push(' ');
    }
    for i in 0..n {
        if i > 0 {
            // Mostly one space; sometimes two, or none (words glued together).
            match rng.gen_range(0..10) {
                0 => s.push_str("  "),
                1 => {}
                _ => s.push(' '),
            }
        }
        s.push_str(PIECES.choose(rng).unwrap());
    }
    if rng.gen_bool(0.05) {
        s.push(' ');
    }
    s
}

fn query(rng: &mut ChaCha8Rng, entries: &[Entry]) -> String {
    match rng.gen_range(0..4) {
        // A slice of a record's text: prefixes, inner matches, phrases across tokens.
        0 if !entries.is_empty() => {
            let t: Vec<char> = entries[rng.gen_range(0..entries.len())].text.chars().collect();
            let a = rng.gen_range(0..=t.len());
            let b = rng.gen_range(a..=t.len().min(a + 12));
            t[a..b].iter().collect()
        }
        // A word typed twice.
        1 => {
            let w = PIECES.choose(rng).unwrap();
            format!("{w} {w}")
        }
        _ => (0..rng.gen_range(1..4))
            .map(|_| *PIECES.choose(rng).unwrap())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The index's answer as (entry index, score), and the reference's.
fn both(v: &Vocab, p: &Part, entries: &[Entry], groups: &[u8], q: &Query, limit: usize) {
    let refs: Vec<(u8, &Entry)> = groups.iter().copied().zip(entries).collect();
    let expected = reference::rank_top(&refs, q, limit);
    let (total, found) = find(v, &[p], q, limit);
    // Cut in two halves on two threads: the same answer.
    assert_eq!(
        super::find::find_split(v, &[p], q, limit, 0),
        (total, found.clone()),
        "halves: {:?}",
        q.words
    );
    let got: Vec<(usize, u32)> = found.iter().map(|f| (p.key(f.rec) as usize, f.score)).collect();
    assert_eq!((total, &got), (expected.0, &expected.1), "query {:?}", q.words);
    for f in &found {
        let e = &entries[p.key(f.rec) as usize];
        let folded = p.folded(v, f.rec);
        assert_eq!(folded, e.folded);
        assert_eq!(positions(&folded, q), positions(&e.folded, q));
    }
    for (i, e) in entries.iter().enumerate() {
        let in_ref = reference::score(&e.folded, q).is_some();
        assert!(in_ref || !got.iter().any(|(j, _)| *j == i));
    }
}

#[test]
fn the_index_ranks_as_the_plain_scan_does() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut queries = 0;
    for _round in 0..300 {
        let n = rng.gen_range(1..120);
        let mut entries: Vec<Entry> = (0..n).map(|_| Entry::new(text(&mut rng))).collect();
        let groups: Vec<u8> = (0..n).map(|_| rng.gen_range(0..3)).collect();
        let mut v = Vocab::default();
        let mut p = Part::default();
        // Some records sealed (in the postings), the rest scanned one by one.
        let sealed_from = rng.gen_range(0..=n);
        let mut rec: Vec<u32> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if i == sealed_from && p.seal() {
                for r in p.live() {
                    rec[p.key(r) as usize] = r;
                }
            }
            rec.push(p.push(&mut v, &e.folded, groups[i], i as u32, i as u64));
        }
        for step in 0..15 {
            if step % 5 == 4 {
                // Replace a few records; sometimes seal (which renumbers them).
                for _ in 0..rng.gen_range(1..4) {
                    let i = rng.gen_range(0..n);
                    entries[i] = Entry::new(text(&mut rng));
                    p.kill(rec[i]);
                    rec[i] = p.push(&mut v, &entries[i].folded, groups[i], i as u32, i as u64);
                }
                if rng.gen_bool(0.5) && p.seal() {
                    for r in p.live() {
                        rec[p.key(r) as usize] = r;
                    }
                }
            }
            let q = Query::new(&query(&mut rng, &entries));
            let limit = *[0, 1, 3, 10, usize::MAX].choose(&mut rng).unwrap();
            both(&v, &p, &entries, &groups, &q, limit);
            queries += 1;
        }
    }
    assert_eq!(queries, 4500);
}

#[test]
fn large_parts_searched_on_two_threads_rank_as_one_list() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let n = 9_000;
    let entries: Vec<Entry> = (0..2 * n).map(|_| Entry::new(text(&mut rng))).collect();
    let groups: Vec<u8> = (0..2 * n).map(|i| if i < n { (i % 2) as u8 } else { 2 }).collect();
    let mut v = Vocab::default();
    let (mut a, mut b) = (Part::default(), Part::default());
    for (i, e) in entries.iter().enumerate() {
        let p = if i < n { &mut a } else { &mut b };
        p.push(&mut v, &e.folded, groups[i], i as u32, i as u64);
    }
    a.seal();
    b.seal();
    let refs: Vec<(u8, &Entry)> = groups.iter().copied().zip(&entries).collect();
    for q in ["a", "chi bo", "a a", "bv.03 3", "dinh", "b (bd)", "aa a.a"] {
        let q = Query::new(q);
        let expected = reference::rank_top(&refs, &q, 200);
        let (total, found) = find(&v, &[&a, &b], &q, 200);
        let got: Vec<(usize, u32)> = found.iter().map(|f| ([&a, &b][f.part].key(f.rec) as usize, f.score)).collect();
        assert!(expected.0 > 200, "{:?}: {}", q.words, expected.0);
        assert_eq!((total, got), expected, "{:?}", q.words);
        // One large part alone is cut in two halves, each on a thread.
        let one: Vec<(u8, &Entry)> = refs[..n].to_vec();
        let expected = reference::rank_top(&one, &q, 200);
        let (total, found) = find(&v, &[&a], &q, 200);
        let got: Vec<(usize, u32)> = found.iter().map(|f| (a.key(f.rec) as usize, f.score)).collect();
        assert_eq!((total, got), expected, "{:?} in one part", q.words);
    }
}
