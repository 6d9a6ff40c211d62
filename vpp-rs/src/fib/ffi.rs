//! The shim's declarations (`csrc/shim.h`, `csrc/fib_shim.c`) and the
//! retval-to-error mapping.

use crate::api::retval;
use crate::error::{Error, Result};

#[cfg(vpp_process_shim)]
use crate::sys::{vpp_rs_fib_path_t, vpp_rs_fib_prefix_t, vpp_rs_fib_update_t};
#[cfg(vpp_process_shim)]
use core::ffi::{c_char, c_void};

#[cfg(vpp_process_shim)]
extern "C" {
    pub(crate) fn vpp_rs_fib_source_allocate(
        name: *const c_char,
        priority: u8,
        is_simple: u8,
        source: *mut u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_entry_punt_add(
        fib_index: u32,
        pfx: *const vpp_rs_fib_prefix_t,
        source: u32,
        entry_index: *mut u32,
    ) -> i32;
    pub(crate) fn vpp_rs_ip_table_bind(proto: u8, sw_if_index: u32, table_id: u32) -> i32;
    pub(crate) fn vpp_rs_fib_table_lock(proto: u8, table_id: u32, source: u32, fib_index: *mut u32) -> i32;
    pub(crate) fn vpp_rs_fib_table_unlock(proto: u8, fib_index: u32, source: u32) -> i32;
    pub(crate) fn vpp_rs_fib_table_find(proto: u8, table_id: u32, fib_index: *mut u32) -> i32;
    pub(crate) fn vpp_rs_fib_table_id(proto: u8, fib_index: u32, table_id: *mut u32) -> i32;
    pub(crate) fn vpp_rs_fib_table_of_interface(proto: u8, sw_if_index: u32, fib_index: *mut u32) -> i32;
    pub(crate) fn vpp_rs_fib_entry_paths(
        op: u32,
        fib_index: u32,
        pfx: *const vpp_rs_fib_prefix_t,
        source: u32,
        flags: u32,
        paths: *const vpp_rs_fib_path_t,
        n_paths: u32,
        entry_index: *mut u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_entries_update(
        u: *mut vpp_rs_fib_update_t,
        n: u32,
        paths: *const vpp_rs_fib_path_t,
        n_paths: u32,
    );
    pub(crate) fn vpp_rs_fib_entry_delete(
        fib_index: u32,
        pfx: *const vpp_rs_fib_prefix_t,
        source: u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_entry_special_add(
        fib_index: u32,
        pfx: *const vpp_rs_fib_prefix_t,
        source: u32,
        flags: u32,
        entry_index: *mut u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_entry_special_remove(
        fib_index: u32,
        pfx: *const vpp_rs_fib_prefix_t,
        source: u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_table_mark_sweep(fib_index: u32, proto: u8, source: u32, is_sweep: u8) -> i32;
    pub(crate) fn vpp_rs_fib_table_entries(
        fib_index: u32,
        proto: u8,
        source: u32,
        f: Option<
            unsafe extern "C" fn(
                ctx: *mut c_void,
                pfx: *const vpp_rs_fib_prefix_t,
                flags: u32,
                paths: *const vpp_rs_fib_path_t,
                n_paths: u32,
            ),
        >,
        ctx: *mut c_void,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_table_flush_interfaces(
        fib_index: u32,
        proto: u8,
        source: u32,
        sw_if_indexes: *const u32,
        n: u32,
        n_removed: *mut u32,
    ) -> i32;
    pub(crate) fn vpp_rs_fib_table_num_entries(fib_index: u32, proto: u8, source: u32, n: *mut u32) -> i32;
}

/// The error of a shim retval (`Ok` for 0).
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
pub(crate) fn check(rv: i32, what: impl FnOnce() -> String) -> Result<()> {
    if rv == 0 {
        Ok(())
    } else {
        Err(Error::with_retval(rv, format!("{}: {}", what(), retval::message(rv).unwrap_or("error"))))
    }
}

/// What every call answers without VPP headers.
#[cfg_attr(vpp_process_shim, allow(dead_code))]
pub(crate) fn no_shim() -> Error {
    Error::with_retval(retval::FEATURE_DISABLED, "the FIB needs vpp-rs built with VPP headers")
}
