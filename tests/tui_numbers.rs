//! Issue 11 item 10: numbers follow the UI language on every screen. Every
//! registered screen is walked (as in tui_screens.rs) in Vietnamese on the
//! Small demo data and on the classified fixture, with the popups that show
//! figures opened: no English-style percentage ("88.1%") and no thousands
//! without their separator ("502834") may appear; in English the other way
//! round ("88,1%").

mod common;

use common::tui::{Drive, Fixture, TuiApp};
use thuky::domain::Lang;
use thuky::tui::screens::ScreenId;

/// The numbers of a screen written the other language's way, or without
/// their thousands separator: "12.5%" / "12,5%" (the wrong decimal mark for
/// `lang`) and runs of 4+ digits that are not part of a date, a code, a
/// decision number or a year.
fn misformatted(screen: &str, lang: Lang) -> Vec<String> {
    let wrong_mark = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut bad = Vec::new();
    for line in screen.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let before = start.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(i).copied();
            // "12.5%" in Vietnamese, "12,5%" in English.
            if after == Some(wrong_mark) && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) && chars.get(i + 2) == Some(&'%') {
                bad.push(format!("{}: {line}", chars[start..i + 3].iter().collect::<String>()));
            }
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "/-.,:_".contains(c));
            let year = run.len() == 4 && (1900..=2100).contains(&run.parse::<u32>().unwrap_or(0));
            if run.len() >= 4 && !year && !glued(before) && !glued(after) {
                bad.push(format!("{run}: {line}"));
            }
        }
    }
    bad
}

#[test]
fn the_checker_sees_what_it_should() {
    assert_eq!(misformatted("Tỷ lệ 88.1% · 502834 ĐV", Lang::Vi).len(), 2);
    assert!(misformatted("Tỷ lệ 88,1% · 502.834 ĐV · 15/03/2026 · Năm 2025 · 8152-QĐ/TU", Lang::Vi).is_empty());
    assert_eq!(misformatted("share 88,1%", Lang::En).len(), 1);
    assert!(misformatted("share 88.1% · 502,834", Lang::En).is_empty());
}

/// Every screen at both sizes, with the key sequences that open the popups
/// showing figures on the classification screen.
fn walk(app: &mut TuiApp, lang: Lang, what: &str) {
    let mut problems = Vec::new();
    for id in app.screen_ids() {
        app.goto(id);
        let mut views = vec![String::new()];
        if id == ScreenId::Classification {
            views.push("v".into());
            views.push("f".into());
        }
        for keys in views {
            if !keys.is_empty() {
                app.keys(&keys);
            }
            for (w, h) in [(80, 24), (120, 40)] {
                let screen = app.draw(w, h);
                for p in misformatted(&screen, lang) {
                    problems.push(format!("{what} {id:?} {keys:?} {w}x{h}: {p}"));
                }
            }
            if !keys.is_empty() {
                app.keys("<esc>");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn numbers_follow_the_language_on_every_screen() {
    for lang in [Lang::Vi, Lang::En] {
        for year in [2024, 2025] {
            let mut app = TuiApp::demo(lang, year);
            walk(&mut app, lang, &format!("demo {year}"));
            let mut app = TuiApp::fixture_of(Fixture::Classified, lang, common::tui::day(2026, 3, 15), year);
            walk(&mut app, lang, &format!("fixture {year}"));
        }
    }
}
