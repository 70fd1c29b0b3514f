//! The threads documents are laid out on.
//!
//! Renders run on a rayon pool, and Typst itself waits inside the pool (page
//! runs in parallel; krilla's PDF writer yields to rayon). A thread that waits
//! there runs other queued jobs on top of its own stack: other whole renders.
//! With every document of a pack queued at once, a 250-branch committee
//! stacked 91 renders on one thread, overflowed its 2 MiB stack and aborted
//! the process (a stack overflow cannot be caught or answered). So renders
//! queue a bounded number at a time (a pack's window, the service's queue),
//! and run on this pool, whose threads get [`STACK`]: room for every render
//! that can be queued at once stacked on one thread, each at the depth of
//! the largest accepted document (tests/pack.rs renders both). Only the pages
//! of stack a render touches are committed: the reservation costs address
//! space, not memory.
//!
//! Typst's own parallel work runs on the pool of the thread that asks for
//! it, so it lands here too.

use std::sync::OnceLock;

/// The stack of every thread that lays out a document.
pub const STACK: usize = 256 * 1024 * 1024;

/// The pool: one thread per core.
pub fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores())
            .stack_size(STACK)
            .thread_name(|i| format!("dangvu-render-{i}"))
            .build()
            .unwrap_or_else(|e| panic!("không khởi động được các luồng dựng văn bản: {e}"))
    })
}

/// Runs `work` on the pool and waits for it (at once when already there).
pub fn install<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    pool().install(work)
}

/// The number of cores the process may use.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}
