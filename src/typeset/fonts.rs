//! The fonts every document is set in, shipped inside the binary.
//!
//! Rendering never asks the machine for fonts: the same binary gives the same
//! output on any host. The files live in `fonts/` (with their licence).

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The font files, embedded at build time from `fonts/`.
const FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/DangvuSerif-Regular.ttf"),
    include_bytes!("../../fonts/DangvuSerif-Bold.ttf"),
    include_bytes!("../../fonts/DangvuSerif-Italic.ttf"),
    include_bytes!("../../fonts/DangvuSerif-BoldItalic.ttf"),
];

/// The family name templates use for body text.
pub const FAMILY: &str = "Dangvu Serif";

/// Parsed fonts and the book Typst looks them up in; built once per process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl Fonts {
    pub fn load() -> Self {
        let fonts: Vec<Font> = FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
    }

    /// Whether every style of the family has a glyph for `c`, so that text
    /// containing it prints the same in regular, bold and italic.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .all(|font| font.info().coverage.contains(c as u32))
    }
}
