//! Spreadsheets in and out (issue 15). Exports are pure transformations of
//! service responses into a format-free table model ([`table`]), written by
//! [`xlsx`] or [`csv_out`]; imports read a sheet ([`read`]), find its columns by
//! their headers ([`columns`]) and turn its rows into service requests.
//!
//! It sits beside `cli` rather than inside it because the TUI's export key will
//! use the same exporters; like every front end it never touches the store and
//! never recomputes a rule: it only reshapes what the service answered.

pub mod admissions;
pub mod cases;
pub mod classification;
pub mod columns;
pub mod csv_out;
pub mod legacy;
pub mod read;
pub mod register;
pub mod report;
pub mod table;
pub mod values;
pub mod xlsx;
