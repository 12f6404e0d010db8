//! Chỉ tiêu: the programme's indicators for the selected year and scope and
//! their trend over the years, as the service computes them (`IndicatorList`,
//! `IndicatorTrend`): shares rated HTT or better against 75% with the
//! service's verdicts (never recomputed here), admissions against plan and
//! range, the unrated and the open findings.
//!
//! The scope is the city until one is chosen: `p` picks a directly
//! subordinate committee from a list (`IndicatorOrgs` of the committees,
//! each with its share), and in any drill-down list `p` makes the selected
//! organisation the scope (any organisation). Esc goes back to the city.
//! Enter on a figure lists the organisations behind it (`IndicatorOrgs`);
//! Enter there opens the organisation in the register, Esc returns.

mod list;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::indicator_orgs::{OrgFigure, OrgList};
use crate::domain::indicators::IndicatorView;
use crate::domain::FIRST_YEAR;
use crate::service::api::{Event, Request, Response};
use crate::tui::i18n::T;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::{Ctx, ShellMsg};
use ratatui::layout::Rect;
use ratatui::Frame;

/// How many years the trend shows (the selected one and those before).
const TREND_YEARS: i32 = 8;

/// The figures, in the order shown (each drills down somewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Organisations,
    Grassroots,
    Members,
    Admissions,
    Unrated,
    Findings,
}

pub const FIGURES: [Figure; 6] = [
    Figure::Organisations,
    Figure::Grassroots,
    Figure::Members,
    Figure::Admissions,
    Figure::Unrated,
    Figure::Findings,
];

impl Figure {
    /// What the service lists behind the figure.
    pub fn orgs(self) -> OrgFigure {
        match self {
            Figure::Organisations => OrgFigure::Organisations,
            Figure::Grassroots => OrgFigure::Grassroots,
            Figure::Members => OrgFigure::Members,
            Figure::Admissions => OrgFigure::Admissions,
            Figure::Unrated => OrgFigure::Unrated,
            Figure::Findings => OrgFigure::Findings,
        }
    }
}

/// A list of organisations shown over the figures: behind a figure, or the
/// committees to choose the scope from.
pub struct Drill {
    pub list: OrgList,
    pub sel: usize,
    pub top: usize,
    /// Choosing the scope (Enter chooses) rather than a figure's organisations.
    pub picking: bool,
}

impl Drill {
    /// Lines of the list; the scope picker starts with the scope itself.
    pub fn len(&self) -> usize {
        self.list.lines.len() + usize::from(self.picking)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Default)]
pub struct IndicatorsScreen {
    view: Option<IndicatorView>,
    trend: Vec<IndicatorView>,
    year: i32,
    stale: bool,
    selected: usize,
    /// The scope chosen (a code); None: the city (a clerk: their own scope).
    under: Option<String>,
    drill: Option<Drill>,
    page: usize,
}

impl IndicatorsScreen {
    pub fn new() -> IndicatorsScreen {
        IndicatorsScreen {
            stale: true,
            ..Default::default()
        }
    }

    fn load(&mut self, ctx: &mut Ctx) {
        if self.year != ctx.year {
            self.drill = None;
        }
        self.year = ctx.year;
        self.view = match ctx.call(Request::IndicatorList {
            year: ctx.year,
            under: self.under.clone(),
        }) {
            Some(Response::IndicatorList(v)) => Some(*v),
            _ => None,
        };
        // The trend starts at the first of those years the register has
        // (the service refuses a year before any organisation existed).
        self.trend = Vec::new();
        for from in (ctx.year - TREND_YEARS + 1).max(FIRST_YEAR)..=ctx.year {
            let req = Request::IndicatorTrend {
                from,
                to: ctx.year,
                under: self.under.clone(),
            };
            if let Ok(Response::IndicatorTrend(v)) = ctx.backend.call(req) {
                self.trend = v;
                break;
            }
        }
        self.stale = false;
        // An open list follows the data (the cursor kept where it can be).
        if let Some(d) = &self.drill {
            let (figure, picking, sel) = (d.list.figure, d.picking, d.sel);
            self.open_list(figure, picking, ctx);
            if let Some(d) = &mut self.drill {
                d.sel = sel.min(d.len().saturating_sub(1));
            }
        }
    }

    /// Ask the service for the organisations behind `figure` (the picker: the
    /// committees under the city, or a clerk's own scope).
    fn open_list(&mut self, figure: OrgFigure, picking: bool, ctx: &mut Ctx) {
        let under = if picking { None } else { self.under.clone() };
        self.drill = match ctx.call(Request::IndicatorOrgs {
            year: ctx.year,
            under,
            figure,
            limit: None,
        }) {
            Some(Response::IndicatorOrgs(list)) => Some(Drill {
                list: *list,
                sel: 0,
                top: 0,
                picking,
            }),
            _ => None,
        };
    }

    /// Make `code` the scope (None: the city) and reload.
    fn set_scope(&mut self, code: Option<String>, ctx: &mut Ctx) {
        self.under = code;
        self.drill = None;
        self.load(ctx);
    }

    /// The list shown, if any (for tests and the view).
    pub fn drill(&self) -> Option<&Drill> {
        self.drill.as_ref()
    }

    fn drill_action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        let Some(d) = &mut self.drill else { return false };
        let n = d.len();
        if list_move(action, &mut d.sel, n, self.page.max(1)) {
            return true;
        }
        // The line under the cursor: (id, code); the picker's first line is the scope itself.
        let at = if d.picking {
            match d.sel.checked_sub(1) {
                None => Some(None),
                Some(i) => d.list.lines.get(i).map(Some),
            }
        } else {
            d.list.lines.get(d.sel).map(Some)
        };
        let picked = at.map(|l| l.map(|l| (l.org, l.code.clone())));
        match (action, d.picking) {
            (Action::IndBack, _) => self.drill = None,
            (Action::IndDrill, true) | (Action::IndScope, _) => match picked {
                Some(Some((_, code))) => self.set_scope(Some(code), ctx),
                Some(None) => self.set_scope(None, ctx),
                None => {}
            },
            (Action::IndDrill, false) => {
                if let Some(Some((id, _))) = picked {
                    ctx.send(ShellMsg::FocusOrg(id));
                }
            }
            _ => return false,
        }
        true
    }

    /// The figure under the cursor.
    pub fn selected(&self) -> Figure {
        FIGURES[self.selected.min(FIGURES.len() - 1)]
    }
}

impl Screen for IndicatorsScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Indicators
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn year_bound(&self) -> bool {
        true
    }

    fn layer(&self) -> Layer {
        Layer::Indicators
    }

    fn layers(&self) -> &'static [Layer] {
        &[Layer::Indicators, Layer::List, Layer::Global]
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale || self.year != ctx.year {
            self.load(ctx);
        }
    }

    fn events(&mut self, _events: &[Event], visible: bool, ctx: &mut Ctx) {
        self.stale = true;
        if visible {
            self.load(ctx);
        }
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        if self.drill.is_some() {
            return self.drill_action(action, ctx);
        }
        if list_move(action, &mut self.selected, FIGURES.len(), FIGURES.len()) {
            return true;
        }
        match action {
            Action::IndDrill => self.open_list(self.selected().orgs(), false, ctx),
            Action::IndScope => self.open_list(OrgFigure::Committees, true, ctx),
            Action::IndBack if self.under.is_some() => {
                self.set_scope(None, ctx);
                ctx.info(ctx.t(T::AdmCity));
            }
            Action::IndExport => {
                // The year and scope of the figures shown (no scope: the
                // whole tree, or a clerk's own scope).
                let year = self.view.as_ref().map_or(ctx.year, |v| v.year);
                super::export::export(crate::service::api::ExportWhat::Report, year, self.under.clone(), ctx);
            }
            _ => return false,
        }
        true
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if let Some(d) = &mut self.drill {
            self.page = list::page(area);
            let n = d.len();
            clamp_scroll(&mut d.sel, &mut d.top, n, self.page);
            list::render(f, area, d, ctx);
            return;
        }
        view::render(f, area, self.view.as_ref(), &self.trend, self.selected, ctx);
    }
}
