//! What the two papers of a transfer of party membership (chuyển sinh hoạt
//! đảng) share: the introduction letter (giấy giới thiệu) and the notice to
//! the receiving committee (phiếu báo) name the same route and give the member
//! the same number of days to present the letter.

use crate::error::Problem;
use crate::rules::calendar;

/// Longest period the member may be given to present the letter, in days.
pub(crate) const MAX_PRESENTATION_DAYS: u32 = 365;

/// `chuyen_den` must name another place than `chuyen_tu`.
pub(crate) fn check_route(from: &str, to: &str, out: &mut Vec<Problem>) {
    if from.trim() == to.trim() {
        out.push(Problem::new(
            "chuyen_den",
            "nơi chuyển đến trùng nơi chuyển đi",
        ));
    }
}

/// The days the member has to present the letter (`so_ngay_trinh_dien`): the
/// clerk's number, or the default; from 1 to [`MAX_PRESENTATION_DAYS`].
pub(crate) fn presentation_days(given: Option<u32>, out: &mut Vec<Problem>) -> u32 {
    let days = given.unwrap_or(calendar::DEFAULT_TRANSFER_LETTER_DAYS);
    if days == 0 || days > MAX_PRESENTATION_DAYS {
        out.push(Problem::new(
            "so_ngay_trinh_dien",
            format!("thời hạn xuất trình phải từ 1 đến {MAX_PRESENTATION_DAYS} ngày"),
        ));
    }
    days
}
