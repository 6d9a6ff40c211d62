//! An adjacency delegate: be told when VPP creates, modifies (e.g. a new
//! neighbour MAC) or deletes an adjacency (`adj_delegate_register_new_type`
//! with created/modified/deleted callbacks, VPP's way for linux-cp's
//! `lcp_adj`, BFD and midchains to follow adjacencies).
//!
//! One delegate per plugin: [`register`] takes a `&'static` table of Rust
//! functions. `created` sees every new adjacency and says whether to follow
//! it; only followed adjacencies (and those given to [`attach`]) report
//! `modified` and `deleted`. The callbacks run on the main thread, in the
//! control-plane context that changed the FIB, so they get `&MainThread`;
//! whether the barrier is held depends on that context, so take it with
//! [`MainThread::barrier`] (recursive) to change state nodes read.
//!
//! The C side is `csrc/adj_delegate_shim.c`; a build without VPP headers
//! reports an error from [`register`].

use super::view::{get_main, AdjIndex, Adjacency};
use crate::error::{Error, Result};
use crate::sys;
use crate::thread::{Barrier, MainThread};
use crate::vm::Vm;
use std::sync::OnceLock;

/// What a delegate does on each event.
pub struct AdjDelegate {
    /// Shown by `show adj <index>` for followed adjacencies.
    pub name: &'static core::ffi::CStr,
    /// A new adjacency: return true to follow it.
    pub created: fn(&MainThread, AdjIndex, &Adjacency) -> bool,
    /// A followed adjacency changed (rewrite, next node).
    pub modified: fn(&MainThread, AdjIndex, &Adjacency),
    /// A followed adjacency is being deleted (still readable).
    pub deleted: fn(&MainThread, AdjIndex, &Adjacency),
}

static DELEGATE: OnceLock<&'static AdjDelegate> = OnceLock::new();

#[cfg(vpp_process_shim)]
extern "C" {
    /// `adj_delegate_register_new_type` with the shim's callbacks.
    fn vpp_rs_adj_delegate_register(name: *const core::ffi::c_char) -> i32;
    /// `adj_delegate_add` unless already attached.
    fn vpp_rs_adj_delegate_attach(adj_index: u32) -> i32;
    /// `adj_nbr_walk` for IPv4 and IPv6 into an array.
    fn vpp_rs_adj_nbr_walk(sw_if_index: u32, adj_indices: *mut u32, max: u32) -> u32;
}

/// Register `d` as this plugin's adjacency delegate (once; at init).
pub fn register(b: &Barrier, d: &'static AdjDelegate) -> Result<()> {
    let _ = b;
    if let Some(old) = DELEGATE.get() {
        // Registering the same table again (init run twice) is a no-op.
        return if core::ptr::eq(*old, d) {
            Ok(())
        } else {
            Err(Error::new("an adjacency delegate is already registered by this plugin"))
        };
    }
    let _ = DELEGATE.set(d);
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread with the barrier (the token); `name` is a
        // 'static C string the shim keeps.
        let t = unsafe { vpp_rs_adj_delegate_register(d.name.as_ptr()) };
        if t < 0 {
            return Err(Error::new("adj_delegate_register_new_type failed"));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    Err(Error::new("adjacency delegates need vpp-rs built with VPP headers"))
}

/// Follow adjacency `ai` (one that existed before, e.g. found by
/// [`neighbours`]): its modified/deleted events will be reported.
pub fn attach(mt: &MainThread, ai: AdjIndex) -> Result<()> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread (the token); the shim checks the index
        // against the pool.
        if unsafe { vpp_rs_adj_delegate_attach(ai) } < 0 {
            return Err(Error::new(format!("cannot attach the adjacency delegate to adjacency {ai}")));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = ai;
        Err(Error::new("adjacency delegates need vpp-rs built with VPP headers"))
    }
}

/// The IPv4 and IPv6 neighbour adjacencies of `sw_if_index`.
pub fn neighbours(mt: &MainThread, sw_if_index: u32) -> Vec<AdjIndex> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut v = vec![0u32; 64];
        loop {
            // SAFETY: main thread (the token); the shim writes at most
            // `v.len()` entries.
            let n = unsafe { vpp_rs_adj_nbr_walk(sw_if_index, v.as_mut_ptr(), v.len() as u32) } as usize;
            if n <= v.len() {
                v.truncate(n);
                return v;
            }
            v.resize(n, 0);
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Vec::new()
    }
}

/// Event codes of `vpp_rs_adj_event`.
const CREATED: i32 = 0;
const MODIFIED: i32 = 1;
const DELETED: i32 = 2;

/// Called by the shim for every event (see `csrc/shim.h`); returns 1 to
/// follow a created adjacency.
///
/// # Safety
/// `vm` is the main thread's `vlib_main_t`, and the caller is VPP's main
/// thread in a control-plane context (VPP changes adjacencies only there).
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_adj_event(vm: *mut sys::vlib_main_t, adj_index: u32, event: i32) -> i32 {
    let Some(d) = DELEGATE.get() else { return 0 };
    // SAFETY: the caller's contract.
    let mt = unsafe { MainThread::new_unchecked(Vm::from_ptr(vm)) };
    let Some(adj) = get_main(mt, adj_index) else { return 0 };
    // A panic must not unwind into VPP's C frames.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match event {
        CREATED => (d.created)(mt, adj_index, adj) as i32,
        MODIFIED => {
            (d.modified)(mt, adj_index, adj);
            0
        }
        DELETED => {
            (d.deleted)(mt, adj_index, adj);
            0
        }
        _ => 0,
    }));
    r.unwrap_or(0)
}
