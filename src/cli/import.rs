//! `thuky import ...`: read the file (crate::io), send ONE service request that
//! validates every row and writes all or nothing, print what changed.

use super::args::ImportCmd;
use super::print::Out;
use crate::service::api::{ClassificationImport, Request, Response};
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
            let grid = crate::io::read::read(&file, sheet.as_deref(), legacy)?;
            let parsed = crate::io::classification::parse(&grid)?;
            if let Some(enc) = grid.converted {
                out.note(
                    &format!("Đã chuyển văn bản từ bảng mã {} sang Unicode (tắt: --legacy off)", enc.name()),
                    &format!("Converted the text from {} to Unicode (to turn off: --legacy off)", enc.name()),
                );
            }
            let file_name = file
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
                .unwrap_or_else(|| file.display().to_string());
            let req = ClassificationImport {
                year,
                file_name,
                sheet: grid.sheet.clone(),
                columns: crate::io::classification::column_map(&parsed.columns),
                under,
                rows: parsed.rows,
                dry_run,
            };
            match b.call(Request::ClassificationImport(req))? {
                Response::Import(r) => out.import(&r),
                _ => Err(ServiceError::new(ErrorKind::Protocol, "câu trả lời không mong đợi", "unexpected answer")),
            }
        }
    }
}
