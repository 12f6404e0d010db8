//! Start, serve and stop: the lock, the store, the socket, signals and the idle exit.

use super::connection::connection;
use super::lock::take_lock;
use super::reserve::Reserve;
use super::writer::writer;
use super::{Ctx, Job, ServeOptions, EVENT_BACKLOG, MAINTAIN_EVERY, QUIET, WRITER_DIED};
use crate::remote::{lock_path, socket_path};
use crate::service::users::{self, Access};
use crate::service::Service;
use anyhow::Context;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::UnixListener;
use tokio::sync::{broadcast, mpsc};
use tracing::{info, warn};

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("THUKY_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
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
    secure_data_dir(data_dir)?;
    raise_descriptor_limit();
    let lock = match take_lock(data_dir)? {
        Some(lock) => Some(lock),
        // Started by a client that found no socket: the holder is starting,
        // stopping or was killed while starting. Take over as soon as it is gone.
        None if opts.detached => wait_for_lock(data_dir)?,
        None => None,
    };
    let Some(lock) = lock else {
        if opts.detached {
            info!(
                "another thuky server holds {} and answers; leaving it to serve",
                lock_path(data_dir).display()
            );
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
        let before = opts.before_request.clone();
        std::thread::Builder::new()
            .name("thuky-writer".into())
            .spawn(move || writer(service, jobs_rx, events, reserve, before))?
    };
    let ctx = Arc::new(Ctx {
        jobs: jobs_tx.clone(),
        events: events_tx,
        clients: AtomicUsize::new(0),
        last_active: Mutex::new(Instant::now()),
        next_conn: AtomicU64::new(0),
        identify: opts.identify.clone(),
        slots: super::Slots::new(opts.max_connections_per_user),
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
    // Let the connections send the last answers (and the "not run" ones) before they are dropped.
    std::thread::sleep(Duration::from_millis(100));
    if result.is_ok() {
        let _ = std::fs::remove_file(&sock);
    }
    rt.shutdown_timeout(Duration::from_millis(500));
    drop(lock);
    info!("server for {} stopped", data_dir.display());
    result
}

/// Raise the soft limit on open descriptors to the hard limit (each client
/// holds one; the default soft limit of 1,024 was used up by idle clients).
fn raise_descriptor_limit() {
    // SAFETY: getrlimit/setrlimit with a valid rlimit struct of this process.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return;
        }
        let before = lim.rlim_cur;
        // An unlimited hard limit is still capped by the kernel (nr_open).
        let target = if lim.rlim_max == libc::RLIM_INFINITY {
            1 << 20
        } else {
            lim.rlim_max
        };
        if lim.rlim_cur < target {
            lim.rlim_cur = target;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                warn!("cannot raise the limit on open files above {before}");
                return;
            }
        }
        info!("open files: up to {}", lim.rlim_cur);
    }
}

/// How long a detached server waits for a lock holder that does not answer.
const TAKE_OVER_WAIT: Duration = Duration::from_secs(30);

/// Wait for the server lock held by another process: `Some` as soon as the
/// holder is gone (the kernel releases a flock when its process ends, killed
/// or not), `None` once the holder answers on the socket (it serves) or after
/// [`TAKE_OVER_WAIT`].
fn wait_for_lock(data_dir: &Path) -> anyhow::Result<Option<std::fs::File>> {
    let sock = socket_path(data_dir);
    let t0 = Instant::now();
    while t0.elapsed() < TAKE_OVER_WAIT {
        if std::os::unix::net::UnixStream::connect(&sock).is_ok() {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(10));
        if let Some(lock) = take_lock(data_dir)? {
            info!("the previous holder of {} is gone; taking over", lock_path(data_dir).display());
            return Ok(Some(lock));
        }
    }
    Ok(None)
}

/// Modes set explicitly, whatever the umask (issue 10 item 5): everything
/// the server creates from now on is private to its owner (umask 077); a data
/// directory it creates is 0700; an existing one loses any access for others
/// and group write (group read and search stay if an administrator gave them,
/// as the systemd unit does, so that the clerks' group reaches the socket);
/// everything inside is made 0700/0600. The socket alone is opened to the
/// group (`set_socket_mode`).
fn secure_data_dir(data_dir: &Path) -> anyhow::Result<()> {
    // SAFETY: umask only changes this process's file creation mask.
    unsafe { libc::umask(0o077) };
    if !data_dir.exists() {
        crate::store::files::private_dir(data_dir).with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    }
    let mode = std::fs::metadata(data_dir)
        .with_context(|| format!("cannot read the data directory {}", data_dir.display()))?
        .permissions()
        .mode();
    let tight = (mode & 0o750) | 0o700;
    if mode & 0o777 != tight {
        std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(tight))
            .with_context(|| format!("cannot set the mode of {}", data_dir.display()))?;
    }
    for entry in std::fs::read_dir(data_dir)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == crate::store::files::EXPORTS) {
            // The clerks' group reads the exports (0750, files 0640 as written).
            if let Err(e) = crate::store::files::shared_dir(&path) {
                warn!("cannot set the mode of {}: {e}", path.display());
            }
            continue;
        }
        if let Err(e) = crate::store::files::make_private(&path) {
            warn!("cannot make {} private: {e}", path.display());
        }
    }
    Ok(())
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
    let mut maintained: Option<Instant> = None;
    let idle = async {
        loop {
            tick.tick().await;
            // Housekeeping (the daily backup) once quiet, looked at hourly.
            let quiet = ctx.last_active.lock().unwrap_or_else(|e| e.into_inner()).elapsed() >= QUIET;
            if quiet && maintained.is_none_or(|t| t.elapsed() >= MAINTAIN_EVERY) {
                maintained = Some(Instant::now());
                let _ = ctx.jobs.send(Job::Maintain);
            }
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
