//! Chỉ tiêu: the programme's indicators for the selected year (the city's
//! scope) and their trend over the years, as the service computes them
//! (`Indicators`, `IndicatorsTrend`): shares rated HTT or better against
//! 75% with the service's verdicts (never recomputed here), admissions
//! against plan and range, the unrated and the open findings. Enter on a
//! figure shows the screen with the organisations behind it.

mod view;

use super::{list_move, Screen, ScreenId};
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

#[derive(Default)]
pub struct IndicatorsScreen {
    view: Option<IndicatorView>,
    trend: Vec<IndicatorView>,
    year: i32,
    stale: bool,
    selected: usize,
}

impl IndicatorsScreen {
    pub fn new() -> IndicatorsScreen {
        IndicatorsScreen {
            stale: true,
            ..Default::default()
        }
    }

    fn load(&mut self, ctx: &mut Ctx) {
        self.year = ctx.year;
        self.view = match ctx.call(Request::Indicators {
            year: ctx.year,
            under: None,
        }) {
            Some(Response::Indicators(v)) => Some(*v),
            _ => None,
        };
        // The trend starts at the first of those years the register has
        // (the service refuses a year before any organisation existed).
        self.trend = Vec::new();
        for from in (ctx.year - TREND_YEARS + 1).max(FIRST_YEAR)..=ctx.year {
            let req = Request::IndicatorsTrend {
                from,
                to: ctx.year,
                under: None,
            };
            if let Ok(Response::IndicatorsTrend(v)) = ctx.backend.call(req) {
                self.trend = v;
                break;
            }
        }
        self.stale = false;
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
        if list_move(action, &mut self.selected, FIGURES.len(), FIGURES.len()) {
            return true;
        }
        match action {
            Action::IndDrill => {
                use ScreenId::{Admissions, Classification};
                // The screen behind the figure, filtered there where it can be.
                let (msg, hint) = match self.selected() {
                    Figure::Organisations => (ShellMsg::Show(Classification), T::IndDrillClass),
                    Figure::Grassroots | Figure::Members => (ShellMsg::ShowAnd(Classification, Action::OnlyGrassroots), T::IndDrillClass),
                    Figure::Unrated => (ShellMsg::ShowAnd(Classification, Action::OnlyUnrated), T::IndDrillClass),
                    Figure::Findings => (ShellMsg::ShowAnd(Classification, Action::ClassFindings), T::IndDrillClass),
                    Figure::Admissions => (ShellMsg::ShowAnd(Admissions, Action::AdmDashboard), T::IndDrillAdm),
                };
                ctx.send(msg);
                ctx.info(ctx.t(hint));
                true
            }
            Action::IndExport => {
                // The year and scope the figures were asked for (no scope: the
                // whole tree, or a clerk's own scope).
                let year = self.view.as_ref().map_or(ctx.year, |v| v.year);
                super::export::export(crate::service::api::ExportWhat::Report, year, None, ctx);
                true
            }
            _ => false,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        view::render(f, area, self.view.as_ref(), &self.trend, self.selected, ctx);
    }
}
