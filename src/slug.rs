//! ASCII file names from Vietnamese text.

use unicode_normalization::UnicodeNormalization;

/// "Chi bộ Tổ dân phố số 5" → "chi-bo-to-dan-pho-so-5"; "03-NQ/CB" → "03-nq-cb".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "van-ban".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn vietnamese_to_ascii() {
        assert_eq!(slug("Chi bộ Tổ dân phố số 5"), "chi-bo-to-dan-pho-so-5");
        assert_eq!(slug("03-NQ/CB"), "03-nq-cb");
        assert_eq!(slug("Đảng ủy phường Phúc Lợi"), "dang-uy-phuong-phuc-loi");
        assert_eq!(slug("***"), "van-ban");
    }
}
