//! The DOCX paginates like the PDF: LibreOffice's PDF of each DOCX (set in the
//! shipped fonts, see `common::soffice`) has the same pages as ours, each
//! starting with the same line, and nearly all lines the same. Checked for
//! every form's example and for long cases built from the examples (long
//! texts, many members). The DOCX writer reproduces the layout library's
//! vertical metrics; see `src/docx/write.rs`.

mod common;

use std::collections::HashMap;
use std::process::Command;

use common::*;
use dangvu::Format;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Share of identical lines (page by page) over every case.
const SAME_LINES: f64 = 0.99;

/// A list of members (or units) that validation lets grow, per form: the
/// long-list case repeats its entries up to [`MANY`].
const LISTS: &[(&str, &str)] = &[
    ("bao-cao-thong-ke-dang-vien", "/danh_sach"),
    ("bien-ban-kiem-phieu", "/dang_vien"),
    ("nghi-quyet-dua-vao-dien-giup-do", "/dang_vien"),
    ("nghi-quyet-ket-qua-sang-loc", "/dang_vien"),
];
const MANY: usize = 40;
/// Free texts (over 60 characters) of the long-text cases are written this
/// many times over.
const LONG: usize = 4;

fn longer_texts(v: &mut Value) {
    match v {
        Value::String(s) if s.chars().count() > 60 => *s = [s.as_str(); LONG].join(" "),
        Value::Array(items) => items.iter_mut().for_each(longer_texts),
        Value::Object(fields) => fields.values_mut().for_each(longer_texts),
        _ => {}
    }
}

/// Every case: (name, form, case).
fn cases() -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for form in renderer().catalog().iter() {
        let id = form.id.clone();
        let case = example(&id);
        let mut long = case.clone();
        longer_texts(&mut long);
        if let Some((_, pointer)) = LISTS.iter().find(|(f, _)| *f == id) {
            let mut many = long.clone();
            let list = many.pointer_mut(pointer).unwrap().as_array_mut().unwrap();
            let entries = list.clone();
            list.extend(entries.iter().cycle().take(MANY - entries.len()).cloned());
            out.push((format!("{id}+many"), id.clone(), many));
        }
        out.push((format!("{id}+long"), id.clone(), long));
        out.push((id.clone(), id, case));
    }
    out
}

/// The lines of each page (`pdftotext -layout`), spaces squeezed, NFC.
fn page_lines(pdf: &[u8]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    (1..=pdf_pages(&path))
        .map(|page| {
            let out = Command::new("pdftotext")
                .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
                .arg(&path)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8(out.stdout)
                .unwrap()
                .nfc()
                .collect::<String>()
                .lines()
                .map(squeeze)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect()
}

/// The first line of a page's text, past its page number.
fn first_line(lines: &[String], page: usize) -> &str {
    let number = (page + 1).to_string();
    lines
        .iter()
        .find(|l| **l != number)
        .map_or("", String::as_str)
}

/// Lines of `a` found on the same page of `b` (as many times as there).
fn same_lines(a: &[Vec<String>], b: &[Vec<String>]) -> usize {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            let mut left: HashMap<&str, usize> = HashMap::new();
            for l in y {
                *left.entry(l).or_default() += 1;
            }
            x.iter()
                .filter(|l| match left.get_mut(l.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                })
                .count()
        })
        .sum()
}

#[test]
fn libreoffice_lays_out_every_docx_on_the_pages_of_the_pdf() {
    let cases = cases();
    let docs: Vec<(String, Vec<u8>)> = cases
        .iter()
        .map(|(name, id, case)| (name.clone(), render(id, case, Format::Docx).unwrap()))
        .collect();
    let converted = libreoffice_to_pdfs(&docs);
    assert_eq!(converted.len(), cases.len());
    let mut differ = Vec::new();
    let (mut same, mut total) = (0, 0);
    let mut figures = Vec::new();
    for ((name, id, case), (_, lo_pdf)) in cases.iter().zip(&converted) {
        let ours = page_lines(&render(id, case, Format::Pdf).unwrap());
        let theirs = page_lines(lo_pdf);
        if ours.len() != theirs.len() {
            differ.push(format!(
                "{name}: PDF {} pages, LibreOffice {}",
                ours.len(),
                theirs.len()
            ));
        }
        for (page, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            let (a, b) = (first_line(a, page), first_line(b, page));
            if a != b {
                differ.push(format!("{name}, page {}: {a:?} / {b:?}", page + 1));
            }
        }
        let lines = ours.iter().map(Vec::len).sum::<usize>();
        let equal = same_lines(&ours, &theirs);
        figures.push(format!("{name}: {equal}/{lines}"));
        same += equal;
        total += lines;
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    let share = same as f64 / total as f64;
    assert!(
        share >= SAME_LINES,
        "{:.1}% identical lines:\n{}",
        share * 100.0,
        figures.join("\n")
    );
}

/// The first-line check sees a page moved: a control for the test itself.
#[test]
fn a_page_that_starts_elsewhere_is_seen() {
    let a = vec![
        vec!["x".to_string()],
        vec!["2".to_string(), "y".to_string()],
    ];
    let b = vec![
        vec!["x".to_string()],
        vec!["2".to_string(), "z".to_string()],
    ];
    assert_eq!(first_line(&a[1], 1), "y");
    assert_ne!(first_line(&a[1], 1), first_line(&b[1], 1));
    assert_eq!(same_lines(&a, &b), 2);
    assert_eq!(same_lines(&a, &a), 3);
}
