//! The wire protocol: length-delimited frames (a 4-byte big-endian length,
//! then that many bytes of JSON), as tokio-util's `LengthDelimitedCodec`
//! writes them by default.
//!
//! 1. client → server: [`ClientHello`]; server → client: [`ServerHello`]
//!    (`ok: false` with an error, then the server closes, on a version
//!    mismatch or an unregistered user).
//! 2. client → server: [`ClientMsg`] `{id, request}`; server → client:
//!    [`ServerMsg::Reply`] `{id, result}`, in any order with
//!    [`ServerMsg::Event`] pushed after every committed change.

use crate::service::api::{Event, Request, Response, Role};
use crate::service::ServiceError;
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// The `field` of an error meaning the request was not run at all (the
/// server was stopping): the client may send it again to the next server.
pub const NOT_RUN: &str = "not_run";

/// Bumped whenever a frame changes shape in a way an older peer cannot read.
pub const PROTOCOL: u32 = 2;
/// Frames from a client larger than this are refused (and the connection closed).
pub const MAX_FRAME: usize = 16 * 1024 * 1024;
/// Frames from the server may be larger (the classification list of a large
/// city is several MB of JSON); the client refuses anything beyond this.
pub const MAX_REPLY: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientHello {
    pub protocol: u32,
    pub client_version: String,
}

impl ClientHello {
    pub fn current() -> ClientHello {
        ClientHello {
            protocol: PROTOCOL,
            client_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerHello {
    pub ok: bool,
    pub protocol: u32,
    pub server_version: String,
    /// The account the server identified from the socket's peer credentials.
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub error: Option<ServiceError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientMsg {
    pub id: u64,
    pub request: Request,
}

// Replies are most messages: boxing them would allocate for each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerMsg {
    /// The answer to request `id` (0 when the request could not be read at all).
    Reply { id: u64, result: Result<Response, ServiceError> },
    /// A committed change, pushed to every client.
    Event { event: Event },
}

/// Write one frame (blocking), as a client: at most [`MAX_FRAME`] bytes.
pub fn write_frame(w: &mut impl Write, body: &[u8]) -> io::Result<()> {
    if body.len() > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("frame of {} bytes exceeds the limit of {MAX_FRAME}", body.len()),
        ));
    }
    let mut buf = Vec::with_capacity(4 + body.len());
    buf.extend_from_slice(&(body.len() as u32).to_be_bytes());
    buf.extend_from_slice(body);
    w.write_all(&buf)?;
    w.flush()
}

/// Read one frame (blocking), as a client: at most [`MAX_REPLY`] bytes.
/// `Ok(None)` at a clean end of stream.
pub fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "connection closed inside a frame header",
                ))
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let n = u32::from_be_bytes(len) as usize;
    if n > MAX_REPLY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {n} bytes exceeds the limit of {MAX_REPLY}"),
        ));
    }
    let mut body = vec![0u8; n];
    r.read_exact(&mut body)?;
    Ok(Some(body))
}
