//! Deliberately wrong `extern "C"` declarations, checked instead of the
//! same-named real ones when the build runs with
//! `VPP_EXTERN_SELFTEST_FAULT=1`; the extern check must reject each. Never
//! compiled (the build script only parses it). See `tests/extern_check.rs`.

use super::{vlib_buffer_t, vlib_frame_t, vlib_main_t, vlib_node_runtime_t};
use core::ffi::c_void;

extern "C" {
    /// `n_data_bytes` is a `u32` in the headers.
    pub fn vlib_add_trace(
        vm: *mut vlib_main_t,
        r: *mut vlib_node_runtime_t,
        b: *mut vlib_buffer_t,
        n_data_bytes: u16,
    ) -> *mut c_void;
    /// One parameter (`alloc_new_frame`) missing.
    pub fn vlib_get_next_frame_internal(
        vm: *mut vlib_main_t,
        node: *mut vlib_node_runtime_t,
        next_index: u32,
    ) -> *mut vlib_frame_t;
    /// An opaque pointer where the headers have `vlib_main_t *`, not in the
    /// allow-list.
    pub fn vlib_worker_thread_barrier_release(vm: *mut c_void);
    /// Not a VPP function at all.
    pub fn vlib_no_such_function(vm: *mut vlib_main_t);
}
