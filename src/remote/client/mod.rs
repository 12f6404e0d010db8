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

mod autostart;
mod handshake;

use autostart::start_and_connect;
use handshake::{establish, unreachable};

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

// Replies are nearly every message: boxing them would allocate for each.
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
            // Not run at all (the server was stopping): safe to send to the next server, once.
            Ok(Err(e)) if e.field.as_deref() == Some(super::proto::NOT_RUN) && self.opts.autostart => {
                self.link = None;
                self.reconnect()?;
                self.send(&body).map_err(|e| self.lost(&e.to_string(), false))?;
                self.wait(id).unwrap_or_else(|why| Err(self.lost(&why, write)))
            }
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
