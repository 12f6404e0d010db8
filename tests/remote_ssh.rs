//! End to end with the system's OpenSSH on 127.0.0.1: two clerks log in (in
//! tmux), each gets a forced command that talks to the server; the server
//! identifies them by their uid alone, applies their roles and scopes, and
//! pushes one's change to the other live.
//!
//! Runs only as root with /usr/sbin/sshd, ssh, ssh-keygen, tmux and useradd
//! present; otherwise prints a note and passes. It creates (and leaves) the
//! group `thukyt` and the users `thukyt1`, `thukyt2`.

mod remote_support;

use remote_support::*;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thuky::domain::Lang;
use thuky::remote::{self, ConnectOptions, ServeOptions};
use thuky::service::api::{Request, Role};
use thuky::service::backend::Backend;
use thuky::service::Event;

const GROUP: &str = "thukyt";
const USERS: [&str; 2] = ["thukyt1", "thukyt2"];

/// Not a test: the forced command of the ssh logins. The action comes from
/// SSH_ORIGINAL_COMMAND ("whoami", "write CODE", "watch").
#[test]
fn ssh_client() {
    let Ok(action) = std::env::var("SSH_ORIGINAL_COMMAND") else {
        return;
    };
    let dir = PathBuf::from(std::env::var("THUKY_SSH_DATA").expect("THUKY_SSH_DATA"));
    let mut o = ConnectOptions::new(Lang::En);
    o.autostart = false;
    let mut c = match remote::connect_with(&dir, o) {
        Ok(c) => c,
        Err(e) => {
            println!("CONNECT FAILED {:?}: {}", e.kind, e.en);
            std::process::exit(0);
        }
    };
    let words: Vec<&str> = action.split_whitespace().collect();
    match words.as_slice() {
        ["whoami"] => println!("WHO user={} role={:?}", c.user(), c.role()),
        ["write", code] => match c.call(Request::AdmissionSet {
            code: code.to_string(),
            year: 2024,
            month: 7,
            count: 17,
        }) {
            Ok(_) => println!("WRITE OK {code}"),
            Err(e) => println!("WRITE REFUSED {:?} {code}", e.kind),
        },
        ["watch"] => {
            println!("READY");
            let _ = std::io::stdout().flush();
            let t0 = Instant::now();
            while t0.elapsed() < Duration::from_secs(60) {
                if c.events().iter().any(|e| matches!(e, Event::AdmissionsChanged { year: 2024, .. })) {
                    println!("EVENT admissions 2024");
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        _ => println!("UNKNOWN ACTION {action}"),
    }
    let _ = std::io::stdout().flush();
    std::process::exit(0);
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn must(cmd: &str, args: &[&str]) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn missing_prerequisite() -> Option<String> {
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Some("not running as root (needed to create users and run sshd)".into());
    }
    for p in [
        "/usr/sbin/sshd",
        "/usr/bin/ssh",
        "/usr/bin/ssh-keygen",
        "/usr/sbin/useradd",
        "/usr/sbin/groupadd",
    ] {
        if !Path::new(p).exists() {
            return Some(format!("{p} is missing (apt-get install -y openssh-server openssh-client tmux)"));
        }
    }
    if !run("tmux", &["-V"]) {
        return Some("tmux is missing (apt-get install -y tmux)".into());
    }
    None
}

struct Tmux(String);

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.0).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn window(&self, name: &str, command: &str) {
        self.cmd(&["new-window", "-d", "-n", name, command]);
    }

    /// Wait until the pane of `window` shows `text`; the pane's text.
    fn wait_for(&self, window: &str, text: &str) -> String {
        let t0 = Instant::now();
        loop {
            let screen = self.cmd(&["capture-pane", "-p", "-J", "-S", "-200", "-t", &format!("thuky:{window}")]);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "window {window} never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.0).arg("kill-server").status();
    }
}

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn two_clerks_over_openssh() {
    if let Some(why) = missing_prerequisite() {
        println!("SKIPPED remote_ssh: {why}");
        return;
    }
    // Accounts: a group for the clerks, two users with a usable (non-locked) password field.
    must("groupadd", &["-f", GROUP]);
    for u in USERS {
        if !run("id", &[u]) {
            must("useradd", &["-m", "-s", "/bin/sh", "-G", GROUP, u]);
        }
        must("usermod", &["-a", "-G", GROUP, "-p", "*", u]);
    }

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    // The data directory: root's, group thukyt, 0750 (clerks reach the socket, not the store).
    let dir = root.join("data");
    std::fs::create_dir(&dir).unwrap();
    let units = seed(&dir);
    must("chgrp", &[GROUP, dir.to_str().unwrap()]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o750)).unwrap();
    std::fs::set_permissions(thuky::service::store_dir(&dir), std::fs::Permissions::from_mode(0o700)).unwrap();

    // The server, identifying peers by their credentials only.
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let (dir, stop) = (dir.clone(), stop.clone());
        std::thread::spawn(move || {
            remote::serve(
                &dir,
                ServeOptions {
                    stop,
                    log: false,
                    ..Default::default()
                },
            )
        })
    };
    let sock = remote::socket_path(&dir);
    let t0 = Instant::now();
    while std::os::unix::net::UnixStream::connect(&sock).is_err() {
        assert!(t0.elapsed() < Duration::from_secs(20), "server did not start");
        std::thread::sleep(Duration::from_millis(10));
    }
    {
        use std::os::unix::fs::MetadataExt;
        // The socket is bound (with the server's umask 077: owner only) a moment
        // before its mode is opened to the group.
        let t0 = Instant::now();
        while std::fs::metadata(&sock).unwrap().permissions().mode() & 0o777 != 0o660 && t0.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(10));
        }
        let m = std::fs::metadata(&sock).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o660);
        assert_eq!(m.gid(), std::fs::metadata(&dir).unwrap().gid());
    }
    // Root owns the data directory, so is the bootstrap admin: register the clerks.
    let mut o = ConnectOptions::new(Lang::En);
    o.autostart = false;
    let mut admin = remote::connect_with(&dir, o).unwrap();
    add_user(&mut admin, USERS[0], Role::Clerk, Some("TD1"));
    add_user(&mut admin, USERS[1], Role::Viewer, None);

    // The forced command: a copy of this test binary the clerks can execute.
    let bin = root.join("thuky-ssh-client");
    std::fs::copy(std::env::current_exe().unwrap(), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();

    // Keys and sshd on a free loopback port.
    let keys = root.join("keys");
    std::fs::create_dir(&keys).unwrap();
    must(
        "ssh-keygen",
        &["-q", "-t", "ed25519", "-N", "", "-f", root.join("hostkey").to_str().unwrap()],
    );
    must(
        "ssh-keygen",
        &["-q", "-t", "ed25519", "-N", "", "-f", root.join("id").to_str().unwrap()],
    );
    let public = std::fs::read_to_string(root.join("id.pub")).unwrap();
    for u in USERS {
        std::fs::write(keys.join(u), &public).unwrap();
        std::fs::set_permissions(keys.join(u), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // The server in this process set the umask to 077 (the store stays private):
    // what sshd reads as the clerks needs its modes given explicitly.
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let conf = root.join("sshd_config");
    std::fs::write(
        &conf,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\nAuthorizedKeysFile {keys}/%u\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
             AllowUsers {u1} {u2}\nPermitUserEnvironment no\n\
             Match Group {GROUP}\n    ForceCommand env THUKY_SSH_DATA={data} {bin} ssh_client --exact --nocapture --test-threads=1\n    PermitTTY yes\n",
            host = root.join("hostkey").display(),
            pid = root.join("sshd.pid").display(),
            keys = keys.display(),
            u1 = USERS[0],
            u2 = USERS[1],
            data = dir.display(),
            bin = bin.display(),
        ),
    )
    .unwrap();
    std::fs::create_dir_all("/run/sshd").unwrap();
    let log = root.join("sshd.log");
    let _sshd = Child(
        Command::new("/usr/sbin/sshd")
            .arg("-D")
            .arg("-f")
            .arg(&conf)
            .arg("-E")
            .arg(&log)
            .spawn()
            .expect("start sshd"),
    );
    let t0 = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "sshd did not listen: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let ssh = |user: &str, action: &str| {
        format!(
            "ssh -tt -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR {user}@127.0.0.1 {action}; sleep 600",
            key = root.join("id").display()
        )
    };
    let tmux = Tmux(format!("thuky-ssh-{}", std::process::id()));
    tmux.cmd(&["new-session", "-d", "-s", "thuky", "-x", "160", "-y", "40"]);

    // Each login is identified by its own uid.
    tmux.window("who1", &ssh(USERS[0], "whoami"));
    tmux.window("who2", &ssh(USERS[1], "whoami"));
    tmux.wait_for("who1", "WHO user=thukyt1 role=Some(Clerk)");
    tmux.wait_for("who2", "WHO user=thukyt2 role=Some(Viewer)");

    // The viewer watches; the clerk writes within the scope; the viewer's session sees it live.
    tmux.window("watch", &ssh(USERS[1], "watch"));
    tmux.wait_for("watch", "READY");
    tmux.window("write", &ssh(USERS[0], &format!("write {}", units[0])));
    tmux.wait_for("write", &format!("WRITE OK {}", units[0]));
    tmux.wait_for("watch", "EVENT admissions 2024");

    // Outside the clerk's scope, and any write by the viewer: refused.
    tmux.window("outside", &ssh(USERS[0], &format!("write {}", units[7])));
    tmux.wait_for("outside", &format!("WRITE REFUSED Forbidden {}", units[7]));
    tmux.window("viewer", &ssh(USERS[1], &format!("write {}", units[0])));
    tmux.wait_for("viewer", &format!("WRITE REFUSED Forbidden {}", units[0]));

    // The audit names the clerk's account.
    let audit = match admin.call(Request::AuditList(Default::default())).unwrap() {
        thuky::service::api::Response::AuditList(a) => a,
        r => panic!("{r:?}"),
    };
    assert!(audit.iter().any(|e| e.user == USERS[0] && e.action == "admit.set"));

    drop(admin);
    stop.store(true, Ordering::SeqCst);
    server.join().unwrap().unwrap();
}
