//! Schema 7: organisation chunks and cases are stored packed (their JSON
//! compressed). A schema-6 store, all JSON, is migrated on opening: every
//! value of the two trees is rewritten packed and reads back the same; the
//! other trees stay JSON; the service writes packed values; and a value
//! packed wrong is named by tree and key, not a panic.

mod common;
use common::*;
use thuky::domain::case::CaseKind;
use thuky::service::api::*;
use thuky::service::Service;
use thuky::store::{check, packed, Name, Store, SCHEMA_VERSION};

fn register_with_a_case(dir: &std::path::Path) {
    let mut s = Service::open(dir).unwrap();
    small_register(&mut s);
    s.call(
        "tester",
        Request::CaseAdd(Box::new(CaseInput {
            summary: Some("Đảng viên khiếu nại mức xếp loại năm 2024".into()),
            ..case_input(
                "BD.01",
                CaseKind::Complaint,
                "Đơn khiếu nại về kết quả xếp loại",
                "Lê Văn Tám",
                d(2025, 2, 3),
            )
        })),
    )
    .unwrap();
}

fn values(store: &Store, name: Name) -> Vec<Vec<u8>> {
    store.tree(name).iter().values().map(|v| v.unwrap().to_vec()).collect()
}

#[test]
fn the_service_writes_chunks_and_cases_packed_and_the_rest_as_json() {
    let dir = tempfile::tempdir().unwrap();
    register_with_a_case(dir.path());
    let store = store_open(&thuky::service::store_dir(dir.path()));
    for name in [Name::OrgChunks, Name::Cases] {
        let v = values(&store, name);
        assert!(!v.is_empty() && v.iter().all(|v| v[0] == packed::MARKER), "{name:?}");
    }
    for v in values(&store, Name::Codes) {
        serde_json::from_slice::<serde_json::Value>(&v).expect("codes stay JSON");
    }
}

#[test]
fn a_schema_6_store_is_packed_on_opening_and_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    register_with_a_case(dir.path());
    let path = thuky::service::store_dir(dir.path());
    let (orgs, cases) = {
        // Back to schema 6: every value JSON.
        let store = store_open(&path);
        for name in [Name::OrgChunks, Name::Cases] {
            let tree = store.tree(name);
            for item in tree.iter() {
                let (k, v) = item.unwrap();
                let json = packed::unpack(&v).unwrap().to_vec();
                tree.insert(k, json).unwrap();
            }
        }
        store
            .tree(Name::Meta)
            .insert("schema_version", serde_json::to_vec(&6u32).unwrap())
            .unwrap();
        store.flush().unwrap();
        assert!(values(&store, Name::OrgChunks).iter().all(|v| v[0] == b'['));
        assert!(values(&store, Name::Cases).iter().all(|v| v[0] == b'{'));
        (store.load().unwrap().orgs, store.load_cases().unwrap())
    };
    let store = store_open(&path);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    for name in [Name::OrgChunks, Name::Cases] {
        assert!(values(&store, name).iter().all(|v| v[0] == packed::MARKER), "{name:?} packed");
    }
    assert_eq!(store.load().unwrap().orgs, orgs);
    assert_eq!(store.load_cases().unwrap(), cases);
    let rep = check::run(&store).unwrap();
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
    drop(store);
    // The service reads it as before.
    let mut s = Service::open(dir.path()).unwrap();
    let r = common::search(&mut s, "khieu nai xep loai");
    assert_eq!(r.total, 1);
}

#[test]
fn a_damaged_packed_value_is_named_by_tree_and_key() {
    let dir = tempfile::tempdir().unwrap();
    register_with_a_case(dir.path());
    let path = thuky::service::store_dir(dir.path());
    {
        let store = store_open(&path);
        let tree = store.tree(Name::Cases);
        let (k, v) = tree.iter().next().unwrap().unwrap();
        let mut bad = v.to_vec();
        bad.truncate(bad.len() / 2);
        tree.insert(k, bad).unwrap();
        store.flush().unwrap();
    }
    let store = store_open(&path);
    let err = store.load_cases().unwrap_err().to_string();
    assert!(err.contains("cases") && err.contains("packed value"), "{err}");
    let rep = check::run(&store).unwrap();
    assert!(!rep.problems.is_empty());
}
