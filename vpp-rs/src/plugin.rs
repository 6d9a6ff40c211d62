//! The plugin registration record (`VLIB_PLUGIN_REGISTER`).

use crate::cstr::fixed;
use crate::sys;
use core::ffi::CStr;

/// The `vlib_plugin_registration` object VPP looks for, by symbol and by
/// ELF section, before and after `dlopen`. Emit it with `vpp::plugin!`.
#[repr(transparent)]
pub struct PluginRegistration(sys::vlib_plugin_registration_t);

// SAFETY: immutable after compile time; only holds pointers to 'static C
// string literals.
unsafe impl Sync for PluginRegistration {}

impl PluginRegistration {
    /// Build the record at compile time.
    ///
    /// `version` is what `show plugins` prints; `version_required`, when not
    /// empty, is a prefix VPP's own version must start with (e.g. `"26.06"`).
    pub const fn new(
        version: &str,
        version_required: &str,
        description: &'static CStr,
        default_disabled: bool,
        overrides: &str,
    ) -> Self {
        PluginRegistration(sys::vlib_plugin_registration_t {
            flags: default_disabled as u8,
            version: fixed::<64>(version),
            version_required: fixed::<64>(version_required),
            overrides: fixed::<256>(overrides),
            early_init: core::ptr::null(),
            description: description.as_ptr(),
            load_after: core::ptr::null(),
        })
    }

    /// Whether the plugin must be enabled explicitly in `startup.conf`.
    pub fn default_disabled(&self) -> bool {
        self.0.flags & 1 != 0
    }

    /// The description shown by `show plugins`.
    pub fn description(&self) -> &'static CStr {
        // SAFETY: built from a 'static CStr in `new`.
        unsafe { CStr::from_ptr(self.0.description) }
    }

    /// The version string.
    pub fn version(&self) -> &str {
        let end = self.0.version.iter().position(|&c| c == 0).unwrap_or(64);
        core::str::from_utf8(&self.0.version[..end]).unwrap_or("")
    }
}
