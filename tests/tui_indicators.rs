//! The Chỉ tiêu screen on the shared harness: the service's figures and
//! verdicts, the trend, drill-downs through the shell, snapshots.

mod common;

use common::tui::{lang_tag, Drive, TuiApp, LANGS, SIZES};
use thuky::domain::indicator_orgs::{OrgFigure, OrgList};
use thuky::domain::{Lang, Level};
use thuky::service::api::{Request, Response};
use thuky::tui::keymap::Layer;
use thuky::tui::screens::ScreenId;

#[test]
fn figures_and_verdicts_come_from_the_service() {
    let mut app = TuiApp::demo(Lang::Vi, 2025);
    app.goto(ScreenId::Indicators);
    assert_eq!(app.active_layer(), Some(Layer::Indicators));
    let v = match app.backend().call(Request::IndicatorList { year: 2025, under: None }) {
        Ok(Response::IndicatorList(v)) => *v,
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

/// A count in English format (1,234).
fn en(n: u64) -> String {
    thuky::tui::screens::admissions::fmt::num(n, Lang::En)
}

/// The organisations behind one figure, as the service lists them.
fn behind(app: &mut TuiApp, under: Option<&str>, figure: OrgFigure) -> OrgList {
    match app.backend().call(Request::IndicatorOrgs {
        year: 2025,
        under: under.map(str::to_string),
        figure,
        limit: Some(5_000),
    }) {
        Ok(Response::IndicatorOrgs(l)) => *l,
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_figure_lists_the_organisations_behind_it() {
    let mut app = TuiApp::demo(Lang::En, 2025);
    app.goto(ScreenId::Indicators);
    let v = match app.backend().call(Request::IndicatorList { year: 2025, under: None }) {
        Ok(Response::IndicatorList(v)) => *v,
        other => panic!("{other:?}"),
    };
    // Each list holds as many organisations as its figure counts.
    let orgs = behind(&mut app, None, OrgFigure::Organisations);
    assert_eq!(orgs.total as u64, v.organisations.rated - v.organisations.good);
    assert!(orgs.lines.iter().all(|l| matches!(l.level, Some(Level::Ht) | Some(Level::Kht))));
    let grassroots = behind(&mut app, None, OrgFigure::Grassroots);
    assert_eq!(grassroots.total as u64, v.grassroots.rated - v.grassroots.good);
    let unrated = behind(&mut app, None, OrgFigure::Unrated);
    assert_eq!(unrated.total as u64, v.unrated_organisations);
    let members = behind(&mut app, None, OrgFigure::Members);
    let good: u64 = members.lines.iter().map(|l| l.share.unwrap().share.part).sum();
    let rated: u64 = members.lines.iter().map(|l| l.share.unwrap().share.base).sum();
    assert_eq!((good, rated), (v.members.good, v.members.rated));
    let admitted = behind(&mut app, None, OrgFigure::Admissions);
    assert_eq!(admitted.lines.iter().map(|l| l.admitted).sum::<u64>(), v.admissions.total);
    let findings = behind(&mut app, None, OrgFigure::Findings);
    assert_eq!(
        findings.lines.iter().map(|l| l.findings).sum::<usize>(),
        v.findings_errors + v.findings_warnings
    );

    // Enter on the first figure shows its list, Esc goes back to the figures.
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Indicators);
    let screen = app.draw(80, 24);
    assert!(screen.contains("Organisations rated below HTT"), "{screen}");
    let first = &orgs.lines[0];
    assert!(screen.contains(&format!("›{} ", first.code)), "{screen}");
    // Enter on an organisation opens it in the register.
    app.keys("<enter>");
    assert_eq!(app.current_screen(), ScreenId::Orgs);
    let register = app.draw(120, 40);
    let selected = register.lines().find(|l| l.starts_with("│›")).unwrap_or_default().to_string();
    assert!(register.contains(&first.name), "{register}");
    assert!(
        selected.contains(&first.name) || selected.contains(&first.code),
        "{selected}\n{register}"
    );
    app.goto(ScreenId::Indicators);
    assert!(app.draw(80, 24).contains("Organisations rated below HTT"));
    app.keys("<esc>");
    let screen = app.draw(80, 24);
    assert!(screen.contains("›Organisations rated HTT or"), "{screen}");
    // The admissions figure: the organisations with their months at 120 columns.
    app.keys("gjjj<enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains("Organisations that admitted members"), "{screen}");
    assert!(screen.contains("T12"), "{screen}");
}

#[test]
fn the_scope_follows_the_committee_chosen() {
    let mut app = TuiApp::demo(Lang::En, 2025);
    app.goto(ScreenId::Indicators);
    // `p` lists the committees under the city, the city first.
    app.keys("p");
    let committees = behind(&mut app, None, OrgFigure::Committees);
    let second = committees.lines[1].clone();
    let screen = app.draw(80, 24);
    assert!(screen.contains("Choose the scope"), "{screen}");
    assert!(screen.contains("(the whole scope)"), "{screen}");
    // The second committee: the figures and the trend are its own.
    app.keys("jj<enter>");
    let v = match app.backend().call(Request::IndicatorList {
        year: 2025,
        under: Some(second.code.clone()),
    }) {
        Ok(Response::IndicatorList(v)) => *v,
        other => panic!("{other:?}"),
    };
    let s = second.share.unwrap().share;
    assert_eq!((v.organisations.good, v.organisations.rated), (s.part, s.base));
    let screen = app.draw(120, 40);
    let title = screen.lines().find(|l| l.contains("Indicators for")).unwrap().to_string();
    assert!(title.contains(&second.code), "{title}");
    let orgs = screen.lines().find(|l| l.contains("Organisations rated HTT")).unwrap();
    assert!(
        orgs.contains(&format!("({}/{})", en(v.organisations.good), en(v.organisations.rated))),
        "{orgs}"
    );
    // A drill-down stays within it.
    let list = behind(&mut app, Some(&second.code), OrgFigure::Unrated);
    app.keys("gjjjj<enter>");
    let screen = app.draw(120, 40);
    assert!(screen.contains(&format!("{} organisations", list.total)), "{screen}");
    // `p` in a list makes the selected organisation the scope (any organisation).
    if let Some(first) = list.lines.first() {
        app.keys("p");
        let screen = app.draw(120, 40);
        let title = screen.lines().find(|l| l.contains("Indicators for")).unwrap();
        assert!(title.contains(&format!("· {} ", first.code)), "{screen}");
    }
    // Esc leaves a list, then goes back to the whole city.
    if list.lines.is_empty() {
        app.keys("<esc>");
    }
    app.keys("<esc>");
    let screen = app.draw(120, 40);
    let city = committees.scope_code.clone();
    let title = screen.lines().find(|l| l.contains("Indicators for")).unwrap();
    assert!(title.contains(&format!("· {city} ")), "{screen}");
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

#[test]
fn drill_down_snapshots() {
    for lang in LANGS {
        let mut app = TuiApp::demo(lang, 2025);
        app.goto(ScreenId::Indicators);
        // The members' figure by grassroots organisation, and the scope picker.
        app.keys("jj<enter>");
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("indicators_members_{}_{w}x{h}", lang_tag(lang)), app.draw(w, h));
        }
        app.keys("<esc>gjjj<enter>");
        insta::assert_snapshot!(format!("indicators_admissions_{}_120x40", lang_tag(lang)), app.draw(120, 40));
        app.keys("<esc>p");
        insta::assert_snapshot!(format!("indicators_scope_{}_80x24", lang_tag(lang)), app.draw(80, 24));
    }
}
