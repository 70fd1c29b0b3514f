//! Exemption from party work and meetings (seed 000 §1.4), one case through
//! three papers: the member's application (`don-xin-mien-sinh-hoat`), the
//! branch's resolution (`nghi-quyet-mien-sinh-hoat`) and, for a time-limited
//! exemption, the Đảng ủy's decision (`quyet-dinh-mien-sinh-hoat`). They
//! share field names, so "Lập tiếp" carries the member, the reason and the
//! period, and they must print the same end date.

mod common;

use common::*;
use serde_json::Value;

const APPLICATION: &str = "don-xin-mien-sinh-hoat";
const RESOLUTION: &str = "nghi-quyet-mien-sinh-hoat";
const DECISION: &str = "quyet-dinh-mien-sinh-hoat";

/// The three examples, the later ones carrying what the earlier ones give.
fn chain() -> (Value, Value, Value) {
    (example(APPLICATION), example(RESOLUTION), example(DECISION))
}

#[test]
fn the_examples_are_one_case() {
    let (app, res, dec) = chain();
    for key in ["dang_vien", "ngay_don", "ly_do"] {
        assert_eq!(app[key], res[key], "application and resolution: {key}");
    }
    // The branch: every field the application has, as the resolution has it
    // (the application carries no number, so no issuer code).
    for (key, value) in app["to_chuc"].as_object().unwrap() {
        assert_eq!(value, &res["to_chuc"][key], "to_chuc.{key}");
    }
    for key in ["quy_dinh", "dang_vien", "ngay_don", "ly_do"] {
        assert_eq!(res[key], dec[key], "resolution and decision: {key}");
    }
    assert_eq!(dec["chi_bo"], res["to_chuc"]["ten"]);
    let number = renderer()
        .prepare(RESOLUTION, &serde_json::to_vec(&res).unwrap())
        .unwrap()
        .doc_number;
    assert_eq!(dec["nghi_quyet"]["so"], number.as_str());
    assert_eq!(dec["nghi_quyet"]["ngay"], res["van_ban"]["ngay"]);
}

/// "Lập tiếp" keeps what the next schema knows: every field the application
/// has, the resolution has; the member and the reason reach the decision.
#[test]
fn the_fields_carry_from_paper_to_paper() {
    let props = |form: &str| -> Vec<String> {
        let schema = renderer().form(form).unwrap().model.schema();
        schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let (app, res, dec) = (props(APPLICATION), props(RESOLUTION), props(DECISION));
    for key in app.iter().filter(|k| *k != "noi_cu_tru") {
        assert!(res.contains(key), "the resolution lacks {key}");
    }
    let branch = |form: &str| -> Vec<String> {
        let schema = renderer().form(form).unwrap().model.schema();
        let def = if form == APPLICATION {
            "ChiBo"
        } else {
            "ToChuc"
        };
        schema["$defs"][def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{form}: {def}"))
            .keys()
            .cloned()
            .collect()
    };
    for key in branch(APPLICATION) {
        assert!(branch(RESOLUTION).contains(&key), "to_chuc.{key}");
    }
    for key in ["quy_dinh", "dang_vien", "ngay_don", "ly_do", "nguoi_ky"] {
        assert!(dec.contains(&key.to_string()), "the decision lacks {key}");
    }
}

/// (first day, months) → the end date all three papers print: month ends
/// clamp, 29/02 in a leap year.
#[test]
fn the_three_papers_print_the_same_member_reason_and_period() {
    for (from, months, to) in [
        ("2026-03-15", 9, "15/12/2026"),
        ("2026-05-31", 9, "28/02/2027"),
        ("2027-05-31", 9, "29/02/2028"),
        ("2026-03-31", 1, "30/04/2026"),
        ("2026-03-20", 12, "20/03/2027"),
    ] {
        let (mut app, mut res, mut dec) = chain();
        for case in [&mut app, &mut res, &mut dec] {
            case["ly_do"]["tu_ngay"] = from.into();
            case["ly_do"]["so_thang"] = months.into();
        }
        let period = format!(
            "{months:02} tháng, từ ngày {} đến ngày {to}",
            from.split('-').rev().collect::<Vec<_>>().join("/")
        );
        let reason = res["ly_do"]["mo_ta"].as_str().unwrap().to_owned();
        for (form, case) in [(APPLICATION, &app), (RESOLUTION, &res), (DECISION, &dec)] {
            let flat = text_of(form, case);
            for needle in [
                period.as_str(),
                reason.as_str(),
                "Lương Thị Thanh",
                "sinh ngày 17/04/1990",
            ] {
                assert!(
                    flat.contains(&squeeze(needle)),
                    "{form} ({from}, {months}) lacks {needle:?}\n{flat}"
                );
            }
        }
    }
}

#[test]
fn the_application_is_addressed_as_the_reason_requires() {
    let mut app = example(APPLICATION);
    let flat = text_of(APPLICATION, &app);
    for needle in [
        "ĐƠN XIN MIỄN CÔNG TÁC VÀ SINH HOẠT ĐẢNG",
        "Kính gửi: - Đảng ủy phường Vân Lam - Chi ủy Chi bộ Tổ dân phố số 5",
        "Vân Lam, ngày 20 tháng 02 năm 2026",
        "đề nghị Đảng ủy phường Vân Lam quyết định",
        "NGƯỜI LÀM ĐƠN",
    ] {
        assert!(flat.contains(&squeeze(needle)), "lacks {needle:?}\n{flat}");
    }
    // Old age: the branch decides; the application goes to it alone.
    app["ly_do"] = serde_json::json!({
        "loai": "tuoi-cao-suc-yeu",
        "xac_nhan_y_te": "Giấy xác nhận của Trạm Y tế phường Vân Lam ngày 10/02/2026"
    });
    let flat = text_of(APPLICATION, &app);
    assert!(flat.contains(&squeeze("Kính gửi: Chi ủy Chi bộ Tổ dân phố số 5")));
    assert!(flat.contains(&squeeze("tuổi cao, sức yếu")));
    assert!(flat.contains(&squeeze("Trạm Y tế phường Vân Lam ngày 10/02/2026")));
    assert!(!flat.contains(&squeeze("Đảng ủy phường Vân Lam quyết định")));
}

/// Each paper refuses what the rules refuse, naming the field.
#[test]
fn bad_cases_are_refused_by_field() {
    type Edit = fn(&mut Value);
    let rows: Vec<(&str, Edit, &str, &str)> = vec![
        (
            APPLICATION,
            |c| {
                c["dang_vien"]
                    .as_object_mut()
                    .unwrap()
                    .remove("ngay_chinh_thuc")
                    .map(drop)
                    .unwrap()
            },
            "dang_vien.ngay_chinh_thuc",
            "đảng viên chính thức",
        ),
        (
            APPLICATION,
            |c| c["ly_do"]["so_thang"] = 13.into(),
            "ly_do.so_thang",
            "từ 1 đến 12 tháng",
        ),
        (
            APPLICATION,
            |c| c["ly_do"]["tu_ngay"] = "2026-02-19".into(),
            "ly_do.tu_ngay",
            "trước ngày làm đơn",
        ),
        (
            APPLICATION,
            |c| {
                c["ly_do"]
                    .as_object_mut()
                    .unwrap()
                    .remove("mo_ta")
                    .map(drop)
                    .unwrap()
            },
            "ly_do.mo_ta",
            "cần ghi",
        ),
        (
            APPLICATION,
            |c| c["to_chuc"]["loai"] = "dang-uy-co-so".into(),
            "to_chuc.loai",
            "chi bộ",
        ),
        (
            APPLICATION,
            |c| c["dang_vien"]["ngay_chinh_thuc"] = "2026-02-21".into(),
            "dang_vien.ngay_chinh_thuc",
            "không sau ngày làm đơn",
        ),
        // The decision carried from the resolution keeps the branch as issuer
        // until the clerk names the Đảng ủy.
        (
            DECISION,
            |c| {
                c["to_chuc"] = example(RESOLUTION)["to_chuc"].clone();
            },
            "to_chuc.loai",
            "Đảng ủy phường Vân Lam",
        ),
        (
            DECISION,
            |c| c["ly_do"] = serde_json::json!({"loai": "tuoi-cao-suc-yeu", "xac_nhan_y_te": "Giấy xác nhận y tế"}),
            "ly_do.loai",
            "chi bộ xét, ra nghị quyết",
        ),
        (
            DECISION,
            |c| c["ly_do"]["so_thang"] = 0.into(),
            "ly_do.so_thang",
            "từ 1 đến 12 tháng",
        ),
        (
            DECISION,
            |c| {
                c["ly_do"]["tu_ngay"] = "2026-02-20".into();
                c["ly_do"]["so_thang"] = 1.into();
                c["van_ban"]["ngay"] = "2026-03-20".into();
            },
            "ly_do.tu_ngay",
            "đã hết (ngày 20/03/2026)",
        ),
        (
            DECISION,
            |c| c["nghi_quyet"]["ngay"] = "2026-03-11".into(),
            "nghi_quyet.ngay",
            "trước ngày quyết định",
        ),
        (
            DECISION,
            |c| c["ngay_don"] = "2026-03-05".into(),
            "ngay_don",
            "sau ngày nghị quyết",
        ),
        (
            DECISION,
            |c| c["chi_bo"] = " ".into(),
            "chi_bo",
            "không được để trống",
        ),
        (
            RESOLUTION,
            |c| c["ly_do"]["so_thang"] = 13.into(),
            "ly_do.so_thang",
            "từ 1 đến 12 tháng",
        ),
    ];
    for (form, edit, field, words) in rows {
        let mut case = example(form);
        edit(&mut case);
        refused(form, &case, field, words);
    }
}

#[test]
fn the_decision_is_the_committees() {
    let flat = text_of(DECISION, &example(DECISION));
    for needle in [
        "ĐẢNG ỦY PHƯỜNG VÂN LAM",
        "Số 31-QĐ/ĐU",
        "QUYẾT ĐỊNH về việc miễn công tác và sinh hoạt đảng đối với đảng viên",
        "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG VÂN LAM",
        "Hướng dẫn số 38-HD/BTCTW ngày 29/9/2025",
        "Xét Nghị quyết số 08-NQ/CB ngày 04/03/2026 của Chi bộ Tổ dân phố số 5 và đơn ngày 20/02/2026 của đồng chí Lương Thị Thanh",
        "Điều 1. Miễn công tác và sinh hoạt đảng đối với đồng chí Lương Thị Thanh",
        "T/M BAN THƯỜNG VỤ",
        "- Chi bộ Tổ dân phố số 5,",
    ] {
        assert!(flat.contains(&squeeze(needle)), "lacks {needle:?}\n{flat}");
    }
    // A grassroots committee decides in its own name.
    let mut grassroots = example(DECISION);
    grassroots["to_chuc"]["loai"] = "dang-uy-co-so".into();
    let flat = text_of(DECISION, &grassroots);
    assert!(flat.contains(&squeeze("T/M ĐẢNG ỦY")), "{flat}");
    assert!(!flat.contains(&squeeze("BAN THƯỜNG VỤ")), "{flat}");
}
