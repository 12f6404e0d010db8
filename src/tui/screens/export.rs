//! The export key of Xếp loại, Kết nạp and Chỉ tiêu: asks the service to
//! write what the screen shows (its scope and year) into the exports folder
//! of the data directory, and shows the file's full path on the message
//! line (clerks fetch it over SFTP). The service owns the data directory,
//! builds the workbook as `thuky export` does, and picks a new name.

use crate::service::api::{ExportFormat, ExportWhat, ExportWrite, Request, Response};
use crate::tui::i18n::T;
use crate::tui::state::Ctx;

/// Export `what` of `year` under `under` (None: the whole scope the user sees).
pub fn export(what: ExportWhat, year: i32, under: Option<String>, ctx: &mut Ctx) {
    let req = Request::ExportWrite(ExportWrite {
        what,
        year,
        under,
        format: ExportFormat::Xlsx,
        lang: ctx.lang,
    });
    if let Some(Response::Exported(e)) = ctx.call(req) {
        let rows = super::admissions::fmt::num(e.rows as u64, ctx.lang);
        ctx.info(format!("{}: {} ({rows} {})", ctx.t(T::ExportWritten), e.path, ctx.t(T::ExportRows)));
    }
}
