//! Legacy Vietnamese text: a field typed in TCVN3 (ABC, `.VnTime`) or
//! VNI-Windows arrives as "§¶ng bé" or "Ñaûng boä". A field wholly in one of
//! these encodings is converted to Unicode (NFC) on input, for the CLI, the
//! API and the web workspace alike, and the caller is told which fields were.
//!
//! A field is converted only when all of these hold, so ordinary Vietnamese
//! (which has letters beyond Latin-1, or reads as Vietnamese already) and
//! plain ASCII are never touched:
//! - every character is ASCII or Latin-1, and at least one is not ASCII;
//! - every non-ASCII character has a meaning in the encoding;
//! - every word the conversion changes is a Vietnamese syllable afterwards;
//! - at least one of those words was not a Vietnamese syllable before.
//!
//! When both encodings would qualify, the field is left alone.

mod syllable;
pub mod tables;

pub use syllable::is_syllable;

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::vocab::Label;

use tables::{Shape, TCVN3, VNI_LETTERS, VNI_MARKS};

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// TCVN 5712:1993 VN3, the ABC fonts (`.VnTime`).
    Tcvn3,
    /// VNI-Windows, the VNI fonts (`VNI-Times`).
    Vni,
}

impl Encoding {
    /// The id clients see: `tcvn3`, `vni`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Tcvn3 => "tcvn3",
            Self::Vni => "vni",
        }
    }

    /// The text in Unicode, or `None` when it is not this encoding.
    fn decode(self, text: &str) -> Option<String> {
        match self {
            Self::Tcvn3 => tcvn3(text),
            Self::Vni => vni(text),
        }
    }
}

/// The name a clerk knows it by.
impl Label for Encoding {
    fn label(self) -> &'static str {
        match self {
            Self::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Self::Vni => "VNI-Windows (phông VNI-Times)",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A field converted from a legacy encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Converted {
    /// Path of the field, as in error messages: `dang_vien[0].ho_ten`.
    pub field: String,
    pub encoding: Encoding,
    /// The field's text in Unicode, as it now is.
    pub value: String,
}

impl Converted {
    /// The note a clerk reads on the command line.
    pub fn note_vi(&self) -> String {
        format!(
            "{}: đã chuyển từ mã {} sang Unicode: \"{}\"",
            self.field,
            self.encoding.label(),
            self.value
        )
    }
}

/// The `Legacy-Text-Converted` header value: `field=encoding, …`.
pub fn header_value(converted: &[Converted]) -> String {
    converted
        .iter()
        .map(|c| format!("{}={}", c.field, c.encoding))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The encoding `text` is wholly in, and its Unicode form (NFC).
pub fn detect(text: &str) -> Option<(Encoding, String)> {
    if text.is_ascii() || text.chars().any(|c| c > '\u{FF}') {
        return None;
    }
    let mut found = [Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .filter_map(|e| Some((e, e.decode(text)?)))
        .filter(|(_, unicode)| reads_better(text, unicode));
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Converts every string of a JSON value that is wholly in a legacy
/// encoding, in place, and lists them.
pub fn convert_value(value: &mut Value) -> Vec<Converted> {
    let mut out = Vec::new();
    walk(value, &mut String::new(), &mut out);
    out
}

/// Converts the strings of a JSON document; the bytes are returned
/// unchanged, but for a leading byte-order mark, when nothing was converted
/// (or the text is not JSON: the decoder will say so).
pub fn convert_json(json: &[u8]) -> (Vec<u8>, Vec<Converted>) {
    // Without the byte-order mark a Windows editor writes: every reader
    // after this one (the register's among them) then reads plain JSON.
    let json = crate::case::input::strip_bom(json);
    let Ok(mut value) = serde_json::from_slice::<Value>(json) else {
        return (json.to_vec(), Vec::new());
    };
    let converted = convert_value(&mut value);
    if converted.is_empty() {
        return (json.to_vec(), converted);
    }
    let bytes = serde_json::to_vec(&value).unwrap_or_else(|_| json.to_vec());
    (bytes, converted)
}

fn walk(value: &mut Value, path: &mut String, out: &mut Vec<Converted>) {
    match value {
        Value::String(s) => {
            if let Some((encoding, unicode)) = detect(s) {
                *s = unicode.clone();
                out.push(Converted {
                    field: path.clone(),
                    encoding,
                    value: unicode,
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Words as they are split for the syllable test: at white space, ASCII
/// punctuation and digits (legacy symbols such as '§' stay inside words).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the conversion turns text that does not read as Vietnamese into
/// text that does, word by word.
fn reads_better(before: &str, after: &str) -> bool {
    let (old, new) = (words(before), words(after));
    if old.len() != new.len() {
        return false;
    }
    let changed: Vec<(&str, &str)> = old.into_iter().zip(new).filter(|(o, n)| o != n).collect();
    !changed.is_empty()
        && changed.iter().all(|(_, n)| syllable::is_syllable(n))
        && changed.iter().any(|(o, _)| !syllable::is_syllable(o))
}

/// TCVN3: one character for one. A field whose ASCII letters are all
/// capitals was typed in a capitals font (`.VnTimeH` draws the lower-case
/// codes as capitals), so it is made capitals.
fn tcvn3(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push(TCVN3.iter().find(|(k, _)| *k == c)?.1);
        }
    }
    let capitals: Vec<char> = text.chars().filter(char::is_ascii_alphabetic).collect();
    if capitals.len() >= 2 && capitals.iter().all(char::is_ascii_uppercase) {
        out = out.to_uppercase();
    }
    Some(out.nfc().collect())
}

/// VNI-Windows: a letter, then at most one byte of marks for it.
fn vni(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    // The letter the next mark byte may attach to, and whether it has one.
    let mut last: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            last = Some(c);
        } else if let Some((_, letter)) = VNI_LETTERS.iter().find(|(k, _)| *k == c) {
            out.push(*letter);
            last = Some(*letter);
        } else if let Some((_, shape, tone)) = VNI_MARKS.iter().find(|(k, ..)| *k == c) {
            let base = last.take()?.to_lowercase().next()?;
            let fits = match shape {
                Shape::None => "aeiouyơư".contains(base),
                Shape::Circumflex => "aeo".contains(base),
                Shape::Breve => base == 'a',
            };
            if !fits {
                return None;
            }
            out.extend(shape.mark());
            out.extend(*tone);
        } else {
            return None;
        }
    }
    Some(out.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real strings as they arrive from documents typed in the old fonts.
    const TCVN3_CASES: &[(&str, &str)] = &[
        ("§¶ng bé", "Đảng bộ"),
        ("§¶ng bé x· Phóc Lîi", "Đảng bộ xã Phúc Lợi"),
        (
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
        ),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("NguyÔn V¨n An", "Nguyễn Văn An"),
        ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
        ("Chi bé Tæ d©n phè sè 5", "Chi bộ Tổ dân phố số 5"),
        (
            "Bá sinh ho¹t ®¶ng 3 th¸ng liªn tôc",
            "Bỏ sinh hoạt đảng 3 tháng liên tục",
        ),
        ("§¶NG Uû PH¦êNG", "ĐẢNG UỶ PHƯỜNG"),
        ("Lª Minh Kh¸nh", "Lê Minh Khánh"),
    ];

    const VNI_CASES: &[(&str, &str)] = &[
        ("Ñaûng boä", "Đảng bộ"),
        ("Ñaûng boä xaõ Phuùc Lôïi", "Đảng bộ xã Phúc Lợi"),
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        ("Nguyeãn Vaên An", "Nguyễn Văn An"),
        ("Traàn Thò Bình", "Trần Thị Bình"),
        ("Chi boä Toå daân phoá soá 5", "Chi bộ Tổ dân phố số 5"),
        ("ÑAÛNG UÛY PHÖÔØNG", "ĐẢNG ỦY PHƯỜNG"),
        ("Khoâng ñoùng ñaûng phí", "Không đóng đảng phí"),
    ];

    /// Text that must never change: Vietnamese in Unicode (including words
    /// whose letters are all Latin-1), English, foreign names, symbols.
    const UNTOUCHED: &[&str] = &[
        "Đảng bộ phường Phúc Lợi",
        "Nguyễn Văn An",
        "Lê Mai",
        "Trà My",
        "Tô Lan",
        "Ông Bà",
        "Lê Thị Hà",
        "Hà Nội",
        "là",
        "Chi bộ",
        "Café au lait",
        "Muñoz",
        "José García",
        "François Müller",
        "Hello, world",
        "Party branch no. 5",
        "25-GGT/ĐU",
        "T/M CHI BỘ",
        "",
        "12°C ± 2",
        "Ünal Öztürk",
    ];

    #[test]
    fn tcvn3_is_converted() {
        for (legacy, unicode) in TCVN3_CASES {
            assert_eq!(
                detect(legacy),
                Some((Encoding::Tcvn3, unicode.to_string())),
                "{legacy}"
            );
        }
    }

    #[test]
    fn vni_is_converted() {
        for (legacy, unicode) in VNI_CASES {
            assert_eq!(
                detect(legacy),
                Some((Encoding::Vni, unicode.to_string())),
                "{legacy}"
            );
        }
    }

    #[test]
    fn ordinary_text_is_never_touched() {
        for text in UNTOUCHED {
            assert_eq!(detect(text), None, "{text}");
        }
        // Unicode Vietnamese from both tables' outputs stays as it is.
        for (_, unicode) in TCVN3_CASES.iter().chain(VNI_CASES) {
            assert_eq!(detect(unicode), None, "{unicode}");
        }
    }

    #[test]
    fn fields_are_named_by_path() {
        let mut case = serde_json::json!({
            "to_chuc": { "ten": "Chi bé Tæ d©n phè sè 5", "ky_hieu": "CB" },
            "dang_vien": [{ "ho_ten": "Nguyễn Văn An" }, { "ho_ten": "Traàn Thò Bình" }],
            "so": 3
        });
        let converted = convert_value(&mut case);
        assert_eq!(case["to_chuc"]["ten"], "Chi bộ Tổ dân phố số 5");
        assert_eq!(case["dang_vien"][1]["ho_ten"], "Trần Thị Bình");
        let fields: Vec<(&str, Encoding)> = converted
            .iter()
            .map(|c| (c.field.as_str(), c.encoding))
            .collect();
        assert_eq!(
            fields,
            [
                ("dang_vien[1].ho_ten", Encoding::Vni),
                ("to_chuc.ten", Encoding::Tcvn3)
            ]
        );
        assert_eq!(
            header_value(&converted),
            "dang_vien[1].ho_ten=vni, to_chuc.ten=tcvn3"
        );
    }
}
