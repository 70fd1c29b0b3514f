//! The request for guidance on the draft list before the step-1 ballot
//! (công văn xin ý kiến chỉ đạo), read back from the PDF: addressed to the
//! body the organisation model names, the draft list attached, its members
//! carried into the step-1 ballot.

mod common;

use common::*;
use dangvu::{Error, Format};
use serde_json::Value;

const REQUEST: &str = "cong-van-xin-y-kien-danh-sach";
const STEP1: &str = "nghi-quyet-dua-vao-dien-giup-do";

fn text_of(case: &Value) -> String {
    let pdf = render(REQUEST, case, Format::Pdf).unwrap_or_else(|e| panic!("{e}"));
    squeeze(&pdf_text(&pdf))
}

fn refused(case: &Value, field: &str, words: &str) {
    match render(REQUEST, case, Format::Pdf) {
        Err(Error::Invalid(problems)) => assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.message.contains(words)),
            "expected a problem on {field} with {words:?}, got {problems:?}"
        ),
        other => panic!("expected refusal, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn the_request_attaches_the_draft_list_and_asks_the_right_body() {
    let case = example(REQUEST);
    let flat = text_of(&case);
    for needle in [
        "Số 01-CV/CB",
        "V/v xin ý kiến chỉ đạo về danh sách đảng viên dự kiến",
        // A chi bộ cơ sở asks the standing committee of the ward.
        "Kính gửi: Ban Thường vụ Đảng ủy phường Vân Lam",
        "dự kiến danh sách 04 đảng viên",
        "T/M CHI BỘ",
        "DANH SÁCH",
        "kèm theo Công văn số 01-CV/CB ngày 22/12/2025",
        "1 Lê Văn Hùng 14/03/1968 20/06/1995",
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
    let flat = text_of(&under);
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
    refused(&case, "dang_vien[2].ho_ten", "đã có trong danh sách");
    let mut case = example(REQUEST);
    case["dang_vien"][0]["ngay_chinh_thuc"] = "2026-03-01".into();
    refused(
        &case,
        "dang_vien[0].ngay_chinh_thuc",
        "đảng viên chính thức",
    );
    let mut case = example(REQUEST);
    case["dang_vien"][1]["tieu_chi"] = " ".into();
    refused(&case, "dang_vien[1].tieu_chi", "");
    let mut case = example(REQUEST);
    case["dang_vien"] = Value::Array(Vec::new());
    refused(&case, "dang_vien", "ít nhất một");
    let mut case = example(REQUEST);
    case["to_chuc"]["loai"] = "dang-uy-cap-tren".into();
    refused(&case, "to_chuc.loai", "chi bộ");
}
