//! Actions, their default keys, and keys patched over the defaults from a TOML
//! file. The same table feeds the help popup and the hint bar. Every input
//! mode is a layer of its own, so every key can be rebound and is checked
//! for conflicts.
//!
//! ```toml
//! [keys]
//! quit = "q"
//! search = ["ctrl-f", ":"]
//! year_prev = "<"
//! ```

mod actions;
mod key;
mod layer;

pub use actions::Action;
pub use key::Key;
pub use layer::Layer;

use super::i18n::{self, T};
use crate::domain::Lang;
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeMap;

/// A problem found in the configuration file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Keymap {
    binds: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let binds = Action::ALL
            .iter()
            .map(|a| {
                (
                    *a,
                    a.default_keys().iter().map(|k| Key::parse(k).expect("valid default key")).collect(),
                )
            })
            .collect();
        Keymap { binds }
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

#[derive(serde::Deserialize)]
struct ConfigFile {
    #[serde(default)]
    keys: BTreeMap<toml::Spanned<String>, toml::Spanned<KeySpec>>,
}

fn line_of(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())].matches('\n').count() + 1
}

impl Keymap {
    /// The defaults with the file's keys patched over them. On any error the
    /// defaults are returned with the error (the first one found).
    pub fn from_toml(src: &str, lang: Lang) -> (Keymap, Option<ConfigError>) {
        let file: ConfigFile = match toml::from_str(src) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map(|s| line_of(src, s.start));
                let msg = e.message().to_string();
                return (Keymap::default(), Some(ConfigError { line, message: msg }));
            }
        };
        let mut map = Keymap::default();
        for (name, spec) in file.keys {
            let Some(action) = Action::ALL.iter().find(|a| a.config_name() == name.get_ref().as_str()) else {
                let line = line_of(src, name.span().start);
                return (
                    Keymap::default(),
                    Some(ConfigError {
                        line: Some(line),
                        message: i18n::unknown_action(lang, name.get_ref()),
                    }),
                );
            };
            let list = match spec.get_ref() {
                KeySpec::One(s) => vec![s.clone()],
                KeySpec::Many(v) => v.clone(),
            };
            let mut keys = Vec::new();
            for s in &list {
                match Key::parse(s) {
                    Some(k) => keys.push(k),
                    None => {
                        let line = line_of(src, spec.span().start);
                        return (
                            Keymap::default(),
                            Some(ConfigError {
                                line: Some(line),
                                message: i18n::bad_key(lang, s),
                            }),
                        );
                    }
                }
            }
            map.binds.insert(*action, keys);
        }
        if let Some(msg) = map.conflict(lang) {
            return (Keymap::default(), Some(ConfigError { line: None, message: msg }));
        }
        (map, None)
    }

    /// Two actions reachable from one layer on the same key: within a layer
    /// always, and along a layer's chain unless the layer shadows on purpose.
    fn conflict(&self, lang: Lang) -> Option<String> {
        for layer in Layer::ALL {
            let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
            for l in layer.chain() {
                for (a, keys) in self.binds.iter().filter(|(a, _)| a.layer() == *l) {
                    for k in keys {
                        match seen.get(k) {
                            Some(other) if other != a && (other.layer() == a.layer() || !layer.shadows()) => {
                                return Some(i18n::key_conflict(lang, &k.to_string(), other.config_name(), a.config_name()));
                            }
                            Some(_) => {}
                            None => {
                                seen.insert(*k, *a);
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// The action `key` means while `layer` is active.
    pub fn lookup(&self, layer: Layer, ev: &KeyEvent) -> Option<Action> {
        self.lookup_key(layer, Key::from_event(ev))
    }

    /// The action `key` reaches in `layer`: the layer's own, then those of
    /// the layers it falls back to. The force-quit key, when it is a Ctrl
    /// chord (Ctrl-C), reaches its action from every layer that does not
    /// take it itself: inputs and popups too (a plain key stays typed text).
    pub fn lookup_key(&self, layer: Layer, key: Key) -> Option<Action> {
        for l in layer.chain() {
            for (a, keys) in &self.binds {
                if a.layer() == *l && keys.contains(&key) {
                    return Some(*a);
                }
            }
        }
        (key.ctrl && self.keys(Action::ForceQuit).contains(&key)).then_some(Action::ForceQuit)
    }

    pub fn keys(&self, a: Action) -> &[Key] {
        self.binds.get(&a).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// "k/↑" for the help popup.
    pub fn label(&self, a: Action) -> String {
        self.keys(a).iter().map(|k| k.to_string()).collect::<Vec<_>>().join("/")
    }

    /// The first key, for the hint bar.
    pub fn first(&self, a: Action) -> String {
        self.keys(a).first().map(|k| k.to_string()).unwrap_or_default()
    }

    /// The main actions of the active layer for the hint bar, each with the
    /// first key that reaches it there: on a screen help and search first,
    /// then the screen's own, then the other global ones; in an input, its
    /// own actions.
    pub fn hint_actions(&self, layer: Layer) -> Vec<(Key, Action)> {
        let first = [Action::Help, Action::Search];
        let own = layer
            .chain()
            .iter()
            .filter(|l| !matches!(l, Layer::Global | Layer::List))
            .flat_map(|l| Action::ALL.iter().copied().filter(move |a| a.layer() == *l));
        let order: Vec<Action> = if layer.is_input() {
            own.collect()
        } else {
            first
                .iter()
                .copied()
                .chain(own)
                .chain(
                    Action::ALL
                        .iter()
                        .copied()
                        .filter(|a| a.layer() == Layer::Global && !first.contains(a)),
                )
                .collect()
        };
        let mut out: Vec<(Key, Action)> = order
            .into_iter()
            .filter(|a| a.hint().is_some())
            .filter_map(|a| self.reaching(layer, a).map(|k| (k, a)))
            .collect();
        // A popup over a list (help, findings, an audit entry) moves with the list keys.
        if layer.is_input() && layer.chain().contains(&Layer::List) {
            out.extend(self.reaching(layer, Action::Down).map(|k| (k, Action::Down)));
        }
        out
    }

    /// (key, label) pairs for the hint bar of the active layer.
    pub fn hints(&self, layer: Layer, lang: Lang) -> Vec<(String, &'static str)> {
        self.hint_actions(layer)
            .into_iter()
            .filter_map(|(k, a)| {
                let (label, key) = match (a, layer) {
                    (Action::Down, _) => {
                        let label = if layer == Layer::Findings {
                            T::HintSelectRow
                        } else {
                            T::HintScroll
                        };
                        let up = self.reaching(layer, Action::Up).map(|u| format!("/{}", u.short()));
                        (label, format!("{}{}", k.short(), up.unwrap_or_default()))
                    }
                    _ => (a.hint()?, k.short()),
                };
                Some((key, label.get(lang)))
            })
            .collect()
    }

    /// The hints of a layer as one line ("Enter lưu · Esc hủy"), for popups.
    pub fn hint_line(&self, layer: Layer, lang: Lang) -> String {
        self.hints(layer, lang)
            .into_iter()
            .map(|(k, h)| format!("{k} {h}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The first key of `a` that means `a` while `layer` is active (a global
    /// key the screen binds to something else, such as `t` in the grid, does not).
    pub fn reaching(&self, layer: Layer, a: Action) -> Option<Key> {
        self.keys(a).iter().copied().find(|k| self.lookup_key(layer, *k) == Some(a))
    }

    /// Every key of `a` that means `a` while `layer` is active ("Enter/y";
    /// an upper-case letter bound with its lower case is not repeated).
    pub fn reaching_label(&self, layer: Layer, a: Action) -> String {
        let keys: Vec<Key> = self
            .keys(a)
            .iter()
            .copied()
            .filter(|k| self.lookup_key(layer, *k) == Some(a))
            .collect();
        keys.iter()
            .filter(|k| match k.code {
                KeyCode::Char(c) if c.is_uppercase() => !keys
                    .iter()
                    .any(|o| o.code == KeyCode::Char(c.to_lowercase().next().unwrap_or(c)) && o.ctrl == k.ctrl && o.alt == k.alt),
                _ => true,
            })
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Sections of the help popup: for each layer of `sections`, its title and
    /// (keys, description) rows. A key is listed where it works: a section of
    /// the screen's chain (`base`) is checked along that chain (a global key
    /// the screen binds to something else is left out), another layer along
    /// its own. The screen-number actions are listed for the screens there
    /// are (`screens`: their titles in order). Empty sections are left out.
    pub fn help(&self, lang: Lang, base: Layer, sections: &[Layer], screens: &[&str]) -> Vec<(&'static str, Vec<(String, String)>)> {
        sections
            .iter()
            .filter_map(|section| {
                let active = if base.chain().contains(section) { base } else { *section };
                let rows: Vec<(String, String)> = Action::ALL
                    .iter()
                    .filter(|a| a.layer() == *section)
                    .filter_map(|a| {
                        let keys: Vec<String> = self
                            .keys(*a)
                            .iter()
                            .filter(|k| self.lookup_key(active, **k) == Some(*a))
                            .map(|k| k.to_string())
                            .collect();
                        if keys.is_empty() {
                            return None;
                        }
                        let desc = match a.screen_index() {
                            Some(i) => format!("{} {} · {}", a.help().get(lang), i + 1, screens.get(i)?),
                            None => a.help().get(lang).to_string(),
                        };
                        Some((keys.join("/"), desc))
                    })
                    .collect();
                (!rows.is_empty()).then(|| (section.title().get(lang), rows))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_resolve_by_context() {
        let k = Keymap::default();
        assert_eq!(k.lookup(Layer::Tree, &ev(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Drill));
        assert_eq!(k.lookup(Layer::Audit, &ev(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Open));
        assert_eq!(
            k.lookup(Layer::Tree, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.lookup(Layer::Tree, &ev(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            Some(Action::Search)
        );
        assert_eq!(
            k.lookup(Layer::Tree, &ev(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Some(Action::Back)
        );
    }

    #[test]
    fn config_patches_and_reports_lines() {
        let (k, err) = Keymap::from_toml("[keys]\nquit = \"x\"\nsearch = [\"s\", \"ctrl-f\"]\n", Lang::Vi);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(
            k.lookup(Layer::Tree, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(k.lookup(Layer::Tree, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        let (k, err) = Keymap::from_toml("[keys]\nquit = \"q\"\nfly = \"z\"\n", Lang::En);
        let err = err.unwrap();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("fly"));
        assert_eq!(
            k.lookup(Layer::Tree, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        let (_, err) = Keymap::from_toml("[keys]\n\nquit = \"ctrl-\"\n", Lang::En);
        assert_eq!(err.unwrap().line, Some(3));
        let (_, err) = Keymap::from_toml("[keys]\nquit = = \n", Lang::En);
        assert_eq!(err.unwrap().line, Some(2));
        let (_, err) = Keymap::from_toml("[keys]\nadd = \"q\"\n", Lang::En);
        assert!(err.unwrap().message.contains("quit"));
    }

    #[test]
    fn every_layer_is_conflict_free_by_default_and_its_hints_reach() {
        let k = Keymap::default();
        assert_eq!(k.conflict(Lang::En), None);
        for layer in Layer::ALL {
            for (key, a) in k.hint_actions(layer) {
                assert_eq!(k.lookup_key(layer, key), Some(a), "{layer:?}");
            }
            // Every action is reachable from the layer it belongs to (or shadowed on purpose).
            for a in Action::ALL.iter().filter(|a| a.layer() == layer) {
                assert!(!k.keys(*a).is_empty(), "{a:?} has a key");
            }
        }
    }

    #[test]
    fn input_layers_are_rebound_and_checked() {
        let (k, err) = Keymap::from_toml("[keys]\nedit_save = \"ctrl-s\"\n", Lang::En);
        assert!(err.is_none(), "{err:?}");
        let ctrl_s = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(k.lookup(Layer::Editor, &ctrl_s), Some(Action::EditSave));
        assert_eq!(k.lookup(Layer::Editor, &ev(KeyCode::Enter, KeyModifiers::NONE)), None);
        // Two actions of one input on one key: refused, the defaults kept.
        let (k, err) = Keymap::from_toml("[keys]\nedit_save = \"esc\"\n", Lang::En);
        let msg = err.unwrap().message;
        assert!(msg.contains("edit_save") && msg.contains("edit_cancel"), "{msg}");
        assert_eq!(
            k.lookup(Layer::Editor, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::EditSave)
        );
        // A popup over a list may not take a list key.
        let (_, err) = Keymap::from_toml("[keys]\nhelp_close = \"j\"\n", Lang::En);
        assert!(err.unwrap().message.contains("help_close"));
        // The grid shadows list and global keys on purpose; the tree may not.
        let (_, err) = Keymap::from_toml("[keys]\nlevel_htxs = [\"1\", \"g\"]\n", Lang::En);
        assert!(err.is_none(), "{err:?}");
        let (_, err) = Keymap::from_toml("[keys]\nadd = \"g\"\n", Lang::En);
        assert!(err.is_some());
    }

    #[test]
    fn in_a_scored_year_digits_type_a_score_and_levels_keep_their_letters() {
        let k = Keymap::default();
        let one = ev(KeyCode::Char('1'), KeyModifiers::NONE);
        assert_eq!(k.lookup(Layer::Classify, &one), Some(Action::LevelHtxs));
        assert_eq!(k.lookup(Layer::ClassifyScores, &one), Some(Action::ScoreDigit));
        assert_eq!(
            k.reaching(Layer::ClassifyScores, Action::LevelHtxs).map(|k| k.to_string()),
            Some("x".into())
        );
    }
}
