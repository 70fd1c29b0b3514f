//! Member-centred forms: self-criticism (`ban-tu-kiem-diem`, every kind) and
//! transfer papers (`phieu-bao-chuyen-sinh-hoat`, `giay-gioi-thieu-sinh-hoat`).

mod common;

use common::merge;
use common::*;
use dangvu::{Error, Format};
use serde_json::{Value, json};

const BTKD: &str = "ban-tu-kiem-diem";

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture exists"))
        .expect("fixture is JSON")
}

/// Renders both formats, checks word parity, returns the PDF's text.
fn render_both(form: &str, case: &Value) -> String {
    let pdf = render(form, case, Format::Pdf).unwrap_or_else(|e| panic!("{form}: {e}"));
    let docx = render(form, case, Format::Docx).unwrap();
    let text = pdf_text(&pdf);
    assert_same_words(&text, &docx_text(&docx));
    text
}

fn assert_has(text: &str, needles: &[&str]) {
    let flat = squeeze(text);
    for n in needles {
        assert!(flat.contains(&squeeze(n)), "PDF lacks {n:?}\n{text}");
    }
}

fn assert_lacks(text: &str, needles: &[&str]) {
    let flat = squeeze(text);
    for n in needles {
        assert!(
            !flat.contains(&squeeze(n)),
            "PDF should not hold {n:?}\n{text}"
        );
    }
}

/// Applies a patch and expects a refusal naming `field`; returns the message.
fn refused(form: &str, base: &Value, patch: Value, field: &str) -> String {
    let mut case = base.clone();
    merge(&mut case, &patch);
    refused_case(form, &case, field)
}

fn refused_case(form: &str, case: &Value, field: &str) -> String {
    match render(form, case, Format::Pdf) {
        Err(Error::Invalid(problems)) => problems
            .iter()
            .find(|p| p.field == field)
            .unwrap_or_else(|| panic!("expected a problem on {field}, got {problems:?}"))
            .message
            .clone(),
        other => panic!(
            "expected refusal on {field}, got {:?}",
            other.map(|b| b.len())
        ),
    }
}

// ------------------------------------------------------------ ban-tu-kiem-diem

const COMMON_PARTS: &[&str] = &[
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "BẢN TỰ KIỂM ĐIỂM",
    "-----",
    "Kính gửi: Chi bộ Tổ dân phố số 5",
    "I. THÔNG TIN CÁ NHÂN",
    "NGƯỜI TỰ KIỂM ĐIỂM",
    "(Ký, ghi rõ họ tên)",
];

#[test]
fn annual_review_example_holds_every_section_and_both_trailing_parts() {
    let text = render_both(BTKD, &example(BTKD));
    assert_has(&text, COMMON_PARTS);
    assert_has(
        &text,
        &[
            "Phúc Lợi, ngày 10 tháng 12 năm 2025",
            "đảng viên năm 2025",
            "Họ và tên: Phạm Thị Thu Hà; giới tính: Nữ",
            "Ngày sinh: 02/09/1980",
            "Ngày vào Đảng: 12/11/2008; ngày chính thức: 12/11/2009",
            "Số thẻ đảng viên: 01.017.245.389",
            "II. ƯU ĐIỂM",
            "1. Về tư tưởng chính trị",
            "2. Về phẩm chất đạo đức, lối sống",
            "3. Về tác phong, ý thức tổ chức kỷ luật",
            "4. Về thực hiện chức trách, nhiệm vụ được giao",
            "III. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
            "IV. KẾT QUẢ KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CHỈ RA NĂM TRƯỚC",
            "V. GIẢI TRÌNH CÁC VẤN ĐỀ ĐƯỢC GỢI Ý KIỂM ĐIỂM",
            "VI. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG",
            "đảng viên năm 2025: Hoàn thành nhiệm vụ.",
            "NHẬN XÉT CỦA ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG GIÚP ĐỠ",
            "Trần Thị Bích Ngọc",
            "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ",
            "Chi bộ họp ngày 18/12/2025",
            "Chi bộ xếp loại: Hoàn thành nhiệm vụ.",
            "T/M CHI BỘ",
            "BÍ THƯ",
            "Nguyễn Văn An",
        ],
    );
    // A member's own document: no issuing body, no document number.
    assert_lacks(&text, &["Số 0", "Nơi nhận"]);
}

#[test]
fn trailing_parts_appear_only_when_given() {
    let mut case = example(BTKD);
    let obj = case.as_object_mut().unwrap();
    obj.remove("nhan_xet_giup_do");
    obj.remove("danh_gia_chi_bo");
    let text = render_both(BTKD, &case);
    assert_has(&text, COMMON_PARTS);
    assert_lacks(
        &text,
        &[
            "NHẬN XÉT CỦA ĐẢNG VIÊN",
            "ĐÁNH GIÁ CỦA CHI BỘ",
            "T/M CHI BỘ",
        ],
    );
}

#[test]
fn help_list_self_criticism_lists_violations_and_dated_commitments() {
    let text = render_both(BTKD, &fixture("ban-tu-kiem-diem-giup-do"));
    assert_has(&text, COMMON_PARTS);
    assert_has(
        &text,
        &[
            "về vi phạm, khuyết điểm và cam kết sửa chữa, khắc phục",
            "II. NHỮNG VI PHẠM, KHUYẾT ĐIỂM",
            "Không tham gia sinh hoạt chi bộ không có lý do chính đáng",
            "tháng 4 và tháng 8 năm 2025",
            "III. NGUYÊN NHÂN",
            "Chưa sắp xếp hợp lý thời gian chăm sóc gia đình.",
            "IV. CAM KẾT SỬA CHỮA, KHẮC PHỤC",
            "Thời hạn hoàn thành",
            "31/03/2026",
            "30/06/2026",
            "Lê Văn Hùng",
            "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ",
        ],
    );
    assert_lacks(&text, &["NHẬN XÉT CỦA ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG", "ƯU ĐIỂM"]);
}

#[test]
fn after_help_self_criticism_computes_the_help_period() {
    let text = render_both(BTKD, &fixture("ban-tu-kiem-diem-sau-giup-do"));
    assert_has(&text, COMMON_PARTS);
    assert_has(
        &text,
        &[
            "sau thời gian được giáo dục, giúp đỡ",
            // 12 months from the assignment on 03/02/2026.
            "từ ngày 03/02/2026 đến ngày 03/02/2027",
            "đồng chí Trần Thị Bích Ngọc",
            "II. KẾT QUẢ THỰC HIỆN CAM KẾT",
            "Đã tham gia 12 trên 12 kỳ sinh hoạt thường kỳ",
            "III. NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM CÒN TỒN TẠI",
            "Không có.",
            "IV. TỰ ĐÁNH GIÁ",
            "NHẬN XÉT CỦA ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG GIÚP ĐỠ",
        ],
    );
    assert_lacks(&text, &["ĐÁNH GIÁ CỦA CHI BỘ"]);
}

#[test]
fn lost_card_self_criticism_names_the_card_and_asks_for_a_new_one() {
    let text = render_both(BTKD, &fixture("ban-tu-kiem-diem-mat-the"));
    assert_has(&text, COMMON_PARTS);
    assert_has(
        &text,
        &[
            "về việc làm mất thẻ đảng viên",
            "thẻ đảng viên số 01.012.334.078, phát hiện ngày 14/02/2026",
            "trình báo Công an phường Phúc Lợi",
            "III. TỰ NHẬN THỨC TRÁCH NHIỆM",
            "IV. ĐỀ NGHỊ",
            "cấp lại thẻ đảng viên cho tôi",
            "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ",
        ],
    );
}

#[test]
fn every_kind_renders_byte_identically_twice() {
    for name in [
        "ban-tu-kiem-diem-giup-do",
        "ban-tu-kiem-diem-sau-giup-do",
        "ban-tu-kiem-diem-mat-the",
    ] {
        let case = fixture(name);
        for format in [Format::Pdf, Format::Docx] {
            assert!(render(BTKD, &case, format).unwrap() == render(BTKD, &case, format).unwrap());
        }
    }
}

#[test]
fn self_criticism_bad_data_is_refused_naming_the_field() {
    let giup_do = fixture("ban-tu-kiem-diem-giup-do");
    // Deadline on or before the document date.
    let m = refused(
        BTKD,
        &giup_do,
        json!({"cam_ket": [{"han": "2026-01-20"}]}),
        "cam_ket[0].han",
    );
    assert!(m.contains("phải sau ngày viết"), "{m}");
    // Help-list kinds concern full members only.
    refused(
        BTKD,
        &giup_do,
        json!({"dang_vien": {"ngay_chinh_thuc": null, "so_the": null}}),
        "dang_vien.ngay_chinh_thuc",
    );
    let sau = fixture("ban-tu-kiem-diem-sau-giup-do");
    refused(
        BTKD,
        &sau,
        json!({"dang_vien": {"ngay_chinh_thuc": null, "so_the": null}}),
        "dang_vien.ngay_chinh_thuc",
    );
    // Self-review before the help period is over.
    let m = refused(BTKD, &sau, json!({"ngay": "2026-12-01"}), "ngay");
    assert!(m.contains("03/02/2027"), "{m}");
    // Help period longer than 12 months.
    refused(
        BTKD,
        &sau,
        json!({"giup_do_den": "2027-03-01"}),
        "giup_do_den",
    );
    // The helper is not the member; the commenting helper is the assigned one.
    refused(
        BTKD,
        &sau,
        json!({"nguoi_giup_do": "Lê Văn Hùng"}),
        "nguoi_giup_do",
    );
    refused(
        BTKD,
        &sau,
        json!({"nhan_xet_giup_do": {"ho_ten": "Nguyễn Văn An"}}),
        "nhan_xet_giup_do.ho_ten",
    );
    // Rating outside the four levels.
    let annual = example(BTKD);
    let m = refused(
        BTKD,
        &annual,
        json!({"tu_xep_loai": "xuat-sac"}),
        "tu_xep_loai",
    );
    assert!(m.contains("hoan-thanh-xuat-sac"), "{m}");
    refused(
        BTKD,
        &annual,
        json!({"danh_gia_chi_bo": {"xep_loai": "tot"}}),
        "danh_gia_chi_bo.xep_loai",
    );
    refused(
        BTKD,
        &annual,
        json!({"danh_gia_chi_bo": {"xep_loai": null}}),
        "danh_gia_chi_bo.xep_loai",
    );
    refused(BTKD, &annual, json!({"nam": 2023}), "nam");
    refused(
        BTKD,
        &annual,
        json!({"danh_gia_chi_bo": {"ngay": "2025-12-01"}}),
        "danh_gia_chi_bo.ngay",
    );
    let mut no_ethics = annual.clone();
    no_ethics["uu_diem"]["dao_duc_loi_song"] = json!([]);
    refused_case(BTKD, &no_ethics, "uu_diem.dao_duc_loi_song");
    // Sections of another kind are refused by the type, naming the field.
    let m = refused(BTKD, &annual, json!({"cam_ket": []}), "cam_ket");
    assert!(m.contains("cam_ket"), "{m}");
    let lost = fixture("ban-tu-kiem-diem-mat-the");
    refused(
        BTKD,
        &lost,
        json!({"nhan_xet_giup_do": {"ho_ten": "A", "nhan_xet": ["x"]}}),
        "nhan_xet_giup_do",
    );
    refused(
        BTKD,
        &lost,
        json!({"dang_vien": {"so_the": null}}),
        "dang_vien.so_the",
    );
    refused(BTKD, &lost, json!({"ngay_mat": "2026-03-10"}), "ngay_mat");
    // A required section of the kind is missing.
    let mut no_causes = giup_do.clone();
    no_causes.as_object_mut().unwrap().remove("nguyen_nhan");
    let m = refused_case(BTKD, &no_causes, "(toàn bộ)");
    assert!(m.contains("nguyen_nhan"), "{m}");
    // Unknown or missing kind.
    let m = refused(BTKD, &annual, json!({"loai": "cuoi-ky"}), "loai");
    assert!(m.contains("cuoi-nam"), "{m}");
    let mut no_kind = annual.clone();
    no_kind.as_object_mut().unwrap().remove("loai");
    refused_case(BTKD, &no_kind, "loai");
    // Inside a section the path is exact.
    refused(
        BTKD,
        &giup_do,
        json!({"cam_ket": [{"han": "31/03/2026"}]}),
        "cam_ket[0].han",
    );
    refused(
        BTKD,
        &giup_do,
        json!({"dang_vien": {"gioi_tinh": "khac"}}),
        "dang_vien.gioi_tinh",
    );
    refused(
        BTKD,
        &giup_do,
        json!({"dang_vien": {"ngay_vao_dang": "1980-01-01"}}),
        "dang_vien.ngay_vao_dang",
    );
}
