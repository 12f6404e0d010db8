//! Search that finds what clerks type: diacritic-insensitive, every word of
//! the query must occur (in any order), and whole words and word prefixes
//! rank before matches inside a word ("ba dinh" puts "Quận ủy Ba Đình"
//! before "Chi bộ Khoa Dinh dưỡng", which lacks "ba" anyway, and before
//! "Trường Hoàng Bá Dinh" only if that one is longer).
//!
//! Texts are folded once (`text::fold`: one char per char of NFC text), so a
//! match's byte offset in the folded text gives its char position in the
//! original, for highlighting.

use super::text::fold;
use memchr::memmem::Finder;

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

/// A query: its folded words (empty words dropped), and the words joined as
/// a phrase, each with a prepared substring finder (memchr's SIMD `memmem`:
/// the query is scanned for in every record on every keystroke).
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

/// How a word occurs: inside a word (1), at a word's start (2), as a whole word (3).
fn class_at(folded: &[u8], at: usize, len: usize) -> u32 {
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    let start = at == 0 || !alnum(folded[at - 1]);
    let end = at + len >= folded.len() || !alnum(folded[at + len]);
    match (start, end) {
        (true, true) => 3,
        (true, false) => 2,
        _ => 1,
    }
}

/// The best occurrence found by `f` in `folded`: (class, byte offset).
fn best(folded: &str, f: &Finder) -> Option<(u32, usize)> {
    let bytes = folded.as_bytes();
    let len = f.needle().len();
    let mut out: Option<(u32, usize)> = None;
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

/// The score of `folded` for `q`, or None if a word is missing. Higher is better.
pub fn score(folded: &str, q: &Query) -> Option<u32> {
    if q.is_empty() {
        return None;
    }
    let mut total = 0;
    for f in &q.finders {
        total += best(folded, f)?.0 * 10;
    }
    if q.finders.len() > 1 {
        if let Some((c, _)) = best(folded, &q.phrase_finder) {
            // The words together, in the typed order.
            total += 5 + c;
        }
    }
    Some(total)
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

/// The matches of `q` among `entries`: (index, score), best first; ties go to
/// the lower `group` (e.g. organisations before cases), then the shorter text,
/// then the lower index.
pub fn rank(entries: &[(u8, &Entry)], q: &Query) -> Vec<(usize, u32)> {
    rank_top(entries, q, usize::MAX).1
}

/// Like `rank`, but only the best `limit` are sorted and returned, with
/// the number of all matches (sorting 100,000 matches of a one-letter
/// query would cost more than finding them).
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
const PARALLEL_FROM: usize = 8_192;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(texts: &[&str]) -> Vec<Entry> {
        texts.iter().map(|t| Entry::new(crate::domain::text::clean(t))).collect()
    }

    fn ranked(texts: &[&str], q: &str) -> Vec<String> {
        let e = entries(texts);
        let refs: Vec<(u8, &Entry)> = e.iter().map(|e| (0, e)).collect();
        rank(&refs, &Query::new(q)).into_iter().map(|(i, _)| e[i].text.clone()).collect()
    }

    #[test]
    fn whole_words_rank_before_inner_matches() {
        let texts = [
            "Chi bộ Khoa Dinh dưỡng BV.03",
            "Chi bộ Trường Tiểu học Bạch Đằng Ba Đình",
            "Quận ủy Ba Đình BD",
            "Chi bộ Cabadinh",
        ];
        let r = ranked(&texts, "ba dinh");
        assert_eq!(r[0], "Quận ủy Ba Đình BD");
        assert_eq!(r[1], "Chi bộ Trường Tiểu học Bạch Đằng Ba Đình");
        assert_eq!(r.last().unwrap(), "Chi bộ Cabadinh");
        assert!(!r.iter().any(|t| t.contains("Dinh dưỡng")), "every word must occur: {r:?}");
    }

    #[test]
    fn any_order_any_case_with_or_without_diacritics() {
        let texts = ["Đơn tố cáo Chủ tịch phường Hoàng Liệt, Hoàng Mai", "Kiểm tra Chi bộ Thôn Đông"];
        for q in ["hoang mai to cao", "TỐ CÁO hoàng mai", "Hoang Liet", "HOÀNG LIỆT"] {
            assert_eq!(ranked(&texts, q), vec![texts[0].to_string()], "{q}");
        }
        assert!(ranked(&texts, "hoang mai dong").is_empty());
        assert!(ranked(&texts, "  ").is_empty());
    }

    #[test]
    fn prefixes_rank_before_inner_matches() {
        let r = ranked(&["Chi bộ Mathanh", "Chi bộ Thanhxuân dài hơn", "Chi bộ Thành"], "thanh");
        assert_eq!(r, vec!["Chi bộ Thành", "Chi bộ Thanhxuân dài hơn", "Chi bộ Mathanh"]);
        let r = ranked(&["Chi bộ Nhà văn hóa", "Chi bộ Văn phòng"], "van pho");
        assert_eq!(r, vec!["Chi bộ Văn phòng"]);
    }

    #[test]
    fn the_top_of_a_ranking_is_the_ranking_cut() {
        let texts: Vec<String> = (0..300)
            .map(|i| format!("Chi bộ {} số {i}", if i % 3 == 0 { "Đông" } else { "Đông Anh" }))
            .collect();
        let e: Vec<Entry> = texts.iter().map(|t| Entry::new(t.clone())).collect();
        let refs: Vec<(u8, &Entry)> = e.iter().map(|e| ((e.text.len() % 2) as u8, e)).collect();
        let q = Query::new("dong");
        let all = rank(&refs, &q);
        let (total, top) = rank_top(&refs, &q, 17);
        assert_eq!(total, 300);
        assert_eq!(top, all[..17].to_vec());
    }

    #[test]
    fn a_longer_query_ranks_the_same_among_the_shorter_ones_matches() {
        let texts: Vec<String> = (0..400)
            .map(|i| format!("Chi bộ {} {} số {i}", ["Thôn Đông", "Trường THPT", "Phường Ba Đình"][i % 3], i % 7))
            .collect();
        let e: Vec<Entry> = texts.iter().map(|t| Entry::new(t.clone())).collect();
        let refs: Vec<(u8, &Entry)> = e.iter().map(|e| (0, e)).collect();
        let typed = "truong thpt 3";
        let mut previous: Option<(Query, Vec<u32>)> = None;
        for n in 1..=typed.len() {
            let q = Query::new(&typed[..n]);
            if q.is_empty() {
                continue;
            }
            let whole = rank_top_within(refs.len(), |i| refs[i], &q, 25, None);
            if let Some((p, within)) = &previous {
                assert!(narrows(&q, p), "{:?} narrows {:?}", q.words, p.words);
                assert_eq!(
                    rank_top_within(refs.len(), |i| refs[i], &q, 25, Some(within)),
                    whole,
                    "{}",
                    &typed[..n]
                );
            }
            previous = Some((q, whole.0));
        }
        assert!(!narrows(&Query::new("truong"), &Query::new("truong thpt")));
        assert!(!narrows(&Query::new("dong"), &Query::new("dinh")));
        assert!(narrows(&Query::new("dinh ba"), &Query::new("ba d")));
    }

    #[test]
    fn many_records_scored_on_two_threads_rank_as_one_pass_does() {
        let texts: Vec<String> = (0..20_000).map(|i| format!("Chi bộ Thôn {} số {}", i % 97, i % 13)).collect();
        let e: Vec<Entry> = texts.iter().map(|t| Entry::new(t.clone())).collect();
        let refs: Vec<(u8, &Entry)> = e.iter().enumerate().map(|(i, e)| ((i % 3) as u8, e)).collect();
        let q = Query::new("thon");
        // One pass, by hand: every match, sorted as the ranking sorts.
        let mut expected: Vec<(usize, u32)> = refs
            .iter()
            .enumerate()
            .filter_map(|(i, (_, e))| score(&e.folded, &q).map(|s| (i, s)))
            .collect();
        let all: Vec<u32> = expected.iter().map(|(i, _)| *i as u32).collect();
        expected.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(refs[a.0].0.cmp(&refs[b.0].0))
                .then(refs[a.0].1.folded.len().cmp(&refs[b.0].1.folded.len()))
                .then(a.0.cmp(&b.0))
        });
        assert!(all.len() > PARALLEL_FROM, "{}", all.len());
        let (matched, top) = rank_top_within(refs.len(), |i| refs[i], &q, 50, None);
        assert_eq!(matched, all, "every match, in order");
        assert_eq!(top, expected[..50].to_vec());
        let (matched, top) = rank_top_within(refs.len(), |i| refs[i], &Query::new("thon 5 so 1"), 50, Some(&all));
        let (whole_matched, whole_top) = rank_top_within(refs.len(), |i| refs[i], &Query::new("thon 5 so 1"), 50, None);
        assert_eq!((matched, top), (whole_matched, whole_top));
    }

    #[test]
    fn positions_map_to_the_original_chars() {
        let e = Entry::new(crate::domain::text::clean("Đảng ủy phường Ba Đình"));
        let q = Query::new("dinh BA");
        let p = positions(&e.folded, &q);
        let chars: Vec<char> = e.text.chars().collect();
        let picked: String = p.iter().map(|i| chars[*i]).collect();
        assert_eq!(picked, "BaĐình", "words apart");
        let picked: String = positions(&e.folded, &Query::new("BA dinh")).iter().map(|i| chars[*i]).collect();
        assert_eq!(picked, "Ba Đình", "a phrase is highlighted whole");
        let q = Query::new("dinh dang");
        let picked: String = positions(&e.folded, &q).iter().map(|i| chars[*i]).collect();
        assert_eq!(picked, "ĐảngĐình");
    }
}
