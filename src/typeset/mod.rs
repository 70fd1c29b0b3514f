//! Typesetting: one template, compiled for the paged target (PDF) and for the
//! HTML target (the semantic tree the DOCX writer walks).

pub mod fonts;
pub mod world;

use typst::WorldExt;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Smart};
use typst_html::HtmlDocument;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result, TemplateDiagnostic};
use world::{RenderWorld, Shared, Target};

/// Compiles a template with a view model.
pub struct Typesetter {
    shared: Shared,
}

impl Typesetter {
    pub fn new(shared: Shared) -> Self {
        Self { shared }
    }

    pub fn fonts(&self) -> &fonts::Fonts {
        self.shared.fonts()
    }

    fn world<'a>(&'a self, template: &str, view: &[u8], target: Target) -> Result<RenderWorld<'a>> {
        let main = self
            .shared
            .main_id(template)
            .ok_or_else(|| Error::MissingTemplate(template.to_string()))?;
        Ok(RenderWorld {
            shared: &self.shared,
            target,
            main,
            view: Bytes::new(view.to_vec()),
        })
    }

    /// The laid-out pages.
    pub fn paged(&self, template: &str, view: &[u8]) -> Result<PagedDocument> {
        let world = self.world(template, view, Target::Paged)?;
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        finish(&world, output, &warnings, false)
    }

    /// The PDF, with a stable identifier and no timestamp so that the same
    /// case always gives the same bytes.
    ///
    /// `archival`: for PDF/A-2b, the document's date, which becomes the
    /// creation date of its XMP metadata (PDF/A requires one; the document's
    /// own date keeps the bytes the same for the same case). `None`: a plain
    /// PDF with no date.
    pub fn pdf(
        &self,
        template: &str,
        view: &[u8],
        ident: &str,
        archival: Option<chrono::NaiveDate>,
    ) -> Result<Vec<u8>> {
        let document = self.paged(template, view)?;
        let mut options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some("dangvu".into())),
            ..PdfOptions::default()
        };
        if let Some(date) = archival {
            options.standards = PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| Error::PdfStandard(e.message().to_string()))?;
            options.timestamp = Some(vietnam_day(date)?);
        }
        typst_pdf::pdf(&document, &options).map_err(|diags| {
            let world = self.world(template, view, Target::Paged).ok();
            Error::Template(diagnostics(world.as_ref(), &diags))
        })
    }

    /// One page (0-based `index`) as a PNG picture (a preview; `scale`
    /// pixels per point), with the number of pages the document has. `None`
    /// when the document has no such page.
    pub fn png(
        &self,
        template: &str,
        view: &[u8],
        scale: f64,
        index: usize,
    ) -> Result<(Option<Vec<u8>>, usize)> {
        let document = self.paged(template, view)?;
        let pages = document.pages().len();
        let Some(page) = document.pages().get(index) else {
            return Ok((None, pages));
        };
        let options = typst_render::RenderOptions {
            pixel_per_pt: scale.into(),
            ..Default::default()
        };
        let png = typst_render::render(page, &options)
            .encode_png()
            .map_err(|e| Error::Png(Box::new(e)))?;
        Ok((Some(png), pages))
    }

    /// The semantic tree of the same template, for the DOCX writer.
    pub fn html(&self, template: &str, view: &[u8]) -> Result<HtmlDocument> {
        let world = self.world(template, view, Target::Html)?;
        let Warned { output, warnings } = typst::compile::<HtmlDocument>(&world);
        finish(&world, output, &warnings, true)
    }
}

/// Minutes east of UTC of Vietnam's time (UTC+7, no daylight saving).
const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

/// A document's date as a PDF timestamp: the day, in Vietnam's time zone.
fn vietnam_day(date: chrono::NaiveDate) -> Result<Timestamp> {
    use chrono::Datelike;
    typst::foundations::Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .and_then(|d| Timestamp::new_local(d, VIETNAM_OFFSET_MINUTES))
        .ok_or_else(|| Error::PdfStandard(format!("the date {date} has no PDF timestamp")))
}

/// Turns Typst's result into ours. Warnings count as errors (a template that
/// warns is a template bug), except the notice that HTML export is
/// experimental, which Typst always gives for the HTML target.
fn finish<T>(
    world: &RenderWorld,
    output: typst::diag::SourceResult<T>,
    warnings: &[SourceDiagnostic],
    html: bool,
) -> Result<T> {
    let warnings: Vec<SourceDiagnostic> = warnings
        .iter()
        .filter(|w| {
            !(html
                && w.message
                    .starts_with("html export is under active development"))
        })
        .cloned()
        .collect();
    match output {
        Err(errors) => {
            let mut all = diagnostics(Some(world), &errors);
            all.extend(diagnostics(Some(world), &warnings));
            Err(Error::Template(all))
        }
        Ok(_) if !warnings.is_empty() => Err(Error::Template(diagnostics(Some(world), &warnings))),
        Ok(document) => Ok(document),
    }
}

fn diagnostics(world: Option<&RenderWorld>, diags: &[SourceDiagnostic]) -> Vec<TemplateDiagnostic> {
    diags
        .iter()
        .map(|d| {
            let (file, line) = match (d.span.id(), world) {
                (Some(id), Some(world)) => {
                    let line = world.range(d.span).and_then(|range| {
                        world
                            .shared_source(id)
                            .and_then(|s| s.lines().byte_to_line(range.start))
                    });
                    (Some(Shared::path_of(id)), line.map(|l| l + 1))
                }
                (Some(id), None) => (Some(Shared::path_of(id)), None),
                _ => (None, None),
            };
            TemplateDiagnostic {
                file,
                line,
                message: d.message.to_string(),
            }
        })
        .collect()
}
