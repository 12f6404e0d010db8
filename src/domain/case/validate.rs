//! The checks a case passes before it is stored.

use super::*;

/// Which check of a case's values failed: the field and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub field: &'static str,
    pub value: String,
    pub vi: String,
    pub en: String,
}

fn invalid(field: &'static str, value: impl ToString, vi: impl Into<String>, en: impl Into<String>) -> Invalid {
    Invalid {
        field,
        value: value.to_string(),
        vi: vi.into(),
        en: en.into(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The rules a case must keep whatever its history: dates in order, a
/// discipline form that fits its subject, persons consistent with it.
pub fn validate(c: &Case) -> Result<(), Invalid> {
    if c.title.trim().is_empty() {
        return Err(invalid("title", &c.title, "không được để trống", "must not be empty"));
    }
    if let Some(due) = c.due.filter(|d| *d < c.opened) {
        return Err(invalid(
            "due",
            day(due),
            format!("trước ngày mở hồ sơ {}", day(c.opened)),
            format!("before the opening date {}", day(c.opened)),
        ));
    }
    if let Some(decided) = c.decided.filter(|d| *d < c.opened) {
        return Err(invalid(
            "decided",
            day(decided),
            format!("trước ngày mở hồ sơ {}", day(c.opened)),
            format!("before the opening date {}", day(c.opened)),
        ));
    }
    for p in &c.persons {
        if p.name.trim().is_empty() {
            return Err(invalid("persons", "", "có người không có tên", "a person without a name"));
        }
    }
    let Some(d) = &c.discipline else { return Ok(()) };
    if d.effective < c.opened {
        return Err(invalid(
            "decided",
            day(d.effective),
            format!("kỷ luật có hiệu lực trước ngày mở hồ sơ {}", day(c.opened)),
            format!("the discipline takes effect before the opening date {}", day(c.opened)),
        ));
    }
    let probationary = match (d.subject, &d.person) {
        (Subject::Member, None) => {
            return Err(invalid(
                "person",
                "",
                "kỷ luật đảng viên cần tên người bị kỷ luật (--person)",
                "a member's discipline needs the member's name (--person)",
            ))
        }
        (Subject::Member, Some(name)) => match c.person(name) {
            Some(p) => p.probationary,
            None => {
                return Err(invalid(
                    "person",
                    name,
                    "không có trong danh sách người liên quan của vụ việc (--persons)",
                    "is not among the case's persons (--persons)",
                ))
            }
        },
        (_, Some(name)) => {
            return Err(invalid(
                "person",
                name,
                format!("chỉ dùng khi kỷ luật đảng viên, không phải {}", d.subject.name_vi()),
                format!("only for a member's discipline, not the {}'s", d.subject.snake()),
            ))
        }
        (_, None) => false,
    };
    let allowed = Form::allowed(d.subject, probationary);
    if !allowed.contains(&d.form) {
        let who_vi = if d.subject == Subject::Member && probationary {
            "đảng viên dự bị"
        } else if d.subject == Subject::Member {
            "đảng viên chính thức"
        } else {
            d.subject.name_vi()
        };
        let who_en = if d.subject == Subject::Member && probationary {
            "a probationary member"
        } else if d.subject == Subject::Member {
            "a full member"
        } else {
            d.subject.snake()
        };
        let list = allowed.iter().map(|f| f.snake()).collect::<Vec<_>>().join(", ");
        return Err(invalid(
            "discipline",
            d.form.snake(),
            format!("không áp dụng cho {who_vi} (QĐ 69-QĐ/TW 2022, Điều 7: {list})"),
            format!("does not apply to {who_en} (QĐ 69-QĐ/TW 2022, Điều 7: {list})"),
        ));
    }
    if d.subject == Subject::Leadership {
        if let Some(p) = c.persons.iter().find(|p| p.leadership && p.org.is_some_and(|o| o != c.org)) {
            return Err(invalid(
                "persons",
                &p.name,
                "được ghi là lãnh đạo của tổ chức khác, trong vụ kỷ luật tập thể lãnh đạo của tổ chức này",
                "is marked as the leadership of another organisation, in a case about this organisation's leadership",
            ));
        }
    }
    Ok(())
}
