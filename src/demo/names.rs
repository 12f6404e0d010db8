//! Pools of Vietnamese names for organisations, and sibling-unique naming.

use super::rng::{pick, R};
use std::collections::{BTreeSet, HashMap};

/// People schools and streets are named after.
pub const PERSONS: &[&str] = &[
    "Nguyễn Trãi",
    "Lê Quý Đôn",
    "Chu Văn An",
    "Trần Phú",
    "Lê Lợi",
    "Nguyễn Du",
    "Ngô Quyền",
    "Trưng Vương",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Trần Hưng Đạo",
    "Nguyễn Bỉnh Khiêm",
    "Phan Đình Phùng",
    "Võ Thị Sáu",
    "Nguyễn Văn Trỗi",
    "Kim Đồng",
    "Lê Ngọc Hân",
    "Ngô Sĩ Liên",
    "Lương Thế Vinh",
    "Tô Hiến Thành",
    "Nguyễn Đình Chiểu",
    "Hai Bà Trưng",
    "Lê Văn Tám",
    "Phan Huy Chú",
    "Hoàng Hoa Thám",
    "Trần Quốc Toản",
    "Đoàn Thị Điểm",
    "Lý Tự Trọng",
    "Nguyễn Công Trứ",
    "Phan Chu Trinh",
    "Lê Hồng Phong",
    "Trần Nhân Tông",
    "Nguyễn Khuyến",
    "Tô Vĩnh Diện",
    "Nguyễn Gia Thiều",
    "Trần Đăng Ninh",
    "Lê Lai",
    "Mạc Đĩnh Chi",
    "Phùng Hưng",
    "Lý Công Uẩn",
    "Nguyễn Siêu",
    "Đinh Tiên Hoàng",
    "Yên Hòa",
    "Nguyễn Tri Phương",
    "Văn Lang",
];

/// Names of kindergartens.
pub const PRESCHOOLS: &[&str] = &[
    "Hoa Sen",
    "Hoa Mai",
    "Họa Mi",
    "Sơn Ca",
    "Hoa Hồng",
    "Ánh Sao",
    "Hoa Sữa",
    "Hoa Ban",
    "Bình Minh",
    "Tuổi Thơ",
    "Hoa Phượng",
    "Vành Khuyên",
    "Thỏ Ngọc",
    "Hướng Dương",
    "Măng Non",
    "Hoa Thủy Tiên",
    "Chim Non",
    "Búp Sen Hồng",
    "Tuổi Hoa",
    "Hoa Linh Lan",
    "Ban Mai",
    "Sao Mai",
];

/// Trades of companies.
pub const TRADES: &[&str] = &[
    "Xây dựng",
    "Thương mại",
    "Đầu tư Phát triển",
    "Cơ khí",
    "May",
    "Dược phẩm",
    "Vật tư Nông nghiệp",
    "Bia",
    "Bánh kẹo",
    "Du lịch",
    "Môi trường",
    "Điện tử",
    "In",
    "Sách",
    "Xuất nhập khẩu",
    "Giống cây trồng",
    "Kinh doanh Nhà",
    "Vận tải",
    "Thực phẩm",
    "Dịch vụ Thương mại",
    "Tư vấn Xây dựng",
    "Gốm sứ",
    "Đầu tư Xây dựng",
    "Công nghệ",
    "Thiết bị Y tế",
    "Chiếu sáng",
    "Cây xanh",
    "Sữa",
    "Nhựa",
    "Dệt",
    "Phát triển Đô thị",
    "Thủy lợi",
    "Bao bì",
    "Đồ gỗ",
    "Vật liệu Xây dựng",
    "Nước giải khát",
    "Chăn nuôi",
    "Dịch vụ Hàng không",
];

/// Brand-like place words for company names.
pub const BRANDS: &[&str] = &[
    "Hà Nội",
    "Thăng Long",
    "Hà Thành",
    "Sông Hồng",
    "Tràng An",
    "Hồ Gươm",
    "Đông Đô",
    "Long Biên",
    "Tây Hồ",
    "Hà Đông",
    "Sông Đà",
    "Ba Vì",
    "Thủ Đô",
    "Kinh Đô",
    "Hà Tây",
    "Đông Anh",
    "Việt Hà",
    "Hồng Hà",
    "Hòa Bình",
    "Đại Việt",
    "Phương Đông",
    "Trường An",
    "Nam Thăng Long",
    "Bắc Hà",
    "Sài Đồng",
    "Gia Lâm",
    "Thanh Trì",
    "Từ Liêm",
    "Văn Điển",
    "Giáp Bát",
    "Hồng Lĩnh",
    "Sao Việt",
    "An Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Tân Thành",
    "Việt Tiến",
    "Hòa Phát",
    "Đông Á",
    "Tiến Đạt",
];

/// Village names (thôn) for communes.
pub const VILLAGES: &[&str] = &[
    "Đông",
    "Đoài",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Đình",
    "Chợ",
    "Cầu",
    "Lai Xá",
    "Phú Mỹ",
    "An Thái",
    "Yên Khê",
    "Vân Trì",
    "Xuân Dục",
    "Lương Xá",
    "Phú Hữu",
    "Tiên Lữ",
    "Hòa Mục",
    "Đại Đồng",
    "Ngọc Than",
    "Kim Lũ",
    "Đa Hội",
    "Cổ Điển",
    "Bến Đò",
    "Đồng Nhân",
    "Thọ Vực",
    "Cao Xá",
    "Phù Ninh",
    "Yên Vĩ",
    "Đục Khê",
    "Hội Xá",
    "Quan Âm",
    "Thư Lâm",
    "Văn Tinh",
    "Mai Hiên",
    "Hậu Dưỡng",
    "Đường Nhạn",
    "Lộc Hà",
    "Thụy Lôi",
    "Gia Lộc",
    "Phú Lộc",
    "Tân Trại",
    "Xuân Lai",
    "Đông Lai",
    "Đoài Khê",
    "Bảo Lộc",
    "Thái Bình",
    "Hương Canh",
    "Lương Quy",
    "Chu Xá",
    "Đông Ngàn",
    "Văn Lôi",
    "Ninh Giang",
    "Thanh Vị",
    "Vĩnh Thanh",
    "Phú Nhi",
    "Đồng Trữ",
    "Tây Ninh",
    "Yên Nội",
    "Khê Thượng",
    "Cẩm Đình",
    "Liên Bạt",
    "Hòa Khê",
    "Minh Tân",
    "Tiền Lệ",
    "An Hòa",
];

/// Cells of a district's party agencies.
pub const PARTY_AGENCY_CELLS: &[&str] = &[
    "Văn phòng",
    "Ban Tổ chức",
    "Ban Tuyên giáo",
    "Ủy ban Kiểm tra",
    "Ban Dân vận",
    "Ủy ban Mặt trận Tổ quốc",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Liên đoàn Lao động",
    "Trung tâm Chính trị",
    "Hội Nông dân",
    "Hội Chữ thập đỏ",
];

/// Cells of a district's government agencies.
pub const GOV_CELLS: &[&str] = &[
    "Văn phòng HĐND - UBND",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Kinh tế",
    "Phòng Quản lý đô thị",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Thanh tra",
    "Phòng Y tế",
    "Đội Quản lý trật tự xây dựng đô thị",
    "Ban Bồi thường giải phóng mặt bằng",
    "Trung tâm Phát triển quỹ đất",
    "Ban Quản lý chợ",
    "Phòng Kinh tế - Hạ tầng",
];

/// Teams of a district police.
pub const POLICE_CELLS: &[&str] = &[
    "Đội Cảnh sát hình sự",
    "Đội Cảnh sát giao thông - trật tự",
    "Đội Tham mưu - Tổng hợp",
    "Đội An ninh",
    "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
    "Đội Cảnh sát điều tra tội phạm về ma túy",
    "Đội Cảnh sát kinh tế",
    "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    "Đội Điều tra tổng hợp",
    "Đội Xây dựng phong trào bảo vệ an ninh Tổ quốc",
    "Nhà tạm giữ",
    "Đội Cảnh sát phòng cháy chữa cháy",
];

/// Teams inside a police department.
pub const POLICE_TEAMS: &[&str] = &[
    "Đội Tổng hợp",
    "Đội 1",
    "Đội 2",
    "Đội 3",
    "Đội 4",
    "Đội 5",
    "Đội 6",
    "Đội 7",
    "Đội 8",
    "Đội 9",
    "Đội 10",
    "Đội Trinh sát",
    "Đội Điều tra",
    "Đội Kỹ thuật",
    "Đội Hậu cần",
    "Đội Tuần tra",
    "Đội Cơ động",
    "Đội Nghiệp vụ",
    "Đội Hồ sơ",
    "Đội Phòng ngừa",
];

pub const HEALTH_CELLS: &[&str] = &[
    "Khoa Kiểm soát bệnh tật",
    "Khoa An toàn thực phẩm",
    "Phòng Kế hoạch - Nghiệp vụ",
    "Phòng Tổ chức - Hành chính",
    "Khoa Xét nghiệm",
    "Khoa Chăm sóc sức khỏe sinh sản",
    "Phòng khám đa khoa khu vực",
    "Khoa Dược - Vật tư y tế",
];

pub const HOSPITAL_CELLS: &[&str] = &[
    "Khoa Nội",
    "Khoa Ngoại",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Khám bệnh",
    "Khoa Hồi sức tích cực và Chống độc",
    "Khoa Cấp cứu",
    "Khoa Xét nghiệm",
    "Khoa Chẩn đoán hình ảnh",
    "Khoa Dược",
    "Phòng Kế hoạch tổng hợp",
    "Phòng Tổ chức cán bộ",
    "Phòng Điều dưỡng",
    "Khoa Truyền nhiễm",
    "Khoa Y học cổ truyền",
    "Khoa Gây mê hồi sức",
    "Khoa Tim mạch",
    "Khoa Thần kinh",
    "Khoa Ung bướu",
    "Khoa Răng Hàm Mặt",
    "Khoa Tai Mũi Họng",
    "Khoa Mắt",
    "Phòng Tài chính kế toán",
    "Phòng Hành chính quản trị",
    "Khoa Kiểm soát nhiễm khuẩn",
    "Khoa Dinh dưỡng",
    "Khoa Phục hồi chức năng",
    "Khoa Giải phẫu bệnh",
    "Khoa Thận nhân tạo",
    "Khoa Nội tiết",
    "Khoa Tiêu hóa",
    "Khoa Chấn thương chỉnh hình",
];

pub const COMPANY_CELLS: &[&str] = &[
    "Văn phòng Công ty",
    "Phòng Tài chính - Kế toán",
    "Phòng Kinh doanh",
    "Phòng Kỹ thuật",
    "Phòng Tổ chức - Hành chính",
    "Phòng Kế hoạch - Đầu tư",
    "Phòng Quản lý chất lượng",
    "Phòng Vật tư",
    "Phòng Thị trường",
    "Ban Quản lý dự án",
];

pub const DEPT_CELLS: &[&str] = &[
    "Văn phòng Sở",
    "Phòng Kế hoạch - Tài chính",
    "Thanh tra Sở",
    "Phòng Tổ chức cán bộ",
    "Phòng Pháp chế",
    "Phòng Quản lý chuyên ngành",
    "Trung tâm Thông tin",
    "Ban Quản lý dự án",
    "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2",
    "Phòng Nghiệp vụ 3",
    "Trung tâm Dịch vụ",
    "Chi cục Quản lý",
    "Phòng Cải cách hành chính",
    "Phòng Hợp tác quốc tế",
];

pub const OFFICE_CELLS: &[&str] = &[
    "Văn phòng",
    "Phòng Tổng hợp",
    "Phòng Nghiệp vụ",
    "Phòng Hành chính - Quản trị",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Phòng Kiểm tra",
    "Phòng Thông tin",
    "Phòng Pháp chế",
    "Phòng Chuyên môn",
    "Ban Biên tập",
    "Phòng Truyền thông",
];

pub const TAX_CELLS: &[&str] = &[
    "Đội Tuyên truyền - Hỗ trợ người nộp thuế",
    "Đội Hành chính - Nhân sự - Tài vụ - Ấn chỉ",
    "Đội Quản lý nợ và cưỡng chế nợ thuế",
    "Đội Kiểm tra thuế số 1",
    "Đội Kiểm tra thuế số 2",
    "Đội Kiểm tra thuế số 3",
    "Đội Kê khai - Kế toán thuế và Tin học",
    "Đội Nghiệp vụ - Dự toán",
    "Đội Thuế liên phường số 1",
    "Đội Thuế liên phường số 2",
    "Đội Trước bạ và thu khác",
];

pub const FACULTIES: &[&str] = &[
    "Khoa Công nghệ thông tin",
    "Khoa Kinh tế",
    "Khoa Cơ khí",
    "Khoa Điện",
    "Khoa Xây dựng",
    "Khoa Ngoại ngữ",
    "Khoa Lý luận chính trị",
    "Khoa Toán - Tin",
    "Khoa Hóa học",
    "Khoa Vật lý",
    "Khoa Môi trường",
    "Khoa Quản trị kinh doanh",
    "Khoa Kế toán - Kiểm toán",
    "Khoa Tài chính - Ngân hàng",
    "Khoa Luật",
    "Khoa Sư phạm",
    "Khoa Giáo dục thể chất",
    "Khoa Điện tử - Viễn thông",
    "Khoa Kiến trúc",
    "Khoa Du lịch",
    "Khoa Sinh học",
    "Khoa Ngữ văn",
    "Khoa Lịch sử",
    "Khoa Y",
    "Khoa Dược",
];

pub const UNIVERSITY_CELLS: &[&str] = &[
    "Phòng Đào tạo",
    "Phòng Tổ chức - Hành chính",
    "Phòng Khoa học công nghệ",
    "Phòng Công tác sinh viên",
    "Phòng Kế hoạch - Tài chính",
    "Thư viện",
    "Phòng Quản trị - Thiết bị",
    "Phòng Khảo thí và Đảm bảo chất lượng",
    "Phòng Hợp tác quốc tế",
    "Trung tâm Ngoại ngữ - Tin học",
    "Viện Đào tạo sau đại học",
];

pub const SUBJECTS: &[&str] = &[
    "Toán",
    "Vật lý",
    "Hóa học",
    "Tin học",
    "Kinh tế học",
    "Kế toán",
    "Cơ học",
    "Kết cấu",
    "Điện tử",
    "Tự động hóa",
    "Ngoại ngữ",
    "Triết học",
    "Pháp luật",
    "Quản trị",
    "Marketing",
    "Tài chính",
    "Mạng máy tính",
    "Khoa học máy tính",
    "Hệ thống thông tin",
    "Sinh viên",
];

pub const ARMY_CELLS: &[&str] = &[
    "Ban Tham mưu",
    "Ban Chính trị",
    "Ban Hậu cần - Kỹ thuật",
    "Đại đội 1",
    "Đại đội 2",
    "Đại đội 3",
    "Đại đội 4",
    "Đại đội 5",
    "Đại đội 6",
    "Trung đội Dân quân cơ động",
    "Đại đội Thông tin",
    "Đại đội Trinh sát",
    "Đại đội Công binh",
    "Kho Vũ khí",
    "Bệnh xá",
];

/// The common form of a company's name.
pub fn company(rng: &mut R, place: Option<&str>) -> String {
    let form = *pick(
        rng,
        &[
            "Công ty Cổ phần",
            "Công ty Cổ phần",
            "Công ty Cổ phần",
            "Công ty TNHH MTV",
            "Công ty TNHH",
        ],
    );
    let trade = pick(rng, TRADES);
    let brand = match place {
        Some(p) if super::rng::chance(rng, 0.35) => p,
        _ => *pick(rng, BRANDS),
    };
    format!("{form} {trade} {brand}")
}

/// A school at a level (Mầm non, Tiểu học, THCS, THPT).
pub fn school(rng: &mut R, level: &str, places: &[&str]) -> String {
    if level == "Mầm non" && super::rng::chance(rng, 0.6) {
        return format!("Trường Mầm non {}", pick(rng, PRESCHOOLS));
    }
    if !places.is_empty() && super::rng::chance(rng, 0.45) {
        return format!("Trường {level} {}", pick(rng, places));
    }
    format!("Trường {level} {}", pick(rng, PERSONS))
}

/// Names already used, per scope (a parent, or a group of parents whose
/// children may one day become siblings). Holds bodies (without "Chi bộ").
#[derive(Debug, Default)]
pub struct NameBook {
    scopes: HashMap<u64, BTreeSet<String>>,
}

impl NameBook {
    pub fn contains(&self, scope: u64, body: &str) -> bool {
        self.scopes.get(&scope).is_some_and(|s| s.contains(body))
    }

    /// Take `body` in `scope`; false if taken already.
    pub fn claim(&mut self, scope: u64, body: &str) -> bool {
        self.scopes.entry(scope).or_default().insert(body.to_string())
    }

    /// Draw names until one is free in `scope` (after a few tries, number it).
    pub fn unique(&mut self, scope: u64, rng: &mut R, mut gen: impl FnMut(&mut R) -> String) -> String {
        let mut last = String::new();
        for _ in 0..12 {
            let cand = gen(rng);
            if self.claim(scope, &cand) {
                return cand;
            }
            last = cand;
        }
        for n in 2.. {
            let cand = format!("{last} số {n}");
            if self.claim(scope, &cand) {
                return cand;
            }
        }
        unreachable!()
    }
}

/// Scope key of a parent's children.
pub fn parent_scope(id: u32) -> u64 {
    id as u64
}

/// Scope key of a group of superiors (district, or the city's government side).
pub fn group_scope(group: u32) -> u64 {
    (1u64 << 40) + group as u64
}
