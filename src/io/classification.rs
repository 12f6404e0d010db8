//! The classification sheet: the export of a year's classifications (one row
//! per organisation) and the reading of such a sheet back into import rows.

use super::columns::{self, Columns, Field};
use super::read::{Cell, Grid};
use super::table::{Head, Sheet, Value, Workbook};
use super::values;
use crate::domain::classification::NotRatedBy;
use crate::domain::{Lang, Level, Tallies};
use crate::service::api::{ClassList, ImportRow};
use crate::service::{ErrorKind, ServiceError};
use std::collections::HashMap;

/// The columns of the export, in order: (field, Vietnamese, English).
const COLUMNS: &[(&str, &str, &str)] = &[
    ("code", "Mã", "Code"),
    ("name", "Tên tổ chức", "Name"),
    ("kind", "Loại", "Kind"),
    ("parent", "Cấp trên", "Parent"),
    ("total", "Số đảng viên", "Members"),
    ("level", "Xếp loại", "Level"),
    ("score", "Điểm", "Score"),
    ("htxs", "HTXS", "HTXS"),
    ("htt", "HTT", "HTT"),
    ("ht", "HT", "HT"),
    ("kht", "KHT", "KHT"),
    ("not_rated", "Không xếp loại", "Not rated"),
    // The not-rated members by reason (HD 21 / HD 25 / HD 43 summary forms).
    ("suspended", "Đình chỉ sinh hoạt", "Suspended"),
    ("recent", "Kết nạp dưới 6 tháng", "Admitted < 6 months"),
    ("exempt", "Miễn công tác và sinh hoạt", "Exempted"),
    ("decision", "Số quyết định", "Decision"),
    ("decided", "Ngày quyết định", "Decided"),
    ("note", "Ghi chú", "Note"),
];

/// The first and last column of the members' tallies (under one group heading).
const TALLY_COLS: (usize, usize) = (7, 14);

/// A year's classifications as a workbook of one sheet.
pub fn export(list: &ClassList, lang: Lang) -> Workbook {
    let vi = lang == Lang::Vi;
    let mut codes: HashMap<_, &str> = HashMap::with_capacity(list.rows.len());
    for r in &list.rows {
        codes.insert(r.id, r.code.as_str());
    }
    let title = if vi {
        format!("XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG NĂM {} ({})", list.year, list.scope)
    } else {
        format!("QUALITY CLASSIFICATION OF PARTY ORGANISATIONS, {} ({})", list.year, list.scope)
    };
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for (i, (_, v, e)) in COLUMNS.iter().enumerate() {
        let text = if vi { *v } else { *e };
        if i == TALLY_COLS.0 {
            let group = if vi { "Xếp loại đảng viên" } else { "Members by level" };
            top.push(Head {
                text: group.into(),
                span: (TALLY_COLS.1 - TALLY_COLS.0 + 1) as u16,
            });
        }
        if (TALLY_COLS.0..=TALLY_COLS.1).contains(&i) {
            bottom.push(Head {
                text: text.into(),
                span: 1,
            });
        } else {
            top.push(Head {
                text: text.into(),
                span: 1,
            });
            bottom.push(Head {
                text: String::new(),
                span: 0,
            });
        }
    }
    let mut sheet = Sheet {
        name: if vi { "Xếp loại".into() } else { "Classification".into() },
        preamble: vec![vec![title]],
        header: vec![top, bottom],
        widths: vec![
            12.0, 44.0, 18.0, 10.0, 10.0, 9.0, 7.0, 7.0, 7.0, 7.0, 7.0, 9.0, 10.0, 10.0, 10.0, 16.0, 12.0, 24.0,
        ],
        ..Default::default()
    };
    for r in &list.rows {
        let parent = r.parent.and_then(|p| codes.get(&p).copied()).unwrap_or(list.scope.as_str());
        let c = r.class.as_ref();
        let t = c.and_then(|c| c.members);
        let tally = |f: fn(&Tallies) -> u32| t.as_ref().map(|t| Value::Int(f(t) as i64)).unwrap_or(Value::Empty);
        let by = t.and_then(|t| t.not_rated_by);
        let reason = |f: fn(&NotRatedBy) -> u32| by.as_ref().map(|b| Value::Int(f(b) as i64)).unwrap_or(Value::Empty);
        sheet.push(vec![
            Value::text(&r.code),
            Value::text(&r.name),
            Value::text(if vi { r.kind.name_vi() } else { r.kind.name_en() }),
            Value::text(parent),
            Value::Int(r.total_members as i64),
            c.map(|c| Value::text(c.level.short())).unwrap_or(Value::Empty),
            c.and_then(|c| c.score).map(Value::Decimal).unwrap_or(Value::Empty),
            tally(|t| t.htxs),
            tally(|t| t.htt),
            tally(|t| t.ht),
            tally(|t| t.kht),
            tally(|t| t.not_rated),
            reason(|b| b.suspended),
            reason(|b| b.recent),
            reason(|b| b.exempt),
            c.and_then(|c| c.decision.clone()).map(Value::Text).unwrap_or(Value::Empty),
            c.and_then(|c| c.decided).map(Value::Date).unwrap_or(Value::Empty),
            c.and_then(|c| c.note.clone()).map(Value::Text).unwrap_or(Value::Empty),
        ]);
    }
    Workbook { sheets: vec![sheet] }
}

/// The headers an import recognises (folded; see `columns::norm`).
pub const FIELDS: &[Field] = &[
    Field {
        name: "code",
        headers: &["ma", "ma to chuc", "ma don vi", "ma so", "ma tcd", "code", "org code"],
    },
    Field {
        name: "name",
        headers: &[
            "ten",
            "ten to chuc",
            "to chuc",
            "ten to chuc dang",
            "to chuc dang",
            "ten don vi",
            "don vi",
            "ten tccsd",
            "name",
            "organisation",
            "organization",
        ],
    },
    Field {
        name: "level",
        headers: &[
            "xep loai",
            "muc xep loai",
            "ket qua xep loai",
            "xep loai chat luong",
            "xep loai to chuc",
            "xep loai tcd",
            "level",
            "classification",
            "rating",
        ],
    },
    Field {
        name: "score",
        headers: &["diem", "tong diem", "diem danh gia", "diem tu cham", "score", "points"],
    },
    Field {
        name: "htxs",
        headers: &[
            "htxs",
            "dv htxs",
            "dang vien htxs",
            "hoan thanh xuat sac nhiem vu",
            "hoan thanh xuat sac",
            "members htxs",
        ],
    },
    Field {
        name: "htt",
        headers: &[
            "htt",
            "dv htt",
            "dang vien htt",
            "hoan thanh tot nhiem vu",
            "hoan thanh tot",
            "members htt",
        ],
    },
    Field {
        name: "ht",
        headers: &["ht", "dv ht", "dang vien ht", "hoan thanh nhiem vu", "hoan thanh", "members ht"],
    },
    Field {
        name: "kht",
        headers: &[
            "kht",
            "dv kht",
            "dang vien kht",
            "khong hoan thanh nhiem vu",
            "khong hoan thanh",
            "members kht",
        ],
    },
    Field {
        name: "not_rated",
        headers: &[
            "khong xep loai",
            "chua xep loai",
            "khong danh gia",
            "dv khong xep loai",
            "khong xep loai dv",
            "not rated",
            "unrated",
        ],
    },
    Field {
        name: "suspended",
        headers: &[
            "dinh chi sinh hoat",
            "bi dinh chi sinh hoat",
            "tam dinh chi sinh hoat",
            "dang vien bi dinh chi sinh hoat",
            "dinh chi sinh hoat dang",
            "bi dinh chi sinh hoat dang",
            "dang vien bi dinh chi sinh hoat dang",
            "dv dinh chi sinh hoat",
            "dinh chi",
            "suspended",
            "not rated suspended",
        ],
    },
    Field {
        name: "recent",
        headers: &[
            "ket nap duoi 6 thang",
            "moi ket nap duoi 6 thang",
            "ket nap chua du 6 thang",
            "moi ket nap chua du 6 thang",
            "dang vien moi ket nap duoi 6 thang",
            "dang vien moi ket nap chua du 6 thang",
            "dang vien ket nap chua du 6 thang",
            "dang vien moi ket nap",
            "dv moi ket nap duoi 6 thang",
            "moi ket nap",
            "admitted 6 months",
            "admitted less than 6 months",
            "admitted under 6 months",
            "recently admitted",
        ],
    },
    Field {
        name: "exempt",
        headers: &[
            "mien cong tac va sinh hoat",
            "mien cong tac va sinh hoat dang",
            "duoc mien cong tac va sinh hoat",
            "duoc mien cong tac va sinh hoat dang",
            "mien cong tac sinh hoat",
            "mien sinh hoat",
            "dv mien cong tac va sinh hoat",
            "dang vien mien cong tac va sinh hoat",
            "dang vien duoc mien cong tac va sinh hoat",
            "dang vien duoc mien cong tac va sinh hoat dang",
            "dang vien mien sinh hoat",
            "duoc mien sinh hoat",
            "mien danh gia",
            "exempted",
            "exempt",
        ],
    },
    Field {
        name: "decision",
        headers: &["so quyet dinh", "quyet dinh", "so qd", "qd", "decision"],
    },
    Field {
        name: "decided",
        headers: &["ngay quyet dinh", "ngay qd", "ngay", "decided", "decision date", "date"],
    },
    Field {
        name: "note",
        headers: &["ghi chu", "note", "notes"],
    },
];

/// A totals line under a table ("Tổng cộng", "Cộng: Quận ủy Ba Đình"), not an organisation.
pub fn is_total(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    ["cộng:", "cong:", "tổng cộng:", "tong cong:", "total:"]
        .iter()
        .any(|p| lower.starts_with(p))
        || matches!(
            columns::norm(name).as_str(),
            "tong" | "tong cong" | "tong so" | "cong" | "total" | "totals" | "sum"
        )
}

const TALLY_FIELDS: [&str; 5] = ["htxs", "htt", "ht", "kht", "not_rated"];

/// The not-rated members by reason: suspended, admitted less than 6 months before, exempted.
const REASON_FIELDS: [&str; 3] = ["suspended", "recent", "exempt"];

/// Import rows read from `grid`, and where each field's column is.
pub struct Parsed {
    pub columns: Columns,
    pub rows: Vec<ImportRow>,
}

/// Read the classification rows of `grid`.
pub fn parse(grid: &Grid) -> Result<Parsed, ServiceError> {
    let Some(cols) = columns::find(grid, FIELDS).filter(|c| c.col("code").is_some() || c.col("name").is_some()) else {
        return Err(ServiceError::new(
            ErrorKind::Invalid,
            format!(
                "trang '{}': không thấy cột 'Mã' hoặc 'Tên tổ chức' trong {} dòng đầu (cần một trong hai, cùng 'Xếp loại', 'Điểm' hoặc 'HTXS', 'HTT', 'HT', 'KHT', 'Không xếp loại')",
                grid.sheet,
                grid.rows.len().min(20)
            ),
            format!(
                "sheet '{}': no 'Code' (Mã) or 'Name' (Tên tổ chức) column in the first {} rows (one of them is needed, with 'Level' (Xếp loại), 'Score' (Điểm) or 'HTXS', 'HTT', 'HT', 'KHT', 'Not rated')",
                grid.sheet,
                grid.rows.len().min(20)
            ),
        ));
    };
    let has_values = ["level", "score", "decision", "decided", "note"]
        .iter()
        .chain(TALLY_FIELDS.iter())
        .chain(REASON_FIELDS.iter())
        .any(|f| cols.col(f).is_some());
    if !has_values {
        return Err(ServiceError::new(
            ErrorKind::Invalid,
            format!(
                "trang '{}': thiếu cột 'Xếp loại' (hoặc 'Điểm', hoặc số đảng viên theo mức: 'HTXS', 'HTT', ...)",
                grid.sheet
            ),
            format!(
                "sheet '{}': no 'Level' (Xếp loại) column (nor 'Score', nor members by level: 'HTXS', 'HTT', ...)",
                grid.sheet
            ),
        ));
    }
    let mut rows = Vec::new();
    for r in cols.data_rows(grid) {
        let get = |f: &str| cols.col(f).map(|c| grid.get(r, c)).unwrap_or(&Cell::Empty);
        let text = |f: &str| -> Result<Option<String>, ServiceError> {
            match get(f) {
                Cell::Error(e) => Err(cols.refuse(grid, r, f, e, "ô báo lỗi công thức", "the cell holds a formula error")),
                c if c.is_empty() => Ok(None),
                c => Ok(Some(crate::domain::text::clean(&c.show()))),
            }
        };
        let code = text("code")?;
        let name = text("name")?;
        if code.is_none() && name.as_deref().is_none_or(is_total) {
            // A row of totals or notes under the table, or an empty line with formatting.
            continue;
        }
        let level = match get("level") {
            c if c.is_empty() => None,
            c => {
                let s = c.show();
                Some(Level::parse(&s).ok_or_else(|| {
                    cols.refuse(
                        grid,
                        r,
                        "level",
                        &s,
                        "không phải mức xếp loại (HTXS, HTT, HT, KHT, 1-4 hoặc tên đầy đủ)",
                        "not a level (HTXS, HTT, HT, KHT, 1-4 or the full name)",
                    )
                })?)
            }
        };
        let score = match get("score") {
            c if c.is_empty() => None,
            c => Some(values::number(c).ok_or_else(|| cols.refuse(grid, r, "score", &c.show(), "không phải số", "not a number"))?),
        };
        let count = |f: &str| -> Result<Option<u32>, ServiceError> {
            let c = get(f);
            if c.is_empty() {
                return Ok(None);
            }
            values::count(c).map(Some).ok_or_else(|| {
                cols.refuse(
                    grid,
                    r,
                    f,
                    &c.show(),
                    "không phải số nguyên từ 0 trở lên",
                    "not a whole number of 0 or more",
                )
            })
        };
        let mut tallies = [None; 5];
        for (i, f) in TALLY_FIELDS.iter().enumerate() {
            tallies[i] = count(f)?;
        }
        let mut reasons = [None; 3];
        for (i, f) in REASON_FIELDS.iter().enumerate() {
            reasons[i] = count(f)?;
        }
        let by = reasons.iter().any(Option::is_some).then(|| NotRatedBy {
            suspended: reasons[0].unwrap_or(0),
            recent: reasons[1].unwrap_or(0),
            exempt: reasons[2].unwrap_or(0),
        });
        if let Some(by) = &by {
            // The reasons give the not-rated count; one written beside them must agree.
            let sum = by.sum();
            match tallies[4] {
                Some(n) if n as u64 != sum => {
                    return Err(cols.refuse(grid, r,
                        "not_rated",
                        &n.to_string(),
                        &format!("khác tổng số không xếp loại theo lý do ({sum} = đình chỉ sinh hoạt + kết nạp dưới 6 tháng + miễn công tác và sinh hoạt)"),
                        &format!("differs from the not-rated members by reason ({sum} = suspended + admitted < 6 months + exempted)"),
                    ))
                }
                Some(_) => {}
                None => {
                    let n = u32::try_from(sum).map_err(|_| {
                        cols.refuse(grid, r,
                            "suspended",
                            &sum.to_string(),
                            "số không xếp loại quá lớn",
                            "too many not-rated members",
                        )
                    })?;
                    tallies[4] = Some(n);
                }
            }
        }
        let members = tallies.iter().any(Option::is_some).then(|| Tallies {
            htxs: tallies[0].unwrap_or(0),
            htt: tallies[1].unwrap_or(0),
            ht: tallies[2].unwrap_or(0),
            kht: tallies[3].unwrap_or(0),
            not_rated: tallies[4].unwrap_or(0),
            not_rated_by: by,
        });
        let decided = match get("decided") {
            c if c.is_empty() => None,
            c => Some(values::date(c).ok_or_else(|| {
                cols.refuse(
                    grid,
                    r,
                    "decided",
                    &c.show(),
                    "không phải ngày (dd/mm/yyyy)",
                    "not a date (dd/mm/yyyy)",
                )
            })?),
        };
        rows.push(ImportRow {
            row: r as u32 + 1,
            code: code.map(|c| c.to_uppercase()),
            name,
            level,
            score,
            members,
            decision: text("decision")?,
            decided,
            note: text("note")?,
        });
    }
    Ok(Parsed { columns: cols, rows })
}

/// Field → "F (Xếp loại)" for the service's messages; the tallies share the field "members".
pub fn column_map(cols: &Columns) -> std::collections::BTreeMap<String, String> {
    let mut m = std::collections::BTreeMap::new();
    for (f, _, _) in &cols.found {
        if let Some(d) = cols.describe(f) {
            m.insert(f.to_string(), d);
        }
    }
    let tallies: Vec<String> = TALLY_FIELDS
        .iter()
        .chain(REASON_FIELDS.iter())
        .filter_map(|f| cols.describe(f))
        .collect();
    if !tallies.is_empty() {
        m.insert("members".into(), tallies.join(", "));
    }
    m
}

/// Read a file into the one request that imports it (what `thuky import
/// classification` sends), and the legacy encoding its text was converted from.
pub fn request(
    path: &std::path::Path,
    sheet: Option<&str>,
    legacy: super::read::LegacyMode,
    year: i32,
    under: Option<String>,
    dry_run: bool,
) -> Result<(crate::service::api::ClassificationImport, Option<super::legacy::Legacy>), ServiceError> {
    let grid = super::read::read(path, sheet, legacy)?;
    let parsed = parse(&grid)?;
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| path.display().to_string());
    let req = crate::service::api::ClassificationImport {
        year,
        file_name,
        sheet: grid.sheet.clone(),
        columns: column_map(&parsed.columns),
        under,
        rows: parsed.rows,
        dry_run,
    };
    Ok((req, grid.converted))
}
