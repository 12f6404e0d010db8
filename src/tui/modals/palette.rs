//! The global search palette (Ctrl-F): every organisation of the tree,
//! matched without diacritics off the input path; Enter shows the one chosen
//! on the register screen.

use super::Msg;
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::screens::fit;
use crate::tui::search::{Corpus, Searcher};
use crate::tui::state::Ctx;
use crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::Frame;
use std::sync::Arc;

pub struct SearchUi {
    pub input: TextInput,
    pub corpus: Arc<Corpus>,
    pub selected: usize,
}

impl SearchUi {
    pub fn new(corpus: Arc<Corpus>, search: &mut Searcher) -> SearchUi {
        search.latest = None;
        SearchUi {
            input: TextInput::default(),
            corpus,
            selected: 0,
        }
    }

    pub fn action(&mut self, a: Action, search: &mut Searcher) -> Msg {
        let total = search.latest.as_ref().map(|r| r.hits.len()).unwrap_or(0);
        let last = total.saturating_sub(1);
        match a {
            Action::SearchClose => return Msg::Close,
            Action::SearchGo => {
                // Typed ahead: jump to the best match of what was typed, not of a
                // shorter query whose answer happens to be shown (a search takes
                // milliseconds; the wait is bounded).
                if search.pending() && search.wait(std::time::Duration::from_millis(500)) {
                    self.selected = 0;
                }
                let hit = search
                    .latest
                    .as_ref()
                    .and_then(|r| r.hits.get(self.selected))
                    .map(|h| self.corpus.ids[h.index as usize]);
                if let Some(id) = hit {
                    return Msg::FocusOrg(id);
                }
            }
            Action::SearchNext => self.selected = (self.selected + 1).min(last),
            Action::SearchPrev => self.selected = self.selected.saturating_sub(1),
            Action::SearchPageDown => self.selected = (self.selected + 10).min(last),
            Action::SearchPageUp => self.selected = self.selected.saturating_sub(10),
            _ => return Msg::Pass,
        }
        Msg::Stay
    }

    pub fn typed(&mut self, key: &KeyEvent, search: &mut Searcher) {
        let before = self.input.text();
        self.input.handle_key(key);
        let after = self.input.text();
        if before != after {
            self.selected = 0;
            search.submit(self.corpus.clone(), &after);
        }
    }

    pub fn paste(&mut self, text: &str, search: &mut Searcher) {
        self.input.paste(text);
        self.selected = 0;
        search.submit(self.corpus.clone(), &self.input.text());
    }

    /// The tree was reloaded: search the new one.
    pub fn reload(&mut self, corpus: Arc<Corpus>, search: &mut Searcher) {
        self.corpus = corpus;
        search.submit(self.corpus.clone(), &self.input.text());
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
        let latest = search.latest.as_ref().filter(|r| r.query == self.input.text());
        let status = match (&search.latest, search.pending()) {
            (_, true) => ctx.t(T::Searching).to_string(),
            (Some(r), false) => i18n::matches(ctx.lang, r.hits.len(), r.total),
            (None, false) => i18n::org_count(ctx.lang, self.corpus.len()),
        };
        buf.set_stringn(inner.x, inner.y + 1, fit(&status, w), w, th.dim());
        let list_top = inner.y + 2;
        let height = inner.bottom().saturating_sub(list_top + 1) as usize;
        if let Some(r) = search.latest.as_ref().or(latest) {
            let offset = self.selected.saturating_sub(height.saturating_sub(1));
            for (row, hit) in r.hits.iter().enumerate().skip(offset).take(height) {
                let y = list_top + (row - offset) as u16;
                let selected = row == self.selected;
                let base = if selected { th.selected() } else { th.base() };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let idx = hit.index as usize;
                let kind = ctx
                    .tree
                    .as_ref()
                    .and_then(|t| t.node(self.corpus.ids[idx]))
                    .map(|n| n.kind.tag())
                    .unwrap_or("");
                let sel = if selected { "›" } else { " " };
                let (mut x, _) = buf.set_stringn(inner.x, y, format!("{sel}{kind:<5}"), 6, base);
                let text = &self.corpus.text[idx];
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
