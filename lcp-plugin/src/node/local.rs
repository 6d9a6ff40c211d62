//! `linux-cp-local-ip4` and `linux-cp-local-ip6`: on the `ip4-local` /
//! `ip6-local` arcs (before VPP's protocol handlers), enabled on a paired
//! phy only while Linux owns one of its ping/IGMP (ip4) or ping/ND (ip6)
//! protocols there ([`crate::ownership`]).
//!
//! A packet addressed to VPP that Linux owns (ICMP echo request, IGMP;
//! ICMPv6 echo request, neighbour or router solicitation) received on a
//! paired phy goes to `ip4-punt` / `ip6-punt` instead of on along the arc:
//! the pair's punt redirect (made at pair add, as C does) hands it to the
//! host, and VPP's own responder never sees it. Everything else continues
//! along the arc unchanged.
//!
//! The arc is entered with `ip.rx_sw_if_index` (the interface owning the
//! address); ownership is looked up by the receiving interface
//! (`sw_if_index[RX]`), which is what the punt redirect is keyed by.

use crate::ownership::{Proto, OWNERS};
use crate::pair::PAIRS;
use core::fmt;
use vpp::{Buffer, Dir};

/// `linux-cp-local-ip4` next nodes.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Local4Next {
    /// To the punt arc (redirect to the host).
    #[next("ip4-punt")]
    Punt,
}

/// `linux-cp-local-ip6` next nodes.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Local6Next {
    /// To the punt arc (redirect to the host).
    #[next("ip6-punt")]
    Punt,
}

/// Counters of both nodes.
#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum LocalCounters {
    /// Packets handed to the host instead of VPP's responder.
    #[counter("packets Linux owns punted to the host", name = "to-host", severity = info)]
    ToHost,
}

/// Trace: the receiving interface, the protocol Linux owns (if any) and
/// whether the packet went to the host.
#[derive(Clone, Copy, Debug)]
pub struct LocalTrace {
    /// `sw_if_index[RX]`.
    pub rx_sw_if_index: u32,
    /// The protocol recognised, if any.
    pub proto: Option<Proto>,
    /// Sent to the punt arc.
    pub to_host: bool,
}

impl fmt::Display for LocalTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.proto.map_or("other", Proto::as_str);
        let to = if self.to_host { "to host" } else { "to vpp" };
        write!(f, "linux-cp-local: rx-sw-if-index {} {p} {to}", self.rx_sw_if_index)
    }
}

/// `ICMP4_echo_request`.
const ICMP4_ECHO_REQUEST: u8 = 8;
/// `ICMP6_echo_request`, `_router_solicitation`, `_neighbor_solicitation`.
const ICMP6_ECHO_REQUEST: u8 = 128;
const ICMP6_ROUTER_SOLICITATION: u8 = 133;
const ICMP6_NEIGHBOR_SOLICITATION: u8 = 135;

/// The owned protocol of the IPv4 packet `ip` (header at offset 0).
pub fn classify4(ip: &[u8]) -> Option<Proto> {
    let ihl = (*ip.first()? & 0x0f) as usize * 4;
    match *ip.get(9)? {
        1 if *ip.get(ihl)? == ICMP4_ECHO_REQUEST => Some(Proto::Ping),
        2 => Some(Proto::Igmp),
        _ => None,
    }
}

/// The owned protocol of the IPv6 packet `ip` (ICMPv6 right after the
/// fixed header; VPP's ND takes no extension headers either).
pub fn classify6(ip: &[u8]) -> Option<Proto> {
    if *ip.get(6)? != 58 {
        return None;
    }
    match *ip.get(40)? {
        ICMP6_ECHO_REQUEST => Some(Proto::Ping),
        ICMP6_ROUTER_SOLICITATION | ICMP6_NEIGHBOR_SOLICITATION => Some(Proto::Nd),
        _ => None,
    }
}

/// Whether `b` (recognised as `proto`) goes to the host.
#[inline(always)]
fn to_host<N: vpp::NextNodes, E: vpp::ErrorCounters, T: vpp::TraceData>(
    node: &vpp::Node<N, E, T>,
    b: &Buffer,
    proto: Option<Proto>,
) -> bool {
    let Some(p) = proto else { return false };
    let rx = b.sw_if_index(Dir::Rx);
    PAIRS.get(node).find_by_phy(rx).is_some() && OWNERS.get(node).linux_owns(rx, p)
}

/// Punt IPv4 echo requests and IGMP Linux owns to the host.
#[vpp::node(name = "linux-cp-local-ip4", next = Local4Next, errors = LocalCounters, trace = LocalTrace, multiarch)]
#[vpp::feature(arc = "ip4-local", runs_before = ["ip4-local-end-of-arc"])]
pub fn lcp_local_ip4(
    node: &mut vpp::Node<Local4Next, LocalCounters, LocalTrace>,
    frame: vpp::Frame,
) -> usize {
    let mut punted = 0u64;
    let n = node.for_each_buffer(frame, |node, b| {
        let next = node.feature_next(b);
        let proto = classify4(b.data());
        let host = to_host(node, b, proto);
        node.trace_with(b, |b| LocalTrace { rx_sw_if_index: b.sw_if_index(Dir::Rx), proto, to_host: host });
        if host {
            punted += 1;
            Local4Next::Punt.into()
        } else {
            next
        }
    });
    if punted > 0 {
        node.count(LocalCounters::ToHost, punted);
    }
    n
}

/// Punt ICMPv6 echo requests and NS/RS Linux owns to the host.
#[vpp::node(name = "linux-cp-local-ip6", next = Local6Next, errors = LocalCounters, trace = LocalTrace, multiarch)]
#[vpp::feature(arc = "ip6-local", runs_before = ["ip6-local-end-of-arc"])]
pub fn lcp_local_ip6(
    node: &mut vpp::Node<Local6Next, LocalCounters, LocalTrace>,
    frame: vpp::Frame,
) -> usize {
    let mut punted = 0u64;
    let n = node.for_each_buffer(frame, |node, b| {
        let next = node.feature_next(b);
        let proto = classify6(b.data());
        let host = to_host(node, b, proto);
        node.trace_with(b, |b| LocalTrace { rx_sw_if_index: b.sw_if_index(Dir::Rx), proto, to_host: host });
        if host {
            punted += 1;
            Local6Next::Punt.into()
        } else {
            next
        }
    });
    if punted > 0 {
        node.count(LocalCounters::ToHost, punted);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_what_linux_may_own() {
        let mut ip4 = [0u8; 28];
        ip4[0] = 0x45;
        ip4[9] = 1;
        ip4[20] = 8;
        assert_eq!(classify4(&ip4), Some(Proto::Ping));
        ip4[20] = 0;
        assert_eq!(classify4(&ip4), None, "echo reply is not owned");
        ip4[9] = 2;
        assert_eq!(classify4(&ip4), Some(Proto::Igmp));
        ip4[9] = 17;
        assert_eq!(classify4(&ip4), None);
        assert_eq!(classify4(&ip4[..5]), None, "short");
        let mut ip6 = [0u8; 48];
        ip6[6] = 58;
        for (t, p) in [(128, Some(Proto::Ping)), (133, Some(Proto::Nd)), (135, Some(Proto::Nd)), (136, None)]
        {
            ip6[40] = t;
            assert_eq!(classify6(&ip6), p, "icmp6 type {t}");
        }
        ip6[6] = 17;
        assert_eq!(classify6(&ip6), None);
    }
}
