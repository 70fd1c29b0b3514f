//! The fonts every document is set in, shipped inside the binary.
//!
//! Rendering never asks the machine for fonts: the same binary gives the same
//! output on any host. The files live in `fonts/` (with their licence).

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontBook, FontVariations};
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
    /// [`Fonts::covers`] for the ASCII characters, one bit each: most of a
    /// case's text, asked about once per character of every request.
    ascii: u128,
}

impl Fonts {
    pub fn load() -> Self {
        let fonts: Vec<Font> = FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let ascii = (0..128u32)
            .filter(|&c| all_cover(&fonts, c))
            .fold(0, |bits, c| bits | 1 << c);
        Self { book, fonts, ascii }
    }

    /// The height of a line box in each face, in em: its ascender plus
    /// descender, the edges the layout library sets (`top-edge:
    /// "ascender"`, `bottom-edge: "descender"`). The faces differ (bold's is
    /// 0.893 em, regular's 0.909 em); the DOCX writer adds the leading for
    /// Word's exact line heights.
    pub fn line_boxes(&self) -> LineBoxes {
        let em = |k: usize| {
            let font = &self.fonts[k];
            let instance = font.clone().instantiate(
                font.info().variant,
                Abs::pt(1.0),
                &FontVariations::default(),
            );
            let metrics = instance.metrics();
            metrics.ascender.get() - metrics.descender.get()
        };
        // The order of `FILES`.
        LineBoxes {
            regular: em(0),
            bold: em(1),
            italic: em(2),
            bold_italic: em(3),
        }
    }

    /// Whether every style of the family has a glyph for `c`, so that text
    /// containing it prints the same in regular, bold and italic.
    pub fn covers(&self, c: char) -> bool {
        match c as u32 {
            c @ 0..128 => self.ascii & 1 << c != 0,
            c => all_cover(&self.fonts, c),
        }
    }
}

/// A line box's height in em, for each face of the family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineBoxes {
    pub regular: f64,
    pub bold: f64,
    pub italic: f64,
    pub bold_italic: f64,
}

impl LineBoxes {
    pub fn face(&self, bold: bool, italic: bool) -> f64 {
        match (bold, italic) {
            (false, false) => self.regular,
            (true, false) => self.bold,
            (false, true) => self.italic,
            (true, true) => self.bold_italic,
        }
    }
}

fn all_cover(fonts: &[Font], c: u32) -> bool {
    fonts.iter().all(|font| font.info().coverage.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_shortcut_agrees_with_the_fonts() {
        let f = Fonts::load();
        for c in (0..128u8).map(char::from) {
            assert_eq!(f.covers(c), all_cover(&f.fonts, c as u32), "{c:?}");
        }
        assert!(f.covers('A') && f.covers(' ') && f.covers('ễ') && f.covers('Đ'));
        assert!(!f.covers('😀'));
    }
}
