//! The product's front door in Rust: case JSON in, a PDF or DOCX out.

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::docx;
use crate::error::{Error, Result};
pub use crate::format::Format;
use crate::forms::catalog::{Catalog, Form};
use crate::forms::files::FormFiles;
use crate::forms::models::Prepared;
use crate::slug::slug;
use crate::typeset::Typesetter;
use crate::typeset::world::Shared;

/// The standard a PDF is written to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PdfStandard {
    /// A plain PDF 1.7 (tagged), with no date: the default.
    #[default]
    Plain,
    /// PDF/A-2b, for archiving (TCVN 14159-1:2024 adopts PDF/A): XMP
    /// identification, every font embedded, no transparency problems. Its
    /// creation date is the document's date, so the bytes stay the same for
    /// the same case.
    A2b,
}

impl PdfStandard {
    /// The names the CLI and the API take (Typst's own spelling).
    pub const NAMES: [(&'static str, Self); 2] = [("pdf", Self::Plain), ("a-2b", Self::A2b)];

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("pdf", |(n, _)| n)
    }
}

impl FromStr for PdfStandard {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map(|(_, standard)| *standard)
            .ok_or_else(|| Error::Config(format!("unknown PDF standard '{s}' (pdf or a-2b)")))
    }
}

/// How to render beyond the format: what a caller (the CLI, the API, the
/// register's `issue`) may choose. The default is what `render` gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// The PDF's standard; other formats ignore it.
    pub pdf_standard: PdfStandard,
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub format: Format,
    /// ASCII file name from the form and the document number.
    pub file_name: String,
}

/// Pixels per point of PNG previews (144 dpi).
const PNG_SCALE: f64 = 2.0;

/// One page of a document as a PNG picture, for previews.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The page; its file name carries the page number.
    pub rendered: Rendered,
    /// How many pages the whole document has.
    pub pages: usize,
}

/// Fonts, parsed templates and the form catalogue, loaded once and shared by
/// every render (it is `Sync`: the server shares one across threads).
pub struct Renderer {
    typesetter: Typesetter,
    catalog: Catalog,
}

impl Renderer {
    /// The forms built into the binary.
    pub fn built_in() -> Result<Self> {
        Self::from_files(&FormFiles::built_in())
    }

    /// The forms in a folder on disk (`--forms DIR`).
    pub fn from_dir(dir: &Path) -> Result<Self> {
        Self::from_files(&FormFiles::from_dir(dir)?)
    }

    pub fn from_files(files: &FormFiles) -> Result<Self> {
        let catalog = Catalog::load(files)?;
        let typesetter = Typesetter::new(Shared::new(files.iter()));
        Ok(Self {
            typesetter,
            catalog,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn form(&self, id: &str) -> Result<&Form> {
        self.catalog.get(id)
    }

    /// Whether the shipped fonts can print `c` (input checks use it).
    pub fn covers(&self, c: char) -> bool {
        self.typesetter.fonts().covers(c)
    }

    /// Validates a case and prepares its view model.
    pub fn prepare(&self, id: &str, case: &[u8]) -> Result<Prepared> {
        let form = self.catalog.get(id)?;
        let fonts = self.typesetter.fonts();
        form.model.prepare(case, &|c| fonts.covers(c))
    }

    /// The laid-out pages of a case (for measurements and previews).
    pub fn paged(&self, id: &str, case: &[u8]) -> Result<typst_layout::PagedDocument> {
        let form = self.catalog.get(id)?;
        let prepared = self.prepare(id, case)?;
        let view = serde_json::to_vec(&prepared.view).map_err(Error::json("the view model"))?;
        crate::workers::install(|| self.typesetter.paged(&form.template, &view))
    }

    pub fn render(&self, id: &str, case: &[u8], format: Format) -> Result<Rendered> {
        self.render_with(id, case, format, RenderOptions::default())
    }

    /// [`Renderer::render`] with options (e.g. a PDF/A-2b archival copy).
    pub fn render_with(
        &self,
        id: &str,
        case: &[u8],
        format: Format,
        options: RenderOptions,
    ) -> Result<Rendered> {
        self.prepare_and_render(id, case, format, options)
            .map(|(_, rendered)| rendered)
    }

    /// [`Renderer::render_with`] that gives the prepared view too (the
    /// register reads the printed number from it), preparing only once.
    pub fn prepare_and_render(
        &self,
        id: &str,
        case: &[u8],
        format: Format,
        options: RenderOptions,
    ) -> Result<(Prepared, Rendered)> {
        let form = self.catalog.get(id)?;
        let prepared = self.prepare(id, case)?;
        let archival = match (format, options.pdf_standard) {
            (Format::Pdf, PdfStandard::A2b) => Some(prepared.date),
            _ => None,
        };
        let rendered =
            crate::workers::install(|| self.render_here(form, &prepared, format, archival))?;
        Ok((prepared, rendered))
    }

    /// Page `page` (1-based) of a case's document as a PNG picture, with the
    /// page count, so a preview can show every page. A page beyond the last
    /// is [`Error::NoSuchPage`].
    pub fn preview(&self, id: &str, case: &[u8], page: usize) -> Result<Preview> {
        let form = self.catalog.get(id)?;
        let prepared = self.prepare(id, case)?;
        let view = serde_json::to_vec(&prepared.view).map_err(Error::json("the view model"))?;
        let index = page.checked_sub(1).unwrap_or(usize::MAX);
        let (png, pages) = crate::workers::install(|| {
            self.typesetter.png(&form.template, &view, PNG_SCALE, index)
        })?;
        let bytes = png.ok_or(Error::NoSuchPage { page, pages })?;
        let suffix = if page == 1 {
            String::new()
        } else {
            format!("_trang-{page}")
        };
        let file_name = format!("{}_{}{suffix}.png", form.id, slug(&prepared.doc_number));
        Ok(Preview {
            rendered: Rendered {
                bytes,
                format: Format::Png,
                file_name,
            },
            pages,
        })
    }

    /// Renders a prepared case, on a thread with the stack layout needs
    /// (see [`crate::workers`]) whichever thread calls.
    pub fn render_prepared(
        &self,
        form: &Form,
        prepared: &Prepared,
        format: Format,
    ) -> Result<Rendered> {
        crate::workers::install(|| self.render_here(form, prepared, format, None))
    }

    /// `archival`: the document's date when the PDF is to be PDF/A-2b.
    fn render_here(
        &self,
        form: &Form,
        prepared: &Prepared,
        format: Format,
        archival: Option<NaiveDate>,
    ) -> Result<Rendered> {
        let view = serde_json::to_vec(&prepared.view).map_err(Error::json("the view model"))?;
        let bytes = match format {
            Format::Pdf => self.typesetter.pdf(
                &form.template,
                &view,
                &format!("{}/{}", form.id, prepared.doc_number),
                archival,
            )?,
            Format::Docx => {
                let html = self.typesetter.html(&form.template, &view)?;
                docx::from_html(
                    &html,
                    &prepared.title,
                    &self.typesetter.fonts().line_boxes(),
                )?
            }
            Format::Png => self
                .typesetter
                .png(&form.template, &view, PNG_SCALE, 0)?
                .0
                .ok_or(Error::NoPage)?,
        };
        let file_name = format!(
            "{}_{}.{}",
            form.id,
            slug(&prepared.doc_number),
            format.extension()
        );
        Ok(Rendered {
            bytes,
            format,
            file_name,
        })
    }
}
