//! The 2025 reorganisation: the two new city-level committees of 7/2/2025,
//! the corporations and central agencies of 1/3/2025, and the ward/commune
//! committees that replaced the districts on 1/7/2025.

use super::builder::{Builder, Meta};
use super::codes::initials;
use super::names::group_scope;
use super::places::NEW_2025;
use super::rng::{range, shuffle, ymd, R};
use super::sectors::Fate;
use super::spec::Spec;
use super::tree::Layout;
use crate::domain::{Change, OrgId, OrgKind};
use chrono::{Days, NaiveDate};

pub fn apply(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    february(b, layout);
    march(b, layout);
    july(b, layout, spec, rng);
}

fn before(d: NaiveDate) -> NaiveDate {
    d - Days::new(1)
}

/// Move every living child of `from` to `to` on `date`.
fn move_children(b: &mut Builder, from: OrgId, to: OrgId, date: NaiveDate, decision: &str) {
    for k in b.living_children(from, before(date)) {
        b.push(k, date, Change::Move { parent: to }, Some(decision.to_string()));
    }
}

/// 7/2/2025: "Đảng bộ các cơ quan Đảng Thành phố" and "Đảng bộ Ủy ban nhân dân
/// Thành phố" take over the organisations of the two blocs, which are dissolved.
fn february(b: &mut Builder, layout: &Layout) {
    let date = ymd(2025, 2, 7);
    let Some(kcq) = layout.sector("KCQ") else { return };
    let party = b.add(
        OrgKind::Superior,
        "Đảng bộ các cơ quan Đảng Thành phố",
        Some(layout.city),
        0,
        date,
        ("8152-QĐ/TU".into(), date),
        Some("CQD"),
        Meta::default(),
    );
    let gov = b.add(
        OrgKind::Superior,
        "Đảng bộ Ủy ban nhân dân Thành phố",
        Some(layout.city),
        0,
        date,
        ("8153-QĐ/TU".into(), date),
        Some("UBND"),
        Meta::default(),
    );
    for k in b.living_children(kcq, before(date)) {
        let (to, dec) = if b.meta(k).party_side {
            (party, "8152-QĐ/TU")
        } else {
            (gov, "8153-QĐ/TU")
        };
        b.push(k, date, Change::Move { parent: to }, Some(dec.into()));
    }
    b.push(kcq, date, Change::Dissolve, Some("8154-QĐ/TU".into()));
    if let Some(kdn) = layout.sector("KDN") {
        move_children(b, kdn, gov, date, "8153-QĐ/TU");
        b.push(kdn, date, Change::Dissolve, Some("8155-QĐ/TU".into()));
    }
}

/// 1/3/2025: the city's corporations merge into the People's Committee's
/// committee; the tax, customs and treasury committees go to central bodies.
fn march(b: &mut Builder, layout: &Layout) {
    let date = ymd(2025, 3, 1);
    let gov = b.ids().find(|id| b.org(*id).code == "UBND");
    let mut n = 8290;
    for s in &layout.sectors {
        n += 1;
        let decision = format!("{n}-QĐ/TU");
        match (s.fate, gov) {
            (Fate::MergesMar2025, Some(gov)) => {
                move_children(b, s.id, gov, date, &decision);
                b.push(s.id, date, Change::MergeInto { target: gov }, Some(decision));
            }
            (Fate::TransferredMar2025, _) => {
                // Everything below ends with it: children before parents.
                let mut below = Vec::new();
                let mut stack = vec![s.id];
                while let Some(cur) = stack.pop() {
                    below.push(cur);
                    stack.extend(b.living_children(cur, before(date)));
                }
                for id in below.into_iter().rev() {
                    b.push(id, date, Change::Dissolve, Some(decision.clone()));
                }
            }
            _ => {}
        }
    }
}

/// 1/7/2025: 126 ward/commune committees, each taking over grassroots
/// organisations of one district; then the districts are dissolved.
fn july(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    let date = ymd(2025, 7, 1);
    let decided = ymd(2025, 6, 30);
    let mut n = range(rng, 2100, 2200);
    for (di, dorg) in layout.districts.iter().enumerate() {
        let mut news: Vec<(OrgId, String)> = Vec::new();
        let mut list: Vec<&(&str, &str, &str)> = NEW_2025.iter().filter(|(p, _, _)| *p == dorg.d.place).collect();
        if let Some(l) = spec.new_limit {
            list.truncate(l);
        }
        for (_, word, name) in list {
            n += 1;
            let decision = format!("{n}-QĐ/TU");
            let id = b.add(
                OrgKind::Superior,
                &format!("Đảng ủy {word} {name}"),
                Some(layout.city),
                0,
                date,
                (decision.clone(), decided),
                Some(&initials(name)),
                Meta {
                    scope: group_scope(di as u32),
                    ..Default::default()
                },
            );
            news.push((id, decision));
        }
        let kids = b.living_children(dorg.id, before(date));
        let (units, mut others): (Vec<OrgId>, Vec<OrgId>) = kids
            .into_iter()
            .partition(|k| matches!(b.meta(*k).flavor, super::builder::Flavor::Unit(_)));
        // Wards and communes in their listed order, in contiguous runs (neighbours
        // stay together); the others spread at random.
        let k = news.len();
        for (i, u) in units.iter().enumerate() {
            let (to, dec) = &news[i * k / units.len().max(1)];
            b.push(*u, date, Change::Move { parent: *to }, Some(dec.clone()));
        }
        shuffle(rng, &mut others);
        for (i, o) in others.iter().enumerate() {
            let (to, dec) = &news[i % k];
            b.push(*o, date, Change::Move { parent: *to }, Some(dec.clone()));
        }
        n += 1;
        b.push(dorg.id, date, Change::Dissolve, Some(format!("{n}-QĐ/TU")));
    }
}
