//! Thin handlers: check the request, hand the work to the library, shape the
//! answer. Every failure is an [`ApiError`].

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::error::ApiError;
use super::extract::{JsonRequest, json_body};
use super::middleware::{LoggedForm, observe, require_token};
use super::state::AppState;
use crate::Format;
use crate::error::Problem;
use crate::legacy::{self, Converted};
use crate::rules::vote::{self, Ballot, Profile};

/// A form in the catalogue.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FormSummary {
    /// Form id, used in the URLs.
    pub id: String,
    /// Vietnamese title, as clerks know the form.
    pub title: String,
    /// Kind of document: `nghi-quyet`, `bien-ban`, …
    pub category: String,
    /// The formats the form renders to.
    pub formats: Vec<String>,
}

/// A form with what a client needs to fill it in.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FormDetail {
    #[serde(flatten)]
    pub summary: FormSummary,
    /// JSON Schema (2020-12) of the case data the form accepts.
    pub schema: serde_json::Value,
    /// A realistic example case.
    pub example: Option<serde_json::Value>,
}

/// One ballot to decide.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    /// The regulation that decides the threshold.
    pub profile: Profile,
    /// Which ballot of the screening workflow.
    pub ballot: Ballot,
    /// The denominator: voters the regulation counts (at least one).
    #[schemars(range(min = 1))]
    pub base: u32,
    /// Yes votes (at most `base`: a larger count is refused with 422).
    pub yes: u32,
}

/// The decision: the same shape as `dangvu vote` prints.
pub type VoteResponse = vote::Decision;

/// Liveness.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Health {
    /// Always `ok`.
    pub status: &'static str,
    /// The dangvu version.
    pub version: &'static str,
}

pub fn router(state: Arc<AppState>) -> Router {
    let v1 = Router::new()
        .route("/v1/forms", get(list_forms))
        .route("/v1/forms/{id}", get(form_detail))
        .route("/v1/forms/{id}/render", post(render))
        .route("/v1/forms/{id}/check", post(check))
        .route("/v1/vote", post(vote))
        .merge(super::register::routes())
        .route(
            "/v1/packs/quarterly",
            post(pack).layer(DefaultBodyLimit::max(state.max_pack_body)),
        )
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .merge(crate::web::router(
            Arc::clone(state.pool.renderer()),
            state.register.is_some(),
        ))
        .merge(v1)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(state.max_body))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), observe))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

async fn openapi(State(state): State<Arc<AppState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.openapi.clone(),
    )
        .into_response()
}

fn summary(form: &crate::forms::catalog::Form) -> FormSummary {
    let info = form.info();
    FormSummary {
        id: info.id,
        title: info.title,
        category: info.category,
        formats: info.formats.iter().map(|f| f.to_string()).collect(),
    }
}

async fn list_forms(State(state): State<Arc<AppState>>) -> Json<Vec<FormSummary>> {
    Json(
        state
            .pool
            .renderer()
            .catalog()
            .iter()
            .map(summary)
            .collect(),
    )
}

async fn form_detail(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<FormDetail>, ApiError> {
    let form = state.pool.renderer().form(&id)?;
    let example = form
        .example
        .as_deref()
        .and_then(|e| serde_json::from_slice(e).ok());
    Ok(Json(FormDetail {
        summary: summary(form),
        schema: form.model.schema(),
        example,
    }))
}

async fn render(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    request: JsonRequest,
) -> Response {
    let known = state.pool.renderer().form(&id).ok().map(|f| f.id.clone());
    let mut response = match render_inner(&state, &id, request).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    };
    if let Some(form) = known {
        response.extensions_mut().insert(LoggedForm(form));
    }
    response
}

async fn render_inner(
    state: &Arc<AppState>,
    id: &str,
    request: JsonRequest,
) -> Result<Response, ApiError> {
    let form = state.pool.renderer().form(id)?;
    let format = negotiate(request.uri.query(), &request.headers)?;
    let page = page(request.uri.query())?;
    let options = request.options()?;
    let (body, converted) = request.json(state.max_body)?;
    let body = Bytes::from(body);
    let (rendered, pages) = if format == Format::Png {
        let preview = state.pool.preview(&form.id, body, page).await?;
        (preview.rendered, Some(preview.pages))
    } else {
        (
            state.pool.render(&form.id, body, format, options).await?,
            None,
        )
    };
    let disposition = format!("attachment; filename=\"{}\"", rendered.file_name);
    let mut response = rendered.bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Some(pages) = pages {
        h.insert(PAGE_COUNT, HeaderValue::from(pages));
    }
    legacy_header(h, &converted);
    Ok(response)
}

/// The header that names the fields converted from a legacy encoding.
pub const LEGACY_TEXT_CONVERTED: &str = "legacy-text-converted";

fn legacy_header(headers: &mut HeaderMap, converted: &[Converted]) {
    if converted.is_empty() {
        return;
    }
    if let Ok(v) = HeaderValue::from_str(&legacy::header_value(converted)) {
        headers.insert(LEGACY_TEXT_CONVERTED, v);
    }
}

/// What `POST /v1/forms/{id}/check` answers: whether the case would render,
/// the problems if not, and the fields converted from a legacy encoding
/// (with their Unicode text, so a form can show it in place of the paste).
#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckResponse {
    /// True when the case renders as it is (after the conversions).
    pub valid: bool,
    /// Every problem found, field path first; empty when valid.
    pub errors: Vec<Problem>,
    /// Fields that arrived in TCVN3 or VNI and were converted.
    pub converted: Vec<Converted>,
    /// The document's number as it prints it ("08-NQ/CB"), when valid: what
    /// another paper cites it by (the form page's "Lập tiếp" carries it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
}

async fn check(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    request: JsonRequest,
) -> Result<Json<CheckResponse>, ApiError> {
    let form = state.pool.renderer().form(&id)?.id.clone();
    let body = request.body(state.max_body)?;
    if !body.trim_ascii_start().starts_with(b"{") {
        return Err(ApiError::BadRequest(
            "cần một đối tượng JSON: hồ sơ đang điền".to_string(),
        ));
    }
    let (body, converted) = legacy::convert_json(&body);
    let (errors, doc_number) = match state.pool.check(&form, body).await? {
        Ok(number) => (Vec::new(), Some(number)),
        Err(errors) => (errors, None),
    };
    Ok(Json(CheckResponse {
        valid: errors.is_empty(),
        errors,
        converted,
        doc_number,
    }))
}

/// The header of a PNG answer that says how many pages the document has.
pub const PAGE_COUNT: &str = "page-count";

/// The page a PNG preview shows, from `?page=` (1-based; 1 when absent).
fn page(query: Option<&str>) -> Result<usize, ApiError> {
    for pair in query.unwrap_or_default().split('&') {
        if let Some(value) = pair.strip_prefix("page=") {
            return value
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| {
                    ApiError::BadRequest("tham số page phải là số trang, từ 1 trở lên".to_string())
                });
        }
    }
    Ok(1)
}

/// The quarterly pack as a ZIP: the committee as a JSON body (rosters
/// inline: the service reads no paths), or as `multipart/form-data` with the
/// roster files the committee names uploaded beside it.
async fn pack(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, ApiError> {
    let (committee, files) = if is_multipart(&headers) {
        let form = Multipart::from_request(request, &()).await.map_err(|_| {
            ApiError::BadRequest("không đọc được biểu mẫu tải lên (thiếu boundary)".into())
        })?;
        pack_upload(form, state.max_pack_body).await?
    } else {
        let body = Bytes::from_request(request, &()).await;
        (
            json_body(&headers, body, state.max_pack_body)?,
            BTreeMap::new(),
        )
    };
    let (committee, converted) = converted(committee);
    let zip = state.pool.pack(committee, files).await?;
    let zip_headers = [
        (header::CONTENT_TYPE, "application/zip"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"bo-bao-cao-quy.zip\"",
        ),
    ];
    let mut response = (zip_headers, super::file_body::body(zip.file)).into_response();
    let h = response.headers_mut();
    legacy_header(h, &converted);
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(zip.len));
    Ok(response)
}

/// The body with legacy-encoded text converted, and what was converted; the
/// body as sent is dropped here, not held while the pack renders.
fn converted(body: Bytes) -> (Bytes, Vec<Converted>) {
    let (body, converted) = legacy::convert_json(&body);
    (body.into(), converted)
}

/// The name of the upload's part that holds the committee JSON.
pub const COMMITTEE_PART: &str = "committee";

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Reads a pack upload: the `committee` part (JSON) and the roster files,
/// keyed by their file names (what a branch's `danh_sach` names).
async fn pack_upload(
    mut form: Multipart,
    limit: usize,
) -> Result<(Bytes, BTreeMap<String, Vec<u8>>), ApiError> {
    let failed = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(limit)
        } else {
            ApiError::BadRequest(
                "không đọc được biểu mẫu tải lên (multipart/form-data hỏng)".into(),
            )
        }
    };
    let mut committee = None;
    let mut files = BTreeMap::new();
    while let Some(field) = form.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(failed)?;
        match (name.as_str(), file_name) {
            (COMMITTEE_PART, _) => {
                if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
                    return Err(ApiError::BadRequest(format!(
                        "phần committee không phải JSON đọc được (dòng {}, cột {})",
                        e.line(),
                        e.column()
                    )));
                }
                committee = Some(bytes);
            }
            (_, Some(file)) if !file.is_empty() => {
                // The committee's text is NFC once read; so are the names.
                let file: String = file.nfc().collect();
                if files.insert(file.clone(), bytes.to_vec()).is_some() {
                    return Err(ApiError::Invalid(vec![Problem::new(
                        "danh_sach",
                        format!(
                            "tệp \"{file}\" được tải lên hai lần: mỗi tệp danh sách cần một tên riêng"
                        ),
                    )]));
                }
            }
            _ => {
                return Err(ApiError::BadRequest(format!(
                    "phần \"{name}\" không phải tệp danh sách cũng không phải committee"
                )));
            }
        }
    }
    let committee = committee.ok_or_else(|| {
        ApiError::BadRequest("thiếu phần committee (dữ liệu đảng ủy)".to_string())
    })?;
    Ok((committee, files))
}

async fn vote(
    State(state): State<Arc<AppState>>,
    request: JsonRequest,
) -> Result<Json<VoteResponse>, ApiError> {
    let body = request.body(state.max_body)?;
    // The same decoding as case data: field paths and Vietnamese messages.
    let req: VoteRequest = crate::case::input::decode(&body, &|_| true)?;
    let decision = vote::Decision::new(req.profile, req.ballot, req.base, req.yes)
        .map_err(|e| ApiError::Invalid(vec![Problem::new(e.field(), e.to_string())]))?;
    Ok(Json(decision))
}

/// The format from `?format=`, else from `Accept`, else PDF.
fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Result<Format, ApiError> {
    for pair in query.unwrap_or_default().split('&') {
        if let Some(value) = pair.strip_prefix("format=") {
            return value.parse().map_err(|_| {
                ApiError::BadRequest("tham số format phải là pdf, docx hoặc png".to_string())
            });
        }
    }
    let Some(accept) = headers.get(header::ACCEPT) else {
        return Ok(Format::Pdf);
    };
    let accept = accept.to_str().unwrap_or_default();
    for item in accept.split(',') {
        let media = item.split(';').next().unwrap_or_default().trim();
        if let Some(f) = Format::ALL
            .into_iter()
            .find(|f| media.eq_ignore_ascii_case(f.content_type()))
        {
            return Ok(f);
        }
        if media == "*/*" || media.eq_ignore_ascii_case("application/*") {
            return Ok(Format::Pdf);
        }
    }
    Err(ApiError::NotAcceptable)
}
