//! What the App starts from: the key file and the default year.

use crate::domain::Lang;
use crate::tui::i18n;
use crate::tui::keymap::Keymap;
use chrono::{Datelike, NaiveDate};

/// The year a clerk opens on: the one being classified. Classification
/// runs from December into January, so then it is the year ending (on
/// 1/12/2026 and on 15/1/2027: 2026); otherwise the last year classified
/// (up to this one), or this year when none is.
pub fn default_year(today: NaiveDate, class_years: &[i32]) -> i32 {
    match today.month() {
        12 => today.year(),
        1 => today.year() - 1,
        _ => class_years
            .iter()
            .copied()
            .filter(|y| *y <= today.year())
            .max()
            .unwrap_or(today.year()),
    }
}

/// The keymap from the configuration file, the file's path for the help,
/// and a message naming the line when the file is wrong.
pub(super) fn load_keymap(path: Option<&std::path::Path>, lang: Lang) -> (Keymap, (Option<std::path::PathBuf>, Option<String>)) {
    let path = path
        .map(|p| p.to_path_buf())
        .or_else(|| directories::ProjectDirs::from("vn", "thuky", "thuky").map(|d| d.config_dir().join("keys.toml")));
    let Some(path) = path else {
        return (Keymap::default(), (None, None));
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Keymap::default(), (Some(path), None)),
        Err(e) => {
            let msg = i18n::config_error(lang, &path.display().to_string(), None, &e.to_string());
            return (Keymap::default(), (Some(path), Some(msg)));
        }
    };
    let (map, err) = Keymap::from_toml(&src, lang);
    let msg = err.map(|e| i18n::config_error(lang, &path.display().to_string(), e.line, &e.message));
    if let Some(m) = &msg {
        tracing::warn!("{m}");
    }
    (map, (Some(path), msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_year_is_the_one_being_classified() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let years = [2023, 2024, 2025];
        assert_eq!(default_year(d(2026, 12, 1), &years), 2026);
        assert_eq!(default_year(d(2027, 1, 15), &years), 2026);
        assert_eq!(default_year(d(2026, 3, 15), &years), 2025);
        assert_eq!(default_year(d(2026, 3, 15), &[]), 2026);
        assert_eq!(default_year(d(2024, 6, 1), &years), 2024);
    }
}
