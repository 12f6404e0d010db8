//! Drawing the shell: the tab bar, the screen shown, the message line, the
//! hint bar of the active layer, and the popup over them.

use super::*;
use ratatui::layout::Rect;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

impl App {
    pub fn render(&mut self, f: &mut Frame) {
        self.load_year();
        let area = f.area();
        if area.width < 20 || area.height < 6 {
            f.buffer_mut()
                .set_stringn(area.x, area.y, "thuky: 80x24+", area.width as usize, self.ctx.theme.base());
            return;
        }
        self.render_tabs(f, Rect::new(area.x, area.y, area.width, 1));
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
        let ctx = &self.ctx;
        self.screens[self.current].render(f, body, ctx);
        self.render_message(f, Rect::new(area.x, area.bottom() - 2, area.width, 1));
        self.render_hints(f, Rect::new(area.x, area.bottom() - 1, area.width, 1));
        match &self.modal {
            None => {}
            Some(Modal::Welcome) => modals::welcome::render(f, body, &self.ctx),
            Some(Modal::Loading) => modals::welcome::render_loading(f, body, &self.ctx),
            Some(Modal::Help(ui)) => {
                let screen = &self.screens[self.current];
                let titles: Vec<&str> = self.screens.iter().map(|s| self.ctx.t(s.id().title())).collect();
                let max = modals::help::render(f, body, &self.ctx, screen.layers(), &titles, ui.scroll);
                self.help_max.set(max);
            }
            Some(Modal::Date(ui)) => ui.render(f, body, &self.ctx),
            Some(Modal::Search(ui)) => ui.render(f, body, &self.ctx, &self.search),
        }
    }

    /// The tab bar: each screen with the key that shows it from here ("1",
    /// or "Alt-1" where the digits are entry keys, as in the grid), and the
    /// year and date on the right (kept whole: the tabs are cut first).
    fn render_tabs(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        // The keys of the screen's own layer (a popup or an input over it
        // does not change what the tabs say).
        let layer = self.screens[self.current].layers().first().copied().unwrap_or(Layer::Global);
        let screen_keys: [Action; 9] = [
            Action::Screen1,
            Action::Screen2,
            Action::Screen3,
            Action::Screen4,
            Action::Screen5,
            Action::Screen6,
            Action::Screen7,
            Action::Screen8,
            Action::Screen9,
        ];
        let keys: Vec<String> = (0..self.screens.len())
            .map(|i| {
                screen_keys
                    .get(i)
                    .and_then(|a| self.ctx.keymap.reaching(layer, *a))
                    .map(|k| k.short())
                    .unwrap_or_default()
            })
            .collect();
        let tabs_of = |keys: &[String]| -> Vec<String> {
            self.screens
                .iter()
                .zip(keys)
                .enumerate()
                .map(|(i, (s, key))| {
                    let label = match key.is_empty() {
                        true => self.ctx.t(s.id().title()).to_string(),
                        false => format!("{key} {}", self.ctx.t(s.id().title())),
                    };
                    if i == self.current {
                        format!("[{label}]")
                    } else {
                        format!(" {label} ")
                    }
                })
                .collect()
        };
        let width_of = |head: &str, tabs: &[String]| head.width() + tabs.iter().map(|t| t.width() + 1).sum::<usize>();
        let mut head = format!(" {} │", self.ctx.t(T::AppName));
        let mut tabs = tabs_of(&keys);
        let mut right = String::new();
        if self.screens[self.current].year_bound() {
            let (year, at) = (self.ctx.year, i18n::date(self.ctx.at));
            // A date the clerk set says so: it stays when the year changes.
            let (as_of, pin) = match self.ctx.at_pinned {
                true => (T::AsOfPinned, "*"),
                false => (T::AsOf, ""),
            };
            right = format!("{} {year} · {} {at} ", self.ctx.t(T::Year), self.ctx.t(as_of));
            if width_of(&head, &tabs) + right.width() > area.width as usize {
                right = format!("{year}·{at}{pin} ");
            }
        }
        // Too wide with "Alt-1 … Alt-3": say "Alt-" once.
        if width_of(&head, &tabs) + right.width() > area.width as usize {
            if let Some(prefix) = keys.first().and_then(|k| k.strip_suffix('1')).filter(|p| !p.is_empty()) {
                if keys.iter().all(|k| k.starts_with(prefix)) {
                    let digits: Vec<String> = keys.iter().map(|k| k[prefix.len()..].to_string()).collect();
                    head.push_str(prefix);
                    tabs = tabs_of(&digits);
                }
            }
        }
        // The current tab cut off: the tabs before it give way ("…"), so the
        // screen shown is always named.
        let mut first = 0;
        let upto = (self.current + 1).min(tabs.len());
        while first < self.current && width_of(&head, &tabs[first..upto]) + 1 + right.width() > area.width as usize {
            first += 1;
        }
        if first > 0 {
            head.push('…');
        }
        let buf = f.buffer_mut();
        buf.set_style(area, th.base());
        let rw = (right.width() as u16).min(area.width);
        let end = area.right() - rw;
        let (mut x, _) = buf.set_stringn(area.x, area.y, &head, end.saturating_sub(area.x) as usize, th.title());
        // Tabs cut short keep a space before the year and date.
        let tabs_end = if rw > 0 { end.saturating_sub(1) } else { end };
        for (i, text) in tabs.iter().enumerate().skip(first) {
            let style = if i == self.current { th.tab_active() } else { th.tab() };
            let (nx, _) = buf.set_stringn(x, area.y, text, tabs_end.saturating_sub(x) as usize, style);
            x = (nx + 1).min(tabs_end);
        }
        buf.set_stringn(end, area.y, &right, rw as usize, th.label());
    }

    fn render_message(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        if let Some(m) = &self.ctx.message {
            let (text, style) = if m.error {
                (format!("✗ {}", m.text), th.error())
            } else {
                (format!("✓ {}", m.text), th.ok())
            };
            f.buffer_mut()
                .set_stringn(area.x, area.y, fit(&text, area.width as usize), area.width as usize, style);
        }
    }

    /// The hint bar: the main keys of the active layer (and, on a screen,
    /// the screen-number keys: "1-3", or "Alt-1…3" where the digits mean
    /// something else, as in the grid).
    fn render_hints(&self, f: &mut Frame, area: Rect) {
        let th = &self.ctx.theme;
        let Some(layer) = self.active_layer() else { return };
        let mut hints = self.ctx.keymap.hints(layer, self.ctx.lang);
        if !layer.is_input() {
            if let Some(k) = self.ctx.keymap.reaching(layer, Action::Screen1) {
                let n = self.screens.len();
                let keys = match k.short() {
                    one if one == "1" => format!("1-{n}"),
                    other => format!("{other}…{n}"),
                };
                hints.push((keys, self.ctx.t(T::HintScreens)));
            }
        }
        // The screen's own figures (e.g. the case counts) on the right, kept whole.
        let extra = match self.modal {
            None => self.screens[self.current].hint_extra(area.width as usize / 2, &self.ctx),
            Some(_) => None,
        };
        let ew = extra.as_ref().map_or(0, |e| e.width() as u16 + 1);
        let right = area.right().saturating_sub(ew);
        let buf = f.buffer_mut();
        if let Some(e) = &extra {
            buf.set_stringn(right + 1, area.y, e, e.width(), th.label());
        }
        let mut x = area.x;
        for (key, label) in hints {
            let w = key.width() + 1 + label.width() + 2;
            if x as usize + w > right as usize {
                break;
            }
            let (nx, _) = buf.set_stringn(x, area.y, &key, key.width(), th.key());
            let (nx, _) = buf.set_stringn(nx + 1, area.y, label, label.width(), th.dim());
            x = nx + 2;
        }
    }
}
