//! A one-sheet Excel workbook (Office Open XML SpreadsheetML) for exports:
//! a bold header row that stays in view, column widths, an autofilter, and
//! cells that are text, numbers or dates (dates as Excel serial numbers shown
//! dd/mm/yyyy, so a clerk can sort and filter them).
//!
//! Written with the `zip` crate the DOCX writer already uses, with the same
//! fixed timestamps: the same rows give the same bytes. A full spreadsheet
//! library would bring a second ZIP stack for what is five small XML parts.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::docx::package;
use crate::docx::package::escape;
use crate::error::Result;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// The sheet: a header row (title, width in characters per column), then rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule).
    pub name: String,
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

/// Style indexes in `STYLES`' cellXfs.
const STYLE_HEADER: u32 = 1;
const STYLE_DATE: u32 = 2;
const STYLE_TEXT: u32 = 3;

/// The workbook's bytes; `title` goes into the document properties.
pub fn workbook(sheet: &Sheet, title: &str) -> Result<Vec<u8>> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", package::core_properties(title, None)),
        ("xl/workbook.xml", workbook_xml(sheet)),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/styles.xml", STYLES.to_string()),
    ];
    let sheet_xml = sheet_xml(sheet);
    let all = parts
        .iter()
        .map(|(n, b)| (*n, b.as_str()))
        .chain([("xl/worksheets/sheet1.xml", sheet_xml.as_str())]);
    package::zip(package::Kind::Xlsx, all)
}

/// Excel's serial day number: days since 30 December 1899 (which absorbs
/// Excel's fictitious 29 February 1900 for every date after it).
fn serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    (d - epoch).num_days()
}

/// "A", "B", … "Z", "AA", … for a 0-based column index.
fn column_name(mut k: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (k % 26) as u8);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The header and the rows: (last column's name, last row's number).
fn extent(sheet: &Sheet) -> (String, usize) {
    (
        column_name(sheet.columns.len().max(1) - 1),
        sheet.rows.len() + 1,
    )
}

fn sheet_xml(sheet: &Sheet) -> String {
    let (col, row_n) = extent(sheet);
    let last = format!("{col}{row_n}");
    let mut x = String::with_capacity(4096 + sheet.rows.len() * 512);
    x.push_str(concat!(
        package::declaration!(),
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
        "<cols>"
    ));
    for (k, (_, width)) in sheet.columns.iter().enumerate() {
        let _ = write!(
            x,
            r#"<col min="{0}" max="{0}" width="{width}" customWidth="1"/>"#,
            k + 1
        );
    }
    x.push_str("</cols><sheetData>");
    let header: Vec<Cell> = sheet
        .columns
        .iter()
        .map(|(t, _)| Cell::Text(t.clone()))
        .collect();
    row(&mut x, 1, &header, STYLE_HEADER);
    for (k, cells) in sheet.rows.iter().enumerate() {
        row(&mut x, k + 2, cells, STYLE_TEXT);
    }
    let _ = write!(
        x,
        r#"</sheetData><autoFilter ref="A1:{last}"/><pageSetup paperSize="9" orientation="landscape"/></worksheet>"#
    );
    x
}

fn row(x: &mut String, r: usize, cells: &[Cell], text_style: u32) {
    let _ = write!(x, r#"<row r="{r}">"#);
    for (k, cell) in cells.iter().enumerate() {
        let at = format!("{}{r}", column_name(k));
        match cell {
            Cell::Empty => {}
            Cell::Text(t) if t.is_empty() => {}
            Cell::Text(t) => {
                let _ = write!(
                    x,
                    r#"<c r="{at}" s="{text_style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                );
            }
            Cell::Number(v) => {
                let _ = write!(x, r#"<c r="{at}"><v>{v}</v></c>"#);
            }
            Cell::Date(d) => {
                let _ = write!(
                    x,
                    r#"<c r="{at}" s="{STYLE_DATE}"><v>{}</v></c>"#,
                    serial(*d)
                );
            }
        }
    }
    x.push_str("</row>");
}

fn workbook_xml(sheet: &Sheet) -> String {
    let (col, row_n) = extent(sheet);
    format!(
        concat!(
            package::declaration!(),
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets>"#,
            r#"<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{}'!$A$1:${}${}</definedName></definedNames>"#,
            "</workbook>"
        ),
        escape(&sheet.name),
        escape(&sheet.name.replace('\'', "''")),
        col,
        row_n,
    )
}

const CONTENT_TYPES: &str = package::content_types!(
    "/xl/workbook.xml" => "spreadsheetml.sheet.main",
    "/xl/worksheets/sheet1.xml" => "spreadsheetml.worksheet",
    "/xl/styles.xml" => "spreadsheetml.styles",
);

const ROOT_RELS: &str = package::root_relationships!("xl/workbook.xml");

const WORKBOOK_RELS: &str = package::relationships!(
    "rId1" => "worksheet", "worksheets/sheet1.xml";
    "rId2" => "styles", "styles.xml";
);

/// Times New Roman 12 (bold for the header), a thin border on every cell,
/// text wrapped at the top; dates shown dd/mm/yyyy (format 164).
const STYLES: &str = concat!(
    package::declaration!(),
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="12"/><name val="Times New Roman"/></font>"#,
    r#"<font><b/><sz val="12"/><name val="Times New Roman"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
    r#"<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="4">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"><alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    "</cellXfs>",
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_and_serial_days() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
        // Excel shows 45658 as 01/01/2025 and 25569 as 01/01/1970.
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(serial(d("2025-01-01")), 45658);
        assert_eq!(serial(d("1970-01-01")), 25569);
    }
}
