//! The node graph seen from the control plane: nodes by name, and symbols
//! of other plugins.

use crate::thread::MainThread;
use core::ffi::{c_char, c_void};
use std::ffi::CString;

extern "C" {
    fn vlib_get_node_by_name(vm: *mut crate::sys::vlib_main_t, name: *mut u8)
        -> *mut crate::sys::vlib_node_t;
    fn vlib_get_plugin_symbol(plugin_name: *const c_char, symbol_name: *const c_char) -> *mut c_void;
}

/// The index of the node called `name`, if VPP has one.
pub fn node_index(mt: &MainThread, name: &str) -> Option<u32> {
    let c = CString::new(name).ok()?;
    // SAFETY: main thread (the token), where the node table is stable; VPP
    // copies the NUL-terminated name into a lookup key and only reads it.
    unsafe {
        let n = vlib_get_node_by_name(mt.vm().as_ptr(), c.as_ptr() as *mut u8);
        (!n.is_null()).then(|| (*n).index)
    }
}

/// The address of `symbol` in plugin `plugin` (e.g. `"osi_plugin.so"`), if
/// that plugin is loaded and exports it (`vlib_get_plugin_symbol`).
///
/// The address is only useful through an `unsafe` cast to the function
/// type the other plugin's header declares.
pub fn plugin_symbol(mt: &MainThread, plugin: &str, symbol: &str) -> Option<*mut c_void> {
    let _ = mt;
    let (p, s) = (CString::new(plugin).ok()?, CString::new(symbol).ok()?);
    // SAFETY: two C strings VPP only reads; the plugin table is stable on
    // the main thread after loading.
    let f = unsafe { vlib_get_plugin_symbol(p.as_ptr(), s.as_ptr()) };
    (!f.is_null()).then_some(f)
}
