//! An audit entry in the reader's language, from its structured data (the
//! action and the values before and after), not from the summary stored
//! with it: the action's name from the catalogue, and each field that
//! changed as "field: before → after" (a classification as "HT 63,2 → HT 70").

use crate::domain::audit::AuditEntry;
use crate::domain::classification::Classification;
use crate::domain::numfmt;
use crate::domain::org::{Change, Org, OrgId};
use crate::domain::Lang;
use crate::tui::i18n::{self, T};
use serde_json::Value;

/// One field that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

impl FieldChange {
    fn new(field: &str, before: String, after: String) -> FieldChange {
        FieldChange {
            field: field.to_string(),
            before,
            after,
        }
    }

    /// "field: before → after", or "field: after" for a value that is new.
    pub fn text(&self) -> String {
        if self.before == NONE {
            format!("{}: {}", self.field, self.after)
        } else {
            format!("{}: {} → {}", self.field, self.before, self.after)
        }
    }
}

const NONE: &str = "—";

/// The code of an organisation by its id, where the caller knows it (the
/// entries store ids for a new parent or a merge's target).
pub type Codes<'a> = &'a dyn Fn(OrgId) -> Option<String>;

/// The action's name in the catalogue (the stored code when it has none).
pub fn action_label(action: &str, lang: Lang) -> String {
    let t = match action {
        "org.add" => T::AuActOrgAdd,
        "org.rename" => T::AuActOrgRename,
        "org.move" => T::AuActOrgMove,
        "org.merge" => T::AuActOrgMerge,
        "org.dissolve" => T::AuActOrgDissolve,
        "org.members" => T::AuActOrgMembers,
        "org.code" => T::AuActOrgCode,
        "org.import" => T::AuActOrgImport,
        "classify.set" => T::AuActClassSet,
        "classify.clear" => T::AuActClassClear,
        "classify.import" => T::AuActClassImport,
        "admit.set" => T::AuActAdmitSet,
        "admit.block" => T::AuActAdmitBlock,
        "admit.import" => T::AuActAdmitImport,
        "target.set" => T::AuActTargetSet,
        "case.add" => T::AuActCaseAdd,
        "case.update" => T::AuActCaseUpdate,
        "settings.set" => T::AuActSettings,
        "user.add" => T::AuActUserAdd,
        "user.set" => T::AuActUserSet,
        "user.remove" => T::AuActUserRemove,
        "user.migrate" => T::AuActUserMigrate,
        "demo.load" => T::AuActDemo,
        "restore.journal" => T::AuActRestore,
        other => return other.to_string(),
    };
    t.get(lang).to_string()
}

/// The name of a stored field in the catalogue (the key itself otherwise).
fn field_label(key: &str, lang: Lang) -> String {
    let t = match key {
        "level" => T::AuFLevel,
        "score" => T::AuFScore,
        "members" | "total_members" => T::AuFMembers,
        "decision" => T::AuFDecision,
        "decided" => T::AuFDecided,
        "note" => T::AuFNote,
        "name" => T::AuFName,
        "code" => T::AuFCode,
        "kind" => T::AuFKind,
        "probationary" => T::AuFProbationary,
        "founding_ref" => T::AuFFoundingRef,
        "founding_date" => T::AuFFoundingDate,
        "organisations" => T::AuFOrganisations,
        "classifications" => T::AuFClassifications,
        "admissions" => T::AuFAdmissions,
        "cases" => T::AuFCases,
        "role" => T::AuFRole,
        "scope" => T::AuFScope,
        "plan" => T::AuFPlan,
        "range" => T::AuFRange,
        "status" => T::AuFStatus,
        "title" => T::AuFTitle,
        "year" => T::AuditYear,
        other => return other.to_string(),
    };
    t.get(lang).to_string()
}

/// "2025-12-25" → "25/12/2025"; anything else as it is.
fn date_text(s: &str) -> String {
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => i18n::date(d),
        Err(_) => s.to_string(),
    }
}

/// A stored value as a clerk reads it: numbers in the language's format,
/// dates as dd/mm/yyyy, short lists inline.
fn value_text(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => NONE.into(),
        Value::Bool(true) => lang.pick("có", "yes").into(),
        Value::Bool(false) => lang.pick("không", "no").into(),
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => numfmt::int(u, lang),
            (None, Some(f)) => numfmt::dec(f, lang),
            _ => n.to_string(),
        },
        Value::String(s) => date_text(s),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|x| value_text(x, lang)).collect();
            let text = parts.join(", ");
            if text.chars().count() > 60 {
                format!("{} {}", numfmt::int(items.len() as u64, lang), lang.pick("mục", "items"))
            } else {
                format!("[{text}]")
            }
        }
        Value::Object(_) => {
            let mut flat = Vec::new();
            flatten("", v, &mut flat);
            flat.iter()
                .map(|(k, x)| format!("{k}={}", value_text(x, lang)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Leaves of a JSON object as (dotted key, value).
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, x, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

/// Bookkeeping fields not worth a line.
fn skipped(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    matches!(
        last,
        "version" | "by" | "at" | "org" | "id" | "recorded" | "seq" | "events" | "history"
    )
}

/// A classification: "HT 63,2" (level and score), "—" when there is none.
fn class_text(c: Option<&Classification>, lang: Lang) -> String {
    match c {
        None => NONE.into(),
        Some(c) => match c.score {
            Some(s) => format!("{} {}", c.level.short(), numfmt::dec(s, lang)),
            None => c.level.short().to_string(),
        },
    }
}

fn tallies_text(c: Option<&Classification>, lang: Lang) -> String {
    match c.and_then(|c| c.members) {
        None => NONE.into(),
        Some(t) => [t.htxs, t.htt, t.ht, t.kht, t.not_rated]
            .iter()
            .map(|v| numfmt::int(*v as u64, lang))
            .collect::<Vec<_>>()
            .join("/"),
    }
}

fn classification_changes(e: &AuditEntry, lang: Lang) -> Option<Vec<FieldChange>> {
    let parse = |v: &Option<Value>| -> Option<Option<Classification>> {
        match v {
            None | Some(Value::Null) => Some(None),
            Some(v) => serde_json::from_value(v.clone()).ok().map(Some),
        }
    };
    let (b, a) = (parse(&e.before)?, parse(&e.after)?);
    let (b, a) = (b.as_ref(), a.as_ref());
    let mut out = Vec::new();
    let level = |c: Option<&Classification>| c.map(|c| c.level);
    let score = |c: Option<&Classification>| c.and_then(|c| c.score);
    // Level and score together: "HT 63,2 → HT 70".
    if level(b) != level(a) || score(b) != score(a) {
        let label = if score(b).is_some() || score(a).is_some() {
            format!("{}/{}", T::AuFLevel.get(lang), T::AuFScore.get(lang).to_lowercase())
        } else {
            T::AuFLevel.get(lang).to_string()
        };
        out.push(FieldChange::new(&label, class_text(b, lang), class_text(a, lang)));
    }
    let (tb, ta) = (tallies_text(b, lang), tallies_text(a, lang));
    if tb != ta {
        out.push(FieldChange::new(T::AuFTallies.get(lang), tb, ta));
    }
    let text = |c: Option<&Classification>, f: fn(&Classification) -> Option<String>| c.and_then(f).unwrap_or_else(|| NONE.to_string());
    for (t, f) in [
        (
            T::AuFDecision,
            (|c: &Classification| c.decision.clone()) as fn(&Classification) -> Option<String>,
        ),
        (T::AuFDecided, |c: &Classification| c.decided.map(i18n::date)),
        (T::AuFNote, |c: &Classification| c.note.clone()),
    ] {
        let (x, y) = (text(b, f), text(a, f));
        if x != y {
            out.push(FieldChange::new(t.get(lang), x, y));
        }
    }
    Some(out)
}

/// The organisation's name and directly held members before an event list's end.
fn org_state(events: &[crate::domain::org::OrgEvent]) -> (Option<String>, Option<u32>) {
    let (mut name, mut members) = (None, None);
    for ev in events {
        match &ev.change {
            Change::Found { name: n, members: m, .. } => {
                name = Some(n.clone());
                members = Some(*m);
            }
            Change::Rename { name: n } => name = Some(n.clone()),
            Change::SetMembers { members: m, .. } => members = Some(*m),
            _ => {}
        }
    }
    (name, members)
}

fn org_changes(e: &AuditEntry, lang: Lang, codes: Codes) -> Option<Vec<FieldChange>> {
    let parse = |v: &Option<Value>| -> Option<Option<Org>> {
        match v {
            None | Some(Value::Null) => Some(None),
            Some(v) => serde_json::from_value(v.clone()).ok().map(Some),
        }
    };
    let (b, a) = (parse(&e.before)?, parse(&e.after)?);
    let a = a?;
    let mut out = Vec::new();
    let none = || NONE.to_string();
    if let Some(b) = &b {
        if b.code != a.code {
            out.push(FieldChange::new(T::AuFCode.get(lang), b.code.clone(), a.code.clone()));
        }
        if b.kind != a.kind {
            out.push(FieldChange::new(
                T::AuFKind.get(lang),
                i18n::kind_name(lang, b.kind).to_string(),
                i18n::kind_name(lang, a.kind).to_string(),
            ));
        }
    }
    let before_events = b.as_ref().map(|b| b.events.as_slice()).unwrap_or(&[]);
    let (mut name, mut members) = org_state(before_events);
    for ev in a.events.iter().filter(|ev| !before_events.contains(ev)) {
        let from = i18n::date(ev.effective);
        // "BD2, từ 01/07/2025" (the date alone when the code is not known here).
        let to = |id: OrgId| match codes(id) {
            Some(code) => format!("{code}, {} {from}", lang.pick("từ", "from")),
            None => from.clone(),
        };
        match &ev.change {
            Change::Found { name: n, members: m, .. } => {
                out.push(FieldChange::new(T::AuFName.get(lang), none(), n.clone()));
                out.push(FieldChange::new(
                    T::AuFKind.get(lang),
                    none(),
                    i18n::kind_name(lang, a.kind).to_string(),
                ));
                out.push(FieldChange::new(T::AuFMembers.get(lang), none(), numfmt::int(*m as u64, lang)));
                name = Some(n.clone());
                members = Some(*m);
            }
            Change::Rename { name: n } => {
                out.push(FieldChange::new(T::AuFName.get(lang), name.clone().unwrap_or_else(none), n.clone()));
                name = Some(n.clone());
            }
            Change::SetMembers { members: m, probationary } => {
                let old = members.map(|x| numfmt::int(x as u64, lang)).unwrap_or_else(none);
                out.push(FieldChange::new(T::AuFMembers.get(lang), old, numfmt::int(*m as u64, lang)));
                if let Some(p) = probationary {
                    out.push(FieldChange::new(T::AuFProbationary.get(lang), none(), numfmt::int(*p as u64, lang)));
                }
                members = Some(*m);
            }
            Change::Move { parent } => out.push(FieldChange::new(T::AuFMoved.get(lang), none(), to(*parent))),
            Change::MergeInto { target } => out.push(FieldChange::new(T::AuFMerged.get(lang), none(), to(*target))),
            Change::Dissolve => out.push(FieldChange::new(T::AuFDissolved.get(lang), none(), from.clone())),
            Change::SetKind { kind, from: was } => out.push(FieldChange::new(
                T::AuFKind.get(lang),
                i18n::kind_name(lang, *was).to_string(),
                i18n::kind_name(lang, *kind).to_string(),
            )),
            Change::Reinstate => out.push(FieldChange::new(T::AuFReinstated.get(lang), none(), from.clone())),
        }
        if !matches!(
            ev.change,
            Change::Move { .. } | Change::MergeInto { .. } | Change::Dissolve | Change::Reinstate
        ) {
            out.push(FieldChange::new(T::AuFFrom.get(lang), none(), from));
        }
        if let Some(d) = &ev.decision {
            out.push(FieldChange::new(T::AuFDecision.get(lang), none(), d.clone()));
        }
    }
    Some(out)
}

/// Any other entry: the leaves of the values before and after that differ.
fn generic_changes(e: &AuditEntry, lang: Lang) -> Vec<FieldChange> {
    let leaves = |v: &Option<Value>| {
        let mut out = Vec::new();
        if let Some(v) = v {
            flatten("", v, &mut out);
        }
        out
    };
    let (b, a) = (leaves(&e.before), leaves(&e.after));
    let mut keys: Vec<&String> = Vec::new();
    for (k, _) in b.iter().chain(a.iter()) {
        if !keys.contains(&k) && !skipped(k) {
            keys.push(k);
        }
    }
    let get = |side: &[(String, Value)], k: &str| side.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let mut out = Vec::new();
    for k in keys {
        let (x, y) = (get(&b, k), get(&a, k));
        if x == y {
            continue;
        }
        // Twelve monthly counts: one line per month that changed.
        if let (Some(Value::Array(xs)), Some(Value::Array(ys))) = (&x, &y) {
            if k.ends_with("months") && xs.len() == ys.len() {
                for (i, (p, q)) in xs.iter().zip(ys).enumerate() {
                    if p != q {
                        out.push(FieldChange::new(&format!("T{}", i + 1), value_text(p, lang), value_text(q, lang)));
                    }
                }
                continue;
            }
        }
        let label = k.split('.').map(|p| field_label(p, lang)).collect::<Vec<_>>().join(" · ");
        let text = |v: &Option<Value>| v.as_ref().map(|v| value_text(v, lang)).unwrap_or_else(|| NONE.to_string());
        out.push(FieldChange::new(&label, text(&x), text(&y)));
    }
    out
}

/// What changed, field by field, in the reader's language.
pub fn changes(e: &AuditEntry, lang: Lang, codes: Codes) -> Vec<FieldChange> {
    let typed = if e.action.starts_with("classify.") && e.action != "classify.import" {
        classification_changes(e, lang)
    } else if e.action.starts_with("org.") && e.action != "org.import" {
        org_changes(e, lang, codes)
    } else {
        None
    };
    typed.unwrap_or_else(|| generic_changes(e, lang))
}

/// The log's one-line account of an entry: the year, then what changed.
/// An entry without values before or after (older ones) keeps its stored text.
pub fn headline(e: &AuditEntry, lang: Lang, codes: Codes) -> String {
    let list = changes(e, lang, codes);
    let mut text = String::new();
    if let Some(y) = e.year {
        text.push_str(&format!("{y}: "));
    }
    if list.is_empty() {
        text.push_str(&e.summary);
    } else {
        text.push_str(&list.iter().map(FieldChange::text).collect::<Vec<_>>().join("; "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(action: &str, before: Option<Value>, after: Option<Value>) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: chrono::Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
            user: "lan".into(),
            action: action.into(),
            org: Some("BD.01".into()),
            year: Some(2025),
            summary: "stored".into(),
            before,
            after,
        }
    }

    fn class(level: &str, score: Option<f64>) -> Value {
        let mut v = serde_json::json!({"org": 1, "year": 2025, "level": level, "by": "lan", "at": "2025-01-02T03:04:05Z", "version": 1});
        if let Some(s) = score {
            v["score"] = serde_json::json!(s);
        }
        v
    }

    #[test]
    fn a_score_change_shows_level_and_score() {
        let e = entry("classify.set", Some(class("HT", Some(63.2))), Some(class("HTT", Some(70.0))));
        assert_eq!(headline(&e, Lang::Vi, &|_| None), "2025: Mức/điểm: HT 63,2 → HTT 70");
        assert_eq!(headline(&e, Lang::En, &|_| None), "2025: Level/score: HT 63.2 → HTT 70");
        let e = entry("classify.set", None, Some(class("HT", None)));
        assert_eq!(headline(&e, Lang::Vi, &|_| None), "2025: Mức: HT");
        let e = entry("classify.clear", Some(class("KHT", None)), None);
        assert_eq!(headline(&e, Lang::En, &|_| None), "2025: Level: KHT → —");
    }

    #[test]
    fn other_entries_list_their_fields() {
        let e = entry(
            "target.set",
            Some(serde_json::json!({"year": 2025, "plan": 9000, "version": 1})),
            Some(serde_json::json!({"year": 2025, "plan": 10500, "version": 2})),
        );
        assert_eq!(
            changes(&e, Lang::Vi, &|_| None),
            vec![FieldChange::new("Kế hoạch", "9.000".into(), "10.500".into())]
        );
        let e = entry(
            "admit.set",
            Some(serde_json::json!({"months": [0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]})),
            Some(serde_json::json!({"months": [0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0]})),
        );
        assert_eq!(changes(&e, Lang::En, &|_| None)[0].text(), "T3: 3 → 5");
        let mut e = entry("demo.load", None, Some(serde_json::json!({"organisations": 21034})));
        e.year = None;
        assert_eq!(headline(&e, Lang::Vi, &|_| None), "Tổ chức: 21.034");
        assert_eq!(action_label("org.dissolve", Lang::Vi), "Giải thể");
        assert_eq!(action_label("x.y", Lang::Vi), "x.y");
    }
}
