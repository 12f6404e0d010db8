//! Every user-facing string of the terminal UI, in Vietnamese (default) and English.
//! Views take their text from here, never from literals.

use crate::domain::numfmt::int;
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
    ActScreenN => "Chuyển tới màn hình", "Go to screen";
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
    FieldNewParent => "Cấp trên mới (mã hoặc tên)", "New parent (code or name)";
    FieldInto => "Hợp nhất vào (mã hoặc tên)", "Merge into (code or name)";
    TargetNoMatch => "không có tổ chức nào mang mã hoặc tên này", "no organisation has this code or name";
    UnknownCode => "không có tổ chức mang mã này", "no organisation has this code";
    BadDate => "ngày không hợp lệ (dd/mm/yyyy)", "invalid date (dd/mm/yyyy)";
    BadNumber => "phải là một số nguyên không âm", "must be a whole number, 0 or more";
    Required => "không được để trống", "must not be empty";
    NoKindAllowed => "Tổ chức này không thể có tổ chức trực thuộc", "This organisation cannot have subordinate organisations";
    NothingSelected => "Chưa chọn tổ chức nào", "No organisation selected";
    // date input
    DateTitle => "Xem cây tại ngày (dd/mm/yyyy)", "Show the tree as of (dd/mm/yyyy)";
    // search
    SearchTitle => "Tìm tổ chức, vụ việc (không cần dấu)", "Find an organisation or a case (diacritics optional)";
    SearchPrompt => "Gõ tên, mã tổ chức, tên người, tiêu đề vụ việc… (mọi từ, thứ tự bất kỳ)", "Type a name, a code, a person, a case title… (every word, any order)";
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
    AuditChanges => "Thay đổi", "Changes";
    AuditNoChanges => "(không có giá trị trước/sau)", "(no values before or after)";
    AuditYear => "Năm", "Year";
    AuditFilterUserPrompt => "Lọc theo người (tên đăng nhập; trống: bỏ lọc)", "Filter by user (login name; empty: no filter)";
    AuditFilterOrgPrompt => "Lọc theo tổ chức (mã; trống: bỏ lọc)", "Filter by organisation (code; empty: no filter)";
    AuditFilterDatesPrompt => "Lọc theo ngày: từ-đến (dd/mm/yyyy-dd/mm/yyyy; một ngày: từ ngày đó)", "Filter by date: from-to (dd/mm/yyyy-dd/mm/yyyy; one date: from that day)";
    AuditFilterBadDates => "không đọc được khoảng ngày (dd/mm/yyyy-dd/mm/yyyy)", "cannot read the date range (dd/mm/yyyy-dd/mm/yyyy)";
    AuditFiltered => "lọc", "filter";
    AuditNoMatch => "Không có mục nào khớp bộ lọc (c: bỏ lọc).", "No entry matches the filter (c: clear it).";
    ActAuditFilterUser => "Lọc nhật ký theo người", "Filter the log by user";
    ActAuditFilterOrg => "Lọc nhật ký theo tổ chức", "Filter the log by organisation";
    ActAuditFilterDates => "Lọc nhật ký theo khoảng ngày", "Filter the log by date range";
    ActAuditFilterClear => "Bỏ mọi bộ lọc nhật ký", "Clear the log's filters";
    HintAuditUser => "người", "user";
    HintAuditOrg => "tổ chức", "org";
    HintAuditDates => "ngày", "dates";
    HintAuditClear => "bỏ lọc", "clear";
    AuActOrgAdd => "Thành lập", "Found";
    AuActOrgRename => "Đổi tên", "Rename";
    AuActOrgMove => "Chuyển", "Move";
    AuActOrgMerge => "Sáp nhập", "Merge";
    AuActOrgDissolve => "Giải thể", "Dissolve";
    AuActOrgMembers => "Số đảng viên", "Members";
    AuActOrgCode => "Đổi mã", "Change code";
    AuActOrgImport => "Nhập tổ chức", "Import orgs";
    AuActClassSet => "Xếp loại", "Classify";
    AuActClassClear => "Xóa xếp loại", "Clear class.";
    AuActClassImport => "Nhập xếp loại", "Import class.";
    AuActAdmitSet => "Kết nạp", "Admissions";
    AuActAdmitBlock => "Kết nạp (khối)", "Admit (block)";
    AuActAdmitImport => "Nhập kết nạp", "Import admits";
    AuActTargetSet => "Chỉ tiêu", "Targets";
    AuActCaseAdd => "Mở vụ việc", "Open case";
    AuActCaseUpdate => "Sửa vụ việc", "Update case";
    AuActSettings => "Thiết lập", "Settings";
    AuActUserAdd => "Thêm người dùng", "Add user";
    AuActUserSet => "Sửa người dùng", "Change user";
    AuActUserRemove => "Xóa người dùng", "Remove user";
    AuActUserMigrate => "Chuyển người dùng", "Migrate users";
    AuActDemo => "Dữ liệu mẫu", "Demo data";
    AuActRestore => "Khôi phục", "Restore";
    AuFLevel => "Mức", "Level";
    AuFScore => "Điểm", "Score";
    AuFMembers => "Đảng viên", "Members";
    AuFTallies => "Xếp loại ĐV", "Members' levels";
    AuFDecision => "Quyết định", "Decision";
    AuFDecided => "Ngày quyết định", "Decision date";
    AuFNote => "Ghi chú", "Note";
    AuFName => "Tên", "Name";
    AuFCode => "Mã", "Code";
    AuFKind => "Loại", "Kind";
    AuFFrom => "Từ ngày", "From";
    AuFParent => "Trực thuộc", "Under";
    AuFProbationary => "Dự bị", "Probationary";
    AuFFoundingRef => "Quyết định thành lập", "Founding decision";
    AuFFoundingDate => "Ngày thành lập", "Founding date";
    AuFDissolved => "Giải thể", "Dissolved";
    AuFReinstated => "Khôi phục (hoàn tác)", "Reinstated (undo)";
    AuFMerged => "Sáp nhập vào", "Merged into";
    AuFMoved => "Chuyển sang", "Moved to";
    AuFOrganisations => "Tổ chức", "Organisations";
    AuFClassifications => "Bản xếp loại", "Classifications";
    AuFAdmissions => "Kết nạp", "Admissions";
    AuFCases => "Vụ việc", "Cases";
    AuFRole => "Vai trò", "Role";
    AuFScope => "Phạm vi", "Scope";
    AuFPlan => "Kế hoạch", "Plan";
    AuFRange => "Khoảng", "Range";
    AuFMonths => "Theo tháng", "By month";
    AuFStatus => "Trạng thái", "Status";
    AuFTitle => "Tiêu đề", "Title";
    // messages
    ConfigBad => "Tệp cấu hình phím có lỗi, dùng phím mặc định", "The key configuration has an error, defaults are used";
    Line => "dòng", "line";
    KeyConflict => "Trùng phím", "Key conflict";
    // classification (Xếp loại)
    HelpClassify => "Xếp loại", "Classification";
    ActLevelHtxs => "Xếp HTXS (hoàn thành xuất sắc) rồi xuống dòng", "Rate HTXS (excellent) and move down";
    ActLevelHtt => "Xếp HTT (hoàn thành tốt) rồi xuống dòng", "Rate HTT (well) and move down";
    ActLevelHt => "Xếp HT (hoàn thành) rồi xuống dòng", "Rate HT (completed) and move down";
    ActLevelKht => "Xếp KHT (không hoàn thành) rồi xuống dòng", "Rate KHT (not completed) and move down";
    ActClassTallies => "Nhập xếp loại đảng viên (và điểm từ 2025); Tab chuyển ô, Enter lưu", "Enter the members' tallies (and the score from 2025); Tab moves, Enter saves";
    ActClassScore => "Nhập điểm (từ 2025, QĐ 366): điểm quyết định mức", "Type a score (from 2025, QĐ 366): the score sets the level";
    ActClassClear => "Xóa xếp loại của dòng", "Clear the row's classification";
    ActClassUndo => "Hoàn tác lần nhập trước (có ghi nhật ký)", "Undo the last entry (audited)";
    ActClassRedo => "Làm lại", "Redo";
    ActOnlyUnrated => "Lọc: chỉ tổ chức chưa xếp loại", "Filter: unrated only";
    ActOnlyFindings => "Lọc: chỉ tổ chức có cảnh báo", "Filter: with findings only";
    ActOnlyGrassroots => "Lọc: chỉ tổ chức cơ sở đảng", "Filter: grassroots organisations only";
    ActClassFilter => "Lọc theo tên hoặc mã (không cần dấu)", "Filter by name or code (diacritics optional)";
    ActScopeIn => "Chỉ xem các tổ chức trực thuộc dòng này", "Show only the organisations under this row";
    ActScopeOut => "Bỏ lọc, rồi quay lại phạm vi rộng hơn", "Clear the filters, then back to the wider scope";
    ActClassFindings => "Danh sách cảnh báo (Enter tới dòng)", "Findings list (Enter goes to the row)";
    ActClassCompare => "So sánh 5 năm gần nhất", "Compare the last five years";
    ActClassDecision => "Quyết định đang nhập (số, ngày): ghi kèm mọi mục nhập sau", "Decision being entered (number, date): recorded with every following entry";
    HintHtxs => "HTXS", "HTXS";
    HintHtt => "HTT", "HTT";
    HintHt => "HT", "HT";
    HintKht => "KHT", "KHT";
    HintClassTallies => "số ĐV", "tallies";
    HintClassUndo => "hoàn tác", "undo";
    HintClassFindings => "cảnh báo", "findings";
    HintClassCompare => "so sánh", "compare";
    ClWholeCity => "Toàn Đảng bộ Thành phố", "The whole city";
    ClScope => "Phạm vi", "Scope";
    ClUnratedFlag => "chưa xếp loại", "unrated";
    ClFindingsFlag => "có cảnh báo", "with findings";
    ClGrassrootsFlag => "chỉ TCCSĐ", "grassroots only";
    ClLevel => "Mức", "Level";
    ClScore => "Điểm", "Score";
    // keymap layers (help sections) and their actions
    LayerAuditDetail => "Nhật ký — chi tiết", "Audit log — detail";
    LayerClassifyScores => "Xếp loại — năm chấm điểm (QĐ 366)", "Classification — scored years (QĐ 366)";
    LayerFilter => "Ô lọc", "Filter input";
    LayerForm => "Biểu mẫu", "Forms";
    LayerSearch => "Tìm kiếm", "Search";
    LayerDate => "Chọn ngày", "Date";
    LayerHelp => "Trợ giúp", "Help";
    LayerFindings => "Danh sách cảnh báo", "Findings list";
    LayerCompare => "So sánh 5 năm", "Five-year comparison";
    LayerPaste => "Dán — xem trước", "Paste preview";
    LayerDecision => "Quyết định đang nhập", "Decision in force";
    LayerEditor => "Ô điểm và số đảng viên", "Score and tallies editor";
    LayerWelcome => "Kho trống", "Empty store";
    ActClassOpenOrg => "Xem tổ chức của dòng trong cây (Tổ chức)", "Show the row's organisation in the tree (Organisations)";
    ActDetailClose => "Đóng chi tiết", "Close the detail";
    ActScoreDigit => "Gõ điểm: chữ số mở ô điểm của dòng (các chữ số sau cùng một điểm, một chữ số thập phân), Enter ghi vào dòng này", "Type a score: a digit opens the row's score (the digits after it build the same score, one decimal), Enter writes it on this row";
    ActFilterKeep => "Giữ bộ lọc, về danh sách", "Keep the filter, back to the list";
    ActFilterClear => "Bỏ lọc", "Clear the filter";
    ActFormSubmit => "Lưu (bị từ chối thì giữ biểu mẫu và nêu lý do)", "Save (a refusal keeps the form with the reason)";
    ActCancel => "Hủy, không ghi gì", "Cancel, nothing written";
    ActFieldNext => "Ô sau", "Next field";
    ActFieldPrev => "Ô trước", "Previous field";
    ActFormDown => "Tổ chức gợi ý sau (ô cấp trên), hoặc ô sau", "Next organisation suggested (target field), or the next field";
    ActFormUp => "Tổ chức gợi ý trước (ô cấp trên), hoặc ô trước", "Previous organisation suggested (target field), or the previous field";
    ActFormKindPrev => "Lựa chọn trước (ô Loại và các ô ◂ ▸)", "Previous option (Kind and other ◂ ▸ fields)";
    ActFormKindNext => "Lựa chọn sau (ô Loại và các ô ◂ ▸)", "Next option (Kind and other ◂ ▸ fields)";
    ActSearchGo => "Mở kết quả đã chọn (vụ việc: màn hình Vụ việc; từ bảng xếp loại: dòng của nó)", "Open the result chosen (a case: the Cases screen; from the grid: its row)";
    ActSearchClose => "Đóng tìm kiếm", "Close the search";
    ActSearchNext => "Kết quả sau", "Next result";
    ActSearchPrev => "Kết quả trước", "Previous result";
    ActDateApply => "Xem cây tại ngày đã gõ", "Show the tree as of the date typed";
    ActDateFollowYear => "Bỏ ghim: ngày theo năm đang chọn", "Unpin: the date follows the selected year";
    HintFollowYear => "theo năm", "follow year";
    AsOfPinned => "Ghim ngày", "Pinned";
    ActAskChoose => "Ghi thay đổi theo lựa chọn", "Write the change with the choice";
    ActAskCancel => "Không ghi, quay lại biểu mẫu", "Write nothing, back to the form";
    ActAskNext => "Lựa chọn sau", "Next choice";
    ActAskPrev => "Lựa chọn trước", "Previous choice";
    LayerAsk => "Số liệu ghi sau ngày thay đổi", "Records dated after the change";
    AskTitle => "Đã có số liệu sau ngày này", "Records dated after this change";
    AskLater => "các số liệu sau đã ghi sau ngày đó:", "these records are dated after it:";
    ActHelpClose => "Đóng trợ giúp", "Close the help";
    ActFindingsGo => "Tới dòng của cảnh báo", "Go to the finding's row";
    ActFindingsClose => "Đóng danh sách cảnh báo", "Close the findings list";
    ActCompareClose => "Đóng so sánh", "Close the comparison";
    ActPasteWrite => "Ghi các dòng xem trước (hoàn tác một lần)", "Write the rows previewed (one undo)";
    ActPasteCancel => "Hủy dán, không ghi gì", "Cancel the paste, nothing written";
    ActDecisionField => "Sang ô kia (số / ngày)", "The other field (number / date)";
    ActDecisionUse => "Dùng cho các mục nhập sau (để trống số để bỏ)", "Use for the next entries (an empty number drops it)";
    ActEditSave => "Ghi điểm và số đảng viên của dòng này (sai thì giữ ô và nêu lý do)", "Write this row's score and tallies (a bad value keeps the field open with the reason)";
    ActEditCancel => "Hủy, không ghi gì", "Cancel, nothing written";
    ActEditNext => "Ô sau (giá trị được chọn: gõ là thay, Backspace để sửa)", "Next field (its value selected: typing replaces it, Backspace edits)";
    HintClose => "đóng", "close";
    NotInTreeAt => "Tổ chức này không có trong cây tại ngày", "The organisation is not in the tree as of";
    HintScroll => "cuộn", "scroll";
    HintChooseOrg => "chọn tổ chức", "choose";
    HintKind => "đổi loại", "kind";
    HintScore => "điểm", "score";
    HintFilterKeep => "giữ lọc", "keep";
    HintFilterClear => "bỏ lọc", "clear";
    HintSelectRow => "chọn dòng", "select";
    HintSave => "lưu", "save";
    HintCancel => "hủy", "cancel";
    HintFieldNext => "ô sau", "next field";
    HintGo => "tới", "go";
    HintSelect => "chọn", "select";
    HintApply => "chọn", "apply";
    HintGoRow => "tới dòng", "go to the row";
    HintWrite => "ghi", "write";
    HintField => "ô", "field";
    HintUse => "dùng", "use";
    HintDemo => "dữ liệu mẫu", "demo data";
    HintStartEmpty => "bắt đầu trống", "start empty";
    ClNotRatedShort => "KXL", "N/R";
    ClBy => "người nhập", "entered by";
    ClUnrated => "chưa xếp loại", "not rated yet";
    ClSummary => "Tổng hợp phạm vi", "Scope summary";
    ClRated => "Đã xếp", "Rated";
    ClOrgs => "TC", "Orgs";
    ClGrassroots => "TCCSĐ", "Grassroots";
    ClGoodShare => "HTT trở lên", "HTT+";
    ClFindingsWord => "cảnh báo", "findings";
    ClCaps => "Trần 20%", "20% caps";
    ClCapBySetting => "(theo thiết lập)", "(by setting)";
    ClTarget => "chỉ tiêu 01-CTr/TU", "target 01-CTr/TU";
    ClNoData => "Chưa có dữ liệu xếp loại cho năm này.", "No classification data for this year.";
    ClNoRows => "Không có tổ chức nào để xếp loại trong phạm vi này.", "No organisation to classify in this scope.";
    ClNotInYear => "không có trong cây năm", "was not in the tree of";
    ClNotInTree => "— (phạm vi không có trong cây năm này)", "— (the scope was not in that year's tree)";
    ClCityNotRated => "Đảng bộ Thành phố không xếp loại ở đây", "the city committee is not classified here";
    ClNothingToClear => "chưa xếp loại, không có gì để xóa", "not classified, nothing to clear";
    ClNothingToUndo => "Không còn gì để hoàn tác", "Nothing to undo";
    ClNothingToRedo => "Không còn gì để làm lại", "Nothing to redo";
    ClUndone => "Đã hoàn tác", "Undone";
    ClRedone => "Đã làm lại", "Redone";
    ClRowsWord => "dòng", "rows";
    ClNoScoreYear => "chưa chấm điểm (điểm có từ năm 2025, QĐ 366)", "has no scores (scores start in 2025, QĐ 366)";
    ClBadScore => "điểm là số từ 0 đến 100", "a score is a number from 0 to 100";
    ClScoreAsked => "xếp loại theo điểm (QĐ 366): gõ điểm, Enter ghi — mức", "is rated by score (QĐ 366): type the score, Enter writes it — level";
    ClScoreOneDecimal => "điểm có nhiều nhất một chữ số thập phân", "a score has at most one decimal";
    ClLevelFirst => "chưa có mức: bấm 1-4 (x/t/h/k) hoặc nhập điểm trước", "no level yet: press 1-4 (x/t/h/k) or type a score first";
    ClNoSubtree => "Dòng này không có tổ chức trực thuộc", "This row has no organisations under it";
    ClNoFindings => "Không có cảnh báo nào trong phạm vi này", "No findings in this scope";
    ClFindingsTitle => "Cảnh báo theo quy định", "Findings under the rules";
    ClFindingOnScope => "Cảnh báo này thuộc chính phạm vi đang xem (không có dòng)", "This finding is on the scope itself (it has no row)";
    ClCompareTitle => "So sánh 5 năm", "Five years compared";
    ClSuddenChange => "thay đổi từ 10 điểm % so với năm trước", "a change of 10 points or more from the year before";
    ClPasteTitle => "Dán từ bảng tính — xem trước", "Paste from a spreadsheet — preview";
    ClPasteReady => "Xem trước, Enter để ghi", "Preview, Enter writes";
    ClPasteStopped => "Dừng dán tại", "Paste stops at";
    ClPasteNoRows => "hết dòng để dán", "no more rows to fill";
    ClPasteCancelled => "Đã hủy dán, không ghi gì", "Paste cancelled, nothing written";
    ClPasted => "Đã dán", "Pasted";
    ClPasteByCode => "khớp theo mã ở cột đầu", "matched by the codes in the first column";
    ClPasteNoCode => "Không tìm thấy mã", "Codes not found";
    ClPasteRefused => "không ghi gì: sửa bảng tính rồi dán lại", "nothing written: fix the spreadsheet and paste again";
    ClPasteCodeTwice => "mã đã có ở dòng", "the code is already on line";
    ClDecision => "Quyết định", "Decision";
    ClDecisionNumber => "Số", "Number";
    ClDecisionDate => "Ngày", "Date";
    ClDecisionTitle => "Quyết định đang nhập", "Decision being entered";
    ClDecisionSet => "Các mục nhập sau ghi kèm quyết định", "The next entries record the decision";
    ClDecisionDropped => "Các mục nhập sau không ghi kèm quyết định", "The next entries record no decision";
    ClDecisionBadDate => "ngày quyết định không đọc được (dd/mm/yyyy)", "the decision's date does not parse (dd/mm/yyyy)";
    ClDecisionOutOfYear => "quyết định xếp loại năm này phải có ngày trong năm đó hoặc năm sau", "a decision on this year is dated in that year or the next";
    ClDated => "ngày", "of";
    ClChangedSince => "đã được sửa sau lần nhập này, bởi", "was changed after this entry, by";
    // the case register (Vụ việc)
    HelpCases => "Vụ việc", "Cases";
    LayerCaseDetail => "Chi tiết vụ việc", "Case detail";
    ActCaseOpen => "Xem vụ việc (lịch sử trạng thái, kỷ luật)", "Open the case (status history, discipline)";
    ActCaseAdd => "Thêm vụ việc", "Add a case";
    ActCaseEdit => "Cập nhật vụ việc (trạng thái, kết quả, kỷ luật)", "Update the case (status, outcome, discipline)";
    ActCaseFilter => "Lọc vụ việc (loại, trạng thái, phạm vi, năm, quá hạn)", "Filter the cases (kind, status, subtree, year, overdue)";
    ActCaseOverdue => "Chỉ vụ việc quá hạn (bật/tắt)", "Only overdue cases (on/off)";
    ActCaseClear => "Bỏ mọi bộ lọc", "Clear every filter";
    HintCaseEdit => "cập nhật", "update";
    HintOverdue => "quá hạn", "overdue";
    CaseColNo => "Số", "No.";
    CaseColKind => "Loại", "Kind";
    CaseColOrg => "Tổ chức", "Org.";
    CaseColTitle => "Tiêu đề", "Title";
    CaseColOpened => "Ngày mở", "Opened";
    CaseColDue => "Hạn", "Due";
    CaseColStatus => "Trạng thái", "Status";
    CaseOverdueMark => "⚠ quá hạn", "⚠ overdue";
    CasesNoMatch => "Không có vụ việc nào khớp bộ lọc", "No case matches the filters";
    CasesNone => "Chưa có vụ việc nào (a: thêm)", "No cases yet (a: add)";
    CaseFiltersNone => "Tất cả vụ việc", "Every case";
    CaseAll => "tất cả", "all";
    CaseYes => "có", "yes";
    CaseKeep => "giữ nguyên", "unchanged";
    CaseNoDiscipline => "không kỷ luật", "none";
    FormCaseAdd => "Thêm vụ việc", "Add a case";
    FormCaseUpdate => "Cập nhật vụ việc", "Update the case";
    FormCaseFilter => "Lọc vụ việc", "Filter the cases";
    FCaseOrg => "Tổ chức (mã)", "Organisation (code)";
    FCaseKind => "Loại", "Kind";
    FCaseTitle => "Tiêu đề", "Title";
    FCaseSummary => "Tóm tắt", "Summary";
    FCasePersons => "Người liên quan", "Persons";
    FCasePlace => "Địa điểm", "Place";
    FCaseSource => "Nguồn (đơn, quyết định)", "Source (petition, decision)";
    FCaseHandler => "Cơ quan xử lý", "Handled by";
    FCaseOpened => "Ngày mở", "Opened";
    FCaseDue => "Hạn xử lý", "Due";
    FCaseStatus => "Trạng thái", "Status";
    FCaseAt => "Ngày chuyển trạng thái", "Status date";
    FCaseOutcome => "Kết quả", "Outcome";
    FCaseDecision => "Số quyết định", "Decision ref.";
    FCaseDecided => "Ngày quyết định", "Decided on";
    FCaseDiscipline => "Hình thức kỷ luật", "Discipline";
    FCaseSubject => "Đối tượng kỷ luật", "Subject";
    FCasePerson => "Đảng viên bị kỷ luật", "Member disciplined";
    FCaseUnder => "Trong phạm vi (mã)", "Within (code)";
    FCaseYear => "Năm mở", "Year opened";
    FCaseOverdue => "Quá hạn", "Overdue";
    CaseHistory => "Lịch sử trạng thái", "Status history";
    CaseDiscipline => "Kỷ luật", "Discipline";
    CaseSelfRemedied => "tự phát hiện, đã khắc phục", "self-detected and remedied";
    CaseViolation => "vi phạm", "violation";
    CaseDecisionLbl => "Quyết định", "Decision";
    CaseHandlerLbl => "Cơ quan xử lý", "Handled by";
    CaseOrgLbl => "Tổ chức", "Organisation";
    CaseProbationary => "dự bị", "probationary";
    CaseLeadership => "lãnh đạo", "leadership";
    CaseNotFound => "Không có vụ việc này", "No such case";
    CaseSubjectOrg => "tổ chức đảng", "the organisation";
    CaseSubjectLeadership => "tập thể lãnh đạo", "its leadership";
    CaseSubjectMember => "đảng viên", "a member";
    CaseBy => "bởi", "by";
    // Kết nạp (admissions) and Chỉ tiêu (indicators)
    ScreenIndicators => "Chỉ tiêu", "Indicators";
    LayerAdmissions => "Kết nạp — bảng nhập", "Admissions — entry grid";
    LayerAdmCell => "Ô đang nhập", "Cell being typed";
    LayerAdmDash => "Kết nạp — tổng quan", "Admissions — dashboard";
    LayerIndicators => "Chỉ tiêu", "Indicators";
    ActAdmDigit => "Nhập số (chữ số đầu thay cả ô)", "Type a count (the first digit replaces the cell)";
    ActAdmErase => "Sửa ô (xóa chữ số cuối)", "Edit the cell (erase the last digit)";
    ActAdmLeft => "Tháng trước", "Previous month";
    ActAdmRight => "Tháng sau", "Next month";
    ActAdmUndo => "Hoàn tác lần ghi cuối", "Undo the last write";
    ActAdmDashboard => "Tổng quan năm", "Year dashboard";
    ActAdmTarget => "Sửa kế hoạch / phân bổ (quản trị)", "Edit the plan / an allocation (admins)";
    ActAdmBack => "Về toàn Thành phố", "Back to the whole city";
    ActCellDown => "Ghi ô, xuống dòng", "Save the cell, move down";
    ActCellUp => "Ghi ô, lên dòng", "Save the cell, move up";
    ActCellRight => "Ghi ô, sang tháng sau", "Save the cell, next month";
    ActCellLeft => "Ghi ô, về tháng trước", "Save the cell, previous month";
    ActDashTerm => "Các năm của nhiệm kỳ", "Years of the term";
    ActDashClose => "Về bảng nhập", "Back to the grid";
    ActIndDrill => "Xem các tổ chức sau con số; trong danh sách: mở tổ chức trong sổ", "Show the organisations behind the figure; in the list: open the organisation in the register";
    ActIndScope => "Chọn phạm vi (đảng bộ trực thuộc); trong danh sách: lấy tổ chức đang chọn làm phạm vi", "Choose the scope (a directly subordinate committee); in the list: make the selected organisation the scope";
    ActIndBack => "Quay lại (danh sách → các con số → toàn thành phố)", "Back (list → figures → the whole city)";
    HintIndScope => "phạm vi", "scope";
    ActExportClass => "Xuất danh sách xếp loại đang xem ra tệp Excel (thư mục exports)", "Export the classification list shown to an Excel file (exports folder)";
    ActExportAdm => "Xuất bảng kết nạp đang xem ra tệp Excel (thư mục exports)", "Export the admissions table shown to an Excel file (exports folder)";
    ActExportReport => "Xuất báo cáo xếp loại của phạm vi và năm ra tệp Excel (thư mục exports)", "Export the report of the scope and year to an Excel file (exports folder)";
    HintExport => "xuất", "export";
    ExportWritten => "Đã xuất", "Exported";
    ExportRows => "dòng", "rows";
    HintAdmDigit => "nhập số", "type";
    HintAdmDashboard => "tổng quan", "dashboard";
    HintAdmTarget => "kế hoạch", "plan";
    HintAdmNextCell => "tháng sau", "next month";
    HintDashTerm => "nhiệm kỳ", "term";
    HintDashGrid => "bảng nhập", "grid";
    AdmTitle => "Kết nạp đảng viên năm", "Admissions in";
    AdmCity => "toàn Thành phố", "whole city";
    AdmOrgCol => "Tổ chức", "Organisation";
    AdmTotalCol => "Cộng", "Total";
    AdmTotalRow => "Cộng phạm vi", "Scope total";
    AdmPlan => "kế hoạch", "plan";
    AdmRange => "khoảng", "range";
    AdmAllocSum => "tổng phân bổ", "allocations";
    AdmAlloc => "phân bổ", "allocation";
    AdmNoPlan => "chưa có kế hoạch", "no plan set";
    AdmEmpty => "Không có tổ chức nào để nhập trong năm này", "No organisation to enter in this year";
    AdmCommitteeLine => "Dòng đảng bộ là tổng các tổ chức: nhập ở dòng tổ chức (p sửa phân bổ)", "A committee line totals its organisations: enter on an organisation (p edits the allocation)";
    AdmNoCell => "Tổ chức không tồn tại trong tháng này: không có ô để nhập", "The organisation did not exist in this month: no cell to enter";
    AdmEmptyCell => "Ô trống: gõ một số (0 nếu không kết nạp) hoặc Esc để hủy", "The cell is empty: type a number (0 for none) or Esc to cancel";
    AdmTooBig => "số quá lớn", "the number is too large";
    AdmSaved => "Đã ghi", "Saved";
    AdmUndone => "Đã hoàn tác", "Undone";
    AdmNothingToUndo => "Không có gì để hoàn tác", "Nothing to undo";
    AdmMonth => "tháng", "month";
    AdmCells => "ô", "cells";
    AdmPasteTitle => "Dán kết nạp từ bảng tính — xem trước", "Paste admissions from a spreadsheet — preview";
    AdmPasteBad => "không phải số đếm (số nguyên ≥ 0)", "not a count (a whole number ≥ 0)";
    AdmPasteWide => "vượt quá tháng 12 (dán từ tháng đang chọn)", "runs past December (the paste starts at the selected month)";
    AdmPasteNoRows => "hết dòng tổ chức để dán", "no more organisation rows to fill";
    AdmPasteNotExist => "tổ chức không tồn tại trong tháng", "the organisation did not exist in month";
    AdmPasteRefused => "Không dán gì: sửa bảng tính rồi dán lại", "Nothing pasted: fix the spreadsheet and paste again";
    AdmPasted => "Đã dán", "Pasted";
    AdmTargetPlanTitle => "Kế hoạch kết nạp năm", "Admissions plan for";
    AdmTargetPlanHelp => "Số kế hoạch và/hoặc khoảng, ví dụ: 9000 9000-10000", "The plan and/or a range, e.g. 9000 9000-10000";
    AdmTargetAllocTitle => "Phân bổ cho", "Allocation for";
    AdmTargetAllocHelp => "Một số, ví dụ: 350", "One number, e.g. 350";
    AdmTargetBad => "Không đọc được", "Cannot read";
    AdmTargetSaved => "Đã ghi chỉ tiêu", "Target saved";
    DashTitle => "Tổng quan kết nạp năm", "Admissions dashboard";
    DashTotal => "Đã kết nạp", "Admitted";
    DashBelow => "dưới khoảng", "below the range";
    DashWithin => "trong khoảng", "within the range";
    DashAbove => "vượt khoảng", "above the range";
    DashGaugeLegend => "█ đã kết nạp · | kế hoạch · [ ] khoảng", "█ admitted · | plan · [ ] range";
    DashCumLegend => "█ lũy kế đã kết nạp", "█ admitted, cumulative";
    DashPace => "◆ nhịp tới kế hoạch", "◆ pace to the plan";
    DashNoPace => "không có nhịp (năm đã qua hoặc chưa có chỉ tiêu)", "no pace (a past year, or no target)";
    DashProjection => "Dự báo cuối năm", "Projected year-end";
    DashSeasonal => "theo mùa vụ các năm trước", "seasonal, from past years";
    DashLinear => "theo đường thẳng", "linear";
    DashMonthsDone => "tháng đã qua", "months done";
    DashRanked => "Các đảng bộ theo % phân bổ (▼ chậm so với nhịp)", "Committees by share of allocation (▼ behind pace)";
    DashAllocVsPlan => "Tổng phân bổ so với kế hoạch", "Allocations against the plan";
    DashMonthAxis => "tháng", "month";
    TermTitle => "Kết nạp theo năm và nhiệm kỳ", "Admissions by year and term";
    TermCum => "Lũy kế", "Cumulative";
    TermCumPlan => "KH lũy kế", "Planned, cum.";
    TermLegend => "Lũy kế từ đầu nhiệm kỳ · ✓/✗ trong/ngoài khoảng · … năm tới (chỉ kế hoạch)", "Cum. from each term's start · ✓/✗ in/out of range · … to come (plan only)";
    IndTitle => "Chỉ tiêu năm", "Indicators for";
    IndOrgs => "Tổ chức đảng HTT trở lên", "Organisations rated HTT or better";
    IndGrassroots => "TCCS đảng HTT trở lên", "Grassroots organisations HTT or better";
    IndMembers => "Đảng viên HTT trở lên", "Members rated HTT or better";
    IndAdmissions => "Kết nạp đảng viên", "Admissions";
    IndUnrated => "Chưa xếp loại", "Unrated";
    IndFindings => "Phát hiện còn mở", "Open findings";
    IndMet => "✓ đạt (>75%)", "✓ met (>75%)";
    IndNotMet => "✗ chưa đạt (>75%)", "✗ not met (>75%)";
    IndNoneRated => "— chưa có", "— none rated";
    IndErrors => "lỗi", "errors";
    IndWarnings => "cảnh báo", "warnings";
    IndOrgsWord => "tổ chức", "organisations";
    IndGrassrootsWord => "cơ sở", "grassroots";
    IndTrend => "Xu hướng (thanh: % tổ chức HTT+, | mốc 75%; ✓ đạt ✗ chưa)", "Trend (bar: % organisations HTT+, | the 75% mark; ✓ met ✗ not)";
    IndTrendHead => "TC / TCCS / ĐV HTT+ · kết nạp", "orgs / grassroots / members HTT+ · admitted";
    IndDrillClass => "Xếp loại năm đang chọn (bỏ lọc: n chưa xếp loại · c TCCS)", "Classification of the year (filters off: n unrated · c grassroots)";
    IndDrillAdm => "Tổng quan kết nạp năm (Esc: bảng nhập)", "The year's admissions dashboard (Esc: the grid)";
    IndListOrgs => "Tổ chức dưới mức HTT", "Organisations rated below HTT";
    IndListGrassroots => "TCCS đảng dưới mức HTT", "Grassroots organisations rated below HTT";
    IndListMembers => "Đảng viên HTT+ theo TCCS (thấp nhất trước)", "Members HTT+ by grassroots organisation (lowest first)";
    IndListAdmissions => "Tổ chức có kết nạp trong năm (theo tháng)", "Organisations that admitted members (by month)";
    IndListUnrated => "Tổ chức chưa xếp loại", "Organisations not yet rated";
    IndListFindings => "Tổ chức có phát hiện", "Organisations with findings";
    IndListScope => "Chọn phạm vi", "Choose the scope";
    IndListCount => "tổ chức", "organisations";
    IndListShown => "đang hiện", "showing";
    IndListEmpty => "Không có tổ chức nào.", "No organisation.";
    IndListHelp => "Enter: mở trong sổ · p: lấy làm phạm vi · Esc: quay lại", "Enter: open in the register · p: make it the scope · Esc: back";
    IndScopeHelp => "Enter: chọn · Esc: quay lại", "Enter: choose · Esc: back";
    IndWholeScope => "(toàn phạm vi)", "(the whole scope)";
    IndFindingsWord => "phát hiện", "findings";
    // the register's reorganisations, undo and root
    ActMoveChildren => "Chuyển mọi tổ chức trực thuộc", "Move all children";
    ActKindChange => "Đổi loại tổ chức", "Change the kind";
    ActRegUndo => "Hoàn tác thay đổi sổ vừa ghi", "Undo your last register change";
    ActConfirmYes => "Xác nhận và ghi", "Confirm and write";
    ActConfirmNo => "Quay lại biểu mẫu", "Back to the form";
    HintConfirmYes => "ghi", "write";
    HintConfirmNo => "quay lại", "back";
    LayerConfirm => "Xác nhận thay đổi sổ", "Confirming a register change";
    FormMoveChildren => "Chuyển mọi tổ chức trực thuộc", "Move all children";
    FormKindChange => "Đổi loại tổ chức", "Change the kind";
    FormRoot => "Lập Đảng bộ Thành phố (gốc của sổ)", "Found the city committee (the root)";
    FieldFoundingDate => "Ngày quyết định", "Decision date";
    FieldNewKind => "Loại mới", "New kind";
    ConfirmTitle => "Xác nhận", "Confirm";
    ConfirmAsk => "Ghi thay đổi này?", "Write this change?";
    NothingToUndo => "Chưa có thay đổi sổ nào của bạn trong phiên này để hoàn tác", "No register change of yours in this session to undo";
    EmptyRegister => "Sổ còn trống: nhấn a để lập Đảng bộ Thành phố (gốc của sổ), hoặc nạp dữ liệu mẫu (thuky demo).", "The register is empty: press a to found the city committee (its root), or load the demo data (thuky demo).";
    NoKindChange => "Không có loại nào khác được phép ở vị trí này", "No other kind may stand here";
}

/// 1234 → "1.234" (Vietnamese) or "1,234".
pub fn num(n: usize, lang: Lang) -> String {
    let sep = lang.pick(".", ",");
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// The counts of the cases matching the filters, for the hint bar.
pub fn case_counts(lang: Lang, total: usize, received: usize, in_progress: usize, concluded: usize, overdue: usize) -> String {
    let n = |x| num(x, lang);
    match lang {
        Lang::Vi => format!(
            "{} vụ việc: {} tiếp nhận · {} đang xử lý · {} kết luận · ⚠ {} quá hạn",
            n(total),
            n(received),
            n(in_progress),
            n(concluded),
            n(overdue)
        ),
        Lang::En => format!(
            "{} cases: {} received · {} in progress · {} concluded · ⚠ {} overdue",
            n(total),
            n(received),
            n(in_progress),
            n(concluded),
            n(overdue)
        ),
    }
}

/// The shortest counts line (narrow terminals): total and overdue.
pub fn case_counts_short(lang: Lang, total: usize, overdue: usize) -> String {
    match lang {
        Lang::Vi => format!("{} vụ việc · ⚠ {} quá hạn", num(total, lang), num(overdue, lang)),
        Lang::En => format!("{} cases · ⚠ {} overdue", num(total, lang), num(overdue, lang)),
    }
}

/// The message after a case was saved.
pub fn case_saved(lang: Lang, id: u64, updated: bool) -> String {
    match (lang, updated) {
        (Lang::Vi, true) => format!("Đã cập nhật vụ việc #{id}"),
        (Lang::Vi, false) => format!("Đã thêm vụ việc #{id}"),
        (Lang::En, true) => format!("Case #{id} updated"),
        (Lang::En, false) => format!("Case #{id} added"),
    }
}

/// "and 12 more" under an organisation's cases.
pub fn cases_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("… và {} vụ việc khác (màn hình Vụ việc)", num(n, lang)),
        Lang::En => format!("… and {} more (Cases screen)", num(n, lang)),
    }
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
    let n = int(n as u64, lang);
    match lang {
        Lang::Vi => format!("{n} tổ chức"),
        Lang::En => format!("{n} organisations"),
    }
}

pub fn matches(lang: Lang, shown: usize, total: usize) -> String {
    let (shown, total) = (int(shown as u64, lang), int(total as u64, lang));
    match lang {
        Lang::Vi => format!("{shown}/{total} kết quả"),
        Lang::En => format!("{shown}/{total} results"),
    }
}

pub fn members(lang: Lang, direct: u32, total: u32) -> String {
    format!(
        "{} {}: {} · {}: {}",
        T::Members.get(lang),
        T::MembersDirect.get(lang),
        int(direct as u64, lang),
        T::MembersTotal.get(lang),
        int(total as u64, lang)
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

pub fn date_follows_year(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Vi => format!("Ngày xem theo năm đang chọn: {}", date(d)),
        Lang::En => format!("The date follows the selected year: {}", date(d)),
    }
}

/// After a register change dated after the tree shown: where to see it.
pub fn later_than_tree(lang: Lang, from: NaiveDate, at: NaiveDate) -> String {
    match lang {
        Lang::Vi => format!(" (từ {}, sau ngày đang xem {}: t để xem cây ngày khác)", date(from), date(at)),
        Lang::En => format!(
            " (from {}, after the tree shown as of {}: t shows another date)",
            date(from),
            date(at)
        ),
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
