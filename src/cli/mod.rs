//! The command line: parses arguments, sends service requests, prints answers.
//! Human-readable output by default, `--json` for scripts. Exit codes: 0 ok,
//! 2 bad usage, 1 refused or failed (the reason on stderr).

// Human output carries names, notes, titles and decisions typed by other
// clerks or brought in by a restore: every control and bidi character but
// the line break is printed escaped (`\u{1b}`), so nothing can move the
// cursor, recolour or clear the terminal. These shadow std's macros in every
// module of the command line (declared before them).
macro_rules! println {
    ($($t:tt)*) => { $crate::cli::print::emit(&format!($($t)*), true) };
}
macro_rules! print {
    ($($t:tt)*) => { $crate::cli::print::emit(&format!($($t)*), false) };
}

mod args;
mod cases;
mod export;
mod import;
mod parse;
mod print;
mod print_admin;
mod print_admissions;
mod print_classify;
mod print_register;
mod reorg;
mod resolve;
mod table;

pub use args::Cli;
use args::*;
use clap::Parser;

use crate::domain::Lang;
use crate::service::api::*;
use crate::service::backend::Backend;
use crate::service::ServiceError;
use std::path::{Path, PathBuf};

/// The platform's data directory for thuky (e.g. ~/.local/share/thuky).
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("vn", "thuky", "thuky")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".thuky"))
}

/// The name of the user running this process.
pub fn os_user() -> String {
    // SAFETY: getuid never fails; getpwuid_r is given a properly sized buffer.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) == 0 && !result.is_null() {
            return std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned();
        }
        format!("uid{uid}")
    }
}

/// Reach the service for `data_dir`: through the server that owns it,
/// starting one if none answers.
pub fn connect(data_dir: &Path, lang: Lang) -> Result<Box<dyn Backend>, ServiceError> {
    crate::remote::connect(data_dir, lang)
}

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Vi) => Lang::Vi,
        None => Lang::from_env(),
    };
    let data_dir = cli.data.clone().unwrap_or_else(default_data_dir);
    match run(cli, &data_dir, lang) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("thuky: {}", crate::domain::text_check::escape_controls(e.message(lang)));
            1
        }
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn this_year() -> i32 {
    use chrono::Datelike;
    today().year()
}

fn run(cli: Cli, data_dir: &Path, lang: Lang) -> Result<(), ServiceError> {
    let json = cli.json;
    if let Some(Command::Serve { detached }) = cli.command {
        // THUKY_STOP_LIMIT_MS: how long stopping may take (default 10 s).
        let limit = std::env::var("THUKY_STOP_LIMIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        let opts = crate::remote::ServeOptions {
            detached,
            exit_when_stuck: Some(std::time::Duration::from_millis(limit)),
            ..Default::default()
        };
        return crate::remote::serve(data_dir, opts)
            .map_err(|e| ServiceError::new(crate::service::ErrorKind::Storage, format!("{e:#}"), format!("{e:#}")));
    }
    if cli.command.is_some() {
        // Printing commands die quietly when their reader goes (`thuky org list | head`),
        // like other Unix tools, instead of panicking on a broken pipe.
        // SAFETY: setting a signal disposition before any threads print.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    let mut b = connect(data_dir, lang)?;
    let out = print::Out { json, lang };
    let Some(command) = cli.command else {
        use std::io::IsTerminal;
        if json || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
            // Not a terminal (a pipe, a script): print the register summary instead.
            return out.status(b.call(Request::Status)?);
        }
        let opts = crate::tui::TuiOptions {
            lang,
            ..Default::default()
        };
        return crate::tui::run(b, opts).map_err(|e| ServiceError::new(crate::service::ErrorKind::Storage, e.to_string(), e.to_string()));
    };
    match command {
        Command::Status => out.status(b.call(Request::Status)?),
        Command::Demo { scale, seed, replace } => out.done(b.call(Request::DemoLoad {
            scale: scale.into(),
            seed,
            replace,
        })?),
        Command::Org(cmd) => org(&mut *b, &out, cmd),
        Command::Classify(cmd) => classify(&mut *b, &out, cmd),
        Command::Admit(AdmitCmd::Set { code, year, month, count }) => {
            out.done(b.call(Request::AdmissionSet { code, year, month, count })?)
        }
        Command::Admit(AdmitCmd::Show { year, under }) => out.admissions(b.call(Request::AdmissionList { year, under })?),
        Command::Target(TargetCmd::Set { year, plan, range, org }) => {
            let input = match org {
                Some(code) => TargetInput {
                    year,
                    plan: None,
                    range,
                    org: Some(code),
                    allocation: plan,
                },
                None => TargetInput {
                    year,
                    plan,
                    range,
                    org: None,
                    allocation: None,
                },
            };
            out.done(b.call(Request::TargetSet(input))?)
        }
        Command::Target(TargetCmd::Show { year }) => out.target(b.call(Request::Target { year })?),
        Command::Report { year, under } => out.report(b.call(Request::Report { year, under })?),
        Command::Log {
            user,
            org,
            since,
            until,
            limit,
        } => out.audit(b.call(Request::AuditList(AuditQuery {
            user,
            org,
            since,
            until,
            limit: Some(limit),
            offset: None,
        }))?),
        // `thuky backup list` (a directory named "list" is written as ./list).
        Command::Backup { dir } if dir.as_os_str() == "list" => out.backups(b.call(Request::BackupList)?),
        Command::Backup { dir } => out.backup(b.call(Request::Backup { dir: absolute(&dir) })?),
        Command::Restore { dir } => out.done(b.call(Request::BackupRestore { dir: absolute(&dir) })?),
        Command::Check => out.check(b.call(Request::StoreCheck)?),
        Command::Settings {
            collectives_cap_under_366: None,
            members_cap_under_366: None,
        } => out.settings(b.call(Request::Status)?),
        Command::Settings {
            collectives_cap_under_366,
            members_cap_under_366,
        } => {
            let Response::Status(s) = b.call(Request::Status)? else {
                unreachable!("a status request answers with the status")
            };
            let mut settings = s.settings;
            if let Some(on) = collectives_cap_under_366 {
                settings.collectives_cap_under_366 = on;
            }
            if let Some(on) = members_cap_under_366 {
                settings.members_cap_under_366 = on;
            }
            out.done(b.call(Request::SettingsSet(settings))?)
        }
        Command::Export(cmd) => export::run(&mut *b, &out, cmd),
        Command::Import(cmd) => import::run(&mut *b, &out, cmd),
        Command::Serve { .. } => unreachable!("handled above"),
        Command::Case(cmd) => cases::run(&mut *b, &out, cmd),
        Command::Search { query, limit } => cases::search(&mut *b, &out, query, limit),
        Command::User(UserCmd::Add { name, role, scope }) => out.done(b.call(Request::UserAdd { name, role, scope })?),
        Command::User(UserCmd::List) => out.users(b.call(Request::UserList)?),
        Command::User(UserCmd::Remove { name }) => out.done(b.call(Request::UserRemove { name })?),
        Command::User(UserCmd::Set { name, role, scope }) => out.done(b.call(Request::UserSet {
            name,
            role,
            scope,
            base_version: None,
        })?),
    }
}

fn absolute(p: &Path) -> String {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}

fn org(b: &mut dyn Backend, out: &print::Out, cmd: OrgCmd) -> Result<(), ServiceError> {
    let day = |d: Option<chrono::NaiveDate>| d.unwrap_or_else(today);
    let resp = match cmd {
        OrgCmd::Add {
            parent,
            name,
            kind,
            code,
            members,
            when,
            decided,
        } => b.call(Request::OrgAdd(OrgAdd {
            parent,
            kind,
            name,
            code,
            members,
            at: day(when.at),
            founding_ref: when.decision,
            founding_date: decided,
        }))?,
        OrgCmd::List { at, under, depth } => {
            return out.tree(
                b.call(Request::Tree {
                    at: day(at),
                    year: Some(this_year()),
                })?,
                under.as_deref(),
                depth,
            )
        }
        OrgCmd::Show { code, at, year } => {
            return out.org(b.call(Request::Org {
                code,
                at: day(at),
                year: year.unwrap_or_else(this_year),
            })?)
        }
        OrgCmd::Rename {
            code,
            name,
            when,
            resolve: answer,
        } => b.call(resolve::wrap(
            Request::OrgRename {
                code,
                name,
                at: day(when.at),
                decision: when.decision,
                base_version: None,
            },
            answer,
        ))?,
        OrgCmd::Move {
            code,
            parent,
            when,
            resolve: answer,
            dry_run,
        } => match reorg::call(
            b,
            out,
            dry_run,
            resolve::wrap(
                Request::OrgMove {
                    code,
                    parent,
                    at: day(when.at),
                    decision: when.decision,
                    base_version: None,
                },
                answer,
            ),
        )? {
            Some(r) => r,
            None => return Ok(()),
        },
        OrgCmd::Merge {
            code,
            into,
            when,
            later_counts_include,
            resolve: answer,
            dry_run,
        } => match reorg::call(
            b,
            out,
            dry_run,
            resolve::wrap(
                Request::OrgMerge {
                    code,
                    into,
                    at: day(when.at),
                    decision: when.decision,
                    base_version: None,
                    later_counts_include,
                },
                answer,
            ),
        )? {
            Some(r) => r,
            None => return Ok(()),
        },
        OrgCmd::Dissolve {
            code,
            when,
            resolve: answer,
            dry_run,
        } => match reorg::call(
            b,
            out,
            dry_run,
            resolve::wrap(
                Request::OrgDissolve {
                    code,
                    at: day(when.at),
                    decision: when.decision,
                    base_version: None,
                },
                answer,
            ),
        )? {
            Some(r) => r,
            None => return Ok(()),
        },
        cmd @ (OrgCmd::AddRoot { .. } | OrgCmd::MoveChildren { .. } | OrgCmd::Kind { .. } | OrgCmd::Undo { .. }) => {
            return reorg::run(b, out, cmd)
        }
        OrgCmd::Members {
            code,
            members,
            probationary,
            at,
            resolve: answer,
        } => b.call(resolve::wrap(
            Request::OrgSetMembers {
                code,
                members,
                probationary,
                at: day(at),
                base_version: None,
            },
            answer,
        ))?,
        OrgCmd::Code { code, new_code } => b.call(Request::OrgSetCode {
            code,
            new_code,
            base_version: None,
        })?,
    };
    out.done(resolve::asked(out, resp)?)
}

fn classify(b: &mut dyn Backend, out: &print::Out, cmd: ClassifyCmd) -> Result<(), ServiceError> {
    match cmd {
        ClassifyCmd::Set {
            code,
            year,
            level,
            score,
            members,
            decision,
            decided,
            note,
        } => out.done(b.call(Request::ClassificationSet(ClassifyInput {
            code,
            year,
            level: level.0,
            score,
            members,
            decision,
            decided,
            note,
            keep_rest: false,
            base_version: None,
        }))?),
        ClassifyCmd::Show { year, under } => out.classes(b.call(Request::ClassificationList { year, under })?),
        ClassifyCmd::Clear { code, year } => out.done(b.call(Request::ClassificationClear {
            code,
            year,
            base_version: None,
        })?),
    }
}
