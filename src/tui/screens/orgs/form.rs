//! Forms of the register: add a child, rename, move, merge, dissolve.
//! Checked here for shape (dates, numbers, required fields) and by the
//! service for the rules; a refusal keeps the form open with the reason.

use crate::domain::text::clean;
use crate::domain::OrgKind;
use crate::service::api::{NodeView, OrgAdd, Request};
use crate::tui::i18n::{self, T};
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
pub use crate::tui::widgets::date::parse_date;
use crate::tui::widgets::input::TextInput;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Add,
    Rename,
    Move,
    Merge,
    Dissolve,
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
    fn new(kind: FormKind, node: &NodeView, version: Option<u64>, fields: Vec<(FieldId, TextInput)>) -> Form {
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

    pub fn add(parent: &NodeView, today: NaiveDate) -> Option<Form> {
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
        ];
        let mut f = Form::new(FormKind::Add, parent, None, fields);
        // Cells are the most common addition.
        f.kind_idx = kinds.iter().position(|k| k.is_cell()).unwrap_or(0);
        f.kinds = kinds;
        f.focus = 1;
        Some(f)
    }

    pub fn rename(node: &NodeView, version: Option<u64>, today: NaiveDate) -> Form {
        let fields = vec![
            (FieldId::Name, TextInput::new(&node.name)),
            (FieldId::Date, TextInput::new(&i18n::date(today))),
            (FieldId::Decision, TextInput::default()),
        ];
        Form::new(FormKind::Rename, node, version, fields)
    }

    pub fn relocate(kind: FormKind, node: &NodeView, version: Option<u64>, today: NaiveDate) -> Form {
        let target = if kind == FormKind::Move {
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

    pub fn dissolve(node: &NodeView, version: Option<u64>, today: NaiveDate) -> Form {
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

    pub fn paste(&mut self, s: &str, ctx: &Ctx) {
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
    pub fn typed(&mut self, key: &KeyEvent, ctx: &Ctx) {
        if self.focused() == FieldId::Kind {
            return;
        }
        if self.fields[self.focus].1.handle_key(key) && self.on_target() {
            self.find_candidates(ctx);
        }
    }

    /// The keys line at the bottom of the form, from the keymap: the field's
    /// own keys (choose a kind or a target), then the form's.
    fn keys_line(&self, ctx: &Ctx) -> String {
        let km = &ctx.keymap;
        let pair = |a: Action, b: Action| match (km.reaching(Layer::Form, a), km.reaching(Layer::Form, b)) {
            (Some(x), Some(y)) => format!("{x}/{y} "),
            _ => String::new(),
        };
        let own = if self.on_target() {
            format!("{}{} · ", pair(Action::FormUp, Action::FormDown), ctx.t(T::HintChooseOrg))
        } else if self.focused() == FieldId::Kind {
            format!("{}{} · ", pair(Action::FormKindPrev, Action::FormKindNext), ctx.t(T::HintKind))
        } else {
            String::new()
        };
        format!("{own}{}", km.hint_line(Layer::Form, ctx.lang))
    }

    fn on_target(&self) -> bool {
        matches!(self.focused(), FieldId::NewParent | FieldId::Into)
    }

    /// The organisations the target field may mean: the one with that code,
    /// or the best matches of the typed text (folded: "co quan dang") among
    /// names and codes. The organisation acted on is left out.
    fn find_candidates(&mut self, ctx: &Ctx) {
        self.pick = 0;
        self.candidates.clear();
        let text = self.fields[self.focus].1.text();
        let (Some(tree), false) = (ctx.tree.as_ref(), text.trim().is_empty()) else {
            return;
        };
        if let Some(n) = tree.by_code(&text) {
            self.candidates.push((n.code.clone(), n.name.clone(), n.kind));
            return;
        }
        let m = crate::tui::search::matcher();
        let query = crate::domain::text::fold(text.trim());
        let hits = crate::tui::search::match_all(&m, &tree.corpus, &query, None, || false).unwrap_or_default();
        for (i, _) in hits {
            let Some(n) = tree.node(tree.corpus.ids[i as usize]) else {
                continue;
            };
            if n.code != self.code {
                self.candidates.push((n.code.clone(), n.name.clone(), n.kind));
            }
            if self.candidates.len() == CANDIDATES {
                break;
            }
        }
    }

    /// The code the target field stands for: the code typed, or the candidate chosen.
    fn target(&self, id: FieldId, ctx: &Ctx) -> Result<String, String> {
        let typed = self.value(id);
        if typed.is_empty() {
            return Err(self.field_error(ctx, id, T::Required));
        }
        if ctx.tree.as_ref().is_none_or(|t| t.by_code(&typed).is_some()) {
            return Ok(typed);
        }
        match self.candidates.get(self.pick) {
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
            FormKind::Add => {
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
                Request::OrgAdd(OrgAdd {
                    parent: code,
                    kind: self.selected_kind().expect("add form has kinds"),
                    name,
                    code: new_code,
                    members,
                    at,
                    founding_date: decision.as_ref().map(|_| at),
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
        })
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let width = area.width.saturating_sub(2).min(76);
        // Room for the target's candidates, fixed so the form does not jump while typing.
        let has_target = self.fields.iter().any(|(id, _)| matches!(id, FieldId::NewParent | FieldId::Into));
        let lines = self.fields.len() as u16 + 6 + if has_target { CANDIDATES as u16 + 1 } else { 0 };
        let height = (lines + 2).min(area.height);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + area.height.saturating_sub(height) / 2,
            width,
            height,
        );
        Clear.render(rect, f.buffer_mut());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border())
            .title(format!(" {} ", ctx.t(self.title())))
            .title_style(th.title());
        let inner = block.inner(rect);
        block.render(rect, f.buffer_mut());
        let buf = f.buffer_mut();
        let w = inner.width as usize;
        let mut y = inner.y;
        let head = match self.kind {
            FormKind::Add => format!("{}: {} {}", ctx.t(T::FieldParent), self.code, self.name),
            FormKind::Dissolve => i18n::dissolve_confirm(ctx.lang, &self.code, &self.name),
            _ => format!("{} {}", self.code, self.name),
        };
        buf.set_stringn(
            inner.x,
            y,
            crate::tui::screens::fit(&head, w),
            w,
            th.base().add_modifier(Modifier::BOLD),
        );
        y += 2;
        let label_w = self
            .fields
            .iter()
            .map(|(id, _)| ctx.t(id.label()).width())
            .max()
            .unwrap_or(0)
            .min(w / 2)
            + 2;
        let mut cursor = None;
        for (i, (id, input)) in self.fields.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            buf.set_stringn(inner.x, y, marker, 1, th.key());
            buf.set_stringn(
                inner.x + 1,
                y,
                crate::tui::screens::fit(ctx.t(id.label()), label_w - 2),
                label_w - 1,
                th.label(),
            );
            let field = Rect::new(inner.x + label_w as u16, y, inner.width.saturating_sub(label_w as u16), 1);
            let style = if focused {
                th.base().add_modifier(Modifier::UNDERLINED)
            } else {
                th.base()
            };
            if *id == FieldId::Kind {
                let k = self
                    .selected_kind()
                    .map(|k| format!("◂ {} ({}) ▸", i18n::kind_name(ctx.lang, k), k.tag()))
                    .unwrap_or_default();
                buf.set_stringn(
                    field.x,
                    y,
                    crate::tui::screens::fit(&k, field.width as usize),
                    field.width as usize,
                    style,
                );
            } else {
                buf.set_style(field, style);
                let pos = input.render(buf, field, style);
                if focused {
                    cursor = Some(pos);
                }
            }
            y += 1;
        }
        // What the target field stands for: the organisations it may mean,
        // the one Enter takes marked (↑/↓ choose).
        let typed = self
            .fields
            .iter()
            .find(|(id, _)| matches!(id, FieldId::NewParent | FieldId::Into))
            .map(|(_, i)| i.text())
            .filter(|t| !t.trim().is_empty());
        if typed.is_some() {
            y += 1;
            let x = inner.x + label_w as u16;
            let room = w.saturating_sub(label_w);
            if self.candidates.is_empty() && y < inner.bottom() {
                let text = format!("✗ {}", ctx.t(T::TargetNoMatch));
                buf.set_stringn(x, y, crate::tui::screens::fit(&text, room), room, th.error());
            }
            for (i, (code, name, kind)) in self.candidates.iter().enumerate() {
                if y >= inner.bottom().saturating_sub(3) {
                    break;
                }
                let (mark, style) = if i == self.pick { ("→", th.ok()) } else { (" ", th.dim()) };
                let text = format!("{mark} {code}  {name} ({})", kind.tag());
                buf.set_stringn(x, y, crate::tui::screens::fit(&text, room), room, style);
                y += 1;
            }
        }
        if let Some(err) = &self.error {
            let ey = inner.bottom().saturating_sub(3);
            let area = Rect::new(inner.x, ey, inner.width, 2.min(inner.height));
            ratatui::widgets::Paragraph::new(format!("✗ {err}"))
                .style(th.error())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(area, buf);
        }
        let keys = self.keys_line(ctx);
        buf.set_stringn(
            inner.x,
            inner.bottom().saturating_sub(1),
            crate::tui::screens::fit(&keys, w),
            w,
            th.dim(),
        );
        if let Some(p) = cursor {
            f.set_cursor_position(Position::new(p.x, p.y));
        }
    }
}
