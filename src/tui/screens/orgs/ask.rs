//! The "ask" step of a backdated register change (issue 12 item 10): the
//! records dated after it that the service listed, and the clerk's choices.
//! Enter sends the change again with the choice; Esc writes nothing and goes
//! back to the form.

use crate::domain::conflicts::{Conflicts, Resolution};
use crate::service::api::Request;
use crate::tui::i18n::{self, T};
use crate::tui::keymap::{Action, Layer};
use crate::tui::screens::fit;
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::Frame;

pub struct Ask {
    pub conflicts: Conflicts,
    /// The change as the form sent it.
    request: Request,
    /// The choice under the cursor.
    pub choice: usize,
}

pub enum AskResult {
    Stay,
    /// Back to the form; nothing written.
    Cancel,
    /// The change again, with the clerk's answer.
    Send(Request),
}

impl Ask {
    pub fn new(conflicts: Conflicts, request: Request) -> Ask {
        Ask {
            conflicts,
            request,
            choice: 0,
        }
    }

    pub fn chosen(&self) -> Option<Resolution> {
        self.conflicts.choices.get(self.choice).copied()
    }

    /// An action of the Ask layer; None: not one of its keys.
    pub fn action(&mut self, a: Action) -> Option<AskResult> {
        let n = self.conflicts.choices.len().max(1);
        Some(match a {
            Action::AskCancel => AskResult::Cancel,
            Action::AskNext => {
                self.choice = (self.choice + 1) % n;
                AskResult::Stay
            }
            Action::AskPrev => {
                self.choice = (self.choice + n - 1) % n;
                AskResult::Stay
            }
            Action::AskChoose => match self.chosen() {
                Some(resolution) => AskResult::Send(Request::OrgResolved {
                    resolution,
                    change: Box::new(self.request.clone()),
                }),
                None => AskResult::Cancel,
            },
            _ => return None,
        })
    }

    /// The lines shown: the question, the records, the choices.
    pub fn lines(&self, ctx: &Ctx, width: usize) -> Vec<(String, bool)> {
        let lang = ctx.lang;
        let c = &self.conflicts;
        let change = lang.pick(&c.change_vi, &c.change_en);
        let mut out = vec![(format!("{change} — {}", ctx.t(T::AskLater)), false)];
        for r in &c.records {
            let line = format!(
                "{} {} {} {} {}",
                i18n::date(r.date),
                lang.pick(r.kind.label_vi(), r.kind.label_en()),
                r.code,
                r.value,
                r.by.as_deref().map(|b| format!("({b})")).unwrap_or_default()
            );
            out.push((fit(&line, width).to_string(), false));
        }
        out.push((String::new(), false));
        for (i, ch) in c.choices.iter().enumerate() {
            let mark = if i == self.choice { "›" } else { " " };
            let line = format!("{mark} {}. {}", i + 1, lang.pick(ch.label_vi(), ch.label_en()));
            out.push((fit(&line, width).to_string(), i == self.choice));
        }
        out
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let width = area.width.saturating_sub(2).min(90);
        let shown = self.conflicts.records.len().min(area.height.saturating_sub(8) as usize);
        let height = (shown + self.conflicts.choices.len() + 6) as u16;
        let inner = crate::tui::screens::popup(f, area, width, height, ctx.t(T::AskTitle), th);
        let w = inner.width as usize;
        let mut lines = self.lines(ctx, w);
        let hidden = self.conflicts.records.len() - shown;
        if hidden > 0 {
            // Records beyond the room there is: how many more (the CLI lists them all).
            lines.drain(1 + shown..1 + self.conflicts.records.len());
            lines.insert(1 + shown, (format!("… +{hidden}"), false));
        }
        let buf = f.buffer_mut();
        for (i, (text, selected)) in lines.iter().enumerate() {
            let y = inner.y + i as u16;
            if y + 1 >= inner.bottom() {
                break;
            }
            let style = if *selected { th.selected() } else { th.base() };
            buf.set_stringn(inner.x, y, fit(text, w), w, style);
        }
        buf.set_stringn(inner.x, inner.bottom() - 1, ctx.keymap.hint_line(Layer::Ask, ctx.lang), w, th.dim());
    }
}
