//! While a pack renders, mimalloc returns freed memory to the system at
//! once instead of after its purge delay (10 ms). A pack frees each window's
//! documents and layouts before the next; returned late, that memory stays
//! counted while the committee's report is laid out, and a 2,000-branch pack
//! peaked 25 MiB higher (BENCHMARKS.md). Single renders are faster with the
//! delay, so the service restores it when no pack is running.

use std::sync::Mutex;

/// `mi_option_purge_delay`: its position in `mi_option_e` of the v3
/// `mimalloc.h` that libmimalloc-sys 0.1.49 builds (the crate names no
/// constant for it; Cargo.lock pins the version).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Packs running, and the purge delay to restore when the last one ends.
static RUNNING: Mutex<(usize, std::ffi::c_long)> = Mutex::new((0, 0));

/// Prompt purging for as long as it lives (see the module's doc). Without
/// mimalloc as the global allocator (the tests) it changes nothing that is
/// used.
pub struct PromptPurge(());

impl PromptPurge {
    pub fn start() -> Self {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        if running.0 == 0 {
            // SAFETY: mi_option_get and mi_option_set only read and store an
            // option value, which mimalloc reads each time it purges.
            running.1 = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
        }
        running.0 += 1;
        Self(())
    }
}

impl Drop for PromptPurge {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.0 -= 1;
        if running.0 == 0 {
            // SAFETY: as in `start`.
            unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, running.1) };
        }
    }
}
