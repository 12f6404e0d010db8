//! Safe reorganisations through the service: the preview of a change equals
//! what the change then does and writes nothing; moving all children is one
//! audited action; a change of kind follows the rules of which kinds stand
//! under which; undo restores the register by a reverse change and is
//! refused when later records depend on the change.

mod common;
use chrono::NaiveDate;
use common::*;
use std::collections::BTreeMap;
use thuky::domain::OrgKind;
use thuky::service::api::{AuditQuery, OrgAdd, OrgPreview, Request, Response};
use thuky::service::Service;

const U: &str = "tester";

/// small_register plus BD.02 (a second grassroots committee with one cell)
/// and BD.03 (a grassroots cell), all under BD.
fn setup() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    for (parent, kind, name, members) in [
        ("BD", OrgKind::GrassrootsCommittee, "Đảng bộ Phường Kim Mã", 0),
        ("BD.02", OrgKind::Cell, "Chi bộ Khu dân cư số 9", 12),
        ("BD", OrgKind::GrassrootsCell, "Chi bộ Trường Tiểu học", 20),
    ] {
        add(&mut s, parent, kind, name, members).unwrap();
    }
    (dir, s)
}

fn add(s: &mut Service, parent: &str, kind: OrgKind, name: &str, members: u32) -> Result<u64, String> {
    match s.call(
        U,
        Request::OrgAdd(OrgAdd {
            parent: parent.into(),
            kind,
            name: name.into(),
            code: None,
            members,
            at: d(2010, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    ) {
        Ok(Response::Done(done)) => Ok(done.seq),
        Ok(r) => panic!("{r:?}"),
        Err(e) => Err(e.en),
    }
}

/// code → (parent code, name, members, kind tag) on `at`.
fn tree(s: &mut Service, at: NaiveDate) -> BTreeMap<String, (String, String, u32, String)> {
    let Response::Tree(t) = s.call(U, Request::Tree { at, year: None }).unwrap() else {
        panic!()
    };
    let code: BTreeMap<u32, String> = t.nodes.iter().map(|n| (n.id, n.code.clone())).collect();
    t.nodes
        .iter()
        .map(|n| {
            let parent = n.parent.and_then(|p| code.get(&p).cloned()).unwrap_or_default();
            (n.code.clone(), (parent, n.name.clone(), n.members, n.kind.tag().to_string()))
        })
        .collect()
}

fn preview(s: &mut Service, change: Request) -> Result<OrgPreview, String> {
    match s.call(U, Request::OrgPreview { change: Box::new(change) }) {
        Ok(Response::OrgPreview(p)) => Ok(*p),
        Ok(r) => panic!("{r:?}"),
        Err(e) => Err(e.en),
    }
}

fn done(s: &mut Service, user: &str, req: Request) -> Result<u64, String> {
    match s.call(user, req) {
        Ok(Response::Done(d)) => Ok(d.seq),
        Ok(r) => panic!("{r:?}"),
        Err(e) => Err(e.en),
    }
}

fn merge(code: &str, into: &str, at: NaiveDate) -> Request {
    Request::OrgMerge {
        code: code.into(),
        into: into.into(),
        at,
        decision: Some("9-QĐ/TU".into()),
        base_version: None,
        later_counts_include: false,
    }
}

fn move_children(code: &str, parent: &str, at: NaiveDate) -> Request {
    Request::OrgMoveChildren {
        code: code.into(),
        parent: parent.into(),
        at,
        decision: None,
        base_version: None,
    }
}

/// The codes whose parent changed and the codes that ended between two trees.
fn diff(
    before: &BTreeMap<String, (String, String, u32, String)>,
    after: &BTreeMap<String, (String, String, u32, String)>,
) -> (Vec<String>, Vec<String>) {
    let moved = before
        .iter()
        .filter(|(c, b)| after.get(*c).is_some_and(|a| a.0 != b.0))
        .map(|(c, _)| c.clone())
        .collect();
    let ended = before.keys().filter(|c| !after.contains_key(*c)).cloned().collect();
    (moved, ended)
}

fn codes(rows: &[thuky::service::api::PreviewRow]) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|r| r.code.clone()).collect();
    v.sort();
    v
}

#[test]
fn the_preview_of_a_merge_is_what_the_merge_does_and_writes_nothing() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    let audit = audit_len(&mut s);
    let p = preview(&mut s, merge("BD.01", "BD.02", at)).unwrap();
    assert_eq!(audit_len(&mut s), audit, "a preview writes nothing");
    assert_eq!(codes(&p.moved), ["BD.01.01", "BD.01.02"]);
    assert_eq!(codes(&p.ended), ["BD.01"]);
    assert_eq!(p.members_moved, 55);
    assert_eq!(p.ended[0].en, "merged into BD.02");
    let lines = p.lines(thuky::domain::Lang::Vi, &|n| n.to_string()).join("\n");
    assert!(
        lines.contains("Chuyển 2 tổ chức (55 đảng viên): BD.01.01 Chi bộ Khu dân cư số 1"),
        "{lines}"
    );
    assert!(lines.contains("Kết thúc 1 tổ chức: BD.01 Đảng bộ Phường Điện Biên"), "{lines}");

    let before = tree(&mut s, at);
    done(&mut s, U, merge("BD.01", "BD.02", at)).unwrap();
    let after = tree(&mut s, at);
    let (moved, ended) = diff(&before, &after);
    assert_eq!(moved, codes(&p.moved));
    assert_eq!(ended, codes(&p.ended));
    assert_eq!(audit_len(&mut s), audit + 1);
}

#[test]
fn the_preview_is_refused_as_the_change_is() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    let dissolve = Request::OrgDissolve {
        code: "BD.01".into(),
        at,
        decision: None,
        base_version: None,
    };
    let why = preview(&mut s, dissolve.clone()).unwrap_err();
    assert!(why.contains("still has 2 organisations under it"), "{why}");
    assert_eq!(done(&mut s, U, dissolve).unwrap_err(), why);
    // A grassroots committee cannot merge into a cell: named in the preview too.
    let why = preview(&mut s, merge("BD.01", "BD.03", at)).unwrap_err();
    assert!(why.starts_with("into = 'BD.03'"), "{why}");
    // Only register changes are previewed.
    let why = preview(&mut s, Request::Status).unwrap_err();
    assert!(why.contains("only register changes"), "{why}");
    // An empty organisation's dissolution: it ends, nothing moves.
    let p = preview(
        &mut s,
        Request::OrgDissolve {
            code: "BD.03".into(),
            at,
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_eq!(codes(&p.ended), ["BD.03"]);
    assert!(p.moved.is_empty());
}

#[test]
fn moving_all_children_is_one_audited_action() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    let p = preview(&mut s, move_children("BD.01", "BD.02", at)).unwrap();
    assert_eq!(codes(&p.moved), ["BD.01.01", "BD.01.02"]);
    assert!(p.ended.is_empty());
    let audit = audit_len(&mut s);
    let before = tree(&mut s, at);
    done(&mut s, U, move_children("BD.01", "BD.02", at)).unwrap();
    assert_eq!(audit_len(&mut s), audit + 1, "one audit entry");
    let after = tree(&mut s, at);
    assert_eq!(diff(&before, &after).0, codes(&p.moved));
    assert_eq!(after["BD.01.01"].0, "BD.02");
    assert_eq!(after["BD.01.02"].0, "BD.02");
    assert!(after.contains_key("BD.01"), "the organisation itself stays");
    // The day before, they were still under BD.01.
    assert_eq!(tree(&mut s, d(2025, 6, 30))["BD.01.01"].0, "BD.01");
    let Response::AuditList(log) = s
        .call(
            U,
            Request::AuditList(AuditQuery {
                limit: Some(1),
                ..Default::default()
            }),
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(log[0].action, "org.move_children");
    assert!(log[0].summary.contains("BD.01.01, BD.01.02"), "{}", log[0].summary);
    // Nothing left to move; a cell cannot take cells.
    assert!(done(&mut s, U, move_children("BD.01", "BD.02", at))
        .unwrap_err()
        .contains("has no organisations under it"));
    assert!(done(&mut s, U, move_children("BD.02", "BD.03", at))
        .unwrap_err()
        .contains("cannot stand under"));
}

#[test]
fn a_change_of_kind_follows_the_rules_and_shows_in_the_history() {
    let (_dir, mut s) = setup();
    let at = d(2025, 1, 1);
    let kind = |code: &str, kind| Request::OrgSetKind {
        code: code.into(),
        kind,
        at,
        decision: Some("5-QĐ/TU".into()),
        base_version: None,
    };
    // Cells stand under BD.01: it cannot become a grassroots cell.
    let why = done(&mut s, U, kind("BD.01", OrgKind::GrassrootsCell)).unwrap_err();
    assert!(why.contains("BD.01.01 (a cell) cannot stand under a grassroots cell"), "{why}");
    // A grassroots cell under a district committee may become a grassroots committee.
    done(&mut s, U, kind("BD.03", OrgKind::GrassrootsCommittee)).unwrap();
    let Response::Org(o) = s
        .call(
            U,
            Request::Org {
                code: "BD.03".into(),
                at,
                year: 2025,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(o.kind, OrgKind::GrassrootsCommittee);
    // The tree of each date shows the kind of that date.
    assert_eq!(tree(&mut s, d(2024, 12, 31))["BD.03"].3, "CBCS");
    assert_eq!(tree(&mut s, at)["BD.03"].3, "ĐBCS");
    let row = o.history.last().unwrap();
    assert_eq!(row.detail, "CBCS → ĐBCS");
    assert_eq!((row.label_en.as_str(), row.effective), ("kind changed", at));
    assert_eq!(row.decision.as_deref(), Some("5-QĐ/TU"));
    // The same kind again, or the city kind: refused by name.
    assert!(done(&mut s, U, kind("BD.03", OrgKind::GrassrootsCommittee))
        .unwrap_err()
        .contains("already its kind"));
    assert!(done(&mut s, U, kind("BD.03", OrgKind::City))
        .unwrap_err()
        .contains("city committee"));
}

#[test]
fn undo_restores_the_register_by_a_reverse_change() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    let dates = [d(2025, 6, 30), at, d(2026, 1, 1)];
    let before: Vec<_> = dates.iter().map(|t| tree(&mut s, *t)).collect();
    let seq = done(&mut s, U, merge("BD.01", "BD.02", at)).unwrap();
    assert_ne!(tree(&mut s, at), before[1]);
    let audit = audit_len(&mut s);
    let undo = done(&mut s, U, Request::OrgUndo { seq }).unwrap();
    assert_eq!(audit_len(&mut s), audit + 1, "the undo is audited");
    for (t, b) in dates.iter().zip(&before) {
        assert_eq!(&tree(&mut s, *t), b, "the tree of {t} is as before");
    }
    // History is kept: the merge and its undo are both in BD.01's history.
    let Response::Org(o) = s
        .call(
            U,
            Request::Org {
                code: "BD.01".into(),
                at,
                year: 2025,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let labels: Vec<&str> = o.history.iter().map(|h| h.label_en.as_str()).collect();
    assert!(labels.ends_with(&["merged into", "reinstated (undo)"]), "{labels:?}");
    assert!(o.alive);
    // Undoing the undo makes the change again.
    done(&mut s, U, Request::OrgUndo { seq: undo }).unwrap();
    assert!(!tree(&mut s, at).contains_key("BD.01"));

    // Rename, kind, members and move-children are undone the same way.
    add(&mut s, "BD", OrgKind::GrassrootsCommittee, "Đảng bộ Phường Ngọc Hà", 0).unwrap();
    let before = tree(&mut s, at);
    for req in [
        Request::OrgRename {
            code: "BD.03".into(),
            name: "Chi bộ Trường Tiểu học Kim Mã".into(),
            at,
            decision: None,
            base_version: None,
        },
        Request::OrgSetKind {
            code: "BD.03".into(),
            kind: OrgKind::GrassrootsCommittee,
            at,
            decision: None,
            base_version: None,
        },
        Request::OrgSetMembers {
            code: "BD.03".into(),
            members: 44,
            probationary: Some(4),
            at,
            base_version: None,
        },
        move_children("BD.02", "BD.04", at),
    ] {
        let seq = done(&mut s, U, req.clone()).unwrap();
        assert_ne!(tree(&mut s, at), before, "{req:?} changed something");
        done(&mut s, U, Request::OrgUndo { seq }).unwrap();
        assert_eq!(tree(&mut s, at), before, "{req:?} undone");
    }
}

#[test]
fn undo_is_refused_when_later_records_depend_on_the_change() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    // A child added under an organisation since it was founded.
    let seq = add(&mut s, "BD", OrgKind::GrassrootsCommittee, "Đảng bộ Phường Mới", 0).unwrap();
    add(&mut s, "BD.04", OrgKind::Cell, "Chi bộ số 1", 5).unwrap();
    let why = done(&mut s, U, Request::OrgUndo { seq }).unwrap_err();
    assert!(why.contains("BD.04.01 was added under BD.04 since"), "{why}");
    assert!(tree(&mut s, at).contains_key("BD.04"), "nothing was changed");
    // Without the child, the founding is undone (the code stays taken, history kept).
    let seq = add(&mut s, "BD", OrgKind::GrassrootsCell, "Chi bộ nhập nhầm", 3).unwrap();
    done(&mut s, U, Request::OrgUndo { seq }).unwrap();
    assert!(!tree(&mut s, at).contains_key("BD.05"));
    // A classification recorded for a new organisation since.
    let seq = add(&mut s, "BD", OrgKind::GrassrootsCell, "Chi bộ đã xếp loại", 10).unwrap();
    s.call(
        U,
        Request::ClassificationSet(common::level_entry("BD.06", 2024, thuky::domain::Level::Htt)),
    )
    .unwrap();
    let why = done(&mut s, U, Request::OrgUndo { seq }).unwrap_err();
    assert!(why.contains("BD.06 has a classification recorded for 2024"), "{why}");
    // A later change to an organisation of the change.
    let seq = done(&mut s, U, move_children("BD.01", "BD.02", at)).unwrap();
    done(
        &mut s,
        U,
        Request::OrgRename {
            code: "BD.01.01".into(),
            name: "Chi bộ Tổ dân phố 1".into(),
            at: d(2025, 8, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    let why = done(&mut s, U, Request::OrgUndo { seq }).unwrap_err();
    assert!(why.contains("BD.01.01 was changed by tester since"), "{why}");
    // Someone else's change, and a number that is no register change of this session.
    let seq = done(&mut s, U, merge("BD.03", "HN", at)).err().map(|_| 0).unwrap_or(0);
    assert_eq!(seq, 0, "a cell does not merge into the city");
    let seq = done(
        &mut s,
        U,
        Request::OrgSetMembers {
            code: "BD.03".into(),
            members: 21,
            probationary: None,
            at,
            base_version: None,
        },
    )
    .unwrap();
    let why = done(&mut s, "other", Request::OrgUndo { seq }).unwrap_err();
    assert!(why.contains("only its author may undo it"), "{why}");
    let why = done(&mut s, U, Request::OrgUndo { seq: 999_999 }).unwrap_err();
    assert!(why.starts_with("seq = '999999'"), "{why}");
}

#[test]
fn a_clerk_previews_and_undoes_only_within_the_scope() {
    let (_dir, mut s) = setup();
    let at = d(2025, 7, 1);
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: Some("boss".into()),
    });
    for (name, role, scope) in [
        ("boss", thuky::service::api::Role::Admin, None),
        ("clerk", thuky::service::api::Role::Clerk, Some("BD.01".to_string())),
    ] {
        s.call(
            "boss",
            Request::UserAdd {
                name: name.into(),
                role,
                scope,
            },
        )
        .unwrap();
    }
    // The preview is checked as the change is: BD.02 is outside the clerk's scope.
    let as_clerk = |s: &mut Service, change: Request| match s.call("clerk", Request::OrgPreview { change: Box::new(change) }) {
        Ok(_) => String::new(),
        Err(e) => e.en,
    };
    assert!(as_clerk(&mut s, merge("BD.02", "BD.01", at)).contains("BD.02"));
    assert!(!as_clerk(&mut s, move_children("BD.01", "BD.01.01", at)).is_empty());
    // The administrator's change outside the scope: the clerk cannot undo it.
    let seq = done(&mut s, "boss", move_children("BD.02", "BD.01", at)).unwrap();
    assert!(done(&mut s, "clerk", Request::OrgUndo { seq }).is_err());
    assert!(done(&mut s, "boss", Request::OrgUndo { seq }).is_ok());
}

/// An organisation's founding in its history: under which organisation and
/// with how many members; the name it was founded with only when it has
/// another now.
#[test]
fn the_founding_in_the_history_names_only_what_the_detail_does_not_say() {
    let (_dir, mut s) = setup();
    let founding = |s: &mut Service, code: &str| -> String {
        let Response::Org(o) = s
            .call(
                U,
                Request::Org {
                    code: code.into(),
                    at: d(2025, 12, 31),
                    year: 2025,
                },
            )
            .unwrap()
        else {
            panic!()
        };
        o.history
            .iter()
            .find(|h| h.label_en == "founded")
            .map(|h| h.detail.clone())
            .unwrap()
    };
    let code_of = |s: &mut Service, wanted: &str| -> String {
        tree(s, d(2025, 12, 31))
            .into_iter()
            .find(|(_, (_, name, _, _))| name == wanted)
            .map(|(code, _)| code)
            .unwrap()
    };
    // Founded under BD with 20 members, its name unchanged since.
    let cell = code_of(&mut s, "Chi bộ Trường Tiểu học");
    assert_eq!(founding(&mut s, &cell), "← BD (20)");
    // A committee founded with no members of its own.
    let committee = code_of(&mut s, "Đảng bộ Phường Kim Mã");
    assert_eq!(founding(&mut s, &committee), "← BD");
    // Renamed: the founding keeps the name it was founded with.
    done(
        &mut s,
        U,
        Request::OrgRename {
            code: cell.clone(),
            name: "Chi bộ Trường Tiểu học Kim Mã".into(),
            at: d(2025, 8, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_eq!(founding(&mut s, &cell), "Chi bộ Trường Tiểu học ← BD (20)");
}
