//! A 16-colour theme; with NO_COLOR only modifiers (bold, reverse, underline).
//! Meaning never rests on colour alone: levels have symbols, the selection is
//! reversed, matches are underlined.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn tab(&self) -> Style {
        Style::new()
    }
    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn border(&self) -> Style {
        self.fg(Color::Blue)
    }
    pub fn level(&self, l: crate::domain::Level) -> Style {
        use crate::domain::Level::*;
        match l {
            Htxs => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Htt => self.fg(Color::Green),
            Ht => self.fg(Color::Yellow),
            Kht => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}
