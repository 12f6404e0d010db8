//! Issue 10 item 5: file modes are set explicitly, whatever the umask.

#[path = "remote_support/mod.rs"]
mod remote_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use thuky::service::backend::Backend;

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        }
        out.push(p);
    }
}

#[test]
fn the_data_directory_and_everything_in_it_are_private_and_only_the_socket_is_open_to_the_group() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // As a permissive umask leaves them.
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o757)).unwrap();
    remote_support::seed_with(&data, false);
    let lock = thuky::remote::lock_path(&data);
    std::fs::write(&lock, "").unwrap();
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o666)).unwrap();
    let exports = data.join("exports");
    std::fs::create_dir(&exports).unwrap();
    let mut all = Vec::new();
    walk(&data, &mut all);
    for p in &all {
        let m = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    }
    let server = remote_support::TestServer::start(&data);
    let sock = thuky::remote::socket_path(&data);
    assert_eq!(
        mode(&data),
        0o750,
        "others lose every access, the group keeps what it had but write"
    );
    assert_eq!(mode(&sock), 0o660);
    let mut all = Vec::new();
    walk(&data, &mut all);
    assert!(all.iter().any(|p| p.ends_with("store")));
    for p in all.iter().filter(|p| **p != sock && **p != exports) {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(p), want, "{}", p.display());
    }
    // The exports folder alone is readable by the clerks' group, and so are the files written there.
    assert_eq!(mode(&exports), 0o750);
    let mut c = server.client(&remote_support::owner());
    let path = match c
        .call(thuky::service::api::Request::ExportWrite(thuky::service::api::ExportWrite {
            what: thuky::service::api::ExportWhat::Classification,
            year: 2024,
            under: None,
            format: thuky::service::api::ExportFormat::Xlsx,
            lang: thuky::domain::Lang::Vi,
        }))
        .unwrap()
    {
        thuky::service::api::Response::Exported(e) => std::path::PathBuf::from(e.path),
        r => panic!("{r:?}"),
    };
    assert!(path.starts_with(&exports), "{}", path.display());
    assert_eq!(mode(&path), 0o640);
    server.stop();
    // A data directory the server creates is private.
    let fresh = tmp.path().join("fresh");
    let server = remote_support::TestServer::start(&fresh);
    assert_eq!(mode(&fresh), 0o700);
    assert_eq!(mode(&thuky::remote::lock_path(&fresh)), 0o600);
    server.stop();
}
