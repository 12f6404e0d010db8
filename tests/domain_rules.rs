//! Rule checks per rulebook on hand-made cases taken from domain.md section 4.

mod common;
use common::rules::*;
use thuky::domain::rules::{Regulation, Rule, RuleSettings, Rulebook, Severity};
use thuky::domain::{year_end, Classification, IdMap, Lang, Level, OrgId};

/// The findings' (organisation, rule), leaving out the kind-against-members
/// warnings the small fixtures raise (tested on their own in tests/rules_items.rs).
fn rules_of(findings: &[thuky::domain::Finding]) -> Vec<(OrgId, Rule)> {
    findings
        .iter()
        .filter(|f| f.rule != Rule::KindMembers)
        .map(|f| (f.org, f.rule))
        .collect()
}

#[test]
fn rulebooks_follow_the_years() {
    let s = RuleSettings::default();
    assert!(Rulebook::for_year(2017, &s).is_none());
    assert_eq!(Rulebook::for_year(2018, &s).unwrap().regulation, Regulation::Qd132Hd16);
    assert_eq!(Rulebook::for_year(2022, &s).unwrap().regulation, Regulation::Qd132Hd21);
    assert_eq!(Rulebook::for_year(2023, &s).unwrap().regulation, Regulation::Qd124);
    assert_eq!(Rulebook::for_year(2025, &s).unwrap().regulation, Regulation::Qd366);
    assert!(Rulebook::for_year(2021, &s).unwrap().has(Rule::MembersCap));
    // QĐ 124, Điều 12 speaks of "tập thể, cá nhân": the members' cap goes on.
    assert!(Rulebook::for_year(2023, &s).unwrap().has(Rule::MembersCap));
    assert!(Rulebook::for_year(2025, &s).unwrap().has(Rule::MembersCap));
    assert!(Rulebook::for_year(2023, &s).unwrap().has(Rule::CollectivesCap));
    assert!(Rulebook::for_year(2025, &s).unwrap().has(Rule::CollectivesCap));
    let off = RuleSettings {
        collectives_cap_under_366: false,
        members_cap_under_366: false,
    };
    assert!(!Rulebook::for_year(2025, &off).unwrap().has(Rule::CollectivesCap));
    assert!(!Rulebook::for_year(2025, &off).unwrap().has(Rule::MembersCap));
    // Still in force for 2023 whatever the settings say.
    assert!(Rulebook::for_year(2023, &off).unwrap().has(Rule::MembersCap));
}

#[test]
fn tallies_must_add_up_to_members() {
    let (_, tr) = tree(2, 0);
    let mut c = IdMap::default();
    c.insert(3, class(3, 2021, Level::Ht, t(1, 10, 5, 0, 2)));
    let rb = Rulebook::for_year(2021, &RuleSettings::default()).unwrap();
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(3, Rule::TallySum)]);
    assert_eq!(f[0].message(Lang::En), "members' tallies add up to 18, member count is 20");
    c.insert(3, class(3, 2021, Level::Ht, t(2, 10, 6, 0, 2)));
    assert!(rb.check_nk(&tr, &c, None).is_empty());
}

#[test]
fn members_cap_under_hd21() {
    let (_, tr) = tree(3, 0);
    let mut c = IdMap::default();
    // 30 members: HTXS 5 > 20% of HTT 18.
    c.insert(3, class(3, 2021, Level::Ht, t(5, 18, 7, 0, 0)));
    let rb = Rulebook::for_year(2021, &RuleSettings::default()).unwrap();
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(3, Rule::MembersCap)]);
    assert_eq!(f[0].message(Lang::En), "members HTXS 5 > 20% of HTT 18 (at most 3)");
    assert_eq!(f[0].source(), "HD 21-HD/BTCTW");
    assert_eq!(f[0].severity, Severity::Error);
    // 3 of 18 is within the cap.
    c.insert(3, class(3, 2021, Level::Ht, t(3, 18, 9, 0, 0)));
    assert!(rb.check_nk(&tr, &c, None).is_empty());
    // Checked under QĐ 124 (2023) too, citing its article.
    let tr23 = tree(3, 0).0.tree_at(year_end(2023));
    c.insert(3, class(3, 2023, Level::Ht, t(5, 18, 7, 0, 0)));
    let f = Rulebook::for_year(2023, &RuleSettings::default())
        .unwrap()
        .check_nk(&tr23, &c, None);
    assert_eq!(rules_of(&f), vec![(3, Rule::MembersCap)]);
    assert_eq!(f[0].source(), "QĐ 124-QĐ/TW, Điều 12");
}

#[test]
fn subordinate_shares_under_hd21() {
    let (_, tr) = tree(5, 0);
    let rb = Rulebook::for_year(2021, &RuleSettings::default()).unwrap();
    let mut c = IdMap::default();
    c.insert(3, class(3, 2021, Level::Htxs, t(5, 45, 0, 0, 0)));
    // 4 of 5 cells HTT or better (80%), none KHT: HTXS stands.
    for (i, l) in [Level::Htt, Level::Htt, Level::Htt, Level::Htt, Level::Ht].iter().enumerate() {
        c.insert(10 + i as u32, class(10 + i as u32, 2021, *l, t(1, 9, 0, 0, 0)));
    }
    assert!(rb.check_nk(&tr, &c, None).is_empty(), "{:?}", rb.check_nk(&tr, &c, None));
    // One cell KHT: HTXS needs 100% at HT or better.
    c.insert(14, class(14, 2021, Level::Kht, t(1, 9, 0, 0, 0)));
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(3, Rule::SubordinateShares)]);
    // HTT needs at least 50% at HTT or better: 2 of 5 is not enough.
    c.insert(3, class(3, 2021, Level::Htt, t(5, 45, 0, 0, 0)));
    for i in 10..13 {
        c.insert(i, class(i, 2021, Level::Ht, t(1, 9, 0, 0, 0)));
    }
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(3, Rule::SubordinateShares)]);
    assert_eq!(
        f[0].message(Lang::En),
        "HTT needs 50% or more of subordinate organisations at HTT or better; 1/5 = 20.0% (of the 5 subordinate organisations rated)"
    );
    assert!(f[0].message(Lang::Vi).contains("1/5 = 20,0%"), "{}", f[0].message(Lang::Vi));
}

#[test]
fn cells_are_judged_on_their_members() {
    let (_, tr) = tree(1, 0);
    let rb = Rulebook::for_year(2020, &RuleSettings::default()).unwrap();
    let mut c = IdMap::default();
    // A cell rated HTXS with a member KHT.
    c.insert(10, class(10, 2020, Level::Htxs, t(1, 8, 0, 1, 0)));
    assert_eq!(rules_of(&rb.check_nk(&tr, &c, None)), vec![(10, Rule::SubordinateShares)]);
    c.insert(10, class(10, 2020, Level::Htxs, t(1, 8, 1, 0, 0)));
    assert!(rb.check_nk(&tr, &c, None).is_empty());
}

#[test]
fn collectives_cap_under_qd124_and_366() {
    let (reg, _) = tree(0, 12);
    let tr = reg.tree_at(year_end(2023));
    let mut c = IdMap::default();
    // 12 grassroots cells under the district: 3 HTXS, 9 HTT: 3 > 20% of 9.
    for i in 0..12u32 {
        let l = if i < 3 { Level::Htxs } else { Level::Htt };
        c.insert(100 + i, class(100 + i, 2023, l, t(1, 5, 4, 0, 0)));
    }
    let rb = Rulebook::for_year(2023, &RuleSettings::default()).unwrap();
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(2, Rule::CollectivesCap)]);
    assert_eq!(
        f[0].message(Lang::En),
        "group of the grassroots organisations below (grassroots committees and cells): HTXS 3 > 20% of HTT 9 (at most 1)"
    );
    assert_eq!(f[0].source(), "QĐ 124-QĐ/TW, Điều 12");
    // Under QĐ 366 the cap is a setting, on by default.
    let tr25 = reg.tree_at(year_end(2025));
    let c25: IdMap<_> = c
        .iter()
        .map(|(k, v)| {
            (
                *k,
                Classification {
                    year: 2025,
                    score: Some(if v.level == Level::Htxs { 92.0 } else { 80.0 }),
                    ..v.clone()
                },
            )
        })
        .collect();
    let f25 = Rulebook::for_year(2025, &RuleSettings::default())
        .unwrap()
        .check_nk(&tr25, &c25, None);
    assert_eq!(rules_of(&f25), vec![(2, Rule::CollectivesCap)]);
    // ... and its message says so.
    assert!(f25[0]
        .message(Lang::En)
        .ends_with("; applied by setting as QĐ 366 does not confirm it (thuky settings)"));
    assert!(f25[0].message(Lang::Vi).contains("áp dụng theo thiết lập"));
    assert!(!f[0].message(Lang::Vi).contains("thiết lập"));
    assert!(Rulebook::for_year(
        2025,
        &RuleSettings {
            collectives_cap_under_366: false,
            ..Default::default()
        }
    )
    .unwrap()
    .check_nk(&tr25, &c25, None)
    .is_empty());
    // Not a rule in 2021.
    assert!(
        !rules_of(&Rulebook::for_year(2021, &RuleSettings::default()).unwrap().check_nk(&tr, &c, None))
            .contains(&(2, Rule::CollectivesCap))
    );
}

#[test]
fn score_and_level_agree_under_qd366() {
    let (reg, _) = tree(0, 1);
    let tr = reg.tree_at(year_end(2025));
    let rb = Rulebook::for_year(2025, &RuleSettings::default()).unwrap();
    let mut c = IdMap::default();
    c.insert(100, scored(100, 2025, Level::Htxs, t(1, 5, 4, 0, 0), Some(85.0)));
    let f: Vec<_> = rb.check_nk(&tr, &c, None).into_iter().filter(|f| f.org == 100).collect();
    assert_eq!(rules_of(&f), vec![(100, Rule::ScoreLevel)]);
    assert_eq!(
        f[0].message(Lang::En),
        "score 85 is in the HTT band (70 to under 90); a level above the band cannot stand: rated HTXS"
    );
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].source(), "QĐ 366-QĐ/TW, Điều 11");
    c.insert(100, scored(100, 2025, Level::Htt, t(1, 5, 4, 0, 0), Some(85.0)));
    assert!(rb.check_nk(&tr, &c, None).is_empty());
    // 90+ but HTT: below the band, allowed (HTXS has further conditions), so a warning asking for the note.
    c.insert(100, scored(100, 2025, Level::Htt, t(1, 5, 4, 0, 0), Some(93.0)));
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(100, Rule::ScoreLevel)]);
    assert_eq!(f[0].severity, Severity::Warning);
    c.insert(100, class(100, 2025, Level::Htt, t(1, 5, 4, 0, 0)));
    let f = rb.check_nk(&tr, &c, None);
    assert_eq!(rules_of(&f), vec![(100, Rule::ScorePresent)]);
    assert_eq!(f[0].severity, Severity::Warning);
}
