//! `thuky org ...`: the register.

use super::*;

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
        #[arg(long, value_parser = crate::cli::resolve::parse, value_name = "ANSWER")]
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
        #[arg(long, value_parser = crate::cli::resolve::parse, value_name = "ANSWER")]
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
        #[arg(long, value_parser = crate::cli::resolve::parse, value_name = "ANSWER")]
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
        #[arg(long, value_parser = crate::cli::resolve::parse, value_name = "ANSWER")]
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
        #[arg(long, value_parser = crate::cli::resolve::parse, value_name = "ANSWER")]
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
