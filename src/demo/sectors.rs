//! The 20 sector and corporation committees directly under the city, and the
//! grassroots organisations each of them holds.

use super::builder::Flavor;
use super::names::{self, NameBook};
use super::places::District;
use super::rng::{chance, pick, R};

/// What becomes of a sector committee in 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Stays,
    /// Its organisations go to the two new committees (party side / government side).
    SplitsFeb2025,
    /// Its organisations go to the government side; it is dissolved.
    IntoGovFeb2025,
    /// Merged into the government side (after moving its organisations there).
    MergesMar2025,
    /// Handed over to a central body: dissolved with everything below it.
    TransferredMar2025,
}

pub struct Sector {
    pub code: &'static str,
    pub name: &'static str,
    /// Number of grassroots organisations (Hanoi scale).
    pub n: u32,
    pub founded: (i32, u32, u32),
    pub fate: Fate,
}

pub const SECTORS: &[Sector] = &[
    Sector {
        code: "KCQ",
        name: "Đảng ủy Khối các cơ quan Thành phố",
        n: 120,
        founded: (1991, 7, 5),
        fate: Fate::SplitsFeb2025,
    },
    Sector {
        code: "KDN",
        name: "Đảng ủy Khối Doanh nghiệp Hà Nội",
        n: 260,
        founded: (2006, 1, 4),
        fate: Fate::IntoGovFeb2025,
    },
    Sector {
        code: "KDH",
        name: "Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội",
        n: 45,
        founded: (1999, 9, 15),
        fate: Fate::Stays,
    },
    Sector {
        code: "CA",
        name: "Đảng ủy Công an Thành phố",
        n: 35,
        founded: (1976, 3, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "QS",
        name: "Đảng ủy Quân sự Thành phố",
        n: 43,
        founded: (1976, 3, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "TVT",
        name: "Đảng ủy Tổng công ty Vận tải Hà Nội",
        n: 14,
        founded: (2004, 6, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "UDIC",
        name: "Đảng ủy Tổng công ty Đầu tư và Phát triển hạ tầng đô thị",
        n: 14,
        founded: (2004, 10, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "TDL",
        name: "Đảng ủy Tổng công ty Du lịch Hà Nội",
        n: 12,
        founded: (2004, 8, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "TTM",
        name: "Đảng ủy Tổng công ty Thương mại Hà Nội",
        n: 12,
        founded: (2004, 8, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "EVN",
        name: "Đảng ủy Tổng công ty Điện lực Thành phố Hà Nội",
        n: 36,
        founded: (2010, 4, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "TXD",
        name: "Đảng ủy Tổng công ty Xây dựng Hà Nội",
        n: 14,
        founded: (1996, 5, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "CT",
        name: "Đảng ủy Cục Thuế Thành phố Hà Nội",
        n: 32,
        founded: (1990, 8, 1),
        fate: Fate::TransferredMar2025,
    },
    Sector {
        code: "HQ",
        name: "Đảng ủy Cục Hải quan Thành phố Hà Nội",
        n: 15,
        founded: (1994, 1, 1),
        fate: Fate::TransferredMar2025,
    },
    Sector {
        code: "BHXH",
        name: "Đảng ủy Bảo hiểm xã hội Thành phố",
        n: 31,
        founded: (1995, 10, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "KBNN",
        name: "Đảng ủy Kho bạc Nhà nước Hà Nội",
        n: 31,
        founded: (1990, 4, 1),
        fate: Fate::TransferredMar2025,
    },
    Sector {
        code: "VNPT",
        name: "Đảng ủy Viễn thông Hà Nội",
        n: 12,
        founded: (2008, 1, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "BDHN",
        name: "Đảng ủy Bưu điện Thành phố Hà Nội",
        n: 32,
        founded: (2008, 1, 1),
        fate: Fate::Stays,
    },
    Sector {
        code: "NS",
        name: "Đảng ủy Công ty TNHH MTV Nước sạch Hà Nội",
        n: 15,
        founded: (2005, 7, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "TN",
        name: "Đảng ủy Công ty TNHH MTV Thoát nước Hà Nội",
        n: 12,
        founded: (2005, 7, 1),
        fate: Fate::MergesMar2025,
    },
    Sector {
        code: "MT",
        name: "Đảng ủy Công ty TNHH MTV Môi trường đô thị Hà Nội",
        n: 14,
        founded: (2005, 7, 1),
        fate: Fate::MergesMar2025,
    },
];

/// A grassroots organisation to create: name body, flavor, size.
#[derive(Debug, Clone)]
pub struct Template {
    pub body: String,
    pub flavor: Flavor,
    pub size: (u32, u32),
    /// Some(true): always a committee; Some(false): always a cell.
    pub committee: Option<bool>,
    pub party_side: bool,
}

impl Template {
    pub fn new(body: String, flavor: Flavor, size: (u32, u32)) -> Self {
        Template {
            body,
            flavor,
            size,
            committee: None,
            party_side: false,
        }
    }
}

const KCQ_PARTY: &[&str] = &[
    "Văn phòng Thành ủy",
    "Ban Tổ chức Thành ủy",
    "Ban Tuyên giáo Thành ủy",
    "Ban Dân vận Thành ủy",
    "Ủy ban Kiểm tra Thành ủy",
    "Ban Nội chính Thành ủy",
    "Báo Hà Nội Mới",
    "Trường Đào tạo cán bộ Lê Hồng Phong",
    "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
    "Thành đoàn Hà Nội",
    "Hội Liên hiệp Phụ nữ Thành phố",
    "Liên đoàn Lao động Thành phố",
    "Hội Nông dân Thành phố",
    "Hội Cựu chiến binh Thành phố",
];

const KCQ_DEPTS: &[&str] = &[
    "Văn phòng Ủy ban nhân dân Thành phố",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân Thành phố",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Quy hoạch - Kiến trúc",
    "Sở Ngoại vụ",
    "Thanh tra Thành phố",
    "Ban Dân tộc Thành phố",
    "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
];

const KCQ_HOSPITALS: &[&str] = &[
    "Bệnh viện Đa khoa Xanh Pôn",
    "Bệnh viện Thanh Nhàn",
    "Bệnh viện Đa khoa Đức Giang",
    "Bệnh viện Đa khoa Hà Đông",
    "Bệnh viện Tim Hà Nội",
    "Bệnh viện Ung bướu Hà Nội",
    "Bệnh viện Phụ sản Hà Nội",
    "Bệnh viện Nhi Hà Nội",
    "Bệnh viện Mắt Hà Nội",
    "Bệnh viện Thận Hà Nội",
    "Bệnh viện Y học cổ truyền Hà Nội",
    "Bệnh viện Đa khoa Đống Đa",
    "Bệnh viện Bắc Thăng Long",
    "Bệnh viện Đa khoa Sơn Tây",
    "Bệnh viện Đa khoa Vân Đình",
    "Bệnh viện Tâm thần Hà Nội",
    "Bệnh viện Phổi Hà Nội",
    "Bệnh viện Da liễu Hà Nội",
];

const KCQ_OTHERS: &[&str] = &[
    "Báo Kinh tế và Đô thị",
    "Đài Phát thanh và Truyền hình Hà Nội",
    "Bảo tàng Hà Nội",
    "Thư viện Hà Nội",
    "Nhà hát Chèo Hà Nội",
    "Nhà hát Kịch Hà Nội",
    "Nhà hát Cải lương Hà Nội",
    "Viện Nghiên cứu phát triển kinh tế - xã hội Hà Nội",
    "Trung tâm Xúc tiến Đầu tư, Thương mại, Du lịch Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình giao thông Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình văn hóa - xã hội Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình cấp thoát nước, môi trường Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình nông nghiệp và phát triển nông thôn Thành phố",
    "Ban Quản lý đường sắt đô thị Hà Nội",
    "Quỹ Đầu tư phát triển Thành phố",
    "Trung tâm Kiểm soát bệnh tật Hà Nội",
    "Trung tâm Cấp cứu 115 Hà Nội",
    "Trung tâm Pháp y Hà Nội",
    "Chi cục Kiểm lâm",
    "Chi cục Thủy lợi",
    "Chi cục Chăn nuôi và Thú y",
    "Chi cục Trồng trọt và Bảo vệ thực vật",
    "Chi cục Phát triển nông thôn",
    "Chi cục Văn thư - Lưu trữ",
    "Chi cục Dân số - Kế hoạch hóa gia đình",
    "Chi cục An toàn vệ sinh thực phẩm",
    "Chi cục Bảo vệ môi trường",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Chi cục Phòng, chống tệ nạn xã hội",
    "Chi cục Giám định xây dựng",
    "Trung tâm Quản lý điều hành giao thông đô thị",
    "Trung tâm Đăng kiểm xe cơ giới",
    "Trung tâm Khuyến nông Hà Nội",
    "Trung tâm Dịch vụ việc làm Hà Nội",
    "Trung tâm Công nghệ thông tin và Truyền thông",
    "Trung tâm Kỹ thuật Tài nguyên và Môi trường",
    "Văn phòng Đăng ký đất đai Hà Nội",
    "Trung tâm Phát triển quỹ đất Hà Nội",
    "Viện Quy hoạch xây dựng Hà Nội",
    "Trung tâm Kiểm định chất lượng công trình xây dựng",
    "Trung tâm Bảo tồn di sản Thăng Long - Hà Nội",
    "Trung tâm Hoạt động Văn hóa Khoa học Văn Miếu - Quốc Tử Giám",
    "Ban Quản lý phố cổ Hà Nội",
    "Trung tâm Huấn luyện và Thi đấu thể dục thể thao Hà Nội",
    "Trung tâm Công tác xã hội Hà Nội",
    "Làng Trẻ em SOS Hà Nội",
    "Trung tâm Nuôi dưỡng trẻ khuyết tật Hà Nội",
    "Trung tâm Bảo trợ xã hội I Hà Nội",
    "Trung tâm Bảo trợ xã hội II Hà Nội",
    "Trung tâm Bảo trợ xã hội III Hà Nội",
    "Trung tâm Bảo trợ xã hội IV Hà Nội",
    "Trung tâm Điều dưỡng người có công số 1",
    "Trung tâm Điều dưỡng người có công số 2",
    "Trung tâm Phục vụ hành chính công Thành phố",
    "Văn phòng Điều phối nông thôn mới Thành phố",
    "Trung tâm Thông tin và Dữ liệu tài nguyên",
    "Trung tâm Nghiên cứu và Phát triển giống cây trồng",
    "Trung tâm Quản lý và Phát triển nhà Hà Nội",
    "Nhà hát Múa rối Thăng Long",
];

const KDH_UNIVERSITIES: &[&str] = &[
    "Trường Đại học Bách khoa Hà Nội",
    "Trường Đại học Xây dựng Hà Nội",
    "Trường Đại học Kinh tế Quốc dân",
    "Trường Đại học Ngoại thương",
    "Trường Đại học Sư phạm Hà Nội",
    "Trường Đại học Thủy lợi",
    "Trường Đại học Giao thông Vận tải",
    "Trường Đại học Mỏ - Địa chất",
    "Trường Đại học Thương mại",
    "Học viện Tài chính",
    "Học viện Ngân hàng",
    "Trường Đại học Luật Hà Nội",
    "Trường Đại học Y Hà Nội",
    "Trường Đại học Dược Hà Nội",
    "Trường Đại học Hà Nội",
    "Trường Đại học Kiến trúc Hà Nội",
    "Trường Đại học Công nghiệp Hà Nội",
    "Trường Đại học Điện lực",
    "Trường Đại học Lao động - Xã hội",
    "Trường Đại học Văn hóa Hà Nội",
    "Trường Đại học Mở Hà Nội",
    "Học viện Nông nghiệp Việt Nam",
    "Học viện Công nghệ Bưu chính Viễn thông",
    "Trường Đại học Lâm nghiệp",
    "Trường Đại học Tài nguyên và Môi trường Hà Nội",
    "Trường Đại học Sân khấu - Điện ảnh Hà Nội",
    "Trường Đại học Mỹ thuật Việt Nam",
    "Học viện Âm nhạc Quốc gia Việt Nam",
    "Trường Đại học Thủ đô Hà Nội",
    "Trường Đại học Nội vụ Hà Nội",
];

const KDH_OTHERS: &[&str] = &[
    "Trường Đại học Công nghiệp Dệt may Hà Nội",
    "Trường Đại học Thăng Long",
    "Trường Đại học Phương Đông",
    "Trường Đại học Đại Nam",
    "Trường Đại học Thành Đô",
    "Trường Đại học Nguyễn Trãi",
    "Trường Cao đẳng Y tế Hà Nội",
    "Trường Cao đẳng Cộng đồng Hà Nội",
    "Trường Cao đẳng Sư phạm Hà Tây",
    "Trường Cao đẳng Nghệ thuật Hà Nội",
    "Trường Cao đẳng Thương mại và Du lịch Hà Nội",
    "Trường Cao đẳng Y tế Hà Đông",
    "Trường Cao đẳng Công nghệ và Môi trường Hà Nội",
    "Trường Cao đẳng Điện tử - Điện lạnh Hà Nội",
    "Trường Cao đẳng nghề Công nghệ cao Hà Nội",
];

const QS_UNITS: &[&str] = &[
    "Cơ quan Bộ Tư lệnh Thủ đô Hà Nội",
    "Phòng Tham mưu",
    "Phòng Chính trị",
    "Phòng Hậu cần - Kỹ thuật",
    "Trung đoàn 692",
    "Trung đoàn 26",
    "Trung đoàn 102",
    "Lữ đoàn 241",
    "Trường Quân sự Bộ Tư lệnh",
    "Tiểu đoàn Cảnh vệ",
    "Đoàn Nghệ thuật Quân đội Thủ đô",
    "Bệnh xá Bộ Tư lệnh",
    "Kho Vũ khí đạn",
];

const TVT: &[&str] = &[
    "Cơ quan Tổng công ty Vận tải Hà Nội",
    "Xí nghiệp Xe buýt Hà Nội",
    "Xí nghiệp Xe buýt 10-10",
    "Xí nghiệp Xe buýt Thăng Long",
    "Xí nghiệp Xe buýt Yên Viên",
    "Xí nghiệp Xe buýt Cầu Bươu",
    "Xí nghiệp Xe điện Hà Nội",
    "Công ty TNHH MTV Xe khách Hà Nội",
    "Xí nghiệp Toyota Hoàn Kiếm",
    "Xí nghiệp Kinh doanh tổng hợp Vận tải",
    "Trung tâm Điều hành xe buýt",
    "Xí nghiệp Xe buýt Hà Đông",
    "Công ty Cổ phần Xe khách Thăng Long",
    "Xí nghiệp Dịch vụ kỹ thuật Vận tải",
];

const UDIC: &[&str] = &[
    "Cơ quan Tổng công ty UDIC",
    "Công ty Cổ phần Xây dựng UDIC số 1",
    "Công ty Cổ phần Xây dựng UDIC số 2",
    "Công ty TNHH MTV Quản lý khai thác nhà UDIC",
    "Công ty Cổ phần Tư vấn UDIC",
    "Công ty Cổ phần Bê tông UDIC",
    "Công ty TNHH MTV Công viên cây xanh Hà Nội",
    "Công ty Cổ phần Đầu tư UDIC Land",
    "Công ty TNHH MTV Duy tu công trình UDIC",
    "Ban Quản lý dự án UDIC",
    "Công ty Cổ phần Chiếu sáng UDIC",
    "Công ty Cổ phần Vật liệu UDIC",
];

const TDL: &[&str] = &[
    "Cơ quan Tổng công ty Du lịch Hà Nội",
    "Khách sạn Kim Liên",
    "Khách sạn Thắng Lợi",
    "Khách sạn Hà Nội",
    "Khách sạn Bảo Sơn",
    "Khách sạn Hòa Bình",
    "Khách sạn Tháp Hà Nội",
    "Công ty Lữ hành Hanoitourist",
    "Công ty Cổ phần Du lịch Kim Liên",
    "Công ty Cổ phần Vận tải Du lịch Hà Nội",
    "Công ty Cổ phần Thủy Tạ",
    "Công ty Cổ phần Du lịch Thương mại Đông Đô",
];

const TTM: &[&str] = &[
    "Cơ quan Tổng công ty Thương mại Hà Nội",
    "Công ty Cổ phần Thực phẩm Hà Nội",
    "Công ty Cổ phần Thương mại Hà Nội",
    "Trung tâm Thương mại Tràng Tiền",
    "Công ty Cổ phần Chợ Đồng Xuân",
    "Công ty Cổ phần Xuất nhập khẩu Hapro",
    "Công ty Cổ phần Thủy sản Hà Nội",
    "Công ty Cổ phần Thương mại Bách hóa Hapro",
    "Công ty Cổ phần Nông sản Hapro",
    "Công ty Cổ phần Dịch vụ Thương mại Thăng Long Hapro",
    "Công ty Cổ phần Rượu Hapro",
    "Công ty Cổ phần Chè Hapro",
];

const TXD: &[&str] = &[
    "Cơ quan Tổng công ty Xây dựng Hà Nội",
    "Công ty Cổ phần Xây dựng số 1 Hà Nội",
    "Công ty Cổ phần Xây dựng số 2 Hà Nội",
    "Công ty Cổ phần Xây dựng số 3 Hà Nội",
    "Công ty Cổ phần Xây dựng số 4 Hà Nội",
    "Công ty Cổ phần Xây dựng số 5 Hà Nội",
    "Công ty Cổ phần Xây dựng số 6 Hà Nội",
    "Công ty Cổ phần Xây dựng số 7 Hà Nội",
    "Công ty Cổ phần Tư vấn Đầu tư và Xây dựng Hancorp",
    "Công ty Cổ phần Cơ khí Xây dựng Hancorp",
    "Công ty Cổ phần Vật liệu Xây dựng Hancorp",
    "Công ty Cổ phần Bất động sản Hancorp",
    "Viện Kỹ thuật Xây dựng Hancorp",
    "Trường Cao đẳng nghề Xây dựng Hancorp",
];

const NS: &[&str] = &[
    "Cơ quan Công ty Nước sạch Hà Nội",
    "Nhà máy nước Yên Phụ",
    "Nhà máy nước Mai Dịch",
    "Nhà máy nước Ngọc Hà",
    "Nhà máy nước Lương Yên",
    "Nhà máy nước Pháp Vân",
    "Nhà máy nước Tương Mai",
    "Nhà máy nước Hạ Đình",
    "Nhà máy nước Ngô Sĩ Liên",
    "Nhà máy nước Bắc Thăng Long",
    "Nhà máy nước Gia Lâm",
    "Xí nghiệp Kinh doanh nước sạch Ba Đình",
    "Xí nghiệp Kinh doanh nước sạch Đống Đa",
    "Xí nghiệp Kinh doanh nước sạch Hai Bà Trưng",
    "Xí nghiệp Kinh doanh nước sạch Hoàn Kiếm",
];

const TN: &[&str] = &[
    "Cơ quan Công ty Thoát nước Hà Nội",
    "Xí nghiệp Thoát nước số 1",
    "Xí nghiệp Thoát nước số 2",
    "Xí nghiệp Thoát nước số 3",
    "Xí nghiệp Thoát nước số 4",
    "Xí nghiệp Thoát nước số 5",
    "Xí nghiệp Thoát nước số 6",
    "Xí nghiệp Thoát nước số 7",
    "Xí nghiệp Thoát nước số 8",
    "Xí nghiệp Xử lý nước thải",
    "Xí nghiệp Quản lý trạm bơm Yên Sở",
    "Xí nghiệp Cơ giới Thoát nước",
];

const MT: &[&str] = &[
    "Cơ quan Công ty Môi trường đô thị Hà Nội",
    "Xí nghiệp Môi trường đô thị Ba Đình",
    "Xí nghiệp Môi trường đô thị Hoàn Kiếm",
    "Xí nghiệp Môi trường đô thị Đống Đa",
    "Xí nghiệp Môi trường đô thị Hai Bà Trưng",
    "Xí nghiệp Môi trường đô thị Cầu Giấy",
    "Xí nghiệp Môi trường đô thị Thanh Xuân",
    "Xí nghiệp Vận chuyển chất thải",
    "Xí nghiệp Xử lý chất thải",
    "Xí nghiệp Cơ khí Môi trường",
    "Khu liên hợp xử lý chất thải Nam Sơn",
    "Xí nghiệp Dịch vụ Môi trường",
    "Xí nghiệp Quản lý đô thị",
    "Xí nghiệp Môi trường Tây Hồ",
];

const VNPT: &[&str] = &[
    "Văn phòng Viễn thông Hà Nội",
    "Trung tâm Điều hành thông tin",
    "Trung tâm Công nghệ thông tin VNPT Hà Nội",
    "Trung tâm Viễn thông 1",
    "Trung tâm Viễn thông 2",
    "Trung tâm Viễn thông 3",
    "Trung tâm Viễn thông 4",
    "Trung tâm Viễn thông 5",
    "Trung tâm Viễn thông 6",
    "Trung tâm Viễn thông 7",
    "Trung tâm Viễn thông 8",
    "Trung tâm Kinh doanh VNPT - Hà Nội",
];

const HQ: &[&str] = &[
    "Văn phòng Cục Hải quan",
    "Chi cục Hải quan Bắc Hà Nội",
    "Chi cục Hải quan Gia Thụy",
    "Chi cục Hải quan Gia Lâm",
    "Chi cục Hải quan Yên Viên",
    "Chi cục Hải quan Bắc Thăng Long",
    "Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài",
    "Chi cục Hải quan Chuyển phát nhanh",
    "Chi cục Hải quan Ga đường sắt quốc tế Yên Viên",
    "Chi cục Hải quan Quản lý hàng đầu tư - gia công",
    "Chi cục Kiểm tra sau thông quan",
    "Đội Kiểm soát Hải quan",
    "Phòng Nghiệp vụ Hải quan",
    "Phòng Tổ chức cán bộ Hải quan",
    "Phòng Tài vụ - Quản trị Hải quan",
];

/// A fixed list, sizes and flavor, continued with generated names.
struct ListSpec<'a> {
    list: Vec<String>,
    flavor: Flavor,
    size: (u32, u32),
    fallback: &'a dyn Fn(&mut R, usize) -> String,
}

fn from_list(book: &mut NameBook, scope: u64, rng: &mut R, n: usize, spec: ListSpec<'_>) -> Vec<Template> {
    let mut out = Vec::with_capacity(n);
    for body in spec.list.iter() {
        if out.len() >= n {
            break;
        }
        if book.claim(scope, body) {
            out.push(Template::new(body.clone(), spec.flavor, spec.size));
        }
    }
    let mut i = 0;
    while out.len() < n {
        let body = book.unique(scope, rng, |r| {
            i += 1;
            (spec.fallback)(r, i)
        });
        out.push(Template::new(body, spec.flavor, spec.size));
    }
    out
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The grassroots organisations of one sector committee (`n` of them), with
/// bodies claimed in `scope`.
pub fn templates(code: &str, n: usize, districts: &[District], book: &mut NameBook, scope: u64, rng: &mut R) -> Vec<Template> {
    let places: Vec<String> = districts.iter().map(|d| d.place.clone()).collect();
    let lowers: Vec<String> = districts.iter().map(|d| d.lower()).collect();
    let corp = |prefix: &'static str| move |r: &mut R, _i: usize| format!("Công ty Cổ phần {} {prefix}", pick(r, names::TRADES));
    match code {
        "KCQ" => {
            let party_n = ((n as f64 * KCQ_PARTY.len() as f64 / 120.0).round() as usize).clamp(1, n.saturating_sub(1).max(1));
            let mut out = from_list(
                book,
                scope,
                rng,
                party_n,
                ListSpec {
                    list: owned(KCQ_PARTY),
                    flavor: Flavor::Office,
                    size: (25, 90),
                    fallback: &|_r, i| format!("Ban Quản lý dự án Thành ủy số {}", i),
                },
            );
            for t in &mut out {
                t.party_side = true;
            }
            let mut rest: Vec<Template> = Vec::new();
            let m = n - out.len();
            // Departments, hospitals and other units, interleaved so a small
            // scale still gets a bit of each.
            let mut depts = KCQ_DEPTS.iter();
            let mut hosp = KCQ_HOSPITALS.iter();
            let mut others = KCQ_OTHERS.iter();
            let mut turn = 0;
            while rest.len() < m {
                let next = match turn % 6 {
                    0 | 3 => depts.next().map(|s| (s, Flavor::Department, (60, 220))),
                    1 | 4 => others.next().map(|s| (s, Flavor::Office, (10, 70))),
                    _ => hosp.next().map(|s| (s, Flavor::Hospital, (110, 420))),
                };
                turn += 1;
                match next {
                    Some((s, f, size)) if book.claim(scope, s) => rest.push(Template::new(s.to_string(), f, size)),
                    Some(_) => {}
                    None if turn > 400 => {
                        let body = book.unique(scope, rng, |r| {
                            format!(
                                "Trung tâm {} khu vực {}",
                                pick(
                                    r,
                                    &[
                                        "Dịch vụ việc làm",
                                        "Bảo trợ xã hội",
                                        "Quản lý nhà",
                                        "Kiểm định",
                                        "Khuyến nông",
                                        "Y tế dự phòng",
                                        "Văn hóa"
                                    ]
                                ),
                                pick(r, &places)
                            )
                        });
                        rest.push(Template::new(body, Flavor::Office, (10, 60)));
                    }
                    None => {}
                }
            }
            out.extend(rest);
            out
        }
        "KDN" => (0..n)
            .map(|_| {
                let body = book.unique(scope, rng, |r| names::company(r, None));
                let size = if chance(rng, 0.03) {
                    (250, 520)
                } else if chance(rng, 0.33) {
                    (30, 180)
                } else {
                    (5, 28)
                };
                Template::new(body, Flavor::Company, size)
            })
            .collect(),
        "KDH" => {
            let mut out = Vec::new();
            let mut uni = KDH_UNIVERSITIES.iter();
            let mut oth = KDH_OTHERS.iter();
            let mut turn = 0;
            while out.len() < n {
                let next = if turn % 3 == 2 {
                    oth.next().map(|s| (s, (30, 160)))
                } else {
                    uni.next().map(|s| (s, (120, 600)))
                };
                turn += 1;
                match next {
                    Some((s, size)) if book.claim(scope, s) => out.push(Template::new(s.to_string(), Flavor::University, size)),
                    Some(_) => {}
                    None if turn > 200 => {
                        let body = book.unique(scope, rng, |r| format!("Trường Cao đẳng {} Hà Nội", pick(r, names::TRADES)));
                        out.push(Template::new(body, Flavor::University, (30, 140)));
                    }
                    None => {}
                }
            }
            out
        }
        "CA" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(names::POLICE_DEPTS),
                flavor: Flavor::PoliceDept,
                size: (120, 480),
                fallback: &|_r, i| format!("Phòng Nghiệp vụ số {}", i),
            },
        ),
        "QS" => {
            let k = QS_UNITS.len().min(n);
            let mut list = owned(&QS_UNITS[..k]);
            list.extend(lowers.iter().map(|l| format!("Ban Chỉ huy Quân sự {l}")));
            let mut out = from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Army,
                    size: (30, 70),
                    fallback: &|_r, i| format!("Tiểu đoàn {}", i + 10),
                },
            );
            for t in out.iter_mut().take(k) {
                t.size = (40, 300);
            }
            out
        }
        "TVT" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(TVT),
                flavor: Flavor::Company,
                size: (20, 160),
                fallback: &corp("Vận tải Hà Nội"),
            },
        ),
        "UDIC" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(UDIC),
                flavor: Flavor::Company,
                size: (20, 150),
                fallback: &corp("UDIC"),
            },
        ),
        "TDL" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(TDL),
                flavor: Flavor::Company,
                size: (12, 90),
                fallback: &corp("Hanoitourist"),
            },
        ),
        "TTM" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(TTM),
                flavor: Flavor::Company,
                size: (15, 120),
                fallback: &corp("Hapro"),
            },
        ),
        "TXD" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(TXD),
                flavor: Flavor::Company,
                size: (20, 150),
                fallback: &corp("Hancorp"),
            },
        ),
        "NS" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(NS),
                flavor: Flavor::Company,
                size: (15, 110),
                fallback: &corp("Nước sạch"),
            },
        ),
        "TN" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(TN),
                flavor: Flavor::Company,
                size: (20, 110),
                fallback: &corp("Thoát nước"),
            },
        ),
        "MT" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(MT),
                flavor: Flavor::Company,
                size: (20, 130),
                fallback: &corp("Môi trường"),
            },
        ),
        "EVN" => {
            let mut list = owned(&[
                "Cơ quan Tổng công ty Điện lực",
                "Công ty Lưới điện cao thế Thành phố Hà Nội",
                "Công ty Dịch vụ Điện lực Hà Nội",
                "Công ty Công nghệ thông tin Điện lực Hà Nội",
                "Công ty Thí nghiệm điện Điện lực Hà Nội",
                "Ban Quản lý dự án lưới điện Hà Nội",
            ]);
            list.extend(places.iter().map(|p| format!("Công ty Điện lực {p}")));
            from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Company,
                    size: (25, 120),
                    fallback: &|_r, i| format!("Đội Quản lý điện số {}", i),
                },
            )
        }
        "CT" => {
            let mut list = vec!["Văn phòng Cục Thuế".to_string()];
            list.extend(lowers.iter().map(|l| format!("Chi cục Thuế {l}")));
            from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Tax,
                    size: (20, 90),
                    fallback: &|_r, i| format!("Phòng Thanh tra - Kiểm tra thuế số {}", i),
                },
            )
        }
        "HQ" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(HQ),
                flavor: Flavor::Office,
                size: (10, 80),
                fallback: &|_r, i| format!("Đội Kiểm soát Hải quan số {}", i),
            },
        ),
        "BHXH" => {
            let mut list = vec!["Văn phòng Bảo hiểm xã hội Thành phố".to_string()];
            list.extend(lowers.iter().map(|l| format!("Bảo hiểm xã hội {l}")));
            from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Office,
                    size: (10, 40),
                    fallback: &|_r, i| format!("Phòng Nghiệp vụ Bảo hiểm số {}", i),
                },
            )
        }
        "KBNN" => {
            let mut list = vec!["Văn phòng Kho bạc Nhà nước Hà Nội".to_string()];
            list.extend(places.iter().map(|p| format!("Kho bạc Nhà nước {p}")));
            from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Office,
                    size: (8, 30),
                    fallback: &|_r, i| format!("Phòng Giao dịch Kho bạc số {}", i),
                },
            )
        }
        "VNPT" => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: owned(VNPT),
                flavor: Flavor::Company,
                size: (20, 120),
                fallback: &|_r, i| format!("Trung tâm Viễn thông {}", i + 8),
            },
        ),
        "BDHN" => {
            let mut list = vec![
                "Văn phòng Bưu điện Thành phố".to_string(),
                "Trung tâm Khai thác vận chuyển".to_string(),
            ];
            list.extend(lowers.iter().map(|l| format!("Bưu điện {l}")));
            from_list(
                book,
                scope,
                rng,
                n,
                ListSpec {
                    list,
                    flavor: Flavor::Office,
                    size: (6, 40),
                    fallback: &|_r, i| format!("Bưu cục khu vực số {}", i),
                },
            )
        }
        _ => from_list(
            book,
            scope,
            rng,
            n,
            ListSpec {
                list: Vec::new(),
                flavor: Flavor::Office,
                size: (8, 40),
                fallback: &|_r, i| format!("Đơn vị số {}", i),
            },
        ),
    }
}
