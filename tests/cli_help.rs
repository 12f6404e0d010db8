//! Issue 11 item 13: `--help` describes every subcommand and every argument;
//! the kinds are listed with their short forms, which the parser takes; a
//! negative count is refused with a message naming the argument.

mod common;
use clap::CommandFactory;
use common::*;
use thuky::cli::Cli;
use thuky::service::Service;

/// Every subcommand and argument below `cmd` without a help text, as "path: name".
fn undescribed(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if matches!(id, "help" | "version") {
            continue;
        }
        if a.get_help().is_none() && a.get_long_help().is_none() {
            out.push(format!("{path}: argument {id}"));
        }
    }
    for sub in cmd.get_subcommands() {
        let p = format!("{path} {}", sub.get_name());
        if sub.get_name() != "help" && sub.get_about().is_none() && sub.get_long_about().is_none() {
            out.push(format!("{p}: no description"));
        }
        undescribed(sub, &p, out);
    }
}

#[test]
fn every_subcommand_and_argument_is_described() {
    let cmd = Cli::command();
    cmd.clone().debug_assert();
    let mut missing = Vec::new();
    undescribed(&cmd, "thuky", &mut missing);
    assert!(missing.is_empty(), "without a help text:\n{}", missing.join("\n"));
}

#[test]
fn the_help_of_a_command_shows_its_arguments_described() {
    let dir = tempfile::tempdir().unwrap();
    let out = thuky(dir.path(), &["admit", "set", "--help"]);
    let help = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    for needle in [
        "<CODE>",
        "<YEAR>",
        "<MONTH>",
        "<COUNT>",
        "The month of the decisions",
        "admitted that month",
    ] {
        assert!(help.contains(needle), "{needle:?} in:\n{help}");
    }
    let out = thuky(dir.path(), &["org", "add", "--help"]);
    let help = stdout(&out);
    for needle in ["CBCS", "ĐBCS", "TT", "Chi bộ cơ sở", "Đảng bộ cơ sở"] {
        assert!(help.contains(needle), "{needle:?} in:\n{help}");
    }
    let out = thuky(dir.path(), &["org", "--help"]);
    let help = stdout(&out);
    for needle in ["rename", "dissolve", "show"] {
        let line = help.lines().find(|l| l.trim_start().starts_with(needle)).unwrap_or_default();
        assert!(line.trim().len() > needle.len() + 5, "{needle} has no description:\n{help}");
    }
}

#[test]
fn kinds_are_taken_in_their_short_forms() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    drop(s);
    for (kind, code, want) in [
        ("TT", "TT1", "superior"),
        ("ĐBCS", "DBCS1", "grassroots_committee"),
        ("CBCS", "CBCS1", "grassroots_cell"),
        ("dbcs", "DBCS2", "grassroots_committee"),
    ] {
        let name = format!("Thử {kind}");
        let out = thuky(
            dir.path(),
            &["--lang", "en", "org", "add", "HN", &name, "--kind", kind, "--code", code],
        );
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let out = thuky(dir.path(), &["--json", "org", "show", code]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(stdout(&out).contains(&format!("\"{want}\"")), "{kind}: {}", stdout(&out));
    }
    let out = thuky(dir.path(), &["--lang", "en", "org", "add", "HN", "X", "--kind", "XYZ"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("'XYZ' is not a kind") && err.contains("grassroots_cell (CBCS, Chi bộ cơ sở)"),
        "{err}"
    );
}

#[test]
fn a_negative_count_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let before = audit_len(&mut s);
    drop(s);
    for (args, arg) in [
        (vec!["admit", "set", "BD.01", "2025", "3", "-1"], "<COUNT>"),
        (vec!["org", "members", "BD.01", "-5"], "<MEMBERS>"),
        (vec!["target", "set", "2025", "--plan", "-3"], "--plan"),
    ] {
        let mut full = vec!["--lang", "en"];
        full.extend(args.iter().copied());
        let out = thuky(dir.path(), &full);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(arg) && err.contains("negative"), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{err}");
    }
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(audit_len(&mut s), before, "nothing written");
}
