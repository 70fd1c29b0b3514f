//! The three pages (home, a form, the quarterly pack) and the page for an
//! address that leads nowhere, from tera templates compiled into the binary.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::value::RawValue;
use tera::{Context, Tera};

use super::WebState;
use super::assets::Assets;
use super::catalog;
use crate::forms::catalog::Form;

const TEMPLATES: [(&str, &str); 7] = [
    ("khung.html", include_str!("templates/khung.html")),
    ("ho-so.html", include_str!("templates/ho-so.html")),
    ("trang-chu.html", include_str!("templates/trang-chu.html")),
    ("bieu-mau.html", include_str!("templates/bieu-mau.html")),
    ("bo-bao-cao.html", include_str!("templates/bo-bao-cao.html")),
    ("khong-thay.html", include_str!("templates/khong-thay.html")),
    ("so-van-ban.html", include_str!("templates/so-van-ban.html")),
];

/// The compiled templates and what every page links to.
pub struct Pages {
    tera: Tera,
    links: Links,
}

/// Addresses of the assets, for every page.
#[derive(Serialize)]
struct Links {
    css: String,
    icon: String,
    common_js: String,
    builder_js: String,
    form_js: String,
    pack_js: String,
    register_js: String,
}

impl Pages {
    pub fn new(assets: &Assets) -> Self {
        let mut tera = Tera::new();
        // The templates are part of the program: one that does not compile is
        // a bug caught by every test that starts the service.
        tera.add_raw_templates(TEMPLATES)
            .expect("web templates compile");
        Self {
            tera,
            links: Links {
                css: assets.url("trang.css"),
                icon: assets.url("bieu-tuong.svg"),
                common_js: assets.url("chung.js"),
                builder_js: assets.url("mau-nhap.js"),
                form_js: assets.url("bieu-mau.js"),
                pack_js: assets.url("bo-bao-cao.js"),
                register_js: assets.url("so-van-ban.js"),
            },
        }
    }

    fn render(&self, template: &str, data: &impl Serialize) -> Response {
        let mut context = Context::new();
        context.insert("links", &self.links);
        context.insert("page", data);
        match self.tera.render(template, &context) {
            Ok(html) => html_response(StatusCode::OK, html),
            Err(e) => {
                tracing::error!(template, error = %e, "web template failed");
                html_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "<!doctype html><html lang=\"vi\"><title>Lỗi</title><p>Có lỗi trong chương trình. \
                     Xin thử lại sau.</p></html>"
                        .to_string(),
                )
            }
        }
    }
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // Pages are small and change with the program: always ask again.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[derive(Serialize)]
struct HomeGroup {
    title: &'static str,
    forms: Vec<HomeForm>,
}

#[derive(Serialize)]
struct HomeForm {
    id: String,
    title: String,
    usage: Option<&'static str>,
    thumbnail: Option<String>,
}

pub async fn home(State(web): State<Arc<WebState>>) -> Response {
    let renderer = &web.renderer;
    let mut groups: Vec<HomeGroup> = catalog::GROUPS
        .iter()
        .map(|g| HomeGroup {
            title: g.title,
            forms: Vec::new(),
        })
        .collect();
    let mut other = HomeGroup {
        title: catalog::OTHER_GROUP,
        forms: Vec::new(),
    };
    let mut forms: Vec<&Form> = renderer.catalog().iter().collect();
    forms.sort_by_key(|f| (catalog::rank(&f.id), f.id.clone()));
    for form in forms {
        let entry = HomeForm {
            id: form.id.clone(),
            title: form.meta.title.clone(),
            usage: catalog::usage(&form.id),
            thumbnail: web
                .thumbs
                .has(&form.id)
                .then(|| format!("/anh-mau/{}.png", form.id)),
        };
        match catalog::GROUPS
            .iter()
            .position(|g| g.category == form.meta.category)
        {
            Some(i) => groups[i].forms.push(entry),
            None => other.forms.push(entry),
        }
    }
    groups.push(other);
    groups.retain(|g| !g.forms.is_empty());
    web.pages.render("trang-chu.html", &groups)
}

/// What the form page's script needs, embedded in the page as data.
#[derive(Serialize)]
struct FormData<'a> {
    id: &'a str,
    title: &'a str,
    schema: serde_json::Value,
    /// The example as its file writes it: the input form follows its order
    /// (a `Value` would sort the keys).
    example: Option<Box<RawValue>>,
    next: Vec<NextForm>,
    /// The source of a move that is the number as printed ("08-NQ/CB").
    printed_number: &'static str,
}

#[derive(Serialize)]
struct NextForm {
    id: String,
    title: String,
    /// The top-level parts of this case the next form must not take (its
    /// issuer's, when another body issues it).
    leaves: &'static [&'static str],
    /// Parts copied under the next form's names first (`[from, to]`).
    moves: &'static [catalog::Move],
}

#[derive(Serialize)]
struct FormPage<'a> {
    id: &'a str,
    title: &'a str,
    usage: Option<&'static str>,
    next: &'a [NextForm],
    /// Whether the page offers to issue the document with the register's
    /// next number (the service keeps a register, the form has a number).
    issuable: bool,
    /// `FormData` as JSON, safe inside `<script type="application/json">`.
    data: String,
}

pub async fn form(State(web): State<Arc<WebState>>, Path(id): Path<String>) -> Response {
    let renderer = &web.renderer;
    let Ok(form) = renderer.form(&id) else {
        return not_found(&web);
    };
    let next: Vec<NextForm> = catalog::next(&form.id)
        .iter()
        .filter_map(|n| Some((renderer.form(n.form).ok()?, n)))
        .map(|(f, n): (&Form, _)| NextForm {
            id: f.id.clone(),
            title: f.meta.title.clone(),
            leaves: n.leaves(),
            moves: n.moves,
        })
        .collect();
    let data = FormData {
        id: &form.id,
        title: &form.meta.title,
        schema: form.model.schema(),
        example: form
            .example
            .as_deref()
            .and_then(|e| std::str::from_utf8(e).ok())
            .and_then(|e| RawValue::from_string(e.to_string()).ok()),
        next,
        printed_number: catalog::PRINTED_NUMBER,
    };
    let page = FormPage {
        id: &form.id,
        title: &form.meta.title,
        usage: catalog::usage(&form.id),
        next: &data.next,
        issuable: web.register && crate::register::issuable(renderer, &form.id),
        data: script_json(&data),
    };
    web.pages.render("bieu-mau.html", &page)
}

#[derive(Serialize)]
struct PackData {
    schema: serde_json::Value,
    example: serde_json::Value,
}

#[derive(Serialize)]
struct PackPage {
    title: &'static str,
    data: String,
}

pub async fn pack(State(web): State<Arc<WebState>>) -> Response {
    let schema =
        serde_json::to_value(schemars::schema_for!(crate::pack::Committee)).unwrap_or_default();
    // A small committee to show how the page is filled; the rosters are the
    // office's own files, so the example leaves them to be chosen.
    let mut example = crate::demo::committee(2, 24, 1);
    if let Some(branches) = example
        .get_mut("chi_bo")
        .and_then(serde_json::Value::as_array_mut)
    {
        for branch in branches {
            if let Some(b) = branch.as_object_mut() {
                b.remove("danh_sach");
            }
        }
    }
    let page = PackPage {
        title: "Bộ báo cáo quý",
        data: script_json(&PackData { schema, example }),
    };
    web.pages.render("bo-bao-cao.html", &page)
}

/// A script, style sheet or picture of the pages, under its hashed name:
/// cached for good, since a changed file gets a new name.
pub async fn asset(State(web): State<Arc<WebState>>, Path(file): Path<String>) -> Response {
    let Some(asset) = web.assets.find(&file) else {
        return not_found(&web);
    };
    let mut response = asset.body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.media));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    *response.status_mut() = StatusCode::OK;
    response
}

pub fn not_found(web: &WebState) -> Response {
    let mut response = web.pages.render("khong-thay.html", &());
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// JSON that cannot end the `<script>` element it sits in.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The pack page is built from the committee's schema: every input it
    /// shows needs a Vietnamese label.
    #[test]
    fn every_committee_property_has_a_title() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::pack::Committee)).unwrap();
        let defs = schema["$defs"].as_object().cloned().unwrap_or_default();
        let mut missing = Vec::new();
        let mut seen = Vec::new();
        walk(&schema, &defs, "", &mut missing, &mut seen);
        assert!(
            missing.is_empty(),
            "properties without a title: {missing:?}"
        );
    }

    fn walk(
        s: &Value,
        defs: &serde_json::Map<String, Value>,
        path: &str,
        missing: &mut Vec<String>,
        seen: &mut Vec<String>,
    ) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/").to_string();
            if !seen.contains(&name) {
                seen.push(name.clone());
                if let Some(d) = defs.get(&name) {
                    walk(d, defs, path, missing, seen);
                }
            }
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let titled = p.get("title").is_some()
                    || p.get("$ref")
                        .and_then(Value::as_str)
                        .and_then(|r| defs.get(r.trim_start_matches("#/$defs/")))
                        .is_some_and(|d| d.get("title").is_some());
                if !titled {
                    missing.push(format!("{path}.{k}"));
                }
                walk(p, defs, &format!("{path}.{k}"), missing, seen);
            }
        }
        for key in ["items", "anyOf", "oneOf", "allOf"] {
            match s.get(key) {
                Some(Value::Array(alts)) => {
                    for a in alts {
                        walk(a, defs, path, missing, seen);
                    }
                }
                Some(v @ Value::Object(_)) => walk(v, defs, &format!("{path}[]"), missing, seen),
                _ => {}
            }
        }
    }
}

/// A kind of document for the register page's filter.
#[derive(Serialize)]
struct KindOption {
    code: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct RegisterPage {
    kinds: Vec<KindOption>,
}

/// The register page (sổ văn bản đi): the list comes from `/v1/register`.
pub async fn register(State(web): State<Arc<WebState>>) -> Response {
    if !web.register {
        return not_found(&web);
    }
    let kinds = [
        ("NQ", "Nghị quyết"),
        ("QĐ", "Quyết định"),
        ("BC", "Báo cáo"),
        ("KH", "Kế hoạch"),
        ("TB", "Thông báo"),
        ("BB", "Biên bản"),
        ("CV", "Công văn"),
        ("GGT", "Giấy giới thiệu"),
        ("PB", "Phiếu báo"),
    ]
    .into_iter()
    .map(|(code, name)| KindOption { code, name })
    .collect();
    web.pages.render("so-van-ban.html", &RegisterPage { kinds })
}
