//! Read one sheet of a spreadsheet (.xlsx, .xlsm, .xls, .ods via calamine, or
//! .csv) into a grid of cells: formulas give their cached values, merged cells
//! are filled with their value, legacy Vietnamese text is converted.

use super::legacy::{self, Legacy};
use crate::service::{ErrorKind, ServiceError};
use calamine::{open_workbook_auto, Data, Reader, Sheets};
use std::path::Path;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Sheets with more rows than this are refused.
pub const MAX_ROWS: usize = 200_000;
/// Columns beyond this are not read.
pub const MAX_COLS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date serial number (days since 30/12/1899).
    Date(f64),
    Bool(bool),
    /// An error value (#N/A, #DIV/0! ...).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for messages and for text fields.
    pub fn show(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
            Cell::Number(x) | Cell::Date(x) => format!("{x}"),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// How to treat legacy 8-bit Vietnamese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LegacyMode {
    /// Detect it from the sheet's text.
    #[default]
    Auto,
    /// Convert from this encoding.
    Force(Legacy),
    /// Never convert.
    Off,
}

/// One sheet's cells, row by row, from its first row and column (A1).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
    /// The encoding text was converted from, if any.
    pub converted: Option<Legacy>,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }
}

fn bad(vi: String, en: String) -> ServiceError {
    ServiceError::new(ErrorKind::Invalid, vi, en)
}

/// Read `sheet` (default: the first) of the file at `path`.
pub fn read(path: &Path, sheet: Option<&str>, mode: LegacyMode) -> Result<Grid, ServiceError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("không đọc được tệp {shown}: {e}"), format!("cannot read {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(bad(format!("{shown} không phải là tệp"), format!("{shown} is not a file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(bad(
            format!(
                "tệp {shown} lớn {} MB, quá giới hạn {} MB; hãy chia nhỏ",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            format!(
                "{shown} is {} MB, over the limit of {} MB; split it",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let mut grid = match ext.as_str() {
        "csv" => read_csv(path)?,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "xla" | "ods" => read_book(path, sheet)?,
        _ => {
            return Err(bad(
                format!("{shown}: không phải bảng tính (.xlsx, .xls, .ods hoặc .csv)"),
                format!("{shown}: not a spreadsheet (.xlsx, .xls, .ods or .csv)"),
            ))
        }
    };
    let enc = match mode {
        LegacyMode::Off => None,
        LegacyMode::Force(e) => Some(e),
        LegacyMode::Auto => legacy::detect(grid.rows.iter().flatten().filter_map(|c| match c {
            Cell::Text(s) => Some(s.as_str()),
            _ => None,
        })),
    };
    if let Some(enc) = enc {
        for c in grid.rows.iter_mut().flatten() {
            if let Cell::Text(s) = c {
                *s = legacy::convert(s, enc);
            }
        }
        grid.converted = Some(enc);
    }
    Ok(grid)
}

fn read_book(path: &Path, sheet: Option<&str>) -> Result<Grid, ServiceError> {
    let shown = path.display();
    let mut book = open_workbook_auto(path).map_err(|e| {
        bad(
            format!("{shown}: không phải bảng tính đọc được ({e})"),
            format!("{shown}: not a readable spreadsheet ({e})"),
        )
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.as_str() == want)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| crate::domain::text::fold(n.trim()) == crate::domain::text::fold(want.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                bad(
                    format!("{shown}: không có trang '{want}' (có: {})", names.join(", ")),
                    format!("{shown}: no sheet '{want}' (there are: {})", names.join(", ")),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad(format!("{shown}: không có trang nào"), format!("{shown}: has no sheets")))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        bad(
            format!("{shown}: không đọc được trang '{name}' ({e})"),
            format!("{shown}: cannot read sheet '{name}' ({e})"),
        )
    })?;
    let merged = match &mut book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let (h, w) = range.get_size();
    if top as usize + h > MAX_ROWS {
        return Err(bad(
            format!("{shown}: trang '{name}' có {} dòng, quá giới hạn {MAX_ROWS}", top as usize + h),
            format!(
                "{shown}: sheet '{name}' has {} rows, over the limit of {MAX_ROWS}",
                top as usize + h
            ),
        ));
    }
    // Columns far to the right (formatting dragged to XFD) are not read.
    let w = w.min(MAX_COLS.saturating_sub(left as usize));
    let mut rows = vec![vec![Cell::Empty; (left as usize + w).min(MAX_COLS)]; top as usize + h];
    for (r, c, v) in range.used_cells() {
        if left as usize + c >= MAX_COLS {
            continue;
        }
        rows[top as usize + r][left as usize + c] = cell(v);
    }
    // A merged region shows its value in every cell it covers.
    for m in merged {
        let value = rows
            .get(m.start.0 as usize)
            .and_then(|r| r.get(m.start.1 as usize))
            .cloned()
            .unwrap_or(Cell::Empty);
        // Clamped to the cells read: a region may claim the whole sheet.
        let last_row = (m.end.0 as usize).min(rows.len().saturating_sub(1));
        for row in rows.iter_mut().take(last_row + 1).skip(m.start.0 as usize) {
            let last_col = (m.end.1 as usize).min(row.len().saturating_sub(1));
            for slot in row.iter_mut().take(last_col + 1).skip(m.start.1 as usize) {
                *slot = value.clone();
            }
        }
    }
    Ok(Grid {
        sheet: name,
        rows,
        converted: None,
    })
}

fn cell(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::Date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn read_csv(path: &Path) -> Result<Grid, ServiceError> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| bad(format!("không đọc được tệp {shown}: {e}"), format!("cannot read {shown}: {e}")))?;
    let body = bytes.strip_prefix(super::csv_out::BOM).unwrap_or(&bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        bad(
            format!("{shown}: không phải văn bản UTF-8 (byte {})", e.valid_up_to()),
            format!("{shown}: not UTF-8 text (byte {})", e.valid_up_to()),
        )
    })?;
    // Excel in a Vietnamese locale separates fields with ';'.
    let first = text.lines().next().unwrap_or("");
    let delim = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        if i >= MAX_ROWS {
            return Err(bad(
                format!("{shown}: hơn {MAX_ROWS} dòng, quá giới hạn"),
                format!("{shown}: more than {MAX_ROWS} rows, over the limit"),
            ));
        }
        let rec = rec.map_err(|e| bad(format!("{shown}, dòng {}: {e}", i + 1), format!("{shown}, line {}: {e}", i + 1)))?;
        rows.push(
            rec.iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    let sheet = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv").to_string();
    Ok(Grid {
        sheet,
        rows,
        converted: None,
    })
}

/// A column number as Excel's letters (0 → A, 26 → AA).
pub fn col_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(col_letter(27), "AB");
        assert_eq!(col_letter(701), "ZZ");
        assert_eq!(col_letter(702), "AAA");
    }
}
