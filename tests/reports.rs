//! The report forms on their own: computed figures in the PDF, bad data refused
//! by field.

mod common;

use common::*;
use dangvu::{Error, Format};

fn text(form: &str, case: &serde_json::Value) -> String {
    squeeze(&pdf_text(&render(form, case, Format::Pdf).unwrap()))
}

fn refused(form: &str, case: &serde_json::Value) -> Vec<String> {
    match render(form, case, Format::Pdf) {
        Err(Error::Invalid(p)) => p.into_iter().map(|p| p.field).collect(),
        other => panic!("accepted: {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn statistics_report_computes_shares_that_add_up() {
    let f = "bao-cao-thong-ke-dang-vien";
    let t = text(f, &example(f));
    for needle in [
        "có tổng số 12 đảng viên",
        "chính thức 11 đồng chí (91,67%)",
        "dự bị 1 đồng chí (8,33%)",
        "được miễn công tác và sinh hoạt đảng 2 đồng chí",
        "Tiểu học 0 0%",
        "Cộng 12 100%",
        "phần dư lớn nhất",
        "Xóa tên trong danh sách đảng viên 1",
        "T/M BAN THƯỜNG VỤ",
        "Ban Thường vụ Thành ủy Hà Nội (để báo cáo)",
    ] {
        assert!(t.contains(&squeeze(needle)), "lacks {needle:?}\n{t}");
    }
    let mut case = example(f);
    case["danh_sach"][3]["ngay_sinh"] = "2015-01-01".into();
    case["danh_sach"][4]["gioi_tinh"] = "khac".into();
    assert_eq!(refused(f, &case), vec!["danh_sach[4].gioi_tinh"]);
    case["danh_sach"][4]["gioi_tinh"] = "nam".into();
    assert_eq!(
        refused(f, &case),
        vec!["danh_sach[3].ngay_sinh", "danh_sach[3].ngay_vao_dang"]
    );
}

#[test]
fn screening_report_counts_and_annexes() {
    let f = "bao-cao-ra-soat-quy";
    let t = text(f, &example(f));
    for needle in [
        "đã rà soát 28 đảng viên",
        "đưa vào danh sách cần được giáo dục, giúp đỡ 1 đảng viên",
        "công nhận sự tiến bộ 1 đảng viên",
        "đề nghị đưa ra khỏi Đảng 1 đảng viên",
        // Help period end = assignment + 12 months.
        "03/02/2027",
        "Công nhận tiến bộ",
        "Vũ Đức Thắng",
        "Xóa tên",
        "PHỤ LỤC 2",
    ] {
        assert!(t.contains(&squeeze(needle)), "lacks {needle:?}\n{t}");
    }
    let mut case = example(f);
    case["don_vi"][0]["truong_hop"][2]
        .as_object_mut()
        .unwrap()
        .remove("hinh_thuc");
    case["don_vi"][0]["truong_hop"][0]["giup_do"]["nguoi_giup_do"] = "Lê Văn Hùng".into();
    assert_eq!(
        refused(f, &case),
        vec![
            "don_vi[0].truong_hop[0].giup_do.nguoi_giup_do",
            "don_vi[0].truong_hop[2].hinh_thuc"
        ]
    );
}

#[test]
fn self_inspection_report_computes_meeting_figures() {
    let f = "bao-cao-tu-kiem-tra";
    let t = text(f, &example(f));
    for needle in [
        "4 buổi sinh hoạt định kỳ (yêu cầu 4 buổi",
        "90,71%",
        "Tự đánh giá: Khá.",
        "Biện pháp khắc phục:",
        "Việc thực hiện Chỉ thị số 50-CT/TW Đạt yêu cầu",
    ] {
        assert!(t.contains(&squeeze(needle)), "lacks {needle:?}\n{t}");
    }
    let mut case = example(f);
    case["so_lieu"]["luot_co_mat"] = 141.into();
    case["sinh_hoat_chi_bo"]["che_do"]["xep_loai"] = "chua-dat".into();
    assert_eq!(
        refused(f, &case),
        vec!["so_lieu.luot_co_mat", "sinh_hoat_chi_bo.che_do.bien_phap"]
    );
}
