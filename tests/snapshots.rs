//! The DOCX is written from Typst's HTML output, a target Typst calls
//! experimental: a Typst upgrade may change the tree it gives without any
//! error. Each form's `word/document.xml` for its example is compared with a
//! committed snapshot (`tests/snapshots/<id>.document.xml`), so such a change
//! fails here and an upgrade is a deliberate step.
//!
//! After a deliberate change (a template, the layout library, the DOCX
//! writer, a Typst upgrade), regenerate and review the diff:
//! `UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots`.

mod common;

use std::path::PathBuf;

use common::*;
use dangvu::Format;

/// One element per line at paragraph, table, row and cell boundaries, so a
/// snapshot's diff reads like the document.
fn readable(xml: &str) -> String {
    let mut out = xml.to_string();
    for tag in [
        "<w:p>",
        "<w:tbl>",
        "<w:tr>",
        "<w:tc>",
        "<w:sectPr>",
        "</w:body>",
    ] {
        out = out.replace(tag, &format!("\n{tag}"));
    }
    out.push('\n');
    out
}

fn snapshot_path(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{id}.document.xml"))
}

#[test]
fn every_forms_document_xml_matches_its_snapshot() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let mut differ = Vec::new();
    let ids: Vec<String> = renderer().catalog().iter().map(|f| f.id.clone()).collect();
    assert!(ids.len() >= 12, "{ids:?}");
    for id in &ids {
        let docx = render(id, &example(id), Format::Docx).unwrap_or_else(|e| panic!("{id}: {e}"));
        let got = readable(&docx_part(&docx, "word/document.xml"));
        let path = snapshot_path(id);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            let at = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(got.lines().count()));
            differ.push(format!(
                "{id}: line {}:\n  snapshot: {}\n  now:      {}",
                at + 1,
                want.lines().nth(at).unwrap_or("(missing)"),
                got.lines().nth(at).unwrap_or("(missing)")
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "word/document.xml differs from tests/snapshots/ (if the change is deliberate, \
         regenerate with UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots and review \
         the diff):\n{}",
        differ.join("\n")
    );
}
