//! `linux-cp-punt` and `linux-cp-punt-xc` (reference 3.1, 3.2).
//!
//! - `linux-cp-punt` (reached from the IPsec SPI-0 punt reasons): a packet
//!   received on a phy goes to that phy's host interface.
//! - `linux-cp-punt-xc` (reached from `ethernet_register_input_type` /
//!   `osi_register_input_protocol`): phy → host as above, else host → phy.
//!
//! TAP pairs get the frame back with its Ethernet header (VLAN tags
//! included); TUN pairs get it unchanged. A packet whose interface is in no
//! pair is dropped without setting `b->error`, like C (it is counted under
//! whatever reason it already carried).

use crate::pair::{HostType, INVALID, PAIRS};
use core::fmt;
use vpp::{Buffer, Dir, NextIndex, NoErrors};

/// Next nodes, in C's order (`LIP_PUNT_XC_NEXT_IO` = 0, `_DROP` = 1).
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum PuntNext {
    /// To the host (or phy) interface.
    #[next("interface-output")]
    Io,
    /// Unknown input interface.
    #[next("error-drop")]
    Drop,
}

/// `lip_punt_xc_trace_t`.
#[derive(Clone, Copy, Debug)]
pub struct PuntTrace {
    /// Host → phy (only `linux-cp-punt-xc`).
    pub is_xc: bool,
    /// The phy (`~0` if unknown).
    pub phy_sw_if_index: u32,
    /// The host (`~0` if unknown).
    pub host_sw_if_index: u32,
}

impl fmt::Display for PuntTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_xc {
            write!(f, "lip-xc: {} -> {}", self.host_sw_if_index, self.phy_sw_if_index)
        } else {
            write!(f, "lip-punt: {} -> {}", self.phy_sw_if_index, self.host_sw_if_index)
        }
    }
}

type PuntNode<'a> = vpp::Node<'a, PuntNext, NoErrors, PuntTrace>;

/// One packet of either node (C's `lip_punt_xc_inline`).
#[inline(always)]
fn punt_one(node: &mut PuntNode<'_>, b: &mut Buffer, check_xc: bool) -> NextIndex<PuntNext> {
    let pairs = PAIRS.get(node);
    let rx = b.sw_if_index(Dir::Rx);
    let mut is_xc = false;
    let mut found = pairs.find_by_phy(rx).and_then(|i| pairs.get(i));
    if found.is_none() && check_xc {
        is_xc = true;
        found = pairs.find_by_host(rx).and_then(|i| pairs.get(i));
    }
    let next = match found {
        Some(p) => {
            let tx = if is_xc { p.phy_sw_if_index } else { p.host_sw_if_index };
            // SAFETY: `tx` is an interface of a live pair; pairs are removed
            // (under the barrier) before their interfaces are deleted, so it
            // exists for interface-output.
            unsafe { b.set_sw_if_index(Dir::Tx, tx) };
            if p.host_type == HostType::Tap {
                b.rewind_to_l2_header();
            }
            PuntNext::Io
        }
        None => PuntNext::Drop,
    };
    node.trace_with(b, |_| {
        let other = |f: fn(&crate::pair::Pair) -> u32| found.map_or(INVALID, f);
        if is_xc {
            PuntTrace { is_xc, phy_sw_if_index: other(|p| p.phy_sw_if_index), host_sw_if_index: rx }
        } else {
            PuntTrace { is_xc, phy_sw_if_index: rx, host_sw_if_index: other(|p| p.host_sw_if_index) }
        }
    });
    next.into()
}

/// `linux-cp-punt`: phy → host for punted packets.
#[vpp::node(name = "linux-cp-punt", next = PuntNext, trace = PuntTrace, multiarch)]
pub fn lip_punt(node: &mut vpp::Node<PuntNext, NoErrors, PuntTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| punt_one(node, b, false))
}

/// `linux-cp-punt-xc`: phy → host, or host → phy.
#[vpp::node(name = "linux-cp-punt-xc", next = PuntNext, trace = PuntTrace, multiarch)]
pub fn lip_punt_xc(node: &mut vpp::Node<PuntNext, NoErrors, PuntTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| punt_one(node, b, true))
}
