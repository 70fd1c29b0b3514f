//! No function in `src/` is longer than [`LIMIT`] lines (brief: "a function over
//! ~100 lines is two functions"). Read as text: a function starts at a line whose
//! first word is `fn` (after `pub`, `pub(crate)`, `async`, `const`, `unsafe`) and
//! ends at the first later line that is its closing brace at the same indentation,
//! which is how `cargo fmt` lays every function out.

use std::path::{Path, PathBuf};

const LIMIT: usize = 100;

/// Table-driven tests: one function holding the table is the point.
const TABLES: &[&str] = &["src/rules/screening.rs::every_branch_of_both_profiles"];

#[test]
fn no_function_in_src_is_over_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (name, lines) in functions(&text) {
            if lines > LIMIT {
                long.push((format!("{rel}::{name}"), lines));
            }
        }
    }
    let unexpected: Vec<_> = long
        .iter()
        .filter(|(f, _)| !TABLES.contains(&f.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "functions over {LIMIT} lines (split each into functions with one job): {unexpected:?}"
    );
}

#[test]
fn the_reader_finds_functions_and_their_length() {
    let text = "fn a() {\n    x();\n}\n\nimpl T {\n    pub(crate) fn b(\n        y: u8,\n    ) -> u8 {\n        if y > 0 {\n            1\n        } else {\n            2\n        }\n    }\n    fn c(&self);\n    fn d() {}\n}\n";
    assert_eq!(
        functions(text),
        [
            ("a".to_string(), 3),
            ("b".to_string(), 9),
            ("d".to_string(), 1)
        ]
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each function with a body: its name and its length in lines.
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = &line[..line.len() - line.trim_start().len()];
        let closing = format!("{indent}}}");
        // The line that ends the signature: `;` for a declaration without a
        // body (`fn f(&self);` in a trait), `{` or `{}` for a function.
        let Some(sig) = lines[i..].iter().position(|l| {
            let l = l.trim_end();
            l.ends_with(';') || l.ends_with('{') || l.ends_with("{}")
        }) else {
            continue;
        };
        let sig_line = lines[i + sig].trim_end();
        if sig_line.ends_with(';') {
            continue;
        }
        if sig_line.ends_with("{}") {
            out.push((name, sig + 1));
            continue;
        }
        if let Some(end) = lines[i..].iter().position(|l| l.trim_end() == closing) {
            out.push((name, end + 1));
        }
    }
    out
}

fn fn_name(line: &str) -> Option<String> {
    let mut rest = line.trim_start();
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(rest[..end].to_string())
}
