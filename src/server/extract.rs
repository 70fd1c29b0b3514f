//! What handlers read from a request besides its route: the JSON body and
//! the `pdf_standard` parameter, checked the same way on every route.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, Uri, header};

use super::error::ApiError;
use crate::legacy::{self, Converted};
use crate::{PdfStandard, RenderOptions};

/// What a route that takes JSON reads besides its path: the query (a
/// document's format and options), the headers (content type, `Accept`)
/// and the body, kept as it came so that [`JsonRequest::body`] answers a bad
/// body with the API's own message. One extractor, so every route reads its
/// JSON (and rendering and issuing read a case) the same way.
pub(crate) struct JsonRequest {
    pub uri: Uri,
    pub headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
}

impl<S: Send + Sync> FromRequest<S> for JsonRequest {
    type Rejection = Infallible;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (uri, headers) = (request.uri().clone(), request.headers().clone());
        let body = Bytes::from_request(request, state).await;
        Ok(Self { uri, headers, body })
    }
}

impl JsonRequest {
    /// The rendering options the query asks for.
    pub fn options(&self) -> Result<RenderOptions, ApiError> {
        render_options(&self.uri)
    }

    /// The body, checked by [`json_body`].
    pub fn body(self, limit: usize) -> Result<Bytes, ApiError> {
        json_body(&self.headers, self.body, limit)
    }

    /// The case, checked by [`json_body`], with text in a legacy encoding
    /// converted (and the fields that were).
    pub fn json(self, limit: usize) -> Result<(Vec<u8>, Vec<Converted>), ApiError> {
        Ok(legacy::convert_json(&self.body(limit)?))
    }
}

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

/// The rendering options a request's query asks for.
pub(crate) fn render_options(uri: &Uri) -> Result<RenderOptions, ApiError> {
    Ok(RenderOptions {
        pdf_standard: pdf_standard(uri.query())?,
    })
}

/// The body, if it is declared as JSON, within the limit, not empty and
/// well-formed; without a leading byte-order mark.
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
    // A byte-order mark (Windows Notepad writes one) is not part of the JSON.
    let body = body.slice(body.len() - crate::case::input::strip_bom(&body).len()..);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "hồ sơ trống: nội dung gửi lên không có dữ liệu JSON nào".to_string(),
        ));
    }
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
        return Err(ApiError::BadRequest(format!(
            "không đọc được JSON (dòng {}, cột {})",
            e.line(),
            e.column()
        )));
    }
    Ok(body)
}
