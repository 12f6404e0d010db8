//! Search through the service: Vietnamese queries with and without
//! diacritics, any case, several words in any order, ranking, organisations
//! that no longer exist, cases by every field, and highlight positions.

mod common;
use common::*;
use thuky::domain::case::{CaseKind, CaseStatus, Form, PersonInput, Subject};
use thuky::domain::OrgKind;
use thuky::service::api::*;
use thuky::service::Service;

fn add_org(s: &mut Service, parent: &str, kind: OrgKind, name: &str, code: &str) {
    s.call(
        "tester",
        Request::OrgAdd(OrgAdd {
            parent: parent.into(),
            kind,
            name: name.into(),
            code: Some(code.into()),
            members: 10,
            at: d(2010, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn setup() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    add_org(&mut s, "HN", OrgKind::GrassrootsCommittee, "Đảng bộ Bệnh viện Thanh Nhàn", "BVTN");
    add_org(&mut s, "BVTN", OrgKind::Cell, "Chi bộ Khoa Dinh dưỡng", "BVTN.01");
    add_org(&mut s, "BD.01", OrgKind::Cell, "Chi bộ Tổ dân phố 5 Ba Đình", "BD.01.05");
    add_org(&mut s, "HN", OrgKind::Superior, "Quận ủy Hoàng Mai", "HM");
    add_org(&mut s, "HM", OrgKind::GrassrootsCell, "Chi bộ Thôn Cũ", "HM.09");
    s.call(
        "tester",
        Request::OrgDissolve {
            code: "HM.09".into(),
            at: d(2019, 6, 30),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    s.call(
        "tester",
        Request::CaseAdd(Box::new(CaseInput {
            org: "HM".into(),
            kind: CaseKind::Denunciation,
            title: "Đơn tố cáo Chủ tịch UBND phường Hoàng Liệt".into(),
            summary: Some("Về việc cấp phép xây dựng nhà ở riêng lẻ".into()),
            persons: vec![PersonInput {
                name: "Phạm Đức Thắng".into(),
                ..Default::default()
            }],
            place: Some("phường Hoàng Liệt".into()),
            source: Some("Đơn đề ngày 12/3/2024".into()),
            handler: None,
            opened: Some(d(2024, 3, 20)),
            due: Some(d(2024, 6, 20)),
        })),
    )
    .unwrap();
    (dir, s)
}

fn texts(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.text.as_str()).collect()
}

fn highlighted(h: &SearchHit) -> String {
    let chars: Vec<char> = h.text.chars().collect();
    h.positions.iter().map(|p| chars[*p]).collect()
}

#[test]
fn ba_dinh_puts_ba_dinh_first() {
    let (_dir, mut s) = setup();
    let r = search(&mut s, "ba dinh");
    assert_eq!(r.hits[0].text, "Quận ủy Ba Đình BD", "{:?}", texts(&r));
    assert!(texts(&r).contains(&"Chi bộ Tổ dân phố 5 Ba Đình BD.01.05"));
    assert!(
        !texts(&r).iter().any(|t| t.contains("Dinh dưỡng")),
        "every word must match: {:?}",
        texts(&r)
    );
    assert_eq!(highlighted(&r.hits[0]), "Ba Đình");
    let r = search(&mut s, "dinh");
    let ba = texts(&r).iter().position(|t| t.starts_with("Quận ủy Ba Đình")).unwrap();
    let dd = texts(&r).iter().position(|t| t.contains("Dinh dưỡng")).unwrap();
    assert!(ba < dd, "shorter whole-word match first: {:?}", texts(&r));
}

#[test]
fn diacritics_case_and_word_order_do_not_matter() {
    let (_dir, mut s) = setup();
    for q in [
        "hoang liet",
        "Hoàng Liệt",
        "HOANG LIET",
        "HOÀNG LIỆT",
        "liet hoang",
        "to cao hoang liet",
    ] {
        let r = search(&mut s, q);
        assert_eq!(r.total, 1, "{q}: {:?}", texts(&r));
        let SearchTarget::Case { id, org_code, overdue, .. } = &r.hits[0].target else {
            panic!("{q}: {:?}", r.hits[0])
        };
        assert_eq!((*id, org_code.as_str(), *overdue), (1, "HM", true));
    }
    let h = &search(&mut s, "HOANG liet").hits[0];
    assert_eq!(highlighted(h), "Hoàng Liệt");
    assert!(search(&mut s, "hoang liet dinh").hits.is_empty(), "every word must occur");
    assert!(search(&mut s, "   ").hits.is_empty());
}

#[test]
fn cases_are_found_by_every_field() {
    let (_dir, mut s) = setup();
    for q in [
        "pham duc thang",       // person
        "12/3/2024",            // source
        "nha o rieng le",       // summary
        "quan uy hoang mai to", // the organisation's name and the title
        "Chủ tịch UBND",        // title
    ] {
        let r = search(&mut s, q);
        assert!(
            r.hits.iter().any(|h| matches!(h.target, SearchTarget::Case { id: 1, .. })),
            "{q}: {:?}",
            texts(&r)
        );
    }
    // A changed case is found by its new title, not its old one.
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 1,
            title: Some("Đơn khiếu nại về giải phóng mặt bằng".into()),
            ..Default::default()
        })),
    )
    .unwrap();
    assert_eq!(search(&mut s, "giai phong mat bang").total, 1);
    assert_eq!(search(&mut s, "chu tich ubnd").total, 0);
    // Concluded with a discipline: found by its form and its decision.
    assert_eq!(search(&mut s, "khien trach").total, 0);
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 1,
            status: Some(CaseStatus::Concluded),
            at: Some(d(2024, 6, 1)),
            decision: Some("215-QĐ/UBKT".into()),
            decided: Some(d(2024, 6, 1)),
            discipline: Some(DisciplineInput {
                form: Some(Form::KhienTrach),
                subject: Some(Subject::Member),
                person: Some("Phạm Đức Thắng".into()),
                self_remedied: false,
                violation: None,
            }),
            ..Default::default()
        })),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for q in ["khien trach", "thang khien trach", "215-QĐ/UBKT", "215 ubkt"] {
        let r = search(&mut s, q);
        assert!(
            r.hits.iter().any(|h| matches!(h.target, SearchTarget::Case { id: 1, .. })),
            "{q}: {:?}",
            texts(&r)
        );
    }
}

#[test]
fn organisations_no_longer_existing_are_found_with_their_years() {
    let (_dir, mut s) = setup();
    let r = search(&mut s, "thon cu");
    assert_eq!(r.total, 1, "{:?}", texts(&r));
    match &r.hits[0].target {
        SearchTarget::Org {
            code,
            alive,
            founded,
            ended,
            last_day,
            ..
        } => assert_eq!(
            (code.as_str(), *alive, *founded, *ended, *last_day),
            ("HM.09", false, 2010, Some(2019), Some(d(2019, 6, 29)))
        ),
        t => panic!("{t:?}"),
    }
    // Renamed organisations are found by their former names too.
    s.call(
        "tester",
        Request::OrgRename {
            code: "BVTN".into(),
            name: "Đảng bộ Bệnh viện Đa khoa Thanh Nhàn".into(),
            at: d(2020, 1, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    let r = search(&mut s, "benh vien thanh nhan");
    assert_eq!(
        r.hits[0].text,
        "Đảng bộ Bệnh viện Đa khoa Thanh Nhàn BVTN (trước đây: Đảng bộ Bệnh viện Thanh Nhàn)"
    );
    assert_eq!(search(&mut s, "da khoa thanh nhan").total, 1);
}

#[test]
fn organisations_existing_today_rank_before_former_ones() {
    let (_dir, mut s) = setup();
    add_org(&mut s, "HM", OrgKind::GrassrootsCell, "Chi bộ Thôn Cũ", "HM.10");
    let r = search(&mut s, "thon cu");
    let codes: Vec<&str> = r
        .hits
        .iter()
        .map(|h| match &h.target {
            SearchTarget::Org { code, .. } => code.as_str(),
            _ => "case",
        })
        .collect();
    assert_eq!(codes, vec!["HM.10", "HM.09"]);
}

#[test]
fn organisations_rank_before_cases_on_equal_scores() {
    let (_dir, mut s) = setup();
    let r = search(&mut s, "hoang mai");
    assert!(matches!(r.hits[0].target, SearchTarget::Org { .. }), "{:?}", texts(&r));
    assert!(r.hits.iter().any(|h| matches!(h.target, SearchTarget::Case { .. })));
    let long = "x".repeat(201);
    let e = s.call("tester", Request::Search { query: long, limit: None }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("query"));
}

/// Typing on narrows the search to the previous query's matches; what was
/// added or renamed in between is still found (the narrowing is forgotten).
#[test]
fn typing_on_after_a_change_still_finds_what_changed() {
    let (_dir, mut s) = setup();
    assert!(search(&mut s, "chi").total >= search(&mut s, "chi bo").total);
    assert_eq!(search(&mut s, "chi bo khoa").total, 1);
    add_org(&mut s, "BVTN", OrgKind::Cell, "Chi bộ Khoa Nhi", "BVTN.02");
    assert_eq!(search(&mut s, "chi bo khoa nhi").total, 1, "the new cell is found");
    assert_eq!(search(&mut s, "chi bo khoa").total, 2);
    s.call(
        "tester",
        Request::OrgRename {
            code: "BVTN.02".into(),
            name: "Chi bộ Khoa Ngoại".into(),
            at: d(2021, 1, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_eq!(search(&mut s, "chi bo khoa ngoai").total, 1, "found by its new name");
    assert_eq!(texts(&search(&mut s, "chi bo khoa nhi")).len(), 1, "and by its former name");
    search(&mut s, "don to cao");
    s.call(
        "tester",
        Request::CaseAdd(Box::new(CaseInput {
            org: "HM".into(),
            kind: CaseKind::Denunciation,
            title: "Đơn tố cáo cán bộ địa chính".into(),
            summary: None,
            persons: vec![],
            place: None,
            source: None,
            handler: None,
            opened: Some(d(2024, 5, 2)),
            due: None,
        })),
    )
    .unwrap();
    assert_eq!(search(&mut s, "don to cao can bo").total, 1, "the new case is found");
}

/// The index a quiet server builds ahead answers as one built by a search.
#[test]
fn a_prepared_index_answers_as_a_built_one() {
    let (_dir, mut s) = setup();
    let (_dir2, mut fresh) = setup();
    s.warm_search();
    for q in ["ba dinh", "hoang liet", "thon cu", "chi bo"] {
        assert_eq!(search(&mut s, q), search(&mut fresh, q), "{q}");
    }
}
