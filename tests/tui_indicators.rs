//! The Chỉ tiêu screen on the shared harness: the service's figures and
//! verdicts, the trend, drill-downs through the shell, snapshots.

mod common;

use common::tui::{lang_tag, Drive, TuiApp, LANGS, SIZES};
use thuky::domain::Lang;
use thuky::service::api::{Request, Response};
use thuky::tui::keymap::Layer;
use thuky::tui::screens::ScreenId;

#[test]
fn figures_and_verdicts_come_from_the_service() {
    let mut app = TuiApp::demo(Lang::Vi, 2025);
    app.goto(ScreenId::Indicators);
    assert_eq!(app.active_layer(), Some(Layer::Indicators));
    let v = match app.backend().call(Request::Indicators { year: 2025, under: None }) {
        Ok(Response::Indicators(v)) => *v,
        other => panic!("{other:?}"),
    };
    let screen = app.draw(80, 24);
    let orgs = screen.lines().find(|l| l.contains("Tổ chức đảng HTT")).unwrap();
    let pct = format!("{:.1}%", v.organisations.pct.unwrap()).replace('.', ",");
    assert!(orgs.contains(&pct), "{orgs}");
    let verdict = if v.organisations.met == Some(true) {
        "✓ đạt"
    } else {
        "✗ chưa đạt"
    };
    assert!(orgs.contains(verdict), "{orgs}");
    // The trend has a line per year up to the selected one, each with its verdict marks.
    for y in 2019..=2025 {
        assert!(
            screen.lines().any(|l| l.starts_with(&y.to_string()) && l.contains('|')),
            "{y}\n{screen}"
        );
    }
}

#[test]
fn each_figure_drills_down_to_its_screen() {
    let mut app = TuiApp::demo(Lang::Vi, 2025);
    app.goto(ScreenId::Indicators);
    // Organisations: the classification grid of the year.
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Classification);
    assert!(!app.draw(120, 40).contains("[chỉ TCCSĐ]"));
    // Grassroots: the grid showing only the grassroots organisations.
    app.goto(ScreenId::Indicators);
    app.keys("j<enter>");
    assert_eq!(app.current_screen(), ScreenId::Classification);
    assert!(app.draw(120, 40).contains("[chỉ TCCSĐ]"), "{}", app.draw(120, 40));
    // Admissions: the year's dashboard.
    app.goto(ScreenId::Indicators);
    app.keys("gjjj<enter>");
    assert_eq!(app.current_screen(), ScreenId::Admissions);
    assert_eq!(app.active_layer(), Some(Layer::AdmDash));
    // Open findings: the grid's findings list.
    app.goto(ScreenId::Indicators);
    app.keys("G<enter>");
    assert_eq!(app.current_screen(), ScreenId::Classification);
    assert_eq!(app.active_layer(), Some(Layer::Findings));
}

#[test]
fn indicators_snapshots() {
    for lang in LANGS {
        let mut app = TuiApp::demo(lang, 2025);
        app.goto(ScreenId::Indicators);
        for (w, h) in SIZES {
            let name = format!("indicators_{}_{w}x{h}", lang_tag(lang));
            insta::assert_snapshot!(name, app.draw(w, h));
        }
    }
}
