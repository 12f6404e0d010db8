//! Reads that run off the single writer (`Service::offload`): a small pool
//! of threads at a lower CPU priority, so that a viewer running `check` in a loop cannot stall
//! everyone's writes.

use super::codec::encode;
use crate::remote::proto::ServerMsg;
use crate::service::{ErrorKind, OffRead, ServiceError};
use bytes::Bytes;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::mpsc::UnboundedSender;

struct ReadJob {
    id: u64,
    read: OffRead,
    out: UnboundedSender<Bytes>,
}

pub(super) struct Readers {
    tx: Option<mpsc::Sender<ReadJob>>,
    threads: Vec<JoinHandle<()>>,
}

impl Readers {
    /// Start `n` reader threads.
    pub(super) fn start(n: usize) -> Readers {
        let (tx, rx) = mpsc::channel::<ReadJob>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = (0..n)
            .filter_map(|i| {
                let rx = rx.clone();
                std::thread::Builder::new()
                    .name(format!("thuky-reader-{i}"))
                    .spawn(move || {
                        lower_priority();
                        loop {
                            let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                            let Ok(job) = job else { break };
                            run(job);
                        }
                    })
                    .ok()
            })
            .collect();
        Readers { tx: Some(tx), threads }
    }

    /// Answer request `id` with `read`, on a reader thread.
    pub(super) fn submit(&self, id: u64, read: OffRead, out: UnboundedSender<Bytes>) {
        let job = ReadJob { id, read, out };
        match &self.tx {
            Some(tx) if !self.threads.is_empty() => {
                if let Err(mpsc::SendError(job)) = tx.send(job) {
                    run(job);
                }
            }
            _ => run(job),
        }
    }

    /// Finish the reads under way, then stop (before the store is closed).
    pub(super) fn stop(mut self) {
        self.tx = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// Give this thread a lower CPU priority (nice +10) than the writer: on two
/// cores a `check` must not take the writer's turn.
fn lower_priority() {
    // SAFETY: gettid and setpriority on the calling thread only.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

fn run(job: ReadJob) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.read.run())).unwrap_or_else(|_| {
        tracing::error!("a read off the writer panicked; answered with an error");
        Err(ServiceError::new(
            ErrorKind::Internal,
            "lỗi nội bộ của thuky khi đọc; máy chủ vẫn chạy",
            "thuky hit an internal error while reading; the server goes on",
        ))
    });
    let _ = job.out.send(encode(&ServerMsg::Reply { id: job.id, result }));
}
