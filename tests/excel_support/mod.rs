//! Test helper that makes small spreadsheets with rust_xlsxwriter: the fixtures
//! under tests/fixtures/excel are written by it (delete one and run the tests to
//! make it again), and bad inputs are written to temporary directories.
#![allow(dead_code)]

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

/// One cell of a hand-made sheet.
#[derive(Clone)]
pub enum X {
    E,
    S(&'static str),
    Str(String),
    N(f64),
    /// A formula with the value Excel cached for it.
    F(&'static str, &'static str),
    /// A date cell (a serial number with a date format).
    D(u16, u8, u8),
}

/// A sheet: its name, rows, and merged ranges (first row, first col, last row, last col).
pub struct SheetSpec {
    pub name: &'static str,
    pub rows: Vec<Vec<X>>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

pub fn write(path: &Path, sheets: &[SheetSpec]) {
    let mut wb = Workbook::new();
    // A fixed creation time: the same spec gives the same bytes.
    let when = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(spec.name).unwrap();
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, x) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match x {
                    X::E => {}
                    X::S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    X::Str(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    X::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    X::F(f, v) => {
                        ws.write_formula(r, c, Formula::new(*f).set_result(*v)).unwrap();
                    }
                    X::D(y, m, d) => {
                        ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                            .unwrap();
                    }
                }
            }
        }
        for (r1, c1, r2, c2) in &spec.merges {
            let text = match spec.rows.get(*r1 as usize).and_then(|row| row.get(*c1 as usize)) {
                Some(X::S(s)) => s.to_string(),
                Some(X::Str(s)) => s.clone(),
                _ => String::new(),
            };
            ws.merge_range(*r1, *c1, *r2, *c2, &text, &Format::new()).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// The committed fixture `name`, written from `spec` if it is missing.
pub fn fixture(name: &str, spec: impl FnOnce() -> Vec<SheetSpec>) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/excel").join(name);
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        write(&path, &spec());
    }
    path
}

use X::*;

/// Excel realities for the small register (tests/common): a title, a header over
/// two rows with merged cells, codes with trailing spaces, counts stored as text,
/// a formula with its cached value, dates as a date cell, a serial number and text,
/// an empty row, a totals row.
pub fn realities() -> Vec<SheetSpec> {
    vec![SheetSpec {
        name: "KQ 2024",
        rows: vec![
            vec![S("KẾT QUẢ XẾP LOẠI NĂM 2024")],
            vec![E],
            vec![S("Mã"), S("Tên tổ chức"), S("Xếp loại"), S("Đảng viên"), E, E, E, E, S("Ngày QĐ")],
            vec![E, E, E, S("HTXS"), S("HTT"), S("HT"), S("KHT"), S("Không xếp loại"), E],
            vec![
                S("BD.01  "),
                S("Đảng bộ Phường Điện Biên "),
                S("Hoàn thành tốt nhiệm vụ"),
                N(11.0),
                N(38.0),
                N(5.0),
                N(1.0),
                N(0.0),
                D(2025, 1, 10),
            ],
            vec![E],
            vec![
                S(" BD.01.01"),
                S("Chi bộ Khu dân cư số 1"),
                S("htxs"),
                F("=2+3", "5"),
                S("18"),
                S(" 2 "),
                S("0"),
                E,
                N(45667.0),
            ],
            vec![
                S("bd.01.02"),
                S("Chi bộ Khu dân cư số 2"),
                N(2.0),
                S("6"),
                S("20"),
                S("3"),
                S("1"),
                S("0"),
                S("15/01/2025"),
            ],
            vec![E, S("Tổng cộng"), E, F("=SUM(D5:D8)", "22"), N(76.0), N(10.0), N(2.0), N(0.0)],
        ],
        merges: vec![(2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 3, 2), (2, 3, 2, 7), (2, 8, 3, 8)],
    }]
}

/// The same results typed with a TCVN3 (.VnTime) font, matched by name.
pub fn tcvn3() -> Vec<SheetSpec> {
    vec![SheetSpec {
        name: "Sheet1",
        rows: vec![
            vec![S("Tªn tæ chøc"), S("XÕp lo¹i")],
            vec![S("Chi bé Khu d©n c\u{AD} sè 1"), S("HTXS")],
            vec![S("Chi bé Khu d©n c\u{AD} sè 2"), S("HT")],
        ],
        merges: vec![],
    }]
}

/// The same results typed with a VNI font, matched by name.
pub fn vni() -> Vec<SheetSpec> {
    vec![SheetSpec {
        name: "Sheet1",
        rows: vec![
            vec![S("Teân toå chöùc"), S("Xeáp loaïi")],
            vec![S("Chi boä Khu daân cö soá 1"), S("HTT")],
            vec![S("Chi boä Khu daân cö soá 2"), S("KHT")],
        ],
        merges: vec![],
    }]
}
