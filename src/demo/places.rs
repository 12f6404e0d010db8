//! Hanoi's districts (2020), their wards and communes, and the ward/commune
//! committees founded on 1/7/2025.

use super::rng::ymd;
use chrono::NaiveDate;

const DISTRICTS_CSV: &str = include_str!("../../data/hanoi-districts-2020.csv");

/// One district-level unit of 2020.
#[derive(Debug, Clone)]
pub struct District {
    pub gso: String,
    /// "Ba Đình"
    pub place: String,
    /// "quận", "huyện", "thị xã"
    pub kind: String,
    /// "Quận ủy Ba Đình"
    pub committee: String,
}

impl District {
    /// "quận Ba Đình"
    pub fn lower(&self) -> String {
        format!("{} {}", self.kind, self.place)
    }

    /// "Quận ủy", "Huyện ủy", "Thị ủy"
    pub fn committee_word(&self) -> &str {
        self.committee.strip_suffix(&self.place).unwrap_or(&self.committee).trim()
    }

    /// When the district's committee entered the city's register.
    pub fn founded(&self) -> NaiveDate {
        let code: u32 = self.gso.parse().unwrap_or(0);
        match self.place.as_str() {
            "Tây Hồ" => ymd(1995, 10, 28),
            "Thanh Xuân" => ymd(1996, 12, 22),
            "Cầu Giấy" => ymd(1997, 1, 1),
            "Long Biên" | "Hoàng Mai" => ymd(2004, 1, 1),
            "Nam Từ Liêm" | "Bắc Từ Liêm" => ymd(2014, 4, 1),
            _ if code >= 250 => ymd(2008, 8, 1),
            _ => ymd(1961, 4, 20),
        }
    }
}

/// The 30 districts, in the file's order.
pub fn districts() -> Vec<District> {
    DISTRICTS_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(|s| s.trim()).collect();
            let unit = f.get(1).copied().unwrap_or("");
            let kind = f.get(2).copied().unwrap_or("").to_string();
            let committee = crate::domain::text::clean(f.get(3).copied().unwrap_or(""));
            let place = crate::domain::text::clean(
                unit.split_once(' ')
                    .map(|(_, rest)| rest)
                    .map(|rest| rest.strip_prefix("xã ").unwrap_or(rest))
                    .unwrap_or(unit),
            );
            District {
                gso: f[0].to_string(),
                place,
                kind,
                committee,
            }
        })
        .collect()
}

/// Kind of a commune-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Ward,
    Commune,
    Town,
}

impl UnitKind {
    pub fn word(self) -> &'static str {
        match self {
            UnitKind::Ward => "Phường",
            UnitKind::Commune => "Xã",
            UnitKind::Town => "Thị trấn",
        }
    }
    pub fn lower(self) -> &'static str {
        match self {
            UnitKind::Ward => "phường",
            UnitKind::Commune => "xã",
            UnitKind::Town => "thị trấn",
        }
    }
}

/// Wards, communes and towns of each district (2020). In a list, "TT " marks
/// a town, "X " a commune of a district that otherwise has wards.
const UNITS: &[(&str, &str)] = &[
    ("Ba Đình", "Phúc Xá, Trúc Bạch, Vĩnh Phúc, Cống Vị, Liễu Giai, Nguyễn Trung Trực, Quán Thánh, Ngọc Hà, Điện Biên, Đội Cấn, Ngọc Khánh, Kim Mã, Giảng Võ, Thành Công"),
    ("Hoàn Kiếm", "Phúc Tân, Đồng Xuân, Hàng Mã, Hàng Buồm, Hàng Đào, Hàng Bồ, Cửa Đông, Lý Thái Tổ, Hàng Bạc, Hàng Gai, Chương Dương, Hàng Trống, Cửa Nam, Hàng Bông, Tràng Tiền, Trần Hưng Đạo, Phan Chu Trinh, Hàng Bài"),
    ("Tây Hồ", "Phú Thượng, Nhật Tân, Tứ Liên, Quảng An, Xuân La, Yên Phụ, Bưởi, Thụy Khuê"),
    ("Long Biên", "Thượng Thanh, Ngọc Thụy, Giang Biên, Đức Giang, Việt Hưng, Gia Thụy, Ngọc Lâm, Phúc Lợi, Bồ Đề, Sài Đồng, Long Biên, Thạch Bàn, Phúc Đồng, Cự Khối"),
    ("Cầu Giấy", "Nghĩa Đô, Nghĩa Tân, Mai Dịch, Dịch Vọng, Dịch Vọng Hậu, Quan Hoa, Yên Hòa, Trung Hòa"),
    ("Đống Đa", "Cát Linh, Văn Miếu, Quốc Tử Giám, Láng Thượng, Ô Chợ Dừa, Văn Chương, Hàng Bột, Láng Hạ, Khâm Thiên, Thổ Quan, Nam Đồng, Trung Phụng, Quang Trung, Trung Liệt, Phương Liên, Thịnh Quang, Trung Tự, Kim Liên, Phương Mai, Ngã Tư Sở, Khương Thượng"),
    ("Hai Bà Trưng", "Nguyễn Du, Bạch Đằng, Phạm Đình Hổ, Lê Đại Hành, Đồng Nhân, Phố Huế, Đống Mác, Thanh Lương, Thanh Nhàn, Cầu Dền, Bách Khoa, Đồng Tâm, Vĩnh Tuy, Bạch Mai, Quỳnh Mai, Quỳnh Lôi, Minh Khai, Trương Định"),
    ("Hoàng Mai", "Thanh Trì, Vĩnh Hưng, Định Công, Mai Động, Tương Mai, Đại Kim, Tân Mai, Hoàng Văn Thụ, Giáp Bát, Lĩnh Nam, Thịnh Liệt, Trần Phú, Hoàng Liệt, Yên Sở"),
    ("Thanh Xuân", "Nhân Chính, Thượng Đình, Khương Trung, Khương Mai, Thanh Xuân Trung, Phương Liệt, Hạ Đình, Khương Đình, Thanh Xuân Bắc, Thanh Xuân Nam, Kim Giang"),
    ("Sóc Sơn", "TT Sóc Sơn, Bắc Sơn, Minh Trí, Hồng Kỳ, Nam Sơn, Trung Giã, Tân Hưng, Minh Phú, Phù Linh, Bắc Phú, Tân Minh, Quang Tiến, Hiền Ninh, Tân Dân, Tiên Dược, Việt Long, Xuân Giang, Mai Đình, Đức Hòa, Thanh Xuân, Đông Xuân, Kim Lũ, Phú Cường, Phú Minh, Phù Lỗ, Xuân Thu"),
    ("Đông Anh", "TT Đông Anh, Xuân Nộn, Thụy Lâm, Bắc Hồng, Nguyên Khê, Nam Hồng, Tiên Dương, Vân Hà, Uy Nỗ, Vân Nội, Liên Hà, Việt Hùng, Kim Nỗ, Kim Chung, Dục Tú, Đại Mạch, Vĩnh Ngọc, Cổ Loa, Hải Bối, Xuân Canh, Võng La, Tầm Xá, Mai Lâm, Đông Hội"),
    ("Gia Lâm", "TT Yên Viên, TT Trâu Quỳ, Yên Thường, Yên Viên, Ninh Hiệp, Đình Xuyên, Dương Hà, Phù Đổng, Trung Mầu, Lệ Chi, Cổ Bi, Đặng Xá, Phú Thị, Kim Sơn, Dương Quang, Dương Xá, Đông Dư, Đa Tốn, Kiêu Kỵ, Bát Tràng, Kim Lan, Văn Đức"),
    ("Nam Từ Liêm", "Cầu Diễn, Xuân Phương, Phương Canh, Mỹ Đình 1, Mỹ Đình 2, Tây Mỗ, Mễ Trì, Phú Đô, Đại Mỗ, Trung Văn"),
    ("Thanh Trì", "TT Văn Điển, Tân Triều, Thanh Liệt, Tả Thanh Oai, Hữu Hòa, Tam Hiệp, Yên Mỹ, Vĩnh Quỳnh, Ngũ Hiệp, Duyên Hà, Ngọc Hồi, Vạn Phúc, Đại Áng, Liên Ninh, Đông Mỹ"),
    ("Bắc Từ Liêm", "Thượng Cát, Liên Mạc, Đông Ngạc, Đức Thắng, Thụy Phương, Tây Tựu, Xuân Đỉnh, Xuân Tảo, Minh Khai, Cổ Nhuế 1, Cổ Nhuế 2, Phú Diễn, Phúc Diễn"),
    ("Mê Linh", "TT Chi Đông, TT Quang Minh, Thạch Đà, Tráng Việt, Tiền Phong, Tiến Thịnh, Văn Khê, Kim Hoa, Liên Mạc, Mê Linh, Chu Phan, Tam Đồng, Thanh Lâm, Tiến Thắng, Tự Lập, Hoàng Kim, Vạn Yên, Đại Thịnh"),
    ("Hà Đông", "Nguyễn Trãi, Mộ Lao, Văn Quán, Vạn Phúc, Yết Kiêu, Quang Trung, La Khê, Phú La, Phúc La, Hà Cầu, Yên Nghĩa, Kiến Hưng, Phú Lãm, Phú Lương, Dương Nội, Đồng Mai, Biên Giang"),
    ("Sơn Tây", "Lê Lợi, Phú Thịnh, Ngô Quyền, Quang Trung, Sơn Lộc, Xuân Khanh, Trung Hưng, Viên Sơn, Trung Sơn Trầm, X Đường Lâm, X Thanh Mỹ, X Xuân Sơn, X Kim Sơn, X Sơn Đông, X Cổ Đông"),
    ("Ba Vì", "TT Tây Đằng, Phú Cường, Cổ Đô, Tản Hồng, Vạn Thắng, Châu Sơn, Phong Vân, Phú Đông, Phú Phương, Phú Châu, Thái Hòa, Đồng Thái, Phú Sơn, Minh Châu, Vật Lại, Chu Minh, Tòng Bạt, Cẩm Lĩnh, Sơn Đà, Đông Quang, Tiên Phong, Thụy An, Cam Thượng, Thuần Mỹ, Tản Lĩnh, Ba Trại, Minh Quang, Ba Vì, Vân Hòa, Yên Bài, Khánh Thượng"),
    ("Phúc Thọ", "TT Phúc Thọ, Vân Hà, Vân Phúc, Vân Nam, Xuân Đình, Sen Phương, Võng Xuyên, Tích Lộc, Long Thượng, Hiệp Thuận, Liên Hiệp, Tam Hiệp, Thọ Lộc, Ngọc Tảo, Phụng Thượng, Tam Thuấn, Thanh Đa, Hát Môn, Trạch Mỹ Lộc, Phúc Hòa, Nam Hà"),
    ("Đan Phượng", "TT Phùng, Trung Châu, Thọ An, Thọ Xuân, Hồng Hà, Liên Hồng, Liên Hà, Hạ Mỗ, Liên Trung, Phương Đình, Thượng Mỗ, Tân Hội, Tân Lập, Đan Phượng, Đồng Tháp, Song Phượng"),
    ("Hoài Đức", "TT Trạm Trôi, Đức Thượng, Minh Khai, Dương Liễu, Di Trạch, Đức Giang, Cát Quế, Kim Chung, Yên Sở, Sơn Đồng, Vân Canh, Đắc Sở, Lại Yên, Tiền Yên, Song Phương, An Khánh, An Thượng, Vân Côn, La Phù, Đông La"),
    ("Quốc Oai", "TT Quốc Oai, Sài Sơn, Phượng Cách, Yên Sơn, Ngọc Liệp, Ngọc Mỹ, Liệp Tuyết, Thạch Thán, Đồng Quang, Phú Cát, Tuyết Nghĩa, Nghĩa Hương, Cộng Hòa, Tân Phú, Đại Thành, Phú Mãn, Cấn Hữu, Tân Hòa, Hòa Thạch, Đông Yên, Đông Xuân"),
    ("Thạch Thất", "TT Liên Quan, Đại Đồng, Cẩm Yên, Lại Thượng, Phú Kim, Hương Ngải, Canh Nậu, Kim Quan, Dị Nậu, Bình Yên, Chàng Sơn, Thạch Hòa, Cần Kiệm, Hữu Bằng, Phùng Xá, Tân Xã, Thạch Xá, Bình Phú, Hạ Bằng, Đồng Trúc, Yên Trung, Yên Bình, Tiến Xuân"),
    ("Chương Mỹ", "TT Chúc Sơn, TT Xuân Mai, Phụng Châu, Tiên Phương, Đông Sơn, Đông Phương Yên, Phú Nghĩa, Trường Yên, Ngọc Hòa, Thủy Xuân Tiên, Thanh Bình, Trung Hòa, Đại Yên, Thụy Hương, Tốt Động, Lam Điền, Tân Tiến, Nam Phương Tiến, Hợp Đồng, Hoàng Văn Thụ, Hoàng Diệu, Hữu Văn, Quảng Bị, Mỹ Lương, Thượng Vực, Hồng Phong, Đồng Phú, Trần Phú, Văn Võ, Đồng Lạc, Hòa Chính, Phú Nam An"),
    ("Thanh Oai", "TT Kim Bài, Cự Khê, Bích Hòa, Mỹ Hưng, Cao Viên, Bình Minh, Tam Hưng, Thanh Cao, Thanh Thùy, Thanh Mai, Thanh Văn, Đỗ Động, Kim An, Kim Thư, Phương Trung, Tân Ước, Dân Hòa, Liên Châu, Cao Dương, Xuân Dương, Hồng Dương"),
    ("Thường Tín", "TT Thường Tín, Ninh Sở, Nhị Khê, Duyên Thái, Khánh Hà, Hòa Bình, Văn Bình, Hiền Giang, Hồng Vân, Vân Tảo, Liên Phương, Văn Phú, Tự Nhiên, Tiền Phong, Hà Hồi, Thư Phú, Nguyễn Trãi, Quất Động, Chương Dương, Tân Minh, Lê Lợi, Thắng Lợi, Dũng Tiến, Thống Nhất, Nghiêm Xuyên, Tô Hiệu, Văn Tự, Vạn Điểm, Minh Cường"),
    ("Phú Xuyên", "TT Phú Minh, TT Phú Xuyên, Hồng Minh, Phượng Dực, Nam Tiến, Tri Trung, Đại Thắng, Phú Túc, Văn Hoàng, Hồng Thái, Hoàng Long, Quang Trung, Nam Phong, Nam Triều, Tân Dân, Sơn Hà, Chuyên Mỹ, Khai Thái, Phúc Tiến, Vân Từ, Tri Thủy, Đại Xuyên, Phú Yên, Bạch Hạ, Quang Lãng, Châu Can, Minh Tân"),
    ("Ứng Hòa", "TT Vân Đình, Viên An, Viên Nội, Hoa Sơn, Quảng Phú Cầu, Trường Thịnh, Cao Thành, Liên Bạt, Sơn Công, Đồng Tiến, Phương Tú, Trung Tú, Đồng Tân, Tảo Dương Văn, Vạn Thái, Minh Đức, Hòa Lâm, Hòa Xá, Trầm Lộng, Kim Đường, Hòa Nam, Hòa Phú, Đội Bình, Đại Hùng, Đông Lỗ, Phù Lưu, Đại Cường, Lưu Hoàng, Hồng Quang"),
    ("Mỹ Đức", "TT Đại Nghĩa, Đồng Tâm, Thượng Lâm, Tuy Lai, Phúc Lâm, Mỹ Thành, Bột Xuyên, An Mỹ, Hồng Sơn, Lê Thanh, Xuy Xá, Phùng Xá, Phù Lưu Tế, Đại Hưng, Vạn Kim, Đốc Tín, Hương Sơn, Hùng Tiến, An Tiến, Hợp Tiến, Hợp Thanh, An Phú"),
];

/// Wards merged into a sibling on 1/1/2020: (district, merged ward, target ward).
pub const MERGES_2020: &[(&str, &str, &str)] = &[
    ("Ba Đình", "Nghĩa Dũng", "Phúc Xá"),
    ("Hai Bà Trưng", "Bùi Thị Xuân", "Nguyễn Du"),
    ("Hai Bà Trưng", "Ngô Thì Nhậm", "Phạm Đình Hổ"),
];

/// The wards, communes and towns of a district (2020).
pub fn units(d: &District) -> Vec<(UnitKind, String)> {
    let default = if d.kind == "huyện" { UnitKind::Commune } else { UnitKind::Ward };
    UNITS
        .iter()
        .find(|(p, _)| *p == d.place)
        .map(|(_, list)| {
            list.split(',')
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(|s| {
                    if let Some(rest) = s.strip_prefix("TT ") {
                        (UnitKind::Town, crate::domain::text::clean(rest))
                    } else if let Some(rest) = s.strip_prefix("X ") {
                        (UnitKind::Commune, crate::domain::text::clean(rest))
                    } else {
                        (default, crate::domain::text::clean(s))
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The 126 committees of 1/7/2025: (district they take over from, "phường"/"xã", name).
pub const NEW_2025: &[(&str, &str, &str)] = &[
    ("Hoàn Kiếm", "phường", "Hoàn Kiếm"),
    ("Hoàn Kiếm", "phường", "Cửa Nam"),
    ("Hoàn Kiếm", "phường", "Hồng Hà"),
    ("Ba Đình", "phường", "Ba Đình"),
    ("Ba Đình", "phường", "Ngọc Hà"),
    ("Ba Đình", "phường", "Giảng Võ"),
    ("Hai Bà Trưng", "phường", "Hai Bà Trưng"),
    ("Hai Bà Trưng", "phường", "Vĩnh Tuy"),
    ("Hai Bà Trưng", "phường", "Bạch Mai"),
    ("Đống Đa", "phường", "Đống Đa"),
    ("Đống Đa", "phường", "Kim Liên"),
    ("Đống Đa", "phường", "Văn Miếu - Quốc Tử Giám"),
    ("Đống Đa", "phường", "Láng"),
    ("Đống Đa", "phường", "Ô Chợ Dừa"),
    ("Hoàng Mai", "phường", "Hoàng Mai"),
    ("Hoàng Mai", "phường", "Lĩnh Nam"),
    ("Hoàng Mai", "phường", "Vĩnh Hưng"),
    ("Hoàng Mai", "phường", "Tương Mai"),
    ("Hoàng Mai", "phường", "Định Công"),
    ("Hoàng Mai", "phường", "Hoàng Liệt"),
    ("Hoàng Mai", "phường", "Yên Sở"),
    ("Thanh Xuân", "phường", "Thanh Xuân"),
    ("Thanh Xuân", "phường", "Khương Đình"),
    ("Thanh Xuân", "phường", "Phương Liệt"),
    ("Cầu Giấy", "phường", "Cầu Giấy"),
    ("Cầu Giấy", "phường", "Nghĩa Đô"),
    ("Cầu Giấy", "phường", "Yên Hòa"),
    ("Tây Hồ", "phường", "Tây Hồ"),
    ("Tây Hồ", "phường", "Phú Thượng"),
    ("Bắc Từ Liêm", "phường", "Tây Tựu"),
    ("Bắc Từ Liêm", "phường", "Phú Diễn"),
    ("Bắc Từ Liêm", "phường", "Xuân Đỉnh"),
    ("Bắc Từ Liêm", "phường", "Đông Ngạc"),
    ("Bắc Từ Liêm", "phường", "Thượng Cát"),
    ("Nam Từ Liêm", "phường", "Từ Liêm"),
    ("Nam Từ Liêm", "phường", "Xuân Phương"),
    ("Nam Từ Liêm", "phường", "Tây Mỗ"),
    ("Nam Từ Liêm", "phường", "Đại Mỗ"),
    ("Long Biên", "phường", "Long Biên"),
    ("Long Biên", "phường", "Bồ Đề"),
    ("Long Biên", "phường", "Việt Hưng"),
    ("Long Biên", "phường", "Phúc Lợi"),
    ("Hà Đông", "phường", "Hà Đông"),
    ("Hà Đông", "phường", "Dương Nội"),
    ("Hà Đông", "phường", "Yên Nghĩa"),
    ("Hà Đông", "phường", "Phú Lương"),
    ("Hà Đông", "phường", "Kiến Hưng"),
    ("Thanh Trì", "phường", "Thanh Liệt"),
    ("Chương Mỹ", "phường", "Chương Mỹ"),
    ("Sơn Tây", "phường", "Sơn Tây"),
    ("Sơn Tây", "phường", "Tùng Thiện"),
    ("Sơn Tây", "xã", "Đoài Phương"),
    ("Sóc Sơn", "xã", "Sóc Sơn"),
    ("Sóc Sơn", "xã", "Đa Phúc"),
    ("Sóc Sơn", "xã", "Nội Bài"),
    ("Sóc Sơn", "xã", "Trung Giã"),
    ("Sóc Sơn", "xã", "Kim Anh"),
    ("Đông Anh", "xã", "Đông Anh"),
    ("Đông Anh", "xã", "Phúc Thịnh"),
    ("Đông Anh", "xã", "Thư Lâm"),
    ("Đông Anh", "xã", "Thiên Lộc"),
    ("Đông Anh", "xã", "Vĩnh Thanh"),
    ("Mê Linh", "xã", "Mê Linh"),
    ("Mê Linh", "xã", "Yên Lãng"),
    ("Mê Linh", "xã", "Tiến Thắng"),
    ("Mê Linh", "xã", "Quang Minh"),
    ("Gia Lâm", "xã", "Gia Lâm"),
    ("Gia Lâm", "xã", "Thuận An"),
    ("Gia Lâm", "xã", "Bát Tràng"),
    ("Gia Lâm", "xã", "Phù Đổng"),
    ("Thanh Trì", "xã", "Thanh Trì"),
    ("Thanh Trì", "xã", "Đại Thanh"),
    ("Thanh Trì", "xã", "Nam Phù"),
    ("Thanh Trì", "xã", "Ngọc Hồi"),
    ("Thường Tín", "xã", "Thượng Phúc"),
    ("Thường Tín", "xã", "Thường Tín"),
    ("Thường Tín", "xã", "Chương Dương"),
    ("Thường Tín", "xã", "Hồng Vân"),
    ("Phú Xuyên", "xã", "Phú Xuyên"),
    ("Phú Xuyên", "xã", "Phượng Dực"),
    ("Phú Xuyên", "xã", "Chuyên Mỹ"),
    ("Phú Xuyên", "xã", "Đại Xuyên"),
    ("Thanh Oai", "xã", "Thanh Oai"),
    ("Thanh Oai", "xã", "Bình Minh"),
    ("Thanh Oai", "xã", "Tam Hưng"),
    ("Thanh Oai", "xã", "Dân Hòa"),
    ("Ứng Hòa", "xã", "Vân Đình"),
    ("Ứng Hòa", "xã", "Ứng Thiên"),
    ("Ứng Hòa", "xã", "Hòa Xá"),
    ("Ứng Hòa", "xã", "Ứng Hòa"),
    ("Mỹ Đức", "xã", "Mỹ Đức"),
    ("Mỹ Đức", "xã", "Hồng Sơn"),
    ("Mỹ Đức", "xã", "Phúc Sơn"),
    ("Mỹ Đức", "xã", "Hương Sơn"),
    ("Chương Mỹ", "xã", "Phú Nghĩa"),
    ("Chương Mỹ", "xã", "Xuân Mai"),
    ("Chương Mỹ", "xã", "Trần Phú"),
    ("Chương Mỹ", "xã", "Hòa Phú"),
    ("Chương Mỹ", "xã", "Quảng Bị"),
    ("Thạch Thất", "xã", "Thạch Thất"),
    ("Thạch Thất", "xã", "Hạ Bằng"),
    ("Thạch Thất", "xã", "Tây Phương"),
    ("Thạch Thất", "xã", "Hòa Lạc"),
    ("Thạch Thất", "xã", "Yên Xuân"),
    ("Quốc Oai", "xã", "Quốc Oai"),
    ("Quốc Oai", "xã", "Hưng Đạo"),
    ("Quốc Oai", "xã", "Kiều Phú"),
    ("Quốc Oai", "xã", "Phú Cát"),
    ("Hoài Đức", "xã", "Hoài Đức"),
    ("Hoài Đức", "xã", "Dương Hòa"),
    ("Hoài Đức", "xã", "Sơn Đồng"),
    ("Hoài Đức", "xã", "An Khánh"),
    ("Đan Phượng", "xã", "Đan Phượng"),
    ("Đan Phượng", "xã", "Ô Diên"),
    ("Đan Phượng", "xã", "Liên Minh"),
    ("Phúc Thọ", "xã", "Phúc Thọ"),
    ("Phúc Thọ", "xã", "Phúc Lộc"),
    ("Phúc Thọ", "xã", "Hát Môn"),
    ("Ba Vì", "xã", "Ba Vì"),
    ("Ba Vì", "xã", "Cổ Đô"),
    ("Ba Vì", "xã", "Bất Bạt"),
    ("Ba Vì", "xã", "Minh Châu"),
    ("Ba Vì", "xã", "Quảng Oai"),
    ("Ba Vì", "xã", "Vật Lại"),
    ("Ba Vì", "xã", "Suối Hai"),
    ("Ba Vì", "xã", "Yên Bài"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_complete() {
        let ds = districts();
        assert_eq!(ds.len(), 30);
        for d in &ds {
            assert!(!units(d).is_empty(), "{} has no units", d.place);
            assert!(NEW_2025.iter().any(|(p, _, _)| *p == d.place), "{} has no successor", d.place);
        }
        assert_eq!(NEW_2025.len(), 126);
        assert_eq!(NEW_2025.iter().filter(|n| n.1 == "phường").count(), 51);
        assert_eq!(ds[0].committee_word(), "Quận ủy");
        assert_eq!(ds[0].lower(), "quận Ba Đình");
    }
}
