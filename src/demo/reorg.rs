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
use std::collections::{HashMap, HashSet};

/// The committees of February and March 2025.
pub fn spring(b: &mut Builder, layout: &Layout) {
    february(b, layout);
    march(b, layout);
}

/// The commune-level committees of 1/7/2025.
pub fn summer(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
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

/// 1/7/2025, as HD 31-HD/BTCTW (23/4/2025) has it: 126 commune-level
/// committees (đảng bộ phường, xã), directly under the city, are founded; the
/// district committees and the old ward, commune and town committees end at
/// that moment. The old committees merge into the new one of their area and
/// their cells pass to it as grassroots organisations (re-founded, since a
/// cell cannot stand directly under a committee above the grassroots: a
/// chi bộ cơ sở, or a đảng bộ cơ sở from 30 full members, Điều lệ Đảng,
/// Điều 21). The district authorities' bodies are dissolved, merged into
/// regional bodies or renamed; the other grassroots organisations move.
fn july(b: &mut Builder, layout: &Layout, spec: &Spec, rng: &mut R) {
    let date = ymd(2025, 7, 1);
    let decided = ymd(2025, 6, 30);
    let mut n = range(rng, 2100, 2200);
    // Regional bodies (courts, procuracies, enforcement offices): neighbouring
    // districts' bodies merge while the result stays a chi bộ cơ sở.
    let mut regional: HashMap<&'static str, (OrgId, u32)> = HashMap::new();
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
                &format!("Đảng bộ {word} {name}"),
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
        // stay together): each old committee merges into the new one of its area.
        let k = news.len();
        let mut taken: HashMap<OrgId, HashSet<String>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            let (to, dec) = news[i * k / units.len().max(1)].clone();
            let old_place = b.org(*u).state_at(before(date)).map(|s| s.name.to_string()).unwrap_or_default();
            let old_place = old_place.strip_prefix("Đảng bộ ").unwrap_or(&old_place).to_lowercase_first();
            for cell in b.living_children(*u, before(date)) {
                refound(b, rng, cell, to, &dec, &old_place, taken.entry(to).or_default(), date);
            }
            b.push(*u, date, Change::MergeInto { target: to }, Some(dec.clone()));
        }
        // The district authority's bodies: merged into the new committees'
        // agencies, into regional bodies, handed to the city police, or renamed.
        shuffle(rng, &mut others);
        let mut rest = Vec::new();
        let mut agencies: Vec<Option<OrgId>> = vec![None; k];
        for o in others {
            let body = b.meta(o).body.clone();
            let lower = dorg.d.lower();
            match district_body(&body, &lower) {
                Fate2025::IntoAgency => {
                    // All to the agency of the district's first new committee (its seat).
                    let j = 0;
                    let (to, dec) = news[j].clone();
                    let agency = *agencies[j].get_or_insert_with(|| {
                        let name = b.org(to).last_name().replacen("Đảng bộ ", "Đảng bộ Cơ quan Đảng, Chính quyền ", 1);
                        b.add(
                            OrgKind::GrassrootsCommittee,
                            &name,
                            Some(to),
                            0,
                            date,
                            (dec.clone(), before(date)),
                            None,
                            Meta::default(),
                        )
                    });
                    merge_body(b, o, agency, &dec, &body, taken.entry(agency).or_default(), date);
                }
                Fate2025::Police => match layout.sector("CA") {
                    Some(ca) => {
                        let (_, dec) = news[0].clone();
                        b.push(o, date, Change::Move { parent: ca }, Some(dec));
                    }
                    None => rest.push(o),
                },
                Fate2025::Regional(kind) => {
                    let (to, dec) = news[0].clone();
                    let own = b.org(o).state_at(before(date)).map(|s| s.members).unwrap_or(0);
                    let fits = |b: &Builder, first: OrgId| {
                        b.org(first).state_at(date).is_some_and(|s| s.members > 0 && s.members + own <= 29)
                            && b.living_children(o, before(date)).is_empty()
                    };
                    match regional.get(kind) {
                        // A chi bộ cơ sở while it stays under 30 members.
                        Some(&(first, _)) if fits(b, first) => {
                            let cur = b.org(first).state_at(date).map(|s| s.members).unwrap_or(0);
                            b.push(
                                first,
                                date,
                                Change::SetMembers {
                                    members: cur + own,
                                    probationary: None,
                                },
                                Some(dec.clone()),
                            );
                            b.push(o, date, Change::MergeInto { target: first }, Some(dec));
                        }
                        prev => {
                            let number = prev.map_or(1, |p| p.1 + 1);
                            let name = b.org(o).state_at(before(date)).map(|s| s.name.to_string()).unwrap_or_default();
                            let renamed = name.replace(&lower, &format!("khu vực {number}"));
                            b.push(o, date, Change::Rename { name: renamed }, Some(dec.clone()));
                            b.push(o, date, Change::Move { parent: to }, Some(dec));
                            regional.insert(kind, (o, number));
                        }
                    }
                }
                Fate2025::Renamed => {
                    let name = b.org(o).state_at(before(date)).map(|s| s.name.to_string()).unwrap_or_default();
                    let renamed = name.replace(&lower, &format!("khu vực {}", dorg.d.place));
                    let (to, dec) = news[0].clone();
                    b.push(o, date, Change::Rename { name: renamed }, Some(dec.clone()));
                    b.push(o, date, Change::Move { parent: to }, Some(dec));
                }
                Fate2025::Moves => rest.push(o),
            }
        }
        for (i, o) in rest.iter().enumerate() {
            let (to, dec) = &news[i % k];
            let name = b.org(*o).state_at(before(date)).map(|s| s.name.to_string()).unwrap_or_default();
            let names = taken.entry(*to).or_default();
            let mut new = name.clone();
            let mut nth = 2;
            while !names.insert(new.clone()) {
                new = format!("{name} ({nth})");
                nth += 1;
            }
            if new != name {
                b.push(*o, date, Change::Rename { name: new }, Some(dec.clone()));
            }
            b.push(*o, date, Change::Move { parent: *to }, Some(dec.clone()));
        }
        n += 1;
        b.push(dorg.id, date, Change::Dissolve, Some(format!("{n}-QĐ/TU")));
    }
    district_names_elsewhere(b, layout, date);
}

/// What became of an organisation of a district on 1/7/2025.
enum Fate2025 {
    /// Ended with the district authority (its party agency, government office,
    /// project board, culture centre): merged, members and cells, into the
    /// agency organisation of a new committee.
    IntoAgency,
    /// The district police: handed to the city police's committee.
    Police,
    /// Merged into a regional body (courts, procuracies, enforcement offices).
    Regional(&'static str),
    /// Carried on as the area's body under another name.
    Renamed,
    /// Not a district body: moves to a new committee.
    Moves,
}

fn district_body(body: &str, lower: &str) -> Fate2025 {
    if !body.contains(lower) && !body.contains("Quận ủy") && !body.contains("Huyện ủy") && !body.contains("Thị ủy") {
        return Fate2025::Moves;
    }
    for (prefix, kind) in [
        ("Tòa án nhân dân", "court"),
        ("Viện Kiểm sát nhân dân", "procuracy"),
        ("Chi cục Thi hành án dân sự", "enforcement"),
    ] {
        if body.starts_with(prefix) {
            return Fate2025::Regional(kind);
        }
    }
    if body.starts_with("Trung tâm Y tế")
        || body.starts_with("Phòng Giao dịch Ngân hàng Chính sách xã hội")
        || body.starts_with("Trung tâm Giáo dục nghề nghiệp")
    {
        return Fate2025::Renamed;
    }
    if body.starts_with("Công an") {
        return Fate2025::Police;
    }
    Fate2025::IntoAgency
}

/// Merge district body `o` into the agency committee `agency`: a committee's
/// cells move there (renamed after the body if the name is taken), a cell is
/// re-founded there as a cell.
fn merge_body(b: &mut Builder, o: OrgId, agency: OrgId, dec: &str, body: &str, taken: &mut HashSet<String>, date: NaiveDate) {
    let Some(st) = b.org(o).state_at(before(date)) else { return };
    let members = st.members;
    let cells = b.living_children(o, before(date));
    if cells.is_empty() {
        let name = unique_name(taken, &format!("Chi bộ {body}"), body);
        let cell = b.add(
            OrgKind::Cell,
            &name,
            Some(agency),
            members.max(3),
            date,
            (dec.to_string(), before(date)),
            None,
            Meta::default(),
        );
        b.push(o, date, Change::MergeInto { target: cell }, Some(dec.to_string()));
        return;
    }
    for c in cells {
        let name = b.org(c).state_at(before(date)).map(|s| s.name.to_string()).unwrap_or_default();
        let new = unique_name(taken, &name, body);
        if new != name {
            b.push(c, date, Change::Rename { name: new }, Some(dec.to_string()));
        }
        b.push(c, date, Change::Move { parent: agency }, Some(dec.to_string()));
    }
    b.push(o, date, Change::MergeInto { target: agency }, Some(dec.to_string()));
}

/// `name`, or "`name` (`from`)" when a sibling already has it.
fn unique_name(taken: &mut HashSet<String>, name: &str, from: &str) -> String {
    if taken.insert(name.to_string()) {
        return name.to_string();
    }
    let n = format!("{name} ({from})");
    taken.insert(n.clone());
    n
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    /// "Phường Phúc Xá" → "phường Phúc Xá".
    fn to_lowercase_first(&self) -> String {
        let mut c = self.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

/// Re-found `cell` of an old ward/commune committee under the new committee
/// `to`: a chi bộ cơ sở, or a đảng bộ cơ sở from 30 full members; the old cell
/// merges into it (its admissions follow), with its members, full and
/// probationary recorded apart.
#[allow(clippy::too_many_arguments)]
fn refound(b: &mut Builder, rng: &mut R, cell: OrgId, to: OrgId, dec: &str, old_place: &str, taken: &mut HashSet<String>, date: NaiveDate) {
    let Some(st) = b.org(cell).state_at(before(date)) else { return };
    let (name, members) = (st.name.to_string(), st.members);
    let body = name.strip_prefix("Chi bộ ").unwrap_or(&name).to_string();
    // No town after 1/7/2025: "Quân sự thị trấn" of Phùng becomes "Quân sự Phùng".
    let body = match old_place.strip_prefix("thị trấn ") {
        Some(town) => body.replace("thị trấn", town),
        None => body,
    };
    // Kind by all members (a cell of up to 29), with at least 30 full in a committee.
    let mut probationary = ((members as f64) * super::rng::real(rng, 0.02, 0.06)).round() as u32;
    if members >= 30 {
        probationary = probationary.min(members - 30);
    }
    let (kind, prefix) = if members >= 30 {
        (OrgKind::GrassrootsCommittee, "Đảng bộ")
    } else {
        (OrgKind::GrassrootsCell, "Chi bộ")
    };
    let body = if taken.insert(format!("{prefix} {body}")) {
        body
    } else {
        let b2 = format!("{body} ({old_place} cũ)");
        taken.insert(format!("{prefix} {b2}"));
        b2
    };
    let id = b.add(
        kind,
        &format!("{prefix} {body}"),
        Some(to),
        members,
        date,
        (dec.to_string(), before(date)),
        None,
        Meta {
            body: body.clone(),
            ..Default::default()
        },
    );
    b.push(
        id,
        date,
        Change::SetMembers {
            members,
            probationary: Some(probationary),
        },
        Some(dec.to_string()),
    );
    b.push(cell, date, Change::MergeInto { target: id }, Some(dec.to_string()));
}

/// Organisations outside the districts named after a district authority
/// (e.g. "Chi bộ Bảo hiểm xã hội huyện Ba Vì" under a sector committee) carry
/// on as the area's body: "... khu vực Ba Vì". No "thị trấn" is left.
fn district_names_elsewhere(b: &mut Builder, layout: &Layout, date: NaiveDate) {
    let words: Vec<(String, String)> = layout
        .districts
        .iter()
        .map(|d| (d.d.lower(), format!("khu vực {}", d.d.place)))
        .collect();
    let ids: Vec<OrgId> = b.ids().collect();
    for id in ids {
        let Some(name) = b.org(id).state_at(date).map(|s| s.name.to_string()) else {
            continue;
        };
        let mut renamed = name.clone();
        for (from, to) in &words {
            renamed = renamed.replace(from.as_str(), to);
        }
        renamed = renamed.replace("Thị trấn ", "").replace("thị trấn ", "");
        if renamed != name {
            b.push(id, date, Change::Rename { name: renamed }, None);
        }
    }
}
