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

/// The startup-config file VPP was started with (`vpp -c <file>`), read
/// from `/proc/self/cmdline`.
pub fn startup_config_path() -> Option<std::path::PathBuf> {
    let cmdline = std::fs::read("/proc/self/cmdline").ok()?;
    let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
    let i = args.iter().position(|a| *a == b"-c")?;
    let p = std::str::from_utf8(args.get(i + 1)?).ok()?;
    Some(std::path::PathBuf::from(p))
}

/// Where `token` appears inside stanza `stanza` of the startup-config file,
/// as `file:line`. VPP hands config functions their stanza with the line
/// breaks removed, so this is how a config error can name its line.
pub fn source_location(stanza: &str, token: &str) -> Option<String> {
    let path = startup_config_path()?;
    let text = std::fs::read_to_string(&path).ok()?;
    locate_in(&text, stanza, token).map(|line| format!("{}:{line}", path.display()))
}

/// 1-based line of the first word `token` inside `stanza { ... }` of `text`.
pub fn locate_in(text: &str, stanza: &str, token: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut inside = false;
    for (n, line) in text.lines().enumerate() {
        let code = line.split('#').next().unwrap_or("");
        let mut words =
            code.split(|c: char| c.is_whitespace() || c == '{' || c == '}').filter(|w| !w.is_empty());
        if !inside && words.next() == Some(stanza) && code.contains('{') {
            inside = true;
            depth = 0;
        }
        if inside {
            let after_name = if depth == 0 { code.split_once('{').map_or("", |x| x.1) } else { code };
            if after_name.split(|c: char| c.is_whitespace() || c == '{' || c == '}').any(|w| w == token) {
                return Some(n + 1);
            }
            depth += code.matches('{').count();
            depth = depth.saturating_sub(code.matches('}').count());
            if depth == 0 {
                inside = false;
            }
        }
    }
    None
}
