//! Widgets shared by the screens and the shell's popups: a one-line text
//! input, a scrolling list's selection, a popup box, text fitted to a width,
//! typed dates.

pub mod date;
pub mod form;
pub mod input;
pub mod list;
pub mod popup;
pub mod text;
pub mod tone;
