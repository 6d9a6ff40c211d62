//! `linux-cp-xc-l3-ip4` / `linux-cp-xc-l3-ip6` (reference 3.6): TUN host →
//! phy.
//!
//! Every packet is marked locally originated (no TTL check or decrement:
//! BGP with TTL 1). A point-to-point phy ([`crate::pair::Pair::phy_is_p2p`])
//! sends through its adjacency (`ipX-midchain`); any other phy has the
//! packet looked up in its FIB, as if received on it (RX = phy).
//!
//! C dereferences a missing pair; here a packet from an unpaired interface
//! goes to `ipX-lookup` unchanged (routed in the input interface's FIB).

use super::XcTrace;
use crate::pair::PAIRS;
use vpp::{Buffer, Dir, NoErrors};

/// Next nodes of `linux-cp-xc-l3-ip4` (`LCP_XC_L3_NEXT_XC` = 0, `_LOOKUP` = 1).
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum XcL3Ip4Next {
    /// Through the phy's adjacency.
    #[next("ip4-midchain")]
    Xc,
    /// Lookup in the phy's FIB.
    #[next("ip4-lookup")]
    Lookup,
}

/// Next nodes of `linux-cp-xc-l3-ip6`.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum XcL3Ip6Next {
    /// Through the phy's adjacency.
    #[next("ip6-midchain")]
    Xc,
    /// Lookup in the phy's FIB.
    #[next("ip6-lookup")]
    Lookup,
}

/// One packet: returns true for the midchain next, false for lookup.
#[inline(always)]
fn xc_l3_one<N: vpp::NextNodes>(
    node: &vpp::Node<'_, N, NoErrors, XcTrace>,
    b: &mut Buffer,
    af: usize,
) -> bool {
    // SAFETY: LOCALLY_ORIGINATED only makes the IP nodes skip the TTL
    // check/decrement; C sets it on every packet here.
    unsafe { b.set_flags(vpp::sys::VNET_BUFFER_F_LOCALLY_ORIGINATED) };
    let pairs = PAIRS.get(node);
    let pair = pairs.find_by_host(b.sw_if_index(Dir::Rx)).and_then(|i| pairs.get(i));
    let xc = match pair {
        Some(p) if p.phy_is_p2p => {
            // SAFETY: the phy of a live pair exists, and its phy adjacency
            // is locked by the pair for as long as the pair lives.
            unsafe {
                b.set_sw_if_index(Dir::Tx, p.phy_sw_if_index);
                b.set_adj_index(Dir::Tx, p.phy_adjs[af]);
            }
            true
        }
        Some(p) => {
            // SAFETY: the phy of a live pair exists; ip-lookup reads its FIB
            // index through the interface tables.
            unsafe { b.set_sw_if_index(Dir::Rx, p.phy_sw_if_index) };
            false
        }
        None => false,
    };
    node.trace_with(b, |b| XcTrace {
        phy_sw_if_index: pair.map_or(crate::pair::INVALID, |p| p.phy_sw_if_index),
        adj_index: b.adj_index(Dir::Tx),
    });
    xc
}

/// `linux-cp-xc-l3-ip4`.
#[vpp::node(name = "linux-cp-xc-l3-ip4", next = XcL3Ip4Next, trace = XcTrace, multiarch)]
#[vpp::feature(arc = "ip4-unicast", runs_after = ["ip4-qos-record", "ip4-qos-store"])]
#[vpp::feature(arc = "ip4-multicast", runs_after = ["ip4-qos-record", "ip4-qos-store"])]
pub fn lcp_xc_l3_ip4(node: &mut vpp::Node<XcL3Ip4Next, NoErrors, XcTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        if xc_l3_one(node, b, 0) { XcL3Ip4Next::Xc } else { XcL3Ip4Next::Lookup }.into()
    })
}

/// `linux-cp-xc-l3-ip6`.
#[vpp::node(name = "linux-cp-xc-l3-ip6", next = XcL3Ip6Next, trace = XcTrace, multiarch)]
#[vpp::feature(arc = "ip6-unicast", runs_after = ["ip6-qos-record", "ip6-qos-store"])]
#[vpp::feature(arc = "ip6-multicast", runs_after = ["ip6-qos-record", "ip6-qos-store"])]
pub fn lcp_xc_l3_ip6(node: &mut vpp::Node<XcL3Ip6Next, NoErrors, XcTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        if xc_l3_one(node, b, 1) { XcL3Ip6Next::Xc } else { XcL3Ip6Next::Lookup }.into()
    })
}
