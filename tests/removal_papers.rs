//! The papers after a branch proposes removal, read back from the PDF: the
//! đảng ủy cơ sở's resolution forwarding its branches' proposals to the Ban
//! Thường vụ (each branch vote re-checked against its ballot's threshold, the
//! committee's own vote), and the inspection commission's verification and
//! conclusion report (its findings must support its proposal). The members
//! carry over by field name: step 3 / xóa tên → forwarding → UBKT report.

mod common;

use common::*;
use dangvu::{Error, Format};
use serde_json::{Value, json};

const FORWARD: &str = "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang";
const UBKT: &str = "bao-cao-tham-tra-xac-minh";
const STEP3: &str = "nghi-quyet-ket-qua-sang-loc";
const XOA_TEN: &str = "nghi-quyet-de-nghi-xoa-ten";

fn problems(form: &str, case: &Value) -> Vec<dangvu::error::Problem> {
    match render(form, case, Format::Pdf) {
        Err(Error::Invalid(problems)) => problems,
        Ok(_) => Vec::new(),
        Err(e) => panic!("{e}"),
    }
}

fn refused(form: &str, case: &Value, field: &str, words: &str) {
    let ps = problems(form, case);
    assert!(
        ps.iter()
            .any(|p| p.field == field && p.message.contains(words)),
        "expected a problem on {field} with {words:?}, got {ps:?}"
    );
}

#[test]
fn the_forwarding_resolution_names_each_branch_proposal_and_the_deciding_body() {
    let flat = text_of(FORWARD, &example(FORWARD));
    for needle in [
        "ĐẢNG ỦY TRƯỜNG TRUNG HỌC PHỔ THÔNG VÂN LAM",
        "Số 05-NQ/ĐU",
        "về việc đề nghị xem xét đưa đảng viên ra khỏi Đảng",
        // Both matters' legal bases: xóa tên (06-HD/TW) and screening (02-QĐ/TU).
        "Căn cứ Hướng dẫn số 06-HD/TW ngày 09/6/2025",
        "Căn cứ Quy định số 02-QĐ/TU ngày 19/11/2025",
        "Tổng số đảng ủy viên: 09 đồng chí; có mặt: 08 đồng chí",
        "1. Chi bộ Giáo viên",
        "Chi bộ đề nghị xem xét đưa ra khỏi Đảng tại Nghị quyết số 04-NQ/CB ngày 10/02/2027",
        "14 / 18 đảng viên đồng ý (77,78%; nghị quyết cần từ hai phần ba trở lên",
        "2. Chi bộ Hành chính - Phục vụ",
        "Chi bộ đề nghị xóa tên trong danh sách đảng viên tại Nghị quyết số 02-NQ/CB ngày 12/02/2027",
        "8 / 9 đảng viên đồng ý (88,89%; nghị quyết cần trên một nửa",
        "tức ít nhất 05 đồng chí",
        "ĐẢNG ỦY TRƯỜNG TRUNG HỌC PHỔ THÔNG VÂN LAM QUYẾT NGHỊ:",
        "Đề nghị Ban Thường vụ Đảng ủy phường Vân Lam chỉ đạo Ủy ban Kiểm tra Đảng ủy phường Vân Lam thẩm tra, xác minh",
        "T/M ĐẢNG ỦY",
        "- Ban Thường vụ Đảng ủy phường Vân Lam (để báo cáo),",
        "- Chi bộ Giáo viên,",
        "- Lưu Văn phòng Đảng ủy.",
    ] {
        has(&flat, needle);
    }
    // Only the bases of the matters proposed: no xóa tên row, no 06-HD/TW.
    let mut case = example(FORWARD);
    case["dang_vien"].as_array_mut().unwrap().remove(1);
    let flat = text_of(FORWARD, &case);
    assert!(!flat.contains("06-HD/TW"), "{flat}");
    has(&flat, "Căn cứ Quy định số 02-QĐ/TU");
}

/// (row, de_nghi, base, yes, cast, refused on).
type BranchVoteRow<'a> = (usize, &'a str, u32, u32, u32, Option<&'a str>);

/// The branch's vote must reach its ballot's threshold: two thirds of the
/// base for step 3's removal ballot, more than half for a resolution
/// proposing to strike off (rules::vote).
#[test]
fn a_branch_proposal_its_vote_did_not_adopt_is_not_forwarded() {
    let rows: [BranchVoteRow; 9] = [
        (0, "dua-ra-khoi-dang", 18, 12, 17, None),
        (
            0,
            "dua-ra-khoi-dang",
            18,
            11,
            17,
            Some("dua_ra_khoi_dang.dong_y"),
        ),
        (0, "dua-ra-khoi-dang", 3, 2, 3, None),
        (
            0,
            "dua-ra-khoi-dang",
            3,
            1,
            3,
            Some("dua_ra_khoi_dang.dong_y"),
        ),
        (1, "xoa-ten", 9, 5, 9, None),
        (1, "xoa-ten", 9, 4, 9, Some("dua_ra_khoi_dang.dong_y")),
        (1, "xoa-ten", 10, 5, 10, Some("dua_ra_khoi_dang.dong_y")),
        (1, "xoa-ten", 9, 8, 10, Some("dua_ra_khoi_dang.phat_ra")),
        (1, "xoa-ten", 0, 0, 0, Some("mau_so")),
    ];
    for (k, de_nghi, base, yes, cast, refused_on) in rows {
        let mut case = example(FORWARD);
        let m = &mut case["dang_vien"][k];
        m["de_nghi"] = de_nghi.into();
        m["mau_so"] = base.into();
        m["dua_ra_khoi_dang"] =
            json!({"phat_ra": cast, "dong_y": yes, "khong_dong_y": 0, "khong_hop_le": 0});
        let ps = problems(FORWARD, &case);
        let at = format!("{de_nghi} {yes}/{base} (cast {cast})");
        match refused_on {
            None => assert!(ps.is_empty(), "{at}: {ps:?}"),
            Some(f) => {
                let field = format!("dang_vien[{k}].{f}");
                assert!(
                    ps.iter().any(|p| p.field == field),
                    "{at}: expected {field}, got {ps:?}"
                );
            }
        }
    }
    let mut case = example(FORWARD);
    case["dang_vien"][0]["dua_ra_khoi_dang"]["dong_y"] = 11.into();
    refused(
        FORWARD,
        &case,
        "dang_vien[0].dua_ra_khoi_dang.dong_y",
        "cần ít nhất 12",
    );
}

/// The committee adopts the resolution with more than half of all its
/// members (not of those present).
#[test]
fn the_committee_vote_counts_against_all_its_members() {
    // (members, present, cast, yes, refused on)
    let rows: [(u32, u32, u32, u32, Option<&str>); 6] = [
        (9, 8, 8, 5, None),
        (9, 8, 8, 4, Some("hoi_nghi.bieu_quyet.dong_y")),
        (9, 5, 5, 5, None),
        (9, 4, 4, 4, Some("hoi_nghi.bieu_quyet.dong_y")),
        (9, 8, 9, 8, Some("hoi_nghi.bieu_quyet.phat_ra")),
        (9, 10, 8, 8, Some("hoi_nghi.co_mat")),
    ];
    for (members, present, cast, yes, refused_on) in rows {
        let mut case = example(FORWARD);
        let h = &mut case["hoi_nghi"];
        h["so_uy_vien"] = members.into();
        h["co_mat"] = present.into();
        h["bieu_quyet"] =
            json!({"phat_ra": cast, "dong_y": yes, "khong_dong_y": 0, "khong_hop_le": 0});
        let ps = problems(FORWARD, &case);
        let at = format!("{yes} of {members}, {present} present");
        match refused_on {
            None => assert!(ps.is_empty(), "{at}: {ps:?}"),
            Some(field) => assert!(
                ps.iter().any(|p| p.field == field),
                "{at}: expected {field}, got {ps:?}"
            ),
        }
    }
}

#[test]
fn bad_forwarding_cases_are_refused_naming_the_field() {
    let mut case = example(FORWARD);
    case["to_chuc"]["loai"] = "chi-bo-co-so".into();
    refused(FORWARD, &case, "to_chuc.loai", "đảng ủy cơ sở");
    let mut case = example(FORWARD);
    case["dang_vien"][1]["ho_ten"] = " hoàng minh  tuấn ".into();
    refused(
        FORWARD,
        &case,
        "dang_vien[1].ho_ten",
        "đã có trong danh sách",
    );
    let mut case = example(FORWARD);
    case["dang_vien"][0]["nghi_quyet"]["ngay"] = "2027-02-21".into();
    refused(FORWARD, &case, "dang_vien[0].nghi_quyet.ngay", "không sau");
    let mut case = example(FORWARD);
    case["van_ban"]["ngay"] = "2027-02-19".into();
    refused(FORWARD, &case, "van_ban.ngay", "hội nghị");
    let mut case = example(FORWARD);
    case["dang_vien"][0]["ly_do"] = " ".into();
    refused(FORWARD, &case, "dang_vien[0].ly_do", "");
    let mut case = example(FORWARD);
    case["dang_vien"][0]["ngay_chinh_thuc"] = "2006-01-01".into();
    refused(
        FORWARD,
        &case,
        "dang_vien[0].ngay_chinh_thuc",
        "sau ngày vào Đảng",
    );
    let mut case = example(FORWARD);
    case["dang_vien"] = Value::Array(Vec::new());
    refused(FORWARD, &case, "dang_vien", "ít nhất một");
}

#[test]
fn the_ubkt_report_states_each_finding_and_its_proposal() {
    let flat = text_of(UBKT, &example(UBKT));
    for needle in [
        "ĐẢNG BỘ PHƯỜNG VÂN LAM ỦY BAN KIỂM TRA",
        "Số 03-BC/UBKT",
        "kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên",
        "Thực hiện sự chỉ đạo của Ban Thường vụ Đảng ủy phường Vân Lam",
        "Ủy ban Kiểm tra Đảng ủy phường Vân Lam đã tiến hành thẩm tra, xác minh từ ngày 01/03/2027 đến ngày 18/03/2027 đối với 03 đồng chí",
        "1. Đồng chí Đinh Quang Huy",
        "vào Đảng ngày 26/03/2000, chính thức ngày 26/03/2001; đảng viên Chi bộ Tổ dân phố số 5",
        "tại Nghị quyết số 12-NQ/CB ngày 09/02/2027",
        "Kết luận: Có vi phạm: không thực hiện cam kết sửa chữa",
        "Ủy ban Kiểm tra đề xuất xóa tên trong danh sách đảng viên.",
        "Ủy ban Kiểm tra đề xuất kỷ luật bằng hình thức khai trừ ra khỏi Đảng.",
        "Kết luận: Không có vi phạm như chi bộ nêu. Ủy ban Kiểm tra đề xuất giao chi bộ tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng.",
        "đề xuất: xóa tên 01 đồng chí; khai trừ 01 đồng chí; tiếp tục giáo dục, giúp đỡ 01 đồng chí",
        "- Xem xét, quyết định xóa tên trong danh sách đảng viên đối với đồng chí Đinh Quang Huy.",
        "- Xem xét, quyết định kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với đồng chí Hoàng Minh Tuấn.",
        "- Giao chi bộ tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng đối với đồng chí Lại Văn Thắng.",
        "T/M ỦY BAN KIỂM TRA",
        "- Ban Thường vụ Đảng ủy phường Vân Lam (để báo cáo),",
        "- Lưu Ủy ban Kiểm tra.",
    ] {
        has(&flat, needle);
    }
    // A violation found but not to the level of removal says so.
    let mut case = example(UBKT);
    case["dang_vien"][0]["de_xuat"] = "tiep-tuc-giup-do".into();
    let flat = text_of(UBKT, &case);
    has(
        &flat,
        "Vi phạm chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ; ủy ban đề xuất giao chi bộ tiếp tục",
    );
    has(
        &flat,
        "đề xuất: khai trừ 01 đồng chí; tiếp tục giáo dục, giúp đỡ 02 đồng chí",
    );
}

/// The findings must support the proposal: (violation found, violation
/// written, full member, proposal) → refused on.
#[test]
fn the_findings_decide_which_proposals_are_possible() {
    let rows: [(bool, bool, bool, &str, Option<&str>); 10] = [
        (true, true, true, "xoa-ten", None),
        (true, true, true, "khai-tru", None),
        (true, true, true, "tiep-tuc-giup-do", None),
        (true, true, false, "xoa-ten", None),
        (true, true, false, "khai-tru", Some("de_xuat")),
        (false, false, true, "tiep-tuc-giup-do", None),
        (false, false, true, "xoa-ten", Some("de_xuat")),
        (false, false, true, "khai-tru", Some("de_xuat")),
        (true, false, true, "xoa-ten", Some("vi_pham")),
        (false, true, true, "tiep-tuc-giup-do", Some("vi_pham")),
    ];
    for (found, written, full, proposal, refused_on) in rows {
        let mut case = example(UBKT);
        let m = case["dang_vien"][1].as_object_mut().unwrap();
        m.insert("co_vi_pham".into(), found.into());
        if written {
            m.insert("vi_pham".into(), "đánh bạc".into());
        } else {
            m.remove("vi_pham");
        }
        if !full {
            m.remove("ngay_chinh_thuc");
        }
        m.insert("de_xuat".into(), proposal.into());
        let ps = problems(UBKT, &case);
        let at = format!("found {found}, written {written}, full {full}, {proposal}");
        match refused_on {
            None => assert!(ps.is_empty(), "{at}: {ps:?}"),
            Some(f) => {
                let field = format!("dang_vien[1].{f}");
                assert!(
                    ps.iter().any(|p| p.field == field),
                    "{at}: expected {field}, got {ps:?}"
                );
            }
        }
    }
}

#[test]
fn bad_ubkt_reports_are_refused_naming_the_field() {
    let mut case = example(UBKT);
    case["to_chuc"]["loai"] = "dang-uy-co-so".into();
    refused(UBKT, &case, "to_chuc.loai", "Ủy ban Kiểm tra");
    let mut case = example(UBKT);
    case["thoi_gian"]["den_ngay"] = "2027-03-23".into();
    refused(UBKT, &case, "thoi_gian.den_ngay", "trước ngày báo cáo");
    let mut case = example(UBKT);
    case["thoi_gian"]["tu_ngay"] = "2027-03-19".into();
    refused(UBKT, &case, "thoi_gian.den_ngay", "từ ngày bắt đầu");
    let mut case = example(UBKT);
    case["dang_vien"][2]["nghi_quyet"]["ngay"] = "2027-03-02".into();
    refused(
        UBKT,
        &case,
        "dang_vien[2].nghi_quyet.ngay",
        "ngày bắt đầu thẩm tra",
    );
    let mut case = example(UBKT);
    case["dang_vien"][0]["noi_dung_xac_minh"] = "".into();
    refused(UBKT, &case, "dang_vien[0].noi_dung_xac_minh", "");
    // An unticked "có vi phạm" (left out) is no violation found: the removal
    // proposal it would leave unsupported is refused.
    let mut case = example(UBKT);
    let m = case["dang_vien"][0].as_object_mut().unwrap();
    m.remove("co_vi_pham");
    m.remove("vi_pham");
    refused(UBKT, &case, "dang_vien[0].de_xuat", "không có vi phạm");
    let mut case = example(UBKT);
    case["dang_vien"][2]["ho_ten"] = "Đinh Quang Huy".into();
    refused(UBKT, &case, "dang_vien[2].ho_ten", "đã có trong danh sách");
}

fn member_fields(form: &str, def: &str) -> Vec<String> {
    renderer().form(form).unwrap().model.schema()["$defs"][def]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{form}: {def}"))
        .keys()
        .cloned()
        .collect()
}

/// "Lập tiếp" keeps what the next form's schema knows: the step-3 row's
/// identity and removal ballot carry into the forwarding row, every
/// proposal field of the forwarding row into the UBKT row; and the examples
/// tell one story.
#[test]
fn members_carry_from_step3_to_the_forwarding_resolution_to_the_ubkt_report() {
    let forward = member_fields(FORWARD, "DangVienDeNghi");
    let ubkt = member_fields(UBKT, "DangVienThamTra");
    for f in ["ho_ten", "ngay_sinh", "chuc_vu", "dua_ra_khoi_dang"] {
        assert!(member_fields(STEP3, "DangVienSangLoc").contains(&f.to_owned()));
        assert!(forward.contains(&f.to_owned()), "{f} does not carry over");
    }
    for f in &forward {
        if !["mau_so", "dua_ra_khoi_dang"].contains(&f.as_str()) {
            assert!(ubkt.contains(f), "{f} does not carry into the UBKT report");
        }
    }
    // The forwarding example's members are in the UBKT report as forwarded,
    // verified after the committee's resolution.
    let (fw, ub) = (example(FORWARD), example(UBKT));
    let verified = ub["dang_vien"].as_array().unwrap();
    for m in fw["dang_vien"].as_array().unwrap() {
        let v = verified
            .iter()
            .find(|v| v["ho_ten"] == m["ho_ten"])
            .unwrap_or_else(|| panic!("{} forwarded but not verified", m["ho_ten"]));
        for f in &forward {
            if v.get(f).is_some() {
                assert_eq!(v[f], m[f], "{}: {f}", m["ho_ten"]);
            }
        }
    }
    assert!(fw["van_ban"]["ngay"].as_str() < ub["thoi_gian"]["tu_ngay"].as_str());
    // The step-3 branch (a chi bộ cơ sở) proposes straight to the Ban Thường
    // vụ: its member is verified on its resolution's number and date.
    let s3 = example(STEP3);
    let huy = verified
        .iter()
        .find(|v| v["ho_ten"] == "Đinh Quang Huy")
        .unwrap();
    let screened = s3["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ho_ten"] == huy["ho_ten"])
        .unwrap();
    assert!(screened["dua_ra_khoi_dang"].is_object());
    assert_eq!(huy["ngay_sinh"], screened["ngay_sinh"]);
    assert_eq!(huy["chi_bo"], s3["to_chuc"]["ten"]);
    assert_eq!(huy["nghi_quyet"]["so"], s3["van_ban"]["so"]);
    assert_eq!(huy["nghi_quyet"]["ngay"], s3["van_ban"]["ngay"]);
    // The xóa tên resolution's member is a single object: nothing of it
    // carries into a list, and nothing wrong does either.
    assert!(example(XOA_TEN)["dang_vien"].is_object());
}

/// The bodies come from the organisation model: a committee whose higher
/// committee is named otherwise asks that committee's Ban Thường vụ.
#[test]
fn the_bodies_follow_the_organisation_model() {
    let mut case = example(FORWARD);
    case["to_chuc"]["cap_uy_cap_tren"] = "Đảng ủy phường Phúc Lợi".into();
    let flat = text_of(FORWARD, &case);
    has(
        &flat,
        "Đề nghị Ban Thường vụ Đảng ủy phường Phúc Lợi chỉ đạo Ủy ban Kiểm tra Đảng ủy phường Phúc Lợi",
    );
    let mut case = example(UBKT);
    case["to_chuc"]["ten"] = "Đảng bộ phường Phúc Lợi".into();
    let flat = text_of(UBKT, &case);
    has(&flat, "ĐẢNG BỘ PHƯỜNG PHÚC LỢI ỦY BAN KIỂM TRA");
    has(&flat, "kính đề nghị Ban Thường vụ Đảng ủy phường Phúc Lợi:");
}
