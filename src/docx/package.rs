//! The parts every Office Open XML package has, written once for the two
//! packages dangvu writes (the DOCX here, the XLSX of `crate::xlsx`): the
//! content types, the relationships and the core properties differ between
//! them only in the parts they name, so the wording of the standard's
//! namespaces and types lives in one place. The macros give literals, so a
//! package's fixed parts stay `const` (`concat!` at compile time).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::{Error, Result};

/// Escapes text for XML, dropping characters XML 1.0 cannot carry: the
/// text of every part of both packages (the document, the sheet, the core
/// properties) goes through it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The two packages dangvu writes, as errors name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Docx => "DOCX",
            Self::Xlsx => "XLSX",
        }
    }

    fn writing(self) -> &'static str {
        match self {
            Self::Docx => "writing DOCX",
            Self::Xlsx => "writing XLSX",
        }
    }
}

/// The package's bytes: the parts (name, text) in the order given,
/// deflated, every one with the same fixed timestamp, so the same parts
/// give the same bytes.
pub fn zip<'a>(kind: Kind, parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options)
            .map_err(Error::zip(kind.name()))?;
        zip.write_all(text.as_bytes())
            .map_err(|e| Error::io(kind.writing(), e))?;
    }
    Ok(zip.finish().map_err(Error::zip(kind.name()))?.into_inner())
}

/// The XML declaration every part starts with.
macro_rules! declaration {
    () => {
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
    };
}
pub(crate) use declaration;

/// `[Content_Types].xml`: the two defaults every package has (relationships
/// and plain XML), then one override per part, `"/part.xml" => "kind"`,
/// the kind being what follows `application/vnd.openxmlformats-officedocument.`
/// without `+xml` (`"wordprocessingml.styles"`).
macro_rules! content_types {
    ($($part:literal => $kind:literal),* $(,)?) => {
        concat!(
            $crate::docx::package::declaration!(),
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            $(
                r#"<Override PartName=""#, $part,
                r#"" ContentType="application/vnd.openxmlformats-officedocument."#, $kind, r#"+xml"/>"#,
            )*
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            "</Types>"
        )
    };
}
pub(crate) use content_types;

/// A relationships part: one `"id" => "type", "target"` a relationship, the
/// type named within the officeDocument relationships (`"styles"`).
macro_rules! relationships {
    ($($id:literal => $kind:literal, $target:literal);* $(;)?) => {
        $crate::docx::package::relationships!(@part $(
            r#"<Relationship Id=""#, $id,
            r#"" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/"#, $kind,
            r#"" Target=""#, $target, r#""/>"#,
        )*)
    };
    (@part $($relationship:expr,)*) => {
        concat!(
            $crate::docx::package::declaration!(),
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            $($relationship,)*
            "</Relationships>"
        )
    };
}
pub(crate) use relationships;

/// `_rels/.rels`: the package's main part (`"word/document.xml"`) and its
/// core properties.
macro_rules! root_relationships {
    ($main:literal) => {
        $crate::docx::package::relationships!(@part
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target=""#,
            $main,
            r#""/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
        )
    };
}
pub(crate) use root_relationships;

/// `docProps/core.xml`: the title, and the creator when one is named.
pub fn core_properties(title: &str, creator: Option<&str>) -> String {
    let creator = creator
        .map(|c| format!("<dc:creator>{}</dc:creator>", escape(c)))
        .unwrap_or_default();
    format!(
        concat!(
            declaration!(),
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title>{}</cp:coreProperties>"#
        ),
        escape(title),
        creator
    )
}

#[cfg(test)]
mod tests {
    use super::core_properties;

    #[test]
    fn core_properties_name_the_creator_only_when_given() {
        let head = concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/">"#
        );
        assert_eq!(
            core_properties("A & B", Some("dangvu")),
            format!(
                "{head}<dc:title>A &amp; B</dc:title><dc:creator>dangvu</dc:creator></cp:coreProperties>"
            )
        );
        assert_eq!(
            core_properties("Sổ", None),
            format!("{head}<dc:title>Sổ</dc:title></cp:coreProperties>")
        );
    }

    #[test]
    fn parts_and_relationships_are_listed_in_order() {
        let types = content_types!("/a.xml" => "a.main", "/b.xml" => "b");
        let a = types.find(r#"<Override PartName="/a.xml" ContentType="application/vnd.openxmlformats-officedocument.a.main+xml"/>"#);
        let b = types.find(r#"<Override PartName="/b.xml" ContentType="application/vnd.openxmlformats-officedocument.b+xml"/>"#);
        let core = types.find(r#"PartName="/docProps/core.xml""#);
        assert!(a < b && b < core && a.is_some(), "{types}");
        assert!(types.ends_with("</Types>"));
        let rels = root_relationships!("x/main.xml");
        assert!(rels.contains(r#"Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="x/main.xml"/>"#));
        assert!(rels.ends_with(r#"Target="docProps/core.xml"/></Relationships>"#));
        let rels = relationships!("rIdX" => "styles", "styles.xml");
        assert!(rels.ends_with(r#"<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#));
    }
}
