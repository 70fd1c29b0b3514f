//! The quarterly pack and the rosters behind it: a small generated committee
//! packed twice (byte-identical), the manifest checked against the files, every
//! document's PDF and DOCX compared word by word; rosters read from CSV and
//! XLSX alike; bad data named by branch and field, with no ZIP left behind.

mod common;

use std::io::Read;
use std::process::Command;

use common::sheets::{to_csv, to_csv_separated, to_xlsx, xlsx_rows};
use common::*;
use dangvu::pack::{self, Options};
use dangvu::roster::{self, Member};
use sha2::{Digest, Sha256};

fn small() -> serde_json::Value {
    let mut c = dangvu::demo::committee(3, 60, 7);
    // Make sure the small committee has every kind of case.
    c["chi_bo"][0]["truong_hop"] = serde_json::json!([
        {
            "ho_ten": c["chi_bo"][0]["danh_sach"][1]["ho_ten"],
            "tieu_chi": "chậm đóng đảng phí 02 tháng trong năm 2025",
            "tinh_trang": "dang-giup-do",
            "ngay_dua_vao": "2026-01-05",
            "giup_do": { "nguoi_giup_do": c["chi_bo"][0]["danh_sach"][2]["ho_ten"], "ngay_phan_cong": "2026-02-03" }
        },
        {
            "ho_ten": c["chi_bo"][0]["danh_sach"][3]["ho_ten"],
            "tieu_chi": "tự ý bỏ sinh hoạt đảng 04 tháng trong năm 2025",
            "tinh_trang": "da-xoa-ten",
            "hinh_thuc": "xoa-ten",
            "ngay_ket_qua": "2026-03-10"
        }
    ]);
    c
}

fn build(c: &serde_json::Value) -> dangvu::Result<Vec<u8>> {
    pack::build(
        renderer(),
        &serde_json::to_vec(c).unwrap(),
        &Options::default(),
        None,
    )
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

#[test]
fn pack_is_deterministic_complete_and_every_document_has_parity() {
    let c = small();
    let a = build(&c).unwrap();
    let b = build(&c).unwrap();
    assert!(a == b, "two packs of the same input differ");
    let files = unzip(&a);
    // The documents in path order, then the manifest (written last: it holds
    // every document's hash, and documents are written as they are rendered).
    let (last, docs) = files.split_last().unwrap();
    assert_eq!(last.0, "manifest.json");
    assert!(docs.windows(2).all(|w| w[0].0 < w[1].0));
    let manifest: serde_json::Value = serde_json::from_slice(&last.1).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    // 3 branch reports + committee screening + statistics, each PDF and DOCX.
    assert_eq!(listed.len(), 10);
    assert_eq!(files.len(), 11);
    for entry in listed {
        let path = entry["path"].as_str().unwrap();
        assert!(path.is_ascii(), "{path}");
        let (_, data) = files
            .iter()
            .find(|(n, _)| n == path)
            .expect("listed file in ZIP");
        let hash: String = Sha256::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"], hash, "{path}");
        assert_eq!(entry["bytes"], data.len(), "{path}");
    }
    assert!(
        listed
            .iter()
            .any(|e| e["form"] == "bao-cao-thong-ke-dang-vien" && e["branch"].is_null())
    );
    assert_eq!(
        listed
            .iter()
            .filter(|e| e["branch"] == c["chi_bo"][1]["to_chuc"]["ten"])
            .count(),
        2
    );
    // Every document: PDF and DOCX say the same words.
    for (name, pdf) in files.iter().filter(|(n, _)| n.ends_with(".pdf")) {
        let docx_name = name.replace(".pdf", ".docx");
        let (_, docx) = files.iter().find(|(n, _)| *n == docx_name).unwrap();
        assert_same_words(&pdf_text(pdf), &docx_text(docx));
    }
    // The committee's report names the struck-off member and counts the branch.
    let (_, agg) = files
        .iter()
        .find(|(n, _)| n == "dang-uy/bao-cao-ra-soat-quy.pdf")
        .unwrap();
    let text = squeeze(&pdf_text(agg));
    let struck = c["chi_bo"][0]["truong_hop"][1]["ho_ten"].as_str().unwrap();
    assert!(text.contains(&squeeze(struck)));
    assert!(text.contains(&squeeze("rà soát 60 đảng viên")), "{text}");
    let (_, st) = files
        .iter()
        .find(|(n, _)| n == "dang-uy/bao-cao-thong-ke-dang-vien.pdf")
        .unwrap();
    let text = squeeze(&pdf_text(st));
    assert!(text.contains(&squeeze("có tổng số 60 đảng viên")), "{text}");
    assert!(text.contains("100%"));
}

#[test]
fn a_bad_field_in_one_branch_names_the_branch_and_field() {
    let mut c = small();
    c["chi_bo"][1]["danh_sach"][4]["ngay_sinh"] = "2019-02-30".into();
    let Err(dangvu::Error::Invalid(problems)) = build(&c) else {
        panic!("bad date accepted")
    };
    let branch = c["chi_bo"][1]["to_chuc"]["ten"].as_str().unwrap();
    assert_eq!(
        problems[0].field, "chi_bo[1].danh_sach[4].ngay_sinh",
        "{problems:?}"
    );
    assert!(problems[0].message.contains(branch), "{problems:?}");

    let mut c = small();
    c["chi_bo"][2]["truong_hop"] = serde_json::json!([{
        "ho_ten": "Lê Văn Hùng", "tieu_chi": "x", "tinh_trang": "de-nghi-dua-ra"
    }]);
    let Err(dangvu::Error::Invalid(problems)) = build(&c) else {
        panic!()
    };
    assert_eq!(
        problems[0].field, "chi_bo[2].truong_hop[0].hinh_thuc",
        "{problems:?}"
    );

    // Through the CLI: exit status 2, no ZIP and no temporary file left.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dang-uy.json");
    std::fs::write(&input, serde_json::to_vec(&c).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dangvu"))
        .arg("pack")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("pack.zip"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("chi_bo[2].truong_hop[0].hinh_thuc"),
        "{stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the input remains");
}

/// "C (Giới tính)": the column of a cell error as a clerk reads it.
fn col(e: &roster::RowError) -> String {
    e.column
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn members_of(c: &serde_json::Value, i: usize) -> Vec<Member> {
    serde_json::from_value(c["chi_bo"][i]["danh_sach"].clone()).unwrap()
}

#[test]
fn csv_and_xlsx_of_the_same_roster_give_the_same_report() {
    let c = small();
    let members = members_of(&c, 0);
    let from_csv = roster::read_csv(&to_csv(&members), "ds.csv").unwrap();
    let from_xlsx = roster::read_xlsx(&to_xlsx(&xlsx_rows(&members)), "ds.xlsx").unwrap();
    assert!(from_csv.errors.is_empty(), "{:?}", from_csv.errors);
    assert!(from_xlsx.errors.is_empty(), "{:?}", from_xlsx.errors);
    assert_eq!(from_csv.members, members);
    assert_eq!(from_xlsx.members, members);

    // The pack reads rosters from files named relative to the committee file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cb1.csv"), to_csv(&members)).unwrap();
    std::fs::write(
        dir.path().join("cb2.xlsx"),
        to_xlsx(&xlsx_rows(&members_of(&c, 1))),
    )
    .unwrap();
    let mut with_files = c.clone();
    with_files["chi_bo"][0]["danh_sach"] = "cb1.csv".into();
    with_files["chi_bo"][1]["danh_sach"] = "cb2.xlsx".into();
    let opts = Options {
        base_dir: Some(dir.path().to_path_buf()),
        skip_bad_rows: false,
        files: Default::default(),
    };
    let a = pack::build(
        renderer(),
        &serde_json::to_vec(&with_files).unwrap(),
        &opts,
        None,
    )
    .unwrap();
    let b = build(&c).unwrap();
    assert!(a == b, "inline and file rosters give different packs");
}

#[test]
fn roster_errors_are_located_to_the_cell_and_skippable() {
    let c = small();
    let members = members_of(&c, 0);
    let mut rows = xlsx_rows(&members);
    rows[3][2] = "Không rõ".into(); // C4
    rows[3][5] = "Cao học".into(); // F4: a second bad cell in the same row
    rows[6][1] = "ngày 5".into(); // B7
    let parsed = roster::read_xlsx(&to_xlsx(&rows), "ds.xlsx").unwrap();
    let errs: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(parsed.errors.len(), 3, "{errs:?}");
    assert_eq!(
        (
            parsed.errors[0].sheet.as_str(),
            parsed.errors[0].row,
            col(&parsed.errors[0]).as_str()
        ),
        ("Danh sách", 4, "C (Giới tính)")
    );
    assert_eq!(
        (parsed.errors[1].row, col(&parsed.errors[1]).as_str()),
        (4, "F (Trình độ học vấn)")
    );
    assert_eq!(
        (parsed.errors[2].row, col(&parsed.errors[2]).as_str()),
        (7, "B (Ngày sinh)")
    );
    assert_eq!(parsed.members.len(), members.len() - 2);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cb1.xlsx"), to_xlsx(&rows)).unwrap();
    let mut with_file = c.clone();
    with_file["chi_bo"][0]["danh_sach"] = "cb1.xlsx".into();
    let json = serde_json::to_vec(&with_file).unwrap();
    let strict = Options {
        base_dir: Some(dir.path().to_path_buf()),
        skip_bad_rows: false,
        files: Default::default(),
    };
    let Err(dangvu::Error::Invalid(p)) = pack::build(renderer(), &json, &strict, None) else {
        panic!("bad rows accepted")
    };
    assert_eq!(p.len(), 3);
    assert_eq!(p[0].field, "chi_bo[0].danh_sach");
    assert!(
        p[0].message
            .contains("Danh sách, dòng 4, cột C (Giới tính)"),
        "{p:?}"
    );
    let lenient = Options {
        skip_bad_rows: true,
        ..strict
    };
    let zip = pack::build(renderer(), &json, &lenient, None).unwrap();
    let files = unzip(&zip);
    let (_, st) = files
        .iter()
        .find(|(n, _)| n == "dang-uy/bao-cao-thong-ke-dang-vien.pdf")
        .unwrap();
    let text = squeeze(&pdf_text(st));
    assert!(
        text.contains(&squeeze("Lưu ý: 2 dòng trong danh sách")),
        "{text}"
    );
    assert!(text.contains(&squeeze("có tổng số 58 đảng viên")));
}

#[test]
fn demo_data_is_deterministic_and_of_the_requested_size() {
    let a = dangvu::demo::committee(72, 4216, 1);
    let b = dangvu::demo::committee(72, 4216, 1);
    assert_eq!(a, b);
    let branches = a["chi_bo"].as_array().unwrap();
    assert_eq!(branches.len(), 72);
    let total: usize = branches
        .iter()
        .map(|b| b["danh_sach"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 4216);
    assert!(
        branches
            .iter()
            .any(|b| !b["truong_hop"].as_array().unwrap().is_empty())
    );
    assert_ne!(a, dangvu::demo::committee(72, 4216, 2));
}

#[test]
fn demo_data_passes_validation_at_every_size() {
    // Sizes from one tiny branch to the largest committee a pack accepts;
    // (2000, 120000, 7) once wrote a member as their own helper.
    let sizes = [
        (1, 6, 1),
        (3, 60, 2),
        (72, 4216, 1),
        (72, 4216, 9),
        (250, 15_000, 2),
        (500, 30_000, 3),
        (2000, 120_000, 7),
        (2000, 120_000, 11),
    ];
    for (branches, members, seed) in sizes {
        let c = dangvu::demo::committee(branches, members, seed);
        let json = serde_json::to_vec(&c).unwrap();
        if let Err(e) = pack::check(renderer(), &json, &Options::default()) {
            panic!("demo-data --branches {branches} --members {members} --seed {seed}: {e}");
        }
    }
}

#[test]
fn a_committee_over_the_limit_is_refused_by_name() {
    let mut c = dangvu::demo::committee(1, 6, 1);
    let one = c["chi_bo"][0].clone();
    c["chi_bo"] = serde_json::Value::Array(vec![one; pack::MAX_BRANCHES + 1]);
    let Err(dangvu::Error::Invalid(problems)) = pack::check(
        renderer(),
        &serde_json::to_vec(&c).unwrap(),
        &Options::default(),
    ) else {
        panic!("a committee over the limit was accepted")
    };
    assert_eq!(problems[0].field, "chi_bo", "{problems:?}");
    assert!(problems[0].message.contains("2000"), "{problems:?}");
}

#[test]
fn the_largest_table_a_pack_accepts_renders() {
    // The committee's aggregated report has a row per branch: with the most
    // branches a pack accepts it is the largest table any document holds. At
    // 250 rows it once overflowed a render thread's stack and aborted the
    // process.
    use dangvu::forms::models::bao_cao_ra_soat_quy::{Case, DonVi};
    let c: pack::Committee = serde_json::from_value(dangvu::demo::committee(
        pack::MAX_BRANCHES,
        pack::MAX_BRANCHES * 6,
        7,
    ))
    .unwrap();
    let case = Case {
        to_chuc: c.to_chuc.clone(),
        van_ban: c.bao_cao_ra_soat.clone(),
        ky_bao_cao: c.ky_bao_cao,
        don_vi: c
            .chi_bo
            .iter()
            .map(|b| DonVi {
                ten: Some(b.to_chuc.ten.clone()),
                so_dang_vien_ra_soat: b.danh_sach.as_array().unwrap().len() as u32,
                truong_hop: b.truong_hop.clone(),
            })
            .collect(),
        danh_gia: c.danh_gia.clone(),
        han_che: c.han_che.clone(),
        de_xuat: c.de_xuat.clone(),
        nguoi_ky: c.nguoi_ky.clone(),
        noi_nhan: c.noi_nhan.clone(),
    };
    let case = serde_json::to_value(&case).unwrap();
    let last = c.chi_bo.last().unwrap().to_chuc.ten.clone();
    let pdf = render(pack::SCREENING, &case, dangvu::Format::Pdf).unwrap();
    assert!(squeeze(&pdf_text(&pdf)).contains(&squeeze(&last)));
    let docx = render(pack::SCREENING, &case, dangvu::Format::Docx).unwrap();
    assert!(squeeze(&docx_text(&docx)).contains(&squeeze(&last)));
}

#[test]
fn a_committee_of_250_branches_packs() {
    // The committee that once aborted the process (stack overflow: rayon ran
    // queued renders on top of each other on one thread).
    let c = dangvu::demo::committee(250, 15_000, 2);
    let zip = build(&c).unwrap();
    let files = unzip(&zip);
    assert_eq!(files.len(), 2 * 252 + 1);
    assert!(files[0].0.starts_with("chi-bo/001-"), "{}", files[0].0);
}

#[test]
fn an_unreadable_roster_is_fatal_and_an_unprintable_name_is_a_skippable_row() {
    let c = small();
    let dir = tempfile::tempdir().unwrap();
    let mut members = members_of(&c, 1);
    members[4].ho_ten = Some("Nguyễn Văn\u{7} Bảy".into());
    std::fs::write(dir.path().join("cb2.csv"), to_csv(&members)).unwrap();
    let mut committee = c.clone();
    committee["chi_bo"][1]["danh_sach"] = "cb2.csv".into();
    let strict = Options {
        base_dir: Some(dir.path().to_path_buf()),
        skip_bad_rows: false,
        files: Default::default(),
    };
    let lenient = Options {
        skip_bad_rows: true,
        ..strict.clone()
    };
    let json = serde_json::to_vec(&committee).unwrap();
    let Err(dangvu::Error::Invalid(p)) = pack::build(renderer(), &json, &strict, None) else {
        panic!("an unprintable name accepted")
    };
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].field, "chi_bo[1].danh_sach");
    assert!(p[0].message.contains("đảng viên thứ 5"), "{p:?}");
    assert!(p[0].message.contains("U+0007"), "{p:?}");
    assert_eq!(
        p[0].branch.as_deref(),
        committee["chi_bo"][1]["to_chuc"]["ten"].as_str()
    );

    // Skipped, the row is left out and counted like any bad row.
    let zip = pack::build(renderer(), &json, &lenient, None).unwrap();
    let (_, st) = unzip(&zip)
        .into_iter()
        .find(|(n, _)| n == "dang-uy/bao-cao-thong-ke-dang-vien.pdf")
        .unwrap();
    let text = squeeze(&pdf_text(&st));
    assert!(
        text.contains(&squeeze("Lưu ý: 1 dòng trong danh sách")),
        "{text}"
    );

    // A roster file that is not there fails the pack even when bad rows may
    // be skipped: it is not a row.
    committee["chi_bo"][2]["danh_sach"] = "khong-co.csv".into();
    let json = serde_json::to_vec(&committee).unwrap();
    let Err(dangvu::Error::Invalid(p)) = pack::build(renderer(), &json, &lenient, None) else {
        panic!("a missing roster file accepted")
    };
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].field, "chi_bo[2].danh_sach");
    assert!(p[0].message.contains("khong-co.csv"), "{p:?}");
    assert!(
        !p[0].message.starts_with('!') && !p[0].message.contains("] !"),
        "{p:?}"
    );
}

/// `dangvu pack` on a committee file, with its stderr.
fn pack_cli(dir: &std::path::Path, committee: &serde_json::Value) -> std::process::Output {
    let input = dir.join("dang-uy.json");
    std::fs::write(&input, serde_json::to_vec(committee).unwrap()).unwrap();
    Command::new(env!("CARGO_BIN_EXE_dangvu"))
        .arg("pack")
        .arg(&input)
        .arg("-o")
        .arg(dir.join("pack.zip"))
        .output()
        .unwrap()
}

#[test]
fn semicolon_and_tab_rosters_pack_as_comma_ones() {
    // Excel on a Vietnamese Windows saves "CSV" with `;` (the decimal mark
    // is a comma), and names with commas inside quotes.
    let c = small();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cb1.csv"),
        to_csv_separated(&members_of(&c, 0), b';'),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cb2.csv"),
        to_csv_separated(&members_of(&c, 1), b'\t'),
    )
    .unwrap();
    let mut with_files = c.clone();
    with_files["chi_bo"][0]["danh_sach"] = "cb1.csv".into();
    with_files["chi_bo"][1]["danh_sach"] = "cb2.csv".into();
    let out = pack_cli(dir.path(), &with_files);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zip = std::fs::read(dir.path().join("pack.zip")).unwrap();
    assert!(
        zip == build(&c).unwrap(),
        "a `;` or tab roster gives another pack than the same members inline"
    );
}

#[test]
fn a_missing_or_renamed_roster_file_is_named_in_vietnamese() {
    let c = small();
    let dir = tempfile::tempdir().unwrap();
    // A CSV saved under an Excel name.
    std::fs::write(dir.path().join("cb2.xlsx"), to_csv(&members_of(&c, 1))).unwrap();
    let mut committee = c.clone();
    committee["chi_bo"][0]["danh_sach"] = "missing.xlsx".into();
    committee["chi_bo"][1]["danh_sach"] = "cb2.xlsx".into();
    let out = pack_cli(dir.path(), &committee);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().take(2).collect();
    let first = c["chi_bo"][0]["to_chuc"]["ten"].as_str().unwrap();
    let second = c["chi_bo"][1]["to_chuc"]["ten"].as_str().unwrap();
    assert_eq!(
        lines,
        [
            format!(
                "chi_bo[0].danh_sach: [{first}] missing.xlsx: không tìm thấy tệp; \
                 kiểm tra lại tên tệp và thư mục"
            ),
            format!(
                "chi_bo[1].danh_sach: [{second}] cb2.xlsx: tệp không phải Excel (.xlsx) hợp lệ: \
                 hãy mở tệp bằng Excel rồi lưu lại dạng \"Excel Workbook (.xlsx)\", \
                 hoặc đổi đuôi tệp nếu đó là tệp .csv"
            ),
        ],
        "{stderr}"
    );
    for said in ["dòng 0", "os error", "No such file", "Zip error", "(XLSX)"] {
        assert!(!stderr.contains(said), "{said:?} in {stderr}");
    }
    assert!(!dir.path().join("pack.zip").exists());
}
