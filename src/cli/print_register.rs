//! Printing the register: `org list` (the tree) and `org show`.

use super::print::{kind_name, print_json, unexpected, Out};
use super::table::{num, Align, Table};
use crate::domain::OrgKind;
use crate::service::api::*;
use crate::service::ServiceError;
use serde_json::json;

type R = Result<(), ServiceError>;

impl Out {
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
}
