//! Nhật ký: the audit log, newest first, told in the UI language; Enter
//! shows each field that changed (before → after). The log is filtered by
//! user, organisation and date range in the service, a page at a time.

pub mod model;
pub mod text;
mod view;

use super::{clamp_scroll, list_move, Screen, ScreenId};
use crate::domain::audit::AuditEntry;
use crate::service::api::{AuditQuery, Event, Request, Response};
use crate::tui::i18n::{self, T};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Layer};
use crate::tui::state::Ctx;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

/// How many entries the screen loads at a time (the next page when the
/// selection reaches the last one).
const LIMIT: usize = 500;

/// Which filter is being typed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    User,
    Org,
    Dates,
}

/// The log's filters, applied by the service.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub user: Option<String>,
    pub org: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// "người: lan · tổ chức: BD.01 · 01/12/2025–31/12/2025".
    fn text(&self, ctx: &Ctx) -> String {
        let mut parts = Vec::new();
        if let Some(u) = &self.user {
            parts.push(format!("{}: {u}", ctx.t(T::HintAuditUser)));
        }
        if let Some(o) = &self.org {
            parts.push(format!("{}: {o}", ctx.t(T::HintAuditOrg)));
        }
        if self.since.is_some() || self.until.is_some() {
            let d = |x: Option<NaiveDate>| x.map(i18n::date).unwrap_or_default();
            parts.push(format!("{}–{}", d(self.since), d(self.until)));
        }
        parts.join(" · ")
    }

    fn dates_text(&self) -> String {
        match (self.since, self.until) {
            (None, None) => String::new(),
            (a, b) => format!(
                "{}-{}",
                a.map(i18n::date).unwrap_or_default(),
                b.map(i18n::date).unwrap_or_default()
            ),
        }
    }
}

/// "01/12/2025-31/12/2025", "01/12/2025" (from that day), "-31/12/2025"
/// (up to it), "" (no dates). Dates as dd/mm/yyyy; the two parts split by
/// "-", "–", "..", or a space.
pub fn parse_dates(s: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let t = s.trim();
    if t.is_empty() {
        return Some((None, None));
    }
    let norm = t.replace("..", "|").replace(['–', '—', '-', ' '], "|");
    let parts: Vec<&str> = norm.split('|').map(str::trim).collect();
    let parts: Vec<&str> = match parts.as_slice() {
        [a] => vec![a],
        [a, b] => vec![a, b],
        // "a - b" split on both the spaces and the dash.
        _ => {
            let kept: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
            if kept.len() != 2 || !norm.starts_with(kept[0]) {
                return None;
            }
            kept
        }
    };
    let date = |x: &str| -> Option<Option<NaiveDate>> {
        if x.is_empty() {
            return Some(None);
        }
        NaiveDate::parse_from_str(x, "%d/%m/%Y").ok().map(Some)
    };
    let since = date(parts[0])?;
    let until = match parts.get(1) {
        Some(b) => date(b)?,
        None => None,
    };
    if since.is_none() && until.is_none() {
        return None;
    }
    if let (Some(a), Some(b)) = (since, until) {
        if a > b {
            return None;
        }
    }
    Some((since, until))
}

#[derive(Default)]
pub struct AuditScreen {
    entries: Vec<AuditEntry>,
    filter: Filter,
    /// The filter being typed.
    input: Option<(Field, TextInput)>,
    /// The last page was full: there may be more.
    more: bool,
    selected: usize,
    offset: usize,
    page: usize,
    stale: bool,
    loaded: bool,
    /// The entry shown in detail and its scroll.
    open: Option<usize>,
    scroll: usize,
}

impl AuditScreen {
    pub fn new() -> AuditScreen {
        AuditScreen {
            page: 10,
            stale: true,
            ..Default::default()
        }
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    fn query(&self, offset: usize, limit: usize) -> Request {
        Request::AuditList(AuditQuery {
            user: self.filter.user.clone(),
            org: self.filter.org.clone(),
            since: self.filter.since,
            until: self.filter.until,
            limit: Some(limit),
            offset: (offset > 0).then_some(offset),
        })
    }

    /// Load the first pages again (as many entries as were shown).
    fn load(&mut self, ctx: &mut Ctx) {
        let keep = self.entries.get(self.selected).map(|e| e.seq);
        let want = self.entries.len().max(LIMIT).div_ceil(LIMIT) * LIMIT;
        if let Some(Response::AuditList(mut list)) = ctx.call(self.query(0, want)) {
            list.sort_by_key(|e| std::cmp::Reverse(e.seq));
            self.more = list.len() >= want;
            self.entries = list;
            self.stale = false;
            self.loaded = true;
            self.selected = keep.and_then(|seq| self.entries.iter().position(|e| e.seq == seq)).unwrap_or(0);
        }
    }

    /// The next page, when the selection reached the last entry loaded.
    fn load_more(&mut self, ctx: &mut Ctx) {
        if !self.more || self.selected + 1 < self.entries.len() {
            return;
        }
        if let Some(Response::AuditList(mut list)) = ctx.call(self.query(self.entries.len(), LIMIT)) {
            list.sort_by_key(|e| std::cmp::Reverse(e.seq));
            self.more = list.len() >= LIMIT;
            let last = self.entries.last().map(|e| e.seq).unwrap_or(u64::MAX);
            self.entries.extend(list.into_iter().filter(|e| e.seq < last));
        }
    }

    fn set_filter(&mut self, filter: Filter, ctx: &mut Ctx) {
        if filter != self.filter {
            self.filter = filter;
            self.entries.clear();
            self.selected = 0;
            self.offset = 0;
            self.load(ctx);
        }
    }

    fn open_input(&mut self, field: Field) {
        let text = match field {
            Field::User => self.filter.user.clone().unwrap_or_default(),
            Field::Org => self.filter.org.clone().unwrap_or_default(),
            Field::Dates => self.filter.dates_text(),
        };
        self.input = Some((field, TextInput::new(&text)));
    }

    /// Enter on the filter being typed: apply it (a bad date range keeps it open).
    fn apply_input(&mut self, ctx: &mut Ctx) {
        let Some((field, input)) = self.input.clone() else { return };
        let text = input.text().trim().to_string();
        let value = (!text.is_empty()).then(|| text.clone());
        let mut f = self.filter.clone();
        match field {
            Field::User => f.user = value,
            Field::Org => f.org = value.map(|v| v.to_uppercase()),
            Field::Dates => match parse_dates(&text) {
                Some((a, b)) => {
                    f.since = a;
                    f.until = b;
                }
                None => {
                    ctx.error(format!("'{text}': {}", ctx.t(T::AuditFilterBadDates)));
                    return;
                }
            },
        }
        self.input = None;
        self.set_filter(f, ctx);
    }

    fn prompt_label(field: Field, ctx: &Ctx) -> &'static str {
        ctx.t(match field {
            Field::User => T::AuditFilterUserPrompt,
            Field::Org => T::AuditFilterOrgPrompt,
            Field::Dates => T::AuditFilterDatesPrompt,
        })
    }

    fn labels(ctx: &Ctx) -> model::Labels<'static> {
        let lang = ctx.lang;
        model::Labels {
            when: T::AuditWhen.get(lang),
            who: T::AuditWho.get(lang),
            action: T::AuditAction.get(lang),
            org: T::AuditOrg.get(lang),
            summary: T::AuditSummary.get(lang),
            changes: T::AuditChanges.get(lang),
            no_changes: T::AuditNoChanges.get(lang),
            lang,
        }
    }
}

impl Screen for AuditScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Audit
    }

    fn uses_tree(&self) -> bool {
        false
    }

    fn layer(&self) -> Layer {
        if self.input.is_some() {
            Layer::Filter
        } else if self.open.is_some() {
            Layer::AuditDetail
        } else {
            Layer::Audit
        }
    }

    fn layers(&self) -> &'static [Layer] {
        &[Layer::Audit, Layer::List, Layer::Global, Layer::AuditDetail, Layer::Filter]
    }

    fn typed(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> bool {
        match &mut self.input {
            Some((_, input)) => {
                input.handle_key(key);
                true
            }
            None => false,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Ctx) {
        if let Some((_, input)) = &mut self.input {
            input.paste(text.trim());
        }
    }

    fn activate(&mut self, ctx: &mut Ctx) {
        if self.stale {
            self.load(ctx);
        }
    }

    fn events(&mut self, _events: &[Event], visible: bool, ctx: &mut Ctx) {
        self.stale = true;
        if visible {
            self.load(ctx);
        }
    }

    fn action(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        if let Some((_, input)) = &mut self.input {
            match action {
                Action::FilterKeep => self.apply_input(ctx),
                // Esc clears the filter being typed.
                Action::FilterClear => {
                    input.set("");
                    self.apply_input(ctx);
                }
                _ => return false,
            }
            return true;
        }
        if self.open.is_some() {
            // The detail scrolls with the list keys.
            match action {
                Action::DetailClose => self.open = None,
                Action::Down => self.scroll += 1,
                Action::Up => self.scroll = self.scroll.saturating_sub(1),
                Action::PageDown => self.scroll += self.page,
                Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page),
                Action::Top => self.scroll = 0,
                _ => return false,
            }
            return true;
        }
        if list_move(action, &mut self.selected, self.entries.len(), self.page) {
            self.load_more(ctx);
            return true;
        }
        match action {
            Action::Open if !self.entries.is_empty() => {
                self.open = Some(self.selected);
                self.scroll = 0;
            }
            Action::AuditFilterUser => self.open_input(Field::User),
            Action::AuditFilterOrg => self.open_input(Field::Org),
            Action::AuditFilterDates => self.open_input(Field::Dates),
            Action::AuditFilterClear => self.set_filter(Filter::default(), ctx),
            _ => return false,
        }
        true
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let filter = (!self.filter.is_empty()).then(|| self.filter.text(ctx));
        let inner = view::frame(f, area, filter.as_deref(), ctx);
        if inner.height < 3 {
            return;
        }
        if let Some((field, input)) = &self.input {
            view::prompt(f, inner, Self::prompt_label(*field, ctx), input, ctx);
        }
        let inner = match self.input {
            Some(_) => Rect {
                height: inner.height - 1,
                ..inner
            },
            None => inner,
        };
        if self.entries.is_empty() {
            view::empty(f, inner, filter.is_some(), ctx);
            return;
        }
        let height = inner.height as usize - 1;
        self.page = height.max(1);
        clamp_scroll(&mut self.selected, &mut self.offset, self.entries.len(), height);
        let labels = Self::labels(ctx);
        // A new parent's or a merge's target's code, from the tree shown.
        let codes = |id| ctx.codes.get(&id).cloned();
        let m = model::log(
            &self.entries,
            &labels,
            &codes,
            inner.width as usize,
            self.selected,
            self.offset,
            height,
        );
        view::log(f, inner, &m, ctx);
        if let Some(e) = self.open.and_then(|i| self.entries.get(i)) {
            view::detail(f, area, e.seq, &model::detail(e, &labels, &codes), self.scroll, ctx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_as_typed() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_dates("01/12/2025-31/12/2025"), Some((d(2025, 12, 1), d(2025, 12, 31))));
        assert_eq!(parse_dates("01/12/2025 - 31/12/2025"), Some((d(2025, 12, 1), d(2025, 12, 31))));
        assert_eq!(parse_dates("01/12/2025..31/12/2025"), Some((d(2025, 12, 1), d(2025, 12, 31))));
        assert_eq!(parse_dates("01/12/2025"), Some((d(2025, 12, 1), None)));
        assert_eq!(parse_dates("-31/12/2025"), Some((None, d(2025, 12, 31))));
        assert_eq!(parse_dates(""), Some((None, None)));
        assert_eq!(parse_dates("31/12/2025-01/12/2025"), None, "the end before the start");
        assert_eq!(parse_dates("hôm qua"), None);
        assert_eq!(parse_dates("31/02/2025"), None);
    }
}
