//! A one-line text input that takes any character (Vietnamese, combining
//! marks), Backspace / Ctrl-H, Ctrl-U, Left/Right, Home/End and pastes.
//! A field can be "selected" (spreadsheet style): the first character typed
//! or pasted then replaces its value, while Backspace or a cursor key edits it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextInput {
    chars: Vec<char>,
    cursor: usize,
    /// The whole value is selected: the next character replaces it.
    selected: bool,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let chars: Vec<char> = text.chars().collect();
        let cursor = chars.len();
        TextInput {
            chars,
            cursor,
            selected: false,
        }
    }

    /// A field holding `text`, selected: the first character typed replaces it.
    pub fn selected(text: &str) -> TextInput {
        let mut t = TextInput::new(text);
        t.selected = true;
        t
    }

    /// Select the whole value (the next character typed replaces it).
    pub fn select_all(&mut self) {
        self.selected = !self.chars.is_empty();
        self.cursor = self.chars.len();
    }

    /// Whether the next character typed replaces the value.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }

    /// Handle an editing key; returns whether the text or cursor changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let was_selected = std::mem::take(&mut self.selected);
        match key.code {
            KeyCode::Backspace => self.backspace(),
            KeyCode::Char('h') if ctrl => self.backspace(),
            KeyCode::Char('u') if ctrl => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
                true
            }
            KeyCode::Char('k') if ctrl => {
                self.chars.truncate(self.cursor);
                true
            }
            KeyCode::Char('w') if ctrl => {
                let mut i = self.cursor;
                while i > 0 && self.chars[i - 1] == ' ' {
                    i -= 1;
                }
                while i > 0 && self.chars[i - 1] != ' ' {
                    i -= 1;
                }
                self.chars.drain(i..self.cursor);
                self.cursor = i;
                true
            }
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(self.chars.len()),
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
                true
            }
            KeyCode::Delete => false,
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to((self.cursor + 1).min(self.chars.len())),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.chars.len()),
            // Never insert while Ctrl or Alt is held.
            KeyCode::Char(c) if !ctrl && !alt => {
                if was_selected {
                    self.clear();
                }
                self.insert(c);
                true
            }
            _ => {
                self.selected = was_selected;
                false
            }
        }
    }

    fn clear(&mut self) {
        self.chars.clear();
        self.cursor = 0;
    }

    fn move_to(&mut self, i: usize) -> bool {
        let changed = i != self.cursor;
        self.cursor = i;
        changed
    }

    fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        self.chars.remove(self.cursor);
        true
    }

    fn insert(&mut self, c: char) {
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    /// Insert pasted text at the cursor (line breaks and tabs become spaces).
    pub fn paste(&mut self, s: &str) {
        if std::mem::take(&mut self.selected) {
            self.clear();
        }
        for c in s.chars() {
            let c = if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c };
            if c.is_control() {
                continue;
            }
            self.insert(c);
        }
    }

    /// Draw into one row; returns the cursor position on screen.
    pub fn render(&self, buf: &mut Buffer, area: Rect, style: Style) -> Position {
        if area.width == 0 || area.height == 0 {
            return Position::new(area.x, area.y);
        }
        let width = area.width as usize;
        let before: String = self.chars[..self.cursor].iter().collect();
        let mut start = 0;
        // Scroll so that the cursor stays inside the area.
        while start < self.cursor && before_width(&self.chars[start..self.cursor]) >= width {
            start += 1;
        }
        let visible: String = self.chars[start..].iter().collect();
        buf.set_stringn(area.x, area.y, &visible, width, style);
        let cx = if start == 0 {
            before.width()
        } else {
            before_width(&self.chars[start..self.cursor])
        };
        Position::new(area.x + cx.min(width.saturating_sub(1)) as u16, area.y)
    }
}

fn before_width(chars: &[char]) -> usize {
    chars.iter().collect::<String>().width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn edits_vietnamese() {
        let mut t = TextInput::default();
        for c in "Chi bộ 5".chars() {
            t.handle_key(&key(KeyCode::Char(c), KeyModifiers::NONE));
        }
        // A combining mark typed on its own is kept.
        t.handle_key(&key(KeyCode::Char('\u{301}'), KeyModifiers::NONE));
        assert_eq!(t.text(), "Chi bộ 5\u{301}");
        t.handle_key(&key(KeyCode::Char('h'), KeyModifiers::CONTROL));
        t.handle_key(&key(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(t.text(), "Chi bộ ");
        t.handle_key(&key(KeyCode::Char('x'), KeyModifiers::CONTROL));
        t.handle_key(&key(KeyCode::Char('x'), KeyModifiers::ALT));
        assert_eq!(t.text(), "Chi bộ ");
        t.handle_key(&key(KeyCode::Home, KeyModifiers::NONE));
        t.paste("Đảng\nủy ");
        assert_eq!(t.text(), "Đảng ủy Chi bộ ");
        t.handle_key(&key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(t.text(), "Chi bộ ");
        t.handle_key(&key(KeyCode::End, KeyModifiers::NONE));
        t.handle_key(&key(KeyCode::Left, KeyModifiers::NONE));
        t.handle_key(&key(KeyCode::Char('1'), KeyModifiers::NONE));
        assert_eq!(t.text(), "Chi bộ1 ");
    }

    #[test]
    fn a_selected_value_is_replaced_by_the_first_key_and_edited_by_backspace() {
        let mut t = TextInput::selected("63.2");
        for c in "150".chars() {
            t.handle_key(&key(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(t.text(), "150");
        let mut t = TextInput::selected("63.2");
        t.handle_key(&key(KeyCode::Backspace, KeyModifiers::NONE));
        t.handle_key(&key(KeyCode::Char('5'), KeyModifiers::NONE));
        assert_eq!(t.text(), "63.5");
        let mut t = TextInput::selected("12");
        t.handle_key(&key(KeyCode::Left, KeyModifiers::NONE));
        t.handle_key(&key(KeyCode::Char('3'), KeyModifiers::NONE));
        assert_eq!(t.text(), "132");
        let mut t = TextInput::selected("12");
        t.paste("7");
        assert_eq!(t.text(), "7");
        // A key that does nothing keeps the selection.
        let mut t = TextInput::selected("12");
        t.handle_key(&key(KeyCode::F(5), KeyModifiers::NONE));
        assert!(t.is_selected());
        t.handle_key(&key(KeyCode::Char('9'), KeyModifiers::NONE));
        assert_eq!(t.text(), "9");
    }
}
