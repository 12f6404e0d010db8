//! Schema migrations, run step by step when a store is opened.
//!
//! - 0 → 2: a new, empty store; just record the version.
//! - 1 → 2: schema 1 kept admissions as one key per (year, organisation, month)
//!   in the tree `admissions_monthly` (13x larger on disk); schema 2 packs the
//!   twelve months of a (year, organisation) into one value.

use super::{decode, encode, keys, Name, Result, Store, StoreError, SCHEMA_VERSION};
use crate::domain::Admissions;
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
        version = if has_v1 { 1 } else { SCHEMA_VERSION };
        set_version(store, version)?;
    }
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(store)?,
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
