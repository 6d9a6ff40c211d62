//! Interface callback lists of `vnet_main_t` (`vnet/interface.h`).

use super::{assert_layout, clib_error_t};
use core::ffi::c_void;

/// `_vnet_interface_function_list_elt_t`: one element of an interface
/// callback list (`VNET_SW_INTERFACE_ADD_DEL_FUNCTION` and its siblings).
#[repr(C)]
pub struct _vnet_interface_function_list_elt_t {
    /// The next element.
    pub next_interface_function: *mut _vnet_interface_function_list_elt_t,
    /// `clib_error_t *fp (vnet_main_t *vnm, u32 index, u32 flags)`; for the
    /// sw add/del list `flags` is `is_add`.
    pub fp: Option<unsafe extern "C" fn(vnm: *mut c_void, if_index: u32, flags: u32) -> *mut clib_error_t>,
}

assert_layout!(_vnet_interface_function_list_elt_t, size 16, align 8, next_interface_function @ 0, fp @ 8);
