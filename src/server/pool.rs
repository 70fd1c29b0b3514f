//! The render pool: renders run on rayon's threads, at most one per
//! core at a time, behind a bounded waiting queue. When the queue is full a
//! request is refused at once (503) instead of waiting behind all the others.

use std::collections::BTreeMap;
use std::io::{Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use super::error::ApiError;
use crate::{Format, RenderOptions, Rendered, Renderer};

/// Renders between two evictions of Typst's memoisation caches.
const EVICT_EVERY: u64 = 64;
/// A pack may take this many times the render timeout.
const PACK_TIMEOUT_FACTOR: u32 = 12;
/// Cache entries unused for this many evictions are dropped.
const EVICT_MAX_AGE: usize = 2;

/// A built pack: its ZIP in an unlinked temporary file, at the start.
pub struct PackFile {
    pub file: std::fs::File,
    /// The ZIP's size in bytes.
    pub len: u64,
}

pub struct Pool {
    renderer: Arc<Renderer>,
    /// Renders running now (one per core).
    running: Arc<Semaphore>,
    /// Renders admitted: running plus waiting.
    admitted: Arc<Semaphore>,
    timeout: Duration,
    renders: AtomicU64,
}

impl Pool {
    pub fn new(renderer: Arc<Renderer>, workers: usize, queue: usize, timeout: Duration) -> Self {
        Self {
            renderer,
            running: Arc::new(Semaphore::new(workers.max(1))),
            admitted: Arc::new(Semaphore::new(workers.max(1) + queue)),
            timeout,
            renders: AtomicU64::new(0),
        }
    }

    pub fn renderer(&self) -> &Arc<Renderer> {
        &self.renderer
    }

    /// Longest a render may take, waiting included.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Renders a case, or refuses at once when the queue is full.
    pub async fn render(
        self: &Arc<Self>,
        form: &str,
        case: axum::body::Bytes,
        format: Format,
        options: RenderOptions,
    ) -> Result<Rendered, ApiError> {
        let form = form.to_string();
        self.run(self.timeout, move |r| {
            r.render_with(&form, &case, format, options)
        })
        .await
    }

    /// Checks a case as a render would, without rendering.
    pub async fn check(
        self: &Arc<Self>,
        form: &str,
        case: Vec<u8>,
    ) -> Result<Result<String, Vec<crate::Problem>>, ApiError> {
        let form = form.to_string();
        self.run(self.timeout, move |r| match r.prepare(&form, &case) {
            Ok(prepared) => Ok(Ok(prepared.doc_number)),
            Err(crate::Error::Invalid(problems)) => Ok(Err(problems)),
            Err(e) => Err(e),
        })
        .await
    }

    /// One page of a case's document as PNG, with the page count.
    pub async fn preview(
        self: &Arc<Self>,
        form: &str,
        case: axum::body::Bytes,
        page: usize,
    ) -> Result<crate::Preview, ApiError> {
        let form = form.to_string();
        self.run(self.timeout, move |r| r.preview(&form, &case, page))
            .await
    }

    /// Builds a quarterly pack (it renders in parallel itself, so it takes
    /// one place in the queue but may use every core; it gets
    /// [`PACK_TIMEOUT_FACTOR`] times the render timeout) into an unlinked
    /// temporary file, rewound, for the answer to stream from: the ZIP is
    /// never held in memory. Roster files come from `files` (an upload),
    /// never from disk.
    pub async fn pack(
        self: &Arc<Self>,
        committee: axum::body::Bytes,
        files: BTreeMap<String, Vec<u8>>,
    ) -> Result<PackFile, ApiError> {
        let options = crate::pack::Options {
            base_dir: None,
            skip_bad_rows: false,
            files,
        };
        let timeout = self.timeout * PACK_TIMEOUT_FACTOR;
        self.run(timeout, move |r| {
            let _purge = crate::pack::PromptPurge::start();
            let plan = crate::pack::Plan::new(r, &committee, &options)?;
            // The request body is not needed once validated.
            drop(committee);
            let temp = |e| crate::Error::io("the pack's temporary file", e);
            let file = tempfile::tempfile().map_err(temp)?;
            let zip = plan.write(r, None, std::io::BufWriter::new(file))?;
            let mut file = zip.into_inner().map_err(|e| temp(e.into_error()))?;
            let len = file.seek(SeekFrom::End(0)).map_err(temp)?;
            file.rewind().map_err(temp)?;
            Ok(PackFile { file, len })
        })
        .await
    }

    /// Runs `job` on a blocking thread once a core is free, or refuses at
    /// once when the queue is full.
    pub(crate) async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        timeout: Duration,
        job: impl FnOnce(&Renderer) -> crate::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let Ok(admitted) = self.admitted.clone().try_acquire_owned() else {
            return Err(ApiError::Overloaded {
                retry_after_secs: 1,
                timed_out: false,
            });
        };
        let started = Instant::now();
        let this = Arc::clone(self);
        let work = async move {
            let running = this
                .running
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| ApiError::Internal)?;
            let pool = Arc::clone(&this);
            let (done, result) = tokio::sync::oneshot::channel();
            // On the render pool rather than a blocking thread of Tokio's:
            // its threads have the stack layout needs, and Typst lays out in
            // parallel with rayon: from inside the pool that work stays on
            // this thread when the other cores are busy instead of being
            // handed to another thread and waited for.
            crate::workers::pool().spawn(move || {
                // Both permits live as long as the render itself, even when the
                // request has given up on it: a timed-out render still occupies
                // its core until Typst is done.
                let _permits = (running, admitted);
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&pool.renderer)));
                pool.after_render();
                let _ = done.send(result);
            });
            match result.await {
                Ok(Ok(result)) => result.map_err(ApiError::from),
                Ok(Err(payload)) => {
                    let cause = payload
                        .downcast_ref::<&str>()
                        .copied()
                        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                        .unwrap_or("(no message)");
                    tracing::error!(kind = "panic", cause, "render failed");
                    Err(ApiError::Internal)
                }
                Err(_) => {
                    tracing::error!(
                        kind = "lost",
                        "render failed: its thread ended without an answer"
                    );
                    Err(ApiError::Internal)
                }
            }
        };
        match tokio::time::timeout(timeout, work).await {
            Ok(result) => result,
            Err(_) => {
                tracing::warn!(
                    waited_ms = started.elapsed().as_millis() as u64,
                    "render timed out"
                );
                Err(ApiError::Overloaded {
                    retry_after_secs: 1,
                    timed_out: true,
                })
            }
        }
    }

    /// Every [`EVICT_EVERY`] renders, drops Typst's memoised results that were
    /// not reused recently, so memory does not grow with the number of
    /// distinct cases. Fonts, the parsed layout library and templates are
    /// reused by every render and stay cached.
    fn after_render(&self) {
        let n = self.renders.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(EVICT_EVERY) {
            typst::comemo::evict(EVICT_MAX_AGE);
        }
    }
}
