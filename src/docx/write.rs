//! OOXML for a [`Document`]: the parts of a minimal WordprocessingML package,
//! zipped with fixed timestamps so the same document gives the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::model::{Align, Block, Document, Para, Row, Run, Style, Table, TableStyle};
use crate::error::{Error, Result};

/// A4 in twentieths of a point.
const PAGE_W: i64 = 11906;
const PAGE_H: i64 = 16838;
/// First-line indent, 1.27 cm.
const INDENT: i64 = 720;
/// Body text size, half-points.
const BODY_HALF_PT: i64 = 28;
/// Line spacing in 240ths of a line: Word's and LibreOffice's single line
/// for Times (1.149 em) stretched to the PDF's line pitch, 1.159 em (16.22 pt
/// at 14 pt, measured with `pdftotext -bbox`: the serif's ascender +
/// descender, 0.909 em, plus the layout library's 0.25 em leading). 283 (the
/// pitch had been taken as 1.357 em) made every DOCX line 17% taller than
/// the PDF's.
const LINE: i64 = 242;
/// An empty line's height in em (`blank` in forms/lib/layout.typ).
const BLANK_LINE: f64 = 1.15;
/// Times New Roman is what offices expect to see named.
const FONT: &str = "Times New Roman";

fn twips_mm(mm: f64) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

fn twips_pt(pt: f64) -> i64 {
    (pt * 20.0).round() as i64
}

/// Writes the package.
pub fn package(doc: &Document, title: &str) -> Result<Vec<u8>> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(title)),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", HEADER.to_string()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, body) in parts {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(body.as_bytes())
            .map_err(|e| Error::io("writing DOCX", e))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::zip("DOCX")(e)
}

/// Escapes text for XML, dropping characters XML 1.0 cannot carry.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn document_xml(doc: &Document) -> String {
    let [top, bottom, left, right] = doc.margins_mm.map(twips_mm);
    let (page_w, page_h, orient) = if doc.landscape {
        (PAGE_H, PAGE_W, r#" w:orient="landscape""#)
    } else {
        (PAGE_W, PAGE_H, "")
    };
    let width = page_w - left - right;
    let mut x = String::with_capacity(16 * 1024);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.push_str(concat!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    ));
    blocks(&mut x, &doc.blocks, width);
    let header_distance = twips_mm(doc.margins_mm[0] * 0.4);
    let _ = write!(
        x,
        concat!(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>"#,
            r#"<w:pgSz w:w="{}" w:h="{}"{}/>"#,
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>"#,
            "{}</w:sectPr></w:body></w:document>"
        ),
        page_w,
        page_h,
        orient,
        top,
        right,
        bottom,
        left,
        header_distance,
        header_distance,
        if doc.number_from >= 2 {
            "<w:titlePg/>"
        } else {
            ""
        },
    );
    x
}

/// Block content into `x`, in a column `width` twips wide.
fn blocks(x: &mut String, blocks: &[Block], width: i64) {
    for block in blocks {
        match block {
            Block::Para(p) => para(x, p),
            Block::Table(t) => table(x, t, width),
            Block::Rule { width_pt } => {
                let side = ((width - twips_pt(*width_pt)) / 2).max(0);
                let _ = write!(
                    x,
                    concat!(
                        r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
                        r#"<w:spacing w:before="0" w:after="120" w:line="120" w:lineRule="exact"/>"#,
                        r#"<w:ind w:left="{0}" w:right="{0}"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>"#
                    ),
                    side
                );
            }
            Block::Cut => x.push_str(concat!(
                r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="dashed" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
                r#"<w:spacing w:before="240" w:after="240"/></w:pPr></w:p>"#
            )),
        }
    }
}

fn para(x: &mut String, p: &Para) {
    let repeat = p.blank.unwrap_or(1).max(1);
    for _ in 0..repeat {
        x.push_str("<w:p><w:pPr>");
        if p.keep_with_next {
            x.push_str("<w:keepNext/>");
        }
        if p.blank.is_some() {
            // An empty line is a fixed gap in the layout library
            // (`v(size × 1.15 pt)`, no paragraph spacing): the same here, or
            // three blank lines before a signature are 27 pt taller than in
            // the PDF and push the signature onto another page.
            let gap = twips_pt(p.size_pt.unwrap_or(14.0) * BLANK_LINE);
            let _ = write!(
                x,
                r#"<w:spacing w:before="0" w:after="0" w:line="{gap}" w:lineRule="exact"/>"#
            );
        } else {
            let before = p.before_pt.map_or(0, twips_pt);
            let after = p.after_pt.map_or(120, twips_pt);
            let _ = write!(
                x,
                r#"<w:spacing w:before="{before}" w:after="{after}" w:line="{LINE}" w:lineRule="auto"/>"#
            );
        }
        if p.indent {
            let _ = write!(x, r#"<w:ind w:firstLine="{INDENT}"/>"#);
        }
        let jc = match p.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        };
        let _ = write!(x, r#"<w:jc w:val="{jc}"/>"#);
        if let Some(size) = p.size_pt {
            let _ = write!(
                x,
                r#"<w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
                half_points(size)
            );
        }
        x.push_str("</w:pPr>");
        if p.blank.is_none() {
            for run in &p.runs {
                match run {
                    Run::Text(text, style) => text_run(x, text, style, p.size_pt),
                    Run::Break => x.push_str("<w:r><w:br/></w:r>"),
                }
            }
        }
        x.push_str("</w:p>");
    }
}

fn half_points(pt: f64) -> i64 {
    (pt * 2.0).round() as i64
}

fn text_run(x: &mut String, text: &str, style: &Style, para_size: Option<f64>) {
    x.push_str("<w:r><w:rPr>");
    if style.bold {
        x.push_str("<w:b/><w:bCs/>");
    }
    if style.italic {
        x.push_str("<w:i/><w:iCs/>");
    }
    if style.underline {
        x.push_str(r#"<w:u w:val="single"/>"#);
    }
    if style.boxed {
        x.push_str(r#"<w:bdr w:val="single" w:sz="6" w:space="1" w:color="000000"/>"#);
    }
    if let Some(size) = style.size_pt.or(para_size) {
        let _ = write!(
            x,
            r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(size)
        );
    }
    let _ = write!(
        x,
        r#"</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    );
}

fn table(x: &mut String, t: &Table, width: i64) {
    let total: f64 = t.widths.iter().sum::<f64>().max(1.0);
    let cols: Vec<i64> = t
        .widths
        .iter()
        .map(|w| (width as f64 * w / total).round() as i64)
        .collect();
    let grid = t.style == TableStyle::Grid;
    let _ = write!(
        x,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>"#
    );
    if grid {
        x.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                x,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
            );
        }
        x.push_str("</w:tblBorders>");
    }
    x.push_str(r#"<w:tblLayout w:type="fixed"/><w:tblCellMar>"#);
    let (v, h) = if grid { (60, 80) } else { (0, 0) };
    let _ = write!(
        x,
        r#"<w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/>"#
    );
    x.push_str(r#"</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#);
    for c in &cols {
        let _ = write!(x, r#"<w:gridCol w:w="{c}"/>"#);
    }
    x.push_str("</w:tblGrid>");
    for row in &t.rows {
        table_row(x, row, &cols, grid, h);
    }
    x.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows it.
    x.push_str(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>"#);
}

fn table_row(x: &mut String, row: &Row, cols: &[i64], grid: bool, margin: i64) {
    x.push_str("<w:tr>");
    if row.header || grid {
        x.push_str("<w:trPr>");
        if grid {
            x.push_str("<w:cantSplit/>");
        }
        if row.header {
            x.push_str("<w:tblHeader/>");
        }
        x.push_str("</w:trPr>");
    }
    for (k, cell) in row.cells.iter().enumerate() {
        let w = cols.get(k).copied().unwrap_or(0);
        let _ = write!(x, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
        if grid {
            x.push_str(r#"<w:vAlign w:val="center"/>"#);
        }
        x.push_str("</w:tcPr>");
        let before = x.len();
        blocks(x, cell, w - 2 * margin);
        if x.len() == before {
            // A cell must hold at least one paragraph (tables already end
            // with one).
            x.push_str("<w:p/>");
        }
        x.push_str("</w:tc>");
    }
    x.push_str("</w:tr>");
}

fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#,
            r#"<w:color w:val="000000"/><w:sz w:val="{s}"/><w:szCs w:val="{s}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="{line}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"</w:styles>"#
        ),
        f = FONT,
        s = BODY_HALF_PT,
        line = LINE
    )
}

fn core(title: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>dangvu</dc:creator></cp:coreProperties>"#
        ),
        escape(title)
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#
);

const DOC_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#,
    r#"</Relationships>"#
);

const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

/// The page number, centred in the top margin (pages before `number_from`
/// get the empty first-page header through `w:titlePg`).
const HEADER: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:p><w:pPr><w:pStyle w:val="Header"/><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>"#,
    r#"<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>"#,
    r#"<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
    r#"<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>"#,
    r#"<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r>"#,
    r#"<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#
);
