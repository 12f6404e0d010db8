//! `thuky export|import ...`: spreadsheets.

use super::*;

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
        filter: crate::cli::cases::CaseFilter,
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
