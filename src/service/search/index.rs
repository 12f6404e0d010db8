//! The search index of the service: organisations and cases as token
//! records (`domain::search`), kept up to date as they change.

use crate::domain::case::{Case, CaseId};
use crate::domain::org::{Change, OrgId};
use crate::domain::search::{Part, Vocab};
use crate::domain::text::fold;
use crate::domain::tree::Register;
use std::collections::HashMap;

/// The searchable texts as tokens (`domain::search`): the organisations
/// and the cases as two parts over one vocabulary, so a change in the
/// register rebuilds only the organisations' part.
#[derive(Default)]
pub struct Index {
    pub(super) vocab: Vocab,
    /// Keys: organisation ids. An organisation's text is rebuilt from the
    /// register for a hit (the part is rebuilt whenever the register changes).
    pub(super) orgs: Part,
    /// Keys: case ids.
    pub(super) cases: Part,
    /// Per case: its record in `cases` (a hit's text is made again from the
    /// case, as are an organisation's from the register).
    pub(super) case_at: HashMap<CaseId, u32>,
    /// The next case's order (ties in the ranking go to the earlier case).
    pub(super) next_order: u32,
    /// Distinct tokens when the vocabulary was last built from scratch: the
    /// tokens of replaced texts stay in it until it is built again.
    pub(super) vocab_built: usize,
}

/// "Quận ủy Ba Đình BD", plus earlier names: "… (trước đây: Chi bộ A)".
pub(super) fn org_text(reg: &Register, id: OrgId) -> Option<String> {
    let o = reg.get(id)?;
    let last = o.last_name();
    let mut text = format!("{last} {}", o.code);
    let mut former: Vec<&str> = Vec::new();
    for e in &o.events {
        let name = match &e.change {
            Change::Found { name, .. } | Change::Rename { name } => name.as_str(),
            _ => continue,
        };
        if name != last && !former.contains(&name) {
            former.push(name);
        }
    }
    if !former.is_empty() {
        text.push_str(" (trước đây: ");
        text.push_str(&former.join("; "));
        text.push(')');
    }
    Some(text)
}

impl Index {
    /// Every organisation's record: group 0 if it exists today, 1 if not.
    pub(super) fn build_orgs(&mut self, reg: &Register) {
        let today = chrono::Local::now().date_naive();
        let mut part = Part::default();
        for o in reg.iter() {
            if let Some(text) = org_text(reg, o.id) {
                let group = if o.alive_at(today) { 0 } else { 1 };
                let order = part.len() as u32;
                part.push(&mut self.vocab, &fold(&text), group, order, o.id as u64);
            }
        }
        part.seal();
        self.orgs = part;
    }

    /// The register changed: the organisations' part anew, and the whole
    /// vocabulary too once a fifth of it is tokens no record holds any more.
    pub(super) fn orgs_changed(&mut self, reg: &Register) {
        if self.vocab.len() <= self.vocab_built + self.vocab_built / 4 + 1024 {
            self.build_orgs(reg);
            return;
        }
        let vocab = std::mem::take(&mut self.vocab);
        let cases = std::mem::take(&mut self.cases);
        self.build_orgs(reg);
        for r in cases.live() {
            let folded = cases.folded(&vocab, r);
            let new = self.cases.push(&mut self.vocab, &folded, CASES, cases.order(r), cases.key(r));
            self.case_at.insert(cases.key(r), new);
        }
        self.seal_cases();
        self.vocab_built = self.vocab.len();
    }

    /// Bytes on the heap, roughly: the vocabulary, the parts, the cases' records.
    pub fn heap_bytes(&self) -> usize {
        self.vocab.heap_bytes() + self.orgs.heap_bytes() + self.cases.heap_bytes() + self.case_at.capacity() * (16 + 1)
    }

    pub fn put_case(&mut self, c: &Case, org_name: &str) {
        self.add_case(c, org_name);
        if self.cases.needs_seal() {
            self.seal_cases();
        }
    }

    /// Seals the cases' part (see `Part::seal`) and follows its new record ids.
    pub(super) fn seal_cases(&mut self) {
        if self.cases.seal() {
            for r in self.cases.live() {
                self.case_at.insert(self.cases.key(r), r);
            }
        }
    }

    /// A case's record, replacing its earlier one (which keeps its order).
    pub(super) fn add_case(&mut self, c: &Case, org_name: &str) {
        let folded = fold(&c.search_text(org_name));
        let order = match self.case_at.get(&c.id) {
            Some(&r) if self.cases.folded(&self.vocab, r) == folded => return,
            Some(&r) => {
                self.cases.kill(r);
                self.cases.order(r)
            }
            None => {
                self.next_order += 1;
                self.next_order - 1
            }
        };
        let r = self.cases.push(&mut self.vocab, &folded, CASES, order, c.id);
        self.case_at.insert(c.id, r);
    }
}

/// The cases' group in the ranking (after organisations, 0 and 1, on equal scores).
const CASES: u8 = 2;
