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

    /// Whether every style of the family has a glyph for `c`, so that text
    /// containing it prints the same in regular, bold and italic.
    pub fn covers(&self, c: char) -> bool {
        match c as u32 {
            c @ 0..128 => self.ascii & 1 << c != 0,
            c => all_cover(&self.fonts, c),
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
