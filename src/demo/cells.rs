//! Cells (and sub-committees) inside a grassroots committee.

use super::builder::{Builder, Flavor, Meta};
use super::names::{self, parent_scope};
use super::places::UnitKind;
use super::rng::{chance, date_in, real, shuffle, split, ymd, R};
use crate::domain::{OrgId, OrgKind};

/// What the cells of a committee may be named after.
pub struct CellCtx<'a> {
    /// The district's wards/communes (police posts, health stations).
    pub units: &'a [(UnitKind, String)],
}

/// One cell to create: its name body, a weight for its share of members and,
/// for residential cells, its number.
struct Plan {
    body: String,
    weight: f64,
    number: Option<u32>,
}

fn plan(body: impl Into<String>, weight: f64) -> Plan {
    Plan {
        body: body.into(),
        weight,
        number: None,
    }
}

/// `k` names from `pool` in random order, then "`fallback` N".
fn pooled(rng: &mut R, pool: &[&str], k: usize, fallback: &str) -> Vec<String> {
    let mut v: Vec<String> = pool.iter().map(|s| s.to_string()).collect();
    shuffle(rng, &mut v);
    v.truncate(k);
    let mut n = 1;
    while v.len() < k {
        v.push(format!("{fallback} {n}"));
        n += 1;
    }
    v
}

fn count(rng: &mut R, members: u32, avg: (f64, f64), lo: usize, hi: usize) -> usize {
    ((members as f64 / real(rng, avg.0, avg.1)).round() as usize).clamp(lo, hi)
}

/// Create the cells of grassroots committee `gr` holding `members` in all.
pub fn populate(b: &mut Builder, rng: &mut R, gr: OrgId, flavor: Flavor, members: u32, ctx: &CellCtx<'_>) {
    match flavor {
        Flavor::University if members >= 400 => with_subs(b, rng, gr, flavor, members),
        Flavor::PoliceDept if members >= 350 => with_subs(b, rng, gr, flavor, members),
        Flavor::Company if members >= 300 => with_subs(b, rng, gr, flavor, members),
        Flavor::Army if members >= 250 => with_subs(b, rng, gr, flavor, members),
        _ => {
            let body = b.meta(gr).body.clone();
            let plans = plans(rng, flavor, members, ctx, &body);
            let ids = create(b, rng, gr, plans, members);
            let last = ids.iter().filter_map(|(_, n)| *n).max();
            if let (Some(last), Some(res)) = (last, b.meta_mut(gr).residential.as_mut()) {
                res.1 = last;
            }
        }
    }
}

/// The cells of a committee without sub-committees.
fn plans(rng: &mut R, flavor: Flavor, members: u32, ctx: &CellCtx<'_>, body: &str) -> Vec<Plan> {
    let mut out = Vec::new();
    match flavor {
        Flavor::Unit(kind) => {
            let mut own = 0.0;
            out.push(plan("Cơ quan", real(rng, 8.0, 24.0)));
            if chance(rng, 0.55) {
                out.push(plan(format!("Quân sự {}", kind.lower()), real(rng, 4.0, 9.0)));
            }
            if kind != UnitKind::Ward {
                let place = body.strip_prefix(kind.word()).unwrap_or(body).trim();
                for (level, p) in [("Mầm non", 0.6), ("Tiểu học", 0.7), ("THCS", 0.7)] {
                    if chance(rng, p) {
                        out.push(plan(format!("Trường {level} {place}"), real(rng, 5.0, 15.0)));
                    }
                }
                if chance(rng, 0.3) {
                    out.push(plan("Trạm Y tế", real(rng, 3.0, 6.0)));
                }
            }
            for p in &out {
                own += p.weight;
            }
            let rest = (members as f64 - own).max(30.0);
            // Residential cells are large (retired members): about 17,500 chi bộ in 2023.
            let k = ((rest / real(rng, 36.0, 60.0)).round() as usize).clamp(3, 150);
            if kind == UnitKind::Commune {
                let mut villages: Vec<&str> = names::villages().to_vec();
                shuffle(rng, &mut villages);
                for i in 0..k {
                    let body = match villages.get(i) {
                        Some(v) => format!("Thôn {v}"),
                        None => format!("Xóm {}", i + 1 - villages.len()),
                    };
                    out.push(plan(body, real(rng, 0.5, 1.5) * rest / k as f64));
                }
            } else {
                for i in 0..k {
                    out.push(Plan {
                        body: String::new(),
                        weight: real(rng, 0.55, 1.45) * rest / k as f64,
                        number: Some(i as u32 + 1),
                    });
                }
            }
        }
        Flavor::Police => {
            for (kind, name) in ctx.units.iter() {
                out.push(plan(format!("Công an {} {name}", kind.lower()), real(rng, 6.0, 14.0)));
            }
            let k = count(rng, members, (14.0, 22.0), 4, names::police_cells().len());
            for body in pooled(rng, names::police_cells(), k, "Đội") {
                out.push(plan(body, real(rng, 8.0, 20.0)));
            }
        }
        Flavor::HealthCentre => {
            let k = count(rng, members, (7.0, 11.0), 3, 60);
            let mut stations: Vec<String> = ctx
                .units
                .iter()
                .map(|(kind, n)| format!("Trạm Y tế {} {n}", kind.lower()))
                .collect();
            shuffle(rng, &mut stations);
            let take = stations.len().min(k.saturating_sub(3));
            stations.truncate(take);
            for s in stations {
                out.push(plan(s, real(rng, 3.0, 7.0)));
            }
            for body in pooled(rng, names::health_cells(), k.saturating_sub(take).max(2), "Khoa") {
                out.push(plan(body, real(rng, 6.0, 14.0)));
            }
        }
        _ => {
            let (pool, avg, fallback): (&[&str], (f64, f64), &str) = match flavor {
                Flavor::PartyAgency => (names::party_agency_cells(), (6.0, 11.0), "Tổ công tác"),
                Flavor::Government => (names::gov_cells(), (9.0, 15.0), "Tổ công tác"),
                Flavor::Hospital => (names::hospital_cells(), (10.0, 18.0), "Khoa Lâm sàng"),
                Flavor::Company => (names::company_cells(), (7.0, 13.0), "Xí nghiệp số"),
                Flavor::Department => (names::dept_cells(), (8.0, 14.0), "Phòng Chuyên môn"),
                Flavor::University => (names::university_cells(), (9.0, 16.0), "Bộ môn"),
                Flavor::PoliceDept => (names::police_teams(), (12.0, 22.0), "Tổ công tác"),
                Flavor::Army => (names::army_cells(), (7.0, 14.0), "Trung đội"),
                Flavor::Tax => (names::tax_cells(), (7.0, 12.0), "Đội Thuế"),
                _ => (names::office_cells(), (6.0, 12.0), "Tổ công tác"),
            };
            let k = count(rng, members, avg, 3, 40);
            for body in pooled(rng, pool, k, fallback) {
                out.push(plan(body, real(rng, 0.6, 1.4)));
            }
        }
    }
    out
}

/// Create the planned cells under `parent`, sharing `members` by weight.
/// Returns the ids with their residential numbers.
fn create(b: &mut Builder, rng: &mut R, parent: OrgId, plans: Vec<Plan>, members: u32) -> Vec<(OrgId, Option<u32>)> {
    let weights: Vec<f64> = plans.iter().map(|p| p.weight).collect();
    let sizes = split(members, &weights, 3);
    let prefix = b.meta(parent).residential.as_ref().map(|r| r.0.clone());
    let parent_founded = b.org(parent).founded();
    let decision_issuer = super::tree::decider(b, parent);
    let mut out = Vec::new();
    for (p, size) in plans.into_iter().zip(sizes) {
        let body = match (p.number, &prefix) {
            (Some(n), Some(pre)) => format!("{pre} {n}"),
            (Some(n), None) => format!("Tổ dân phố số {n}"),
            _ => p.body,
        };
        let scope = parent_scope(parent);
        let body = if b.names.claim(scope, &body) {
            body
        } else {
            b.names.unique(scope, rng, |_| body.clone())
        };
        let founded = if chance(rng, 0.5) {
            parent_founded
        } else {
            date_in(rng, parent_founded, ymd(2018, 12, 31))
        };
        let dec = (b.decision(rng, decision_issuer), founded);
        let meta = Meta {
            flavor: Flavor::Office,
            scope,
            body: body.clone(),
            number: p.number,
            ..Default::default()
        };
        let id = b.add(
            OrgKind::Cell,
            &format!("Chi bộ {body}"),
            Some(parent),
            size,
            founded,
            dec,
            None,
            meta,
        );
        out.push((id, p.number));
    }
    out
}

/// A large committee: a few sub-committees with their cells, and cells directly under it.
fn with_subs(b: &mut Builder, rng: &mut R, gr: OrgId, flavor: Flavor, members: u32) {
    let s = ((members as f64 / real(rng, 180.0, 260.0)).round() as usize).clamp(2, 8);
    let (sub_names, cell_pool, direct_pool): (Vec<String>, &[&str], &[&str]) = match flavor {
        Flavor::University => (
            pooled(rng, names::faculties(), s, "Khoa"),
            names::subjects(),
            names::university_cells(),
        ),
        Flavor::PoliceDept => ((1..=s).map(|i| format!("Đội {i}")).collect(), &[], names::police_teams()),
        Flavor::Army => ((1..=s).map(|i| format!("Tiểu đoàn {i}")).collect(), &[], names::army_cells()),
        _ => ((1..=s).map(|i| format!("Xí nghiệp số {i}")).collect(), &[], names::company_cells()),
    };
    let share = real(rng, 0.55, 0.75);
    let in_subs = (members as f64 * share) as u32;
    let sub_sizes = split(in_subs, &vec![1.0; s].iter().map(|_| real(rng, 0.6, 1.4)).collect::<Vec<_>>(), 30);
    let founded = b.org(gr).founded();
    let issuer = super::tree::decider(b, gr);
    for (name, size) in sub_names.into_iter().zip(sub_sizes) {
        let scope = parent_scope(gr);
        let body = b.names.unique(scope, rng, |_| name.clone());
        let dec = (b.decision(rng, issuer), founded);
        let meta = Meta {
            flavor,
            scope,
            body: body.clone(),
            ..Default::default()
        };
        let sub = b.add(
            OrgKind::SubCommittee,
            &format!("Đảng bộ bộ phận {body}"),
            Some(gr),
            0,
            founded,
            dec,
            None,
            meta,
        );
        let k = count(rng, size, (12.0, 22.0), 2, 20);
        let cells: Vec<Plan> = match flavor {
            Flavor::University => pooled(rng, cell_pool, k, "Bộ môn số")
                .into_iter()
                .map(|n| plan(format!("Bộ môn {n}"), real(rng, 0.6, 1.4)))
                .collect(),
            Flavor::PoliceDept => (1..=k).map(|i| plan(format!("Tổ công tác số {i}"), real(rng, 0.6, 1.4))).collect(),
            Flavor::Army => (1..=k).map(|i| plan(format!("Đại đội {i}"), real(rng, 0.6, 1.4))).collect(),
            _ => (1..=k).map(|i| plan(format!("Phân xưởng số {i}"), real(rng, 0.6, 1.4))).collect(),
        };
        create(b, rng, sub, cells, size);
    }
    let rest = members.saturating_sub(in_subs).max(9);
    let k = count(rng, rest, (9.0, 16.0), 3, 30);
    let taken: Vec<String> = b.kids(gr).iter().map(|k| b.meta(*k).body.clone()).collect();
    let pool: Vec<&str> = direct_pool.iter().copied().filter(|p| !taken.iter().any(|t| t == p)).collect();
    let cells = pooled(rng, &pool, k, "Tổ công tác")
        .into_iter()
        .map(|n| plan(n, real(rng, 0.6, 1.4)))
        .collect();
    create(b, rng, gr, cells, rest);
}
