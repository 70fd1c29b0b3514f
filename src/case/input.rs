//! Reading case data: NFC normalisation, typed decoding with field paths, and
//! the checks every string gets before it may reach a template.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::shape::{self, WHOLE};
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
/// NFC first, so text from any keyboard compares and renders the same. Every
/// problem is reported: the strings' and, when the shape is wrong, every
/// unknown, missing or mistyped field ([`shape`]), not only serde's first.
pub fn decode<T: DeserializeOwned + JsonSchema>(
    json: &[u8],
    covers: &dyn Fn(char) -> bool,
) -> Result<T> {
    decode_value(parse(json)?, covers)
}

/// [`decode`] of a value already [`parse`]d: a caller that needs to look
/// at the input when it does not decode (the pack names each branch in its
/// problems) parses it once.
pub fn decode_value<T: DeserializeOwned + JsonSchema>(
    value: Value,
    covers: &dyn Fn(char) -> bool,
) -> Result<T> {
    let mut problems = Vec::new();
    check_strings(&value, &mut String::new(), covers, &mut problems);
    match from_value::<T>(value) {
        Ok(decoded) if problems.is_empty() => Ok(decoded),
        Ok(_) => Err(Error::Invalid(problems)),
        Err(Error::Invalid(shape)) => {
            problems.splice(0..0, shape);
            Err(Error::Invalid(problems))
        }
        Err(other) => Err(other),
    }
}

/// Parses JSON text, normalises it to NFC and checks every string, without
/// decoding it into a type yet (for cases whose kind decides their type).
pub fn read(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Value> {
    let value = parse(json)?;
    let mut problems = Vec::new();
    check_strings(&value, &mut String::new(), covers, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(value)
}

/// JSON text without the UTF-8 byte-order mark Windows Notepad (and other
/// Windows editors) write at its start, if it has one.
pub fn strip_bom(json: &[u8]) -> &[u8] {
    json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json)
}

/// JSON text to a normalised value ([`normalise`]), or the syntax error. A
/// leading byte-order mark is allowed; nothing but spaces is "empty", not
/// "cut short".
pub fn parse(json: &[u8]) -> Result<Value> {
    let json = strip_bom(json);
    if json.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid(
            WHOLE,
            "hồ sơ trống: không có dữ liệu JSON nào (tệp hoặc nội dung gửi lên rỗng)",
        ));
    }
    let mut value: Value = serde_json::from_slice(json).map_err(|e| {
        Error::invalid(
            WHOLE,
            format!(
                "không đọc được JSON (dòng {}, cột {}): {}",
                e.line(),
                e.column(),
                vi_json(&e)
            ),
        )
    })?;
    normalise(&mut value);
    Ok(value)
}

/// Decodes a value from [`read`] into a type, naming the field of every error.
pub fn from_value<T: DeserializeOwned + JsonSchema>(value: Value) -> Result<T> {
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(decoded) => Ok(decoded),
        Err(e) => {
            let first = serde_problem(&e);
            let schema = schemars::schema_for!(T);
            let mut problems = shape::problems(schema.as_value(), &value);
            if !problems.iter().any(|p| p.field == first.field) {
                problems.push(first);
            }
            Err(Error::Invalid(problems))
        }
    }
}

/// NFC-normalises every string (and object key) in place, and writes
/// integral numbers written with a fraction (`1.0`) as integers: JSON Schema
/// counts them as integers, and so does a clerk.
pub fn normalise(value: &mut Value) {
    match value {
        Value::String(s) if !unicode_normalization::is_nfc(s) => *s = s.nfc().collect(),
        Value::Number(n) => {
            if let Some(whole) = integral(n) {
                *n = whole;
            }
        }
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

/// `n` as an integer if it is a float with no fractional part that fits
/// 64 bits (`1.0` → `1`, `-0.0` → `0`); `None` otherwise.
fn integral(n: &serde_json::Number) -> Option<serde_json::Number> {
    if !n.is_f64() {
        return None;
    }
    let x = n.as_f64()?;
    // 2^64 and -2^63 are exact in f64; the bounds keep the casts lossless.
    if x.fract() != 0.0
        || !(-9_223_372_036_854_775_808.0..18_446_744_073_709_551_616.0).contains(&x)
    {
        return None;
    }
    Some(if x >= 0.0 {
        (x as u64).into()
    } else {
        (x as i64).into()
    })
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

/// serde_json's syntax errors, in Vietnamese (the message is matched on
/// serde_json's wording: the error carries no finer kind than "syntax").
fn vi_json(e: &serde_json::Error) -> String {
    if e.classify() == serde_json::error::Category::Eof {
        return "dữ liệu bị cắt cụt (thiếu phần cuối)".into();
    }
    let msg = e.to_string();
    let reason = msg.split(" at line").next().unwrap_or(&msg);
    let vi = match reason {
        "expected value" => "cần một giá trị ở đây",
        "expected `,` or `}`" => "thiếu dấu phẩy hoặc dấu }",
        "expected `,` or `]`" => "thiếu dấu phẩy hoặc dấu ]",
        "expected `:`" => "thiếu dấu hai chấm sau tên trường",
        "key must be a string" => "tên trường phải đặt trong dấu ngoặc kép",
        "trailing comma" => "thừa dấu phẩy ở cuối",
        "trailing characters" => "còn ký tự thừa sau phần dữ liệu",
        "invalid escape" => "ký tự thoát (\\) không hợp lệ",
        "invalid number" => "số không hợp lệ",
        "number out of range" => "số quá lớn",
        "expected ident" => "từ khóa không hợp lệ (chỉ có true, false, null)",
        r => {
            if r.starts_with("control character") {
                "chữ có ký tự điều khiển (xuống dòng, tab) chưa được viết thoát"
            } else if r.contains("recursion limit") {
                "lồng nhau quá sâu"
            } else {
                "sai cú pháp"
            }
        }
    };
    vi.to_string()
}

/// serde's first error as a problem with a Vietnamese message. serde's errors
/// are text only (`serde::de::Error::custom`), so its fixed phrasings are
/// read back here; a message it does not recognise is kept as written (our
/// own `deserialize_with` functions write Vietnamese).
fn serde_problem(e: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let at = |key: &str| {
        let last = path.rsplit(['.', '[']).next().unwrap_or("");
        match (path.is_empty(), last == key) {
            (true, _) => key.to_string(),
            (false, true) => path.clone(),
            (false, false) => format!("{path}.{key}"),
        }
    };
    let whole = || {
        if path.is_empty() {
            WHOLE.to_string()
        } else {
            path.clone()
        }
    };
    let msg = e.inner().to_string();
    let msg = msg.split(" at line").next().unwrap_or(&msg);
    if let Some((name, choices)) = msg.strip_prefix("unknown field ").map(name_and_choices) {
        return Problem::new(
            at(name),
            format!("trường này không có trong biểu mẫu (các trường có thể ghi: {choices})"),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return Problem::new(at(rest.trim_matches('`')), "thiếu trường bắt buộc");
    }
    if let Some((name, choices)) = msg.strip_prefix("unknown variant ").map(name_and_choices) {
        return Problem::new(
            whole(),
            format!("giá trị \"{name}\" không hợp lệ, chọn một trong: {choices}"),
        );
    }
    if let Some((got, expected)) = msg.strip_prefix("invalid type: ").map(got_and_expected) {
        return Problem::new(whole(), format!("phải là {expected}, nhận được {got}"));
    }
    if let Some((got, expected)) = msg.strip_prefix("invalid value: ").map(got_and_expected) {
        return Problem::new(whole(), format!("không nhận {got}, cần {expected}"));
    }
    // chrono's date parse errors.
    if msg.contains("premature end of input")
        || msg.contains("input contains invalid characters")
        || msg.contains("input is out of range")
        || msg.contains("trailing input")
        || msg.contains("input is not enough")
    {
        return Problem::new(
            whole(),
            "ngày không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-01-05)",
        );
    }
    Problem::new(whole(), msg)
}

/// serde's "`name`, expected one of `a`, `b`" (an unknown field or variant)
/// as the name and the choices "a, b": one reading for both messages.
fn name_and_choices(rest: &str) -> (&str, String) {
    let (name, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
    (name.trim_matches('`'), ticked(expected).join(", "))
}

/// serde's "<what came>, expected <what was wanted>" (an invalid type or
/// value) as both parts in Vietnamese: one reading for both messages.
fn got_and_expected(rest: &str) -> (String, &'static str) {
    let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    (unexpected_vi(got), expected_vi(expected))
}

/// The names between backticks in serde's "expected one of `a`, `b`".
fn ticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// serde's `Unexpected` ("string \"21\"", "integer `5`"…) in Vietnamese.
fn unexpected_vi(got: &str) -> String {
    let inner = || got.split('`').nth(1).unwrap_or("").to_string();
    if let Some(s) = got.strip_prefix("string ") {
        return format!("chữ {s}");
    }
    if got.starts_with("integer") || got.starts_with("floating point") {
        return format!("số {}", inner());
    }
    if got.starts_with("boolean") {
        return format!("giá trị {}", inner());
    }
    match got {
        "null" | "unit value" => "giá trị rỗng (null)".into(),
        "sequence" => "một danh sách [...]".into(),
        "map" => "một nhóm trường {...}".into(),
        other => other.into(),
    }
}

/// serde's "expected" phrase in Vietnamese.
fn expected_vi(expected: &str) -> &'static str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "số nguyên không âm",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "số nguyên",
        "f32" | "f64" => "số",
        "a string" | "a borrowed string" | "a formatted date string" => {
            "chữ (đặt trong dấu ngoặc kép)"
        }
        "a boolean" => "true hoặc false",
        "a sequence" => "một danh sách [...]",
        e if e.starts_with("struct ") || e == "a map" => "một nhóm trường {...}",
        e if e.starts_with("a date") || e.contains("date") => "ngày dạng YYYY-MM-DD",
        _ => "giá trị khác",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, schemars::JsonSchema, Debug)]
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
        assert_eq!(p[0].field, "x");
        assert_eq!(
            p[0].message,
            "trường này không có trong biểu mẫu (các trường có thể ghi: ngay, ten)"
        );
    }

    #[derive(serde::Deserialize, schemars::JsonSchema, Debug)]
    #[serde(deny_unknown_fields)]
    struct Timed {
        #[allow(dead_code)]
        #[serde(default)]
        bat_dau: Option<chrono::NaiveTime>,
        #[allow(dead_code)]
        ngay: chrono::NaiveDate,
    }

    #[test]
    fn a_bad_time_is_called_a_time() {
        let problems = |json: &str| match decode::<Timed>(json.as_bytes(), &all) {
            Err(Error::Invalid(p)) => p.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problems(r#"{"bat_dau": "25:00", "ngay": "2026-01-05"}"#),
            ["bat_dau: giờ \"25:00\" không hợp lệ, cần dạng HH:MM (ví dụ 09:30)"]
        );
        assert_eq!(
            problems(r#"{"bat_dau": "9h30", "ngay": "2026-13-05"}"#),
            [
                "bat_dau: giờ \"9h30\" không hợp lệ, cần dạng HH:MM (ví dụ 09:30)",
                "ngay: ngày \"2026-13-05\" không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-01-05)",
            ]
        );
        decode::<Timed>(br#"{"bat_dau": "09:30", "ngay": "2026-01-05"}"#, &all).unwrap();
    }

    #[derive(serde::Deserialize, schemars::JsonSchema, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Counted {
        so: u32,
        quy_dinh: crate::rules::vote::Profile,
    }

    fn messages(json: &str) -> Vec<String> {
        match decode::<Counted>(json.as_bytes(), &all) {
            Err(Error::Invalid(p)) => p.iter().map(|p| p.to_string()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_problem_is_reported_in_vietnamese() {
        let mut found = messages(r#"{"so": "21", "quy_dinh": "hd02", "la": true}"#);
        found.sort();
        assert_eq!(
            found,
            [
                "la: trường này không có trong biểu mẫu (các trường có thể ghi: quy_dinh, so)",
                "quy_dinh: giá trị \"hd02\" không hợp lệ, chọn một trong: hd02-btctw-2021, qd02-tu-hanoi-2025",
                "so: phải là số nguyên, nhận được chữ \"21\"",
            ]
        );
        assert_eq!(
            messages(r#"{"so": 1}"#),
            ["quy_dinh: thiếu trường bắt buộc"]
        );
        assert_eq!(
            messages(r#"{"so": -1, "quy_dinh": "hd02-btctw-2021"}"#),
            ["so: không được là số âm, nhận được -1"]
        );
        assert_eq!(
            messages(r#"{"so": 4294967296, "quy_dinh": "hd02-btctw-2021"}"#),
            ["so: quá lớn: 4294967296 (tối đa 4294967295)"]
        );
        assert_eq!(
            messages("[1]"),
            ["(toàn bộ): phải là một nhóm trường {...}, nhận được một danh sách [...]"]
        );
        assert_eq!(
            messages(r#"{"so": 1,}"#),
            ["(toàn bộ): không đọc được JSON (dòng 1, cột 10): thừa dấu phẩy ở cuối"]
        );
    }

    #[test]
    fn a_byte_order_mark_is_allowed_and_nothing_is_empty() {
        let plain = br#"{"so": 3, "quy_dinh": "hd02-btctw-2021"}"#;
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(plain);
        assert_eq!(
            decode::<Counted>(&bom, &all).unwrap(),
            decode::<Counted>(plain, &all).unwrap()
        );
        for empty in ["", "  \n", "\u{feff}", "\u{feff}\r\n"] {
            assert_eq!(
                messages(empty),
                [
                    "(toàn bộ): hồ sơ trống: không có dữ liệu JSON nào (tệp hoặc nội dung gửi lên rỗng)"
                ],
                "{empty:?}"
            );
        }
        // Cut short is still said so.
        assert_eq!(
            messages(r#"{"so": 1"#),
            [
                "(toàn bộ): không đọc được JSON (dòng 1, cột 8): dữ liệu bị cắt cụt (thiếu phần cuối)"
            ]
        );
    }

    #[test]
    fn integral_numbers_with_a_fraction_are_integers() {
        let c: Counted = decode(br#"{"so": 3.0, "quy_dinh": "hd02-btctw-2021"}"#, &all).unwrap();
        assert_eq!(c.so, 3);
        assert_eq!(
            messages(r#"{"so": 1.5, "quy_dinh": "hd02-btctw-2021"}"#),
            ["so: phải là số nguyên, nhận được số 1.5"]
        );
        let mut v = serde_json::json!([-0.0, 2.0, 1e300, -3.0]);
        normalise(&mut v);
        assert_eq!(v, serde_json::json!([0, 2, 1e300, -3]));
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

    #[test]
    fn serde_phrasings_are_read_into_their_parts() {
        for (rest, name, choices) in [
            ("`ho_ten`, expected one of `a`, `b`", "ho_ten", "a, b"),
            ("`x`, expected `only`", "x", "only"),
            ("`z`, expected one of ", "z", ""),
        ] {
            assert_eq!(
                name_and_choices(rest),
                (name, choices.to_string()),
                "{rest}"
            );
        }
        for (rest, got, expected) in [
            (
                "string \"21\", expected u32",
                "chữ \"21\"",
                "số nguyên không âm",
            ),
            (
                "integer `5`, expected a string",
                "số 5",
                "chữ (đặt trong dấu ngoặc kép)",
            ),
            ("null", "giá trị rỗng (null)", "giá trị khác"),
        ] {
            assert_eq!(
                got_and_expected(rest),
                (got.to_string(), expected),
                "{rest}"
            );
        }
    }
}
