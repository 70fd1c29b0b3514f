//! The OpenAPI 3.1 document, generated from the types the handlers read and
//! write (their JSON Schemas come from `schemars`, the same derive that
//! validates case data), and from each form's own case schema.

use schemars::JsonSchema;
use serde_json::{Map, Value, json};

use super::error::ProblemDetails;
use super::routes::{FormDetail, FormSummary, Health, VoteRequest, VoteResponse};
use crate::{Format, Renderer};

/// Adds a type's schema under `components/schemas/<name>` and returns a `$ref`.
fn component<T: JsonSchema>(components: &mut Map<String, Value>, name: &str) -> Value {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    embed(components, name, schema)
}

/// Hoists a root schema's `$defs` into the components (prefixed with `name`)
/// and rewrites its `$ref`s to match, so the schema resolves inside the
/// OpenAPI document.
pub fn embed(components: &mut Map<String, Value>, name: &str, mut schema: Value) -> Value {
    if let Value::Object(root) = &mut schema {
        root.remove("$schema");
        if let Some(Value::Object(defs)) = root.remove("$defs") {
            for (def, mut value) in defs {
                rewrite_refs(&mut value, name);
                components.insert(format!("{name}.{def}"), value);
            }
        }
    }
    rewrite_refs(&mut schema, name);
    components.insert(name.to_string(), schema);
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn rewrite_refs(value: &mut Value, name: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(r) = v
                    && let Some(def) = r.strip_prefix("#/$defs/")
                {
                    *r = format!("#/components/schemas/{name}.{def}");
                } else {
                    rewrite_refs(v, name);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, name)),
        _ => {}
    }
}

fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": {
            "schema": { "$ref": "#/components/schemas/ProblemDetails" } } }
    })
}

fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

/// The whole document.
pub fn document(renderer: &Renderer) -> Value {
    let mut c = Map::new();
    component::<ProblemDetails>(&mut c, "ProblemDetails");
    let health = component::<Health>(&mut c, "Health");
    let summary = component::<FormSummary>(&mut c, "FormSummary");
    let detail = component::<FormDetail>(&mut c, "FormDetail");
    let vote_req = component::<VoteRequest>(&mut c, "VoteRequest");
    let vote_res = component::<VoteResponse>(&mut c, "VoteResponse");
    let committee = component::<crate::pack::Committee>(&mut c, "Committee");

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
    let common_errors = |mut responses: Map<String, Value>| {
        responses.insert(
            "401".into(),
            problem_response("Thiếu hoặc sai mã truy cập (khi máy chủ đặt mã)"),
        );
        Value::Object(responses)
    };
    let documents: Map<String, Value> = Format::ALL
        .into_iter()
        .map(|f| {
            let media = f.content_type();
            let schema = json!({ "schema": { "type": "string", "contentMediaType": media } });
            (media.to_string(), schema)
        })
        .collect();
    let mut render_responses = Map::new();
    render_responses.insert(
        "200".into(),
        json!({
            "description": "The document; Content-Disposition names the file after the form and the document number",
            "headers": { "Content-Disposition": { "schema": { "type": "string" } } },
            "content": documents
        }),
    );
    for (code, why) in [
        ("400", "JSON không đọc được, hoặc tham số format sai"),
        ("404", "Không có biểu mẫu"),
        ("406", "Accept không chứa định dạng nào được hỗ trợ"),
        ("413", "Nội dung vượt quá giới hạn"),
        ("415", "Nội dung không phải JSON"),
        (
            "422",
            "Dữ liệu hồ sơ không hợp lệ: danh sách {field, message}",
        ),
    ] {
        render_responses.insert(code.into(), problem_response(why));
    }
    render_responses.insert(
        "503".into(),
        json!({
            "description": "Hàng đợi đầy hoặc quá thời gian xử lý; thử lại sau Retry-After giây",
            "headers": { "Retry-After": { "schema": { "type": "integer" } } },
            "content": { "application/problem+json": {
                "schema": { "$ref": "#/components/schemas/ProblemDetails" } } }
        }),
    );
    let mut vote_responses = Map::new();
    vote_responses.insert("200".into(), json_response("The outcome", vote_res));
    for (code, why) in [
        ("400", "JSON không đọc được"),
        ("413", "Nội dung vượt quá giới hạn"),
        ("415", "Nội dung không phải JSON"),
        ("422", "Giá trị không hợp lệ"),
    ] {
        vote_responses.insert(code.into(), problem_response(why));
    }
    let mut pack_responses = Map::new();
    pack_responses.insert(
        "200".into(),
        json!({
            "description": "The pack: every document as PDF and DOCX, with manifest.json",
            "content": { "application/zip": { "schema": { "type": "string", "contentMediaType": "application/zip" } } }
        }),
    );
    for (code, why) in [
        ("400", "JSON không đọc được"),
        ("413", "Nội dung vượt quá giới hạn"),
        ("415", "Nội dung không phải JSON"),
        (
            "422",
            "Dữ liệu không hợp lệ: danh sách {field, message}, có tên chi bộ",
        ),
        ("503", "Hàng đợi đầy hoặc quá thời gian xử lý"),
    ] {
        pack_responses.insert(code.into(), problem_response(why));
    }
    let mut list_responses = Map::new();
    list_responses.insert(
        "200".into(),
        json_response("The forms", json!({ "type": "array", "items": summary })),
    );
    let mut detail_responses = Map::new();
    detail_responses.insert("200".into(), json_response("The form", detail));
    detail_responses.insert("404".into(), problem_response("Không có biểu mẫu"));

    json!({
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
                "responses": common_errors(list_responses)
            }},
            "/v1/forms/{id}": { "get": {
                "operationId": "getForm", "summary": "A form's case JSON Schema and example case",
                "security": bearer,
                "parameters": [id_param],
                "responses": common_errors(detail_responses)
            }},
            "/v1/forms/{id}/render": { "post": {
                "operationId": "renderForm", "summary": "Render a case to PDF, DOCX or PNG (a preview of the first page)",
                "security": bearer,
                "parameters": [id_param, {
                    "name": "format", "in": "query", "required": false,
                    "description": "pdf, docx or png (the first page, 144 dpi); otherwise taken from Accept; PDF by default",
                    "schema": { "type": "string", "enum": Format::ALL.map(Format::extension) }
                }],
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": { "oneOf": cases } } } },
                "responses": common_errors(render_responses)
            }},
            "/v1/packs/quarterly": { "post": {
                "operationId": "quarterlyPack", "summary": "The quarterly report pack of a committee (rosters inline)",
                "security": bearer,
                "requestBody": { "required": true, "content": { "application/json": { "schema": committee } } },
                "responses": common_errors(pack_responses)
            }},
            "/v1/vote": { "post": {
                "operationId": "vote", "summary": "The vote engine: profile, ballot, base, yes → outcome",
                "security": bearer,
                "requestBody": { "required": true, "content": { "application/json": { "schema": vote_req } } },
                "responses": common_errors(vote_responses)
            }}
        },
        "components": {
            "schemas": c,
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer",
                "description": "Required when the server was started with a token (always off loopback)" } }
        }
    })
}
