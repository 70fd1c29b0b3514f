//! The DOCX writer reads only the layout library's vocabulary
//! (`src/docx/model.rs`, `VOCABULARY`) and the layout numbers the library
//! states on the document element (`Metrics`): anything else in a template's
//! HTML tree is refused with a message naming it, never silently dropped.

mod common;

use std::path::Path;

use common::{copy_of_forms, example};
use dangvu::{Error, Format, Renderer};

const FORM: &str = "nghi-quyet-mien-sinh-hoat";

/// Renders the form's example after `edit` changed a copy of the forms:
/// (the PDF's outcome, the DOCX's outcome).
fn render_edited(edit: impl FnOnce(&Path)) -> (dangvu::Result<Vec<u8>>, dangvu::Result<Vec<u8>>) {
    let dir = copy_of_forms();
    edit(dir.path());
    let renderer = Renderer::from_dir(dir.path()).unwrap();
    let case = serde_json::to_vec(&example(FORM)).unwrap();
    let render = |format| renderer.render(FORM, &case, format).map(|r| r.bytes);
    (render(Format::Pdf), render(Format::Docx))
}

fn append_to_template(dir: &Path, typst: &str) {
    let path = dir.join(FORM).join("template.typ");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(typst);
    std::fs::write(path, text).unwrap();
}

/// The DOCX is refused with a message containing `expected`.
fn assert_refused(docx: dangvu::Result<Vec<u8>>, expected: &str) {
    match docx {
        Err(Error::MalformedHtml(message)) => {
            assert!(message.contains(expected), "{message}")
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a DOCX was written; expected a refusal naming {expected}"),
    }
}

#[test]
fn the_unedited_forms_give_a_docx() {
    let (pdf, docx) = render_edited(|_| {});
    assert!(pdf.is_ok() && docx.is_ok());
}

#[test]
fn a_plain_typst_heading_is_refused() {
    let (pdf, docx) = render_edited(|dir| append_to_template(dir, "\n= Một đề mục\n"));
    assert!(
        pdf.is_ok(),
        "the PDF would show it; the DOCX cannot carry it"
    );
    assert_refused(
        docx,
        "<h2> is not in the layout library's vocabulary (a Typst heading",
    );
}

#[test]
fn a_plain_typst_list_is_refused() {
    let (_, docx) = render_edited(|dir| append_to_template(dir, "\n- một\n- hai\n"));
    assert_refused(
        docx,
        "<ul> is not in the layout library's vocabulary (a Typst list",
    );
}

#[test]
fn an_unknown_block_element_is_refused() {
    let (_, docx) =
        render_edited(|dir| append_to_template(dir, "\n#html.elem(\"section\", dv.para[chữ])\n"));
    assert_refused(docx, "<section> is not in the layout library's vocabulary");
}

#[test]
fn an_unknown_attribute_is_refused() {
    let (_, docx) = render_edited(|dir| {
        append_to_template(
            dir,
            "\n#html.elem(\"p\", attrs: (\"data-colour\": \"red\"))[chữ]\n",
        )
    });
    assert_refused(docx, "<p> has an unknown attribute data-colour");
}

#[test]
fn an_unparsable_attribute_is_refused() {
    let (_, docx) = render_edited(|dir| {
        append_to_template(
            dir,
            "\n#html.elem(\"p\", attrs: (\"data-size\": \"lớn\"))[chữ]\n",
        )
    });
    assert_refused(docx, "<p> data-size=\"lớn\" is not a number");
}

#[test]
fn a_layout_number_missing_from_the_library_is_refused() {
    let (pdf, docx) = render_edited(|dir| {
        let path = dir.join("lib/layout.typ");
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replace("  \"data-gap\": str(gap.pt()),\n", "");
        assert_ne!(text, edited, "the layout library states the gap");
        std::fs::write(path, edited).unwrap();
    });
    assert!(pdf.is_ok());
    assert_refused(docx, "lacks data-gap");
}

/// A layout number changed in the library reaches the DOCX: the writer has
/// no copy of its own.
#[test]
fn the_docx_takes_its_numbers_from_the_library() {
    let indent = |docx: &[u8]| {
        let xml = common::docx_part(docx, "word/document.xml");
        let at = xml.find("w:firstLine=\"").expect("an indented paragraph") + 13;
        xml[at..at + xml[at..].find('"').unwrap()].to_string()
    };
    let (_, docx) = render_edited(|_| {});
    assert_eq!(indent(&docx.unwrap()), "720", "1.27 cm");
    let (_, docx) = render_edited(|dir| {
        let path = dir.join("lib/layout.typ");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            path,
            text.replace("#let indent-size = 1.27cm", "#let indent-size = 1cm"),
        )
        .unwrap();
    });
    assert_eq!(indent(&docx.unwrap()), "567", "1 cm");
}
