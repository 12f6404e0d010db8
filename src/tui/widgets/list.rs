//! A scrolling list's selection: moved by the list actions, kept in view.

use crate::tui::keymap::Action;

/// Keep a selection inside a list of `len` rows and scroll `offset` so it is
/// visible. A selection that leaves the view is brought to its middle (as
/// Emacs recenters): walking down a long list then repaints the rows once
/// every half page instead of on every step, which over SSH is most of the
/// bytes a step costs (see BENCHMARKS.md, bytes per cursor move).
pub fn clamp_scroll(selected: &mut usize, offset: &mut usize, len: usize, height: usize) {
    if len == 0 {
        *selected = 0;
        *offset = 0;
        return;
    }
    *selected = (*selected).min(len - 1);
    let height = height.max(1);
    if *selected < *offset || *selected >= *offset + height {
        *offset = selected.saturating_sub(height / 2);
    }
    *offset = (*offset).min(len.saturating_sub(height));
}

/// Move a selection by a list action; returns whether the action was a move.
pub fn list_move(action: Action, selected: &mut usize, len: usize, page: usize) -> bool {
    let page = page.max(1);
    match action {
        Action::Up => *selected = selected.saturating_sub(1),
        Action::Down => *selected = (*selected + 1).min(len.saturating_sub(1)),
        Action::PageUp => *selected = selected.saturating_sub(page),
        Action::PageDown => *selected = (*selected + page).min(len.saturating_sub(1)),
        Action::Top => *selected = 0,
        Action::Bottom => *selected = len.saturating_sub(1),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_leaving_the_view_comes_back_in_its_middle() {
        let (mut sel, mut off) = (9, 0);
        clamp_scroll(&mut sel, &mut off, 100, 10);
        assert_eq!(off, 0, "still in view");
        sel = 10;
        clamp_scroll(&mut sel, &mut off, 100, 10);
        assert_eq!(off, 5, "one step past the bottom: recentered");
        sel = 4;
        clamp_scroll(&mut sel, &mut off, 100, 10);
        assert_eq!(off, 0, "one step above the top: recentered, not above the first row");
        sel = 99;
        clamp_scroll(&mut sel, &mut off, 100, 10);
        assert_eq!(off, 90, "the last row: the view ends with the list");
        sel = 500;
        clamp_scroll(&mut sel, &mut off, 100, 10);
        assert_eq!((sel, off), (99, 90));
        clamp_scroll(&mut sel, &mut off, 0, 10);
        assert_eq!((sel, off), (0, 0));
        let (mut sel, mut off) = (3, 0);
        clamp_scroll(&mut sel, &mut off, 5, 10);
        assert_eq!(off, 0, "a list shorter than the view");
    }
}
