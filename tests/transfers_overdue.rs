//! The periodic check of transfer notices (seed 000 §1.3: "định kỳ 03
//! tháng/lần kiểm tra phiếu báo … quá 03 tháng không nộp hồ sơ"): the list
//! from data given, read back from the PDF, and the same list built from the
//! phiếu báo a SQLite register recorded.

mod common;

use chrono::NaiveDate;
use common::*;
use dangvu::forms::models::danh_sach_phieu_bao_qua_han::{self as overdue, Case, Status};
use dangvu::register::{Location, Register, RegisterError};
use dangvu::{Format, RenderOptions};
use serde_json::json;

const ID: &str = "danh-sach-phieu-bao-qua-han";
const NOTICE: &str = "phieu-bao-chuyen-sinh-hoat";
const WARD: &str = "Đảng bộ phường Vân Lam";

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One notice of the example, issued on `issued`, checked on `on`.
fn notice(issued: &str, arrived: bool) -> overdue::PhieuBao {
    let case: Case = serde_json::from_value(example(ID)).unwrap();
    let mut p = case.phieu_bao[0].clone();
    p.ngay = date(issued);
    p.da_nop_ho_so = arrived;
    p
}

/// (issued, arrived, checked on) → status: the 3 months end the day before
/// the same date three months on (clamped at month ends, 29/02 in leap
/// years); an arrived member is never overdue.
#[test]
fn a_notice_is_overdue_from_the_day_after_its_three_months() {
    for (issued, arrived, on, expected) in [
        ("2026-02-10", false, "2026-05-09", Status::NotDue),
        ("2026-02-10", false, "2026-05-10", Status::Overdue(1)),
        ("2026-02-10", true, "2026-05-10", Status::Arrived),
        ("2025-11-30", false, "2026-02-27", Status::NotDue),
        ("2025-11-30", false, "2026-02-28", Status::Overdue(1)),
        ("2025-11-30", false, "2026-05-31", Status::Overdue(93)),
        ("2023-11-30", false, "2024-02-28", Status::NotDue),
        ("2023-11-30", false, "2024-02-29", Status::Overdue(1)),
        ("2024-02-29", false, "2024-05-29", Status::Overdue(1)),
        ("2025-12-31", false, "2026-03-30", Status::NotDue),
        ("2025-12-31", false, "2026-03-31", Status::Overdue(1)),
    ] {
        assert_eq!(
            overdue::status(&notice(issued, arrived), date(on)),
            expected,
            "notice of {issued} (arrived: {arrived}) checked on {on}"
        );
    }
}

#[test]
fn the_list_names_the_overdue_members_and_counts_the_others() {
    let case = example(ID);
    let flat = text_of(ID, &case);
    for needle in [
        "Số 42-BC/ĐU",
        "ngày 31/05/2026 đã kiểm tra 04 phiếu báo: 01 trường hợp đảng viên đã nộp hồ sơ",
        "01 trường hợp chưa quá 03 tháng kể từ ngày phiếu báo; 02 trường hợp quá 03 tháng",
        // Oldest first, with the deadline and the days past it.
        "1. Phiếu báo số 11-PB/ĐU ngày 30/11/2025: đồng chí Đinh Thị Hồng Nhung, sinh ngày 08/03/1979, chuyển từ Chi bộ Tổ dân phố số 2, Đảng bộ phường Vân Lam đến Đảng bộ xã Gia Lâm, thành phố Hà Nội; hạn nộp hồ sơ ngày 27/02/2026, quá hạn 93 ngày.",
        "2. Phiếu báo số 15-PB/ĐU ngày 10/02/2026: đồng chí Ngô Quang Minh, sinh ngày 23/07/1987",
        "hạn nộp hồ sơ ngày 09/05/2026, quá hạn 22 ngày.",
        "T/M BAN THƯỜNG VỤ",
    ] {
        assert!(
            flat.contains(&squeeze(needle)),
            "PDF lacks {needle:?}\n{flat}"
        );
    }
    // Arrived and not yet due: counted, out of the list, named after it.
    let (list, rest) = flat
        .split_once(&squeeze(
            "Các phiếu báo còn lại (không thuộc danh sách trên):",
        ))
        .expect("the other notices follow the list");
    for absent in ["Phạm Đức Long", "Vũ Thị Lan Anh"] {
        assert!(
            !list.contains(&squeeze(absent)),
            "{absent} is listed\n{flat}"
        );
    }
    for needle in [
        "1. Phiếu báo số 13-PB/ĐU ngày 12/01/2026: đồng chí Phạm Đức Long, sinh ngày 01/10/1992",
        "Đảng bộ phường Hoàng Mai, thành phố Hà Nội; đã nộp hồ sơ chuyển sinh hoạt đảng.",
        "2. Phiếu báo số 18-PB/ĐU ngày 16/03/2026: đồng chí Vũ Thị Lan Anh",
        "hạn nộp hồ sơ ngày 15/06/2026, chưa quá hạn.",
    ] {
        assert!(rest.contains(&squeeze(needle)), "lacks {needle:?}\n{flat}");
    }

    // Everyone arrived: no table, the sentence says so.
    let mut all_in = case.clone();
    for p in all_in["phieu_bao"].as_array_mut().unwrap() {
        p["da_nop_ho_so"] = true.into();
    }
    let flat = text_of(ID, &all_in);
    assert!(flat.contains(&squeeze("04 trường hợp đảng viên đã nộp hồ sơ")));
    assert!(flat.contains(&squeeze(
        "Không có trường hợp nào quá 03 tháng chưa nộp hồ sơ"
    )));
    assert!(
        flat.contains(&squeeze(
            "Các phiếu báo đã kiểm tra: 1. Phiếu báo số 11-PB/ĐU ngày 30/11/2025: đồng chí Đinh Thị Hồng Nhung"
        )),
        "{flat}"
    );
    assert!(flat.contains(&squeeze(
        "Ngô Quang Minh, sinh ngày 23/07/1987, chuyển từ Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam đến Đảng bộ phường Kim Liên, thành phố Hà Nội; đã nộp hồ sơ chuyển sinh hoạt đảng."
    )));
    assert!(!flat.contains(&squeeze("quá hạn 22 ngày")));
}

#[test]
fn a_bad_check_is_refused_by_field() {
    let case = example(ID);
    let mut branch = case.clone();
    branch["to_chuc"]["loai"] = "chi-bo-co-so".into();
    refused(ID, &branch, "to_chuc.loai", "không do chi bộ");

    let mut later = case.clone();
    later["phieu_bao"][1]["ngay"] = "2026-06-01".into();
    refused(ID, &later, "phieu_bao[1].ngay", "sau ngày kiểm tra");

    let mut twice = case.clone();
    twice["phieu_bao"][2]["so"] = " 15-PB/ĐU".into();
    refused(ID, &twice, "phieu_bao[2].so", "đã có trong danh sách");

    let mut none = case.clone();
    none["phieu_bao"] = json!([]);
    refused(ID, &none, "phieu_bao", "ít nhất một phiếu báo");

    let mut checked_after = case.clone();
    checked_after["ngay_kiem_tra"] = "2026-06-02".into();
    refused(ID, &checked_after, "ngay_kiem_tra", "sau ngày báo cáo");

    let mut unnamed = case.clone();
    unnamed["phieu_bao"][0]["ho_ten"] = "  ".into();
    refused(ID, &unnamed, "phieu_bao[0].ho_ten", "không được để trống");

    let mut born_late = case;
    born_late["phieu_bao"][3]["ngay_sinh"] = "2026-04-01".into();
    refused(
        ID,
        &born_late,
        "phieu_bao[3].ngay_sinh",
        "trước ngày phiếu báo",
    );
}

/// Issues the example phiếu báo for `name` on `day` and returns its id.
fn issue_notice(register: &Register, name: &str, day: &str) -> String {
    let mut case = example(NOTICE);
    case["van_ban"].as_object_mut().unwrap().remove("so");
    case["van_ban"]["ngay"] = day.into();
    case["giay_gioi_thieu"]["ngay"] = day.into();
    case["dang_vien"]["ho_ten"] = name.into();
    let bytes = serde_json::to_vec(&case).unwrap();
    register
        .issue(
            renderer(),
            NOTICE,
            &bytes,
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .record
        .id
}

#[test]
fn the_register_gives_the_notices_it_issued() {
    let dir = tempfile::tempdir().unwrap();
    let register = Register::open(Location::Sqlite(dir.path().join("so.sqlite3"))).unwrap();
    register.add_term(WARD, date("2025-10-01")).unwrap();
    issue_notice(&register, "Ngô Quang Minh", "2026-01-05");
    let voided = issue_notice(&register, "Trần Văn Bình", "2026-01-20");
    issue_notice(&register, "Vũ Thị Lan Anh", "2026-03-16");
    issue_notice(&register, "Đặng Văn Khoa", "2026-06-10");
    register
        .void(&voided, date("2026-01-21"), "viết nhầm đơn vị chuyển đến")
        .unwrap();

    let case = register
        .overdue_transfers(WARD, date("2026-05-31"), None)
        .unwrap();
    // Issued up to the check day and not voided, in register order; the
    // register knows no arrival.
    let listed: Vec<(&str, &str)> = case
        .phieu_bao
        .iter()
        .map(|p| (p.so.as_str(), p.ho_ten.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("01-PB/ĐU", "Ngô Quang Minh"),
            ("03-PB/ĐU", "Vũ Thị Lan Anh")
        ]
    );
    assert!(case.phieu_bao.iter().all(|p| !p.da_nop_ho_so));
    assert_eq!(case.phieu_bao[0].ngay, date("2026-01-05"));
    assert_eq!(case.to_chuc.ten, WARD);
    assert_eq!(case.nguoi_ky.ho_ten, "Hoàng Văn Thắng");
    assert_eq!(
        (case.van_ban.so, case.van_ban.ngay),
        (1, date("2026-05-31"))
    );
    assert_eq!(case.ngay_kiem_tra, date("2026-05-31"));

    // The case renders: the January notice is overdue, March's is not yet.
    let json = serde_json::to_value(&case).unwrap();
    let flat = text_of(ID, &json);
    assert!(flat.contains(&squeeze(
        "1. Phiếu báo số 01-PB/ĐU ngày 05/01/2026: đồng chí Ngô Quang Minh, sinh ngày 23/07/1987"
    )));
    assert!(
        flat.contains(&squeeze("hạn nộp hồ sơ ngày 04/04/2026, quá hạn 57 ngày")),
        "{flat}"
    );
    assert!(flat.contains(&squeeze("01 trường hợp chưa quá 03 tháng")));
    assert!(flat.contains(&squeeze(
        "Phiếu báo số 03-PB/ĐU ngày 16/03/2026: đồng chí Vũ Thị Lan Anh, sinh ngày 23/07/1987"
    )));
    assert!(!flat.contains(&squeeze("Trần Văn Bình")));

    // The clerk marks an arrival: the list is empty, the count says so.
    let mut marked = json.clone();
    marked["phieu_bao"][0]["da_nop_ho_so"] = true.into();
    assert!(text_of(ID, &marked).contains(&squeeze("Không có trường hợp nào quá 03 tháng")));

    // From a day on; none before the first notice; a reversed period.
    let later = register
        .overdue_transfers(WARD, date("2026-06-30"), Some(date("2026-03-01")))
        .unwrap();
    assert_eq!(later.phieu_bao.len(), 2);
    match register.overdue_transfers(WARD, date("2026-01-04"), None) {
        Err(e @ RegisterError::NoNotices { .. }) => {
            let p = e.problem().expect("a problem by field");
            assert_eq!(p.field, "organisation");
            assert!(p.message.contains("không có phiếu báo"), "{}", p.message);
        }
        other => panic!(
            "expected NoNotices, got {:?}",
            other.map(|c| c.phieu_bao.len())
        ),
    }
    assert!(matches!(
        register.overdue_transfers(WARD, date("2026-01-04"), Some(date("2026-02-01"))),
        Err(RegisterError::PeriodReversed { .. })
    ));
    assert!(matches!(
        register.overdue_transfers("Đảng bộ phường Kim Liên", date("2026-05-31"), None),
        Err(RegisterError::NoNotices { .. })
    ));
}

/// `dangvu register overdue` prints the case the register gives (for the
/// clerk to mark arrivals), renders it with `-o`, and refuses an
/// organisation without notices by field.
#[test]
fn the_command_line_prints_or_renders_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("so.sqlite3");
    {
        let register = Register::open(Location::Sqlite(db.clone())).unwrap();
        register.add_term(WARD, date("2025-10-01")).unwrap();
        issue_notice(&register, "Ngô Quang Minh", "2026-01-05");
    }
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dangvu"))
            .arg("--db")
            .arg(&db)
            .args(["register", "overdue", "--organisation", WARD])
            .args(args)
            .output()
            .unwrap()
    };
    let printed = run(&["--on", "2026-05-31"]);
    assert!(printed.status.success(), "{printed:?}");
    let case: Case = serde_json::from_slice(&printed.stdout).expect("the case as JSON");
    assert_eq!(case.phieu_bao.len(), 1);
    assert_eq!(case.phieu_bao[0].so, "01-PB/ĐU");
    assert_eq!(case.ngay_kiem_tra, date("2026-05-31"));

    let pdf = dir.path().join("ds.pdf");
    let rendered = run(&["--on", "2026-05-31", "-o", pdf.to_str().unwrap()]);
    assert!(rendered.status.success(), "{rendered:?}");
    let flat = squeeze(&pdf_text(&std::fs::read(&pdf).unwrap()));
    assert!(flat.contains(&squeeze("hạn nộp hồ sơ ngày 04/04/2026, quá hạn 57 ngày")));

    let none = run(&["--on", "2026-01-04"]);
    assert!(!none.status.success());
    let stderr = String::from_utf8_lossy(&none.stderr);
    assert!(
        stderr.contains("organisation") && stderr.contains("không có phiếu báo"),
        "{stderr}"
    );
}
