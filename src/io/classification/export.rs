//! A year's classifications as a workbook of one sheet.

use super::*;

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
