//! The grassroots organisations each of the 20 sector and corporation
//! committees holds: named from the lists of `data/sectors.txt`, then
//! generated names past their end.

use super::builder::Flavor;
use super::names::{self, NameBook};
use super::places::District;
use super::rng::{chance, pick, R};
use super::sector_data::{list, NameList};

pub use super::sector_data::{sector, Fate};

/// A grassroots organisation to create: name body, flavor, size.
#[derive(Debug, Clone)]
pub struct Template {
    pub body: String,
    pub flavor: Flavor,
    pub size: (u32, u32),
    /// Some(true): always a committee; Some(false): always a cell.
    pub committee: Option<bool>,
    pub party_side: bool,
}

impl Template {
    pub fn new(body: String, flavor: Flavor, size: (u32, u32)) -> Self {
        Template {
            body,
            flavor,
            size,
            committee: None,
            party_side: false,
        }
    }
}

/// A list of the data file by its key (every key used here is in the file).
fn data(key: &str) -> &'static NameList {
    list(key).unwrap_or_else(|| panic!("list {key} in data/sectors.txt"))
}

/// `n` organisations named from `bodies` (those still free in `scope`), then
/// from the list's fallback, all of the list's flavor and size.
fn from_list(book: &mut NameBook, scope: u64, rng: &mut R, n: usize, bodies: Vec<String>, spec: &NameList) -> Vec<Template> {
    let mut out = Vec::with_capacity(n);
    for body in bodies {
        if out.len() >= n {
            break;
        }
        if book.claim(scope, &body) {
            out.push(Template::new(body, spec.flavor, spec.size));
        }
    }
    let mut i = 0;
    while out.len() < n {
        let body = book.unique(scope, rng, |r| {
            i += 1;
            spec.fallback_name(r, i)
        });
        out.push(Template::new(body, spec.flavor, spec.size));
    }
    out
}

/// Claims the next free name of `list` in `scope`, if the list has one left
/// at `it`; `None` when the list is spent, `Some(None)` when the name was taken.
fn claim_next(book: &mut NameBook, scope: u64, it: &mut std::slice::Iter<'_, &'static str>, list: &NameList) -> Option<Option<Template>> {
    let s = it.next()?;
    Some(book.claim(scope, s).then(|| Template::new(s.to_string(), list.flavor, list.size)))
}

/// The grassroots organisations of one sector committee (`n` of them), with
/// bodies claimed in `scope`.
pub fn templates(code: &str, n: usize, districts: &[District], book: &mut NameBook, scope: u64, rng: &mut R) -> Vec<Template> {
    match code {
        "KCQ" => city_agencies(n, districts, book, scope, rng),
        "KDN" => (0..n)
            .map(|_| {
                let body = book.unique(scope, rng, |r| names::company(r, None));
                let size = if chance(rng, 0.03) {
                    (250, 520)
                } else if chance(rng, 0.33) {
                    (30, 180)
                } else {
                    (5, 28)
                };
                Template::new(body, Flavor::Company, size)
            })
            .collect(),
        "KDH" => universities(n, book, scope, rng),
        "QS" => {
            let (units, spec) = (data("QS_UNITS"), data("QS"));
            let k = units.names.len().min(n);
            let mut bodies: Vec<String> = units.names[..k].iter().map(|s| s.to_string()).collect();
            bodies.extend(spec.bodies(districts));
            let mut out = from_list(book, scope, rng, n, bodies, spec);
            for t in out.iter_mut().take(k) {
                t.size = units.size;
            }
            out
        }
        _ => {
            let spec = list(code).unwrap_or_else(|| data("DEFAULT"));
            from_list(book, scope, rng, n, spec.bodies(districts), spec)
        }
    }
}

/// The city's agencies: the party side first, then departments, hospitals
/// and other units interleaved so a small scale still gets a bit of each.
fn city_agencies(n: usize, districts: &[District], book: &mut NameBook, scope: u64, rng: &mut R) -> Vec<Template> {
    let party = data("KCQ_PARTY");
    let party_n = ((n as f64 * party.names.len() as f64 / 120.0).round() as usize).clamp(1, n.saturating_sub(1).max(1));
    let mut out = from_list(book, scope, rng, party_n, party.bodies(&[]), party);
    for t in &mut out {
        t.party_side = true;
    }
    let (depts_l, others_l, hosp_l, centres) = (data("KCQ_DEPTS"), data("KCQ_OTHERS"), data("KCQ_HOSPITALS"), data("KCQ_CENTRES"));
    let places: Vec<&str> = districts.iter().map(|d| d.place.as_str()).collect();
    let (mut depts, mut others, mut hosp) = (depts_l.names.iter(), others_l.names.iter(), hosp_l.names.iter());
    let m = n - out.len();
    let mut rest: Vec<Template> = Vec::new();
    let mut turn = 0;
    while rest.len() < m {
        let next = match turn % 6 {
            0 | 3 => claim_next(book, scope, &mut depts, depts_l),
            1 | 4 => claim_next(book, scope, &mut others, others_l),
            _ => claim_next(book, scope, &mut hosp, hosp_l),
        };
        turn += 1;
        match next {
            Some(Some(t)) => rest.push(t),
            Some(None) => {}
            None if turn > 400 => {
                let body = book.unique(scope, rng, |r| {
                    format!("Trung tâm {} khu vực {}", pick(r, &centres.names), pick(r, &places))
                });
                rest.push(Template::new(body, centres.flavor, centres.size));
            }
            None => {}
        }
    }
    out.extend(rest);
    out
}

/// Universities, two for every other school, then generated colleges.
fn universities(n: usize, book: &mut NameBook, scope: u64, rng: &mut R) -> Vec<Template> {
    let (uni_l, oth_l, colleges) = (data("KDH_UNIVERSITIES"), data("KDH_OTHERS"), data("KDH_COLLEGES"));
    let (mut uni, mut oth) = (uni_l.names.iter(), oth_l.names.iter());
    let mut out = Vec::new();
    let mut turn = 0;
    while out.len() < n {
        let next = if turn % 3 == 2 {
            claim_next(book, scope, &mut oth, oth_l)
        } else {
            claim_next(book, scope, &mut uni, uni_l)
        };
        turn += 1;
        match next {
            Some(Some(t)) => out.push(t),
            Some(None) => {}
            None if turn > 200 => {
                let body = book.unique(scope, rng, |r| colleges.fallback_name(r, 0));
                out.push(Template::new(body, colleges.flavor, colleges.size));
            }
            None => {}
        }
    }
    out
}
