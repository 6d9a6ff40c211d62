//! `linux-cp-arp-phy` and `linux-cp-arp-host` (reference 3.7, 3.8), on the
//! `arp` arc before `arp-reply`.
//!
//! - `linux-cp-arp-phy` (enabled on TAP phys): every packet continues along
//!   the arc, so VPP still handles it; an ARP **reply** received on a paired
//!   phy is also copied, with its Ethernet header, to the host interface.
//!   The copies are made in one batch once the frame is classified (one
//!   buffer allocation for all) and sent to `interface-output` in one
//!   batch after the frame.
//! - `linux-cp-arp-host` (enabled on TAP hosts): every ARP packet Linux
//!   sends leaves the phy unchanged; VPP's ARP code never sees it.
//!
//! Quirk 9, decided:
//! - only replies are copied, as C does (lcp.rst says "all ARP", but Linux
//!   learns its neighbours from the replies to its own requests, which it
//!   sends through `linux-cp-arp-host`; copying requests too would double
//!   what VPP already answers). Kept.
//! - the `packets` and `copies` counters C declares but never increments
//!   are counted: `packets` = every packet the node handled, `copies` = the
//!   replies copied to the host (arp-phy only). A bug fix: the counters'
//!   descriptions say exactly this.
//! - the trace carries the ARP opcode for every packet (C leaves it unset in
//!   its dual loop and in arp-host; unset is a bug, not a format).
//!
//! Protocol ownership ([`crate::ownership`]): when Linux owns `arp` on the
//! phy, an ARP **request** is sent, with its Ethernet header, out of the
//! host interface *instead of* continuing the arc, so `arp-reply` and
//! `arp-proxy` never answer it (Linux does). With the default owner (VPP)
//! nothing changes.
//!
//! C dereferences a missing pair in arp-host; here such a packet is
//! dropped.

use crate::ownership::{Proto, OWNERS};
use crate::pair::PAIRS;
use core::fmt;
use vpp::{Buffer, Dir};

/// Next nodes (`LCP_ARP_NEXT_DROP` = 0, `_IO` = 1).
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum ArpNext {
    /// Unused by arp-phy; unpaired host interfaces in arp-host.
    #[next("error-drop")]
    Drop,
    /// To the host (copies) or the phy (arp-host).
    #[next("interface-output")]
    Io,
}

/// `linuxcp` counters of lcp.api (`/err/linux-cp-arp-*/packets`, `copies`).
#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum ArpCounters {
    /// Every packet handled.
    #[counter("ARP packets processed", name = "packets", severity = info)]
    Packets,
    /// Replies copied to the host.
    #[counter("ARP replies copied to host", name = "copies", severity = info)]
    Copies,
}

/// `lcp_arp_trace_t`.
#[derive(Clone, Copy, Debug)]
pub struct ArpTrace {
    /// RX of the packet.
    pub rx_sw_if_index: u32,
    /// The ARP opcode (1 request, 2 reply), host order.
    pub arp_opcode: u16,
}

impl fmt::Display for ArpTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rx-sw-if-index: {} opcode: {}", self.rx_sw_if_index, self.arp_opcode)
    }
}

/// `ETHERNET_ARP_OPCODE_reply`.
pub const ARP_OPCODE_REPLY: u16 = 2;

/// `ETHERNET_ARP_OPCODE_request`.
pub const ARP_OPCODE_REQUEST: u16 = 1;

/// The opcode of the ARP header at `b`'s current position (0 if short).
#[inline(always)]
fn arp_opcode(b: &Buffer) -> u16 {
    b.data().get(6..8).map_or(0, |o| u16::from_be_bytes([o[0], o[1]]))
}

/// Copy ARP replies received on paired phys to their hosts.
///
/// One pass over the frame classifies each packet and asks for a copy of
/// each reply from a paired phy, rewound to its Ethernet header (tagged
/// with the host); the copies are then made in one batch and sent to
/// `interface-output` after the frame's own packets.
#[vpp::node(name = "linux-cp-arp-phy", next = ArpNext, errors = ArpCounters, trace = ArpTrace, multiarch)]
#[vpp::feature(arc = "arp", runs_before = ["arp-reply"])]
pub fn lcp_arp_phy(node: &mut vpp::Node<ArpNext, ArpCounters, ArpTrace>, frame: vpp::Frame) -> usize {
    // The last phy -> host lookup: a frame's replies mostly arrive on one
    // interface, so the pair table is read once per run of packets.
    let mut last: (u32, u32) = (u32::MAX, u32::MAX);
    let stats = node.for_each_buffer_copying(
        frame,
        |node, b, copies| {
            let next = node.feature_next(b);
            let op = arp_opcode(b);
            let rx = b.sw_if_index(Dir::Rx);
            if op == ARP_OPCODE_REPLY {
                if last.0 != rx {
                    let pairs = PAIRS.get(node);
                    let host = pairs.find_by_phy(rx).and_then(|i| pairs.get(i)).map(|p| p.host_sw_if_index);
                    last = (rx, host.unwrap_or(u32::MAX));
                }
                if last.1 != u32::MAX {
                    // The copy starts at the Ethernet header; the original
                    // goes on from the ARP header.
                    let len = b.rewind_to_l2_header();
                    copies.request(b, last.1);
                    b.advance(len as i32);
                }
            } else if op == ARP_OPCODE_REQUEST && OWNERS.get(node).linux_owns(rx, Proto::Arp) {
                let pairs = PAIRS.get(node);
                if let Some(pair) = pairs.find_by_phy(rx).and_then(|i| pairs.get(i)) {
                    // Linux owns ARP here: the request goes to the host, not
                    // on to arp-reply.
                    // SAFETY: the host of a live pair exists (pairs go before
                    // their interfaces, under the barrier).
                    unsafe { b.set_sw_if_index(Dir::Tx, pair.host_sw_if_index) };
                    b.rewind_to_l2_header();
                    node.trace_with(b, |_| ArpTrace { rx_sw_if_index: rx, arp_opcode: op });
                    return ArpNext::Io.into();
                }
            }
            node.trace_with(b, |_| ArpTrace { rx_sw_if_index: rx, arp_opcode: op });
            next
        },
        |_, c, host| {
            // SAFETY: `host` is the host of a live pair, which exists (pairs
            // go before their interfaces, under the barrier; the table
            // cannot change while this frame runs).
            unsafe { c.set_sw_if_index(Dir::Tx, host) };
            ArpNext::Io.into()
        },
    );
    node.count(ArpCounters::Packets, stats.packets as u64);
    if stats.copied > 0 {
        node.count(ArpCounters::Copies, stats.copied as u64);
    }
    stats.packets
}

/// Send ARP from the host out of its phy, unchanged.
#[vpp::node(name = "linux-cp-arp-host", next = ArpNext, errors = ArpCounters, trace = ArpTrace, multiarch)]
#[vpp::feature(arc = "arp", runs_before = ["arp-reply"])]
pub fn lcp_arp_host(node: &mut vpp::Node<ArpNext, ArpCounters, ArpTrace>, frame: vpp::Frame) -> usize {
    let n = node.for_each_buffer(frame, |node, b| {
        let pairs = PAIRS.get(node);
        let rx = b.sw_if_index(Dir::Rx);
        let op = arp_opcode(b);
        let next = match pairs.find_by_host(rx).and_then(|i| pairs.get(i)) {
            Some(pair) => {
                // SAFETY: the phy of a live pair exists.
                unsafe { b.set_sw_if_index(Dir::Tx, pair.phy_sw_if_index) };
                b.rewind_to_l2_header();
                ArpNext::Io
            }
            None => ArpNext::Drop,
        };
        node.trace_with(b, |_| ArpTrace { rx_sw_if_index: rx, arp_opcode: op });
        next.into()
    });
    node.count(ArpCounters::Packets, n as u64);
    n
}
