//! The offer on an empty store: load the demo data or start empty.

use super::Msg;
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui::Frame;

pub fn action(a: Action) -> Msg {
    match a {
        Action::WelcomeDemo => Msg::LoadDemo,
        Action::WelcomeEmpty => Msg::Close,
        Action::WelcomeQuit => Msg::Quit,
        _ => Msg::Pass,
    }
}

pub fn render(f: &mut Frame, area: Rect, ctx: &Ctx) {
    let th = &ctx.theme;
    let inner = crate::tui::screens::popup(f, area, 60, 8, ctx.t(T::EmptyTitle), th);
    let key = |a: Action| ctx.keymap.reaching(Layer::Welcome, a).map(|k| k.to_string()).unwrap_or_default();
    let lines = vec![
        Line::from(ctx.t(T::EmptyBody)),
        Line::from(""),
        Line::from(vec![
            Span::styled(key(Action::WelcomeDemo), th.key()),
            Span::raw(format!("  {}", ctx.t(T::EmptyDemo))),
        ]),
        Line::from(vec![
            Span::styled(key(Action::WelcomeEmpty), th.key()),
            Span::raw(format!("  {}", ctx.t(T::EmptyStart))),
        ]),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, f.buffer_mut());
}

/// "Loading the demo data…" while it loads.
pub fn render_loading(f: &mut Frame, area: Rect, ctx: &Ctx) {
    let inner = crate::tui::screens::popup(f, area, 50, 3, ctx.t(T::AppName), &ctx.theme);
    Paragraph::new(ctx.t(T::Loading)).render(inner, f.buffer_mut());
}
