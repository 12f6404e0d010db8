//! The terminal backend: crossterm's, writing fewer bytes for the same
//! screen. ratatui hands the backend only the cells that changed, and
//! crossterm's backend moves the cursor (`ESC [ row ; col H`, 6-8 bytes)
//! over every run of unchanged cells, however short. Over SSH every byte
//! counts: in the register a cursor move rewrote the detail pane with ~80
//! such jumps over one or two unchanged letters (645 of 1,480 bytes). This
//! backend remembers what the terminal shows and, where a gap between two
//! changed cells of a row is shorter in bytes than the jump and its cells
//! have the style of the cell before it, writes the unchanged cells again
//! instead. What the terminal shows is the same.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Coalescing<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, as far as this backend wrote it.
    shown: Buffer,
}

impl<W: Write> Coalescing<W> {
    pub fn new(writer: W) -> Coalescing<W> {
        Coalescing {
            inner: CrosstermBackend::new(writer),
            shown: Buffer::empty(Rect::ZERO),
        }
    }
}

/// The bytes of the cursor jump to (x, y): `ESC [ y+1 ; x+1 H`.
fn jump_len(x: u16, y: u16) -> usize {
    let digits = |n: u16| (n + 1).to_string().len();
    4 + digits(x) + digits(y)
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg && a.bg == b.bg && a.modifier == b.modifier && a.underline_color == b.underline_color
}

/// The changed cells with the short gaps between them filled from `shown`
/// (already updated with the changes).
fn coalesce(changes: &[(u16, u16, Cell)], shown: &Buffer) -> Vec<(u16, u16, Cell)> {
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changes.len());
    for (x, y, cell) in changes {
        if let Some((px, py, prev)) = out.last() {
            let next = px + (prev.symbol().width().max(1) as u16);
            if *py == *y && *x > next && prev.symbol().width() == 1 {
                let gap: Option<Vec<&Cell>> = (next..*x)
                    .map(|gx| shown.cell(Position { x: gx, y: *y }))
                    .map(|c| c.filter(|c| c.symbol().width() == 1 && c.symbol().len() <= 4 && same_style(c, prev)))
                    .collect();
                if let Some(gap) = gap {
                    let bytes: usize = gap.iter().map(|c| c.symbol().len()).sum();
                    if bytes < jump_len(*x, *y) {
                        let filled: Vec<(u16, u16, Cell)> =
                            gap.into_iter().enumerate().map(|(i, c)| (next + i as u16, *y, c.clone())).collect();
                        out.extend(filled);
                    }
                }
            }
        }
        out.push((*x, *y, cell.clone()));
    }
    out
}

impl<W: Write> Backend for Coalescing<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.inner.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if self.shown.area != area {
            self.shown.resize(area);
        }
        let changes: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        for (x, y, c) in &changes {
            if let Some(cell) = self.shown.cell_mut(Position { x: *x, y: *y }) {
                *cell = c.clone();
            }
        }
        let written = coalesce(&changes, &self.shown);
        self.inner.draw(written.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shown.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Only a whole clear is tracked; after any other the screen is unknown
        // where it was cleared, so forget it all (nothing is then filled).
        self.shown = Buffer::empty(Rect::ZERO);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    /// What a terminal shows after the bytes: a tiny interpreter of the
    /// sequences crossterm writes (cursor jumps, text; styles skipped).
    fn screen(bytes: &[u8], w: usize, h: usize) -> Vec<String> {
        let text = String::from_utf8_lossy(bytes);
        let mut rows = vec![vec![' '; w]; h];
        let (mut x, mut y) = (0usize, 0usize);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                let mut seq = String::new();
                for n in chars.by_ref() {
                    seq.push(n);
                    if n.is_ascii_alphabetic() && n != '[' {
                        break;
                    }
                }
                if let Some(pos) = seq.strip_prefix('[').and_then(|s| s.strip_suffix('H')) {
                    let (r, c) = pos.split_once(';').unwrap_or(("1", "1"));
                    y = r.parse::<usize>().unwrap_or(1) - 1;
                    x = c.parse::<usize>().unwrap_or(1) - 1;
                }
                if seq == "[2J" {
                    rows = vec![vec![' '; w]; h];
                }
                continue;
            }
            if y < h && x < w {
                rows[y][x] = c;
            }
            x += 1;
        }
        rows.into_iter().map(|r| r.into_iter().collect()).collect()
    }

    fn cells(text: &str, y: u16, style: Style) -> Vec<(u16, u16, Cell)> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let mut c = Cell::default();
                c.set_char(ch).set_style(style);
                (i as u16, y, c)
            })
            .collect()
    }

    /// A writer whose bytes the test can read while the backend holds it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn backend() -> (Coalescing<Shared>, Shared) {
        let out = Shared::default();
        (Coalescing::new(out.clone()), out)
    }

    fn draw(b: &mut Coalescing<Shared>, out: &Shared, changes: &[(u16, u16, Cell)]) -> Vec<u8> {
        // Each test backend is 20x2 (crossterm cannot ask a test writer its size).
        b.shown.resize(Rect::new(0, 0, 20, 2));
        let before = out.0.borrow().len();
        for (x, y, c) in changes {
            *b.shown.cell_mut(Position { x: *x, y: *y }).unwrap() = c.clone();
        }
        let written = coalesce(changes, &b.shown);
        b.inner.draw(written.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        Write::flush(&mut b.inner).unwrap();
        out.0.borrow()[before..].to_vec()
    }

    #[test]
    fn short_gaps_are_written_over_and_the_screen_is_the_same() {
        let (mut b, out) = backend();
        let plain = Style::default();
        let first = cells("Nhận hợp nhất từ: BD", 0, plain);
        draw(&mut b, &out, &first);
        // The second text differs from the first in a few scattered cells.
        let second = cells("Nhân hợp nhút tư: BE", 0, plain);
        let changed: Vec<_> = second
            .iter()
            .zip(&first)
            .filter(|(a, b)| a.2 != b.2)
            .map(|(a, _)| a.clone())
            .collect();
        assert_eq!(changed.len(), 4);
        let plain_out = Shared::default();
        let mut plain_backend = CrosstermBackend::new(plain_out.clone());
        plain_backend.draw(changed.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
        Write::flush(&mut plain_backend).unwrap();
        let plain_bytes = plain_out.0.borrow().len();
        let ours = draw(&mut b, &out, &changed);
        assert!(ours.len() < plain_bytes, "{} < {plain_bytes}", ours.len());
        let all: Vec<u8> = out.0.borrow().clone();
        assert_eq!(screen(&all, 20, 2)[0], "Nhân hợp nhút tư: BE");
    }

    #[test]
    fn gaps_of_another_style_or_long_ones_are_jumped() {
        let (mut b, out) = backend();
        let red = Style::default().fg(Color::Red);
        let mut row = cells("abcdefghijklmnopqrst", 0, Style::default());
        row[3].2.set_style(red);
        draw(&mut b, &out, &row);
        // Changes at 2 and 4 around a red cell: the red cell is not rewritten.
        let changes = vec![cells("X", 0, Style::default())[0].clone(), {
            let mut c = cells("Y", 0, Style::default())[0].clone();
            c.0 = 4;
            c
        }];
        let changes: Vec<_> = changes.into_iter().map(|(x, y, c)| (if x == 0 { 2 } else { x }, y, c)).collect();
        assert_eq!(coalesce(&changes, &b.shown).len(), 2, "the red cell is jumped over");
        // A long gap is jumped, a short one filled.
        let far = vec![changes[0].clone(), (19, 0, changes[1].2.clone())];
        assert_eq!(coalesce(&far, &b.shown).len(), 2);
        let near = vec![(5, 0, changes[0].2.clone()), (8, 0, changes[1].2.clone())];
        assert_eq!(coalesce(&near, &b.shown).len(), 4, "two cells written over");
    }
}
