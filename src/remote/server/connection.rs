//! One client connection: handshake, requests in, answers and events out.

use super::codec::{codec, encode};
use super::{Ctx, Job, Peer, HELLO_TIMEOUT, MAX_INFLIGHT};
use crate::remote::proto::{ClientHello, ClientMsg, ServerHello, ServerMsg, PROTOCOL};
use crate::remote::sanitize::log_text;
use crate::service::api::Event;
use crate::service::users;
use crate::service::{ErrorKind, ServiceError};
use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tokio::net::UnixStream;
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio_util::codec::Framed;
use tracing::{debug, info, warn};

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

pub(super) async fn connection(stream: UnixStream, ctx: &Ctx) {
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
                let e = log_text(&e.to_string(), 300);
                warn!(conn, uid = peer.uid, "unreadable handshake, closing: {e}");
                let err = protocol_error(format!("bắt tay không hợp lệ: {e}"), format!("invalid handshake: {e}"));
                let _ = framed.send(refuse(err, "")).await;
                return;
            }
        },
    };
    // Client text goes into the log and back to terminals: one line, escaped, bounded.
    let client_version = log_text(&hello.client_version, 64);
    if hello.protocol != PROTOCOL {
        warn!(conn, uid = peer.uid, client = %client_version, protocol = hello.protocol, "protocol mismatch");
        let v = env!("CARGO_PKG_VERSION");
        let err = protocol_error(
            format!("thuky của bạn (phiên bản {client_version}, giao thức {}) không nói chuyện được với máy chủ (phiên bản {v}, giao thức {PROTOCOL}); hãy dùng cùng một phiên bản thuky, hoặc khởi động lại máy chủ (systemctl restart thuky)", hello.protocol),
            format!("this thuky (version {client_version}, protocol {}) cannot talk to the server (version {v}, protocol {PROTOCOL}); use the same thuky version, or restart the server (systemctl restart thuky)", hello.protocol),
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
    // One user may not use up the server's descriptors: everyone else is still served.
    let _slot = match ctx.slots.take(&user) {
        Ok(slot) => slot,
        Err(open) => {
            warn!(conn, %user, open, "connection refused: the per-user limit is reached");
            let max = ctx.slots.max;
            let err = ServiceError::new(
                ErrorKind::Forbidden,
                format!("'{user}' đã mở {open} kết nối tới máy chủ thuky (tối đa {max} mỗi người); hãy đóng bớt các cửa sổ hoặc lệnh thuky đang chạy rồi thử lại"),
                format!("'{user}' already has {open} connections to the thuky server (at most {max} per user); close some thuky windows or commands still running and try again"),
            );
            let _ = framed.send(refuse(err, &user)).await;
            return;
        }
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
    info!(conn, %user, uid = peer.uid, pid = ?peer.pid, client = %client_version, "client connected");

    let user: Arc<str> = Arc::from(user.as_str());
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Bytes>();
    let mut inflight = 0usize;
    // False once the client has closed its side: its answers are still sent.
    let mut reading = true;
    let why = loop {
        tokio::select! {
            frame = framed.next(), if reading && inflight < MAX_INFLIGHT => {
                let buf = match frame {
                    None if inflight == 0 => break "closed".to_string(),
                    None => {
                        reading = false;
                        continue;
                    }
                    // A client that exits without closing first resets the link: not a bad frame.
                    Some(Err(e)) if matches!(e.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe) => {
                        break "closed (reset)".to_string();
                    }
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
                            // Not run: say so, rather than leave the client to guess.
                            let reply = encode(&ServerMsg::Reply { id: msg.id, result: Err(super::stopping()) });
                            let _ = framed.send(reply).await;
                            break "server stopping".to_string();
                        }
                    }
                    Err(e) => {
                        // serde's message quotes the client's text: escape it.
                        let e = log_text(&e.to_string(), 300);
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
                if !reading && inflight == 0 {
                    break "closed (after its answers)".to_string();
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
