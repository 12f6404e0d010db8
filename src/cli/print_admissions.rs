//! Printing admissions and targets: `admit show`, `target show`, and the
//! admissions part of `report`.

use super::print::{print_json, unexpected, Out};
use super::table::{num, pct, Align, Table};
use crate::domain::admissions_view::{months_label, AdmissionSummary};
use crate::service::api::*;
use crate::service::ServiceError;
use serde_json::json;

type R = Result<(), ServiceError>;

impl Out {
    fn tr<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(vi, en)
    }

    /// A signed difference in the language's format ("+1.200", "−50").
    fn signed(&self, d: i64) -> String {
        let n = num(d.unsigned_abs(), self.lang);
        match d.signum() {
            1 => format!("+{n}"),
            -1 => format!("−{n}"),
            _ => n,
        }
    }

    /// The `admissions` object of `report --json`.
    pub(super) fn admissions_json(&self, a: &AdmissionSummary) -> serde_json::Value {
        let committees: Vec<_> = a
            .by_committee
            .iter()
            .map(|c| {
                json!({"code": c.code, "name": c.name, "total": c.total, "by_month": c.by_month,
                       "months": (1..=12).filter(|m| c.months[*m as usize - 1]).collect::<Vec<u32>>(), "allocation": c.allocation,
                       "pct_of_allocation": c.pct_of_allocation, "due_to_date": c.due_to_date,
                       "done_to_date": c.done_to_date, "behind_pace": c.behind_pace})
            })
            .collect();
        let mut v = json!({"total": a.total, "by_month": a.by_month, "plan": a.plan, "range": a.range.map(|(l, h)| vec![l, h]),
                           "pct_of_plan": a.pct_of_plan, "against_range": a.against_range, "within_range": a.within_range,
                           "by_committee": committees, "allocations_total": a.allocations_total,
                           "allocations_minus_plan": a.allocations_minus_plan});
        if let Some(p) = &a.pace {
            v["pace"] = json!({"method": p.method, "years": p.years, "months_done": p.months_done, "target": p.target,
                               "target_is": p.target_is, "curve": p.curve, "cumulative": p.cumulative,
                               "due_to_date": p.due_to_date, "done_to_date": p.done_to_date, "behind": p.behind});
        }
        if let Some(p) = &a.projected {
            v["projected"] = serde_json::to_value(p).unwrap_or_default();
        }
        v
    }

    /// The plan line, committee subtotals against allocations, the sum of the
    /// allocations against the plan, and for the current year pace and projection.
    pub(super) fn print_committees(&self, a: &AdmissionSummary) {
        let l = self.lang;
        if !a.by_committee.is_empty() {
            let mut tab = Table::new(
                &[
                    self.tr("Mã", "Code"),
                    self.tr("Đảng bộ trực thuộc", "Committee"),
                    self.tr("Tháng", "Months"),
                    self.tr("Phân bổ", "Allocated"),
                    self.tr("Đã kết nạp", "Admitted"),
                    "%",
                    if a.pace.is_some() {
                        self.tr("Tiến độ", "Pace")
                    } else {
                        self.tr("Kết quả", "Result")
                    },
                ],
                &[
                    Align::Left,
                    Align::Left,
                    Align::Left,
                    Align::Right,
                    Align::Right,
                    Align::Right,
                    Align::Left,
                ],
            );
            for c in &a.by_committee {
                tab.row(vec![
                    c.code.clone(),
                    c.name.clone(),
                    months_label(&c.months),
                    c.allocation.map(|x| num(x as u64, l)).unwrap_or_else(|| "—".into()),
                    num(c.total, l),
                    pct(c.pct_of_allocation, l),
                    match (c.behind_pace, a.pace.is_some()) {
                        (Some(true), true) => self.tr("✗ chậm", "✗ behind").into(),
                        (Some(false), true) => self.tr("✓ kịp tiến độ", "✓ on pace").into(),
                        (Some(true), false) => self.tr("✗ chưa đạt", "✗ not met").into(),
                        (Some(false), false) => self.tr("✓ đạt", "✓ met").into(),
                        (None, _) => "—".into(),
                    },
                ]);
            }
            print!("{}", tab.render());
            let total: u64 = a.by_committee.iter().map(|c| c.total).sum();
            println!("  {}: {}", self.tr("Cộng các đảng bộ", "Committees together"), num(total, l));
        }
        if a.allocations_total > 0 {
            println!(
                "  {}: {}{}",
                self.tr("Tổng phân bổ", "Allocations together"),
                num(a.allocations_total, l),
                match (a.plan, a.allocations_minus_plan) {
                    (Some(p), Some(0)) => format!(" = {} {}", self.tr("kế hoạch", "the plan"), num(p as u64, l)),
                    (Some(p), Some(d)) => format!(
                        " ({} {}, {} {}) ⚠",
                        self.tr("kế hoạch", "plan"),
                        num(p as u64, l),
                        self.tr("chênh lệch", "difference"),
                        self.signed(d)
                    ),
                    _ => String::new(),
                }
            );
        }
        if let Some(p) = &a.pace {
            println!(
                "  {} ({}): {} {} {}, {} {} — {}",
                self.tr("Tiến độ", "Pace"),
                self.lang.pick(p.method.name_vi(), p.method.name_en()),
                self.tr("hết tháng", "by the end of month"),
                p.months_done,
                num(p.due_to_date, l),
                self.tr("đã kết nạp", "admitted"),
                num(p.done_to_date, l),
                if p.behind {
                    self.tr("✗ chậm", "✗ behind")
                } else {
                    self.tr("✓ đạt", "✓ on pace")
                }
            );
        }
        if let Some(p) = &a.projected {
            println!(
                "  {}: {} ({}{})",
                self.tr("Dự báo cả năm", "Projected for the year"),
                num(p.total, l),
                match p.method.as_str() {
                    "seasonal" => self.tr("ngoại suy theo nhịp các năm trước", "seasonal: the past years' shape"),
                    _ => self.tr("ngoại suy tuyến tính", "linear"),
                },
                p.pct_of_plan
                    .map(|x| format!(", {} {}", pct(Some(x), l), self.tr("kế hoạch", "of the plan")))
                    .unwrap_or_default()
            );
        }
    }

    pub fn admissions(&self, r: Response) -> R {
        let Response::AdmissionList(a) = r else {
            return Err(unexpected(&r));
        };
        if self.json {
            print_json(&a);
            return Ok(());
        }
        let l = self.lang;
        let mut header: Vec<String> = vec![self.tr("Mã", "Code").into(), self.tr("Tên", "Name").into()];
        header.extend((1..=12).map(|m| format!("T{m}")));
        header.push(self.tr("Cả năm", "Year").into());
        let hdr: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
        let mut align = vec![Align::Left, Align::Left];
        align.extend([Align::Right; 13]);
        let mut tab = Table::new(&hdr, &align);
        for r in &a.rows {
            let t: u64 = r.months.iter().map(|m| *m as u64).sum();
            let mut cells = vec![r.code.clone(), r.name.clone()];
            cells.extend(r.months.iter().map(|m| num(*m as u64, l)));
            cells.push(num(t, l));
            tab.row(cells);
        }
        print!("{}", tab.render());
        let s = &a.summary;
        println!(
            "{}: {}{}{}",
            self.tr("Tổng", "Total"),
            num(s.total, l),
            s.plan
                .map(|p| format!(
                    " / {} {} ({})",
                    self.tr("kế hoạch", "plan"),
                    num(p as u64, l),
                    pct(s.pct_of_plan, l)
                ))
                .unwrap_or_default(),
            s.range
                .map(|(lo, hi)| format!(", {} {}–{}", self.tr("khoảng", "range"), num(lo as u64, l), num(hi as u64, l)))
                .unwrap_or_default()
        );
        self.print_committees(s);
        Ok(())
    }

    pub fn target(&self, r: Response) -> R {
        let Response::Target(v) = r else { return Err(unexpected(&r)) };
        if self.json {
            // The target's own fields at the top, as before, with the named lines beside them.
            let mut out = serde_json::to_value(&v.target).unwrap_or_default();
            out["lines"] = serde_json::to_value(&v.lines).unwrap_or_default();
            out["allocations_total"] = json!(v.allocations_total);
            out["allocations_minus_plan"] = json!(v.allocations_minus_plan);
            print_json(&out);
            return Ok(());
        }
        let l = self.lang;
        let t = &v.target;
        println!("{} {}", self.tr("Chỉ tiêu kết nạp năm", "Admission targets"), t.year);
        println!(
            "  {}: {}",
            self.tr("Kế hoạch", "Plan"),
            t.plan.map(|p| num(p as u64, l)).unwrap_or_else(|| "—".into())
        );
        println!(
            "  {}: {}",
            self.tr("Khoảng", "Range"),
            t.range
                .map(|(lo, hi)| format!("{}–{}", num(lo as u64, l), num(hi as u64, l)))
                .unwrap_or_else(|| "—".into())
        );
        if !v.lines.is_empty() {
            let mut tab = Table::new(
                &[
                    self.tr("Mã", "Code"),
                    self.tr("Đảng bộ trực thuộc", "Committee"),
                    self.tr("Tháng", "Months"),
                    self.tr("Phân bổ", "Allocated"),
                ],
                &[Align::Left, Align::Left, Align::Left, Align::Right],
            );
            for line in &v.lines {
                tab.row(vec![
                    line.code.clone(),
                    line.name.clone(),
                    months_label(&line.months),
                    line.allocation.map(|x| num(x as u64, l)).unwrap_or_else(|| "—".into()),
                ]);
            }
            print!("{}", tab.render());
        }
        println!(
            "  {}: {} ({} {}){}",
            self.tr("Tổng phân bổ", "Allocations together"),
            num(v.allocations_total, l),
            t.allocations.len(),
            self.tr("đảng bộ", "committees"),
            match (t.plan, v.allocations_minus_plan) {
                (Some(p), Some(0)) => format!(" = {} {}", self.tr("kế hoạch", "the plan"), num(p as u64, l)),
                (Some(p), Some(d)) => format!(
                    "; {} {}, {} {} ⚠",
                    self.tr("kế hoạch", "plan"),
                    num(p as u64, l),
                    self.tr("chênh lệch", "difference"),
                    self.signed(d)
                ),
                _ => String::new(),
            }
        );
        Ok(())
    }
}
