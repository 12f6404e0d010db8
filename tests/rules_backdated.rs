//! Issue 12 item 10: a register change dated before records already kept
//! (later member counts, renames, moves, classifications, admissions) is not
//! written silently: the service answers with the records (Response::Conflicts)
//! and writes it when it comes again with the clerk's answer (OrgResolved).
//! One test per kind of change, on hand-made data, and the command line.

mod common;
use common::{d, small_register};
use thuky::domain::conflicts::{Conflicts, RecordKind, Resolution};
use thuky::domain::{Level, OrgKind, Tallies};
use thuky::service::api::{ClassifyInput, OrgAdd, OrgDetail, Request, Response};
use thuky::service::Service;

fn service() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, s)
}

fn add(s: &mut Service, parent: &str, code: &str, kind: OrgKind, members: u32) {
    s.call(
        "t",
        Request::OrgAdd(OrgAdd {
            parent: parent.into(),
            kind,
            name: format!("Tổ chức {code}"),
            code: Some(code.into()),
            members,
            at: d(2020, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap();
}

fn members(s: &mut Service, code: &str, n: u32, at: chrono::NaiveDate) -> Response {
    s.call(
        "lan",
        Request::OrgSetMembers {
            code: code.into(),
            members: n,
            probationary: None,
            at,
            base_version: None,
        },
    )
    .unwrap()
}

fn classify(s: &mut Service, code: &str, year: i32, tallies: Option<Tallies>) {
    s.call(
        "t",
        Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year,
            level: Some(Level::Htt),
            score: Some(80.0),
            members: tallies,
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap();
}

fn asked(r: Response) -> Conflicts {
    match r {
        Response::Conflicts(c) => *c,
        other => panic!("expected the later records to be asked about, got {other:?}"),
    }
}

fn resolved(s: &mut Service, resolution: Resolution, change: Request) -> Response {
    s.call(
        "t",
        Request::OrgResolved {
            resolution,
            change: Box::new(change),
        },
    )
    .unwrap()
}

fn detail(s: &mut Service, code: &str, at: chrono::NaiveDate) -> OrgDetail {
    let Response::Org(o) = s
        .call(
            "t",
            Request::Org {
                code: code.into(),
                at,
                year: 2025,
            },
        )
        .unwrap()
    else {
        unreachable!()
    };
    *o
}

fn kinds(c: &Conflicts) -> Vec<(RecordKind, String, String)> {
    c.records.iter().map(|r| (r.kind, r.code.clone(), r.value.clone())).collect()
}

fn audit_len(s: &mut Service) -> usize {
    let Response::AuditList(a) = s.call("t", Request::AuditList(Default::default())).unwrap() else {
        unreachable!()
    };
    a.len()
}

#[test]
fn a_backdated_merge_adds_the_merged_members_to_the_later_counts_when_asked_to() {
    let (_dir, mut s) = service();
    members(&mut s, "BD.01.02", 31, d(2026, 1, 6));
    classify(&mut s, "BD.01.01", 2026, None);
    let merge = Request::OrgMerge {
        code: "BD.01.01".into(),
        into: "BD.01.02".into(),
        at: d(2025, 12, 20),
        decision: Some("12-QĐ/ĐU".into()),
        base_version: None,
        later_counts_include: false,
    };
    let before = audit_len(&mut s);
    let c = asked(s.call("t", merge.clone()).unwrap());
    assert_eq!(audit_len(&mut s), before, "nothing written while asking");
    assert_eq!(
        kinds(&c),
        vec![
            (RecordKind::MemberCount, "BD.01.02".into(), "31".into()),
            (RecordKind::Classification, "BD.01.01".into(), "2026 HTT (80)".into()),
        ]
    );
    assert_eq!(c.choices, vec![Resolution::AddMembers, Resolution::Keep]);
    assert_eq!(c.change_vi, "Hợp nhất BD.01.01 → BD.01.02 (20/12/2025)");
    assert_eq!(c.change_en, "merge BD.01.01 → BD.01.02 (20/12/2025)");
    let Response::Done(_) = resolved(&mut s, Resolution::AddMembers, merge) else {
        panic!("written with the answer")
    };
    // 25 + 30 from the merge; from 06/01/2026 the 31 counted then plus the 25 merged.
    assert_eq!(detail(&mut s, "BD.01.02", d(2025, 12, 21)).members, 55);
    let o = detail(&mut s, "BD.01.02", d(2026, 2, 1));
    assert_eq!(o.members, 56);
    // The target's history shows the merge, and both counts of 06/01/2026.
    let merged = o
        .history
        .iter()
        .find(|h| h.label_en == "merged in from")
        .expect("the merge in the history");
    assert_eq!(merged.effective, d(2025, 12, 20));
    assert!(merged.detail.starts_with("BD.01.01 "), "{merged:?}");
    let counts: Vec<&str> = o
        .history
        .iter()
        .filter(|h| h.effective == d(2026, 1, 6))
        .map(|h| h.detail.as_str())
        .collect();
    assert_eq!(counts, vec!["31", "56"]);
}

#[test]
fn a_merge_with_nothing_later_is_written_at_once_and_keep_writes_counts_as_they_are() {
    let (_dir, mut s) = service();
    let merge = |at| Request::OrgMerge {
        code: "BD.01.01".into(),
        into: "BD.01.02".into(),
        at,
        decision: None,
        base_version: None,
        later_counts_include: false,
    };
    let (_d2, mut s2) = service();
    assert!(matches!(s2.call("t", merge(d(2025, 12, 20))).unwrap(), Response::Done(_)));
    members(&mut s, "BD.01.02", 31, d(2026, 1, 6));
    let Response::Done(_) = resolved(&mut s, Resolution::Keep, merge(d(2025, 12, 20))) else {
        panic!()
    };
    assert_eq!(detail(&mut s, "BD.01.02", d(2026, 2, 1)).members, 31);
}

#[test]
fn a_backdated_dissolution_lists_the_later_classification_and_admissions() {
    let (_dir, mut s) = service();
    add(&mut s, "BD", "BD.02", OrgKind::GrassrootsCell, 12);
    classify(&mut s, "BD.02", 2026, None);
    s.call(
        "t",
        Request::AdmissionSet {
            code: "BD.02".into(),
            year: 2026,
            month: 2,
            count: 3,
        },
    )
    .unwrap();
    let dissolve = Request::OrgDissolve {
        code: "BD.02".into(),
        at: d(2025, 12, 31),
        decision: None,
        base_version: None,
    };
    let c = asked(s.call("t", dissolve.clone()).unwrap());
    assert_eq!(
        kinds(&c),
        vec![
            (RecordKind::Classification, "BD.02".into(), "2026 HTT (80)".into()),
            (RecordKind::Admissions, "BD.02".into(), "02/2026: 3".into()),
        ]
    );
    assert_eq!(c.choices, vec![Resolution::Keep]);
    // Adding members means nothing for a dissolution: refused by name.
    let e = s
        .call(
            "t",
            Request::OrgResolved {
                resolution: Resolution::AddMembers,
                change: Box::new(dissolve.clone()),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("resolution"));
    let Response::Done(_) = resolved(&mut s, Resolution::Keep, dissolve) else {
        panic!()
    };
    assert!(!detail(&mut s, "BD.02", d(2026, 1, 5)).alive);
}

#[test]
fn a_backdated_move_lists_the_later_move() {
    let (_dir, mut s) = service();
    add(&mut s, "BD", "BD.03", OrgKind::GrassrootsCommittee, 0);
    add(&mut s, "BD", "BD.04", OrgKind::GrassrootsCommittee, 0);
    let mv = |parent: &str, at| Request::OrgMove {
        code: "BD.01.01".into(),
        parent: parent.into(),
        at,
        decision: None,
        base_version: None,
    };
    assert!(matches!(s.call("t", mv("BD.03", d(2026, 3, 1))).unwrap(), Response::Done(_)));
    let c = asked(s.call("t", mv("BD.04", d(2026, 1, 1))).unwrap());
    assert_eq!(
        kinds(&c),
        vec![(RecordKind::RegisterChange, "BD.01.01".into(), "→ BD.03 Tổ chức BD.03".into())]
    );
    assert_eq!(c.records[0].date, d(2026, 3, 1));
    let Response::Done(_) = resolved(&mut s, Resolution::Keep, mv("BD.04", d(2026, 1, 1))) else {
        panic!()
    };
    assert_eq!(detail(&mut s, "BD.01.01", d(2026, 1, 15)).parents.last().unwrap().0, "BD.04");
    assert_eq!(detail(&mut s, "BD.01.01", d(2026, 3, 15)).parents.last().unwrap().0, "BD.03");
}

#[test]
fn a_backdated_rename_lists_the_later_rename() {
    let (_dir, mut s) = service();
    let rename = |name: &str, at| Request::OrgRename {
        code: "BD.01.02".into(),
        name: name.into(),
        at,
        decision: None,
        base_version: None,
    };
    assert!(matches!(
        s.call("t", rename("Chi bộ Mới", d(2026, 6, 1))).unwrap(),
        Response::Done(_)
    ));
    let c = asked(s.call("t", rename("Chi bộ Giữa", d(2026, 1, 1))).unwrap());
    assert_eq!(
        kinds(&c),
        vec![(RecordKind::RegisterChange, "BD.01.02".into(), "Chi bộ Mới".into())]
    );
    resolved(&mut s, Resolution::Keep, rename("Chi bộ Giữa", d(2026, 1, 1)));
    assert_eq!(detail(&mut s, "BD.01.02", d(2026, 2, 1)).name, "Chi bộ Giữa");
    assert_eq!(detail(&mut s, "BD.01.02", d(2026, 7, 1)).name, "Chi bộ Mới");
}

#[test]
fn a_backdated_member_count_lists_the_later_count_and_the_tallies_it_breaks() {
    let (_dir, mut s) = service();
    let t = Tallies {
        htxs: 5,
        htt: 20,
        ht: 5,
        kht: 0,
        not_rated: 0,
        not_rated_by: None,
    };
    classify(&mut s, "BD.01.02", 2025, Some(t));
    members(&mut s, "BD.01.02", 31, d(2026, 1, 6));
    let set = Request::OrgSetMembers {
        code: "BD.01.02".into(),
        members: 28,
        probationary: None,
        at: d(2025, 1, 1),
        base_version: None,
    };
    let c = asked(s.call("t", set.clone()).unwrap());
    assert_eq!(
        kinds(&c),
        vec![
            (RecordKind::MemberCount, "BD.01.02".into(), "31".into()),
            (RecordKind::Classification, "BD.01.02".into(), "2025 HTT: 30 ≠ 28".into()),
        ]
    );
    resolved(&mut s, Resolution::Keep, set);
    assert_eq!(detail(&mut s, "BD.01.02", d(2025, 6, 1)).members, 28);
    assert_eq!(detail(&mut s, "BD.01.02", d(2026, 2, 1)).members, 31);
    // A count agreeing with the tallies, before nothing else: written at once.
    let (_d2, mut s2) = service();
    classify(&mut s2, "BD.01.02", 2025, Some(t));
    assert!(matches!(members(&mut s2, "BD.01.02", 30, d(2025, 1, 1)), Response::Done(_)));
}

#[test]
fn only_register_changes_take_an_answer() {
    let (_dir, mut s) = service();
    let e = s
        .call(
            "t",
            Request::OrgResolved {
                resolution: Resolution::Keep,
                change: Box::new(Request::Status),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("change"));
}

/// The command line lists the records, refuses, and writes with `--resolve`.
#[test]
fn the_command_line_lists_the_later_records_and_takes_resolve() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
        members(&mut s, "BD.01.02", 31, d(2026, 1, 6));
    }
    let run = |args: &[&str]| common::thuky(dir.path(), args);
    let merge = ["--lang", "en", "org", "merge", "BD.01.01", "BD.01.02", "--at", "20/12/2025"];
    let out = run(&merge);
    assert_eq!(out.status.code(), Some(1));
    let listed = common::stdout(&out);
    assert!(
        listed.contains("06/01/2026  member count") && listed.contains("BD.01.02"),
        "{listed}"
    );
    assert!(listed.contains("--resolve add-members"), "{listed}");
    assert!(common::stderr(&out).contains("nothing was written"), "{}", common::stderr(&out));
    // Scripts get the records as JSON.
    let mut json = vec!["--json"];
    json.extend(merge);
    let out = run(&json);
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(v["records"][0]["kind"], "member_count");
    assert_eq!(v["choices"][0], "add_members");
    // Vietnamese by default.
    let out = run(&merge[2..]);
    assert!(common::stderr(&out).contains("chưa ghi gì"), "{}", common::stderr(&out));
    let mut answered = merge.to_vec();
    answered.extend(["--resolve", "add-members"]);
    let out = run(&answered);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = run(&["--lang", "en", "org", "show", "BD.01.02", "--at", "01/02/2026"]);
    assert!(common::stdout(&out).contains("56"), "{}", common::stdout(&out));
    let out = run(&[
        "--lang",
        "en",
        "org",
        "members",
        "BD.01.02",
        "40",
        "--at",
        "01/01/2026",
        "--resolve",
        "maybe",
    ]);
    assert_eq!(out.status.code(), Some(2), "a bad answer is a usage error");
    assert!(common::stderr(&out).contains("expected keep or add-members"));
}

/// Rename, move and dissolution through the command line: asked, then written with `--resolve keep`.
#[test]
fn the_command_line_asks_for_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Service::open(dir.path()).unwrap();
        small_register(&mut s);
        add(&mut s, "BD", "BD.03", OrgKind::GrassrootsCommittee, 0);
        add(&mut s, "BD", "BD.04", OrgKind::GrassrootsCommittee, 0);
        add(&mut s, "BD", "BD.02", OrgKind::GrassrootsCell, 12);
        classify(&mut s, "BD.02", 2026, None);
    }
    let run = |args: &[&str]| common::thuky(dir.path(), args);
    let ask_then_keep = |args: &[&str], listed: &str| {
        let mut all = vec!["--lang", "en", "org"];
        all.extend(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
        assert!(common::stdout(&out).contains(listed), "{}", common::stdout(&out));
        assert!(common::stderr(&out).contains("--resolve keep"), "{}", common::stderr(&out));
        all.extend(["--resolve", "keep"]);
        let out = run(&all);
        assert!(out.status.success(), "{}", common::stderr(&out));
    };
    let ok = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "org"];
        all.extend(args);
        let out = run(&all);
        assert!(out.status.success(), "{}", common::stderr(&out));
    };
    ok(&["rename", "BD.01.02", "Chi bộ Mới", "--at", "01/06/2026"]);
    ask_then_keep(
        &["rename", "BD.01.02", "Chi bộ Giữa", "--at", "01/01/2026"],
        "01/06/2026  register change",
    );
    ok(&["move", "BD.01.01", "BD.03", "--at", "01/03/2026"]);
    ask_then_keep(&["move", "BD.01.01", "BD.04", "--at", "01/01/2026"], "→ BD.03");
    ask_then_keep(&["dissolve", "BD.02", "--at", "31/12/2025"], "2026 HTT (80)");
}

/// The target's classification of the merge year, its members' tallies
/// counted before the merge: they no longer add up to its count with the
/// merged members (asked, kept on `keep`).
#[test]
fn a_merge_lists_the_targets_tallies_it_breaks() {
    let (_dir, mut s) = service();
    let t = Tallies {
        htxs: 5,
        htt: 20,
        ht: 5,
        kht: 0,
        not_rated: 0,
        not_rated_by: None,
    };
    classify(&mut s, "BD.01.02", 2025, Some(t));
    let merge = Request::OrgMerge {
        code: "BD.01.01".into(),
        into: "BD.01.02".into(),
        at: d(2025, 12, 20),
        decision: None,
        base_version: None,
        later_counts_include: false,
    };
    let c = asked(s.call("t", merge.clone()).unwrap());
    assert_eq!(
        kinds(&c),
        vec![(RecordKind::Classification, "BD.01.02".into(), "2025 HTT: 30 ≠ 55".into())]
    );
    assert_eq!(c.choices, vec![Resolution::Keep]);
    resolved(&mut s, Resolution::Keep, merge);
    assert_eq!(detail(&mut s, "BD.01.02", d(2025, 12, 31)).members, 55);
}
