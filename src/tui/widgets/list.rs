//! A scrolling list's selection: moved by the list actions, kept in view.

use crate::tui::keymap::Action;

/// Keep a selection inside a list of `len` rows and scroll `offset` so it is visible.
pub fn clamp_scroll(selected: &mut usize, offset: &mut usize, len: usize, height: usize) {
    if len == 0 {
        *selected = 0;
        *offset = 0;
        return;
    }
    *selected = (*selected).min(len - 1);
    let height = height.max(1);
    if *selected < *offset {
        *offset = *selected;
    } else if *selected >= *offset + height {
        *offset = *selected + 1 - height;
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
