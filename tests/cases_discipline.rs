//! Discipline in concluded cases feeds the classification checks of its
//! year, in a QĐ 124 year (2024) and a QĐ 366 year (2025): each finding
//! names the case (its id in the JSON) and the article, and changing the
//! case's discipline to "none" removes it.

mod common;
use common::*;
use thuky::domain::case::{CaseKind, CaseStatus, Form, PersonInput, Subject};
use thuky::domain::discipline::DisciplineDetail;
use thuky::domain::rules::{Detail, Finding, Rule};
use thuky::domain::{Level, Tallies};
use thuky::service::api::*;
use thuky::service::Service;

fn setup() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, s)
}

/// BD.01 (55 members: cells BD.01.01 with 25, BD.01.02 with 30) rated `level` in `year`.
fn classify(s: &mut Service, year: i32, code: &str, level: Level, members: Option<Tallies>) {
    s.call(
        "tester",
        Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year,
            level: Some(level),
            score: (year >= 2025).then_some(match level {
                Level::Htxs => 95.0,
                Level::Htt => 80.0,
                Level::Ht => 60.0,
                Level::Kht => 40.0,
            }),
            members,
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

fn tallies(kht: u32) -> Tallies {
    Tallies {
        htxs: 5,
        htt: 40,
        ht: 10 - kht,
        kht,
        not_rated: 0,
        ..Default::default()
    }
}

/// A concluded case on `org` whose discipline took effect in `year`; returns its id.
fn disciplined(s: &mut Service, year: i32, org: &str, subject: Subject, person: Option<PersonInput>, self_remedied: bool) -> u64 {
    let Response::Case(v) = s
        .call(
            "tester",
            Request::CaseAdd(Box::new(CaseInput {
                org: org.into(),
                kind: CaseKind::Discipline,
                title: "Xem xét thi hành kỷ luật".into(),
                summary: None,
                persons: person.iter().cloned().collect(),
                place: None,
                source: None,
                handler: None,
                opened: Some(d(year, 2, 1)),
                due: Some(d(year, 5, 1)),
            })),
        )
        .unwrap()
    else {
        panic!()
    };
    let id = v.case.id;
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            status: Some(CaseStatus::Concluded),
            at: Some(d(year, 4, 1)),
            decided: Some(d(year, 4, 1)),
            discipline: Some(DisciplineInput {
                form: Some(Form::CanhCao),
                subject: Some(subject),
                person: person.map(|p| p.name),
                self_remedied,
                violation: None,
            }),
            ..Default::default()
        })),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    id
}

fn set_none(s: &mut Service, id: u64) {
    s.call(
        "tester",
        Request::CaseUpdate(Box::new(CaseUpdate {
            id,
            discipline: Some(DisciplineInput::default()),
            ..Default::default()
        })),
    )
    .unwrap();
}

fn findings(s: &mut Service, year: i32) -> Vec<Finding> {
    let Response::ClassificationList(c) = s
        .call(
            "tester",
            Request::ClassificationList {
                year,
                under: Some("BD".into()),
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let from_list: Vec<Finding> = c.findings.into_iter().filter(|f| f.rule == Rule::Discipline).collect();
    // The report carries the same findings.
    let Response::Report(r) = s
        .call(
            "tester",
            Request::Report {
                year,
                under: Some("BD".into()),
            },
        )
        .unwrap()
    else {
        panic!()
    };
    let from_report: Vec<&Finding> = r.report.findings.iter().filter(|f| f.rule == Rule::Discipline).collect();
    assert_eq!(from_report.len(), from_list.len(), "report and list agree");
    from_list
}

fn detail(f: &Finding) -> &DisciplineDetail {
    match &f.detail {
        Detail::Discipline(d) => d,
        other => panic!("{other:?}"),
    }
}

fn leader(name: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        probationary: false,
        leadership: true,
        org: None,
    }
}

fn member(name: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        ..Default::default()
    }
}

fn good_rating_with_leadership_member_disciplined(year: i32, article: &str) {
    let (_dir, mut s) = setup();
    classify(&mut s, year, "BD.01", Level::Htt, Some(tallies(1)));
    assert!(findings(&mut s, year).is_empty());
    let id = disciplined(&mut s, year, "BD.01", Subject::Member, Some(leader("Nguyễn Văn An")), false);
    let f = findings(&mut s, year);
    assert_eq!(f.len(), 1, "{f:?}");
    let d = detail(&f[0]);
    assert!(
        matches!(d, DisciplineDetail::GoodRatingDisciplined { level: Level::Htt, .. }),
        "{d:?}"
    );
    assert_eq!(d.cases(), &[id]);
    let json = serde_json::to_value(&f[0]).unwrap();
    assert_eq!(json["detail"]["cases"][0], id, "{json}");
    let msg = f[0].message(thuky::domain::Lang::En);
    assert!(msg.contains(&format!("#{id}")) && msg.contains(article), "{msg}");
    // The discipline of a case not concluded does not count; "none" removes the finding.
    set_none(&mut s, id);
    assert!(findings(&mut s, year).is_empty());
}

#[test]
fn qd124_htt_with_a_disciplined_leadership_member() {
    good_rating_with_leadership_member_disciplined(2024, "QĐ 124-QĐ/TW, Điều 12");
}

#[test]
fn qd366_htt_with_a_disciplined_leadership_member() {
    good_rating_with_leadership_member_disciplined(2025, "QĐ 366-QĐ/TW, Điều 11");
}

fn self_remedied_is_excused_for_htt_only(year: i32) {
    let (_dir, mut s) = setup();
    classify(&mut s, year, "BD.01", Level::Htt, Some(tallies(1)));
    disciplined(&mut s, year, "BD.01", Subject::Member, Some(leader("Nguyễn Văn An")), true);
    assert!(findings(&mut s, year).is_empty(), "HTT: self-detected and remedied is allowed");
    classify(&mut s, year, "BD.01", Level::Htxs, Some(tallies(1)));
    let f = findings(&mut s, year);
    assert_eq!(f.len(), 1, "HTXS: never; {f:?}");
}

#[test]
fn self_remedied_is_excused_for_htt_only_qd124() {
    self_remedied_is_excused_for_htt_only(2024);
}

#[test]
fn self_remedied_is_excused_for_htt_only_qd366() {
    self_remedied_is_excused_for_htt_only(2025);
}

fn should_be_kht(year: i32) {
    let (_dir, mut s) = setup();
    classify(&mut s, year, "BD.01", Level::Ht, None);
    // One of two cells disciplined: 50% > 20%.
    let cell = disciplined(&mut s, year, "BD.01.01", Subject::Organisation, None, false);
    let f = findings(&mut s, year);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        matches!(
            detail(&f[0]),
            DisciplineDetail::ShouldBeKht {
                leadership: false,
                disciplined: 1,
                subordinates: 2,
                ..
            }
        ),
        "{f:?}"
    );
    assert_eq!(detail(&f[0]).cases(), &[cell]);
    set_none(&mut s, cell);
    // Its leadership disciplined as a collective.
    let lead = disciplined(&mut s, year, "BD.01", Subject::Leadership, None, false);
    let f = findings(&mut s, year);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(matches!(detail(&f[0]), DisciplineDetail::ShouldBeKht { leadership: true, .. }));
    assert_eq!(detail(&f[0]).cases(), &[lead]);
    classify(&mut s, year, "BD.01", Level::Kht, None);
    assert!(findings(&mut s, year).is_empty(), "rated KHT: nothing to find");
}

#[test]
fn qd124_should_be_kht() {
    should_be_kht(2024);
}

#[test]
fn qd366_should_be_kht() {
    should_be_kht(2025);
}

fn members_kht_tally(year: i32) {
    let (_dir, mut s) = setup();
    classify(&mut s, year, "BD.01", Level::Ht, Some(tallies(0)));
    let a = disciplined(&mut s, year, "BD.01.01", Subject::Member, Some(member("Trần Thị Bình")), false);
    // The same member disciplined again in the year still counts once.
    let b = disciplined(&mut s, year, "BD.01.01", Subject::Member, Some(member("Tran Thi Binh")), false);
    let f = findings(&mut s, year);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(matches!(
        detail(&f[0]),
        DisciplineDetail::MembersKht {
            kht: 0,
            disciplined: 1,
            ..
        }
    ));
    assert_eq!(detail(&f[0]).cases(), &[a, b]);
    classify(&mut s, year, "BD.01", Level::Ht, Some(tallies(1)));
    assert!(findings(&mut s, year).is_empty());
    // A discipline in another year does not count in this one.
    classify(&mut s, year, "BD.01", Level::Ht, Some(tallies(0)));
    set_none(&mut s, a);
    set_none(&mut s, b);
    disciplined(&mut s, year - 1, "BD.01.01", Subject::Member, Some(member("Lê Văn Cường")), false);
    assert!(findings(&mut s, year).is_empty());
}

#[test]
fn qd124_members_kht_tally() {
    members_kht_tally(2024);
}

#[test]
fn qd366_members_kht_tally() {
    members_kht_tally(2025);
}

#[test]
fn no_discipline_checks_before_qd124() {
    let (_dir, mut s) = setup();
    classify(&mut s, 2022, "BD.01", Level::Htt, Some(tallies(0)));
    disciplined(&mut s, 2022, "BD.01", Subject::Member, Some(leader("Nguyễn Văn An")), false);
    assert!(findings(&mut s, 2022).is_empty());
}
