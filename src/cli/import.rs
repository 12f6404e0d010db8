//! `thuky import ...`: read the file (crate::io), send ONE service request that
//! validates every row and writes all or nothing, print what changed.

use super::args::ImportCmd;
use super::print::Out;
use crate::service::api::{Request, Response};
use crate::service::backend::Backend;
use crate::service::{ErrorKind, ServiceError};

pub fn run(b: &mut dyn Backend, out: &Out, cmd: ImportCmd) -> Result<(), ServiceError> {
    match cmd {
        ImportCmd::Classification {
            year,
            file,
            sheet,
            under,
            dry_run,
            legacy,
        } => {
            let (req, converted) = crate::io::classification::request(&file, sheet.as_deref(), legacy, year, under, dry_run)?;
            converted_note(out, converted);
            answer(out, b.call(Request::ClassificationImport(req))?)
        }
        ImportCmd::Register {
            file,
            sheet,
            at,
            dry_run,
            legacy,
        } => {
            let at = at.unwrap_or_else(|| chrono::Local::now().date_naive());
            let (req, converted) = crate::io::register::request(&file, sheet.as_deref(), legacy, at, dry_run)?;
            converted_note(out, converted);
            answer(out, b.call(Request::RegisterImport(req))?)
        }
        ImportCmd::Admissions {
            year,
            file,
            sheet,
            under,
            dry_run,
            legacy,
        } => {
            let (req, converted) = crate::io::admissions::request(&file, sheet.as_deref(), legacy, year, under, dry_run)?;
            converted_note(out, converted);
            answer(out, b.call(Request::AdmissionImport(req))?)
        }
    }
}

fn converted_note(out: &Out, converted: Option<crate::io::legacy::Legacy>) {
    if let Some(enc) = converted {
        out.note(
            &format!("Đã chuyển văn bản từ bảng mã {} sang Unicode (tắt: --legacy off)", enc.name()),
            &format!("Converted the text from {} to Unicode (to turn off: --legacy off)", enc.name()),
        );
    }
}

fn answer(out: &Out, r: Response) -> Result<(), ServiceError> {
    match r {
        Response::Import(r) => out.import(&r),
        _ => Err(ServiceError::new(
            ErrorKind::Protocol,
            "câu trả lời không mong đợi",
            "unexpected answer",
        )),
    }
}
