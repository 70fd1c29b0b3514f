//! The `dangvu` command as a user runs it.

use std::process::Command;

fn dangvu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dangvu"))
}

#[test]
fn forms_lists_ids() {
    let out = dangvu().arg("forms").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == "nghi-quyet-dua-vao-dien-giup-do"));
    let out = dangvu().args(["forms", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "nghi-quyet-dua-vao-dien-giup-do" && f["title"].is_string())
    );
}

#[test]
fn example_renders_to_pdf_and_docx_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.json");
    let out = dangvu()
        .args(["example", "nghi-quyet-dua-vao-dien-giup-do"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&case, &out.stdout).unwrap();
    for ext in ["pdf", "docx"] {
        let target = dir.path().join(format!("nq.{ext}"));
        let st = dangvu()
            .args(["render", "nghi-quyet-dua-vao-dien-giup-do"])
            .arg(&case)
            .arg("-o")
            .arg(&target)
            .status()
            .unwrap();
        assert!(st.success());
        let bytes = std::fs::read(&target).unwrap();
        match ext {
            "pdf" => assert!(bytes.starts_with(b"%PDF-")),
            _ => assert!(bytes.starts_with(b"PK")),
        }
    }
}

#[test]
fn invalid_input_exits_2_names_fields_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dangvu()
        .args(["example", "nghi-quyet-dua-vao-dien-giup-do"])
        .output()
        .unwrap();
    let mut case: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    case["cuoc_hop"]["so_luong"]["co_mat"] = 40.into();
    case["dang_vien"][1]["phieu"]["khong_dong_y"] = 30.into();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, serde_json::to_vec(&case).unwrap()).unwrap();
    let target = dir.path().join("nq.pdf");
    let out = dangvu()
        .args(["render", "nghi-quyet-dua-vao-dien-giup-do"])
        .arg(&path)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.lines()
            .any(|l| l.starts_with("cuoc_hop.so_luong.co_mat: ")),
        "{err}"
    );
    assert!(err.lines().count() >= 2, "one line per problem: {err}");
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no stray files"
    );
}

#[test]
fn render_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let example = dangvu()
        .args(["example", "nghi-quyet-dua-vao-dien-giup-do"])
        .output()
        .unwrap()
        .stdout;
    let target = dir.path().join("out.bin");
    let mut child = dangvu()
        .args([
            "render",
            "nghi-quyet-dua-vao-dien-giup-do",
            "-",
            "--format",
            "docx",
            "-o",
        ])
        .arg(&target)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&example).unwrap();
    assert!(child.wait().unwrap().success());
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
}

#[test]
fn vote_prints_passed_and_min_yes() {
    let cases = [
        ("hd02-btctw-2021", "inclusion", 9, 6, true, 6),
        ("hd02-btctw-2021", "inclusion", 10, 6, false, 7),
        ("hd02-btctw-2021", "progress", 10, 5, true, 5),
        ("qd02-tu-hanoi-2025", "inclusion", 10, 5, false, 6),
        ("qd02-tu-hanoi-2025", "progress", 7, 4, true, 4),
        ("qd02-tu-hanoi-2025", "removal", 13, 9, true, 9),
    ];
    for (profile, ballot, base, yes, passed, min_yes) in cases {
        let out = dangvu()
            .args([
                "vote",
                "--profile",
                profile,
                "--ballot",
                ballot,
                "--base",
                &base.to_string(),
                "--yes",
                &yes.to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["passed"], passed, "{profile} {ballot} {base} {yes}");
        assert_eq!(v["min_yes"], min_yes, "{profile} {ballot} {base}");
    }
    let out = dangvu()
        .args([
            "vote",
            "--profile",
            "hd02-btctw-2021",
            "--ballot",
            "inclusion",
            "--base",
            "0",
            "--yes",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn forms_folder_option_uses_an_office_copy() {
    // An office copies the built-in forms and rewords a template.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("forms")
            .as_path(),
        dir.path(),
    );
    let tpl = dir
        .path()
        .join("nghi-quyet-dua-vao-dien-giup-do/template.typ");
    let text = std::fs::read_to_string(&tpl).unwrap().replace(
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Căn cứ Điều lệ Đảng (bản của văn phòng);",
    );
    std::fs::write(&tpl, text).unwrap();
    let case = dir
        .path()
        .join("nghi-quyet-dua-vao-dien-giup-do/example.json");
    let out_pdf = dir.path().join("x.docx");
    let st = dangvu()
        .arg("--forms")
        .arg(dir.path())
        .args(["render", "nghi-quyet-dua-vao-dien-giup-do"])
        .arg(&case)
        .arg("-o")
        .arg(&out_pdf)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(&out_pdf).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("bản của văn phòng"));
}

#[test]
fn template_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("forms")
            .as_path(),
        dir.path(),
    );
    let tpl = dir
        .path()
        .join("nghi-quyet-dua-vao-dien-giup-do/template.typ");
    let mut text = std::fs::read_to_string(&tpl).unwrap();
    text.push_str("\n#v.no-such-field\n");
    std::fs::write(&tpl, text).unwrap();
    let case = dir
        .path()
        .join("nghi-quyet-dua-vao-dien-giup-do/example.json");
    let out = dangvu()
        .arg("--forms")
        .arg(dir.path())
        .args(["render", "nghi-quyet-dua-vao-dien-giup-do"])
        .arg(&case)
        .args(["-o", "/dev/null", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/nghi-quyet-dua-vao-dien-giup-do/template.typ:"),
        "{err}"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn pictures_renders_the_first_page_of_every_example() {
    let dir = tempfile::tempdir().unwrap();
    let st = dangvu()
        .args(["pictures", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    let forms = String::from_utf8(dangvu().arg("forms").output().unwrap().stdout).unwrap();
    for id in forms.lines() {
        let png = std::fs::read(dir.path().join(format!("{id}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{id}");
        // IHDR: width and height at bytes 16..24; A4 portrait at 2 px/pt.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (1191, 1684), "{id}");
    }
}

/// `--page N` pictures page N of a PNG preview and says how many pages there
/// are; a page beyond the last is refused, and `--page` with PDF too.
#[test]
fn render_png_page_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let form = "nghi-quyet-ket-qua-sang-loc";
    let case = dir.path().join("case.json");
    let out = dangvu().args(["example", form]).output().unwrap();
    std::fs::write(&case, &out.stdout).unwrap();
    let render = |page: &str, file: &str| {
        dangvu()
            .args(["render", form])
            .arg(&case)
            .arg("-o")
            .arg(dir.path().join(file))
            .args(["--page", page])
            .output()
            .unwrap()
    };
    let one = render("1", "p1.png");
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let note = String::from_utf8(one.stderr).unwrap();
    let pages: usize = note
        .trim()
        .strip_prefix("trang 1/")
        .unwrap_or_else(|| panic!("{note}"))
        .parse()
        .unwrap();
    assert!(pages >= 2);
    let two = render("2", "p2.png");
    assert!(two.status.success());
    let (p1, p2) = (
        std::fs::read(dir.path().join("p1.png")).unwrap(),
        std::fs::read(dir.path().join("p2.png")).unwrap(),
    );
    assert!(p1.starts_with(b"\x89PNG") && p2.starts_with(b"\x89PNG"));
    assert_ne!(p1, p2);
    let beyond = render(&(pages + 1).to_string(), "p9.png");
    assert!(!beyond.status.success());
    let why = String::from_utf8(beyond.stderr).unwrap();
    assert!(why.contains(&format!("có {pages} trang")), "{why}");
    assert!(!dir.path().join("p9.png").exists());
    assert!(!render("1", "p.pdf").status.success());
}

/// A case typed in TCVN3 renders as its Unicode twin, with a Vietnamese
/// note per converted field on standard error.
#[test]
fn legacy_text_is_converted_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let form = "nghi-quyet-dua-vao-dien-giup-do";
    let out = dangvu().args(["example", form]).output().unwrap();
    let mut case: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    case["to_chuc"]["dia_danh"] = serde_json::json!("Phóc Lîi");
    std::fs::write(dir.path().join("legacy.json"), case.to_string()).unwrap();
    case["to_chuc"]["dia_danh"] = serde_json::json!("Phúc Lợi");
    std::fs::write(dir.path().join("unicode.json"), case.to_string()).unwrap();
    let run = |name: &str| {
        let out = dangvu()
            .args(["render", form])
            .arg(dir.path().join(format!("{name}.json")))
            .arg("-o")
            .arg(dir.path().join(format!("{name}.pdf")))
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            String::from_utf8(out.stderr).unwrap(),
            std::fs::read(dir.path().join(format!("{name}.pdf"))).unwrap(),
        )
    };
    let (note, legacy) = run("legacy");
    let (quiet, unicode) = run("unicode");
    assert!(legacy == unicode);
    assert!(
        note.contains("to_chuc.dia_danh") && note.contains("TCVN3") && note.contains("Phúc Lợi"),
        "{note}"
    );
    assert!(quiet.is_empty(), "{quiet}");
}
