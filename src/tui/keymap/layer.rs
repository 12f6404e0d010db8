//! The keymap's layers: one per screen and per input mode, each with the
//! chain of layers a key is looked up in while it is active.

use crate::tui::i18n::T;

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
    /// The case register (Vụ việc).
    Cases,
    /// One case open (Enter on the case list).
    CaseDetail,
    /// The admissions entry grid (Kết nạp): digits start a cell, Tab moves right.
    Admissions,
    /// An admissions cell being typed: only the cell's keys apply.
    AdmCell,
    /// The admissions dashboard and term view.
    AdmDash,
    /// The indicators screen (Chỉ tiêu).
    Indicators,
    /// The records dated after a backdated register change, with the choices.
    Ask,
    /// A register change waiting for confirmation, with what it moves and ends.
    Confirm,
}

impl Layer {
    pub const ALL: [Layer; 26] = [
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
        Layer::Cases,
        Layer::CaseDetail,
        Layer::Admissions,
        Layer::AdmCell,
        Layer::AdmDash,
        Layer::Indicators,
        Layer::Ask,
        Layer::Confirm,
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
            Cases => &[Cases, List, Global],
            CaseDetail => &[CaseDetail, List],
            Admissions => &[Admissions, List, Global],
            AdmCell => &[AdmCell],
            AdmDash => &[AdmDash, List, Global],
            Indicators => &[Indicators, List, Global],
            Ask => &[Ask],
            Confirm => &[Confirm],
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
            Layer::Cases => T::HelpCases,
            Layer::CaseDetail => T::LayerCaseDetail,
            Layer::Admissions => T::LayerAdmissions,
            Layer::AdmCell => T::LayerAdmCell,
            Layer::AdmDash => T::LayerAdmDash,
            Layer::Indicators => T::LayerIndicators,
            Layer::Ask => T::LayerAsk,
            Layer::Confirm => T::LayerConfirm,
        }
    }
}
