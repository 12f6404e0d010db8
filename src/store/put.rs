//! The keys an action writes, built from the domain's values.

use super::*;

/// One key written (or removed, with `value: None`) as part of an action.
#[derive(Debug, Clone)]
pub struct Put {
    pub tree: Name,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
}

impl Put {
    /// One organisation on its own, for callers that do not hold the whole
    /// register (test fixtures). `Store::commit` and `Store::bulk` fold it into
    /// the chunk that holds it, reading the rest of the chunk from the store.
    /// The service writes whole chunks instead (`org_chunks_with`).
    pub fn org(org: &Org) -> Put {
        Put {
            tree: Name::Orgs,
            key: keys::org(org.id).to_vec(),
            value: Some(encode(org)),
        }
    }

    /// Chunk `n`, holding exactly `orgs` (all with `keys::chunk_of(id) == n`).
    /// An empty chunk is removed.
    pub fn org_chunk(n: u32, orgs: &[&Org]) -> Put {
        debug_assert!(orgs.iter().all(|o| keys::chunk_of(o.id) == n), "organisation in the wrong chunk");
        let mut sorted = orgs.to_vec();
        sorted.sort_by_key(|o| o.id);
        sorted.dedup_by_key(|o| o.id);
        Put {
            tree: Name::OrgChunks,
            key: keys::org_chunk(n).to_vec(),
            value: (!sorted.is_empty()).then(|| encode_for(Name::OrgChunks, &sorted)),
        }
    }

    /// The chunks of a complete set of organisations (loading a data set).
    pub fn org_chunks<'a>(orgs: impl IntoIterator<Item = &'a Org>) -> Vec<Put> {
        let mut chunks: std::collections::BTreeMap<u32, Vec<&Org>> = Default::default();
        for o in orgs {
            chunks.entry(keys::chunk_of(o.id)).or_default().push(o);
        }
        chunks.into_iter().map(|(n, orgs)| Put::org_chunk(n, &orgs)).collect()
    }

    /// One put per chunk touched by `changed`: the chunk as `current` has it
    /// (the service's register), with the changed organisations substituted.
    pub fn org_chunks_with<'a>(changed: &[&'a Org], current: impl Fn(OrgId) -> Option<&'a Org>) -> Vec<Put> {
        // Later entries win if an organisation is listed twice.
        let changed: std::collections::BTreeMap<OrgId, &Org> = changed.iter().map(|o| (o.id, *o)).collect();
        let mut numbers: Vec<u32> = changed.keys().map(|id| keys::chunk_of(*id)).collect();
        numbers.dedup();
        numbers
            .into_iter()
            .map(|n| {
                let orgs: Vec<&Org> = keys::chunk_ids(n)
                    .filter_map(|id| changed.get(&id).copied().or_else(|| current(id)))
                    .collect();
                Put::org_chunk(n, &orgs)
            })
            .collect()
    }
    pub fn code(code: &str, id: OrgId) -> Put {
        Put {
            tree: Name::Codes,
            key: code.as_bytes().to_vec(),
            value: Some(encode(&id)),
        }
    }
    pub fn remove_code(code: &str) -> Put {
        Put {
            tree: Name::Codes,
            key: code.as_bytes().to_vec(),
            value: None,
        }
    }
    pub fn class(c: &Classification) -> Put {
        Put {
            tree: Name::Classes,
            key: keys::year_org(c.year, c.org).to_vec(),
            value: Some(encode(c)),
        }
    }
    pub fn remove_class(year: i32, org: OrgId) -> Put {
        Put {
            tree: Name::Classes,
            key: keys::year_org(year, org).to_vec(),
            value: None,
        }
    }
    pub fn admissions(a: &Admissions) -> Put {
        Put {
            tree: Name::Admissions,
            key: keys::year_org(a.year, a.org).to_vec(),
            value: Some(encode(a)),
        }
    }
    pub fn target(t: &Target) -> Put {
        Put {
            tree: Name::Targets,
            key: keys::year(t.year).to_vec(),
            value: Some(encode(t)),
        }
    }
    pub fn meta<T: Serialize>(key: &str, v: &T) -> Put {
        Put {
            tree: Name::Meta,
            key: key.as_bytes().to_vec(),
            value: Some(encode(v)),
        }
    }
    pub fn user<T: Serialize>(name: &str, v: Option<&T>) -> Put {
        Put {
            tree: Name::Users,
            key: name.as_bytes().to_vec(),
            value: v.map(encode),
        }
    }
}
