//! The sector committees and their name lists, read once from
//! `data/sectors.txt` (the file's header describes its format).

use super::builder::Flavor;
use super::lists;
use super::names::trades;
use super::places::District;
use super::rng::{pick, R};
use std::sync::OnceLock;

const DATA: &str = include_str!("data/sectors.txt");

/// What becomes of a sector committee in 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Stays,
    /// Its organisations go to the two new committees (party side / government side).
    SplitsFeb2025,
    /// Its organisations go to the government side; it is dissolved.
    IntoGovFeb2025,
    /// Merged into the government side (after moving its organisations there).
    MergesMar2025,
    /// Handed over to a central body: dissolved with everything below it.
    TransferredMar2025,
}

#[derive(Debug)]
pub struct Sector {
    pub code: &'static str,
    pub name: &'static str,
    /// Number of grassroots organisations (Hanoi scale).
    pub n: u32,
    pub founded: (i32, u32, u32),
    pub fate: Fate,
}

/// A list of names with the flavor and membership range of what they name.
#[derive(Debug)]
pub struct NameList {
    pub key: &'static str,
    pub flavor: Flavor,
    pub size: (u32, u32),
    /// The pattern of names past the end of the list ("" when there is none).
    pub fallback: &'static str,
    pub names: Vec<&'static str>,
}

impl NameList {
    /// The names, with every `{place}` / `{lower}` line made one a district.
    pub fn bodies(&self, districts: &[District]) -> Vec<String> {
        let mut out = Vec::with_capacity(self.names.len());
        for line in &self.names {
            if line.contains("{place}") {
                out.extend(districts.iter().map(|d| line.replace("{place}", &d.place)));
            } else if line.contains("{lower}") {
                out.extend(districts.iter().map(|d| line.replace("{lower}", &d.lower())));
            } else {
                out.push(line.to_string());
            }
        }
        out
    }

    /// The `i`-th fallback name (from 1); draws a trade from `rng` only
    /// when the pattern names one.
    pub fn fallback_name(&self, rng: &mut R, i: usize) -> String {
        let mut s = self.fallback.to_string();
        if s.contains("{trade}") {
            let trade = *pick(rng, trades());
            s = s.replace("{trade}", trade);
        }
        if let Some(start) = s.find("{i") {
            let end = start + s[start..].find('}').expect("closed {i} in a fallback");
            let offset: usize = match &s[start + 2..end] {
                "" => 0,
                plus => plus.trim_start_matches('+').parse().expect("{i+N} in a fallback"),
            };
            s.replace_range(start..=end, &(i + offset).to_string());
        }
        s
    }
}

struct Data {
    sectors: Vec<Sector>,
    lists: Vec<NameList>,
}

fn data() -> &'static Data {
    static DATA_ONCE: OnceLock<Data> = OnceLock::new();
    DATA_ONCE.get_or_init(|| parse(DATA))
}

/// The 20 sector committees, in the file's order.
pub fn sectors() -> &'static [Sector] {
    &data().sectors
}

/// The sector with this code.
pub fn sector(code: &str) -> &'static Sector {
    sectors().iter().find(|s| s.code == code).expect("known sector")
}

/// The list with this key.
pub fn list(key: &str) -> Option<&'static NameList> {
    data().lists.iter().find(|l| l.key == key)
}

/// Fields of a `|`-separated line, trimmed.
fn fields(line: &'static str) -> Vec<&'static str> {
    line.split('|').map(str::trim).collect()
}

fn parse(text: &'static str) -> Data {
    let (preamble, sections) = lists::sections(text);
    let sectors = preamble
        .into_iter()
        .map(|(no, line)| {
            line.strip_prefix('=')
                .and_then(|rest| parse_sector(&fields(rest)))
                .unwrap_or_else(|| panic!("bad sector at data/sectors.txt line {no}"))
        })
        .collect();
    let lists = sections
        .into_iter()
        .map(|s| {
            let mut list = parse_header(&fields(s.header)).unwrap_or_else(|| panic!("bad list header [{}] in data/sectors.txt", s.header));
            list.names = s.lines;
            list
        })
        .collect();
    Data { sectors, lists }
}

fn parse_sector(f: &[&'static str]) -> Option<Sector> {
    let [code, name, n, founded, fate] = f else { return None };
    let mut date = founded.split('-').map(str::parse::<u32>);
    let (y, m, d) = (date.next()?.ok()?, date.next()?.ok()?, date.next()?.ok()?);
    let fate = match *fate {
        "Stays" => Fate::Stays,
        "SplitsFeb2025" => Fate::SplitsFeb2025,
        "IntoGovFeb2025" => Fate::IntoGovFeb2025,
        "MergesMar2025" => Fate::MergesMar2025,
        "TransferredMar2025" => Fate::TransferredMar2025,
        _ => return None,
    };
    Some(Sector {
        code,
        name,
        n: n.parse().ok()?,
        founded: (y as i32, m, d),
        fate,
    })
}

fn parse_header(f: &[&'static str]) -> Option<NameList> {
    let [key, flavor, size, fallback] = f else { return None };
    let flavor = match *flavor {
        "Office" => Flavor::Office,
        "Department" => Flavor::Department,
        "Hospital" => Flavor::Hospital,
        "University" => Flavor::University,
        "PoliceDept" => Flavor::PoliceDept,
        "Army" => Flavor::Army,
        "Company" => Flavor::Company,
        "Tax" => Flavor::Tax,
        _ => return None,
    };
    let (lo, hi) = size.split_once('-')?;
    Some(NameList {
        key,
        flavor,
        size: (lo.parse().ok()?, hi.parse().ok()?),
        fallback,
        names: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_file_holds_the_twenty_sectors_and_their_lists() {
        assert_eq!(sectors().len(), 20);
        let kcq = sector("KCQ");
        assert_eq!(
            (kcq.name, kcq.n, kcq.founded, kcq.fate),
            ("Đảng ủy Khối các cơ quan Thành phố", 120, (1991, 7, 5), Fate::SplitsFeb2025)
        );
        assert_eq!(sector("MT").fate, Fate::MergesMar2025);
        let ca = list("CA").expect("police list");
        assert_eq!((ca.flavor, ca.size, ca.names.len()), (Flavor::PoliceDept, (120, 480), 35));
        assert_eq!(ca.names[0], "Phòng Cảnh sát hình sự");
        assert!(list("DEFAULT").expect("default list").names.is_empty());
        assert!(list("NOPE").is_none());
    }

    #[test]
    fn fallbacks_count_and_draw_trades() {
        let mut rng = R::seed_from_u64(1);
        assert_eq!(list("VNPT").unwrap().fallback_name(&mut rng, 1), "Trung tâm Viễn thông 9");
        assert_eq!(list("QS").unwrap().fallback_name(&mut rng, 3), "Tiểu đoàn 13");
        assert_eq!(list("CA").unwrap().fallback_name(&mut rng, 2), "Phòng Nghiệp vụ số 2");
        let tvt = list("TVT").unwrap().fallback_name(&mut rng, 1);
        assert!(tvt.starts_with("Công ty Cổ phần ") && tvt.ends_with(" Vận tải Hà Nội"), "{tvt}");
    }

    #[test]
    fn place_lines_expand_per_district() {
        let d = District {
            gso: "001".into(),
            place: "Ba Đình".into(),
            kind: "quận".into(),
            committee: "Quận ủy Ba Đình".into(),
        };
        let bodies = list("CT").unwrap().bodies(std::slice::from_ref(&d));
        assert_eq!(
            bodies,
            vec!["Văn phòng Cục Thuế".to_string(), "Chi cục Thuế quận Ba Đình".to_string()]
        );
        let evn = list("EVN").unwrap().bodies(std::slice::from_ref(&d));
        assert_eq!(evn.last().map(String::as_str), Some("Công ty Điện lực Ba Đình"));
    }
}
