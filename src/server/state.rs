//! What every handler shares. Its own module, so that the service builder,
//! the routes and the middleware all depend on it and it on none of them.
//! The web pages do not see it: they get the renderer and whether a register
//! is kept (`crate::web::router`).

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::pool::Pool;

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
    pub(super) next_id: AtomicU64,
}
