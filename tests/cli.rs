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
    let text = std::fs::read_to_string(&tpl)
        .unwrap()
        .replace("QUYẾT NGHỊ:]", "QUYẾT NGHỊ (bản của văn phòng):]");
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
        // IHDR: width and height at bytes 16..24; A4 at 2 px/pt, portrait
        // (landscape for the register book's wide table).
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        let a4 = if id == "so-van-ban-di" {
            (1684, 1191)
        } else {
            (1191, 1684)
        };
        assert_eq!((w, h), a4, "{id}");
    }
}

/// The example of a form with some fields replaced (`path` as `a.b.c`),
/// written to `dir/name`.
fn edited_example(
    dir: &std::path::Path,
    name: &str,
    form: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> std::path::PathBuf {
    let out = dangvu().args(["example", form]).output().unwrap();
    let mut case: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    edit(&mut case);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&case).unwrap()).unwrap();
    path
}

/// Runs `dangvu` in `dir`; (exit code, stdout, stderr).
fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = dangvu().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

const NQ: &str = "nghi-quyet-dua-vao-dien-giup-do";

#[test]
fn decode_reports_every_problem_in_plain_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    // An unknown field, a bad rule profile, a count written as text, a
    // count with a fraction and a bad date: all five reported at once.
    let case = edited_example(dir.path(), "case.json", NQ, |c| {
        c["ghi_chu"] = "họp bổ sung".into();
        c["quy_dinh"] = "hd02".into();
        c["cuoc_hop"]["so_luong"]["co_mat"] = "21".into();
        c["dang_vien"][0]["phieu"]["dong_y"] = serde_json::json!(16.5);
        c["van_ban"]["ngay"] = "05/01/2026".into();
    });
    let lines = refused_render(dir.path(), &case);
    let err = lines.join("\n");
    assert_eq!(
        lines,
        [
            "cuoc_hop.so_luong.co_mat: phải là số nguyên, nhận được chữ \"21\"",
            "dang_vien[0].phieu.dong_y: phải là số nguyên, nhận được số 16.5",
            "ghi_chu: trường này không có trong biểu mẫu (các trường có thể ghi: \
             ban_kiem_phieu, cuoc_hop, dang_vien, ngay_y_kien_chi_dao, nguoi_ky, noi_nhan, quy_dinh, to_chuc, \
             van_ban)",
            "quy_dinh: giá trị \"hd02\" không hợp lệ, chọn một trong: hd02-btctw-2021, qd02-tu-hanoi-2025",
            "van_ban.ngay: ngày \"05/01/2026\" không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-01-05)",
        ],
        "{err}"
    );
    for english in ["`", "expected", "invalid", " or ", "u32"] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }
}

/// `render` of `case` to nq.pdf, refused as invalid data (status 2, no
/// file): its problems, one a line, sorted.
fn refused_render(dir: &std::path::Path, case: &std::path::Path) -> Vec<String> {
    let (code, _, err) = run_in(dir, &["render", NQ, case.to_str().unwrap(), "-o", "nq.pdf"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!dir.join("nq.pdf").exists());
    let mut lines: Vec<String> = err.lines().map(str::to_owned).collect();
    lines.sort_unstable();
    lines
}

#[test]
fn integral_numbers_with_a_fraction_are_integers() {
    let dir = tempfile::tempdir().unwrap();
    let plain = edited_example(dir.path(), "a.json", NQ, |_| {});
    let fractions = edited_example(dir.path(), "b.json", NQ, |c| {
        c["van_ban"]["so"] = serde_json::json!(3.0);
        c["cuoc_hop"]["so_luong"]["co_mat"] = serde_json::json!(21.0);
    });
    let (code, a, err) = run_in(
        dir.path(),
        &[
            "render",
            NQ,
            plain.to_str().unwrap(),
            "-o",
            "-",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, b, err) = run_in(
        dir.path(),
        &[
            "render",
            NQ,
            fractions.to_str().unwrap(),
            "-o",
            "-",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "3.0 is the number 3");
}

#[test]
fn command_line_failures_say_what_to_do_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let case = edited_example(dir.path(), "case.json", NQ, |_| {});
    let case = case.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["render", NQ, "khong-co.json", "-o", "nq.pdf"],
            "dangvu: không tìm thấy tệp \"khong-co.json\"; kiểm tra lại tên tệp và thư mục đang đứng",
        ),
        (
            &["render", "nghi-quyet-khac", case, "-o", "nq.pdf"],
            "dangvu: không có biểu mẫu \"nghi-quyet-khac\"; xem danh sách biểu mẫu bằng lệnh: dangvu forms",
        ),
        (
            &["example", "nghi-quyet-khac"],
            "dangvu: không có biểu mẫu \"nghi-quyet-khac\"; xem danh sách biểu mẫu bằng lệnh: dangvu forms",
        ),
        (
            &["render", NQ, case, "-o", "nq.txt"],
            "dangvu: không biết định dạng của tệp \"nq.txt\": hãy đặt tên tệp kết quả có đuôi \
             .pdf, .docx hoặc .png, hoặc thêm --format pdf|docx|png",
        ),
        (
            &["render", NQ, case, "-o", "-"],
            "dangvu: ghi ra màn hình (-o -) cần chọn định dạng: thêm --format pdf|docx|png",
        ),
        (
            &["render", NQ, ".", "-o", "nq.pdf"],
            "dangvu: \".\" là một thư mục, cần tên một tệp",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run_in(dir.path(), args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert_eq!(err.trim_end(), expected, "{args:?}");
        assert!(out.is_empty());
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["case.json"], "nothing written");
}

#[test]
fn dash_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let case = edited_example(dir.path(), "case.json", NQ, |_| {});
    let case = case.to_str().unwrap();
    let (code, docx, err) = run_in(
        dir.path(),
        &["render", NQ, case, "-o", "-", "--format", "docx"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (_, _, err) = run_in(dir.path(), &["render", NQ, case, "-o", "nq.docx"]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(docx, std::fs::read(dir.path().join("nq.docx")).unwrap());
    let (code, json, _) = run_in(
        dir.path(),
        &["demo-data", "--branches", "2", "--members", "10", "-o", "-"],
    );
    assert_eq!(code, Some(0));
    let committee: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(committee["chi_bo"].as_array().unwrap().len(), 2);
    assert!(!dir.path().join("-").exists());
}

/// `dangvu serve` on a free port, stopped when dropped.
struct Service {
    child: std::process::Child,
    address: String,
    /// The register's file: the test's own, never the user's default one.
    _register: tempfile::TempDir,
}

impl Service {
    fn start() -> Service {
        use std::io::BufRead;
        let register = tempfile::tempdir().unwrap();
        let mut child = dangvu()
            .args(["serve", "--port", "0"])
            .env("DANGVU_DB", register.path().join("so-van-ban.sqlite3"))
            .env_remove("DANGVU_TOKEN")
            .env_remove("DANGVU_BIND")
            .env_remove("DANGVU_PORT")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("{line:?}"))
            .to_string();
        Service {
            child,
            address,
            _register: register,
        }
    }

    /// POSTs JSON; (status, body).
    fn post(&self, path: &str, body: &str) -> (u16, serde_json::Value) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            body.len()
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, serde_json::from_str(body).unwrap())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn vote_answers_the_same_on_the_command_line_and_over_http() {
    let service = Service::start();
    let cases = [
        ("hd02-btctw-2021", "inclusion", 21, 14),
        ("hd02-btctw-2021", "progress", 10, 4),
        ("qd02-tu-hanoi-2025", "progress", 20, 10),
        ("qd02-tu-hanoi-2025", "removal", 13, 9),
    ];
    for (profile, ballot, base, yes) in cases {
        let (base, yes) = (base.to_string(), yes.to_string());
        let out = dangvu()
            .args(["vote", "--profile", profile, "--ballot", ballot])
            .args(["--base", &base, "--yes", &yes])
            .output()
            .unwrap();
        assert!(out.status.success());
        let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let body =
            format!(r#"{{"profile":"{profile}","ballot":"{ballot}","base":{base},"yes":{yes}}}"#);
        let (status, http) = service.post("/v1/vote", &body);
        assert_eq!(status, 200);
        let (cli, http) = (cli.as_object().unwrap(), http.as_object().unwrap());
        let fields: Vec<&String> = cli.keys().collect();
        assert_eq!(fields, http.keys().collect::<Vec<_>>(), "the same fields");
        for field in [
            "profile",
            "ballot",
            "base",
            "yes",
            "passed",
            "min_yes",
            "percent",
            "threshold",
            "threshold_vi",
        ] {
            assert!(cli.contains_key(field), "{field}");
            assert_eq!(cli[field], http[field], "{profile} {ballot}: {field}");
        }
    }
    // A refused vote: the same field and message (exit 2 on the command line).
    let out = dangvu()
        .args([
            "vote",
            "--profile",
            "hd02-btctw-2021",
            "--ballot",
            "removal",
        ])
        .args(["--base", "10", "--yes", "11"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let (status, problem) = service.post(
        "/v1/vote",
        r#"{"profile":"hd02-btctw-2021","ballot":"removal","base":10,"yes":11}"#,
    );
    assert_eq!(status, 422);
    let line = format!(
        "{}: {}",
        problem["errors"][0]["field"].as_str().unwrap(),
        problem["errors"][0]["message"].as_str().unwrap()
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim_end(), line);
    assert_eq!(
        line,
        "yes: số phiếu đồng ý (11) vượt quá số đảng viên chính thức có quyền biểu quyết (10)"
    );
}

/// The README's code blocks that follow `marker`, in order.
fn readme_blocks_after(marker: &str) -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (_, rest) = readme.split_once(marker).expect("marker in README");
    let rest = rest.split("\n## ").next().unwrap();
    rest.split("```")
        .skip(1)
        .step_by(2)
        .map(|block| {
            block
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

#[test]
fn readme_sample_errors_are_what_dangvu_prints() {
    let blocks = readme_blocks_after("Invalid case data exits with status **2**");
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let dir = tempfile::tempdir().unwrap();
    // The cases the README describes next to each block.
    let decode = edited_example(dir.path(), "a.json", NQ, |c| {
        c["quy_dinh"] = "hd02".into();
        c["cuoc_hop"]["so_luong"]["co_mat"] = "21".into();
        c["ghi_chu"] = "họp bổ sung".into();
    });
    let rules = edited_example(dir.path(), "b.json", NQ, |c| {
        c["cuoc_hop"]["so_luong"]["co_mat"] = 40.into();
        c["dang_vien"][1]["phieu"]["khong_dong_y"] = 30.into();
    });
    for (case, block) in [decode, rules].iter().zip(&blocks) {
        let (code, _, err) = run_in(
            dir.path(),
            &["render", NQ, case.to_str().unwrap(), "-o", "nq.pdf"],
        );
        assert_eq!(code, Some(2));
        let mut printed: Vec<&str> = err.lines().collect();
        let mut shown: Vec<&str> = block.iter().map(String::as_str).collect();
        printed.sort_unstable();
        shown.sort_unstable();
        assert_eq!(
            shown, printed,
            "the README shows exactly what dangvu prints"
        );
    }
}

#[test]
fn readme_stands_on_its_own() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // Every relative link points inside the repository, at a file that exists.
    for link in readme.split("](").skip(1) {
        let target = link.split(')').next().unwrap();
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        assert!(
            !target.starts_with(".."),
            "link outside the repository: {target}"
        );
        assert!(root.join(target).exists(), "missing: {target}");
    }
    assert!(!readme.contains("../shared"));
    assert!(readme.contains("[docs/rules.md](docs/rules.md)"));
    assert!(readme.contains("cargo install --path ."));
    assert!(readme.contains("apt-get install"));
    // Every field `dangvu forms --json` prints is explained.
    let out = dangvu().args(["forms", "--json"]).output().unwrap();
    let forms: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in forms[0].as_object().unwrap().keys() {
        assert!(
            readme.contains(&format!("`{key}`")),
            "README does not mention `{key}`"
        );
    }
    // What CI installs, the README names.
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    for package in [
        "poppler-utils",
        "libreoffice-writer-nogui",
        "gcc",
        "libc6-dev",
        "chromium",
        "chromium-driver",
    ] {
        assert!(
            ci.contains(package) && readme.contains(package),
            "{package}"
        );
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

#[test]
fn schema_view_prints_the_committed_view_schema() {
    let id = "nghi-quyet-mien-sinh-hoat";
    let out = dangvu().args(["schema", id, "--view"]).output().unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = format!("{}/forms/{id}/view.schema.json", env!("CARGO_MANIFEST_DIR"));
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(printed, committed);
    // The view, not the case: the template's keys, not the clerk's.
    assert!(printed["properties"]["legal-bases"].is_object());
    assert!(printed["properties"].get("quy_dinh").is_none());
}

#[test]
fn form_folder_and_service_failures_are_said_in_vietnamese() {
    let empty = tempfile::tempdir().unwrap();
    let missing = empty.path().join("khong-co");
    let cases: [(Vec<&std::ffi::OsStr>, String); 3] = [
        (
            vec![empty.path().as_os_str(), "forms".as_ref()],
            format!(
                "dangvu: thư mục biểu mẫu không dùng được: {} không có tệp nào",
                empty.path().display()
            ),
        ),
        (
            vec![missing.as_os_str(), "forms".as_ref()],
            format!(
                "dangvu: thư mục biểu mẫu không dùng được: không đọc được {}:",
                missing.display()
            ),
        ),
        (
            vec![
                empty.path().as_os_str(),
                "serve".as_ref(),
                "--max-body".as_ref(),
                "0".as_ref(),
            ],
            "dangvu: --max-body phải lớn hơn 0".to_string(),
        ),
    ];
    for (args, expected) in cases {
        let out = dangvu().arg("--forms").args(&args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with(&expected), "{args:?}: {err}");
    }
}

#[test]
fn a_case_saved_with_a_byte_order_mark_reads_and_an_empty_one_is_called_empty() {
    let dir = tempfile::tempdir().unwrap();
    let case = edited_example(dir.path(), "case.json", NQ, |_| {});
    // Windows Notepad saves UTF-8 with a byte-order mark.
    let mut notepad = b"\xEF\xBB\xBF".to_vec();
    notepad.extend(std::fs::read(&case).unwrap());
    std::fs::write(dir.path().join("notepad.json"), notepad).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["render", NQ, "notepad.json", "-o", "notepad.pdf"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    let (code, _, _) = run_in(dir.path(), &["render", NQ, "case.json", "-o", "plain.pdf"]);
    assert_eq!(code, Some(0));
    assert!(
        std::fs::read(dir.path().join("notepad.pdf")).unwrap()
            == std::fs::read(dir.path().join("plain.pdf")).unwrap(),
        "the same document with or without the mark"
    );
    std::fs::write(dir.path().join("empty.json"), "").unwrap();
    std::fs::write(dir.path().join("blank.json"), "\u{feff}\r\n").unwrap();
    for name in ["empty.json", "blank.json"] {
        let (code, _, err) = run_in(dir.path(), &["render", NQ, name, "-o", "nq.pdf"]);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert_eq!(
            err,
            "(toàn bộ): hồ sơ trống: không có dữ liệu JSON nào (tệp hoặc nội dung gửi lên rỗng)\n",
            "{name}"
        );
        // `issue` says the same.
        let out = with_data(&dir.path().join("data"))
            .current_dir(dir.path())
            .args(["issue", "nghi-quyet-mien-sinh-hoat", name, "-o", "nq.pdf"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "(toàn bộ): hồ sơ trống: không có dữ liệu JSON nào (tệp hoặc nội dung gửi lên rỗng)\n",
            "issue {name}"
        );
    }
    assert!(!dir.path().join("nq.pdf").exists());
}

#[test]
fn a_document_number_starts_at_1_and_a_bad_time_is_called_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let case = edited_example(dir.path(), "case.json", NQ, |c| {
        c["van_ban"]["so"] = 0.into();
        c["ban_kiem_phieu"]["bat_dau"] = "25:00".into();
    });
    assert_eq!(
        refused_render(dir.path(), &case),
        [
            "ban_kiem_phieu.bat_dau: giờ \"25:00\" không hợp lệ, cần dạng HH:MM (ví dụ 09:30)",
            "van_ban.so: phải từ 1 trở lên, nhận được 0",
        ]
    );
    // The schema says so too.
    let (_, schema, _) = run_in(dir.path(), &["schema", NQ]);
    let schema: serde_json::Value = serde_json::from_slice(&schema).unwrap();
    assert_eq!(schema["$defs"]["VanBan"]["properties"]["so"]["minimum"], 1);
}

/// `dangvu` with its register in the default place under `data`
/// (`XDG_DATA_HOME`), as a clerk's own.
fn with_data(data: &std::path::Path) -> Command {
    let mut c = dangvu();
    c.env("XDG_DATA_HOME", data).env_remove("DANGVU_DB");
    c
}

#[test]
fn an_output_that_cannot_be_written_costs_no_number() {
    const FORM: &str = "nghi-quyet-mien-sinh-hoat";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    edited_example(dir.path(), "case.json", FORM, |c| {
        c["van_ban"].as_object_mut().unwrap().remove("so");
    });
    std::fs::create_dir(dir.path().join("ra.pdf")).unwrap();
    let run = |args: &[&str]| {
        with_data(&data)
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let term = run(&[
        "register",
        "term",
        "add",
        "Chi bộ Tổ dân phố số 5",
        "2025-10-01",
    ]);
    assert!(term.status.success(), "{term:?}");
    for (output, said) in [
        (
            "/nonexistent/x.pdf",
            "dangvu: không ghi được tệp \"/nonexistent/x.pdf\": thư mục chứa tệp không tồn tại\n",
        ),
        (
            "ra.pdf",
            "dangvu: \"ra.pdf\" là một thư mục, cần tên một tệp\n",
        ),
    ] {
        let out = run(&["issue", FORM, "case.json", "-o", output]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), said);
        assert!(out.stdout.is_empty(), "no number announced");
    }
    let listed = run(&["register", "list"]);
    assert!(listed.status.success(), "{listed:?}");
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed, serde_json::json!([]), "nothing recorded");
    // The first document written takes the first number.
    let out = run(&["issue", FORM, "case.json", "-o", "nq.pdf"]);
    assert!(out.status.success(), "{out:?}");
    let issued: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(issued["symbol"], "01-NQ/CB");
    assert!(
        std::fs::read(dir.path().join("nq.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// The README's flow: a case without its number issued as a PDF, again,
/// then as a DOCX prints one number and one id each time, and the files are
/// what `register download` gives; the register holds one document.
#[test]
fn issuing_the_same_case_again_prints_the_same_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("so.sqlite3");
    let run = |args: &[&str]| {
        let out = dangvu()
            .arg("--db")
            .arg(&db)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        out.stdout
    };
    let form = "nghi-quyet-mien-sinh-hoat";
    let mut case: serde_json::Value = serde_json::from_slice(&run(&["example", form])).unwrap();
    case["van_ban"].as_object_mut().unwrap().remove("so");
    std::fs::write(dir.path().join("case.json"), case.to_string()).unwrap();
    let organisation = case["to_chuc"]["ten"].as_str().unwrap().to_string();
    run(&["register", "term", "add", &organisation, "2025-10-01"]);
    let lines: Vec<serde_json::Value> = ["nq.pdf", "nq2.pdf", "nq.docx"]
        .map(|out| serde_json::from_slice(&run(&["issue", form, "case.json", "-o", out])).unwrap())
        .to_vec();
    for line in &lines {
        assert_eq!(
            (&line["number"], &line["symbol"], &line["id"]),
            (&lines[0]["number"], &lines[0]["symbol"], &lines[0]["id"]),
            "{line}"
        );
    }
    assert_eq!(lines[0]["number"], 1);
    assert_eq!(lines[2]["format"], "docx");
    let id = lines[0]["id"].as_str().unwrap();
    run(&["register", "download", id, "-o", "again.pdf"]);
    run(&["register", "download", id, "-o", "again.docx"]);
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert_eq!(read("nq.pdf"), read("again.pdf"));
    assert_eq!(read("nq2.pdf"), read("again.pdf"));
    assert_eq!(read("nq.docx"), read("again.docx"));
    let listed: serde_json::Value = serde_json::from_slice(&run(&["register", "list"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

/// An issued document goes to a named .pdf or .docx file: `-o -` or another
/// ending is refused before anything is recorded, naming what the command
/// takes (it has no `--format` to offer). Refused for want of a term, it
/// names the command that declares one. Register messages show dates as a
/// clerk writes them.
#[test]
fn an_issued_document_names_the_endings_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let form = "nghi-quyet-mien-sinh-hoat";
    let example = format!("{}/forms/{form}/example.json", env!("CARGO_MANIFEST_DIR"));
    for output in ["-", "nq.png"] {
        let out = with_data(&data)
            .current_dir(dir.path())
            .args(["issue", form, &example, "-o", output])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "dangvu: không biết định dạng của tệp \"{output}\": hãy đặt tên tệp kết quả có đuôi .pdf hoặc .docx (lệnh này ghi ra tệp, không ghi ra màn hình)\n"
            )
        );
    }
    // No term declared yet: the refusal names the command that declares one.
    let out = with_data(&data)
        .current_dir(dir.path())
        .args(["issue", form, &example, "-o", "nq.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with(
            "trước khi cấp số (lệnh: dangvu register term add \"Chi bộ Tổ dân phố số 5\" YYYY-MM-DD)\n"
        ),
        "{err}"
    );
    let out = with_data(&data)
        .args([
            "register",
            "book",
            "--organisation",
            "Chi bộ Tổ dân phố số 5",
            "--from",
            "2026-04-01",
            "--to",
            "2026-03-31",
            "-o",
            "so.pdf",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ngày cuối kỳ 31/03/2026 trước ngày đầu kỳ 01/04/2026"),
        "{err}"
    );
}
