//! Issue 12, item 6: full and probationary members recorded apart (schema 4,
//! with its migration from schema 3), and the kind of a grassroots
//! organisation checked against its full members (Điều lệ Đảng, Điều 21).

mod common;
use common::{d, sled_open, small_register};
use thuky::domain::conflicts::Resolution;
use thuky::domain::rules::Rule;
use thuky::domain::{Lang, OrgKind};
use thuky::service::api::{OrgAdd, Request, Response};
use thuky::service::Service;

fn kind_findings(s: &mut Service, year: i32) -> Vec<(String, String)> {
    let Response::Report(r) = s.call("t", Request::Report { year, under: None }).unwrap() else {
        unreachable!()
    };
    r.report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::KindMembers)
        .map(|f| (r.names[&f.org].0.clone(), f.message(Lang::En)))
        .collect()
}

fn add_cell(s: &mut Service, code: &str, members: u32) {
    s.call(
        "t",
        Request::OrgAdd(OrgAdd {
            parent: "BD".into(),
            kind: OrgKind::GrassrootsCell,
            name: format!("Chi bộ {code}"),
            code: Some(code.into()),
            members,
            at: d(2020, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap();
}

fn set_members(s: &mut Service, code: &str, members: u32, probationary: Option<u32>) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        "t",
        Request::OrgSetMembers {
            code: code.into(),
            members,
            probationary,
            at: d(2023, 1, 1),
            base_version: None,
        },
    )
}

#[test]
fn kind_is_checked_against_full_members() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    // BD.01, a grassroots committee of 55 members in two cells: fine.
    add_cell(&mut s, "BD.Z", 0);
    add_cell(&mut s, "BD.B", 120);
    add_cell(&mut s, "BD.S", 20);
    let f = kind_findings(&mut s, 2023);
    let codes: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(codes, vec!["BD.B", "BD.Z"], "{f:?}");
    assert!(
        f[0].1
            .contains("120 members (full and probationary not recorded apart); a grassroots cell has 3 to 29 full members"),
        "{f:?}"
    );
    // 32 members of whom 4 probationary: 28 full, a chi bộ cơ sở is right.
    set_members(&mut s, "BD.B", 32, Some(4)).unwrap();
    let f = kind_findings(&mut s, 2023);
    assert!(!f.iter().any(|x| x.0 == "BD.B"), "{f:?}");
    // 30 of whom none probationary: 30 full, too many for a chi bộ cơ sở.
    set_members(&mut s, "BD.B", 30, Some(0)).unwrap();
    let f = kind_findings(&mut s, 2023);
    assert!(f.iter().any(|x| x.0 == "BD.B" && x.1.starts_with("30 full members")), "{f:?}");
    // The grassroots committee: its cells' splits decide (25 + 30 members, 27 probationary → 28 full).
    set_members(&mut s, "BD.01.01", 25, Some(20)).unwrap();
    set_members(&mut s, "BD.01.02", 30, Some(7)).unwrap();
    let f = kind_findings(&mut s, 2023);
    assert!(f.iter().any(|x| x.0 == "BD.01" && x.1.contains("28 full members")), "{f:?}");
    // More probationary than members is refused, naming the field.
    let e = set_members(&mut s, "BD.S", 20, Some(21)).unwrap_err();
    assert!(e.message(Lang::En).contains("probationary"), "{}", e.message(Lang::En));
    // The history shows the split.
    let Response::Org(o) = s
        .call(
            "t",
            Request::Org {
                code: "BD.B".into(),
                at: d(2024, 1, 1),
                year: 2023,
            },
        )
        .unwrap()
    else {
        unreachable!()
    };
    assert!(o.history.iter().any(|h| h.detail == "30 (30 + 0)"), "{:?}", o.history);
}

#[test]
fn a_schema_3_store_is_migrated_and_keeps_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
        set_members(&mut s, "BD.01.01", 26, None).unwrap();
    }
    {
        // Mark it as written by a thuky of schema 3.
        let db = sled_open(&thuky::service::store_dir(dir.path()));
        db.open_tree("meta").unwrap().insert("schema_version", b"3".to_vec()).unwrap();
        db.flush().unwrap();
    }
    let mut s = Service::open(dir.path()).unwrap();
    let Response::Status(st) = s.call("t", Request::Status).unwrap() else {
        unreachable!()
    };
    // Migrated through every step (4: the members split, 5: cases, 6: kind changes and undo).
    assert_eq!(st.schema_version, thuky::store::SCHEMA_VERSION);
    assert_eq!(thuky::store::SCHEMA_VERSION, 7);
    let Response::Tree(t) = s
        .call(
            "t",
            Request::Tree {
                at: d(2024, 1, 1),
                year: None,
            },
        )
        .unwrap()
    else {
        unreachable!()
    };
    let bd01 = t.nodes.iter().find(|n| n.code == "BD.01").unwrap();
    assert_eq!(bd01.total_members, 56);
    // And the split can be recorded from now on.
    set_members(&mut s, "BD.01.01", 26, Some(3)).unwrap();
}

// ---- item 8: not rated, by reason

fn classify(s: &mut Service, code: &str, year: i32, members: &str) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        "t",
        Request::ClassificationSet(thuky::service::api::ClassifyInput {
            code: code.into(),
            year,
            level: Some(thuky::domain::Level::Ht),
            score: (year >= 2025).then_some(60.0),
            members: Some(thuky::domain::Tallies::parse(members).unwrap()),
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
}

fn recent_findings(s: &mut Service, year: i32) -> Vec<String> {
    let Response::ClassificationList(l) = s.call("t", Request::ClassificationList { year, under: None }).unwrap() else {
        unreachable!()
    };
    l.findings
        .iter()
        .filter(|f| f.rule == Rule::NotRatedRecent)
        .map(|f| f.message(Lang::En))
        .collect()
}

#[test]
fn recent_members_not_rated_are_checked_against_second_half_admissions() {
    for year in [2021, 2023, 2025] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
        add_cell(&mut s, "BD.S", 20);
        // 3 admitted in August, 1 in March.
        for (month, count) in [(8u32, 3u32), (3, 1)] {
            s.call(
                "t",
                Request::AdmissionSet {
                    code: "BD.S".into(),
                    year,
                    month,
                    count,
                },
            )
            .unwrap();
        }
        // Not rated by reason: 1 suspended, 2 recent, 0 exempted: 2 < 3.
        classify(&mut s, "BD.S", year, "2,10,5,0,1,2,0").unwrap();
        let f = recent_findings(&mut s, year);
        assert_eq!(
            f,
            vec!["not rated as admitted less than 6 months before: 2, fewer than the 3 admitted from July to December".to_string()],
            "{year}"
        );
        // Five numbers typed again with the same not-rated total keep the reasons.
        classify(&mut s, "BD.S", year, "2,10,5,0,3").unwrap();
        assert_eq!(recent_findings(&mut s, year).len(), 1, "{year}");
        // 3 recent: nothing to say.
        classify(&mut s, "BD.S", year, "2,10,4,0,1,3,0").unwrap();
        assert!(recent_findings(&mut s, year).is_empty(), "{year}");
        // The report has the same finding set.
        let Response::Report(r) = s.call("t", Request::Report { year, under: None }).unwrap() else {
            unreachable!()
        };
        assert!(!r.report.findings.iter().any(|f| f.rule == Rule::NotRatedRecent));
        // Without reasons nothing can be said.
        classify(&mut s, "BD.S", year, "2,10,4,0,4").unwrap();
        assert!(recent_findings(&mut s, year).is_empty(), "{year}");
    }
}

// ---- item 10: a backdated change meets later records

#[test]
fn a_backdated_merge_names_the_later_member_count_and_the_target_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    // The target's member count was set again on 06/01/2026.
    s.call(
        "lan",
        Request::OrgSetMembers {
            code: "BD.01.02".into(),
            members: 31,
            probationary: None,
            at: d(2026, 1, 6),
            base_version: None,
        },
    )
    .unwrap();
    let merge = |s: &mut Service, at, later_counts_include| {
        s.call(
            "t",
            Request::OrgMerge {
                code: "BD.01.01".into(),
                into: "BD.01.02".into(),
                at,
                decision: Some("12-QĐ/ĐU".into()),
                base_version: None,
                later_counts_include,
            },
        )
    };
    // Asked (issue 12 item 10): the later count listed, nothing written.
    let Response::Conflicts(c) = merge(&mut s, d(2025, 12, 20), false).unwrap() else {
        panic!("a backdated merge over a later count is asked about")
    };
    assert_eq!(c.records.len(), 1, "{c:?}");
    let r = &c.records[0];
    assert_eq!(
        (r.code.as_str(), r.date, r.value.as_str(), r.by.as_deref()),
        ("BD.01.02", d(2026, 1, 6), "31", Some("lan"))
    );
    assert_eq!(c.choices, vec![Resolution::AddMembers, Resolution::Keep]);
    // The clerk answers that the count of 06/01/2026 already includes them:
    // 25 + 30 from the merge, 31 as counted from 06/01/2026.
    merge(&mut s, d(2025, 12, 20), true).unwrap();
    let detail = |s: &mut Service, at| {
        let Response::Org(o) = s
            .call(
                "t",
                Request::Org {
                    code: "BD.01.02".into(),
                    at,
                    year: 2025,
                },
            )
            .unwrap()
        else {
            unreachable!()
        };
        o
    };
    assert_eq!(detail(&mut s, d(2025, 12, 21)).members, 55);
    let o = detail(&mut s, d(2026, 2, 1));
    assert_eq!(o.members, 31);
    let merged = o
        .history
        .iter()
        .find(|h| h.label_en == "merged in from")
        .expect("the merge in the target's history");
    assert_eq!(merged.effective, d(2025, 12, 20));
    assert!(merged.detail.starts_with("BD.01.01 "), "{merged:?}");
}

/// The same through the command line: the refusal names the record, the flag answers it,
/// and `org members --probationary` records the split.
#[test]
fn the_command_line_asks_about_a_backdated_merge() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
    }
    let run = |args: &[&str]| common::thuky(dir.path(), args);
    let out = run(&[
        "--lang",
        "en",
        "org",
        "members",
        "BD.01.02",
        "31",
        "--probationary",
        "2",
        "--at",
        "06/01/2026",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = run(&["--lang", "en", "org", "merge", "BD.01.01", "BD.01.02", "--at", "20/12/2025"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stdout(&out).contains("06/01/2026  member count"),
        "{}",
        common::stdout(&out)
    );
    assert!(
        common::stderr(&out).contains("--resolve add-members or --resolve keep"),
        "{}",
        common::stderr(&out)
    );
    let out = run(&[
        "--lang",
        "en",
        "org",
        "merge",
        "BD.01.01",
        "BD.01.02",
        "--at",
        "20/12/2025",
        "--later-counts-include",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = run(&["--lang", "en", "org", "show", "BD.01.02", "--at", "01/02/2026"]);
    let shown = common::stdout(&out);
    assert!(shown.contains("merged in from") && shown.contains("31 (29 + 2)"), "{shown}");
}
