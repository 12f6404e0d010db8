//! Printing service answers: human tables, or JSON with `--json`.

use super::table::{num, pct, Align, Table};
use crate::domain::report::LevelCounts;
use crate::domain::{Lang, OrgKind};
use crate::service::api::*;
use crate::service::{ErrorKind, ServiceError};
use serde_json::json;

// Human output carries names, notes and decisions typed by other clerks or
// brought in by a restore: every control and bidi character but the line
// break is printed escaped (`\u{1b}`), so nothing can move the cursor,
// recolour or clear the terminal. These shadow std's macros in this module.
macro_rules! println {
    ($($t:tt)*) => { emit(&format!($($t)*), true) };
}
macro_rules! print {
    ($($t:tt)*) => { emit(&format!($($t)*), false) };
}

/// Write `s` to stdout with control characters escaped (line breaks kept).
pub fn emit(s: &str, newline: bool) {
    use std::io::Write;
    let mut out = String::with_capacity(s.len() + 1);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&crate::domain::text_check::escape_controls(line));
    }
    if newline {
        out.push('\n');
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}

pub struct Out {
    pub json: bool,
    pub lang: Lang,
}

type R = Result<(), ServiceError>;

pub(super) fn unexpected(r: &Response) -> ServiceError {
    let t = serde_json::to_value(r)
        .ok()
        .and_then(|v| v.get("type").cloned())
        .unwrap_or_default();
    ServiceError::new(
        ErrorKind::Protocol,
        format!("câu trả lời không mong đợi: {t}"),
        format!("unexpected answer: {t}"),
    )
}

pub(super) fn print_json(v: &impl serde::Serialize) {
    // serde_json escapes control characters itself.
    std::println!("{}", serde_json::to_string_pretty(v).expect("serialisable"));
}

fn kind_name(k: OrgKind, lang: Lang) -> &'static str {
    lang.pick(k.name_vi(), k.name_en())
}

impl Out {
    fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(vi, en)
    }

    pub fn done(&self, r: Response) -> R {
        let Response::Done(d) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&d);
        } else {
            println!("{}", self.lang.pick(&d.summary_vi, &d.summary_en));
        }
        Ok(())
    }

    pub fn status(&self, r: Response) -> R {
        let Response::Status(s) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&s);
            return Ok(());
        }
        println!("{} {}", self.t("Dữ liệu:", "Data:"), s.data_dir);
        if s.organisations == 0 {
            println!(
                "{}",
                self.t(
                    "Chưa có tổ chức nào. Nạp dữ liệu mẫu: thuky demo",
                    "No organisations yet. Load demo data: thuky demo"
                )
            );
            return Ok(());
        }
        if let Some(root) = &s.root {
            println!("{root}");
        }
        println!(
            "{}: {} ({} {}), {}: {}",
            self.t("Tổ chức hiện có", "Organisations now"),
            num(s.organisations_now as u64, self.lang),
            num(s.organisations as u64, self.lang),
            self.t("kể cả đã giải thể", "ever recorded"),
            self.t("đảng viên", "members"),
            num(s.members_now, self.lang)
        );
        for k in OrgKind::ALL {
            if let Some(n) = s.by_kind_now.get(k.snake()) {
                println!("  {:<22} {:>8}", kind_name(k, self.lang), num(*n as u64, self.lang));
            }
        }
        let years: Vec<String> = s.class_years.iter().map(|y| y.to_string()).collect();
        println!("{}: {}", self.t("Năm đã xếp loại", "Years classified"), years.join(", "));
        Ok(())
    }

    pub fn settings(&self, r: Response) -> R {
        let Response::Status(s) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&s.settings);
            return Ok(());
        }
        let word = |on: bool| match (on, self.lang) {
            (true, Lang::Vi) => "có",
            (false, Lang::Vi) => "không",
            (true, Lang::En) => "on",
            (false, Lang::En) => "off",
        };
        println!(
            "{}: {}",
            self.t(
                "Trần 20% HTXS trên HTT của tập thể (QĐ 124, Điều 12) áp dụng cả theo QĐ 366",
                "QĐ 124's 20% cap (HTXS of HTT, Điều 12) on collectives applied under QĐ 366 too"
            ),
            word(s.settings.collectives_cap_under_366)
        );
        println!(
            "{}: {}",
            self.t(
                "Trần 20% HTXS trên HTT của đảng viên, từng tổ chức cơ sở đảng (QĐ 124, Điều 12) áp dụng cả theo QĐ 366",
                "QĐ 124's 20% cap (HTXS of HTT, Điều 12) on members of each grassroots organisation applied under QĐ 366 too"
            ),
            word(s.settings.members_cap_under_366)
        );
        println!(
            "  {}",
            self.t(
                "Văn bản QĐ 366 và HD 43 đã công bố chưa xác nhận hai trần này; đổi bằng: thuky settings --collectives-cap-under-366 on|off --members-cap-under-366 on|off",
                "the published QĐ 366 and HD 43 do not confirm these caps; change them with: thuky settings --collectives-cap-under-366 on|off --members-cap-under-366 on|off"
            )
        );
        Ok(())
    }

    pub fn tree(&self, r: Response, under: Option<&str>, depth: Option<u16>) -> R {
        let Response::Tree(t) = r else { return Err(unexpected(&r)) };
        let start = match under {
            Some(code) => {
                let up = code.trim().to_uppercase();
                t.nodes
                    .iter()
                    .position(|n| n.code == up)
                    .ok_or_else(|| ServiceError::unknown_code("under", code))?
            }
            None => 0,
        };
        let Some(first) = t.nodes.get(start) else {
            if self.json {
                print_json(&t);
            }
            return Ok(());
        };
        let base = first.depth;
        let mut rows = vec![first];
        rows.extend(t.nodes[start + 1..].iter().take_while(|n| n.depth > base));
        let rows: Vec<&NodeView> = rows.into_iter().filter(|n| depth.is_none_or(|d| n.depth - base <= d)).collect();
        if self.json {
            print_json(&json!({ "at": t.at, "nodes": rows }));
            return Ok(());
        }
        let mut tab = Table::new(
            &[
                self.t("Mã", "Code"),
                self.t("Tên", "Name"),
                self.t("Loại", "Kind"),
                self.t("Đảng viên", "Members"),
            ],
            &[Align::Left, Align::Left, Align::Left, Align::Right],
        );
        for n in rows {
            let indent = "  ".repeat((n.depth - base) as usize);
            tab.row(vec![
                n.code.clone(),
                format!("{indent}{}", n.name),
                n.kind.tag().into(),
                num(n.total_members as u64, self.lang),
            ]);
        }
        print!("{}", tab.render());
        Ok(())
    }

    pub fn org(&self, r: Response) -> R {
        let Response::Org(o) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&o);
            return Ok(());
        }
        let d = |x: chrono::NaiveDate| x.format("%d/%m/%Y").to_string();
        println!("{} {}  [{}]", o.code, o.name, kind_name(o.kind, self.lang));
        if !o.alive {
            println!("  ({} {})", self.t("không tồn tại ngày", "did not exist on"), d(o.at));
        }
        if !o.parents.is_empty() {
            let chain: Vec<String> = o.parents.iter().map(|(c, n)| format!("{n} ({c})")).collect();
            println!("  {}: {}", self.t("Trực thuộc", "Under"), chain.join(" › "));
        }
        println!(
            "  {}: {}{}",
            self.t("Thành lập", "Founded"),
            d(o.founded),
            if o.founding_ref.is_empty() {
                String::new()
            } else {
                format!(
                    " ({}{})",
                    o.founding_ref,
                    o.founding_date.map(|x| format!(", {}", d(x))).unwrap_or_default()
                )
            }
        );
        println!(
            "  {}: {} ({} {})",
            self.t("Đảng viên", "Members"),
            num(o.total_members as u64, self.lang),
            num(o.members as u64, self.lang),
            self.t("trực tiếp", "directly")
        );
        if !o.subtree_by_kind.is_empty() {
            let parts: Vec<String> = OrgKind::ALL
                .iter()
                .filter_map(|k| {
                    o.subtree_by_kind
                        .get(k.snake())
                        .map(|n| format!("{} {}", n, kind_name(*k, self.lang)))
                })
                .collect();
            println!("  {}: {}", self.t("Trực thuộc gồm", "Below it"), parts.join(", "));
        }
        if !o.classifications.is_empty() {
            let parts: Vec<String> = o.classifications.iter().map(|c| format!("{} {}", c.year, c.level)).collect();
            println!("  {}: {}", self.t("Xếp loại", "Classification"), parts.join("  "));
        }
        let own = o.admissions.as_ref().map_or(0, |a| a.total());
        let subtree: u64 = o.subtree_admissions.iter().sum();
        if own > 0 || subtree > 0 {
            println!(
                "  {} {}: {} ({} {})",
                self.t("Kết nạp", "Admitted"),
                o.year,
                num(subtree, self.lang),
                self.t("riêng tổ chức này", "this organisation itself"),
                num(own, self.lang)
            );
        }
        println!("  {}:", self.t("Lịch sử", "History"));
        for h in &o.history {
            println!(
                "    {}  {:<14} {}{}  ({} {})",
                d(h.effective),
                self.lang.pick(&h.label_vi, &h.label_en),
                h.detail,
                h.decision.as_ref().map(|x| format!(" [{x}]")).unwrap_or_default(),
                h.by,
                h.recorded.format("%d/%m/%Y")
            );
        }
        Ok(())
    }

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
        let Response::Classifications(c) = r else {
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
                "{} (> 75%): {} {}/{} = {} {}, {} {}/{} = {} {}",
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
            Some(true) => self.t("đạt (> 75%)", "met (> 75%)"),
            Some(false) => self.t("chưa đạt (> 75%)", "not met (> 75%)"),
            None => "—",
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

    pub fn audit(&self, r: Response) -> R {
        let Response::Audit(entries) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&entries);
            return Ok(());
        }
        let mut tab = Table::new(
            &[
                "#",
                self.t("Lúc", "When"),
                self.t("Người", "User"),
                self.t("Việc", "Action"),
                self.t("Nội dung", "What"),
            ],
            &[Align::Right, Align::Left, Align::Left, Align::Left, Align::Left],
        );
        for e in entries {
            tab.row(vec![
                e.seq.to_string(),
                e.at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M:%S").to_string(),
                e.user,
                e.action,
                e.summary,
            ]);
        }
        print!("{}", tab.render());
        Ok(())
    }

    pub fn users(&self, r: Response) -> R {
        let Response::Users(users) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&users);
            return Ok(());
        }
        let mut tab = Table::new(
            &[
                self.t("Người dùng", "User"),
                self.t("Vai trò", "Role"),
                self.t("Phạm vi", "Scope"),
                self.t("Thêm bởi", "Added by"),
            ],
            &[Align::Left, Align::Left, Align::Left, Align::Left],
        );
        for u in users {
            tab.row(vec![
                u.name,
                u.role.as_str().into(),
                match (u.scope, u.scope_name) {
                    (Some(code), Some(name)) => format!("{code} {name}"),
                    (Some(code), None) => code,
                    _ => "—".into(),
                },
                u.added_by,
            ]);
        }
        print!("{}", tab.render());
        Ok(())
    }

    pub fn backup(&self, r: Response) -> R {
        let Response::Backup(b) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&b);
        } else {
            println!(
                "{} {} ({} {}, {} bytes)",
                self.t("Đã sao lưu vào", "Backup written to"),
                b.file.display(),
                num(b.records, self.lang),
                self.t("bản ghi", "records"),
                b.bytes
            );
        }
        Ok(())
    }

    /// The automatic backups, newest first.
    pub fn backups(&self, r: Response) -> R {
        let Response::Backups(list) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&list);
            return Ok(());
        }
        if list.is_empty() {
            println!("{}", self.t("Chưa có bản sao lưu tự động.", "No automatic backup yet."));
            return Ok(());
        }
        let mut tab = Table::new(
            &[
                self.t("Thời điểm (UTC)", "Written (UTC)"),
                self.t("Lý do", "Reason"),
                self.t("Bản ghi", "Records"),
                self.t("Thư mục", "Directory"),
            ],
            &[Align::Left, Align::Left, Align::Right, Align::Left],
        );
        for b in list {
            tab.row(vec![
                b.created
                    .map(|c| c.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "?".into()),
                b.reason,
                b.records.map(|n| num(n, self.lang)).unwrap_or_else(|| "?".into()),
                b.dir.display().to_string(),
            ]);
        }
        print!("{}", tab.render());
        Ok(())
    }

    pub fn check(&self, r: Response) -> R {
        let Response::Check(c) = r else { return Err(unexpected(&r)) };
        if self.json {
            print_json(&c);
        } else {
            println!(
                "{} {} {}",
                self.t("Đã kiểm tra", "Checked"),
                num(c.records, self.lang),
                self.t("bản ghi", "records")
            );
            for p in &c.problems {
                println!("  {} [{}]: {}", p.tree, p.key, p.message);
            }
            if c.problems.is_empty() {
                println!("{}", self.t("Không có lỗi.", "No problems found."));
            }
        }
        if c.problems.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::new(
                ErrorKind::Storage,
                format!("kho dữ liệu có {} lỗi", c.problems.len()),
                format!("the store has {} problems", c.problems.len()),
            ))
        }
    }
}
