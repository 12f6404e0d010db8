//! Printing service answers: human tables, or JSON with `--json`.

use super::table::num;
use crate::domain::{Lang, OrgKind};
use crate::service::api::*;
use crate::service::{ErrorKind, ServiceError};
use serde_json::json;

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

pub(super) fn kind_name(k: OrgKind, lang: Lang) -> &'static str {
    lang.pick(k.name_vi(), k.name_en())
}

impl Out {
    pub(super) fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
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
}

impl Out {
    /// A remark on stderr (so that --json output stays clean).
    pub fn note(&self, vi: &str, en: &str) {
        eprintln!("{}", self.t(vi, en));
    }

    /// What an export wrote.
    pub fn written(&self, file: &std::path::Path, rows: usize) -> R {
        if self.json {
            print_json(&json!({ "file": file.display().to_string(), "rows": rows }));
        } else {
            println!(
                "{} {} ({} {})",
                self.t("Đã ghi", "Wrote"),
                file.display(),
                num(rows as u64, self.lang),
                self.t("dòng", "rows")
            );
        }
        Ok(())
    }

    /// What an import changed, or would change in a dry run.
    pub fn import(&self, r: &ImportReport) -> R {
        if self.json {
            print_json(r);
            return Ok(());
        }
        let show = |c: &Option<crate::domain::Classification>| match c {
            None => self.t("(chưa xếp loại)", "(none)").to_string(),
            Some(c) => {
                let mut s = c.level.short().to_string();
                if let Some(x) = c.score {
                    let x = format!("{x}");
                    s.push_str(&format!(" {}", if self.lang == Lang::Vi { x.replace('.', ",") } else { x }));
                }
                if let Some(t) = c.members {
                    s.push_str(&format!(" [{},{},{},{},{}]", t.htxs, t.htt, t.ht, t.kht, t.not_rated));
                }
                s
            }
        };
        for c in &r.changes {
            println!(
                "{} {:>5}  {:<12} {}: {} → {}",
                self.t("dòng", "row"),
                c.row,
                c.code,
                c.name,
                show(&c.before),
                show(&Some(c.after.clone()))
            );
        }
        for c in &r.admissions {
            let months = |m: &[u32; 12]| m.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
            println!(
                "{} {:>5}  {:<12} {}: [{}] → [{}]",
                self.t("dòng", "row"),
                c.row,
                c.code,
                c.name,
                c.before.as_ref().map(|b| months(&b.months)).unwrap_or_else(|| "-".into()),
                months(&c.after.months)
            );
        }
        for o in &r.orgs {
            println!(
                "{} {:>5}  {:<12} {} ({}) ← {}",
                self.t("dòng", "row"),
                o.row,
                o.code,
                o.name,
                kind_name(o.kind, self.lang),
                o.parent.as_deref().unwrap_or("-")
            );
        }
        let n = num((r.changes.len() + r.admissions.len() + r.orgs.len()) as u64, self.lang);
        let what = if !r.orgs.is_empty() {
            self.t("tổ chức mới", "new organisations")
        } else if r.admissions.is_empty() {
            self.t("xếp loại", "classifications")
        } else {
            self.t("tổ chức có số kết nạp", "organisations' admissions")
        };
        let same = num(r.unchanged as u64, self.lang);
        let empty = num(r.empty as u64, self.lang);
        if r.dry_run {
            println!(
                "{}",
                self.lang.pick(
                    &format!(
                        "Chạy thử {} năm {}: sẽ ghi {n} {what}, {same} dòng không đổi, {empty} dòng trống. Chưa ghi gì.",
                        r.file_name, r.year
                    ),
                    &format!(
                        "Dry run of {} for {}: {n} {what} would be written, {same} rows unchanged, {empty} empty. Nothing was written.",
                        r.file_name, r.year
                    ),
                )
            );
        } else {
            println!(
                "{}",
                self.lang.pick(
                    &format!(
                        "Đã nhập {} năm {}: ghi {n} {what}, {same} dòng không đổi, {empty} dòng trống.",
                        r.file_name, r.year
                    ),
                    &format!(
                        "Imported {} for {}: {n} {what} written, {same} rows unchanged, {empty} empty.",
                        r.file_name, r.year
                    ),
                )
            );
        }
        Ok(())
    }
}
