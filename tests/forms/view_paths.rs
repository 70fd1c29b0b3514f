//! Reads a Typst template the way a template author writes it and checks
//! every path into the view (`v.meeting.date`) against the view's JSON
//! Schema, so a typo fails a test instead of a clerk's render.
//!
//! Followed: `let` aliases (`#let m = v.meeting`), loop variables
//! (`for p in v.rows`, `for (k, p) in v.rows.enumerate()`, `v.rows.map(r =>
//! …)`), and the string literals a path is compared with (`v.kind ==
//! "giup-do"`) when the schema closes the set. A name bound more than once
//! in a template may be any of its bindings. Method calls (`.len()`,
//! `.at(0)`) end a path.

use std::collections::BTreeMap;

use serde_json::Value;

/// A problem found: the 1-based line and what is wrong.
pub type Found = (usize, String);

/// What [`check`] saw: how many paths into the view it checked, and the
/// problems.
#[derive(Debug)]
pub struct Report {
    pub checked: usize,
    pub found: Vec<Found>,
}

/// Every path of `template` that `schema` does not have.
pub fn check(template: &str, schema: &Value) -> Report {
    let text = strip_comments(template);
    let chains = chains(&text);
    let mut bound: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    bound.insert("v".into(), vec![schema.clone()]);
    // Aliases may build on aliases: bind until nothing new appears.
    for _ in 0..4 {
        for b in bindings(&text, &chains) {
            let Some(roots) = bound.get(&b.chain.root) else {
                continue;
            };
            let Ok(at) = walk(schema, roots, &b.chain.fields) else {
                continue;
            };
            let target = if b.items { items(schema, &at) } else { at };
            if target.is_empty() {
                continue;
            }
            let slot = bound.entry(b.name).or_default();
            for t in target {
                if !slot.contains(&t) {
                    slot.push(t);
                }
            }
        }
    }
    let mut found = Vec::new();
    let mut checked = 0;
    for c in &chains {
        let Some(roots) = bound.get(&c.root) else {
            continue;
        };
        checked += 1;
        let path = format!("{}.{}", c.root, c.fields.join("."));
        match walk(schema, roots, &c.fields) {
            Err(missing) => found.push((
                c.line,
                format!("`{path}`: the view has no `{missing}` there"),
            )),
            Ok(at) => {
                if let Some(literal) = &c.compared_with {
                    let closed = closed_values(schema, &at);
                    if let Some(values) = closed
                        && !values.contains(literal)
                    {
                        found.push((
                            c.line,
                            format!(
                                "`{path}` is compared with \"{literal}\", not one of {values:?}"
                            ),
                        ));
                    }
                }
            }
        }
    }
    Report { checked, found }
}

/// A path as written: its root name, its fields (a method call ends it), the
/// string it is compared with, if any.
#[derive(Debug, Clone)]
struct Chain {
    root: String,
    fields: Vec<String>,
    /// The chain continued into a method call (`.enumerate()`, `.map(`).
    method: Option<String>,
    compared_with: Option<String>,
    line: usize,
    start: usize,
    end: usize,
}

struct Binding {
    name: String,
    chain: Chain,
    /// The name is bound to an item of the list, not the list.
    items: bool,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

/// Typst identifiers may hold any letter; a byte of a multi-byte letter
/// counts, so "đv.x" in running text is not read as a path of `v`.
fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80
}

/// `//` comments removed (a `//` after `:` is a URL, kept).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| {
            let bytes = line.as_bytes();
            let mut cut = line.len();
            for i in 0..bytes.len().saturating_sub(1) {
                if &bytes[i..i + 2] == b"//" && (i == 0 || bytes[i - 1] != b':') {
                    cut = i;
                    break;
                }
            }
            &line[..cut]
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An identifier at `i`, and where it ends.
fn ident_at(b: &[u8], i: usize) -> Option<(String, usize)> {
    if i >= b.len() || !is_ident_start(b[i]) {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && is_ident(b[j]) {
        j += 1;
    }
    // An identifier does not end with a hyphen ("#v.name-" is the name, then text).
    while b[j - 1] == b'-' {
        j -= 1;
    }
    Some((String::from_utf8_lossy(&b[i..j]).into_owned(), j))
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Every `name.field.field…` in the text.
fn chains(text: &str) -> Vec<Chain> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = is_ident_start(b[i]) && (i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let (root, mut j) = ident_at(b, i).expect("an identifier starts here");
        let mut fields = Vec::new();
        let mut method = None;
        while j < b.len() && b[j] == b'.' {
            let Some((field, k)) = ident_at(b, j + 1) else {
                break;
            };
            if b.get(k) == Some(&b'(') {
                method = Some(field);
                j = k;
                break;
            }
            fields.push(field);
            j = k;
        }
        if !fields.is_empty() {
            let k = skip_spaces(b, j);
            let compared_with = (b[k..].starts_with(b"==") || b[k..].starts_with(b"!="))
                .then(|| {
                    let q = skip_spaces(b, k + 2);
                    (b.get(q) == Some(&b'"')).then(|| {
                        let rest = &text[q + 1..];
                        rest[..rest.find('"').unwrap_or(0)].to_string()
                    })
                })
                .flatten();
            out.push(Chain {
                root,
                fields,
                method,
                compared_with,
                line: text[..i].matches('\n').count() + 1,
                start: i,
                end: j,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// `let NAME = chain`, `for NAME in chain`, `for (k, NAME) in
/// chain.enumerate()`, `chain.map(NAME =>`.
fn bindings(text: &str, chains: &[Chain]) -> Vec<Binding> {
    let mut out = Vec::new();
    for c in chains {
        let before = text[..c.start].trim_end();
        let whole = c.method.is_none();
        // let NAME = chain
        if let Some(rest) = before.strip_suffix('=')
            && whole
        {
            let rest = rest.trim_end();
            let name_start = rest
                .bytes()
                .rposition(|x| !is_ident(x))
                .map_or(0, |p| p + 1);
            let name = &rest[name_start..];
            if rest[..name_start].trim_end().ends_with("let") && !name.is_empty() {
                out.push(Binding {
                    name: name.to_string(),
                    chain: c.clone(),
                    items: false,
                });
            }
        }
        // for NAME in chain / for (k, NAME) in chain.enumerate()
        if let Some(rest) = before.strip_suffix(" in")
            && (whole || c.method.as_deref() == Some("enumerate"))
        {
            let head = rest.rsplit("for").next().unwrap_or("");
            let name = head
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .rsplit(',')
                .next()
                .unwrap_or("")
                .trim();
            if !name.is_empty() && name.bytes().all(is_ident) {
                out.push(Binding {
                    name: name.to_string(),
                    chain: c.clone(),
                    items: true,
                });
            }
        }
        // chain.map(NAME =>
        if c.method.as_deref() == Some("map") {
            let after = &text[c.end..];
            let inner = after.trim_start_matches('(');
            if let Some((name, _)) = inner.split_once("=>") {
                let name = name.trim();
                if !name.is_empty() && name.bytes().all(is_ident) {
                    out.push(Binding {
                        name: name.to_string(),
                        chain: c.clone(),
                        items: true,
                    });
                }
            }
        }
    }
    out
}

/// The schemas `s` stands for: itself, its `$ref`, and every branch of
/// `anyOf`/`oneOf`/`allOf`, recursively.
fn expand(root: &Value, s: &Value) -> Vec<Value> {
    let mut out = vec![s.clone()];
    if let Some(Value::String(r)) = s.get("$ref")
        && let Some(target) = r.strip_prefix('#').and_then(|p| root.pointer(p))
    {
        out.extend(expand(root, target));
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = s.get(key) {
            for branch in branches {
                out.extend(expand(root, branch));
            }
        }
    }
    out
}

/// A schema that says nothing about its value (`true`, `{}`): any path in
/// it is accepted.
fn is_open(s: &Value) -> bool {
    match s {
        Value::Bool(b) => *b,
        Value::Object(map) => ![
            "type",
            "properties",
            "$ref",
            "anyOf",
            "oneOf",
            "allOf",
            "items",
            "const",
            "enum",
        ]
        .iter()
        .any(|k| map.contains_key(*k)),
        _ => false,
    }
}

/// The schemas at `fields` below `roots`, or the first field not found.
fn walk(root: &Value, roots: &[Value], fields: &[String]) -> Result<Vec<Value>, String> {
    let mut at: Vec<Value> = roots.to_vec();
    for field in fields {
        let all: Vec<Value> = at.iter().flat_map(|s| expand(root, s)).collect();
        if all.iter().any(is_open) {
            return Ok(Vec::new());
        }
        let next: Vec<Value> = all
            .iter()
            .filter_map(|s| s.get("properties").and_then(|p| p.get(field)).cloned())
            .collect();
        if next.is_empty() {
            return Err(field.clone());
        }
        at = next;
    }
    Ok(at)
}

/// The item schemas of the lists in `at`.
fn items(root: &Value, at: &[Value]) -> Vec<Value> {
    at.iter()
        .flat_map(|s| expand(root, s))
        .filter_map(|s| s.get("items").cloned())
        .collect()
}

/// The strings a value at `at` can take, when every alternative is a
/// closed set (`const`/`enum`); `None` when any is open.
fn closed_values(root: &Value, at: &[Value]) -> Option<Vec<String>> {
    let mut values = Vec::new();
    let mut closed = false;
    for s in at.iter().flat_map(|s| expand(root, s)) {
        if let Some(Value::String(c)) = s.get("const") {
            values.push(c.clone());
            closed = true;
        } else if let Some(Value::Array(e)) = s.get("enum") {
            values.extend(e.iter().filter_map(|x| x.as_str().map(str::to_string)));
            closed = true;
        } else if s.get("type").is_some() && s.get("$ref").is_none() {
            return None;
        }
    }
    closed.then_some(values)
}
