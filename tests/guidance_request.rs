//! The papers around the step-1 list, read back from the PDF: the request for
//! guidance on the draft list before the ballot (công văn xin ý kiến chỉ
//! đạo), addressed to the body the organisation model names, its members
//! carried into the step-1 ballot; and the notice of the list's approval
//! (thông báo ý kiến phê duyệt), from which step 2 starts.

mod common;

use common::*;
use dangvu::{Error, Format};
use serde_json::Value;

const REQUEST: &str = "cong-van-xin-y-kien-danh-sach";
const STEP1: &str = "nghi-quyet-dua-vao-dien-giup-do";

#[test]
fn the_request_attaches_the_draft_list_and_asks_the_right_body() {
    let case = example(REQUEST);
    let flat = text_of(REQUEST, &case);
    for needle in [
        "Số 01-CV/CB",
        "V/v xin ý kiến chỉ đạo về danh sách đảng viên dự kiến",
        // A chi bộ cơ sở asks the standing committee of the ward.
        "Kính gửi: Ban Thường vụ Đảng ủy phường Vân Lam",
        "dự kiến danh sách 04 đảng viên",
        "T/M CHI BỘ",
        "DANH SÁCH",
        "kèm theo Công văn số 01-CV/CB ngày 22/12/2025",
        "1. Đồng chí Lê Văn Hùng, sinh ngày 14/03/1968, vào Đảng chính thức ngày 20/06/1995. Tiêu chí, biểu hiện: không tham gia",
        "2. Đồng chí Phạm Thị Thu Hà, sinh ngày 02/09/1980, vào Đảng chính thức ngày 12/11/2009; Tổ trưởng tổ dân phố.",
    ] {
        assert!(
            flat.contains(&squeeze(needle)),
            "PDF lacks {needle:?}\n{flat}"
        );
    }
    for m in case["dang_vien"].as_array().unwrap() {
        for key in ["ho_ten", "tieu_chi"] {
            let s = m[key].as_str().unwrap();
            assert!(flat.contains(&squeeze(s)), "PDF lacks {s:?}");
        }
    }
    // A branch under a grassroots committee asks that committee (hd02).
    let mut under = case.clone();
    under["quy_dinh"] = "hd02-btctw-2021".into();
    under["to_chuc"]["loai"] = "chi-bo-truc-thuoc".into();
    let flat = text_of(REQUEST, &under);
    assert!(flat.contains(&squeeze("Kính gửi: Đảng ủy phường Vân Lam")));
    assert!(!flat.contains(&squeeze("Ban Thường vụ")));
}

/// "Lập tiếp" keeps what the next form's schema knows: every field of a
/// draft-list member is a field of a step-1 member, and the draft list is the
/// list the step-1 example votes on.
#[test]
fn the_draft_list_carries_into_the_step1_ballot() {
    let request = renderer().form(REQUEST).unwrap().model.schema();
    let step1 = renderer().form(STEP1).unwrap().model.schema();
    let fields = |schema: &Value, def: &str| -> Vec<String> {
        schema["$defs"][def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{def}"))
            .keys()
            .cloned()
            .collect()
    };
    let step1_fields = fields(&step1, "DangVienBieuQuyet");
    for f in fields(&request, "DuKien") {
        assert!(step1_fields.contains(&f), "{f} does not carry over");
    }
    let drafted = example(REQUEST)["dang_vien"].clone();
    let mut voted = example(STEP1)["dang_vien"].clone();
    for m in voted.as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("phieu");
    }
    assert_eq!(drafted, voted);
    assert!(
        example(REQUEST)["van_ban"]["ngay"].as_str() < example(STEP1)["cuoc_hop"]["ngay"].as_str()
    );
}

#[test]
fn bad_requests_are_refused_naming_the_field() {
    let mut case = example(REQUEST);
    case["dang_vien"][2]["ho_ten"] = " lê văn  hùng ".into();
    refused(
        REQUEST,
        &case,
        "dang_vien[2].ho_ten",
        "đã có trong danh sách",
    );
    let mut case = example(REQUEST);
    case["dang_vien"][0]["ngay_chinh_thuc"] = "2026-03-01".into();
    refused(
        REQUEST,
        &case,
        "dang_vien[0].ngay_chinh_thuc",
        "đảng viên chính thức",
    );
    let mut case = example(REQUEST);
    case["dang_vien"][1]["tieu_chi"] = " ".into();
    refused(REQUEST, &case, "dang_vien[1].tieu_chi", "");
    let mut case = example(REQUEST);
    case["dang_vien"] = Value::Array(Vec::new());
    refused(REQUEST, &case, "dang_vien", "ít nhất một");
    let mut case = example(REQUEST);
    case["to_chuc"]["loai"] = "dang-uy-cap-tren".into();
    refused(REQUEST, &case, "to_chuc.loai", "chi bộ");
}

// ---------------------------------------------------------------- notice

const NOTICE: &str = "thong-bao-phe-duyet-danh-sach";
const STEP2: &str = "nghi-quyet-phan-cong-giup-do";

fn notice_text(case: &Value) -> String {
    let pdf = render(NOTICE, case, Format::Pdf).unwrap_or_else(|e| panic!("{e}"));
    squeeze(&pdf_text(&pdf))
}

/// The notice lists exactly whom the step-1 resolution put on the list (as
/// dangvu computes it), names the next meeting, and that meeting is step 2's.
#[test]
fn the_notice_lists_whom_step1_included_and_step2_meets_on_its_date() {
    let case = example(NOTICE);
    let s1 = example(STEP1);
    let json = serde_json::to_vec(&s1).unwrap();
    let v1 = renderer()
        .form(STEP1)
        .unwrap()
        .model
        .prepare(&json, &|_| true)
        .unwrap()
        .view;
    let included: Vec<&Value> = v1["included"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["name"])
        .collect();
    let listed: Vec<&Value> = case["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["ho_ten"])
        .collect();
    assert_eq!(listed, included);
    assert_eq!(case["nghi_quyet"]["so"], s1["van_ban"]["so"]);
    assert_eq!(case["hop_chi_bo_tiep"], example(STEP2)["cuoc_hop"]["ngay"]);
    // Every field of a listed member carries into step 2.
    let step2 = renderer().form(STEP2).unwrap().model.schema();
    let known = step2["$defs"]["PhanCong"]["properties"]
        .as_object()
        .unwrap();
    for m in case["dang_vien"].as_array().unwrap() {
        for key in m.as_object().unwrap().keys() {
            assert!(known.contains_key(key), "{key} does not carry over");
        }
    }
    let flat = notice_text(&case);
    for needle in [
        "THÔNG BÁO",
        "Số 02-TB/CB",
        "Căn cứ Nghị quyết số 03-NQ/CB ngày 05/01/2026 của Chi bộ Tổ dân phố số 5",
        // A chi bộ cơ sở under Hà Nội's rule approves its own list.
        "chi bộ đã phê duyệt tại nghị quyết nêu trên",
        "gồm 03 đồng chí",
        "2 Phạm Thị Thu Hà 02/09/1980 Tổ trưởng tổ dân phố",
        "hội nghị chi bộ ngày 03/02/2026",
    ] {
        assert!(
            flat.contains(&squeeze(needle)),
            "PDF lacks {needle:?}\n{flat}"
        );
    }
    // Where a body above approves (hd02), its name and date are printed, and
    // the date is required.
    let mut above = case.clone();
    above["quy_dinh"] = "hd02-btctw-2021".into();
    above["to_chuc"]["loai"] = "chi-bo-truc-thuoc".into();
    match render(NOTICE, &above, Format::Pdf) {
        Err(Error::Invalid(p)) => assert!(
            p.iter().any(
                |p| p.field == "ngay_phe_duyet" && p.message.contains("Đảng ủy phường Vân Lam")
            ),
            "{p:?}"
        ),
        other => panic!("accepted without the approval date: {:?}", other.is_ok()),
    }
    above["ngay_phe_duyet"] = "2026-01-09".into();
    let flat = notice_text(&above);
    assert!(flat.contains(&squeeze(
        "Đảng ủy phường Vân Lam đã phê duyệt ngày 09/01/2026 danh sách"
    )));
    assert!(flat.contains(&squeeze("Đảng ủy phường Vân Lam (để báo cáo)")));
}

#[test]
fn bad_notices_are_refused_naming_the_field() {
    let check = |edit: &dyn Fn(&mut Value), field: &str, words: &str| {
        let mut case = example(NOTICE);
        edit(&mut case);
        match render(NOTICE, &case, Format::Pdf) {
            Err(Error::Invalid(p)) => assert!(
                p.iter()
                    .any(|p| p.field == field && p.message.contains(words)),
                "{field}: {p:?}"
            ),
            other => panic!("{field}: accepted: {:?}", other.is_ok()),
        }
    };
    check(
        &|c| c["hop_chi_bo_tiep"] = "2026-01-12".into(),
        "hop_chi_bo_tiep",
        "sau ngày thông báo",
    );
    check(
        &|c| c["nghi_quyet"]["ngay"] = "2026-01-20".into(),
        "nghi_quyet.ngay",
        "trước ngày thông báo",
    );
    check(
        &|c| c["ngay_phe_duyet"] = "2026-01-02".into(),
        "ngay_phe_duyet",
        "từ ngày nghị quyết",
    );
    check(
        &|c| c["dang_vien"][1]["ho_ten"] = "LÊ VĂN HÙNG".into(),
        "dang_vien[1].ho_ten",
        "đã có trong danh sách",
    );
    check(
        &|c| c["dang_vien"] = Value::Array(Vec::new()),
        "dang_vien",
        "ít nhất một",
    );
}
