//! A format-free model of a workbook: what an export produces and the xlsx and
//! CSV writers consume. Pure data, so the exporters are unit-tested without files.

use chrono::NaiveDate;

/// One cell's value, typed so that numbers stay numbers in Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A whole number, shown with thousands separators.
    Int(i64),
    /// A number with one decimal (scores).
    Decimal(f64),
    /// A percentage in points (88.1 means 88.1%), shown with one decimal.
    Percent(f64),
    Date(NaiveDate),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn opt_int(n: Option<u64>) -> Value {
        n.map(|n| Value::Int(n as i64)).unwrap_or(Value::Empty)
    }

    pub fn opt_pct(p: Option<f64>) -> Value {
        p.map(Value::Percent).unwrap_or(Value::Empty)
    }

    /// The value as CSV text: numbers plainly (a dot before decimals), dates dd/mm/yyyy.
    pub fn plain(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Decimal(x) | Value::Percent(x) => format!("{x}"),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// How a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowStyle {
    #[default]
    Normal,
    /// A total or subtotal row (bold).
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub style: RowStyle,
    pub cells: Vec<Value>,
}

/// A header cell that may span several columns (a group heading above sub-headings).
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub text: String,
    pub span: u16,
}

/// A line chart of some columns of the sheet's data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// The column holding the categories (e.g. the year).
    pub category_col: u16,
    /// Columns holding the series; each series is named by its last header.
    pub value_cols: Vec<u16>,
    pub y_title: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    /// Lines above the table (the party heading block, the title); the first
    /// cells of each line, e.g. ["ĐẢNG BỘ ...", "", "ĐẢNG CỘNG SẢN VIỆT NAM"].
    pub preamble: Vec<Vec<String>>,
    /// Header rows; a cell spanning n columns covers the next n-1 positions.
    /// A header whose `span` is 0 is covered by the one above it (merged downwards).
    pub header: Vec<Vec<Head>>,
    pub rows: Vec<Row>,
    /// Column widths in characters (missing: a default).
    pub widths: Vec<f64>,
    pub charts: Vec<Chart>,
    /// Landscape A4 fitted to the width of a page.
    pub landscape: bool,
}

impl Sheet {
    /// A sheet with one plain header row.
    pub fn simple(name: &str, headers: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            header: vec![headers
                .iter()
                .map(|h| Head {
                    text: h.to_string(),
                    span: 1,
                })
                .collect()],
            ..Default::default()
        }
    }

    pub fn push(&mut self, cells: Vec<Value>) {
        self.rows.push(Row {
            style: RowStyle::Normal,
            cells,
        });
    }

    pub fn push_total(&mut self, cells: Vec<Value>) {
        self.rows.push(Row {
            style: RowStyle::Total,
            cells,
        });
    }

    /// The text of each column's lowest header (what a reader matches columns by).
    pub fn column_names(&self) -> Vec<String> {
        let width = self.width();
        let mut names = vec![String::new(); width];
        for line in &self.header {
            let mut col = 0usize;
            for h in line {
                if h.span == 0 {
                    col += 1;
                    continue;
                }
                let end = (col + h.span as usize).min(width);
                for name in names.iter_mut().take(end).skip(col) {
                    *name = h.text.clone();
                }
                col += h.span as usize;
            }
        }
        names
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        let head = self
            .header
            .iter()
            .map(|l| l.iter().map(|h| h.span.max(1) as usize).sum::<usize>())
            .max()
            .unwrap_or(0);
        head.max(self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_spans_and_merges() {
        let s = Sheet {
            header: vec![
                vec![
                    Head {
                        text: "Mã".into(),
                        span: 1,
                    },
                    Head {
                        text: "Đảng viên".into(),
                        span: 2,
                    },
                ],
                vec![
                    Head {
                        text: String::new(),
                        span: 0,
                    },
                    Head {
                        text: "HTXS".into(),
                        span: 1,
                    },
                    Head {
                        text: "HTT".into(),
                        span: 1,
                    },
                ],
            ],
            ..Default::default()
        };
        assert_eq!(s.width(), 3);
        assert_eq!(s.column_names(), vec!["Mã", "HTXS", "HTT"]);
    }
}
