//! Random key presses, pastes and terminal sizes on the real App with the
//! Small demo data: whatever a clerk (or a cat on the keyboard) types, thuky
//! does not panic, and every frame draws, at any size down to a sliver.
//! Seeded, so a failure names a sequence that can be replayed.

mod common;

use common::tui::Drive;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use thuky::domain::Lang;
use thuky::service::api::Request;

const CHARS: &str = "0123456789xthkXTHKsdufvnc!/?qgGjkaArRmMX[]<>=-+.,:;éàạ đ\u{0301}";
const PASTES: [&str; 6] = [
    "HTT\nHTXS\nHT\n",
    "1\n2\n3\n4\n5\n",
    "5;40;10;0;3\n9 9 9 9 9\n",
    "91.5\n-3\n1e9\n",
    "",
    "\u{1b}[31mđỏ\u{7}\t\r\n",
];

fn random_key(rng: &mut ChaCha8Rng) -> KeyEvent {
    let code = match rng.gen_range(0..20) {
        0 => KeyCode::Enter,
        1 => KeyCode::Esc,
        2 => KeyCode::Tab,
        3 => KeyCode::BackTab,
        4 => KeyCode::Backspace,
        5 => KeyCode::Delete,
        6 => [KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right][rng.gen_range(0..4)],
        7 => [KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End][rng.gen_range(0..4)],
        8 => KeyCode::F(rng.gen_range(1..13)),
        _ => {
            let chars: Vec<char> = CHARS.chars().collect();
            KeyCode::Char(chars[rng.gen_range(0..chars.len())])
        }
    };
    let modifiers = match rng.gen_range(0..10) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::ALT,
        2 => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    // Never Ctrl-C or a plain `q`: the run would just end.
    match (code, modifiers) {
        (KeyCode::Char('c'), KeyModifiers::CONTROL) | (KeyCode::Char('q'), _) => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        _ => KeyEvent::new(code, modifiers),
    }
}

fn run(seed: u64, steps: usize, lang: Lang) {
    let mut app = common::tui::TuiApp::demo(lang, 2025);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sizes = [(100u16, 30u16), (80, 24), (40, 10), (12, 4), (1, 1), (200, 60)];
    let mut size = sizes[0];
    let mut log = Vec::new();
    for step in 0..steps {
        let what = rng.gen_range(0..100);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if what < 2 {
                let p = PASTES[rng.gen_range(0..PASTES.len())];
                log.push(format!("paste {p:?}"));
                app.handle_paste(p.to_string());
            } else if what < 4 {
                size = sizes[rng.gen_range(0..sizes.len())];
                log.push(format!("size {size:?}"));
            } else {
                let k = random_key(&mut rng);
                log.push(format!("{:?}+{:?}", k.modifiers, k.code));
                app.handle_key(k);
            }
            app.poll_background();
            if app.has_pending() {
                app.tick();
            }
            if step % 7 == 0 || what < 4 {
                app.draw(size.0, size.1);
            }
        }));
        if caught.is_err() {
            let tail = log.len().saturating_sub(40);
            panic!("seed {seed}, step {step}; the last inputs:\n{}", log[tail..].join("\n"));
        }
        assert!(!app.should_quit(), "seed {seed}: quit at step {step}");
    }
    if std::env::var("THUKY_FUZZ_SHOW").is_ok() {
        if let Ok(thuky::service::api::Response::AuditList(v)) = app.backend().call(Request::AuditList(Default::default())) {
            let mut actions: Vec<&str> = v.iter().map(|e| e.action.as_str()).collect();
            actions.sort();
            actions.dedup();
            eprintln!("seed {seed}: {} audited changes: {actions:?}", v.len());
        }
    }
}

/// `THUKY_FUZZ=N` runs N seeds per language (3 by default; a longer hunt than
/// CI's), `THUKY_FUZZ_SHOW=1` prints what each run changed in the store.
fn seeds(first: u64) -> std::ops::RangeInclusive<u64> {
    let more: u64 = std::env::var("THUKY_FUZZ").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    first..=first + more - 1
}

#[test]
fn random_keys_never_panic_vi() {
    for seed in seeds(1) {
        run(seed, 1500, Lang::Vi);
    }
}

#[test]
fn random_keys_never_panic_en() {
    for seed in seeds(1001) {
        run(seed, 1500, Lang::En);
    }
}
