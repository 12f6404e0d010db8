//! `thuky export ...`: ask the service, reshape its answer (crate::io), write the file.

use super::args::ExportCmd;
use super::print::Out;
use crate::io::table::Workbook;
use crate::service::api::{Request, Response};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};
use std::path::Path;

pub fn run(b: &mut dyn Backend, out: &Out, cmd: ExportCmd) -> Result<(), ServiceError> {
    match cmd {
        ExportCmd::Classification { year, under, out: file } => {
            let format = Format::of(&file, true)?;
            let Response::ClassificationList(list) = b.call(Request::ClassificationList { year, under })? else {
                return Err(unexpected());
            };
            let book = crate::io::classification::export(&list, out.lang);
            save(&book, &file, format)?;
            out.written(&file, list.rows.len())
        }
        ExportCmd::Report {
            year,
            under,
            out: file,
            place,
        } => {
            let format = Format::of(&file, false)?;
            let inputs = crate::io::report::gather(b, year, under, place, chrono::Local::now().date_naive())?;
            let rows = inputs.units.len() + 1;
            let book = crate::io::report::export(&inputs, out.lang);
            save(&book, &file, format)?;
            out.written(&file, rows)
        }
        ExportCmd::Register { at, under, out: file } => {
            let format = Format::of(&file, true)?;
            let at = at.unwrap_or_else(|| chrono::Local::now().date_naive());
            let Response::Tree(view) = b.call(Request::Tree { at, year: None })? else {
                return Err(unexpected());
            };
            if let Some(u) = &under {
                if !view.nodes.iter().any(|n| n.code.eq_ignore_ascii_case(u.trim())) {
                    return Err(ServiceError::invalid(
                        "under",
                        u,
                        format!("không có trong cây ngày {}", at.format("%d/%m/%Y")),
                        format!("was not in the tree on {}", at.format("%d/%m/%Y")),
                    ));
                }
            }
            let Response::FoundingList(foundings) = b.call(Request::FoundingList)? else {
                return Err(unexpected());
            };
            let book = crate::io::register::export(&view, &foundings, under.as_deref(), out.lang);
            let rows = book.sheets[0].rows.len();
            save(&book, &file, format)?;
            out.written(&file, rows)
        }
        ExportCmd::Admissions { year, under, out: file } => {
            let format = Format::of(&file, true)?;
            let inputs = crate::io::admissions::gather(b, year, under)?;
            let book = crate::io::admissions::export(&inputs, out.lang);
            save(&book, &file, format)?;
            out.written(&file, inputs.list.rows.len())
        }
        ExportCmd::Cases { filter, out: file } => {
            let format = Format::of(&file, true)?;
            let list = crate::io::cases::gather(b, filter.query(0, None))?;
            let book = crate::io::cases::export(&list, out.lang);
            save(&book, &file, format)?;
            out.written(&file, list.rows.len())
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Csv,
}

impl Format {
    fn of(file: &Path, csv_ok: bool) -> Result<Format, ServiceError> {
        match file.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("xlsx") => Ok(Format::Xlsx),
            Some("csv") if csv_ok => Ok(Format::Csv),
            _ => Err(ServiceError::invalid(
                "out",
                file.display(),
                if csv_ok {
                    "tên tệp phải có đuôi .xlsx hoặc .csv"
                } else {
                    "tên tệp phải có đuôi .xlsx"
                },
                if csv_ok {
                    "the file name must end in .xlsx or .csv"
                } else {
                    "the file name must end in .xlsx"
                },
            )),
        }
    }
}

fn unexpected() -> ServiceError {
    ServiceError::new(ErrorKind::Protocol, "câu trả lời không mong đợi", "unexpected answer")
}

/// Write to a temporary file beside the target, then rename: a failed export
/// never leaves half a file under the name asked for.
fn save(book: &Workbook, file: &Path, format: Format) -> Result<(), ServiceError> {
    let failed = |e: &dyn std::fmt::Display| {
        ServiceError::new(
            ErrorKind::Storage,
            format!("không ghi được {}: {e}", file.display()),
            format!("cannot write {}: {e}", file.display()),
        )
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = file.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let res = match format {
        Format::Xlsx => crate::io::xlsx::save(book, &tmp).map_err(|e| failed(&e)),
        Format::Csv => crate::io::csv_out::save(book, &tmp).map_err(|e| failed(&e)),
    };
    if let Err(e) = res.and_then(|_| std::fs::rename(&tmp, file).map_err(|e| failed(&e))) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}
