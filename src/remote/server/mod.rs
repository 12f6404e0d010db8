//! The server: owns the store (one writer thread running `Service::handle`),
//! accepts clients on the Unix socket, identifies them by peer credentials,
//! answers their requests and pushes every committed change to all of them.
//!
//! - `options`: how it is run; `lock`: one server per data directory;
//! - `lifecycle`: start, signals, idle exit, stop; `reserve`: free disk kept;
//! - `writer`: the single writer thread and group commit; `readers`: reads off it;
//! - `codec` and `connection`: frames, the handshake and the request loop.

mod codec;
mod connection;
mod lifecycle;
mod lock;
mod options;
mod readers;
mod reserve;
mod writer;

pub use lifecycle::serve;
pub use options::{BeforeRequest, Identify, Peer, ServeOptions};

use crate::service::api::Request;
use crate::service::users::UserRecord;
use crate::service::ServiceError;
use bytes::Bytes;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc, oneshot};

/// Requests one connection may have waiting before the server stops reading from it.
pub(super) const MAX_INFLIGHT: usize = 64;
pub(super) const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
pub(super) const EVENT_BACKLOG: usize = 4096;
pub(super) const WRITER_DIED: &str = "the writer thread stopped (a panic; see above)";

pub(super) enum Job {
    Call {
        user: Arc<str>,
        id: u64,
        request: Request,
        out: mpsc::UnboundedSender<Bytes>,
    },
    Hello {
        user: String,
        reply: oneshot::Sender<Result<Option<UserRecord>, ServiceError>>,
    },
    Stop,
}

pub(super) struct Ctx {
    jobs: mpsc::UnboundedSender<Job>,
    events: broadcast::Sender<Bytes>,
    clients: AtomicUsize,
    last_active: Mutex<Instant>,
    next_conn: AtomicU64,
    identify: Option<Identify>,
    slots: Slots,
}

/// The answer to a request the server did not run because it is stopping.
pub(super) fn stopping() -> ServiceError {
    ServiceError::new(
        crate::service::ErrorKind::Protocol,
        "máy chủ thuky đang dừng; yêu cầu này CHƯA được thực hiện, không có gì được lưu. Hãy làm lại sau giây lát.",
        "the thuky server is stopping; this request was NOT run and nothing of it was saved. Try again in a moment.",
    )
}

/// Connections open per user, with a cap.
pub(super) struct Slots {
    open: Mutex<std::collections::HashMap<String, usize>>,
    pub(super) max: usize,
}

/// One connection of a user; gives its place back when dropped.
pub(super) struct Slot<'a> {
    slots: &'a Slots,
    user: String,
}

impl Slots {
    pub(super) fn new(max: usize) -> Slots {
        Slots {
            open: Mutex::new(Default::default()),
            max,
        }
    }

    /// A place for one more connection of `user`, or how many are open already.
    pub(super) fn take(&self, user: &str) -> Result<Slot<'_>, usize> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(user.to_string()).or_insert(0);
        if *n >= self.max {
            return Err(*n);
        }
        *n += 1;
        Ok(Slot {
            slots: self,
            user: user.to_string(),
        })
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

impl Ctx {
    pub(super) fn touch(&self) {
        *self.last_active.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }
}
