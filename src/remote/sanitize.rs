//! Client text on its way into the server's log: one line, no control or
//! bidi characters (no forged lines, no terminal escapes), bounded length.

use crate::domain::text_check::escape_controls;

/// `s` escaped and cut to at most `max` characters (the cut is marked with
/// the original length in bytes).
pub fn log_text(s: &str, max: usize) -> String {
    let escaped = escape_controls(s);
    if escaped.chars().count() <= max {
        return escaped.into_owned();
    }
    let cut: String = escaped.chars().take(max).collect();
    format!("{cut}…({} bytes)", s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forged_line_stays_on_one_line_and_long_text_is_cut() {
        let forged = "1.0\n2026-01-01T00:00:00Z  INFO client connected user=admin\u{1b}[2J";
        let logged = log_text(forged, 200);
        assert!(!logged.contains('\n') && !logged.contains('\u{1b}'), "{logged}");
        let long = "x".repeat(1_000_000);
        assert_eq!(log_text(&long, 64), format!("{}…(1000000 bytes)", "x".repeat(64)));
    }
}
