//! Vietnamese formatting of dates, numbers, document numbers and headings
//! (rules.md §4).
//!
//! Everything here is exact: numbers are formatted from integers or integer ratios,
//! never through floating point, so a percentage shown next to a vote always agrees
//! with the integer threshold that decided it.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Normalises text to NFC.
///
/// Why: text pasted from different keyboards (Telex/VNI input methods, macOS, Word)
/// may arrive decomposed ("ê" + combining acute instead of "ế"); after NFC the same
/// words compare equal and render with the same glyphs.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Place-and-date line under a document's heading: `Phúc Lợi, ngày 05 tháng 01 năm 2026`.
///
/// Why the odd padding: administrative style (Nghị định 30/2020/NĐ-CP, Hướng dẫn
/// 36-HD/VPTW) pads days below 10 and the months 1 and 2 with a zero so that nobody can
/// later prepend a digit ("tháng 1" → "tháng 11"); months 3 to 9 cannot be altered that
/// way and are written without a zero. The place is normalised to NFC.
pub fn date_line(place: &str, d: NaiveDate) -> String {
    let month = d.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!(
        "{}, ngày {:02} tháng {} năm {}",
        nfc(place),
        d.day(),
        month,
        d.year()
    )
}

/// Date inside running text: `19/11/2025`, `05/01/2026` (day and month always two digits).
pub fn date_inline(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// Time of day in running text: `9 giờ 30 phút`, `14 giờ 05 phút` (as in the
/// opening "hồi … giờ … phút" of minutes and records).
pub fn time_of_day(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{} giờ {:02} phút", t.hour(), t.minute())
}

/// Integer with `.` grouping thousands: `4.216`, `51.522`, `-1.000`, `0`.
pub fn integer(n: i64) -> String {
    let grouped = group_thousands(u128::from(n.unsigned_abs()));
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Percentage `num / den * 100`, rounded half-up to 2 decimals, Vietnamese style,
/// trailing zeros dropped: `62,25%`, `8,9%`, `70%`. A zero denominator gives `0%`
/// (callers that must refuse a zero base check it before, see `vote::decide`).
pub fn ratio_percent(num: u64, den: u64) -> String {
    format!("{}%", rational(u128::from(num) * 100, u128::from(den), 2))
}

/// Exact rational `num / den` rounded half-up to `places` decimals (at most 18),
/// Vietnamese style with trailing zeros dropped: `decimal(249, 4, 2)` → `62,25`.
/// A zero denominator gives `0`.
pub fn decimal(num: u64, den: u64, places: u32) -> String {
    rational(u128::from(num), u128::from(den), places)
}

/// Shared worker for [`decimal`] and [`ratio_percent`]; u128 so that `u64::MAX * 100 *
/// 10^18` style intermediates cannot overflow (`places` is capped at 18).
fn rational(num: u128, den: u128, places: u32) -> String {
    if den == 0 {
        return "0".to_owned();
    }
    let places = places.min(18);
    let scale = 10u128.pow(places);
    // Half-up rounding of the fraction only: the integer part is split off first so
    // that `rest * scale * 2 < den * 10^18 * 2 < 2^128` for any u64-sized denominator
    // (multiplying the whole numerator could overflow u128).
    let whole = num / den;
    let rest = num % den;
    let frac_scaled = (rest * scale * 2 + den) / (den * 2);
    // Rounding may carry into the integer part (0,999 → 1).
    let (whole, frac) = if frac_scaled >= scale {
        (whole + 1, frac_scaled - scale)
    } else {
        (whole, frac_scaled)
    };
    let mut out = group_thousands(whole);
    if places > 0 && frac > 0 {
        let digits = format!("{:0width$}", frac, width = places as usize);
        out.push(',');
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Kind of party document; the code goes into the document number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Loại văn bản",
    description = "Chữ viết tắt của loại văn bản trong số ký hiệu"
)]
pub enum DocKind {
    /// Nghị quyết.
    #[schemars(title = "Nghị quyết (NQ)")]
    #[serde(rename = "NQ")]
    NghiQuyet,
    /// Quyết định.
    #[schemars(title = "Quyết định (QĐ)")]
    #[serde(rename = "QĐ")]
    QuyetDinh,
    /// Báo cáo.
    #[schemars(title = "Báo cáo (BC)")]
    #[serde(rename = "BC")]
    BaoCao,
    /// Kế hoạch.
    #[schemars(title = "Kế hoạch (KH)")]
    #[serde(rename = "KH")]
    KeHoach,
    /// Thông báo.
    #[schemars(title = "Thông báo (TB)")]
    #[serde(rename = "TB")]
    ThongBao,
    /// Biên bản.
    #[schemars(title = "Biên bản (BB)")]
    #[serde(rename = "BB")]
    BienBan,
    /// Công văn.
    #[schemars(title = "Công văn (CV)")]
    #[serde(rename = "CV")]
    CongVan,
    /// Giấy giới thiệu.
    #[schemars(title = "Giấy giới thiệu (GGT)")]
    #[serde(rename = "GGT")]
    GiayGioiThieu,
    /// Phiếu báo (chuyển sinh hoạt đảng).
    #[schemars(title = "Phiếu báo (PB)")]
    #[serde(rename = "PB")]
    PhieuBao,
}

impl DocKind {
    /// Every kind, in the order of rules.md §4, then the transfer notice (PB).
    pub const ALL: [DocKind; 9] = [
        DocKind::NghiQuyet,
        DocKind::QuyetDinh,
        DocKind::BaoCao,
        DocKind::KeHoach,
        DocKind::ThongBao,
        DocKind::BienBan,
        DocKind::CongVan,
        DocKind::GiayGioiThieu,
        DocKind::PhieuBao,
    ];

    /// Type code used in the document number (same string as the serde form).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::NghiQuyet => "NQ",
            DocKind::QuyetDinh => "QĐ",
            DocKind::BaoCao => "BC",
            DocKind::KeHoach => "KH",
            DocKind::ThongBao => "TB",
            DocKind::BienBan => "BB",
            DocKind::CongVan => "CV",
            DocKind::GiayGioiThieu => "GGT",
            DocKind::PhieuBao => "PB",
        }
    }

    /// Name of the kind as printed in a document's title, e.g. "Nghị quyết".
    pub fn name_vi(self) -> &'static str {
        match self {
            DocKind::NghiQuyet => "Nghị quyết",
            DocKind::QuyetDinh => "Quyết định",
            DocKind::BaoCao => "Báo cáo",
            DocKind::KeHoach => "Kế hoạch",
            DocKind::ThongBao => "Thông báo",
            DocKind::BienBan => "Biên bản",
            DocKind::CongVan => "Công văn",
            DocKind::GiayGioiThieu => "Giấy giới thiệu",
            DocKind::PhieuBao => "Phiếu báo",
        }
    }
}

/// Document number without the `Số ` prefix: `03-NQ/CB`, `123-NQ/ĐU`.
/// The number is zero-padded to two digits; the issuer code is normalised to NFC.
pub fn doc_number(n: u32, kind: DocKind, issuer: &str) -> String {
    format!("{:02}-{}/{}", n, kind.code(), nfc(issuer))
}

/// Unicode-correct upper-casing, result in NFC:
/// `đảng bộ phường phúc lợi` → `ĐẢNG BỘ PHƯỜNG PHÚC LỢI`.
///
/// Why NFC on both sides: upper-casing a decomposed string leaves combining marks
/// separate; recomposing gives the precomposed capitals fonts render best.
pub fn upper(s: &str) -> String {
    nfc(s).to_uppercase().nfc().collect()
}

/// Roman numeral for section headings (I, II, III, IV, …). Zero gives an empty string;
/// values past 3999 repeat `M`.
pub fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn date_line_pads_day_and_months_one_and_two_only() {
        let cases = [
            (
                "Phúc Lợi",
                (2026, 1, 5),
                "Phúc Lợi, ngày 05 tháng 01 năm 2026",
            ),
            (
                "Hà Nội",
                (2025, 11, 19),
                "Hà Nội, ngày 19 tháng 11 năm 2025",
            ),
            ("Hà Nội", (2018, 4, 3), "Hà Nội, ngày 03 tháng 4 năm 2018"),
            ("X", (2024, 2, 29), "X, ngày 29 tháng 02 năm 2024"),
            ("X", (2024, 3, 10), "X, ngày 10 tháng 3 năm 2024"),
            ("X", (2024, 10, 1), "X, ngày 01 tháng 10 năm 2024"),
        ];
        for (place, (y, m, d), expected) in cases {
            assert_eq!(date_line(place, date(y, m, d)), expected);
        }
    }

    #[test]
    fn date_line_normalises_place() {
        let decomposed = "Phu\u{0301}c Lơ\u{0323}i";
        assert_eq!(
            date_line(decomposed, date(2026, 1, 5)),
            "Phúc Lợi, ngày 05 tháng 01 năm 2026"
        );
    }

    #[test]
    fn inline_dates() {
        assert_eq!(date_inline(date(2025, 11, 19)), "19/11/2025");
        assert_eq!(date_inline(date(2026, 1, 5)), "05/01/2026");
    }

    #[test]
    fn integers() {
        assert_eq!(integer(4216), "4.216");
        assert_eq!(integer(51522), "51.522");
        assert_eq!(integer(-1000), "-1.000");
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1_000_000), "1.000.000");
        assert_eq!(integer(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn percents() {
        assert_eq!(ratio_percent(249, 400), "62,25%");
        assert_eq!(ratio_percent(89, 1000), "8,9%");
        assert_eq!(ratio_percent(7, 10), "70%");
        assert_eq!(ratio_percent(6, 9), "66,67%");
        assert_eq!(ratio_percent(2, 3), "66,67%");
        assert_eq!(ratio_percent(1, 3), "33,33%");
        assert_eq!(ratio_percent(1, 8), "12,5%");
        assert_eq!(ratio_percent(0, 5), "0%");
        assert_eq!(ratio_percent(5, 0), "0%");
        assert_eq!(ratio_percent(5, 5), "100%");
        // Half-up at the third decimal: 1/16 = 6,25% exactly; 1/800 = 0,125% → 0,13%.
        assert_eq!(ratio_percent(1, 800), "0,13%");
        // Carry into the integer part: 19999/20000 = 99,995% → 100%.
        assert_eq!(ratio_percent(19_999, 20_000), "100%");
        // Thousands grouping in a percentage above 999%.
        assert_eq!(ratio_percent(12, 1), "1.200%");
        // No overflow at the extremes.
        assert_eq!(ratio_percent(u64::MAX, u64::MAX), "100%");
        assert_eq!(ratio_percent(u64::MAX - 1, u64::MAX), "100%");
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(249, 4, 2), "62,25");
        assert_eq!(decimal(1, 3, 0), "0");
        assert_eq!(decimal(2, 3, 0), "1");
        assert_eq!(decimal(1, 2, 0), "1");
        assert_eq!(decimal(1, 3, 4), "0,3333");
        assert_eq!(decimal(10, 4, 3), "2,5");
        assert_eq!(decimal(515_225, 10, 1), "51.522,5");
        assert_eq!(decimal(3, 0, 2), "0");
        assert_eq!(decimal(u64::MAX, 1, 40), "18.446.744.073.709.551.615");
    }

    #[test]
    fn doc_numbers() {
        assert_eq!(doc_number(3, DocKind::NghiQuyet, "CB"), "03-NQ/CB");
        assert_eq!(doc_number(123, DocKind::NghiQuyet, "ĐU"), "123-NQ/ĐU");
        assert_eq!(doc_number(12, DocKind::QuyetDinh, "ĐU"), "12-QĐ/ĐU");
        assert_eq!(doc_number(1, DocKind::GiayGioiThieu, "CB"), "01-GGT/CB");
    }

    #[test]
    fn doc_kind_serde_uses_codes() {
        for kind in DocKind::ALL {
            let json = serde_json::to_string(&kind).expect("serialise");
            assert_eq!(json, format!("\"{}\"", kind.code()));
            let back: DocKind = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, kind);
        }
        assert!(serde_json::from_str::<DocKind>("\"NghiQuyet\"").is_err());
    }

    #[test]
    fn upper_case_vietnamese() {
        assert_eq!(upper("đảng bộ phường phúc lợi"), "ĐẢNG BỘ PHƯỜNG PHÚC LỢI");
        // Decomposed input comes out precomposed.
        assert_eq!(upper("lơ\u{0323}i"), "LỢI");
        assert_eq!(upper("chi bộ tổ dân phố số 5"), "CHI BỘ TỔ DÂN PHỐ SỐ 5");
    }

    #[test]
    fn roman_numerals() {
        let expected = [
            (1, "I"),
            (2, "II"),
            (3, "III"),
            (4, "IV"),
            (5, "V"),
            (9, "IX"),
            (10, "X"),
            (14, "XIV"),
            (40, "XL"),
            (90, "XC"),
            (1994, "MCMXCIV"),
            (0, ""),
        ];
        for (n, r) in expected {
            assert_eq!(roman(n), r, "roman({n})");
        }
    }
}
