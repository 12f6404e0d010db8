//! Write a [`Workbook`] model as an .xlsx file (rust_xlsxwriter): numbers
//! stored as numbers with formats, merged and frozen headers, A4 print setup.

use super::table::{Head, RowStyle, Sheet, Value, Workbook};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook as XWorkbook, Worksheet, XlsxError};

/// Paper size code of A4 in Excel's page setup.
const A4: u8 = 9;

struct Formats {
    head: Format,
    pre_bold: Format,
    pre: Format,
    text: Format,
    int: Format,
    dec: Format,
    pct: Format,
    date: Format,
}

impl Formats {
    fn new(bold: bool) -> Formats {
        let base = || {
            let f = Format::new().set_border(FormatBorder::Thin);
            if bold {
                f.set_bold()
            } else {
                f
            }
        };
        Formats {
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xDDEBF7),
            pre_bold: Format::new().set_bold().set_align(FormatAlign::Center),
            pre: Format::new().set_italic().set_align(FormatAlign::Center),
            text: base(),
            int: base().set_num_format("#,##0"),
            dec: base().set_num_format("0.0"),
            pct: base().set_num_format("0.0%"),
            date: base().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// Write `book` to `path`.
pub fn save(book: &Workbook, path: &std::path::Path) -> Result<(), XlsxError> {
    let mut wb = XWorkbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet)?;
    }
    wb.save(path)
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(safe_name(&s.name))?;
    let normal = Formats::new(false);
    let bold = Formats::new(true);
    let width = s.width().max(1) as u16;
    let mut row: u32 = 0;
    for line in &s.preamble {
        // Up to three blocks across the page: left, middle, right.
        let n = line.len().max(1) as u16;
        let block = (width / n).max(1);
        for (i, text) in line.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let first = i as u16 * block;
            let last = if i as u16 == n - 1 { width - 1 } else { first + block - 1 };
            let fmt = if text.chars().any(|c| c.is_lowercase()) && !text.starts_with("Số") {
                &normal.pre
            } else {
                &normal.pre_bold
            };
            if last > first {
                ws.merge_range(row, first, row, last, text, fmt)?;
            } else {
                ws.write_string_with_format(row, first, text, fmt)?;
            }
        }
        row += 1;
    }
    if !s.preamble.is_empty() {
        row += 1;
    }
    let head_top = row;
    write_header(ws, &s.header, head_top, &normal.head)?;
    row += s.header.len() as u32;
    let first_data = row;
    ws.set_freeze_panes(first_data, 0)?;
    if !s.header.is_empty() {
        ws.set_repeat_rows(head_top, first_data - 1)?;
    }
    for r in &s.rows {
        let f = if r.style == RowStyle::Total { &bold } else { &normal };
        for (c, v) in r.cells.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Empty => ws.write_blank(row, c, &f.text)?,
                Value::Text(t) => ws.write_string_with_format(row, c, t, &f.text)?,
                Value::Int(n) => ws.write_number_with_format(row, c, *n as f64, &f.int)?,
                Value::Decimal(x) => ws.write_number_with_format(row, c, *x, &f.dec)?,
                Value::Percent(p) => ws.write_number_with_format(row, c, *p / 100.0, &f.pct)?,
                Value::Date(d) => {
                    use chrono::Datelike;
                    match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                        Ok(x) => ws.write_datetime_with_format(row, c, &x, &f.date)?,
                        Err(_) => ws.write_string_with_format(row, c, d.format("%d/%m/%Y").to_string(), &f.text)?,
                    }
                }
            };
        }
        row += 1;
    }
    for c in 0..width {
        let w = s.widths.get(c as usize).copied().unwrap_or(10.0);
        ws.set_column_width(c, w)?;
    }
    if s.landscape {
        ws.set_landscape();
        ws.set_paper_size(A4);
        ws.set_print_fit_to_pages(1, 0);
    }
    let last_data = row.saturating_sub(1);
    for (i, ch) in s.charts.iter().enumerate() {
        if s.rows.is_empty() {
            break;
        }
        let names = s.column_names();
        let mut chart = Chart::new(ChartType::Line);
        chart.title().set_name(&ch.title);
        chart.y_axis().set_name(&ch.y_title);
        for col in &ch.value_cols {
            chart
                .add_series()
                .set_name(&names.get(*col as usize).cloned().unwrap_or_default())
                .set_categories((s.name.as_str(), first_data, ch.category_col, last_data, ch.category_col))
                .set_values((s.name.as_str(), first_data, *col, last_data, *col));
        }
        ws.insert_chart(row + 2 + i as u32 * 18, 0, &chart)?;
    }
    Ok(())
}

/// Header lines: a cell spanning columns merges across; a cell with span 0
/// below another makes that one merge downwards.
fn write_header(ws: &mut Worksheet, header: &[Vec<Head>], top: u32, fmt: &Format) -> Result<(), XlsxError> {
    // (line, col) of every cell with its span, and which positions are covered from above.
    let mut placed: Vec<Vec<(u16, &Head)>> = Vec::new();
    for line in header {
        let mut col = 0u16;
        let mut cells = Vec::new();
        for h in line {
            cells.push((col, h));
            col += h.span.max(1);
        }
        placed.push(cells);
    }
    for (li, cells) in placed.iter().enumerate() {
        for (col, h) in cells {
            if h.span == 0 {
                continue;
            }
            let mut down = 0u32;
            for below in placed.iter().skip(li + 1) {
                if below.iter().any(|(c, b)| c == col && b.span == 0) {
                    down += 1;
                } else {
                    break;
                }
            }
            let r = top + li as u32;
            let last_col = col + h.span - 1;
            if down > 0 || h.span > 1 {
                ws.merge_range(r, *col, r + down, last_col, &h.text, fmt)?;
            } else {
                ws.write_string_with_format(r, *col, &h.text, fmt)?;
            }
        }
    }
    Ok(())
}

/// Excel's sheet names: at most 31 characters, none of []:*?/\ .
fn safe_name(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect();
    if cleaned.trim().is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}
