//! Write the first sheet of a [`Workbook`] model as CSV: UTF-8 with a byte
//! order mark (so that Excel opens it with the diacritics right), the lowest
//! header line as the header, one line per row.

use super::table::Workbook;
use std::io::Write;

/// The byte order mark Excel looks for to read a CSV file as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn to_bytes(book: &Workbook) -> Result<Vec<u8>, csv::Error> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        if let Some(sheet) = book.sheets.first() {
            w.write_record(sheet.column_names())?;
            for r in &sheet.rows {
                w.write_record(r.cells.iter().map(|v| v.plain()))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

pub fn save(book: &Workbook, path: &std::path::Path) -> std::io::Result<()> {
    let bytes = to_bytes(book).map_err(std::io::Error::other)?;
    let mut f = std::fs::File::create(path)?;
    f.write_all(&bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::super::table::{Sheet, Value, Workbook};
    use super::*;

    #[test]
    fn starts_with_bom_and_quotes_commas() {
        let mut s = Sheet::simple("x", &["Mã", "Tên"]);
        s.push(vec![Value::text("BD"), Value::text("Quận ủy Ba Đình, Hà Nội")]);
        let bytes = to_bytes(&Workbook { sheets: vec![s] }).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "Mã,Tên\nBD,\"Quận ủy Ba Đình, Hà Nội\"\n");
    }
}
