//! OOXML for a [`Document`]: the parts of a minimal WordprocessingML package,
//! zipped with fixed timestamps so the same document gives the same bytes.

use std::fmt::Write as _;

use super::model::{Align, Block, Document, Metrics, Para, Row, Run, Style, Table, TableStyle};
use super::package::{self, escape};
use crate::error::Result;
use crate::typeset::fonts::LineBoxes;

/// A4 in twentieths of a point.
const PAGE_W: i64 = 11906;
const PAGE_H: i64 = 16838;
/// Times New Roman is what offices expect to see named.
const FONT: &str = "Times New Roman";

fn twips_mm(mm: f64) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

fn twips_pt(pt: f64) -> i64 {
    (pt * 20.0).round() as i64
}

/// Writes the package. `lines` are the line boxes of the PDF's fonts, which
/// with the layout library's leading give the PDF's line pitch.
pub fn package(doc: &Document, title: &str, lines: &LineBoxes) -> Result<Vec<u8>> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        (
            "docProps/core.xml",
            package::core_properties(title, Some("dangvu")),
        ),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document_xml(doc, lines)),
        ("word/styles.xml", styles(&doc.metrics)),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", header(&doc.metrics, lines.regular)),
    ];
    let parts = parts.iter().map(|(name, text)| (*name, text.as_str()));
    package::zip(package::Kind::Docx, parts)
}

fn document_xml(doc: &Document, lines: &LineBoxes) -> String {
    let [top, bottom, left, right] = doc.margins_mm.map(twips_mm);
    // A line in the DOCX carries its leading below the text; the PDF's last
    // line on a page needs no room for it. The text block reaches that much
    // lower, so that the same lines fit on a page.
    let bottom = bottom - twips_pt(doc.metrics.leading_em * doc.metrics.body_size);
    let (page_w, page_h, orient) = if doc.landscape {
        (PAGE_H, PAGE_W, r#" w:orient="landscape""#)
    } else {
        (PAGE_W, PAGE_H, "")
    };
    let width = page_w - left - right;
    let mut x = String::with_capacity(16 * 1024);
    x.push_str(package::declaration!());
    x.push_str(concat!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    ));
    Flow::new(&mut x, &doc.metrics, lines).blocks(&doc.blocks, width);
    // The PDF raises the page number's line box by a share of the top
    // margin above the text block; Word measures from the page's top edge.
    let m = &doc.metrics;
    let number_top =
        doc.margins_mm[0] * (1.0 - m.number_ascent) * 72.0 / 25.4 - lines.regular * m.number_size;
    let header_distance = twips_pt(number_top.max(0.0));
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

/// Writes blocks with the PDF's vertical metrics, so that Word and
/// LibreOffice break pages where the PDF does.
///
/// Every line gets an exact height: the font's line box for the largest
/// text on it plus the leading, as in the PDF. Spacing between blocks
/// differs in kind: Typst collapses a block's space below with the next
/// block's space above (the larger wins, also across empty lines), where
/// Word adds the two. `below` is the space the last block left, already
/// written; the next block writes only what exceeds it.
struct Flow<'a> {
    x: &'a mut String,
    m: &'a Metrics,
    lines: &'a LineBoxes,
    below: f64,
    /// Twips written so far beyond the PDF's heights. Word takes line
    /// heights in whole twips; a 14 pt line is 324.5 of them, and rounding
    /// every line the same way would move the fortieth line of a page by a
    /// point. Rounding each paragraph against the drift keeps it within
    /// a line's rounding.
    drift: f64,
}

impl<'a> Flow<'a> {
    /// At the top of a page or cell, Typst drops the space above a block.
    fn new(x: &'a mut String, m: &'a Metrics, lines: &'a LineBoxes) -> Self {
        Self {
            x,
            m,
            lines,
            below: f64::INFINITY,
            drift: 0.0,
        }
    }

    /// The leading below a paragraph's last line: in the PDF it belongs to
    /// the space below (in em of the body text), in the DOCX to the line.
    fn body_leading(&self) -> f64 {
        self.m.leading_em * self.m.body_size
    }

    /// Block content in a column `width` twips wide.
    fn blocks(&mut self, blocks: &[Block], width: i64) {
        for (k, block) in blocks.iter().enumerate() {
            let last = k + 1 == blocks.len();
            match block {
                Block::Para(p) => self.para(p, last, width),
                Block::Table(t) => self.table(t, width, last),
                Block::Rule { width_pt } => {
                    let side = ((width - twips_pt(*width_pt)) / 2).max(0);
                    let (above, below) = (self.m.rule_above, self.m.rule_below);
                    self.line(above, below, "single", side);
                }
                Block::Cut => {
                    let space = self.m.cut_space;
                    self.line(space, space, "dashed", 0);
                }
            }
        }
    }

    /// A horizontal line (a paragraph's bottom border) `side` twips in from
    /// each edge, with the PDF's space around it.
    fn line(&mut self, above: f64, below: f64, kind: &str, side: i64) {
        let stroke = self.m.rule_stroke;
        let before = twips_pt((above - self.below).max(0.0));
        let after = twips_pt((below - MIN_LINE_PT - stroke).max(0.0));
        let _ = write!(
            self.x,
            concat!(
                r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="{kind}" w:sz="{sz}" w:space="0" w:color="000000"/></w:pBdr>"#,
                r#"<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>"#,
                r#"<w:ind w:left="{side}" w:right="{side}"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>"#
            ),
            kind = kind,
            sz = eighths(stroke),
            before = before,
            after = after,
            line = twips_pt(MIN_LINE_PT),
            side = side,
        );
        self.below = below;
    }

    /// An empty paragraph of an exact height: space the DOCX must hold
    /// where the PDF has spacing and Word needs a paragraph.
    fn spacer(&mut self, pt: f64) {
        let _ = write!(
            self.x,
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>"#,
            twips_pt(pt.max(MIN_LINE_PT))
        );
    }

    /// Empty lines: a fixed gap (`v` in the layout library), which the
    /// spacing of the blocks around it collapses across.
    fn blank(&mut self, n: u32, size: f64) {
        let gap = twips_pt(size * self.m.blank_line_em);
        for _ in 0..n.max(1) {
            let _ = write!(
                self.x,
                r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{gap}" w:lineRule="exact"/>{}</w:pPr></w:p>"#,
                size_rpr(size)
            );
        }
    }

    /// A paragraph's exact line height in twips: the tallest line box of
    /// its text (the faces differ) plus the leading, rounded against the
    /// drift.
    fn line_height(&mut self, p: &Para, size: f64, width: i64) -> i64 {
        let line_box = p
            .runs
            .iter()
            .filter_map(|r| match r {
                Run::Text(t, s) if !t.trim().is_empty() => {
                    Some(self.lines.face(s.bold, s.italic) * s.size_pt.unwrap_or(size))
                }
                _ => None,
            })
            .reduce(f64::max)
            .unwrap_or(self.lines.regular * size);
        let glyphs = p
            .runs
            .iter()
            .filter_map(|r| match r {
                Run::Text(_, s) => s.size_pt,
                Run::Break => None,
            })
            .fold(size, f64::max);
        let exact = (line_box + self.m.leading_em * size) * 20.0;
        let lines = estimated_lines(p, glyphs, width as f64 / 20.0);
        let line = (exact - self.drift / lines).round() as i64;
        self.drift += (line as f64 - exact) * lines;
        line
    }

    fn para(&mut self, p: &Para, last_in_cell: bool, width: i64) {
        let size = p.size_pt.unwrap_or(self.m.body_size);
        if let Some(n) = p.blank {
            self.blank(n, size);
            return;
        }
        let leading = self.m.leading_em * size;
        let line = self.line_height(p, size, width);
        let below = p.after_pt.unwrap_or(self.m.gap) + self.body_leading();
        let before = twips_pt((p.before_pt.unwrap_or(0.0) - self.below).max(0.0));
        // The last paragraph of a cell has no space below in the PDF; its
        // leading is made up by the table (see `table`).
        let after = if last_in_cell {
            0
        } else {
            twips_pt((below - leading).max(0.0))
        };
        self.below = below;
        self.x.push_str("<w:p><w:pPr>");
        if p.keep_with_next {
            self.x.push_str("<w:keepNext/>");
        }
        let _ = write!(
            self.x,
            r#"<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>"#
        );
        if p.indent {
            let _ = write!(
                self.x,
                r#"<w:ind w:firstLine="{}"/>"#,
                twips_pt(self.m.indent_size)
            );
        }
        let jc = match p.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        };
        let _ = write!(self.x, r#"<w:jc w:val="{jc}"/>"#);
        if p.size_pt.is_some() {
            self.x.push_str(&size_rpr(size));
        }
        self.x.push_str("</w:pPr>");
        for run in &p.runs {
            match run {
                Run::Text(text, style) => text_run(self.x, text, style, p.size_pt),
                Run::Break => self.x.push_str("<w:r><w:br/></w:r>"),
            }
        }
        self.x.push_str("</w:p>");
    }

    /// A table. The space above it, which Word has no place for, is an
    /// empty paragraph; so is the space below (Word needs a paragraph after
    /// a table anyway).
    fn table(&mut self, t: &Table, width: i64, last_in_cell: bool) {
        let grid = t.style == TableStyle::Grid;
        let (above, below) = if grid {
            (self.m.gap, self.m.gap)
        } else {
            (0.0, self.m.row_below)
        };
        if above > self.below {
            self.spacer(above - self.below.min(above));
        }
        let padding = self.padding(t);
        table_properties(self.x, t, width, &padding, self.m.cell_stroke);
        let cols = column_widths(t, width);
        for row in &t.rows {
            self.table_row(row, &cols, &padding);
        }
        self.x.push_str("</w:tbl>");
        // A layout cell's last line carries its leading in the DOCX, not in
        // the PDF: the space below gives it back.
        // At the end of a cell or of the document the PDF drops the space
        // below; Word still needs the paragraph.
        // A bordered table has one border more than rows (see `padding`).
        let taken = if grid {
            eighths(self.m.cell_stroke) as f64 / 8.0
        } else {
            self.body_leading()
        };
        self.spacer(if last_in_cell {
            MIN_LINE_PT
        } else {
            below - taken
        });
        self.below = below;
    }

    /// Cell padding. A bordered cell's last line carries its leading in
    /// the DOCX, not in the PDF; LibreOffice adds a border's width to each
    /// row, where the PDF draws strokes over the cells; and the line height
    /// was rounded to whole twips: the vertical padding gives all three back.
    fn padding(&self, t: &Table) -> Padding {
        if t.style == TableStyle::Layout {
            return Padding::default();
        }
        let size = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .find_map(|b| match b {
                Block::Para(p) => p.size_pt,
                _ => None,
            })
            .unwrap_or(self.m.body_size);
        let leading = self.m.leading_em * size;
        let line = (self.lines.regular * size + leading) * 20.0;
        let border = eighths(self.m.cell_stroke) as f64 * 2.5;
        let total = 20.0 * (2.0 * self.m.cell_inset_y - leading) - border + (line - line.round());
        let total = total.round().max(0.0) as i64;
        Padding {
            top: total / 2,
            bottom: total - total / 2,
            side: twips_pt(self.m.cell_inset_x),
        }
    }

    fn table_row(&mut self, row: &Row, cols: &[i64], padding: &Padding) {
        let grid = padding.side > 0;
        // Rows stay on one page: the PDF's table rows and side-by-side
        // blocks (`breakable: false`) do.
        self.x.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if row.header {
            self.x.push_str("<w:tblHeader/>");
        }
        self.x.push_str("</w:trPr>");
        for (k, cell) in row.cells.iter().enumerate() {
            let w = cols.get(k).copied().unwrap_or(0);
            let _ = write!(self.x, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
            if grid {
                self.x.push_str(r#"<w:vAlign w:val="center"/>"#);
            }
            self.x.push_str("</w:tcPr>");
            let before = self.x.len();
            Flow::new(self.x, self.m, self.lines).blocks(cell, w - 2 * padding.side);
            if self.x.len() == before {
                // A cell must hold at least one paragraph.
                self.x.push_str("<w:p/>");
            }
            self.x.push_str("</w:tc>");
        }
        self.x.push_str("</w:tr>");
    }
}

/// A table's cell padding, in twips.
#[derive(Debug, Default)]
struct Padding {
    top: i64,
    bottom: i64,
    side: i64,
}

/// The shortest exact line height written, for rules and spacers.
const MIN_LINE_PT: f64 = 0.05;

/// About how many lines a paragraph takes (for [`Flow::drift`] only): an
/// average glyph of the serif is under half an em wide.
fn estimated_lines(p: &Para, size: f64, width_pt: f64) -> f64 {
    let mut lines = 1.0;
    let mut chars = 0usize;
    for run in &p.runs {
        match run {
            Run::Text(text, _) => chars += text.chars().count(),
            Run::Break => {
                lines += (chars as f64 * 0.45 * size / width_pt.max(1.0)).floor();
                lines += 1.0;
                chars = 0;
            }
        }
    }
    lines + (chars as f64 * 0.45 * size / width_pt.max(1.0)).floor()
}

/// A border width in eighths of a point, as Word writes it.
fn eighths(pt: f64) -> i64 {
    (pt * 8.0).round().max(2.0) as i64
}

fn size_rpr(size: f64) -> String {
    format!(
        r#"<w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
        half_points(size)
    )
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

fn column_widths(t: &Table, width: i64) -> Vec<i64> {
    let total: f64 = t.widths.iter().sum::<f64>().max(1.0);
    t.widths
        .iter()
        .map(|w| (width as f64 * w / total).round() as i64)
        .collect()
}

/// `<w:tbl>` and its properties, up to the first row.
fn table_properties(x: &mut String, t: &Table, width: i64, padding: &Padding, cell_stroke: f64) {
    let _ = write!(
        x,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>"#
    );
    if t.style == TableStyle::Grid {
        x.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                x,
                r#"<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>"#,
                sz = eighths(cell_stroke)
            );
        }
        x.push_str("</w:tblBorders>");
    }
    let _ = write!(
        x,
        concat!(
            r#"<w:tblLayout w:type="fixed"/><w:tblCellMar>"#,
            r#"<w:top w:w="{top}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/><w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>"#,
            r#"</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
        ),
        top = padding.top,
        bottom = padding.bottom,
        side = padding.side,
    );
    for c in column_widths(t, width) {
        let _ = write!(x, r#"<w:gridCol w:w="{c}"/>"#);
    }
    x.push_str("</w:tblGrid>");
}

fn styles(m: &Metrics) -> String {
    format!(
        concat!(
            package::declaration!(),
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#,
            r#"<w:color w:val="000000"/><w:sz w:val="{s}"/><w:szCs w:val="{s}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="{after}"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"</w:styles>"#
        ),
        f = FONT,
        s = half_points(m.body_size),
        after = twips_pt(m.gap),
    )
}

/// The page number, centred in the top margin (pages before `number_from`
/// get the empty first-page header through `w:titlePg`).
fn header(m: &Metrics, line_em: f64) -> String {
    let field = |inner: &str| {
        format!(
            r#"<w:r><w:rPr><w:sz w:val="{}"/></w:rPr>{inner}</w:r>"#,
            half_points(m.number_size)
        )
    };
    [
        package::declaration!().to_string(),
        r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
            .to_string(),
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Header"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>"#,
            // Leading as a body line has it: LibreOffice takes a line
            // shorter than the font's from above the text.
            twips_pt((line_em + m.leading_em) * m.number_size)
        ),
        field(r#"<w:fldChar w:fldCharType="begin"/>"#),
        field(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        field(r#"<w:fldChar w:fldCharType="separate"/>"#),
        field("<w:t>2</w:t>"),
        field(r#"<w:fldChar w:fldCharType="end"/>"#),
        "</w:p></w:hdr>".to_string(),
    ]
    .concat()
}

const CONTENT_TYPES: &str = package::content_types!(
    "/word/document.xml" => "wordprocessingml.document.main",
    "/word/styles.xml" => "wordprocessingml.styles",
    "/word/settings.xml" => "wordprocessingml.settings",
    "/word/header1.xml" => "wordprocessingml.header",
);

const ROOT_RELS: &str = package::root_relationships!("word/document.xml");

const DOC_RELS: &str = package::relationships!(
    "rIdStyles" => "styles", "styles.xml";
    "rIdSettings" => "settings", "settings.xml";
    "rIdHeader1" => "header", "header1.xml";
);

const SETTINGS: &str = concat!(
    package::declaration!(),
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);
