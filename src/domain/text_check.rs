//! Text that is safe to store and to print: no control characters (they move
//! the cursor, recolour or clear a clerk's terminal, or forge log lines), no
//! bidirectional overrides (they make a name read differently from what it
//! is), and something visible left once invisible characters are removed.

use std::borrow::Cow;

/// Bidirectional formatting characters (Unicode TR9): embeddings, overrides,
/// isolates and marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that show nothing: white space, zero-width characters, the
/// soft hyphen, the byte-order mark, bidi controls and other format characters.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
        )
}

/// What is wrong with a piece of text, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character (C0, DEL or C1), e.g. ESC.
    Control(char),
    /// A bidirectional override, embedding, isolate or mark.
    Bidi(char),
    /// Nothing visible once invisible characters are removed.
    Invisible,
}

/// The first problem of `s` (empty text is left to the caller).
pub fn problem(s: &str) -> Option<TextProblem> {
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Some(TextProblem::Control(c));
    }
    if let Some(c) = s.chars().find(|c| is_bidi_control(*c)) {
        return Some(TextProblem::Bidi(c));
    }
    if !s.is_empty() && s.chars().all(is_invisible) {
        return Some(TextProblem::Invisible);
    }
    None
}

/// `s` with every control and bidi character written as `\u{..}`, for
/// printing text whose origin is not trusted to a terminal or a log.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_controls_bidi_or_nothing_visible_are_found() {
        assert_eq!(problem("Chi bộ Khu dân cư số 1"), None);
        assert_eq!(problem("a\u{1b}[2Jb"), Some(TextProblem::Control('\u{1b}')));
        assert_eq!(problem("a\u{9b}b"), Some(TextProblem::Control('\u{9b}')));
        assert_eq!(problem("\u{202E}1 ốs"), Some(TextProblem::Bidi('\u{202E}')));
        assert_eq!(problem("\u{200B}\u{200D}\u{FEFF}"), Some(TextProblem::Invisible));
        assert_eq!(problem(" \u{3164} "), Some(TextProblem::Invisible));
    }

    #[test]
    fn escaping_leaves_vietnamese_alone_and_spells_out_controls() {
        assert!(matches!(escape_controls("Đảng ủy Hà Nội"), Cow::Borrowed(_)));
        assert_eq!(escape_controls("x\u{1b}[31my\n"), "x\\u{1b}[31my\\u{a}");
        assert_eq!(escape_controls("\u{202E}ab"), "\\u{202e}ab");
    }
}
