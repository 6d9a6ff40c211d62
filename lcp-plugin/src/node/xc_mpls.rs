//! `linux-cp-xc-mpls` (reference 3.5): TAP host → phy for MPLS, on the
//! host's `mpls-input` arc.
//!
//! Quirk 10, kept: only unicast frames whose L2 header matches an indexed
//! neighbour adjacency of the phy are sent (to interface-output, unchanged);
//! multicast/broadcast frames and unknown neighbours are dropped, because
//! MPLS has no phy-wide adjacency to fall back to. An unpaired interface
//! (C dereferences NULL) drops too.

use super::XcTrace;
use crate::lcp_adj::LCP_ADJS;
use crate::pair::PAIRS;
use vpp::buffer::ethernet;
use vpp::{Dir, NoErrors};

/// Next nodes (`LCP_XC_MPLS_NEXT_DROP` = 0, `_IO` = 1).
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum XcMplsNext {
    /// No adjacency.
    #[next("error-drop")]
    Drop,
    /// To the phy.
    #[next("interface-output")]
    Io,
}

/// Cross-connect MPLS frames from the host to the phy.
#[vpp::node(name = "linux-cp-xc-mpls", next = XcMplsNext, trace = XcTrace, multiarch)]
#[vpp::feature(arc = "mpls-input", runs_after = ["mpls-qos-record"])]
pub fn lcp_xc_mpls(node: &mut vpp::Node<XcMplsNext, NoErrors, XcTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        let pairs = PAIRS.get(node);
        let Some(pair) = pairs.find_by_host(b.sw_if_index(Dir::Rx)).and_then(|i| pairs.get(i)) else {
            return XcMplsNext::Drop.into();
        };
        // SAFETY: the phy of a live pair exists.
        unsafe { b.set_sw_if_index(Dir::Tx, pair.phy_sw_if_index) };
        let len = pair.rewrite_len;
        let mut next = XcMplsNext::Drop;
        if b.advance(-(len as i32)) && b.eth_dst().is_some_and(|d| ethernet::is_unicast(&d)) {
            if let Some(ai) = LCP_ADJS.get(node).lookup(b.data(), len, pair.phy_sw_if_index) {
                // SAFETY: an indexed neighbour adjacency, live while indexed.
                unsafe { b.set_adj_index(Dir::Tx, ai) };
                next = XcMplsNext::Io;
            }
        }
        node.trace_with(b, |b| XcTrace {
            phy_sw_if_index: pair.phy_sw_if_index,
            adj_index: b.adj_index(Dir::Tx),
        });
        next.into()
    })
}
