//! CLI commands (`VLIB_CLI_COMMAND`) and their output.

use crate::sys;
use crate::thread::MainThread;
use crate::vm::Vm;
use core::cell::UnsafeCell;
use core::ffi::CStr;
use std::ffi::CString;

/// A static CLI command record (`vlib_cli_command_t`).
#[repr(transparent)]
pub struct CliRegistration(UnsafeCell<sys::vlib_cli_command_t>);

// SAFETY: written by load-time constructors and by VPP on the main thread.
unsafe impl Sync for CliRegistration {}

impl CliRegistration {
    /// Build the record.
    pub const fn new(
        path: &'static CStr,
        short_help: Option<&'static CStr>,
        long_help: Option<&'static CStr>,
        f: sys::vlib_cli_command_function_t,
        is_mp_safe: bool,
    ) -> Self {
        CliRegistration(UnsafeCell::new(sys::vlib_cli_command_t {
            path: path.as_ptr(),
            short_help: match short_help {
                Some(s) => s.as_ptr(),
                None => core::ptr::null(),
            },
            long_help: match long_help {
                Some(s) => s.as_ptr(),
                None => core::ptr::null(),
            },
            function: Some(f),
            function_arg: 0,
            is_mp_safe: is_mp_safe as u64,
            _internal: [0; 40],
            next_cli_command: core::ptr::null_mut(),
            hit_counter: 0,
            _pad: 0,
        }))
    }

    /// Pointer to the C record.
    pub fn as_ptr(&self) -> *mut sys::vlib_cli_command_t {
        self.0.get()
    }

    /// The command path.
    pub fn path(&self) -> &'static CStr {
        // SAFETY: set from a 'static CStr in `new`.
        unsafe { CStr::from_ptr((*self.0.get()).path) }
    }

    /// Register through `vlib_cli_command_registration_helper` (constructor).
    ///
    /// # Safety
    /// Call once from a load-time constructor.
    pub unsafe fn register(&'static self) {
        // SAFETY: VPP's helper links the record (and registers it at once
        // if the CLI is already up).
        unsafe { sys::vlib_cli_command_registration_helper(self.as_ptr()) }
    }

    /// Unlink from `cli_main.cli_command_registrations` (destructor).
    ///
    /// # Safety
    /// As for [`CliRegistration::register`].
    pub unsafe fn unregister(&'static self) {
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(
                core::ptr::addr_of_mut!(sys::vlib_global_main.cli_command_registrations),
                self.as_ptr(),
                |r| core::ptr::addr_of_mut!((*r).next_cli_command),
            )
        }
    }
}

/// Output of a CLI command, printed to the session that ran it.
pub struct CliOutput<'a> {
    vm: &'a Vm,
}

impl<'a> CliOutput<'a> {
    /// Output for the command running on the main thread
    /// (`vlib_cli_output` is main-thread only).
    pub fn new(mt: &'a MainThread) -> Self {
        CliOutput { vm: mt.vm() }
    }

    /// Print one line (`vlib_cli_output`).
    pub fn line(&mut self, text: &str) {
        let c = CString::new(text.replace('\0', "\\0")).unwrap_or_default();
        // SAFETY: "%s" with one C string; runs on the CLI's thread.
        unsafe { sys::vlib_cli_output(self.vm.as_ptr(), c"%s".as_ptr(), c.as_ptr()) }
    }
}

impl core::fmt::Write for CliOutput<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for l in s.strip_suffix('\n').unwrap_or(s).split('\n') {
            self.line(l);
        }
        Ok(())
    }
}
