//! The terminal front end (ratatui + crossterm), made for clerks over SSH:
//! redraws only on change, no mouse capture, bracketed paste, 16 colours or
//! none (NO_COLOR), terminal restored on panic, SIGTERM and SIGHUP, and a
//! prompt exit when the link drops. Talks to the service only through
//! `Box<dyn Backend>`.

pub mod app;
pub mod i18n;
pub mod keymap;
pub mod modals;
pub mod screens;
pub mod search;
pub mod state;
mod term_backend;
mod term_pen;
pub mod theme;
pub mod widgets;

pub use widgets::input;

pub use app::App;

use crate::domain::Lang;
use crate::service::backend::Backend;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent};
use crossterm::execute;
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    pub lang: Lang,
    /// The key configuration (default: the platform config dir's thuky/keys.toml).
    pub config_path: Option<PathBuf>,
    /// Where the log file goes (default: the platform data dir's thuky/logs).
    pub log_dir: Option<PathBuf>,
    /// "Today" for the as-of date and the forms' default dates (tests fix it).
    pub today: Option<chrono::NaiveDate>,
    /// The selected year at start (default: the last classified year).
    pub year: Option<i32>,
    /// What the empty-store offer loads (default: Hanoi).
    pub demo_scale: Option<crate::demo::Scale>,
    /// Draw without colours even if NO_COLOR is not set.
    pub no_color: bool,
}

/// How long the loop waits for input before looking at events and signals.
const IDLE_POLL: Duration = Duration::from_millis(300);
/// While a search answer is awaited.
const BUSY_POLL: Duration = Duration::from_millis(15);

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn init_logging(dir: Option<PathBuf>) {
    let dir = dir.or_else(|| directories::ProjectDirs::from("vn", "thuky", "thuky").map(|d| d.data_local_dir().join("logs")));
    let Some(dir) = dir else { return };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("tui.log")) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("THUKY_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

/// Whether the terminal on stdin has hung up (the SSH link dropped).
fn hung_up() -> bool {
    // SAFETY: isatty and poll on fd 0 with a one-element array; a zero timeout
    // only asks for the current state (input itself is read elsewhere).
    unsafe {
        if libc::isatty(0) != 1 {
            return false;
        }
        let mut fds = [libc::pollfd {
            fd: 0,
            events: 0,
            revents: 0,
        }];
        if libc::poll(fds.as_mut_ptr(), 1, 0) < 0 {
            return false;
        }
        fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}

/// Run the terminal UI until the clerk quits, a signal arrives or the link drops.
pub fn run(backend: Box<dyn Backend>, opts: TuiOptions) -> anyhow::Result<()> {
    init_logging(opts.log_dir.clone());
    tracing::info!(user = backend.user(), "tui start");
    let mut app = App::new(backend, opts);

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(sig, stop.clone())?;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));

    enable_raw_mode()?;
    let mut stdout = std::io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(e.into());
    }
    let result = event_loop(&mut app, &stop);
    restore_terminal();
    let _ = std::panic::take_hook();
    tracing::info!(?result, "tui end");
    result
}

fn event_loop(app: &mut App, stop: &Arc<AtomicBool>) -> anyhow::Result<()> {
    let mut terminal = ratatui::Terminal::new(term_backend::Coalescing::new(std::io::stdout()))?;
    terminal.clear()?;
    // Input on its own thread: the loop then also wakes for signals, events and
    // search answers, and a dead terminal cannot hold it.
    let (tx, rx) = mpsc::channel::<std::io::Result<TermEvent>>();
    let input_stop = stop.clone();
    let quit_input = Arc::new(AtomicBool::new(false));
    let quit_flag = quit_input.clone();
    std::thread::Builder::new().name("thuky-input".into()).spawn(move || {
        while !input_stop.load(Ordering::Relaxed) && !quit_flag.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(500)) {
                Ok(true) => {
                    let ev = event::read();
                    let failed = ev.is_err();
                    if tx.send(ev).is_err() || failed {
                        return;
                    }
                }
                Ok(false) => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
    })?;
    let test_panic = std::env::var_os("THUKY_TEST_PANIC").is_some();
    let mut frames = 0u64;
    let outcome = loop {
        if app.dirty {
            app.dirty = false;
            if let Err(e) = terminal.draw(|f| app.render(f)) {
                tracing::warn!(error = %e, "cannot draw; the terminal is gone");
                break Ok(());
            }
            frames += 1;
            if test_panic && frames == 1 {
                panic!("THUKY_TEST_PANIC: panic after the first frame");
            }
        }
        if app.has_pending() {
            app.tick();
            continue;
        }
        let timeout = if app.search_pending() { BUSY_POLL } else { IDLE_POLL };
        let mut got = rx.recv_timeout(timeout);
        loop {
            match got {
                Ok(Ok(TermEvent::Key(k))) => app.handle_key(k),
                Ok(Ok(TermEvent::Paste(s))) => app.handle_paste(s),
                Ok(Ok(TermEvent::Resize(_, _))) => app.dirty = true,
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    tracing::info!(error = %e, "input failed; the link dropped");
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
            if app.should_quit() {
                break;
            }
            // Take whatever else is queued (a burst of keys) before drawing.
            got = match rx.try_recv() {
                Ok(v) => Ok(v),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => Err(mpsc::RecvTimeoutError::Disconnected),
            };
        }
        app.poll_background();
        if app.should_quit() {
            break Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            tracing::info!("signal or hang-up: leaving");
            break Ok(());
        }
        if hung_up() {
            tracing::info!("terminal hung up: leaving");
            break Ok(());
        }
    };
    quit_input.store(true, Ordering::Relaxed);
    outcome
}
