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

/// Paragraphs, none of them blank; at least one when `REQUIRED`. Written
/// as [`Paragraphs`] or [`MaybeParagraphs`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParagraphList<const REQUIRED: bool>(pub Vec<String>);

/// One or more paragraphs: required, and none of them blank.
pub type Paragraphs = ParagraphList<true>;

/// Paragraphs that may be left out (an empty list); none of them blank.
pub type MaybeParagraphs = ParagraphList<false>;

impl<const REQUIRED: bool> ParagraphList<REQUIRED> {
    /// "cần ít nhất một đoạn" for an empty required list, and "không được
    /// để trống" at `path[k]` for each blank paragraph.
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if REQUIRED && self.0.is_empty() {
            out.push(Problem::new(path, "cần ít nhất một đoạn"));
        }
        for (k, p) in self.0.iter().enumerate() {
            require(p, format!("{path}[{k}]"), out);
        }
    }
}

impl<const REQUIRED: bool> Deref for ParagraphList<REQUIRED> {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl<const REQUIRED: bool> JsonSchema for ParagraphList<REQUIRED> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        if REQUIRED {
            "Paragraphs".into()
        } else {
            "MaybeParagraphs".into()
        }
    }
    /// An array of non-empty multi-line strings; `minItems` 1 when required.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let description = if REQUIRED {
            "Mỗi mục là một đoạn"
        } else {
            "Có thể bỏ trống; mỗi mục là một đoạn"
        };
        let mut schema = json_schema!({
            "type": "array",
            "description": description,
            "items": { "type": "string", "minLength": 1 },
        });
        if REQUIRED {
            schema.insert("minItems".into(), 1.into());
        }
        crate::case::schema::paragraphs(&mut schema);
        schema
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
                problems(|out| ParagraphList::<true>(items.clone()).check("x", out))
            } else {
                problems(|out| ParagraphList::<false>(items.clone()).check("x", out))
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
