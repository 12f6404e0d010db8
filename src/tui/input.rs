//! A one-line text input that takes any character (Vietnamese, combining
//! marks), Backspace / Ctrl-H, Ctrl-U, Left/Right, Home/End and pastes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextInput {
    chars: Vec<char>,
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let chars: Vec<char> = text.chars().collect();
        let cursor = chars.len();
        TextInput { chars, cursor }
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
                self.insert(c);
                true
            }
            _ => false,
        }
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
}
