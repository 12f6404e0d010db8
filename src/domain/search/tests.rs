//! The rule's examples. `rank` and `rank_top` here answer with the token
//! index and check on the way that the plain implementation (`reference`)
//! answers the same, sealed and unsealed.

use super::reference::{self, narrows, rank_top_within, score, Entry, PARALLEL_FROM};
use super::*;

/// The token index over `entries` (record i is entry i, its order i), sealed or not.
pub(super) fn index_of(entries: &[(u8, &Entry)], seal: bool) -> (Vocab, Part) {
    let mut v = Vocab::default();
    let mut p = Part::default();
    for (i, (g, e)) in entries.iter().enumerate() {
        p.push(&mut v, &e.folded, *g, i as u32, i as u64);
    }
    if seal {
        p.seal();
    }
    (v, p)
}

fn rank_top(entries: &[(u8, &Entry)], q: &Query, limit: usize) -> (usize, Vec<(usize, u32)>) {
    let expected = reference::rank_top(entries, q, limit);
    for seal in [true, false] {
        let (v, p) = index_of(entries, seal);
        let (total, found) = find(&v, &[&p], q, limit);
        let found: Vec<(usize, u32)> = found.iter().map(|f| (p.key(f.rec) as usize, f.score)).collect();
        assert_eq!((total, found), expected, "{:?}, sealed: {seal}", q.words);
    }
    expected
}

fn rank(entries: &[(u8, &Entry)], q: &Query) -> Vec<(usize, u32)> {
    rank_top(entries, q, usize::MAX).1
}

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
