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
    /// The form folder or another setting is unusable.
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
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
