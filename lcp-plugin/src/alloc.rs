//! The plugin's allocator.
//!
//! The plugin's Rust allocations (the Linux model, what was installed, the
//! listener's decoded messages) come from mimalloc's thread-local heaps, not
//! from VPP's main heap through `malloc` (which VPP's libvppinfra provides):
//! the listener thread decoding a million-route dump and the main thread
//! updating the FIB took turns on that heap's lock, and the FIB calls alone
//! ran 20% slower for it. The process RSS shows this memory; VPP's `show
//! memory main-heap` no longer does (nor is it bounded by `main-heap-size`).
//!
//! mimalloc returns memory a page no longer uses to the OS after
//! `purge_delay` (10 ms by default). A batch's short-lived vectors freed and
//! allocated again a few milliseconds apart then found their memory purged,
//! and every touch faulted a page in again (with transparent huge pages, a
//! 2 MiB page zeroed): 8% of an import's main-thread time went to zeroing
//! pages. [`PURGE_DELAY_MS`] keeps freed memory a second before it goes back,
//! so churn reuses it and only memory idle that long is returned.

use core::ffi::{c_int, c_long};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its position in v3's `mi_option_e`;
/// the test checks it still is that option by its default value).
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// How long freed memory stays with mimalloc before it is purged (ms).
pub const PURGE_DELAY_MS: c_long = 1000;

extern "C" {
    // mimalloc's option API (libmimalloc-sys links the library).
    fn mi_option_set(option: c_int, value: c_long);
    fn mi_option_get(option: c_int) -> c_long;
}

/// Apply [`PURGE_DELAY_MS`].
pub fn tune() {
    // SAFETY: mimalloc's options are plain integers read when needed; setting
    // one is thread-safe and takes effect for later purges.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

/// mimalloc's current purge delay (ms).
pub fn purge_delay_ms() -> c_long {
    // SAFETY: reading an option has no preconditions.
    unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }
}

#[vpp::init]
fn alloc_init(_b: &vpp::Barrier) -> vpp::Result<()> {
    tune();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_is_the_option_set() {
        // mimalloc's default purge delay is 10 ms: the index names that option.
        assert_eq!(super::purge_delay_ms(), 10);
        super::tune();
        assert_eq!(super::purge_delay_ms(), super::PURGE_DELAY_MS);
    }
}
