//! The register book (`so-van-ban-di`): A4 landscape in both formats, the
//! XLSX export read back by a spreadsheet reader, and the example agreeing
//! with the documents the branch's other examples issued.

mod common;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::*;
use dangvu::forms::models::so_van_ban_di::{self, Case};
use dangvu::{Error, Format};

const ID: &str = "so-van-ban-di";

fn case() -> Case {
    serde_json::from_value(example(ID)).unwrap()
}

/// Every cell of the workbook's only sheet, as text ("2026-01-05" for a date).
fn read_back(xlsx: &[u8]) -> (String, Vec<Vec<String>>) {
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).expect("an XLSX workbook");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "{names:?}");
    let range = book.worksheet_range(&names[0]).unwrap();
    let rows = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(n) => n.to_string(),
                    Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect();
    (names[0].clone(), rows)
}

#[test]
fn the_xlsx_holds_the_same_rows_as_the_printed_book() {
    let xlsx = so_van_ban_di::to_xlsx(&case()).unwrap();
    assert_eq!(xlsx, so_van_ban_di::to_xlsx(&case()).unwrap(), "same bytes");
    let (sheet, rows) = read_back(&xlsx);
    assert_eq!(sheet, "Sổ văn bản đi");
    assert_eq!(rows[0][..4], ["Số", "Loại", "Số, ký hiệu", "Ngày văn bản"]);
    let body = &rows[1..];
    assert_eq!(body.len(), case().van_ban.len());
    // Numbers and dates are real numbers and dates, in print order.
    assert_eq!(body[0][..4], ["3", "NQ", "03-NQ/CB", "2026-01-05"]);
    let dates: Vec<NaiveDate> = body.iter().map(|r| r[3].parse().unwrap()).collect();
    assert!(dates.is_sorted(), "{dates:?}");
    // The voided row keeps its place, with its date and reason.
    let voided: Vec<&Vec<String>> = body.iter().filter(|r| r[7] == "Có").collect();
    assert_eq!(voided.len(), 1);
    assert_eq!(voided[0][2], "06-NQ/CB");
    assert_eq!(voided[0][8], "2026-03-02");
    assert!(voided[0][9].starts_with("Ban hành khi chưa đủ thủ tục"));
    // Every symbol and subject of the sheet is printed in the PDF.
    let pdf = pdf_text(&render(ID, &example(ID), Format::Pdf).unwrap());
    let flat = squeeze(&pdf);
    for r in body {
        for cell in [&r[2], &r[4]] {
            assert!(flat.contains(&squeeze(cell)), "{cell} not printed");
        }
    }
}

#[test]
fn the_xlsx_carries_hostile_text_verbatim() {
    for (what, s) in hostile_strings() {
        let mut c = case();
        c.van_ban[0].trich_yeu = s.clone();
        match so_van_ban_di::to_xlsx(&c) {
            Ok(xlsx) => {
                let (_, rows) = read_back(&xlsx);
                // XML cannot carry control characters; a newline becomes a space.
                assert_eq!(rows[1][4], s.replace('\n', " "), "{what}");
            }
            Err(Error::Invalid(problems)) => {
                assert_eq!(problems[0].field, "van_ban[0].trich_yeu", "{what}");
            }
            Err(e) => panic!("{what}: {e}"),
        }
    }
}

#[test]
fn a_bad_register_is_refused_by_field_in_every_format() {
    let mut c = case();
    c.van_ban[1].so = c.van_ban[0].so;
    c.van_ban[1].loai = c.van_ban[0].loai;
    c.van_ban[2].ngay = "2026-04-01".parse().unwrap();
    let fields = |e: Error| match e {
        Error::Invalid(p) => p.into_iter().map(|p| p.field).collect::<Vec<_>>(),
        e => panic!("{e}"),
    };
    let expected = ["van_ban[1].so", "van_ban[2].ngay"];
    assert_eq!(fields(so_van_ban_di::to_xlsx(&c).unwrap_err()), expected);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(
        fields(render(ID, &json, Format::Pdf).unwrap_err()),
        expected
    );
}

#[test]
fn the_book_is_printed_on_a4_landscape_in_pdf_and_docx() {
    let pdf = render(ID, &example(ID), Format::Pdf).unwrap();
    let docx = render(ID, &example(ID), Format::Docx).unwrap();
    let doc = docx_part(&docx, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#),
        "DOCX page: {}",
        &doc[doc.find("<w:sectPr").unwrap()..]
    );
    for (who, pdf) in [("dangvu", pdf), ("LibreOffice", libreoffice_to_pdf(&docx))] {
        let (w, h) = page_size(&pdf);
        assert!(
            (w - 841.9).abs() < 1.0 && (h - 595.3).abs() < 1.0,
            "{who}: {w} × {h} pt"
        );
    }
    // A portrait form stays portrait.
    let other = render(
        "phieu-bao-chuyen-sinh-hoat",
        &example("phieu-bao-chuyen-sinh-hoat"),
        Format::Docx,
    )
    .unwrap();
    assert!(
        docx_part(&other, "word/document.xml").contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#)
    );
}

/// The first page's size in points, from `pdfinfo`.
fn page_size(pdf: &[u8]) -> (f64, f64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_else(|| panic!("{text}"));
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// The example register lists what the branch's own examples issued in the
/// quarter, under the same symbols and dates.
#[test]
fn the_example_register_lists_the_branch_documents_of_the_quarter() {
    let book = case();
    let listed: Vec<(String, NaiveDate)> = book
        .van_ban
        .iter()
        .map(|d| {
            (
                dangvu::rules::format::doc_number(d.so, d.loai, &book.to_chuc.ky_hieu),
                d.ngay,
            )
        })
        .collect();
    let mut found = 0;
    for form in renderer().catalog().iter() {
        let e = example(&form.id);
        if form.id == ID || e["to_chuc"] != example(ID)["to_chuc"] {
            continue;
        }
        let Some(date) = e["van_ban"]["ngay"].as_str() else {
            continue;
        };
        let date: NaiveDate = date.parse().unwrap();
        if date < book.tu_ngay || date > book.den_ngay {
            continue;
        }
        let json = serde_json::to_vec(&e).unwrap();
        let symbol = renderer().prepare(&form.id, &json).unwrap().doc_number;
        if !symbol.starts_with(|c: char| c.is_ascii_digit()) {
            // Numbered after another document ("BB-03-NQ/CB": the record of
            // that resolution's count), not in the register on its own.
            continue;
        }
        assert!(
            listed.contains(&(symbol.clone(), date)),
            "{}: {symbol} of {date} is not in the register",
            form.id
        );
        found += 1;
    }
    assert!(
        found >= 5,
        "only {found} of the branch's documents compared"
    );
}
