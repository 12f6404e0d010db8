//! Every kind of bad input is refused with a message naming the field and the
//! value, with exit code 2 (usage) or 1 (refused), and nothing is written.

mod common;
use common::cli::*;
use common::*;

#[test]
fn unknown_codes() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["classify", "set", "XX.99", "2021", "HTT"],
        1,
        &["code = 'XX.99'", "no organisation has this code"],
    );
    refused(dir.path(), &["org", "move", "BD.01", "NOPE"], 1, &["parent = 'NOPE'"]);
    refused(dir.path(), &["admit", "set", "ZZ", "2021", "3", "4"], 1, &["code = 'ZZ'"]);
    refused(dir.path(), &["report", "2021", "--under", "QQ"], 1, &["under = 'QQ'"]);
    refused(
        dir.path(),
        &["target", "set", "2021", "--org", "QQ", "--plan", "5"],
        1,
        &["org = 'QQ'"],
    );
}

#[test]
fn years_before_2018() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2017", "HTT"],
        2,
        &["2017", "before 2018"],
    );
    refused(dir.path(), &["report", "2010"], 2, &["2010", "before 2018"]);
    refused(dir.path(), &["admit", "set", "BD.01", "1999", "1", "1"], 2, &["1999"]);
}

#[test]
fn levels_that_do_not_exist() {
    let dir = register_dir();
    refused(dir.path(), &["classify", "set", "BD.01", "2021", "5"], 2, &["'5' is not a level"]);
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "tot"],
        2,
        &["'tot' is not a level"],
    );
}

#[test]
fn levels_are_accepted_in_every_form() {
    let dir = register_dir();
    for (i, lv) in ["1", "HTT", "hoan thanh nhiem vu", "Không hoàn thành nhiệm vụ"].iter().enumerate() {
        let out = thuky(dir.path(), &["classify", "set", "BD.01", &(2019 + i as i32).to_string(), lv]);
        assert!(out.status.success(), "{lv}: {}", stderr(&out));
    }
    let out = thuky(dir.path(), &["--json", "report", "2022"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["organisations"]["kht"], 1);
}

#[test]
fn scores_out_of_range_or_before_2025() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2025", "-", "--score", "101"],
        2,
        &["--score", "'101' is outside 0-100"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2025", "-", "--score", "-3"],
        2,
        &["'-3'"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "HTT", "--score", "80"],
        1,
        &["score = '80'", "2021 has no scores"],
    );
    refused(dir.path(), &["classify", "set", "BD.01", "2025", "-"], 1, &["level", "a level"]);
    // A score alone gives the level.
    let out = thuky(dir.path(), &["classify", "set", "BD.01", "2025", "-", "--score", "91.5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&thuky(dir.path(), &["--json", "report", "2025"]))).unwrap();
    assert_eq!(v["organisations"]["htxs"], 1);
}

#[test]
fn counts_negative_or_too_big() {
    let dir = register_dir();
    refused(dir.path(), &["admit", "set", "BD.01", "2021", "3", "-4"], 2, &["-4"]);
    refused(
        dir.path(),
        &["admit", "set", "BD.01", "2021", "3", "99999999999"],
        2,
        &["99999999999"],
    );
    refused(dir.path(), &["admit", "set", "BD.01", "2021", "13", "4"], 2, &["13 is not a month"]);
    refused(
        dir.path(),
        &["admit", "set", "BD.01", "2021", "3", "2000000"],
        1,
        &["count = '2000000'", "too large"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "HTT", "--members", "1,2,-3,4,5"],
        2,
        &["'-3' is not a whole number"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "HTT", "--members", "1,2,3"],
        2,
        &["expected 5 numbers"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "HTT", "--members", "10,40,10,0,0"],
        1,
        &["members = '10,40,10,0,0'", "adds up to 60, more than the 55 members"],
    );
    refused(
        dir.path(),
        &["target", "set", "2021", "--range", "10000-9000"],
        2,
        &["low end is above the high end"],
    );
}

#[test]
fn dates_that_do_not_parse() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["org", "rename", "BD.01", "X", "--at", "31/02/2024"],
        2,
        &["--at", "'31/02/2024' is not a date"],
    );
    refused(dir.path(), &["org", "list", "--at", "yesterday"], 2, &["'yesterday' is not a date"]);
}

#[test]
fn moves_that_would_make_a_cycle() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["org", "move", "BD", "BD.01", "--at", "2020-01-01"],
        1,
        &["parent = 'BD.01'"],
    );
    // Kinds are checked too.
    refused(
        dir.path(),
        &["org", "move", "BD.01.01", "HN"],
        1,
        &["parent = 'HN'", "cannot stand under"],
    );
}

#[test]
fn changes_to_organisations_that_did_not_exist_then() {
    let dir = register_dir();
    refused(
        dir.path(),
        &["org", "rename", "BD.01", "Tên mới", "--at", "1999-12-31"],
        1,
        &["code = 'BD.01'", "did not exist on 31/12/1999", "founded 01/01/2000"],
    );
    assert!(thuky(dir.path(), &["org", "dissolve", "BD.01.02", "--at", "2020-06-30"])
        .status
        .success());
    refused(
        dir.path(),
        &["org", "rename", "BD.01.02", "X", "--at", "2021-01-01"],
        1,
        &["did not exist on 01/01/2021", "ended 30/06/2020"],
    );
    refused(
        dir.path(),
        &["classify", "set", "BD.01.02", "2021", "HTT"],
        1,
        &["was not in the 2021 tree"],
    );
    refused(
        dir.path(),
        &["admit", "set", "BD.01.02", "2020", "8", "1"],
        1,
        &["did not exist in 8/2020"],
    );
    // A change dated in the past before an existing later change is refused for endings.
    refused(dir.path(), &["org", "dissolve", "BD", "--at", "2010-01-01"], 1, &["still has"]);
}

#[test]
fn bad_usage_exits_2_and_help_exits_0() {
    let dir = register_dir();
    assert_eq!(thuky(dir.path(), &["frobnicate"]).status.code(), Some(2));
    assert_eq!(thuky(dir.path(), &["--help"]).status.code(), Some(0));
    refused(
        dir.path(),
        &["org", "add", "BD", "X", "--kind", "club"],
        2,
        &["'club' is not a kind"],
    );
    refused(
        dir.path(),
        &["org", "add", "BD", "   ", "--kind", "grassroots_cell"],
        1,
        &["name = '   '", "must not be empty"],
    );
    refused(
        dir.path(),
        &["org", "add", "BD", "X", "--kind", "grassroots_cell", "--code", "BD.01"],
        1,
        &["code = 'BD.01'", "already used"],
    );
    refused(
        dir.path(),
        &["org", "add", "BD", "X", "--kind", "grassroots_cell", "--code", "a b"],
        1,
        &["code = 'a b'"],
    );
}

#[test]
fn report_json_has_the_documented_shape() {
    let dir = register_dir();
    assert!(thuky(
        dir.path(),
        &["classify", "set", "BD.01", "2021", "HTXS", "--members", "5,20,25,0,5"]
    )
    .status
    .success());
    assert!(thuky(dir.path(), &["classify", "set", "BD.01.01", "2021", "2"]).status.success());
    assert!(thuky(dir.path(), &["admit", "set", "BD.01.01", "2021", "3", "7"]).status.success());
    assert!(thuky(dir.path(), &["target", "set", "2021", "--plan", "10"]).status.success());
    assert!(thuky(dir.path(), &["target", "set", "2021", "--org", "BD", "--plan", "8"])
        .status
        .success());
    let out = thuky(dir.path(), &["--json", "--lang", "en", "report", "2021"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["year"], 2021);
    assert_eq!(v["scope"], "HN");
    for k in ["organisations", "grassroots"] {
        for f in ["rated", "unrated", "htxs", "htt", "ht", "kht", "good_or_better_pct"] {
            assert!(v[k].get(f).is_some(), "{k}.{f}");
        }
    }
    assert_eq!(v["organisations"]["rated"], 2);
    assert_eq!(v["organisations"]["unrated"], 2);
    assert_eq!(v["organisations"]["good_or_better_pct"], 100.0);
    assert_eq!(v["members"]["htxs"], 5);
    assert_eq!(v["members"]["not_rated"], 5);
    assert_eq!(v["members"]["good_or_better_pct"], 50.0);
    assert_eq!(v["admissions"]["total"], 7);
    assert_eq!(v["admissions"]["by_month"].as_array().unwrap().len(), 12);
    assert_eq!(v["admissions"]["by_month"][2], 7);
    assert_eq!(v["admissions"]["plan"], 10);
    assert_eq!(v["admissions"]["range"], serde_json::json!([9000, 10000]));
    assert_eq!(v["admissions"]["pct_of_plan"], 70.0);
    let f = &v["findings"][0];
    assert_eq!(f["org"], "BD.01");
    assert_eq!(f["rule"], "members_cap");
    assert_eq!(f["regulation"], "HD 21-HD/BTCTW");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "members HTXS 5 > 20% of HTT 20 (at most 4)");
    let bd = v["admissions"]["by_committee"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "BD")
        .unwrap();
    assert_eq!(bd["allocation"], 8);
    assert_eq!(bd["total"], 7);
}

#[test]
fn settings_show_set_and_refuse_bad_values() {
    let dir = register_dir();
    let show = |lang: &str| {
        let out = thuky(dir.path(), &["--lang", lang, "settings"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert!(show("vi").contains("áp dụng cả theo QĐ 366: có"), "{}", show("vi"));
    refused(
        dir.path(),
        &["settings", "--collectives-cap-under-366", "maybe"],
        2,
        &["'maybe' is not on or off", "--collectives-cap-under-366"],
    );
    let before = log_len(dir.path());
    let out = thuky(dir.path(), &["--lang", "en", "settings", "--collectives-cap-under-366", "off"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("the collectives' 20% cap does not apply"), "{}", stdout(&out));
    assert_eq!(log_len(dir.path()), before + 1);
    assert!(
        show("en").contains("on collectives applied under QĐ 366 too: off"),
        "{}",
        show("en")
    );
    assert!(
        show("en").contains("on members of each grassroots organisation applied under QĐ 366 too: on"),
        "{}",
        show("en")
    );
    // The members' cap is a setting of its own.
    let out = thuky(dir.path(), &["--lang", "en", "settings", "--members-cap-under-366", "off"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("the members' 20% cap does not apply"), "{}", stdout(&out));
    let out = thuky(dir.path(), &["--json", "settings"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["collectives_cap_under_366"], serde_json::json!(false));
    assert_eq!(v["members_cap_under_366"], serde_json::json!(false));
    // Vietnamese words too.
    let out = thuky(dir.path(), &["settings", "--collectives-cap-under-366", "có"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(show("vi").contains("QĐ 366: có"));
}
