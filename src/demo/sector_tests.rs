//! The sector organisations stay what they were when their names moved to
//! `data/sectors.txt`: every sector's templates for seed 1, pinned.

use super::names::NameBook;
use super::places::districts;
use super::rng::R;
use super::sectors::templates;
use rand::SeedableRng;
use std::fmt::Write;

const CODES: &[&str] = &[
    "KCQ", "KDN", "KDH", "CA", "QS", "TVT", "UDIC", "TDL", "TTM", "EVN", "TXD", "CT", "HQ", "BHXH", "KBNN", "VNPT", "BDHN", "NS", "TN",
    "MT", "XYZ",
];

/// Every sector's templates, a few then many more in the same scope (so the
/// second call meets names already taken, runs past its lists' ends and into
/// their fallbacks), one line each.
fn all_templates() -> String {
    let ds = districts();
    let mut rng = R::seed_from_u64(1);
    let mut book = NameBook::default();
    let mut out = String::new();
    for (scope, code) in CODES.iter().enumerate() {
        for n in [5, 150] {
            for t in templates(code, n, &ds, &mut book, scope as u64, &mut rng) {
                let _ = writeln!(
                    out,
                    "{code}\t{}\t{:?}\t{:?}\t{:?}\t{}",
                    t.body, t.flavor, t.size, t.committee, t.party_side
                );
            }
        }
    }
    out
}

/// FNV-1a, 64 bits: a digest that does not depend on the platform.
fn fnv(s: &str) -> u64 {
    s.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn sector_templates_for_seed_1_are_pinned() {
    let all = all_templates();
    let lines: Vec<&str> = all.lines().collect();
    // Taken from the generator as it stood with the lists in sectors.rs.
    assert_eq!(lines.len(), 3255);
    for want in [
        "KCQ\tVăn phòng Thành ủy\tOffice\t(25, 90)\tNone\ttrue",
        "KDH\tTrường Cao đẳng Chiếu sáng Hà Nội\tUniversity\t(30, 140)\tNone\tfalse",
        "CA\tPhòng Nghiệp vụ số 83\tPoliceDept\t(120, 480)\tNone\tfalse",
        "QS\tTiểu đoàn 27\tArmy\t(30, 70)\tNone\tfalse",
        "TVT\tCông ty Cổ phần Môi trường Vận tải Hà Nội số 2\tCompany\t(20, 160)\tNone\tfalse",
        "BHXH\tBảo hiểm xã hội huyện Hoài Đức\tOffice\t(10, 40)\tNone\tfalse",
        "VNPT\tTrung tâm Viễn thông 97\tCompany\t(20, 120)\tNone\tfalse",
        "XYZ\tĐơn vị số 102\tOffice\t(8, 40)\tNone\tfalse",
    ] {
        assert!(lines.contains(&want), "{want:?} not among the templates");
    }
    assert_eq!(fnv(&all), 0xd04f_0527_8f6f_dd03, "the sector templates changed");
}

#[test]
fn small_demo_for_seed_1_names_its_sector_organisations_as_before() {
    let ds = super::generate(super::Scale::Small, 1, chrono::Utc::now());
    let name = |code: &str| ds.orgs.iter().find(|o| o.code == code).map(|o| o.last_name().to_string());
    for (code, want) in [
        ("KCQ.01", "Chi bộ Văn phòng Thành ủy"),
        ("KCQ.04", "Đảng bộ Bệnh viện Đa khoa Xanh Pôn"),
        ("KCQ.05", "Đảng bộ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân Thành phố"),
        ("KDH.01", "Đảng bộ Trường Đại học Bách khoa Hà Nội"),
        ("KDH.03", "Chi bộ Trường Đại học Công nghiệp Dệt may Hà Nội"),
        ("KDH.06", "Đảng bộ Trường Đại học Thăng Long"),
    ] {
        assert_eq!(name(code).as_deref(), Some(want), "{code}");
    }
}
