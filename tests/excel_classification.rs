//! `thuky export classification` and `thuky import classification`: the round
//! trip, the Excel realities, legacy encodings and bad input (issue 15, item 1).

mod common;
mod excel_support;

use common::{d, small_demo, small_register};
use excel_support::{fixture, write, SheetSpec, X::*};
use std::path::Path;
use thuky::domain::{Level, OrgKind, Tallies};
use thuky::io::read::LegacyMode;
use thuky::service::api::{ClassList, ImportReport, OrgAdd, Request, Response, Role};
use thuky::service::{ErrorKind, Service, ServiceError};

fn import(s: &mut Service, user: &str, path: &Path, year: i32, dry_run: bool) -> Result<ImportReport, ServiceError> {
    let (req, _) = thuky::io::classification::request(path, None, LegacyMode::Auto, year, None, dry_run)?;
    match s.call(user, Request::ClassificationImport(req))? {
        Response::Import(r) => Ok(*r),
        other => panic!("unexpected {other:?}"),
    }
}

/// Every audit entry, read as the data directory's owner.
fn audit_len(s: &mut Service) -> usize {
    let q = thuky::service::api::AuditQuery {
        limit: Some(100_000),
        ..Default::default()
    };
    match s.call("boss", Request::AuditList(q)).unwrap() {
        Response::AuditList(v) => v.len(),
        _ => unreachable!(),
    }
}

fn classes(s: &mut Service, year: i32) -> ClassList {
    match s.call("boss", Request::ClassificationList { year, under: None }).unwrap() {
        Response::ClassificationList(l) => l,
        _ => unreachable!(),
    }
}

fn report(s: &mut Service, year: i32) -> thuky::domain::report::Report {
    match s.call("tester", Request::Report { year, under: None }).unwrap() {
        Response::Report(r) => r.report,
        _ => unreachable!(),
    }
}

fn level_of(s: &mut Service, year: i32, code: &str) -> Option<Level> {
    classes(s, year)
        .rows
        .into_iter()
        .find(|r| r.code == code)
        .and_then(|r| r.class.map(|c| c.level))
}

fn small() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Service::open(dir.path()).unwrap();
    small_register(&mut s);
    (dir, s)
}

/// Clear every classification of `year` (a store as it was before the year's entry).
fn clear_year(s: &mut Service, year: i32) {
    for r in classes(s, year).rows {
        if r.class.is_some() {
            s.call(
                "tester",
                Request::ClassificationClear {
                    code: r.code,
                    year,
                    base_version: None,
                },
            )
            .unwrap();
        }
    }
}

fn round_trip(ext: &str, year: i32) {
    let (_a, mut a) = small_demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("xep-loai.{ext}"));
    let book = thuky::io::classification::export(&classes(&mut a, year), thuky::domain::Lang::Vi);
    match ext {
        "xlsx" => thuky::io::xlsx::save(&book, &file).unwrap(),
        _ => thuky::io::csv_out::save(&book, &file).unwrap(),
    }
    let (_b, mut b) = small_demo();
    clear_year(&mut b, year);
    assert_ne!(report(&mut a, year), report(&mut b, year));
    let before = audit_len(&mut b);
    let r = import(&mut b, "tester", &file, year, false).unwrap();
    assert!(r.seq.is_some() && !r.changes.is_empty(), "{r:?}");
    assert_eq!(audit_len(&mut b), before + 1, "one audit entry for the whole import");
    assert_eq!(report(&mut a, year), report(&mut b, year), "{ext} round trip of {year}");
    // Importing the same file again changes nothing.
    let again = import(&mut b, "tester", &file, year, false).unwrap();
    assert!(again.changes.is_empty() && again.seq.is_none());
}

#[test]
fn xlsx_round_trip_gives_equal_reports() {
    round_trip("xlsx", 2024);
    // (2025 is not used: the demo data plants tallies above a member count there,
    // which an entry, and so an import, refuses.)
    round_trip("xlsx", 2023);
}

#[test]
fn csv_round_trip_gives_equal_reports() {
    round_trip("csv", 2021);
}

#[test]
fn excel_realities_are_read() {
    let path = fixture("realities.xlsx", excel_support::realities);
    let (_d, mut s) = small();
    let r = import(&mut s, "tester", &path, 2024, false).unwrap();
    assert_eq!(r.changes.len(), 3, "{r:?}");
    let rows = classes(&mut s, 2024).rows;
    let get = |code: &str| rows.iter().find(|r| r.code == code).and_then(|r| r.class.clone()).unwrap();
    let bd01 = get("BD.01");
    assert_eq!(bd01.level, Level::Htt);
    assert_eq!(
        bd01.members,
        Some(Tallies {
            htxs: 11,
            htt: 38,
            ht: 5,
            kht: 1,
            not_rated: 0,
            not_rated_by: None
        })
    );
    assert_eq!(bd01.decided, Some(d(2025, 1, 10)), "a date cell");
    let c1 = get("BD.01.01");
    assert_eq!(c1.level, Level::Htxs);
    assert_eq!(
        c1.members,
        Some(Tallies {
            htxs: 5,
            htt: 18,
            ht: 2,
            kht: 0,
            not_rated: 0,
            not_rated_by: None
        }),
        "formula and text counts"
    );
    assert_eq!(c1.decided, Some(d(2025, 1, 10)), "a serial number");
    let c2 = get("BD.01.02");
    assert_eq!(c2.level, Level::Htt, "level typed as 2");
    assert_eq!(c2.decided, Some(d(2025, 1, 15)), "a date as text");
}

#[test]
fn tcvn3_and_vni_files_are_converted_and_matched_by_name() {
    let (_d, mut s) = small();
    let path = fixture("tcvn3.xlsx", excel_support::tcvn3);
    let (req, enc) = thuky::io::classification::request(&path, None, LegacyMode::Auto, 2024, None, false).unwrap();
    assert_eq!(enc, Some(thuky::io::legacy::Legacy::Tcvn3));
    assert_eq!(req.rows[0].name.as_deref(), Some("Chi bộ Khu dân cư số 1"));
    import(&mut s, "tester", &path, 2024, false).unwrap();
    assert_eq!(level_of(&mut s, 2024, "BD.01.01"), Some(Level::Htxs));
    assert_eq!(level_of(&mut s, 2024, "BD.01.02"), Some(Level::Ht));

    let path = fixture("vni.xlsx", excel_support::vni);
    let (_, enc) = thuky::io::classification::request(&path, None, LegacyMode::Auto, 2024, None, false).unwrap();
    assert_eq!(enc, Some(thuky::io::legacy::Legacy::Vni));
    import(&mut s, "tester", &path, 2024, false).unwrap();
    assert_eq!(level_of(&mut s, 2024, "BD.01.01"), Some(Level::Htt));
    assert_eq!(level_of(&mut s, 2024, "BD.01.02"), Some(Level::Kht));

    // With the conversion turned off the headers are not found.
    let e = thuky::io::classification::request(&path, None, LegacyMode::Off, 2024, None, false).unwrap_err();
    assert!(e.en.contains("no 'Code'"), "{}", e.en);
}

#[test]
fn dry_run_writes_nothing() {
    let path = fixture("realities.xlsx", excel_support::realities);
    let (_d, mut s) = small();
    let before = audit_len(&mut s);
    let r = import(&mut s, "tester", &path, 2024, true).unwrap();
    assert!(r.dry_run && r.seq.is_none());
    assert_eq!(r.changes.len(), 3);
    assert_eq!(r.changes[0].after.level, Level::Htt);
    assert_eq!(audit_len(&mut s), before);
    assert_eq!(level_of(&mut s, 2024, "BD.01"), None);
}

/// A sheet: header, then rows; written to a temporary file.
fn sheet(dir: &Path, name: &str, rows: Vec<Vec<excel_support::X>>) -> std::path::PathBuf {
    let path = dir.join(name);
    write(
        &path,
        &[SheetSpec {
            name: "Nhập",
            rows,
            merges: vec![],
        }],
    );
    path
}

fn refused(s: &mut Service, path: &Path, year: i32) -> ServiceError {
    let before = audit_len(s);
    let e = import(s, "tester", path, year, false).unwrap_err();
    assert_eq!(audit_len(s), before, "nothing written: {}", e.en);
    assert_eq!(level_of(s, year, "BD.01.01"), None, "nothing written: {}", e.en);
    e
}

#[test]
fn bad_input_is_refused_with_its_place_and_nothing_is_written() {
    let (_d, mut s) = small();
    let dir = tempfile::tempdir().unwrap();
    let head = || vec![S("Mã"), S("Xếp loại"), S("HTXS"), S("HTT"), S("HT"), S("KHT"), S("Không xếp loại")];

    // Not a spreadsheet.
    let p = dir.path().join("notes.xlsx");
    std::fs::write(&p, "hello").unwrap();
    let e = refused(&mut s, &p, 2024);
    assert!(e.en.contains("not a readable spreadsheet"), "{}", e.en);
    let p = dir.path().join("notes.pdf");
    std::fs::write(&p, "%PDF").unwrap();
    assert!(refused(&mut s, &p, 2024).en.contains("not a spreadsheet"));

    // Over the size limit.
    let p = dir.path().join("huge.xlsx");
    std::fs::File::create(&p)
        .unwrap()
        .set_len(thuky::io::read::MAX_FILE_BYTES + 1)
        .unwrap();
    assert!(refused(&mut s, &p, 2024).en.contains("over the limit"));

    // A missing column.
    let p = sheet(
        dir.path(),
        "nolevel.xlsx",
        vec![vec![S("Mã"), S("Tên")], vec![S("BD.01.01"), S("x")]],
    );
    assert!(refused(&mut s, &p, 2024).en.contains("no 'Level'"));
    let p = sheet(dir.path(), "nocode.xlsx", vec![vec![S("Xếp loại")], vec![S("HTT")]]);
    assert!(refused(&mut s, &p, 2024).en.contains("no 'Code'"));

    // An unknown code, after a good row: nothing at all is written.
    let p = sheet(
        dir.path(),
        "unknown.xlsx",
        vec![head(), vec![S("BD.01.01"), S("HTT")], vec![S("ZZ.9"), S("HTT")]],
    );
    let e = refused(&mut s, &p, 2024);
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(
        e.en.contains("sheet 'Nhập', row 3, column A (Mã)") && e.en.contains("ZZ.9"),
        "{}",
        e.en
    );

    // A level that does not parse.
    let p = sheet(dir.path(), "level.xlsx", vec![head(), vec![S("BD.01.01"), S("Tốt lắm")]]);
    let e = refused(&mut s, &p, 2024);
    assert!(e.en.contains("row 2, column B (Xếp loại) = 'Tốt lắm': not a level"), "{}", e.en);

    // Counts that do not parse.
    let p = sheet(dir.path(), "count.xlsx", vec![head(), vec![S("BD.01.01"), S("HTT"), S("12a")]]);
    let e = refused(&mut s, &p, 2024);
    assert!(e.en.contains("row 2, column C (HTXS) = '12a'"), "{}", e.en);
    let p = sheet(dir.path(), "neg.xlsx", vec![head(), vec![S("BD.01.01"), S("HTT"), N(-1.0)]]);
    assert!(refused(&mut s, &p, 2024).en.contains("not a whole number"));

    // Tallies beyond the member count: the entry rule, with the columns named.
    let p = sheet(
        dir.path(),
        "over.xlsx",
        vec![head(), vec![S("BD.01.01"), S("HTT"), N(20.0), N(20.0), N(0.0), N(0.0), N(0.0)]],
    );
    let e = refused(&mut s, &p, 2024);
    assert!(
        e.en.contains("sheet 'Nhập', row 2, column C (HTXS), D (HTT)") && e.en.contains("more than the 25 members"),
        "{}",
        e.en
    );

    // A score in a year without scores (an entry rule).
    let p = sheet(
        dir.path(),
        "score.xlsx",
        vec![vec![S("Mã"), S("Điểm")], vec![S("BD.01.01"), S("91,5")]],
    );
    assert!(refused(&mut s, &p, 2024).en.contains("column B (Điểm)"));

    // The same organisation twice.
    let p = sheet(
        dir.path(),
        "twice.xlsx",
        vec![head(), vec![S("BD.01.01"), S("HTT")], vec![S("bd.01.01 "), S("HT")]],
    );
    assert!(refused(&mut s, &p, 2024).en.contains("already on row 2"));

    // A year outside the register's range.
    let p = sheet(dir.path(), "ok.xlsx", vec![head(), vec![S("BD.01.01"), S("HTT")]]);
    assert!(import(&mut s, "tester", &p, 1990, false).is_err());
}

#[test]
fn score_from_text_with_decimal_comma_in_2025() {
    let (_d, mut s) = small();
    let dir = tempfile::tempdir().unwrap();
    let p = sheet(
        dir.path(),
        "score.xlsx",
        vec![vec![S("Mã"), S("Điểm")], vec![S("BD.01.01"), S("91,5")]],
    );
    import(&mut s, "tester", &p, 2025, false).unwrap();
    let c = classes(&mut s, 2025)
        .rows
        .into_iter()
        .find(|r| r.code == "BD.01.01")
        .unwrap()
        .class
        .unwrap();
    assert_eq!((c.level, c.score), (Level::Htxs, Some(91.5)));
}

#[test]
fn an_ambiguous_name_names_the_candidates() {
    let (_d, mut s) = small();
    let add = |s: &mut Service, parent: &str, kind, name: &str| {
        s.call(
            "tester",
            Request::OrgAdd(OrgAdd {
                parent: parent.into(),
                kind,
                name: name.into(),
                code: None,
                members: 10,
                at: d(2005, 1, 1),
                founding_ref: None,
                founding_date: None,
            }),
        )
        .unwrap();
    };
    add(&mut s, "BD", OrgKind::GrassrootsCommittee, "Đảng bộ Phường Kim Mã");
    add(&mut s, "BD.02", OrgKind::Cell, "Chi bộ Khu dân cư số 1");
    let dir = tempfile::tempdir().unwrap();
    let p = sheet(
        dir.path(),
        "names.xlsx",
        vec![vec![S("Ten to chuc"), S("Xep loai")], vec![S("chi bo khu dan cu so 1"), S("HTT")]],
    );
    let e = refused(&mut s, &p, 2024);
    assert!(
        e.en.contains("BD.01.01 (Đảng bộ Phường Điện Biên)") && e.en.contains("BD.02.01 (Đảng bộ Phường Kim Mã)"),
        "{}",
        e.en
    );
    // Within one committee's subtree the name is unique.
    let (req, _) = thuky::io::classification::request(&p, None, LegacyMode::Auto, 2024, Some("BD.02".into()), false).unwrap();
    s.call("tester", Request::ClassificationImport(req)).unwrap();
    assert_eq!(level_of(&mut s, 2024, "BD.02.01"), Some(Level::Htt));
}

#[test]
fn a_clerk_imports_only_within_the_scope() {
    let (dir, mut s) = small();
    s.set_access(thuky::service::users::Access {
        enforce: true,
        owner: Some("boss".into()),
    });
    s.call(
        "boss",
        Request::UserAdd {
            name: "lan".into(),
            role: Role::Clerk,
            scope: Some("BD.01.01".into()),
        },
    )
    .unwrap();
    s.call(
        "boss",
        Request::UserAdd {
            name: "xem".into(),
            role: Role::Viewer,
            scope: None,
        },
    )
    .unwrap();
    let head = || vec![S("Mã"), S("Xếp loại")];
    let p = sheet(
        dir.path(),
        "two.xlsx",
        vec![head(), vec![S("BD.01.01"), S("HTT")], vec![S("BD.01.02"), S("HT")]],
    );
    let before = audit_len(&mut s);
    let e = import(&mut s, "lan", &p, 2024, false).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.en.contains("row 3") && e.en.contains("outside the scope BD.01.01"), "{}", e.en);
    assert_eq!(audit_len(&mut s), before);
    assert_eq!(import(&mut s, "xem", &p, 2024, false).unwrap_err().kind, ErrorKind::Forbidden);
    let p = sheet(dir.path(), "one.xlsx", vec![head(), vec![S("BD.01.01"), S("HTT")]]);
    import(&mut s, "lan", &p, 2024, false).unwrap();
    assert_eq!(level_of(&mut s, 2024, "BD.01.01"), Some(Level::Htt));
}

#[test]
fn a_merged_region_beyond_the_cells_read_is_clamped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("merged.xlsx");
    write(
        &p,
        &[SheetSpec {
            name: "Nhập",
            rows: vec![vec![S("Mã"), S("Xếp loại")], vec![S("BD.01.01"), S("HTT")]],
            // Below and to the right of the data (formatting dragged down a template).
            merges: vec![(3, 0, 2_000, 300)],
        }],
    );
    let g = thuky::io::read::read(&p, None, LegacyMode::Auto).unwrap();
    assert!(g.rows.len() <= 2_001 && g.rows.iter().all(|r| r.len() <= thuky::io::read::MAX_COLS));
    let (_d, mut s) = small();
    import(&mut s, "tester", &p, 2024, false).unwrap();
    assert_eq!(level_of(&mut s, 2024, "BD.01.01"), Some(Level::Htt));
}

/// The members' tallies of every row of `year`, by code.
fn tallies_by_code(s: &mut Service, year: i32) -> Vec<(String, Option<Tallies>)> {
    classes(s, year)
        .rows
        .into_iter()
        .map(|r| (r.code, r.class.and_then(|c| c.members)))
        .collect()
}

#[test]
fn not_rated_by_reason_survives_the_round_trip() {
    use thuky::domain::NotRatedBy;
    let year = 2024;
    let (_a, mut a) = small_demo();
    // Give a few organisations their not-rated members by reason.
    let picked: Vec<(String, Tallies)> = classes(&mut a, year)
        .rows
        .into_iter()
        .filter_map(|r| Some((r.code, r.class?.members?)))
        .filter(|(_, t)| t.not_rated >= 3)
        .take(4)
        .collect();
    assert!(picked.len() >= 2, "the demo has tallies with members not rated");
    for (code, t) in &picked {
        let by = NotRatedBy {
            suspended: 1,
            recent: 2,
            exempt: t.not_rated - 3,
        };
        a.call(
            "tester",
            Request::ClassificationSet(thuky::service::api::ClassifyInput {
                code: code.clone(),
                year,
                level: None,
                score: None,
                members: Some(Tallies {
                    not_rated_by: Some(by),
                    ..*t
                }),
                decision: None,
                decided: None,
                note: None,
                keep_rest: true,
                base_version: None,
            }),
        )
        .unwrap();
    }
    let mine = tallies_by_code(&mut a, year);
    let with_reasons = mine.iter().filter(|(_, t)| t.is_some_and(|t| t.not_rated_by.is_some())).count();
    assert!(with_reasons >= picked.len());
    for ext in ["xlsx", "csv"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("xep-loai.{ext}"));
        let book = thuky::io::classification::export(&classes(&mut a, year), thuky::domain::Lang::Vi);
        match ext {
            "xlsx" => thuky::io::xlsx::save(&book, &file).unwrap(),
            _ => thuky::io::csv_out::save(&book, &file).unwrap(),
        }
        let (_b, mut b) = small_demo();
        clear_year(&mut b, year);
        import(&mut b, "tester", &file, year, false).unwrap();
        assert_eq!(tallies_by_code(&mut b, year), mine, "{ext}: the reasons came back");
        assert_eq!(report(&mut a, year), report(&mut b, year), "{ext}");
    }
}

#[test]
fn not_rated_reasons_are_found_by_their_headers() {
    use thuky::domain::NotRatedBy;
    let dir = tempfile::tempdir().unwrap();
    let want = Tallies {
        htxs: 5,
        htt: 10,
        ht: 5,
        kht: 1,
        not_rated: 4,
        not_rated_by: Some(NotRatedBy {
            suspended: 1,
            recent: 2,
            exempt: 1,
        }),
    };
    let heads: [[&'static str; 3]; 3] = [
        ["Đình chỉ sinh hoạt", "Kết nạp dưới 6 tháng", "Miễn công tác và sinh hoạt"],
        ["Dinh chi sinh hoat", "Ket nap duoi 6 thang", "Mien cong tac va sinh hoat"],
        ["Suspended", "Admitted < 6 months", "Exempted"],
    ];
    for (i, h) in heads.iter().enumerate() {
        let (_d, mut s) = small();
        let p = sheet(
            dir.path(),
            &format!("reasons{i}.xlsx"),
            vec![
                vec![
                    S("Mã"),
                    S("Xếp loại"),
                    S("HTXS"),
                    S("HTT"),
                    S("HT"),
                    S("KHT"),
                    S(h[0]),
                    S(h[1]),
                    S(h[2]),
                ],
                vec![S("BD.01.01"), S("HTT"), N(5.0), N(10.0), N(5.0), N(1.0), N(1.0), N(2.0), N(1.0)],
            ],
        );
        import(&mut s, "tester", &p, 2024, false).unwrap();
        let got = tallies_by_code(&mut s, 2024)
            .into_iter()
            .find(|(c, _)| c == "BD.01.01")
            .and_then(|(_, t)| t);
        assert_eq!(got, Some(want), "{h:?}");
    }
    // A not-rated count beside the reasons must be their sum.
    let (_d, mut s) = small();
    let p = sheet(
        dir.path(),
        "mismatch.xlsx",
        vec![
            vec![
                S("Mã"),
                S("Xếp loại"),
                S("Không xếp loại"),
                S("Đình chỉ sinh hoạt"),
                S("Kết nạp dưới 6 tháng"),
                S("Miễn công tác và sinh hoạt"),
            ],
            vec![S("BD.01.01"), S("HTT"), N(5.0), N(1.0), N(2.0), N(1.0)],
        ],
    );
    let e = refused(&mut s, &p, 2024);
    assert!(
        e.en.contains("row 2, column C (Không xếp loại) = '5'") && e.en.contains("by reason (4 ="),
        "{}",
        e.en
    );
}
