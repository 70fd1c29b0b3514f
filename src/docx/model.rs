//! The document as the DOCX writer sees it: the layout library's HTML
//! vocabulary (see `forms/lib/layout.typ`) read back into plain Rust values.

use typst_html::{HtmlDocument, HtmlElement, HtmlNode};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Top, bottom, left, right, in millimetres.
    pub margins_mm: [f64; 4],
    /// The first page that shows its number (1-based).
    pub number_from: u32,
    pub metrics: Metrics,
    /// An A4 landscape page (a register's wide table).
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

/// The layout library's numbers, read from the document element where
/// `forms/lib/layout.typ` writes them (`_metrics-attrs`): stated once there,
/// so the two formats cannot drift apart. Lengths in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub body_size: f64,
    pub indent_size: f64,
    /// Space after a paragraph (and around tables), before leading.
    pub gap: f64,
    /// Space between lines, in em of the paragraph's text.
    pub leading_em: f64,
    pub number_size: f64,
    /// How far above the text block the page number sits, as a share of the
    /// top margin.
    pub number_ascent: f64,
    /// An empty line's height in em of its size.
    pub blank_line_em: f64,
    pub rule_above: f64,
    pub rule_below: f64,
    pub rule_stroke: f64,
    pub cell_inset_x: f64,
    pub cell_inset_y: f64,
    pub cell_stroke: f64,
    /// Space below side-by-side blocks (header, signature).
    pub row_below: f64,
    /// Space above and below a cut line.
    pub cut_space: f64,
}

impl Metrics {
    fn from_element(e: &HtmlElement) -> Result<Self> {
        let n = |name: &str| required_num(e, name);
        Ok(Self {
            body_size: n("data-body-size")?,
            indent_size: n("data-indent-size")?,
            gap: n("data-gap")?,
            leading_em: n("data-leading")?,
            number_size: n("data-number-size")?,
            number_ascent: n("data-number-ascent")?,
            blank_line_em: n("data-blank-line")?,
            rule_above: n("data-rule-above")?,
            rule_below: n("data-rule-below")?,
            rule_stroke: n("data-rule-stroke")?,
            cell_inset_x: n("data-cell-inset-x")?,
            cell_inset_y: n("data-cell-inset-y")?,
            cell_stroke: n("data-cell-stroke")?,
            row_below: n("data-row-below")?,
            cut_space: n("data-cut-space")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// A short centred rule, `width_pt` long.
    Rule {
        width_pt: f64,
    },
    /// A dashed line across the column, where a page is to be cut.
    Cut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    Left,
    Center,
    Right,
    #[default]
    Both,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    pub align: Align,
    pub indent: bool,
    pub size_pt: Option<f64>,
    pub before_pt: Option<f64>,
    pub after_pt: Option<f64>,
    pub keep_with_next: bool,
    /// An empty paragraph repeated this many times (room to sign, a gap).
    pub blank: Option<u32>,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub boxed: bool,
    pub size_pt: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Text(String, Style),
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    /// Every border drawn; the header row repeats on each page.
    Grid,
    /// No borders: blocks side by side.
    Layout,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub style: TableStyle,
    /// Column widths in percent of the available width.
    pub widths: Vec<f64>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub header: bool,
    pub cells: Vec<Vec<Block>>,
}

/// The layout library's HTML vocabulary (`forms/lib/layout.typ`), declared
/// once: each element the DOCX writer reads, with the `data-*` attributes it
/// may carry. Anything else in the tree is an error, never silently dropped:
/// plain Typst markup (`= heading` gives `<h2>`, `- item` gives `<ul>`) has
/// no place in a party document's layout and would vanish from the DOCX.
const VOCABULARY: &[(&str, &[&str])] = &[
    (
        "div",
        &[
            "data-dv",
            "data-margins",
            "data-number-from",
            "data-orientation",
        ],
    ),
    (
        "p",
        &[
            "data-align",
            "data-indent",
            "data-size",
            "data-before",
            "data-after",
            "data-keep",
            "data-blank",
        ],
    ),
    ("table", &["data-style", "data-widths"]),
    ("tr", &["data-header"]),
    ("td", &[]),
    ("th", &[]),
    ("hr", &["data-width"]),
    ("span", &["data-size", "data-box"]),
    ("strong", &[]),
    ("em", &[]),
    ("u", &[]),
    ("br", &[]),
];

/// Attributes of the document element besides those in [`VOCABULARY`]: the
/// layout numbers ([`Metrics`]).
const METRIC_ATTRIBUTES: &[&str] = &[
    "data-body-size",
    "data-indent-size",
    "data-gap",
    "data-leading",
    "data-number-size",
    "data-number-ascent",
    "data-blank-line",
    "data-rule-above",
    "data-rule-below",
    "data-rule-stroke",
    "data-cell-inset-x",
    "data-cell-inset-y",
    "data-cell-stroke",
    "data-row-below",
    "data-cut-space",
];

/// Checks an element against [`VOCABULARY`]: a known tag with known
/// attributes (the document element may also carry the metrics).
fn checked(e: &HtmlElement) -> Result<String> {
    let name = tag(e);
    let Some((_, allowed)) = VOCABULARY.iter().find(|(t, _)| *t == name) else {
        return Err(unknown_element(&name));
    };
    let is_document = attr(e, "data-dv").as_deref() == Some("document");
    for (key, _) in &e.attrs.0 {
        let key = key.resolve();
        let known = allowed.contains(&&*key) || (is_document && METRIC_ATTRIBUTES.contains(&&*key));
        if !known {
            return Err(malformed(&format!(
                "<{name}> has an unknown attribute {key}"
            )));
        }
    }
    Ok(name)
}

fn unknown_element(name: &str) -> Error {
    let hint = match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            " (a Typst heading `= ...`: use dv.heading-line)"
        }
        "ul" | "ol" | "li" | "dl" | "dt" | "dd" => {
            " (a Typst list `- ...` or `+ ...`: write paragraphs with dv.para)"
        }
        _ => "",
    };
    malformed(&format!(
        "<{name}> is not in the layout library's vocabulary{hint}"
    ))
}

impl Document {
    /// Reads the HTML tree of a compiled template.
    pub fn from_html(doc: &HtmlDocument) -> Result<Self> {
        let root = find(doc.root(), &|e| {
            attr(e, "data-dv").as_deref() == Some("document")
        })
        .ok_or_else(|| malformed("the template does not wrap its body in dv.document"))?;
        checked(root)?;
        let margins = attr(root, "data-margins").unwrap_or_default();
        let margins: Vec<f64> = margins
            .split(',')
            .map(|m| {
                m.trim()
                    .parse()
                    .map_err(|_| unparsable(root, "data-margins"))
            })
            .collect::<Result<_>>()?;
        let margins_mm: [f64; 4] = margins
            .try_into()
            .map_err(|_| malformed("data-margins needs four numbers"))?;
        let number_from = num(root, "data-number-from")?.map_or(2, |n| n as u32);
        let metrics = Metrics::from_element(root)?;
        let landscape = match attr(root, "data-orientation").as_deref() {
            None => false,
            Some("landscape") => true,
            Some(other) => {
                return Err(malformed(&format!(
                    "<div> data-orientation={other:?} is not \"landscape\""
                )));
            }
        };
        let blocks = blocks(&root.children)?;
        Ok(Self {
            margins_mm,
            number_from,
            metrics,
            landscape,
            blocks,
        })
    }
}

fn malformed(what: &str) -> Error {
    Error::MalformedHtml(what.to_string())
}

fn unparsable(e: &HtmlElement, name: &str) -> Error {
    malformed(&format!(
        "<{}> {name}={:?} is not a number",
        tag(e),
        attr(e, name).unwrap_or_default()
    ))
}

fn tag(e: &HtmlElement) -> String {
    e.tag.resolve().to_string()
}

fn attr(e: &HtmlElement, name: &str) -> Option<String> {
    e.attrs
        .0
        .iter()
        .find(|(k, _)| &*k.resolve() == name)
        .map(|(_, v)| v.to_string())
}

/// A numeric attribute: absent is `None`, present but not a number an error.
fn num(e: &HtmlElement, name: &str) -> Result<Option<f64>> {
    attr(e, name)
        .map(|v| v.trim().parse().map_err(|_| unparsable(e, name)))
        .transpose()
}

fn required_num(e: &HtmlElement, name: &str) -> Result<f64> {
    num(e, name)?.ok_or_else(|| malformed(&format!("<{}> lacks {name}", tag(e))))
}

fn find<'a>(e: &'a HtmlElement, pred: &dyn Fn(&HtmlElement) -> bool) -> Option<&'a HtmlElement> {
    if pred(e) {
        return Some(e);
    }
    e.children.iter().find_map(|c| match c {
        HtmlNode::Element(child) => find(child, pred),
        _ => None,
    })
}

fn picture_only() -> Error {
    malformed("a template used content that only exists as a picture")
}

/// Block-level children.
fn blocks(nodes: &[HtmlNode]) -> Result<Vec<Block>> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            HtmlNode::Element(e) => out.push(block(e)?),
            HtmlNode::Text(t, _) if t.trim().is_empty() => {}
            HtmlNode::Text(t, _) => {
                // Loose text at block level: keep it as a plain paragraph.
                out.push(Block::Para(Para {
                    runs: vec![Run::Text(t.to_string(), Style::default())],
                    ..Para::default()
                }));
            }
            HtmlNode::Tag(_) => {}
            HtmlNode::Frame(_) => return Err(picture_only()),
        }
    }
    Ok(out)
}

fn block(e: &HtmlElement) -> Result<Block> {
    let name = checked(e)?;
    Ok(match name.as_str() {
        "p" => Block::Para(para(e)?),
        "table" => Block::Table(table(e)?),
        "hr" => Block::Rule {
            width_pt: num(e, "data-width")?.unwrap_or(100.0),
        },
        "div" if attr(e, "data-dv").as_deref() == Some("cut") => Block::Cut,
        other => {
            return Err(malformed(&format!(
                "<{other}> where a paragraph, table or rule belongs"
            )));
        }
    })
}

fn para(e: &HtmlElement) -> Result<Para> {
    let align = match attr(e, "data-align").as_deref() {
        None | Some("both") => Align::Both,
        Some("left") => Align::Left,
        Some("center") => Align::Center,
        Some("right") => Align::Right,
        Some(other) => {
            return Err(malformed(&format!(
                "<p> data-align={other:?} is not an alignment"
            )));
        }
    };
    let mut runs = Vec::new();
    inline(&e.children, &Style::default(), &mut runs)?;
    Ok(Para {
        align,
        indent: attr(e, "data-indent").is_some(),
        size_pt: num(e, "data-size")?,
        before_pt: num(e, "data-before")?,
        after_pt: num(e, "data-after")?,
        keep_with_next: attr(e, "data-keep").is_some(),
        blank: num(e, "data-blank")?.map(|n| n as u32),
        runs,
    })
}

fn inline(nodes: &[HtmlNode], style: &Style, runs: &mut Vec<Run>) -> Result<()> {
    for node in nodes {
        match node {
            HtmlNode::Text(t, _) => match runs.last_mut() {
                Some(Run::Text(prev, s)) if s == style => prev.push_str(t),
                _ => runs.push(Run::Text(t.to_string(), style.clone())),
            },
            HtmlNode::Element(e) => {
                let mut s = style.clone();
                match checked(e)?.as_str() {
                    "br" => {
                        runs.push(Run::Break);
                        continue;
                    }
                    "strong" => s.bold = true,
                    "em" => s.italic = true,
                    "u" => s.underline = true,
                    "span" => {
                        if let Some(size) = num(e, "data-size")? {
                            s.size_pt = Some(size);
                        }
                        if attr(e, "data-box").is_some() {
                            s.boxed = true;
                        }
                    }
                    // Typst may wrap inline content in a paragraph of its own.
                    "p" => {}
                    other => {
                        return Err(malformed(&format!(
                            "unexpected <{other}> inside a paragraph"
                        )));
                    }
                }
                inline(&e.children, &s, runs)?;
            }
            HtmlNode::Tag(_) => {}
            HtmlNode::Frame(_) => return Err(picture_only()),
        }
    }
    Ok(())
}

fn table(e: &HtmlElement) -> Result<Table> {
    let style = match attr(e, "data-style").as_deref() {
        Some("layout") => TableStyle::Layout,
        None | Some("grid") => TableStyle::Grid,
        Some(other) => {
            return Err(malformed(&format!(
                "<table> data-style={other:?} is not grid or layout"
            )));
        }
    };
    let widths: Vec<f64> = attr(e, "data-widths")
        .unwrap_or_default()
        .split(',')
        .map(|w| w.trim().parse().map_err(|_| unparsable(e, "data-widths")))
        .collect::<Result<_>>()?;
    let mut rows = Vec::new();
    for node in &e.children {
        match node {
            HtmlNode::Element(tr) if checked(tr)? == "tr" => rows.push(row(tr)?),
            HtmlNode::Element(other) => {
                return Err(malformed(&format!("<{}> inside a table", tag(other))));
            }
            _ => {}
        }
    }
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if widths.len() != columns {
        return Err(malformed(
            "a table's data-widths does not match its columns",
        ));
    }
    Ok(Table {
        style,
        widths,
        rows,
    })
}

fn row(tr: &HtmlElement) -> Result<Row> {
    let mut cells = Vec::new();
    for node in &tr.children {
        match node {
            HtmlNode::Element(cell) if matches!(checked(cell)?.as_str(), "td" | "th") => {
                cells.push(blocks(&cell.children)?)
            }
            HtmlNode::Element(other) => {
                return Err(malformed(&format!("<{}> inside a table row", tag(other))));
            }
            _ => {}
        }
    }
    Ok(Row {
        header: attr(tr, "data-header").is_some(),
        cells,
    })
}
