//! `linux-cp-punt-l3` (reference 3.3): on the `ip4-punt`/`ip6-punt` arcs,
//! before the punt redirect. Marks packets punted from the phy of a TUN
//! pair as locally originated, so the redirect to the tun (through
//! ip4/6-rewrite) neither checks nor decrements their TTL.

use crate::pair::{HostType, PAIRS};
use core::fmt;
use vpp::{Dir, NoErrors};

/// Next nodes: C's single `error-drop` ("unknown error"); the real next
/// always comes from the feature arc.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum PuntL3Next {
    /// Never used by the node itself.
    #[next("error-drop")]
    Drop,
}

/// `lcp_punt_l3_trace_t`.
#[derive(Clone, Copy, Debug)]
pub struct PuntL3Trace {
    /// RX of the packet.
    pub phy_sw_if_index: u32,
}

impl fmt::Display for PuntL3Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "linux-cp-punt-l3: {}", self.phy_sw_if_index)
    }
}

/// Mark TUN-pair punts locally originated, continue along the arc.
#[vpp::node(name = "linux-cp-punt-l3", next = PuntL3Next, trace = PuntL3Trace, multiarch)]
#[vpp::feature(arc = "ip4-punt", runs_before = ["ip4-punt-redirect"])]
#[vpp::feature(arc = "ip6-punt", runs_before = ["ip6-punt-redirect"])]
pub fn lcp_punt_l3(node: &mut vpp::Node<PuntL3Next, NoErrors, PuntL3Trace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        let next = node.feature_next(b);
        let pairs = PAIRS.get(node);
        let rx = b.sw_if_index(Dir::Rx);
        if pairs.find_by_phy(rx).and_then(|i| pairs.get(i)).is_some_and(|p| p.host_type == HostType::Tun) {
            // SAFETY: LOCALLY_ORIGINATED only makes ip4/6-rewrite skip the
            // TTL check and decrement; it claims nothing about the buffer's
            // memory, and C sets it on exactly these packets.
            unsafe { b.set_flags(vpp::sys::VNET_BUFFER_F_LOCALLY_ORIGINATED) };
        }
        node.trace_with(b, |b| PuntL3Trace { phy_sw_if_index: b.sw_if_index(Dir::Rx) });
        next
    })
}
