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
    Ok,
    Key,
    Level(Level),
    /// An input field's value: `focus` while typed in, `selected` while the
    /// next key replaces it (shown reversed).
    Field {
        focus: bool,
        selected: bool,
    },
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
        Tone::Ok => theme.ok(),
        Tone::Key => theme.key(),
        Tone::Level(l) => theme.level(l),
        Tone::Field { focus: true, selected } => theme.highlight().add_modifier(if selected {
            Modifier::UNDERLINED | Modifier::REVERSED
        } else {
            Modifier::UNDERLINED
        }),
        Tone::Field { focus: false, .. } => theme.base().add_modifier(Modifier::UNDERLINED),
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
