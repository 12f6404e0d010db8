//! Printing the administration answers: the audit log, users, backups, `check`.

use super::print::{print_json, unexpected, Out};
use super::table::{num, Align, Table};
use crate::service::api::*;
use crate::service::{ErrorKind, ServiceError};

type R = Result<(), ServiceError>;

impl Out {
    pub fn audit(&self, r: Response) -> R {
        let Response::AuditList(entries) = r else {
            return Err(unexpected(&r));
        };
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
        let Response::StoreCheck(c) = r else { return Err(unexpected(&r)) };
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
