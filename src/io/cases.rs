//! `thuky export cases`: the case list with the filters of `case list`, every
//! matching case (not a page of them), one row per case.

use super::table::{Sheet, Value, Workbook};
use crate::domain::Lang;
use crate::service::api::{CaseList, CaseQuery, CaseRow, Request, Response};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};

/// The most cases the service gives in one answer (`CaseQuery::limit`).
const PAGE: usize = 10_000;

/// Every case matching `query` (its offset and limit are ignored), asked page by page.
pub fn gather(b: &mut dyn Backend, mut query: CaseQuery) -> Result<CaseList, ServiceError> {
    query.offset = 0;
    query.limit = Some(PAGE);
    let mut all: Option<CaseList> = None;
    loop {
        let Response::Cases(page) = b.call(Request::CaseList(query.clone()))? else {
            return Err(ServiceError::new(
                ErrorKind::Protocol,
                "câu trả lời không mong đợi",
                "unexpected answer",
            ));
        };
        let got = page.rows.len();
        let total = page.total;
        match all.as_mut() {
            None => all = Some(page),
            Some(a) => a.rows.extend(page.rows),
        }
        query.offset += got;
        if got == 0 || query.offset >= total {
            break;
        }
    }
    Ok(all.expect("at least one page"))
}

const COLUMNS: [(&str, &str); 10] = [
    ("Số", "No."),
    ("Loại", "Kind"),
    ("Mã tổ chức", "Organisation code"),
    ("Tổ chức", "Organisation"),
    ("Nội dung", "Title"),
    ("Ngày mở", "Opened"),
    ("Hạn", "Due"),
    ("Trạng thái", "Status"),
    ("Quá hạn", "Overdue"),
    ("Kỷ luật", "Discipline"),
];

/// The case list as a workbook: a title with the counts, one row per case.
pub fn export(list: &CaseList, lang: Lang) -> Workbook {
    let vi = lang == Lang::Vi;
    let headers: Vec<&str> = COLUMNS.iter().map(|(v, e)| if vi { *v } else { *e }).collect();
    let mut sheet = Sheet::simple(if vi { "Vụ việc" } else { "Cases" }, &headers);
    let c = &list.counts;
    let (title, counts) = if vi {
        (
            format!("DANH SÁCH VỤ VIỆC (ngày {})", list.today.format("%d/%m/%Y")),
            format!(
                "{} vụ việc: {} đã tiếp nhận, {} đang xử lý, {} đã kết luận; {} quá hạn",
                list.total, c.received, c.in_progress, c.concluded, c.overdue
            ),
        )
    } else {
        (
            format!("CASES (as of {})", list.today.format("%d/%m/%Y")),
            format!(
                "{} cases: {} received, {} in progress, {} concluded; {} overdue",
                list.total, c.received, c.in_progress, c.concluded, c.overdue
            ),
        )
    };
    sheet.preamble = vec![vec![title], vec![counts]];
    sheet.widths = vec![8.0, 30.0, 14.0, 44.0, 50.0, 12.0, 12.0, 14.0, 9.0, 16.0];
    sheet.landscape = true;
    for r in &list.rows {
        sheet.push(row(r, vi));
    }
    Workbook { sheets: vec![sheet] }
}

fn row(r: &CaseRow, vi: bool) -> Vec<Value> {
    let pick = |v: &'static str, e: &'static str| Value::text(if vi { v } else { e });
    vec![
        Value::Int(r.id as i64),
        pick(r.kind.name_vi(), r.kind.name_en()),
        Value::text(r.org_code.clone()),
        Value::text(r.org_name.clone()),
        Value::text(r.title.clone()),
        Value::Date(r.opened),
        r.due.map(Value::Date).unwrap_or(Value::Empty),
        pick(r.status.name_vi(), r.status.name_en()),
        if r.overdue { pick("quá hạn", "overdue") } else { Value::Empty },
        r.discipline.map(|f| pick(f.name_vi(), f.name_en())).unwrap_or(Value::Empty),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseKind, CaseStatus, Form};
    use crate::service::api::CaseCounts;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn one_row_per_case_with_its_status_and_discipline() {
        let list = CaseList {
            total: 1,
            offset: 0,
            counts: CaseCounts {
                received: 0,
                in_progress: 0,
                concluded: 1,
                overdue: 0,
            },
            today: d(2026, 12, 2),
            rows: vec![CaseRow {
                id: 7,
                kind: CaseKind::Discipline,
                org: 5,
                org_code: "BD.01".into(),
                org_name: "Đảng bộ Cơ quan phường Ba Đình".into(),
                title: "Xem xét kỷ luật".into(),
                opened: d(2025, 2, 1),
                due: Some(d(2025, 5, 1)),
                status: CaseStatus::Concluded,
                overdue: false,
                discipline: Some(Form::CanhCao),
            }],
        };
        let book = export(&list, Lang::Vi);
        let s = &book.sheets[0];
        assert_eq!(s.column_names()[0], "Số");
        assert_eq!(s.rows.len(), 1);
        let cells = &s.rows[0].cells;
        assert_eq!(cells[0], Value::Int(7));
        assert_eq!(cells[2], Value::text("BD.01"));
        assert_eq!(cells[5], Value::Date(d(2025, 2, 1)));
        assert_eq!(cells[7], Value::text("Đã kết luận"));
        assert_eq!(cells[9], Value::text("cảnh cáo"));
        assert!(s.preamble[1][0].contains("1 đã kết luận"), "{:?}", s.preamble);
        let en = export(&list, Lang::En);
        assert_eq!(en.sheets[0].rows[0].cells[9], Value::text("warning"));
    }
}
