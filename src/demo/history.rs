//! Changes from 2019 to 2024: ward mergers, renames, moves, new and dissolved
//! organisations; and the yearly drift of member counts (to 2026).

use super::builder::{Builder, Flavor};
use super::names::{group_scope, parent_scope};
use super::places::{UnitKind, MERGES_2020};
use super::rng::{chance, date_in, pick, range, round_random, shuffle, ymd, R};
use super::spec::Spec;
use super::tree::{Layout, GOV_GROUP};
use crate::domain::{Change, OrgId, OrgKind};
use chrono::{Days, NaiveDate};

pub fn apply(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    merges_2020(b, layout, rng);
    residential_renames(b, layout, rng);
    renames(b, spec, rng);
    moves(b, layout, spec, rng);
    new_orgs(b, layout, spec, rng);
    dissolutions(b, spec, rng);
}

fn prefix(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::GrassrootsCommittee => "Đảng bộ",
        OrgKind::SubCommittee => "Đảng bộ bộ phận",
        _ => "Chi bộ",
    }
}

fn grassroots(b: &Builder) -> Vec<OrgId> {
    b.ids().filter(|id| b.org(*id).kind.is_grassroots()).collect()
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d - Days::new(1)
}

/// Wards/towns with residential cells among the living children of a district.
fn residential_units(b: &Builder, district: OrgId, date: NaiveDate) -> Vec<OrgId> {
    b.living_children(district, date)
        .into_iter()
        .filter(|id| b.meta(*id).residential.is_some())
        .collect()
}

/// Move the residential cell `cell` to the ward `target` on `date`, taking
/// the target's next number.
fn move_residential(b: &mut Builder, cell: OrgId, target: OrgId, date: NaiveDate, decision: &str) {
    let (pre, last) = b.meta(target).residential.clone().expect("residential target");
    let n = last + 1;
    let body = format!("{pre} {n}");
    b.meta_mut(target).residential = Some((pre, n));
    b.names.claim(parent_scope(target), &body);
    b.push(
        cell,
        date,
        Change::Rename {
            name: format!("Chi bộ {body}"),
        },
        Some(decision.to_string()),
    );
    b.push(cell, date, Change::Move { parent: target }, Some(decision.to_string()));
    let m = b.meta_mut(cell);
    m.body = body;
    m.number = Some(n);
    m.scope = parent_scope(target);
}

/// Wards merged into a neighbour on 1/1/2020: their residential cells move
/// over (renumbered), their other cells merge into the neighbour's namesakes.
fn merges_2020(b: &mut Builder, layout: &Layout, rng: &mut R) {
    let date = ymd(2020, 1, 1);
    let before = day_before(date);
    for (dist, merged, target) in MERGES_2020 {
        let Some(dorg) = layout.districts.iter().find(|d| d.d.place == *dist) else {
            continue;
        };
        let kids = b.living_children(dorg.id, before);
        let find = |b: &Builder, name: &str| {
            kids.iter()
                .copied()
                .find(|k| b.meta(*k).body == format!("{} {name}", UnitKind::Ward.word()))
        };
        let (Some(from), Some(to)) = (find(b, merged), find(b, target)) else {
            continue;
        };
        let decision = b.decision(rng, dorg.id);
        for cell in b.living_children(from, before) {
            if b.meta(cell).number.is_some() && b.meta(to).residential.is_some() {
                move_residential(b, cell, to, date, &decision);
                continue;
            }
            let body = b.meta(cell).body.clone();
            let namesake = b.living_children(to, before).into_iter().find(|k| b.meta(*k).body == body);
            match namesake {
                Some(other) => {
                    let sum =
                        b.org(other).state_at(before).map_or(0, |s| s.members) + b.org(cell).state_at(before).map_or(0, |s| s.members);
                    b.push(
                        other,
                        date,
                        Change::SetMembers {
                            members: sum,
                            probationary: None,
                        },
                        Some(decision.clone()),
                    );
                    b.push(cell, date, Change::MergeInto { target: other }, Some(decision.clone()));
                }
                None => {
                    let scope = parent_scope(to);
                    let new_body = if b.names.claim(scope, &body) {
                        body.clone()
                    } else {
                        b.names.unique(scope, rng, |_| format!("{body} {merged}"))
                    };
                    if new_body != body {
                        b.push(
                            cell,
                            date,
                            Change::Rename {
                                name: format!("Chi bộ {new_body}"),
                            },
                            Some(decision.clone()),
                        );
                    }
                    b.push(cell, date, Change::Move { parent: to }, Some(decision.clone()));
                    b.meta_mut(cell).body = new_body;
                    b.meta_mut(cell).scope = scope;
                }
            }
        }
        b.push(from, date, Change::MergeInto { target: to }, Some(decision));
    }
}

/// A few wards rename their "Khu dân cư" cells to "Tổ dân phố" (1/6/2021).
fn residential_renames(b: &mut Builder, layout: &Layout, rng: &mut R) {
    let date = ymd(2021, 6, 1);
    let mut wards: Vec<(OrgId, OrgId)> = Vec::new();
    for d in &layout.districts {
        for u in residential_units(b, d.id, date) {
            if b.meta(u).residential.as_ref().is_some_and(|r| r.0.starts_with("Khu dân cư")) {
                wards.push((d.id, u));
            }
        }
    }
    shuffle(rng, &mut wards);
    wards.truncate((layout.districts.len() / 6).max(1));
    wards.sort();
    for (district, ward) in wards {
        let decision = b.decision(rng, district);
        let last = b.meta(ward).residential.as_ref().map_or(0, |r| r.1);
        b.meta_mut(ward).residential = Some(("Tổ dân phố số".into(), last));
        for cell in b.living_children(ward, date) {
            if let Some(n) = b.meta(cell).number {
                let body = format!("Tổ dân phố số {n}");
                b.names.claim(parent_scope(ward), &body);
                b.push(
                    cell,
                    date,
                    Change::Rename {
                        name: format!("Chi bộ {body}"),
                    },
                    Some(decision.clone()),
                );
                b.meta_mut(cell).body = body;
            }
        }
    }
}

/// The new name of a renamed organisation (equitised companies, colleges
/// raised to universities), if it has a natural one.
fn renamed(body: &str) -> Option<String> {
    if let Some(rest) = body.strip_prefix("Công ty TNHH MTV ") {
        return Some(format!("Công ty Cổ phần {rest}"));
    }
    if let Some(rest) = body.strip_prefix("Công ty TNHH ") {
        return Some(format!("Công ty Cổ phần {rest}"));
    }
    if let Some(rest) = body.strip_prefix("Công ty Cổ phần ") {
        if !rest.starts_with("Tập đoàn") && !rest.contains(" số ") {
            return Some(format!("Công ty Cổ phần Tập đoàn {rest}"));
        }
    }
    if let Some(rest) = body.strip_prefix("Trường Cao đẳng ") {
        return Some(format!("Trường Đại học {rest}"));
    }
    None
}

/// About 1% of grassroots organisations renamed on some date in 2019-2024.
fn renames(b: &mut Builder, spec: &Spec, rng: &mut R) {
    let mut cands: Vec<OrgId> = grassroots(b)
        .into_iter()
        .filter(|id| renamed(&b.meta(*id).body).is_some())
        .collect();
    let want = ((grassroots(b).len() as f64 * 0.01 * spec.churn).round() as usize).max(1);
    shuffle(rng, &mut cands);
    let mut done = 0;
    for id in cands {
        if done >= want {
            break;
        }
        let date = date_in(rng, ymd(2019, 3, 1), ymd(2024, 10, 31));
        let Some(parent) = b.org(id).state_at(date).and_then(|s| s.parent) else {
            continue;
        };
        let new_body = renamed(&b.meta(id).body).expect("candidate");
        let scope = b.meta(id).scope;
        if !b.names.claim(scope, &new_body) {
            continue;
        }
        let decision = b.decision(rng, parent);
        let kind = b.org(id).kind;
        b.push(
            id,
            date,
            Change::Rename {
                name: format!("{} {new_body}", prefix(kind)),
            },
            Some(decision),
        );
        b.meta_mut(id).body = new_body;
        done += 1;
    }
}

/// Some companies move from a district to the enterprises' bloc, and some
/// residential cells move to a neighbouring ward (boundary adjustments).
fn moves(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    let g = grassroots(b).len();
    let want = ((g as f64 / 500.0 * spec.churn).round() as usize).max(1);
    let gov = group_scope(GOV_GROUP);
    if let Some(bloc) = layout.sector("KDN").or_else(|| layout.sector("KCQ")) {
        let mut cands: Vec<OrgId> = grassroots(b)
            .into_iter()
            .filter(|id| {
                let m = b.meta(*id);
                m.district.is_some() && m.flavor == Flavor::Company && b.org(*id).events.len() == 1 && !b.names.contains(gov, &m.body)
            })
            .collect();
        shuffle(rng, &mut cands);
        for id in cands.into_iter().take(want) {
            let date = date_in(rng, ymd(2021, 7, 1), ymd(2024, 6, 30));
            let body = b.meta(id).body.clone();
            b.names.claim(gov, &body);
            let decision = b.decision(rng, layout.city);
            b.push(id, date, Change::Move { parent: bloc }, Some(decision));
            let m = b.meta_mut(id);
            m.district = None;
            m.scope = gov;
        }
    }
    if layout.districts.is_empty() {
        return;
    }
    for _ in 0..want {
        let date = date_in(rng, ymd(2021, 7, 1), ymd(2024, 6, 30));
        let d = pick(rng, &layout.districts).id;
        let wards = residential_units(b, d, date);
        if wards.len() < 2 {
            continue;
        }
        let i = range(rng, 0, wards.len() as u32 - 1) as usize;
        let j = (i + 1) % wards.len();
        let (from, to) = (wards[i], wards[j]);
        let Some(cell) = b
            .living_children(from, date)
            .into_iter()
            .filter(|c| b.meta(*c).number.is_some())
            .max_by_key(|c| b.meta(*c).number)
        else {
            continue;
        };
        if b.living_children(from, date).len() < 5 {
            continue;
        }
        let decision = b.decision(rng, d);
        move_residential(b, cell, to, date, &decision);
    }
}

/// A few new schools and companies each year.
fn new_orgs(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    let g = grassroots(b).len();
    let per_year = ((g as f64 * 0.003 * spec.churn).round() as usize).max(1);
    let kdn = layout.sector("KDN");
    for year in 2019..=2024 {
        for _ in 0..per_year {
            let date = date_in(rng, ymd(year, 1, 15), ymd(year, 12, 15));
            let to_bloc = kdn.is_some() && chance(rng, 0.3);
            let (parent, scope, district) = if to_bloc || layout.districts.is_empty() {
                match kdn.or_else(|| layout.sectors.first().map(|s| s.id)) {
                    Some(p) => (p, group_scope(GOV_GROUP), None),
                    None => continue,
                }
            } else {
                let i = range(rng, 0, layout.districts.len() as u32 - 1) as usize;
                (layout.districts[i].id, group_scope(i as u32), Some(i))
            };
            let school = district.is_some() && chance(rng, 0.5);
            let places: Vec<String> = district
                .map(|i| layout.districts[i].units.iter().map(|u| u.1.clone()).collect())
                .unwrap_or_default();
            let place_refs: Vec<&str> = places.iter().map(|s| s.as_str()).collect();
            let body = b.names.unique(scope, rng, |r| {
                if school {
                    {
                        let level = *pick(r, &["Mầm non", "Tiểu học", "THCS"]);
                        super::names::school(r, level, &place_refs)
                    }
                } else {
                    super::names::company(r, None)
                }
            });
            let flavor = if school { Flavor::School } else { Flavor::Company };
            let members = range(rng, 4, 14);
            let decision = (b.decision(rng, parent), date);
            let meta = super::builder::Meta {
                flavor,
                scope,
                body: body.clone(),
                district,
                ..Default::default()
            };
            b.add(
                OrgKind::GrassrootsCell,
                &format!("Chi bộ {body}"),
                Some(parent),
                members,
                date,
                decision,
                None,
                meta,
            );
        }
    }
}

/// A few small companies close down (their cell is dissolved).
fn dissolutions(b: &mut Builder, spec: &Spec, rng: &mut R) {
    let g = grassroots(b).len();
    let per_year = ((g as f64 * 0.0015 * spec.churn).round() as usize).max(1);
    let mut cands: Vec<OrgId> = grassroots(b)
        .into_iter()
        .filter(|id| {
            let o = b.org(*id);
            o.kind == OrgKind::GrassrootsCell
                && o.events.len() == 1
                && b.meta(*id).flavor == Flavor::Company
                && o.founded() < ymd(2019, 1, 1)
        })
        .collect();
    shuffle(rng, &mut cands);
    let mut it = cands.into_iter();
    for year in 2019..=2024 {
        for _ in 0..per_year {
            let Some(id) = it.next() else { return };
            let date = date_in(rng, ymd(year, 2, 1), ymd(year, 11, 30));
            let Some(parent) = b.org(id).state_at(date).and_then(|s| s.parent) else {
                continue;
            };
            let decision = b.decision(rng, parent);
            b.push(id, date, Change::Dissolve, Some(decision));
        }
    }
}

/// Yearly growth of members in cells (about 1.9% a year, recorded every
/// year or two), through October 2026.
pub fn members(b: &mut Builder, rng: &mut R) {
    const GROWTH: f64 = 0.019;
    let start = ymd(2019, 1, 1);
    let ids: Vec<OrgId> = b.ids().filter(|id| b.org(*id).kind.is_cell()).collect();
    for id in ids {
        let mut dates = Vec::new();
        for year in 2019..=2026 {
            if chance(rng, 0.42) {
                let last = if year == 2026 { ymd(2026, 10, 31) } else { ymd(year, 12, 31) };
                dates.push(date_in(rng, ymd(year, 1, 1), last));
            }
        }
        let grassroots_cell = b.org(id).kind == OrgKind::GrassrootsCell;
        for date in dates {
            let org = b.org(id);
            if date <= org.founded() || org.ended_on().is_some_and(|e| date >= e) {
                continue;
            }
            let Some(prev) = org.state_at(date).map(|s| s.members) else {
                continue;
            };
            let last_change = org
                .events
                .iter()
                .take_while(|e| e.effective <= date)
                .filter(|e| matches!(e.change, Change::Found { .. } | Change::SetMembers { .. }))
                .map(|e| e.effective)
                .last()
                .unwrap_or(start)
                .max(start);
            let years = (date - last_change).num_days() as f64 / 365.25;
            let mut next = round_random(rng, prev as f64 * (1.0 + GROWTH * years)) as i64;
            if chance(rng, 0.25) {
                next += if chance(rng, 0.5) { 1 } else { -1 };
            }
            let next = if grassroots_cell { next.clamp(3, 29) } else { next.max(3) } as u32;
            if next != prev {
                b.push(
                    id,
                    date,
                    Change::SetMembers {
                        members: next,
                        probationary: None,
                    },
                    None,
                );
            }
        }
    }
}
