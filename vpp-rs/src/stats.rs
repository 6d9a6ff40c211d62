//! The stats segment: named gauges a plugin publishes and any stats client
//! (`vpp_get_stats`, `vpp_prometheus_export`, vpp_papi's `VPPStats`) reads.

use crate::error::{Error, Result};
use crate::thread::MainThread;

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_stats_add_gauge(name: *const core::ffi::c_char) -> u32;
    fn vpp_rs_stats_set_gauge(entry_index: u32, value: u64);
}

/// A gauge in the stats segment (`vlib_stats_add_gauge`), e.g.
/// `/lcp/netlink/routes-updated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauge(u32);

impl Gauge {
    /// Create the gauge `name` (a path such as `/my-plugin/thing`; at most
    /// 127 bytes, no NUL).
    pub fn add(mt: &MainThread, name: &str) -> Result<Gauge> {
        let _ = mt;
        if name.is_empty() || name.len() > 127 {
            return Err(Error::new(format!("stats name `{name}`: 1 to 127 bytes")));
        }
        let c = std::ffi::CString::new(name).map_err(|_| Error::new("stats name contains NUL"))?;
        #[cfg(vpp_process_shim)]
        {
            // SAFETY: main thread (the token: the stats segment's writer);
            // `c` is NUL-terminated and outlives the call.
            let i = unsafe { vpp_rs_stats_add_gauge(c.as_ptr()) };
            if i == u32::MAX {
                return Err(Error::new(format!("cannot add stats gauge {name}")));
            }
            Ok(Gauge(i))
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = c;
            Err(Error::new("stats need vpp-rs built with VPP headers"))
        }
    }

    /// Set the gauge's value.
    pub fn set(&self, mt: &MainThread, value: u64) {
        let _ = mt;
        #[cfg(vpp_process_shim)]
        // SAFETY: main thread; the index came from `add` (VPP ignores ~0).
        unsafe {
            vpp_rs_stats_set_gauge(self.0, value)
        };
        #[cfg(not(vpp_process_shim))]
        let _ = value;
    }
}
