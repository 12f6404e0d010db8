//! The blocking client: a std `UnixStream`, a reader thread that splits the
//! answers (matched by request id) from pushed events, and auto-start of a
//! detached server when none answers.

use super::proto::{read_frame, write_frame, ClientHello, ClientMsg, ServerHello, ServerMsg};
use super::{log_path, socket_path};
use crate::domain::Lang;
use crate::service::api::{Event, Request, Response, Role};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};
use std::ffi::OsString;
use std::io;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Events kept for a front end that does not poll; beyond this they collapse into `Reloaded`.
const MAX_PENDING_EVENTS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub lang: Lang,
    /// Start a detached server when none answers.
    pub autostart: bool,
    /// Program and arguments that start a detached server for the data
    /// directory; default: this executable with `--data DIR serve --detached`.
    pub server_command: Option<Vec<OsString>>,
    /// How long to wait for a server that was just started.
    pub wait: Duration,
}

impl ConnectOptions {
    pub fn new(lang: Lang) -> ConnectOptions {
        ConnectOptions {
            lang,
            autostart: true,
            server_command: None,
            wait: Duration::from_secs(8),
        }
    }
}

/// Connect to the server for `data_dir`, starting one detached if none answers.
pub fn connect(data_dir: &Path, lang: Lang) -> Result<Box<dyn Backend>, ServiceError> {
    Ok(Box::new(connect_with(data_dir, ConnectOptions::new(lang))?))
}

pub fn connect_with(data_dir: &Path, opts: ConnectOptions) -> Result<Remote, ServiceError> {
    let data_dir = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let events = Arc::new(Mutex::new(Vec::new()));
    let (link, hello) = establish(&data_dir, &opts, events.clone())?;
    Ok(Remote {
        data_dir,
        opts,
        link: Some(link),
        user: hello.user,
        role: hello.role,
        scope: hello.scope,
        next_id: 1,
        events,
    })
}

/// A connection to the server, as a [`Backend`].
pub struct Remote {
    data_dir: PathBuf,
    opts: ConnectOptions,
    link: Option<Link>,
    user: String,
    role: Option<Role>,
    scope: Option<String>,
    next_id: u64,
    events: Arc<Mutex<Vec<Event>>>,
}

// Nearly every message is a reply: boxing it would add an allocation to
// each one to shrink the rare others.
#[allow(clippy::large_enum_variant)]
enum Incoming {
    Reply(u64, Result<Response, ServiceError>),
    Closed(String),
}

struct Link {
    stream: UnixStream,
    replies: mpsc::Receiver<Incoming>,
    alive: Arc<AtomicBool>,
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

fn msg(lang: Lang, vi: String, en: String) -> (Lang, String, String) {
    (lang, vi, en)
}

fn protocol(e: (Lang, String, String)) -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, e.1, e.2)
}

impl Remote {
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn reconnect(&mut self) -> Result<(), ServiceError> {
        self.link = None;
        let (link, hello) = establish(&self.data_dir, &self.opts, self.events.clone())?;
        // Changes made while disconnected were not pushed: tell the front end to reload.
        self.user = hello.user;
        self.role = hello.role;
        self.scope = hello.scope;
        push_event(&self.events, Event::Reloaded);
        self.link = Some(link);
        Ok(())
    }

    fn send(&mut self, body: &[u8]) -> io::Result<()> {
        let link = self
            .link
            .as_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "not connected"))?;
        if !link.alive.load(Ordering::SeqCst) {
            return Err(io::Error::new(io::ErrorKind::NotConnected, "connection closed"));
        }
        write_frame(&mut link.stream, body)
    }

    /// The answer to `id`; `Err(why)` if the connection was lost first.
    fn wait(&mut self, id: u64) -> Result<Result<Response, ServiceError>, String> {
        let Some(link) = self.link.as_ref() else {
            return Err("not connected".into());
        };
        loop {
            match link.replies.recv() {
                Ok(Incoming::Reply(rid, result)) if rid == id => return Ok(result),
                // The server could not read the request at all.
                Ok(Incoming::Reply(0, Err(e))) => return Ok(Err(e)),
                Ok(Incoming::Reply(..)) => continue,
                Ok(Incoming::Closed(why)) => return Err(why),
                Err(_) => return Err("connection closed".into()),
            }
        }
    }

    fn lost(&self, why: &str, write: bool) -> ServiceError {
        let l = self.opts.lang;
        if write {
            protocol(msg(
                l,
                format!("mất kết nối với máy chủ khi đang chờ trả lời ({why}); thay đổi có thể đã được lưu hoặc chưa: hãy xem lại (thuky log) trước khi làm lại"),
                format!("the connection to the server was lost while waiting for the answer ({why}); the change may or may not have been saved: check it (thuky log) before repeating it"),
            ))
        } else {
            protocol(msg(
                l,
                format!("mất kết nối với máy chủ ({why})"),
                format!("the connection to the server was lost ({why})"),
            ))
        }
    }
}

fn push_event(events: &Mutex<Vec<Event>>, e: Event) {
    let mut v = events.lock().unwrap_or_else(|p| p.into_inner());
    if v.len() >= MAX_PENDING_EVENTS {
        v.clear();
        v.push(Event::Reloaded);
    }
    v.push(e);
}

impl Backend for Remote {
    fn call(&mut self, request: Request) -> Result<Response, ServiceError> {
        let write = request.is_write();
        let id = self.next_id;
        self.next_id += 1;
        let body =
            serde_json::to_vec(&ClientMsg { id, request }).map_err(|e| protocol(msg(self.opts.lang, e.to_string(), e.to_string())))?;
        // A frame that could not be written whole never reached the server: safe to resend once.
        let dead = self.link.as_ref().is_none_or(|l| !l.alive.load(Ordering::SeqCst));
        if dead || self.send(&body).is_err() {
            self.reconnect()?;
            if let Err(e) = self.send(&body) {
                self.link = None;
                return Err(self.lost(&e.to_string(), false));
            }
        }
        match self.wait(id) {
            Ok(answer) => answer,
            Err(why) => {
                self.link = None;
                if write {
                    return Err(self.lost(&why, true));
                }
                // A read can simply be asked again.
                self.reconnect()?;
                self.send(&body).map_err(|e| self.lost(&e.to_string(), false))?;
                self.wait(id).unwrap_or_else(|why| Err(self.lost(&why, false)))
            }
        }
    }

    fn events(&mut self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn user(&self) -> &str {
        &self.user
    }
}

fn reader(mut stream: UnixStream, replies: mpsc::Sender<Incoming>, events: Arc<Mutex<Vec<Event>>>, alive: Arc<AtomicBool>) {
    let why = loop {
        match read_frame(&mut stream) {
            Ok(None) => break "the server closed the connection".to_string(),
            Err(e) => break e.to_string(),
            Ok(Some(buf)) => match serde_json::from_slice::<ServerMsg>(&buf) {
                Ok(ServerMsg::Reply { id, result }) => {
                    if replies.send(Incoming::Reply(id, result)).is_err() {
                        break "client gone".into();
                    }
                }
                Ok(ServerMsg::Event { event }) => push_event(&events, event),
                Err(e) => {
                    tracing::warn!("unreadable message from the server: {e}");
                    continue;
                }
            },
        }
    };
    alive.store(false, Ordering::SeqCst);
    let _ = replies.send(Incoming::Closed(why));
}

/// Connect (starting a server if none answers) and shake hands.
fn establish(data_dir: &Path, opts: &ConnectOptions, events: Arc<Mutex<Vec<Event>>>) -> Result<(Link, ServerHello), ServiceError> {
    let sock = socket_path(data_dir);
    let l = opts.lang;
    let deadline = Instant::now() + opts.wait;
    loop {
        let stream = match UnixStream::connect(&sock) {
            Ok(s) => s,
            Err(e) if opts.autostart && matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused) => {
                start_and_connect(data_dir, opts)?
            }
            Err(e) => return Err(unreachable(l, &sock, &e)),
        };
        match handshake(stream, l, events.clone()) {
            Ok(x) => return Ok(x),
            // The server went away in the middle of the handshake (it was stopping or
            // had just been killed): try again, a new one may be starting.
            Err((true, _)) if opts.autostart && Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err((_, e)) => return Err(e),
        }
    }
}

fn unreachable(l: Lang, sock: &Path, e: &io::Error) -> ServiceError {
    let s = sock.display();
    if e.kind() == io::ErrorKind::PermissionDenied {
        return protocol(msg(
            l,
            format!("không vào được máy chủ thuky ở {s}: không có quyền; nhờ quản trị viên thêm bạn vào nhóm của thư mục dữ liệu (usermod -aG thuky TÊN)"),
            format!("cannot reach the thuky server at {s}: permission denied; ask the administrator to add you to the data directory's group (usermod -aG thuky NAME)"),
        ));
    }
    protocol(msg(
        l,
        format!("không kết nối được máy chủ thuky ở {s} ({e}); nhờ quản trị viên khởi động nó: systemctl start thuky"),
        format!("cannot connect to the thuky server at {s} ({e}); ask the administrator to start it: systemctl start thuky"),
    ))
}

/// Shake hands; an error is `(true, _)` when the link failed (worth retrying)
/// and `(false, _)` when the server refused.
fn handshake(stream: UnixStream, l: Lang, events: Arc<Mutex<Vec<Event>>>) -> Result<(Link, ServerHello), (bool, ServiceError)> {
    let io_err = |e: io::Error| {
        (
            true,
            protocol(msg(
                l,
                format!("bắt tay với máy chủ thất bại: {e}"),
                format!("handshake with the server failed: {e}"),
            )),
        )
    };
    let mut s = stream;
    s.set_read_timeout(Some(Duration::from_secs(15))).map_err(io_err)?;
    let hello = serde_json::to_vec(&ClientHello::current()).expect("hello serialises");
    write_frame(&mut s, &hello).map_err(io_err)?;
    let Some(buf) = read_frame(&mut s).map_err(io_err)? else {
        return Err(io_err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        )));
    };
    let answer: ServerHello = serde_json::from_slice(&buf).map_err(|e| {
        (
            false,
            protocol(msg(
                l,
                format!("máy chủ trả lời không đọc được ({e}); có thể máy chủ khác phiên bản: systemctl restart thuky"),
                format!("unreadable answer from the server ({e}); it may be a different version: systemctl restart thuky"),
            )),
        )
    })?;
    if !answer.ok {
        return Err((
            false,
            answer
                .error
                .clone()
                .unwrap_or_else(|| protocol(msg(l, "máy chủ từ chối kết nối".into(), "the server refused the connection".into()))),
        ));
    }
    s.set_read_timeout(None).map_err(io_err)?;
    let (tx, rx) = mpsc::channel();
    let alive = Arc::new(AtomicBool::new(true));
    let reading = s.try_clone().map_err(io_err)?;
    {
        let (events, alive) = (events.clone(), alive.clone());
        std::thread::Builder::new()
            .name("thuky-client-reader".into())
            .spawn(move || reader(reading, tx, events, alive))
            .map_err(io_err)?;
    }
    Ok((
        Link {
            stream: s,
            replies: rx,
            alive,
        },
        answer,
    ))
}

fn server_command(data_dir: &Path, opts: &ConnectOptions) -> io::Result<Command> {
    let mut cmd = match &opts.server_command {
        Some(argv) if !argv.is_empty() => {
            let mut c = Command::new(&argv[0]);
            c.args(&argv[1..]);
            c
        }
        _ => {
            let mut c = Command::new(std::env::current_exe()?);
            c.arg("--data").arg(data_dir).arg("serve").arg("--detached");
            c
        }
    };
    // The log is private to the owner, like everything in the data directory.
    // A data directory created here is the single-user default: 0700.
    if !data_dir.exists() {
        let _ = crate::store::files::private_dir(data_dir);
    }
    let log = crate::store::files::private_dir(log_path(data_dir).parent().expect("log path has a parent")).and_then(|_| {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(crate::store::files::FILE_MODE)
            .open(log_path(data_dir))
    });
    match log {
        Ok(f) => {
            let f2 = f.try_clone()?;
            cmd.stdout(f).stderr(f2);
        }
        Err(_) => {
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
        }
    }
    cmd.stdin(Stdio::null());
    // SAFETY: setsid is async-signal-safe; the child leaves our session and terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    Ok(cmd)
}

fn start_and_connect(data_dir: &Path, opts: &ConnectOptions) -> Result<UnixStream, ServiceError> {
    let l = opts.lang;
    let sock = socket_path(data_dir);
    let cannot = |why: String| {
        protocol(msg(
            l,
            format!(
                "chưa có máy chủ thuky cho {} và không khởi động được ({why}); nhờ quản trị viên: systemctl start thuky",
                data_dir.display()
            ),
            format!(
                "no thuky server is running for {} and none could be started ({why}); ask the administrator: systemctl start thuky",
                data_dir.display()
            ),
        ))
    };
    let mut child = server_command(data_dir, opts)
        .and_then(|mut c| c.spawn())
        .map_err(|e| cannot(e.to_string()))?;
    // Reap the child whenever it exits; remember how.
    let status: Arc<Mutex<Option<ExitStatus>>> = Arc::new(Mutex::new(None));
    {
        let status = status.clone();
        std::thread::spawn(move || {
            if let Ok(s) = child.wait() {
                *status.lock().unwrap_or_else(|p| p.into_inner()) = Some(s);
            }
        });
    }
    let deadline = Instant::now() + opts.wait;
    let mut delay = Duration::from_millis(5);
    loop {
        std::thread::sleep(delay);
        match UnixStream::connect(&sock) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(unreachable(l, &sock, &e)),
            Err(_) => {}
        }
        let exited = *status.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = exited.filter(|s| !s.success()) {
            return Err(cannot(format!("{s}; {}", log_tail(data_dir))));
        }
        if Instant::now() >= deadline {
            return Err(cannot(format!("no answer within {:?}; {}", opts.wait, log_tail(data_dir))));
        }
        delay = (delay * 2).min(Duration::from_millis(200));
    }
}

fn log_tail(data_dir: &Path) -> String {
    let path = log_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let last: Vec<&str> = text.lines().rev().take(3).collect();
            format!("{}: {}", path.display(), last.into_iter().rev().collect::<Vec<_>>().join(" | "))
        }
        Err(_) => format!("see {}", path.display()),
    }
}
