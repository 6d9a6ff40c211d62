//! VPP's logger (`vlib_log`): lines appear in `show logging` and syslog.

use crate::sys;
use crate::thread::MainThread;
use std::collections::BTreeMap;
use std::ffi::CString;
use std::sync::Mutex;

/// `vlib_log_level_t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Level {
    /// `VLIB_LOG_LEVEL_ERR`.
    Err = sys::VLIB_LOG_LEVEL_ERR,
    /// `VLIB_LOG_LEVEL_WARNING`.
    Warning = sys::VLIB_LOG_LEVEL_WARNING,
    /// `VLIB_LOG_LEVEL_NOTICE`.
    Notice = sys::VLIB_LOG_LEVEL_NOTICE,
    /// `VLIB_LOG_LEVEL_INFO`.
    Info = sys::VLIB_LOG_LEVEL_INFO,
}

static CLASSES: Mutex<BTreeMap<(String, String), u32>> = Mutex::new(BTreeMap::new());

/// Log `msg` at `level` under `class`/`subclass` (registered on first use).
/// Names or messages with NUL bytes are not logged.
pub fn log(_mt: &MainThread, level: Level, class: &str, subclass: &str, msg: &str) {
    let (Ok(c), Ok(sc), Ok(m)) = (CString::new(class), CString::new(subclass), CString::new(msg)) else {
        return;
    };
    let mut classes = CLASSES.lock().unwrap_or_else(|e| e.into_inner());
    let id = *classes.entry((class.to_string(), subclass.to_string())).or_insert_with(|| {
        // SAFETY: main thread (the token); VPP copies both strings.
        unsafe { sys::vlib_log_register_class(c.as_ptr() as *mut _, sc.as_ptr() as *mut _) }
    });
    // SAFETY: main thread; the format is the literal `%s` (a C string in
    // vppinfra's format), given one NUL-terminated string.
    unsafe { sys::vlib_log(level as u32, id, c"%s".as_ptr() as *mut _, m.as_ptr()) };
}
