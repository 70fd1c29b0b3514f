//! Pieces of the OpenAPI document that the service's and the register's
//! operations both use: schemas hoisted into the components, and answers.

use schemars::JsonSchema;
use serde_json::{Map, Value, json};

/// Adds a type's schema under `components/schemas/<name>` and returns a `$ref`.
pub(crate) fn component<T: JsonSchema>(components: &mut Map<String, Value>, name: &str) -> Value {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    embed(components, name, schema)
}

/// Hoists a root schema's `$defs` into the components (prefixed with `name`)
/// and rewrites its `$ref`s to match, so the schema resolves inside the
/// OpenAPI document.
pub(crate) fn embed(components: &mut Map<String, Value>, name: &str, mut schema: Value) -> Value {
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

pub(crate) fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": {
            "schema": { "$ref": "#/components/schemas/ProblemDetails" } } }
    })
}

pub(crate) fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}
