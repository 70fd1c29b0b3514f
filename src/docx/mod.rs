//! DOCX from the HTML target of the same template that gives the PDF.

pub mod model;
pub mod package;
pub mod write;

use typst_html::HtmlDocument;

use crate::error::Result;
use crate::typeset::fonts::LineBoxes;

/// The DOCX package for a compiled HTML document, with the line boxes of
/// the fonts the PDF is set in ([`crate::typeset::fonts::Fonts::line_boxes`]).
pub fn from_html(doc: &HtmlDocument, title: &str, lines: &LineBoxes) -> Result<Vec<u8>> {
    let model = model::Document::from_html(doc)?;
    write::package(&model, title, lines)
}
