//! Archival PDF (PDF/A-2b): every form's example, read back from the file —
//! the XMP identification, the date, every font embedded — and the default
//! PDF left as it was. The CLI flag is driven through the real binary; the
//! API parameter is in tests/server.rs.

mod common;

use std::process::Command;

use dangvu::{Format, PdfStandard, RenderOptions};

fn render(form: &str, case: &[u8], pdf_standard: PdfStandard) -> Vec<u8> {
    common::renderer()
        .render_with(form, case, Format::Pdf, RenderOptions { pdf_standard })
        .unwrap_or_else(|e| panic!("{form}: {e}"))
        .bytes
}

/// The XMP metadata packet of a PDF (Typst writes it uncompressed, as
/// PDF/A requires it be readable without a PDF library).
fn xmp(pdf: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("<x:xmpmeta")?;
    let end = start + text[start..].find("</x:xmpmeta>")?;
    Some(text[start..end].to_string())
}

fn element<'a>(xmp: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = xmp.find(&open)? + open.len();
    let end = start + xmp[start..].find(&format!("</{name}>"))?;
    Some(&xmp[start..end])
}

/// The document's date as the case gives it: `van_ban.ngay`, else `ngay`,
/// else (the register book, closed on its period's last day) `den_ngay`,
/// else (the member's application for exemption) `ngay_don`.
fn case_date(case: &serde_json::Value) -> String {
    case["van_ban"]["ngay"]
        .as_str()
        .or(case["ngay"].as_str())
        .or(case["den_ngay"].as_str())
        .or(case["ngay_don"].as_str())
        .expect("every example has a document date")
        .to_string()
}

#[test]
fn every_form_renders_pdf_a_2b_identified_dated_and_fully_embedded() {
    let r = common::renderer();
    for form in r.catalog().iter() {
        let Some(example) = form.example.as_deref() else {
            continue;
        };
        let pdf = render(&form.id, example, PdfStandard::A2b);
        let xmp = xmp(&pdf).unwrap_or_else(|| panic!("{}: no XMP packet", form.id));
        assert_eq!(element(&xmp, "pdfaid:part"), Some("2"), "{}", form.id);
        assert_eq!(
            element(&xmp, "pdfaid:conformance"),
            Some("B"),
            "{}",
            form.id
        );
        let case: serde_json::Value = serde_json::from_slice(example).unwrap();
        let created = format!("{}T00:00:00+07:00", case_date(&case));
        assert_eq!(
            element(&xmp, "xmp:CreateDate"),
            Some(created.as_str()),
            "{}: dated with the document's own date, in Vietnam's time",
            form.id
        );
        let fonts = common::pdf_fonts(&pdf);
        assert!(!fonts.is_empty(), "{}: pdffonts lists the fonts", form.id);
        for (name, embedded) in fonts {
            assert!(embedded, "{}: font {name} is not embedded", form.id);
        }
        assert_eq!(
            render(&form.id, example, PdfStandard::A2b),
            pdf,
            "{}: the same case gives the same archival bytes",
            form.id
        );
        // The text is the same document's.
        let plain = render(&form.id, example, PdfStandard::Plain);
        assert_eq!(
            common::pdf_text(&pdf),
            common::pdf_text(&plain),
            "{}",
            form.id
        );
    }
}

#[test]
fn the_default_pdf_is_unchanged_and_carries_no_archival_claim() {
    let r = common::renderer();
    for form in r.catalog().iter() {
        let Some(example) = form.example.as_deref() else {
            continue;
        };
        let plain = r.render(&form.id, example, Format::Pdf).unwrap().bytes;
        assert_eq!(
            render(&form.id, example, PdfStandard::default()),
            plain,
            "{}: the default options are the plain render",
            form.id
        );
        let xmp = xmp(&plain).unwrap_or_default();
        assert_eq!(element(&xmp, "pdfaid:part"), None, "{}", form.id);
        assert!(
            !xmp.contains("CreateDate"),
            "{}: a plain PDF stays undated",
            form.id
        );
        assert_ne!(
            render(&form.id, example, PdfStandard::A2b),
            plain,
            "{}",
            form.id
        );
    }
}

#[test]
fn the_cli_flag_writes_pdf_a_and_refuses_unknown_standards() {
    let form = "nghi-quyet-de-nghi-xoa-ten";
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.json");
    let example = common::renderer()
        .form(form)
        .unwrap()
        .example
        .clone()
        .unwrap();
    std::fs::write(&case, &example).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dangvu"))
            .args(["render", form])
            .arg(&case)
            .args(args)
            .output()
            .expect("dangvu runs")
    };
    let out = dir.path().join("luu-tru.pdf");
    let done = run(&["-o", out.to_str().unwrap(), "--pdf-standard", "a-2b"]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written, render(form, &example, PdfStandard::A2b));
    let plain = dir.path().join("thuong.pdf");
    let done = run(&["-o", plain.to_str().unwrap()]);
    assert!(done.status.success());
    assert_eq!(
        std::fs::read(&plain).unwrap(),
        render(form, &example, PdfStandard::Plain)
    );
    let refused = run(&["-o", plain.to_str().unwrap(), "--pdf-standard", "a-1b"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("a-2b"),
        "the refusal lists the standards"
    );
}

#[test]
fn pdf_standard_names_round_trip() {
    for (name, standard) in PdfStandard::NAMES {
        assert_eq!(name.parse::<PdfStandard>().unwrap(), standard);
        assert_eq!(standard.name(), name);
    }
    assert!("a-1b".parse::<PdfStandard>().is_err());
    assert_eq!(RenderOptions::default().pdf_standard, PdfStandard::Plain);
}
