//! The terminal shows what the app drew: the real binary in tmux walks the
//! register and the Xếp loại grid (many small frames, written by the backend
//! that fills short unchanged gaps instead of jumping over them, and lists
//! recentering when the selection leaves the view); after each walk the pane
//! must equal a whole frame of the same app state drawn in-process.
//! Skipped (with a note) when tmux is not installed.

mod common;

use common::tmux::Tmux;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;
use thuky::domain::Lang;
use thuky::tui::{App, TuiOptions};

const BIN: &str = env!("CARGO_BIN_EXE_thuky");
const W: u16 = 100;
const H: u16 = 30;

fn rows(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    v.resize(H as usize, String::new());
    v
}

fn drawn(app: &mut App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    let buf = t.backend().buffer();
    let text: String = (0..H)
        .map(|y| {
            let mut line = String::new();
            for x in 0..W {
                line.push_str(buf[(x, y)].symbol());
            }
            line + "\n"
        })
        .collect();
    rows(&text)
}

/// The pane once it stops changing.
fn settled(t: &Tmux) -> Vec<String> {
    let mut last = t.capture();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = t.capture();
        if now == last {
            return rows(&now);
        }
        last = now;
    }
}

fn press(t: &Tmux, app: &mut App, key: &str, times: usize) {
    for _ in 0..times {
        t.send(&[key]);
        let code = match key {
            "j" => KeyCode::Char('j'),
            "k" => KeyCode::Char('k'),
            "2" => KeyCode::Char('2'),
            "Enter" => KeyCode::Enter,
            other => panic!("{other}"),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn the_pane_equals_a_whole_frame_after_walking_the_lists() {
    let home = tempfile::tempdir().unwrap();
    let (demo, service) = common::small_demo();
    drop(service);
    let data = demo.path().to_path_buf();
    let Some(t) = Tmux::start("frames", home.path(), W, H) else {
        return;
    };
    t.type_text(&format!("NO_COLOR=1 {BIN} --data {}", data.display()));
    t.send(&["Enter"]);
    t.wait_for("Tổ chức", 30);
    // The same app, in-process, as a second client of the server the binary started.
    let backend = thuky::remote::connect(&data, Lang::Vi).expect("connect to the binary's server");
    let mut app = App::new(
        backend,
        TuiOptions {
            no_color: true,
            ..Default::default()
        },
    );
    let first = settled(&t);
    assert_eq!(first, drawn(&mut app), "the first frame");
    press(&t, &mut app, "Enter", 1);
    press(&t, &mut app, "j", 45);
    let walked = settled(&t);
    assert_ne!(walked, first, "the walk moved the view");
    assert_eq!(walked, drawn(&mut app), "the register after 45 steps down");
    press(&t, &mut app, "k", 30);
    assert_eq!(settled(&t), drawn(&mut app), "and 30 up");
    press(&t, &mut app, "2", 1);
    press(&t, &mut app, "j", 60);
    assert_eq!(settled(&t), drawn(&mut app), "the grid after 60 steps down");
}
