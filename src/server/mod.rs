//! `dangvu serve`: the HTTP service (axum on Tokio).
//!
//! Safe by default: it listens on loopback unless told otherwise, and refuses
//! to listen anywhere else without an access token; bodies are bounded,
//! renders are bounded in time and in number (a full queue answers 503 at
//! once), and logs carry no case data.

pub mod error;
mod extract;
mod file_body;
mod middleware;
pub mod openapi;
pub mod pool;
pub mod register;
pub mod routes;
mod spec;
pub mod state;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use crate::Renderer;
use pool::Pool;
pub use state::AppState;

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
