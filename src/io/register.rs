//! The register sheet: the tree as of a date, parents before children (export),
//! and the reading of such a sheet into organisations to found (import).

use super::columns::{self, Columns, Field};
use super::read::{Cell, Grid};
use super::table::{Sheet, Value, Workbook};
use super::values;
use crate::domain::{Lang, OrgKind};
use crate::service::api::{Founding, RegisterImport, RegisterImportRow, TreeView};
use crate::service::{ErrorKind, ServiceError};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The tree of `view` (under `under`, or all of it), one row per organisation,
/// with the founding decision and its date from `foundings` (the service's `FoundingList`).
pub fn export(view: &TreeView, foundings: &[Founding], under: Option<&str>, lang: Lang) -> Workbook {
    let mut sheet = Sheet::simple(
        lang.pick("Tổ chức", "Register"),
        &[
            lang.pick("Mã", "Code"),
            lang.pick("Tên tổ chức", "Name"),
            lang.pick("Loại", "Kind"),
            lang.pick("Cấp trên", "Parent"),
            lang.pick("Số đảng viên", "Members"),
            lang.pick("Tổng số đảng viên", "Members in all"),
            lang.pick("Số quyết định thành lập", "Founding decision"),
            lang.pick("Ngày thành lập", "Founding date"),
        ],
    );
    sheet.preamble = vec![vec![match lang {
        Lang::Vi => format!("DANH SÁCH TỔ CHỨC ĐẢNG NGÀY {}", view.at.format("%d/%m/%Y")),
        Lang::En => format!("PARTY ORGANISATIONS ON {}", view.at.format("%d/%m/%Y")),
    }]];
    sheet.widths = vec![12.0, 48.0, 20.0, 12.0, 10.0, 12.0, 20.0, 12.0];
    let founding: HashMap<_, &Founding> = foundings.iter().map(|f| (f.id, f)).collect();
    let codes: HashMap<_, &str> = view.nodes.iter().map(|n| (n.id, n.code.as_str())).collect();
    // Nodes come parents first; keep the subtree of `under`.
    let start = under.and_then(|u| view.nodes.iter().position(|n| n.code.eq_ignore_ascii_case(u.trim())));
    let nodes: Vec<_> = match start {
        Some(i) => {
            let depth = view.nodes[i].depth;
            std::iter::once(&view.nodes[i])
                .chain(view.nodes[i + 1..].iter().take_while(|n| n.depth > depth))
                .collect()
        }
        None => view.nodes.iter().collect(),
    };
    for n in nodes {
        sheet.push(vec![
            Value::text(&n.code),
            Value::text(&n.name),
            Value::text(lang.pick(n.kind.name_vi(), n.kind.name_en())),
            n.parent
                .and_then(|p| codes.get(&p))
                .map(|c| Value::text(*c))
                .unwrap_or(Value::Empty),
            Value::Int(n.members as i64),
            Value::Int(n.total_members as i64),
            founding
                .get(&n.id)
                .map(|f| f.founding_ref.trim())
                .filter(|r| !r.is_empty())
                .map(Value::text)
                .unwrap_or(Value::Empty),
            founding
                .get(&n.id)
                .and_then(|f| f.founding_date)
                .map(Value::Date)
                .unwrap_or(Value::Empty),
        ]);
    }
    Workbook { sheets: vec![sheet] }
}

pub const FIELDS: &[Field] = &[
    Field {
        name: "code",
        headers: &["ma", "ma to chuc", "ma don vi", "code"],
    },
    Field {
        name: "name",
        headers: &["ten", "ten to chuc", "to chuc", "ten to chuc dang", "ten don vi", "name"],
    },
    Field {
        name: "kind",
        headers: &["loai", "loai to chuc", "loai hinh", "cap to chuc", "kind", "type"],
    },
    Field {
        name: "parent",
        headers: &[
            "cap tren",
            "ma cap tren",
            "truc thuoc",
            "ma truc thuoc",
            "to chuc cap tren",
            "parent",
            "parent code",
        ],
    },
    Field {
        name: "members",
        headers: &["so dang vien", "dang vien", "so dv", "members"],
    },
    Field {
        name: "founding_ref",
        headers: &[
            "so quyet dinh thanh lap",
            "quyet dinh thanh lap",
            "so qd thanh lap",
            "qd thanh lap",
            "founding decision",
            "decision",
        ],
    },
    Field {
        name: "founding_date",
        headers: &[
            "ngay thanh lap",
            "ngay quyet dinh thanh lap",
            "ngay qd thanh lap",
            "founded",
            "founding date",
            "date",
        ],
    },
];

/// Read the organisations of `grid`.
pub fn parse(grid: &Grid) -> Result<(Columns, Vec<RegisterImportRow>), ServiceError> {
    let cols = columns::find(grid, FIELDS).filter(|c| c.col("name").is_some() && c.col("kind").is_some());
    let Some(cols) = cols else {
        return Err(ServiceError::new(
            ErrorKind::Invalid,
            format!(
                "trang '{}': cần cột 'Tên tổ chức' và 'Loại' (cùng 'Mã', 'Cấp trên', 'Số đảng viên', 'Ngày thành lập')",
                grid.sheet
            ),
            format!(
                "sheet '{}': needs 'Name' (Tên tổ chức) and 'Kind' (Loại) columns (with 'Code', 'Parent', 'Members', 'Founding date')",
                grid.sheet
            ),
        ));
    };
    let mut rows = Vec::new();
    for r in cols.data_rows(grid) {
        let get = |f: &str| cols.col(f).map(|c| grid.get(r, c)).unwrap_or(&Cell::Empty);
        let text = |f: &str| {
            Some(get(f))
                .filter(|c| !c.is_empty())
                .map(|c| crate::domain::text::clean(&c.show()))
        };
        let Some(name) = text("name") else {
            return Err(cols.refuse(grid, r, "name", "", "thiếu tên tổ chức", "the name is missing"));
        };
        let kind_text = text("kind").unwrap_or_default();
        let kind = OrgKind::parse(&kind_text).ok_or_else(|| {
            cols.refuse(
                grid,
                r,
                "kind",
                &kind_text,
                "không phải loại tổ chức (Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc, ...)",
                "not a kind of organisation (grassroots committee, grassroots cell, cell, ...)",
            )
        })?;
        let members = match get("members") {
            c if c.is_empty() => 0,
            c => values::count(c).ok_or_else(|| {
                cols.refuse(
                    grid,
                    r,
                    "members",
                    &c.show(),
                    "không phải số nguyên từ 0 trở lên",
                    "not a whole number of 0 or more",
                )
            })?,
        };
        let founding_date: Option<NaiveDate> = match get("founding_date") {
            c if c.is_empty() => None,
            c => Some(values::date(c).ok_or_else(|| {
                cols.refuse(
                    grid,
                    r,
                    "founding_date",
                    &c.show(),
                    "không phải ngày (dd/mm/yyyy)",
                    "not a date (dd/mm/yyyy)",
                )
            })?),
        };
        rows.push(RegisterImportRow {
            row: r as u32 + 1,
            code: text("code").map(|c| c.to_uppercase()),
            name,
            kind,
            parent: text("parent").map(|c| c.to_uppercase()),
            members,
            founding_ref: text("founding_ref"),
            founding_date,
        });
    }
    Ok((cols, rows))
}

/// Read a file into the one request that imports it, and the legacy encoding converted from.
pub fn request(
    path: &std::path::Path,
    sheet: Option<&str>,
    legacy: super::read::LegacyMode,
    at: NaiveDate,
    dry_run: bool,
) -> Result<(RegisterImport, Option<super::legacy::Legacy>), ServiceError> {
    let grid = super::read::read(path, sheet, legacy)?;
    let (cols, rows) = parse(&grid)?;
    let mut columns = std::collections::BTreeMap::new();
    for (f, _, _) in &cols.found {
        if let Some(d) = cols.describe(f) {
            columns.insert(f.to_string(), d);
        }
    }
    // The service's fields for the same columns.
    if let Some(d) = cols.describe("founding_date") {
        columns.insert("at".into(), d);
    }
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| path.display().to_string());
    Ok((
        RegisterImport {
            file_name,
            sheet: grid.sheet.clone(),
            columns,
            at,
            rows,
            dry_run,
        },
        grid.converted,
    ))
}
