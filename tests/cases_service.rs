//! Cases through the service: every field, every status transition, the
//! filters and counts of the list, refusals naming the field with nothing
//! written, clerks' scopes, and a reopen.

mod common;
use common::*;
use thuky::domain::case::{CaseKind, CaseStatus, Form, PersonInput, Subject};
use thuky::service::api::*;
use thuky::service::{ErrorKind, Service, ServiceError};

fn setup() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, s)
}

fn input(org: &str, title: &str) -> CaseInput {
    CaseInput {
        org: org.into(),
        kind: CaseKind::Denunciation,
        title: title.into(),
        summary: None,
        persons: vec![],
        place: None,
        source: None,
        handler: None,
        opened: Some(d(2024, 3, 1)),
        due: Some(d(2024, 5, 1)),
    }
}

fn add(s: &mut Service, i: CaseInput) -> CaseView {
    match s.call("tester", Request::CaseAdd(Box::new(i))).unwrap() {
        Response::Case(v) => *v,
        r => panic!("{r:?}"),
    }
}

fn update(s: &mut Service, u: CaseUpdate) -> Result<CaseView, ServiceError> {
    s.call("tester", Request::CaseUpdate(Box::new(u))).map(|r| match r {
        Response::Case(v) => *v,
        r => panic!("{r:?}"),
    })
}

fn list(s: &mut Service, q: CaseQuery) -> CaseList {
    match s.call("tester", Request::CaseList(q)).unwrap() {
        Response::Cases(l) => l,
        r => panic!("{r:?}"),
    }
}

fn person(name: &str, probationary: bool, leadership: bool, org: Option<&str>) -> PersonInput {
    PersonInput {
        name: name.into(),
        probationary,
        leadership,
        org: org.map(Into::into),
    }
}

/// `f` is refused naming `field`, and neither the audit log nor the cases change.
fn refused(s: &mut Service, field: &str, req: Request) -> ServiceError {
    let audit = audit_len(s);
    let before = list(s, CaseQuery::default());
    let e = s.call("tester", req).expect_err("refused");
    assert_eq!(e.field.as_deref(), Some(field), "{e:?}");
    assert!(e.en.contains(field) && e.vi.contains(field), "{e:?}");
    assert_eq!(audit_len(s), audit, "nothing written");
    assert_eq!(list(s, CaseQuery::default()), before, "nothing changed");
    e
}

#[test]
fn a_case_keeps_every_field() {
    let (_dir, mut s) = setup();
    let mut i = input("BD.01", "Đơn tố cáo Chủ tịch phường Điện Biên");
    i.summary = Some("Tố cáo về việc cấp phép xây dựng sai quy định".into());
    i.persons = vec![
        person("Nguyễn Văn An", false, true, None),
        person("Trần Thị Bình", true, false, Some("BD.01.01")),
    ];
    i.place = Some("phường Điện Biên, quận Ba Đình".into());
    i.source = Some("Đơn đề ngày 20/02/2024".into());
    i.handler = Some("Ủy ban Kiểm tra Quận ủy Ba Đình".into());
    let v = add(&mut s, i);
    assert_eq!(v.case.id, 1);
    assert_eq!(v.org_code, "BD.01");
    assert_eq!(v.org_name, "Đảng bộ Phường Điện Biên");
    assert!(v.seq.is_some());
    let c = &v.case;
    assert_eq!(c.kind, CaseKind::Denunciation);
    assert_eq!(c.title, "Đơn tố cáo Chủ tịch phường Điện Biên");
    assert_eq!(c.summary.as_deref(), Some("Tố cáo về việc cấp phép xây dựng sai quy định"));
    assert_eq!(c.persons.len(), 2);
    assert!(c.persons[0].leadership && !c.persons[0].probationary && c.persons[0].org.is_none());
    assert!(c.persons[1].probationary && c.persons[1].org.is_some());
    assert_eq!(c.place.as_deref(), Some("phường Điện Biên, quận Ba Đình"));
    assert_eq!(c.source.as_deref(), Some("Đơn đề ngày 20/02/2024"));
    assert_eq!(c.handler.as_deref(), Some("Ủy ban Kiểm tra Quận ủy Ba Đình"));
    assert_eq!((c.opened, c.due), (d(2024, 3, 1), Some(d(2024, 5, 1))));
    assert_eq!(c.status, CaseStatus::Received);
    assert_eq!(c.history.len(), 1);
    assert!(v.overdue, "due in 2024 and not concluded");
    // Shown as added; the JSON has the id at the top.
    let Response::Case(shown) = s.call("tester", Request::CaseShow { id: 1 }).unwrap() else {
        panic!()
    };
    assert_eq!(shown.case, v.case);
    let json = serde_json::to_value(&shown).unwrap();
    assert_eq!(json["id"], 1);
    assert_eq!(json["kind"], "denunciation");
    // Every field can be changed.
    let u = update(
        &mut s,
        CaseUpdate {
            id: 1,
            title: Some("Đơn tố cáo (đã bổ sung)".into()),
            summary: Some("Nội dung mới".into()),
            place: Some("Ba Đình".into()),
            source: Some("Đơn bổ sung".into()),
            handler: Some("UBKT Thành ủy".into()),
            persons: Some(vec![person("Lê Văn Cường", false, false, None)]),
            due: Some(d(2024, 9, 1)),
            outcome: Some("Tố cáo đúng một phần".into()),
            decision: Some("12-QĐ/UBKT".into()),
            decided: Some(d(2024, 8, 1)),
            ..Default::default()
        },
    )
    .unwrap();
    let c = &u.case;
    assert_eq!(c.title, "Đơn tố cáo (đã bổ sung)");
    assert_eq!(c.summary.as_deref(), Some("Nội dung mới"));
    assert_eq!(c.place.as_deref(), Some("Ba Đình"));
    assert_eq!(c.source.as_deref(), Some("Đơn bổ sung"));
    assert_eq!(c.handler.as_deref(), Some("UBKT Thành ủy"));
    assert_eq!(c.persons[0].name, "Lê Văn Cường");
    assert_eq!(c.due, Some(d(2024, 9, 1)));
    assert_eq!(c.outcome.as_deref(), Some("Tố cáo đúng một phần"));
    assert_eq!(c.decision.as_deref(), Some("12-QĐ/UBKT"));
    assert_eq!(c.decided, Some(d(2024, 8, 1)));
    assert_eq!(c.version, 2);
    // An empty outcome clears it.
    let u = update(
        &mut s,
        CaseUpdate {
            id: 1,
            outcome: Some(String::new()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(u.case.outcome, None);
}

#[test]
fn status_moves_forward_with_its_history() {
    let (_dir, mut s) = setup();
    add(&mut s, input("BD.01", "Kiểm tra A"));
    let v = update(
        &mut s,
        CaseUpdate {
            id: 1,
            status: Some(CaseStatus::InProgress),
            at: Some(d(2024, 3, 5)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(v.case.status, CaseStatus::InProgress);
    let back = CaseUpdate {
        id: 1,
        status: Some(CaseStatus::Received),
        at: Some(d(2024, 3, 6)),
        ..Default::default()
    };
    refused(&mut s, "status", Request::CaseUpdate(Box::new(back)));
    let early = CaseUpdate {
        id: 1,
        status: Some(CaseStatus::Concluded),
        at: Some(d(2024, 3, 4)),
        ..Default::default()
    };
    refused(&mut s, "at", Request::CaseUpdate(Box::new(early)));
    let v = update(
        &mut s,
        CaseUpdate {
            id: 1,
            status: Some(CaseStatus::Concluded),
            at: Some(d(2024, 4, 20)),
            ..Default::default()
        },
    )
    .unwrap();
    let h: Vec<(CaseStatus, chrono::NaiveDate)> = v.case.history.iter().map(|h| (h.status, h.on)).collect();
    assert_eq!(
        h,
        vec![
            (CaseStatus::Received, d(2024, 3, 1)),
            (CaseStatus::InProgress, d(2024, 3, 5)),
            (CaseStatus::Concluded, d(2024, 4, 20)),
        ]
    );
    assert!(!v.overdue, "a concluded case is never overdue");
    assert!(v.case.history.iter().all(|h| h.by == "tester"));
    // Received → concluded directly is forward too.
    add(&mut s, input("BD.01", "Kiểm tra B"));
    let v = update(
        &mut s,
        CaseUpdate {
            id: 2,
            status: Some(CaseStatus::Concluded),
            at: Some(d(2024, 3, 2)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(v.case.history.len(), 2);
    // Nothing to change is refused, not recorded.
    refused(
        &mut s,
        "id",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 2,
            status: Some(CaseStatus::Concluded),
            ..Default::default()
        })),
    );
}

#[test]
fn bad_input_is_refused_naming_the_field() {
    let (_dir, mut s) = setup();
    add(&mut s, input("BD.01", "Có sẵn"));
    let mut i = input("BD.01", "X");
    i.due = Some(d(2024, 2, 1));
    refused(&mut s, "due", Request::CaseAdd(Box::new(i)));
    let e = refused(&mut s, "org", Request::CaseAdd(Box::new(input("NOPE", "X"))));
    assert_eq!(e.kind, ErrorKind::NotFound);
    refused(&mut s, "title", Request::CaseAdd(Box::new(input("BD.01", "   "))));
    let mut i = input("BD.01", "X");
    i.persons = vec![person("", false, false, None)];
    refused(&mut s, "persons", Request::CaseAdd(Box::new(i)));
    let mut i = input("BD.01", "X");
    i.persons = vec![person("An", false, false, Some("NOPE"))];
    refused(&mut s, "persons", Request::CaseAdd(Box::new(i)));
    let e = refused(
        &mut s,
        "id",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 99,
            outcome: Some("x".into()),
            ..Default::default()
        })),
    );
    assert_eq!(e.kind, ErrorKind::NotFound);
    // "giải tán" for a member; "cách chức" for a probationary member.
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 1,
            persons: Some(vec![
                person("Nguyễn Văn An", false, true, Some("BD")),
                person("Trần Thị Bình", true, false, None),
            ]),
            ..Default::default()
        })),
    )
    .unwrap();
    let disc = |form, subject, person: Option<&str>| {
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 1,
            decided: Some(d(2024, 4, 1)),
            discipline: Some(DisciplineInput {
                form: Some(form),
                subject: Some(subject),
                person: person.map(Into::into),
                ..Default::default()
            }),
            ..Default::default()
        }))
    };
    let e = refused(&mut s, "discipline", disc(Form::GiaiTan, Subject::Member, Some("Nguyen Van An")));
    assert!(e.en.contains("Điều 7"), "{}", e.en);
    refused(&mut s, "discipline", disc(Form::CachChuc, Subject::Member, Some("tran thi binh")));
    refused(&mut s, "discipline", disc(Form::KhaiTru, Subject::Organisation, None));
    refused(&mut s, "person", disc(Form::CanhCao, Subject::Member, Some("Người Lạ")));
    refused(&mut s, "person", disc(Form::CanhCao, Subject::Organisation, Some("Nguyễn Văn An")));
    // A person marked as the leadership of BD, in a case about BD.01's leadership.
    refused(&mut s, "persons", disc(Form::CanhCao, Subject::Leadership, None));
    // The same with the person's own organisation is accepted, and the name is the case's.
    let v = update(
        &mut s,
        CaseUpdate {
            id: 1,
            decided: Some(d(2024, 4, 1)),
            discipline: Some(DisciplineInput {
                form: Some(Form::CanhCao),
                subject: None,
                person: Some("TRAN THI BINH".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
    )
    .unwrap();
    let disc = v.case.discipline.unwrap();
    assert_eq!((disc.subject, disc.person.as_deref()), (Subject::Member, Some("Trần Thị Bình")));
    assert_eq!(disc.effective, d(2024, 4, 1));
}

#[test]
fn one_violation_is_disciplined_once() {
    let (_dir, mut s) = setup();
    for _ in 0..2 {
        let mut i = input("BD.01", "Kỷ luật");
        i.persons = vec![person("Nguyễn Văn An", false, false, None)];
        add(&mut s, i);
    }
    let disc = |id| {
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            decided: Some(d(2024, 4, 1)),
            discipline: Some(DisciplineInput {
                form: Some(Form::KhienTrach),
                person: Some("Nguyễn Văn An".into()),
                violation: Some("VP-2024-07".into()),
                ..Default::default()
            }),
            ..Default::default()
        }))
    };
    s.call("tester", disc(1)).unwrap();
    let e = refused(&mut s, "violation", disc(2));
    assert!(e.en.contains("#1"), "{}", e.en);
}

#[test]
fn list_filters_windows_and_counts() {
    let (_dir, mut s) = setup();
    let mut kinds = vec![];
    for (n, (org, kind, opened)) in [
        ("BD.01.01", CaseKind::Inspection, d(2023, 5, 1)),
        ("BD.01.02", CaseKind::Supervision, d(2024, 2, 1)),
        ("BD", CaseKind::HotSpot, d(2024, 6, 1)),
        ("HN", CaseKind::Complaint, d(2024, 7, 1)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut i = input(org, &format!("Vụ {n}"));
        i.kind = kind;
        i.opened = Some(opened);
        i.due = Some(opened + chrono::Days::new(30));
        add(&mut s, i);
        kinds.push(kind);
    }
    update(
        &mut s,
        CaseUpdate {
            id: 1,
            status: Some(CaseStatus::Concluded),
            at: Some(d(2023, 5, 20)),
            ..Default::default()
        },
    )
    .unwrap();
    update(
        &mut s,
        CaseUpdate {
            id: 2,
            status: Some(CaseStatus::InProgress),
            at: Some(d(2024, 2, 3)),
            ..Default::default()
        },
    )
    .unwrap();
    let all = list(&mut s, CaseQuery::default());
    assert_eq!(all.total, 4);
    assert_eq!(
        all.counts,
        CaseCounts {
            received: 2,
            in_progress: 1,
            concluded: 1,
            overdue: 3,
        }
    );
    let ids = |l: &CaseList| l.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&all), vec![4, 3, 2, 1], "newest first");
    let q = |f: fn(&mut CaseQuery)| {
        let mut q = CaseQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(ids(&list(&mut s, q(|q| q.kind = Some(CaseKind::HotSpot)))), vec![3]);
    assert_eq!(ids(&list(&mut s, q(|q| q.status = Some(CaseStatus::InProgress)))), vec![2]);
    assert_eq!(ids(&list(&mut s, q(|q| q.under = Some("BD.01".into())))), vec![2, 1]);
    assert_eq!(ids(&list(&mut s, q(|q| q.under = Some("BD".into())))), vec![3, 2, 1]);
    assert_eq!(ids(&list(&mut s, q(|q| q.org = Some("BD".into())))), vec![3]);
    assert_eq!(ids(&list(&mut s, q(|q| q.year = Some(2023)))), vec![1]);
    let overdue = list(&mut s, q(|q| q.overdue = true));
    assert_eq!(ids(&overdue), vec![4, 3, 2]);
    assert!(overdue.rows.iter().all(|r| r.overdue));
    assert_eq!(overdue.counts.overdue, 3);
    let page = list(
        &mut s,
        CaseQuery {
            offset: 1,
            limit: Some(2),
            ..Default::default()
        },
    );
    assert_eq!((page.total, ids(&page)), (4, vec![3, 2]));
    let e = s
        .call(
            "tester",
            Request::CaseList(CaseQuery {
                under: Some("NOPE".into()),
                ..Default::default()
            }),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("under"));
}

#[test]
fn clerks_write_cases_only_in_their_scope_and_cases_survive_a_reopen() {
    let (dir, mut s) = setup();
    s.call(
        "tester",
        Request::UserAdd {
            name: "lan".into(),
            role: Role::Clerk,
            scope: Some("BD.01".into()),
        },
    )
    .unwrap();
    s.call(
        "tester",
        Request::UserAdd {
            name: "boss".into(),
            role: Role::Admin,
            scope: None,
        },
    )
    .unwrap();
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: None,
    });
    s.call("lan", Request::CaseAdd(Box::new(input("BD.01.02", "Trong phạm vi"))))
        .unwrap();
    let e = s.call("lan", Request::CaseAdd(Box::new(input("BD", "Ngoài phạm vi")))).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    s.call("boss", Request::CaseAdd(Box::new(input("BD", "Của quận")))).unwrap();
    let e = s
        .call(
            "lan",
            Request::CaseUpdate(Box::new(CaseUpdate {
                id: 2,
                outcome: Some("x".into()),
                ..Default::default()
            })),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden, "{e:?}");
    s.call(
        "lan",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id: 1,
            outcome: Some("Đã xử lý".into()),
            ..Default::default()
        })),
    )
    .unwrap();
    // Reads are for everyone registered.
    s.call("lan", Request::CaseShow { id: 2 }).unwrap();
    drop(s);
    let mut s = Service::open(dir.path()).unwrap();
    let l = list(&mut s, CaseQuery::default());
    assert_eq!(l.total, 2);
    let Response::Case(v) = s.call("x", Request::CaseShow { id: 1 }).unwrap() else {
        panic!()
    };
    assert_eq!(v.case.outcome.as_deref(), Some("Đã xử lý"));
    // The audit log has each write.
    let Response::AuditList(entries) = s.call("x", Request::AuditList(Default::default())).unwrap() else {
        panic!()
    };
    assert_eq!(entries.iter().filter(|e| e.action.starts_with("case.")).count(), 3);
}

/// A list answer is kept (every clerk's register opens on the city's cases)
/// but never outlives a change: a new case, a case updated, a renamed
/// organisation are in the next answer to the same query.
#[test]
fn a_kept_list_follows_every_change() {
    let (_dir, mut s) = setup();
    let city = || CaseQuery {
        under: Some("HN".into()),
        ..Default::default()
    };
    add(&mut s, input("BD.01", "Đơn thứ nhất"));
    assert_eq!(list(&mut s, city()).total, 1);
    assert_eq!(list(&mut s, city()), list(&mut s, city()), "the same answer twice");
    let second = add(&mut s, input("BD.01", "Đơn thứ hai"));
    let l = list(&mut s, city());
    assert_eq!(l.total, 2, "a new case is listed");
    assert_eq!(l.counts.received, 2);
    update(
        &mut s,
        CaseUpdate {
            id: second.case.id,
            status: Some(CaseStatus::InProgress),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(list(&mut s, city()).counts.in_progress, 1, "an update is counted");
    s.call(
        "tester",
        Request::OrgRename {
            code: "BD.01".into(),
            name: "Đảng bộ phường Phúc Xá mới".into(),
            at: d(2024, 1, 1),
            decision: None,
            base_version: None,
        },
    )
    .unwrap();
    let l = list(&mut s, city());
    assert!(l.rows.iter().all(|r| r.org_name == "Đảng bộ phường Phúc Xá mới"), "{:?}", l.rows);
}
