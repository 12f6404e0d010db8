//! Find a sheet's columns by their headers: Vietnamese with or without
//! diacritics, or English; headers over two rows (merged group headings) too.

use super::read::{col_letter, Cell, Grid};
use crate::domain::text::fold;
use crate::service::{ErrorKind, ServiceError};

/// A field and the header texts that name it (folded: no diacritics, lower case,
/// punctuation as spaces).
pub struct Field {
    pub name: &'static str,
    pub headers: &'static [&'static str],
}

/// Where each field was found.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// The last header row (data starts below it), 0-based.
    pub header_row: usize,
    /// (field name, column, header text as written).
    pub found: Vec<(&'static str, usize, String)>,
}

impl Columns {
    pub fn col(&self, field: &str) -> Option<usize> {
        self.found.iter().find(|(f, _, _)| *f == field).map(|(_, c, _)| *c)
    }

    /// The rows below the headers that hold anything (0-based), in order.
    pub fn data_rows<'g>(&self, grid: &'g Grid) -> impl Iterator<Item = usize> + 'g {
        ((self.header_row + 1)..grid.rows.len()).filter(move |r| !grid.rows[*r].iter().all(Cell::is_empty))
    }

    /// The refusal of one cell: the sheet, row, column and value, what is
    /// wrong with it (`vi`, `en`), and that nothing was imported.
    pub fn refuse(&self, grid: &Grid, row: usize, field: &str, value: &str, vi: &str, en: &str) -> ServiceError {
        let col = self.describe(field).unwrap_or_else(|| field.to_string());
        ServiceError {
            kind: ErrorKind::Invalid,
            field: Some(field.into()),
            value: Some(value.into()),
            vi: format!(
                "trang '{}', dòng {}, cột {col} = '{value}': {vi}; không nhập gì",
                grid.sheet,
                row + 1
            ),
            en: format!(
                "sheet '{}', row {}, column {col} = '{value}': {en}; nothing was imported",
                grid.sheet,
                row + 1
            ),
        }
    }

    /// "F (Xếp loại)" for messages.
    pub fn describe(&self, field: &str) -> Option<String> {
        self.found
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, h)| format!("{} ({h})", col_letter(*c)))
    }
}

/// Header text folded for matching: "Mã tổ chức" → "ma to chuc", "Điểm (100)" → "diem 100".
pub fn norm(s: &str) -> String {
    let f = fold(&crate::domain::text::clean(s));
    f.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many rows from the top are searched for the header.
const SEARCH_ROWS: usize = 20;

/// Find the header row: the row (with up to two rows above it, for group
/// headings) whose cells name the most fields.
pub fn find(grid: &Grid, fields: &[Field]) -> Option<Columns> {
    let mut best: Option<Columns> = None;
    for r in 0..grid.rows.len().min(SEARCH_ROWS) {
        let width = grid.rows[r].len();
        let mut found: Vec<(&'static str, usize, String)> = Vec::new();
        for c in 0..width {
            // The cell itself first, then the cells above it (a heading merged downwards).
            for up in 0..=2usize.min(r) {
                let cell = grid.get(r - up, c);
                let Cell::Text(text) = cell else { continue };
                let key = norm(text);
                if key.is_empty() {
                    continue;
                }
                let hit = fields
                    .iter()
                    .find(|f| f.headers.contains(&key.as_str()) && !found.iter().any(|(n, _, _)| *n == f.name));
                if let Some(f) = hit {
                    found.push((f.name, c, text.trim().to_string()));
                    break;
                }
            }
        }
        if found.len() > best.as_ref().map(|b| b.found.len()).unwrap_or(0) {
            best = Some(Columns { header_row: r, found });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field {
            name: "code",
            headers: &["ma", "code"],
        },
        Field {
            name: "name",
            headers: &["ten", "ten to chuc", "name"],
        },
        Field {
            name: "htxs",
            headers: &["htxs"],
        },
        Field {
            name: "htt",
            headers: &["htt"],
        },
    ];

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn headers_over_two_rows_with_diacritics_or_not() {
        let grid = Grid {
            sheet: "x".into(),
            rows: vec![
                vec![t("BÁO CÁO"), Cell::Empty, Cell::Empty, Cell::Empty],
                vec![t("Mã "), t("Ten to chuc"), t("Đảng viên"), t("Đảng viên")],
                vec![t("Mã "), t("Ten to chuc"), t("HTXS"), t("htt")],
                vec![t("BD"), t("Quận ủy Ba Đình"), Cell::Number(1.0), Cell::Number(2.0)],
            ],
            converted: None,
        };
        let cols = find(&grid, FIELDS).unwrap();
        assert_eq!(cols.header_row, 2);
        assert_eq!(cols.col("code"), Some(0));
        assert_eq!(cols.col("name"), Some(1));
        assert_eq!(cols.col("htxs"), Some(2));
        assert_eq!(cols.col("htt"), Some(3));
        assert_eq!(cols.describe("htt").unwrap(), "D (htt)");
    }

    #[test]
    fn norm_folds() {
        assert_eq!(norm(" Mã tổ chức "), "ma to chuc");
        assert_eq!(norm("Điểm (100)"), "diem 100");
        assert_eq!(norm("Không xếp loại"), "khong xep loai");
    }
}
