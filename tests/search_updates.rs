//! The search index built once follows what changes after: an edited case
//! is found by its new text only, a dissolved organisation moves after the
//! existing ones.

mod common;
use common::*;
use thuky::domain::case::CaseKind;
use thuky::domain::OrgKind;
use thuky::service::api::*;
use thuky::service::Service;

fn codes(r: &SearchResults) -> Vec<(String, bool)> {
    r.hits
        .iter()
        .map(|h| match &h.target {
            SearchTarget::Org { code, alive, .. } => (code.clone(), *alive),
            t => panic!("{t:?}"),
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, s)
}

fn add_org(s: &mut Service, name: &str, code: &str) {
    s.call(
        "tester",
        Request::OrgAdd(OrgAdd {
            parent: "HN".into(),
            kind: OrgKind::Superior,
            name: name.into(),
            code: Some(code.into()),
            members: 0,
            at: d(2010, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn an_edited_case_is_found_by_its_new_text_only() {
    let (_dir, mut s) = setup();
    let Response::Case(v) = s
        .call(
            "tester",
            Request::CaseAdd(Box::new(CaseInput {
                org: "HN".into(),
                kind: CaseKind::Denunciation,
                title: "Đơn tố cáo về đất đai".into(),
                summary: None,
                persons: vec![],
                place: None,
                source: None,
                handler: None,
                opened: Some(d(2024, 3, 20)),
                due: None,
            })),
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(search(&mut s, "dat dai").total, 1, "the index is built");
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: v.case.id,
            title: Some("Đơn phản ánh về xây dựng".into()),
            ..Default::default()
        })),
    )
    .unwrap();
    assert_eq!(search(&mut s, "dat dai").total, 0, "the old title is gone");
    let r = search(&mut s, "xay dung phan anh");
    assert_eq!(r.total, 1);
    let h = &r.hits[0];
    assert!(h.text.starts_with("Đơn phản ánh về xây dựng — "), "{}", h.text);
    let chars: Vec<char> = h.text.chars().collect();
    let picked: String = h.positions.iter().map(|p| chars[*p]).collect();
    assert_eq!(picked, "phảnánhxâydựng");
}

#[test]
fn an_organisation_dissolved_after_the_index_was_built_ranks_after_existing_ones() {
    let (_dir, mut s) = setup();
    add_org(&mut s, "Đảng ủy Khối Mới", "KM1");
    add_org(&mut s, "Đảng ủy Khối Mới", "KM2");
    assert_eq!(codes(&search(&mut s, "khoi moi")), [("KM1".into(), true), ("KM2".into(), true)]);
    s.call(
        "tester",
        Request::OrgDissolve {
            code: "KM1".into(),
            at: d(2020, 6, 30),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_eq!(codes(&search(&mut s, "khoi moi")), [("KM2".into(), true), ("KM1".into(), false)]);
}
