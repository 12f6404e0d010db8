//! Reading a classification sheet back into import rows: columns found by
//! their headers, every cell checked, and the request that sends them.

use super::*;

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
    legacy: crate::io::read::LegacyMode,
    year: i32,
    under: Option<String>,
    dry_run: bool,
) -> Result<(crate::service::api::ClassificationImport, Option<crate::io::legacy::Legacy>), ServiceError> {
    let grid = crate::io::read::read(path, sheet, legacy)?;
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
