//! Printing classifications and reports: `classify show`, `report`, their findings.

use super::print::{print_json, unexpected, Out};
use super::table::{num, pct, Align, Table};
use crate::domain::indicator::INDICATOR_PCT_LABEL;
use crate::domain::report::LevelCounts;
use crate::service::api::*;
use crate::service::ServiceError;
use serde_json::json;

type R = Result<(), ServiceError>;

impl Out {
    fn finding_json(&self, f: &crate::domain::Finding, names: &dyn Fn(u32) -> String) -> serde_json::Value {
        json!({
            "org": names(f.org),
            "rule": f.rule.id(),
            "regulation": f.source(),
            "severity": f.severity,
            "message": f.message(self.lang),
            "detail": f.detail,
        })
    }

    pub fn classes(&self, r: Response) -> R {
        let Response::ClassificationList(c) = r else {
            return Err(unexpected(&r));
        };
        let code_of = |id: u32| {
            c.rows
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.code.clone())
                .unwrap_or_else(|| c.scope.clone())
        };
        if self.json {
            let findings: Vec<_> = c.findings.iter().map(|f| self.finding_json(f, &code_of)).collect();
            print_json(&json!({ "year": c.year, "scope": c.scope, "rows": c.rows, "findings": findings, "footer": c.footer }));
            return Ok(());
        }
        if let Some(reg) = c.regulation {
            println!(
                "{} {} — {} ({})",
                self.t("Xếp loại năm", "Classification"),
                c.year,
                reg.decision(),
                reg.guidance()
            );
        }
        let base = c.rows.first().map(|r| r.depth).unwrap_or(0);
        let mut tab = Table::new(
            &[
                self.t("Mã", "Code"),
                self.t("Tên", "Name"),
                self.t("Loại", "Kind"),
                "ĐV",
                self.t("Mức", "Level"),
                self.t("Điểm", "Score"),
                "HTXS/HTT/HT/KHT/—",
                "!",
            ],
            &[
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
        );
        for r in &c.rows {
            let cl = r.class.as_ref();
            let flag = if c.findings.iter().any(|f| f.org == r.id) { "!" } else { "" };
            tab.row(vec![
                r.code.clone(),
                format!("{}{}", "  ".repeat((r.depth - base) as usize), r.name),
                r.kind.tag().into(),
                r.total_members.to_string(),
                cl.map(|c| format!("{} {}", c.level.symbol(), c.level))
                    .unwrap_or_else(|| "·".into()),
                cl.and_then(|c| c.score).map(|s| format!("{s}")).unwrap_or_default(),
                cl.and_then(|c| c.members)
                    .map(|t| format!("{}/{}/{}/{}/{}", t.htxs, t.htt, t.ht, t.kht, t.not_rated))
                    .unwrap_or_default(),
                flag.into(),
            ]);
        }
        print!("{}", tab.render());
        if let Some(f) = &c.footer {
            // Shares rounded for display; the verdicts are the domain's, on exact counts.
            let l = self.lang;
            let verdict = |met: Option<bool>| match met {
                Some(true) => self.t("đạt", "met"),
                Some(false) => self.t("chưa đạt", "not met"),
                None => "—",
            };
            let (o, m) = (f.orgs.indicator(), f.members_indicator());
            println!(
                "{} (> {INDICATOR_PCT_LABEL}%): {} {}/{} = {} {}, {} {}/{} = {} {}",
                self.t("Tốt trở lên", "Good or better"),
                self.t("tổ chức", "organisations"),
                num(o.share.part, l),
                num(o.share.base, l),
                pct(o.pct(), l),
                verdict(o.met),
                self.t("đảng viên", "members"),
                num(m.share.part, l),
                num(m.share.base, l),
                pct(m.pct(), l),
                verdict(m.met)
            );
        }
        self.print_findings(&c.findings, &|id| code_of(id));
        Ok(())
    }

    fn print_findings(&self, findings: &[crate::domain::Finding], code_of: &dyn Fn(u32) -> String) {
        if findings.is_empty() {
            println!("{}", self.t("Không có phát hiện nào.", "No findings."));
            return;
        }
        println!("{} ({}):", self.t("Phát hiện", "Findings"), findings.len());
        for f in findings {
            println!(
                "  [{}] {} {} — {} ({})",
                f.severity.label(self.lang),
                code_of(f.org),
                f.rule.name(self.lang),
                f.message(self.lang),
                f.source()
            );
        }
    }

    pub fn report(&self, r: Response) -> R {
        let Response::Report(v) = r else { return Err(unexpected(&r)) };
        let rep = &v.report;
        let code_of = |id: u32| v.names.get(&id).map(|(c, _)| c.clone()).unwrap_or_default();
        if self.json {
            let counts = |c: &LevelCounts| json!({"rated": c.rated, "unrated": c.unrated, "htxs": c.htxs, "htt": c.htt, "ht": c.ht, "kht": c.kht, "good_or_better_pct": c.good_or_better_pct, "indicator_met": c.indicator_met});
            let m = &rep.members;
            let a = &rep.admissions;
            let findings: Vec<_> = rep.findings.iter().map(|f| self.finding_json(f, &code_of)).collect();
            print_json(&json!({
                "year": rep.year,
                "scope": v.scope_code,
                "scope_name": v.scope_name,
                "regulation": v.regulation.map(|r| r.decision()),
                "organisations": counts(&rep.organisations),
                "grassroots": counts(&rep.grassroots),
                "members": {"htxs": m.htxs, "htt": m.htt, "ht": m.ht, "kht": m.kht, "not_rated": m.not_rated, "total": m.total,
                            "grassroots_without_tallies": m.grassroots_without_tallies, "good_or_better_pct": m.good_or_better_pct, "indicator_met": m.indicator_met},
                "admissions": self.admissions_json(a),
                "findings": findings,
            }));
            return Ok(());
        }
        let l = self.lang;
        println!(
            "{} {} — {} ({})",
            self.t("Báo cáo năm", "Report for"),
            rep.year,
            v.scope_name,
            v.scope_code
        );
        if let Some(reg) = v.regulation {
            println!("{}: {} / {}", self.t("Quy định", "Rules"), reg.decision(), reg.guidance());
        }
        let mut tab = Table::new(
            &[
                "",
                self.t("Đã xếp loại", "Rated"),
                self.t("Chưa", "Unrated"),
                "HTXS",
                "HTT",
                "HT",
                "KHT",
                self.t("Tốt trở lên", "Good+"),
            ],
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
        );
        for (label, c) in [
            (self.t("Tổ chức đảng", "Organisations"), &rep.organisations),
            (self.t("TCCS đảng", "Grassroots"), &rep.grassroots),
        ] {
            tab.row(vec![
                label.into(),
                num(c.rated, l),
                num(c.unrated, l),
                num(c.htxs, l),
                num(c.htt, l),
                num(c.ht, l),
                num(c.kht, l),
                pct(c.good_or_better_pct, l),
            ]);
        }
        let m = &rep.members;
        tab.row(vec![
            self.t("Đảng viên", "Members").into(),
            num(m.htxs + m.htt + m.ht + m.kht, l),
            num(m.not_rated, l),
            num(m.htxs, l),
            num(m.htt, l),
            num(m.ht, l),
            num(m.kht, l),
            pct(m.good_or_better_pct, l),
        ]);
        print!("{}", tab.render());
        // The verdicts are the domain's, decided on exact counts.
        let goal = |met: Option<bool>| match met {
            Some(true) => format!("{} (> {INDICATOR_PCT_LABEL}%)", self.t("đạt", "met")),
            Some(false) => format!("{} (> {INDICATOR_PCT_LABEL}%)", self.t("chưa đạt", "not met")),
            None => "—".to_string(),
        };
        println!(
            "{}: {} {}, {} {}",
            self.t("Chỉ tiêu 1", "Indicator 1"),
            self.t("tổ chức", "organisations"),
            goal(rep.organisations.indicator_met),
            self.t("đảng viên", "members"),
            goal(m.indicator_met)
        );
        let a = &rep.admissions;
        let months: Vec<String> = a.by_month.iter().map(|n| n.to_string()).collect();
        println!(
            "{}: {}{}{}",
            self.t("Kết nạp", "Admissions"),
            num(a.total, l),
            a.plan
                .map(|p| format!(" / {} {} ({})", self.t("kế hoạch", "plan"), num(p as u64, l), pct(a.pct_of_plan, l)))
                .unwrap_or_default(),
            a.range
                .map(|(lo, hi)| format!(", {} {}–{}", self.t("chỉ tiêu", "range"), num(lo as u64, l), num(hi as u64, l)))
                .unwrap_or_default()
        );
        println!("  {}: {}", self.t("theo tháng", "by month"), months.join(" "));
        self.print_committees(a);
        self.print_findings(&rep.findings, &code_of);
        Ok(())
    }
}
