//! Locked adjacencies (`adj_nbr_add_or_lock`, `adj_mcast_add_or_lock`,
//! `adj_unlock`) as an owning type.

use crate::error::{Error, Result};
use crate::ip::Af;
use crate::sys;
use crate::thread::{Barrier, MainThread};

#[cfg(vpp_process_shim)]
extern "C" {
    /// `adj_mcast_add_or_lock` (csrc/control_shim.c).
    fn vpp_rs_adj_mcast_add_or_lock(proto: u8, link_type: u8, sw_if_index: u32) -> u32;
}

/// One lock on an adjacency. VPP keeps the adjacency (and its pool slot)
/// while the lock is held, so the index stays valid for reads on the main
/// thread.
///
/// Release it with [`LockedAdj::unlock`], which needs the [`Barrier`]:
/// `Drop` cannot get the token, so dropping a `LockedAdj` without unlocking
/// leaks the lock (the adjacency stays in VPP; memory-safe, but a leak). A
/// debug build warns about it on stderr.
#[derive(Debug)]
#[must_use = "a locked adjacency must be released with `unlock`"]
pub struct LockedAdj {
    index: u32,
}

fn fib_proto(af: Af) -> (sys::fib_protocol_t, sys::vnet_link_t) {
    match af {
        Af::Ip4 => (sys::FIB_PROTOCOL_IP4, sys::VNET_LINK_IP4),
        Af::Ip6 => (sys::FIB_PROTOCOL_IP6, sys::VNET_LINK_IP6),
    }
}

fn check_interface(b: &Barrier, sw_if_index: u32) -> Result<()> {
    if crate::interface::is_valid(b, sw_if_index)? {
        Ok(())
    } else {
        Err(Error::with_retval(
            crate::api::retval::INVALID_SW_IF_INDEX,
            format!("no interface with sw_if_index {sw_if_index}"),
        ))
    }
}

impl LockedAdj {
    /// Lock the neighbour adjacency with the all-zero next hop on
    /// `sw_if_index` (the single "generic" adjacency of a point-to-point
    /// link), creating it if needed.
    pub fn nbr_zero_add_or_lock(b: &Barrier, af: Af, sw_if_index: u32) -> Result<LockedAdj> {
        check_interface(b, sw_if_index)?;
        let (p, l) = fib_proto(af);
        let zero = sys::ip46_address_t::default();
        // SAFETY: main thread with the barrier (the token; adjacencies are
        // read by workers); the interface exists; `zero` outlives the call.
        let index = unsafe { sys::adj_nbr_add_or_lock(p, l, &zero, sw_if_index) };
        Ok(LockedAdj { index })
    }

    /// Lock the multicast adjacency of `sw_if_index`, creating it if needed
    /// (`adj_mcast_add_or_lock`, through csrc/control_shim.c: its header is
    /// not installed).
    pub fn mcast_add_or_lock(b: &Barrier, af: Af, sw_if_index: u32) -> Result<LockedAdj> {
        check_interface(b, sw_if_index)?;
        let (p, l) = fib_proto(af);
        #[cfg(vpp_process_shim)]
        {
            // SAFETY: as in `nbr_zero_add_or_lock`.
            let index = unsafe { vpp_rs_adj_mcast_add_or_lock(p, l, sw_if_index) };
            Ok(LockedAdj { index })
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = (p, l);
            Err(Error::new("multicast adjacencies need vpp-rs built with VPP headers"))
        }
    }

    /// The adjacency index.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Length of the adjacency's L2 rewrite (`rewrite_header.data_bytes`):
    /// 14 for Ethernet, 18 for a dot1q sub-interface, 0 for a p2p link
    /// without L2 header.
    pub fn rewrite_len(&self, mt: &MainThread) -> u16 {
        self.with(mt, |a| a.rewrite_header.data_bytes)
    }

    /// Egress interface of the adjacency (`rewrite_header.sw_if_index`).
    pub fn sw_if_index(&self, mt: &MainThread) -> u32 {
        self.with(mt, |a| a.rewrite_header.sw_if_index)
    }

    fn with<R>(&self, mt: &MainThread, f: impl FnOnce(&sys::ip_adjacency_t) -> R) -> R {
        let _ = mt;
        // SAFETY: the lock keeps the adjacency's pool slot allocated; the
        // pool only moves on the main thread, where we are (the token), and
        // not during this read. `adj_get(i)` is `adj_pool + i`.
        unsafe { f(&*core::ptr::addr_of!(sys::adj_pool).read().add(self.index as usize)) }
    }

    /// Release the lock (`adj_unlock`). VPP frees the adjacency when its
    /// last lock goes.
    pub fn unlock(self, b: &Barrier) {
        let _ = b;
        let index = self.index;
        core::mem::forget(self);
        // SAFETY: main thread with the barrier; `index` carries a lock taken
        // by this value (it is consumed, so the lock is released once).
        unsafe { sys::adj_unlock(index) };
    }
}

impl Drop for LockedAdj {
    fn drop(&mut self) {
        #[cfg(debug_assertions)]
        eprintln!("vpp-rs: adjacency {} dropped without unlock: its lock leaks", self.index);
    }
}
