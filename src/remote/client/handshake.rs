//! Connecting: the socket, the hello both ways, and what to tell the clerk
//! when the server cannot be reached.

use super::*;

/// Connect (starting a server if none answers) and shake hands.
pub(super) fn establish(
    data_dir: &Path,
    opts: &ConnectOptions,
    events: Arc<Mutex<Vec<Event>>>,
) -> Result<(Link, ServerHello), ServiceError> {
    let sock = socket_path(data_dir);
    let l = opts.lang;
    let deadline = Instant::now() + opts.wait;
    loop {
        let stream = match UnixStream::connect(&sock) {
            Ok(s) => s,
            Err(e) if opts.autostart && matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused) => {
                start_and_connect(data_dir, opts)?
            }
            Err(e) => return Err(unreachable(l, &sock, &e)),
        };
        match handshake(stream, l, events.clone()) {
            Ok(x) => return Ok(x),
            // The server went away in the middle of the handshake (it was stopping or
            // had just been killed): try again, a new one may be starting.
            Err((true, _)) if opts.autostart && Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            // Refused because it was stopping: the next server will answer.
            Err((false, e)) if e.field.as_deref() == Some(crate::remote::proto::NOT_RUN) && opts.autostart && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err((_, e)) => return Err(e),
        }
    }
}

pub(super) fn unreachable(l: Lang, sock: &Path, e: &io::Error) -> ServiceError {
    let s = sock.display();
    if e.kind() == io::ErrorKind::PermissionDenied {
        return protocol(msg(
            l,
            format!("không vào được máy chủ thuky ở {s}: không có quyền; nhờ quản trị viên thêm bạn vào nhóm của thư mục dữ liệu (usermod -aG thuky TÊN)"),
            format!("cannot reach the thuky server at {s}: permission denied; ask the administrator to add you to the data directory's group (usermod -aG thuky NAME)"),
        ));
    }
    protocol(msg(
        l,
        format!("không kết nối được máy chủ thuky ở {s} ({e}); nhờ quản trị viên khởi động nó: systemctl start thuky"),
        format!("cannot connect to the thuky server at {s} ({e}); ask the administrator to start it: systemctl start thuky"),
    ))
}

/// Shake hands; an error is `(true, _)` when the link failed (worth retrying)
/// and `(false, _)` when the server refused.
fn handshake(stream: UnixStream, l: Lang, events: Arc<Mutex<Vec<Event>>>) -> Result<(Link, ServerHello), (bool, ServiceError)> {
    let io_err = |e: io::Error| {
        (
            true,
            protocol(msg(
                l,
                format!("bắt tay với máy chủ thất bại: {e}"),
                format!("handshake with the server failed: {e}"),
            )),
        )
    };
    let mut s = stream;
    s.set_read_timeout(Some(Duration::from_secs(15))).map_err(io_err)?;
    let hello = serde_json::to_vec(&ClientHello::current()).expect("hello serialises");
    write_frame(&mut s, &hello).map_err(io_err)?;
    let Some(buf) = read_frame(&mut s).map_err(io_err)? else {
        return Err(io_err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        )));
    };
    let answer: ServerHello = serde_json::from_slice(&buf).map_err(|e| {
        (
            false,
            protocol(msg(
                l,
                format!("máy chủ trả lời không đọc được ({e}); có thể máy chủ khác phiên bản: systemctl restart thuky"),
                format!("unreadable answer from the server ({e}); it may be a different version: systemctl restart thuky"),
            )),
        )
    })?;
    if !answer.ok {
        return Err((
            false,
            answer
                .error
                .clone()
                .unwrap_or_else(|| protocol(msg(l, "máy chủ từ chối kết nối".into(), "the server refused the connection".into()))),
        ));
    }
    s.set_read_timeout(None).map_err(io_err)?;
    let (tx, rx) = mpsc::channel();
    let alive = Arc::new(AtomicBool::new(true));
    let reading = s.try_clone().map_err(io_err)?;
    {
        let (events, alive) = (events.clone(), alive.clone());
        std::thread::Builder::new()
            .name("thuky-client-reader".into())
            .spawn(move || reader(reading, tx, events, alive))
            .map_err(io_err)?;
    }
    Ok((
        Link {
            stream: s,
            replies: rx,
            alive,
        },
        answer,
    ))
}
