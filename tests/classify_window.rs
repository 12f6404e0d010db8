//! The classification window (`Request::ClassificationWindow`, issue 9 item
//! 5): the service scopes, filters and cuts the year's list, and what it
//! sends equals the same part of the whole list (`ClassificationList`); the
//! Xếp loại screen asks only for windows and keeps its cursor on live updates.

mod common;

use common::tui::{day, options, Drive};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use thuky::domain::text::fold;
use thuky::domain::{Lang, Level, Tallies};
use thuky::service::api::{ClassList, ClassRow, ClassWindow, ClassWindowQuery, ClassifyInput, Request, Response};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::tui::screens::ScreenId;
use thuky::tui::App;

fn demo() -> (tempfile::TempDir, Service) {
    std::env::set_var("TZ", "UTC");
    common::small_demo()
}

fn whole(s: &mut Service, year: i32, under: Option<&str>) -> ClassList {
    match s
        .call(
            "t",
            Request::ClassificationList {
                year,
                under: under.map(Into::into),
            },
        )
        .unwrap()
    {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    }
}

fn window(s: &mut Service, q: ClassWindowQuery) -> ClassWindow {
    match s.call("t", Request::ClassificationWindow(q)).unwrap() {
        Response::ClassificationWindow(w) => *w,
        _ => unreachable!(),
    }
}

/// Every row of a filtered list, page by page.
fn all_rows(s: &mut Service, q: &ClassWindowQuery) -> (Vec<ClassRow>, ClassWindow) {
    let mut rows = Vec::new();
    loop {
        let w = window(
            s,
            ClassWindowQuery {
                offset: rows.len(),
                height: 37,
                ..q.clone()
            },
        );
        assert_eq!(w.start, rows.len().min(w.total.saturating_sub(37)));
        let skip = rows.len() - w.start;
        rows.extend(w.rows.iter().skip(skip).cloned());
        if rows.len() >= w.total {
            return (rows, w);
        }
    }
}

fn q(year: i32) -> ClassWindowQuery {
    ClassWindowQuery {
        year,
        height: 20,
        ..Default::default()
    }
}

fn findings_of(l: &ClassList, ids: &HashSet<u32>) -> Vec<String> {
    let mut v: Vec<String> = l
        .findings
        .iter()
        .filter(|f| ids.contains(&f.org))
        .map(|f| format!("{f:?}"))
        .collect();
    v.sort();
    v
}

/// The window pages through the same rows, findings and footer as the whole list.
fn assert_same_as_whole(s: &mut Service, year: i32, under: Option<&str>) {
    let l = whole(s, year, under);
    let base = ClassWindowQuery {
        scope: under.map(Into::into),
        ..q(year)
    };
    let (rows, w) = all_rows(s, &base);
    assert_eq!(rows, l.rows, "{year} {under:?}");
    assert_eq!(w.total, l.rows.len());
    let footer = *l.footer.clone().expect("a footer for a whole scope");
    assert_eq!(w.footer, footer, "{year} {under:?}");
    assert_eq!(w.footer.findings, l.findings.len());
    assert_eq!(w.regulation, l.regulation);
    assert_eq!(w.rules, l.rules);
    // The findings sent are those of the rows sent, all of them.
    let ids: HashSet<u32> = w.rows.iter().map(|r| r.id).collect();
    let mut got: Vec<String> = w.findings.iter().map(|f| format!("{f:?}")).collect();
    got.sort();
    assert_eq!(got, findings_of(&l, &ids), "{year} {under:?}");
}

#[test]
fn a_window_is_a_part_of_the_whole_list_with_its_footer() {
    let (_dir, mut s) = demo();
    for year in [2021, 2023, 2025, 2026] {
        assert_same_as_whole(&mut s, year, None);
    }
    // A scope: its subtree only, its own footer.
    let l = whole(&mut s, 2024, None);
    let scope = l.rows.iter().find(|r| r.depth == 1).unwrap().code.clone();
    assert_same_as_whole(&mut s, 2024, Some(&scope));
    let w = window(
        &mut s,
        ClassWindowQuery {
            scope: Some(scope.clone()),
            ..q(2024)
        },
    );
    assert_eq!(w.scope.code, scope);
    assert_eq!(w.scope.depth, 1);
    // Whether each row has organisations below it.
    let (rows, _) = all_rows(&mut s, &q(2024));
    let w = window(&mut s, ClassWindowQuery { height: 500, ..q(2024) });
    for (i, r) in w.rows.iter().enumerate() {
        let next = rows.get(w.start + i + 1);
        assert_eq!(w.has_below[i], next.is_some_and(|n| n.depth > r.depth), "{}", r.code);
    }
}

#[test]
fn filters_are_applied_by_the_service() {
    let (_dir, mut s) = demo();
    let year = 2026;
    let l = whole(&mut s, year, None);
    let (unrated, _) = all_rows(
        &mut s,
        &ClassWindowQuery {
            unrated_only: true,
            ..q(year)
        },
    );
    assert_eq!(unrated.len(), l.rows.iter().filter(|r| r.class.is_none()).count());
    assert!(unrated.iter().all(|r| r.class.is_none()));
    let (grassroots, _) = all_rows(
        &mut s,
        &ClassWindowQuery {
            grassroots_only: true,
            ..q(year)
        },
    );
    assert_eq!(grassroots.len(), l.rows.iter().filter(|r| r.kind.is_grassroots()).count());
    let with: HashSet<u32> = l.findings.iter().map(|f| f.org).collect();
    let (flagged, _) = all_rows(
        &mut s,
        &ClassWindowQuery {
            findings_only: true,
            ..q(year)
        },
    );
    assert_eq!(flagged.len(), l.rows.iter().filter(|r| with.contains(&r.id)).count());
    // The name filter folds both sides: "chi bo" finds "Chi bộ", and codes match too.
    let (named, _) = all_rows(
        &mut s,
        &ClassWindowQuery {
            filter: "  chi bo ".into(),
            ..q(year)
        },
    );
    let want: Vec<&ClassRow> = l.rows.iter().filter(|r| fold(&r.name).contains("chi bo")).collect();
    assert!(!want.is_empty());
    assert_eq!(named.len(), want.len());
    let code = l.rows[5].code.clone();
    let (by_code, _) = all_rows(
        &mut s,
        &ClassWindowQuery {
            filter: code.clone(),
            ..q(year)
        },
    );
    assert!(by_code.iter().any(|r| r.code == code));
    assert!(by_code
        .iter()
        .all(|r| fold(&r.code).contains(&fold(&code)) || fold(&r.name).contains(&fold(&code))));
}

#[test]
fn the_window_holds_the_anchor_and_stays_inside_the_list() {
    let (_dir, mut s) = demo();
    let year = 2025;
    let l = whole(&mut s, year, None);
    let n = l.rows.len();
    assert!(n > 60, "{n}");
    // The anchor far below the wanted offset: the window moves to hold it.
    let target = &l.rows[n - 20];
    let w = window(
        &mut s,
        ClassWindowQuery {
            anchor: Some(target.id),
            offset: 0,
            ..q(year)
        },
    );
    assert_eq!(w.anchor, Some(n - 20));
    assert!(w.rows.iter().any(|r| r.id == target.id));
    // Within the wanted window: it stays where it was asked for.
    let w = window(
        &mut s,
        ClassWindowQuery {
            anchor: Some(l.rows[12].id),
            offset: 5,
            ..q(year)
        },
    );
    assert_eq!((w.start, w.anchor), (5, Some(12)));
    // An anchor the filters hide: the offset is used.
    let rated = l.rows.iter().find(|r| r.class.is_some()).unwrap();
    let w = window(
        &mut s,
        ClassWindowQuery {
            anchor: Some(rated.id),
            unrated_only: true,
            offset: 3,
            ..q(year)
        },
    );
    assert_eq!(w.anchor, None);
    // Past the end: the last rows.
    let w = window(
        &mut s,
        ClassWindowQuery {
            offset: n + 1000,
            ..q(year)
        },
    );
    assert_eq!((w.start, w.rows.len()), (n - 20, 20));
    assert_eq!(w.rows.last(), l.rows.last());
    // Any offset a client may send, with an anchor too: no overflow.
    let w = window(
        &mut s,
        ClassWindowQuery {
            offset: usize::MAX,
            anchor: Some(l.rows[3].id),
            ..q(year)
        },
    );
    assert_eq!((w.anchor, w.start), (Some(3), 0));
    // The height is capped.
    let w = window(
        &mut s,
        ClassWindowQuery {
            height: 1_000_000,
            ..q(year)
        },
    );
    assert_eq!(w.rows.len(), n.min(thuky::service::api::CLASS_WINDOW_MAX));
    // Rows by code: those in the year's tree, in the order asked, the others left out.
    let w = window(
        &mut s,
        ClassWindowQuery {
            codes: vec![l.rows[7].code.clone(), "KHÔNG.CÓ".into(), l.rows[2].code.clone()],
            ..q(year)
        },
    );
    let codes: Vec<&str> = w.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec![l.rows[7].code.as_str(), l.rows[2].code.as_str()]);
    // Every finding of the scope, in row order, with names.
    let w = window(
        &mut s,
        ClassWindowQuery {
            all_findings: true,
            ..q(year)
        },
    );
    let all = w.all_findings.unwrap();
    assert_eq!(all.len(), l.findings.len());
    assert_eq!(all.len(), w.footer.findings);
}

#[test]
fn bad_windows_are_refused_with_the_reason() {
    let (_dir, mut s) = demo();
    let e = s
        .call(
            "t",
            Request::ClassificationWindow(ClassWindowQuery {
                scope: Some("KHÔNG.CÓ".into()),
                ..q(2024)
            }),
        )
        .unwrap_err();
    assert!(
        e.message(Lang::En).contains("KHÔNG.CÓ") || e.value.as_deref() == Some("KHÔNG.CÓ"),
        "{e:?}"
    );
    for year in [1900, 2999] {
        let e = s.call("t", Request::ClassificationWindow(q(year))).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("year"), "{e:?}");
    }
    let e = s
        .call(
            "t",
            Request::ClassificationWindow(ClassWindowQuery {
                codes: vec!["X".into(); 1001],
                ..q(2024)
            }),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("codes"), "{e:?}");
}

/// The window's findings and footer follow entries (computed again only
/// around the entries that changed): after each, they equal the whole list.
#[test]
fn windows_follow_entries() {
    let (_dir, mut s) = demo();
    for year in [2021, 2023, 2025] {
        let rows = whole(&mut s, year, None).rows;
        // The cache is filled before the entries.
        window(&mut s, q(year));
        for n in 0..60usize {
            let r = &rows[(n * 7919) % rows.len()];
            let req = if n % 9 == 8 {
                Request::ClassificationClear {
                    code: r.code.clone(),
                    year,
                    base_version: None,
                }
            } else {
                Request::ClassificationSet(ClassifyInput {
                    code: r.code.clone(),
                    year,
                    level: Some([Level::Htxs, Level::Htt, Level::Ht, Level::Kht][n % 4]),
                    score: (year >= 2025 && n % 2 == 0).then_some(40.0 + (n % 60) as f64),
                    members: (n % 3 == 0).then_some(Tallies {
                        htxs: (n % 5) as u32,
                        htt: r.total_members / 2,
                        ht: 0,
                        kht: 0,
                        not_rated: 0,
                        not_rated_by: None,
                    }),
                    decision: None,
                    decided: None,
                    note: None,
                    keep_rest: true,
                    base_version: None,
                })
            };
            if s.call("t", req).is_err() {
                continue;
            }
            // A window around the row, then (now and then) everything compared.
            let w = window(
                &mut s,
                ClassWindowQuery {
                    anchor: Some(r.id),
                    ..q(year)
                },
            );
            let l = whole(&mut s, year, None);
            assert_eq!(w.footer, *l.footer.clone().unwrap(), "{year} after {n}");
            let ids: HashSet<u32> = w.rows.iter().map(|r| r.id).collect();
            let mut got: Vec<String> = w.findings.iter().map(|f| format!("{f:?}")).collect();
            got.sort();
            assert_eq!(got, findings_of(&l, &ids), "{year} after {n} ({})", r.code);
            if n % 20 == 19 {
                assert_same_as_whole(&mut s, year, None);
            }
        }
    }
}

/// The requests a front end sends, by name.
struct Recording {
    inner: Local,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Backend for Recording {
    fn call(&mut self, request: Request) -> thuky::service::error::Result<Response> {
        self.seen.lock().unwrap().push(request.op_name());
        self.inner.call(request)
    }
    fn events(&mut self) -> Vec<thuky::service::api::Event> {
        self.inner.events()
    }
    fn user(&self) -> &str {
        self.inner.user()
    }
}

fn selected_line(app: &mut App) -> String {
    app.draw(120, 40)
        .lines()
        .find(|l| l.starts_with('›'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_grid_asks_for_windows_only_and_keeps_its_cursor() {
    let (dir, s) = demo();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let backend = Recording {
        inner: Local::new(s, "thu.ky"),
        seen: seen.clone(),
    };
    let mut app = App::new(Box::new(backend), options(Lang::En, dir.path(), day(2026, 3, 15), 2026));
    app.goto(ScreenId::Classification);
    app.draw(120, 40);
    // A move inside the rows held asks for nothing.
    seen.lock().unwrap().clear();
    app.keys("jj");
    let first = selected_line(&mut app);
    assert!(seen.lock().unwrap().is_empty(), "{:?}", seen.lock().unwrap());
    // Everything a clerk does here: pages, ends, filters, scopes, findings, years.
    app.keys("<pgdn><pgdn>G<pgup>g");
    app.keys("nn!!cc");
    app.keys("/chi bo<enter>");
    app.keys("<esc>");
    app.keys("jj<enter>");
    app.keys("<esc>");
    app.keys("f");
    app.keys("<esc>");
    app.keys("[");
    app.keys("]");
    app.draw(120, 40);
    let ops = seen.lock().unwrap().clone();
    assert!(!ops.iter().any(|o| o == "classifications"), "{ops:?}");
    assert!(ops.iter().any(|o| o == "classification_window"), "{ops:?}");
    // Back on the third row; another clerk rates a row further down: the
    // cursor stays on its organisation and the row shows the new level.
    app.keys("gjj");
    assert_eq!(selected_line(&mut app), first);
    let other = {
        let Response::ClassificationWindow(w) = app
            .backend()
            .call(Request::ClassificationWindow(ClassWindowQuery {
                year: 2026,
                height: 15,
                ..Default::default()
            }))
            .unwrap()
        else {
            unreachable!()
        };
        w.rows
            .iter()
            .skip(6)
            .find(|r| r.kind.is_grassroots() && r.class.is_none())
            .unwrap()
            .clone()
    };
    app.backend()
        .call(Request::ClassificationSet(ClassifyInput {
            keep_rest: true,
            ..common::level_entry(&other.code, 2026, Level::Kht)
        }))
        .unwrap();
    seen.lock().unwrap().clear();
    app.poll_background();
    let screen = app.draw(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains(&format!("{} ", other.code)))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("✗ KHT"), "{line}");
    assert_eq!(selected_line(&mut app), first, "{screen}");
    let ops = seen.lock().unwrap().clone();
    assert_eq!(ops, vec!["classification_window".to_string()], "{ops:?}");
}

/// What the quiet server prepares (this year and the one before) is the
/// same window a clerk then asks for.
#[test]
fn a_prepared_year_answers_as_an_asked_one() {
    let (_dir, mut s) = demo();
    let years = Service::warm_years(day(2025, 6, 1));
    assert_eq!(years, vec![2025, 2024]);
    for year in years {
        let read = s.warm_year(year).expect("a year with records is prepared");
        let Ok(Response::ClassificationWindow(prepared)) = read.run() else {
            panic!("the prepared read answers a window")
        };
        let asked = window(
            &mut s,
            ClassWindowQuery {
                year,
                height: 1,
                ..Default::default()
            },
        );
        assert_eq!(*prepared, asked, "{year}");
        assert!(asked.total > 0, "{year}");
    }
    assert!(s.warm_year(1900).is_none(), "a year out of range is not prepared");
}
