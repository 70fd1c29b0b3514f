//! Forms: the folder of templates, the catalogue, and the Rust models.

pub mod catalog;
pub mod files;
pub mod models;
