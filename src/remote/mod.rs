//! Several clerks, one store: the server that owns the sled directory and
//! listens on a Unix socket inside it, the blocking client every front end
//! uses through [`Backend`](crate::service::backend::Backend), the framing,
//! peer identity and auto-start.
//!
//! - `DATA/thuky.sock`: the socket (mode 0660, group of the data directory).
//! - `DATA/server.lock`: flock held by the server for its lifetime; a second
//!   server that cannot take it exits quietly.
//! - `DATA/logs/server.log`: output of a server started detached by a client.
//!
//! Identity comes only from the socket's peer credentials (uid → account name),
//! never from anything the client says.

mod client;
pub mod proto;
pub mod sanitize;
mod server;

pub use client::{connect, connect_with, ConnectOptions, Remote};
pub use server::{serve, Peer, ServeOptions};

use std::path::{Path, PathBuf};

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("thuky.sock")
}

pub fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join("server.lock")
}

pub fn log_path(data_dir: &Path) -> PathBuf {
    data_dir.join("logs").join("server.log")
}
