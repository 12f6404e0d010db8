//! The register as it stood in 2019: the city, its directly subordinate
//! committees and their grassroots organisations.

use super::builder::{Builder, Flavor, Meta};
use super::cells::{self, CellCtx};
use super::codes::initials;
use super::names::{self, group_scope};
use super::places::{self, District, UnitKind};
use super::rng::{chance, date_in, pick, range, real, split, ymd, R};
use super::sectors::{self, Fate, Template};
use super::spec::Spec;
use crate::domain::{OrgId, OrgKind};

/// Name-scope group of the city's government side (KCQ, KDN, corporations,
/// and from 2025 the committee of the city's People's Committee).
pub const GOV_GROUP: u32 = 100;

pub struct DistrictOrg {
    pub d: District,
    pub id: OrgId,
    pub units: Vec<(UnitKind, String)>,
}

pub struct SectorOrg {
    pub code: &'static str,
    pub fate: Fate,
    pub id: OrgId,
}

pub struct Layout {
    pub city: OrgId,
    pub districts: Vec<DistrictOrg>,
    pub sectors: Vec<SectorOrg>,
}

impl Layout {
    pub fn sector(&self, code: &str) -> Option<OrgId> {
        self.sectors.iter().find(|s| s.code == code).map(|s| s.id)
    }
}

/// Who decides about the children of `parent`: a sub-committee's cells are
/// decided by the grassroots committee above it.
pub fn decider(b: &Builder, parent: OrgId) -> OrgId {
    let org = b.org(parent);
    match (&org.kind, &org.events[0].change) {
        (OrgKind::SubCommittee, crate::domain::Change::Found { parent: Some(p), .. }) => *p,
        _ => parent,
    }
}

pub fn build(b: &mut Builder, spec: &Spec, rng: &mut R) -> Layout {
    let city = b.add(
        OrgKind::City,
        "Đảng bộ Thành phố Hà Nội",
        None,
        0,
        ymd(1930, 1, 1),
        ("1-QĐ/TW".into(), ymd(1930, 1, 1)),
        Some("HN"),
        Meta::default(),
    );
    let all = places::districts();
    let chosen: Vec<District> = match spec.districts {
        Some(list) => all.into_iter().filter(|d| list.contains(&d.place.as_str())).collect(),
        None => all,
    };
    // Committees first, so their ids and codes come right after the city.
    let mut districts = Vec::new();
    for d in &chosen {
        let founded = d.founded();
        let dec = (b.decision(rng, city), founded);
        let id = b.add(
            OrgKind::Superior,
            &d.committee,
            Some(city),
            0,
            founded,
            dec,
            Some(&initials(&d.place)),
            Meta::default(),
        );
        let mut units = places::units(d);
        if let Some(l) = spec.units_limit {
            units.truncate(l);
        }
        districts.push(DistrictOrg { d: d.clone(), id, units });
    }
    let mut sector_orgs = Vec::new();
    for (code, _) in spec.sectors {
        let s = sectors::sector(code);
        let founded = ymd(s.founded.0, s.founded.1, s.founded.2);
        let dec = (b.decision(rng, city), founded);
        let id = b.add(
            OrgKind::Superior,
            s.name,
            Some(city),
            0,
            founded,
            dec,
            Some(s.code),
            Meta::default(),
        );
        sector_orgs.push(SectorOrg {
            code: s.code,
            fate: s.fate,
            id,
        });
    }
    let members = district_members(&districts, spec, rng);
    for (i, dorg) in districts.iter().enumerate() {
        district(b, spec, rng, i, dorg, members[i]);
    }
    for (i, sorg) in sector_orgs.iter().enumerate() {
        let s = sectors::sector(sorg.code);
        let n = spec
            .sectors
            .iter()
            .find(|(c, _)| *c == s.code)
            .and_then(|(_, n)| *n)
            .unwrap_or(s.n * spec.mult) as usize;
        let scope = match s.fate {
            Fate::SplitsFeb2025 | Fate::IntoGovFeb2025 | Fate::MergesMar2025 => group_scope(GOV_GROUP),
            _ => group_scope(200 + i as u32),
        };
        let ds: Vec<District> = districts.iter().map(|d| d.d.clone()).collect();
        let temps = sectors::templates(s.code, n, &ds, &mut b.names, scope, rng);
        for t in temps {
            let members = scaled(range(rng, t.size.0, t.size.1), spec);
            grassroots(b, rng, sorg.id, &t, members, scope, None, &CellCtx { units: &[] });
        }
    }
    Layout {
        city,
        districts,
        sectors: sector_orgs,
    }
}

/// The fixed agencies of a district, in order of importance.
fn agencies(d: &District) -> Vec<Template> {
    let lower = d.lower();
    let mut v = vec![
        (
            format!("Cơ quan {} {}", d.committee_word(), d.place),
            Flavor::PartyAgency,
            (50, 110),
            Some(true),
        ),
        (format!("Công an {lower}"), Flavor::Police, (180, 420), Some(true)),
        (format!("Cơ quan Chính quyền {lower}"), Flavor::Government, (120, 260), Some(true)),
        (format!("Trung tâm Y tế {lower}"), Flavor::HealthCentre, (40, 120), Some(true)),
        (format!("Viện Kiểm sát nhân dân {lower}"), Flavor::Office, (8, 22), Some(false)),
        (format!("Tòa án nhân dân {lower}"), Flavor::Office, (7, 20), Some(false)),
        (format!("Chi cục Thi hành án dân sự {lower}"), Flavor::Office, (6, 16), Some(false)),
        (
            format!("Phòng Giao dịch Ngân hàng Chính sách xã hội {lower}"),
            Flavor::Office,
            (5, 14),
            Some(false),
        ),
        (
            format!("Ban Quản lý dự án đầu tư xây dựng {lower}"),
            Flavor::Office,
            (6, 18),
            Some(false),
        ),
        (
            format!("Trung tâm Văn hóa - Thông tin và Thể thao {lower}"),
            Flavor::Office,
            (5, 15),
            Some(false),
        ),
        (
            format!("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {lower}"),
            Flavor::Office,
            (5, 14),
            Some(false),
        ),
    ];
    if d.kind == "huyện" {
        v.push((format!("Hạt Quản lý đê {}", d.place), Flavor::Office, (4, 10), Some(false)));
    }
    v.into_iter()
        .map(|(body, flavor, size, committee)| Template {
            body,
            flavor,
            size,
            committee,
            party_side: false,
        })
        .collect()
}

/// One district's grassroots organisations and their cells.
/// Members of each district (before `mult`): drawn, then scaled so that
/// the districts add up to the spec's total (published figures kept).
fn district_members(districts: &[DistrictOrg], spec: &Spec, rng: &mut R) -> Vec<u32> {
    let fixed = |place: &str| match place {
        "Ba Đình" if spec.overrides => Some(17_200),
        "Sóc Sơn" if spec.overrides => Some(14_200),
        _ => None,
    };
    let raw: Vec<(u32, bool)> = districts
        .iter()
        .map(
            |d| match (fixed(&d.d.place), spec.overrides.then(|| size_of(&d.d.place)).flatten()) {
                (Some(m), _) => (m, true),
                // The district's own size, give or take 5%.
                (None, Some(m)) => (((m as f64) * real(rng, 0.95, 1.05)).round() as u32, false),
                (None, None) => (range(rng, spec.members.0, spec.members.1), false),
            },
        )
        .collect();
    let Some(total) = spec.district_total else {
        return raw.iter().map(|r| r.0).collect();
    };
    let kept: u32 = raw.iter().filter(|r| r.1).map(|r| r.0).sum();
    let drawn: u32 = raw.iter().filter(|r| !r.1).map(|r| r.0).sum();
    let f = total.saturating_sub(kept) as f64 / drawn.max(1) as f64;
    raw.iter()
        .map(|(m, keep)| {
            if *keep {
                *m
            } else {
                ((*m as f64 * f).round() as u32).clamp(8_000, 20_000)
            }
        })
        .collect()
}

/// Members of a district (Hanoi scale): its 2019 population times the
/// share of party members usual for its kind (old inner districts ~7.5%,
/// other urban districts ~5%, rural districts ~4.3%), within 8,000-20,000
/// (domain.md section 3). Estimates, not published figures.
fn size_of(place: &str) -> Option<u32> {
    Some(match place {
        "Hoàn Kiếm" => 10_100,
        "Đống Đa" => 16_800,
        "Hai Bà Trưng" => 16_500,
        "Tây Hồ" => 8_100,
        "Long Biên" => 16_100,
        "Cầu Giấy" => 14_700,
        "Hoàng Mai" => 16_500,
        "Thanh Xuân" => 14_700,
        "Nam Từ Liêm" => 13_200,
        "Bắc Từ Liêm" => 16_700,
        "Hà Đông" => 16_500,
        "Đông Anh" => 16_600,
        "Gia Lâm" => 12_600,
        "Thanh Trì" => 12_300,
        "Mê Linh" => 10_400,
        "Sơn Tây" => 8_200,
        "Ba Vì" => 12_200,
        "Phúc Thọ" => 8_300,
        "Đan Phượng" => 8_100,
        "Hoài Đức" => 11_900,
        "Quốc Oai" => 8_600,
        "Thạch Thất" => 9_000,
        "Chương Mỹ" => 12_000,
        "Thanh Oai" => 9_200,
        "Thường Tín" => 11_000,
        "Phú Xuyên" => 9_900,
        "Ứng Hòa" => 9_100,
        "Mỹ Đức" => 8_600,
        _ => return None,
    })
}

fn district(b: &mut Builder, spec: &Spec, rng: &mut R, index: usize, dorg: &DistrictOrg, members: u32) {
    let d = &dorg.d;
    let scope = group_scope(index as u32);
    let mut units = dorg.units.clone();
    for (dist, merged, target) in places::MERGES_2020 {
        if *dist == d.place && units.iter().any(|(_, n)| n == target) {
            units.push((UnitKind::Ward, merged.to_string()));
        }
    }
    let mut fixed = agencies(d);
    if let Some(l) = spec.agencies_limit {
        fixed.truncate(l);
    }
    let unit_names: Vec<&str> = units.iter().map(|(_, n)| n.as_str()).collect();
    let base_n = units.len() as u32 + fixed.len() as u32 + range(rng, spec.fill.0, spec.fill.1);
    let mut n = match spec.clamp {
        Some((lo, hi)) => base_n.clamp(lo, hi),
        None => base_n,
    };
    if spec.overrides {
        match d.place.as_str() {
            "Ba Đình" => n = 56,
            "Sóc Sơn" => n = 63,
            _ => {}
        }
    }
    n *= spec.mult;
    let members = members * spec.mult;

    let mut temps: Vec<Template> = Vec::new();
    for (kind, name) in &units {
        let body = format!("{} {name}", kind.word());
        b.names.claim(scope, &body);
        temps.push(Template {
            body,
            flavor: Flavor::Unit(*kind),
            size: (0, 0),
            committee: Some(true),
            party_side: false,
        });
    }
    for t in fixed {
        if b.names.claim(scope, &t.body) {
            temps.push(t);
        }
    }
    let huyen = d.kind == "huyện";
    while (temps.len() as u32) < n {
        let k = super::rng::weighted(rng, &[0.10, 0.25, 0.22, 0.15, 0.22, if huyen { 0.08 } else { 0.0 }]);
        let (flavor, size): (Flavor, (u32, u32)) = match k {
            0 => (Flavor::School, (12, 28)),
            1 => (Flavor::School, (8, 24)),
            2 => (Flavor::School, (6, 20)),
            3 => (Flavor::School, (4, 14)),
            4 if chance(rng, 0.3) => (Flavor::Company, (30, 140)),
            4 => (Flavor::Company, (5, 26)),
            _ => (Flavor::Company, (5, 18)),
        };
        let body = b.names.unique(scope, rng, |r| match k {
            0 => names::school(r, "THPT", &unit_names),
            1 => names::school(r, "THCS", &unit_names),
            2 => names::school(r, "Tiểu học", &unit_names),
            3 => names::school(r, "Mầm non", &unit_names),
            4 => names::company(r, Some(&d.place)),
            _ => format!("Hợp tác xã Nông nghiệp {}", pick(r, &unit_names)),
        });
        temps.push(Template::new(body, flavor, size));
    }

    // Sizes: everything but the wards/communes is drawn; they share the rest.
    let mut sizes: Vec<u32> = temps
        .iter()
        .map(|t| {
            if t.size.1 > 0 {
                scaled(range(rng, t.size.0, t.size.1), spec)
            } else {
                0
            }
        })
        .collect();
    let used: u32 = sizes.iter().sum();
    let unit_idx: Vec<usize> = temps
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.flavor, Flavor::Unit(_)))
        .map(|(i, _)| i)
        .collect();
    let weights: Vec<f64> = unit_idx.iter().map(|_| real(rng, 0.6, 1.5)).collect();
    let shares = split(members.saturating_sub(used), &weights, spec.unit_min);
    for (i, s) in unit_idx.iter().zip(shares) {
        sizes[*i] = s;
    }
    let ctx = CellCtx { units: &units };
    for (t, size) in temps.iter().zip(sizes) {
        grassroots(b, rng, dorg.id, t, size, scope, Some(index), &ctx);
    }
}

fn scaled(size: u32, spec: &Spec) -> u32 {
    ((size as f64 * spec.size_factor).round() as u32).max(3)
}

/// Create one grassroots organisation (and its cells if it is a committee).
#[allow(clippy::too_many_arguments)]
pub fn grassroots(
    b: &mut Builder,
    rng: &mut R,
    parent: OrgId,
    t: &Template,
    members: u32,
    scope: u64,
    district: Option<usize>,
    ctx: &CellCtx<'_>,
) -> OrgId {
    let committee = t.committee.unwrap_or(members >= 30);
    let (kind, prefix, members) = if committee {
        (OrgKind::GrassrootsCommittee, "Đảng bộ", members.max(40))
    } else {
        (OrgKind::GrassrootsCell, "Chi bộ", members.clamp(3, 29))
    };
    let pf = b.org(parent).founded();
    let founded = if chance(rng, 0.4) {
        pf.max(ymd(1975, 1, 1))
    } else {
        date_in(rng, pf.max(ymd(1975, 1, 1)), ymd(2018, 12, 31))
    };
    let dec = (b.decision(rng, parent), founded);
    let residential = match t.flavor {
        Flavor::Unit(UnitKind::Ward) if chance(rng, 0.7) => Some(("Tổ dân phố số".to_string(), 0)),
        Flavor::Unit(UnitKind::Ward) => Some(("Khu dân cư số".to_string(), 0)),
        Flavor::Unit(UnitKind::Town) => Some(("Tổ dân phố số".to_string(), 0)),
        _ => None,
    };
    let meta = Meta {
        flavor: t.flavor,
        scope,
        body: t.body.clone(),
        district,
        party_side: t.party_side,
        residential,
        number: None,
    };
    let own = if committee { 0 } else { members };
    let id = b.add(kind, &format!("{prefix} {}", t.body), Some(parent), own, founded, dec, None, meta);
    if committee {
        cells::populate(b, rng, id, t.flavor, members, ctx);
    }
    id
}
