//! Every glyph stays inside the text block: nothing in the right margin.
//! Typst lets punctuation at the end of a justified line hang into the margin
//! by default; Word never does, and a document that does is not laid out as
//! the regulations say. Glyph boxes are read back from the PDF with poppler
//! (`pdftotext -bbox`), against the page width minus the right margin the
//! same document's DOCX declares.

mod common;

use std::process::Command;

use common::*;
use dangvu::Format;

/// Tolerance for rounding in the PDF's coordinates, in points.
const EPSILON_PT: f64 = 0.05;

struct Word {
    page: usize,
    x_max: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<f64> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    tag[start..end].parse().ok()
}

/// Page width and every word's right edge, in points.
fn words_of(pdf: &[u8]) -> (f64, Vec<Word>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils installed)");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let mut width = 0.0;
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            width = attr(line, "width").expect("page width");
        } else if line.starts_with("<word ") {
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.strip_suffix("</word>"))
                .unwrap_or_default()
                .to_string();
            words.push(Word {
                page,
                x_max: attr(line, "xMax").expect("xMax"),
                text,
            });
        }
    }
    (width, words)
}

/// The right margin the DOCX declares (`w:pgMar w:right`, twips), in points.
fn right_margin_pt(docx: &[u8]) -> f64 {
    let xml = docx_part(docx, "word/document.xml");
    let mar = &xml[xml.find("<w:pgMar ").expect("pgMar")..];
    let mar = &mar[..mar.find("/>").unwrap()];
    attr(mar, "w:right").expect("right margin") / 20.0
}

#[test]
fn no_glyph_of_any_example_enters_the_right_margin() {
    let mut outside = Vec::new();
    let ids: Vec<String> = renderer().catalog().iter().map(|f| f.id.clone()).collect();
    for id in &ids {
        let case = example(id);
        let pdf = render(id, &case, Format::Pdf).unwrap();
        let docx = render(id, &case, Format::Docx).unwrap();
        let (width, words) = words_of(&pdf);
        let edge = width - right_margin_pt(&docx);
        assert!(words.len() > 50, "{id}: {} words", words.len());
        for w in words.iter().filter(|w| w.x_max > edge + EPSILON_PT) {
            outside.push(format!(
                "{id} page {}: '{}' ends {:.2} pt into the margin",
                w.page,
                w.text,
                w.x_max - edge
            ));
        }
    }
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}
