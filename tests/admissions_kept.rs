//! Issue 13: the entry grid's kept parts (its lines without figures, the
//! scope totals, the sums by committee) follow every write exactly: after
//! each write the answers equal those of a service opened afresh.

mod admissions_support;
mod common;
use admissions_support::*;
use thuky::domain::admissions_grid::GridView;
use thuky::service::api::*;
use thuky::service::Service;

fn grid(s: &mut Service, month: u32, under: Option<&str>) -> GridView {
    match s
        .call(
            "t",
            Request::AdmissionGrid(GridQuery {
                year: 2025,
                month: Some(month),
                under: under.map(Into::into),
                limit: Some(2_000),
                ..Default::default()
            }),
        )
        .unwrap()
    {
        Response::AdmissionGrid(g) => *g,
        other => panic!("{other:?}"),
    }
}

/// Every view the caches take part in.
fn views(s: &mut Service) -> Vec<GridView> {
    let mut out = Vec::new();
    for month in [3, 9] {
        for under in [None, Some("TH"), Some("PBD")] {
            out.push(grid(s, month, under));
        }
    }
    out
}

type Write = fn(&mut Service);

#[test]
fn kept_grids_and_totals_follow_every_write() {
    let (dir, s) = reorganised();
    let path = dir.path().to_path_buf();
    drop(s);
    let writes: [(&str, Write); 5] = [
        ("a count before the move", |s| {
            admit(s, "BD.01", 2025, 3, 4).unwrap();
        }),
        ("a count after the move", |s| {
            admit(s, "BD.01", 2025, 9, 6).unwrap();
        }),
        ("a count changed back to 0", |s| {
            admit(s, "BD.01", 2025, 3, 0).unwrap();
        }),
        // A committee's own first record adds a row to the grid.
        ("the committee's own count", |s| {
            admit(s, "TH", 2025, 2, 3).unwrap();
        }),
        ("a block", |s| {
            s.call(
                "t",
                Request::AdmissionBlock(AdmitBlock {
                    year: 2025,
                    rows: vec![
                        BlockRow {
                            code: "TH.01".into(),
                            from_month: 1,
                            counts: vec![Some(1); 12],
                        },
                        BlockRow {
                            code: "BD.01".into(),
                            from_month: 8,
                            counts: vec![Some(2), Some(2)],
                        },
                    ],
                }),
            )
            .unwrap();
        }),
    ];
    for (what, write) in writes {
        let mut s = Service::open(&path).unwrap();
        views(&mut s); // the caches are filled
        write(&mut s);
        let kept = views(&mut s);
        drop(s);
        let mut s = Service::open(&path).unwrap();
        let fresh = views(&mut s);
        drop(s);
        assert_eq!(kept, fresh, "after {what}");
    }
    // The committee's own row is listed under it.
    let mut s = Service::open(&path).unwrap();
    let g = grid(&mut s, 3, Some("TH"));
    assert!(
        g.lines
            .iter()
            .any(|l| matches!(l, thuky::domain::admissions_grid::GridLine::Org { code, .. } if code == "TH")),
        "{g:?}"
    );
    assert_eq!(g.by_month[1], 3 + 1);
}

fn target(s: &mut Service) -> Vec<String> {
    match s.call("t", Request::Target { year: 2025 }).unwrap() {
        Response::Target(t) => t.lines.iter().map(|l| l.code.clone()).collect(),
        other => panic!("{other:?}"),
    }
}

/// The targets' list of the year's committees is kept between requests and
/// follows a change of the register (a committee founded under the city).
#[test]
fn the_years_committees_follow_the_register() {
    let (dir, mut s) = reorganised();
    let before = target(&mut s);
    assert!(!before.contains(&"NEW".to_string()));
    add(
        &mut s,
        "HN",
        thuky::domain::OrgKind::Superior,
        "Đảng bộ mới",
        "NEW",
        common::d(2025, 10, 1),
    );
    let kept = target(&mut s);
    assert!(kept.contains(&"NEW".to_string()), "{kept:?}");
    drop(s);
    let mut s = Service::open(dir.path()).unwrap();
    assert_eq!(kept, target(&mut s));
}
