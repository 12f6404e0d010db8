//! The service views the Kết nạp and Chỉ tiêu screens render, against
//! hand-computed figures, and the block write (one transaction, undoable,
//! all or nothing).

mod admissions_support;
mod common;
use admissions_support::*;
use common::*;
use thuky::domain::admissions_grid::GridLine;
use thuky::domain::pace::PaceMethod;
use thuky::domain::{Lang, Level, Tallies};
use thuky::service::api::*;
use thuky::service::Service;

fn block(year: i32, rows: &[(&str, u32, &[Option<u32>])]) -> Request {
    Request::AdmissionBlock(AdmitBlock {
        year,
        rows: rows
            .iter()
            .map(|(c, from, counts)| BlockRow {
                code: c.to_string(),
                from_month: *from,
                counts: counts.to_vec(),
            })
            .collect(),
    })
}

fn months_of(s: &mut Service, year: i32, code: &str) -> [u32; 12] {
    let Response::AdmissionList(list) = s.call("t", Request::AdmissionList { year, under: None }).unwrap() else {
        panic!()
    };
    list.rows.iter().find(|r| r.code == code).map_or([0; 12], |r| r.months)
}

fn last_action(s: &mut Service) -> String {
    let Response::AuditList(v) = s
        .call(
            "t",
            Request::AuditList(AuditQuery {
                limit: Some(1),
                ..Default::default()
            }),
        )
        .unwrap()
    else {
        panic!()
    };
    v[0].action.clone()
}

#[test]
fn a_block_is_one_audited_action_undone_by_its_answer() {
    let (_dir, mut s) = reorganised();
    let before = audit_len(&mut s);
    let r = s
        .call(
            "t",
            block(
                2025,
                &[("BD.01", 1, &[Some(1), Some(2), None, Some(4)]), ("TH.01", 11, &[Some(5), Some(6)])],
            ),
        )
        .unwrap();
    let Response::AdmissionBlockDone { done, undo } = r else {
        panic!("{r:?}")
    };
    assert!(done.summary_en.contains("2 organisations (+18)"), "{}", done.summary_en);
    assert_eq!(audit_len(&mut s), before + 1);
    assert_eq!(last_action(&mut s), "admit.block");
    assert_eq!(months_of(&mut s, 2025, "BD.01"), [1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(months_of(&mut s, 2025, "TH.01")[10..], [5, 6]);
    // The answer's undo puts back what was there, as one more audited action.
    s.call("t", Request::AdmissionBlock(undo)).unwrap();
    assert_eq!(audit_len(&mut s), before + 2);
    assert_eq!(months_of(&mut s, 2025, "BD.01"), [0; 12]);
    assert_eq!(months_of(&mut s, 2025, "TH.01"), [0; 12]);
}

#[test]
fn a_block_with_one_bad_cell_writes_nothing() {
    let (_dir, mut s) = reorganised();
    admit(&mut s, "BD.01", 2025, 2, 9).unwrap();
    let before = audit_len(&mut s);
    let cases: Vec<(Request, &str)> = vec![
        (
            block(2025, &[("BD.01", 1, &[Some(1), Some(2)]), ("PBD", 6, &[Some(1)])]),
            "rows[1] = 'PBD 6/2025: 1': PBD did not exist in 6/2025",
        ),
        (
            block(2025, &[("BD.01", 11, &[Some(1), Some(2), Some(3)])]),
            "the months must lie within 1-12",
        ),
        (block(2025, &[("BD.01", 0, &[Some(1)])]), "the months must lie within 1-12"),
        (block(2025, &[("BD.01", 1, &[Some(1)]), ("NOPE", 1, &[Some(1)])]), "code = 'NOPE'"),
        (block(2025, &[("TH.01", 1, &[Some(2_000_000)])]), "too large"),
        (block(2025, &[]), "the block is empty"),
        (block(1999, &[("TH.01", 1, &[Some(1)])]), "1999"),
    ];
    for (req, needle) in cases {
        let e = s.call("t", req).unwrap_err();
        assert!(e.message(Lang::En).contains(needle), "{needle}: {}", e.message(Lang::En));
    }
    assert_eq!(audit_len(&mut s), before);
    assert_eq!(months_of(&mut s, 2025, "BD.01"), [0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
}

#[test]
fn the_entry_grid_groups_by_the_committee_of_the_month_in_a_window() {
    let (_dir, mut s) = reorganised();
    s.call("t", block(2025, &[("BD.01", 1, &[Some(3); 12]), ("TH.01", 1, &[Some(1); 12])]))
        .unwrap();
    let grid = |s: &mut Service, month, offset, limit, filter: Option<&str>| {
        let q = GridQuery {
            year: 2025,
            month: Some(month),
            under: None,
            filter: filter.map(Into::into),
            offset,
            limit: Some(limit),
        };
        match s.call("t", Request::AdmissionGrid(q)).unwrap() {
            Response::AdmissionGrid(g) => g,
            other => panic!("{other:?}"),
        }
    };
    let names = |lines: &[GridLine]| -> Vec<String> {
        lines
            .iter()
            .map(|l| match l {
                GridLine::Committee { code, total, .. } => format!("[{code} {total}]"),
                GridLine::Org { code, total, .. } => format!("{code} {total}"),
            })
            .collect()
    };
    // September: BD.01 under the ward (Đ before H in Vietnamese order), TH.01 under TH.
    let g = grid(&mut s, 9, 0, 100, None);
    assert_eq!(names(&g.lines), ["[PBD 18]", "BD.01 36", "[TH 12]", "TH.01 12"]);
    assert_eq!((g.total_lines, g.total), (4, 48));
    assert_eq!(g.by_month, [4; 12]);
    // March: BD.01 under the district; its line holds January-June (18).
    let g = grid(&mut s, 3, 0, 100, None);
    assert_eq!(names(&g.lines), ["[TH 12]", "TH.01 12", "[BD 18]", "BD.01 36"]);
    // A window of two lines from the second.
    let g = grid(&mut s, 9, 1, 2, None);
    assert_eq!(names(&g.lines), ["BD.01 36", "[TH 12]"]);
    assert_eq!((g.offset, g.total_lines), (1, 4));
    // A filter without diacritics, and cells closed where the organisation did not exist.
    let g = grid(&mut s, 9, 0, 100, Some("thon dong"));
    assert_eq!(names(&g.lines), ["[TH 12]", "TH.01 12"]);
    let e = s
        .call(
            "t",
            Request::AdmissionGrid(GridQuery {
                year: 2025,
                month: Some(13),
                ..Default::default()
            }),
        )
        .unwrap_err();
    assert!(e.message(Lang::En).contains("month = '13'"), "{e}");
}

#[test]
fn dashboard_pace_from_past_years_projection_and_ranking() {
    let (_dir, mut s) = reorganised();
    // Three earlier years with February double: the shape 1,2,1,…,1 (13 parts).
    for y in 2021..=2023 {
        let mut months = [Some(10); 12];
        months[1] = Some(20);
        s.call("t", block(y, &[("TH.01", 1, &months)])).unwrap();
    }
    s.call("t", block(2024, &[("TH.01", 1, &[Some(5); 12]), ("BD.01", 1, &[Some(10); 12])]))
        .unwrap();
    s.call(
        "t",
        Request::TargetSet(TargetInput {
            year: 2024,
            plan: Some(130),
            range: Some((100, 200)),
            org: None,
            allocation: None,
        }),
    )
    .unwrap();
    allocate(&mut s, 2024, "BD", 100).unwrap();
    allocate(&mut s, 2024, "TH", 50).unwrap();
    let Response::AdmissionDashboard(d) = s.call("t", Request::AdmissionDashboard { year: 2024, under: None }).unwrap() else {
        panic!()
    };
    let p = d.summary.pace.as_ref().unwrap();
    assert_eq!(p.method, PaceMethod::PastYears);
    assert_eq!(p.years, [2021, 2022, 2023]);
    // 130 over 13 parts: 10 in January, 30 by February, then 10 a month.
    assert_eq!(p.curve[..3], [10, 30, 40]);
    assert_eq!(p.curve[11], 130);
    assert_eq!(p.cumulative.len(), 12);
    assert_eq!(p.cumulative[11], 180);
    assert!(!p.behind);
    let pr = d.summary.projected.as_ref().unwrap();
    assert_eq!((pr.total, pr.method.as_str()), (180, "seasonal"));
    assert_eq!(pr.within_range, Some(true));
    // BD 120 of 100 (120%) before TH 60 of 50 (120%) by code; equal shares compare exactly.
    let ranked: Vec<(&str, Option<bool>)> = d.ranked.iter().map(|r| (r.code.as_str(), r.behind_pace)).collect();
    assert_eq!(ranked, [("BD", Some(false)), ("TH", Some(false))]);
    allocate(&mut s, 2024, "TH", 61).unwrap();
    let Response::AdmissionDashboard(d) = s.call("t", Request::AdmissionDashboard { year: 2024, under: None }).unwrap() else {
        panic!()
    };
    let ranked: Vec<(&str, Option<bool>)> = d.ranked.iter().map(|r| (r.code.as_str(), r.behind_pace)).collect();
    assert_eq!(ranked, [("BD", Some(false)), ("TH", Some(true))]);
    // Without earlier years: a straight line, named.
    let Response::AdmissionDashboard(d) = s.call("t", Request::AdmissionDashboard { year: 2021, under: None }).unwrap() else {
        panic!()
    };
    assert_eq!(d.summary.pace.map(|p| p.method), Some(PaceMethod::StraightLine));
}

#[test]
fn term_view_years_side_by_side() {
    let (_dir, mut s) = reorganised();
    s.call("t", block(2021, &[("TH.01", 1, &[Some(100)])])).unwrap();
    s.call("t", block(2022, &[("TH.01", 1, &[Some(120)])])).unwrap();
    for (y, plan) in [(2021, 110), (2022, 110)] {
        s.call(
            "t",
            Request::TargetSet(TargetInput {
                year: y,
                plan: Some(plan),
                range: Some((90, 130)),
                org: None,
                allocation: None,
            }),
        )
        .unwrap();
    }
    let Response::AdmissionTerm(t) = s.call("t", Request::AdmissionTerm { from: 2021, to: 2023 }).unwrap() else {
        panic!()
    };
    type Row = (i32, u64, u64, Option<u64>, Option<bool>);
    let rows: Vec<Row> = t
        .years
        .iter()
        .map(|y| (y.year, y.total, y.cumulative, y.cumulative_plan, y.within_range))
        .collect();
    assert_eq!(
        rows,
        [
            (2021, 100, 100, Some(110), Some(true)),
            (2022, 120, 220, Some(220), Some(true)),
            (2023, 0, 220, None, Some(false))
        ]
    );
    assert!(t.terms.iter().any(|t| (t.from, t.to) == (2026, 2030)));
    let e = s.call("t", Request::AdmissionTerm { from: 2025, to: 2021 }).unwrap_err();
    assert!(e.message(Lang::En).contains("2025-2021"), "{e}");
}

#[test]
fn term_view_reaches_the_end_of_the_term_with_plans_for_years_to_come() {
    use thuky::domain::admissions_view::planning_horizon;
    let (_dir, mut s) = reorganised();
    let current = chrono::Datelike::year(&chrono::Local::now().date_naive());
    // Plans are made to the end of the term that holds next year (2030 until 2030).
    let horizon = planning_horizon(current + 1);
    assert!(horizon > current);
    let plan = |s: &mut Service, year: i32, n: u32| {
        s.call(
            "t",
            Request::TargetSet(TargetInput {
                year,
                plan: Some(n),
                range: None,
                org: None,
                allocation: None,
            }),
        )
    };
    plan(&mut s, horizon, 9_500).unwrap();
    let e = plan(&mut s, horizon + 1, 9_500).unwrap_err();
    assert!(e.message(Lang::En).contains("too far in the future"), "{e}");
    s.call("t", block(current, &[("TH.01", 1, &[Some(3)])])).unwrap();
    let Response::AdmissionTerm(t) = s
        .call(
            "t",
            Request::AdmissionTerm {
                from: current,
                to: horizon,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let first = &t.years[0];
    assert_eq!((first.year, first.total, first.future), (current, 3, false));
    let last = t.years.last().unwrap();
    assert_eq!((last.year, last.plan, last.total), (horizon, Some(9_500), 0));
    assert_eq!(last.future, horizon > current);
    let e = s
        .call(
            "t",
            Request::AdmissionTerm {
                from: current,
                to: horizon + 1,
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("to"));
}

fn classify(s: &mut Service, code: &str, year: i32, level: Level, members: Option<Tallies>) {
    s.call(
        "t",
        Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year,
            level: Some(level),
            score: None,
            members,
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap_or_else(|e| panic!("{code}: {e}"));
}

#[test]
fn indicators_decided_exactly_and_their_trend() {
    let (_dir, mut s) = reorganised();
    // 2024: BD, BD.01, BD.01.01, BD.01.02, TH, TH.01 under the city.
    classify(&mut s, "BD", 2024, Level::Htt, None);
    classify(
        &mut s,
        "BD.01",
        2024,
        Level::Htxs,
        Some(Tallies {
            htxs: 10,
            htt: 20,
            ht: 10,
            kht: 0,
            not_rated: 15,
            not_rated_by: None,
        }),
    );
    classify(&mut s, "BD.01.01", 2024, Level::Htt, None);
    classify(&mut s, "BD.01.02", 2024, Level::Ht, None);
    classify(&mut s, "TH", 2024, Level::Htt, None);
    s.call("t", block(2024, &[("TH.01", 1, &[Some(7)])])).unwrap();
    let Response::IndicatorList(v) = s.call("t", Request::IndicatorList { year: 2024, under: None }).unwrap() else {
        panic!()
    };
    // Organisations: 4 good of 5 rated = 80% > 75%.
    assert_eq!(
        (v.organisations.good, v.organisations.rated, v.organisations.met),
        (4, 5, Some(true))
    );
    assert_eq!(v.unrated_organisations, 1);
    // Grassroots: BD.01 rated, TH.01 not.
    assert_eq!((v.grassroots.good, v.grassroots.rated, v.unrated_grassroots), (1, 1, 1));
    // Members: 30 good of 40 rated is exactly 75%: not above.
    assert_eq!(
        (v.members.good, v.members.rated, v.members.pct, v.members.met),
        (30, 40, Some(75.0), Some(false))
    );
    assert_eq!(v.grassroots_without_tallies, 1);
    assert_eq!(v.admissions.total, 7);
    assert_eq!(
        (v.admissions.range, v.admissions.within_range),
        (Some((9_000, 10_000)), Some(false))
    );
    let Response::IndicatorTrend(t) = s
        .call(
            "t",
            Request::IndicatorTrend {
                from: 2023,
                to: 2025,
                under: None,
            },
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(t.iter().map(|v| v.year).collect::<Vec<_>>(), [2023, 2024, 2025]);
    assert_eq!(t[1], *v);
    // Kept views follow the next write: TH.01 rated HTT makes 5 good of 6.
    classify(&mut s, "TH.01", 2024, Level::Htt, None);
    let Response::IndicatorList(v) = s.call("t", Request::IndicatorList { year: 2024, under: None }).unwrap() else {
        panic!()
    };
    assert_eq!((v.organisations.good, v.organisations.rated, v.unrated_organisations), (5, 6, 0));
    assert_eq!(t[0].organisations.rated, 0);
    assert_eq!(t[2].admissions.range, Some((9_000, 10_000)));
    // A scope absent from some years: those years are left out.
    let Response::IndicatorTrend(t) = s
        .call(
            "t",
            Request::IndicatorTrend {
                from: 2024,
                to: 2025,
                under: Some("PBD".into()),
            },
        )
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(t.iter().map(|v| v.year).collect::<Vec<_>>(), [2025]);
}

#[test]
fn org_detail_shows_the_subtree_admissions() {
    let (_dir, mut s) = reorganised();
    s.call("t", block(2025, &[("BD.01", 1, &[Some(2); 12]), ("TH.01", 1, &[Some(1); 12])]))
        .unwrap();
    admit(&mut s, "BD.01.01", 2025, 9, 5).unwrap();
    let detail = |s: &mut Service, code: &str| match s
        .call(
            "t",
            Request::Org {
                code: code.into(),
                at: d(2025, 12, 31),
                year: 2025,
            },
        )
        .unwrap()
    {
        Response::Org(o) => o,
        other => panic!("{other:?}"),
    };
    // The ward: BD.01 from July (6 × 2) and its cell's September (5).
    let w = detail(&mut s, "PBD");
    assert_eq!(w.subtree_admissions.iter().sum::<u64>(), 17);
    assert_eq!(w.subtree_admissions[8], 7);
    // The city: everything; the district dissolved on 1/7: its half year.
    assert_eq!(detail(&mut s, "HN").subtree_admissions.iter().sum::<u64>(), 24 + 12 + 5);
    assert_eq!(detail(&mut s, "BD").subtree_admissions.iter().sum::<u64>(), 12);
    assert_eq!(detail(&mut s, "BD.01").subtree_admissions.iter().sum::<u64>(), 29);
}

#[test]
fn cached_placements_follow_writes_and_register_changes() {
    let (_dir, mut s) = reorganised();
    admit(&mut s, "TH.01", 2025, 3, 4).unwrap();
    let credited = |s: &mut Service, code: &str| {
        summary(s, 2025, None)
            .by_committee
            .iter()
            .find(|r| r.code == code)
            .map_or(0, |r| r.total)
    };
    assert_eq!(credited(&mut s, "TH"), 4);
    // A write after the year was placed: its row is replaced.
    admit(&mut s, "TH.01", 2025, 4, 6).unwrap();
    assert_eq!(credited(&mut s, "TH"), 10);
    admit(&mut s, "TH.01", 2025, 9, 5).unwrap();
    assert_eq!(credited(&mut s, "TH"), 15);
    // A move dated in the past re-places the months after it.
    s.call(
        "t",
        Request::OrgMove {
            code: "TH.01".into(),
            parent: "PBD".into(),
            at: d(2025, 8, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    assert_eq!(credited(&mut s, "TH"), 10);
    assert_eq!(credited(&mut s, "PBD"), 5);
}

#[test]
fn a_clerk_block_must_stay_within_the_clerk_scope() {
    let (_dir, mut s) = reorganised();
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: Some("boss".into()),
    });
    for (name, role, scope) in [
        ("boss", Role::Admin, None),
        ("tester", Role::Viewer, None),
        ("t", Role::Viewer, None),
    ] {
        s.call(
            "boss",
            Request::UserAdd {
                name: name.into(),
                role,
                scope,
            },
        )
        .unwrap();
    }
    s.call(
        "boss",
        Request::UserAdd {
            name: "lan".into(),
            role: Role::Clerk,
            scope: Some("TH".into()),
        },
    )
    .unwrap();
    let before = audit_len(&mut s);
    let e = s
        .call("lan", block(2025, &[("TH.01", 1, &[Some(1)]), ("BD.01", 1, &[Some(1)])]))
        .unwrap_err();
    assert!(
        e.message(Lang::En).contains("BD.01") && e.message(Lang::En).contains("outside the scope TH"),
        "{e}"
    );
    assert_eq!(audit_len(&mut s), before);
    s.call("lan", block(2025, &[("TH.01", 1, &[Some(1)])])).unwrap();
    assert_eq!(months_of(&mut s, 2025, "TH.01")[0], 1);
}
