//! The test set every form passes, run over the whole catalogue: a new form
//! folder is covered the moment it exists.

mod common;
#[path = "forms/view_paths.rs"]
mod view_paths;

use common::*;
use dangvu::{Error, Format};
use unicode_normalization::UnicodeNormalization;

fn form_ids() -> Vec<String> {
    renderer().catalog().iter().map(|f| f.id.clone()).collect()
}

#[test]
fn every_form_has_a_current_schema_and_an_example() {
    for id in form_ids() {
        let form = renderer().form(&id).unwrap();
        assert!(form.example.is_some(), "{id}: no example.json");
        let path = format!("{}/forms/{id}/schema.json", env!("CARGO_MANIFEST_DIR"));
        let on_disk: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|_| panic!("{id}: schema.json missing or not JSON; run `dangvu schema {id} > forms/{id}/schema.json`"));
        assert_eq!(
            on_disk,
            form.model.schema(),
            "{id}: schema.json is stale; run `dangvu schema {id} > forms/{id}/schema.json`"
        );
        let path = format!("{}/forms/{id}/view.schema.json", env!("CARGO_MANIFEST_DIR"));
        let on_disk: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|_| panic!("{id}: view.schema.json missing or not JSON; run `dangvu schema {id} --view > forms/{id}/view.schema.json`"));
        assert_eq!(
            on_disk,
            form.model.view_schema(),
            "{id}: view.schema.json is stale; run `dangvu schema {id} --view > forms/{id}/view.schema.json`"
        );
    }
}

fn template(id: &str) -> String {
    let path = format!("{}/forms/{id}/template.typ", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `v.…` path a template reads (through its aliases and loop
/// variables) is in the view schema, and every closed set it branches on is
/// compared with one of its values.
#[test]
fn every_template_reads_only_what_its_view_has() {
    let mut problems = Vec::new();
    for id in form_ids() {
        let schema = renderer().form(&id).unwrap().model.view_schema();
        let report = view_paths::check(&template(&id), &schema);
        println!("{id}: {} paths into the view", report.checked);
        assert!(
            report.checked >= 10,
            "{id}: only {} paths read: is the scanner lost?",
            report.checked
        );
        for (line, problem) in report.found {
            problems.push(format!("forms/{id}/template.typ:{line}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check above fails on a typo in each way a template reaches the view:
/// directly, through an alias, a loop variable, a `map` parameter, a
/// flattened tagged enum, and a closed set compared with a wrong value.
#[test]
fn a_template_typo_is_caught() {
    let cases = [
        (
            "nghi-quyet-mien-sinh-hoat",
            "#v.applied",
            "#v.aplied",
            "aplied",
        ),
        ("nghi-quyet-mien-sinh-hoat", "#m.date,", "#m.dat,", "dat"),
        (
            "nghi-quyet-mien-sinh-hoat",
            "#v.vote.min-yes",
            "#v.vote.min-ye",
            "min-ye",
        ),
        (
            "nghi-quyet-dua-vao-dien-giup-do",
            "#p.percent",
            "#p.percnt",
            "percnt",
        ),
        ("nghi-quyet-dua-vao-dien-giup-do", "(r.no,", "(r.nr,", "nr"),
        (
            "ban-tu-kiem-diem",
            "b.violations",
            "b.violation",
            "violation",
        ),
        (
            "ban-tu-kiem-diem",
            "\"sau-giup-do\"",
            "\"sau-giup-đo\"",
            "sau-giup-đo",
        ),
        (
            "bao-cao-tu-kiem-tra",
            "item.assessment",
            "item.assesment",
            "assesment",
        ),
        (
            "bien-ban-kiem-phieu",
            "v.committee-signers",
            "v.committee-signer",
            "committee-signer",
        ),
    ];
    for (id, good, bad, named) in cases {
        let text = template(id);
        assert!(
            text.contains(good),
            "{id}: the template no longer reads {good}"
        );
        let schema = renderer().form(id).unwrap().model.view_schema();
        let found = view_paths::check(&text.replacen(good, bad, 1), &schema).found;
        assert!(
            found.len() == 1 && found[0].1.contains(named),
            "{id}: {bad} should be the one problem, found {found:?}"
        );
    }
}

#[test]
fn every_example_renders_with_the_same_words_in_pdf_and_docx() {
    for id in form_ids() {
        let case = example(&id);
        let pdf = render(&id, &case, Format::Pdf).unwrap_or_else(|e| panic!("{id}: {e}"));
        let docx = render(&id, &case, Format::Docx).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"));
        let fonts = pdf_fonts(&pdf);
        assert!(
            fonts.iter().all(|(_, embedded)| *embedded),
            "{id}: fonts not embedded: {fonts:?}"
        );
        assert_same_words(&pdf_text(&pdf), &docx_text(&docx));
    }
}

#[test]
fn every_example_renders_byte_identically_twice() {
    for id in form_ids() {
        let case = example(&id);
        for format in [Format::Pdf, Format::Docx] {
            let a = render(&id, &case, format).unwrap();
            let b = render(&id, &case, format).unwrap();
            assert!(a == b, "{id}: {format:?} differs between two renders");
        }
    }
}

#[test]
fn libreoffice_opens_every_docx() {
    let docs: Vec<(String, Vec<u8>)> = form_ids()
        .into_iter()
        .map(|id| {
            let d = render(&id, &example(&id), Format::Docx).unwrap();
            (id, d)
        })
        .collect();
    for (id, pdf) in libreoffice_to_pdfs(&docs) {
        let ours = render(&id, &example(&id), Format::Pdf).unwrap();
        // LibreOffice shows our text: every word of ours is in its text and
        // every word of its is in ours (its page breaks, and so its repeated
        // table headers and page numbers, are its own).
        let (theirs, ours) = (pdf_text_plain(&pdf), pdf_text(&ours));
        let (theirs_flat, ours_flat) = (squeeze(&theirs), squeeze(&ours));
        let lost: Vec<String> = words(&ours)
            .into_iter()
            .filter(|w| !theirs_flat.contains(w.as_str()))
            .collect();
        let gained: Vec<String> = words(&theirs)
            .into_iter()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !ours_flat.contains(w.as_str()))
            .collect();
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{id}: LibreOffice lost {lost:?}, gained {gained:?}"
        );
    }
}

#[test]
fn hostile_strings_render_verbatim_or_are_refused_by_field() {
    for id in form_ids() {
        let base = example(&id);
        let (mut rendered, mut refused) = (0, 0);
        for path in string_paths(&base) {
            for (label, hostile) in hostile_strings() {
                let mut case = base.clone();
                set_path(&mut case, &path, &hostile);
                match render(&id, &case, Format::Pdf) {
                    Ok(pdf) => {
                        // Verbatim after NFC; names the layout prints in capitals
                        // (issuing body, signer's title) may be upper-cased.
                        let nfc: String = hostile.nfc().collect();
                        let expected =
                            [squeeze(&nfc), squeeze(&dangvu::rules::format::upper(&nfc))];
                        let in_pdf = squeeze(&pdf_text(&pdf));
                        assert!(
                            expected.iter().any(|e| in_pdf.contains(e)),
                            "{id}: {label} at {path}: PDF lacks the string verbatim"
                        );
                        let docx = render(&id, &case, Format::Docx)
                            .expect("PDF rendered, so DOCX must too");
                        let in_docx = squeeze(&docx_text(&docx));
                        assert!(
                            expected.iter().any(|e| in_docx.contains(e)),
                            "{id}: {label} at {path}: DOCX lacks it"
                        );
                        rendered += 1;
                    }
                    Err(Error::Invalid(problems)) => {
                        assert!(
                            problems.iter().any(|p| p.field == path),
                            "{id}: {label} at {path}: refused without naming the field: {problems:?}"
                        );
                        assert!(matches!(
                            render(&id, &case, Format::Docx),
                            Err(Error::Invalid(_))
                        ));
                        refused += 1;
                    }
                    Err(other) => panic!("{id}: {label} at {path}: {other}"),
                }
            }
        }
        // Both outcomes occur: markup renders as text, emoji are refused.
        assert!(
            rendered > 0 && refused > 0,
            "{id}: rendered {rendered}, refused {refused}"
        );
    }
}

/// Whether a label reads as Vietnamese: it has a Vietnamese letter (or is
/// made of Vietnamese syllables only, like "Nam") and none of the English
/// words a developer's doc comment would leak.
fn is_vietnamese(text: &str) -> bool {
    const ENGLISH: &[&str] = &[
        "the", "of", "and", "or", "for", "is", "when", "with", "by", "from", "this", "that",
        "which", "must", "member", "members", "date", "name", "none", "required", "optional",
    ];
    let vietnamese_letter = text
        .chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii() && ('\u{c0}'..='\u{1ef9}').contains(&c));
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let syllables = !words.is_empty() && words.iter().all(|w| dangvu::legacy::is_syllable(w));
    (vietnamese_letter || syllables)
        && !words
            .iter()
            .any(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
}

/// Walks a schema: every property has a Vietnamese title, every title and
/// hint anywhere is Vietnamese, every closed vocabulary is a `oneOf` of
/// constants each with its Vietnamese label, every variant of a choice has a
/// title. Returns the paths that break a rule.
fn schema_problems(schema: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match schema {
        Value::Object(map) => {
            for key in ["title", "description"] {
                if let Some(text) = map.get(key) {
                    let ok = text.as_str().is_some_and(is_vietnamese);
                    if !ok {
                        out.push(format!("{path}: {key} {text} is not Vietnamese"));
                    }
                }
            }
            if let Some(Value::Array(values)) = map.get("enum") {
                out.push(format!(
                    "{path}: bare enum {values:?} (use oneOf of const with title)"
                ));
            }
            for choice in ["oneOf", "anyOf"] {
                for (i, branch) in map
                    .get(choice)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let labelled =
                        branch.get("const").is_some() || branch.get("properties").is_some();
                    if labelled && branch.get("title").is_none() {
                        out.push(format!(
                            "{path}/{choice}/{i}: a choice without a Vietnamese title"
                        ));
                    }
                }
            }
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    if property.get("title").is_none() {
                        out.push(format!("{path}/properties/{name}: no title"));
                    }
                }
            }
            for (key, value) in map {
                // A property's map holds field names, not keywords.
                if key == "properties" {
                    for (name, property) in value.as_object().into_iter().flatten() {
                        schema_problems(property, &format!("{path}/properties/{name}"), out);
                    }
                } else if key != "default" && key != "examples" {
                    schema_problems(value, &format!("{path}/{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                schema_problems(item, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_schema_speaks_vietnamese_to_a_clerk() {
    assert!(is_vietnamese("Số đảng viên có mặt"));
    assert!(!is_vietnamese("Date of issue."));
    assert!(!is_vietnamese(
        "Exempted from party work (miễn sinh hoạt đảng)."
    ));
    assert!(!is_vietnamese("Case"));
    assert!(is_vietnamese("Nam"));
    let mut problems = Vec::new();
    for id in form_ids() {
        let schema = renderer().form(&id).unwrap().model.schema();
        schema_problems(&schema, &id, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The walk fails on what it must catch.
    let mut caught = Vec::new();
    let bad = serde_json::json!({ "$defs": { "X": { "properties": {
        "a": { "type": "string" },
        "b": { "type": "string", "title": "Date", "enum": ["x", "y"] } } } } });
    schema_problems(&bad, "bad", &mut caught);
    assert_eq!(caught.len(), 3, "{caught:?}");
}

/// What the schema promises is what the checks enforce, for the limits JSON
/// Schema can state: paragraphs are multi-line, names are bounded, required
/// text is non-empty, dates keep their format.
#[test]
fn schemas_state_the_checks() {
    let schema = renderer()
        .form("nghi-quyet-dua-vao-dien-giup-do")
        .unwrap()
        .model
        .schema();
    let defs = &schema["$defs"];
    let name = &defs["DangVienBieuQuyet"]["properties"]["ho_ten"];
    assert_eq!(name["minLength"], 1);
    assert_eq!(name["maxLength"], dangvu::case::input::MAX_NAME_CHARS);
    assert_eq!(name["title"], "Họ và tên");
    let criterion = &defs["DangVienBieuQuyet"]["properties"]["tieu_chi"];
    assert_eq!(criterion["x-multiline"], true);
    assert_eq!(criterion["maxLength"], dangvu::case::input::MAX_CHARS);
    assert_eq!(defs["CuocHop"]["properties"]["ngay"]["format"], "date");
    assert_eq!(defs["LeTrang"]["properties"]["trai"]["minimum"], 30);
    let profiles = defs["Profile"]["oneOf"].as_array().unwrap();
    assert!(profiles.iter().any(|p| {
        p["const"] == "hd02-btctw-2021"
            && p["title"]
                .as_str()
                .unwrap()
                .starts_with("Hướng dẫn 02-HD/BTCTW")
    }));
    let report = renderer()
        .form("bao-cao-ra-soat-quy")
        .unwrap()
        .model
        .schema();
    let assessment = &report["properties"]["danh_gia"];
    assert_eq!(assessment["items"]["x-multiline"], true);
    assert_eq!(
        report["$defs"]["KyBaoCao"]["properties"]["quy"]["maximum"],
        4
    );
}
