//! Helpers shared by the integration tests: read real outputs back the way a
//! person's tools would (poppler for PDF, the XML inside the DOCX, LibreOffice).

#![allow(dead_code)]

pub mod sheets;

use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use dangvu::{Format, Renderer};
use unicode_normalization::UnicodeNormalization;

pub fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::built_in().expect("built-in forms load"))
}

pub fn example(form: &str) -> serde_json::Value {
    let f = renderer().form(form).expect("form exists");
    serde_json::from_slice(f.example.as_deref().expect("example")).expect("example is JSON")
}

pub fn render(form: &str, case: &serde_json::Value, format: Format) -> dangvu::Result<Vec<u8>> {
    let json = serde_json::to_vec(case).unwrap();
    renderer().render(form, &json, format).map(|r| r.bytes)
}

/// Text of a PDF in content-stream order (`pdftotext -raw`), NFC, with the
/// page numbers in the top margin of pages 2.. removed.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let pages = pdf_pages(&path);
    let mut text = String::new();
    for page in 1..=pages {
        let out = Command::new("pdftotext")
            .args([
                "-raw",
                "-enc",
                "UTF-8",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
            ])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext runs (poppler-utils installed)");
        assert!(out.status.success(), "pdftotext failed");
        let page_text = String::from_utf8(out.stdout).unwrap();
        let mut lines: Vec<&str> = page_text.lines().collect();
        if page > 1 {
            let first = lines.iter().position(|l| !l.trim().is_empty());
            if let Some(i) = first {
                assert_eq!(
                    lines[i].trim(),
                    page.to_string(),
                    "page {page} starts with its number"
                );
                lines.remove(i);
            }
        }
        text.push_str(&lines.join("\n"));
        text.push('\n');
    }
    text.replace('\u{c}', "\n").nfc().collect()
}

pub fn pdf_pages(path: &Path) -> u32 {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// The fonts a PDF uses, with whether each is embedded (`pdffonts`).
pub fn pdf_fonts(pdf: &[u8]) -> Vec<(String, bool)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            (cols[0].to_string(), n >= 5 && cols[n - 5] == "yes")
        })
        .collect()
}

/// A part of a DOCX package, as text.
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("DOCX is a ZIP");
    let mut part = zip.by_name(name).expect("part exists");
    let mut s = String::new();
    part.read_to_string(&mut s).unwrap();
    s
}

/// The text of `word/document.xml`, one line per paragraph, read with a real
/// XML parser (which also proves the XML well-formed).
pub fn docx_text(docx: &[u8]) -> String {
    use quick_xml::events::Event;
    let xml = docx_part(docx, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().expect("document.xml is well-formed") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => out.push('\n'),
            Event::Text(t) if in_t => out.push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Compares the PDF's and the DOCX's words in order. A word the PDF split at a
/// line end (after "-" or "/", where lines may break) is joined back first.
pub fn assert_same_words(pdf: &str, docx: &str) {
    let p = words(pdf);
    let d = words(docx);
    let (mut i, mut j) = (0, 0);
    while i < p.len() && j < d.len() {
        if p[i] == d[j] {
            i += 1;
            j += 1;
            continue;
        }
        // A table header the PDF repeats after a page break (the DOCX holds it
        // once; Word repeats it when printing): skip the repetition. Tables
        // start with "TT", so the repeated run is matched against the last
        // "TT" seen in the DOCX.
        if p[i] == "TT"
            && let Some(h) = d[..j].iter().rposition(|w| w == "TT")
        {
            let run = p[i..]
                .iter()
                .zip(&d[h..j])
                .take_while(|(a, b)| a == b)
                .count();
            if run >= 2 {
                i += run;
                continue;
            }
        }
        // Join PDF pieces while they remain a prefix of the DOCX word.
        let mut joined = p[i].clone();
        let mut k = i + 1;
        while joined.len() < d[j].len() && d[j].starts_with(&joined) && k < p.len() {
            joined.push_str(&p[k]);
            k += 1;
        }
        assert_eq!(
            joined,
            d[j],
            "PDF and DOCX differ at PDF word {i} / DOCX word {j}\nPDF:  {:?}\nDOCX: {:?}",
            &p[i.saturating_sub(5)..(i + 5).min(p.len())],
            &d[j.saturating_sub(5)..(j + 5).min(d.len())]
        );
        i = k;
        j += 1;
    }
    assert_eq!(
        (i, j),
        (p.len(), d.len()),
        "one document has words the other lacks:\nPDF rest: {:?}\nDOCX rest: {:?}",
        &p[i..],
        &d[j..]
    );
}

/// Text with all white space removed, for checking a string came through
/// verbatim wherever lines happened to break.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Converts a DOCX to PDF with LibreOffice headless; returns the PDF.
pub fn libreoffice_to_pdf(docx: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doc.docx");
    std::fs::write(&input, docx).unwrap();
    let out = soffice(dir.path())
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("LibreOffice runs (libreoffice-writer-nogui installed)");
    let pdf = dir.path().join("doc.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice could not convert the DOCX: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(pdf).unwrap()
}

/// LibreOffice with a profile of its own in `dir` and only the shipped
/// fonts, Times New Roman (which the DOCX names) resolving to Dangvu Serif
/// (the PDF's font, with Times' advance widths). Left to the machine's fonts,
/// LibreOffice set the DOCX in whatever serif fontconfig offered (DejaVu Serif
/// here: wider, so other line and page breaks than the PDF's, and different
/// ones again wherever another font was installed).
fn soffice(dir: &Path) -> Command {
    let conf = dir.join("fonts.conf");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    std::fs::write(
        &conf,
        format!(
            concat!(
                r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>"#,
                "<dir>{}</dir><cachedir>{}</cachedir>",
                r#"<match target="pattern"><test name="family"><string>Times New Roman</string></test>"#,
                r#"<edit name="family" mode="assign" binding="same"><string>Dangvu Serif</string></edit></match>"#,
                "</fontconfig>"
            ),
            fonts.display(),
            dir.join("fontconfig-cache").display()
        ),
    )
    .unwrap();
    let program = if Path::new("/usr/bin/soffice").exists() {
        "/usr/bin/soffice"
    } else {
        "libreoffice"
    };
    let mut command = Command::new(program);
    command.env("FONTCONFIG_FILE", &conf).arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ));
    command
}

/// A copy of the built-in forms folder (templates, layout library) to edit.
pub fn copy_of_forms() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("forms"),
        dir.path(),
    );
    dir
}

/// Every string leaf of a JSON value with its path (`a.b[0].c`).
pub fn string_paths(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(_) => out.push(path),
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x, p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), &mut out);
    out
}

/// Sets the string at `path` (as produced by [`string_paths`]).
pub fn set_path(v: &mut serde_json::Value, path: &str, value: &str) {
    let mut cur = v;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        cur = &mut cur[key];
        for idx in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = &mut cur[idx.parse::<usize>().unwrap()];
        }
    }
    *cur = serde_json::Value::String(value.to_string());
}

/// Strings that try to break out of the data: Typst and XML syntax, length,
/// decomposed Vietnamese, emoji.
pub fn hostile_strings() -> Vec<(&'static str, String)> {
    vec![
        ("typst", r#"#set page(width: 1cm) *đậm* _nghiêng_ $x^2$ [a] \ // chú thích @ref <nhan> `raw` = Tiêu đề"#.to_string()),
        ("typst-code", r#"#{panic("x")} #import "/etc/passwd": * #read("/data/view.json")"#.to_string()),
        ("xml", r#"</w:t></w:r><w:p>&amp; <![CDATA[x]]> <!-- c --> "quote" 'apos' & < >"#.to_string()),
        ("nfd", "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng Nhung".to_string()),
        ("emoji", "Lê Văn Hùng 😀".to_string()),
        ("rtl-override", "Lê\u{202E}Văn".to_string()),
        ("long", "Nguyễn Văn Hòa ".repeat(40).trim().to_string()),
        ("huge", "x".repeat(100_000)),
        ("newline", "dòng một\ndòng hai".to_string()),
    ]
}

/// Deep-merges `patch` into `base` (objects by key, arrays by index).
pub fn merge(base: &mut serde_json::Value, patch: &serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (serde_json::Value::Array(b), serde_json::Value::Array(p)) => {
            for (i, v) in p.iter().enumerate() {
                merge(&mut b[i], v);
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// Converts several DOCX files with one LibreOffice start; returns each PDF.
pub fn libreoffice_to_pdfs(docs: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for (name, bytes) in docs {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
        inputs.push(path);
    }
    let out = soffice(dir.path())
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .args(&inputs)
        .output()
        .expect("LibreOffice runs (libreoffice-writer-nogui installed)");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    docs.iter()
        .map(|(name, _)| {
            let pdf = dir.path().join(format!("{name}.pdf"));
            let bytes = std::fs::read(&pdf).unwrap_or_else(|_| {
                panic!(
                    "LibreOffice could not convert {name}.docx: {}",
                    String::from_utf8_lossy(&out.stderr)
                )
            });
            (name.clone(), bytes)
        })
        .collect()
}

/// pdftotext in content order, for PDFs not made by dangvu.
pub fn pdf_text_plain(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().nfc().collect()
}

pub mod register;

/// The PDF text of a case, squeezed (white space folded), for `contains`.
pub fn text_of(form: &str, case: &serde_json::Value) -> String {
    let pdf = render(form, case, Format::Pdf).unwrap_or_else(|e| panic!("{form}: {e}"));
    squeeze(&pdf_text(&pdf))
}

/// Asserts that squeezed PDF text holds `needle` (squeezed the same way).
pub fn has(flat: &str, needle: &str) {
    assert!(
        flat.contains(&squeeze(needle)),
        "PDF lacks {needle:?}\n{flat}"
    );
}

/// Asserts that the form refuses the case with a problem on `field` whose
/// message says `words`.
pub fn refused(form: &str, case: &serde_json::Value, field: &str, words: &str) {
    match render(form, case, Format::Pdf) {
        Err(dangvu::Error::Invalid(problems)) => assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.message.contains(words)),
            "{form}: expected a problem on {field} with {words:?}, got {problems:?}"
        ),
        other => panic!(
            "{form}: {field}: expected refusal, got {:?}",
            other.map(|b| b.len())
        ),
    }
}
