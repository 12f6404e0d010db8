//! Legacy 8-bit Vietnamese text (TCVN3/ABC and VNI), common in older office
//! files: a sheet typed with a .VnTime or VNI-Times font stores bytes that a
//! reader shows as Latin-1 letters ("§¶ng" or "Ñaûng" for "Đảng"). This module
//! detects such text and converts it to Unicode NFC. The tables are data.

use unicode_normalization::UnicodeNormalization;

/// Which encoding text cells are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Legacy {
    /// TCVN 5712:1993 (VN3, "ABC"): one byte per letter.
    Tcvn3,
    /// VNI Windows: a base letter followed by mark bytes.
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN3: legacy character (the byte read as Latin-1) → Unicode.
/// Lower-case letters with tones; the upper-case fonts (.VnTimeH) reuse these codes.
pub const TCVN3: &[(char, &str)] = &[
    ('µ', "à"),
    ('¶', "ả"),
    ('·', "ã"),
    ('¸', "á"),
    ('¹', "ạ"),
    ('¨', "ă"),
    ('»', "ằ"),
    ('¼', "ẳ"),
    ('½', "ẵ"),
    ('¾', "ắ"),
    ('Æ', "ặ"),
    ('©', "â"),
    ('Ç', "ầ"),
    ('È', "ẩ"),
    ('É', "ẫ"),
    ('Ê', "ấ"),
    ('Ë', "ậ"),
    ('®', "đ"),
    ('Ì', "è"),
    ('Î', "ẻ"),
    ('Ï', "ẽ"),
    ('Ð', "é"),
    ('Ñ', "ẹ"),
    ('ª', "ê"),
    ('Ò', "ề"),
    ('Ó', "ể"),
    ('Ô', "ễ"),
    ('Õ', "ế"),
    ('Ö', "ệ"),
    ('×', "ì"),
    ('Ø', "ỉ"),
    ('Ü', "ĩ"),
    ('Ý', "í"),
    ('Þ', "ị"),
    ('ß', "ò"),
    ('á', "ỏ"),
    ('â', "õ"),
    ('ã', "ó"),
    ('ä', "ọ"),
    ('«', "ô"),
    ('å', "ồ"),
    ('æ', "ổ"),
    ('ç', "ỗ"),
    ('è', "ố"),
    ('é', "ộ"),
    ('¬', "ơ"),
    ('ê', "ờ"),
    ('ë', "ở"),
    ('ì', "ỡ"),
    ('í', "ớ"),
    ('î', "ợ"),
    ('ï', "ù"),
    ('ñ', "ủ"),
    ('ò', "ũ"),
    ('ó', "ú"),
    ('ô', "ụ"),
    ('\u{AD}', "ư"),
    ('õ', "ừ"),
    ('ö', "ử"),
    ('÷', "ữ"),
    ('ø', "ứ"),
    ('ù', "ự"),
    ('ú', "ỳ"),
    ('û', "ỷ"),
    ('ü', "ỹ"),
    ('ý', "ý"),
    ('þ', "ỵ"),
    ('¡', "Ă"),
    ('¢', "Â"),
    ('£', "Ê"),
    ('¤', "Ô"),
    ('¥', "Ơ"),
    ('¦', "Ư"),
    ('§', "Đ"),
];

/// VNI: mark characters that follow a base vowel → the combining marks they stand for
/// (lower-case and upper-case forms). Breve and circumflex come first, then the tone.
pub const VNI_MARKS: &[(char, &str)] = &[
    ('ù', "\u{301}"),
    ('ø', "\u{300}"),
    ('û', "\u{309}"),
    ('õ', "\u{303}"),
    ('ï', "\u{323}"),
    ('â', "\u{302}"),
    ('á', "\u{302}\u{301}"),
    ('à', "\u{302}\u{300}"),
    ('å', "\u{302}\u{309}"),
    ('ã', "\u{302}\u{303}"),
    ('ä', "\u{302}\u{323}"),
    ('ê', "\u{306}"),
    ('é', "\u{306}\u{301}"),
    ('è', "\u{306}\u{300}"),
    ('ú', "\u{306}\u{309}"),
    ('ü', "\u{306}\u{303}"),
    ('ë', "\u{306}\u{323}"),
    ('Ù', "\u{301}"),
    ('Ø', "\u{300}"),
    ('Û', "\u{309}"),
    ('Õ', "\u{303}"),
    ('Ï', "\u{323}"),
    ('Â', "\u{302}"),
    ('Á', "\u{302}\u{301}"),
    ('À', "\u{302}\u{300}"),
    ('Å', "\u{302}\u{309}"),
    ('Ã', "\u{302}\u{303}"),
    ('Ä', "\u{302}\u{323}"),
    ('Ê', "\u{306}"),
    ('É', "\u{306}\u{301}"),
    ('È', "\u{306}\u{300}"),
    ('Ú', "\u{306}\u{309}"),
    ('Ü', "\u{306}\u{303}"),
    ('Ë', "\u{306}\u{323}"),
];

/// VNI: characters that stand alone for a Vietnamese letter.
pub const VNI_LETTERS: &[(char, &str)] = &[
    ('ô', "ơ"),
    ('ö', "ư"),
    ('ñ', "đ"),
    ('Ô', "Ơ"),
    ('Ö', "Ư"),
    ('Ñ', "Đ"),
    ('í', "í"),
    ('ì', "ì"),
    ('æ', "ỉ"),
    ('ó', "ĩ"),
    ('ò', "ị"),
    ('î', "ỵ"),
    ('Í', "Í"),
    ('Ì', "Ì"),
    ('Æ', "Ỉ"),
    ('Ó', "Ĩ"),
    ('Ò', "Ị"),
    ('Î', "Ỵ"),
];

fn lookup(table: &[(char, &'static str)], c: char) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Letters only Unicode Vietnamese has (never produced by a legacy font).
fn unicode_vietnamese(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ') || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Latin-1 letters that modern Vietnamese text uses as they are.
fn latin1_vietnamese(c: char) -> bool {
    "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c)
}

fn is_vowel(c: char) -> bool {
    "aeiouyAEIOUYôöÔÖ".contains(c)
}

/// Guess the encoding of a body of text (all the text cells of a sheet).
/// None: Unicode (or plain ASCII), leave it alone.
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let (mut tcvn, mut vni) = (0usize, 0usize);
    for t in texts {
        let mut prev = ' ';
        for c in t.chars() {
            if unicode_vietnamese(c) || ('\u{300}'..='\u{323}').contains(&c) {
                return None;
            }
            // Evidence of TCVN3: its letters that VNI never uses.
            let vni_char = lookup(VNI_MARKS, c).is_some() || lookup(VNI_LETTERS, c).is_some();
            if !c.is_ascii() && !latin1_vietnamese(c) && !vni_char && lookup(TCVN3, c).is_some() {
                tcvn += 1;
            }
            // Evidence of VNI: a vowel followed by a mark, or its đ.
            if (is_vowel(prev) && lookup(VNI_MARKS, c).is_some()) || matches!(c, 'ñ' | 'Ñ') {
                vni += 1;
            }
            prev = c;
        }
    }
    if tcvn == 0 && vni == 0 {
        None
    } else if vni > tcvn {
        Some(Legacy::Vni)
    } else {
        Some(Legacy::Tcvn3)
    }
}

/// Convert one text from `enc` to Unicode NFC.
pub fn convert(s: &str, enc: Legacy) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    match enc {
        Legacy::Tcvn3 => {
            for c in s.chars() {
                match lookup(TCVN3, c) {
                    Some(u) => out.push_str(u),
                    None => out.push(c),
                }
            }
        }
        Legacy::Vni => {
            let mut prev_base = false;
            for c in s.chars() {
                if prev_base {
                    if let Some(m) = lookup(VNI_MARKS, c) {
                        out.push_str(m);
                        // A tone may still follow a breve or circumflex ("aâ" is never typed
                        // apart from its tone, but "oâ" + tone is one mark each in some files).
                        prev_base = m.chars().count() == 1 && matches!(m, "\u{302}" | "\u{306}");
                        continue;
                    }
                }
                match lookup(VNI_LETTERS, c) {
                    Some(u) => {
                        out.push_str(u);
                        prev_base = matches!(c, 'ô' | 'ö' | 'Ô' | 'Ö');
                    }
                    None => {
                        out.push(c);
                        prev_base = is_vowel(c);
                    }
                }
            }
        }
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_sample_converts() {
        let s = "§¶ng bé Thµnh phè Hµ Néi; Chi bé Th«n §«ng; B¶o Th¾ng; M\u{AD}êng Kh\u{AD}¬ng";
        assert_eq!(detect([s]), Some(Legacy::Tcvn3));
        assert_eq!(
            convert(s, Legacy::Tcvn3),
            "Đảng bộ Thành phố Hà Nội; Chi bộ Thôn Đông; Bảo Thắng; Mường Khương"
        );
    }

    #[test]
    fn vni_sample_converts() {
        let s = "Ñaûng boä Thaønh phoá Haø Noäi; Chi boä Thoân Ñoâng; Vieät Nam; Möôøng Khöông; Xeáp loaïi";
        assert_eq!(detect([s]), Some(Legacy::Vni));
        assert_eq!(
            convert(s, Legacy::Vni),
            "Đảng bộ Thành phố Hà Nội; Chi bộ Thôn Đông; Việt Nam; Mường Khương; Xếp loại"
        );
        assert_eq!(
            convert("Baéc Ninh, Ñieän Bieân, Kyø, Myõ, Quyø", Legacy::Vni),
            "Bắc Ninh, Điện Biên, Kỳ, Mỹ, Quỳ"
        );
        assert_eq!(convert("taïi, Vò Xuyeân, Lyù, Só", Legacy::Vni), "tại, Vị Xuyên, Lý, Sĩ");
    }

    #[test]
    fn unicode_and_ascii_are_left_alone() {
        assert_eq!(detect(["Đảng bộ Phường Điện Biên", "Mã", "HTXS"]), None);
        assert_eq!(detect(["Chi bo Thon Dong", "123"]), None);
        // Latin-1 letters that Vietnamese uses are not taken for a legacy font.
        assert_eq!(detect(["Hà Nội là thủ đô"]), None);
        assert_eq!(detect(["cá là"]), None);
    }
}
