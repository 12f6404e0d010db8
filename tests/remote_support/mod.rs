//! Helpers for the server/client tests (tests/remote_*.rs).
#![allow(dead_code)]

use chrono::NaiveDate;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use thuky::domain::{Lang, OrgKind};
use thuky::remote::{self, ConnectOptions, Remote, ServeOptions};
use thuky::service::api::{OrgAdd, Request, Response, Role};
use thuky::service::backend::Backend;
use thuky::service::Service;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Codes of the grassroots committees the tests write to (under districts D1..D4).
pub const UNITS: usize = 8;

/// Fill `dir` with data: the demo data set when the generator gives one,
/// plus always a small known register: HN → D1..D4 → D<n>.01, D<n>.02.
/// Returns the codes of the 8 grassroots committees.
pub fn seed(dir: &Path) -> Vec<String> {
    seed_with(dir, true)
}

/// As [`seed`]; without the demo data set when `demo` is false.
pub fn seed_with(dir: &Path, demo: bool) -> Vec<String> {
    let mut s = Service::open(dir).expect("open service");
    if demo
        && !thuky::demo::generate(thuky::demo::Scale::Small, 7, chrono::Utc::now())
            .orgs
            .is_empty()
    {
        s.call(
            "seed",
            Request::DemoLoad {
                scale: thuky::demo::Scale::Small,
                seed: 7,
                replace: false,
            },
        )
        .expect("demo");
    }
    let root = match s.call("seed", Request::Status).unwrap() {
        Response::Status(st) if st.organisations > 0 => tree_root(&mut s),
        _ => {
            add(&mut s, "-", OrgKind::City, "Đảng bộ Thành phố Hà Nội", Some("HN"), 0);
            "HN".to_string()
        }
    };
    let mut units = Vec::new();
    for dn in 1..=4 {
        let dcode = format!("TD{dn}");
        add(&mut s, &root, OrgKind::Superior, &format!("Quận ủy thử {dn}"), Some(&dcode), 0);
        for u in 1..=2 {
            let ucode = format!("{dcode}.U{u}");
            add(
                &mut s,
                &dcode,
                OrgKind::GrassrootsCommittee,
                &format!("Đảng bộ thử {dn}.{u}"),
                Some(&ucode),
                40,
            );
            units.push(ucode);
        }
    }
    units
}

fn tree_root(s: &mut Service) -> String {
    match s
        .call(
            "seed",
            Request::Tree {
                at: d(2020, 1, 1),
                year: None,
            },
        )
        .unwrap()
    {
        Response::Tree(t) => t.nodes.iter().find(|n| n.parent.is_none()).expect("a root").code.clone(),
        _ => unreachable!(),
    }
}

fn add(s: &mut Service, parent: &str, kind: OrgKind, name: &str, code: Option<&str>, members: u32) {
    s.call(
        "seed",
        Request::OrgAdd(OrgAdd {
            parent: parent.into(),
            kind,
            name: name.into(),
            code: code.map(Into::into),
            members,
            at: d(2000, 1, 1),
            founding_ref: None,
            founding_date: None,
        }),
    )
    .unwrap_or_else(|e| panic!("add {name}: {e}"));
}

/// A server running in this process, with connection n identified as the
/// n-th name handed to [`TestServer::client`].
pub struct TestServer {
    pub dir: PathBuf,
    names: Arc<Mutex<VecDeque<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<anyhow::Result<()>>>,
}

impl TestServer {
    pub fn start(dir: &Path) -> TestServer {
        Self::start_with(dir, |_| {})
    }

    /// As [`TestServer::start`], with options changed by `tune`.
    pub fn start_with(dir: &Path, tune: impl FnOnce(&mut ServeOptions)) -> TestServer {
        let names: Arc<Mutex<VecDeque<String>>> = Arc::new(Mutex::new(VecDeque::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let q = names.clone();
        let mut opts = ServeOptions {
            log: std::env::var("THUKY_LOG").is_ok(),
            identify: Some(Arc::new(move |_peer: &remote::Peer| q.lock().unwrap().pop_front())),
            stop: stop.clone(),
            ..Default::default()
        };
        tune(&mut opts);
        let d = dir.to_path_buf();
        let thread = std::thread::spawn(move || remote::serve(&d, opts));
        let sock = remote::socket_path(dir);
        let t0 = Instant::now();
        // Listening, not just bound (bind creates the file a moment before listen).
        while std::os::unix::net::UnixStream::connect(&sock).is_err() {
            if thread.is_finished() {
                panic!("server did not start: {:?}", thread.join().unwrap());
            }
            assert!(t0.elapsed() < Duration::from_secs(20), "server did not start");
            std::thread::sleep(Duration::from_millis(5));
        }
        TestServer {
            dir: dir.to_path_buf(),
            names,
            stop,
            thread: Some(thread),
        }
    }

    /// The next connection accepted is `user`.
    pub fn push_name(&self, user: &str) {
        self.names.lock().unwrap().push_back(user.to_string());
    }

    /// Connect as `user` (no auto-start).
    pub fn try_client(&self, user: &str) -> Result<Remote, thuky::service::ServiceError> {
        self.names.lock().unwrap().push_back(user.to_string());
        let mut o = ConnectOptions::new(Lang::En);
        o.autostart = false;
        let r = remote::connect_with(&self.dir, o);
        if r.is_err() {
            // The name may not have been consumed (e.g. the connection failed before identification).
            self.names.lock().unwrap().retain(|n| n != user);
        }
        r
    }

    pub fn client(&self, user: &str) -> Remote {
        self.try_client(user).unwrap_or_else(|e| panic!("connect as {user}: {e}"))
    }

    pub fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.join().expect("server thread").expect("server result");
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Register users through an admin connection ("root" owns the temp dir when tests run as root;
/// otherwise the owner is whoever runs the tests).
pub fn owner() -> String {
    thuky::service::users::owner_of(&std::env::temp_dir()).unwrap_or_else(|| "root".into())
}

pub fn add_user(admin: &mut Remote, name: &str, role: Role, scope: Option<&str>) {
    admin
        .call(Request::UserAdd {
            name: name.into(),
            role,
            scope: scope.map(Into::into),
        })
        .unwrap_or_else(|e| panic!("user add {name}: {e}"));
}

/// Wait up to 5 s for `b` to receive an event that `pred` accepts.
pub fn wait_event(b: &mut dyn Backend, pred: impl Fn(&thuky::service::Event) -> bool) -> bool {
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(5) {
        if b.events().iter().any(&pred) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

pub fn admissions(b: &mut dyn Backend, year: i32) -> thuky::service::api::AdmissionList {
    match b.call(Request::AdmissionList { year, under: None }).expect("admissions") {
        Response::AdmissionList(a) => *a,
        other => panic!("unexpected {other:?}"),
    }
}
