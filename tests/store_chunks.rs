//! Schema 3: organisations stored in chunks of 64. Migration from schema 2
//! (also after a crash part-way), restoring a schema-2 backup, the service
//! writing whole chunks, and the integrity check of chunks.

mod common;
use chrono::{NaiveDate, TimeZone, Utc};
use common::{sled_open, store_open};
use std::path::Path;
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::OrgKind;
use thuky::service::api::{Request, Response};
use thuky::service::Service;
use thuky::store::{backup, check, keys, Name, Store, SCHEMA_VERSION};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn org(id: u32, code: &str, kind: OrgKind, parent: Option<u32>, members: u32) -> Org {
    Org {
        id,
        code: code.into(),
        kind,
        founding_ref: format!("{id}-QĐ/TU"),
        founding_date: Some(day(2020, 1, 1)),
        events: vec![OrgEvent {
            effective: day(2020, 1, 1),
            change: Change::Found {
                name: format!("Tổ chức {code}"),
                parent,
                members,
            },
            decision: None,
            recorded: Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap(),
            by: "fixture".into(),
        }],
        version: 1,
    }
}

/// Organisations spread over chunks 0, 1, 2 and 5 (ids 1, 2, 63 | 64, 100 | 130 | 321).
fn fixture() -> Vec<Org> {
    vec![
        org(1, "HN", OrgKind::City, None, 0),
        org(2, "BD", OrgKind::Superior, Some(1), 0),
        org(63, "BD.01", OrgKind::GrassrootsCell, Some(2), 12),
        org(64, "BD.02", OrgKind::GrassrootsCell, Some(2), 20),
        org(100, "HK", OrgKind::Superior, Some(1), 0),
        org(130, "HK.01", OrgKind::GrassrootsCell, Some(100), 9),
        org(321, "HK.02", OrgKind::GrassrootsCell, Some(100), 31),
    ]
}

/// A schema-2 store written by hand: one value per organisation in `orgs`.
fn write_schema_2(store_dir: &Path, orgs: &[Org]) {
    let db = sled_open(store_dir);
    db.open_tree("meta").unwrap().insert("schema_version", b"2".to_vec()).unwrap();
    let tree = db.open_tree("orgs").unwrap();
    let codes = db.open_tree("codes").unwrap();
    for o in orgs {
        tree.insert(keys::org(o.id), serde_json::to_vec(o).unwrap()).unwrap();
        codes.insert(o.code.as_bytes(), serde_json::to_vec(&o.id).unwrap()).unwrap();
    }
    db.flush().unwrap();
}

fn assert_migrated(store: &Store, expected: &[Org]) {
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let loaded = store.load().unwrap().orgs;
    assert_eq!(loaded, expected);
    assert!(store.tree(Name::Orgs).is_empty(), "orgs is emptied");
    let chunk_keys: Vec<u32> = store
        .tree(Name::OrgChunks)
        .iter()
        .keys()
        .map(|k| keys::org_chunk_from(&k.unwrap()).unwrap())
        .collect();
    assert_eq!(chunk_keys, vec![0, 1, 2, 5]);
    let rep = check::run(store).unwrap();
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
    assert_eq!(rep.records, expected.len() as u64 * 2, "organisations and codes");
}

#[test]
fn migrates_schema_2_per_organisation_values_into_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    write_schema_2(&store_dir, &fixture());
    let store = store_open(&store_dir);
    assert_migrated(&store, &fixture());
    drop(store);
    // Opening again changes nothing.
    let store = store_open(&store_dir);
    assert_migrated(&store, &fixture());
}

#[test]
fn re_running_a_half_done_migration_gives_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    write_schema_2(&store_dir, &fixture());
    {
        // The state after a crash while `orgs` was being emptied: every chunk
        // written, some per-organisation values already removed, still schema 2.
        let db = sled_open(&store_dir);
        let chunks = db.open_tree("org_chunks").unwrap();
        let all = fixture();
        for p in thuky::store::Put::org_chunks(&all) {
            chunks.insert(p.key, p.value.unwrap()).unwrap();
        }
        let orgs = db.open_tree("orgs").unwrap();
        for id in [1u32, 63, 130] {
            orgs.remove(keys::org(id)).unwrap();
        }
        db.flush().unwrap();
    }
    let store = store_open(&store_dir);
    assert_migrated(&store, &fixture());
}

#[test]
fn migrates_a_service_store_with_changes_and_the_service_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    write_schema_2(&store_dir, &fixture());
    let mut s = Service::open(dir.path()).unwrap();
    // A change to one organisation rewrites its chunk, keeping its neighbours.
    s.call(
        "thu.ky",
        Request::OrgRename {
            code: "BD.02".into(),
            name: "Chi bộ mới".into(),
            at: day(2024, 3, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    // A new organisation gets a new id in a chunk of its own.
    s.call(
        "thu.ky",
        Request::OrgAdd(thuky::service::api::OrgAdd {
            kind: OrgKind::GrassrootsCell,
            parent: "HK".into(),
            name: "Chi bộ thêm".into(),
            at: day(2024, 3, 1),
            code: Some("HK.03".into()),
            members: 5,
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap();
    // A merge touches several chunks: HK (chunk 1) and its children HK.01
    // (chunk 2), HK.02 and HK.03 (chunk 5) move under BD; one put per chunk.
    s.call(
        "thu.ky",
        Request::OrgMerge {
            code: "HK".into(),
            into: "BD".into(),
            at: day(2024, 6, 1),
            decision: None,
            base_version: None,
            later_counts_include: false,
        },
    )
    .unwrap();
    drop(s);
    let store = store_open(&store_dir);
    let orgs = store.load().unwrap().orgs;
    for code in ["HK.01", "HK.02", "HK.03"] {
        let o = orgs.iter().find(|o| o.code == code).unwrap();
        assert_eq!(o.state_at(day(2024, 7, 1)).unwrap().parent, Some(2), "{code}");
    }
    assert!(orgs.iter().find(|o| o.code == "HK").unwrap().state_at(day(2024, 7, 1)).is_none());
    assert_eq!(orgs.len(), fixture().len() + 1);
    let ids: Vec<u32> = orgs.iter().map(|o| o.id).collect();
    assert_eq!(ids, vec![1, 2, 63, 64, 100, 130, 321, 322]);
    let bd02 = orgs.iter().find(|o| o.code == "BD.02").unwrap();
    assert_eq!(bd02.events.len(), 2);
    assert_eq!(orgs.iter().find(|o| o.id == 64).unwrap().events.len(), 2, "BD.02 renamed");
    assert_eq!(orgs.iter().find(|o| o.id == 63).unwrap(), &fixture()[2], "its neighbour unchanged");
    let rep = check::run(&store).unwrap();
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
}

#[test]
fn a_schema_2_backup_restores_into_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(backup::FILE_NAME);
    let mut lines = Vec::new();
    let mut rec = |tree: &str, key: &[u8], value: serde_json::Value| {
        let line = serde_json::json!({"tree": tree, "key": thuky::store::hex(key), "value": value}).to_string();
        lines.push(line);
    };
    rec("meta", b"schema_version", serde_json::json!(2));
    for o in fixture() {
        rec("orgs", &keys::org(o.id), serde_json::to_value(&o).unwrap());
        rec("codes", o.code.as_bytes(), serde_json::json!(o.id));
    }
    let mut crc = crc32fast::Hasher::new();
    let mut text = serde_json::json!({"format": "thuky-backup", "schema_version": 2, "created": "2024-05-01T00:00:00Z"}).to_string() + "\n";
    for l in &lines {
        crc.update(l.as_bytes());
        crc.update(b"\n");
        text.push_str(l);
        text.push('\n');
    }
    // The reader recognises the end marker by its first field.
    text.push_str(&format!(
        "{{\"end\":true,\"records\":{},\"crc32\":{}}}\n",
        lines.len(),
        crc.finalize()
    ));
    std::fs::write(&file, text).unwrap();

    let verified = backup::read(dir.path()).unwrap();
    assert_eq!(verified.schema_version, 2);
    let target = dir.path().join("restored");
    backup::import(verified, &target).unwrap();
    let store = store_open(&target);
    assert_migrated(&store, &fixture());
}

#[test]
fn check_reports_an_organisation_in_the_wrong_chunk_or_stored_twice() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = thuky::service::store_dir(dir.path());
    write_schema_2(&store_dir, &fixture());
    drop(store_open(&store_dir));
    {
        let db = sled_open(&store_dir);
        let chunks = db.open_tree("org_chunks").unwrap();
        // #130 (chunk 2) also written into chunk 0, and a chunk key of the wrong length.
        let stored = chunks.get(keys::org_chunk(0)).unwrap().unwrap();
        let mut c0: Vec<Org> = serde_json::from_slice(&thuky::store::packed::unpack(&stored).unwrap()).unwrap();
        c0.push(fixture()[5].clone());
        chunks.insert(keys::org_chunk(0), serde_json::to_vec(&c0).unwrap()).unwrap();
        chunks.insert(b"xx", b"[]".to_vec()).unwrap();
        db.flush().unwrap();
    }
    let store = store_open(&store_dir);
    let rep = check::run(&store).unwrap();
    let messages: Vec<&str> = rep.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages.contains(&"HK.01: organisation #130 is in chunk 0, it belongs in chunk 2"),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains("#130 is stored twice")), "{messages:?}");
    assert!(messages.contains(&"key is not a chunk number"), "{messages:?}");
}

#[test]
fn demo_data_is_stored_in_full_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    let r = s
        .call(
            "thu.ky",
            Request::DemoLoad {
                scale: thuky::demo::Scale::Small,
                seed: 3,
                replace: false,
            },
        )
        .unwrap();
    assert!(matches!(r, Response::Done(_)));
    drop(s);
    let store = store_open(&thuky::service::store_dir(dir.path()));
    let orgs = store.load().unwrap().orgs;
    let chunks = store.tree(Name::OrgChunks).len();
    let max_id = orgs.iter().map(|o| o.id).max().unwrap();
    assert_eq!(chunks as u32, max_id / keys::ORG_CHUNK + 1);
    assert!(store.tree(Name::Orgs).is_empty());
    let rep = check::run(&store).unwrap();
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
}
