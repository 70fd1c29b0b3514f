//! The OpenAPI 3.1 document, generated from the types the handlers read and
//! write (their JSON Schemas come from `schemars`, the same derive that
//! validates case data), and from each form's own case schema.

use serde_json::{Map, Value, json};

use super::error::ProblemDetails;
use super::routes::{CheckResponse, FormDetail, FormSummary, Health, VoteRequest, VoteResponse};
use super::spec::{component, embed, json_response, problem_response};
use crate::{Format, PdfStandard, Renderer};

/// The whole document. `secured`: the service requires an access token, so
/// the document states the bearer scheme and the 401 answers; without one
/// it states neither (clients generated from it send no header).
pub fn document(renderer: &Renderer, secured: bool) -> Value {
    build(renderer, secured, false)
}

/// [`document`] with the register's routes.
pub fn document_with_register(renderer: &Renderer, secured: bool) -> Value {
    build(renderer, secured, true)
}

fn build(renderer: &Renderer, secured: bool, register: bool) -> Value {
    let mut doc = with_security(renderer);
    if register {
        super::register::add_paths(&mut doc, renderer);
    }
    if !secured {
        strip_security(&mut doc);
    }
    doc
}

/// Removes the security requirements, the scheme and the 401 answers.
fn strip_security(doc: &mut Value) {
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for operation in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in operation.values_mut().filter_map(Value::as_object_mut) {
                op.remove("security");
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    responses.remove("401");
                }
            }
        }
    }
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        components.remove("securitySchemes");
    }
}

/// The document with the bearer scheme on every `/v1` operation.
fn with_security(renderer: &Renderer) -> Value {
    let mut c = Map::new();
    component::<ProblemDetails>(&mut c, "ProblemDetails");
    let health = component::<Health>(&mut c, "Health");
    let summary = component::<FormSummary>(&mut c, "FormSummary");
    let detail = component::<FormDetail>(&mut c, "FormDetail");
    let vote_req = component::<VoteRequest>(&mut c, "VoteRequest");
    let vote_res = component::<VoteResponse>(&mut c, "VoteResponse");
    let committee = embed(
        &mut c,
        "Committee",
        crate::case::schema::of::<crate::pack::Committee>(),
    );
    let check_res = component::<CheckResponse>(&mut c, "CheckResponse");

    let mut cases = Vec::new();
    let mut form_ids = Vec::new();
    for form in renderer.catalog().iter() {
        let mut schema = form.model.schema();
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), Value::String(form.meta.title.clone()));
        }
        cases.push(embed(&mut c, &format!("case.{}", form.id), schema));
        form_ids.push(Value::String(form.id.clone()));
    }

    let id_param = json!({
        "name": "id", "in": "path", "required": true,
        "description": "Form id", "schema": { "type": "string", "enum": form_ids }
    });
    let bearer = json!([{ "bearer": [] }]);
    let render_paths = render_paths(renderer, &cases, &bearer);
    let mut doc = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "dangvu",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Văn bản công tác đảng vụ: PDF và DOCX từ dữ liệu hồ sơ. Errors are application/problem+json (RFC 9457)."
        },
        "paths": {
            "/healthz": { "get": {
                "operationId": "healthz", "summary": "Liveness",
                "responses": { "200": json_response("Alive", health) }
            }},
            "/openapi.json": { "get": {
                "operationId": "openapi", "summary": "This document",
                "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": {} } } }
            }},
            "/v1/forms": { "get": {
                "operationId": "listForms", "summary": "The forms: id, Vietnamese title, category, formats",
                "security": bearer,
                "responses": common_errors(answers(
                    json_response("The forms", json!({ "type": "array", "items": summary })),
                    &[],
                ))
            }},
            "/v1/forms/{id}": { "get": {
                "operationId": "getForm", "summary": "A form's case JSON Schema and example case",
                "security": bearer,
                "parameters": [id_param],
                "responses": common_errors(answers(
                    json_response("The form", detail),
                    &[("404", "Không có biểu mẫu")],
                ))
            }},
            "/v1/forms/{id}/check": { "post": {
                "operationId": "checkForm", "summary": "Check a case without rendering it (for a form being filled in): valid, errors, legacy-text conversions",
                "security": bearer,
                "parameters": [id_param],
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": { "type": "object",
                        "description": "The case as it stands, complete or still being filled in" } } } },
                "responses": common_errors(check_answers(check_res))
            }},
            "/v1/packs/quarterly": { "post": pack_operation(&committee, &bearer, common_errors(pack_answers())) },
            "/v1/vote": { "post": {
                "operationId": "vote", "summary": "The vote engine: profile, ballot, base, yes → outcome",
                "security": bearer,
                "requestBody": { "required": true, "content": { "application/json": { "schema": vote_req } } },
                "responses": common_errors(answers(json_response("The outcome", vote_res), VOTE_PROBLEMS))
            }}
        },
        "components": {
            "schemas": c,
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer",
                "description": "The access token the server was started with (DANGVU_TOKEN or --token-file)" } }
        }
    });
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        paths.extend(render_paths);
    }
    doc
}

/// The 401 answer every `/v1` operation may give (dropped again by
/// [`strip_security`] when the service has no token).
fn common_errors(mut responses: Map<String, Value>) -> Value {
    responses.insert(
        "401".into(),
        problem_response("Thiếu hoặc sai mã truy cập (khi máy chủ đặt mã)"),
    );
    Value::Object(responses)
}

/// An operation's answers: `ok` for 200, then each problem (code, why).
fn answers(ok: Value, problems: &[(&str, &str)]) -> Map<String, Value> {
    let mut responses = Map::new();
    responses.insert("200".into(), ok);
    for (code, why) in problems {
        responses.insert((*code).into(), problem_response(why));
    }
    responses
}

/// One render path per form, each with that form's case schema, so the
/// body a path accepts is exactly what the document says.
fn render_paths(renderer: &Renderer, cases: &[Value], bearer: &Value) -> Map<String, Value> {
    let format_params = json!([{
        "name": "format", "in": "query", "required": false,
        "description": "pdf, docx or png (one page, 144 dpi: see page); otherwise taken from Accept; PDF by default",
        "schema": { "type": "string", "enum": Format::ALL.map(Format::extension) }
    }, {
        "name": "page", "in": "query", "required": false,
        "description": "For png: the page to picture, 1-based (the answer's Page-Count header gives the number of pages; a page beyond it is 400). Ignored by pdf and docx.",
        "schema": { "type": "integer", "minimum": 1, "default": 1 }
    }, {
        "name": "pdf_standard", "in": "query", "required": false,
        "description": "For pdf: a-2b writes PDF/A-2b, for archiving (XMP identification, every font embedded, dated with the document's date). Ignored by docx and png.",
        "schema": { "type": "string", "enum": PdfStandard::NAMES.map(|(name, _)| name), "default": PdfStandard::default().name() }
    }]);
    let answers = common_errors(render_answers());
    let mut render_paths = Map::new();
    for (form, case) in renderer.catalog().iter().zip(cases) {
        render_paths.insert(
            format!("/v1/forms/{}/render", form.id),
            json!({ "post": {
                "operationId": format!("render-{}", form.id),
                "summary": format!("{}: PDF, DOCX or PNG (a preview of one page)", form.meta.title),
                "security": bearer,
                "parameters": format_params,
                "requestBody": { "required": true, "content": { "application/json": { "schema": case } } },
                "responses": answers
            }}),
        );
    }

    render_paths
}

fn render_answers() -> Map<String, Value> {
    let documents: Map<String, Value> = Format::ALL
        .into_iter()
        .map(|f| {
            let media = f.content_type();
            let schema = json!({ "schema": { "type": "string", "contentMediaType": media } });
            (media.to_string(), schema)
        })
        .collect();
    let ok = json!({
        "description": "The document; Content-Disposition names the file after the form and the document number",
        "headers": {
            "Content-Disposition": { "schema": { "type": "string" } },
            "Legacy-Text-Converted": {
                "description": "Present when fields arrived in a legacy Vietnamese encoding and were converted to Unicode: `field=encoding, …` (encoding tcvn3 or vni; fields as in errors, e.g. dang_vien[0].ho_ten)",
                "schema": { "type": "string" }
            },
            "Page-Count": {
                "description": "For format=png only: how many pages the whole document has (ask for each with ?page=)",
                "schema": { "type": "integer", "minimum": 1 }
            }
        },
        "content": documents
    });
    let mut answers = answers(
        ok,
        &[
            (
                "400",
                "JSON không đọc được, tham số format hoặc page sai, hoặc văn bản không có trang được hỏi",
            ),
            ("406", "Accept không chứa định dạng nào được hỗ trợ"),
            ("413", "Nội dung vượt quá giới hạn"),
            ("415", "Nội dung không phải JSON"),
            (
                "422",
                "Dữ liệu hồ sơ không hợp lệ: danh sách {field, message}. Ngoài những gì lược đồ nêu, các quy định nghiệp vụ cũng được kiểm tra (số có mặt không vượt số triệu tập, số phiếu khớp nhau, ngày theo đúng thứ tự, ký tự phải có trong phông chữ, từ không dài quá 60 ký tự…); hồ sơ hợp lược đồ nhưng trái quy định được trả lời 422",
            ),
        ],
    );
    answers.insert(
        "503".into(),
        json!({
            "description": "Hàng đợi đầy hoặc quá thời gian xử lý; thử lại sau Retry-After giây",
            "headers": { "Retry-After": { "schema": { "type": "integer" } } },
            "content": { "application/problem+json": {
                "schema": { "$ref": "#/components/schemas/ProblemDetails" } } }
        }),
    );
    answers
}

const VOTE_PROBLEMS: &[(&str, &str)] = &[
    ("400", "JSON không đọc được"),
    ("413", "Nội dung vượt quá giới hạn"),
    ("415", "Nội dung không phải JSON"),
    (
        "422",
        "Giá trị không hợp lệ: số phiếu đồng ý (yes) vượt quá mẫu số (base)",
    ),
];

fn pack_answers() -> Map<String, Value> {
    let ok = json!({
        "description": "The pack: every document as PDF and DOCX, with manifest.json",
        "headers": { "Legacy-Text-Converted": {
            "description": "Present when fields of the committee arrived in TCVN3 or VNI and were converted: `field=encoding, …`",
            "schema": { "type": "string" } } },
        "content": { "application/zip": { "schema": { "type": "string", "contentMediaType": "application/zip" } } }
    });
    answers(
        ok,
        &[
            ("400", "JSON hoặc biểu mẫu tải lên không đọc được"),
            ("413", "Nội dung vượt quá giới hạn"),
            ("415", "Nội dung không phải JSON hay multipart/form-data"),
            (
                "422",
                "Dữ liệu không hợp lệ, kể cả các quy định nghiệp vụ lược đồ không nêu được: danh sách {field, message}; lỗi của một chi bộ có branch, lỗi ở một ô danh sách có sheet, row (dòng, từ 1), column (chữ cột) và header (tiêu đề cột)",
            ),
            ("503", "Hàng đợi đầy hoặc quá thời gian xử lý"),
        ],
    )
}

fn check_answers(check_res: Value) -> Map<String, Value> {
    answers(
        json_response(
            "Whether the case renders as it is, every problem (field, message), and the fields converted from TCVN3 or VNI with their Unicode text",
            check_res,
        ),
        &[
            ("400", "JSON không đọc được, hoặc không phải một đối tượng"),
            ("404", "Không có biểu mẫu"),
            ("413", "Nội dung vượt quá giới hạn"),
            ("415", "Nội dung không phải JSON"),
            ("503", "Hàng đợi đầy hoặc quá thời gian xử lý"),
        ],
    )
}

/// The quarterly pack: JSON with rosters inline, or a multipart upload.
fn pack_operation(committee: &Value, bearer: &Value, responses: Value) -> Value {
    json!({
        "operationId": "quarterlyPack", "summary": "The quarterly report pack of a committee (rosters inline)",
        "security": bearer,
        "description": "The committee as JSON (each branch's roster inline as an array of members), or as multipart/form-data: a part named `committee` holding the same JSON, where a branch's `danh_sach` may instead be a file name, and one part per roster file (CSV UTF-8 or XLSX, first sheet) whose filename is that name. Both give the same ZIP for the same data.",
        "requestBody": { "required": true, "content": {
            "application/json": { "schema": committee },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["committee"],
                    "properties": {
                        "committee": committee,
                        "danh_sach": {
                            "type": "array",
                            "description": "The roster files, one part each (.csv in UTF-8 or .xlsx); a part's filename is what a branch's danh_sach names",
                            "items": { "type": "string", "format": "binary" }
                        }
                    },
                    "additionalProperties": false
                },
                "encoding": { "committee": { "contentType": "application/json" } }
            }
        } },
        "responses": responses
    })
}
