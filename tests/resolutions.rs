//! The branch resolutions of the screening workflow (steps 2 and 3, immediate
//! removal, exemption) and the vote-counting record, read back from real PDFs.

mod common;

use common::merge;
use common::*;
use dangvu::{Error, Format};

fn text_of(form: &str, case: &serde_json::Value) -> String {
    let pdf = render(form, case, Format::Pdf).unwrap_or_else(|e| panic!("{form}: {e}"));
    squeeze(&pdf_text(&pdf))
}

fn assert_has(form: &str, flat: &str, needles: &[&str]) {
    for n in needles {
        assert!(flat.contains(&squeeze(n)), "{form}: PDF lacks {n:?}\n{flat}");
    }
}

/// Applies `patch` to the form's example and expects a refusal naming `field`
/// whose message contains `words`.
fn assert_refused(form: &str, what: &str, patch: serde_json::Value, field: &str, words: &str) {
    let mut case = example(form);
    merge(&mut case, &patch);
    refused(form, what, &case, field, words);
}

fn refused(form: &str, what: &str, case: &serde_json::Value, field: &str, words: &str) {
    match render(form, case, Format::Pdf) {
        Err(Error::Invalid(problems)) => assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.message.contains(words)),
            "{form}: {what}: expected a problem on {field} with {words:?}, got {problems:?}"
        ),
        other => panic!(
            "{form}: {what}: expected refusal, got {:?}",
            other.map(|b| b.len())
        ),
    }
}

// ---------------------------------------------------------------- step 2

const PHAN_CONG: &str = "nghi-quyet-phan-cong-giup-do";

#[test]
fn helper_assignment_prints_members_helpers_and_periods() {
    let flat = text_of(PHAN_CONG, &example(PHAN_CONG));
    assert_has(
        PHAN_CONG,
        &flat,
        &[
            "Số 05-NQ/CB",
            "CHI BỘ TỔ DÂN PHỐ SỐ 5 QUYẾT NGHỊ:",
            "Quy định số 02-QĐ/TU ngày 19/11/2025",
            "Lê Văn Hùng",
            "Trần Thị Bích Ngọc",
            "Đinh Quang Huy",
            "Bùi Minh Khoa",
            // 12 months from the meeting, and Hà Nội's shorter 6 months.
            "thời gian 12 tháng, từ ngày 03/02/2026 đến ngày 03/02/2027",
            "thời gian 06 tháng, từ ngày 03/02/2026 đến ngày 03/08/2026",
            "không quá 12 tháng",
            "có mặt: 22",
            "Đảng ủy phường Phúc Lợi (để báo cáo)",
            "T/M CHI BỘ",
            "BÍ THƯ",
        ],
    );
    // Month arithmetic clamps: assigned 31/08 + 6 months ends 28/02.
    let mut case = example(PHAN_CONG);
    merge(
        &mut case,
        &serde_json::json!({"cuoc_hop": {"ngay": "2026-08-31"}, "van_ban": {"ngay": "2026-08-31"}}),
    );
    let flat = text_of(PHAN_CONG, &case);
    assert_has(PHAN_CONG, &flat, &["từ ngày 31/08/2026 đến ngày 28/02/2027", "đến ngày 31/08/2027"]);
}

#[test]
fn hd02_help_period_is_exactly_twelve_months() {
    let mut case = example(PHAN_CONG);
    merge(&mut case, &serde_json::json!({"quy_dinh": "hd02-btctw-2021", "dang_vien": [{}, {"thang": 12}]}));
    let flat = text_of(PHAN_CONG, &case);
    assert_has(PHAN_CONG, &flat, &["Hướng dẫn số 02-HD/BTCTW", "đến ngày 03/02/2027"]);
    assert!(!flat.contains(&squeeze("không quá 12 tháng")));
    assert_refused(
        PHAN_CONG,
        "shorter under hd02",
        serde_json::json!({"quy_dinh": "hd02-btctw-2021"}),
        "dang_vien[1].thang",
        "12 tháng",
    );
    assert_refused(
        PHAN_CONG,
        "longer than 12",
        serde_json::json!({"dang_vien": [{}, {"thang": 13}]}),
        "dang_vien[1].thang",
        "không quá 12 tháng",
    );
}

#[test]
fn helper_assignment_refusals() {
    let cases = [
        (
            "helps themself",
            serde_json::json!({"dang_vien": [{"nguoi_giup_do": {"ho_ten": "lê văn  Hùng"}}]}),
            "dang_vien[0].nguoi_giup_do.ho_ten",
            "tự giúp đỡ",
        ),
        (
            "probationary helper",
            serde_json::json!({"dang_vien": [{"nguoi_giup_do": {"ngay_chinh_thuc": null}}]}),
            "dang_vien[0].nguoi_giup_do.ngay_chinh_thuc",
            "dự bị",
        ),
        (
            "exempted helper",
            serde_json::json!({"dang_vien": [{}, {"nguoi_giup_do": {"mien_sinh_hoat": true}}]}),
            "dang_vien[1].nguoi_giup_do.mien_sinh_hoat",
            "miễn công tác",
        ),
        (
            "one helper for two members",
            serde_json::json!({"dang_vien": [{}, {"nguoi_giup_do": {"ho_ten": "Trần Thị Bích Ngọc"}}]}),
            "dang_vien[1].nguoi_giup_do.ho_ten",
            "đã được phân công",
        ),
        (
            "helper on the help list",
            serde_json::json!({"dang_vien": [{}, {"nguoi_giup_do": {"ho_ten": "Lê Văn Hùng"}}]}),
            "dang_vien[1].nguoi_giup_do.ho_ten",
            "giáo dục, giúp đỡ",
        ),
    ];
    for (what, patch, field, words) in cases {
        assert_refused(PHAN_CONG, what, patch, field, words);
    }
}
