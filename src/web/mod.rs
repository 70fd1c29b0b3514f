//! The web workspace (`/`): pages a branch secretary or a ward clerk uses in
//! a browser to fill a form, watch every page of the document as it will
//! print, and download it — no JSON, no command line.
//!
//! The pages hold no case data: they are served without a token, and every
//! piece of work goes through `/v1`, which keeps its token rule (the page asks
//! for the token once and keeps it for the tab). Templates, style sheet and
//! scripts are compiled into the binary; nothing is fetched from elsewhere,
//! and a strict Content-Security-Policy says so to the browser.
//!
//! The input form is built in the browser from the form's case schema (see
//! `assets/bieu-mau.js`): the same walk over the schema builds the inputs,
//! fills them from an example, a saved file, a draft or the previous document,
//! and reads them back into the case, so lists of members can grow and shrink
//! without a round trip and without a second description of the form here.

pub mod assets;
pub mod catalog;
pub mod pages;
pub mod thumbs;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::Renderer;

/// What the web handlers share: the pages take from the service only the
/// renderer (for the catalogue and the thumbnails) and whether it keeps a
/// register, so the service mounts the pages and the pages know nothing of it.
pub struct WebState {
    pub renderer: Arc<Renderer>,
    /// Whether the service keeps a document register (the register page is
    /// shown only then).
    pub register: bool,
    pub pages: pages::Pages,
    pub assets: assets::Assets,
    pub thumbs: thumbs::Thumbnails,
}

/// The pages, their assets and the thumbnails, to merge into a router of any
/// state.
pub fn router<S>(renderer: Arc<Renderer>, register: bool) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let assets = assets::Assets::new();
    let web = Arc::new(WebState {
        pages: pages::Pages::new(&assets),
        thumbs: thumbs::Thumbnails::new(&renderer),
        assets,
        renderer,
        register,
    });
    Router::new()
        .route("/", get(pages::home))
        .route("/bieu-mau/{id}", get(pages::form))
        .route("/bo-bao-cao-quy", get(pages::pack))
        .route("/so-van-ban", get(pages::register))
        .route("/tai-nguyen/{file}", get(pages::asset))
        .route("/anh-mau/{file}", get(thumbs::serve))
        .route_layer(middleware::from_fn(protect))
        .with_state(web)
}

/// Scripts and styles only from this server, pictures from it or from the
/// page itself (previews are blobs), requests only back to it; no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' blob:; connect-src 'self'; form-action 'none'; base-uri 'none'; \
    frame-ancestors 'none'";

async fn protect(request: Request, next: Next) -> Response {
    let protection = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    (protection, next.run(request).await).into_response()
}
