//! Thumbnails of each form's first page for the home page: the form's example
//! typeset once, on the first request, and kept for the life of the process.
//!
//! Small on purpose (the home page shows twelve of them and must stay light on
//! an old phone): 0.22 pixels per point, in 8-bit grey.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::OnceCell;

use super::WebState;
use crate::Renderer;

/// Pixels per typographic point: an A4 page becomes 131 × 185 pixels, sharp
/// at the 90 CSS pixels the home page shows it at.
const SCALE: f64 = 0.22;

/// One cell per form; a form without an example has none.
pub struct Thumbnails(HashMap<String, OnceCell<Option<Bytes>>>);

impl Thumbnails {
    pub fn new(renderer: &Renderer) -> Self {
        Self(
            renderer
                .catalog()
                .iter()
                .filter(|f| f.example.is_some())
                .map(|f| (f.id.clone(), OnceCell::new()))
                .collect(),
        )
    }

    pub fn has(&self, form: &str) -> bool {
        self.0.contains_key(form)
    }
}

pub async fn serve(State(web): State<Arc<WebState>>, Path(file): Path<String>) -> Response {
    let Some(form) = file.strip_suffix(".png") else {
        return super::pages::not_found(&web);
    };
    let Some(cell) = web.thumbs.0.get(form) else {
        return super::pages::not_found(&web);
    };
    let png = cell
        .get_or_init(|| {
            let renderer = Arc::clone(&web.renderer);
            let form = form.to_string();
            async move {
                tokio::task::spawn_blocking(move || first_page(&renderer, &form))
                    .await
                    .ok()
                    .flatten()
                    .map(Bytes::from)
            }
        })
        .await;
    let Some(png) = png else {
        return super::pages::not_found(&web);
    };
    let mut response = png.clone().into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

/// The example's first page as a small grey PNG; `None` if it does not
/// typeset (the home page then shows the title alone).
fn first_page(renderer: &Renderer, form: &str) -> Option<Vec<u8>> {
    let example = renderer.form(form).ok()?.example.clone()?;
    let document = renderer.paged(form, &example).ok()?;
    let page = document.pages().first()?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: SCALE.into(),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    // Pages are opaque: grey is the average of the three channels.
    let grey: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .map(|p| ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3) as u8)
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&grey).ok()?;
    writer.finish().ok()?;
    Some(out)
}
