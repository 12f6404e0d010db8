//! Integrity check: every record decodes, every reference resolves, the code
//! index agrees with the organisations, every organisation is stored once and
//! in the chunk its id belongs to.

use super::{decode, hex, keys, Name, Result, Store};
use crate::domain::audit::AuditEntry;
use crate::domain::rules::RuleSettings;
use crate::domain::text_check::{escape_controls, problem, TextProblem};
use crate::domain::{Admissions, Change, Classification, Org, OrgId, Target, FIRST_YEAR, LAST_YEAR};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub tree: String,
    pub key: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    pub records: u64,
    pub problems: Vec<Problem>,
}

pub fn run(store: &Store) -> Result<CheckReport> {
    let mut rep = CheckReport::default();
    let problem = |rep: &mut CheckReport, tree: Name, key: &[u8], message: String| {
        rep.problems.push(Problem {
            tree: tree.as_str().into(),
            key: hex(key),
            message,
        });
    };
    let mut orgs: HashMap<OrgId, Org> = HashMap::new();
    for item in store.tree(Name::OrgChunks).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        let Some(n) = keys::org_chunk_from(&k) else {
            rep.records += 1;
            problem(&mut rep, Name::OrgChunks, &k, "key is not a chunk number".into());
            continue;
        };
        let chunk = match decode::<Vec<Org>>(Name::OrgChunks, &k, &v) {
            Ok(c) => c,
            Err(e) => {
                rep.records += 1;
                problem(&mut rep, Name::OrgChunks, &k, e.to_string());
                continue;
            }
        };
        rep.records += chunk.len() as u64;
        if chunk.is_empty() {
            problem(&mut rep, Name::OrgChunks, &k, format!("chunk {n} is empty"));
        }
        if chunk.windows(2).any(|w| w[0].id >= w[1].id) {
            problem(&mut rep, Name::OrgChunks, &k, format!("chunk {n} is not in id order"));
        }
        for o in chunk {
            if keys::chunk_of(o.id) != n {
                problem(
                    &mut rep,
                    Name::OrgChunks,
                    &k,
                    format!(
                        "{}: organisation #{} is in chunk {n}, it belongs in chunk {}",
                        o.code,
                        o.id,
                        keys::chunk_of(o.id)
                    ),
                );
            }
            if orgs.contains_key(&o.id) {
                problem(
                    &mut rep,
                    Name::OrgChunks,
                    &k,
                    format!("{}: organisation #{} is stored twice", o.code, o.id),
                );
            }
            orgs.insert(o.id, o);
        }
    }
    let leftover = store.tree(Name::Orgs).len();
    if leftover > 0 {
        let first = store
            .tree(Name::Orgs)
            .first()
            .map_err(|e| store.err(e))?
            .map(|(k, _)| k.to_vec())
            .unwrap_or_default();
        rep.records += leftover as u64;
        problem(
            &mut rep,
            Name::Orgs,
            &first,
            format!(
                "{leftover} records left over from schema 2 (organisations are now stored in {})",
                Name::OrgChunks.as_str()
            ),
        );
    }
    let mut seen_codes = HashSet::new();
    for o in orgs.values() {
        let key = keys::org_chunk(keys::chunk_of(o.id));
        match o.events.first() {
            Some(e) if matches!(e.change, Change::Found { .. }) => {}
            _ => problem(
                &mut rep,
                Name::OrgChunks,
                &key,
                format!("{}: history does not start with its founding", o.code),
            ),
        }
        if o.events.windows(2).any(|w| w[0].effective > w[1].effective) {
            problem(&mut rep, Name::OrgChunks, &key, format!("{}: history is not in date order", o.code));
        }
        for e in &o.events {
            let refd = match e.change {
                Change::Found { parent: Some(p), .. } | Change::Move { parent: p } => Some(p),
                Change::MergeInto { target } => Some(target),
                _ => None,
            };
            if let Some(r) = refd {
                if !orgs.contains_key(&r) {
                    problem(
                        &mut rep,
                        Name::OrgChunks,
                        &key,
                        format!("{}: refers to organisation #{r}, which does not exist", o.code),
                    );
                }
            }
        }
        for (what, text) in org_texts(o) {
            if let Some(p) = text_trouble(text) {
                problem(&mut rep, Name::OrgChunks, &key, format!("#{}: {what} {p}", o.id));
            }
        }
        if !valid_code(&o.code) {
            problem(
                &mut rep,
                Name::OrgChunks,
                &key,
                format!(
                    "#{}: code '{}' is not 1-32 of A-Z, 0-9, '.', '-', '_'",
                    o.id,
                    escape_controls(&o.code)
                ),
            );
        }
        if !seen_codes.insert(o.code.clone()) {
            problem(&mut rep, Name::OrgChunks, &key, format!("code {} is used twice", o.code));
        }
        match store.tree(Name::Codes).get(o.code.as_bytes()).map_err(|e| store.err(e))? {
            Some(v) => match decode::<OrgId>(Name::Codes, o.code.as_bytes(), &v) {
                Ok(id) if id == o.id => {}
                Ok(id) => problem(
                    &mut rep,
                    Name::Codes,
                    o.code.as_bytes(),
                    format!("code {} points to #{id}, not #{}", o.code, o.id),
                ),
                Err(e) => problem(&mut rep, Name::Codes, o.code.as_bytes(), e.to_string()),
            },
            None => problem(
                &mut rep,
                Name::Codes,
                o.code.as_bytes(),
                format!("code {} of #{} is missing from the index", o.code, o.id),
            ),
        }
    }
    for item in store.tree(Name::Codes).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        let code = String::from_utf8_lossy(&k).to_string();
        match decode::<OrgId>(Name::Codes, &k, &v) {
            Ok(id) => match orgs.get(&id) {
                Some(o) if o.code == code => {}
                Some(o) => problem(
                    &mut rep,
                    Name::Codes,
                    &k,
                    format!("index entry {code} points to #{id}, whose code is {}", o.code),
                ),
                None => problem(
                    &mut rep,
                    Name::Codes,
                    &k,
                    format!("index entry {code} points to #{id}, which does not exist"),
                ),
            },
            Err(e) => problem(&mut rep, Name::Codes, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Classes).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<Classification>(Name::Classes, &k, &v) {
            Ok(c) => {
                if keys::year_org_from(&k) != Some((c.year, c.org)) {
                    problem(&mut rep, Name::Classes, &k, "key does not match (year, organisation)".into());
                }
                if !(FIRST_YEAR..=LAST_YEAR).contains(&c.year) {
                    problem(
                        &mut rep,
                        Name::Classes,
                        &k,
                        format!("year {} is outside {FIRST_YEAR}-{LAST_YEAR}", c.year),
                    );
                }
                if c.score.is_some_and(|x| !(0.0..=100.0).contains(&x)) {
                    problem(&mut rep, Name::Classes, &k, "score is outside 0-100".into());
                }
                for (what, text) in [("decision", &c.decision), ("note", &c.note)] {
                    if let Some(p) = text.as_deref().and_then(text_trouble) {
                        problem(&mut rep, Name::Classes, &k, format!("{what} {p}"));
                    }
                }
                if !orgs.contains_key(&c.org) {
                    problem(
                        &mut rep,
                        Name::Classes,
                        &k,
                        format!("classification {} for #{}, which does not exist", c.year, c.org),
                    );
                }
            }
            Err(e) => problem(&mut rep, Name::Classes, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Admissions).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<Admissions>(Name::Admissions, &k, &v) {
            Ok(a) => {
                if keys::year_org_from(&k) != Some((a.year, a.org)) {
                    problem(&mut rep, Name::Admissions, &k, "key does not match (year, organisation)".into());
                }
                if !orgs.contains_key(&a.org) {
                    problem(
                        &mut rep,
                        Name::Admissions,
                        &k,
                        format!("admissions {} for #{}, which does not exist", a.year, a.org),
                    );
                }
            }
            Err(e) => problem(&mut rep, Name::Admissions, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Targets).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<Target>(Name::Targets, &k, &v) {
            Ok(t) => {
                for id in t.allocations.keys() {
                    if !orgs.contains_key(id) {
                        problem(
                            &mut rep,
                            Name::Targets,
                            &k,
                            format!("allocation {} for #{id}, which does not exist", t.year),
                        );
                    }
                }
            }
            Err(e) => problem(&mut rep, Name::Targets, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Cases).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<crate::domain::case::Case>(Name::Cases, &k, &v) {
            Ok(c) => {
                if k.as_ref() != keys::case(c.id) {
                    problem(&mut rep, Name::Cases, &k, format!("key does not match case #{}", c.id));
                }
                if !orgs.contains_key(&c.org) {
                    problem(
                        &mut rep,
                        Name::Cases,
                        &k,
                        format!("case #{} of #{}, which does not exist", c.id, c.org),
                    );
                }
            }
            Err(e) => problem(&mut rep, Name::Cases, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Audit).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<AuditEntry>(Name::Audit, &k, &v) {
            Ok(a) => {
                for (what, text) in [("user", &a.user), ("action", &a.action), ("summary", &a.summary)] {
                    if let Some(p) = text_trouble(text) {
                        problem(&mut rep, Name::Audit, &k, format!("{what} {p}"));
                    }
                }
            }
            Err(e) => problem(&mut rep, Name::Audit, &k, e.to_string()),
        }
    }
    for item in store.tree(Name::Users).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        rep.records += 1;
        match decode::<StoredUser>(Name::Users, &k, &v) {
            Ok(u) if u.name.as_bytes() != &k[..] => problem(&mut rep, Name::Users, &k, "key does not match the user's name".into()),
            Ok(u) if !valid_user_name(&u.name) => problem(
                &mut rep,
                Name::Users,
                &k,
                format!("'{}' is not an account name", escape_controls(&u.name)),
            ),
            Ok(_) => {}
            Err(e) => problem(&mut rep, Name::Users, &k, e.to_string()),
        }
    }
    // Checked, not counted: the bookkeeping of the store, not its records.
    for item in store.tree(Name::Meta).iter() {
        let (k, v) = item.map_err(|e| store.err(e))?;
        let bad = match &k[..] {
            b"schema_version" => decode::<u32>(Name::Meta, &k, &v).err(),
            b"settings" => decode::<RuleSettings>(Name::Meta, &k, &v).err(),
            _ => decode::<serde_json::Value>(Name::Meta, &k, &v).err(),
        };
        if let Some(e) = bad {
            problem(&mut rep, Name::Meta, &k, e.to_string());
        }
    }
    Ok(rep)
}

/// The part of a user record the store can check (the type lives in service).
#[derive(Deserialize)]
struct StoredUser {
    name: String,
    #[allow(dead_code)]
    role: StoredRole,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum StoredRole {
    Admin,
    Clerk,
    Viewer,
}

fn valid_user_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 32
        && !n.starts_with('-')
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
}

fn valid_code(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 32
        && c.chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || matches!(ch, '.' | '-' | '_'))
}

/// Every piece of text an organisation holds, with what it is.
fn org_texts(o: &Org) -> Vec<(&'static str, &str)> {
    let mut out = vec![("founding reference", o.founding_ref.as_str())];
    for e in &o.events {
        match &e.change {
            Change::Found { name, .. } | Change::Rename { name } => out.push(("name", name)),
            _ => {}
        }
        if let Some(d) = &e.decision {
            out.push(("decision", d));
        }
        out.push(("recorded by", &e.by));
    }
    out
}

/// What is wrong with stored text (a control or bidi character, or nothing visible).
fn text_trouble(s: &str) -> Option<String> {
    match problem(s)? {
        TextProblem::Control(c) => Some(format!("holds a control character (U+{:04X})", c as u32)),
        TextProblem::Bidi(c) => Some(format!("holds a bidirectional control (U+{:04X})", c as u32)),
        TextProblem::Invisible => Some("has nothing visible".into()),
    }
}
