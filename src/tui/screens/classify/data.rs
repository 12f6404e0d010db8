//! The classification grid's data, apart from the terminal: a whole year's
//! rows and findings (`ClassificationList`) kept in step by the refreshed rows
//! of a changed organisation and its parent, and its footer for a scope
//! (tests and benchmarks compare against it: the screen itself holds only a
//! window, see `window.rs`); and the parsing of pasted columns.

use crate::domain::classification::Tallies;
use crate::domain::org::OrgId;
use crate::domain::rollup::RollupRow;
use crate::domain::rules::{Finding, Regulation, Rule};
use crate::domain::text::fold;
use crate::domain::IdMap;
use crate::domain::{Lang, Level};
use crate::service::api::{ClassList, ClassRow};
use std::collections::HashSet;

/// The rows of one year (the tree of that year, parents before children) and
/// the findings of that year's rulebook, indexed.
#[derive(Debug, Clone, Default)]
pub struct ClassData {
    pub year: i32,
    pub regulation: Option<Regulation>,
    /// The rules in force that year (which caps the footer shows).
    pub rules: Vec<Rule>,
    pub rows: Vec<ClassRow>,
    pub index: IdMap<usize>,
    /// One past the last row of each row's subtree.
    pub ends: Vec<usize>,
    /// fold(name) per row, for the `/` filter (filled by `ensure_folded`).
    pub folded: Vec<String>,
    pub findings: Vec<Finding>,
    /// Indices into `findings` by organisation.
    pub by_org: IdMap<Vec<usize>>,
    /// The organisation the rows hang under (the city), which has no row.
    pub root: Option<OrgId>,
    pub root_code: Option<String>,
}

impl ClassData {
    pub fn new(list: ClassList) -> ClassData {
        let mut d = ClassData {
            year: list.year,
            regulation: list.regulation,
            rules: list.rules,
            root: list.rows.first().and_then(|r| r.parent),
            root_code: Some(list.scope.clone()).filter(|c| !c.is_empty()),
            rows: list.rows,
            findings: list.findings,
            ..Default::default()
        };
        d.reindex();
        d
    }

    fn reindex(&mut self) {
        self.index = self.rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        self.folded.clear();
        self.ends = vec![0; self.rows.len()];
        // A row's subtree ends at the next row that is not deeper.
        let mut stack: Vec<usize> = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            while let Some(&top) = stack.last() {
                if self.rows[top].depth >= r.depth {
                    self.ends[top] = i;
                    stack.pop();
                } else {
                    break;
                }
            }
            stack.push(i);
        }
        for top in stack {
            self.ends[top] = self.rows.len();
        }
        self.index_findings();
    }

    /// Fold the names for the `/` filter (on first use: 21k names cost a few ms).
    pub fn ensure_folded(&mut self) {
        if self.folded.len() != self.rows.len() {
            self.folded = self.rows.iter().map(|r| fold(&r.name)).collect();
        }
    }

    fn index_findings(&mut self) {
        self.by_org.clear();
        for (i, f) in self.findings.iter().enumerate() {
            self.by_org.entry(f.org).or_default().push(i);
        }
    }

    pub fn row(&self, id: OrgId) -> Option<&ClassRow> {
        self.index.get(&id).map(|i| &self.rows[*i])
    }

    pub fn findings_of(&self, id: OrgId) -> impl Iterator<Item = &Finding> {
        self.by_org.get(&id).into_iter().flatten().map(|i| &self.findings[*i])
    }

    pub fn has_findings(&self, id: OrgId) -> bool {
        self.by_org.contains_key(&id)
    }

    /// The rows below `scope` (all rows for None or the root).
    pub fn scope_range(&self, scope: Option<OrgId>) -> std::ops::Range<usize> {
        match scope.and_then(|s| self.index.get(&s)) {
            Some(&i) => i + 1..self.ends[i],
            None => 0..self.rows.len(),
        }
    }

    /// The organisations whose rows and findings one entry on `id` can
    /// change: `id` itself, its parent (the parent's shares and collectives'
    /// cap count its children's levels) and the grassroots organisation above
    /// it (its members' tallies may be its cells' sum).
    pub fn touched_by(&self, id: OrgId) -> Vec<OrgId> {
        let mut out = vec![id];
        if let Some(p) = self.row(id).and_then(|r| r.parent) {
            out.push(p);
        }
        let mut cur = self.row(id).and_then(|r| r.parent);
        while let Some(r) = cur.and_then(|c| self.row(c)) {
            if r.kind.is_grassroots() {
                if !out.contains(&r.id) {
                    out.push(r.id);
                }
                break;
            }
            cur = r.parent;
        }
        out
    }

    /// The codes of `ids` as the service knows them (the root's too).
    pub fn codes_of(&self, ids: &[OrgId]) -> Option<Vec<String>> {
        ids.iter()
            .map(|id| match self.row(*id) {
                Some(r) => Some(r.code.clone()),
                None if Some(*id) == self.root => self.root_code.clone(),
                None => None,
            })
            .collect()
    }

    /// Take in refreshed rows and every finding on them (a `ClassificationRows`
    /// answer for organisations of this year). False when a row is not here or
    /// moved (the caller then reloads everything).
    pub fn update(&mut self, list: ClassList) -> bool {
        if list.year != self.year {
            return false;
        }
        let mut ids: HashSet<OrgId> = HashSet::with_capacity(list.rows.len());
        for new in &list.rows {
            match self.index.get(&new.id) {
                Some(&i) if self.rows[i].parent == new.parent && self.rows[i].depth == new.depth => {}
                None if Some(new.id) == self.root => {}
                _ => return false,
            }
            ids.insert(new.id);
        }
        if list.findings.iter().any(|f| !ids.contains(&f.org)) {
            return false;
        }
        for new in list.rows {
            if let Some(&i) = self.index.get(&new.id) {
                if self.folded.len() == self.rows.len() && self.rows[i].name != new.name {
                    self.folded[i] = fold(&new.name);
                }
                self.rows[i] = new;
            }
        }
        let before = self.findings.len();
        self.findings.retain(|f| !ids.contains(&f.org));
        if before == self.findings.len() && list.findings.is_empty() {
            return true;
        }
        self.findings.extend(list.findings);
        self.index_findings();
        true
    }

    /// The footer's figures for the rows below `scope`, rolled up by the domain.
    pub fn footer(&self, scope: Option<OrgId>) -> Footer {
        let range = self.scope_range(scope);
        let rows = self.rows[range.clone()].iter().map(|r| RollupRow {
            id: r.id,
            parent: r.parent,
            depth: r.depth,
            kind: r.kind,
            total_members: r.total_members,
            level: r.class.as_ref().map(|c| c.level),
            tallies: r.class.as_ref().and_then(|c| c.members.as_ref()),
        });
        let mut f = Footer::compute(rows, &self.rules);
        f.findings = self.findings.iter().filter(|x| self.in_scope(x.org, scope, &range)).count();
        f
    }

    /// Whether `id` is the scope itself or a row below it.
    pub fn in_scope(&self, id: OrgId, scope: Option<OrgId>, range: &std::ops::Range<usize>) -> bool {
        match scope {
            None => true,
            Some(s) if s == id => true,
            Some(_) => self.index.get(&id).is_some_and(|i| range.contains(i)),
        }
    }
}

pub use crate::domain::indicator::INDICATOR_PCT_LABEL;
pub use crate::domain::rollup::{Counts, Footer};

/// One pasted line's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PasteValue {
    Level(Level),
    Score(f64),
    Tallies(Tallies),
    LevelTallies(Level, Tallies),
    ScoreTallies(f64, Tallies),
}

impl PasteValue {
    pub fn level(&self) -> Option<Level> {
        match self {
            PasteValue::Level(l) | PasteValue::LevelTallies(l, _) => Some(*l),
            _ => None,
        }
    }

    pub fn score(&self) -> Option<f64> {
        match self {
            PasteValue::Score(s) | PasteValue::ScoreTallies(s, _) => Some(*s),
            _ => None,
        }
    }

    pub fn tallies(&self) -> Option<Tallies> {
        match self {
            PasteValue::Tallies(t) | PasteValue::LevelTallies(_, t) | PasteValue::ScoreTallies(_, t) => Some(*t),
            _ => None,
        }
    }
}

fn bad(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A score typed or pasted: 0-100, a decimal comma allowed.
pub fn parse_score(s: &str, lang: Lang) -> Result<f64, String> {
    let t = s.trim().replace(',', ".");
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=100.0).contains(&v) => Ok(v),
        Ok(_) => Err(bad(
            lang,
            format!("điểm {t} ngoài khoảng 0-100"),
            format!("score {t} is outside 0-100"),
        )),
        Err(_) => Err(bad(
            lang,
            format!("'{}' không phải là điểm", s.trim()),
            format!("'{}' is not a score", s.trim()),
        )),
    }
}

fn is_number(s: &str) -> bool {
    let t = s.trim().replace(',', ".");
    !t.is_empty() && t.parse::<f64>().is_ok()
}

fn one_value(cell: &str, scores: bool, lang: Lang) -> Result<PasteValue, String> {
    if let Some(l) = Level::parse(cell) {
        return Ok(PasteValue::Level(l));
    }
    if is_number(cell) {
        if !scores {
            return Err(bad(
                lang,
                format!("'{cell}' không phải mức xếp loại (1-4, HTXS/HTT/HT/KHT); năm này chưa chấm điểm"),
                format!("'{cell}' is not a level (1-4, HTXS/HTT/HT/KHT); this year has no scores"),
            ));
        }
        return parse_score(cell, lang).map(PasteValue::Score);
    }
    match Tallies::parse(cell) {
        Ok(t) => Ok(PasteValue::Tallies(t)),
        Err(_) => Err(bad(
            lang,
            format!("không đọc được '{cell}' (mức 1-4/HTXS/HTT/HT/KHT, điểm, hoặc 5 số HTXS,HTT,HT,KHT,KXL)"),
            format!("cannot read '{cell}' (level 1-4/HTXS/HTT/HT/KHT, a score, or 5 numbers HTXS,HTT,HT,KHT,n/r)"),
        )),
    }
}

fn tallies_of(cells: &[&str], lang: Lang) -> Result<Tallies, String> {
    Tallies::parse(&cells.join(",")).map_err(|e| bad(lang, format!("số đảng viên: {e}"), format!("members' tallies: {e}")))
}

/// Parse one pasted line: one cell (a level, a score from 2025, or five
/// numbers), five cells (tallies), or six (level or score, then tallies).
/// Cells are separated by tabs (a spreadsheet's copy).
pub fn parse_paste_line(line: &str, scores: bool, lang: Lang) -> Result<PasteValue, String> {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    let cells: Vec<&str> = match cells.iter().rposition(|c| !c.is_empty()) {
        Some(last) => cells[..=last].to_vec(),
        None => return Err(bad(lang, "ô trống".into(), "empty cell".into())),
    };
    if cells.iter().any(|c| c.is_empty()) {
        return Err(bad(lang, "ô trống giữa dòng".into(), "an empty cell inside the line".into()));
    }
    match cells.len() {
        1 => one_value(cells[0], scores, lang),
        5 => tallies_of(&cells, lang).map(PasteValue::Tallies),
        6 => {
            let t = tallies_of(&cells[1..], lang)?;
            match one_value(cells[0], scores, lang)? {
                PasteValue::Level(l) => Ok(PasteValue::LevelTallies(l, t)),
                PasteValue::Score(s) => Ok(PasteValue::ScoreTallies(s, t)),
                _ => Err(bad(
                    lang,
                    format!("'{}' không phải mức hay điểm", cells[0]),
                    format!("'{}' is not a level or a score", cells[0]),
                )),
            }
        }
        n => Err(bad(
            lang,
            format!("{n} cột: cần 1 (mức hoặc điểm), 5 (xếp loại đảng viên) hoặc 6"),
            format!("{n} columns: expected 1 (level or score), 5 (members' tallies) or 6"),
        )),
    }
}

/// The lines of a paste: line breaks of any platform (CR LF, LF, and the lone
/// CR most terminals send for a pasted line break), final empty lines dropped.
pub fn paste_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut rest = text.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        if c == '\r' || c == '\n' {
            lines.push(&text[start..i]);
            start = i + 1;
            if c == '\r' && rest.next_if(|(_, n)| *n == '\n').is_some() {
                start += 1;
            }
        }
    }
    lines.push(&text[start..]);
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pasted_cells() {
        let l = Lang::En;
        assert_eq!(parse_paste_line("HTT", false, l), Ok(PasteValue::Level(Level::Htt)));
        assert_eq!(parse_paste_line("2", true, l), Ok(PasteValue::Level(Level::Htt)));
        assert_eq!(parse_paste_line("85,5", true, l), Ok(PasteValue::Score(85.5)));
        assert!(parse_paste_line("85", false, l).unwrap_err().contains("no scores"));
        assert!(parse_paste_line("120", true, l).unwrap_err().contains("outside 0-100"));
        let t = Tallies {
            htxs: 1,
            htt: 10,
            ht: 3,
            kht: 0,
            not_rated: 2,
            not_rated_by: None,
        };
        assert_eq!(parse_paste_line("1\t10\t3\t0\t2", false, l), Ok(PasteValue::Tallies(t)));
        assert_eq!(parse_paste_line("1,10,3,0,2", false, l), Ok(PasteValue::Tallies(t)));
        assert_eq!(
            parse_paste_line("x\t1\t10\t3\t0\t2\t", false, l),
            Ok(PasteValue::LevelTallies(Level::Htxs, t))
        );
        assert!(parse_paste_line("tốt", false, l).unwrap_err().contains("cannot read"));
        assert!(parse_paste_line("", false, l).is_err());
        assert_eq!(paste_lines("a\r\nb\r\n\r\n"), vec!["a", "b"]);
        assert_eq!(paste_lines("a\rb\r\rc\r"), vec!["a", "b", "", "c"]);
        assert_eq!(paste_lines("a\nb\n\nđ"), vec!["a", "b", "", "đ"]);
    }
}
