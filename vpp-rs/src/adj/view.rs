//! Read-only adjacencies for packet nodes.
//!
//! VPP's `adj_get(ai)` is `adj_pool + ai` without any check. Here
//! [`get`] checks `ai` against the pool vector's length, so a stale or
//! forged index gives `None` instead of a read out of bounds. The
//! reference borrows the node: VPP grows (moves) the pool only with the
//! workers parked at the barrier (`adj_alloc` syncs when
//! `pool_get_will_expand`), which never overlaps a node call, and a freed
//! slot stays readable memory inside the vector (its contents are stale,
//! not dangerous: only plain integers are read).

use crate::buffer::Buffer;
use crate::node::{ErrorCounters, NextIndex, NextNodes, Node, TraceData};
use crate::sys;

/// An adjacency index (`adj_index_t`).
pub type AdjIndex = u32;

/// `ADJ_INDEX_INVALID`.
pub const ADJ_INDEX_INVALID: AdjIndex = u32::MAX;

/// One adjacency of VPP's pool (read-only view).
#[repr(transparent)]
pub struct Adjacency(sys::ip_adjacency_t);

impl Adjacency {
    /// `rewrite_header.sw_if_index`: the egress interface.
    #[inline(always)]
    pub fn sw_if_index(&self) -> u32 {
        self.0.rewrite_header.sw_if_index
    }

    /// `rewrite_header.next_index`: the next index *of ip4/ip6-rewrite*
    /// (and of its siblings) towards the egress interface.
    #[inline(always)]
    pub fn rewrite_next_index(&self) -> u16 {
        self.0.rewrite_header.next_index
    }

    /// `rewrite_header.data_bytes`: length of the rewrite string.
    #[inline(always)]
    pub fn rewrite_len(&self) -> u16 {
        self.0.rewrite_header.data_bytes
    }

    /// `rewrite_header.max_l3_packet_bytes`.
    #[inline(always)]
    pub fn max_l3_packet_bytes(&self) -> u16 {
        self.0.rewrite_header.max_l3_packet_bytes
    }

    /// `rewrite_header.flags`.
    #[inline(always)]
    pub fn rewrite_flags(&self) -> u8 {
        self.0.rewrite_header.flags
    }

    /// Whether the egress interface has output features
    /// (`VNET_REWRITE_HAS_FEATURES`).
    #[inline(always)]
    pub fn has_features(&self) -> bool {
        self.rewrite_flags() & sys::VNET_REWRITE_HAS_FEATURES != 0
    }

    /// The rewrite string (L2 header), clamped to the storage.
    #[inline(always)]
    pub fn rewrite(&self) -> &[u8] {
        let n = (self.rewrite_len() as usize).min(self.0.rewrite_data.len());
        &self.0.rewrite_data[..n]
    }

    /// `ia_cfg_index`: where the output feature arc starts for it.
    #[inline(always)]
    pub fn cfg_index(&self) -> u32 {
        self.0.ia_cfg_index
    }

    /// `lookup_next_index` (`ip_lookup_next_t`).
    #[inline(always)]
    pub fn lookup_next_index(&self) -> u8 {
        self.0.lookup_next_index
    }

    /// Whether this is a complete neighbour adjacency
    /// (`IP_LOOKUP_NEXT_REWRITE`).
    #[inline(always)]
    pub fn is_rewrite(&self) -> bool {
        self.lookup_next_index() as u32 == sys::IP_LOOKUP_NEXT_REWRITE
    }

    /// `ia_link` (`vnet_link_t`).
    #[inline(always)]
    pub fn link(&self) -> u8 {
        self.0.ia_link
    }

    /// The raw C structure (read-only).
    #[inline(always)]
    pub fn raw(&self) -> &sys::ip_adjacency_t {
        &self.0
    }
}

/// The pool base and its vector length.
#[inline(always)]
fn pool() -> (*const sys::ip_adjacency_t, usize) {
    // SAFETY: `adj_pool` is a plain pointer VPP writes only under the
    // barrier (pool growth); a NULL vector has length 0, otherwise the
    // vppinfra `vec_header_t` (u32 `len` first) sits 8 bytes before the data.
    unsafe {
        let p = core::ptr::read_volatile(core::ptr::addr_of!(sys::adj_pool));
        if p.is_null() {
            return (p, 0);
        }
        let hdr = (p as *const u8).sub(core::mem::size_of::<sys::vec_header_t>()) as *const sys::vec_header_t;
        (p, (*hdr).len as usize)
    }
}

/// The adjacency `ai`, if `ai` is inside VPP's adjacency pool. The
/// reference lives as long as the node's borrow (module docs).
#[inline(always)]
pub fn get<'a, N: NextNodes, E: ErrorCounters, T: TraceData>(
    node: &'a Node<'_, N, E, T>,
    ai: AdjIndex,
) -> Option<&'a Adjacency> {
    let _ = node;
    let (p, len) = pool();
    if (ai as usize) >= len {
        return None;
    }
    // SAFETY: `ai` is below the vector length, so the element is inside the
    // pool's allocation, which does not move during a node call (module
    // docs); `Adjacency` is a transparent read-only view.
    Some(unsafe { &*(p.add(ai as usize) as *const Adjacency) })
}

/// The adjacency `ai` on the main thread (control plane), if `ai` is
/// inside VPP's adjacency pool. The pool only moves in the control plane
/// itself, which the borrow of the token's callback excludes.
pub fn get_main(mt: &crate::thread::MainThread, ai: AdjIndex) -> Option<&Adjacency> {
    let _ = mt;
    let (p, len) = pool();
    if (ai as usize) >= len {
        return None;
    }
    // SAFETY: inside the pool vector (checked); read-only view.
    Some(unsafe { &*(p.add(ai as usize) as *const Adjacency) })
}

/// Number of adjacency slots (the pool vector's length).
pub fn pool_len() -> usize {
    pool().1
}

#[cfg(vpp_process_shim)]
extern "C" {
    /// `vnet_feature_arc_start_w_cfg_index` on the IPv4/IPv6 output arc
    /// (csrc/adj_shim.c).
    fn vpp_rs_ip_output_feature_start(
        vm: *mut sys::vlib_main_t,
        is_ip6: i32,
        b: *mut sys::vlib_buffer_t,
        next_index: u32,
        cfg_index: u32,
    ) -> u32;
}

impl<N: NextNodes, E: ErrorCounters, T: TraceData> Node<'_, N, E, T> {
    /// Send `b` through adjacency `adj` as ip4/ip6-rewrite's siblings do:
    /// the next index is the adjacency's `rewrite_header.next_index`, and
    /// when its egress interface has output features
    /// ([`Adjacency::has_features`]) the IPv4 (`is_ip6 == false`) or IPv6
    /// output feature arc starts at [`Adjacency::cfg_index`] on `b`'s TX
    /// interface (`vnet_feature_arc_start_w_cfg_index`).
    ///
    /// Only meaningful for a node registered with `sibling_of =
    /// "ip4-rewrite"` (or ip6-rewrite): their next nodes are the rewrite
    /// node's. Returns `None` when the resulting index is not one of this
    /// node's next nodes (a node that is not such a sibling), so nothing
    /// out of range is ever enqueued.
    #[inline(always)]
    pub fn adj_next(&self, b: &mut Buffer, adj: &Adjacency, is_ip6: bool) -> Option<NextIndex<N>> {
        #[allow(unused_mut)]
        let mut next = adj.rewrite_next_index() as u32;
        if adj.has_features() {
            #[cfg(vpp_process_shim)]
            {
                // SAFETY: `b` is a buffer of this thread owned by the node
                // (the `&mut`); the shim only reads VPP's feature tables and
                // writes the buffer's arc cursor and arc index.
                next = unsafe {
                    vpp_rs_ip_output_feature_start(
                        self.vm().as_ptr(),
                        is_ip6 as i32,
                        b.as_ptr(),
                        next,
                        adj.cfg_index(),
                    )
                };
            }
            #[cfg(not(vpp_process_shim))]
            {
                // Without VPP's headers the arc cannot be started: the
                // packet goes straight to the interface (no output features).
                let _ = (is_ip6, &b);
            }
        }
        self.next_checked(next)
    }
}
