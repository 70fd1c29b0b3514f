//! What handlers read from a request besides its route: the JSON body and
//! the `pdf_standard` parameter, checked the same way on every route.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};

use super::error::ApiError;
use crate::PdfStandard;

/// The PDF standard from `?pdf_standard=`, else a plain PDF.
pub(crate) fn pdf_standard(query: Option<&str>) -> Result<PdfStandard, ApiError> {
    for pair in query.unwrap_or_default().split('&') {
        if let Some(value) = pair.strip_prefix("pdf_standard=") {
            return value.parse().map_err(|_| {
                ApiError::BadRequest("tham số pdf_standard phải là pdf hoặc a-2b".to_string())
            });
        }
    }
    Ok(PdfStandard::default())
}

/// The body, if it is declared as JSON, within the limit, and well-formed.
pub(crate) fn json_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !(media == "application/json"
        || (media.starts_with("application/") && media.ends_with("+json")))
    {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(limit)
        } else {
            ApiError::BadRequest("không đọc được nội dung yêu cầu".to_string())
        }
    })?;
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
        return Err(ApiError::BadRequest(format!(
            "không đọc được JSON (dòng {}, cột {})",
            e.line(),
            e.column()
        )));
    }
    Ok(body)
}
