//! Linux -> VPP: typed events decoded from rtnetlink messages.
//!
//! [`decode`] turns one parsed [`NetlinkMessage`] into a [`Decoded`]: an [`Event`] the plugin
//! acts on, a message deliberately [`Decoded::Ignored`] (with an [`IgnoreReason`]), or a
//! [`Decoded::Malformed`] one. [`decode_bytes`] does the same from the raw bytes of one
//! message (it also handles nexthop objects, which netlink-packet-route 0.34 cannot parse)
//! and [`decode_datagram`] walks a whole datagram and counts everything in [`Stats`].
//! None of these panic, whatever the input.
//!
//! The files: `raw.rs` (framing), `link.rs`, `addr.rs`, `neigh.rs`, `route.rs`, `nexthop.rs`
//! (one per object type), `stats.rs` (counters).

mod addr;
mod link;
mod neigh;
mod nexthop;
pub mod raw;
mod route;
mod stats;

use netlink_packet_core::{NetlinkMessage, NetlinkPayload, NLM_F_REPLACE};
use netlink_packet_route::RouteNetlinkMessage;

pub use addr::AddrEvent;
pub use link::{LinkEvent, VlanInfo};
pub use neigh::{
    NeighEvent, NUD_DELAY, NUD_FAILED, NUD_INCOMPLETE, NUD_NOARP, NUD_PERMANENT, NUD_PROBE, NUD_REACHABLE,
    NUD_STALE, NUD_VALID,
};
pub use nexthop::{encode_nexthop, NexthopEvent, NexthopKind};
pub use route::{
    route_event, route_filter, Prefix, RouteEvent, RouteKind, RoutePath, RTPROT_KERNEL, RTPROT_STATIC,
    RT_TABLE_LOCAL, RT_TABLE_MAIN,
};
pub use stats::Stats;

/// Whether an object was created/changed or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// `RTM_NEW*`.
    New,
    /// `RTM_DEL*`.
    Del,
}

/// A change in Linux the plugin may have to apply to VPP.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Event {
    /// A link.
    Link(LinkEvent),
    /// An interface address.
    Addr(AddrEvent),
    /// A neighbour entry.
    Neigh(NeighEvent),
    /// A route.
    Route(RouteEvent),
    /// A nexthop object.
    Nexthop(NexthopEvent),
}

/// Why a well-formed message is not turned into an [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IgnoreReason {
    /// The datagram did not come from the kernel (sender port id ≠ 0).
    NotFromKernel,
    /// A message type linux-nl does not handle (rules, qdiscs, …) or a request.
    UnhandledType,
    /// A netlink control message (NOOP, DONE, ACK/ERROR, OVERRUN).
    Control,
    /// An address family other than the ones the object type is handled for.
    UnknownFamily,
    /// An `AF_BRIDGE` link or neighbour (bridge port / FDB) message.
    BridgeFamily,
    /// A route of protocol `RTPROT_KERNEL` (connected and subnet routes).
    KernelProtocol,
    /// A route in the local table (255).
    LocalTable,
    /// A route type linux-nl does not install (local, broadcast, anycast, throw, nat, …).
    RouteType,
    /// An IPv6 link-local destination.
    LinkLocal,
    /// A multicast destination (IPv6 multicast route, multicast neighbour).
    Multicast,
    /// A route cache entry (`RTM_F_CLONED`).
    ClonedRoute,
    /// A neighbour without `NDA_DST`.
    NoDestination,
    /// A NOARP neighbour without a link-layer address.
    NoArpWithoutMac,
    /// A nexthop object used for the bridge FDB (`NHA_FDB`).
    FdbNexthop,
    /// A proxy neighbour entry (`NTF_PROXY`).
    ProxyNeighbour,
}

impl IgnoreReason {
    /// Every reason, in counter order.
    pub const ALL: [IgnoreReason; 15] = [
        IgnoreReason::NotFromKernel,
        IgnoreReason::UnhandledType,
        IgnoreReason::Control,
        IgnoreReason::UnknownFamily,
        IgnoreReason::BridgeFamily,
        IgnoreReason::KernelProtocol,
        IgnoreReason::LocalTable,
        IgnoreReason::RouteType,
        IgnoreReason::LinkLocal,
        IgnoreReason::Multicast,
        IgnoreReason::ClonedRoute,
        IgnoreReason::NoDestination,
        IgnoreReason::NoArpWithoutMac,
        IgnoreReason::FdbNexthop,
        IgnoreReason::ProxyNeighbour,
    ];

    /// A short name for counters and CLI output.
    pub fn as_str(self) -> &'static str {
        match self {
            IgnoreReason::NotFromKernel => "not-from-kernel",
            IgnoreReason::UnhandledType => "unhandled-type",
            IgnoreReason::Control => "control",
            IgnoreReason::UnknownFamily => "unknown-family",
            IgnoreReason::BridgeFamily => "bridge-family",
            IgnoreReason::KernelProtocol => "kernel-protocol",
            IgnoreReason::LocalTable => "local-table",
            IgnoreReason::RouteType => "route-type",
            IgnoreReason::LinkLocal => "link-local",
            IgnoreReason::Multicast => "multicast",
            IgnoreReason::ClonedRoute => "cloned-route",
            IgnoreReason::NoDestination => "no-destination",
            IgnoreReason::NoArpWithoutMac => "noarp-without-mac",
            IgnoreReason::FdbNexthop => "fdb-nexthop",
            IgnoreReason::ProxyNeighbour => "proxy-neighbour",
        }
    }

    fn index(self) -> usize {
        IgnoreReason::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// What one netlink message turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Decoded {
    /// A change to apply.
    Event(Event),
    /// A well-formed message deliberately not acted on.
    Ignored(IgnoreReason),
    /// A message that could not be decoded, with what was wrong.
    Malformed(String),
}

/// Decode one parsed message received from port `sender_pid` (0 for the kernel).
///
/// `NLM_F_REPLACE` on a new route becomes [`RouteEvent::replace`]. Never panics.
pub fn decode(msg: &NetlinkMessage<RouteNetlinkMessage>, sender_pid: u32) -> Decoded {
    if sender_pid != 0 {
        return Decoded::Ignored(IgnoreReason::NotFromKernel);
    }
    let replace = msg.header.flags & NLM_F_REPLACE != 0;
    let m = match &msg.payload {
        NetlinkPayload::InnerMessage(m) => m,
        _ => return Decoded::Ignored(IgnoreReason::Control),
    };
    use RouteNetlinkMessage as R;
    match m {
        R::NewLink(l) => link::decode_link(l, Action::New),
        R::DelLink(l) => link::decode_link(l, Action::Del),
        R::NewAddress(a) => addr::decode_addr(a, Action::New),
        R::DelAddress(a) => addr::decode_addr(a, Action::Del),
        R::NewNeighbour(n) => neigh::decode_neigh(n, Action::New),
        R::DelNeighbour(n) => neigh::decode_neigh(n, Action::Del),
        R::NewRoute(r) => route::decode_route(r, Action::New, replace),
        R::DelRoute(r) => route::decode_route(r, Action::Del, false),
        _ => Decoded::Ignored(IgnoreReason::UnhandledType),
    }
}

/// Decode the raw bytes of one message (netlink header included) from port `sender_pid`.
///
/// Nexthop object messages are decoded here directly; everything else is parsed with
/// netlink-packet-route and handed to [`decode`]. A parser panic (a bug in the parsing
/// library) is caught and reported as [`Decoded::Malformed`]. Never panics.
pub fn decode_bytes(raw: &[u8], sender_pid: u32) -> Decoded {
    let Some(h) = raw::RawHeader::parse(raw) else {
        return Decoded::Malformed(format!("{}-byte message, shorter than a netlink header", raw.len()));
    };
    if h.len as usize != raw.len() {
        return Decoded::Malformed(format!("nlmsg_len {} for a {}-byte message", h.len, raw.len()));
    }
    if sender_pid != 0 {
        return Decoded::Ignored(IgnoreReason::NotFromKernel);
    }
    match h.msg_type {
        raw::NLMSG_NOOP | raw::NLMSG_ERROR | raw::NLMSG_DONE | raw::NLMSG_OVERRUN => {
            return Decoded::Ignored(IgnoreReason::Control)
        }
        raw::RTM_NEWNEXTHOP => return nexthop::decode_nexthop(raw, Action::New),
        raw::RTM_DELNEXTHOP => return nexthop::decode_nexthop(raw, Action::Del),
        16 | 17 | 20 | 21 | 24 | 25 | 28 | 29 => {}
        _ => return Decoded::Ignored(IgnoreReason::UnhandledType),
    }
    let parsed = std::panic::catch_unwind(|| NetlinkMessage::<RouteNetlinkMessage>::deserialize(raw));
    match parsed {
        Ok(Ok(msg)) => decode(&msg, sender_pid),
        Ok(Err(e)) => Decoded::Malformed(format!("type {}: {e}", h.msg_type)),
        Err(_) => Decoded::Malformed(format!("type {}: the parser panicked", h.msg_type)),
    }
}

/// One decoded message of a datagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The message's netlink header.
    pub header: raw::RawHeader,
    /// What it decoded to.
    pub decoded: Decoded,
}

/// Decode every message of one datagram from `sender_pid`, counting each in `stats`.
///
/// Control messages (DONE, ERROR, …) are returned as [`IgnoreReason::Control`] with their
/// header so a dump reader can see them. A length field that breaks the framing gives one
/// final [`Decoded::Malformed`] entry and ends the walk.
pub fn decode_datagram(buf: &[u8], sender_pid: u32, stats: &mut Stats) -> Vec<Received> {
    let mut out = Vec::new();
    for f in raw::split_datagram(buf) {
        match f {
            raw::Frame::Message(header, bytes) => {
                let decoded = decode_bytes(bytes, sender_pid);
                stats.record(header.msg_type, &decoded);
                out.push(Received { header, decoded });
            }
            raw::Frame::Broken(why) => {
                let decoded = Decoded::Malformed(why);
                stats.record(0, &decoded);
                out.push(Received {
                    header: raw::RawHeader { len: 0, msg_type: 0, flags: 0, seq: 0, pid: 0 },
                    decoded,
                });
            }
        }
    }
    out
}
