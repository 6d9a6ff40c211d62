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

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_plugin_config(
        name: *const core::ffi::c_char,
        is_enabled: *mut u8,
        is_disabled: *mut u8,
        default_disable: *mut u8,
    ) -> i32;
}

/// What startup.conf's `plugins { }` section says about one plugin file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PluginConfig {
    /// `plugin <name> { ... }` is present.
    pub named: bool,
    /// It says `enable`.
    pub enable: bool,
    /// It says `disable`.
    pub disable: bool,
    /// `plugin default { disable }` is present.
    pub default_disable: bool,
}

impl PluginConfig {
    /// Whether VPP loads a plugin with this configuration: `disable` never,
    /// `enable` always, otherwise unless the plugin is disabled by default
    /// (its own registration or `plugin default { disable }`), as
    /// `vlib_load_new_plugins` decides.
    pub fn loads(&self, registered_default_disabled: bool) -> bool {
        if self.disable {
            return false;
        }
        self.enable || !(registered_default_disabled || self.default_disable)
    }
}

/// The `plugins { }` configuration of the plugin file `name` (e.g.
/// `"linux_nl_plugin.so"`), whether or not such a file exists. Read it
/// from an init function or later (VPP parses the section before loading
/// any plugin).
pub fn config(mt: &crate::MainThread, name: &str) -> PluginConfig {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let Ok(c) = std::ffi::CString::new(name) else { return PluginConfig::default() };
        let (mut en, mut dis, mut dd) = (0u8, 0u8, 0u8);
        // SAFETY: main thread (the token), after VPP parsed its plugin
        // configuration; the shim only reads VPP's plugin tables into our
        // locals, and `c` is NUL-terminated and outlives the call.
        let r = unsafe { vpp_rs_plugin_config(c.as_ptr(), &mut en, &mut dis, &mut dd) };
        PluginConfig {
            named: r == 0,
            enable: r == 0 && en != 0,
            disable: r == 0 && dis != 0,
            default_disable: dd != 0,
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = name;
        PluginConfig::default()
    }
}

#[cfg(test)]
mod config_tests {
    use super::PluginConfig;

    #[test]
    fn loads_like_vlib_load_new_plugins() {
        let none = PluginConfig::default();
        assert!(!none.loads(true) && none.loads(false));
        let en = PluginConfig { named: true, enable: true, ..none };
        assert!(en.loads(true) && en.loads(false));
        let dis = PluginConfig { named: true, disable: true, enable: true, ..none };
        assert!(!dis.loads(false));
        let dd = PluginConfig { default_disable: true, ..none };
        assert!(!dd.loads(false));
        assert!(PluginConfig { enable: true, ..dd }.loads(false));
    }
}
