//! Reading the store: everything at start, a year on demand, single values.

use super::*;

impl Store {
    pub fn load(&self) -> Result<Loaded> {
        let mut out = Loaded {
            orgs: self.load_orgs()?,
            ..Default::default()
        };
        for item in self.tree(Name::Targets).iter() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            out.targets.push(decode(Name::Targets, &k, &v)?);
        }
        if let Some(v) = self.tree(Name::Meta).get("settings").map_err(|e| self.err(e))? {
            out.settings = decode(Name::Meta, b"settings", &v)?;
        }
        Ok(out)
    }

    /// Every organisation, in id order. Reading the ~330 chunks from sled is
    /// quick (a few ms); decoding their JSON is what takes the time, so the
    /// chunks are split between threads (one per core, at most 4) and decoded
    /// in parallel (start-up time matters).
    fn load_orgs(&self) -> Result<Vec<Org>> {
        let chunks = self
            .tree(Name::OrgChunks)
            .iter()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let decode_part = |part: &[(sled::IVec, sled::IVec)]| -> Result<Vec<Org>> {
            let mut orgs = Vec::with_capacity(part.len() * keys::ORG_CHUNK as usize);
            for (k, v) in part {
                let chunk: Vec<Org> = decode(Name::OrgChunks, k, v)?;
                orgs.extend(chunk);
            }
            Ok(orgs)
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        if threads == 1 || chunks.len() < 8 {
            return decode_part(&chunks);
        }
        let per = chunks.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let mut parts = chunks.chunks(per);
            let first = parts.next().unwrap_or_default();
            let others: Vec<_> = parts.map(|p| scope.spawn(move || decode_part(p))).collect();
            let mut orgs = decode_part(first)?;
            orgs.reserve(chunks.len() * keys::ORG_CHUNK as usize);
            for h in others {
                orgs.extend(h.join().expect("decoder thread")?);
            }
            Ok(orgs)
        })
    }

    /// All admissions of one year.
    pub fn admissions_of_year(&self, year: i32) -> Result<IdMap<Admissions>> {
        let mut out = IdMap::default();
        for item in self.tree(Name::Admissions).scan_prefix(keys::year(year)) {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let a: Admissions = decode(Name::Admissions, &k, &v)?;
            out.insert(a.org, a);
        }
        Ok(out)
    }

    /// All classifications of one year.
    pub fn classes_of_year(&self, year: i32) -> Result<IdMap<Classification>> {
        let mut out = IdMap::default();
        for item in self.tree(Name::Classes).scan_prefix(keys::year(year)) {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let c: Classification = decode(Name::Classes, &k, &v)?;
            out.insert(c.org, c);
        }
        Ok(out)
    }

    /// Years that hold at least one classification.
    pub fn class_years(&self) -> Result<Vec<i32>> {
        let mut years = Vec::new();
        let tree = self.tree(Name::Classes);
        let mut next: Option<Vec<u8>> = Some(Vec::new());
        while let Some(start) = next.take() {
            let Some(item) = tree.range(start..).next() else { break };
            let (k, _) = item.map_err(|e| self.err(e))?;
            let Some(y) = keys::year_from(&k) else { break };
            years.push(y);
            next = Some(keys::year(y + 1).to_vec());
        }
        Ok(years)
    }

    /// Every value of `tree`, decoded, in key order (small trees: users, meta).
    pub fn values<T: DeserializeOwned>(&self, tree: Name) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for item in self.tree(tree).iter() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            out.push(decode(tree, &k, &v)?);
        }
        Ok(out)
    }

    /// The value under `key` in `tree`, decoded.
    pub fn get<T: DeserializeOwned>(&self, tree: Name, key: &[u8]) -> Result<Option<T>> {
        match self.tree(tree).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(tree, key, &v)?)),
            None => Ok(None),
        }
    }

    /// Whether `tree` holds nothing.
    pub fn tree_is_empty(&self, tree: Name) -> bool {
        self.tree(tree).is_empty()
    }

    pub fn get_raw(&self, tree: Name, key: &[u8]) -> Result<Option<sled::IVec>> {
        self.tree(tree).get(key).map_err(|e| self.err(e))
    }

    /// Audit entries, newest first, that pass `keep`, at most `limit`.
    pub fn audit(&self, limit: usize, mut keep: impl FnMut(&AuditEntry) -> bool) -> Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        for item in self.tree(Name::Audit).iter().rev() {
            let (k, v) = item.map_err(|e| self.err(e))?;
            let e: AuditEntry = decode(Name::Audit, &k, &v)?;
            if keep(&e) {
                out.push(e);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Names of the trees in the sled database (for tests and diagnostics).
    pub fn db_tree_names(&self) -> Vec<String> {
        self.db
            .tree_names()
            .iter()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    }

    /// How many audit entries have been written (read from a counter, not a scan).
    pub fn audit_len(&self) -> Result<u64> {
        match self.tree(Name::Meta).get(AUDIT_NEXT).map_err(|e| self.err(e))? {
            Some(v) => decode(Name::Meta, AUDIT_NEXT.as_bytes(), &v),
            None => Ok(0),
        }
    }

    /// One classification, read directly (without loading its year).
    pub fn class_of(&self, year: i32, org: OrgId) -> Result<Option<Classification>> {
        let key = keys::year_org(year, org);
        match self.tree(Name::Classes).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(Name::Classes, &key, &v)?)),
            None => Ok(None),
        }
    }

    /// One organisation's admissions in one year, read directly.
    pub fn admissions_of(&self, year: i32, org: OrgId) -> Result<Option<Admissions>> {
        let key = keys::year_org(year, org);
        match self.tree(Name::Admissions).get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(decode(Name::Admissions, &key, &v)?)),
            None => Ok(None),
        }
    }
}
