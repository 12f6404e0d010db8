//! Reads that run off the single writer, so that readers cannot stall
//! everyone's writes (issue 10 item 9): the reads `Service::offload` hands
//! over (`check`, a year's whole classification list, a classification
//! window) are computed here, and
//! every other read's answer is encoded here (a year's register or report is
//! megabytes of JSON). Two pools: `check` scans the whole store for seconds
//! and runs on its own thread at a low CPU priority, so that it never queues
//! ahead of a clerk's screen nor takes the writer's core.

use super::codec::reply;
use crate::service::api::Response;
use crate::service::{ErrorKind, OffRead, ServiceError};
use bytes::Bytes;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::mpsc::UnboundedSender;

/// What a reader does for one request.
enum Work {
    /// Compute the answer, then encode it.
    Run(OffRead),
    /// Encode an answer the writer computed.
    Encode(crate::service::Result<Response>),
}

struct ReadJob {
    id: u64,
    work: Work,
    out: UnboundedSender<Bytes>,
    /// Give freed memory back to the system afterwards, whatever the size
    /// of the answer (the quiet server's preparations: small answers built
    /// from a year's records).
    trim: bool,
}

/// A few threads taking jobs from one queue.
struct Pool {
    tx: Option<mpsc::Sender<ReadJob>>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    fn start(name: &str, n: usize, nice: i32) -> Pool {
        let (tx, rx) = mpsc::channel::<ReadJob>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = (0..n)
            .filter_map(|i| {
                let rx = rx.clone();
                std::thread::Builder::new()
                    .name(format!("thuky-{name}-{i}"))
                    .spawn(move || {
                        lower_priority(nice);
                        loop {
                            let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                            let Ok(job) = job else { break };
                            run(job);
                        }
                    })
                    .ok()
            })
            .collect();
        Pool { tx: Some(tx), threads }
    }

    fn submit(&self, job: ReadJob) {
        match &self.tx {
            Some(tx) if !self.threads.is_empty() => {
                if let Err(mpsc::SendError(job)) = tx.send(job) {
                    run(job);
                }
            }
            _ => run(job),
        }
    }

    fn stop(mut self) {
        self.tx = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

pub(super) struct Readers {
    scans: Pool,
    reads: Pool,
}

impl Readers {
    /// Start the pools: one thread for store scans at nice +10, two for the
    /// other reads at nice +2 (the writer keeps the upper hand on two cores).
    pub(super) fn start() -> Readers {
        Readers {
            scans: Pool::start("scan", 1, 10),
            reads: Pool::start("reader", 2, 2),
        }
    }

    /// Answer request `id` with `read`, off the writer.
    pub(super) fn submit(&self, id: u64, read: OffRead, out: UnboundedSender<Bytes>) {
        let pool = if read.is_scan() { &self.scans } else { &self.reads };
        pool.submit(ReadJob {
            id,
            work: Work::Run(read),
            out,
            trim: false,
        });
    }

    /// Run `read` for what it leaves prepared (the quiet server's work);
    /// nobody waits for its answer.
    pub(super) fn prepare(&self, read: OffRead) {
        let (out, _) = tokio::sync::mpsc::unbounded_channel();
        self.reads.submit(ReadJob {
            id: 0,
            work: Work::Run(read),
            out,
            trim: true,
        });
    }

    /// Encode and send the answer `result` to request `id`, off the writer.
    pub(super) fn send(&self, id: u64, result: crate::service::Result<Response>, out: UnboundedSender<Bytes>) {
        self.reads.submit(ReadJob {
            id,
            work: Work::Encode(result),
            out,
            trim: false,
        });
    }

    /// Finish the reads under way, then stop (before the store is closed).
    pub(super) fn stop(self) {
        self.scans.stop();
        self.reads.stop();
    }
}

/// Give this thread a lower CPU priority (`nice`) than the writer: on two
/// cores a `check` must not take the writer's turn.
fn lower_priority(nice: i32) {
    // SAFETY: gettid and setpriority on the calling thread only.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, nice);
    }
}

fn run(job: ReadJob) {
    let ReadJob { id, work, out, trim } = job;
    let bytes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let result = match work {
            Work::Run(read) => read.run(),
            Work::Encode(result) => result,
        };
        reply(id, result)
    }))
    .unwrap_or_else(|_| {
        tracing::error!("a read off the writer panicked; answered with an error");
        reply(
            id,
            Err(ServiceError::new(
                ErrorKind::Internal,
                "lỗi nội bộ của thuky khi đọc; máy chủ vẫn chạy",
                "thuky hit an internal error while reading; the server goes on",
            )),
        )
    });
    let large = bytes.len() >= TRIM_AFTER;
    let _ = out.send(bytes);
    if large || trim {
        // The answer and what it was built from were megabytes, allocated and
        // freed across threads: give the freed pages back to the system, or
        // each reader thread's malloc arena keeps its peak (measured at hanoi
        // scale, 16 clients each loading a year's tree: 277 MB, 205 MB with this).
        give_back_freed_memory();
    }
}

/// Return the heaps' free pages to the system (glibc keeps them otherwise:
/// an arena stays at its peak).
pub(super) fn give_back_freed_memory() {
    // SAFETY: malloc_trim only releases free memory of this process's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// An answer of this size or more is followed by `malloc_trim`.
const TRIM_AFTER: usize = 1 << 20;
