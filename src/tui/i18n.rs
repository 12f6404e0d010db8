//! Every user-facing string of the terminal UI, in Vietnamese (default) and English.
//! Views take their text from here, never from literals.

use crate::domain::{Lang, OrgKind};
use chrono::NaiveDate;

macro_rules! catalogue {
    ($($name:ident => $vi:expr, $en:expr;)*) => {
        /// One catalogue entry.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($name),* }
        impl T {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$name, Lang::Vi) => $vi, (T::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    AppName => "Thư ký", "Thư ký";
    ScreenOrgs => "Tổ chức", "Organisations";
    ScreenClass => "Xếp loại", "Classification";
    ScreenAdmissions => "Kết nạp", "Admissions";
    ScreenCases => "Vụ việc", "Cases";
    ScreenAudit => "Nhật ký", "Audit log";
    Year => "Năm", "Year";
    AsOf => "Ngày", "As of";
    // actions (help and hints)
    ActQuit => "Thoát", "Quit";
    ActForceQuit => "Thoát ngay", "Quit at once";
    ActHelp => "Trợ giúp", "Help";
    ActSearch => "Tìm kiếm", "Search";
    ActNextScreen => "Màn hình sau", "Next screen";
    ActPrevScreen => "Màn hình trước", "Previous screen";
    ActScreenN => "Chuyển tới màn hình số", "Go to screen number";
    ActYearPrev => "Năm trước", "Previous year";
    ActYearNext => "Năm sau", "Next year";
    ActSetDate => "Chọn ngày xem", "Set the as-of date";
    ActUp => "Lên", "Up";
    ActDown => "Xuống", "Down";
    ActPageUp => "Trang trước", "Page up";
    ActPageDown => "Trang sau", "Page down";
    ActTop => "Đầu danh sách", "First row";
    ActBottom => "Cuối danh sách", "Last row";
    ActExpand => "Mở nhánh", "Expand";
    ActCollapse => "Đóng nhánh", "Collapse";
    ActToggle => "Mở/đóng nhánh", "Expand/collapse";
    ActDrill => "Vào nhánh", "Drill down";
    ActBack => "Quay lại", "Back";
    ActFilter => "Lọc cây", "Filter the tree";
    ActAdd => "Thêm tổ chức con", "Add a child";
    ActRename => "Đổi tên", "Rename";
    ActMove => "Chuyển", "Move";
    ActMerge => "Hợp nhất", "Merge";
    ActDissolve => "Giải thể", "Dissolve";
    ActOpen => "Xem chi tiết", "Open";
    // short hint labels
    HintQuit => "thoát", "quit";
    HintHelp => "trợ giúp", "help";
    HintSearch => "tìm", "search";
    HintYear => "năm", "year";
    HintDate => "ngày", "date";
    HintDrill => "vào", "drill";
    HintFilter => "lọc", "filter";
    HintAdd => "thêm", "add";
    HintRename => "đổi tên", "rename";
    HintMove => "chuyển", "move";
    HintMerge => "hợp nhất", "merge";
    HintDissolve => "giải thể", "dissolve";
    HintOpen => "chi tiết", "detail";
    HintBack => "quay lại", "back";
    HintScreens => "màn hình", "screens";
    // help
    HelpTitle => "Trợ giúp — phím tắt", "Help — keys";
    HelpGlobal => "Chung", "Everywhere";
    HelpList => "Danh sách", "Lists";
    HelpTree => "Cây tổ chức", "Organisation tree";
    HelpAudit => "Nhật ký", "Audit log";
    HelpInputs => "Ô nhập: Backspace/Ctrl-H xóa, Ctrl-U xóa đến đầu, ←/→ Home/End di chuyển, dán được", "Inputs: Backspace/Ctrl-H delete, Ctrl-U delete to start, ←/→ Home/End move, paste works";
    HelpClose => "Esc hoặc ? để đóng; j/k cuộn", "Esc or ? closes; j/k scroll";
    HelpConfig => "Tệp cấu hình phím", "Key configuration file";
    // empty store
    EmptyTitle => "Kho dữ liệu trống", "The store is empty";
    EmptyBody => "Chưa có tổ chức nào trong thư mục dữ liệu này.", "This data directory holds no organisations yet.";
    EmptyDemo => "nạp dữ liệu mẫu Hà Nội", "load the Hanoi demo data";
    EmptyStart => "bắt đầu với kho trống", "start with an empty store";
    Loading => "Đang nạp dữ liệu mẫu, xin chờ…", "Loading the demo data, please wait…";
    NoOrgs => "Chưa có tổ chức nào (thêm bằng dòng lệnh hoặc nạp dữ liệu mẫu).", "No organisations yet (add them from the command line or load the demo data).";
    NoMatch => "Không có tổ chức nào khớp bộ lọc.", "No organisation matches the filter.";
    // tree & detail
    Tree => "Cây tổ chức", "Organisation tree";
    Detail => "Chi tiết", "Detail";
    FilterLabel => "Lọc", "Filter";
    Kind => "Loại", "Kind";
    Code => "Mã", "Code";
    Name => "Tên", "Name";
    Parents => "Trực thuộc", "Under";
    Founded => "Thành lập", "Founded";
    FoundingDecision => "Quyết định thành lập", "Founding decision";
    Members => "Đảng viên", "Members";
    MembersDirect => "trực tiếp", "direct";
    MembersTotal => "cả nhánh", "whole subtree";
    ClassByYear => "Xếp loại", "Classification";
    NotRated => "chưa", "none";
    AdmissionsYear => "Kết nạp năm", "Admissions in";
    Subtree => "Tổ chức trực thuộc", "Below it";
    History => "Lịch sử thay đổi", "History of changes";
    NotAlive => "Không còn tồn tại vào ngày này", "Did not exist on this date";
    Dissolved => "Giải thể ngày", "Dissolved on";
    Merged => "Hợp nhất ngày", "Merged on";
    None_ => "—", "—";
    MembersShort => "ĐV", "Mem.";
    ClassShort => "XL", "Cl.";
    // forms
    FormAdd => "Thêm tổ chức trực thuộc", "Add a subordinate organisation";
    FormRename => "Đổi tên tổ chức", "Rename the organisation";
    FormMove => "Chuyển tổ chức sang nơi khác", "Move the organisation";
    FormMerge => "Hợp nhất tổ chức", "Merge the organisation";
    FormDissolve => "Giải thể tổ chức", "Dissolve the organisation";
    FieldParent => "Trực thuộc", "Parent";
    FieldKind => "Loại", "Kind";
    FieldName => "Tên", "Name";
    FieldCode => "Mã (để trống: tự cấp)", "Code (empty: assigned)";
    FieldMembers => "Số đảng viên", "Members";
    FieldDate => "Ngày hiệu lực", "Effective date";
    FieldDecision => "Số quyết định", "Decision ref.";
    FieldNewParent => "Mã tổ chức cấp trên mới", "Code of the new parent";
    FieldInto => "Hợp nhất vào (mã)", "Merge into (code)";
    FormKeys => "Tab/↓ ô sau · Shift-Tab/↑ ô trước · ←/→ đổi loại · Enter lưu · Esc hủy", "Tab/↓ next · Shift-Tab/↑ previous · ←/→ change kind · Enter save · Esc cancel";
    FormKeysShort => "Enter lưu · Esc hủy · Tab ô sau", "Enter save · Esc cancel · Tab next";
    UnknownCode => "không có tổ chức mang mã này", "no organisation has this code";
    BadDate => "ngày không hợp lệ (dd/mm/yyyy)", "invalid date (dd/mm/yyyy)";
    BadNumber => "phải là một số nguyên không âm", "must be a whole number, 0 or more";
    Required => "không được để trống", "must not be empty";
    NoKindAllowed => "Tổ chức này không thể có tổ chức trực thuộc", "This organisation cannot have subordinate organisations";
    NothingSelected => "Chưa chọn tổ chức nào", "No organisation selected";
    // date input
    DateTitle => "Xem cây tại ngày (dd/mm/yyyy)", "Show the tree as of (dd/mm/yyyy)";
    DateKeys => "Enter chọn · Esc hủy", "Enter apply · Esc cancel";
    // search
    SearchTitle => "Tìm tổ chức (không cần dấu)", "Find an organisation (diacritics optional)";
    SearchKeys => "↑/↓ chọn · Enter tới · Esc đóng", "↑/↓ select · Enter go · Esc close";
    Searching => "đang tìm…", "searching…";
    // audit
    AuditEmpty => "Nhật ký trống.", "The audit log is empty.";
    AuditWhen => "Thời điểm", "When";
    AuditWho => "Người", "Who";
    AuditAction => "Thao tác", "Action";
    AuditOrg => "Tổ chức", "Org";
    AuditSummary => "Nội dung", "Summary";
    AuditBefore => "Trước", "Before";
    AuditAfter => "Sau", "After";
    AuditDetail => "Chi tiết thay đổi", "Change detail";
    AuditKeys => "j/k cuộn · Esc đóng", "j/k scroll · Esc close";
    // messages
    ConfigBad => "Tệp cấu hình phím có lỗi, dùng phím mặc định", "The key configuration has an error, defaults are used";
    Line => "dòng", "line";
    KeyConflict => "Trùng phím", "Key conflict";
}

pub fn kind_name(lang: Lang, k: OrgKind) -> &'static str {
    lang.pick(k.name_vi(), k.name_en())
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn screens_n(lang: Lang, n: usize) -> String {
    format!("1–{n} {}", T::HintScreens.get(lang))
}

pub fn org_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} tổ chức"),
        Lang::En => format!("{n} organisations"),
    }
}

pub fn matches(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Vi => format!("{shown}/{total} kết quả"),
        Lang::En => format!("{shown}/{total} results"),
    }
}

pub fn members(lang: Lang, direct: u32, total: u32) -> String {
    format!(
        "{} {}: {direct} · {}: {total}",
        T::Members.get(lang),
        T::MembersDirect.get(lang),
        T::MembersTotal.get(lang)
    )
}

pub fn year_changed(lang: Lang, year: i32) -> String {
    format!("{} {year}", T::Year.get(lang))
}

pub fn date_changed(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Vi => format!("Xem cây tại ngày {}", date(d)),
        Lang::En => format!("Showing the tree as of {}", date(d)),
    }
}

pub fn config_error(lang: Lang, path: &str, line: Option<usize>, why: &str) -> String {
    match line {
        Some(l) => format!("{} ({path}, {} {l}): {why}", T::ConfigBad.get(lang), T::Line.get(lang)),
        None => format!("{} ({path}): {why}", T::ConfigBad.get(lang)),
    }
}

pub fn unknown_action(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Vi => format!("không có thao tác tên '{name}'"),
        Lang::En => format!("no action is called '{name}'"),
    }
}

pub fn bad_key(lang: Lang, key: &str) -> String {
    match lang {
        Lang::Vi => format!("không hiểu phím '{key}' (ví dụ: \"q\", \"ctrl-f\", \"f1\", \"enter\")"),
        Lang::En => format!("cannot read the key '{key}' (e.g. \"q\", \"ctrl-f\", \"f1\", \"enter\")"),
    }
}

pub fn key_conflict(lang: Lang, key: &str, a: &str, b: &str) -> String {
    format!("{}: {key} → {a} / {b}", T::KeyConflict.get(lang))
}

pub fn dissolve_confirm(lang: Lang, code: &str, name: &str) -> String {
    match lang {
        Lang::Vi => format!("Giải thể {code} {name}?"),
        Lang::En => format!("Dissolve {code} {name}?"),
    }
}

pub fn filter_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} khớp"),
        Lang::En => format!("{n} match"),
    }
}
