//! The boundary between dangvu and Typst.
//!
//! A [`RenderWorld`] lets a template see exactly three things: the files of the
//! form folder, the fonts shipped with dangvu, and one virtual JSON file holding
//! the view model Rust prepared for this render (plus `sys.inputs.target`,
//! which output it is compiling for). No system fonts, no network, no package
//! downloads, no clock.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use super::fonts::Fonts;

/// Where the template finds the view model.
pub const VIEW_PATH: &str = "/data/view.json";

/// Which output a compilation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Pages, for the PDF and pictures.
    Paged,
    /// The semantic tree, for the DOCX writer.
    Html,
}

/// What all renders share: the standard library, fonts and the parsed form
/// files. Built once per process (or per `--forms` folder).
pub struct Shared {
    /// One standard library per target, each telling templates its target in
    /// `sys.inputs.target`. Typst's own `target()` needs a `context`, and a
    /// context in every paragraph costs a closure per paragraph on every
    /// render; this way the layout library picks its branch once, when it is
    /// imported.
    paged: LazyHash<Library>,
    html: LazyHash<Library>,
    fonts: Fonts,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    view_id: FileId,
}

impl Shared {
    /// `folder` is every file of the form folder, each with its path relative
    /// to the folder (forward slashes, no leading slash).
    pub fn new<'a>(folder: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Self {
        let library = |target: &str| {
            let mut inputs = Dict::new();
            inputs.insert("target".into(), target.into_value());
            let features = [Feature::Html].into_iter().collect();
            LazyHash::new(
                Library::builder()
                    .with_features(features)
                    .with_inputs(inputs)
                    .build(),
            )
        };
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (path, data) in folder {
            let Some(id) = file_id(&format!("/{path}")) else {
                continue;
            };
            if path.ends_with(".typ")
                && let Ok(text) = String::from_utf8(data.to_vec())
            {
                sources.insert(id, Source::new(id, text));
            }
            files.insert(id, Bytes::new(data.to_vec()));
        }
        let view_id = file_id(VIEW_PATH).expect("the view path is valid");
        Self {
            paged: library("paged"),
            html: library("html"),
            fonts: Fonts::load(),
            sources,
            files,
            view_id,
        }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The file id of a form-folder path such as `/nghi-quyet/template.typ`.
    pub fn main_id(&self, path: &str) -> Option<FileId> {
        let id = file_id(path)?;
        self.sources.contains_key(&id).then_some(id)
    }

    /// The path of a file, for diagnostics.
    pub fn path_of(id: FileId) -> String {
        id.vpath().get_with_slash().to_string()
    }
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One render: the shared world plus this case's view model.
pub struct RenderWorld<'a> {
    pub shared: &'a Shared,
    pub target: Target,
    pub main: FileId,
    pub view: Bytes,
}

impl World for RenderWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        match self.target {
            Target::Paged => &self.shared.paged,
            Target::Html => &self.shared.html,
        }
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        lookup(&self.shared.sources, id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.view_id {
            return Ok(self.view.clone());
        }
        lookup(&self.shared.files, id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.fonts.get(index).cloned()
    }

    /// Templates get no clock: every date they print comes from the case.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// A file the sandbox holds, or `NotFound`: sources and other files are
/// looked up the same way.
fn lookup<T: Clone>(files: &HashMap<FileId, T>, id: FileId) -> FileResult<T> {
    files.get(&id).cloned().ok_or_else(|| not_found(id))
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

impl RenderWorld<'_> {
    /// A parsed form file, for locating diagnostics.
    pub fn shared_source(&self, id: FileId) -> Option<&Source> {
        self.shared.sources.get(&id)
    }
}
