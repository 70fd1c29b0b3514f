//! The minutes of a screening step's meeting (biên bản họp chi bộ) come from
//! the same case as the resolution the meeting adopted, and must agree with
//! it: the same attendance, names, numbers and outcomes. The outcomes
//! compared here are the resolution's own (its view, computed by dangvu),
//! not the test's; the minutes are read back from the PDF.

mod common;

use common::*;
use dangvu::{Error, Format};
use serde_json::{Value, json};

const MINUTES: &str = "bien-ban-hop-chi-bo";
const STEP1: &str = "nghi-quyet-dua-vao-dien-giup-do";
const STEP2: &str = "nghi-quyet-phan-cong-giup-do";
const STEP3: &str = "nghi-quyet-ket-qua-sang-loc";

fn view(form: &str, case: &Value) -> Value {
    let json = serde_json::to_vec(case).unwrap();
    let model = renderer().form(form).unwrap().model;
    model
        .prepare(&json, &|_| true)
        .unwrap_or_else(|e| panic!("{form}: {e:?}"))
        .view
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn rows(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not a list: {v}"))
}

/// A step's example with the minutes' own data added.
fn with_course(form: &str) -> Value {
    let mut case = example(form);
    case["cuoc_hop"]["dien_bien"] = json!({
        "khai_mac": "14:00",
        "be_mac": "16:30",
        "thao_luan": [{ "ho_ten": "Vũ Thị Hồng", "noi_dung": "Nhất trí với danh sách." }]
    });
    case
}

/// The meeting as both documents print it: who, where, how many.
fn assert_same_meeting(resolution: &Value, minutes: &Value) {
    for key in [
        "date",
        "place",
        "chair",
        "secretary",
        "full",
        "probationary",
        "exempted",
        "convened",
        "present",
        "absent",
        "absentees",
    ] {
        assert_eq!(
            resolution["meeting"][key], minutes["meeting"][key],
            "meeting.{key}"
        );
    }
}

/// The chair's conclusion for a member, as the minutes print it: the
/// resolution's result, first letter lowered.
fn concluded(name: &str, result: &str) -> String {
    let mut c = result.chars();
    let first: String = c.next().unwrap().to_lowercase().collect();
    squeeze(&format!("Đồng chí {name}: {first}{}", c.as_str()))
}

#[test]
fn step3_minutes_agree_with_the_step3_resolution_of_the_same_case() {
    let case = example(MINUTES);
    // The minutes' example IS a step-3 resolution case: the resolution
    // accepts it and prints what it printed without the minutes' data.
    let mut bare = case.clone();
    bare["cuoc_hop"]
        .as_object_mut()
        .unwrap()
        .remove("dien_bien");
    for m in bare["dang_vien"].as_array_mut().unwrap() {
        let m = m.as_object_mut().unwrap();
        m.remove("tu_kiem_diem");
        m.remove("nhan_xet");
    }
    assert_eq!(
        bare,
        example(STEP3),
        "the minutes extend the step-3 example"
    );
    assert_eq!(text_of(STEP3, &case), text_of(STEP3, &bare));

    let (resolution, minutes) = (view(STEP3, &case), view(MINUTES, &case));
    assert_same_meeting(&resolution, &minutes);
    assert_eq!(resolution["base"], minutes["base"]);
    let flat = text_of(MINUTES, &case);
    let progress = rows(&minutes["ballots"][0]["rows"]);
    let res_rows = rows(&resolution["rows"]);
    assert_eq!(progress.len(), res_rows.len());
    for (r, p) in res_rows.iter().zip(progress) {
        // [TT, name, cast, yes, no, invalid, percent, result]
        assert_eq!(r["name"], p[1]);
        let (yes, no, invalid) = (s(&p[3]), s(&p[4]), s(&p[5]));
        assert_eq!(s(&r["progress"]), format!("{yes} / {no} / {invalid}"));
        assert_eq!(r["progress-percent"], p[6]);
        let line = concluded(s(&r["name"]), s(&r["result"]));
        assert!(flat.contains(&line), "minutes lack {line:?}\n{flat}");
    }
    let removal = rows(&minutes["ballots"][1]["rows"]);
    let voted: Vec<&Value> = res_rows
        .iter()
        .filter(|r| r["removal-percent"] != "")
        .collect();
    assert_eq!(removal.len(), voted.len());
    for (r, p) in voted.into_iter().zip(removal) {
        assert_eq!(r["name"], p[1]);
        assert_eq!(r["removal-percent"], p[6]);
    }
    for needle in [
        "BIÊN BẢN",
        "Hôm nay, hồi 8 giờ 00 phút ngày 09/02/2027",
        "kết thúc hồi 11 giờ 15 phút cùng ngày",
        "Đồng chí Trần Thị Bích Ngọc nhận xét: Đồng chí Lê Văn Hùng có chuyển biến rõ rệt",
        "Đồng chí Đinh Quang Huy trình bày bản tự kiểm điểm:",
        "Đồng chí Bùi Minh Khoa: Đồng chí Đinh Quang Huy vẫn không sửa chữa",
        "Ngô Thị Mai (trưởng ban)",
        "Chi bộ nhất trí thông qua Nghị quyết số 12-NQ/CB ngày 09/02/2027",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ] {
        assert!(flat.contains(&squeeze(needle)), "minutes lack {needle:?}");
    }
}

#[test]
fn step1_minutes_agree_with_the_step1_resolution() {
    let case = with_course(STEP1);
    let (resolution, minutes) = (view(STEP1, &case), view(MINUTES, &case));
    assert_same_meeting(&resolution, &minutes);
    let ballot = rows(&minutes["ballots"][0]["rows"]);
    let res_rows = rows(&resolution["rows"]);
    assert_eq!(ballot.len(), res_rows.len());
    for (r, b) in res_rows.iter().zip(ballot) {
        assert_eq!(r["name"], b[1]);
        assert_eq!(r["yes"], b[3]);
        assert_eq!(r["percent"], b[6]);
        assert_eq!(r["result"], b[7]);
    }
    let flat = text_of(MINUTES, &case);
    let included = rows(&resolution["included"]);
    assert!(!included.is_empty() && included.len() < res_rows.len());
    for m in included {
        let line = squeeze(&format!(
            "Đồng chí {}: đưa vào danh sách đảng viên cần được giáo dục, giúp đỡ",
            s(&m["name"])
        ));
        assert!(flat.contains(&line), "minutes lack {line:?}");
    }
    for m in rows(&resolution["excluded"]) {
        let line = squeeze(&format!("Đồng chí {}: không đưa vào", s(&m["name"])));
        assert!(flat.contains(&line), "minutes lack {line:?}");
    }
    assert!(flat.contains(&squeeze("Hôm nay, hồi 14 giờ 00 phút")));
    assert!(flat.contains(&squeeze("Đồng chí Vũ Thị Hồng: Nhất trí với danh sách.")));
}

#[test]
fn step2_minutes_record_the_assignments_of_the_step2_resolution() {
    let case = with_course(STEP2);
    let (resolution, minutes) = (view(STEP2, &case), view(MINUTES, &case));
    assert_same_meeting(&resolution, &minutes);
    assert!(rows(&minutes["ballots"]).is_empty(), "no ballot at step 2");
    let flat = text_of(MINUTES, &case);
    let members = rows(&resolution["members"]);
    assert!(
        members.iter().any(|m| m["months"] != "12"),
        "a shorter period"
    );
    for r in members {
        let line = squeeze(&format!(
            "Phân công đồng chí {} theo dõi, giúp đỡ đồng chí {} trong {} tháng, từ ngày {} đến ngày {}",
            s(&r["helper"]),
            s(&r["name"]),
            s(&r["months"]),
            s(&r["from"]),
            s(&r["to"])
        ));
        assert!(flat.contains(&line), "minutes lack {line:?}\n{flat}");
    }
    // A chi bộ cơ sở approves its own list (seed 000, bước 1).
    assert!(flat.contains(&squeeze(
        "Thông báo danh sách đảng viên cần được giáo dục, giúp đỡ chi bộ đã thông qua"
    )));
}

#[test]
fn minutes_need_their_own_data_and_name_the_field() {
    // Without the course of the meeting the resolution prints, the minutes not.
    let case = example(STEP3);
    text_of(STEP3, &case);
    refused(MINUTES, &case, "cuoc_hop.dien_bien", "giờ khai mạc");
    // Step 3: each member's self-criticism and the helper's comment.
    let mut case = example(MINUTES);
    case["dang_vien"][1]
        .as_object_mut()
        .unwrap()
        .remove("nhan_xet");
    refused(MINUTES, &case, "dang_vien[1].nhan_xet", "Đinh Quang Huy");
    let mut case = example(MINUTES);
    case["dang_vien"][0]["tu_kiem_diem"] = "  ".into();
    refused(MINUTES, &case, "dang_vien[0].tu_kiem_diem", "tự kiểm điểm");
    // Closing before opening is refused in the resolution too (same case).
    let mut case = example(MINUTES);
    case["cuoc_hop"]["dien_bien"]["be_mac"] = "07:30".into();
    refused(
        MINUTES,
        &case,
        "cuoc_hop.dien_bien.be_mac",
        "sau giờ khai mạc",
    );
    match render(STEP3, &case, Format::Pdf) {
        Err(Error::Invalid(p)) => assert!(p.iter().any(|p| p.field == "cuoc_hop.dien_bien.be_mac")),
        other => panic!(
            "resolution accepted closing before opening: {:?}",
            other.is_ok()
        ),
    }
    // An empty speaker is named.
    let mut case = example(MINUTES);
    case["cuoc_hop"]["dien_bien"]["thao_luan"][0]["noi_dung"] = "".into();
    refused(
        MINUTES,
        &case,
        "cuoc_hop.dien_bien.thao_luan[0].noi_dung",
        "",
    );
}
