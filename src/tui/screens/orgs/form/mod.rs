//! Forms of the register: add a child, rename, move, merge, dissolve.
//! Checked here for shape (dates, numbers, required fields) and by the
//! service for the rules; a refusal keeps the form open with the reason.

use crate::domain::text::clean;
use crate::domain::OrgKind;
use crate::service::api::{OrgAdd, Request, Response, SearchTarget, WindowRow};
use crate::tui::i18n::{self, T};
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
pub use crate::tui::widgets::date::parse_date;
use crate::tui::widgets::input::TextInput;

mod kind;
mod view;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Add,
    Rename,
    Move,
    Merge,
    Dissolve,
    /// Move every child of the organisation under another one.
    MoveChildren,
    /// Change the organisation's kind from a date on.
    Kind,
    /// Found the root (the city committee) in an empty register.
    Root,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    Kind,
    Name,
    Code,
    Members,
    Date,
    Decision,
    NewParent,
    Into,
    /// The date of the founding decision (add, root).
    FoundingDate,
}

impl FieldId {
    fn label(self) -> T {
        match self {
            FieldId::Kind => T::FieldKind,
            FieldId::Name => T::FieldName,
            FieldId::Code => T::FieldCode,
            FieldId::Members => T::FieldMembers,
            FieldId::Date => T::FieldDate,
            FieldId::Decision => T::FieldDecision,
            FieldId::NewParent => T::FieldNewParent,
            FieldId::Into => T::FieldInto,
            FieldId::FoundingDate => T::FieldFoundingDate,
        }
    }
}

pub enum FormResult {
    Continue,
    Cancel,
    Submit(Request),
}

pub struct Form {
    pub kind: FormKind,
    /// The organisation acted on (the parent for Add).
    pub code: String,
    pub name: String,
    pub version: Option<u64>,
    kinds: Vec<OrgKind>,
    kind_idx: usize,
    fields: Vec<(FieldId, TextInput)>,
    focus: usize,
    pub error: Option<String>,
    /// For the target of a move or merge, typed as a code or part of a
    /// name: the organisations it may mean (code, name, kind), best first.
    candidates: Vec<(String, String, OrgKind)>,
    /// The candidate chosen with ↑/↓.
    pick: usize,
}

/// How many organisations the target field offers.
const CANDIDATES: usize = 5;

impl Form {
    fn new(kind: FormKind, node: &WindowRow, version: Option<u64>, fields: Vec<(FieldId, TextInput)>) -> Form {
        Form {
            kind,
            code: node.code.clone(),
            name: node.name.clone(),
            version,
            kinds: Vec::new(),
            kind_idx: 0,
            fields,
            focus: 0,
            error: None,
            candidates: Vec::new(),
            pick: 0,
        }
    }

    pub fn add(parent: &WindowRow, today: NaiveDate) -> Option<Form> {
        let kinds: Vec<OrgKind> = OrgKind::ALL.into_iter().filter(|k| parent.kind.allows_child(*k)).collect();
        if kinds.is_empty() {
            return None;
        }
        let fields = vec![
            (FieldId::Kind, TextInput::default()),
            (FieldId::Name, TextInput::default()),
            (FieldId::Code, TextInput::default()),
            (FieldId::Members, TextInput::new("0")),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
            (FieldId::FoundingDate, TextInput::default()),
        ];
        let mut f = Form::new(FormKind::Add, parent, None, fields);
        // Cells are the most common addition.
        f.kind_idx = kinds.iter().position(|k| k.is_cell()).unwrap_or(0);
        f.kinds = kinds;
        f.focus = 1;
        Some(f)
    }

    pub fn rename(node: &WindowRow, version: Option<u64>, today: NaiveDate) -> Form {
        let fields = vec![
            (FieldId::Name, TextInput::new(&node.name)),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
        ];
        Form::new(FormKind::Rename, node, version, fields)
    }

    pub fn relocate(kind: FormKind, node: &WindowRow, version: Option<u64>, today: NaiveDate) -> Form {
        let target = if matches!(kind, FormKind::Move | FormKind::MoveChildren) {
            FieldId::NewParent
        } else {
            FieldId::Into
        };
        let fields = vec![
            (target, TextInput::default()),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
        ];
        Form::new(kind, node, version, fields)
    }

    pub fn dissolve(node: &WindowRow, version: Option<u64>, today: NaiveDate) -> Form {
        let fields = vec![
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
        ];
        Form::new(FormKind::Dissolve, node, version, fields)
    }

    pub fn title(&self) -> T {
        match self.kind {
            FormKind::Add => T::FormAdd,
            FormKind::Rename => T::FormRename,
            FormKind::Move => T::FormMove,
            FormKind::Merge => T::FormMerge,
            FormKind::Dissolve => T::FormDissolve,
            FormKind::MoveChildren => T::FormMoveChildren,
            FormKind::Kind => T::FormKindChange,
            FormKind::Root => T::FormRoot,
        }
    }

    fn value(&self, id: FieldId) -> String {
        self.fields
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, i)| clean(&i.text()))
            .unwrap_or_default()
    }

    /// Type into a field by id (tests and scripted entry).
    pub fn set(&mut self, id: FieldId, text: &str) {
        if let Some((_, i)) = self.fields.iter_mut().find(|(f, _)| *f == id) {
            i.set(text);
        }
    }

    pub fn focused(&self) -> FieldId {
        self.fields[self.focus].0
    }

    pub fn selected_kind(&self) -> Option<OrgKind> {
        self.kinds.get(self.kind_idx).copied()
    }

    pub fn paste(&mut self, s: &str, ctx: &mut Ctx) {
        if self.focused() != FieldId::Kind {
            self.fields[self.focus].1.paste(s);
            if self.on_target() {
                self.find_candidates(ctx);
            }
        }
    }

    /// An action of the form's layer; None: not taken here (the key is typed).
    pub fn action(&mut self, action: Action, ctx: &Ctx) -> Option<FormResult> {
        let n = self.fields.len();
        let on_kind = self.focused() == FieldId::Kind;
        match action {
            Action::FormCancel => return Some(FormResult::Cancel),
            Action::FormSubmit => {
                return Some(match self.build(ctx) {
                    Ok(req) => FormResult::Submit(req),
                    Err(e) => {
                        self.error = Some(e);
                        FormResult::Continue
                    }
                })
            }
            Action::FormDown if self.on_target() && self.pick + 1 < self.candidates.len() => self.pick += 1,
            Action::FormUp if self.on_target() && self.pick > 0 => self.pick -= 1,
            Action::FormNext | Action::FormDown => self.focus = (self.focus + 1) % n,
            Action::FormPrev | Action::FormUp => self.focus = (self.focus + n - 1) % n,
            Action::FormKindPrev if on_kind => self.kind_idx = (self.kind_idx + self.kinds.len() - 1) % self.kinds.len(),
            Action::FormKindNext if on_kind => self.kind_idx = (self.kind_idx + 1) % self.kinds.len(),
            _ => return None,
        }
        Some(FormResult::Continue)
    }

    /// A key no action took: typed into the focused field (the Kind field takes none).
    pub fn typed(&mut self, key: &KeyEvent, ctx: &mut Ctx) {
        if self.focused() == FieldId::Kind {
            return;
        }
        if self.fields[self.focus].1.handle_key(key) && self.on_target() {
            self.find_candidates(ctx);
        }
    }

    fn on_target(&self) -> bool {
        matches!(self.focused(), FieldId::NewParent | FieldId::Into)
    }

    /// The organisations the target field may mean: the one with that code,
    /// or the service's best matches of the typed text (every word, without
    /// diacritics: "co quan dang") among the organisations existing today.
    /// The organisation acted on is left out.
    fn find_candidates(&mut self, ctx: &mut Ctx) {
        self.pick = 0;
        self.candidates.clear();
        let text = self.fields[self.focus].1.text();
        if text.trim().is_empty() {
            return;
        }
        let Ok(Response::Search(found)) = ctx.backend.call(Request::Search {
            query: text.trim().to_string(),
            limit: Some(CANDIDATES * 4),
        }) else {
            return;
        };
        let wanted = text.trim().to_uppercase();
        let orgs: Vec<(String, String, OrgKind)> = found
            .hits
            .into_iter()
            .filter_map(|h| match h.target {
                SearchTarget::Org {
                    code,
                    alive: true,
                    org_kind: Some(kind),
                    ..
                } => {
                    // "name CODE (former names)": the name before the code.
                    let name = h.text.find(&format!(" {code}")).map_or(h.text.as_str(), |i| &h.text[..i]);
                    Some((code.clone(), name.to_string(), kind))
                }
                _ => None,
            })
            .collect();
        if let Some(exact) = orgs.iter().find(|(code, _, _)| *code == wanted) {
            self.candidates.push(exact.clone());
            return;
        }
        self.candidates
            .extend(orgs.into_iter().filter(|(code, _, _)| *code != self.code).take(CANDIDATES));
    }

    /// The code the target field stands for: the code typed, or the candidate chosen.
    fn target(&self, id: FieldId, ctx: &Ctx) -> Result<String, String> {
        let typed = self.value(id);
        if typed.is_empty() {
            return Err(self.field_error(ctx, id, T::Required));
        }
        match self.candidates.get(self.pick) {
            Some((code, _, _)) if *code == typed.to_uppercase() => Ok(typed),
            Some((code, _, _)) => Ok(code.clone()),
            None => Err(format!("{}: '{typed}': {}", ctx.t(id.label()), ctx.t(T::TargetNoMatch))),
        }
    }

    fn field_error(&self, ctx: &Ctx, id: FieldId, why: T) -> String {
        format!("{}: {}", ctx.t(id.label()), ctx.t(why))
    }

    fn build(&self, ctx: &Ctx) -> Result<Request, String> {
        let date_text = self.value(FieldId::Date);
        let at = parse_date(&date_text).ok_or_else(|| self.field_error(ctx, FieldId::Date, T::BadDate))?;
        let decision = Some(self.value(FieldId::Decision)).filter(|s| !s.is_empty());
        let base_version = self.version;
        let code = self.code.clone();
        Ok(match self.kind {
            FormKind::Add | FormKind::Root => {
                let name = self.value(FieldId::Name);
                if name.is_empty() {
                    return Err(self.field_error(ctx, FieldId::Name, T::Required));
                }
                let members = self.value(FieldId::Members);
                let members = if members.is_empty() {
                    0
                } else {
                    members
                        .parse::<u32>()
                        .map_err(|_| self.field_error(ctx, FieldId::Members, T::BadNumber))?
                };
                let new_code = Some(self.value(FieldId::Code)).filter(|s| !s.is_empty());
                // The decision's own date; the effective date when only the reference is typed.
                let founded = self.value(FieldId::FoundingDate);
                let founding_date = if founded.is_empty() {
                    decision.as_ref().map(|_| at)
                } else {
                    Some(parse_date(&founded).ok_or_else(|| self.field_error(ctx, FieldId::FoundingDate, T::BadDate))?)
                };
                let (parent, kind) = if self.kind == FormKind::Root {
                    ("-".to_string(), OrgKind::City)
                } else {
                    (code, self.selected_kind().expect("add form has kinds"))
                };
                Request::OrgAdd(OrgAdd {
                    parent,
                    kind,
                    name,
                    code: new_code,
                    members,
                    at,
                    founding_date,
                    founding_ref: decision,
                })
            }
            FormKind::Rename => {
                let name = self.value(FieldId::Name);
                if name.is_empty() {
                    return Err(self.field_error(ctx, FieldId::Name, T::Required));
                }
                Request::OrgRename {
                    code,
                    name,
                    at,
                    decision,
                    base_version,
                }
            }
            FormKind::Move => {
                let parent = self.target(FieldId::NewParent, ctx)?;
                Request::OrgMove {
                    code,
                    parent,
                    at,
                    decision,
                    base_version,
                }
            }
            FormKind::Merge => {
                let into = self.target(FieldId::Into, ctx)?;
                Request::OrgMerge {
                    code,
                    into,
                    at,
                    decision,
                    base_version,
                    later_counts_include: false,
                }
            }
            FormKind::Dissolve => Request::OrgDissolve {
                code,
                at,
                decision,
                base_version,
            },
            FormKind::MoveChildren => Request::OrgMoveChildren {
                parent: self.target(FieldId::NewParent, ctx)?,
                code,
                at,
                decision,
                base_version,
            },
            FormKind::Kind => Request::OrgSetKind {
                code,
                kind: self.selected_kind().expect("kind form has kinds"),
                at,
                decision,
                base_version,
            },
        })
    }
}
