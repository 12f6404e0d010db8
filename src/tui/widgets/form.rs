//! A form: labelled fields, each a text input or a choice among options,
//! moved through with the form layer's keys (Tab/↓ next, ↑ previous, ←/→
//! or Space change a choice, Enter submits, Esc cancels). The screen that
//! owns it reads the values by key and builds its request; a refusal is set
//! as `error` (and `focus_on` puts the cursor on the field it names).

use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use crate::tui::widgets::text::fit;
use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(TextInput),
    /// Options shown (already in the clerk's language) and the one chosen.
    Choice(Vec<String>, usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name the owner reads it by (and the service names it by in a refusal).
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
}

impl Field {
    pub fn text(key: &'static str, label: &'static str, value: &str) -> Field {
        Field {
            key,
            label,
            value: Value::Text(TextInput::new(value)),
        }
    }

    pub fn choice(key: &'static str, label: &'static str, options: Vec<String>, chosen: usize) -> Field {
        Field {
            key,
            label,
            value: Value::Choice(options, chosen),
        }
    }
}

/// What an action on the form asks of its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Cancel,
    Submit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormUi {
    pub title: String,
    /// A line above the fields (what the form acts on).
    pub head: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

impl FormUi {
    pub fn new(title: impl Into<String>, head: impl Into<String>, fields: Vec<Field>) -> FormUi {
        FormUi {
            title: title.into(),
            head: head.into(),
            fields,
            focus: 0,
            error: None,
        }
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// A text field's value, cleaned (trimmed, NFC, no control characters).
    pub fn text(&self, key: &str) -> String {
        match self.field(key).map(|f| &f.value) {
            Some(Value::Text(t)) => crate::domain::text::clean(&t.text()),
            _ => String::new(),
        }
    }

    /// The option chosen in a choice field.
    pub fn chosen(&self, key: &str) -> usize {
        match self.field(key).map(|f| &f.value) {
            Some(Value::Choice(_, i)) => *i,
            _ => 0,
        }
    }

    /// Type into a text field or choose an option by key (tests, scripted entry).
    pub fn set(&mut self, key: &str, text: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            match &mut f.value {
                Value::Text(t) => t.set(text),
                Value::Choice(opts, i) => {
                    if let Some(p) = opts.iter().position(|o| o == text) {
                        *i = p;
                    }
                }
            }
        }
    }

    pub fn focused(&self) -> &'static str {
        self.fields.get(self.focus).map(|f| f.key).unwrap_or("")
    }

    /// Put the cursor on the field `key` (the one a refusal names), if the form has it.
    pub fn focus_on(&mut self, key: &str) -> Option<&'static str> {
        let i = self.fields.iter().position(|f| f.key == key)?;
        self.focus = i;
        Some(self.fields[i].label)
    }

    /// An action of the form layer; None: not the form's (the key is typed).
    pub fn action(&mut self, action: Action) -> Option<Outcome> {
        let n = self.fields.len().max(1);
        let choice = matches!(self.fields.get(self.focus).map(|f| &f.value), Some(Value::Choice(..)));
        match action {
            Action::FormCancel => return Some(Outcome::Cancel),
            Action::FormSubmit => return Some(Outcome::Submit),
            Action::FormNext | Action::FormDown => self.focus = (self.focus + 1) % n,
            Action::FormPrev | Action::FormUp => self.focus = (self.focus + n - 1) % n,
            Action::FormKindPrev | Action::FormKindNext if choice => {
                if let Some(Value::Choice(opts, i)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
                    let len = opts.len().max(1);
                    *i = if action == Action::FormKindNext {
                        (*i + 1) % len
                    } else {
                        (*i + len - 1) % len
                    };
                }
            }
            _ => return None,
        }
        Some(Outcome::Continue)
    }

    /// A key no action took: typed into the focused text field.
    pub fn typed(&mut self, key: &KeyEvent) {
        if let Some(Value::Text(t)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            t.handle_key(key);
        }
    }

    pub fn paste(&mut self, s: &str) {
        if let Some(Value::Text(t)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            t.paste(s);
        }
    }

    /// The keys line: the choice keys on a choice field, then the form's hints.
    fn keys_line(&self, ctx: &Ctx) -> String {
        let km = &ctx.keymap;
        let own = match self.fields.get(self.focus).map(|f| &f.value) {
            Some(Value::Choice(..)) => match (
                km.reaching(Layer::Form, Action::FormKindPrev),
                km.reaching(Layer::Form, Action::FormKindNext),
            ) {
                (Some(a), Some(b)) => format!("{a}/{b} {} · ", ctx.t(crate::tui::i18n::T::HintSelect)),
                _ => String::new(),
            },
            _ => String::new(),
        };
        format!("{own}{}", km.hint_line(Layer::Form, ctx.lang))
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let width = area.width.saturating_sub(2).min(84);
        let height = (self.fields.len() as u16 + 7).min(area.height);
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
            .title(format!(" {} ", fit(&self.title, width.saturating_sub(4) as usize)))
            .title_style(th.title());
        let inner = block.inner(rect);
        block.render(rect, f.buffer_mut());
        if inner.height < 3 || inner.width < 10 {
            return;
        }
        let buf = f.buffer_mut();
        let w = inner.width as usize;
        buf.set_stringn(inner.x, inner.y, fit(&self.head, w), w, th.base().add_modifier(Modifier::BOLD));
        let label_w = self.fields.iter().map(|f| f.label.width()).max().unwrap_or(0).min(w / 2) + 2;
        let keys_y = inner.bottom() - 1;
        // Two lines for a refusal above the keys, when there is room.
        let error_h = if self.error.is_some() { 2 } else { 0 };
        let fields_end = keys_y.saturating_sub(error_h);
        // Scroll the fields so the focused one shows on a short terminal.
        let room = fields_end.saturating_sub(inner.y + 1) as usize;
        let skip = self.focus.saturating_sub(room.saturating_sub(1));
        let mut cursor = None;
        for (row, (i, fld)) in self.fields.iter().enumerate().skip(skip).enumerate().take(room) {
            let y = inner.y + 1 + row as u16;
            let focused = i == self.focus;
            buf.set_stringn(inner.x, y, if focused { "›" } else { " " }, 1, th.key());
            buf.set_stringn(inner.x + 1, y, fit(fld.label, label_w - 2), label_w - 1, th.label());
            let field = Rect::new(inner.x + label_w as u16, y, inner.width.saturating_sub(label_w as u16), 1);
            let style = if focused {
                th.base().add_modifier(Modifier::UNDERLINED)
            } else {
                th.base()
            };
            match &fld.value {
                Value::Text(t) => {
                    buf.set_style(field, style);
                    let pos = t.render(buf, field, style);
                    if focused {
                        cursor = Some(pos);
                    }
                }
                Value::Choice(opts, c) => {
                    let text = format!("◂ {} ▸", opts.get(*c).map(|s| s.as_str()).unwrap_or(""));
                    buf.set_stringn(field.x, y, fit(&text, field.width as usize), field.width as usize, style);
                }
            }
        }
        if let Some(err) = &self.error {
            let area = Rect::new(inner.x, fields_end, inner.width, error_h.min(keys_y - fields_end));
            Paragraph::new(format!("✗ {err}"))
                .style(th.error())
                .wrap(Wrap { trim: true })
                .render(area, buf);
        }
        buf.set_stringn(inner.x, keys_y, fit(&self.keys_line(ctx), w), w, th.dim());
        if let Some(p) = cursor {
            f.set_cursor_position(Position::new(p.x, p.y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn fields_are_moved_through_typed_and_chosen() {
        let mut f = FormUi::new(
            "T",
            "H",
            vec![
                Field::text("title", "Title", ""),
                Field::choice("kind", "Kind", vec!["a".into(), "b".into(), "c".into()], 0),
            ],
        );
        f.typed(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(f.text("title"), "x");
        // A choice key on a text field is not the form's (typed instead).
        assert_eq!(f.action(Action::FormKindNext), None);
        assert_eq!(f.action(Action::FormNext), Some(Outcome::Continue));
        assert_eq!(f.focused(), "kind");
        f.action(Action::FormKindPrev);
        assert_eq!(f.chosen("kind"), 2);
        f.typed(&KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
        assert_eq!(f.text("title"), "x", "a choice takes no text");
        assert_eq!(f.focus_on("title"), Some("Title"));
        assert_eq!(f.focus_on("nope"), None);
        assert_eq!(f.action(Action::FormSubmit), Some(Outcome::Submit));
        f.set("kind", "b");
        assert_eq!(f.chosen("kind"), 1);
    }
}
