//! Free text a clerk writes as paragraphs, one list item a paragraph (the
//! causes, shortcomings, comments of a self-criticism and the like).
//!
//! Shared as types because every such field says the same three things in
//! its schema (a list of non-empty strings, each a text area, hinted "Mỗi mục
//! là một đoạn") and is checked the same way; written per field they were the
//! same two attribute lines again and again. A field declares only its title:
//!
//! ```ignore
//! #[schemars(title = "Nguyên nhân")]
//! pub nguyen_nhan: Paragraphs,          // at least one paragraph
//! #[serde(default)]
//! #[schemars(title = "Giải trình vấn đề được gợi ý")]
//! pub giai_trinh: MaybeParagraphs,      // may be left empty
//! ```
//!
//! Both serialise and deserialise as a plain list of strings, so the case
//! JSON, serde's messages and the schema are those of a `Vec<String>` with the
//! attributes they replace.

use std::borrow::Cow;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::case::common::require;
use crate::error::Problem;

/// One or more paragraphs: required, and none of them blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Paragraphs(pub Vec<String>);

/// Paragraphs that may be left out (an empty list); none of them blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MaybeParagraphs(pub Vec<String>);

impl Paragraphs {
    /// "cần ít nhất một đoạn" for an empty list, and "không được để trống"
    /// at `path[k]` for each blank paragraph.
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.0.is_empty() {
            out.push(Problem::new(path, "cần ít nhất một đoạn"));
        }
        check_each(&self.0, path, out);
    }
}

impl MaybeParagraphs {
    /// "không được để trống" at `path[k]` for each blank paragraph.
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        check_each(&self.0, path, out);
    }
}

fn check_each(items: &[String], path: &str, out: &mut Vec<Problem>) {
    for (k, p) in items.iter().enumerate() {
        require(p, format!("{path}[{k}]"), out);
    }
}

impl Deref for Paragraphs {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl Deref for MaybeParagraphs {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

/// The schema of a list of paragraphs; `min_items` 1 when one is required.
fn schema(description: &str, min_items: Option<u32>) -> Schema {
    let mut schema = json_schema!({
        "type": "array",
        "description": description,
        "items": { "type": "string", "minLength": 1 },
    });
    if let Some(n) = min_items {
        schema.insert("minItems".into(), n.into());
    }
    crate::case::schema::paragraphs(&mut schema);
    schema
}

impl JsonSchema for Paragraphs {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Paragraphs".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schema("Mỗi mục là một đoạn", Some(1))
    }
}

impl JsonSchema for MaybeParagraphs {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "MaybeParagraphs".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schema("Có thể bỏ trống; mỗi mục là một đoạn", None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(check: impl Fn(&mut Vec<Problem>)) -> Vec<(String, String)> {
        let mut out = Vec::new();
        check(&mut out);
        out.into_iter().map(|p| (p.field, p.message)).collect()
    }

    #[test]
    fn checks() {
        // (paragraphs, required, expected problems as field and message)
        type Row = (Vec<&'static str>, bool, Vec<(&'static str, &'static str)>);
        let cases: [Row; 5] = [
            (vec![], true, vec![("x", "cần ít nhất một đoạn")]),
            (vec![], false, vec![]),
            (vec!["a", "b"], true, vec![]),
            (vec!["a", " "], true, vec![("x[1]", "không được để trống")]),
            (vec![""], false, vec![("x[0]", "không được để trống")]),
        ];
        for (items, required, want) in cases {
            let items: Vec<String> = items.into_iter().map(String::from).collect();
            let got = if required {
                problems(|out| Paragraphs(items.clone()).check("x", out))
            } else {
                problems(|out| MaybeParagraphs(items.clone()).check("x", out))
            };
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(f, m)| (f.to_string(), m.to_string()))
                .collect();
            assert_eq!(got, want, "{items:?} required={required}");
        }
    }

    #[test]
    fn reads_and_writes_a_plain_list() {
        let p: Paragraphs = serde_json::from_str(r#"["một", "hai"]"#).unwrap();
        assert_eq!(&*p, ["một".to_string(), "hai".to_string()]);
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"["một","hai"]"#);
        let e = serde_json::from_str::<MaybeParagraphs>(r#""một""#).unwrap_err();
        assert!(e.to_string().contains("expected a sequence"), "{e}");
    }
}
