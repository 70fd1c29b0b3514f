//! The test set every form passes, run over the whole catalogue: a new form
//! folder is covered the moment it exists.

mod common;

use common::*;
use dangvu::{Error, Format};
use unicode_normalization::UnicodeNormalization;

fn form_ids() -> Vec<String> {
    renderer().catalog().iter().map(|f| f.id.clone()).collect()
}

#[test]
fn every_form_has_a_current_schema_and_an_example() {
    for id in form_ids() {
        let form = renderer().form(&id).unwrap();
        assert!(form.example.is_some(), "{id}: no example.json");
        let path = format!("{}/forms/{id}/schema.json", env!("CARGO_MANIFEST_DIR"));
        let on_disk: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|_| panic!("{id}: schema.json missing or not JSON; run `dangvu schema {id} > forms/{id}/schema.json`"));
        assert_eq!(
            on_disk,
            form.model.schema(),
            "{id}: schema.json is stale; run `dangvu schema {id} > forms/{id}/schema.json`"
        );
    }
}

#[test]
fn every_example_renders_with_the_same_words_in_pdf_and_docx() {
    for id in form_ids() {
        let case = example(&id);
        let pdf = render(&id, &case, Format::Pdf).unwrap_or_else(|e| panic!("{id}: {e}"));
        let docx = render(&id, &case, Format::Docx).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"));
        let fonts = pdf_fonts(&pdf);
        assert!(
            fonts.iter().all(|(_, embedded)| *embedded),
            "{id}: fonts not embedded: {fonts:?}"
        );
        assert_same_words(&pdf_text(&pdf), &docx_text(&docx));
    }
}

#[test]
fn every_example_renders_byte_identically_twice() {
    for id in form_ids() {
        let case = example(&id);
        for format in [Format::Pdf, Format::Docx] {
            let a = render(&id, &case, format).unwrap();
            let b = render(&id, &case, format).unwrap();
            assert!(a == b, "{id}: {format:?} differs between two renders");
        }
    }
}

#[test]
fn libreoffice_opens_every_docx() {
    let docs: Vec<(String, Vec<u8>)> = form_ids()
        .into_iter()
        .map(|id| {
            let d = render(&id, &example(&id), Format::Docx).unwrap();
            (id, d)
        })
        .collect();
    for (id, pdf) in libreoffice_to_pdfs(&docs) {
        let ours = render(&id, &example(&id), Format::Pdf).unwrap();
        // LibreOffice shows our text: every word of ours is in its text and
        // every word of its is in ours (its page breaks, and so its repeated
        // table headers and page numbers, are its own).
        let (theirs, ours) = (pdf_text_plain(&pdf), pdf_text(&ours));
        let (theirs_flat, ours_flat) = (squeeze(&theirs), squeeze(&ours));
        let lost: Vec<String> = words(&ours)
            .into_iter()
            .filter(|w| !theirs_flat.contains(w.as_str()))
            .collect();
        let gained: Vec<String> = words(&theirs)
            .into_iter()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !ours_flat.contains(w.as_str()))
            .collect();
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{id}: LibreOffice lost {lost:?}, gained {gained:?}"
        );
    }
}

#[test]
fn hostile_strings_render_verbatim_or_are_refused_by_field() {
    for id in form_ids() {
        let base = example(&id);
        let (mut rendered, mut refused) = (0, 0);
        for path in string_paths(&base) {
            for (label, hostile) in hostile_strings() {
                let mut case = base.clone();
                set_path(&mut case, &path, &hostile);
                match render(&id, &case, Format::Pdf) {
                    Ok(pdf) => {
                        // Verbatim after NFC; names the layout prints in capitals
                        // (issuing body, signer's title) may be upper-cased.
                        let nfc: String = hostile.nfc().collect();
                        let expected =
                            [squeeze(&nfc), squeeze(&dangvu::rules::format::upper(&nfc))];
                        let in_pdf = squeeze(&pdf_text(&pdf));
                        assert!(
                            expected.iter().any(|e| in_pdf.contains(e)),
                            "{id}: {label} at {path}: PDF lacks the string verbatim"
                        );
                        let docx = render(&id, &case, Format::Docx)
                            .expect("PDF rendered, so DOCX must too");
                        let in_docx = squeeze(&docx_text(&docx));
                        assert!(
                            expected.iter().any(|e| in_docx.contains(e)),
                            "{id}: {label} at {path}: DOCX lacks it"
                        );
                        rendered += 1;
                    }
                    Err(Error::Invalid(problems)) => {
                        assert!(
                            problems.iter().any(|p| p.field == path),
                            "{id}: {label} at {path}: refused without naming the field: {problems:?}"
                        );
                        assert!(matches!(
                            render(&id, &case, Format::Docx),
                            Err(Error::Invalid(_))
                        ));
                        refused += 1;
                    }
                    Err(other) => panic!("{id}: {label} at {path}: {other}"),
                }
            }
        }
        // Both outcomes occur: markup renders as text, emoji are refused.
        assert!(
            rendered > 0 && refused > 0,
            "{id}: rendered {rendered}, refused {refused}"
        );
    }
}
