//! Styled text as a view-model holds it: each piece with its tone, mapped to
//! the theme's styles only when drawn (view-models stay free of ratatui).

use crate::domain::Level;
use crate::tui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Base,
    Bold,
    Dim,
    Label,
    Error,
    Level(Level),
}

/// One line of pieces.
pub type Pieces = Vec<(Tone, String)>;

pub fn style(theme: &Theme, tone: Tone) -> Style {
    match tone {
        Tone::Base => theme.base(),
        Tone::Bold => theme.base().add_modifier(Modifier::BOLD),
        Tone::Dim => theme.dim(),
        Tone::Label => theme.label(),
        Tone::Error => theme.error(),
        Tone::Level(l) => theme.level(l),
    }
}

pub fn line(theme: &Theme, pieces: &Pieces) -> Line<'static> {
    Line::from(
        pieces
            .iter()
            .map(|(t, s)| Span::styled(s.clone(), style(theme, *t)))
            .collect::<Vec<_>>(),
    )
}

/// The plain text of a line (tests).
pub fn text(pieces: &Pieces) -> String {
    pieces.iter().map(|(_, s)| s.as_str()).collect()
}
