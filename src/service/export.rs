//! `ExportWrite`: the workbook a screen shows, built as `thuky export` builds
//! it (crate::io, from the service's own answers, each authorised as the read
//! it is) and written by the process that owns the data directory into its
//! `exports` folder: the TUI is often a client of a server running as
//! another user, and clerks fetch the files over SFTP.
//!
//! The file is written under a temporary name, synced, then linked to its
//! final name, which fails rather than replace a file already there (the
//! next free name is taken): an export never overwrites one and never
//! leaves half a file under a real name.

use super::api::{ExportFormat, ExportWhat, ExportWrite, Exported, Founding, Request, Response};
use super::backend::Backend;
use super::error::{ErrorKind, Result, ServiceError};
use super::Service;
use crate::domain::year_end;
use crate::io::table::Workbook;
use std::path::{Path, PathBuf};

/// The folder of the data directory exports are written to.
pub const EXPORTS_DIR: &str = crate::store::files::EXPORTS;

/// The place written in the report's heading (as `thuky export report` by default).
const PLACE: &str = "Hà Nội";

/// The service answering the exporters' reads as `user` (each read is
/// validated and authorised as if the user had sent it).
struct AsUser<'a> {
    service: &'a mut Service,
    user: String,
}

impl Backend for AsUser<'_> {
    fn call(&mut self, request: Request) -> Result<Response> {
        self.service.handle(&self.user, request).result
    }

    fn events(&mut self) -> Vec<super::Event> {
        Vec::new()
    }

    fn user(&self) -> &str {
        &self.user
    }
}

fn unexpected() -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, "câu trả lời không mong đợi", "unexpected answer")
}

impl Service {
    pub(super) fn foundings(&self) -> Response {
        Response::FoundingList(
            self.state
                .register
                .iter()
                .map(|o| Founding {
                    id: o.id,
                    founding_ref: o.founding_ref.clone(),
                    founding_date: o.founding_date,
                })
                .collect(),
        )
    }

    /// The scope of an export: the one asked for, which for a clerk must lie
    /// within the clerk's scope (the clerk's scope when none is asked for).
    fn export_scope(&mut self, user: &str, year: i32, under: Option<String>) -> Result<Option<String>> {
        let Some((scope, scope_code)) = self.clerk_scope(user)? else {
            return Ok(under);
        };
        let Some(code) = under.filter(|c| !c.trim().is_empty()) else {
            return Ok(Some(scope_code));
        };
        let org = super::validate::resolve(&self.state.register, "under", &code)?;
        if !self.within(org.id, scope, Some(year_end(year))) {
            let name = org.last_name().to_string();
            return Err(ServiceError {
                kind: ErrorKind::Forbidden,
                field: Some("under".into()),
                value: Some(code.clone()),
                vi: format!("{code} ({name}) nằm ngoài phạm vi {scope_code} của '{user}'; không xuất tệp nào"),
                en: format!("{code} ({name}) is outside the scope {scope_code} of '{user}'; nothing was exported"),
            });
        }
        Ok(Some(code))
    }

    pub(super) fn export_write(&mut self, user: &str, req: ExportWrite) -> Result<Response> {
        if req.format == ExportFormat::Csv && req.what == ExportWhat::Report {
            return Err(ServiceError::invalid(
                "format",
                "csv",
                "báo cáo có nhiều trang tính, chỉ xuất được .xlsx",
                "the report has several sheets: it is exported as .xlsx only",
            ));
        }
        let under = self.export_scope(user, req.year, req.under)?;
        let lang = req.lang;
        let year = req.year;
        let (book, scope, rows) = {
            let mut b = AsUser {
                service: self,
                user: user.to_string(),
            };
            match req.what {
                ExportWhat::Classification => {
                    let Response::ClassificationList(list) = b.call(Request::ClassificationList { year, under })? else {
                        return Err(unexpected());
                    };
                    (crate::io::classification::export(&list, lang), list.scope.clone(), list.rows.len())
                }
                ExportWhat::Admissions => {
                    let inputs = crate::io::admissions::gather(&mut b, year, under)?;
                    let rows = inputs.list.rows.len();
                    (crate::io::admissions::export(&inputs, lang), inputs.scope.scope_code.clone(), rows)
                }
                ExportWhat::Report => {
                    let today = chrono::Local::now().date_naive();
                    let inputs = crate::io::report::gather(&mut b, year, under, PLACE.into(), today)?;
                    let rows = inputs.units.len() + 1;
                    (crate::io::report::export(&inputs, lang), inputs.scope.scope_code.clone(), rows)
                }
            }
        };
        let prefix = match req.what {
            ExportWhat::Classification => "xep-loai",
            ExportWhat::Admissions => "ket-nap",
            ExportWhat::Report => "bao-cao",
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M");
        let stem = format!("{prefix}-{year}-{}-{stamp}", safe(&scope));
        let dir = self.data_dir.join(EXPORTS_DIR);
        let path = write_new(&dir, &stem, req.format, &book)?;
        tracing::info!(%user, path = %path.display(), "export written");
        Ok(Response::Exported(Exported {
            path: path.display().to_string(),
            rows,
        }))
    }
}

/// A scope code as part of a file name: letters, digits, '.', '-' and '_' only.
fn safe(code: &str) -> String {
    let s: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('.').to_string();
    if s.is_empty() {
        "all".into()
    } else {
        s
    }
}

fn failed(dir: &Path, e: &dyn std::fmt::Display) -> ServiceError {
    ServiceError::new(
        ErrorKind::Storage,
        format!("không ghi được tệp xuất vào {}: {e}; không có tệp nào được tạo", dir.display()),
        format!("cannot write the export into {}: {e}; no file was made", dir.display()),
    )
}

/// Write `book` into `dir` (created on first use; 0750, its files 0640: the
/// clerks' group, the data directory's, fetches them) as `stem.ext`, or
/// `stem-2.ext`, ... when that name is taken.
pub fn write_new(dir: &Path, stem: &str, format: ExportFormat, book: &Workbook) -> Result<PathBuf> {
    crate::store::files::shared_dir(dir).map_err(|e| failed(dir, &e))?;
    let ext = match format {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
    };
    let tmp = dir.join(format!(".{stem}.{}.tmp", std::process::id()));
    let written = match format {
        ExportFormat::Xlsx => crate::io::xlsx::save(book, &tmp).map_err(|e| failed(dir, &e)),
        ExportFormat::Csv => crate::io::csv_out::save(book, &tmp).map_err(|e| failed(dir, &e)),
    };
    let placed = written.and_then(|()| {
        seal(&tmp).map_err(|e| failed(dir, &e))?;
        link_new(dir, stem, ext, &tmp)
    });
    let _ = std::fs::remove_file(&tmp);
    let path = placed?;
    // The new name is durable once the folder is synced.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(path)
}

/// Give the temporary file the exports' file mode and sync it.
fn seal(tmp: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(crate::store::files::SHARED_FILE_MODE))?;
    std::fs::OpenOptions::new().read(true).open(tmp)?.sync_all()
}

/// Link `tmp` to the first free name (a link never replaces a file).
fn link_new(dir: &Path, stem: &str, ext: &str, tmp: &Path) -> Result<PathBuf> {
    for n in 1..=999 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::hard_link(tmp, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(dir, &e)),
        }
    }
    Err(failed(dir, &format!("{stem}.{ext} … {stem}-999.{ext} đều đã có / all exist")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{Sheet, Value};

    fn book() -> Workbook {
        let mut s = Sheet::simple("x", &["Mã"]);
        s.push(vec![Value::text("BD")]);
        Workbook { sheets: vec![s] }
    }

    #[test]
    fn a_taken_name_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("exports");
        let a = write_new(&out, "xep-loai-2025-BD-20261202-0315", ExportFormat::Csv, &book()).unwrap();
        std::fs::write(&a, "kept").unwrap();
        let b = write_new(&out, "xep-loai-2025-BD-20261202-0315", ExportFormat::Csv, &book()).unwrap();
        assert_eq!(a.file_name().unwrap(), "xep-loai-2025-BD-20261202-0315.csv");
        assert_eq!(b.file_name().unwrap(), "xep-loai-2025-BD-20261202-0315-2.csv");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "kept");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&b).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("exports");
        std::fs::write(&blocked, "a file where the folder should be").unwrap();
        let e = write_new(&blocked, "x", ExportFormat::Xlsx, &book()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Storage);
        assert!(e.en.contains("exports") && e.en.contains("no file was made"), "{}", e.en);
    }

    #[test]
    fn scope_codes_are_safe_in_file_names() {
        assert_eq!(safe("BD.01"), "BD.01");
        assert_eq!(safe("../x/y"), "-x-y");
        assert_eq!(safe(""), "all");
    }
}
