//! Issue 10 item 10: text that could inject into a terminal or a log is
//! refused on the way in and escaped on the way out.

mod common;

use common::*;
use thuky::domain::{Change, OrgKind};
use thuky::service::api::{OrgAdd, Request};
use thuky::service::Service;

fn add(s: &mut Service, name: &str) -> Result<thuky::service::api::Response, thuky::service::ServiceError> {
    s.call(
        "tester",
        Request::OrgAdd(OrgAdd {
            parent: "BD.01".into(),
            kind: OrgKind::Cell,
            name: name.into(),
            code: None,
            members: 10,
            at: d(2025, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
}

#[test]
fn typed_names_of_invisible_characters_bidi_overrides_or_escapes_are_refused_with_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    for (name, why) in [
        ("\u{200b}\u{200c}\u{200d}", "nothing visible"),
        ("\u{feff}\u{2060}", "nothing visible"),
        ("Chi bộ \u{202e}3 ốs", "bidirectional"),
        ("Chi bộ \u{2067}x", "bidirectional"),
        ("Chi bộ\u{1b}[2J", "control character"),
        ("Chi bộ\u{9b}31m", "control character"),
    ] {
        let e = add(&mut s, name).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"), "{name:?}: {}", e.en);
        assert!(e.en.contains(why), "{name:?}: {}", e.en);
        assert!(
            !e.en.contains('\u{1b}') && !e.en.contains('\u{202e}'),
            "the message itself is escaped: {:?}",
            e.en
        );
    }
    add(&mut s, "Chi bộ Khu dân cư số 3").unwrap();
}

#[test]
fn a_name_with_escape_sequences_already_in_a_store_is_printed_escaped_and_found_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    drop(s);
    {
        // As an old restore could bring it in.
        let store = thuky::store::Store::open(&thuky::service::store_dir(dir.path())).unwrap();
        let mut orgs = store.load().unwrap().orgs;
        let o = orgs.iter_mut().find(|o| o.code == "BD.01.01").unwrap();
        if let Change::Found { name, .. } = &mut o.events[0].change {
            *name = "Chi bộ \u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}1".into();
        }
        let mut audit = common::test_audit("a raw name");
        store.commit(&thuky::store::Put::org_chunks(&orgs), &mut audit).unwrap();
    }
    for args in [&["org", "list"][..], &["org", "show", "BD.01.01"][..]] {
        let out = thuky(dir.path(), args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(text.contains("Chi bộ \\u{1b}[2J"), "{args:?}: {text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
    }
    let out = thuky(dir.path(), &["check"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("control character"), "{text}");
}
