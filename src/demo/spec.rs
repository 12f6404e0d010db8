//! How big each scale is.

use super::Scale;

pub struct Spec {
    /// Districts to include (by place name); None = all 30.
    pub districts: Option<&'static [&'static str]>,
    /// At most this many wards/communes per district.
    pub units_limit: Option<usize>,
    /// At most this many fixed district agencies.
    pub agencies_limit: Option<usize>,
    /// Extra grassroots organisations per district (schools, companies...).
    pub fill: (u32, u32),
    /// Bounds on grassroots organisations per district (before `mult`).
    pub clamp: Option<(u32, u32)>,
    /// Members of a district (before `mult`).
    pub members: (u32, u32),
    /// The districts' members add up to this (before `mult`), if set.
    pub district_total: Option<u32>,
    /// Multiplies grassroots organisations and members per committee.
    pub mult: u32,
    /// Use Ba Đình's and Sóc Sơn's published figures.
    pub overrides: bool,
    /// Sector committees to include, with their number of grassroots
    /// organisations (None = the Hanoi number times `mult`).
    pub sectors: &'static [(&'static str, Option<u32>)],
    /// At most this many new committees per district in 2025.
    pub new_limit: Option<usize>,
    /// Minimum members of a ward/commune committee.
    pub unit_min: u32,
    /// Admissions and targets relative to Hanoi (None = from membership).
    pub factor: Option<f64>,
    /// History events per grassroots organisation and year.
    pub churn: f64,
    /// Scales the drawn sizes of agencies and sector organisations.
    pub size_factor: f64,
}

const ALL_SECTORS: &[(&str, Option<u32>)] = &[
    ("KCQ", None),
    ("KDN", None),
    ("KDH", None),
    ("CA", None),
    ("QS", None),
    ("TVT", None),
    ("UDIC", None),
    ("TDL", None),
    ("TTM", None),
    ("EVN", None),
    ("TXD", None),
    ("CT", None),
    ("HQ", None),
    ("BHXH", None),
    ("KBNN", None),
    ("VNPT", None),
    ("BDHN", None),
    ("NS", None),
    ("TN", None),
    ("MT", None),
];

impl Spec {
    pub fn for_scale(scale: Scale) -> Spec {
        match scale {
            Scale::Small => Spec {
                districts: Some(&["Ba Đình", "Hoàn Kiếm", "Cầu Giấy", "Sóc Sơn"]),
                units_limit: Some(3),
                agencies_limit: Some(2),
                fill: (2, 2),
                clamp: None,
                members: (800, 1100),
                district_total: None,
                mult: 1,
                overrides: false,
                sectors: &[("KCQ", Some(6)), ("KDH", Some(6))],
                new_limit: Some(1),
                unit_min: 60,
                factor: None,
                churn: 1.0,
                size_factor: 0.4,
            },
            Scale::Hanoi | Scale::Large => Spec {
                districts: None,
                units_limit: None,
                agencies_limit: None,
                fill: (14, 40),
                clamp: Some((26, 78)),
                members: (8500, 16000),
                district_total: Some(377_000),
                mult: if scale == Scale::Large { 3 } else { 1 },
                overrides: true,
                sectors: ALL_SECTORS,
                new_limit: None,
                unit_min: 120,
                factor: Some(if scale == Scale::Large { 3.0 } else { 1.0 }),
                churn: 1.0,
                size_factor: 1.0,
            },
        }
    }
}
