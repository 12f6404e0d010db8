//! A popup: a titled box centred over the screen.

use ratatui::layout::Rect;
use ratatui::Frame;

/// A bordered box of at most `width` x `height` centred in `area`, cleared
/// and titled; returns the space inside the border.
pub fn popup(f: &mut Frame, area: Rect, width: u16, height: u16, title: &str, theme: &crate::tui::theme::Theme) -> Rect {
    use ratatui::widgets::{Block, Borders, Clear, Widget};
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    Clear.render(rect, f.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(format!(" {title} "))
        .title_style(theme.title());
    let inner = block.inner(rect);
    block.render(rect, f.buffer_mut());
    inner
}
