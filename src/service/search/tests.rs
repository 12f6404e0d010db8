//! The index follows changes: a replaced case is found by its new text
//! only, through seals (which renumber records) and rebuilds of the
//! vocabulary.

use super::index::Index;
use crate::domain::case::Case;
use crate::domain::search::{find, Query};
use crate::domain::text::fold;
use crate::domain::tree::Register;
use std::collections::HashMap;

const ORG: &str = "Chi bộ Thôn Đông";

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
        ix.add_case(c, ORG);
    }
    ix.seal_cases();
    ix.vocab_built = ix.vocab.len();
    ix
}

/// The ids of the cases found, best first, and how many matched.
fn hits(ix: &Index, q: &str) -> (usize, Vec<u64>) {
    let (total, found) = find(&ix.vocab, &[&ix.orgs, &ix.cases], &Query::new(q), 1000);
    (total, found.iter().map(|f| ix.cases.key(f.rec)).collect())
}

/// Every case's record is the live one and reads back as its text folded.
fn consistent(ix: &Index, titles: &HashMap<u64, String>) {
    let mut live = 0;
    for r in ix.cases.live() {
        let id = ix.cases.key(r);
        assert_eq!(ix.case_at[&id], r, "the case's record is the live one");
        assert_eq!(ix.cases.folded(&ix.vocab, r), fold(&format!("{} — {ORG}", titles[&id])));
        live += 1;
    }
    assert_eq!(live, ix.case_at.len());
}

#[test]
fn a_changed_case_is_found_by_its_new_text_only() {
    let cases: Vec<Case> = (0..200).map(|i| case(i, &format!("Vụ việc k{i}q"))).collect();
    let mut titles: HashMap<u64, String> = cases.iter().map(|c| (c.id, c.title.clone())).collect();
    let mut ix = index(&cases);
    assert_eq!(hits(&ix, "k7q"), (1, vec![7]));
    // More replacements than a tenth of the part: it is sealed (and its
    // records renumbered) several times on the way.
    for round in 0..300u64 {
        let i = round * 7 % 200;
        let title = format!("Vụ việc m{round}w");
        ix.put_case(&case(i, &title), ORG);
        let old_word = titles.insert(i, title).expect("a case").replace("Vụ việc ", "");
        assert!(!hits(&ix, &old_word).1.contains(&i), "{old_word} no longer finds case {i}");
        assert_eq!(hits(&ix, &format!("m{round}w")), (1, vec![i]));
        assert_eq!(hits(&ix, "vu viec thon dong").0, 200, "one record per case");
    }
    assert!(ix.cases.len() < 200 + 300, "sealed on the way: {}", ix.cases.len());
    consistent(&ix, &titles);
    // The same text again (e.g. only the status changed) adds nothing.
    let n = ix.cases.len();
    ix.put_case(&case(3, &titles[&3]), ORG);
    assert_eq!(ix.cases.len(), n);
}

#[test]
fn replaced_texts_piling_up_rebuild_the_vocabulary_with_the_register() {
    let words = |i: u64, tag: &str| (0..20).map(|j| format!("{tag}{i}x{j}")).collect::<Vec<_>>().join(" ");
    let cases: Vec<Case> = (0..100).map(|i| case(i, &words(i, "old"))).collect();
    let mut ix = index(&cases);
    let mut titles = HashMap::new();
    for i in 0..100 {
        ix.put_case(&case(i, &words(i, "new")), ORG);
        titles.insert(i, words(i, "new"));
    }
    let grown = ix.vocab.len();
    assert!(grown > 4_000, "{grown}");
    ix.orgs_changed(&Register::new());
    assert!(ix.vocab.len() < 2_100, "the old texts' tokens are gone: {}", ix.vocab.len());
    consistent(&ix, &titles);
    for i in 0..100 {
        assert_eq!(hits(&ix, &format!("new{i}x19 new{i}x0")), (1, vec![i]));
        assert_eq!(hits(&ix, &format!("old{i}x3")).0, 0);
    }
}
