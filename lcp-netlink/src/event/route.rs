//! Route events (`RTM_NEWROUTE` / `RTM_DELROUTE`) for IPv4, IPv6 and MPLS.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteFlags, RouteLwTunnelEncap, RouteMessage, RouteMplsIpTunnel,
    RouteNextHop, RouteVia,
};
use netlink_packet_route::AddressFamily;

use super::{Action, Decoded, Event, IgnoreReason};

/// `RTPROT_KERNEL`: routes the kernel makes itself (connected, subnet).
pub const RTPROT_KERNEL: u8 = 2;
/// `RTPROT_STATIC`: the last protocol linux-nl puts in the `lcp-rt` source; higher ones go
/// to `lcp-rt-dynamic`.
pub const RTPROT_STATIC: u8 = 4;
/// `RT_TABLE_MAIN`.
pub const RT_TABLE_MAIN: u32 = 254;
/// `RT_TABLE_LOCAL`.
pub const RT_TABLE_LOCAL: u32 = 255;

/// A route destination. Ordered IPv4 before IPv6 before MPLS, then by
/// address (as a number) and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prefix {
    /// IPv4 address and length (host bits as the kernel sent them).
    V4(Ipv4Addr, u8),
    /// IPv6 address and length.
    V6(Ipv6Addr, u8),
    /// An MPLS label (the route's incoming label).
    Mpls(u32),
}

impl Prefix {
    /// The order's key: family, the address as a number, the length. The
    /// model's maps compare millions of prefixes; integers compare in one
    /// instruction where the derived order compared addresses byte by byte.
    #[inline]
    fn order_key(&self) -> (u8, u128, u8) {
        match *self {
            Prefix::V4(a, l) => (0, u128::from(u32::from(a)), l),
            Prefix::V6(a, l) => (1, u128::from(a), l),
            Prefix::Mpls(label) => (2, u128::from(label), 0),
        }
    }

    /// An IPv4 prefix's address and length in one integer, in the prefix
    /// order (0 for the other families).
    #[inline]
    fn v4_bits(&self) -> u64 {
        match *self {
            Prefix::V4(a, l) => (u64::from(u32::from(a)) << 8) | u64::from(l),
            _ => 0,
        }
    }
}

impl Ord for Prefix {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Prefix::V4(..), Prefix::V4(..)) => self.v4_bits().cmp(&other.v4_bits()),
            _ => self.order_key().cmp(&other.order_key()),
        }
    }
}

impl PartialOrd for Prefix {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Prefix::V4(a, l) => write!(f, "{a}/{l}"),
            Prefix::V6(a, l) => write!(f, "{a}/{l}"),
            Prefix::Mpls(l) => write!(f, "mpls {l}"),
        }
    }
}

/// The route type (`rtm_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RouteKind {
    /// `RTN_UNICAST`.
    Unicast,
    /// `RTN_LOCAL`.
    Local,
    /// `RTN_BROADCAST`.
    Broadcast,
    /// `RTN_ANYCAST`.
    Anycast,
    /// `RTN_MULTICAST`.
    Multicast,
    /// `RTN_BLACKHOLE`: drop.
    Blackhole,
    /// `RTN_UNREACHABLE`: ICMP unreachable.
    Unreachable,
    /// `RTN_PROHIBIT`: ICMP administratively prohibited.
    Prohibit,
    /// Anything else (`RTN_THROW`, `RTN_NAT`, `RTN_UNSPEC`, …) with its number.
    Other(u8),
}

impl RouteKind {
    /// From the kernel's `rtm_type`.
    pub fn from_u8(t: u8) -> RouteKind {
        match t {
            1 => RouteKind::Unicast,
            2 => RouteKind::Local,
            3 => RouteKind::Broadcast,
            4 => RouteKind::Anycast,
            5 => RouteKind::Multicast,
            6 => RouteKind::Blackhole,
            7 => RouteKind::Unreachable,
            8 => RouteKind::Prohibit,
            t => RouteKind::Other(t),
        }
    }

    /// Whether linux-nl installs routes of this type (unicast, multicast, blackhole,
    /// unreachable, prohibit).
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            RouteKind::Unicast
                | RouteKind::Multicast
                | RouteKind::Blackhole
                | RouteKind::Unreachable
                | RouteKind::Prohibit
        )
    }

    /// Whether the type is a "special" one whose route needs no next hop (blackhole,
    /// unreachable, prohibit).
    pub fn is_special(self) -> bool {
        matches!(self, RouteKind::Blackhole | RouteKind::Unreachable | RouteKind::Prohibit)
    }
}

/// One next hop of a route.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoutePath {
    /// Outgoing interface (`RTA_OIF` / `rtnh_ifindex`), `None` when absent or 0.
    pub ifindex: Option<u32>,
    /// `RTA_GATEWAY`, or the address of `RTA_VIA` (which may be of the other IP family).
    pub gateway: Option<IpAddr>,
    /// The kernel's weight: `rtnh_hops + 1` (1 for single-path routes).
    pub weight: u32,
    /// Outgoing MPLS labels: `RTA_NEWDST` (MPLS routes) then the MPLS lwtunnel encap labels,
    /// outermost first.
    pub labels: Vec<u32>,
}

impl RoutePath {
    /// Whether `other` is the same next hop (interface and gateway; weight and labels are
    /// attributes of the hop, not its identity).
    pub fn same_hop(&self, other: &RoutePath) -> bool {
        self.ifindex == other.ifindex && self.gateway == other.gateway
    }
}

/// A route was added, replaced or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RouteEvent {
    /// New or deleted.
    pub action: Action,
    /// `NLM_F_REPLACE` was set on a new route.
    pub replace: bool,
    /// The kernel table: `RTA_TABLE` when present, else `rtm_table`.
    pub table: u32,
    /// The destination.
    pub prefix: Prefix,
    /// `rtm_protocol`.
    pub protocol: u8,
    /// `rtm_type`.
    pub kind: RouteKind,
    /// `RTA_PRIORITY` (the metric), 0 when absent.
    pub metric: u32,
    /// `rtm_tos`.
    pub tos: u8,
    /// The next hops (empty for special types and for routes that use `nh_id`).
    pub paths: Vec<RoutePath>,
    /// `RTA_NH_ID`: the route uses nexthop object `id` (see [`super::NexthopEvent`]).
    pub nh_id: Option<u32>,
}

impl RouteEvent {
    /// The VPP FIB source linux-nl would use: `false` for `lcp-rt` (protocol ≤ static),
    /// `true` for `lcp-rt-dynamic`.
    pub fn is_dynamic(&self) -> bool {
        self.protocol > RTPROT_STATIC
    }
}

fn max_len(family: AddressFamily) -> Option<u8> {
    match family {
        AddressFamily::Inet => Some(32),
        AddressFamily::Inet6 => Some(128),
        AddressFamily::Mpls => Some(20),
        _ => None,
    }
}

fn gateway_of(a: &RouteAddress) -> Result<Option<IpAddr>, String> {
    match a {
        RouteAddress::Inet(a) => Ok(Some(IpAddr::V4(*a))),
        RouteAddress::Inet6(a) => Ok(Some(IpAddr::V6(*a))),
        _ => Err("gateway of an unknown family".into()),
    }
}

fn via_of(v: &RouteVia) -> Result<Option<IpAddr>, String> {
    match v {
        RouteVia::Inet(a) => Ok(Some(IpAddr::V4(*a))),
        RouteVia::Inet6(a) => Ok(Some(IpAddr::V6(*a))),
        _ => Err("RTA_VIA of an unsupported family".into()),
    }
}

/// Fill `path` from the attributes that describe one hop (top level or inside a
/// `rtnexthop`).
fn hop_attrs(attrs: &[RouteAttribute], path: &mut RoutePath) -> Result<(), String> {
    let mut newdst = Vec::new();
    let mut encap = Vec::new();
    for a in attrs {
        match a {
            RouteAttribute::Gateway(g) => path.gateway = gateway_of(g)?,
            RouteAttribute::Via(v) if path.gateway.is_none() => path.gateway = via_of(v)?,
            RouteAttribute::Oif(i) => path.ifindex = Some(*i).filter(|i| *i != 0),
            RouteAttribute::NewDestination(labels) => newdst.extend(labels.iter().map(|l| l.label)),
            RouteAttribute::Encap(e) => {
                for x in e {
                    if let RouteLwTunnelEncap::Mpls(RouteMplsIpTunnel::Destination(labels)) = x {
                        encap.extend(labels.iter().map(|l| l.label));
                    }
                }
            }
            _ => {}
        }
    }
    path.labels = newdst;
    path.labels.extend(encap);
    Ok(())
}

fn multipath(hops: &[RouteNextHop]) -> Result<Vec<RoutePath>, String> {
    hops.iter()
        .map(|h| {
            let mut p = RoutePath {
                ifindex: Some(h.interface_index).filter(|i| *i != 0),
                gateway: None,
                weight: u32::from(h.hops) + 1,
                labels: Vec::new(),
            };
            hop_attrs(&h.attributes, &mut p)?;
            if h.interface_index != 0 {
                p.ifindex = Some(h.interface_index);
            }
            Ok(p)
        })
        .collect()
}

/// Decode a route message into a [`RouteEvent`] with no filtering.
pub fn route_event(
    m: &RouteMessage,
    action: Action,
    replace: bool,
) -> Result<RouteEvent, Option<IgnoreReason>> {
    route_event_inner(m, action, replace)
}

fn route_event_inner(
    m: &RouteMessage,
    action: Action,
    replace: bool,
) -> Result<RouteEvent, Option<IgnoreReason>> {
    let h = &m.header;
    let Some(max) = max_len(h.address_family) else {
        return Err(Some(IgnoreReason::UnknownFamily));
    };
    if h.destination_prefix_length > max {
        return Err(None);
    }
    let mut table = u32::from(h.table);
    let mut dst = None;
    let mut metric = 0;
    let mut nh_id = None;
    let mut hops = None;
    for a in &m.attributes {
        match a {
            RouteAttribute::Table(t) => table = *t,
            RouteAttribute::Destination(d) => dst = Some(d.clone()),
            RouteAttribute::Priority(p) => metric = *p,
            RouteAttribute::NhId(id) => nh_id = Some(*id),
            RouteAttribute::MultiPath(m) => hops = Some(m.as_slice()),
            _ => {}
        }
    }
    let len = h.destination_prefix_length;
    let prefix = match (h.address_family, dst) {
        (AddressFamily::Inet, None) => Prefix::V4(Ipv4Addr::UNSPECIFIED, len),
        (AddressFamily::Inet6, None) => Prefix::V6(Ipv6Addr::UNSPECIFIED, len),
        (AddressFamily::Inet, Some(RouteAddress::Inet(a))) => Prefix::V4(a, len),
        (AddressFamily::Inet6, Some(RouteAddress::Inet6(a))) => Prefix::V6(a, len),
        (AddressFamily::Mpls, Some(RouteAddress::Mpls(l))) => Prefix::Mpls(l.label),
        _ => return Err(None),
    };
    let mut paths = match hops {
        Some(hops) => multipath(hops).map_err(|_| None)?,
        None => {
            let mut p = RoutePath { ifindex: None, gateway: None, weight: 1, labels: Vec::new() };
            hop_attrs(&m.attributes, &mut p).map_err(|_| None)?;
            if p.ifindex.is_some() || p.gateway.is_some() || !p.labels.is_empty() {
                vec![p]
            } else {
                Vec::new()
            }
        }
    };
    if nh_id.is_some() {
        // The kernel also reports the resolved hops of a nexthop object on the route; the
        // model resolves them itself through the object.
        paths.clear();
    }
    Ok(RouteEvent {
        action,
        replace: replace && action == Action::New,
        table,
        prefix,
        protocol: u8::from(h.protocol),
        kind: RouteKind::from_u8(u8::from(h.kind)),
        metric,
        tos: h.tos,
        paths,
        nh_id,
    })
}

pub(crate) fn decode_route(m: &RouteMessage, action: Action, replace: bool) -> Decoded {
    if m.header.flags.contains(RouteFlags::Cloned) {
        return Decoded::Ignored(IgnoreReason::ClonedRoute);
    }
    let ev = match route_event_inner(m, action, replace) {
        Ok(ev) => ev,
        Err(Some(reason)) => return Decoded::Ignored(reason),
        Err(None) => {
            return Decoded::Malformed("route message with an inconsistent destination or next hop".into())
        }
    };
    if let Some(reason) = route_filter(&ev) {
        return Decoded::Ignored(reason);
    }
    Decoded::Event(Event::Route(ev))
}

/// Why linux-nl would not act on this route, if it would not: the local table, types other
/// than unicast/multicast/blackhole/unreachable/prohibit, kernel-protocol routes, IPv6
/// link-local and multicast destinations.
///
/// Unlike linux-nl these filters apply to deletes too (quirk 5 of the reference: it skips
/// kernel routes on add only); since such routes never enter the model, a delete of one has
/// nothing to remove either way.
pub fn route_filter(ev: &RouteEvent) -> Option<IgnoreReason> {
    if ev.table == RT_TABLE_LOCAL {
        return Some(IgnoreReason::LocalTable);
    }
    if !ev.kind.is_supported() {
        return Some(IgnoreReason::RouteType);
    }
    if ev.protocol == RTPROT_KERNEL {
        return Some(IgnoreReason::KernelProtocol);
    }
    if let Prefix::V6(a, _) = ev.prefix {
        if a.segments()[0] & 0xffc0 == 0xfe80 {
            return Some(IgnoreReason::LinkLocal);
        }
        if a.segments()[0] & 0xff00 == 0xff00 {
            return Some(IgnoreReason::Multicast);
        }
    }
    None
}

#[cfg(test)]
mod order_tests {
    use super::Prefix;
    use crate::state::RouteKey;
    use std::cmp::Ordering;

    /// The order the derived `Ord` gave: family, address bytes, length.
    fn reference(a: &Prefix, b: &Prefix) -> Ordering {
        let key = |p: &Prefix| match *p {
            Prefix::V4(a, l) => (0, a.octets().to_vec(), l),
            Prefix::V6(a, l) => (1, a.octets().to_vec(), l),
            Prefix::Mpls(x) => (2, x.to_be_bytes().to_vec(), 0),
        };
        key(a).cmp(&key(b))
    }

    #[test]
    fn integer_order_is_the_byte_order() {
        let v: Vec<Prefix> = [
            "0.0.0.0/0",
            "0.0.0.0/8",
            "9.255.255.255/32",
            "10.0.0.0/8",
            "10.0.0.0/24",
            "10.0.1.0/24",
            "128.0.0.0/1",
            "255.255.255.255/32",
            "::/0",
            "::1/128",
            "2001:db8::/32",
            "2001:db8::1/128",
            "fe80::/10",
            "ffff::/16",
        ]
        .iter()
        .map(|s| {
            let (a, l) = s.split_once('/').unwrap();
            match a.parse().unwrap() {
                std::net::IpAddr::V4(a) => Prefix::V4(a, l.parse().unwrap()),
                std::net::IpAddr::V6(a) => Prefix::V6(a, l.parse().unwrap()),
            }
        })
        .chain([Prefix::Mpls(0), Prefix::Mpls(16), Prefix::Mpls(1 << 19)])
        .collect();
        for a in &v {
            for b in &v {
                assert_eq!(a.cmp(b), reference(a, b), "{a} vs {b}");
                assert_eq!(a.cmp(b) == Ordering::Equal, a == b);
                // Route keys: table first, then the prefix.
                for (t, u) in [(254, 254), (254, 1001), (1001, 254), (0, u32::MAX)] {
                    let (x, y) = (RouteKey { table: t, prefix: *a }, RouteKey { table: u, prefix: *b });
                    assert_eq!(x.cmp(&y), t.cmp(&u).then(reference(a, b)), "{x:?} vs {y:?}");
                }
            }
        }
    }
}
