//! Whether a word is a well-formed Vietnamese syllable: an initial
//! consonant, a vowel nucleus, a final consonant, at most one tone. Legacy
//! text is converted only when the result reads as Vietnamese and the text
//! as received does not, so ordinary text is never touched.

use unicode_normalization::UnicodeNormalization;

/// Initial consonants, longest first.
const INITIALS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "ch", "kh", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Vowel nuclei (with their semivowels), without tone.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
    "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
];

/// Final consonants.
const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// The five tone marks, as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `word` (any case) is one Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut tones = 0;
    let bare: String = lower
        .nfd()
        .filter(|c| {
            let tone = TONES.contains(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1 || bare.is_empty() {
        return false;
    }
    let onsets = INITIALS.iter().filter(|i| bare.starts_with(*i));
    std::iter::once(&"")
        .chain(onsets)
        .any(|onset| rhyme(&bare[onset.len()..]))
}

/// A nucleus and a final consonant, nothing else.
fn rhyme(rest: &str) -> bool {
    NUCLEI.iter().any(|n| {
        rest.strip_prefix(n)
            .is_some_and(|coda| FINALS.contains(&coda))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "Đảng", "bộ", "nghiêng", "Nguyễn", "gì", "quyết", "khuya", "người", "ĐẢNG", "a", "ơi",
            "thuở", "giữa", "Phúc", "Lợi", "xã",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "§¶ng", "Ñaûng", "boä", "hoµ", "ngh", "bôô", "fé", "xyz", "aả",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
