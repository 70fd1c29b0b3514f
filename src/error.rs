//! One error type for the whole crate.

use std::fmt;

/// A problem with the case data: which field, and why (in Vietnamese, for the
/// clerk who wrote it). Defined with the rules that find most of them.
pub use crate::rules::vote::{Problem, RosterCell};

/// A template diagnostic, located in the form folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDiagnostic {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for TemplateDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: {}", self.message),
            (Some(file), None) => write!(f, "{file}: {}", self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

/// Why dangvu could not do what it was asked. Each cause has its own variant,
/// so a caller (the service's log, the CLI's exit status) can tell bad data
/// from a broken form folder from a bug.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The case data is not acceptable; nothing was rendered.
    #[error("dữ liệu không hợp lệ:\n{}", join(.0))]
    Invalid(Vec<Problem>),
    #[error("không có biểu mẫu '{0}'")]
    UnknownForm(String),
    /// A template failed to compile: a bug in the form folder, not in the data.
    #[error("template error:\n{}", join(.0))]
    Template(Vec<TemplateDiagnostic>),
    /// A form folder cannot be used: a file is missing or unreadable, or
    /// `form.json` is wrong.
    #[error("form folder: {0}")]
    FormFolder(String),
    /// The catalogue names a template the form files do not hold.
    #[error("template {0} not found")]
    MissingTemplate(String),
    /// A template's HTML output is not the vocabulary the DOCX writer reads
    /// (`forms/lib/layout.typ`): a template bug, or a Typst upgrade that
    /// changed the HTML tree.
    #[error("cannot write DOCX: malformed template output: {0}")]
    MalformedHtml(String),
    /// The laid-out document has no page to picture.
    #[error("the document has no page")]
    NoPage,
    /// JSON could not be written (a view model, a manifest).
    #[error("cannot serialise {what}: {source}")]
    Json {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// A ZIP package (a DOCX, a pack) could not be written.
    #[error("cannot write {what}: {source}")]
    Zip {
        what: &'static str,
        #[source]
        source: zip::result::ZipError,
    },
    /// The preview picture could not be encoded.
    #[error("cannot encode PNG: {0}")]
    Png(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// An archival PDF (PDF/A) cannot be made of this document.
    #[error("cannot write PDF/A: {0}")]
    PdfStandard(String),
    /// A command-line option or a setting of the service is unusable.
    #[error("{0}")]
    Config(String),
    /// A preview asked for a page the document does not have.
    #[error("văn bản có {pages} trang, không có trang {page}")]
    NoSuchPage { page: usize, pages: usize },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![Problem::new(field, message)])
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }

    pub fn json(what: &'static str) -> impl FnOnce(serde_json::Error) -> Self {
        move |source| Self::Json { what, source }
    }

    pub fn zip(what: &'static str) -> impl FnOnce(zip::result::ZipError) -> Self {
        move |source| Self::Zip { what, source }
    }

    /// A short name of the kind of failure, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid-data",
            Self::UnknownForm(_) => "unknown-form",
            Self::Template(_) => "template",
            Self::FormFolder(_) => "form-folder",
            Self::MissingTemplate(_) => "missing-template",
            Self::MalformedHtml(_) => "malformed-template-output",
            Self::NoPage => "no-page",
            Self::NoSuchPage { .. } => "no-such-page",
            Self::Json { .. } => "json",
            Self::Zip { .. } => "zip",
            Self::Png(_) => "png",
            Self::PdfStandard(_) => "pdf-standard",
            Self::Config(_) => "config",
            Self::Io { .. } => "io",
        }
    }
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
