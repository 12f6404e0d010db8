//! Every registered screen, walked generically: drawn in Vietnamese and
//! English at 80x24 and 120x40 (snapshots), and every hint it can show names
//! a key that reaches the hinted action in its layer.

mod common;

use common::tui::{lang_tag, Drive, Fixture, TuiApp, LANGS, SIZES};
use thuky::tui::keymap::Layer;
use thuky::tui::App;

/// The hint bar of the active layer, and the hints of every layer the screen
/// can show, name keys that reach their actions there.
fn check_hints(app: &App) {
    let km = app.keymap();
    let active = app.active_layer().expect("a layer is active");
    for (key, action) in app.hint_actions() {
        assert_eq!(km.lookup_key(active, key), Some(action), "{active:?}: {key} → {action:?}");
    }
    for layer in app.screen_layers() {
        for (key, action) in km.hint_actions(*layer) {
            assert_eq!(km.lookup_key(*layer, key), Some(action), "{layer:?}: {key} → {action:?}");
        }
    }
}

#[test]
fn every_screen_in_both_languages_and_sizes() {
    for lang in LANGS {
        // 2024 (levels by key) on the classified fixture, then 2025 (scores).
        for year in [2024, 2025] {
            let mut app = TuiApp::fixture_of(Fixture::Classified, lang, common::tui::day(2026, 3, 15), year);
            let ids = app.screen_ids();
            assert!(!ids.is_empty());
            for id in ids {
                app.goto(id);
                assert_eq!(app.current_screen(), id);
                assert!(!app.capturing(), "{id:?} opens on its own layer");
                for (w, h) in SIZES {
                    let screen = app.draw(w, h);
                    // The tab bar names the screen shown.
                    let tabs = screen.lines().next().unwrap_or_default();
                    let title = match lang_tag(lang) {
                        "vi" => id.title().get(thuky::domain::Lang::Vi),
                        _ => id.title().get(thuky::domain::Lang::En),
                    };
                    assert!(tabs.contains(title), "{tabs}");
                    let name = format!("screen_{id:?}_{year}_{}_{w}x{h}", lang_tag(lang)).to_lowercase();
                    insta::assert_snapshot!(name, screen);
                }
                check_hints(&app);
                // Help opens on every screen and lists its own layer first.
                app.keys("?");
                assert_eq!(app.active_layer(), Some(Layer::Help));
                check_hints(&app);
                let help = app.draw(120, 40);
                let own = app.screen_layers()[0].title().get(app.lang());
                assert!(help.contains(own), "{own}\n{help}");
                app.keys("<esc>");
                assert!(!app.has_modal());
            }
        }
    }
}

/// A layer's keys can be rebound from keys.toml, including an input's.
#[test]
fn input_layers_are_rebound_from_the_key_file() {
    let dir = tempfile::tempdir().unwrap();
    common::tui::write_fixture(dir.path(), Fixture::Register);
    std::fs::write(dir.path().join("keys.toml"), "[keys]\nform_cancel = \"ctrl-g\"\n").unwrap();
    let mut app = TuiApp::open(dir, thuky::domain::Lang::En, common::tui::day(2025, 3, 15), 2024);
    assert!(app.message().is_none(), "{:?}", app.message());
    app.keys("jjljj").keys("r");
    assert!(app.capturing(), "the rename form is open");
    // Esc is no longer the form's cancel key: nothing happens.
    app.keys("<esc>");
    assert!(app.capturing());
    assert!(app.draw(120, 40).contains("^G cancel"));
    app.keys("<c-g>");
    assert!(!app.capturing());
}
