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

use super::i18n::{self, T};
use crate::domain::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

/// A keymap layer: the keys of one screen or of one input mode (a form, a
/// filter, a popup). A key is looked up along the active layer's chain; an
/// input layer's chain ends in itself, so its keys are all there is (and
/// typed characters are its fallback, see `App::handle_key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    List,
    Tree,
    Audit,
    /// One audit entry open (Enter on the log).
    AuditDetail,
    /// The classification grid (Xếp loại): its keys shadow the global and list ones they share.
    Classify,
    /// The grid in a QĐ 366 year: the digits type a score (they shadow the level digits).
    ClassifyScores,
    /// A `/` filter being typed.
    Filter,
    /// A register form (add, rename, move, merge, dissolve).
    Form,
    /// The global search palette.
    Search,
    /// The as-of date popup.
    Date,
    /// The help popup.
    Help,
    /// The grid's findings list.
    Findings,
    /// The grid's five-year comparison.
    Compare,
    /// A paste waiting for confirmation.
    Paste,
    /// The decision in force being typed.
    Decision,
    /// The score and tallies editor of a grid row.
    Editor,
    /// The offer shown on an empty store.
    Welcome,
    /// The admissions entry grid (Kết nạp): digits start a cell, Tab moves right.
    Admissions,
    /// An admissions cell being typed: only the cell's keys apply.
    AdmCell,
    /// The admissions dashboard and term view.
    AdmDash,
    /// The indicators screen (Chỉ tiêu).
    Indicators,
}

impl Layer {
    pub const ALL: [Layer; 22] = [
        Layer::Global,
        Layer::List,
        Layer::Tree,
        Layer::Audit,
        Layer::AuditDetail,
        Layer::Classify,
        Layer::ClassifyScores,
        Layer::Filter,
        Layer::Form,
        Layer::Search,
        Layer::Date,
        Layer::Help,
        Layer::Findings,
        Layer::Compare,
        Layer::Paste,
        Layer::Decision,
        Layer::Editor,
        Layer::Welcome,
        Layer::Admissions,
        Layer::AdmCell,
        Layer::AdmDash,
        Layer::Indicators,
    ];

    /// The layers a key is looked up in, in order, while this one is active.
    pub fn chain(self) -> &'static [Layer] {
        use Layer::*;
        match self {
            Global => &[Global],
            List => &[List, Global],
            Tree => &[Tree, List, Global],
            Audit => &[Audit, List, Global],
            Classify => &[Classify, List, Global],
            ClassifyScores => &[ClassifyScores, Classify, List, Global],
            AuditDetail => &[AuditDetail, List],
            Help => &[Help, List],
            Findings => &[Findings, List],
            Filter => &[Filter],
            Form => &[Form],
            Search => &[Search],
            Date => &[Date],
            Compare => &[Compare],
            Paste => &[Paste],
            Decision => &[Decision],
            Editor => &[Editor],
            Welcome => &[Welcome],
            Admissions => &[Admissions, List, Global],
            AdmCell => &[AdmCell],
            AdmDash => &[AdmDash, List, Global],
            Indicators => &[Indicators, List, Global],
        }
    }

    /// Whether the layer's keys may shadow those of the layers after it in
    /// its chain (the grid's `1`-`4`, `k`, `t`, `Tab` are entry keys there).
    pub fn shadows(self) -> bool {
        matches!(self, Layer::Classify | Layer::ClassifyScores | Layer::Admissions)
    }

    /// An input or popup layer: the screen's own keys do not apply meanwhile.
    pub fn is_input(self) -> bool {
        !self.chain().contains(&Layer::Global)
    }

    /// Whether the layer takes typed text when no action takes a key.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Layer::Filter | Layer::Form | Layer::Search | Layer::Date | Layer::Decision | Layer::Editor
        )
    }

    pub fn title(self) -> T {
        match self {
            Layer::Global => T::HelpGlobal,
            Layer::List => T::HelpList,
            Layer::Tree => T::HelpTree,
            Layer::Audit => T::HelpAudit,
            Layer::AuditDetail => T::LayerAuditDetail,
            Layer::Classify => T::HelpClassify,
            Layer::ClassifyScores => T::LayerClassifyScores,
            Layer::Filter => T::LayerFilter,
            Layer::Form => T::LayerForm,
            Layer::Search => T::LayerSearch,
            Layer::Date => T::LayerDate,
            Layer::Help => T::LayerHelp,
            Layer::Findings => T::LayerFindings,
            Layer::Compare => T::LayerCompare,
            Layer::Paste => T::LayerPaste,
            Layer::Decision => T::LayerDecision,
            Layer::Editor => T::LayerEditor,
            Layer::Welcome => T::LayerWelcome,
            Layer::Admissions => T::LayerAdmissions,
            Layer::AdmCell => T::LayerAdmCell,
            Layer::AdmDash => T::LayerAdmDash,
            Layer::Indicators => T::LayerIndicators,
        }
    }
}

macro_rules! actions {
    ($($name:ident, $cfg:literal, $layer:ident, $help:ident, $hint:expr, [$($key:literal),*];)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($name),* }
        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];
            /// The name used in the configuration file.
            pub fn config_name(self) -> &'static str { match self { $(Action::$name => $cfg),* } }
            pub fn layer(self) -> Layer { match self { $(Action::$name => Layer::$layer),* } }
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
    Screen6, "screen_6", Global, ActScreenN, None, ["6", "alt-6"];
    Screen7, "screen_7", Global, ActScreenN, None, ["7", "alt-7"];
    Screen8, "screen_8", Global, ActScreenN, None, ["8", "alt-8"];
    Screen9, "screen_9", Global, ActScreenN, None, ["9", "alt-9"];
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
    DetailClose, "detail_close", AuditDetail, ActDetailClose, Some(T::HintClose), ["esc", "enter", "q"];
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
    ClassOpenOrg, "class_open_org", Classify, ActClassOpenOrg, None, ["o"];
    ScoreDigit, "score_digit", ClassifyScores, ActScoreDigit, Some(T::HintScore), ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    FilterKeep, "filter_keep", Filter, ActFilterKeep, Some(T::HintFilterKeep), ["enter"];
    FilterClear, "filter_clear", Filter, ActFilterClear, Some(T::HintFilterClear), ["esc"];
    FilterUp, "filter_up", Filter, ActUp, None, ["up"];
    FilterDown, "filter_down", Filter, ActDown, Some(T::HintSelectRow), ["down"];
    FilterPageUp, "filter_page_up", Filter, ActPageUp, None, ["pageup"];
    FilterPageDown, "filter_page_down", Filter, ActPageDown, None, ["pagedown"];
    FormSubmit, "form_submit", Form, ActFormSubmit, Some(T::HintSave), ["enter"];
    FormCancel, "form_cancel", Form, ActCancel, Some(T::HintCancel), ["esc"];
    FormNext, "form_next", Form, ActFieldNext, Some(T::HintFieldNext), ["tab"];
    FormPrev, "form_prev", Form, ActFieldPrev, None, ["backtab"];
    FormDown, "form_down", Form, ActFormDown, None, ["down"];
    FormUp, "form_up", Form, ActFormUp, None, ["up"];
    FormKindPrev, "form_kind_prev", Form, ActFormKindPrev, None, ["left"];
    FormKindNext, "form_kind_next", Form, ActFormKindNext, None, ["right", "space"];
    SearchGo, "search_go", Search, ActSearchGo, Some(T::HintGo), ["enter"];
    SearchClose, "search_close", Search, ActSearchClose, Some(T::HintClose), ["esc"];
    SearchNext, "search_next", Search, ActSearchNext, Some(T::HintSelect), ["down", "ctrl-n"];
    SearchPrev, "search_prev", Search, ActSearchPrev, None, ["up", "ctrl-p"];
    SearchPageDown, "search_page_down", Search, ActPageDown, None, ["pagedown"];
    SearchPageUp, "search_page_up", Search, ActPageUp, None, ["pageup"];
    DateApply, "date_apply", Date, ActDateApply, Some(T::HintApply), ["enter"];
    DateCancel, "date_cancel", Date, ActCancel, Some(T::HintCancel), ["esc"];
    HelpClose, "help_close", Help, ActHelpClose, Some(T::HintClose), ["esc", "?", "q", "f1", "enter"];
    FindingsGo, "findings_go", Findings, ActFindingsGo, Some(T::HintGoRow), ["enter"];
    FindingsClose, "findings_close", Findings, ActFindingsClose, Some(T::HintClose), ["esc", "q", "f"];
    CompareClose, "compare_close", Compare, ActCompareClose, Some(T::HintClose), ["esc", "enter", "q", "v"];
    PasteWrite, "paste_write", Paste, ActPasteWrite, Some(T::HintWrite), ["enter", "y", "Y"];
    PasteCancel, "paste_cancel", Paste, ActPasteCancel, Some(T::HintCancel), ["esc", "n", "q"];
    DecisionField, "decision_field", Decision, ActDecisionField, Some(T::HintField), ["tab", "backtab"];
    DecisionUse, "decision_use", Decision, ActDecisionUse, Some(T::HintUse), ["enter"];
    DecisionCancel, "decision_cancel", Decision, ActCancel, Some(T::HintCancel), ["esc"];
    EditSave, "edit_save", Editor, ActEditSave, Some(T::HintSave), ["enter"];
    EditCancel, "edit_cancel", Editor, ActEditCancel, Some(T::HintCancel), ["esc"];
    EditNext, "edit_next", Editor, ActEditNext, Some(T::HintFieldNext), ["tab", "space"];
    EditPrev, "edit_prev", Editor, ActFieldPrev, None, ["backtab"];
    WelcomeDemo, "welcome_demo", Welcome, EmptyDemo, Some(T::HintDemo), ["d", "D"];
    WelcomeEmpty, "welcome_empty", Welcome, EmptyStart, Some(T::HintStartEmpty), ["e", "E", "esc"];
    WelcomeQuit, "welcome_quit", Welcome, ActQuit, Some(T::HintQuit), ["q", "ctrl-c"];
    AdmDigit, "adm_digit", Admissions, ActAdmDigit, Some(T::HintAdmDigit), ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    AdmErase, "adm_erase", Admissions, ActAdmErase, None, ["backspace"];
    AdmLeft, "adm_left", Admissions, ActAdmLeft, None, ["h", "left"];
    AdmRight, "adm_right", Admissions, ActAdmRight, None, ["l", "right", "tab"];
    AdmEnter, "adm_enter", Admissions, ActDown, None, ["enter"];
    AdmUndo, "adm_undo", Admissions, ActAdmUndo, Some(T::HintClassUndo), ["u"];
    AdmDashboard, "adm_dashboard", Admissions, ActAdmDashboard, Some(T::HintAdmDashboard), ["d"];
    AdmTarget, "adm_target", Admissions, ActAdmTarget, Some(T::HintAdmTarget), ["p"];
    AdmBack, "adm_back", Admissions, ActAdmBack, None, ["esc"];
    CellDigit, "cell_digit", AdmCell, ActAdmDigit, None, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    CellErase, "cell_erase", AdmCell, ActAdmErase, None, ["backspace"];
    CellDown, "cell_down", AdmCell, ActCellDown, Some(T::HintSave), ["enter", "down"];
    CellUp, "cell_up", AdmCell, ActCellUp, None, ["up"];
    CellRight, "cell_right", AdmCell, ActCellRight, Some(T::HintAdmNextCell), ["tab", "right"];
    CellLeft, "cell_left", AdmCell, ActCellLeft, None, ["backtab", "left"];
    CellCancel, "cell_cancel", AdmCell, ActCancel, Some(T::HintCancel), ["esc"];
    DashDrill, "dash_drill", AdmDash, ActDrill, Some(T::HintDrill), ["enter"];
    DashTerm, "dash_term", AdmDash, ActDashTerm, Some(T::HintDashTerm), ["v"];
    DashTarget, "dash_target", AdmDash, ActAdmTarget, Some(T::HintAdmTarget), ["p"];
    DashClose, "dash_close", AdmDash, ActDashClose, Some(T::HintDashGrid), ["esc", "d"];
    IndDrill, "ind_drill", Indicators, ActIndDrill, Some(T::HintDrill), ["enter"];
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

    pub fn lookup_key(&self, layer: Layer, key: Key) -> Option<Action> {
        for l in layer.chain() {
            for (a, keys) in &self.binds {
                if a.layer() == *l && keys.contains(&key) {
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

impl Action {
    /// The screen a screen-number action goes to (0-based).
    pub fn screen_index(self) -> Option<usize> {
        const SCREENS: [Action; 9] = [
            Action::Screen1,
            Action::Screen2,
            Action::Screen3,
            Action::Screen4,
            Action::Screen5,
            Action::Screen6,
            Action::Screen7,
            Action::Screen8,
            Action::Screen9,
        ];
        SCREENS.iter().position(|a| *a == self)
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
