//! `dangvu serve`: the HTTP service (axum on Tokio).
//!
//! Safe by default: it listens on loopback unless told otherwise, and refuses
//! to listen anywhere else without an access token; bodies are bounded,
//! renders are bounded in time and in number (a full queue answers 503 at
//! once), and logs carry no case data.

pub mod error;
mod file_body;
pub mod openapi;
pub mod pool;
pub mod register;
pub mod routes;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use crate::Renderer;
use error::ApiError;
use pool::Pool;

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: IpAddr,
    pub port: u16,
    /// Required for every `/v1` request when set; mandatory off loopback.
    pub token: Option<String>,
    /// Largest accepted request body, in bytes, for every route but the pack.
    pub max_body: usize,
    /// Largest accepted body of a quarterly pack request, in bytes: a
    /// committee with its rosters inline is far larger than one case.
    pub max_pack_body: usize,
    /// Longest a render may take, waiting included.
    pub timeout: Duration,
    /// Renders that may wait for a core before new ones are refused.
    pub queue: usize,
    /// Renders running at once; defaults to the number of cores.
    pub workers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            token: None,
            max_body: 1024 * 1024,
            max_pack_body: DEFAULT_MAX_PACK_BODY,
            timeout: Duration::from_secs(10),
            queue: 64,
            workers: cores(),
        }
    }
}

pub use crate::workers::cores;

/// The default limit of a pack request: 64 MiB holds the largest committee a
/// pack accepts (2,000 branches, 120,000 members inline: 45 MB as
/// `demo-data` writes it).
pub const DEFAULT_MAX_PACK_BODY: usize = 64 * 1024 * 1024;

impl Config {
    /// Refuses configurations that would expose the service unprotected.
    pub fn check(&self) -> Result<(), String> {
        if let Some(token) = &self.token
            && token.trim().len() < 16
        {
            return Err(
                "mã truy cập (DANGVU_TOKEN hoặc --token-file) phải dài ít nhất 16 ký tự".into(),
            );
        }
        if !self.bind.is_loopback() && self.token.is_none() {
            return Err(format!(
                "không mở dịch vụ ở địa chỉ {} khi chưa có mã truy cập: đặt DANGVU_TOKEN hoặc \
                 --token-file, hoặc dùng địa chỉ nội bộ (127.0.0.1)",
                self.bind
            ));
        }
        if self.max_body == 0 {
            return Err("--max-body phải lớn hơn 0".into());
        }
        if self.max_pack_body == 0 {
            return Err("--max-pack-body phải lớn hơn 0".into());
        }
        Ok(())
    }
}

/// What every handler shares.
pub struct AppState {
    pub pool: Arc<Pool>,
    pub token: Option<String>,
    pub max_body: usize,
    pub max_pack_body: usize,
    /// The OpenAPI document, built once at start-up.
    pub openapi: axum::body::Bytes,
    /// The document register, when the service keeps one (`serve` always
    /// does; tests may build the service without it).
    pub register: Option<Arc<crate::register::Register>>,
    next_id: AtomicU64,
}

/// Builds the service for a renderer (also used by tests in-process).
pub fn app(config: &Config, renderer: Arc<Renderer>) -> axum::Router {
    app_with(config, renderer, None)
}

/// Builds the service with its document register.
pub fn app_with_register(
    config: &Config,
    renderer: Arc<Renderer>,
    register: Arc<crate::register::Register>,
) -> axum::Router {
    app_with(config, renderer, Some(register))
}

fn app_with(
    config: &Config,
    renderer: Arc<Renderer>,
    register: Option<Arc<crate::register::Register>>,
) -> axum::Router {
    let secured = config.token.is_some();
    let openapi = if register.is_some() {
        openapi::document_with_register(&renderer, secured)
    } else {
        openapi::document(&renderer, secured)
    };
    let openapi = serde_json::to_vec_pretty(&openapi).unwrap_or_default();
    let state = Arc::new(AppState {
        pool: Arc::new(Pool::new(
            renderer,
            config.workers,
            config.queue,
            config.timeout,
        )),
        token: config.token.clone(),
        max_body: config.max_body,
        max_pack_body: config.max_pack_body,
        openapi: openapi.into(),
        register,
        next_id: AtomicU64::new(1),
    });
    routes::router(state)
}

/// Runs the service until SIGTERM or Ctrl-C, then stops accepting, finishes
/// the requests in flight and returns. The first line on standard output is
/// `listening on http://ADDR`.
pub fn run(config: Config, renderer: Renderer) -> Result<(), String> {
    serve(config, renderer, None)
}

/// [`run`] with the document register's routes and page.
pub fn run_with_register(
    config: Config,
    renderer: Renderer,
    register: crate::register::Register,
) -> Result<(), String> {
    serve(config, renderer, Some(Arc::new(register)))
}

fn serve(
    config: Config,
    renderer: Renderer,
    register: Option<Arc<crate::register::Register>>,
) -> Result<(), String> {
    config.check()?;
    let grace = config.timeout;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.workers.max(1) + 4)
        .build()
        .map_err(|e| format!("không khởi động được dịch vụ: {e}"))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(config.bind, config.port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            format!("không mở được cổng {addr} (cổng đã có chương trình khác dùng?): {e}")
        })?;
        let local = listener.local_addr().map_err(|e| {
            format!("không mở được cổng {addr} (cổng đã có chương trình khác dùng?): {e}")
        })?;
        let app = app_with(&config, Arc::new(renderer), register);
        {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = writeln!(out, "listening on http://{local}");
            let _ = out.flush();
        }
        tracing::info!(
            %local,
            workers = config.workers,
            queue = config.queue,
            max_body = config.max_body,
            max_pack_body = config.max_pack_body,
            token = config.token.is_some(),
            "dangvu serve started"
        );
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| format!("dịch vụ dừng vì lỗi: {e}"))?;
        tracing::info!("stopped: all requests in flight answered");
        Ok::<(), String>(())
    })?;
    runtime.shutdown_timeout(grace);
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown requested: no new connections, finishing requests in flight");
}

/// Checks `Authorization: Bearer …` in constant time when a token is set.
async fn require_token(
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
async fn observe(
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
        .get::<routes::LoggedForm>()
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
