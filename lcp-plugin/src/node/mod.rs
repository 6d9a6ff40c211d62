//! The linux-cp graph nodes (reference section 3), one file per node
//! family, with C's names, next nodes, arcs, counters and traces:
//!
//! | file | nodes |
//! |---|---|
//! | [`punt`] | `linux-cp-punt`, `linux-cp-punt-xc` |
//! | [`punt_l3`] | `linux-cp-punt-l3` |
//! | [`xc`] | `linux-cp-xc-ip4`, `linux-cp-xc-ip6` |
//! | [`xc_l3`] | `linux-cp-xc-l3-ip4`, `linux-cp-xc-l3-ip6` |
//! | [`xc_mpls`] | `linux-cp-xc-mpls` |
//! | [`arp`] | `linux-cp-arp-phy`, `linux-cp-arp-host` |
//! | [`local`] | `linux-cp-local-ip4`, `linux-cp-local-ip6` (protocol ownership) |
//!
//! Every node reads the pair table ([`crate::pair::PAIRS`]) and the
//! adjacency index ([`crate::lcp_adj::LCP_ADJS`]) without locks and hands
//! its frame on in one batch. Where C dereferences a missing pair (the
//! host-side nodes assume the feature is only enabled on paired host
//! interfaces), these nodes drop the packet instead.

pub mod arp;
pub mod local;
pub mod punt;
pub mod punt_l3;
pub mod xc;
pub mod xc_l3;
pub mod xc_mpls;

use core::fmt;

/// `lcp_xc_trace_t`, shared by the cross-connect nodes: printed as C's
/// `lcp-xc: itf:%d adj:%d` (signed, so `~0` prints `-1`).
#[derive(Clone, Copy, Debug)]
pub struct XcTrace {
    /// The phy the packet is sent to.
    pub phy_sw_if_index: u32,
    /// `ip.adj_index[TX]` after the node.
    pub adj_index: u32,
}

impl fmt::Display for XcTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lcp-xc: itf:{} adj:{}", self.phy_sw_if_index as i32, self.adj_index as i32)
    }
}
