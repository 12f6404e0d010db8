//! The terminal backend: crossterm's, writing fewer bytes for the same
//! screen. ratatui hands the backend only the cells that changed, and
//! crossterm's backend moves the cursor (`ESC [ row ; col H`, 6-8 bytes)
//! over every run of unchanged cells, however short. Over SSH every byte
//! counts: in the register a cursor move rewrote the detail pane with ~80
//! such jumps over one or two unchanged letters (645 of 1,480 bytes). This
//! backend remembers what the terminal shows and, where a gap between two
//! changed cells of a row is shorter in bytes than the jump and its cells
//! have the style of the cell before it, writes the unchanged cells again
//! instead. What the terminal shows is the same. The cells themselves are
//! written by `term_pen` (one SGR sequence per style change, short cursor
//! moves), not by crossterm's backend.

use super::term_pen::Pen;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Coalescing<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, as far as this backend wrote it.
    shown: Buffer,
    pen: Pen,
    /// Whether the cursor is hidden, if known (ratatui hides it on every frame).
    hidden: Option<bool>,
}

impl<W: Write> Coalescing<W> {
    pub fn new(writer: W) -> Coalescing<W> {
        Coalescing {
            inner: CrosstermBackend::new(writer),
            shown: Buffer::empty(Rect::ZERO),
            pen: Pen::default(),
            hidden: None,
        }
    }

    /// Write `cells` (in screen order) through the pen.
    fn write_cells(&mut self, cells: &[(u16, u16, Cell)]) -> io::Result<()> {
        let mut out = String::with_capacity(cells.len() * 2);
        // Whatever was written since the last frame may have moved the cursor.
        self.pen.lost();
        let mut i = 0;
        while i < cells.len() {
            let (x, y, c) = &cells[i];
            let run = blank_run(&cells[i..]);
            if run > 1 {
                let n = run as u16;
                let then_next = cells.get(i + run).is_some_and(|(nx, ny, _)| (*nx, *ny) == (x + n, *y));
                if Pen::erase_pays(n, *x, then_next) {
                    self.pen.erase(*x, *y, n, &mut out);
                    i += run;
                    continue;
                }
            }
            self.pen.put(*x, *y, c, &mut out);
            i += 1;
        }
        self.pen.finish(&mut out);
        self.inner.write_all(out.as_bytes())
    }
}

/// How many cells from the first of `cells` are blank default cells side by
/// side on one row (what an erase can write).
fn blank_run(cells: &[(u16, u16, Cell)]) -> usize {
    let Some((x0, y0, _)) = cells.first() else { return 0 };
    cells
        .iter()
        .enumerate()
        .take_while(|(i, (x, y, c))| *y == *y0 && *x as usize == *x0 as usize + i && Pen::erased(c))
        .count()
}

/// The bytes of a jump to column x within the row (`ESC [ x+1 G`, see `term_pen`).
fn jump_len(x: u16, _y: u16) -> usize {
    3 + (x + 1).to_string().len()
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
        self.write_cells(&written)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.hidden == Some(true) {
            return Ok(());
        }
        self.hidden = Some(true);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.hidden = Some(false);
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
        // A clear also starts again whatever else may have changed the terminal.
        self.hidden = None;
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
                if let Some(col) = seq.strip_prefix('[').and_then(|s| s.strip_suffix('G')) {
                    x = col.parse::<usize>().unwrap_or(1) - 1;
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
        b.write_cells(&written).unwrap();
        out.0.borrow()[before..].to_vec()
    }

    /// Frames of random text and styles, each drawn as ratatui draws
    /// (the changed cells only), read back by a terminal emulator (vt100):
    /// every cell shows the frame's symbol in the frame's colours and
    /// attributes, and fewer bytes go out than crossterm's backend writes.
    #[test]
    fn random_frames_show_exactly_what_was_drawn() {
        use ratatui::style::Modifier;
        let (w, h) = (30u16, 6u16);
        let (mut b, out) = backend();
        let mut seed = 7u64;
        let mut rnd = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let colours = [
            Color::Reset,
            Color::Red,
            Color::DarkGray,
            Color::White,
            Color::Gray,
            Color::LightCyan,
            Color::Indexed(8),
            Color::Indexed(200),
            Color::Rgb(1, 2, 3),
        ];
        let mods = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            // (not bold and dim at once: vt100 keeps one intensity)
            Modifier::REVERSED,
            Modifier::ITALIC | Modifier::UNDERLINED,
            Modifier::BOLD | Modifier::REVERSED,
        ];
        let words = [
            "Đảng bộ",
            "phường",
            " ",
            "  ",
            "Hà Nội",
            "—",
            "▸",
            "›",
            "2.707",
            "●",
            "x",
            "              ",
        ];
        // (No wide characters: over half of one, crossterm's backend leaves
        // the same wrong cell as this one; thuky's texts are one column each.)
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut term = vt100::Parser::new(size(h), size(w), 0);
        let mut plain_bytes = 0usize;
        let mut previous = Buffer::empty(Rect::new(0, 0, w, h));
        for frame in 0..300 {
            let mut next = if frame % 5 == 0 {
                Buffer::empty(previous.area)
            } else {
                previous.clone()
            };
            for _ in 0..rnd(12) {
                let m = mods[rnd(mods.len() as u64) as usize];
                // Exactly these modifiers (a style is patched onto the cell's).
                let style = Style::default()
                    .fg(colours[rnd(colours.len() as u64) as usize])
                    .bg(colours[rnd(colours.len() as u64) as usize])
                    .remove_modifier(Modifier::all() - m)
                    .add_modifier(m);
                let (x, y) = (rnd(w as u64) as u16, rnd(h as u64) as u16);
                next.set_stringn(x, y, words[rnd(words.len() as u64) as usize], (w - x) as usize, style);
            }
            let changes: Vec<(u16, u16, Cell)> = previous.diff(&next).into_iter().map(|(x, y, c)| (x, y, c.clone())).collect();
            let plain_out = Shared::default();
            let mut plain_backend = CrosstermBackend::new(plain_out.clone());
            plain_backend.draw(changes.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
            Write::flush(&mut plain_backend).unwrap();
            plain_bytes += plain_out.0.borrow().len();
            let before = out.0.borrow().len();
            b.shown.resize(Rect::new(0, 0, w, h));
            for (x, y, c) in &changes {
                *b.shown.cell_mut(Position { x: *x, y: *y }).unwrap() = c.clone();
            }
            let written = coalesce(&changes, &b.shown);
            b.write_cells(&written).unwrap();
            term.process(&out.0.borrow()[before..]);
            let expect = |c: Color| match c {
                Color::Reset => vt100::Color::Default,
                Color::Red => vt100::Color::Idx(1),
                Color::Gray => vt100::Color::Idx(7),
                Color::DarkGray => vt100::Color::Idx(8),
                Color::LightCyan => vt100::Color::Idx(14),
                Color::White => vt100::Color::Idx(15),
                Color::Indexed(n) => vt100::Color::Idx(n),
                Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
                other => panic!("{other:?} not in the test"),
            };
            for y in 0..h {
                for x in 0..w {
                    let want = &next[(x, y)];
                    let got = term.screen().cell(y, x).unwrap();
                    if got.is_wide_continuation() {
                        continue;
                    }
                    let at = format!("frame {frame} cell ({x},{y})");
                    // An untouched cell reads "" and a written space " ".
                    let blank = |s: &str| if s.is_empty() { " ".to_string() } else { s.to_string() };
                    assert_eq!(blank(got.contents()), blank(want.symbol()), "{at}");
                    assert_eq!(got.fgcolor(), expect(want.fg), "{at}");
                    assert_eq!(got.bgcolor(), expect(want.bg), "{at}");
                    assert_eq!(got.bold(), want.modifier.contains(Modifier::BOLD), "{at}");
                    assert_eq!(got.dim(), want.modifier.contains(Modifier::DIM), "{at}");
                    assert_eq!(got.italic(), want.modifier.contains(Modifier::ITALIC), "{at}");
                    assert_eq!(got.underline(), want.modifier.contains(Modifier::UNDERLINED), "{at}");
                    assert_eq!(got.inverse(), want.modifier.contains(Modifier::REVERSED), "{at}");
                }
            }
            previous = next;
        }
        let ours = out.0.borrow().len();
        assert!(ours * 10 < plain_bytes * 9, "at least 10% fewer bytes: {ours} vs {plain_bytes}");
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

    /// A long text replaced by a short one: the blank cells after it are
    /// erased (ECH) rather than written as spaces, and a terminal shows the same.
    #[test]
    fn long_blank_runs_are_erased_and_short_ones_written() {
        let (mut b, out) = backend();
        let plain = Style::default();
        draw(&mut b, &out, &cells("Phường Cống Vị (2191", 0, plain));
        let blanks: Vec<_> = cells("      ", 0, plain).into_iter().map(|(x, y, c)| (x + 14, y, c)).collect();
        let bytes = draw(&mut b, &out, &blanks);
        let text = String::from_utf8_lossy(&bytes).to_string();
        assert!(text.contains("\x1b[6X"), "{text:?}");
        // The jump there (7 bytes) and the erase, against the jump and six spaces.
        assert!(bytes.len() < 7 + 6, "{text:?}");
        let all: Vec<u8> = out.0.borrow().clone();
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut term = vt100::Parser::new(size(2), size(20), 0);
        term.process(&all);
        assert_eq!(term.screen().contents().lines().next().unwrap().trim_end(), "Phường Cống Vị");
        // Five blanks followed by more text are cheaper written than erased.
        let text = String::from_utf8_lossy(&draw(&mut b, &out, &cells("ab     cd", 1, plain))).to_string();
        assert!(text.contains("ab     cd") && !text.contains('X'), "{text:?}");
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
