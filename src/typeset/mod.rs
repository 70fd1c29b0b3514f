//! Typesetting: one template, compiled for the paged target (PDF) and for the
//! HTML target (the semantic tree the DOCX writer walks).

pub mod fonts;
pub mod world;

use typst::WorldExt;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Smart};
use typst_html::HtmlDocument;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

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
            .ok_or_else(|| Error::Config(format!("template {template} not found")))?;
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
    pub fn pdf(&self, template: &str, view: &[u8], ident: &str) -> Result<Vec<u8>> {
        let document = self.paged(template, view)?;
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some("dangvu".into())),
            ..PdfOptions::default()
        };
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
            .map_err(|e| Error::Config(format!("cannot encode PNG: {e}")))?;
        Ok((Some(png), pages))
    }

    /// The semantic tree of the same template, for the DOCX writer.
    pub fn html(&self, template: &str, view: &[u8]) -> Result<HtmlDocument> {
        let world = self.world(template, view, Target::Html)?;
        let Warned { output, warnings } = typst::compile::<HtmlDocument>(&world);
        finish(&world, output, &warnings, true)
    }
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
