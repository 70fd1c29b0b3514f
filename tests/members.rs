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
            "Vân Lam, ngày 10 tháng 12 năm 2025",
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
            "trình báo Công an phường Vân Lam",
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
    assert!(m.starts_with("trường này không có trong biểu mẫu"), "{m}");
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
    let m = refused_case(BTKD, &no_causes, "nguyen_nhan");
    assert_eq!(m, "thiếu trường bắt buộc");
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

// ------------------------------------------------- phieu-bao-chuyen-sinh-hoat

const PB: &str = "phieu-bao-chuyen-sinh-hoat";

#[test]
fn transfer_notice_holds_stub_cut_line_and_notice_on_one_page() {
    let case = example(PB);
    let pdf = render(PB, &case, Format::Pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pb.pdf");
    std::fs::write(&path, &pdf).unwrap();
    assert_eq!(pdf_pages(&path), 1, "stub and notice must fit on one page");
    let text = render_both(PB, &case);
    assert_has(
        &text,
        &[
            "CUỐNG PHIẾU BÁO CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC",
            "(Lưu tại Đảng ủy phường Vân Lam)",
            "Số: 15-PB/ĐU; ngày lập phiếu: 10/02/2026",
            "Đảng viên: Ngô Quang Minh, sinh ngày 23/07/1987",
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            "ĐẢNG ỦY PHƯỜNG VÂN LAM",
            "Số 15-PB/ĐU",
            "Vân Lam, ngày 10 tháng 02 năm 2026",
            "PHIẾU BÁO",
            "đảng viên chuyển sinh hoạt đảng chính thức",
            "Kính gửi: Đảng ủy phường Kim Liên",
            "Quê quán: xã Kiến Xương, tỉnh Hưng Yên",
            "Ngày vào Đảng: 19/05/2012; ngày chính thức: 19/05/2013",
            "Số thẻ đảng viên: 01.021.876.540; Số hồ sơ đảng viên: HN-PL-0571",
            "số 09-GGT/ĐU ngày 10/02/2026",
            "Chuyển từ: Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam",
            "Đến: Đảng bộ phường Kim Liên, thành phố Hà Nội",
            // 30 days (default) after 10/02/2026.
            "trong vòng 30 ngày kể từ ngày 10/02/2026, chậm nhất ngày 12/03/2026",
            // The ward signs for its Ban Thường vụ, as on its reports.
            "T/M BAN THƯỜNG VỤ",
            "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "(Ký tên, đóng dấu)",
            "Hoàng Văn Thắng",
        ],
    );
    // The stub comes first, then the notice.
    let flat = squeeze(&text);
    assert!(flat.find("CUỐNGPHIẾU").unwrap() < flat.find("PHIẾUBÁOđảngviên").unwrap());
    // The cut line reaches the DOCX as a dashed border.
    let docx = render(PB, &case, Format::Docx).unwrap();
    assert!(docx_part(&docx, "word/document.xml").contains("dashed"));
}

#[test]
fn transfer_notice_deadline_is_configurable() {
    let mut case = example(PB);
    case["so_ngay_trinh_dien"] = json!(45);
    let text = render_both(PB, &case);
    // 10/02/2026 + 45 days.
    assert_has(&text, &["trong vòng 45 ngày", "chậm nhất ngày 27/03/2026"]);
}

#[test]
fn transfer_notice_bad_data_is_refused_naming_the_field() {
    let base = example(PB);
    let m = refused(
        PB,
        &base,
        json!({"dang_vien": {"dang_bi_kiem_tra": true}}),
        "dang_vien.dang_bi_kiem_tra",
    );
    assert!(
        m.contains("không được") && m.contains("chuyển sinh hoạt"),
        "{m}"
    );
    refused(
        PB,
        &base,
        json!({"so_ngay_trinh_dien": 0}),
        "so_ngay_trinh_dien",
    );
    refused(
        PB,
        &base,
        json!({"giay_gioi_thieu": {"ngay": "2026-02-11"}}),
        "giay_gioi_thieu.ngay",
    );
    refused(
        PB,
        &base,
        json!({"to_chuc": {"loai": "chi-bo-co-so"}}),
        "to_chuc.loai",
    );
    refused(
        PB,
        &base,
        json!({"dang_vien": {"so_ho_so": null}}),
        "dang_vien.so_ho_so",
    );
    refused(
        PB,
        &base,
        json!({"chuyen_den": "Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam"}),
        "chuyen_den",
    );
    refused(
        PB,
        &base,
        json!({"dang_vien": {"ngay_chinh_thuc": "2012-05-19"}}),
        "dang_vien.ngay_chinh_thuc",
    );
    refused(
        PB,
        &base,
        json!({"dang_vien": {"ngay_chinh_thuc": null}}),
        "dang_vien.so_the",
    );
}

// -------------------------------------------------- giay-gioi-thieu-sinh-hoat

const GGT: &str = "giay-gioi-thieu-sinh-hoat";

#[test]
fn temporary_introduction_letter_holds_period_deadline_and_endorsements() {
    let text = render_both(GGT, &example(GGT));
    assert_has(
        &text,
        &[
            "CHI BỘ TỔ DÂN PHỐ SỐ 5",
            "Số 04-GGT/CB",
            "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
            "(tạm thời)",
            "Kính gửi: Đảng ủy phường Hạ Long",
            "Đồng chí: Vũ Thị Mai Anh; giới tính: Nữ; sinh ngày 08/10/1996",
            "Được chuyển sinh hoạt đảng tạm thời đến: Đảng bộ phường Hạ Long, tỉnh Quảng Ninh",
            "Lý do: được công ty cử đi làm việc",
            "từ ngày 10/03/2026 đến ngày 31/12/2026",
            // 02/03/2026 + 30 days.
            "trong vòng 30 ngày kể từ ngày ký, chậm nhất ngày 01/04/2026",
            "T/M CHI BỘ",
            "XÁC NHẬN CỦA CÁC CẤP GIỚI THIỆU TIẾP",
            "Đảng ủy phường Vân Lam",
            "Ngày ..... tháng ..... năm ........",
        ],
    );
    // One dated block per level.
    assert_eq!(squeeze(&text).matches("Ngày.....tháng").count(), 2);
}

#[test]
fn official_introduction_letter_has_no_period() {
    let case = fixture("giay-gioi-thieu-sinh-hoat-chinh-thuc");
    let text = render_both(GGT, &case);
    assert_has(
        &text,
        &[
            "Số 09-GGT/ĐU",
            "(chính thức)",
            "Được chuyển sinh hoạt đảng chính thức đến: Đảng bộ phường Kim Liên",
            "hiện là đảng viên dự bị",
            // 10/02/2026 + 15 days (configured).
            "trong vòng 15 ngày kể từ ngày ký, chậm nhất ngày 25/02/2026",
            // The ward's committee signs for its Ban Thường vụ.
            "T/M BAN THƯỜNG VỤ",
        ],
    );
    assert_lacks(
        &text,
        &["tạm thời", "XÁC NHẬN CỦA CÁC CẤP", "Số thẻ đảng viên"],
    );
}

#[test]
fn introduction_letter_bad_data_is_refused_naming_the_field() {
    let base = example(GGT);
    // 12 months or more must be an official transfer.
    let m = refused(
        GGT,
        &base,
        json!({"thoi_gian": {"den": "2027-03-10"}}),
        "thoi_gian",
    );
    assert!(m.contains("12 tháng") && m.contains("chính thức"), "{m}");
    // Under 3 months needs no transfer.
    let m = refused(
        GGT,
        &base,
        json!({"thoi_gian": {"den": "2026-05-01"}}),
        "thoi_gian",
    );
    assert!(m.contains("dưới 3 tháng"), "{m}");
    let mut no_period = base.clone();
    no_period.as_object_mut().unwrap().remove("thoi_gian");
    refused_case(GGT, &no_period, "thoi_gian");
    let official = fixture("giay-gioi-thieu-sinh-hoat-chinh-thuc");
    refused(
        GGT,
        &official,
        json!({"thoi_gian": {"tu": "2026-03-01", "den": "2026-08-01"}}),
        "thoi_gian",
    );
    // Under inspection or discipline review.
    let m = refused(
        GGT,
        &base,
        json!({"dang_vien": {"dang_bi_kiem_tra": true}}),
        "dang_vien.dang_bi_kiem_tra",
    );
    assert!(m.contains("kỷ luật"), "{m}");
    refused(GGT, &base, json!({"loai": "lau-dai"}), "loai");
    refused(
        GGT,
        &base,
        json!({"cac_cap_xac_nhan": [" "]}),
        "cac_cap_xac_nhan[0]",
    );
    refused(
        GGT,
        &base,
        json!({"so_ngay_trinh_dien": 400}),
        "so_ngay_trinh_dien",
    );
    refused(GGT, &base, json!({"ly_do": ""}), "ly_do");
    // The letter is sealed: a chi bộ trực thuộc has no seal to put on it.
    let m = refused(
        GGT,
        &base,
        json!({"to_chuc": {"loai": "chi-bo-truc-thuoc"}}),
        "to_chuc.loai",
    );
    assert!(m.contains("con dấu"), "{m}");
}
