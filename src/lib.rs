//! dangvu: party documents (công tác đảng vụ) from structured case data, as PDF
//! and DOCX, from one Typst template per form.

pub mod case;
pub mod docx;
pub mod error;
pub mod format;
pub mod forms;
pub mod legacy;
pub mod register;
pub mod render;
pub mod rules;
pub mod server;
pub mod slug;
pub mod typeset;
pub mod vocab;
pub mod web;
pub mod workers;
pub mod xlsx;

pub use error::{Error, Problem, Result};
pub use format::Format;
pub use render::{PdfStandard, Preview, RenderOptions, Rendered, Renderer};
pub mod demo;
pub mod pack;
pub mod roster;
pub mod stats;
