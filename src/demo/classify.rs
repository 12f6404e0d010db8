//! Annual classifications 2019-2025: levels, members' tallies, scores and
//! decisions, clean by each year's rulebook except for a few planted findings.

use super::rng::{chance, date_in, range, shuffle, weighted, ymd, R};
use crate::domain::rules::CapGroup;
use crate::domain::tree::Tree;
use crate::domain::{Classification, Level, OrgId, OrgKind, Tallies};
use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use std::collections::{BTreeMap, HashMap};

pub const YEARS: std::ops::RangeInclusive<i32> = 2019..=2025;

/// Level shares for organisations: before QĐ 124 HTXS was more frequent.
fn shares(year: i32) -> [f64; 4] {
    if year <= 2022 {
        [0.19, 0.70, 0.105, 0.005]
    } else {
        [0.25, 0.64, 0.105, 0.005]
    }
}

fn draw(rng: &mut R, p: &[f64; 4]) -> Level {
    Level::ALL[weighted(rng, p)]
}

/// Share of rated members HTXS, by year (real years differ: stricter after
/// QĐ 124 in 2023, the new scale of QĐ 366 in 2025).
fn htxs_share(year: i32) -> f64 {
    match year {
        2019 => 0.150,
        2020 => 0.158,
        2021 => 0.165,
        2022 => 0.172,
        2023 => 0.138,
        2024 => 0.146,
        _ => 0.128,
    }
}

/// Members' tallies of `n` members in `year`: ~12% not rated, HTXS ≤ 20% of HTT.
fn sample(rng: &mut R, n: u32, year: i32) -> Tallies {
    let htxs = htxs_share(year);
    let not_rated = rng.gen_range(0.07..0.17);
    let mut t = Tallies::default();
    for _ in 0..n {
        if rng.gen::<f64>() < not_rated {
            t.not_rated += 1;
            continue;
        }
        let u: f64 = rng.gen();
        if u < htxs {
            t.htxs += 1;
        } else if u < 0.895 {
            t.htt += 1;
        } else if u < 0.995 {
            t.ht += 1;
        } else {
            t.kht += 1;
        }
    }
    while t.htxs * 5 > t.htt && t.htxs > 0 {
        t.htxs -= 1;
        t.htt += 1;
    }
    t
}

/// A cell's level, consistent with its members' tallies (HD 21 shares).
fn cell_level(rng: &mut R, t: &Tallies, p: &[f64; 4]) -> Level {
    let mut l = draw(rng, p);
    let (rated, good) = (t.rated(), t.good_or_better());
    if rated == 0 {
        return l;
    }
    if l == Level::Htxs && (t.kht > 0 || good * 100 < rated * 80) {
        l = Level::Htt;
    }
    if l == Level::Htt && good * 100 < rated * 50 {
        l = Level::Ht;
    }
    l
}

/// Working state of one year's classification.
struct Year {
    levels: Vec<Option<Level>>,
    tallies: Vec<Option<Tallies>>,
    scores: Vec<Option<f64>>,
}

/// Classify every organisation of `tree` (except the root) for `year`.
pub fn classify_year(tree: &Tree, year: i32, rng: &mut R, now: DateTime<Utc>, out: &mut Vec<Classification>) {
    let size = tree.nodes().map(|n| n.id as usize + 1).max().unwrap_or(0);
    let mut y = Year {
        levels: vec![None; size],
        tallies: vec![None; size],
        scores: vec![None; size],
    };
    let p = shares(year);
    let order: Vec<OrgId> = tree.roots().iter().flat_map(|r| tree.subtree(*r)).collect();
    for id in order.iter().rev() {
        let node = tree.node(*id).expect("in tree");
        if node.parent.is_none() {
            continue;
        }
        let i = *id as usize;
        if node.kind.is_cell() {
            let t = sample(rng, node.total_members, year);
            y.levels[i] = Some(cell_level(rng, &t, &p));
            y.tallies[i] = Some(t);
            continue;
        }
        if matches!(node.kind, OrgKind::GrassrootsCommittee | OrgKind::SubCommittee) {
            let mut t = if node.members > 0 {
                sample(rng, node.members, year)
            } else {
                Tallies::default()
            };
            for c in &node.children {
                if let Some(ct) = &y.tallies[*c as usize] {
                    t.add(ct);
                }
            }
            y.tallies[i] = Some(t);
        }
        let mut l = draw(rng, &p);
        let (mut rated, mut good, mut kht) = (0u64, 0u64, 0u64);
        for c in &node.children {
            if let Some(cl) = y.levels[*c as usize] {
                rated += 1;
                good += cl.good_or_better() as u64;
                kht += (cl == Level::Kht) as u64;
            }
        }
        if rated > 0 {
            if l == Level::Htxs && (kht > 0 || good * 100 < rated * 80) {
                l = Level::Htt;
            }
            if l == Level::Htt && good * 100 < rated * 50 {
                l = Level::Ht;
            }
        }
        y.levels[i] = Some(l);
    }
    if year >= 2023 {
        for id in &order {
            enforce_cap(tree, *id, &mut y.levels, rng);
        }
    }
    if year >= 2025 {
        for id in &order {
            if let Some(l) = y.levels[*id as usize] {
                let tenths = match l {
                    Level::Htxs => range(rng, 900, 985),
                    Level::Htt => {
                        if chance(rng, 0.8) {
                            range(rng, 780, 895)
                        } else {
                            range(rng, 700, 779)
                        }
                    }
                    Level::Ht => range(rng, 520, 695),
                    Level::Kht => range(rng, 300, 495),
                };
                y.scores[*id as usize] = Some(tenths as f64 / 10.0);
            }
        }
    }
    plant(tree, year, &mut y, rng);
    emit(tree, year, &order, &y, rng, now, out);
}

/// Within each group of similar collectives of one parent, HTXS ≤ 20% of HTT.
fn enforce_cap(tree: &Tree, parent: OrgId, levels: &mut [Option<Level>], rng: &mut R) {
    let Some(node) = tree.node(parent) else { return };
    let mut groups: BTreeMap<CapGroup, Vec<OrgId>> = BTreeMap::new();
    for c in &node.children {
        if let Some(g) = tree.node(*c).and_then(|cn| CapGroup::of(cn.kind)) {
            groups.entry(g).or_default().push(*c);
        }
    }
    for (_, ids) in groups {
        let mut htxs: Vec<OrgId> = ids.iter().copied().filter(|c| levels[*c as usize] == Some(Level::Htxs)).collect();
        let mut htt = ids.iter().filter(|c| levels[**c as usize] == Some(Level::Htt)).count();
        while htxs.len() * 5 > htt {
            let k = rng.gen_range(0..htxs.len());
            let c = htxs.swap_remove(k);
            levels[c as usize] = Some(Level::Htt);
            htt += 1;
        }
    }
}

/// Pick up to `n` distinct ids from `cands` at random.
fn choose(rng: &mut R, mut cands: Vec<OrgId>, n: usize) -> Vec<OrgId> {
    shuffle(rng, &mut cands);
    cands.truncate(n);
    cands
}

/// The realistic slips a secretariat would catch: a few per year in 2021, 2023, 2025.
fn plant(tree: &Tree, year: i32, y: &mut Year, rng: &mut R) {
    let grassroots: Vec<OrgId> = tree.nodes().filter(|n| n.kind.is_grassroots()).map(|n| n.id).collect();
    match year {
        2021 => {
            // Members' cap broken in three grassroots organisations.
            let cands = grassroots
                .iter()
                .copied()
                .filter(|id| y.tallies[*id as usize].is_some_and(|t| t.htt >= 10))
                .collect();
            for id in choose(rng, cands, 3) {
                let t = y.tallies[id as usize].as_mut().expect("has tallies");
                while t.htxs * 4 <= t.htt {
                    t.htxs += 1;
                    t.htt -= 1;
                }
            }
            // A committee rated HTXS although one of its cells did not complete its tasks.
            let cands = grassroots
                .iter()
                .copied()
                .filter(|id| {
                    tree.node(*id)
                        .is_some_and(|n| n.kind == OrgKind::GrassrootsCommittee && n.children.len() >= 3)
                })
                .collect();
            if let Some(id) = choose(rng, cands, 1).first() {
                let node = tree.node(*id).expect("in tree");
                let cell = node.children[rng.gen_range(0..node.children.len())];
                y.levels[cell as usize] = Some(Level::Kht);
                y.levels[*id as usize] = Some(Level::Htxs);
            }
        }
        2023 => {
            // One district-level committee rated too many of its grassroots committees HTXS.
            let mut groups: Vec<(OrgId, CapGroup, usize)> = Vec::new();
            for n in tree.nodes() {
                let mut by: BTreeMap<CapGroup, usize> = BTreeMap::new();
                for c in &n.children {
                    if y.levels[*c as usize] == Some(Level::Htt) {
                        if let Some(g) = CapGroup::of(tree.node(*c).expect("child").kind) {
                            *by.entry(g).or_default() += 1;
                        }
                    }
                }
                for (k, htt) in by {
                    groups.push((n.id, k, htt));
                }
            }
            let good: Vec<&(OrgId, CapGroup, usize)> = groups.iter().filter(|g| g.1 == CapGroup::Grassroots && g.2 >= 6).collect();
            let pool: Vec<&(OrgId, CapGroup, usize)> = if good.is_empty() {
                groups.iter().filter(|g| g.2 >= 3).collect()
            } else {
                good
            };
            if !pool.is_empty() {
                let (parent, kind, _) = *pool[rng.gen_range(0..pool.len())];
                let kids: Vec<OrgId> = tree
                    .node(parent)
                    .expect("parent")
                    .children
                    .iter()
                    .copied()
                    .filter(|c| tree.node(*c).is_some_and(|n| CapGroup::of(n.kind) == Some(kind)))
                    .collect();
                let count = |l: Level, y: &Year| kids.iter().filter(|c| y.levels[**c as usize] == Some(l)).count();
                let mut htt_ids: Vec<OrgId> = kids.iter().copied().filter(|c| y.levels[*c as usize] == Some(Level::Htt)).collect();
                shuffle(rng, &mut htt_ids);
                while count(Level::Htxs, y) * 5 <= count(Level::Htt, y) {
                    let Some(c) = htt_ids.pop() else { break };
                    y.levels[c as usize] = Some(Level::Htxs);
                }
            }
        }
        2025 => {
            // On grassroots cells: a committee's missing tallies would be made up by its cells'.
            let cands: Vec<OrgId> = grassroots
                .iter()
                .copied()
                .filter(|id| y.tallies[*id as usize].is_some() && tree.node(*id).is_some_and(|n| n.kind == OrgKind::GrassrootsCell))
                .collect();
            let picked = choose(rng, cands, 6);
            // Tallies that do not add up, and one organisation without tallies.
            for id in picked.iter().take(2) {
                if let Some(t) = y.tallies[*id as usize].as_mut() {
                    t.not_rated += 2;
                }
            }
            if let Some(id) = picked.get(2) {
                y.tallies[*id as usize] = None;
            }
            // Scores that fall in another level's band.
            let scored: Vec<OrgId> = tree
                .nodes()
                .filter(|n| matches!(y.levels[n.id as usize], Some(Level::Htt) | Some(Level::Ht)) && !picked.contains(&n.id))
                .map(|n| n.id)
                .collect();
            for id in choose(rng, scored, 3) {
                let s = match y.levels[id as usize] {
                    Some(Level::Htt) => range(rng, 902, 915),
                    _ => range(rng, 701, 715),
                };
                y.scores[id as usize] = Some(s as f64 / 10.0);
            }
        }
        _ => {}
    }
}

/// Who decides the classification of `id`: the committee directly above
/// (a sub-committee's cells: the grassroots committee).
fn decider(tree: &Tree, id: OrgId) -> Option<OrgId> {
    let p = tree.node(id)?.parent?;
    match tree.node(p)?.kind {
        OrgKind::SubCommittee => tree.node(p)?.parent,
        _ => Some(p),
    }
}

fn suffix(tree: &Tree, issuer: OrgId) -> &'static str {
    let Some(n) = tree.node(issuer) else { return "ĐU" };
    match n.kind {
        OrgKind::City => "TU",
        OrgKind::Superior if n.name.starts_with("Quận ủy") => "QU",
        OrgKind::Superior if n.name.starts_with("Huyện ủy") => "HU",
        OrgKind::Superior if n.name.starts_with("Thị ủy") => "ThU",
        _ => "ĐU",
    }
}

fn emit(tree: &Tree, year: i32, order: &[OrgId], y: &Year, rng: &mut R, now: DateTime<Utc>, out: &mut Vec<Classification>) {
    let mut decisions: HashMap<OrgId, (String, NaiveDate)> = HashMap::new();
    for id in order {
        let Some(level) = y.levels[*id as usize] else { continue };
        let Some(issuer) = decider(tree, *id) else { continue };
        let dec = decisions
            .entry(issuer)
            .or_insert_with(|| {
                let sfx = suffix(tree, issuer);
                let (n, from, to) = match sfx {
                    "TU" => (range(rng, 1000, 9999), ymd(year + 1, 1, 10), ymd(year + 1, 1, 25)),
                    "ĐU" if tree.node(issuer).is_some_and(|n| n.kind != OrgKind::Superior) => {
                        (range(rng, 10, 299), ymd(year, 12, 15), ymd(year, 12, 30))
                    }
                    _ => (range(rng, 100, 2999), ymd(year, 12, 26), ymd(year + 1, 1, 8)),
                };
                (format!("{n}-QĐ/{sfx}"), date_in(rng, from, to))
            })
            .clone();
        out.push(Classification {
            org: *id,
            year,
            level,
            score: y.scores[*id as usize],
            members: y.tallies[*id as usize],
            decision: Some(dec.0),
            decided: Some(dec.1),
            note: None,
            by: "demo".into(),
            at: now,
            version: 1,
        });
    }
}
