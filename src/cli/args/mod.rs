//! The command line (clap).

use super::parse;
use crate::demo::Scale;
use crate::domain::{OrgKind, Tallies};
use crate::service::api::Role;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

mod entry;
mod files;
mod org;
mod users;

pub use entry::{AdmitCmd, ClassifyCmd, TargetCmd};
pub use files::{ExportCmd, ImportCmd};
pub use org::OrgCmd;
pub use users::UserCmd;

#[derive(Parser, Debug)]
#[command(
    name = "thuky",
    version,
    about = "Keyboard-driven workbench for a party committee's secretariat (with no command: the terminal UI)"
)]
pub struct Cli {
    /// Data directory (default: the platform data directory)
    #[arg(long, global = true, env = "THUKY_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Machine-readable JSON output
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages: vi (default) or en
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScaleArg {
    Small,
    Hanoi,
    Large,
}

impl From<ScaleArg> for Scale {
    fn from(s: ScaleArg) -> Scale {
        match s {
            ScaleArg::Small => Scale::Small,
            ScaleArg::Hanoi => Scale::Hanoi,
            ScaleArg::Large => Scale::Large,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Summary of the register
    Status,
    /// Fill an empty data directory with demo data
    Demo {
        /// How much data: small (a few committees), hanoi (the city's size), large (three times Hanoi)
        #[arg(long, value_enum, default_value = "hanoi")]
        scale: ScaleArg,
        /// Seed of the generator (the same seed gives the same data)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace the data the directory holds
        #[arg(long)]
        replace: bool,
    },
    /// The register of party organisations
    #[command(subcommand)]
    Org(OrgCmd),
    /// Annual quality classification
    #[command(subcommand)]
    Classify(ClassifyCmd),
    /// Admissions of new members
    #[command(subcommand)]
    Admit(AdmitCmd),
    /// Yearly targets and allocations
    #[command(subcommand)]
    Target(TargetCmd),
    /// Roll-ups, indicators and findings for a year
    Report {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
    /// The audit log
    Log {
        /// Only the entries of this user
        #[arg(long)]
        user: Option<String>,
        /// Only the entries about this organisation
        #[arg(long, value_name = "CODE")]
        org: Option<String>,
        /// Only the entries written on or after this date
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Only the entries written on or before this date
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// At most this many entries, newest first
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Write a consistent backup into DIR; `backup list` lists the automatic ones
    Backup {
        /// The directory to write the backup into (`list`: list the automatic backups)
        dir: PathBuf,
    },
    /// Replace the data with the backup in DIR (the current data is kept aside)
    Restore {
        /// The backup directory to restore from
        dir: PathBuf,
    },
    /// Verify the store's integrity
    Check,
    /// Run the server that owns the data directory (foreground, for systemd)
    Serve {
        /// Started by a client: exit once idle
        #[arg(long, hide = true)]
        detached: bool,
    },
    /// Users, roles and scopes (administrators)
    #[command(subcommand)]
    User(UserCmd),
    /// Write a spreadsheet (.xlsx, or .csv where the table is a single sheet)
    #[command(subcommand)]
    Export(ExportCmd),
    /// Read a spreadsheet (.xlsx, .xls, .ods or .csv): all rows or nothing
    #[command(subcommand)]
    Import(ImportCmd),
    /// Show how the rulebooks are applied, or change it (administrators)
    Settings {
        /// Apply QĐ 124's 20% cap on collectives also to years under QĐ 366
        /// (not confirmed by the published texts; on by default)
        #[arg(long, value_name = "on|off", value_parser = parse::on_off)]
        collectives_cap_under_366: Option<bool>,
        /// Apply QĐ 124's 20% cap on members (per grassroots organisation) also to
        /// years under QĐ 366 (not confirmed by the published texts; on by default)
        #[arg(long, value_name = "on|off", value_parser = parse::on_off)]
        members_cap_under_366: Option<bool>,
    },
    /// Case files of inspection and discipline work
    #[command(subcommand)]
    Case(super::cases::CaseCmd),
    /// Find organisations and cases (every word, any order, without diacritics is fine)
    Search {
        /// The words to find (codes, names, case titles and persons)
        query: String,
        /// At most this many results
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

#[derive(Args, Debug)]
pub struct When {
    /// Effective date (default: today)
    #[arg(long, value_parser = parse::date, value_name = "DATE")]
    pub at: Option<NaiveDate>,
    /// Reference of the decision
    #[arg(long, value_name = "REF")]
    pub decision: Option<String>,
}
