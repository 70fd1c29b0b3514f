//! What wraps every request: the token check and the one log line.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::state::AppState;

/// The form a request was about, for its log line; set only for forms that
/// exist, so nothing a client typed reaches the log.
#[derive(Clone)]
pub struct LoggedForm(pub String);

/// Checks `Authorization: Bearer …` in constant time when a token is set.
pub(super) async fn require_token(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(token) = &state.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .unwrap_or_default()
            .trim();
        let ok: bool = given.as_bytes().ct_eq(token.as_bytes()).into();
        if !ok {
            return ApiError::Unauthorized.into_response();
        }
    }
    next.run(request).await
}

/// One log line per request: id, method, route, form, status, duration,
/// size. Never the body, never the query, never the raw path.
pub(super) async fn observe(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let id = state.next_id.fetch_add(1, Ordering::Relaxed);
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "(unmatched)".to_string());
    // Whatever is logged while the request is answered carries its id.
    let span = tracing::error_span!("request", request_id = id);
    let mut response = tracing::Instrument::instrument(next.run(request), span).await;
    if response.status() == axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        response = ApiError::internal(id);
    }
    let status = response.status().as_u16();
    let size = axum::body::HttpBody::size_hint(response.body()).exact();
    let form = response
        .extensions()
        .get::<LoggedForm>()
        .map(|f| f.0.clone());
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        request_id = id,
        method = %method,
        route = %route,
        form = %form.as_deref().unwrap_or("-"),
        status,
        duration_ms = format_args!("{ms:.1}"),
        bytes = size.unwrap_or(0),
        "request"
    );
    if let Ok(v) = HeaderValue::from_str(&id.to_string()) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}
