//! `thuky classify|admit|target ...`: a year's entries.

use super::*;

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
