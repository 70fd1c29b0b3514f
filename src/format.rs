//! The formats a render gives. Its own module, below the catalogue that
//! lists them and the renderer that writes them, so both import it.

use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pdf,
    Docx,
    /// A picture of one page (the first unless asked), for previews.
    Png,
}

impl Format {
    /// Every format, in the order listings and the API document give them.
    pub const ALL: [Self; 3] = [Self::Pdf, Self::Docx, Self::Png];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Png => "png",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Png => "image/png",
        }
    }

    /// The format a file name asks for.
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()?.to_str()?.parse().ok()
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(s))
            .ok_or_else(|| Error::Config(format!("unknown format '{s}' (pdf, docx or png)")))
    }
}
