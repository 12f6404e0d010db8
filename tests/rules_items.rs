//! Issue 12's rule items on hand-made data, for a year under each rulebook
//! where they apply (2021 HD 21, 2023 QĐ 124, 2025 QĐ 366), with the exact
//! boundaries (20%, 75%, 2022/2023, 2024/2025).

mod common;
use common::rules::*;
use thuky::domain::indicator::{meets_indicator, Indicator, Share};
use thuky::domain::report::{compute, rollup, YearData};
use thuky::domain::rules::{kind_members, CapGroup, Detail, Rule, RuleSettings, Rulebook, Severity};
use thuky::domain::tree::{Register, Tree};
use thuky::domain::{year_end, Classification, Finding, IdMap, Lang, Level, OrgKind};

fn check(year: i32, settings: &RuleSettings, tree: &Tree, c: &IdMap<Classification>) -> Vec<Finding> {
    Rulebook::for_year(year, settings).unwrap().check_nk(tree, c, None)
}

fn of(f: &[Finding], rule: Rule) -> Vec<&Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

// ---- item 5: exact indicator tests

#[test]
fn indicator_compares_exact_counts() {
    // 1,876 of 2,500 = 75.04%: shows 75.0% and meets "above 75%".
    let i = Indicator::of(1876, 2500);
    assert_eq!(i.pct(), Some(75.0));
    assert_eq!(i.met, Some(true));
    // Exactly 75% is not above 75%.
    assert_eq!(meets_indicator(Share::new(3, 4)), Some(false));
    assert_eq!(meets_indicator(Share::new(1875, 2500)), Some(false));
    assert_eq!(meets_indicator(Share::new(0, 0)), None);
}

fn report(reg: &Register, tree: &Tree, c: &IdMap<Classification>) -> thuky::domain::report::Report {
    let settings = RuleSettings::default();
    let admissions = IdMap::default();
    let data = YearData {
        year: 2021,
        register: reg,
        tree,
        classes: c,
        admissions: &admissions,
        target: None,
        settings: &settings,
        pace: None,
        credits: None,
    };
    compute(&data, 1)
}

/// The report's verdicts are on exact counts, and the footer is the same computation.
#[test]
fn report_and_footer_give_the_exact_verdict() {
    let reg = register(0, 0, 5);
    let tree = reg.tree_at(year_end(2021));
    let mut c = IdMap::default();
    // Five grassroots cells of 10 members, good 8+8+8+7+7 = 38 of 50 = 76%.
    for i in 0..5u32 {
        let good = if i < 3 { 8 } else { 7 };
        c.insert(100 + i, class(100 + i, 2021, Level::Htt, t(1, good - 1, 10 - good, 0, 0)));
    }
    let r = report(&reg, &tree, &c);
    assert_eq!(r.members.htxs + r.members.htt, 38);
    assert_eq!(r.members.indicator_met, Some(true), "38/50 = 76%");
    assert_eq!(r.organisations.indicator_met, Some(true), "5/5 rated HTT or better");
    let rules = Rulebook::for_year(2021, &RuleSettings::default()).unwrap().rules;
    let f = rollup(&tree, &c, 1, &rules);
    assert_eq!(f.members_indicator().met, r.members.indicator_met);
    assert_eq!(f.member_good_pct(), r.members.good_or_better_pct);
    // Members 28 of 40 rated (10 not rated) = 70%: not met.
    c.clear();
    for i in 0..4u32 {
        c.insert(100 + i, class(100 + i, 2021, Level::Htt, t(1, 6, 3, 0, 0)));
    }
    c.insert(104, class(104, 2021, Level::Ht, t(0, 0, 0, 0, 10)));
    let r = report(&reg, &tree, &c);
    assert_eq!((r.members.htxs + r.members.htt, r.members.ht), (28, 12));
    assert_eq!(r.members.good_or_better_pct, Some(70.0));
    assert_eq!(r.members.indicator_met, Some(false));
    // Organisations: 4 of 5 = 80% (met); exactly 3 of 4 = 75% is not above 75%.
    assert_eq!(r.organisations.indicator_met, Some(true));
    c.remove(&103);
    let r = report(&reg, &tree, &c);
    assert_eq!((r.organisations.htt, r.organisations.rated), (3, 4));
    assert_eq!(r.organisations.good_or_better_pct, Some(75.0));
    assert_eq!(r.organisations.indicator_met, Some(false), "exactly 75% is not above 75%");
}

// ---- item 1: QĐ 366 score bands

/// The score-and-level findings of 2025 (a lone HTXS breaks the collectives' cap too).
fn bands(s: &RuleSettings, tree: &Tree, c: &IdMap<Classification>) -> Vec<Finding> {
    check(2025, s, tree, c).into_iter().filter(|f| f.rule == Rule::ScoreLevel).collect()
}

#[test]
fn level_above_the_band_is_an_error_below_a_warning_asking_for_the_note() {
    let reg = register(0, 0, 1);
    let tree = reg.tree_at(year_end(2025));
    let s = RuleSettings::default();
    let mut c = IdMap::default();
    let mut a = class(100, 2025, Level::Ht, t(1, 5, 4, 0, 0));
    a.score = Some(80.0);
    c.insert(100, a.clone());
    // HT with 80 (HTT band): below the band, a warning asking for the note.
    let f = bands(&s, &tree, &c);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].rule, f[0].severity), (Rule::ScoreLevel, Severity::Warning));
    assert!(
        f[0].message(Lang::Vi).contains("ghi lý do vào ghi chú"),
        "{}",
        f[0].message(Lang::Vi)
    );
    assert_eq!(f[0].source(), "QĐ 366-QĐ/TW, Điều 11");
    // With the reason in the note, nothing is left to ask.
    a.note = Some("chưa hoàn thành 2 nhiệm vụ đúng hạn".into());
    c.insert(100, a.clone());
    assert!(bands(&s, &tree, &c).is_empty());
    // HTXS with 89.9: above the band, an error whatever the note.
    a.level = Level::Htxs;
    a.score = Some(89.9);
    c.insert(100, a.clone());
    let f = bands(&s, &tree, &c);
    assert_eq!((f[0].rule, f[0].severity), (Rule::ScoreLevel, Severity::Error));
    assert!(f[0].message(Lang::Vi).contains("89,9"), "{}", f[0].message(Lang::Vi));
    // Exactly 90 gives HTXS: no finding.
    a.score = Some(90.0);
    c.insert(100, a.clone());
    assert!(bands(&s, &tree, &c).is_empty());
    // Exactly 70 rated HT: below the band; 69.9 rated HTT: above it.
    a.note = None;
    a.level = Level::Ht;
    a.score = Some(70.0);
    c.insert(100, a.clone());
    assert_eq!(bands(&s, &tree, &c)[0].severity, Severity::Warning);
    a.level = Level::Htt;
    a.score = Some(69.9);
    c.insert(100, a.clone());
    assert_eq!(bands(&s, &tree, &c)[0].severity, Severity::Error);
}

// ---- item 2: HD 21 shares count only the rated; unrated subordinates warn

#[test]
fn unrated_subordinates_are_named_and_shares_say_their_base() {
    let reg = register(5, 10, 0);
    let tree = reg.tree_at(year_end(2021));
    let s = RuleSettings::default();
    let mut c = IdMap::default();
    c.insert(3, class(3, 2021, Level::Htxs, t(5, 45, 0, 0, 0)));
    // Only 3 of 5 cells rated, all HTT: "100% at HT or better" holds only for those.
    for i in 0..3 {
        c.insert(10 + i, class(10 + i, 2021, Level::Htt, None));
    }
    let f = check(2021, &s, &tree, &c);
    let w = of(&f, Rule::SubordinateShares);
    assert_eq!(w.len(), 1, "{f:?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        w[0].detail,
        Detail::SubordinatesUnrated {
            level: Level::Htxs,
            unrated: 2,
            total: 5
        }
    );
    assert!(
        w[0].message(Lang::Vi).contains("2/5 tổ chức trực thuộc chưa xếp loại"),
        "{}",
        w[0].message(Lang::Vi)
    );
    assert_eq!(w[0].source(), "HD 21-HD/BTCTW");
    // All rated, 4 of 5 HTT or better = exactly 80%: HTXS stands.
    c.insert(13, class(13, 2021, Level::Htt, None));
    c.insert(14, class(14, 2021, Level::Ht, None));
    assert!(of(&check(2021, &s, &tree, &c), Rule::SubordinateShares).is_empty());
    // 3 of 5 = 60% < 80%: an error naming its base, with no contradiction.
    c.insert(13, class(13, 2021, Level::Ht, None));
    let f = check(2021, &s, &tree, &c);
    let e = of(&f, Rule::SubordinateShares);
    assert_eq!(e[0].severity, Severity::Error);
    let m = e[0].message(Lang::Vi);
    assert!(m.contains("3/5 = 60,0% (trên 5 tổ chức trực thuộc đã xếp loại)"), "{m}");
    assert!(!m.contains("hoặc"), "{m}");
    // HTT needs exactly 50% or more: 1 of 2 rated is enough.
    let reg = register(2, 10, 0);
    let tree = reg.tree_at(year_end(2021));
    let mut c = IdMap::default();
    c.insert(3, class(3, 2021, Level::Htt, None));
    c.insert(10, class(10, 2021, Level::Htt, None));
    c.insert(11, class(11, 2021, Level::Ht, None));
    assert!(of(&check(2021, &s, &tree, &c), Rule::SubordinateShares).is_empty());
    // Not a rule under QĐ 124 (2023).
    let mut c23 = IdMap::default();
    c23.insert(3, class(3, 2023, Level::Htxs, None));
    c23.insert(10, class(10, 2023, Level::Kht, None));
    assert!(of(&check(2023, &s, &reg.tree_at(year_end(2023)), &c23), Rule::SubordinateShares).is_empty());
}

// ---- item 3: the members' cap after 2022

#[test]
fn members_cap_per_grassroots_organisation_under_each_rulebook() {
    let reg = register(0, 0, 1);
    // 25 members: the fixture's grassroots cell has 10; use tallies of 10.
    // Exactly 20%: HTXS 1 of HTT 5 is allowed; 2 of 9 is not.
    for year in [2021, 2022, 2023, 2024, 2025] {
        let tree = reg.tree_at(year_end(year));
        let s = RuleSettings::default();
        let mut c = IdMap::default();
        let mut a = class(100, year, Level::Ht, t(1, 5, 4, 0, 0));
        a.score = (year >= 2025).then_some(60.0);
        c.insert(100, a.clone());
        assert!(of(&check(year, &s, &tree, &c), Rule::MembersCap).is_empty(), "{year}: exactly 20%");
        a.members = t(2, 8, 0, 0, 0);
        c.insert(100, a.clone());
        let f = check(year, &s, &tree, &c);
        let m = of(&f, Rule::MembersCap);
        assert_eq!(m.len(), 1, "{year}: {f:?}");
        assert_eq!(m[0].severity, Severity::Error);
        let src = m[0].source();
        match year {
            2021 | 2022 => assert_eq!(src, "HD 21-HD/BTCTW"),
            2023 | 2024 => assert_eq!(src, "QĐ 124-QĐ/TW, Điều 12"),
            _ => {
                assert!(src.starts_with("QĐ 124-QĐ/TW, Điều 12"), "{src}");
                assert!(m[0].message(Lang::Vi).contains("áp dụng theo thiết lập"));
            }
        }
        // Under QĐ 366 it is a setting, and off means off.
        let off = RuleSettings {
            members_cap_under_366: false,
            ..Default::default()
        };
        assert_eq!(
            of(&check(year, &off, &tree, &c), Rule::MembersCap).is_empty(),
            year >= 2025,
            "{year}"
        );
    }
    // Not under HD 16 (2018).
    let tree = reg.tree_at(year_end(2018));
    let mut c = IdMap::default();
    c.insert(100, class(100, 2018, Level::Ht, t(2, 8, 0, 0, 0)));
    assert!(of(&check(2018, &RuleSettings::default(), &tree, &c), Rule::MembersCap).is_empty());
}

// ---- item 4: tallies at two levels

#[test]
fn tallies_entered_on_cells_roll_up_and_a_mismatch_is_a_finding() {
    let reg = register(3, 10, 0);
    for year in [2021, 2023, 2025] {
        let tree = reg.tree_at(year_end(year));
        let s = RuleSettings::default();
        let mut c = IdMap::default();
        let mut g = class(3, year, Level::Ht, None);
        g.score = (year >= 2025).then_some(60.0);
        c.insert(3, g.clone());
        for i in 0..3 {
            let mut cell = class(10 + i, year, Level::Ht, t(1, 6, 3, 0, 0));
            cell.score = (year >= 2025).then_some(60.0);
            c.insert(10 + i, cell);
        }
        // Only the cells have tallies: they count, and nothing is "missing".
        let f = check(year, &s, &tree, &c);
        assert!(of(&f, Rule::TalliesPresent).is_empty(), "{year}: {f:?}");
        let rules = Rulebook::for_year(year, &s).unwrap().rules;
        let r = rollup(&tree, &c, 1, &rules);
        assert_eq!((r.members.htxs, r.members.htt, r.members.ht), (3, 18, 9), "{year}");
        assert_eq!(r.without_tallies, 0);
        // The grassroots committee's own tallies agree: no finding; they count.
        g.members = t(3, 18, 9, 0, 0);
        c.insert(3, g.clone());
        assert!(of(&check(year, &s, &tree, &c), Rule::TallyLevels).is_empty());
        // They disagree: a finding, and the committee's own tallies count.
        g.members = t(2, 19, 9, 0, 0);
        c.insert(3, g.clone());
        let f = check(year, &s, &tree, &c);
        let m = of(&f, Rule::TallyLevels);
        assert_eq!(m.len(), 1, "{year}: {f:?}");
        assert!(m[0]
            .message(Lang::En)
            .contains("(2/19/9/0/0) differ from its cells' sum (3/18/9/0/0)"));
        let r = rollup(&tree, &c, 1, &rules);
        assert_eq!(r.members.htxs, 2);
        // One cell without tallies and none on the committee: a warning naming how many.
        g.members = None;
        c.insert(3, g.clone());
        c.get_mut(&12).unwrap().members = None;
        let f = check(year, &s, &tree, &c);
        let p = of(&f, Rule::TalliesPresent);
        assert_eq!(p[0].detail, Detail::TalliesPartial { missing: 1, cells: 3 });
    }
}

// ---- item 7: collectives' cap groups

#[test]
fn a_lone_grassroots_cell_counts_with_the_grassroots_committees() {
    // District 2: grassroots committee 3 and grassroots cells 100..104.
    let reg = register(0, 0, 5);
    for year in [2023, 2025] {
        let tree = reg.tree_at(year_end(year));
        let s = RuleSettings::default();
        let mut c = IdMap::default();
        let score = |l: Level| (year >= 2025).then_some(if l == Level::Htxs { 95.0 } else { 80.0 });
        // One HTXS grassroots cell, and the committee plus four cells HTT: 1 ≤ 20% of 5.
        for (id, l) in [
            (3, Level::Htt),
            (100, Level::Htxs),
            (101, Level::Htt),
            (102, Level::Htt),
            (103, Level::Htt),
            (104, Level::Htt),
        ] {
            let mut k = class(id, year, l, if id == 3 { None } else { t(1, 5, 4, 0, 0) });
            k.score = score(l);
            c.insert(id, k);
        }
        let f = check(year, &s, &tree, &c);
        assert!(of(&f, Rule::CollectivesCap).is_empty(), "{year}: exactly 20%: {f:?}");
        // A second HTXS: 2 > 20% of 4, in the group of the grassroots organisations.
        let k = c.get_mut(&101).unwrap();
        k.level = Level::Htxs;
        k.score = score(Level::Htxs);
        let f = check(year, &s, &tree, &c);
        let cap = of(&f, Rule::CollectivesCap);
        assert_eq!(cap.len(), 1, "{year}: {f:?}");
        assert_eq!(cap[0].org, 2);
        assert_eq!(
            cap[0].detail,
            Detail::CollectivesCap {
                group: CapGroup::Grassroots,
                htxs: 2,
                htt: 4
            }
        );
        assert!(cap[0].message(Lang::Vi).starts_with("nhóm các tổ chức cơ sở đảng trực thuộc"));
    }
    // Not a rule in 2022; in force from 2023.
    let tree = reg.tree_at(year_end(2022));
    let mut c = IdMap::default();
    c.insert(100, class(100, 2022, Level::Htxs, t(1, 5, 4, 0, 0)));
    assert!(of(&check(2022, &RuleSettings::default(), &tree, &c), Rule::CollectivesCap).is_empty());
    let tree = reg.tree_at(year_end(2023));
    c.insert(100, class(100, 2023, Level::Htxs, t(1, 5, 4, 0, 0)));
    assert_eq!(of(&check(2023, &RuleSettings::default(), &tree, &c), Rule::CollectivesCap).len(), 1);
}

// ---- item 9: messages cite article and clause; rule names for people

#[test]
fn every_finding_cites_its_regulation_and_has_a_name() {
    for rule in [
        Rule::TallySum,
        Rule::TalliesPresent,
        Rule::TallyLevels,
        Rule::MembersCap,
        Rule::SubordinateShares,
        Rule::CollectivesCap,
        Rule::ScoreLevel,
        Rule::ScorePresent,
        Rule::KindMembers,
        Rule::NotRatedRecent,
    ] {
        assert!(!rule.name(Lang::Vi).contains('_'), "{rule:?}");
        assert_ne!(rule.name(Lang::Vi), rule.name(Lang::En));
    }
    let f = Finding {
        org: 1,
        rule: Rule::CollectivesCap,
        regulation: thuky::domain::Regulation::Qd124,
        severity: Severity::Error,
        detail: Detail::CollectivesCap {
            group: CapGroup::Cells,
            htxs: 2,
            htt: 5,
        },
        by_setting: false,
    };
    assert_eq!(f.source(), "QĐ 124-QĐ/TW, Điều 12");
    assert_eq!(f.message(Lang::Vi), "nhóm các chi bộ trực thuộc: HTXS 2 > 20% của HTT 5 (tối đa 1)");
}

// ---- item 6: kind against full members (Điều lệ Đảng, Điều 21)

#[test]
fn kind_against_members() {
    assert!(kind_members(OrgKind::GrassrootsCell, 0, None).is_some());
    assert!(kind_members(OrgKind::GrassrootsCell, 2, None).is_some());
    assert!(kind_members(OrgKind::GrassrootsCell, 3, None).is_none());
    assert!(kind_members(OrgKind::GrassrootsCell, 29, None).is_none());
    assert!(kind_members(OrgKind::GrassrootsCell, 120, None).is_some());
    // 35 members of whom 29 full: still a chi bộ cơ sở.
    assert!(kind_members(OrgKind::GrassrootsCell, 35, Some(29)).is_none());
    assert!(kind_members(OrgKind::GrassrootsCommittee, 30, Some(30)).is_none());
    assert!(kind_members(OrgKind::GrassrootsCommittee, 40, Some(29)).is_some());
    assert!(kind_members(OrgKind::Cell, 1, None).is_none());
    let reg = register(0, 0, 1);
    let tree = reg.tree_at(year_end(2023));
    // Org 3, a grassroots committee with no members, is warned about without any classification.
    let f = Rulebook::for_year(2023, &RuleSettings::default())
        .unwrap()
        .check(&tree, &IdMap::default(), None);
    let k: Vec<_> = f.iter().filter(|f| f.rule == Rule::KindMembers).collect();
    assert_eq!(k.len(), 1, "{f:?}");
    assert_eq!((k[0].org, k[0].severity), (3, Severity::Warning));
    assert_eq!(k[0].source(), "Điều lệ Đảng, Điều 21");
}

/// The rules in force change exactly at 2022/2023 and 2024/2025.
#[test]
fn rulebooks_change_at_the_boundaries() {
    let s = RuleSettings::default();
    let has = |y: i32, r: Rule| Rulebook::for_year(y, &s).unwrap().has(r);
    assert!(has(2022, Rule::SubordinateShares) && !has(2023, Rule::SubordinateShares));
    assert!(!has(2022, Rule::CollectivesCap) && has(2023, Rule::CollectivesCap));
    assert!(has(2022, Rule::MembersCap) && has(2023, Rule::MembersCap));
    assert!(!has(2024, Rule::ScoreLevel) && has(2025, Rule::ScoreLevel));
    assert!(!has(2024, Rule::ScorePresent) && has(2025, Rule::ScorePresent));
    for y in [2018, 2021, 2023, 2025] {
        assert!(
            has(y, Rule::KindMembers) && has(y, Rule::TallyLevels) && has(y, Rule::NotRatedRecent),
            "{y}"
        );
    }
    // A score in 2024 is not judged; a level without one in 2025 is asked for.
    let reg = register(0, 0, 1);
    let mut c = IdMap::default();
    let mut a = class(100, 2024, Level::Htt, t(1, 5, 4, 0, 0));
    a.score = Some(50.0);
    c.insert(100, a.clone());
    assert!(of(&check(2024, &s, &reg.tree_at(year_end(2024)), &c), Rule::ScoreLevel).is_empty());
    a.year = 2025;
    a.score = None;
    c.insert(100, a);
    assert_eq!(of(&check(2025, &s, &reg.tree_at(year_end(2025)), &c), Rule::ScorePresent).len(), 1);
}
