//! The index follows changes: a replaced case is found by its new text
//! only, through seals (which renumber records) and rebuilds of the
//! vocabulary.

use super::index::Index;
use crate::domain::case::Case;
use crate::domain::search::{find, Query};
use crate::domain::text::fold;
use crate::domain::tree::Register;

fn case(id: u64, title: &str) -> Case {
    serde_json::from_value(serde_json::json!({
        "id": id, "kind": "inspection", "org": 1, "title": title,
        "opened": "2024-01-02", "status": "received",
    }))
    .expect("a case")
}

/// Built as the service builds it: organisations, then every case, sealed.
fn index(cases: &[Case]) -> Index {
    let mut ix = Index::default();
    ix.build_orgs(&Register::new());
    for c in cases {
        ix.add_case(c, "Chi bộ Thôn Đông");
    }
    ix.cases.seal();
    ix.vocab_built = ix.vocab.len();
    ix
}

/// The ids of the cases found, best first, and how many matched.
fn hits(ix: &Index, q: &str) -> (usize, Vec<u64>) {
    let (total, found) = find(&ix.vocab, &[&ix.orgs, &ix.cases], &Query::new(q), 1000);
    (total, found.iter().map(|f| ix.cases.key(f.rec)).collect())
}

/// Every case's record reads back as its text folded, and is found by it.
fn consistent(ix: &Index) {
    let mut live = 0;
    for r in ix.cases.live() {
        let (at, text) = &ix.case_at[&ix.cases.key(r)];
        assert_eq!(*at, r, "the case's record is the live one");
        assert_eq!(ix.cases.folded(&ix.vocab, r), fold(text));
        live += 1;
    }
    assert_eq!(live, ix.case_at.len());
}

#[test]
fn a_changed_case_is_found_by_its_new_text_only() {
    let cases: Vec<Case> = (0..200).map(|i| case(i, &format!("Vụ việc k{i}q"))).collect();
    let mut ix = index(&cases);
    assert_eq!(hits(&ix, "k7q"), (1, vec![7]));
    // More replacements than a tenth of the part: it is sealed (and its
    // records renumbered) several times on the way.
    for round in 0..300u64 {
        let i = round * 7 % 200;
        let old = ix.case_at[&i].1.clone();
        ix.put_case(&case(i, &format!("Vụ việc m{round}w")), "Chi bộ Thôn Đông");
        let old_word = old.split(' ').nth(2).expect("a word").to_string();
        assert!(!hits(&ix, &old_word).1.contains(&i), "{old_word} no longer finds case {i}");
        assert_eq!(hits(&ix, &format!("m{round}w")), (1, vec![i]));
        assert_eq!(hits(&ix, "vu viec thon dong").0, 200, "one record per case");
    }
    assert!(ix.cases.len() < 200 + 300, "sealed on the way: {}", ix.cases.len());
    consistent(&ix);
    // The same text again (e.g. only the status changed) adds nothing.
    let n = ix.cases.len();
    ix.put_case(&case(3, &ix.case_at[&3].1.clone().replace(" — Chi bộ Thôn Đông", "")), "Chi bộ Thôn Đông");
    assert_eq!(ix.cases.len(), n);
}

#[test]
fn replaced_texts_piling_up_rebuild_the_vocabulary_with_the_register() {
    let words = |i: u64, tag: &str| (0..20).map(|j| format!("{tag}{i}x{j}")).collect::<Vec<_>>().join(" ");
    let cases: Vec<Case> = (0..100).map(|i| case(i, &words(i, "old"))).collect();
    let mut ix = index(&cases);
    for i in 0..100 {
        ix.put_case(&case(i, &words(i, "new")), "Chi bộ Thôn Đông");
    }
    let grown = ix.vocab.len();
    assert!(grown > 4_000, "{grown}");
    ix.orgs_changed(&Register::new());
    assert!(ix.vocab.len() < 2_100, "the old texts' tokens are gone: {}", ix.vocab.len());
    consistent(&ix);
    for i in 0..100 {
        assert_eq!(hits(&ix, &format!("new{i}x19 new{i}x0")), (1, vec![i]));
        assert_eq!(hits(&ix, &format!("old{i}x3")).0, 0);
    }
}
