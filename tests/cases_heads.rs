//! The service keeps only each case's head in memory and reads the full case
//! from the store: full details come back after a restart and an update, the
//! list equals a computation from the full cases, the duplicate-violation
//! refusal and the year's discipline findings hold after a restart, and
//! search finds what the store holds.

mod common;
use chrono::Datelike;
use common::*;
use thuky::domain::case::{Case, CaseKind, CaseStatus, Form, PersonInput, Subject};
use thuky::domain::rules::{Finding, Rule};
use thuky::service::api::*;
use thuky::service::Service;

fn case(s: &mut Service, req: Request) -> CaseView {
    match s.call("tester", req).unwrap_or_else(|e| panic!("{e}")) {
        Response::Case(v) => *v,
        r => panic!("{r:?}"),
    }
}

fn show(s: &mut Service, id: u64) -> CaseView {
    case(s, Request::CaseShow { id })
}

fn list(s: &mut Service, q: CaseQuery) -> CaseList {
    match s.call("tester", Request::CaseList(q)).unwrap() {
        Response::Cases(l) => l,
        r => panic!("{r:?}"),
    }
}

fn case_ids(r: &SearchResults) -> Vec<u64> {
    r.hits
        .iter()
        .filter_map(|h| match h.target {
            SearchTarget::Case { id, .. } => Some(id),
            _ => None,
        })
        .collect()
}

fn reopen(dir: &tempfile::TempDir, s: Service) -> Service {
    drop(s);
    Service::open(dir.path()).unwrap()
}

fn full_input() -> CaseInput {
    CaseInput {
        org: "BD.01".into(),
        kind: CaseKind::Denunciation,
        title: "Đơn tố cáo cán bộ phường".into(),
        summary: Some("Tố cáo việc cấp phép xây dựng nhà xưởng trái quy hoạch".into()),
        persons: vec![
            PersonInput {
                name: "Nguyễn Văn An".into(),
                leadership: true,
                ..Default::default()
            },
            PersonInput {
                name: "Trần Thị Bình".into(),
                probationary: true,
                org: Some("BD.01.01".into()),
                ..Default::default()
            },
        ],
        place: Some("phường Điện Biên".into()),
        source: Some("Đơn đề ngày 20/02/2024".into()),
        handler: Some("Ủy ban Kiểm tra Quận ủy Ba Đình".into()),
        opened: Some(d(2024, 3, 1)),
        due: Some(d(2024, 6, 1)),
    }
}

#[test]
fn full_details_come_back_after_a_restart_and_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let added = case(&mut s, Request::CaseAdd(Box::new(full_input())));
    let mut s = reopen(&dir, s);
    let shown = show(&mut s, added.case.id);
    assert_eq!(shown.case, added.case, "every field after a restart");
    assert_eq!((shown.org_code.as_str(), shown.overdue), ("BD.01", added.overdue));
    let updated = case(
        &mut s,
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: added.case.id,
            status: Some(CaseStatus::InProgress),
            at: Some(d(2024, 3, 10)),
            summary: Some("Nội dung đã bổ sung".into()),
            persons: Some(vec![PersonInput {
                name: "Lê Văn Cường".into(),
                ..Default::default()
            }]),
            ..Default::default()
        })),
    );
    let c: &Case = &updated.case;
    assert_eq!(c.history.len(), 2, "{:?}", c.history);
    assert_eq!(c.summary.as_deref(), Some("Nội dung đã bổ sung"));
    assert_eq!(c.persons.len(), 1);
    assert_eq!(c.place, added.case.place, "fields not given are kept");
    assert_eq!(show(&mut s, c.id).case, *c, "shown as updated");
    let mut s = reopen(&dir, s);
    assert_eq!(show(&mut s, c.id).case, *c, "and after a restart");
    // A second update starts from the stored case (its version and history).
    let again = case(
        &mut s,
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: c.id,
            status: Some(CaseStatus::Concluded),
            at: Some(d(2024, 4, 1)),
            base_version: Some(c.version),
            ..Default::default()
        })),
    );
    assert_eq!(again.case.history.len(), 3);
    assert_eq!(again.case.version, c.version + 1);
    assert_eq!(again.case.summary, c.summary);
    let e = s.call("tester", Request::CaseShow { id: 99 }).unwrap_err();
    assert_eq!(e.kind, thuky::service::ErrorKind::NotFound);
}

/// What `CaseList` answers, computed straight from the full cases.
fn expected(cases: &[CaseView], q: &CaseQuery, today: chrono::NaiveDate) -> CaseList {
    let mut m: Vec<&CaseView> = cases
        .iter()
        .filter(|v| {
            let c = &v.case;
            q.kind.is_none_or(|k| k == c.kind)
                && q.status.is_none_or(|s| s == c.status)
                && q.year.is_none_or(|y| y == c.opened.year())
                && q.org.as_deref().is_none_or(|o| o == v.org_code)
                && (!q.overdue || c.overdue(today))
        })
        .collect();
    m.sort_by(|a, b| b.case.opened.cmp(&a.case.opened).then(b.case.id.cmp(&a.case.id)));
    let mut counts = CaseCounts::default();
    for v in &m {
        match v.case.status {
            CaseStatus::Received => counts.received += 1,
            CaseStatus::InProgress => counts.in_progress += 1,
            CaseStatus::Concluded => counts.concluded += 1,
        }
        counts.overdue += v.case.overdue(today) as usize;
    }
    CaseList {
        total: m.len(),
        offset: q.offset,
        counts,
        today,
        rows: m
            .iter()
            .skip(q.offset)
            .take(q.limit.unwrap_or(100))
            .map(|v| CaseRow {
                id: v.case.id,
                kind: v.case.kind,
                org: v.case.org,
                org_code: v.org_code.clone(),
                org_name: v.org_name.clone(),
                title: v.case.title.clone(),
                opened: v.case.opened,
                due: v.case.due,
                status: v.case.status,
                overdue: v.case.overdue(today),
                discipline: v.case.discipline.as_ref().map(|d| d.form),
            })
            .collect(),
    }
}

fn queries(cases: &[CaseView]) -> Vec<CaseQuery> {
    let org = cases
        .iter()
        .map(|v| v.org_code.clone())
        .max_by_key(|code| cases.iter().filter(|v| v.org_code == *code).count());
    vec![
        CaseQuery::default(),
        CaseQuery {
            limit: Some(10_000),
            ..Default::default()
        },
        CaseQuery {
            offset: 37,
            limit: Some(25),
            ..Default::default()
        },
        CaseQuery {
            kind: Some(CaseKind::Discipline),
            ..Default::default()
        },
        CaseQuery {
            status: Some(CaseStatus::InProgress),
            limit: Some(10_000),
            ..Default::default()
        },
        CaseQuery {
            year: Some(2024),
            ..Default::default()
        },
        CaseQuery {
            overdue: true,
            limit: Some(10_000),
            ..Default::default()
        },
        CaseQuery { org, ..Default::default() },
    ]
}

fn all_cases(s: &mut Service) -> Vec<CaseView> {
    let all = list(
        s,
        CaseQuery {
            limit: Some(10_000),
            ..Default::default()
        },
    );
    assert!(all.total > 100 && all.rows.len() == all.total, "{}", all.total);
    all.rows.iter().map(|r| show(s, r.id)).collect()
}

#[test]
fn list_rows_and_counts_equal_a_computation_from_the_full_cases() {
    let (dir, s) = small_demo();
    let mut s = reopen(&dir, s);
    let mut cases = all_cases(&mut s);
    for q in queries(&cases) {
        let got = list(&mut s, q.clone());
        assert_eq!(got, expected(&cases, &q, got.today), "{q:?}");
    }
    // After an update, from memory and after a restart.
    let id = cases.iter().find(|v| v.case.status == CaseStatus::Received).unwrap().case.id;
    let v = case(
        &mut s,
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            status: Some(CaseStatus::Concluded),
            title: Some("Vụ việc đã kết luận".into()),
            ..Default::default()
        })),
    );
    *cases.iter_mut().find(|c| c.case.id == id).unwrap() = show(&mut s, v.case.id);
    for round in 0..2 {
        for q in queries(&cases) {
            let got = list(&mut s, q.clone());
            assert_eq!(got, expected(&cases, &q, got.today), "round {round}: {q:?}");
        }
        s = reopen(&dir, s);
    }
}

#[test]
fn one_violation_is_disciplined_once_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(case(&mut s, Request::CaseAdd(Box::new(full_input()))).case.id);
    }
    let discipline = |id, person: &str, violation: &str| {
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            discipline: Some(DisciplineInput {
                form: Some(Form::KhienTrach),
                subject: Some(Subject::Member),
                person: Some(person.into()),
                self_remedied: false,
                violation: Some(violation.into()),
            }),
            decided: Some(d(2024, 4, 1)),
            ..Default::default()
        }))
    };
    case(&mut s, discipline(ids[0], "Nguyễn Văn An", "Vi phạm số 1"));
    let mut s = reopen(&dir, s);
    let e = s
        .call("tester", discipline(ids[1], "nguyen van an", "VI PHAM SO 1"))
        .expect_err("the same violation of the same member");
    assert_eq!(e.field.as_deref(), Some("violation"));
    assert!(e.en.contains(&format!("#{}", ids[0])), "{}", e.en);
    // Another member's, or another violation, is fine.
    case(&mut s, discipline(ids[1], "Trần Thị Bình", "Vi phạm số 1"));
    case(&mut s, discipline(ids[2], "Nguyễn Văn An", "Vi phạm số 2"));
}

fn discipline_findings(s: &mut Service) -> Vec<(i32, Vec<Finding>)> {
    (2023..=2025)
        .map(|year| {
            let Response::Report(r) = s.call("t", Request::Report { year, under: None }).unwrap() else {
                panic!()
            };
            (year, r.report.findings.into_iter().filter(|f| f.rule == Rule::Discipline).collect())
        })
        .collect()
}

#[test]
fn discipline_findings_of_each_year_are_unchanged_by_a_restart() {
    let (dir, mut s) = small_demo();
    let before = discipline_findings(&mut s);
    assert!(before.iter().any(|(_, f)| !f.is_empty()), "the demo plants a few");
    let mut s = reopen(&dir, s);
    assert_eq!(discipline_findings(&mut s), before);
}

#[test]
fn search_finds_the_stored_texts_and_follows_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    let id = case(&mut s, Request::CaseAdd(Box::new(full_input()))).case.id;
    for round in 0..2 {
        assert_eq!(case_ids(&search(&mut s, "tran thi binh")), vec![id], "round {round}: a person");
        assert_eq!(case_ids(&search(&mut s, "nha xuong")), vec![id], "round {round}: the summary");
        s = reopen(&dir, s);
        s.warm_search();
    }
    case(
        &mut s,
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            summary: Some("Tố cáo việc san lấp ao hồ".into()),
            persons: Some(vec![PersonInput {
                name: "Lê Văn Cường".into(),
                ..Default::default()
            }]),
            ..Default::default()
        })),
    );
    for round in 0..2 {
        assert_eq!(case_ids(&search(&mut s, "san lap ao ho")), vec![id], "round {round}");
        assert_eq!(case_ids(&search(&mut s, "le van cuong")), vec![id], "round {round}");
        assert!(case_ids(&search(&mut s, "nha xuong")).is_empty(), "round {round}: the old summary");
        assert!(
            case_ids(&search(&mut s, "tran thi binh")).is_empty(),
            "round {round}: the old person"
        );
        s = reopen(&dir, s);
    }
}
