//! Reading case data: NFC normalisation, typed decoding with field paths, and
//! the checks every string gets before it may reach a template.

use std::fmt::Write;

use serde::de::DeserializeOwned;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Problem, Result};

/// The longest string any field may hold (characters). Longer text is almost
/// always a paste gone wrong, and a party document has no use for it.
pub const MAX_CHARS: usize = 2000;
/// The longest run of characters without a space. Longer runs cannot be
/// broken across lines in a table cell or a column.
pub const MAX_WORD: usize = 60;
/// Names, titles and codes are one line in a table cell or a header: shorter.
pub const MAX_NAME_CHARS: usize = 150;
/// The fields held to [`MAX_NAME_CHARS`], by their JSON key.
pub const NAME_KEYS: &[&str] = &[
    "ho_ten",
    "ten",
    "chu_tri",
    "thu_ky",
    "ky_hieu",
    "dia_danh",
    "chuc_vu",
    "tham_quyen",
    "cap_tren",
    "cap_uy_cap_tren",
    "nguoi_giup_do",
];

/// Parses JSON text into the form's case type. Every string is normalised to
/// NFC first, so text from any keyboard compares and renders the same.
pub fn decode<T: DeserializeOwned>(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<T> {
    from_value(read(json, covers)?)
}

/// Parses JSON text, normalises it to NFC and checks every string, without
/// decoding it into a type yet (for cases whose kind decides their type).
pub fn read(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Value> {
    let mut value: Value = serde_json::from_slice(json).map_err(|e| {
        Error::invalid(
            "(toàn bộ)",
            format!(
                "không đọc được JSON (dòng {}, cột {}): {}",
                e.line(),
                e.column(),
                vi_json(&e)
            ),
        )
    })?;
    normalise(&mut value);
    let mut problems = Vec::new();
    check_strings(&value, &mut String::new(), covers, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(value)
}

/// Decodes a value from [`read`] into a type, naming the field of any error.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "(toàn bộ)".to_string()
        } else {
            path
        };
        Error::invalid(field, vi_serde(&e.into_inner().to_string()))
    })
}

/// NFC-normalises every string (and object key) in place.
pub fn normalise(value: &mut Value) {
    match value {
        Value::String(s) if !unicode_normalization::is_nfc(s) => *s = s.nfc().collect(),
        Value::Array(items) => items.iter_mut().for_each(normalise),
        Value::Object(map) if map.keys().all(|k| unicode_normalization::is_nfc(k)) => {
            map.values_mut().for_each(normalise)
        }
        Value::Object(map) => {
            let old = std::mem::take(map);
            for (k, mut v) in old {
                normalise(&mut v);
                map.insert(k.nfc().collect(), v);
            }
        }
        _ => {}
    }
}

/// Refuses strings a document cannot print faithfully: control characters,
/// characters the shipped fonts lack (emoji, most symbols), excessive length.
fn check_strings(
    value: &Value,
    path: &mut String,
    covers: &dyn Fn(char) -> bool,
    out: &mut Vec<Problem>,
) {
    match value {
        Value::String(s) => {
            let key = path.rsplit(['.', '[']).next().unwrap_or("");
            let limit = if NAME_KEYS.contains(&key) {
                MAX_NAME_CHARS
            } else {
                MAX_CHARS
            };
            if let Some(message) = string_problem(s, limit, covers) {
                out.push(Problem::new(path.trim_start_matches('.'), message));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                check_strings(item, path, covers, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                check_strings(v, path, covers, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn string_problem(s: &str, limit: usize, covers: &dyn Fn(char) -> bool) -> Option<String> {
    let count = s.chars().count();
    if count > limit {
        return Some(format!("quá dài: {count} ký tự (tối đa {limit})"));
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Some(format!(
            "chứa ký tự điều khiển U+{:04X} (xuống dòng, tab…); mỗi dòng hãy nhập thành một mục riêng",
            c as u32
        ));
    }
    if let Some(c) = s.chars().find(|c| is_invisible_format(*c)) {
        return Some(format!(
            "chứa ký tự định dạng vô hình U+{:04X} (đổi chiều chữ, khoảng trắng độ rộng 0…); hãy gõ lại đoạn này",
            c as u32
        ));
    }
    if let Some(c) = s.chars().find(|c| !c.is_whitespace() && !covers(*c)) {
        return Some(format!(
            "chứa ký tự '{c}' (U+{:04X}) không có trong phông chữ văn bản (Times New Roman); hãy bỏ ký tự này",
            c as u32
        ));
    }
    if let Some(word) = s.split_whitespace().find(|w| w.chars().count() > MAX_WORD) {
        let shown: String = word.chars().take(20).collect();
        return Some(format!(
            "có chuỗi liền \"{shown}…\" dài quá {MAX_WORD} ký tự không có dấu cách"
        ));
    }
    None
}

/// Invisible formatting characters (Unicode category Cf): bidirectional
/// overrides, zero-width spaces and joiners, soft hyphens, byte-order marks.
/// They change how text looks or reads without being seen, so a printed
/// document would not say what the data says.
fn is_invisible_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB)
}

/// serde_json's syntax errors, in Vietnamese.
fn vi_json(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let reason = msg.split(" at line").next().unwrap_or(&msg);
    match e.classify() {
        serde_json::error::Category::Eof => "dữ liệu bị cắt cụt".into(),
        serde_json::error::Category::Syntax => format!("sai cú pháp ({reason})"),
        _ => reason.to_string(),
    }
}

/// serde's data errors, in Vietnamese (the English original kept in brackets
/// where it names the expected values).
fn vi_serde(msg: &str) -> String {
    let msg = msg.split(" at line").next().unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim().trim_start_matches("one of ");
        return format!("trường {name} không có trong biểu mẫu (các trường hợp lệ: {expected})");
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu trường bắt buộc {rest}");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim().trim_start_matches("one of ");
        return format!("giá trị {name} không hợp lệ (chọn một trong: {expected})");
    }
    if msg.starts_with("invalid type") {
        return format!("sai kiểu dữ liệu ({msg})");
    }
    if msg.contains("premature end of input")
        || msg.contains("input contains invalid characters")
        || msg.contains("input is out of range")
        || msg.contains("trailing input")
    {
        return "ngày không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-01-05)".into();
    }
    if msg.starts_with("invalid value") {
        return format!("giá trị không hợp lệ ({msg})");
    }
    msg.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        ten: String,
        #[allow(dead_code)]
        ngay: chrono::NaiveDate,
    }

    fn all(_: char) -> bool {
        true
    }

    #[test]
    fn nfc_is_applied_before_decoding() {
        let mut v = serde_json::json!({"a": ["Nguye\u{0302}\u{0303}n"]});
        normalise(&mut v);
        assert_eq!(v["a"][0], "Nguyễn");
        // Keys too, and values under a key that is already NFC.
        let mut v = serde_json::json!({"te\u{0302}n": {"b": "Le\u{0302}"}});
        normalise(&mut v);
        assert_eq!(v, serde_json::json!({"tên": {"b": "Lê"}}));
    }

    #[test]
    fn errors_name_the_field() {
        let err = decode::<T>(br#"{"ten": "A", "ngay": "2026-13-01"}"#, &all).unwrap_err();
        let Error::Invalid(p) = err else { panic!() };
        assert_eq!(p[0].field, "ngay");
        assert!(p[0].message.contains("YYYY-MM-DD"), "{}", p[0].message);

        let err = decode::<T>(br#"{"ten": "A", "ngay": "2026-01-01", "x": 1}"#, &all).unwrap_err();
        let Error::Invalid(p) = err else { panic!() };
        assert!(p[0].message.contains("`x`"), "{}", p[0].message);
    }

    #[test]
    fn control_and_uncovered_characters_are_refused() {
        let no_emoji = |c: char| (c as u32) < 0x1F000;
        let err = decode::<T>(
            "{\"ten\": \"a\\nb\", \"ngay\": \"2026-01-01\"}".as_bytes(),
            &no_emoji,
        )
        .unwrap_err();
        let Error::Invalid(p) = err else { panic!() };
        assert_eq!(p[0].field, "ten");
        let err = decode::<T>(
            "{\"ten\": \"a 😀\", \"ngay\": \"2026-01-01\"}".as_bytes(),
            &no_emoji,
        )
        .unwrap_err();
        let Error::Invalid(p) = err else { panic!() };
        assert!(p[0].message.contains("phông"), "{}", p[0].message);
    }
}
