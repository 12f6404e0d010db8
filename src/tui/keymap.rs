//! Actions, their default keys, and keys patched over the defaults from a TOML
//! file. The same table feeds the help popup and the hint bar.
//!
//! ```toml
//! [keys]
//! quit = "q"
//! search = ["ctrl-f", ":"]
//! year_prev = "<"
//! ```

use super::i18n::{self, T};
use crate::domain::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

/// Where an action applies. Lookup order: the screen's context, then List, then Global.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Tree,
    Audit,
    /// The classification grid (Xếp loại): its keys shadow the global and list ones they share.
    Classify,
}

impl Context {
    pub fn title(self) -> T {
        match self {
            Context::Global => T::HelpGlobal,
            Context::List => T::HelpList,
            Context::Tree => T::HelpTree,
            Context::Audit => T::HelpAudit,
            Context::Classify => T::HelpClassify,
        }
    }
}

macro_rules! actions {
    ($($name:ident, $cfg:literal, $ctx:ident, $help:ident, $hint:expr, [$($key:literal),*];)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($name),* }
        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];
            /// The name used in the configuration file.
            pub fn config_name(self) -> &'static str { match self { $(Action::$name => $cfg),* } }
            pub fn context(self) -> Context { match self { $(Action::$name => Context::$ctx),* } }
            pub fn help(self) -> T { match self { $(Action::$name => T::$help),* } }
            /// The short label shown in the hint bar, if the action is a main one.
            pub fn hint(self) -> Option<T> { match self { $(Action::$name => $hint),* } }
            fn default_keys(self) -> &'static [&'static str] { match self { $(Action::$name => &[$($key),*]),* } }
        }
    };
}

actions! {
    Quit, "quit", Global, ActQuit, Some(T::HintQuit), ["q"];
    ForceQuit, "force_quit", Global, ActForceQuit, None, ["ctrl-c"];
    Help, "help", Global, ActHelp, Some(T::HintHelp), ["?", "f1"];
    Search, "search", Global, ActSearch, Some(T::HintSearch), ["ctrl-f", ":", "ctrl-p"];
    NextScreen, "next_screen", Global, ActNextScreen, None, ["tab"];
    PrevScreen, "prev_screen", Global, ActPrevScreen, None, ["backtab"];
    Screen1, "screen_1", Global, ActScreenN, None, ["1", "alt-1"];
    Screen2, "screen_2", Global, ActScreenN, None, ["2", "alt-2"];
    Screen3, "screen_3", Global, ActScreenN, None, ["3", "alt-3"];
    Screen4, "screen_4", Global, ActScreenN, None, ["4", "alt-4"];
    Screen5, "screen_5", Global, ActScreenN, None, ["5", "alt-5"];
    YearPrev, "year_prev", Global, ActYearPrev, Some(T::HintYear), ["[", "<"];
    YearNext, "year_next", Global, ActYearNext, None, ["]", ">"];
    SetDate, "set_date", Global, ActSetDate, Some(T::HintDate), ["t"];
    Up, "up", List, ActUp, None, ["k", "up"];
    Down, "down", List, ActDown, None, ["j", "down"];
    PageUp, "page_up", List, ActPageUp, None, ["pageup", "ctrl-b"];
    PageDown, "page_down", List, ActPageDown, None, ["pagedown", "ctrl-d"];
    Top, "top", List, ActTop, None, ["g", "home"];
    Bottom, "bottom", List, ActBottom, None, ["G", "end"];
    Expand, "expand", Tree, ActExpand, None, ["l", "right"];
    Collapse, "collapse", Tree, ActCollapse, None, ["h", "left"];
    Toggle, "toggle", Tree, ActToggle, None, ["space"];
    Drill, "drill", Tree, ActDrill, Some(T::HintDrill), ["enter"];
    Back, "back", Tree, ActBack, Some(T::HintBack), ["esc", "backspace"];
    Filter, "filter", Tree, ActFilter, Some(T::HintFilter), ["/"];
    Add, "add", Tree, ActAdd, Some(T::HintAdd), ["a"];
    Rename, "rename", Tree, ActRename, Some(T::HintRename), ["r"];
    Move, "move", Tree, ActMove, Some(T::HintMove), ["m"];
    Merge, "merge", Tree, ActMerge, Some(T::HintMerge), ["M"];
    Dissolve, "dissolve", Tree, ActDissolve, Some(T::HintDissolve), ["X"];
    Open, "open", Audit, ActOpen, Some(T::HintOpen), ["enter"];
    LevelHtxs, "level_htxs", Classify, ActLevelHtxs, Some(T::HintHtxs), ["1", "x"];
    LevelHtt, "level_htt", Classify, ActLevelHtt, Some(T::HintHtt), ["2", "t"];
    LevelHt, "level_ht", Classify, ActLevelHt, Some(T::HintHt), ["3", "h"];
    LevelKht, "level_kht", Classify, ActLevelKht, Some(T::HintKht), ["4", "k"];
    ClassTallies, "class_tallies", Classify, ActClassTallies, Some(T::HintClassTallies), ["tab"];
    ClassScore, "class_score", Classify, ActClassScore, None, ["s", "="];
    ClassClear, "class_clear", Classify, ActClassClear, None, ["delete", "-"];
    ClassUndo, "class_undo", Classify, ActClassUndo, Some(T::HintClassUndo), ["u"];
    ClassRedo, "class_redo", Classify, ActClassRedo, None, ["ctrl-r", "U"];
    OnlyUnrated, "only_unrated", Classify, ActOnlyUnrated, None, ["n"];
    OnlyFindings, "only_findings", Classify, ActOnlyFindings, None, ["!"];
    OnlyGrassroots, "only_grassroots", Classify, ActOnlyGrassroots, None, ["c"];
    ClassFilter, "class_filter", Classify, ActClassFilter, Some(T::HintFilter), ["/"];
    ScopeIn, "scope_in", Classify, ActScopeIn, None, ["enter"];
    ScopeOut, "scope_out", Classify, ActScopeOut, None, ["esc", "backspace"];
    ClassFindings, "class_findings", Classify, ActClassFindings, Some(T::HintClassFindings), ["f"];
    ClassCompare, "class_compare", Classify, ActClassCompare, Some(T::HintClassCompare), ["v"];
    ClassDecision, "class_decision", Classify, ActClassDecision, None, ["d"];
}

/// A key as bound: the code and whether Ctrl / Alt are held (Shift is part of the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            // Some terminals send Shift+Tab as Tab with SHIFT.
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            // Ctrl-H is Backspace (Vietnamese input methods send it).
            KeyCode::Char('h') if ctrl => {
                return Key {
                    code: KeyCode::Backspace,
                    ctrl: false,
                    alt,
                }
            }
            c => c,
        };
        Key { code, ctrl, alt }
    }

    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 1 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f') && f.len() <= 3 => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
                _ => return None,
            },
        };
        if ctrl && code == KeyCode::Char('h') {
            return Some(Key {
                code: KeyCode::Backspace,
                ctrl: false,
                alt,
            });
        }
        Some(Key { code, ctrl, alt })
    }
}

impl Key {
    /// A compact label for the hint bar ("^F" for Ctrl-F).
    pub fn short(&self) -> String {
        match self.code {
            KeyCode::Char(c) if self.ctrl && !self.alt => format!("^{}", c.to_ascii_uppercase()),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

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

    /// Two actions reachable from one screen on the same key.
    fn conflict(&self, lang: Lang) -> Option<String> {
        for screen in [Context::Tree, Context::Audit] {
            let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
            for (a, keys) in &self.binds {
                if ![screen, Context::List, Context::Global].contains(&a.context()) {
                    continue;
                }
                for k in keys {
                    if let Some(other) = seen.insert(*k, *a) {
                        if other != *a {
                            return Some(i18n::key_conflict(lang, &k.to_string(), other.config_name(), a.config_name()));
                        }
                    }
                }
            }
        }
        // The classification grid shadows list and global keys on purpose
        // (1-4, k, t, Tab): only its own actions must not share a key.
        let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
        for (a, keys) in self.binds.iter().filter(|(a, _)| a.context() == Context::Classify) {
            for k in keys {
                if let Some(other) = seen.insert(*k, *a) {
                    return Some(i18n::key_conflict(lang, &k.to_string(), other.config_name(), a.config_name()));
                }
            }
        }
        None
    }

    /// The action `key` means on a screen with context `screen`.
    pub fn lookup(&self, screen: Context, ev: &KeyEvent) -> Option<Action> {
        self.lookup_key(screen, Key::from_event(ev))
    }

    fn lookup_key(&self, screen: Context, key: Key) -> Option<Action> {
        for ctx in [screen, Context::List, Context::Global] {
            for (a, keys) in &self.binds {
                if a.context() == ctx && keys.contains(&key) {
                    return Some(*a);
                }
            }
        }
        None
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

    /// (key, label) pairs for the hint bar of a screen, main actions only:
    /// help and search first, then the screen's own, then the other global ones.
    pub fn hints(&self, screen: Context, lang: Lang) -> Vec<(String, &'static str)> {
        let first = [Action::Help, Action::Search];
        let order = first
            .iter()
            .copied()
            .chain(Action::ALL.iter().copied().filter(|a| a.context() == screen))
            .chain(
                Action::ALL
                    .iter()
                    .copied()
                    .filter(|a| a.context() == Context::Global && !first.contains(a)),
            );
        let mut out = Vec::new();
        for a in order {
            if let (Some(h), Some(k)) = (a.hint(), self.reaching(screen, a)) {
                out.push((k.short(), h.get(lang)));
            }
        }
        out
    }

    /// The first key of `a` that means `a` on this screen (a global key the
    /// screen binds to something else, such as `t` in the grid, does not).
    pub fn reaching(&self, screen: Context, a: Action) -> Option<Key> {
        self.keys(a).iter().copied().find(|k| self.lookup_key(screen, *k) == Some(a))
    }

    /// Sections of the help popup for `screen`: context title and (keys,
    /// description) rows. Only keys that work on that screen are listed (a
    /// global key the screen binds to something else is left out), and the
    /// screen-number actions only for the screens there are (`screens`: their
    /// titles in order).
    pub fn help(&self, lang: Lang, screen: Context, sections: &[Context], screens: &[&str]) -> Vec<(&'static str, Vec<(String, String)>)> {
        sections
            .iter()
            .map(|ctx| {
                let rows = Action::ALL
                    .iter()
                    .filter(|a| a.context() == *ctx)
                    .filter_map(|a| {
                        let keys: Vec<String> = self
                            .keys(*a)
                            .iter()
                            .filter(|k| self.lookup_key(screen, **k) == Some(*a))
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
                (ctx.title().get(lang), rows)
            })
            .collect()
    }
}

impl Action {
    /// The screen a screen-number action goes to (0-based).
    pub fn screen_index(self) -> Option<usize> {
        match self {
            Action::Screen1 => Some(0),
            Action::Screen2 => Some(1),
            Action::Screen3 => Some(2),
            Action::Screen4 => Some(3),
            Action::Screen5 => Some(4),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_resolve_by_context() {
        let k = Keymap::default();
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Drill)
        );
        assert_eq!(
            k.lookup(Context::Audit, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            Some(Action::Search)
        );
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Some(Action::Back)
        );
    }

    #[test]
    fn config_patches_and_reports_lines() {
        let (k, err) = Keymap::from_toml("[keys]\nquit = \"x\"\nsearch = [\"s\", \"ctrl-f\"]\n", Lang::Vi);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(k.lookup(Context::Tree, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        let (k, err) = Keymap::from_toml("[keys]\nquit = \"q\"\nfly = \"z\"\n", Lang::En);
        let err = err.unwrap();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("fly"));
        assert_eq!(
            k.lookup(Context::Tree, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        let (_, err) = Keymap::from_toml("[keys]\n\nquit = \"ctrl-\"\n", Lang::En);
        assert_eq!(err.unwrap().line, Some(3));
        let (_, err) = Keymap::from_toml("[keys]\nquit = = \n", Lang::En);
        assert_eq!(err.unwrap().line, Some(2));
        let (_, err) = Keymap::from_toml("[keys]\nadd = \"q\"\n", Lang::En);
        assert!(err.unwrap().message.contains("quit"));
    }
}
