//! Per-source audits of a table: what a source contributes, and removing
//! the paths through given interfaces (linux-nl's table flush).

use super::ffi;
use super::path::Path;
use super::prefix::{Prefix, Proto};
use super::source::Source;
use crate::error::Result;
use crate::thread::MainThread;

/// Every entry `src` contributes to the table, with `src`'s paths (weight,
/// preference, next hop, interface, out labels as VPP holds them).
pub fn table_entries(
    mt: &MainThread,
    fib_index: u32,
    proto: Proto,
    src: Source,
) -> Result<Vec<(Prefix, Vec<Path>)>> {
    #[cfg(vpp_process_shim)]
    {
        use crate::sys::{vpp_rs_fib_path_t, vpp_rs_fib_prefix_t};
        use core::ffi::c_void;

        type Out = Vec<(Prefix, Vec<Path>)>;
        unsafe extern "C" fn one(
            ctx: *mut c_void,
            pfx: *const vpp_rs_fib_prefix_t,
            _flags: u32,
            paths: *const vpp_rs_fib_path_t,
            n_paths: u32,
        ) {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // SAFETY: `ctx` is the `Out` table_entries passed; the shim
                // passes a valid prefix and `n_paths` paths (or none).
                let (out, pfx, paths) = unsafe {
                    (
                        &mut *(ctx as *mut Out),
                        &*pfx,
                        if n_paths == 0 || paths.is_null() {
                            &[][..]
                        } else {
                            core::slice::from_raw_parts(paths, n_paths as usize)
                        },
                    )
                };
                if let Some(p) = Prefix::from_raw(pfx) {
                    out.push((p, paths.iter().map(Path::from_raw).collect()));
                }
            }));
            // Nothing may unwind into C: a failed push is dropped.
            drop(r);
        }
        let _ = mt;
        let mut out: Out = Vec::new();
        // SAFETY: main thread; `one` matches the shim's callback type and
        // `out` outlives the call, which runs `one` synchronously.
        let rv = unsafe {
            ffi::vpp_rs_fib_table_entries(
                fib_index,
                proto.raw(),
                src.0,
                Some(one),
                &mut out as *mut Out as *mut c_void,
            )
        };
        ffi::check(rv, || format!("cannot walk fib_index {fib_index}"))?;
        Ok(out)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, proto, src);
        Err(ffi::no_shim())
    }
}

/// linux-nl's `lcp_router_table_flush`: for every entry of `src`, remove
/// the paths whose resolving interface is one of `sw_if_indexes` (an entry
/// goes with its last path). Returns how many paths were removed.
pub fn table_flush_interfaces(
    mt: &MainThread,
    fib_index: u32,
    proto: Proto,
    src: Source,
    sw_if_indexes: &[u32],
) -> Result<usize> {
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut n = 0u32;
        // SAFETY: main thread; `sw_if_indexes` has the length we pass; the
        // shim checks index and source.
        let rv = unsafe {
            ffi::vpp_rs_fib_table_flush_interfaces(
                fib_index,
                proto.raw(),
                src.0,
                sw_if_indexes.as_ptr(),
                sw_if_indexes.len() as u32,
                &mut n,
            )
        };
        ffi::check(rv, || format!("cannot flush fib_index {fib_index}"))?;
        Ok(n as usize)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, fib_index, proto, src, sw_if_indexes);
        Err(ffi::no_shim())
    }
}
