//! How a server is run: its options and the identity of a connection.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

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

/// Called on the writer thread before each request. Only for in-process
/// tests (a hook that panics shows that one request's panic is that
/// client's error, not the end of the server); `thuky serve` never sets it.
pub type BeforeRequest = Arc<dyn Fn(&str, &crate::service::api::Request) + Send + Sync>;

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
    /// Connections one user may have open at once (default 64; THUKY_MAX_CONNECTIONS_PER_USER):
    /// one user cannot use up the server's descriptors.
    pub max_connections_per_user: usize,
    /// Test hook run on the writer thread before each request (see [`BeforeRequest`]).
    pub before_request: Option<BeforeRequest>,
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
            before_request: None,
            max_connections_per_user: std::env::var("THUKY_MAX_CONNECTIONS_PER_USER")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(64),
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
