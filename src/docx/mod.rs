//! DOCX from the HTML target of the same template that gives the PDF.

pub mod model;
pub mod write;

use typst_html::HtmlDocument;

use crate::error::Result;

/// The DOCX package for a compiled HTML document.
pub fn from_html(doc: &HtmlDocument, title: &str) -> Result<Vec<u8>> {
    let model = model::Document::from_html(doc)?;
    write::package(&model, title)
}
