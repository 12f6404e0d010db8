//! The global search palette (Ctrl-F): asks the service's Search
//! (organisations, former ones with their years, and cases; every word,
//! without diacritics) and highlights the words matched. Enter on a case
//! opens it on the case screen; on an organisation it shows the row on the
//! screen the search was opened from when that screen lists it (the grid),
//! else on the register (a former one in the tree of a day it existed).

use super::Msg;
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::screens::fit;
use crate::tui::search::{Hit, Searcher, PAGE, TOP};
use crate::tui::state::Ctx;
use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::Frame;

pub struct SearchUi {
    pub input: TextInput,
    pub selected: usize,
}

impl SearchUi {
    pub fn new(search: &mut Searcher) -> SearchUi {
        search.latest = None;
        SearchUi {
            input: TextInput::default(),
            selected: 0,
        }
    }

    pub fn action(&mut self, a: Action, search: &mut Searcher, ctx: &mut Ctx) -> Msg {
        match a {
            Action::SearchClose => return Msg::Close,
            Action::SearchGo => {
                let hit = search.latest.as_ref().and_then(|r| r.hits.get(self.selected));
                match hit {
                    Some(Hit { case: Some(id), .. }) => return Msg::FocusCase(*id),
                    Some(Hit {
                        org, existed: Some(day), ..
                    }) => return Msg::FocusFormer(*org, *day),
                    Some(h) => return Msg::FocusOrg(h.org),
                    None => {}
                }
            }
            Action::SearchNext => {
                self.load_to(self.selected + 1, search, ctx);
                self.selected = (self.selected + 1).min(Self::last(search));
            }
            Action::SearchPrev => self.selected = self.selected.saturating_sub(1),
            Action::SearchPageDown => {
                self.load_to(self.selected + 10, search, ctx);
                self.selected = (self.selected + 10).min(Self::last(search));
            }
            Action::SearchPageUp => self.selected = self.selected.saturating_sub(10),
            _ => return Msg::Pass,
        }
        Msg::Stay
    }

    fn last(search: &Searcher) -> usize {
        search.latest.as_ref().map_or(0, |r| r.hits.len()).saturating_sub(1)
    }

    /// Before the selection moves to `row`: when it comes near the end of
    /// the hits loaded and more matched, ask for the next page (up to `TOP`).
    fn load_to(&self, row: usize, search: &mut Searcher, ctx: &mut Ctx) {
        let Some(r) = search.latest.as_ref() else { return };
        let loaded = r.hits.len();
        if row + PAGE / 2 >= loaded && loaded < r.total.min(TOP) {
            let want = (loaded + PAGE).max(row + PAGE / 2);
            search.ask(ctx, &self.input.text(), want);
        }
    }

    /// A key no action took: typed into the query, asked of the service when it changed.
    pub fn typed(&mut self, key: &KeyEvent, search: &mut Searcher, ctx: &mut Ctx) {
        let before = self.input.text();
        self.input.handle_key(key);
        let after = self.input.text();
        if before != after {
            self.selected = 0;
            search.ask(ctx, &after, PAGE);
        }
    }

    pub fn paste(&mut self, text: &str, search: &mut Searcher, ctx: &mut Ctx) {
        self.input.paste(text);
        self.selected = 0;
        search.ask(ctx, &self.input.text(), PAGE);
    }

    /// The data changed: ask again for as many as were loaded (the
    /// selection stays where it was).
    pub fn reload(&mut self, search: &mut Searcher, ctx: &mut Ctx) {
        if !self.input.is_empty() {
            let loaded = search.latest.as_ref().map_or(0, |r| r.hits.len());
            search.ask(ctx, &self.input.text(), loaded.max(PAGE));
            let n = search.latest.as_ref().map_or(0, |r| r.hits.len());
            self.selected = self.selected.min(n.saturating_sub(1));
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx, search: &Searcher) {
        let th = &ctx.theme;
        let inner = crate::tui::screens::popup(f, area, 100, area.height, ctx.t(T::SearchTitle), th);
        if inner.height < 4 {
            return;
        }
        let w = inner.width as usize;
        let buf = f.buffer_mut();
        buf.set_stringn(inner.x, inner.y, "› ", 2, th.key());
        let field = Rect::new(inner.x + 2, inner.y, inner.width.saturating_sub(2), 1);
        let pos = self.input.render(buf, field, th.base());
        let status = match &search.latest {
            // As many as scrolling reaches (pages load on the way), of all.
            Some(r) => i18n::matches(ctx.lang, r.total.min(TOP), r.total),
            None => ctx.t(T::SearchPrompt).to_string(),
        };
        buf.set_stringn(inner.x, inner.y + 1, fit(&status, w), w, th.dim());
        let list_top = inner.y + 2;
        let height = inner.bottom().saturating_sub(list_top + 1) as usize;
        if let Some(r) = search.latest.as_ref() {
            let offset = self.selected.saturating_sub(height.saturating_sub(1));
            let tw = tag_width(r.hits.iter().skip(offset).take(height).map(|h| h.tag.as_deref()));
            for (row, hit) in r.hits.iter().enumerate().skip(offset).take(height) {
                let y = list_top + (row - offset) as u16;
                let selected = row == self.selected;
                let base = if selected { th.selected() } else { th.base() };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                // A case's number, or the organisation's kind as the service said it.
                let kind = hit.tag.as_deref().unwrap_or("");
                let sel = if selected { "›" } else { " " };
                let (mut x, _) = buf.set_stringn(inner.x, y, format!("{sel}{kind:<tw$} "), tw + 2, base);
                let text = &hit.text;
                let mut pos = hit.positions.iter().peekable();
                for (ci, c) in text.chars().enumerate() {
                    let hl = pos.peek() == Some(&&ci);
                    if hl {
                        pos.next();
                    }
                    let style = if hl { base.patch(th.highlight()) } else { base };
                    let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
                    if x + cw > inner.right() {
                        break;
                    }
                    let (nx, _) = buf.set_stringn(x, y, c.to_string(), cw.max(1) as usize, style);
                    x = nx;
                }
            }
        }
        let keys = ctx.keymap.hint_line(Layer::Search, ctx.lang);
        buf.set_stringn(inner.x, inner.bottom() - 1, fit(&keys, w), w, th.dim());
        f.set_cursor_position(Position::new(pos.x, pos.y));
    }
}

/// The width of the tag column of the hits shown: the widest tag (a case's
/// number grows with the register: "#10981"), at least 5; a space follows.
fn tag_width<'a>(tags: impl Iterator<Item = Option<&'a str>>) -> usize {
    use unicode_width::UnicodeWidthStr;
    tags.map(|t| t.map_or(0, |t| t.width())).max().unwrap_or(0).max(5)
}

#[cfg(test)]
mod tests {
    use super::tag_width;

    #[test]
    fn the_tag_column_fits_the_widest_tag_shown() {
        assert_eq!(tag_width([Some("CBCS"), Some("#12"), None].into_iter()), 5);
        assert_eq!(tag_width([Some("TT"), Some("#10981")].into_iter()), 6);
        assert_eq!(tag_width([Some("#1234567")].into_iter()), 8);
        assert_eq!(tag_width(std::iter::empty()), 5);
    }
}
