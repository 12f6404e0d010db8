//! Issue 13: the Chỉ tiêu views follow the scope (a clerk's own by default,
//! nothing outside it), the organisations behind each figure, and a write
//! that refreshes exactly the years it touched.

mod admissions_support;
mod common;
use admissions_support::*;
use common::*;
use thuky::domain::indicator_orgs::{OrgFigure, OrgList};
use thuky::domain::indicators::IndicatorView;
use thuky::domain::{Level, OrgKind};
use thuky::service::api::*;
use thuky::service::users::Access;
use thuky::service::{ErrorKind, Service};

fn indicators(s: &mut Service, user: &str, year: i32, under: Option<&str>) -> Result<IndicatorView, thuky::service::ServiceError> {
    s.call(
        user,
        Request::IndicatorList {
            year,
            under: under.map(Into::into),
        },
    )
    .map(|r| match r {
        Response::IndicatorList(v) => *v,
        other => panic!("{other:?}"),
    })
}

fn orgs(s: &mut Service, user: &str, year: i32, under: Option<&str>, figure: OrgFigure) -> Result<OrgList, thuky::service::ServiceError> {
    s.call(
        user,
        Request::IndicatorOrgs {
            year,
            under: under.map(Into::into),
            figure,
            limit: None,
        },
    )
    .map(|r| match r {
        Response::IndicatorOrgs(l) => *l,
        other => panic!("{other:?}"),
    })
}

fn trend(s: &mut Service, user: &str, under: Option<&str>) -> Vec<IndicatorView> {
    match s
        .call(
            user,
            Request::IndicatorTrend {
                from: 2024,
                to: 2025,
                under: under.map(Into::into),
            },
        )
        .unwrap()
    {
        Response::IndicatorTrend(t) => t,
        other => panic!("{other:?}"),
    }
}

fn classify(s: &mut Service, code: &str, year: i32, level: Level) {
    s.call(
        "t",
        Request::ClassificationSet(ClassifyInput {
            code: code.into(),
            year,
            level: Some(level),
            score: None,
            members: None,
            decision: None,
            decided: None,
            note: None,
            keep_rest: false,
            base_version: None,
        }),
    )
    .unwrap();
}

#[test]
fn a_clerk_reads_their_own_scope_and_nothing_outside_it() {
    let (_dir, mut s) = reorganised();
    s.set_access(Access {
        enforce: true,
        owner: Some("tester".into()),
    });
    s.call(
        "tester",
        Request::UserAdd {
            name: "lan".into(),
            role: Role::Clerk,
            scope: Some("TH".into()),
        },
    )
    .unwrap();
    // No scope named: the clerk's own; the administrator's is the city.
    assert_eq!(indicators(&mut s, "lan", 2025, None).unwrap().scope_code, "TH");
    assert_eq!(indicators(&mut s, "tester", 2025, None).unwrap().scope_code, "HN");
    // Within it: allowed; outside it (the city, another committee): refused by name.
    assert_eq!(indicators(&mut s, "lan", 2025, Some("TH.01")).unwrap().scope_code, "TH.01");
    for under in ["HN", "PBD"] {
        let e = indicators(&mut s, "lan", 2025, Some(under)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden, "{under}");
        assert!(e.en.contains(under) && e.en.contains("outside the scope TH"), "{}", e.en);
        let e = orgs(&mut s, "lan", 2025, Some(under), OrgFigure::Unrated).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden);
    }
    let e = s
        .call(
            "lan",
            Request::IndicatorTrend {
                from: 2024,
                to: 2025,
                under: Some("HN".into()),
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    // The trend and the lists default to the clerk's scope too.
    assert!(trend(&mut s, "lan", None).iter().all(|v| v.scope_code == "TH"));
    let unrated = orgs(&mut s, "lan", 2025, None, OrgFigure::Unrated).unwrap();
    assert_eq!(unrated.scope_code, "TH");
    assert_eq!(unrated.lines.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["TH.01"]);
}

#[test]
fn the_organisations_behind_each_figure() {
    let (_dir, mut s) = reorganised();
    add(&mut s, "TH", OrgKind::GrassrootsCell, "Chi bộ Thôn Tây", "TH.02", d(2000, 1, 1));
    classify(&mut s, "TH.01", 2025, Level::Ht);
    classify(&mut s, "TH.02", 2025, Level::Kht);
    classify(&mut s, "BD.01", 2025, Level::Htt);
    // BD.01: 2 in March (under BD) and 5 in September (under PBD).
    admit(&mut s, "BD.01", 2025, 3, 2).unwrap();
    admit(&mut s, "BD.01", 2025, 9, 5).unwrap();
    admit(&mut s, "TH.01", 2025, 4, 1).unwrap();
    let v = indicators(&mut s, "t", 2025, None).unwrap();
    // Below HTT: the KHT first.
    let below = orgs(&mut s, "t", 2025, None, OrgFigure::Organisations).unwrap();
    assert_eq!(below.lines.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(), ["TH.02", "TH.01"]);
    assert_eq!(below.total as u64, v.organisations.rated - v.organisations.good);
    // Unrated: the committees themselves (PBD, TH) and BD.01.01 if any.
    let unrated = orgs(&mut s, "t", 2025, None, OrgFigure::Unrated).unwrap();
    assert_eq!(unrated.total as u64, v.unrated_organisations);
    // Admissions within the ward: only September's 5; within the city: all 8, by organisation.
    let ward = orgs(&mut s, "t", 2025, Some("PBD"), OrgFigure::Admissions).unwrap();
    assert_eq!(ward.lines.len(), 1);
    assert_eq!(ward.lines[0].code, "BD.01");
    assert_eq!(ward.lines[0].admitted, 5);
    assert_eq!(ward.lines[0].months.unwrap()[2], 0);
    let city = orgs(&mut s, "t", 2025, None, OrgFigure::Admissions).unwrap();
    assert_eq!(city.lines.iter().map(|l| l.admitted).sum::<u64>(), 8);
    assert_eq!(v.admissions.total, 8);
    // The committees under the city with their organisations' share.
    let committees = orgs(&mut s, "t", 2025, None, OrgFigure::Committees).unwrap();
    let th = committees.lines.iter().find(|l| l.code == "TH").unwrap();
    assert_eq!((th.share.unwrap().share.part, th.share.unwrap().share.base), (0, 2));
    assert_eq!(th.share.unwrap().met, Some(false));
    // A limit keeps the count.
    let one = s
        .call(
            "t",
            Request::IndicatorOrgs {
                year: 2025,
                under: None,
                figure: OrgFigure::Organisations,
                limit: Some(1),
            },
        )
        .unwrap();
    let Response::IndicatorOrgs(one) = one else { panic!() };
    assert_eq!((one.lines.len(), one.total), (1, 2));
}

#[test]
fn a_write_refreshes_the_years_it_touched() {
    let (_dir, mut s) = reorganised();
    let before = trend(&mut s, "t", None);
    assert_eq!(before.len(), 2);
    // Admissions of 2025: the 2025 view follows, 2024 is unchanged.
    admit(&mut s, "TH.01", 2025, 2, 4).unwrap();
    let after = trend(&mut s, "t", None);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1].admissions.total, before[1].admissions.total + 4);
    // A classification of 2024: that year follows.
    classify(&mut s, "TH.01", 2024, Level::Htt);
    let after2 = trend(&mut s, "t", None);
    assert_eq!(after2[0].organisations.good, before[0].organisations.good + 1);
    assert_eq!(after2[1], after[1]);
    // A target of 2025.
    s.call(
        "t",
        Request::TargetSet(TargetInput {
            year: 2025,
            plan: Some(7),
            range: None,
            org: None,
            allocation: None,
        }),
    )
    .unwrap();
    assert_eq!(trend(&mut s, "t", None)[1].admissions.plan, Some(7));
    // The register: every year follows (a new organisation is unrated in both).
    add(&mut s, "TH", OrgKind::GrassrootsCell, "Chi bộ Thôn Nam", "TH.03", d(2000, 1, 1));
    let after3 = trend(&mut s, "t", None);
    assert_eq!(after3[0].unrated_organisations, after2[0].unrated_organisations + 1);
    assert_eq!(after3[1].unrated_organisations, after2[1].unrated_organisations + 1);
}
