//! The demo's data files (`data/*.txt`): `#` comment lines and blank lines
//! aside, lines before the first `[header]` line, then sections of a header
//! and the lines under it. Read once each; the pieces borrow the file's text.

/// One `[header]` (without its brackets) and the lines under it, trimmed.
#[derive(Debug)]
pub struct Section {
    pub header: &'static str,
    pub lines: Vec<&'static str>,
}

/// The lines before the first section (with their line numbers), and the sections.
pub fn sections(text: &'static str) -> (Vec<(usize, &'static str)>, Vec<Section>) {
    let mut preamble = Vec::new();
    let mut out: Vec<Section> = Vec::new();
    for (no, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Section { header, lines: Vec::new() });
        } else if let Some(s) = out.last_mut() {
            s.lines.push(line);
        } else {
            preamble.push((no + 1, line));
        }
    }
    (preamble, out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_blank_lines_are_skipped_and_lines_go_under_their_header() {
        let (pre, secs) = super::sections("# c\n= one\n\n[A | x]\n a \n# c\nb\n[B]\n");
        assert_eq!(pre, vec![(2, "= one")]);
        assert_eq!(secs.len(), 2);
        assert_eq!((secs[0].header, secs[0].lines.clone()), ("A | x", vec!["a", "b"]));
        assert_eq!((secs[1].header, secs[1].lines.len()), ("B", 0));
    }
}
