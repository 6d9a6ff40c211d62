//! Route sources (`fib_source_t`).

use super::ffi;
use crate::error::Result;
use crate::sys;
use crate::thread::MainThread;

/// `FIB_SOURCE_PRIORITY_HI` (0x10 in 26.06; checked against the header).
pub const PRIORITY_HI: u8 = sys::FIB_SOURCE_PRIORITY_HI;
/// `FIB_SOURCE_PRIORITY_LOW` (0xd0 in 26.06).
pub const PRIORITY_LOW: u8 = sys::FIB_SOURCE_PRIORITY_LOW;

/// A route source: who contributes a route (`fib_source_t`). A FIB entry
/// keeps each source's paths apart and forwards with the best source's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Source(pub(crate) u32);

impl Source {
    /// VPP's `fib_source_t` value.
    pub fn raw(self) -> u32 {
        self.0
    }
}

/// How VPP treats a source's paths (`fib_source_behaviour_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceBehaviour {
    /// `FIB_SOURCE_BH_API`: paths with MPLS path extensions (out labels).
    Api,
    /// `FIB_SOURCE_BH_SIMPLE`: paths without extensions.
    Simple,
}

/// `fib_source_allocate(name, priority, behaviour)`; when a source named
/// `name` exists already (a second call, a plugin re-initialising) it is
/// returned instead, whatever its priority. Lower priority values win.
/// Err(TABLE_TOO_BIG) when VPP has no source ids left.
pub fn source_allocate(mt: &MainThread, name: &str, priority: u8, bh: SourceBehaviour) -> Result<Source> {
    let name = std::ffi::CString::new(name).map_err(|_| {
        crate::Error::with_retval(crate::api::retval::INVALID_VALUE, "source name contains NUL")
    })?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut src = 0u32;
        // SAFETY: main thread; `name` is NUL-terminated and outlives the
        // call (VPP copies it); `src` is writable.
        let rv = unsafe {
            ffi::vpp_rs_fib_source_allocate(
                name.as_ptr(),
                priority,
                (bh == SourceBehaviour::Simple) as u8,
                &mut src,
            )
        };
        ffi::check(rv, || format!("cannot allocate FIB source {name:?}"))?;
        Ok(Source(src))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, name, priority, bh);
        Err(ffi::no_shim())
    }
}
