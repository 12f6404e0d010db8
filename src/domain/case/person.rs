//! The people a case concerns, typed as a list, and the subject of a discipline.

use super::*;

/// A person named in a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// A probationary (dự bị) member; otherwise a full (chính thức) member.
    #[serde(default)]
    pub probationary: bool,
    /// In the leadership (cấp ủy, tập thể lãnh đạo) of `org`.
    #[serde(default)]
    pub leadership: bool,
    /// The organisation the person belongs to, when it is not the case's.
    #[serde(default)]
    pub org: Option<OrgId>,
}

/// A person as typed: "Nguyễn Văn An (dự bị, lãnh đạo, BD.01)". The words
/// in parentheses, in any order: dự bị / probationary, lãnh đạo / cấp ủy /
/// leadership, chính thức / full, and at most one organisation code.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub probationary: bool,
    #[serde(default)]
    pub leadership: bool,
    #[serde(default)]
    pub org: Option<String>,
}

impl PersonInput {
    /// "A; B (dự bị)" → two persons. Errors name the part that is wrong.
    pub fn parse_list(s: &str) -> Result<Vec<PersonInput>, String> {
        let mut out = Vec::new();
        for part in s.split(';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            out.push(PersonInput::parse(part)?);
        }
        Ok(out)
    }

    pub fn parse(s: &str) -> Result<PersonInput, String> {
        let s = clean(s);
        let (name, flags) = match s.find('(') {
            Some(i) => {
                let rest = &s[i + 1..];
                let close = rest.find(')').ok_or_else(|| format!("'{s}': a '(' without ')'"))?;
                if !rest[close + 1..].trim().is_empty() {
                    return Err(format!("'{s}': text after ')'"));
                }
                (s[..i].trim().to_string(), rest[..close].to_string())
            }
            None => (s.clone(), String::new()),
        };
        if name.is_empty() {
            return Err(format!("'{s}': no name"));
        }
        let mut p = PersonInput {
            name,
            ..Default::default()
        };
        for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match fold_key(flag).as_str() {
                "du bi" | "probationary" => p.probationary = true,
                "chinh thuc" | "full" => p.probationary = false,
                "lanh dao" | "cap uy" | "cap uy vien" | "leadership" | "leader" => p.leadership = true,
                _ if flag.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) => {
                    if p.org.is_some() {
                        return Err(format!("'{s}': two organisation codes"));
                    }
                    p.org = Some(flag.to_uppercase());
                }
                _ => {
                    return Err(format!(
                        "'{s}': '{flag}' is not one of dự bị, chính thức, lãnh đạo or an organisation code"
                    ))
                }
            }
        }
        Ok(p)
    }
}

/// Who a discipline decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The party organisation itself.
    Organisation,
    /// Its leadership as a collective (cấp ủy, ban thường vụ).
    Leadership,
    /// A named member.
    Member,
}

impl Subject {
    pub fn parse(s: &str) -> Option<Subject> {
        match fold_key(s).as_str() {
            "organisation" | "organization" | "org" | "to chuc" | "to chuc dang" => Some(Subject::Organisation),
            "leadership" | "lanh dao" | "tap the lanh dao" | "cap uy" => Some(Subject::Leadership),
            "member" | "dang vien" | "ca nhan" => Some(Subject::Member),
            _ => None,
        }
    }

    pub fn snake(self) -> &'static str {
        match self {
            Subject::Organisation => "organisation",
            Subject::Leadership => "leadership",
            Subject::Member => "member",
        }
    }

    pub fn name_vi(self) -> &'static str {
        match self {
            Subject::Organisation => "tổ chức đảng",
            Subject::Leadership => "tập thể lãnh đạo",
            Subject::Member => "đảng viên",
        }
    }
}
