//! `thuky org add-root | move-children | kind | undo`, and `--dry-run`: the
//! preview the service computes for a register change, printed.

use super::args::OrgCmd;
use super::print::{self, print_json, unexpected, Out};
use super::today;
use crate::domain::OrgKind;
use crate::service::api::{OrgAdd, Request, Response};
use crate::service::backend::Backend;
use crate::service::ServiceError;

/// Make `change`, or with `dry_run` print what it would do (None: printed).
pub fn call(b: &mut dyn Backend, out: &Out, dry_run: bool, change: Request) -> Result<Option<Response>, ServiceError> {
    if !dry_run {
        return b.call(change).map(Some);
    }
    let r = b.call(Request::OrgPreview { change: Box::new(change) })?;
    if let Response::Conflicts(_) = r {
        // Asked first: the caller prints the later records and the choices.
        return Ok(Some(r));
    }
    preview(out, &r)?;
    Ok(None)
}

fn preview(out: &Out, r: &Response) -> Result<(), ServiceError> {
    let Response::OrgPreview(p) = r else { return Err(unexpected(r)) };
    if out.json {
        print_json(p);
        return Ok(());
    }
    let lang = out.lang;
    print::emit(lang.pick("Chạy thử (không ghi gì):", "Dry run (nothing written):"), true);
    for line in p.lines(lang, &|n| super::table::num(n, lang)) {
        print::emit(&format!("  {line}"), true);
    }
    Ok(())
}

pub fn run(b: &mut dyn Backend, out: &Out, cmd: OrgCmd) -> Result<(), ServiceError> {
    let day = |d: Option<chrono::NaiveDate>| d.unwrap_or_else(today);
    let r = match cmd {
        OrgCmd::AddRoot {
            name,
            code,
            members,
            when,
            decided,
        } => b
            .call(Request::OrgAdd(OrgAdd {
                parent: "-".into(),
                kind: OrgKind::City,
                name,
                code,
                members,
                at: day(when.at),
                founding_ref: when.decision,
                founding_date: decided,
            }))
            .map(Some),
        OrgCmd::MoveChildren {
            code,
            parent,
            when,
            dry_run,
        } => call(
            b,
            out,
            dry_run,
            Request::OrgMoveChildren {
                code,
                parent,
                at: day(when.at),
                decision: when.decision,
                base_version: None,
            },
        ),
        OrgCmd::Kind { code, kind, when, dry_run } => call(
            b,
            out,
            dry_run,
            Request::OrgSetKind {
                code,
                kind,
                at: day(when.at),
                decision: when.decision,
                base_version: None,
            },
        ),
        OrgCmd::Undo { seq } => b.call(Request::OrgUndo { seq }).map(Some),
        _ => unreachable!("only the commands above are sent here"),
    };
    match r? {
        Some(r) => out.done(r),
        None => Ok(()),
    }
}
