//! The server: owns the store (one writer thread running `Service::handle`),
//! accepts clients on the Unix socket, identifies them by peer credentials,
//! answers their requests and pushes every committed change to all of them.

use super::proto::{ClientHello, ClientMsg, ServerHello, ServerMsg, MAX_FRAME, MAX_REPLY, PROTOCOL};
use super::{lock_path, socket_path};
use crate::service::api::{Event, Request};
use crate::service::users::{self, Access, UserRecord};
use crate::service::{ErrorKind, Service, ServiceError};
use anyhow::Context;
use bytes::{BufMut, Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use std::fs::File;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio_util::codec::{Decoder, Encoder, Framed, LengthDelimitedCodec};
use tracing::{debug, info, warn};

/// Who a connection is, as the kernel reports it.
#[derive(Debug, Clone)]
pub struct Peer {
    pub uid: u32,
    pub gid: u32,
    pub pid: Option<i32>,
    /// Connections are numbered from 0 in the order they were accepted.
    pub conn: u64,
}

/// Maps a peer to an account name. Only for in-process tests: `thuky serve`
/// never sets it, so identity in production comes from peer credentials alone.
pub type Identify = Arc<dyn Fn(&Peer) -> Option<String> + Send + Sync>;

#[derive(Clone)]
pub struct ServeOptions {
    /// Started by a client (`serve --detached`): exit once the last client has
    /// gone and the server has been idle for `idle_exit`.
    pub detached: bool,
    pub idle_exit: Duration,
    /// Check roles and scopes before every request (always on in production).
    pub enforce: bool,
    /// Install a tracing subscriber writing to stderr (the journal under
    /// systemd, `DATA/logs/server.log` when detached).
    pub log: bool,
    /// Test hook replacing peer-credential identity (see [`Identify`]).
    pub identify: Option<Identify>,
    /// Set to true to make the server stop as on SIGTERM (tests).
    pub stop: Arc<AtomicBool>,
    /// Refuse writes (with the "disk is full" error) while the file system of
    /// the store has less than this free: sled must never meet a real ENOSPC
    /// (it can spin in its flush instead of failing). Default 64 MiB.
    pub min_free_bytes: u64,
    /// In a process of its own: end the process when stopping takes longer
    /// than this. Closing sled can wait forever once an I/O error of its own
    /// has stopped its background flusher (seen when the data directory was
    /// removed under a server); the server would then hold its lock and
    /// nobody could start another. Every write was flushed before it was
    /// acknowledged, so nothing is lost. None when serving inside a test.
    pub exit_when_stuck: Option<Duration>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        // THUKY_IDLE_EXIT_MS: how long a detached server waits with no client (default 10 s).
        let idle_ms = std::env::var("THUKY_IDLE_EXIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        ServeOptions {
            detached: false,
            idle_exit: Duration::from_millis(idle_ms),
            enforce: true,
            log: true,
            identify: None,
            stop: Arc::new(AtomicBool::new(false)),
            min_free_bytes: 64 * 1024 * 1024,
            exit_when_stuck: None,
        }
    }
}

impl std::fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeOptions")
            .field("detached", &self.detached)
            .field("idle_exit", &self.idle_exit)
            .field("enforce", &self.enforce)
            .field("identify", &self.identify.is_some())
            .field("min_free_bytes", &self.min_free_bytes)
            .field("exit_when_stuck", &self.exit_when_stuck)
            .finish()
    }
}

/// Requests one connection may have waiting before the server stops reading from it.
const MAX_INFLIGHT: usize = 64;
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
const EVENT_BACKLOG: usize = 4096;
const WRITER_DIED: &str = "the writer thread stopped (a panic; see above)";

enum Job {
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

struct Ctx {
    jobs: mpsc::UnboundedSender<Job>,
    events: broadcast::Sender<Bytes>,
    clients: AtomicUsize,
    last_active: Mutex<Instant>,
    next_conn: AtomicU64,
    identify: Option<Identify>,
}

impl Ctx {
    fn touch(&self) {
        *self.last_active.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }
}

/// Reads frames of at most [`MAX_FRAME`] (LengthDelimitedCodec), writes frames of at most [`MAX_REPLY`].
struct Codec(LengthDelimitedCodec);

fn codec() -> Codec {
    Codec(LengthDelimitedCodec::builder().max_frame_length(MAX_FRAME).new_codec())
}

impl Decoder for Codec {
    type Item = BytesMut;
    type Error = std::io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<BytesMut>, std::io::Error> {
        self.0.decode(src)
    }
}

impl Encoder<Bytes> for Codec {
    type Error = std::io::Error;

    fn encode(&mut self, item: Bytes, dst: &mut BytesMut) -> Result<(), std::io::Error> {
        if item.len() > MAX_REPLY {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("frame of {} bytes exceeds {MAX_REPLY}", item.len()),
            ));
        }
        dst.reserve(4 + item.len());
        dst.put_u32(item.len() as u32);
        dst.extend_from_slice(&item);
        Ok(())
    }
}

fn encode<T: serde::Serialize>(v: &T) -> Bytes {
    Bytes::from(serde_json::to_vec(v).expect("protocol messages serialise to JSON"))
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("THUKY_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Take the server lock; `Ok(None)` if another server holds it.
fn take_lock(data_dir: &Path) -> anyhow::Result<Option<File>> {
    let path = lock_path(data_dir);
    let file = File::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    // SAFETY: flock on a descriptor we own.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            return Ok(None);
        }
        return Err(err).with_context(|| format!("cannot lock {}", path.display()));
    }
    let _ = file.set_len(0);
    let _ = std::io::Write::write_all(&mut &file, format!("{}\n", std::process::id()).as_bytes());
    Ok(Some(file))
}

/// Open the store. A previous server killed a moment ago may still be letting
/// go of sled's lock (its descriptors close one by one): wait a little for it.
fn open_service(data_dir: &Path) -> anyhow::Result<Service> {
    let t0 = Instant::now();
    loop {
        match Service::open(data_dir) {
            Ok(s) => return Ok(s),
            Err(e) if e.en.contains("in use by another thuky process") && t0.elapsed() < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => anyhow::bail!("{}", e.en),
        }
    }
}

/// Run the server for `data_dir` in the foreground until SIGTERM, SIGHUP or
/// SIGINT (or, when detached, until it has been idle with no client).
pub fn serve(data_dir: &Path, opts: ServeOptions) -> anyhow::Result<()> {
    if opts.log {
        init_tracing();
    }
    std::fs::create_dir_all(data_dir).with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let Some(lock) = take_lock(data_dir)? else {
        if opts.detached {
            info!("another thuky server holds {}; leaving it to serve", lock_path(data_dir).display());
            return Ok(());
        }
        anyhow::bail!(
            "another thuky server is already running for {} (it holds {})",
            data_dir.display(),
            lock_path(data_dir).display()
        );
    };
    let sock = socket_path(data_dir);
    if sock.exists() {
        // Replace a stale socket only after a failed connect.
        if std::os::unix::net::UnixStream::connect(&sock).is_ok() {
            if opts.detached {
                info!("a server already answers on {}; leaving it to serve", sock.display());
                return Ok(());
            }
            anyhow::bail!("a server already answers on {}", sock.display());
        }
        info!("removing stale socket {}", sock.display());
        std::fs::remove_file(&sock).with_context(|| format!("cannot remove the stale socket {}", sock.display()))?;
    }
    let mut service = open_service(data_dir)?;
    service.set_access(Access {
        enforce: opts.enforce,
        owner: users::owner_of(data_dir),
    });

    let reserve = Reserve {
        dir: crate::service::store_dir(data_dir),
        min_free: opts.min_free_bytes,
    };
    let (jobs_tx, jobs_rx) = mpsc::unbounded_channel();
    let (events_tx, _) = broadcast::channel(EVENT_BACKLOG);
    let writer = {
        let events = events_tx.clone();
        std::thread::Builder::new()
            .name("thuky-writer".into())
            .spawn(move || writer(service, jobs_rx, events, reserve))?
    };
    let ctx = Arc::new(Ctx {
        jobs: jobs_tx.clone(),
        events: events_tx,
        clients: AtomicUsize::new(0),
        last_active: Mutex::new(Instant::now()),
        next_conn: AtomicU64::new(0),
        identify: opts.identify.clone(),
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("thuky-server")
        .enable_all()
        .build()?;
    let result = rt.block_on(run(data_dir.to_path_buf(), sock.clone(), ctx, &opts));
    if let Some(limit) = opts.exit_when_stuck {
        watch_the_stop(limit);
    }
    // Let the writer finish the request in progress (and any already queued), then stop.
    let _ = jobs_tx.send(Job::Stop);
    let _ = writer.join();
    if result.is_ok() {
        let _ = std::fs::remove_file(&sock);
    }
    rt.shutdown_timeout(Duration::from_millis(500));
    drop(lock);
    info!("server for {} stopped", data_dir.display());
    result
}

/// End the process if stopping is not done within `limit` (see
/// `ServeOptions::exit_when_stuck`).
fn watch_the_stop(limit: Duration) {
    let spawned = std::thread::Builder::new().name("thuky-stop-watch".into()).spawn(move || {
        std::thread::sleep(limit);
        tracing::error!(
            "the store did not close within {} ms (sled waits for a flusher stopped by an I/O error); \
             every acknowledged write is on disk: leaving without closing it",
            limit.as_millis()
        );
        std::process::exit(1);
    });
    if let Err(e) = spawned {
        warn!("cannot watch the stop: {e}");
    }
}

async fn run(data_dir: PathBuf, sock: PathBuf, ctx: Arc<Ctx>, opts: &ServeOptions) -> anyhow::Result<()> {
    let listener = UnixListener::bind(&sock).with_context(|| format!("cannot listen on {}", sock.display()))?;
    set_socket_mode(&data_dir, &sock);
    info!(
        pid = std::process::id(),
        detached = opts.detached,
        "serving {} on {}",
        data_dir.display(),
        sock.display()
    );
    let accept = async {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    ctx.clients.fetch_add(1, Ordering::SeqCst);
                    ctx.touch();
                    let ctx = ctx.clone();
                    tokio::spawn(async move {
                        connection(stream, &ctx).await;
                        ctx.touch();
                        ctx.clients.fetch_sub(1, Ordering::SeqCst);
                    });
                }
                Err(e) => {
                    warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    };
    let reason = tokio::select! {
        _ = accept => "accept loop ended",
        r = shutdown_signal(&ctx, opts) => r,
    };
    info!("shutting down: {reason}");
    if reason == WRITER_DIED {
        anyhow::bail!("{reason}");
    }
    Ok(())
}

async fn shutdown_signal(ctx: &Ctx, opts: &ServeOptions) -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).ok();
    let mut hup = signal(SignalKind::hangup()).ok();
    let mut int = signal(SignalKind::interrupt()).ok();
    async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
        match s {
            Some(s) => {
                s.recv().await;
            }
            None => std::future::pending().await,
        }
    }
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let idle = async {
        loop {
            tick.tick().await;
            if opts.stop.load(Ordering::SeqCst) {
                return "stop requested";
            }
            if ctx.jobs.is_closed() {
                return WRITER_DIED;
            }
            if opts.detached && ctx.clients.load(Ordering::SeqCst) == 0 {
                let since = ctx.last_active.lock().unwrap_or_else(|e| e.into_inner()).elapsed();
                if since >= opts.idle_exit {
                    return "no client left (detached server idle)";
                }
            }
        }
    };
    tokio::select! {
        _ = recv(&mut term) => "SIGTERM",
        _ = recv(&mut hup) => "SIGHUP",
        _ = recv(&mut int) => "SIGINT",
        r = idle => r,
    }
}

/// Socket mode 0660, group of the data directory (the clerks' group).
fn set_socket_mode(data_dir: &Path, sock: &Path) {
    if let Err(e) = std::fs::set_permissions(sock, std::fs::Permissions::from_mode(0o660)) {
        warn!("cannot set the mode of {}: {e}", sock.display());
    }
    if let Ok(meta) = std::fs::metadata(data_dir) {
        if let Err(e) = std::os::unix::fs::chown(sock, None, Some(meta.gid())) {
            warn!("cannot give {} to group {}: {e}", sock.display(), meta.gid());
        }
    }
}

/// The single writer: runs every request in order, flushes before answering,
/// and broadcasts the events of each committed change.
/// The free space kept on the store's file system.
struct Reserve {
    dir: PathBuf,
    min_free: u64,
}

impl Reserve {
    /// Bytes available to us on the store's file system (None if statvfs fails).
    fn free(&self) -> Option<u64> {
        use std::os::unix::ffi::OsStrExt;
        let path = std::ffi::CString::new(self.dir.as_os_str().as_bytes()).ok()?;
        // SAFETY: path is a valid NUL-terminated string; st is a valid out-pointer.
        unsafe {
            let mut st: libc::statvfs = std::mem::zeroed();
            if libc::statvfs(path.as_ptr(), &mut st) != 0 {
                return None;
            }
            Some(st.f_bavail as u64 * st.f_frsize as u64)
        }
    }

    /// The refusal for a write when the reserve is reached.
    fn check(&self) -> Result<(), ServiceError> {
        match self.free() {
            Some(free) if free < self.min_free => Err(ServiceError::storage(format!(
                "No space left on device: {} MB free in {}, thuky keeps {} MB in reserve; free some space (old backups, logs)",
                free / (1024 * 1024),
                self.dir.display(),
                self.min_free / (1024 * 1024)
            ))),
            _ => Ok(()),
        }
    }
}

/// Writes committed but not yet flushed, with the answers they wait for.
#[derive(Default)]
struct Group {
    /// (request id, encoded answer, events, where the answer goes)
    replies: Vec<(u64, Bytes, Vec<crate::service::Event>, tokio::sync::mpsc::UnboundedSender<Bytes>)>,
}

/// Most writes acknowledged by one flush.
const GROUP_MAX: usize = 64;

impl Group {
    /// Flush once, then acknowledge every write of the group and send its events.
    /// If the flush fails, each waiting write is told so instead.
    fn release(&mut self, service: &Service, events: &broadcast::Sender<Bytes>) {
        if self.replies.is_empty() {
            return;
        }
        let flushed = service.flush();
        for (id, reply, evs, out) in self.replies.drain(..) {
            match &flushed {
                Ok(()) => {
                    for event in evs {
                        let _ = events.send(encode(&ServerMsg::Event { event }));
                    }
                    let _ = out.send(reply);
                }
                Err(e) => {
                    let _ = out.send(encode(&ServerMsg::Reply {
                        id,
                        result: Err(e.clone()),
                    }));
                }
            }
        }
    }
}

/// The single writer: runs every request in order. Writes are committed
/// without their own flush while more requests are queued; one flush then
/// makes the whole group durable before any of it is acknowledged (group
/// commit), and only then are its events broadcast. A read waits for the
/// pending group to be flushed, so nobody sees what is not yet durable.
fn writer(mut service: Service, mut jobs: mpsc::UnboundedReceiver<Job>, events: broadcast::Sender<Bytes>, reserve: Reserve) {
    service.set_group_commit(true);
    let mut group = Group::default();
    loop {
        let job = if group.replies.is_empty() {
            jobs.blocking_recv()
        } else {
            match jobs.try_recv() {
                Ok(job) => Some(job),
                Err(mpsc::error::TryRecvError::Empty) => {
                    group.release(&service, &events);
                    continue;
                }
                Err(mpsc::error::TryRecvError::Disconnected) => None,
            }
        };
        let Some(job) = job else { break };
        match job {
            Job::Stop => break,
            Job::Hello { user, reply } => {
                group.release(&service, &events);
                let _ = reply.send(service.whoami(&user));
            }
            Job::Call { user, id, request, out } => {
                let write = request.is_write();
                if !write {
                    group.release(&service, &events);
                }
                let started = Instant::now();
                let outcome = match reserve.check() {
                    Err(e) if write => crate::service::Outcome {
                        result: Err(e),
                        events: Vec::new(),
                    },
                    _ => service.handle(&user, request),
                };
                if let Err(e) = &outcome.result {
                    if matches!(e.kind, ErrorKind::Storage) {
                        warn!(%user, "storage error: {}", e.en);
                    }
                }
                let committed = write && outcome.result.is_ok();
                let mut reply = encode(&ServerMsg::Reply {
                    id,
                    result: outcome.result,
                });
                if reply.len() > MAX_REPLY {
                    let e = ServiceError::new(
                        ErrorKind::Protocol,
                        format!("câu trả lời quá lớn ({} byte); thu hẹp phạm vi", reply.len()),
                        format!("the answer is too large ({} bytes); narrow the request", reply.len()),
                    );
                    reply = encode(&ServerMsg::Reply { id, result: Err(e) });
                }
                debug!(%user, id, write, micros = started.elapsed().as_micros() as u64, "request");
                if committed {
                    group.replies.push((id, reply, outcome.events, out));
                    if group.replies.len() >= GROUP_MAX {
                        group.release(&service, &events);
                    }
                } else {
                    for event in outcome.events {
                        let _ = events.send(encode(&ServerMsg::Event { event }));
                    }
                    let _ = out.send(reply);
                }
            }
        }
    }
    group.release(&service, &events);
    if std::env::var_os("THUKY_TEST_STUCK_CLOSE").is_some() {
        // Test hook: closing the store never returns, as sled's can.
        loop {
            std::thread::park();
        }
    }
    drop(service);
}

fn refuse(error: ServiceError, user: &str) -> Bytes {
    encode(&ServerHello {
        ok: false,
        protocol: PROTOCOL,
        server_version: env!("CARGO_PKG_VERSION").into(),
        user: user.to_string(),
        role: None,
        scope: None,
        error: Some(error),
    })
}

fn protocol_error(vi: String, en: String) -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, vi, en)
}

async fn connection(stream: UnixStream, ctx: &Ctx) {
    let conn = ctx.next_conn.fetch_add(1, Ordering::SeqCst);
    let peer = match stream.peer_cred() {
        Ok(c) => Peer {
            uid: c.uid(),
            gid: c.gid(),
            pid: c.pid(),
            conn,
        },
        Err(e) => {
            warn!(conn, "cannot read peer credentials, closing: {e}");
            return;
        }
    };
    let mut framed = Framed::new(stream, codec());

    // Handshake.
    let hello = match tokio::time::timeout(HELLO_TIMEOUT, framed.next()).await {
        Err(_) => {
            warn!(conn, uid = peer.uid, "no handshake within {HELLO_TIMEOUT:?}, closing");
            return;
        }
        Ok(None) => {
            debug!(conn, "closed before the handshake");
            return;
        }
        Ok(Some(Err(e))) => {
            warn!(conn, uid = peer.uid, "bad handshake frame, closing: {e}");
            return;
        }
        Ok(Some(Ok(buf))) => match serde_json::from_slice::<ClientHello>(&buf) {
            Ok(h) => h,
            Err(e) => {
                warn!(conn, uid = peer.uid, "unreadable handshake, closing: {e}");
                let err = protocol_error(format!("bắt tay không hợp lệ: {e}"), format!("invalid handshake: {e}"));
                let _ = framed.send(refuse(err, "")).await;
                return;
            }
        },
    };
    if hello.protocol != PROTOCOL {
        warn!(conn, uid = peer.uid, client = %hello.client_version, protocol = hello.protocol, "protocol mismatch");
        let v = env!("CARGO_PKG_VERSION");
        let err = protocol_error(
            format!("thuky của bạn (phiên bản {}, giao thức {}) không nói chuyện được với máy chủ (phiên bản {v}, giao thức {PROTOCOL}); hãy dùng cùng một phiên bản thuky, hoặc khởi động lại máy chủ (systemctl restart thuky)", hello.client_version, hello.protocol),
            format!("this thuky (version {}, protocol {}) cannot talk to the server (version {v}, protocol {PROTOCOL}); use the same thuky version, or restart the server (systemctl restart thuky)", hello.client_version, hello.protocol),
        );
        let _ = framed.send(refuse(err, "")).await;
        return;
    }
    let user = match &ctx.identify {
        Some(f) => f(&peer),
        None => users::user_name_of_uid(peer.uid),
    };
    let Some(user) = user else {
        warn!(conn, uid = peer.uid, "uid has no account name, closing");
        let err = ServiceError::new(
            ErrorKind::Unregistered,
            format!("uid {} không có tên tài khoản trên máy chủ", peer.uid),
            format!("uid {} has no account name on the server", peer.uid),
        );
        let _ = framed.send(refuse(err, "")).await;
        return;
    };
    let (tx, rx) = oneshot::channel();
    if ctx
        .jobs
        .send(Job::Hello {
            user: user.clone(),
            reply: tx,
        })
        .is_err()
    {
        return;
    }
    let record = match rx.await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            info!(conn, %user, "refused: {}", e.en);
            let _ = framed.send(refuse(e, &user)).await;
            return;
        }
        Err(_) => return,
    };
    let mut events = ctx.events.subscribe();
    let ok = ServerHello {
        ok: true,
        protocol: PROTOCOL,
        server_version: env!("CARGO_PKG_VERSION").into(),
        user: user.clone(),
        role: record.as_ref().map(|r| r.role),
        scope: record.and_then(|r| r.scope),
        error: None,
    };
    if framed.send(encode(&ok)).await.is_err() {
        return;
    }
    info!(conn, %user, uid = peer.uid, pid = ?peer.pid, client = %hello.client_version, "client connected");

    let user: Arc<str> = Arc::from(user.as_str());
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Bytes>();
    let mut inflight = 0usize;
    let why = loop {
        tokio::select! {
            frame = framed.next(), if inflight < MAX_INFLIGHT => {
                let buf = match frame {
                    None => break "closed".to_string(),
                    Some(Err(e)) => {
                        warn!(conn, %user, "bad frame, closing: {e}");
                        break format!("bad frame: {e}");
                    }
                    Some(Ok(buf)) => buf,
                };
                match serde_json::from_slice::<ClientMsg>(&buf) {
                    Ok(msg) => {
                        inflight += 1;
                        let job = Job::Call { user: user.clone(), id: msg.id, request: msg.request, out: out_tx.clone() };
                        if ctx.jobs.send(job).is_err() {
                            break "server stopping".to_string();
                        }
                    }
                    Err(e) => {
                        // Answer the request if its id can be read; otherwise this is not our protocol.
                        let id = serde_json::from_slice::<serde_json::Value>(&buf).ok().and_then(|v| v.get("id").and_then(|i| i.as_u64()));
                        warn!(conn, %user, ?id, bytes = buf.len(), "unreadable request: {e}");
                        let err = protocol_error(
                            format!("yêu cầu không đọc được ({e}); có thể thuky của bạn khác phiên bản máy chủ"),
                            format!("unreadable request ({e}); your thuky may be a different version from the server"),
                        );
                        let reply = encode(&ServerMsg::Reply { id: id.unwrap_or(0), result: Err(err) });
                        if framed.send(reply).await.is_err() || id.is_none() {
                            break "malformed frame".to_string();
                        }
                    }
                }
            }
            Some(reply) = out_rx.recv() => {
                inflight = inflight.saturating_sub(1);
                if let Err(e) = framed.send(reply).await {
                    break format!("cannot write: {e}");
                }
            }
            ev = events.recv() => {
                let frame = match ev {
                    Ok(b) => b,
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        warn!(conn, %user, "client fell {n} events behind; telling it to reload");
                        encode(&ServerMsg::Event { event: Event::Reloaded })
                    }
                    Err(broadcast::error::RecvError::Closed) => break "server stopping".to_string(),
                };
                if let Err(e) = framed.send(frame).await {
                    break format!("cannot write: {e}");
                }
            }
        }
    };
    info!(conn, %user, inflight, "client gone ({why})");
}
