//! Starting a detached server when none answers, and waiting for it.

use super::*;

fn server_command(data_dir: &Path, opts: &ConnectOptions) -> io::Result<Command> {
    let mut cmd = match &opts.server_command {
        Some(argv) if !argv.is_empty() => {
            let mut c = Command::new(&argv[0]);
            c.args(&argv[1..]);
            c
        }
        _ => {
            let mut c = Command::new(std::env::current_exe()?);
            c.arg("--data").arg(data_dir).arg("serve").arg("--detached");
            c
        }
    };
    // The log is private to the owner, like everything in the data directory.
    // A data directory created here is the single-user default: 0700.
    if !data_dir.exists() {
        let _ = crate::store::files::private_dir(data_dir);
    }
    let log = crate::store::files::private_dir(log_path(data_dir).parent().expect("log path has a parent")).and_then(|_| {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(crate::store::files::FILE_MODE)
            .open(log_path(data_dir))
    });
    match log {
        Ok(f) => {
            let f2 = f.try_clone()?;
            cmd.stdout(f).stderr(f2);
        }
        Err(_) => {
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
        }
    }
    cmd.stdin(Stdio::null());
    // SAFETY: setsid is async-signal-safe; the child leaves our session and terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    Ok(cmd)
}

pub(super) fn start_and_connect(data_dir: &Path, opts: &ConnectOptions) -> Result<UnixStream, ServiceError> {
    let l = opts.lang;
    let sock = socket_path(data_dir);
    let cannot = |why: String| {
        protocol(msg(
            l,
            format!(
                "chưa có máy chủ thuky cho {} và không khởi động được ({why}); nhờ quản trị viên: systemctl start thuky",
                data_dir.display()
            ),
            format!(
                "no thuky server is running for {} and none could be started ({why}); ask the administrator: systemctl start thuky",
                data_dir.display()
            ),
        ))
    };
    let mut child = server_command(data_dir, opts)
        .and_then(|mut c| c.spawn())
        .map_err(|e| cannot(e.to_string()))?;
    // Reap the child whenever it exits; remember how.
    let status: Arc<Mutex<Option<ExitStatus>>> = Arc::new(Mutex::new(None));
    {
        let status = status.clone();
        std::thread::spawn(move || {
            if let Ok(s) = child.wait() {
                *status.lock().unwrap_or_else(|p| p.into_inner()) = Some(s);
            }
        });
    }
    let deadline = Instant::now() + opts.wait;
    let mut delay = Duration::from_millis(5);
    loop {
        std::thread::sleep(delay);
        match UnixStream::connect(&sock) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Err(unreachable(l, &sock, &e)),
            Err(_) => {}
        }
        let exited = *status.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = exited.filter(|s| !s.success()) {
            return Err(cannot(format!("{s}; {}", log_tail(data_dir))));
        }
        if Instant::now() >= deadline {
            return Err(cannot(format!("no answer within {:?}; {}", opts.wait, log_tail(data_dir))));
        }
        delay = (delay * 2).min(Duration::from_millis(200));
    }
}

fn log_tail(data_dir: &Path) -> String {
    let path = log_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let last: Vec<&str> = text.lines().rev().take(3).collect();
            format!("{}: {}", path.display(), last.into_iter().rev().collect::<Vec<_>>().join(" | "))
        }
        Err(_) => format!("see {}", path.display()),
    }
}
