//! The classification sheet: the export of a year's classifications (one row
//! per organisation) and the reading of such a sheet back into import rows.

use super::columns::{self, Columns, Field};
use super::read::{Cell, Grid};
use super::table::{Head, Sheet, Value, Workbook};
use super::values;
use crate::domain::classification::NotRatedBy;
use crate::domain::{Lang, Level, Tallies};
use crate::service::api::{ClassList, ImportRow};
use crate::service::{ErrorKind, ServiceError};
use std::collections::HashMap;

mod export;
mod import;

pub use export::export;
pub use import::{column_map, is_total, parse, request, Parsed, FIELDS};
