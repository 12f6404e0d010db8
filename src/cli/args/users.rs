//! `thuky user ...`: users, roles and scopes.

use super::*;

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
