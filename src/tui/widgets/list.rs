//! A scrolling list's selection: moved by the list actions, kept in view.

use crate::tui::keymap::Action;

/// Keep a selection inside a list of `len` rows and scroll `offset` so it is
/// visible. A selection past an edge turns pages, each keeping a few rows of
/// the last (as `less` and Vim's Ctrl-F keep two): walking down a long list
/// repaints its rows once a page instead of on every step, which over SSH is
/// most of the bytes a step costs (see BENCHMARKS.md, bytes per cursor
/// move). Turning as many pages as it takes, in one go, ends where turning
/// them one at a time would: the view does not depend on how many of the
/// steps were drawn (a terminal that falls behind draws fewer).
pub fn clamp_scroll(selected: &mut usize, offset: &mut usize, len: usize, height: usize) {
    if len == 0 {
        *selected = 0;
        *offset = 0;
        return;
    }
    *selected = (*selected).min(len - 1);
    let height = height.max(1);
    // A page turns by this many rows, keeping the rest.
    let turn = height - (height / 4).min(3);
    let sel = *selected;
    if sel >= *offset + height {
        *offset += (sel + 1 - (*offset + height)).div_ceil(turn) * turn;
    } else if sel < *offset {
        *offset = offset.saturating_sub((*offset - sel).div_ceil(turn) * turn);
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
    fn a_selection_past_an_edge_turns_the_page_keeping_a_few_rows() {
        let (mut sel, mut off) = (19, 0);
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 0, "still in view");
        sel = 20;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 17, "one step past the bottom: the next page, three rows kept");
        sel = 16;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 0, "one step above the top: the page before");
        sel = 39;
        off = 30;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 30, "in view");
        sel = 29;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 13, "above the top: the selection three rows from the bottom");
        sel = 99;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!(off, 80, "the last row: the view ends with the list");
        sel = 500;
        clamp_scroll(&mut sel, &mut off, 100, 20);
        assert_eq!((sel, off), (99, 80));
        clamp_scroll(&mut sel, &mut off, 0, 20);
        assert_eq!((sel, off), (0, 0));
        let (mut sel, mut off) = (3, 0);
        clamp_scroll(&mut sel, &mut off, 5, 10);
        assert_eq!(off, 0, "a list shorter than the view");
        // A view of two rows keeps none.
        let (mut sel, mut off) = (2, 0);
        clamp_scroll(&mut sel, &mut off, 10, 2);
        assert_eq!(off, 2);
    }

    #[test]
    fn many_steps_drawn_once_end_where_each_step_drawn_ends() {
        for height in [1, 2, 5, 20, 34] {
            for len in [3, 40, 250] {
                let (mut sel, mut off) = (0usize, 0usize);
                let (mut one_sel, mut one_off) = (0usize, 0usize);
                // Down and up again in strides, one drawn per stride.
                for (i, stride) in [7i64, 60, -13, 1, -200, 95, -1, 33].iter().enumerate() {
                    for _ in 0..stride.unsigned_abs() {
                        sel = if *stride > 0 { sel + 1 } else { sel.saturating_sub(1) };
                        clamp_scroll(&mut sel, &mut off, len, height);
                    }
                    one_sel = (one_sel as i64 + stride).clamp(0, len as i64 - 1) as usize;
                    clamp_scroll(&mut one_sel, &mut one_off, len, height);
                    assert_eq!((one_sel, one_off), (sel, off), "height {height}, len {len}, stride {i}");
                }
            }
        }
    }
}
