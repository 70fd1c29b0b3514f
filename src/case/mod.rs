//! Case data shared by every form, and how it is read.

pub mod common;
pub mod input;
pub mod meeting;
pub mod member;
pub mod schema;
