//! Startup-config stanzas (`VLIB_CONFIG_FUNCTION`, `VLIB_EARLY_CONFIG_FUNCTION`).

use crate::cstr::fixed;
use crate::sys;
use core::cell::UnsafeCell;

/// A static config-function record (`vlib_config_function_runtime_t`).
#[repr(transparent)]
pub struct ConfigRegistration(UnsafeCell<sys::vlib_config_function_runtime_t>);

// SAFETY: written by load-time constructors and by VPP on the main thread.
unsafe impl Sync for ConfigRegistration {}

impl ConfigRegistration {
    /// Build the record for stanza `name` (at most 31 bytes).
    pub const fn new(f: sys::vlib_config_function_t, name: &str, is_early: bool) -> Self {
        ConfigRegistration(UnsafeCell::new(sys::vlib_config_function_runtime_t {
            function: Some(f),
            input: sys::unformat_input_t {
                buffer: core::ptr::null_mut(),
                index: 0,
                buffer_marks: core::ptr::null_mut(),
                fill_buffer: core::ptr::null_mut(),
                free: core::ptr::null_mut(),
                fill_buffer_arg: core::ptr::null_mut(),
            },
            next_registration: core::ptr::null_mut(),
            is_early: is_early as u8,
            name: fixed::<32>(name),
        }))
    }

    /// Pointer to the C record.
    pub fn as_ptr(&self) -> *mut sys::vlib_config_function_runtime_t {
        self.0.get()
    }

    /// The stanza name.
    pub fn name(&self) -> &str {
        // SAFETY: the name is only written by `new`.
        let n = unsafe { &(*self.0.get()).name };
        let end = n.iter().position(|&c| c == 0).unwrap_or(32);
        core::str::from_utf8(&n[..end]).unwrap_or("")
    }

    /// Link into `vlib_global_main.config_function_registrations`.
    ///
    /// # Safety
    /// Call once from a load-time constructor.
    pub unsafe fn register(&'static self) {
        // SAFETY: single-threaded constructor; plain list push.
        unsafe {
            crate::list::push(
                core::ptr::addr_of_mut!(sys::vlib_global_main.config_function_registrations),
                self.as_ptr(),
                |r| core::ptr::addr_of_mut!((*r).next_registration),
            )
        }
    }

    /// Unlink (destructor).
    ///
    /// # Safety
    /// As for [`ConfigRegistration::register`].
    pub unsafe fn unregister(&'static self) {
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(
                core::ptr::addr_of_mut!(sys::vlib_global_main.config_function_registrations),
                self.as_ptr(),
                |r| core::ptr::addr_of_mut!((*r).next_registration),
            )
        }
    }
}
