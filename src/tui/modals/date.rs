//! The as-of date popup (`t`): the tree is shown as it stood on that day.

use super::Msg;
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use crate::tui::widgets::date::parse_date;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::Frame;

#[derive(Debug)]
pub struct DateUi {
    input: TextInput,
    error: Option<String>,
}

impl DateUi {
    pub fn new(at: NaiveDate) -> DateUi {
        DateUi {
            input: TextInput::new(&i18n::date(at)),
            error: None,
        }
    }

    pub fn action(&mut self, a: Action, ctx: &Ctx) -> Msg {
        match a {
            Action::DateCancel => Msg::Close,
            Action::DateFollowYear => Msg::FollowYear,
            // An empty date: the tree follows the year again.
            Action::DateApply if self.input.text().trim().is_empty() => Msg::FollowYear,
            Action::DateApply => match parse_date(&self.input.text()) {
                Some(d) => Msg::SetDate(d),
                None => {
                    self.error = Some(ctx.t(T::BadDate).to_string());
                    Msg::Stay
                }
            },
            _ => Msg::Pass,
        }
    }

    pub fn typed(&mut self, key: &KeyEvent) {
        self.input.handle_key(key);
        self.error = None;
    }

    pub fn paste(&mut self, text: &str) {
        self.input.paste(text);
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let inner = crate::tui::screens::popup(f, area, 50, 6, ctx.t(T::DateTitle), th);
        let field = Rect::new(inner.x + 2, inner.y, 12.min(inner.width.saturating_sub(2)), 1);
        let pos = self
            .input
            .render(f.buffer_mut(), field, th.base().add_modifier(Modifier::UNDERLINED));
        if let Some(e) = &self.error {
            f.buffer_mut()
                .set_stringn(inner.x, inner.y + 2, format!("✗ {e}"), inner.width as usize, th.error());
        }
        f.buffer_mut().set_stringn(
            inner.x,
            inner.bottom() - 1,
            ctx.keymap.hint_line(Layer::Date, ctx.lang),
            inner.width as usize,
            th.dim(),
        );
        f.set_cursor_position(Position::new(pos.x, pos.y));
    }
}
