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
    /// An A4 landscape page (a register's wide table).
    pub landscape: bool,
    pub blocks: Vec<Block>,
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

impl Document {
    /// Reads the HTML tree of a compiled template.
    pub fn from_html(doc: &HtmlDocument) -> Result<Self> {
        let root = find(doc.root(), &|e| {
            attr(e, "data-dv").as_deref() == Some("document")
        })
        .ok_or_else(|| malformed("the template does not wrap its body in dv.document"))?;
        let margins = attr(root, "data-margins").unwrap_or_default();
        let margins: Vec<f64> = margins
            .split(',')
            .filter_map(|m| m.trim().parse().ok())
            .collect();
        let margins_mm: [f64; 4] = margins
            .try_into()
            .map_err(|_| malformed("data-margins needs four numbers"))?;
        let number_from = num(root, "data-number-from").map_or(2, |n| n as u32);
        let landscape = attr(root, "data-orientation").as_deref() == Some("landscape");
        let blocks = blocks(&root.children)?;
        Ok(Self {
            margins_mm,
            number_from,
            landscape,
            blocks,
        })
    }
}

fn malformed(what: &str) -> Error {
    Error::MalformedHtml(what.to_string())
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

fn num(e: &HtmlElement, name: &str) -> Option<f64> {
    attr(e, name).and_then(|v| v.parse().ok())
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

/// Block-level children. Containers without meaning of their own (`div`,
/// Typst's wrappers) are looked through.
fn blocks(nodes: &[HtmlNode]) -> Result<Vec<Block>> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            HtmlNode::Element(e) => block(e, &mut out)?,
            HtmlNode::Text(t, _) if t.trim().is_empty() => {}
            HtmlNode::Text(t, _) => {
                // Loose text at block level: keep it as a plain paragraph.
                let style = Style::default();
                out.push(Block::Para(Para {
                    runs: vec![Run::Text(t.to_string(), style)],
                    ..Para::default()
                }));
            }
            HtmlNode::Tag(_) => {}
            HtmlNode::Frame(_) => {
                return Err(malformed(
                    "a template used content that only exists as a picture",
                ));
            }
        }
    }
    Ok(out)
}

fn block(e: &HtmlElement, out: &mut Vec<Block>) -> Result<()> {
    match tag(e).as_str() {
        "p" => out.push(Block::Para(para(e)?)),
        "table" => out.push(Block::Table(table(e)?)),
        "hr" => out.push(Block::Rule {
            width_pt: num(e, "data-width").unwrap_or(100.0),
        }),
        "div" if attr(e, "data-dv").as_deref() == Some("cut") => out.push(Block::Cut),
        _ => out.extend(blocks(&e.children)?),
    }
    Ok(())
}

fn para(e: &HtmlElement) -> Result<Para> {
    let align = match attr(e, "data-align").as_deref() {
        Some("left") => Align::Left,
        Some("center") => Align::Center,
        Some("right") => Align::Right,
        _ => Align::Both,
    };
    let mut runs = Vec::new();
    inline(&e.children, &Style::default(), &mut runs)?;
    Ok(Para {
        align,
        indent: attr(e, "data-indent").is_some(),
        size_pt: num(e, "data-size"),
        before_pt: num(e, "data-before"),
        after_pt: num(e, "data-after"),
        keep_with_next: attr(e, "data-keep").is_some(),
        blank: num(e, "data-blank").map(|n| n as u32),
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
                match tag(e).as_str() {
                    "br" => {
                        runs.push(Run::Break);
                        continue;
                    }
                    "strong" | "b" => s.bold = true,
                    "em" | "i" => s.italic = true,
                    "u" => s.underline = true,
                    "span" => {
                        if let Some(size) = num(e, "data-size") {
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
            HtmlNode::Frame(_) => {
                return Err(malformed(
                    "a template used content that only exists as a picture",
                ));
            }
        }
    }
    Ok(())
}

fn table(e: &HtmlElement) -> Result<Table> {
    let style = match attr(e, "data-style").as_deref() {
        Some("layout") => TableStyle::Layout,
        _ => TableStyle::Grid,
    };
    let widths: Vec<f64> = attr(e, "data-widths")
        .unwrap_or_default()
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .collect();
    let mut rows = Vec::new();
    collect_rows(&e.children, &mut rows)?;
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

fn collect_rows(nodes: &[HtmlNode], rows: &mut Vec<Row>) -> Result<()> {
    for node in nodes {
        let HtmlNode::Element(e) = node else { continue };
        match tag(e).as_str() {
            "tr" => {
                let mut cells = Vec::new();
                for c in &e.children {
                    if let HtmlNode::Element(cell) = c
                        && matches!(tag(cell).as_str(), "td" | "th")
                    {
                        cells.push(blocks(&cell.children)?);
                    }
                }
                rows.push(Row {
                    header: attr(e, "data-header").is_some(),
                    cells,
                });
            }
            _ => collect_rows(&e.children, rows)?,
        }
    }
    Ok(())
}
