//! The bytes that put cells on the terminal, as few as the same screen
//! needs (every byte crosses the clerks' SSH links on each key):
//! - a style change is one SGR sequence (`ESC [ 1;7;90m`), never one per
//!   attribute and colour, and takes the shorter of switching off what goes
//!   and starting again from a reset;
//! - the 16 named colours use their short codes (30-37, 90-97: the same
//!   palette entries as `38;5;0-15`);
//! - a cursor move within the row it is on names the column only
//!   (`ESC [ col G`, or CR for the first column), a move a few rows down is
//!   that many LFs and the column (LF never scrolls here: the cursor is above
//!   the row it goes to; with or without the terminal's newline mode the
//!   column is then set), and none is written when the cursor already stands
//!   there (after a wide character too);
//! - a run of blank cells of the default style is erased (`ESC [ n X`, ECH:
//!   the cursor stays) where that and the jump past it are shorter than the
//!   spaces; only default cells, which every terminal erases to alike (some
//!   keep the pen's attributes in erased cells, some only its background);
//! - a frame ends with one `ESC [0m`, and only if a style is on.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The terminal's pen: the style it writes with and where its cursor stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// None when not known (at the start of a frame and after any write
    /// this pen did not make).
    at: Option<(u16, u16)>,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
            at: None,
        }
    }
}

/// SGR parameters of a colour: `base` 30 (foreground), 40 (background) or
/// 50 (underline, which has no short codes).
fn colour(c: Color, base: u8, out: &mut Vec<String>) {
    let named = |n: u8| -> String {
        match (base, n) {
            (50, n) => format!("58;5;{n}"),
            (b, n) if n < 8 => (b + n).to_string(),
            (b, n) => (b + 60 + n - 8).to_string(),
        }
    };
    out.push(match c {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(n) => format!("{};5;{n}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    });
}

/// The SGR codes that switch a modifier on.
const ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

fn on(m: Modifier, out: &mut Vec<String>) {
    out.extend(ON.iter().filter(|(f, _)| m.contains(*f)).map(|(_, c)| c.to_string()));
}

impl Pen {
    /// Forget where the cursor is (something else may have moved it).
    pub fn lost(&mut self) {
        self.at = None;
    }

    /// The parameters that take the pen from its style to `cell`'s by
    /// switching off and on what differs.
    fn by_difference(&self, cell: &Cell) -> Vec<String> {
        let mut p = Vec::new();
        let gone = self.modifier - cell.modifier;
        let mut added = cell.modifier - self.modifier;
        // One code (22) ends both bold and dim: what stays comes back.
        if gone.intersects(Modifier::BOLD | Modifier::DIM) {
            p.push("22".to_string());
            added |= cell.modifier & (Modifier::BOLD | Modifier::DIM);
        }
        for (m, code) in [
            (Modifier::ITALIC, "23"),
            (Modifier::UNDERLINED, "24"),
            (Modifier::HIDDEN, "28"),
            (Modifier::CROSSED_OUT, "29"),
            (Modifier::REVERSED, "27"),
        ] {
            if gone.contains(m) {
                p.push(code.to_string());
            }
        }
        // One code (25) ends both blinks.
        if gone.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
            p.push("25".to_string());
            added |= cell.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
        }
        on(added, &mut p);
        if cell.fg != self.fg {
            colour(cell.fg, 30, &mut p);
        }
        if cell.bg != self.bg {
            colour(cell.bg, 40, &mut p);
        }
        if cell.underline_color != self.underline {
            colour(cell.underline_color, 50, &mut p);
        }
        p
    }

    /// The parameters that reset everything and set `cell`'s style.
    fn from_reset(cell: &Cell) -> Vec<String> {
        let mut p = vec!["0".to_string()];
        on(cell.modifier, &mut p);
        for (c, base) in [(cell.fg, 30), (cell.bg, 40), (cell.underline_color, 50)] {
            if c != Color::Reset {
                colour(c, base, &mut p);
            }
        }
        p
    }

    /// The shortest bytes that take the cursor to (x, y).
    fn move_to(&self, x: u16, y: u16) -> String {
        let column = if x == 0 { "\r".to_string() } else { format!("\x1b[{}G", x + 1) };
        let absolute = format!("\x1b[{};{}H", y + 1, x + 1);
        let relative = match self.at {
            Some((_, row)) if row == y => Some(column),
            Some((_, row)) if row < y && y - row <= 4 => Some("\n".repeat((y - row) as usize) + &column),
            _ => None,
        };
        match relative {
            Some(r) if r.len() < absolute.len() => r,
            _ => absolute,
        }
    }

    /// Write `cell` at (x, y): the move, the style change and its symbol.
    pub fn put(&mut self, x: u16, y: u16, cell: &Cell, out: &mut String) {
        if self.at != Some((x, y)) {
            out.push_str(&self.move_to(x, y));
        }
        let same = cell.fg == self.fg && cell.bg == self.bg && cell.underline_color == self.underline && cell.modifier == self.modifier;
        if !same {
            let diff = self.by_difference(cell);
            let reset = Pen::from_reset(cell);
            let len = |p: &[String]| p.iter().map(|s| s.len() + 1).sum::<usize>();
            let params = if len(&reset) < len(&diff) { reset } else { diff };
            let _ = write!(out, "\x1b[{}m", params.join(";"));
            self.fg = cell.fg;
            self.bg = cell.bg;
            self.underline = cell.underline_color;
            self.modifier = cell.modifier;
        }
        out.push_str(cell.symbol());
        self.at = Some((x + cell.symbol().width() as u16, y));
    }

    /// Whether `cell` is what an erase leaves: a space of the default style.
    pub fn erased(cell: &Cell) -> bool {
        cell.symbol() == " "
            && cell.fg == Color::Reset
            && cell.bg == Color::Reset
            && cell.underline_color == Color::Reset
            && cell.modifier.is_empty()
    }

    /// Whether erasing `n` cells from column `x` (then jumping to the column
    /// after them when `then_next` says the next cell is there) is shorter than
    /// writing the spaces.
    pub fn erase_pays(n: u16, x: u16, then_next: bool) -> bool {
        let erase = 3 + n.to_string().len();
        let jump = if then_next { 3 + (x + n + 1).to_string().len() } else { 0 };
        erase + jump < n as usize
    }

    /// Erase `n` cells from (x, y) to blank default cells; the cursor stays at (x, y).
    pub fn erase(&mut self, x: u16, y: u16, n: u16, out: &mut String) {
        if self.at != Some((x, y)) {
            out.push_str(&self.move_to(x, y));
        }
        // Erased cells take the pen's style (or part of it): the default's.
        self.finish(out);
        let _ = write!(out, "\x1b[{n}X");
        self.at = Some((x, y));
    }

    /// End a frame: no style stays on for whatever is written next.
    pub fn finish(&mut self, out: &mut String) {
        if *self
            != (Pen {
                at: self.at,
                ..Pen::default()
            })
        {
            out.push_str("\x1b[0m");
            let at = self.at;
            *self = Pen { at, ..Pen::default() };
        }
    }
}
