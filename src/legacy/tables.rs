//! The two legacy Vietnamese encodings clerks still paste from, as the
//! characters they arrive as: a document typed in one of these fonts, copied
//! into a Unicode program, gives each byte as the Windows-1252 character of
//! the same number (byte 0xA7 arrives as '§').
//!
//! Written from the encodings' definitions:
//!
//! - **TCVN3** (TCVN 5712:1993, table VN3, the "ABC" fonts such as `.VnTime`):
//!   one byte per precomposed lower-case letter, plus the seven upper-case
//!   letters Ă Â Ê Ô Ơ Ư Đ and five combining tone marks. Upper-case letters
//!   with tones have no code of their own (the `.VnTimeH` fonts draw the
//!   lower-case codes as capitals).
//! - **VNI-Windows** (the `VNI-Times` fonts): a base letter followed by one
//!   byte that adds its marks (circumflex or breve, and a tone), in a
//!   lower-case and an upper-case set; ơ, ư, đ, the five toned i and ỵ have
//!   single bytes.

/// TCVN3 (VN3): the Windows-1252 character of each byte, and the Unicode
/// text it stands for.
pub const TCVN3: &[(char, char)] = &[
    ('\u{A1}', 'Ă'),
    ('\u{A2}', 'Â'),
    ('\u{A3}', 'Ê'),
    ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'),
    ('\u{A6}', 'Ư'),
    ('\u{A7}', 'Đ'),
    ('\u{A8}', 'ă'),
    ('\u{A9}', 'â'),
    ('\u{AA}', 'ê'),
    ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'),
    ('\u{AD}', 'ư'),
    ('\u{AE}', 'đ'),
    // Combining tone marks: grave, hook, tilde, acute, dot below.
    ('\u{B0}', '\u{300}'),
    ('\u{B1}', '\u{309}'),
    ('\u{B2}', '\u{303}'),
    ('\u{B3}', '\u{301}'),
    ('\u{B4}', '\u{323}'),
    ('\u{B5}', 'à'),
    ('\u{B6}', 'ả'),
    ('\u{B7}', 'ã'),
    ('\u{B8}', 'á'),
    ('\u{B9}', 'ạ'),
    ('\u{BB}', 'ằ'),
    ('\u{BC}', 'ẳ'),
    ('\u{BD}', 'ẵ'),
    ('\u{BE}', 'ắ'),
    ('\u{C6}', 'ặ'),
    ('\u{C7}', 'ầ'),
    ('\u{C8}', 'ẩ'),
    ('\u{C9}', 'ẫ'),
    ('\u{CA}', 'ấ'),
    ('\u{CB}', 'ậ'),
    ('\u{CC}', 'è'),
    ('\u{CE}', 'ẻ'),
    ('\u{CF}', 'ẽ'),
    ('\u{D0}', 'é'),
    ('\u{D1}', 'ẹ'),
    ('\u{D2}', 'ề'),
    ('\u{D3}', 'ể'),
    ('\u{D4}', 'ễ'),
    ('\u{D5}', 'ế'),
    ('\u{D6}', 'ệ'),
    ('\u{D7}', 'ì'),
    ('\u{D8}', 'ỉ'),
    ('\u{DC}', 'ĩ'),
    ('\u{DD}', 'í'),
    ('\u{DE}', 'ị'),
    ('\u{DF}', 'ò'),
    ('\u{E1}', 'ỏ'),
    ('\u{E2}', 'õ'),
    ('\u{E3}', 'ó'),
    ('\u{E4}', 'ọ'),
    ('\u{E5}', 'ồ'),
    ('\u{E6}', 'ổ'),
    ('\u{E7}', 'ỗ'),
    ('\u{E8}', 'ố'),
    ('\u{E9}', 'ộ'),
    ('\u{EA}', 'ờ'),
    ('\u{EB}', 'ở'),
    ('\u{EC}', 'ỡ'),
    ('\u{ED}', 'ớ'),
    ('\u{EE}', 'ợ'),
    ('\u{EF}', 'ù'),
    ('\u{F1}', 'ủ'),
    ('\u{F2}', 'ũ'),
    ('\u{F3}', 'ú'),
    ('\u{F4}', 'ụ'),
    ('\u{F5}', 'ừ'),
    ('\u{F6}', 'ử'),
    ('\u{F7}', 'ữ'),
    ('\u{F8}', 'ứ'),
    ('\u{F9}', 'ự'),
    ('\u{FA}', 'ỳ'),
    ('\u{FB}', 'ỷ'),
    ('\u{FC}', 'ỹ'),
    ('\u{FD}', 'ý'),
    ('\u{FE}', 'ỵ'),
];

/// Combining marks, for the VNI tables.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';

/// The shape a VNI mark byte gives its base letter, besides a tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    None,
    /// â ê ô: after a, e, o only.
    Circumflex,
    /// ă: after a only.
    Breve,
}

impl Shape {
    pub fn mark(self) -> Option<char> {
        match self {
            Self::None => None,
            Self::Circumflex => Some(CIRCUMFLEX),
            Self::Breve => Some(BREVE),
        }
    }
}

/// VNI-Windows mark bytes (lower-case set, then upper-case set): the
/// Windows-1252 character, the shape and the tone it adds to the letter
/// before it.
pub const VNI_MARKS: &[(char, Shape, Option<char>)] = &[
    ('\u{E2}', Shape::Circumflex, None),
    ('\u{E1}', Shape::Circumflex, Some(ACUTE)),
    ('\u{E0}', Shape::Circumflex, Some(GRAVE)),
    ('\u{E5}', Shape::Circumflex, Some(HOOK)),
    ('\u{E3}', Shape::Circumflex, Some(TILDE)),
    ('\u{E4}', Shape::Circumflex, Some(DOT)),
    ('\u{EA}', Shape::Breve, None),
    ('\u{E9}', Shape::Breve, Some(ACUTE)),
    ('\u{E8}', Shape::Breve, Some(GRAVE)),
    ('\u{FA}', Shape::Breve, Some(HOOK)),
    ('\u{FC}', Shape::Breve, Some(TILDE)),
    ('\u{EB}', Shape::Breve, Some(DOT)),
    ('\u{F9}', Shape::None, Some(ACUTE)),
    ('\u{F8}', Shape::None, Some(GRAVE)),
    ('\u{FB}', Shape::None, Some(HOOK)),
    ('\u{F5}', Shape::None, Some(TILDE)),
    ('\u{EF}', Shape::None, Some(DOT)),
    ('\u{C2}', Shape::Circumflex, None),
    ('\u{C1}', Shape::Circumflex, Some(ACUTE)),
    ('\u{C0}', Shape::Circumflex, Some(GRAVE)),
    ('\u{C5}', Shape::Circumflex, Some(HOOK)),
    ('\u{C3}', Shape::Circumflex, Some(TILDE)),
    ('\u{C4}', Shape::Circumflex, Some(DOT)),
    ('\u{CA}', Shape::Breve, None),
    ('\u{C9}', Shape::Breve, Some(ACUTE)),
    ('\u{C8}', Shape::Breve, Some(GRAVE)),
    ('\u{DA}', Shape::Breve, Some(HOOK)),
    ('\u{DC}', Shape::Breve, Some(TILDE)),
    ('\u{CB}', Shape::Breve, Some(DOT)),
    ('\u{D9}', Shape::None, Some(ACUTE)),
    ('\u{D8}', Shape::None, Some(GRAVE)),
    ('\u{DB}', Shape::None, Some(HOOK)),
    ('\u{D5}', Shape::None, Some(TILDE)),
    ('\u{CF}', Shape::None, Some(DOT)),
];

/// VNI-Windows letters with a byte of their own.
pub const VNI_LETTERS: &[(char, char)] = &[
    ('\u{F4}', 'ơ'),
    ('\u{F6}', 'ư'),
    ('\u{F1}', 'đ'),
    ('\u{ED}', 'í'),
    ('\u{EC}', 'ì'),
    ('\u{E6}', 'ỉ'),
    ('\u{F3}', 'ĩ'),
    ('\u{F2}', 'ị'),
    ('\u{EE}', 'ỵ'),
    ('\u{D4}', 'Ơ'),
    ('\u{D6}', 'Ư'),
    ('\u{D1}', 'Đ'),
    ('\u{CD}', 'Í'),
    ('\u{CC}', 'Ì'),
    ('\u{C6}', 'Ỉ'),
    ('\u{D3}', 'Ĩ'),
    ('\u{D2}', 'Ị'),
    ('\u{CE}', 'Ỵ'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_functions_of_their_bytes() {
        for table in [TCVN3, VNI_LETTERS] {
            let mut keys: Vec<char> = table.iter().map(|(k, _)| *k).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), table.len());
        }
        let mut marks: Vec<char> = VNI_MARKS.iter().map(|(k, ..)| *k).collect();
        marks.extend(VNI_LETTERS.iter().map(|(k, _)| *k));
        let n = marks.len();
        marks.sort();
        marks.dedup();
        assert_eq!(marks.len(), n, "a VNI byte is a mark or a letter, not both");
        // 7 capitals, 7 lower-case base letters, 5 tones of each of the 12
        // lower-case vowels, 5 combining tone marks.
        assert_eq!(TCVN3.len(), 7 + 7 + 12 * 5 + 5);
    }
}
