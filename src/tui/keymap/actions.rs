//! Every action with its layer, help text, hint label and default keys:
//! the one table the keymap, the help and the hint bar come from.

use super::Layer;
use crate::tui::i18n::T;

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
            pub(super) fn default_keys(self) -> &'static [&'static str] { match self { $(Action::$name => &[$($key),*]),* } }
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
    MoveChildren, "move_children", Tree, ActMoveChildren, None, ["C"];
    KindChange, "kind_change", Tree, ActKindChange, None, ["K"];
    RegUndo, "register_undo", Tree, ActRegUndo, None, ["u"];
    ConfirmYes, "confirm_yes", Confirm, ActConfirmYes, Some(T::HintConfirmYes), ["enter", "y", "Y"];
    ConfirmNo, "confirm_no", Confirm, ActConfirmNo, Some(T::HintConfirmNo), ["esc", "n", "q"];
    Open, "open", Audit, ActOpen, Some(T::HintOpen), ["enter"];
    DetailClose, "detail_close", AuditDetail, ActDetailClose, Some(T::HintClose), ["esc", "enter", "q"];
    AuditFilterUser, "audit_filter_user", Audit, ActAuditFilterUser, Some(T::HintAuditUser), ["w"];
    AuditFilterOrg, "audit_filter_org", Audit, ActAuditFilterOrg, Some(T::HintAuditOrg), ["o"];
    AuditFilterDates, "audit_filter_dates", Audit, ActAuditFilterDates, Some(T::HintAuditDates), ["d"];
    AuditFilterClear, "audit_filter_clear", Audit, ActAuditFilterClear, Some(T::HintAuditClear), ["c"];
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
    DateFollowYear, "date_follow_year", Date, ActDateFollowYear, Some(T::HintFollowYear), ["ctrl-r"];
    AskChoose, "ask_choose", Ask, ActAskChoose, Some(T::HintWrite), ["enter"];
    AskCancel, "ask_cancel", Ask, ActAskCancel, Some(T::HintCancel), ["esc", "q"];
    AskNext, "ask_next", Ask, ActAskNext, Some(T::HintSelect), ["down", "j", "tab"];
    AskPrev, "ask_prev", Ask, ActAskPrev, None, ["up", "k", "backtab"];
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
    CaseOpen, "case_open", Cases, ActCaseOpen, Some(T::HintOpen), ["enter"];
    CaseFilter, "case_filter", Cases, ActCaseFilter, Some(T::HintFilter), ["/"];
    CaseOverdue, "case_overdue", Cases, ActCaseOverdue, Some(T::HintOverdue), ["o"];
    CaseAdd, "case_add", Cases, ActCaseAdd, Some(T::HintAdd), ["a"];
    CaseEdit, "case_edit", Cases, ActCaseEdit, Some(T::HintCaseEdit), ["e"];
    CaseClear, "case_clear", Cases, ActCaseClear, None, ["esc", "backspace"];
    CaseDetailClose, "case_detail_close", CaseDetail, ActDetailClose, Some(T::HintClose), ["esc", "enter", "q"];
    CaseDetailEdit, "case_detail_edit", CaseDetail, ActCaseEdit, Some(T::HintCaseEdit), ["e"];
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
    ClassExport, "class_export", Classify, ActExportClass, Some(T::HintExport), ["ctrl-e"];
    AdmExport, "adm_export", Admissions, ActExportAdm, Some(T::HintExport), ["ctrl-e"];
    IndExport, "ind_export", Indicators, ActExportReport, Some(T::HintExport), ["ctrl-e"];
    IndScope, "ind_scope", Indicators, ActIndScope, Some(T::HintIndScope), ["p"];
    IndBack, "ind_back", Indicators, ActIndBack, None, ["esc"];
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
