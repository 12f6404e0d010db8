//! The `cases` tree: one JSON value per case file, keyed by its id (u64 BE),
//! so iteration is in id order. Written like everything else through
//! `Store::commit` (one transaction with the audit entry, then flush).

use super::{decode, encode_for, keys, Name, Put, Result, Store};
use crate::domain::case::{Case, CaseId};

impl Put {
    pub fn case(c: &Case) -> Put {
        Put {
            tree: Name::Cases,
            key: keys::case(c.id).to_vec(),
            value: Some(encode_for(Name::Cases, c)),
        }
    }
}

impl Store {
    /// Every case, in id order.
    pub fn load_cases(&self) -> Result<Vec<Case>> {
        self.cases().collect()
    }

    /// Every case in id order, decoded one at a time (the whole set is never
    /// held at once).
    pub fn cases(&self) -> impl Iterator<Item = Result<Case>> + '_ {
        self.tree(Name::Cases).iter().map(move |item| {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let c: Case = decode(Name::Cases, &k, &v)?;
            if keys::seq_from(&k) != Some(c.id) {
                return Err(super::StoreError::Corrupt {
                    tree: Name::Cases.as_str().into(),
                    key: super::hex(&k),
                    reason: format!("key does not match case id {}", c.id),
                });
            }
            Ok(c)
        })
    }

    /// One case, read directly.
    pub fn case(&self, id: CaseId) -> Result<Option<Case>> {
        let key = keys::case(id);
        match self.tree(Name::Cases).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(Name::Cases, &key, &v)?)),
            None => Ok(None),
        }
    }
}

/// Schema 3 → 4: the tree `cases` is new (opened, hence created, with the
/// others); there is nothing to convert.
pub(super) fn v4_to_v5(store: &Store) -> Result<()> {
    store.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditEntry;
    use crate::domain::case::{CaseKind, CaseStatus};

    #[test]
    fn cases_round_trip_with_their_audit_entry() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), super::super::SCHEMA_VERSION);
        let c = Case {
            id: 300,
            kind: CaseKind::Denunciation,
            org: 2,
            persons: vec![],
            title: "Đơn tố cáo".into(),
            summary: None,
            place: Some("Hoàng Mai".into()),
            source: None,
            handler: None,
            opened: chrono::NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(),
            due: None,
            status: CaseStatus::Received,
            history: vec![],
            outcome: None,
            discipline: None,
            decision: None,
            decided: None,
            version: 1,
        };
        let mut audit = AuditEntry {
            seq: 0,
            at: chrono::Utc::now(),
            user: "t".into(),
            action: "case.add".into(),
            org: None,
            year: None,
            summary: String::new(),
            before: None,
            after: None,
        };
        store.commit(&[Put::case(&c)], &mut audit).unwrap();
        assert_eq!(store.audit_len().unwrap(), 1);
        assert_eq!(store.load_cases().unwrap(), vec![c.clone()]);
        assert_eq!(store.case(300).unwrap(), Some(c));
        // Keys are big-endian: 2 sorts before 300.
        let mut two = store.case(300).unwrap().unwrap();
        two.id = 2;
        store.commit(&[Put::case(&two)], &mut audit).unwrap();
        let ids: Vec<u64> = store.load_cases().unwrap().iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![2, 300]);
    }
}

#[cfg(test)]
mod migration {
    use super::*;

    #[test]
    fn a_schema_3_store_is_migrated_through_every_step() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store
                .tree(Name::Meta)
                .insert("schema_version", super::super::encode(&3u32))
                .unwrap();
            store.flush().unwrap();
        }
        let store = Store::reopen(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), crate::store::SCHEMA_VERSION);
        assert!(store.load_cases().unwrap().is_empty());
    }
}
