//! Schema migrations, run step by step when a store is opened.
//!
//! - 0: a new, empty store; just record the current version.
//! - 1 → 2: schema 1 kept admissions as one key per (year, organisation, month)
//!   in the tree `admissions_monthly` (13x larger on disk); schema 2 packs the
//!   twelve months of a (year, organisation) into one value.
//! - 2 → 3: schema 2 kept one value per organisation in the tree `orgs`
//!   (key: id); schema 3 keeps chunks of 64 organisations in `org_chunks`
//!   (key: id / 64, u32 BE; value: JSON array sorted by id), because reading
//!   21,000 small values from sled dominated start-up. `orgs` is emptied.
//! - 3 → 4: a member count may say how many of its members are probationary
//!   (`SetMembers { members, probationary }`, Điều lệ Đảng, Điều 21 counts
//!   full members). Records of schema 3 read as "not recorded apart", so no
//!   record changes; the step reads every chunk to be sure it decodes. The
//!   version is raised so that a thuky of schema 3, which would drop the
//!   split when it rewrites a chunk, refuses the store instead.
//!
//! - 4 → 5: adds the tree `cases` (case files). Nothing to convert; the bump
//!   keeps an older thuky, which does not know the tree, from opening (and
//!   backing up without) a store that holds cases.
//! - 5 → 6: register events may change an organisation's kind (`SetKind`)
//!   or undo an ending (`Reinstate`, the undo of a merge or dissolution).
//!   Nothing to convert; the bump makes a thuky of schema 5, which cannot
//!   read those events, refuse the store by name instead of failing on them.
//!
//! - 6 → 7: organisation chunks and cases are stored packed (`packed`: their
//!   JSON compressed, 13% and 74% of it at `--scale large`, because sled
//!   keeps in memory whatever was read). Every value of the two trees is
//!   rewritten packed; values of both forms read, so a step cut short leaves
//!   a store that reads, and re-running it packs the rest. The bump makes a
//!   thuky of schema 6, which cannot read packed values, refuse the store.
//!
//! Every step is safe to re-run after a crash part-way: the version is recorded
//! only after the step has finished and been flushed, and re-running a
//! half-done step gives the same result.

use super::{decode, encode, keys, Name, Put, Result, Store, StoreError, SCHEMA_VERSION};
use crate::domain::{Admissions, Org, OrgId};
use std::collections::BTreeMap;

pub fn run(store: &Store) -> Result<()> {
    let mut version = store.schema_version()?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        let has_v1 = store.db().tree_names().iter().any(|n| n.as_ref() == b"admissions_monthly");
        version = if has_v1 {
            1
        } else if !store.tree(Name::Orgs).is_empty() {
            2
        } else {
            SCHEMA_VERSION
        };
        set_version(store, version)?;
    }
    if version < SCHEMA_VERSION {
        // Keep a copy of what is there before changing its shape.
        if let Err(e) = super::autobackup::write(store, "before-migration") {
            tracing::warn!("cannot write the backup before migrating: {e}");
        }
    }
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(store)?,
            2 => v2_to_v3(store)?,
            3 => v3_to_v4(store)?,
            4 => super::cases::v4_to_v5(store)?,
            // New event kinds only: nothing to convert.
            5 => {}
            6 => v6_to_v7(store)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
        version += 1;
        set_version(store, version)?;
        tracing::info!(version, "store migrated");
    }
    Ok(())
}

fn set_version(store: &Store, v: u32) -> Result<()> {
    store
        .tree(Name::Meta)
        .insert("schema_version", encode(&v))
        .map_err(|e| store.err(e))?;
    store.flush()
}

/// Key of schema 1's monthly admissions: year (u16 BE), organisation (u32 BE), month (1-12).
pub fn v1_monthly_key(year: i32, org: u32, month: u8) -> Vec<u8> {
    let mut k = keys::year_org(year, org).to_vec();
    k.push(month);
    k
}

fn v1_to_v2(store: &Store) -> Result<()> {
    let old = store.db().open_tree("admissions_monthly").map_err(|e| store.err(e))?;
    let mut packed: BTreeMap<(i32, u32), Admissions> = BTreeMap::new();
    for item in old.iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        let bad = |reason: &str| StoreError::Corrupt {
            tree: "admissions_monthly".into(),
            key: super::hex(&k),
            reason: reason.into(),
        };
        if k.len() != 7 {
            return Err(bad("key is not (year, organisation, month)"));
        }
        let (year, org) = keys::year_org_from(&k[..6]).ok_or_else(|| bad("bad key"))?;
        let month = k[6];
        if !(1..=12).contains(&month) {
            return Err(bad("month outside 1-12"));
        }
        let count: u32 = decode(Name::Admissions, &k, &v)?;
        let a = packed.entry((year, org)).or_insert_with(|| Admissions::new(org, year));
        a.months[month as usize - 1] = count;
    }
    let tree = store.tree(Name::Admissions);
    let mut batch = sled::Batch::default();
    for a in packed.values() {
        batch.insert(keys::year_org(a.year, a.org).to_vec(), encode(a));
    }
    tree.apply_batch(batch).map_err(|e| store.err(e))?;
    store.flush()?;
    store.db().drop_tree("admissions_monthly").map_err(|e| store.err(e))?;
    Ok(())
}

/// Chunk the per-organisation values of `orgs` into `org_chunks`, then empty
/// `orgs`. Emptying is not atomic, so a re-run may find `orgs` partly emptied
/// and chunks already written: the chunks it rewrites are merged from both
/// (at schema 2 nothing else writes `org_chunks`, and both hold the same records).
fn v2_to_v3(store: &Store) -> Result<()> {
    let old = store.tree(Name::Orgs);
    let mut orgs: BTreeMap<OrgId, Org> = BTreeMap::new();
    for item in old.iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        let o: Org = decode(Name::Orgs, &k, &v)?;
        if keys::org_from(&k) != Some(o.id) {
            return Err(StoreError::Corrupt {
                tree: Name::Orgs.as_str().into(),
                key: super::hex(&k),
                reason: format!("key does not match organisation id {}", o.id),
            });
        }
        orgs.insert(o.id, o);
    }
    let chunks = store.tree(Name::OrgChunks);
    let mut written: BTreeMap<OrgId, Org> = BTreeMap::new();
    let mut numbers: Vec<u32> = orgs.keys().map(|id| keys::chunk_of(*id)).collect();
    numbers.dedup();
    for n in numbers {
        let key = keys::org_chunk(n);
        if let Some(v) = chunks.get(key).map_err(|e| store.err(e))? {
            for o in decode::<Vec<Org>>(Name::OrgChunks, &key, &v)? {
                written.insert(o.id, o);
            }
        }
    }
    let mut batch = sled::Batch::default();
    let changed: Vec<&Org> = orgs.values().collect();
    for p in Put::org_chunks_with(&changed, |id| written.get(&id)) {
        match p.value {
            Some(v) => batch.insert(p.key, v),
            None => batch.remove(p.key),
        }
    }
    chunks.apply_batch(batch).map_err(|e| store.err(e))?;
    store.flush()?;
    old.clear().map_err(|e| store.err(e))?;
    store.flush()?;
    Ok(())
}

/// Schema 4 adds an optional field: check that every chunk still decodes.
fn v3_to_v4(store: &Store) -> Result<()> {
    for item in store.tree(Name::OrgChunks).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        decode::<Vec<Org>>(Name::OrgChunks, &k, &v)?;
    }
    Ok(())
}

/// Rewrite the values of the trees that pack (`Name::packs`) packed, a few
/// thousand per batch; values already packed are left as they are.
fn v6_to_v7(store: &Store) -> Result<()> {
    for name in Name::ALL.into_iter().filter(|n| n.packs()) {
        let tree = store.tree(name);
        let mut batch = sled::Batch::default();
        let mut queued = 0;
        for item in tree.iter() {
            let (k, v) = item.map_err(|e| store.err(e))?;
            if v.first() == Some(&super::packed::MARKER) {
                continue;
            }
            // Only what decodes is rewritten (a damaged value stays as it
            // is, for `check` and the reads to name).
            if decode::<serde_json::Value>(name, &k, &v).is_err() {
                continue;
            }
            batch.insert(k, super::packed::pack(&v));
            queued += 1;
            if queued == 4096 {
                tree.apply_batch(std::mem::take(&mut batch)).map_err(|e| store.err(e))?;
                queued = 0;
            }
        }
        tree.apply_batch(batch).map_err(|e| store.err(e))?;
    }
    store.flush()
}
