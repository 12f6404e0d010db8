//! The admissions sheet: organisations × months with committee subtotals and
//! allocations (export), and the reading of such a sheet into import rows.

use super::classification::is_total;
use super::columns::{self, Columns, Field};
use super::read::Grid;
use super::table::{Sheet, Value, Workbook};
use super::values;
use crate::domain::report::AdmissionSummary;
use crate::domain::{year_end, Lang, OrgId};
use crate::service::api::{AdmissionImportRow, AdmissionList, AdmissionsImport, ReportView, Request, Response, TreeView};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};
use std::collections::HashMap;

/// A directly subordinate committee with its admissions as the domain rolls them up.
pub struct Committee {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub summary: AdmissionSummary,
}

/// Everything the admissions sheet is laid out from.
pub struct Inputs {
    pub year: i32,
    pub scope: ReportView,
    pub committees: Vec<Committee>,
    pub list: AdmissionList,
    /// Organisation → the committee (child of the scope) it stood under at the end of the year.
    pub unit_of: HashMap<OrgId, OrgId>,
}

fn unexpected() -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, "câu trả lời không mong đợi", "unexpected answer")
}

/// Ask the service for the year's admissions, the tree and each committee's roll-up.
pub fn gather(b: &mut dyn Backend, year: i32, under: Option<String>) -> Result<Inputs, ServiceError> {
    let Response::Report(scope) = b.call(Request::Report {
        year,
        under: under.clone(),
    })?
    else {
        return Err(unexpected());
    };
    let Response::AdmissionList(list) = b.call(Request::AdmissionList { year, under })? else {
        return Err(unexpected());
    };
    let Response::Tree(tree) = b.call(Request::Tree {
        at: year_end(year),
        year: None,
    })?
    else {
        return Err(unexpected());
    };
    let unit_of = units(&tree, &scope.scope_code);
    let mut committees = Vec::new();
    let scope_id = tree.nodes.iter().find(|n| n.code == scope.scope_code).map(|n| n.id);
    for n in tree.nodes.iter().filter(|n| n.parent.is_some() && n.parent == scope_id) {
        let Response::Report(r) = b.call(Request::Report {
            year,
            under: Some(n.code.clone()),
        })?
        else {
            return Err(unexpected());
        };
        committees.push(Committee {
            id: n.id,
            code: n.code.clone(),
            name: n.name.clone(),
            summary: r.report.admissions,
        });
    }
    Ok(Inputs {
        year,
        scope: *scope,
        committees,
        list: *list,
        unit_of,
    })
}

/// Each organisation under `scope` → the child of `scope` above it (nodes come parents first).
fn units(tree: &TreeView, scope: &str) -> HashMap<OrgId, OrgId> {
    let Some(root) = tree.nodes.iter().find(|n| n.code == scope).map(|n| n.id) else {
        return HashMap::new();
    };
    let mut unit: HashMap<OrgId, OrgId> = HashMap::new();
    for n in &tree.nodes {
        match n.parent {
            Some(p) if p == root => {
                unit.insert(n.id, n.id);
            }
            Some(p) => {
                if let Some(u) = unit.get(&p).copied() {
                    unit.insert(n.id, u);
                }
            }
            None => {}
        }
    }
    unit
}

const MONTH_COLS: usize = 12;

fn months_row(code: Value, name: String, months: &[u64; 12], total: u64, plan: Option<u32>, pct: Option<f64>) -> Vec<Value> {
    let mut v = vec![code, Value::Text(name)];
    v.extend(months.iter().map(|n| Value::Int(*n as i64)));
    v.push(Value::Int(total as i64));
    v.push(plan.map(|p| Value::Int(p as i64)).unwrap_or(Value::Empty));
    v.push(Value::opt_pct(pct));
    v
}

/// The admissions workbook: per committee a subtotal (the domain's roll-up, with
/// its allocation), then its organisations; the total of the scope at the end.
pub fn export(inp: &Inputs, lang: Lang) -> Workbook {
    let vi = lang == Lang::Vi;
    let mut headers: Vec<String> = vec![lang.pick("Mã", "Code").into(), lang.pick("Tên tổ chức", "Name").into()];
    headers.extend((1..=MONTH_COLS).map(|m| if vi { format!("T{m}") } else { format!("M{m}") }));
    headers.push(lang.pick("Cả năm", "Year").into());
    headers.push(lang.pick("Chỉ tiêu", "Target").into());
    headers.push(lang.pick("% chỉ tiêu", "% of target").into());
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut sheet = Sheet::simple(lang.pick("Kết nạp", "Admissions"), &refs);
    sheet.preamble = vec![vec![match lang {
        Lang::Vi => format!("KẾT NẠP ĐẢNG VIÊN NĂM {} — {}", inp.year, inp.scope.scope_name),
        Lang::En => format!("ADMISSIONS {} — {}", inp.year, inp.scope.scope_name),
    }]];
    let mut widths = vec![12.0, 40.0];
    widths.extend(std::iter::repeat_n(6.0, MONTH_COLS));
    widths.extend([9.0, 9.0, 9.0]);
    sheet.widths = widths;
    sheet.landscape = true;
    let mut by_unit: HashMap<OrgId, Vec<usize>> = HashMap::new();
    let mut elsewhere = Vec::new();
    for (i, r) in inp.list.rows.iter().enumerate() {
        match inp.unit_of.get(&r.id) {
            Some(u) => by_unit.entry(*u).or_default().push(i),
            None => elsewhere.push(i),
        }
    }
    let org_row = |i: usize| {
        let r = &inp.list.rows[i];
        let months = r.months.map(|n| n as u64);
        let total = months.iter().sum();
        months_row(Value::text(&r.code), r.name.clone(), &months, total, None, None)
    };
    for c in &inp.committees {
        let s = &c.summary;
        let label = format!("{} {} ({})", lang.pick("Cộng:", "Total:"), c.name, c.code);
        sheet.push_total(months_row(Value::Empty, label, &s.by_month, s.total, s.plan, s.pct_of_plan));
        for i in by_unit.get(&c.id).into_iter().flatten() {
            sheet.push(org_row(*i));
        }
    }
    if !elsewhere.is_empty() {
        sheet.push(vec![
            Value::Empty,
            Value::text(lang.pick(
                "Tổ chức đã kết thúc trong năm (tính vào tổ chức kế thừa):",
                "Organisations that ended during the year (counted with their successors):",
            )),
        ]);
        for i in elsewhere {
            sheet.push(org_row(i));
        }
    }
    let a = &inp.scope.report.admissions;
    let label = format!("{} {}", lang.pick("Tổng cộng:", "Total:"), inp.scope.scope_name);
    sheet.push_total(months_row(Value::Empty, label, &a.by_month, a.total, a.plan, a.pct_of_plan));
    Workbook { sheets: vec![sheet] }
}

/// The headers an import recognises: the organisation, and the twelve months.
pub fn fields() -> Vec<Field> {
    let mut f = vec![
        Field {
            name: "code",
            headers: super::classification::FIELDS[0].headers,
        },
        Field {
            name: "name",
            headers: super::classification::FIELDS[1].headers,
        },
    ];
    f.extend(MONTHS);
    f
}

const MONTHS: [Field; 12] = [
    Field {
        name: "m1",
        headers: &["t1", "thang 1", "th1", "thang 01", "t01", "1", "m1", "month 1", "jan", "january"],
    },
    Field {
        name: "m2",
        headers: &["t2", "thang 2", "th2", "thang 02", "t02", "2", "m2", "month 2", "feb", "february"],
    },
    Field {
        name: "m3",
        headers: &["t3", "thang 3", "th3", "thang 03", "t03", "3", "m3", "month 3", "mar", "march"],
    },
    Field {
        name: "m4",
        headers: &["t4", "thang 4", "th4", "thang 04", "t04", "4", "m4", "month 4", "apr", "april"],
    },
    Field {
        name: "m5",
        headers: &["t5", "thang 5", "th5", "thang 05", "t05", "5", "m5", "month 5", "may"],
    },
    Field {
        name: "m6",
        headers: &["t6", "thang 6", "th6", "thang 06", "t06", "6", "m6", "month 6", "jun", "june"],
    },
    Field {
        name: "m7",
        headers: &["t7", "thang 7", "th7", "thang 07", "t07", "7", "m7", "month 7", "jul", "july"],
    },
    Field {
        name: "m8",
        headers: &["t8", "thang 8", "th8", "thang 08", "t08", "8", "m8", "month 8", "aug", "august"],
    },
    Field {
        name: "m9",
        headers: &["t9", "thang 9", "th9", "thang 09", "t09", "9", "m9", "month 9", "sep", "september"],
    },
    Field {
        name: "m10",
        headers: &["t10", "thang 10", "th10", "10", "m10", "month 10", "oct", "october"],
    },
    Field {
        name: "m11",
        headers: &["t11", "thang 11", "th11", "11", "m11", "month 11", "nov", "november"],
    },
    Field {
        name: "m12",
        headers: &["t12", "thang 12", "th12", "12", "m12", "month 12", "dec", "december"],
    },
];

/// Read the admissions rows of `grid`.
pub fn parse(grid: &Grid) -> Result<(Columns, Vec<AdmissionImportRow>), ServiceError> {
    let fields = fields();
    let cols = columns::find(grid, &fields)
        .filter(|c| (c.col("code").is_some() || c.col("name").is_some()) && (1..=12).any(|m| c.col(&format!("m{m}")).is_some()));
    let Some(cols) = cols else {
        return Err(ServiceError::new(
            ErrorKind::Invalid,
            format!(
                "trang '{}': cần cột 'Mã' hoặc 'Tên tổ chức' và các cột tháng ('T1' … 'T12' hoặc 'Tháng 1' …)",
                grid.sheet
            ),
            format!(
                "sheet '{}': needs a 'Code' (Mã) or 'Name' column and month columns ('T1' … 'T12', 'Tháng 1' …, 'Jan' …)",
                grid.sheet
            ),
        ));
    };
    let mut rows = Vec::new();
    for r in cols.data_rows(grid) {
        let text = |f: &str| {
            cols.col(f)
                .map(|c| grid.get(r, c))
                .filter(|c| !c.is_empty())
                .map(|c| crate::domain::text::clean(&c.show()))
        };
        let code = text("code");
        let name = text("name");
        if code.is_none() && name.as_deref().is_none_or(is_total) {
            continue;
        }
        let mut months = [None; 12];
        for (i, m) in months.iter_mut().enumerate() {
            let f = format!("m{}", i + 1);
            let Some(c) = cols.col(&f).map(|c| grid.get(r, c)).filter(|c| !c.is_empty()) else {
                continue;
            };
            *m = Some(values::count(c).ok_or_else(|| {
                cols.refuse(
                    grid,
                    r,
                    &f,
                    &c.show(),
                    "không phải số nguyên từ 0 trở lên",
                    "not a whole number of 0 or more",
                )
            })?);
        }
        rows.push(AdmissionImportRow {
            row: r as u32 + 1,
            code: code.map(|c| c.to_uppercase()),
            name,
            months,
        });
    }
    Ok((cols, rows))
}

/// Read a file into the one request that imports it, and the legacy encoding converted from.
pub fn request(
    path: &std::path::Path,
    sheet: Option<&str>,
    legacy: super::read::LegacyMode,
    year: i32,
    under: Option<String>,
    dry_run: bool,
) -> Result<(AdmissionsImport, Option<super::legacy::Legacy>), ServiceError> {
    let grid = super::read::read(path, sheet, legacy)?;
    let (cols, rows) = parse(&grid)?;
    let mut columns = std::collections::BTreeMap::new();
    for (f, _, _) in &cols.found {
        if let Some(d) = cols.describe(f) {
            columns.insert(f.to_string(), d);
        }
    }
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| path.display().to_string());
    Ok((
        AdmissionsImport {
            year,
            file_name,
            sheet: grid.sheet.clone(),
            columns,
            under,
            rows,
            dry_run,
        },
        grid.converted,
    ))
}
