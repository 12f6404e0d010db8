//! `--resolve`: the answer to the later records a backdated register change
//! meets (issue 12 item 10), and printing the question when it is asked.

use super::print::{print_json, Out};
use crate::domain::conflicts::{Conflicts, Resolution};
use crate::service::api::{Request, Response};
use crate::service::error::ErrorKind;
use crate::service::ServiceError;

/// `keep` or `add-members`.
pub fn parse(s: &str) -> Result<Resolution, String> {
    match s.trim().to_lowercase().as_str() {
        "keep" => Ok(Resolution::Keep),
        "add-members" | "add_members" => Ok(Resolution::AddMembers),
        other => Err(format!("'{other}': expected keep or add-members")),
    }
}

fn flag(r: Resolution) -> &'static str {
    match r {
        Resolution::Keep => "--resolve keep",
        Resolution::AddMembers => "--resolve add-members",
    }
}

/// The change, inside `OrgResolved` when the clerk answered.
pub fn wrap(change: Request, answer: Option<Resolution>) -> Request {
    match answer {
        Some(resolution) => Request::OrgResolved {
            resolution,
            change: Box::new(change),
        },
        None => change,
    }
}

/// Print what was asked (the later records and the choices) and refuse:
/// nothing was written. Any other answer goes on to `done`.
pub fn asked(out: &Out, r: Response) -> Result<Response, ServiceError> {
    let Response::Conflicts(c) = r else { return Ok(r) };
    if out.json {
        print_json(&c);
    } else {
        for rec in &c.records {
            println!(
                "{}  {:<18} {:<10} {}  {}{}",
                rec.date.format("%d/%m/%Y"),
                out.lang.pick(rec.kind.label_vi(), rec.kind.label_en()),
                rec.code,
                rec.name,
                rec.value,
                rec.by.as_deref().map(|b| format!(" ({b})")).unwrap_or_default()
            );
        }
        for ch in &c.choices {
            println!("  {:<22} {}", flag(*ch), out.lang.pick(ch.label_vi(), ch.label_en()));
        }
    }
    let Conflicts {
        change_vi,
        change_en,
        records,
        choices,
    } = *c;
    let flags: Vec<&str> = choices.iter().map(|c| flag(*c)).collect();
    Err(ServiceError::new(
        ErrorKind::Invalid,
        format!(
            "{change_vi}: {} số liệu ghi sau ngày này (liệt kê ở trên); chưa ghi gì. Ghi lại với {}",
            records.len(),
            flags.join(" hoặc ")
        ),
        format!(
            "{change_en}: {} records dated after it (listed above); nothing was written. Send it again with {}",
            records.len(),
            flags.join(" or ")
        ),
    ))
}
