//! The register's routes: issue a document (number allocated and recorded),
//! list the register, download an issued document again, void one, and the
//! organisations' committee terms. Thin handlers over [`crate::register`];
//! the database work runs off the async threads.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::extract::{JsonRequest, render_options};
use super::middleware::LoggedForm;
use super::state::AppState;
use crate::register::{Entry, Filter, Record, Register, RegisterError};
use crate::{Format, RenderOptions};

/// The header holding the allocated number (an integer: 3 for 03-NQ/CB).
pub const DOCUMENT_NUMBER: &str = "document-number";
/// The number and symbol as printed, percent-encoded UTF-8 ("03-NQ/%C4%90U").
pub const DOCUMENT_SYMBOL: &str = "document-symbol";
/// The register's id of the document (for re-download and voiding).
pub const DOCUMENT_ID: &str = "document-id";

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/forms/{id}/issue", post(issue))
        .route("/v1/register", get(list))
        .route("/v1/register/terms", get(terms).post(add_term))
        .route("/v1/register/book", get(book))
        .route("/v1/register/{doc}", get(download))
        .route("/v1/register/{doc}/void", post(void))
}

/// Filters of `GET /v1/register`; every one optional.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterQuery {
    /// The issuing organisation's full name.
    pub organisation: Option<String>,
    /// Kind abbreviation: NQ, BC, GGT, PB…
    pub kind: Option<String>,
    /// First day of the committee term.
    pub term: Option<NaiveDate>,
    /// Issued on or after this day.
    pub from: Option<NaiveDate>,
    /// Issued on or before this day.
    pub to: Option<NaiveDate>,
}

/// `GET /v1/register/book`: one organisation's book for a period.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BookQuery {
    /// The organisation's full name, as its cases write `to_chuc.ten`.
    pub organisation: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// pdf (default), docx, or xlsx (the same rows as a workbook).
    #[serde(default)]
    pub format: BookFormat,
}

/// The book as a document to print, or as a workbook to keep.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BookFormat {
    #[default]
    Pdf,
    Docx,
    Xlsx,
}

/// `POST /v1/register/{doc}/void`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidRequest {
    /// Why the document is withdrawn.
    #[schemars(length(min = 1))]
    pub ly_do: String,
    /// Day of voiding; today when left out.
    #[serde(default)]
    pub ngay: Option<NaiveDate>,
}

/// `POST /v1/register/terms`: the first day of a committee term.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermRequest {
    /// The organisation's full name, as its cases write `to_chuc.ten`.
    #[schemars(length(min = 1))]
    pub to_chuc: String,
    /// The day after the congress closed.
    pub bat_dau: NaiveDate,
}

/// An organisation's terms.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Terms {
    pub organisation: String,
    /// First days of its terms, earliest first (YYYY-MM-DD).
    pub terms: Vec<String>,
}

/// `?organisation=` of `GET /v1/register/terms`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermsQuery {
    pub organisation: String,
}

fn register(state: &AppState) -> Result<Arc<Register>, ApiError> {
    state.register.clone().ok_or(ApiError::NotFound)
}

impl From<RegisterError> for ApiError {
    fn from(e: RegisterError) -> Self {
        if let Some(problem) = e.problem() {
            return Self::Invalid(vec![problem]);
        }
        match e {
            RegisterError::Render(e) => e.into(),
            RegisterError::NotFound => Self::NoSuchDocument,
            RegisterError::NotIssuable(_) | RegisterError::Format => {
                Self::BadRequest(e.to_string())
            }
            RegisterError::AlreadyVoided { .. } => Self::Conflict(e.to_string()),
            RegisterError::Busy => Self::Overloaded {
                retry_after_secs: 1,
                timed_out: false,
            },
            RegisterError::Store(store) => {
                tracing::error!(kind = "register-store", cause = %store, "register failed");
                Self::Unavailable("sổ văn bản tạm thời không truy cập được".to_string())
            }
            other => {
                tracing::error!(kind = "register", cause = %other, "register failed");
                Self::Internal
            }
        }
    }
}

/// Runs register work that touches no renderer on a blocking thread.
async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, RegisterError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|_| ApiError::Internal)?
        .map_err(ApiError::from)
}

/// `?format=pdf|docx` (PDF when absent).
fn document_format(uri: &Uri) -> Result<Format, ApiError> {
    for pair in uri.query().unwrap_or_default().split('&') {
        if let Some(value) = pair.strip_prefix("format=") {
            return match value.parse() {
                Ok(f @ (Format::Pdf | Format::Docx)) => Ok(f),
                _ => Err(ApiError::BadRequest(
                    "tham số format phải là pdf hoặc docx".to_string(),
                )),
            };
        }
    }
    Ok(Format::Pdf)
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'/' | b'.' | b'_' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The document with its register headers.
fn document_response(status: StatusCode, record: &Record, rendered: crate::Rendered) -> Response {
    let mut response = (status, rendered.bytes).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(rendered.format.content_type()),
    );
    let pairs = [
        (
            header::CONTENT_DISPOSITION.as_str(),
            format!("attachment; filename=\"{}\"", rendered.file_name),
        ),
        (DOCUMENT_NUMBER, record.number.to_string()),
        (DOCUMENT_SYMBOL, percent_encode(&record.symbol)),
        (DOCUMENT_ID, record.id.clone()),
        (
            header::LOCATION.as_str(),
            format!("/v1/register/{}", record.id),
        ),
    ];
    for (name, value) in pairs {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    response
}

async fn issue(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    request: JsonRequest,
) -> Result<Response, ApiError> {
    let register = register(&state)?;
    let form = state.pool.renderer().form(&id)?.id.clone();
    let format = document_format(&request.uri)?;
    let options = request.options()?;
    let (body, _) = request.json(state.max_body)?;
    let logged = LoggedForm(form.clone());
    let body: Arc<[u8]> = body.into();
    let issued = issue_with_retries(&state, &register, &form, &body, format, options).await?;
    let mut response = document_response(StatusCode::CREATED, &issued.record, issued.rendered);
    response.extensions_mut().insert(logged);
    Ok(response)
}

/// Drafts on the render pool, then queues the draft: when no other thread
/// is recording its register, this request records (on a blocking thread,
/// not awaited: it goes on with drafts queued meanwhile while this request
/// answers as soon as its own batch is committed). A queued draft holds no
/// thread while it waits for the numbers before it.
async fn issue_with_retries(
    state: &Arc<AppState>,
    register: &Arc<Register>,
    form: &str,
    body: &Arc<[u8]>,
    format: Format,
    options: RenderOptions,
) -> Result<crate::register::Issued, ApiError> {
    use crate::register::{Drafted, MAX_ATTEMPTS, Order, Step};
    for _ in 0..MAX_ATTEMPTS {
        let (reg, form, body) = (Arc::clone(register), form.to_string(), Arc::clone(body));
        let drafted = state
            .pool
            .run(state.pool.timeout(), move |r| {
                let order = Order {
                    form_id: &form,
                    case: &body,
                    format,
                    options,
                };
                Ok(reg.draft(r, order))
            })
            .await??;
        let mut draft = match drafted {
            Drafted::Issued(done) => return Ok(done),
            Drafted::Draft(draft) => draft,
        };
        loop {
            let queued = register.queue(draft);
            if let Some(turn) = queued.turn {
                let reg = Arc::clone(register);
                tokio::task::spawn_blocking(move || reg.record(turn));
            }
            match queued.outcome.await.map_err(|_| ApiError::Internal)?? {
                Step::Done(done) => return Ok(*done),
                Step::Same(id) => return replay(state, register, id, format, options).await,
                Step::Retry => break,
                Step::Wait(back) => draft = *back,
            }
        }
    }
    Err(RegisterError::Busy.into())
}

/// The very same case issued again without its number: the document
/// already issued, rendered on the render pool in the format asked for, and
/// answered as an issue of a case giving that number is (201, its headers).
async fn replay(
    state: &Arc<AppState>,
    register: &Arc<Register>,
    id: String,
    format: Format,
    options: RenderOptions,
) -> Result<crate::register::Issued, ApiError> {
    let register = Arc::clone(register);
    let issued = state
        .pool
        .run(state.pool.timeout(), move |r| {
            Ok(register.replay(r, &id, format, options))
        })
        .await??;
    Ok(issued)
}

async fn download(
    State(state): State<Arc<AppState>>,
    Path(doc): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let register = register(&state)?;
    let format = document_format(&uri)?;
    let options = render_options(&uri)?;
    let (record, rendered) = state
        .pool
        .run(state.pool.timeout(), move |r| {
            Ok(register.download(r, &doc, format, options))
        })
        .await??;
    Ok(document_response(StatusCode::OK, &record, rendered))
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q).map_err(|e| {
        ApiError::BadRequest(format!(
            "tham số không hợp lệ (ngày viết YYYY-MM-DD): {}",
            e.body_text()
        ))
    })
}

async fn list(
    State(state): State<Arc<AppState>>,
    q: Result<Query<RegisterQuery>, QueryRejection>,
) -> Result<Json<Vec<Entry>>, ApiError> {
    let register = register(&state)?;
    let q = query(q)?;
    let filter = Filter {
        organisation: q.organisation.map(|o| crate::rules::format::nfc(o.trim())),
        kind: q.kind,
        term: q.term.map(|d| d.to_string()),
        from: q.from.map(|d| d.to_string()),
        to: q.to.map(|d| d.to_string()),
    };
    let records = blocking(move || register.list(&filter)).await?;
    Ok(Json(records.into_iter().map(Entry::from).collect()))
}

/// The book of an organisation for a period, from the register's rows:
/// printed by form `so-van-ban-di`, or written as a workbook.
async fn book(
    State(state): State<Arc<AppState>>,
    q: Result<Query<BookQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    use crate::forms::models::so_van_ban_di;
    let register = register(&state)?;
    let q = query(q)?;
    let case = blocking(move || register.book(&q.organisation, q.from, q.to)).await?;
    let name = format!(
        "so-van-ban-di_{}_{}",
        case.tu_ngay.format("%Y%m%d"),
        case.den_ngay.format("%Y%m%d")
    );
    let (bytes, content_type, file_name) = match q.format {
        BookFormat::Xlsx => (
            so_van_ban_di::to_xlsx(&case)?,
            so_van_ban_di::XLSX_CONTENT_TYPE,
            format!("{name}.xlsx"),
        ),
        BookFormat::Pdf | BookFormat::Docx => {
            let format = match q.format {
                BookFormat::Docx => Format::Docx,
                _ => Format::Pdf,
            };
            let json = serde_json::to_vec(&case).map_err(|_| ApiError::Internal)?;
            let rendered = state
                .pool
                .run(state.pool.timeout(), move |r| {
                    r.render(so_van_ban_di::ID, &json, format)
                })
                .await?;
            (rendered.bytes, format.content_type(), rendered.file_name)
        }
    };
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

async fn void(
    State(state): State<Arc<AppState>>,
    Path(doc): Path<String>,
    request: JsonRequest,
) -> Result<Json<Entry>, ApiError> {
    let register = register(&state)?;
    let body = request.body(state.max_body)?;
    let req: VoidRequest = crate::case::input::decode(&body, &|_| true)?;
    let on = req
        .ngay
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let record = blocking(move || register.void(&doc, on, &req.ly_do)).await?;
    Ok(Json(record.into()))
}

async fn terms(
    State(state): State<Arc<AppState>>,
    q: Result<Query<TermsQuery>, QueryRejection>,
) -> Result<Json<Terms>, ApiError> {
    let register = register(&state)?;
    let organisation = query(q)?.organisation;
    let list = {
        let organisation = organisation.clone();
        blocking(move || register.terms(&organisation)).await?
    };
    Ok(Json(Terms {
        organisation: crate::rules::format::nfc(organisation.trim()),
        terms: list,
    }))
}

async fn add_term(
    State(state): State<Arc<AppState>>,
    request: JsonRequest,
) -> Result<(StatusCode, Json<Terms>), ApiError> {
    let register = register(&state)?;
    let body = request.body(state.max_body)?;
    let req: TermRequest = crate::case::input::decode(&body, &|_| true)?;
    let organisation = crate::rules::format::nfc(req.to_chuc.trim());
    let list = {
        let organisation = organisation.clone();
        blocking(move || {
            register.add_term(&organisation, req.bat_dau)?;
            register.terms(&organisation)
        })
        .await?
    };
    Ok((
        StatusCode::CREATED,
        Json(Terms {
            organisation,
            terms: list,
        }),
    ))
}

/// The register's operations in the OpenAPI document: one issue path per
/// form whose documents carry a register number, with that form's case
/// schema less the number (`van_ban.so` may be left out to be allocated).
pub fn add_paths(doc: &mut serde_json::Value, renderer: &crate::Renderer) {
    use serde_json::Value;

    let Some(Value::Object(components)) =
        doc.get_mut("components").and_then(|c| c.get_mut("schemas"))
    else {
        return;
    };
    let parts = Parts::new(components);
    let mut paths = parts.issue_paths(components, renderer);
    paths.extend(parts.register_paths());
    paths.extend(parts.term_paths(components));
    if let Some(Value::Object(all)) = doc.get_mut("paths") {
        all.extend(paths);
    }
}

/// What the register's operations share in the OpenAPI document.
struct Parts {
    entry: serde_json::Value,
    bearer: serde_json::Value,
    document_headers: serde_json::Value,
    documents: serde_json::Value,
    format_param: serde_json::Value,
    standard_param: serde_json::Value,
    doc_param: serde_json::Value,
    date: serde_json::Value,
}

type Paths = serde_json::Map<String, serde_json::Value>;

impl Parts {
    fn new(components: &mut Paths) -> Self {
        use super::spec::component;
        use serde_json::json;
        Parts {
            entry: component::<Entry>(components, "RegisterEntry"),
            bearer: json!([{ "bearer": [] }]),
            document_headers: json!({
                "Document-Number": { "description": "The number in the register (3 for 03-NQ/CB)", "schema": { "type": "integer", "minimum": 1 } },
                "Document-Symbol": { "description": "Number and symbol as printed, percent-encoded UTF-8", "schema": { "type": "string" } },
                "Document-Id": { "description": "The register's id of the document", "schema": { "type": "string" } },
                "Content-Disposition": { "schema": { "type": "string" } }
            }),
            documents: json!({
                "application/pdf": { "schema": { "type": "string", "contentMediaType": "application/pdf" } },
                Format::Docx.content_type(): { "schema": { "type": "string", "contentMediaType": Format::Docx.content_type() } }
            }),
            format_param: json!({
                "name": "format", "in": "query", "required": false,
                "description": "pdf (default) or docx",
                "schema": { "type": "string", "enum": ["pdf", "docx"] }
            }),
            standard_param: json!({
                "name": "pdf_standard", "in": "query", "required": false,
                "description": "For pdf: a-2b gives PDF/A-2b for archiving (its hash is kept apart from the plain PDF's); pdf by default",
                "schema": { "type": "string", "enum": ["pdf", "a-2b"] }
            }),
            doc_param: json!({
                "name": "doc", "in": "path", "required": true,
                "description": "The register's id of the document", "schema": { "type": "string" }
            }),
            date: json!({ "type": "string", "format": "date" }),
        }
    }

    /// Problem answers for `codes`, plus the 401 and 503 every register
    /// operation may give.
    fn problems(&self, codes: &[(&str, &str)]) -> Paths {
        use super::spec::problem_response;
        let mut m: Paths = codes
            .iter()
            .map(|(code, why)| (code.to_string(), problem_response(why)))
            .collect();
        m.insert(
            "401".into(),
            problem_response("Thiếu hoặc sai mã truy cập (khi máy chủ đặt mã)"),
        );
        m.insert(
            "503".into(),
            problem_response(
                "Hàng đợi đầy, quá thời gian xử lý, hoặc sổ văn bản tạm thời không truy cập được",
            ),
        );
        m
    }

    fn query(
        &self,
        name: &str,
        description: &str,
        schema: &serde_json::Value,
        required: bool,
    ) -> serde_json::Value {
        serde_json::json!({
            "name": name, "in": "query", "required": required, "description": description, "schema": schema
        })
    }

    /// `POST /v1/forms/{id}/issue` for every form with a register number.
    fn issue_paths(&self, components: &mut Paths, renderer: &crate::Renderer) -> Paths {
        use super::spec::embed;
        use serde_json::{Value, json};
        let mut paths = Paths::new();
        for form in renderer.catalog().iter() {
            if !crate::register::issuable(renderer, &form.id) {
                continue;
            }
            let mut schema = form.model.schema();
            if let Some(Value::Array(required)) = schema.pointer_mut("/$defs/VanBan/required") {
                required.retain(|f| f != "so");
            }
            let case = embed(components, &format!("issue.{}", form.id), schema);
            let mut responses = self.problems(&[
                (
                    "400",
                    "JSON không đọc được, tham số format hoặc pdf_standard sai",
                ),
                ("413", "Nội dung vượt quá giới hạn"),
                ("415", "Nội dung không phải JSON"),
                (
                    "422",
                    "Dữ liệu hồ sơ không hợp lệ; hoặc số văn bản đã cấp cho văn bản khác, số bỏ cách số tiếp theo, ngày trước nhiệm kỳ đầu tiên đã khai báo, chưa khai báo nhiệm kỳ",
                ),
            ]);
            responses.insert(
                "201".into(),
                json!({
                    "description": "Issued and recorded: the document, its number in the headers",
                    "headers": self.document_headers, "content": self.documents
                }),
            );
            paths.insert(format!("/v1/forms/{}/issue", form.id), json!({ "post": {
                "operationId": format!("issue-{}", form.id),
                "summary": format!("{}: issue (number allocated when left out, recorded in the register)", form.meta.title),
                "security": self.bearer,
                "parameters": [self.format_param, self.standard_param],
                "requestBody": { "required": true, "content": { "application/json": { "schema": case } } },
                "responses": responses
            }}));
        }
        paths
    }

    /// The listing, the book, re-download and voiding.
    fn register_paths(&self) -> Paths {
        use super::spec::json_response;
        use serde_json::json;
        let mut paths = Paths::new();
        let mut list_responses = self.problems(&[("400", "Tham số không hợp lệ")]);
        list_responses.insert(
            "200".into(),
            json_response(
                "Issued documents in register order",
                json!({ "type": "array", "items": self.entry }),
            ),
        );
        let text = json!({ "type": "string" });
        paths.insert("/v1/register".into(), json!({ "get": {
            "operationId": "listRegister", "summary": "The document register (sổ văn bản đi), filtered",
            "security": self.bearer,
            "parameters": [
                self.query("organisation", "The issuing organisation's full name", &text, false),
                self.query("kind", "Kind abbreviation: NQ, BC, GGT, PB…", &text, false),
                self.query("term", "First day of the committee term", &self.date, false),
                self.query("from", "Issued on or after", &self.date, false),
                self.query("to", "Issued on or before", &self.date, false)
            ],
            "responses": list_responses
        }}));
        paths.insert("/v1/register/book".into(), self.book_path());
        let mut download_responses = self.problems(&[
            ("400", "Tham số format hoặc pdf_standard sai"),
            ("404", "Không có văn bản này trong sổ"),
        ]);
        download_responses.insert("200".into(), json!({
            "description": "The issued document, rendered again from its stored case (the same bytes as recorded)",
            "headers": self.document_headers, "content": self.documents
        }));
        paths.insert(
            "/v1/register/{doc}".into(),
            json!({ "get": {
                "operationId": "downloadIssued", "summary": "An issued document again",
                "security": self.bearer, "parameters": [self.doc_param, self.format_param, self.standard_param],
                "responses": download_responses
            }}),
        );
        paths
    }

    /// `GET /v1/register/book`.
    fn book_path(&self) -> serde_json::Value {
        use crate::forms::models::so_van_ban_di::XLSX_CONTENT_TYPE;
        use serde_json::json;
        let mut responses = self.problems(&[
            ("400", "Thiếu tham số, ngày không hợp lệ, hoặc format sai"),
            (
                "422",
                "Không có văn bản nào của tổ chức trong kỳ, hoặc ngày cuối kỳ trước ngày đầu kỳ",
            ),
        ]);
        let binary =
            |media: &str| json!({ "schema": { "type": "string", "contentMediaType": media } });
        responses.insert("200".into(), json!({
            "description": "The book (sổ đăng ký văn bản đi) of the period: A4 landscape PDF or DOCX, or the same rows as an XLSX workbook",
            "headers": { "Content-Disposition": { "schema": { "type": "string" } } },
            "content": {
                "application/pdf": binary("application/pdf"),
                Format::Docx.content_type(): binary(Format::Docx.content_type()),
                XLSX_CONTENT_TYPE: binary(XLSX_CONTENT_TYPE)
            }
        }));
        let formats =
            json!({ "type": "string", "enum": ["pdf", "docx", "xlsx"], "default": "pdf" });
        json!({ "get": {
            "operationId": "registerBook", "summary": "The register as a book for a period: PDF, DOCX or XLSX",
            "security": self.bearer,
            "parameters": [
                self.query("organisation", "The organisation's full name, as its cases write to_chuc.ten", &json!({ "type": "string", "minLength": 1 }), true),
                self.query("from", "First day of the period", &self.date, true),
                self.query("to", "Last day of the period", &self.date, true),
                self.query("format", "pdf (default), docx, or xlsx", &formats, false)
            ],
            "responses": responses
        }})
    }

    /// Voiding, and the organisations' committee terms.
    fn term_paths(&self, components: &mut Paths) -> Paths {
        use super::spec::{component, json_response};
        use serde_json::json;
        let void_req = component::<VoidRequest>(components, "VoidRequest");
        let term_req = component::<TermRequest>(components, "TermRequest");
        let terms_res = component::<Terms>(components, "Terms");
        let mut paths = Paths::new();
        let mut void_responses = self.problems(&[
            ("400", "JSON không đọc được"),
            ("404", "Không có văn bản này trong sổ"),
            ("409", "Văn bản đã bị thu hồi từ trước"),
            ("413", "Nội dung vượt quá giới hạn"),
            ("415", "Nội dung không phải JSON"),
            ("422", "Thiếu lý do, hoặc ngày thu hồi trước ngày ban hành"),
        ]);
        void_responses.insert(
            "200".into(),
            json_response("The document, voided", self.entry.clone()),
        );
        paths.insert("/v1/register/{doc}/void".into(), json!({ "post": {
            "operationId": "voidIssued", "summary": "Void an issued document (its number is never reused)",
            "security": self.bearer, "parameters": [self.doc_param],
            "requestBody": { "required": true, "content": { "application/json": { "schema": void_req } } },
            "responses": void_responses
        }}));
        let mut terms_responses = self.problems(&[("400", "Thiếu tham số organisation")]);
        terms_responses.insert(
            "200".into(),
            json_response("The organisation's terms", terms_res.clone()),
        );
        let mut add_term_responses = self.problems(&[
            ("400", "JSON không đọc được"),
            ("413", "Nội dung vượt quá giới hạn"),
            ("415", "Nội dung không phải JSON"),
            ("422", "Thiếu tên tổ chức hoặc ngày không hợp lệ"),
        ]);
        add_term_responses.insert(
            "201".into(),
            json_response("The organisation's terms, with the new one", terms_res),
        );
        paths.insert("/v1/register/terms".into(), json!({
            "get": {
                "operationId": "listTerms", "summary": "An organisation's committee terms",
                "security": self.bearer,
                "parameters": [{ "name": "organisation", "in": "query", "required": true, "schema": { "type": "string" } }],
                "responses": terms_responses
            },
            "post": {
                "operationId": "addTerm", "summary": "Add the first day of a committee term (numbers restart at 01)",
                "security": self.bearer,
                "requestBody": { "required": true, "content": { "application/json": { "schema": term_req } } },
                "responses": add_term_responses
            }
        }));
        paths
    }
}
