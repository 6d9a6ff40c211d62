//! Errors returned to VPP from init, config and CLI functions.

use crate::sys;
use core::fmt;
use std::ffi::CString;

/// An error for VPP: becomes a `clib_error_t` (init/config/CLI) or an API
/// `retval`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    msg: String,
    retval: i32,
}

/// Result type of framework callbacks.
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    /// An error with a message (API `retval` -1,
    /// [`crate::api::retval::UNSPECIFIED`]).
    pub fn new(msg: impl Into<String>) -> Self {
        Error { msg: msg.into(), retval: crate::api::retval::UNSPECIFIED }
    }

    /// An error carrying a specific API `retval` (one of
    /// [`crate::api::retval`]'s constants).
    pub fn with_retval(retval: i32, msg: impl Into<String>) -> Self {
        Error { msg: msg.into(), retval }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.msg
    }

    /// The API `retval` for this error.
    pub fn retval(&self) -> i32 {
        self.retval
    }

    /// Build VPP's `clib_error_t` for this error (`clib_error_return`).
    ///
    /// # Safety
    /// VPP (or the stand-in) must provide `_clib_error_return`.
    pub unsafe fn into_clib_error(self, where_: &core::ffi::CStr) -> *mut sys::clib_error_t {
        let c = CString::new(self.msg.replace('\0', "\\0")).unwrap_or_default();
        // SAFETY: "%s" with one C string; VPP copies the text.
        unsafe {
            sys::_clib_error_return(core::ptr::null_mut(), 0, 0, where_.as_ptr(), c"%s".as_ptr(), c.as_ptr())
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Error::new(s)
    }
}

impl From<&str> for Error {
    fn from(s: &str) -> Self {
        Error::new(s)
    }
}

/// Run `f`, turning a panic into an [`Error`] so it never unwinds into C.
pub fn catch<R>(what: &str, f: impl FnOnce() -> Result<R>) -> Result<R> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let detail = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".into());
            Err(Error::new(format!("{what}: panicked: {detail}")))
        }
    }
}

/// Run an init/config/CLI body and convert the outcome to a `clib_error_t`
/// (NULL for success).
///
/// # Safety
/// VPP (or the stand-in) must provide `_clib_error_return`.
pub unsafe fn to_clib_result(
    where_: &'static core::ffi::CStr,
    f: impl FnOnce() -> Result<()>,
) -> *mut sys::clib_error_t {
    let name = where_.to_str().unwrap_or("rust");
    match catch(name, f) {
        Ok(()) => core::ptr::null_mut(),
        // SAFETY: forwarded contract.
        Err(e) => unsafe { e.into_clib_error(where_) },
    }
}
