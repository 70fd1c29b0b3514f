//! The end of the screening, read back from the PDF: the Ban Thường vụ's
//! decision (xóa tên, khai trừ) or its notice that help continues with the
//! review date computed (seed 001 Bước 4), and Hà Nội's report after three
//! inconclusive rounds in a row (seed 000 appendix, Bước 3), refused before
//! the third round and under any other profile, naming the field.

mod common;

use common::*;
use serde_json::{Value, json};

const DECISION: &str = "quyet-dinh-dua-ra-khoi-dang";
const ESCALATION: &str = "bao-cao-ba-lan-bieu-quyet";
const STEP3: &str = "nghi-quyet-ket-qua-sang-loc";
const IMMEDIATE: &str = "nghi-quyet-de-nghi-xoa-ten";

// ---------------------------------------------------------------- decision

/// The conclusion decides the paper: (ket_luan, what the PDF says).
#[test]
fn the_conclusion_decides_between_decision_and_notice() {
    let rows: [(&str, &[&str], &[&str]); 3] = [
        (
            "xoa-ten",
            &[
                "Số 18-QĐ/ĐU",
                "QUYẾT ĐỊNH về việc xóa tên đảng viên trong danh sách đảng viên",
                "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG VÂN LAM",
                "Căn cứ Quy định số 20-QĐ/TW ngày 08/4/2026",
                "Căn cứ Quy định số 02-QĐ/TU ngày 19/11/2025 của Thành ủy Hà Nội",
                "Xét đề nghị của Chi bộ Tổ dân phố số 5 tại Nghị quyết số 12-NQ/CB ngày 09/02/2027",
                "Xét Báo cáo số 03-BC/UBKT ngày 22/03/2027 của Ủy ban Kiểm tra Đảng ủy phường Vân Lam",
                "Điều 1. Xóa tên đồng chí Đinh Quang Huy, sinh ngày 08/07/1975",
                "sinh hoạt tại Chi bộ Tổ dân phố số 5, trong danh sách đảng viên. Lý do: không thực hiện cam kết sửa chữa",
                "T/M BAN THƯỜNG VỤ",
                "Ban Tổ chức Thành ủy Hà Nội (để báo cáo)",
            ],
            &["THÔNG BÁO", "khai trừ"],
        ),
        (
            "khai-tru",
            &[
                "Số 18-QĐ/ĐU",
                "về việc thi hành kỷ luật đảng viên bằng hình thức khai trừ",
                "Điều 1. Thi hành kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với đồng chí Đinh Quang Huy",
            ],
            &["THÔNG BÁO", "Xóa tên đồng chí"],
        ),
        (
            "tiep-tuc-giup-do",
            &[
                "Số 18-TB/ĐU",
                "THÔNG BÁO về việc tiếp tục giáo dục, giúp đỡ đảng viên",
                "chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ",
                "Đề nghị Chi bộ Tổ dân phố số 5 tiếp tục giáo dục, giúp đỡ đồng chí Đinh Quang Huy và sẽ xem xét lại sau 12 tháng, vào ngày 29/03/2028",
            ],
            &["QUYẾT ĐỊNH", "Điều 1."],
        ),
    ];
    for (conclusion, present, absent) in rows {
        let mut case = example(DECISION);
        case["ket_luan"] = conclusion.into();
        case["dang_vien"][0]["de_xuat"] = conclusion.into();
        let flat = text_of(DECISION, &case);
        for needle in present {
            has(&flat, needle);
        }
        for needle in absent {
            assert!(
                !flat.contains(&squeeze(needle)),
                "{conclusion}: PDF has {needle:?}"
            );
        }
    }
}

/// The review date is the calendar's: 12 months after the notice, clamped to
/// the end of the month.
#[test]
fn the_review_date_is_twelve_months_after_the_notice() {
    for (notice, review) in [
        ("2027-03-29", "29/03/2028"),
        ("2028-02-29", "28/02/2029"),
        ("2027-12-31", "31/12/2028"),
    ] {
        let mut case = example(DECISION);
        case["ket_luan"] = "tiep-tuc-giup-do".into();
        case["dang_vien"][0]["de_xuat"] = Value::Null;
        case["dang_vien"][0]["vi_pham"] = Value::Null;
        case["van_ban"]["ngay"] = notice.into();
        let flat = text_of(DECISION, &case);
        has(
            &flat,
            &format!("xem xét lại sau 12 tháng, vào ngày {review}"),
        );
    }
}

#[test]
fn bad_decisions_are_refused_naming_the_field() {
    let edits: [(&str, Value, &str, &str); 9] = [
        (
            "a branch cannot decide",
            json!({"to_chuc": {"loai": "chi-bo-co-so", "cap_tren": "Đảng bộ phường Vân Lam"}}),
            "to_chuc.loai",
            "dang-uy-cap-tren",
        ),
        (
            "a probationary member is not expelled",
            json!({"ket_luan": "khai-tru", "dang_vien": [{"de_xuat": null, "ngay_chinh_thuc": null}]}),
            "ket_luan",
            "đảng viên dự bị, không bị kỷ luật khai trừ",
        ),
        (
            "a decision states its reason",
            json!({"dang_vien": [{"vi_pham": " "}]}),
            "dang_vien[0].vi_pham",
            "lý do",
        ),
        (
            "the paper's conclusion is the commission's proposal",
            json!({"ket_luan": "khai-tru"}),
            "dang_vien[0].de_xuat",
            "Ủy ban Kiểm tra đề xuất xóa tên đối với đồng chí Đinh Quang Huy, khác kết luận của văn bản này (khai trừ)",
        ),
        (
            "verification follows the proposal",
            json!({"bao_cao_tham_tra": {"ngay": "2027-02-01"}}),
            "dang_vien[0].nghi_quyet.ngay",
            "không sau ngày báo cáo thẩm tra (01/02/2027)",
        ),
        (
            "the decision follows the verification",
            json!({"van_ban": {"ngay": "2027-03-20"}}),
            "bao_cao_tham_tra.ngay",
            "không được sau ngày văn bản",
        ),
        (
            "the member joined before the proposal",
            json!({"dang_vien": [{"ngay_vao_dang": "2027-02-20", "ngay_chinh_thuc": null}]}),
            "dang_vien[0].nghi_quyet.ngay",
            "phải sau ngày vào Đảng",
        ),
        (
            "the branch is named",
            json!({"dang_vien": [{"chi_bo": " "}]}),
            "dang_vien[0].chi_bo",
            "không được để trống",
        ),
        (
            "a committee decides, under a profile in force",
            json!({"quy_dinh": "qd02-tu-hanoi-2025", "van_ban": {"ngay": "2025-11-01"}, "bao_cao_tham_tra": {"ngay": "2025-10-01"}, "dang_vien": [{"nghi_quyet": {"ngay": "2025-09-01"}}]}),
            "quy_dinh",
            "có hiệu lực từ ngày 19/11/2025",
        ),
    ];
    for (name, patch, field, words) in edits {
        let mut case = example(DECISION);
        merge(&mut case, &patch);
        eprintln!("{name}");
        refused(DECISION, &case, field, words);
    }
}

/// Several members with one conclusion: one article lists them, each with
/// their own reason; the notice lists them too.
#[test]
fn several_members_share_one_conclusion() {
    let mut case = example(DECISION);
    let mut other = case["dang_vien"][0].clone();
    other["ho_ten"] = "Lại Văn Thắng".into();
    other["ngay_sinh"] = "1986-12-02".into();
    other["chi_bo"] = "Chi bộ Hành chính - Phục vụ".into();
    other["nghi_quyet"] = json!({"so": 2, "ngay": "2027-02-12"});
    other["vi_pham"] = "tự ý bỏ sinh hoạt đảng 04 tháng trong năm 2026".into();
    case["dang_vien"].as_array_mut().unwrap().push(other);
    let flat = text_of(DECISION, &case);
    for needle in [
        "Xét đề nghị của Chi bộ Tổ dân phố số 5 tại Nghị quyết số 12-NQ/CB ngày 09/02/2027",
        "Xét đề nghị của Chi bộ Hành chính - Phục vụ tại Nghị quyết số 02-NQ/CB ngày 12/02/2027",
        "Điều 1. Xóa tên 02 đồng chí sau trong danh sách đảng viên:",
        "2. Đồng chí Lại Văn Thắng, sinh ngày 02/12/1986",
        "Lý do: tự ý bỏ sinh hoạt đảng 04 tháng trong năm 2026.",
        "Chi bộ Tổ dân phố số 5, Chi bộ Hành chính - Phục vụ thông báo Quyết định này đến các đồng chí có tên tại Điều 1",
    ] {
        has(&flat, needle);
    }
    let mut same = case.clone();
    same["dang_vien"][1]["ho_ten"] = " đinh quang  huy ".into();
    refused(
        DECISION,
        &same,
        "dang_vien[1].ho_ten",
        "đã có trong danh sách",
    );
}

/// Only a full member holds a card to take back: (full members among two,
/// what Điều 2 asks of the branches).
#[test]
fn the_card_is_taken_back_only_from_full_members() {
    let rows = [
        (
            2,
            "thu hồi thẻ đảng viên và nộp cùng hồ sơ đảng viên về Văn phòng",
        ),
        (
            1,
            "thu hồi thẻ đảng viên của đảng viên chính thức và nộp cùng hồ sơ đảng viên về Văn phòng",
        ),
        (
            0,
            "các đồng chí có tên tại Điều 1, nộp hồ sơ đảng viên về Văn phòng",
        ),
    ];
    for (full, says) in rows {
        let mut case = example(DECISION);
        let mut other = case["dang_vien"][0].clone();
        other["ho_ten"] = "Lại Văn Thắng".into();
        case["dang_vien"].as_array_mut().unwrap().push(other);
        for m in full..2 {
            case["dang_vien"][m]["ngay_chinh_thuc"] = Value::Null;
        }
        let flat = text_of(DECISION, &case);
        has(&flat, says);
        if full == 0 {
            assert!(!flat.contains(&squeeze("thẻ đảng viên")), "{flat}");
        }
    }
}

/// The decision follows the proposal the step-3 resolution made: the same
/// member, whom step 3 proposed to remove, by that resolution's number and
/// date; its member rows carry the verification report's field names
/// (`dang_vien[].chi_bo`, `nghi_quyet`, `vi_pham`, `de_xuat`), and the
/// immediate-removal resolution's member fields.
#[test]
fn the_decision_agrees_with_the_step3_proposal() {
    let decision = example(DECISION);
    let step3 = example(STEP3);
    let ours = &decision["dang_vien"][0];
    assert_eq!(ours["nghi_quyet"]["so"], step3["van_ban"]["so"]);
    assert_eq!(ours["nghi_quyet"]["ngay"], step3["van_ban"]["ngay"]);
    assert_eq!(ours["chi_bo"], step3["to_chuc"]["ten"]);
    assert_eq!(step3["to_chuc"]["ky_hieu"], "CB");
    let name = ours["ho_ten"].as_str().unwrap();
    let flat3 = text_of(STEP3, &step3);
    let removal = flat3
        .find(&squeeze("Đề nghị Ban Thường vụ Đảng ủy phường Vân Lam"))
        .expect("step 3 proposes a removal");
    assert!(
        flat3[removal..].contains(&squeeze(name)),
        "{name} not proposed in step 3"
    );
    let member = step3["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ho_ten"] == name)
        .unwrap();
    assert_eq!(ours["ngay_sinh"], member["ngay_sinh"]);
    let props = |form: &str, def: &str| -> Vec<String> {
        let schema = renderer().form(form).unwrap().model.schema();
        schema["$defs"][def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{form} {def}"))
            .keys()
            .cloned()
            .collect()
    };
    let ours = props(DECISION, "DangVien");
    for f in props(IMMEDIATE, "DangVienXoaTen") {
        assert!(
            ours.contains(&f),
            "{f} of the immediate removal is not a decision field"
        );
    }
}

// ---------------------------------------------------------------- escalation

#[test]
fn the_report_after_three_rounds_lists_every_round_and_asks_both_committees() {
    let flat = text_of(ESCALATION, &example(ESCALATION));
    for needle in [
        "Số 15-BC/CB",
        "Kính gửi: - Đảng ủy phường Vân Lam; - Ban Thường vụ Đảng ủy phường Vân Lam.",
        "Thực hiện Quy định số 02-QĐ/TU ngày 19/11/2025 của Thành ủy Hà Nội",
        "1. Đồng chí Phạm Thị Thu Hà, sinh ngày 02/09/1980",
        "1 05/01/2027 22 7 / 14 / 0 (31,82%) 11 / 10 / 0 (50%)",
        "2 09/02/2027 22 8 / 12 / 1 (36,36%) 12 / 9 / 0 (54,55%)",
        "3 09/03/2027 22 9 / 12 / 1 (40,91%) 13 / 9 / 0 (59,09%)",
        "báo cáo Đảng ủy phường Vân Lam và Ban Thường vụ Đảng ủy phường Vân Lam xem xét, quyết định",
    ] {
        has(&flat, needle);
    }
}

/// The round counting, table-driven: (what changes, field, words).
#[test]
fn the_report_is_refused_before_the_third_inconclusive_round() {
    // A round of 21 present out of 22 convened; no removal ballot when
    // progress was recognised (`removal_yes` 0).
    let round = |ngay: &str, yes: u32, removal_yes: u32| {
        let mut r = json!({
            "ngay": ngay,
            "so_luong": {"dang_vien_chinh_thuc": 24, "dang_vien_du_bi": 2, "mien_sinh_hoat": 2, "trieu_tap": 22, "co_mat": 21},
            "tien_bo": {"phat_ra": 21, "dong_y": yes, "khong_dong_y": 21 - yes, "khong_hop_le": 0},
        });
        if removal_yes > 0 {
            r["dua_ra_khoi_dang"] = json!({"phat_ra": 21, "dong_y": removal_yes, "khong_dong_y": 21 - removal_yes, "khong_hop_le": 0});
        }
        r
    };
    let rows: Vec<(&str, Value, &str, &str)> = vec![
        (
            "first round only",
            json!([]),
            "dang_vien[0].cac_lan_truoc",
            "mới có 1 lần biểu quyết liên tục",
        ),
        (
            "second round",
            json!([round("2027-02-09", 8, 12)]),
            "dang_vien[0].cac_lan_truoc",
            "mới có 2 lần biểu quyết liên tục",
        ),
        (
            "a fourth round",
            json!([
                round("2026-10-06", 8, 12),
                round("2026-11-10", 8, 12),
                round("2027-01-05", 8, 12),
                round("2027-02-09", 8, 12)
            ]),
            "dang_vien[0].cac_lan_truoc",
            "tối đa 3 lần",
        ),
        (
            "progress recognised in round 1",
            json!([round("2027-01-05", 12, 0), round("2027-02-09", 8, 12)]),
            "dang_vien[0].cac_lan_truoc[0].tien_bo.dong_y",
            "lần biểu quyết thứ 1 đã có kết quả",
        ),
        (
            "removal proposed in round 2",
            json!([round("2027-01-05", 7, 11), round("2027-02-09", 8, 15)]),
            "dang_vien[0].cac_lan_truoc[1].dua_ra_khoi_dang.dong_y",
            "lần biểu quyết thứ 2 đã có kết quả",
        ),
        (
            "round 2 later than two monthly meetings after round 1",
            json!([round("2026-11-20", 7, 11), round("2027-02-09", 8, 12)]),
            "dang_vien[0].cac_lan_truoc[1].ngay",
            "chậm nhất ngày 31/01/2027",
        ),
        (
            "rounds out of order",
            json!([round("2027-02-09", 7, 11), round("2027-01-05", 8, 12)]),
            "dang_vien[0].cac_lan_truoc[1].ngay",
            "phải sau lần thứ 1",
        ),
        (
            "round 2 after the third meeting",
            json!([round("2027-01-05", 7, 11), round("2027-03-20", 8, 12)]),
            "cuoc_hop.ngay",
            "lần biểu quyết thứ 3 phải sau lần thứ 2",
        ),
    ];
    for (name, earlier, field, words) in rows {
        let mut case = example(ESCALATION);
        case["dang_vien"][0]["cac_lan_truoc"] = earlier;
        eprintln!("{name}");
        refused(ESCALATION, &case, field, words);
    }
    // The third round itself reaching two thirds for removal is a result.
    let mut case = example(ESCALATION);
    case["dang_vien"][0]["dua_ra_khoi_dang"] =
        json!({"phat_ra": 22, "dong_y": 15, "khong_dong_y": 7, "khong_hop_le": 0});
    refused(
        ESCALATION,
        &case,
        "dang_vien[0].dua_ra_khoi_dang.dong_y",
        "lần biểu quyết thứ 3 đã có kết quả",
    );
    // A bad earlier tally is reported under its own round.
    let mut case = example(ESCALATION);
    case["dang_vien"][0]["cac_lan_truoc"][0]["so_luong"]["co_mat"] = 30.into();
    refused(
        ESCALATION,
        &case,
        "dang_vien[0].cac_lan_truoc[0].so_luong.co_mat",
        "vượt quá",
    );
}

#[test]
fn only_the_hanoi_profile_has_the_report() {
    let mut case = example(ESCALATION);
    case["quy_dinh"] = "hd02-btctw-2021".into();
    refused(ESCALATION, &case, "quy_dinh", "Quy định 02-QĐ/TU");
}

/// "Lập tiếp" from the step-3 resolution: every field of a step-3 member the
/// report knows keeps its name, and the example's second round is the round
/// the step-3 example held (same date, same ballots); a step-3 resolution
/// of the example's third round escalates the member too.
#[test]
fn the_report_agrees_with_the_step3_resolution() {
    let props = |form: &str, def: &str| -> Vec<String> {
        let schema = renderer().form(form).unwrap().model.schema();
        schema["$defs"][def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{form} {def}"))
            .keys()
            .cloned()
            .collect()
    };
    let step3_member = props(STEP3, "DangVienSangLoc");
    for f in props(ESCALATION, "DangVienBaLan") {
        assert!(step3_member.contains(&f), "{f} does not carry over");
    }
    assert!(props(ESCALATION, "LanTruoc").contains(&"ngay".to_owned()));
    let report = example(ESCALATION);
    let step3 = example(STEP3);
    let ours = &report["dang_vien"][0];
    let theirs = step3["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ho_ten"] == ours["ho_ten"])
        .unwrap();
    let second = &ours["cac_lan_truoc"][1];
    assert_eq!(second["ngay"], step3["cuoc_hop"]["ngay"]);
    assert_eq!(
        second["so_luong"]["trieu_tap"],
        step3["cuoc_hop"]["so_luong"]["trieu_tap"]
    );
    assert_eq!(second["tien_bo"], theirs["tien_bo"]);
    assert_eq!(second["dua_ra_khoi_dang"], theirs["dua_ra_khoi_dang"]);
    assert_eq!(
        ours["cac_lan_truoc"][0]["ngay"],
        theirs["cac_lan_truoc"][0]["ngay"]
    );
    // The round-3 resolution of the same data escalates.
    let mut third = step3.clone();
    third["van_ban"]["ngay"] = report["cuoc_hop"]["ngay"].clone();
    third["cuoc_hop"]["ngay"] = report["cuoc_hop"]["ngay"].clone();
    third["cuoc_hop"]["so_luong"] = report["cuoc_hop"]["so_luong"].clone();
    third["cuoc_hop"]["vang_mat"] = json!([]);
    third["ban_kiem_phieu"] = Value::Null;
    third["dang_vien"] = json!([{
        "ho_ten": ours["ho_ten"],
        "ngay_sinh": ours["ngay_sinh"],
        "nguoi_giup_do": ours["nguoi_giup_do"],
        "tien_bo": ours["tien_bo"],
        "dua_ra_khoi_dang": ours["dua_ra_khoi_dang"],
        "lan_bieu_quyet": 3,
        "cac_lan_truoc": [{"ngay": ours["cac_lan_truoc"][0]["ngay"]}, {"ngay": second["ngay"]}]
    }]);
    let flat = text_of(STEP3, &third);
    has(
        &flat,
        "Chi bộ đã qua ba lần liên tục biểu quyết nhưng không đủ số phiếu",
    );
}
