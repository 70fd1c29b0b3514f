//! The case schemas clients and the web workspace read: generated from the
//! Rust types (titles and hints in Vietnamese come from their `schemars`
//! attributes), plus what the input checks of [`super::input`] enforce on
//! every string, stated once here from the same constants so the schema and
//! the checks cannot drift apart.

use schemars::{JsonSchema, Schema};
use serde_json::Value;

use super::input::{MAX_CHARS, MAX_NAME_CHARS, NAME_KEYS};

/// The JSON Schema (2020-12) of a case type, with the string limits.
pub fn of<T: JsonSchema>() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    string_limits(&mut schema);
    schema
}

/// Adds `maxLength` to every string property (and every string item of a
/// list) as [`super::input`] limits it: [`MAX_NAME_CHARS`] for names,
/// titles and codes (the keys in [`NAME_KEYS`]), [`MAX_CHARS`] otherwise.
/// Dates and closed vocabularies are left alone.
pub fn string_limits(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (key, property) in properties.iter_mut() {
                    let limit = if NAME_KEYS.contains(&key.as_str()) {
                        MAX_NAME_CHARS
                    } else {
                        MAX_CHARS
                    };
                    limit_string(property, limit);
                    if let Some(items) = property.get_mut("items") {
                        limit_string(items, MAX_CHARS);
                    }
                }
            }
            map.values_mut().for_each(string_limits);
        }
        Value::Array(items) => items.iter_mut().for_each(string_limits),
        _ => {}
    }
}

/// `maxLength` on a free-text string schema (`"string"` or
/// `["string", "null"]`, no format, no fixed value).
fn limit_string(schema: &mut Value, limit: usize) {
    let Value::Object(map) = schema else { return };
    let is_string = match map.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    let fixed = ["format", "const", "enum"]
        .iter()
        .any(|k| map.contains_key(*k));
    if is_string && !fixed {
        map.insert("maxLength".into(), limit.into());
    }
}

/// Declares a case struct whose narrative is a report's three lists of
/// paragraphs, where its field list says `narrative!();`: `danh_gia` (đánh
/// giá chung, at least one paragraph), then `han_che` (hạn chế, nguyên nhân)
/// and `de_xuat` (đề xuất, kiến nghị), both optional. Shared because every
/// report a branch or a committee writes on its quarter (the screening
/// report, the pack's committee and each branch) asks for the same
/// narrative: one place for its titles and hints. A declaration macro, not a
/// flattened struct: `#[serde(flatten)]` cannot go with
/// `deny_unknown_fields`. Use: `narrative! { #[derive(..)] pub struct Name {
/// fields…, narrative!(); fields… } }` (the fields before the mark are read
/// one token at a time: keep them to a few).
macro_rules! narrative {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident { $($body:tt)* }
    ) => {
        $crate::case::schema::narrative!(@scan [$(#[$attr])* $vis struct $name] [] $($body)*);
    };
    (@scan [$($head:tt)*] [$($before:tt)*] narrative!(); $($after:tt)*) => {
        $($head)* {
            $($before)*
            /// Assessment (đánh giá chung), one paragraph per item.
            #[schemars(title = "Đánh giá chung", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
            #[schemars(length(min = 1))]
            pub danh_gia: Vec<String>,
            /// Shortcomings and causes.
            #[serde(default)]
            #[schemars(title = "Hạn chế, nguyên nhân", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
            pub han_che: Vec<String>,
            /// Proposals.
            #[serde(default)]
            #[schemars(title = "Đề xuất, kiến nghị", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
            pub de_xuat: Vec<String>,
            $($after)*
        }
    };
    (@scan [$($head:tt)*] [$($before:tt)*] $next:tt $($rest:tt)*) => {
        $crate::case::schema::narrative!(@scan [$($head)*] [$($before)* $next] $($rest)*);
    };
}
pub(crate) use narrative;

/// For a list of paragraphs (`Vec<String>` printed one paragraph per item):
/// each item is multi-line text (`"x-multiline": true`), so a form shows a
/// text area per paragraph.
pub fn paragraphs(schema: &mut Schema) {
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.insert("x-multiline".into(), true.into());
    }
}

/// Gives the tag property of an internally tagged enum (`"loai"`, present in
/// every `oneOf` branch as a constant) its Vietnamese title.
pub fn tag_title(schema: &mut Schema, tag: &str, title: &str) {
    let Some(Value::Array(branches)) = schema.get_mut("oneOf") else {
        return;
    };
    for branch in branches {
        if let Some(Value::Object(property)) = branch.pointer_mut(&format!("/properties/{tag}")) {
            property.insert("title".into(), title.into());
        }
    }
}
