//! `show trace` formatting: the C callback VPP calls for each traced packet.

use crate::node::TraceData;
use crate::sys;
use core::ffi::c_char;
use std::ffi::CString;

/// Read the next pointer-sized argument from a SysV x86_64 `va_list`
/// (what `va_arg(*args, void *)` does).
///
/// # Safety
/// `ap` must be a live `va_list` with at least one more integer-class
/// argument.
#[inline]
pub unsafe fn va_arg_ptr(ap: *mut sys::va_list_tag) -> *mut u8 {
    // SAFETY: follows the SysV ABI: the first six integer arguments are in
    // the register save area (48 bytes), the rest in the overflow area.
    unsafe {
        let ap = &mut *ap;
        if ap.gp_offset < 48 {
            let p = ap.reg_save_area.add(ap.gp_offset as usize) as *mut *mut u8;
            ap.gp_offset += 8;
            *p
        } else {
            let p = ap.overflow_arg_area as *mut *mut u8;
            ap.overflow_arg_area = ap.overflow_arg_area.add(8);
            *p
        }
    }
}

/// Append `text` to the vppinfra vector `s` with VPP's `format`.
///
/// # Safety
/// `s` must be NULL or a vppinfra `u8` vector; VPP (or the stand-in) must
/// provide `format`.
pub unsafe fn append(s: *mut u8, text: &str) -> *mut u8 {
    let c = CString::new(text.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: "%s" with one valid C string argument.
    unsafe { sys::format(s, c"%s".as_ptr() as *const c_char, c.as_ptr()) }
}

/// The `format_trace` function of a node whose trace data is `T`:
/// VPP passes `(vlib_main_t *, vlib_node_t *, T *)` in the `va_list`.
///
/// # Safety
/// Only VPP calls this, with the arguments above.
pub unsafe extern "C" fn format_trace<T: TraceData>(s: *mut u8, args: *mut sys::va_list_tag) -> *mut u8 {
    let r = std::panic::catch_unwind(|| {
        // SAFETY: VPP passes vm, node and the trace data, in this order.
        let t = unsafe {
            let _vm = va_arg_ptr(args);
            let _node = va_arg_ptr(args);
            (va_arg_ptr(args) as *const T).read_unaligned()
        };
        t.to_string()
    });
    let text = r.unwrap_or_else(|_| String::from("<trace formatter panicked>"));
    // SAFETY: `s` is the vector VPP is building.
    unsafe { append(s, &text) }
}
