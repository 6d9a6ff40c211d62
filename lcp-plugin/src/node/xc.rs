//! `linux-cp-xc-ip4` / `linux-cp-xc-ip6` (reference 3.4): TAP host → phy.
//!
//! Siblings of ip4-rewrite / ip6-rewrite, on the unicast and multicast IP
//! input arcs of the host interface: the frame Linux built leaves the phy
//! byte for byte (no rewrite, no TTL change), through the adjacency whose
//! rewrite equals the frame's L2 header ([`crate::lcp_adj`]) or, for
//! multicast/broadcast destinations and unknown neighbours, the phy's
//! adjacency of the pair. The adjacency gives the next node (its
//! `rewrite_header.next_index`, an arc of the rewrite node) and, when the
//! phy has output features, the start of the IP output arc.
//!
//! Departures from C, none visible for a well-formed set-up: a packet on an
//! unpaired interface, one that cannot be rewound by the pair's rewrite
//! length, or whose adjacency index is outside VPP's adjacency pool, goes
//! to next 0 of the rewrite node (`ip4-drop` / `ip6-drop`) where C would
//! read out of bounds.

use super::XcTrace;
use crate::lcp_adj::LCP_ADJS;
use crate::pair::PAIRS;
use vpp::buffer::ethernet;
use vpp::{Buffer, Dir, NextIndex, NoErrors, NoNext};

type XcNode<'a> = vpp::Node<'a, NoNext, NoErrors, XcTrace>;

/// Next 0 of ip4/ip6-rewrite (`IP4_REWRITE_NEXT_DROP`: ip4-drop /
/// ip6-drop), which the siblings share.
#[inline(always)]
fn rewrite_drop(node: &XcNode<'_>) -> NextIndex {
    match node.next_checked(0) {
        Some(n) => n,
        None => no_next_nodes(),
    }
}

#[cold]
#[inline(never)]
fn no_next_nodes() -> ! {
    eprintln!("linux-cp-xc: node has no next nodes (not a sibling of ip4/ip6-rewrite?)");
    std::process::abort()
}

/// What a packet needs of the pair of its RX interface, kept across the
/// packets of a frame (they mostly come from one host interface), so the
/// pair table is read once per run of packets.
#[derive(Clone, Copy)]
struct HostPair {
    rx: u32,
    /// `None`: the RX interface has no pair.
    pair: Option<PairHot>,
}

#[derive(Clone, Copy)]
struct PairHot {
    phy_sw_if_index: u32,
    rewrite_len: u8,
    phy_adjs: [u32; 2],
}

impl HostPair {
    const NONE: HostPair = HostPair { rx: u32::MAX, pair: None };

    #[inline(always)]
    fn lookup(&mut self, node: &XcNode<'_>, rx: u32) -> Option<PairHot> {
        if self.rx != rx {
            let pairs = PAIRS.get(node);
            let pair = pairs.find_by_host(rx).and_then(|i| pairs.get(i)).map(|p| PairHot {
                phy_sw_if_index: p.phy_sw_if_index,
                rewrite_len: p.rewrite_len,
                phy_adjs: p.phy_adjs,
            });
            *self = HostPair { rx, pair };
        }
        self.pair
    }
}

/// One packet (C's `lcp_xc_inline`); `af` 0 for IPv4, 1 for IPv6.
#[inline(always)]
fn xc_one(node: &mut XcNode<'_>, b: &mut Buffer, af: usize, last: &mut HostPair) -> NextIndex {
    let Some(pair) = last.lookup(node, b.sw_if_index(Dir::Rx)) else {
        return rewrite_drop(node);
    };
    // SAFETY: the phy of a live pair exists (pairs go before their
    // interfaces, under the barrier).
    unsafe { b.set_sw_if_index(Dir::Tx, pair.phy_sw_if_index) };
    let len = pair.rewrite_len;
    if !b.advance(-(len as i32)) {
        return rewrite_drop(node);
    }
    let mut ai = vpp::adj::ADJ_INDEX_INVALID;
    if b.eth_dst().is_some_and(|d| ethernet::is_unicast(&d)) {
        ai = LCP_ADJS.get(node).lookup(b.data(), len, pair.phy_sw_if_index).unwrap_or(ai);
    }
    if ai == vpp::adj::ADJ_INDEX_INVALID {
        ai = pair.phy_adjs[af];
    }
    let Some(adj) = vpp::adj::view::get(node, ai) else {
        return rewrite_drop(node);
    };
    // SAFETY: `ai` is inside VPP's adjacency pool (checked by `get`) and is
    // either a locked phy adjacency of the pair or an indexed neighbour
    // adjacency removed from the index when VPP deletes it.
    unsafe { b.set_adj_index(Dir::Tx, ai) };
    // SAFETY: the current position is the start of the frame Linux built,
    // whose L2 header is the pair's `rewrite_len` bytes (`advance` kept
    // them inside the buffer, and the segment now holds at least them).
    unsafe { b.set_save_rewrite_length(len) };
    let next = node.adj_next(b, adj, af == 1).unwrap_or_else(|| rewrite_drop(node));
    node.trace_with(b, |b| XcTrace {
        phy_sw_if_index: pair.phy_sw_if_index,
        adj_index: b.adj_index(Dir::Tx),
    });
    next
}

/// `linux-cp-xc-ip4`.
#[vpp::node(name = "linux-cp-xc-ip4", sibling_of = "ip4-rewrite", trace = XcTrace, multiarch)]
#[vpp::feature(arc = "ip4-unicast", runs_after = ["ip4-qos-record", "ip4-qos-store"])]
#[vpp::feature(arc = "ip4-multicast", runs_after = ["ip4-qos-record", "ip4-qos-store"])]
pub fn lcp_xc_ip4(node: &mut vpp::Node<NoNext, NoErrors, XcTrace>, frame: vpp::Frame) -> usize {
    let mut last = HostPair::NONE;
    node.for_each_buffer(frame, |node, b| xc_one(node, b, 0, &mut last))
}

/// `linux-cp-xc-ip6`.
#[vpp::node(name = "linux-cp-xc-ip6", sibling_of = "ip6-rewrite", trace = XcTrace, multiarch)]
#[vpp::feature(arc = "ip6-unicast", runs_after = ["ip6-qos-record", "ip6-qos-store"])]
#[vpp::feature(arc = "ip6-multicast", runs_after = ["ip6-qos-record", "ip6-qos-store"])]
pub fn lcp_xc_ip6(node: &mut vpp::Node<NoNext, NoErrors, XcTrace>, frame: vpp::Frame) -> usize {
    let mut last = HostPair::NONE;
    node.for_each_buffer(frame, |node, b| xc_one(node, b, 1, &mut last))
}
