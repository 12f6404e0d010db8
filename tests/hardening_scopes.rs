//! Issue 10 item 4: a clerk's scope is an organisation id, not a code string.

mod common;

use common::*;
use thuky::domain::OrgKind;
use thuky::service::api::{OrgAdd, Request, Response, Role};
use thuky::service::users::Access;
use thuky::service::{ErrorKind, Service};

fn enforce(s: &mut Service) {
    s.set_access(Access {
        enforce: true,
        owner: Some("tester".into()),
    });
}

fn add_clerk(s: &mut Service, name: &str, scope: &str) {
    s.call(
        "tester",
        Request::UserAdd {
            name: name.into(),
            role: Role::Clerk,
            scope: Some(scope.into()),
        },
    )
    .unwrap();
}

fn set_code(s: &mut Service, user: &str, code: &str, new_code: &str) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        user,
        Request::OrgSetCode {
            code: code.into(),
            new_code: new_code.into(),
            base_version: None,
        },
    )
}

fn members(s: &mut Service, user: &str, code: &str, n: u32) -> Result<Response, thuky::service::ServiceError> {
    s.call(
        user,
        Request::OrgSetMembers {
            code: code.into(),
            members: n,
            probationary: None,
            at: d(2025, 6, 1),
            base_version: None,
        },
    )
}

fn users(s: &mut Service) -> Vec<thuky::service::api::UserRecord> {
    match s.call("tester", Request::UserList).unwrap() {
        Response::Users(u) => u,
        r => panic!("{r:?}"),
    }
}

#[test]
fn renaming_the_code_of_a_scope_neither_locks_the_clerk_out_nor_hands_the_old_code_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::UserAdd {
            name: "tester".into(),
            role: Role::Admin,
            scope: None,
        },
    )
    .unwrap();
    add_clerk(&mut s, "lan", "BD.01");
    enforce(&mut s);
    // The clerk renames the code of their own scope's root ...
    set_code(&mut s, "lan", "BD.01", "BD.09").unwrap();
    // ... and can still write inside it.
    members(&mut s, "lan", "BD.01.01", 26).unwrap();
    // The list shows the scope's current code and name.
    let lan = users(&mut s).into_iter().find(|u| u.name == "lan").unwrap();
    assert_eq!(lan.scope.as_deref(), Some("BD.09"));
    assert_eq!(lan.scope_name.as_deref(), Some("Đảng bộ Phường Điện Biên"));
    // Another organisation given the old code is outside the clerk's scope.
    s.call(
        "tester",
        Request::OrgAdd(OrgAdd {
            parent: "BD".into(),
            kind: OrgKind::GrassrootsCommittee,
            name: "Đảng bộ Phường Khác".into(),
            code: Some("BD.01".into()),
            members: 0,
            at: d(2020, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap();
    let e = members(&mut s, "lan", "BD.01", 5).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden, "{}", e.en);
    assert!(e.en.contains("outside the scope BD.09"), "{}", e.en);
}

#[test]
fn a_scope_stored_as_a_code_is_resolved_to_its_organisation_once_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::UserAdd {
            name: "tester".into(),
            role: Role::Admin,
            scope: None,
        },
    )
    .unwrap();
    drop(s);
    {
        // A record as thuky wrote it before scopes were ids.
        let store = thuky::store::Store::open(&thuky::service::store_dir(dir.path())).unwrap();
        let old = serde_json::json!({
            "name": "mai", "role": "clerk", "scope": "BD.01",
            "added_by": "tester", "added_at": "2025-01-01T00:00:00Z", "changed_by": "tester", "version": 1
        });
        let mut audit = common::test_audit("an old user record");
        store.commit(&[thuky::store::Put::user("mai", Some(&old))], &mut audit).unwrap();
    }
    let mut s = Service::open(dir.path()).unwrap();
    enforce(&mut s);
    // Resolved: renaming the code afterwards does not move the scope.
    set_code(&mut s, "tester", "BD.01", "BD.07").unwrap();
    members(&mut s, "mai", "BD.01.01", 30).unwrap();
    let stored = s.user_record("mai").unwrap().unwrap();
    assert!(stored.scope_id.is_some() && stored.scope.is_none(), "{stored:?}");
}
