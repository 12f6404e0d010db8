//! The one harness of the terminal UI tests: a fixture app (a fixed register
//! written straight into the store, or the Small demo data), a key DSL
//! (`app.keys("jj<right><enter>")`), drawing into ratatui's TestBackend and
//! insta snapshots (`insta::assert_snapshot!(name, app.draw(80, 24))` in a
//! test file names them `<test file>__<name>` in tests/snapshots).
//!
//! Key DSL: plain characters are typed as they are (an upper-case letter with
//! Shift); `<...>` names a key: `<enter> <esc> <tab> <backtab> <bs> <del>
//! <up> <down> <left> <right> <home> <end> <pgup> <pgdn> <space> <f1>`,
//! `<c-u>` (Ctrl), `<a-1>` (Alt), `<lt>` for a literal `<`.

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use thuky::domain::org::{Change, Org, OrgEvent};
use thuky::domain::{Classification, Lang, Level, OrgKind, Tallies};
use thuky::service::backend::{Backend, Local};
use thuky::service::Service;
use thuky::store::{Put, Store};
use thuky::tui::keymap::Key;
use thuky::tui::screens::ScreenId;
use thuky::tui::{App, TuiOptions};

/// The two terminal sizes every screen is checked at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
pub const LANGS: [Lang; 2] = [Lang::Vi, Lang::En];

pub fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// Parse the key DSL into key events.
pub fn parse_keys(dsl: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = dsl;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>').filter(|e| *e > 1) {
                out.push(named_key(&rest[1..end]));
                rest = &rest[end + 1..];
                continue;
            }
        }
        let m = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        out.push(KeyEvent::new(KeyCode::Char(c), m));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn named_key(name: &str) -> KeyEvent {
    let spec = match name.to_ascii_lowercase().as_str() {
        "lt" => "<".to_string(),
        "gt" => ">".to_string(),
        "bs" => "backspace".to_string(),
        "pgup" | "pgdn" | "del" => name.to_string(),
        "s-tab" => "backtab".to_string(),
        _ => name.replacen("c-", "ctrl-", 1).replacen("a-", "alt-", 1),
    };
    let k = Key::parse(&spec).unwrap_or_else(|| panic!("the key DSL does not know <{name}>"));
    let mut m = KeyModifiers::NONE;
    if k.ctrl {
        m |= KeyModifiers::CONTROL;
    }
    if k.alt {
        m |= KeyModifiers::ALT;
    }
    if matches!(k.code, KeyCode::Char(c) if c.is_uppercase()) {
        m |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(k.code, m)
}

/// Driving and drawing the App (also through `&mut App` in helpers).
pub trait Drive {
    /// Press the keys of the DSL, in order.
    fn keys(&mut self, dsl: &str) -> &mut Self;
    /// Draw into a `w` x `h` test terminal: one line per row, right-trimmed.
    fn draw(&mut self, w: u16, h: u16) -> String;
    /// The message line as shown ("✓ …" or "✗ …"; empty when none).
    fn msg(&self) -> String;
    /// The hint bar (the last row) at a width.
    fn hint_bar(&mut self, w: u16) -> String;
    /// Tab backwards to screen `id`.
    fn goto(&mut self, id: ScreenId) -> &mut Self;
}

impl Drive for App {
    fn keys(&mut self, dsl: &str) -> &mut Self {
        for k in parse_keys(dsl) {
            self.handle_key(k);
        }
        self
    }

    fn draw(&mut self, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| self.render(f)).unwrap();
        let buf = term.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn msg(&self) -> String {
        self.message()
            .map(|m| format!("{}{}", if m.error { "✗ " } else { "✓ " }, m.text))
            .unwrap_or_default()
    }

    fn hint_bar(&mut self, w: u16) -> String {
        self.draw(w, 30).lines().last().unwrap_or_default().to_string()
    }

    fn goto(&mut self, id: ScreenId) -> &mut Self {
        let n = self.screen_ids().len();
        for _ in 0..=n {
            if self.current_screen() == id {
                return self;
            }
            // Shift-Tab changes screens on every screen (Tab is an entry key in the grid).
            self.keys("<backtab>");
        }
        panic!("no {id:?} screen");
    }
}

/// An App over a temporary data directory (kept as long as the app).
pub struct TuiApp {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl Deref for TuiApp {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for TuiApp {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Options as the tests use them: no colours, a fixed today, the key file in `dir`.
pub fn options(lang: Lang, dir: &Path, today: NaiveDate, year: i32) -> TuiOptions {
    TuiOptions {
        lang,
        config_path: Some(dir.join("keys.toml")),
        log_dir: None,
        today: Some(today),
        year: Some(year),
        demo_scale: Some(thuky::demo::Scale::Small),
        no_color: true,
    }
}

/// The service on `dir`, retried while sled still holds a lock just released.
pub fn open_backend(dir: &Path) -> Box<dyn Backend> {
    // Audit times are shown in local time: fix the zone for the snapshots.
    std::env::set_var("TZ", "UTC");
    for _ in 0..100 {
        if let Ok(s) = Service::open(dir) {
            return Box::new(Local::new(s, "thu.ky"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Box::new(Local::new(Service::open(dir).unwrap(), "thu.ky"))
}

/// Which fixed register a fixture app starts on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fixture {
    /// The city, three superior committees, grassroots organisations and
    /// cells; 2024 levels for some (the register screens' snapshots).
    Register,
    /// The same without the sector committee, 2024 levels with members'
    /// tallies, one of which does not add up (the grid's snapshots).
    Classified,
}

impl TuiApp {
    /// A fixed register, the App on year 2024 with today 15/03/2025.
    pub fn fixture(lang: Lang) -> TuiApp {
        TuiApp::fixture_of(Fixture::Register, lang, day(2025, 3, 15), 2024)
    }

    pub fn fixture_of(which: Fixture, lang: Lang, today: NaiveDate, year: i32) -> TuiApp {
        let dir = tempfile::tempdir().unwrap();
        write_fixture(dir.path(), which);
        TuiApp::open(dir, lang, today, year)
    }

    /// The Small demo data (classified 2019-2025), today 15/03/2026.
    pub fn demo(lang: Lang, year: i32) -> TuiApp {
        std::env::set_var("TZ", "UTC");
        let (dir, s) = super::small_demo();
        let app = App::new(Box::new(Local::new(s, "thu.ky")), options(lang, dir.path(), day(2026, 3, 15), year));
        TuiApp { app, dir }
    }

    /// An empty data directory (the App offers the demo data).
    pub fn empty(lang: Lang) -> TuiApp {
        TuiApp::open(tempfile::tempdir().unwrap(), lang, day(2025, 3, 15), 2024)
    }

    /// The App on an existing directory.
    pub fn open(dir: tempfile::TempDir, lang: Lang, today: NaiveDate, year: i32) -> TuiApp {
        let app = App::new(open_backend(dir.path()), options(lang, dir.path(), today, year));
        TuiApp { app, dir }
    }

    /// Close the App and open it again on the same directory (e.g. after
    /// writing a key file).
    pub fn reopen(self, lang: Lang, today: NaiveDate, year: i32) -> TuiApp {
        let TuiApp { app, dir } = self;
        drop(app);
        TuiApp::open(dir, lang, today, year)
    }
}

/// Write one of the fixed registers straight into the store.
pub fn write_fixture(dir: &Path, which: Fixture) {
    let store = Store::open(&thuky::service::store_dir(dir)).unwrap();
    let rec = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    #[allow(clippy::type_complexity)]
    let mut rows: Vec<(u32, &str, OrgKind, &str, Option<u32>, u32)> = vec![
        (1, "HN", OrgKind::City, "Đảng bộ Thành phố Hà Nội", None, 0),
        (2, "BD", OrgKind::Superior, "Đảng bộ phường Ba Đình", Some(1), 0),
        (3, "HK", OrgKind::Superior, "Đảng bộ phường Hoàn Kiếm", Some(1), 0),
        (4, "KCQ", OrgKind::Superior, "Đảng bộ Khối các cơ quan Thành phố", Some(1), 0),
        (
            5,
            "BD.01",
            OrgKind::GrassrootsCommittee,
            "Đảng bộ Cơ quan phường Ba Đình",
            Some(2),
            12,
        ),
        (6, "BD.01.01", OrgKind::Cell, "Chi bộ Khu dân cư số 1", Some(5), 25),
        (7, "BD.01.02", OrgKind::Cell, "Chi bộ Khu dân cư số 2", Some(5), 31),
        (8, "BD.02", OrgKind::GrassrootsCell, "Chi bộ Trường THCS Ba Đình", Some(2), 18),
        (9, "HK.01", OrgKind::GrassrootsCommittee, "Đảng bộ phường Hàng Bạc", Some(3), 40),
        (10, "HK.02", OrgKind::GrassrootsCell, "Chi bộ Bệnh viện Việt Đức", Some(3), 22),
        (11, "KCQ.01", OrgKind::GrassrootsCell, "Chi bộ Sở Tư pháp", Some(4), 15),
    ];
    if which == Fixture::Classified {
        rows.retain(|r| r.1 != "KCQ" && r.1 != "KCQ.01");
    }
    let mut puts = Vec::new();
    for (id, code, kind, name, parent, members) in rows {
        let org = Org {
            id,
            code: code.to_string(),
            kind,
            founding_ref: format!("{}-QĐ/TU", 100 + id),
            founding_date: Some(day(2020, 1, 1)),
            events: vec![OrgEvent {
                effective: day(2020, 1, 1),
                change: Change::Found {
                    name: name.to_string(),
                    parent,
                    members,
                },
                decision: None,
                recorded: rec,
                by: "fixture".into(),
            }],
            version: 1,
        };
        puts.push(Put::org(&org));
        puts.push(Put::code(code, id));
    }
    let t = |a, b, c, d, e| {
        Some(Tallies {
            htxs: a,
            htt: b,
            ht: c,
            kht: d,
            not_rated: e,
            not_rated_by: None,
        })
    };
    let classes = match which {
        Fixture::Register => vec![
            (2, Level::Htt, None),
            (5, Level::Htxs, None),
            (6, Level::Htt, None),
            (7, Level::Ht, None),
            (8, Level::Kht, None),
            (9, Level::Htt, None),
        ],
        Fixture::Classified => vec![
            (2, Level::Htt, None),
            (5, Level::Htxs, t(10, 40, 10, 1, 7)),
            (6, Level::Htt, None),
            (7, Level::Ht, None),
            (8, Level::Kht, t(1, 10, 5, 1, 1)),
            (9, Level::Htxs, t(4, 30, 4, 0, 1)),
        ],
    };
    for (org, level, members) in classes {
        puts.push(Put::class(&Classification {
            org,
            year: 2024,
            level,
            score: None,
            members,
            decision: None,
            decided: None,
            note: None,
            by: "fixture".into(),
            at: rec,
            version: 1,
        }));
    }
    let mut audit = thuky::domain::audit::AuditEntry {
        seq: 0,
        at: rec,
        user: "fixture".into(),
        action: "fixture.load".into(),
        org: None,
        year: None,
        summary: "test register".into(),
        before: None,
        after: None,
    };
    store.bulk(puts, &mut audit).unwrap();
}

/// Timestamps of audit entries written now are masked.
pub fn mask_now(s: &str) -> String {
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let mut out = s.replace(&today, "DD/MM/YYYY");
    // hh:mm after the masked date
    while let Some(i) = out.find("DD/MM/YYYY ") {
        let j = i + "DD/MM/YYYY ".len();
        if out.len() >= j + 5 && out.as_bytes()[j + 2] == b':' {
            out.replace_range(j..j + 5, "hh:mm");
        }
        out.replace_range(i..i + 10, "dd/mm/yyyy");
    }
    out
}
