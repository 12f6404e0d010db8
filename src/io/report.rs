//! The committee's classification report as a workbook: a summary sheet (one
//! row per directly subordinate committee and a total row, this year and the
//! previous one), the organisations rated KHT, the findings, and the trend of
//! the indicators with a chart. Every figure comes from the service's answers
//! (the domain's roll-ups); this module only lays them out.

use super::table::{Chart, Head, Sheet, Value, Workbook};
use crate::domain::report::{percent, LevelCounts, MemberCounts, Report};
use crate::domain::{Lang, Level, OrgId, OrgKind};
use crate::service::api::{ClassList, ReportView, Request, Response};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Indicator 1 of Programme 01-CTr/TU (section "Chỉ tiêu"): above 75% of
/// organisations and of members rated HTT or better, as the domain states it
/// (`domain::indicator`). Shown beside the figures and drawn in the chart.
pub const INDICATOR_1_PCT: f64 = crate::domain::indicator::INDICATOR_PCT_LABEL as f64;

/// One directly subordinate committee: its report this year and, if it existed, the year before.
pub struct Unit {
    pub id: OrgId,
    pub code: String,
    pub name: String,
    pub now: Report,
    pub prev: Option<Report>,
}

/// Everything the report is laid out from (all service answers).
pub struct Inputs {
    pub year: i32,
    pub scope: ReportView,
    pub prev: Option<ReportView>,
    pub units: Vec<Unit>,
    /// This year's classification rows of the scope (for cells and the KHT list).
    pub classes: ClassList,
    /// (year, organisations HTT or better %, members HTT or better %), oldest first.
    pub trend: Vec<(i32, Option<f64>, Option<f64>)>,
    pub place: String,
    pub date: NaiveDate,
}

fn t(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).to_string()
}

fn head(text: impl Into<String>, span: u16) -> Head {
    Head { text: text.into(), span }
}

fn below() -> Head {
    Head {
        text: String::new(),
        span: 0,
    }
}

/// Cells (chi bộ trực thuộc) by level under each top unit, from the rows of a ClassList
/// (rows come parents first, so a row at the top depth starts a unit).
fn cells_by_unit(list: &ClassList) -> (HashMap<OrgId, [u64; 5]>, [u64; 5]) {
    let top = list.rows.iter().map(|r| r.depth).min().unwrap_or(0);
    let mut by: HashMap<OrgId, [u64; 5]> = HashMap::new();
    let mut total = [0u64; 5];
    let mut current = None;
    for r in &list.rows {
        if r.depth == top {
            current = Some(r.id);
        }
        if r.kind != OrgKind::Cell {
            continue;
        }
        let slot = r.class.as_ref().map(|c| c.level.index()).unwrap_or(4);
        total[slot] += 1;
        if let Some(u) = current {
            by.entry(u).or_default()[slot] += 1;
        }
    }
    (by, total)
}

fn level_block(c: &LevelCounts) -> Vec<Value> {
    let mut v = vec![Value::Int((c.rated + c.unrated) as i64), Value::Int(c.rated as i64)];
    for l in Level::ALL {
        let n = c.by_level(l);
        v.push(Value::Int(n as i64));
        v.push(Value::opt_pct(percent(n, c.rated)));
    }
    v
}

fn member_block(m: &MemberCounts) -> Vec<Value> {
    let rated = m.htxs + m.htt + m.ht + m.kht;
    let mut v = vec![Value::Int(m.total as i64), Value::Int(rated as i64), Value::Int(m.not_rated as i64)];
    for n in [m.htxs, m.htt, m.ht, m.kht] {
        v.push(Value::Int(n as i64));
        v.push(Value::opt_pct(percent(n, rated)));
    }
    v
}

fn cell_block(c: Option<&[u64; 5]>) -> Vec<Value> {
    let c = c.copied().unwrap_or_default();
    vec![
        Value::Int(c.iter().sum::<u64>() as i64),
        Value::Int(c[0] as i64),
        Value::Int(c[1] as i64),
        Value::Int(c[2] as i64),
        Value::Int(c[3] as i64),
    ]
}

fn prev_block(r: Option<&Report>) -> Vec<Value> {
    let Some(r) = r else { return vec![Value::Empty; 12] };
    let g = &r.grassroots;
    let m = &r.members;
    vec![
        Value::Int(g.rated as i64),
        Value::Int(g.htxs as i64),
        Value::Int(g.htt as i64),
        Value::Int(g.ht as i64),
        Value::Int(g.kht as i64),
        Value::Int((m.htxs + m.htt + m.ht + m.kht) as i64),
        Value::Int(m.htxs as i64),
        Value::Int(m.htt as i64),
        Value::Int(m.ht as i64),
        Value::Int(m.kht as i64),
        Value::opt_pct(r.organisations.good_or_better_pct),
        Value::opt_pct(m.good_or_better_pct),
    ]
}

fn row(no: Value, name: &str, now: &Report, cells: Option<&[u64; 5]>, prev: Option<&Report>) -> Vec<Value> {
    let mut v = vec![no, Value::text(name)];
    v.extend(level_block(&now.grassroots));
    v.extend(cell_block(cells));
    v.extend(member_block(&now.members));
    v.push(Value::opt_pct(now.organisations.good_or_better_pct));
    v.push(Value::opt_pct(now.members.good_or_better_pct));
    v.extend(prev_block(prev));
    v
}

/// The party heading block: the committee on the left, the Party and the place and date on the right.
fn heading(inp: &Inputs, lang: Lang) -> Vec<Vec<String>> {
    let d = inp.date;
    vec![
        vec![inp.scope.scope_name.to_uppercase(), String::new(), "ĐẢNG CỘNG SẢN VIỆT NAM".into()],
        vec!["*".into(), String::new(), String::new()],
        vec![
            String::new(),
            String::new(),
            match lang {
                Lang::Vi => format!("{}, ngày {} tháng {} năm {}", inp.place, d.day(), d.month(), d.year()),
                Lang::En => format!("{}, {}", inp.place, d.format("%d/%m/%Y")),
            },
        ],
        vec![match lang {
            Lang::Vi => format!(
                "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM {}",
                inp.year
            ),
            Lang::En => format!("QUALITY CLASSIFICATION OF PARTY ORGANISATIONS AND MEMBERS, {}", inp.year),
        }],
        vec![inp
            .scope
            .regulation
            .map(|r| format!("({} · {})", r.decision(), r.guidance()))
            .unwrap_or_default()],
    ]
}

fn summary(inp: &Inputs, lang: Lang) -> Sheet {
    let y = inp.year;
    let levels = ["HTXS", "HTT", "HT", "KHT"];
    let mut top = vec![head(t(lang, "STT", "No."), 1), head(t(lang, "Đơn vị", "Committee"), 1)];
    let mut sub = vec![below(), below()];
    top.push(head(
        t(
            lang,
            &format!("Tổ chức cơ sở đảng năm {y}"),
            &format!("Grassroots organisations {y}"),
        ),
        10,
    ));
    sub.push(head(t(lang, "Tổng số", "Total"), 1));
    sub.push(head(t(lang, "Đã xếp loại", "Rated"), 1));
    for l in levels {
        sub.push(head(l, 1));
        sub.push(head(format!("% {l}"), 1));
    }
    top.push(head(t(lang, "Chi bộ trực thuộc", "Cells"), 5));
    sub.push(head(t(lang, "Tổng số", "Total"), 1));
    for l in levels {
        sub.push(head(l, 1));
    }
    top.push(head(t(lang, &format!("Đảng viên năm {y}"), &format!("Members {y}")), 11));
    sub.push(head(t(lang, "Tổng số", "Total"), 1));
    sub.push(head(t(lang, "Đã xếp loại", "Rated"), 1));
    sub.push(head(t(lang, "Không xếp loại", "Not rated"), 1));
    for l in levels {
        sub.push(head(l, 1));
        sub.push(head(format!("% {l}"), 1));
    }
    top.push(head(
        t(
            lang,
            &format!("Chỉ tiêu: HTT trở lên > {INDICATOR_1_PCT}%"),
            &format!("Indicator: HTT or better > {INDICATOR_1_PCT}%"),
        ),
        2,
    ));
    sub.push(head(t(lang, "% tổ chức đảng", "% organisations"), 1));
    sub.push(head(t(lang, "% đảng viên", "% members"), 1));
    top.push(head(t(lang, &format!("Năm {}", y - 1), &format!("{}", y - 1)), 12));
    sub.push(head(t(lang, "TCCSĐ đã xếp loại", "Grassroots rated"), 1));
    for l in levels {
        sub.push(head(format!("TCCSĐ {l}"), 1));
    }
    sub.push(head(t(lang, "ĐV đã xếp loại", "Members rated"), 1));
    for l in levels {
        sub.push(head(format!("ĐV {l}"), 1));
    }
    sub.push(head(t(lang, "% tổ chức đảng HTT trở lên", "% organisations HTT or better"), 1));
    sub.push(head(t(lang, "% đảng viên HTT trở lên", "% members HTT or better"), 1));

    let mut widths = vec![5.0, 34.0];
    widths.extend(std::iter::repeat_n(8.5, 40));
    let mut sheet = Sheet {
        name: t(lang, "Tổng hợp", "Summary"),
        preamble: heading(inp, lang),
        header: vec![top, sub],
        widths,
        landscape: true,
        ..Default::default()
    };
    let (cells, cells_total) = cells_by_unit(&inp.classes);
    for (i, u) in inp.units.iter().enumerate() {
        sheet.push(row(Value::Int(i as i64 + 1), &u.name, &u.now, cells.get(&u.id), u.prev.as_ref()));
    }
    let total_name = t(lang, "Tổng cộng", "Total");
    sheet.push_total(row(
        Value::Empty,
        &total_name,
        &inp.scope.report,
        Some(&cells_total),
        inp.prev.as_ref().map(|p| &p.report),
    ));
    sheet
}

fn kht(inp: &Inputs, lang: Lang) -> Sheet {
    let mut sheet = Sheet::simple(
        &t(lang, "KHT", "KHT"),
        &[
            lang.pick("STT", "No."),
            lang.pick("Mã", "Code"),
            lang.pick("Tên tổ chức", "Name"),
            lang.pick("Loại", "Kind"),
            lang.pick("Thuộc", "Under"),
            lang.pick("Điểm", "Score"),
            lang.pick("Số quyết định", "Decision"),
            lang.pick("Ghi chú", "Note"),
        ],
    );
    sheet.preamble = vec![vec![match lang {
        Lang::Vi => format!("TỔ CHỨC ĐẢNG XẾP LOẠI KHÔNG HOÀN THÀNH NHIỆM VỤ NĂM {}", inp.year),
        Lang::En => format!("ORGANISATIONS RATED KHT (DID NOT COMPLETE TASKS), {}", inp.year),
    }]];
    sheet.widths = vec![5.0, 12.0, 44.0, 18.0, 34.0, 7.0, 16.0, 30.0];
    sheet.landscape = true;
    let top = inp.classes.rows.iter().map(|r| r.depth).min().unwrap_or(0);
    let mut unit = String::new();
    let mut n = 0;
    for r in &inp.classes.rows {
        if r.depth == top {
            unit = r.name.clone();
        }
        let Some(c) = r.class.as_ref().filter(|c| c.level == Level::Kht) else {
            continue;
        };
        n += 1;
        sheet.push(vec![
            Value::Int(n),
            Value::text(&r.code),
            Value::text(&r.name),
            Value::text(lang.pick(r.kind.name_vi(), r.kind.name_en())),
            Value::text(&unit),
            c.score.map(Value::Decimal).unwrap_or(Value::Empty),
            c.decision.clone().map(Value::Text).unwrap_or(Value::Empty),
            c.note.clone().map(Value::Text).unwrap_or(Value::Empty),
        ]);
    }
    sheet
}

fn findings(inp: &Inputs, lang: Lang) -> Sheet {
    let mut sheet = Sheet::simple(
        &t(lang, "Phát hiện", "Findings"),
        &[
            lang.pick("STT", "No."),
            lang.pick("Mã", "Code"),
            lang.pick("Tên tổ chức", "Name"),
            lang.pick("Quy tắc", "Rule"),
            lang.pick("Văn bản", "Regulation"),
            lang.pick("Mức", "Severity"),
            lang.pick("Nội dung", "Message"),
        ],
    );
    sheet.widths = vec![5.0, 12.0, 40.0, 20.0, 18.0, 10.0, 60.0];
    sheet.landscape = true;
    for (i, f) in inp.scope.report.findings.iter().enumerate() {
        let (code, name) = inp.scope.names.get(&f.org).cloned().unwrap_or_default();
        sheet.push(vec![
            Value::Int(i as i64 + 1),
            Value::Text(code),
            Value::Text(name),
            Value::text(f.rule.id()),
            Value::Text(f.source()),
            Value::text(f.severity.label(lang)),
            Value::Text(f.message(lang)),
        ]);
    }
    sheet
}

fn trend(inp: &Inputs, lang: Lang) -> Sheet {
    let mut sheet = Sheet::simple(
        &t(lang, "Xu hướng", "Trend"),
        &[
            lang.pick("Năm", "Year"),
            lang.pick("% tổ chức đảng HTT trở lên", "% organisations HTT or better"),
            lang.pick("% đảng viên HTT trở lên", "% members HTT or better"),
            lang.pick("Chỉ tiêu", "Target"),
        ],
    );
    sheet.widths = vec![8.0, 18.0, 18.0, 10.0];
    for (y, o, m) in &inp.trend {
        sheet.push(vec![
            Value::Text(y.to_string()),
            Value::opt_pct(*o),
            Value::opt_pct(*m),
            Value::Percent(INDICATOR_1_PCT),
        ]);
    }
    sheet.charts.push(Chart {
        title: t(lang, "Tỷ lệ xếp loại HTT trở lên", "Share rated HTT or better"),
        category_col: 0,
        value_cols: vec![1, 2, 3],
        y_title: "%".into(),
    });
    sheet
}

fn report_view(b: &mut dyn Backend, year: i32, under: Option<String>) -> Result<Box<ReportView>, ServiceError> {
    match b.call(Request::Report { year, under })? {
        Response::Report(r) => Ok(r),
        _ => Err(ServiceError::new(
            ErrorKind::Protocol,
            "câu trả lời không mong đợi",
            "unexpected answer",
        )),
    }
}

fn class_list(b: &mut dyn Backend, year: i32, under: Option<String>) -> Result<ClassList, ServiceError> {
    match b.call(Request::ClassificationList { year, under })? {
        Response::ClassificationList(l) => Ok(l),
        _ => Err(ServiceError::new(
            ErrorKind::Protocol,
            "câu trả lời không mong đợi",
            "unexpected answer",
        )),
    }
}

/// Ask the service for everything the report shows: the scope's reports of this
/// year, the year before and the years of the trend, each directly subordinate
/// committee's reports, and the classification rows.
pub fn gather(b: &mut dyn Backend, year: i32, under: Option<String>, place: String, date: NaiveDate) -> Result<Inputs, ServiceError> {
    let scope = report_view(b, year, under.clone())?;
    let code = Some(scope.scope_code.clone());
    // The previous year (and the trend) may predate the scope (a committee founded this year).
    let prev = if year > crate::domain::FIRST_YEAR {
        report_view(b, year - 1, code.clone()).ok()
    } else {
        None
    };
    let classes = class_list(b, year, code.clone())?;
    let top = classes.rows.iter().map(|r| r.depth).min().unwrap_or(0);
    let mut units = Vec::new();
    for r in classes.rows.iter().filter(|r| r.depth == top) {
        let now = report_view(b, year, Some(r.code.clone()))?.report;
        let before = prev
            .as_ref()
            .and_then(|_| report_view(b, year - 1, Some(r.code.clone())).ok())
            .map(|v| v.report);
        units.push(Unit {
            id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
            now,
            prev: before,
        });
    }
    let mut trend = Vec::new();
    for y in (year - 4).max(crate::domain::FIRST_YEAR)..=year {
        let r = match y {
            _ if y == year => Some(scope.report.clone()),
            _ => report_view(b, y, code.clone()).ok().map(|v| v.report),
        };
        if let Some(r) = r {
            trend.push((y, r.organisations.good_or_better_pct, r.members.good_or_better_pct));
        }
    }
    Ok(Inputs {
        year,
        scope: *scope,
        prev: prev.map(|p| *p),
        units,
        classes,
        trend,
        place,
        date,
    })
}

/// The report workbook.
pub fn export(inp: &Inputs, lang: Lang) -> Workbook {
    Workbook {
        sheets: vec![summary(inp, lang), kht(inp, lang), findings(inp, lang), trend(inp, lang)],
    }
}
