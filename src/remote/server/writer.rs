//! The single writer thread and its group commit.

use super::codec::{encode, reply};
use super::readers::Readers;
use super::reserve::Reserve;
use super::{BeforeRequest, Job};
use crate::remote::proto::ServerMsg;
use crate::service::{ErrorKind, Service, ServiceError};
use bytes::Bytes;
use std::time::Instant;
use tokio::sync::{broadcast, mpsc};
use tracing::{debug, warn};

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
pub(super) fn writer(
    mut service: Service,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    events: broadcast::Sender<Bytes>,
    reserve: Reserve,
    before: Option<BeforeRequest>,
) {
    service.set_group_commit(true);
    let mut group = Group::default();
    let readers = Readers::start();
    // The daily backup runs beside the writer (see `Service::daily_backup_job`).
    let backup_stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut backing: Option<std::thread::JoinHandle<()>> = None;
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
            Job::Maintain => {
                group.release(&service, &events);
                if backing.as_ref().is_none_or(|b| b.is_finished()) {
                    if let Some(job) = service.daily_backup_job(backup_stop.clone()) {
                        backing = std::thread::Builder::new().name("thuky-backup".into()).spawn(job).ok();
                    }
                }
                // Prepare today's tree for the register and the years clerks
                // open, one at a time, stopping as soon as a clerk's request
                // waits (at the start these are not done before serving: the
                // cold start stays short).
                // The search's index before the years (see `warm_search`).
                let today = chrono::Local::now().date_naive();
                if jobs.is_empty() {
                    service.warm_tree_window(today);
                }
                if jobs.is_empty() {
                    service.warm_search();
                }
                for year in Service::warm_years(today) {
                    if !jobs.is_empty() {
                        break;
                    }
                    if let Some(read) = service.warm_year(year) {
                        readers.prepare(read);
                    }
                }
                // What the preparations built and dropped (the cases read for
                // the index, the years' records) stays in glibc's heaps until
                // given back: at `--scale large` the server with 16 clients
                // measured 288-358 MB depending on it.
                super::readers::give_back_freed_memory();
            }
            Job::Hello { user, reply } => {
                group.release(&service, &events);
                let answer = caught(&mut service, || None, |s| s.whoami(&user));
                let _ = reply.send(answer);
            }
            Job::Call { user, id, request, out } => {
                let write = request.is_write();
                if !write {
                    group.release(&service, &events);
                }
                if !write {
                    if let Some(read) = service.offload(&user, &request) {
                        readers.submit(id, read, out);
                        continue;
                    }
                }
                let started = Instant::now();
                let outcome = match reserve.check() {
                    Err(e) if write => crate::service::Outcome {
                        result: Err(e),
                        events: Vec::new(),
                    },
                    _ => {
                        let shown = request.op_name();
                        let result = caught(
                            &mut service,
                            || Some(shown),
                            |s| {
                                if let Some(hook) = &before {
                                    hook(&user, &request);
                                }
                                Ok(s.handle(&user, request))
                            },
                        );
                        result.unwrap_or_else(|e| crate::service::Outcome {
                            result: Err(e),
                            events: Vec::new(),
                        })
                    }
                };
                if let Err(e) = &outcome.result {
                    if matches!(e.kind, ErrorKind::Storage) {
                        warn!(%user, "storage error: {}", e.en);
                    }
                }
                let committed = write && outcome.result.is_ok();
                if !write {
                    // A read's answer can be megabytes of JSON: encoded off the writer.
                    for event in outcome.events {
                        let _ = events.send(encode(&ServerMsg::Event { event }));
                    }
                    debug!(%user, id, write, micros = started.elapsed().as_micros() as u64, "request");
                    readers.send(id, outcome.result, out);
                    continue;
                }
                let reply = reply(id, outcome.result);
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
    readers.stop();
    // Requests that arrived after the stop: tell their clients plainly that
    // nothing of them was saved (not "may or may not").
    jobs.close();
    backup_stop.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(b) = backing.take() {
        let _ = b.join();
    }
    while let Ok(job) = jobs.try_recv() {
        match job {
            Job::Call { id, out, .. } => {
                let _ = out.send(encode(&ServerMsg::Reply {
                    id,
                    result: Err(super::stopping()),
                }));
            }
            Job::Hello { reply, .. } => {
                let _ = reply.send(Err(super::stopping()));
            }
            Job::Stop | Job::Maintain => {}
        }
    }
    if std::env::var_os("THUKY_TEST_STUCK_CLOSE").is_some() {
        // Test hook: closing the store never returns, as sled's can.
        loop {
            std::thread::park();
        }
    }
    drop(service);
}

/// Run `f` on the service; a panic in it becomes an error for this client
/// only (never the end of the server). Memory is then rebuilt from the store,
/// which a panic cannot leave half-written (one transaction per action).
fn caught<T>(
    service: &mut Service,
    op: impl FnOnce() -> Option<String>,
    f: impl FnOnce(&mut Service) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(service))) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "?".into());
            let op = op().unwrap_or_else(|| "handshake".into());
            tracing::error!(op = %op, "a request panicked ({}); answered with an error, memory reloaded from the store", crate::remote::sanitize::log_text(&what, 200));
            if let Err(e) = service.reload() {
                tracing::error!("cannot reload the store after a panic: {}", e.en);
            }
            Err(ServiceError::new(
                ErrorKind::Internal,
                format!("lỗi nội bộ của thuky khi xử lý yêu cầu này ({op}); máy chủ vẫn chạy. Chưa có xác nhận: hãy xem lại trước khi làm lại, và báo lỗi kèm thời điểm (xem server.log)."),
                format!("thuky hit an internal error on this request ({op}); the server goes on. Nothing was acknowledged: look before trying again, and report it with the time (see server.log)."),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::api::Request;
    use std::sync::Arc;

    #[test]
    fn requests_queued_behind_the_stop_are_told_they_were_not_run() {
        let dir = tempfile::tempdir().unwrap();
        let service = Service::open(dir.path()).unwrap();
        let (jobs_tx, jobs_rx) = mpsc::unbounded_channel();
        let (events, _) = broadcast::channel(16);
        let (out, mut answers) = mpsc::unbounded_channel();
        jobs_tx.send(Job::Stop).unwrap_or_else(|_| panic!("send"));
        let call = Job::Call {
            user: Arc::from("tester"),
            id: 9,
            request: Request::Status,
            out,
        };
        jobs_tx.send(call).unwrap_or_else(|_| panic!("send"));
        let reserve = Reserve {
            dir: dir.path().to_path_buf(),
            min_free: 0,
        };
        writer(service, jobs_rx, events, reserve, None);
        let reply: serde_json::Value = serde_json::from_slice(&answers.try_recv().unwrap()).unwrap();
        assert_eq!(reply["reply"]["id"], 9);
        let en = reply["reply"]["result"]["Err"]["en"].as_str().unwrap();
        assert!(en.contains("NOT run"), "{en}");
    }
}
