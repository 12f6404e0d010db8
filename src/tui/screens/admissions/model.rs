//! The pure parts of the Kết nạp screen (no ratatui, unit-tested): a block
//! pasted from a spreadsheet, the target as typed, the gauge of the year
//! against plan and range, and the cumulative chart against the pace.

use super::fmt::parse_count;

/// Why a pasted block cannot be written.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockError {
    /// (line from 1, column from 1, the text) is not a count.
    NotCount(usize, usize, String),
    /// Line (from 1) runs past December from the selected month.
    TooWide(usize),
}

/// A block copied from a spreadsheet: tab-separated cells, lines broken by
/// CR LF, CR or LF (a last empty line dropped). An empty cell leaves the month
/// as it is (None). `months_left`: the months from the selected one to December.
pub fn paste_block(text: &str, months_left: usize) -> Result<Vec<Vec<Option<u32>>>, BlockError> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut cells: Vec<&str> = line.split('\t').collect();
        // Trailing empty cells (a spreadsheet's selection) say nothing.
        while cells.len() > 1 && cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if cells.len() > months_left {
            return Err(BlockError::TooWide(i + 1));
        }
        let mut row = Vec::new();
        for (j, c) in cells.iter().enumerate() {
            if c.trim().is_empty() {
                row.push(None);
                continue;
            }
            match parse_count(c) {
                Some(n) => row.push(Some(n)),
                None => return Err(BlockError::NotCount(i + 1, j + 1, c.trim().to_string())),
            }
        }
        out.push(row);
    }
    Ok(out)
}

/// What the target input says: a plan and/or a range ("9000 9000-10000",
/// "9.000", "9000-10000"). Err names the part that does not read.
#[allow(clippy::type_complexity)]
pub fn parse_target(text: &str) -> Result<(Option<u32>, Option<(u32, u32)>), String> {
    let mut plan = None;
    let mut range = None;
    let text = text.replace(['–', '—'], "-");
    let text = text.replace(" - ", "-");
    for tok in text.split_whitespace() {
        if let Some((lo, hi)) = tok.split_once('-') {
            match (parse_count(lo), parse_count(hi)) {
                (Some(l), Some(h)) if range.is_none() => range = Some((l, h)),
                _ => return Err(tok.to_string()),
            }
        } else {
            match parse_count(tok) {
                Some(n) if plan.is_none() => plan = Some(n),
                _ => return Err(tok.to_string()),
            }
        }
    }
    if plan.is_none() && range.is_none() {
        return Err(text.trim().to_string());
    }
    Ok((plan, range))
}

/// The year's gauge, `width` characters: `█` up to the total, `─` after it,
/// `|` at the plan and `[` `]` at the range's ends (readable without colour).
pub fn gauge(width: usize, total: u64, plan: Option<u32>, range: Option<(u32, u32)>) -> String {
    if width < 3 {
        return String::new();
    }
    let top = [Some(total), plan.map(u64::from), range.map(|r| r.1 as u64)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let scale = (top + top / 10).max(1);
    let at = |n: u64| ((n as u128 * (width as u128 - 1)) / scale as u128) as usize;
    let filled = if total == 0 { 0 } else { at(total) + 1 };
    let mut cells: Vec<char> = (0..width).map(|i| if i < filled { '█' } else { '─' }).collect();
    if let Some((lo, hi)) = range {
        cells[at(lo as u64)] = '[';
        cells[at(hi as u64)] = ']';
    }
    if let Some(p) = plan {
        cells[at(p as u64)] = '|';
    }
    cells.into_iter().collect()
}

/// The cumulative chart: one column group per month (`col` wide), `height`
/// rows from the top; `█` for the admitted cumulative, `◆` for the pace (on
/// top of a bar or above it). Returns the rows and the value of the top row.
pub fn chart(height: usize, col: usize, cumulative: &[u64], pace: Option<&[u64; 12]>) -> (Vec<String>, u64) {
    let top = cumulative
        .iter()
        .copied()
        .chain(pace.into_iter().flat_map(|p| p.iter().copied()))
        .max()
        .unwrap_or(0)
        .max(1);
    let height = height.max(1);
    // How many rows a value fills (rounded up, so anything above 0 shows).
    let rows_of = |v: u64| ((v as u128 * height as u128).div_ceil(top as u128)) as usize;
    let bar_w = col.saturating_sub(1).clamp(1, 3);
    let mut out = Vec::new();
    for r in 0..height {
        // Row r from the top is filled by values reaching height - r rows.
        let level = height - r;
        let mut line = String::new();
        for m in 0..12 {
            let bar = cumulative.get(m).is_some_and(|v| rows_of(*v) >= level);
            let mark = pace.is_some_and(|p| rows_of(p[m]).max(1) == level);
            let fill = if bar { '█' } else { ' ' };
            let glyph: String = (0..bar_w).map(|i| if mark && i == 0 { '◆' } else { fill }).collect();
            line.push_str(&glyph);
            line.push_str(&" ".repeat(col - bar_w));
        }
        out.push(line.trim_end().to_string());
    }
    (out, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_from_a_spreadsheet() {
        let b = paste_block("1\t2\t3\r\n4\t\t6\r\n", 12).unwrap();
        assert_eq!(b, vec![vec![Some(1), Some(2), Some(3)], vec![Some(4), None, Some(6)]]);
        // CR alone breaks lines too; a trailing tab is dropped.
        let b = paste_block("1\t\r2\t", 12).unwrap();
        assert_eq!(b, vec![vec![Some(1)], vec![Some(2)]]);
        assert_eq!(paste_block("1\t-2", 12), Err(BlockError::NotCount(1, 2, "-2".into())));
        assert_eq!(paste_block("1\nx", 12), Err(BlockError::NotCount(2, 1, "x".into())));
        assert_eq!(paste_block("1\t2\t3", 2), Err(BlockError::TooWide(1)));
        let twelve = (1..=12).map(|n| n.to_string()).collect::<Vec<_>>().join("\t");
        assert_eq!(paste_block(&twelve, 12).unwrap()[0].len(), 12);
    }

    #[test]
    fn targets_as_typed() {
        assert_eq!(parse_target("9000 9000-10000"), Ok((Some(9000), Some((9000, 10000)))));
        assert_eq!(parse_target("9.000–10.000"), Ok((None, Some((9000, 10000)))));
        assert_eq!(parse_target("9500"), Ok((Some(9500), None)));
        assert_eq!(parse_target("9000 - 10000"), Ok((None, Some((9000, 10000)))));
        assert_eq!(parse_target("nine"), Err("nine".into()));
        assert_eq!(parse_target(""), Err("".into()));
        assert_eq!(parse_target("1 2"), Err("2".into()));
    }

    #[test]
    fn the_gauge_marks_plan_and_range() {
        let g = gauge(22, 50, Some(100), Some((80, 120)));
        assert_eq!(g.chars().count(), 22);
        assert!(g.starts_with('█'));
        let pos = |c: char| g.chars().position(|x| x == c).unwrap();
        assert!(pos('[') < pos('|') && pos('|') < pos(']'), "{g}");
        assert_eq!(gauge(10, 0, None, None), "──────────");
    }

    #[test]
    fn the_chart_draws_bars_and_pace_marks() {
        let mut pace = [0u64; 12];
        for (m, p) in pace.iter_mut().enumerate() {
            *p = 10 * (m as u64 + 1);
        }
        let (rows, top) = chart(4, 3, &[30, 60], Some(&pace));
        assert_eq!(top, 120);
        assert_eq!(rows.len(), 4);
        // The pace reaches the top row in December.
        assert!(rows[0].ends_with('◆'), "{rows:?}");
        // January's bar fills one row (30 of 120 on 4 rows).
        assert!(rows[3].starts_with("◆█") || rows[3].starts_with("██"), "{rows:?}");
    }
}
