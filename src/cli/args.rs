//! The command line (clap).

use super::parse;
use crate::demo::Scale;
use crate::domain::{OrgKind, Tallies};
use crate::service::api::Role;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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

#[derive(Subcommand, Debug)]
pub enum OrgCmd {
    /// Found a new organisation under PARENT
    Add {
        /// The parent's code ('-' founds the root, the city committee, with --kind city)
        parent: String,
        /// The organisation's full name
        name: String,
        /// city (TP, Đảng bộ Thành phố), superior (TT, Đảng bộ trực thuộc), grassroots_committee
        /// (ĐBCS, Đảng bộ cơ sở), grassroots_cell (CBCS, Chi bộ cơ sở), sub_committee (ĐBBP, Đảng bộ
        /// bộ phận), cell (CB, Chi bộ trực thuộc); the short forms and names are accepted
        #[arg(long, value_parser = parse::kind)]
        kind: OrgKind,
        /// Its code (default: assigned from the parent's)
        #[arg(long)]
        code: Option<String>,
        /// The number of members held directly
        #[arg(long, default_value_t = 0, value_parser = parse::count)]
        members: u32,
        #[command(flatten)]
        when: When,
        /// Date of the founding decision
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        decided: Option<NaiveDate>,
    },
    /// The tree as of a date
    List {
        /// The date of the tree (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Levels below the starting organisation to show
        #[arg(long)]
        depth: Option<u16>,
    },
    /// One organisation in detail
    Show {
        /// The organisation's code
        code: String,
        /// The date to show it at (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// The year whose classification is shown (default: the latest)
        #[arg(long, value_parser = parse::year)]
        year: Option<i32>,
    },
    /// Give an organisation a new name from a date (the old name stays in its history)
    Rename {
        /// The organisation's code
        code: String,
        /// The new name
        name: String,
        #[command(flatten)]
        when: When,
        /// The answer when the change meets records dated after it (listed
        /// when it is refused): keep, or add-members for a merge
        #[arg(long, value_parser = super::resolve::parse, value_name = "ANSWER")]
        resolve: Option<crate::domain::conflicts::Resolution>,
    },
    /// Move under another parent
    Move {
        /// The organisation's code
        code: String,
        /// The new parent's code
        parent: String,
        #[command(flatten)]
        when: When,
        /// The answer when the change meets records dated after it (listed
        /// when it is refused): keep, or add-members for a merge
        #[arg(long, value_parser = super::resolve::parse, value_name = "ANSWER")]
        resolve: Option<crate::domain::conflicts::Resolution>,
        /// Print what would move, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Merge into another organisation (its organisations and members follow)
    Merge {
        /// The code of the organisation that ends
        code: String,
        /// The code of the organisation it merges into
        into: String,
        #[command(flatten)]
        when: When,
        /// The target's member counts recorded after the merge date already
        /// include the merged members (asked when there are any)
        #[arg(long)]
        later_counts_include: bool,
        /// The answer when the change meets records dated after it (listed
        /// when it is refused): keep, or add-members for a merge
        #[arg(long, value_parser = super::resolve::parse, value_name = "ANSWER")]
        resolve: Option<crate::domain::conflicts::Resolution>,
        /// Print what would move and end, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Dissolve an organisation from a date (it must have no organisations below it then)
    Dissolve {
        /// The organisation's code
        code: String,
        #[command(flatten)]
        when: When,
        /// The answer when the change meets records dated after it (listed
        /// when it is refused): keep, or add-members for a merge
        #[arg(long, value_parser = super::resolve::parse, value_name = "ANSWER")]
        resolve: Option<crate::domain::conflicts::Resolution>,
        /// Print what would end, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Set the number of members held directly (full and probationary together)
    Members {
        /// The organisation's code
        code: String,
        /// The number of members (a whole number, 0 or more)
        #[arg(value_parser = parse::count, allow_negative_numbers = true)]
        members: u32,
        /// How many of them are probationary (dự bị); the rest are full (chính thức)
        #[arg(long, value_name = "N", value_parser = parse::count, allow_negative_numbers = true)]
        probationary: Option<u32>,
        /// The date the count holds from (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// The answer when the change meets records dated after it (listed
        /// when it is refused): keep, or add-members for a merge
        #[arg(long, value_parser = super::resolve::parse, value_name = "ANSWER")]
        resolve: Option<crate::domain::conflicts::Resolution>,
    },
    /// Change the code
    Code {
        /// The current code
        code: String,
        /// The new code
        new_code: String,
    },
    /// Found the root, the city committee (Đảng bộ Thành phố), in an empty register
    AddRoot {
        /// Its name, e.g. "Đảng bộ Thành phố Hà Nội"
        name: String,
        /// Its code (default: TP)
        #[arg(long)]
        code: Option<String>,
        /// Its members (the city committee's own; usually 0)
        #[arg(long, default_value_t = 0)]
        members: u32,
        #[command(flatten)]
        when: When,
        /// Date of the founding decision
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        decided: Option<NaiveDate>,
    },
    /// Move every organisation under CODE to PARENT in one action (a reorganisation)
    MoveChildren {
        /// The organisation whose children move
        code: String,
        /// Their new parent
        parent: String,
        #[command(flatten)]
        when: When,
        /// Print what would move, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Change the kind from a date on (e.g. chi bộ cơ sở → đảng bộ cơ sở: --kind ĐBCS)
    Kind {
        /// The organisation's code
        code: String,
        /// The new kind (city, superior, grassroots_committee, grassroots_cell, sub_committee, cell, or its Vietnamese name)
        #[arg(value_parser = parse::kind)]
        kind: OrgKind,
        #[command(flatten)]
        when: When,
        /// Print what would change, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Undo a register change you made (its audit number, shown by `thuky log`) by a reverse change
    Undo {
        /// The audit number of the change
        seq: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum ClassifyCmd {
    /// Record a classification (LEVEL '-' takes it from --score)
    Set {
        /// The organisation's code
        code: String,
        /// The year classified (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// HTXS, HTT, HT, KHT (or 1-4, or the Vietnamese name); '-' takes it from --score
        #[arg(value_parser = parse::level_or_dash)]
        level: parse::LevelArg,
        /// The score 0-100 (years from 2025, QĐ 366); "87,5" or "87.5"
        #[arg(long, value_parser = parse::score)]
        score: Option<f64>,
        /// The members' tallies: HTXS,HTT,HT,KHT,NOTRATED
        #[arg(long, value_parser = parse::tallies, allow_hyphen_values = true)]
        members: Option<Tallies>,
        /// Reference of the decision that classified it
        #[arg(long, value_name = "REF")]
        decision: Option<String>,
        /// Date of that decision
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        decided: Option<NaiveDate>,
        /// A free note kept with the entry
        #[arg(long)]
        note: Option<String>,
    },
    /// Classifications of a year with the findings
    Show {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
    /// Remove a classification
    Clear {
        /// The organisation's code
        code: String,
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
    },
}

#[derive(Subcommand, Debug)]
pub enum AdmitCmd {
    /// Admissions of one organisation in one month (by decision date)
    Set {
        /// The organisation's code
        code: String,
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// The month of the decisions (1-12)
        #[arg(value_parser = parse::month, allow_negative_numbers = true)]
        month: u32,
        /// The number of members admitted that month (a whole number, 0 or more)
        #[arg(value_parser = parse::count, allow_negative_numbers = true)]
        count: u32,
    },
    /// Admissions of a year by organisation and month, against the targets
    Show {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum TargetCmd {
    /// The city's plan and range; with --org, --plan is that committee's allocation
    Set {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// The plan: the number of admissions planned (the city's, or with --org the allocation)
        #[arg(long, value_parser = parse::count, allow_negative_numbers = true)]
        plan: Option<u32>,
        /// The city's range, e.g. 9000-10000
        #[arg(long, value_parser = parse::range, value_name = "LOW-HIGH")]
        range: Option<(u32, u32)>,
        /// The directly subordinate committee the plan is allocated to
        #[arg(long, value_name = "CODE")]
        org: Option<String>,
    },
    /// The targets of a year and the allocations
    Show {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Register a user with a role (admin, clerk, viewer) and, for clerks, a scope
    Add {
        /// The system login name
        name: String,
        /// admin, clerk or viewer
        #[arg(long, value_parser = parse::role)]
        role: Role,
        /// The organisation whose subtree the user may change
        #[arg(long, value_name = "CODE")]
        scope: Option<String>,
    },
    /// The registered users
    List,
    /// Remove a user
    Remove {
        /// The system login name
        name: String,
    },
    /// Change a user's role or scope (an empty scope clears it)
    Set {
        /// The system login name
        name: String,
        /// admin, clerk or viewer
        #[arg(long, value_parser = parse::role)]
        role: Option<Role>,
        /// The organisation whose subtree the user may change
        #[arg(long, value_name = "CODE")]
        scope: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// One row per organisation: code, name, kind, parent, members, level, score, tallies, decision
    Classification {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// The file to write (.xlsx or .csv)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The committee's report: per directly subordinate committee and in total, this year
    /// beside the previous one; the organisations rated KHT; the findings; the indicators' trend
    Report {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// The file to write (.xlsx)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The place written in the heading ("Hà Nội, ngày ...")
        #[arg(long, default_value = "Hà Nội")]
        place: String,
    },
    /// The tree as of a date, parents before children
    Register {
        /// The date of the tree (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// Only the subtree under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// The file to write (.xlsx or .csv)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Organisations × months, with each committee's subtotal and allocation
    Admissions {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// Only the rows under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// The file to write (.xlsx or .csv)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Every case matching the filters of `case list`, one row per case
    Cases {
        #[command(flatten)]
        filter: super::cases::CaseFilter,
        /// The file to write (.xlsx or .csv)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// A year's classifications by code (or by name within the scope)
    Classification {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// The spreadsheet to read (.xlsx, .xls, .ods or .csv)
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Match names within this organisation's subtree (default: your scope, else all)
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Show what would change and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Legacy Vietnamese text: auto (detect), tcvn3, vni, or off
        #[arg(long, value_parser = parse::legacy, default_value = "auto", value_name = "auto|tcvn3|vni|off")]
        legacy: crate::io::read::LegacyMode,
    },
    /// Found organisations (an initial load): code or parent, name, kind, members, founding decision and date
    Register {
        /// The spreadsheet to read (.xlsx, .xls, .ods or .csv)
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The effective date of rows without a founding date (default: today)
        #[arg(long, value_parser = parse::date, value_name = "DATE")]
        at: Option<NaiveDate>,
        /// Show what would change and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Legacy Vietnamese text: auto (detect), tcvn3, vni, or off
        #[arg(long, value_parser = parse::legacy, default_value = "auto", value_name = "auto|tcvn3|vni|off")]
        legacy: crate::io::read::LegacyMode,
    },
    /// A year's admissions by organisation and month (columns 'T1' … 'T12'; an empty cell keeps what is stored)
    Admissions {
        /// The year (2018 on)
        #[arg(value_parser = parse::year)]
        year: i32,
        /// The spreadsheet to read (.xlsx, .xls, .ods or .csv)
        file: PathBuf,
        /// The sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Only the rows under this organisation
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Show what would change and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Legacy Vietnamese text: auto (detect), tcvn3, vni, or off
        #[arg(long, value_parser = parse::legacy, default_value = "auto", value_name = "auto|tcvn3|vni|off")]
        legacy: crate::io::read::LegacyMode,
    },
}
