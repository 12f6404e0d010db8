//! Texts with figures, dates and names in them, in both languages (numbers
//! in the language's format).

use super::T;
use crate::domain::indicator::INDICATOR_PCT_LABEL;
use crate::domain::numfmt::int;
use crate::domain::{Lang, OrgKind};
use chrono::NaiveDate;

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

/// A share's verdict against indicator 1 (the domain's, on exact counts);
/// `None` when nothing is rated.
pub fn indicator_verdict(lang: Lang, met: Option<bool>) -> Option<String> {
    let p = INDICATOR_PCT_LABEL;
    Some(match (met?, lang) {
        (true, Lang::Vi) => format!("✓ đạt (>{p}%)"),
        (true, Lang::En) => format!("✓ met (>{p}%)"),
        (false, Lang::Vi) => format!("✗ chưa đạt (>{p}%)"),
        (false, Lang::En) => format!("✗ not met (>{p}%)"),
    })
}

/// The heading of the indicators' trend chart.
pub fn indicator_trend(lang: Lang) -> String {
    let p = INDICATOR_PCT_LABEL;
    match lang {
        Lang::Vi => format!("Xu hướng (thanh: % tổ chức HTT+, | mốc {p}%; ✓ đạt ✗ chưa)"),
        Lang::En => format!("Trend (bar: % organisations HTT+, | the {p}% mark; ✓ met ✗ not)"),
    }
}
