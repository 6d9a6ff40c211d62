//! Builders for canned rtnetlink messages, serialized with netlink-packet-route.
#![allow(dead_code)]

use std::net::IpAddr;

use lcp_netlink::event::{decode_bytes, Decoded, Event};
use netlink_packet_core::{NetlinkHeader, NetlinkMessage, NetlinkPayload};
use netlink_packet_route::address::{AddressAttribute, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVlan, InfoVrf, LinkAttribute, LinkFlags, LinkInfo, LinkMessage, VlanProtocol,
};
use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourMessage, NeighbourState,
};
use netlink_packet_route::route::{
    MplsLabel, RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteNextHop, RouteProtocol,
    RouteType, RouteVia,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

pub const NLM_F_REPLACE: u16 = 0x100;

/// Serialize with header flags `flags`.
pub fn bytes(msg: RouteNetlinkMessage, flags: u16) -> Vec<u8> {
    let mut h = NetlinkHeader::default();
    h.flags = flags;
    let mut m = NetlinkMessage::new(h, NetlinkPayload::InnerMessage(msg));
    m.finalize();
    let mut b = vec![0u8; m.buffer_len()];
    m.serialize(&mut b);
    b
}

pub fn dec(msg: RouteNetlinkMessage, flags: u16) -> Decoded {
    decode_bytes(&bytes(msg, flags), 0)
}

pub fn ev(msg: RouteNetlinkMessage, flags: u16) -> Event {
    match dec(msg.clone(), flags) {
        Decoded::Event(e) => e,
        other => panic!("{msg:?} decoded to {other:?}"),
    }
}

pub fn link(index: u32, name: &str, up: bool) -> LinkMessage {
    let mut l = LinkMessage::default();
    l.header.index = index;
    if up {
        l.header.flags = LinkFlags::Up | LinkFlags::LowerUp | LinkFlags::Running;
    }
    l.attributes.push(LinkAttribute::IfName(name.into()));
    l.attributes.push(LinkAttribute::Mtu(1500));
    l.attributes.push(LinkAttribute::Address(vec![2, 0, 0, 0, 0, index as u8]));
    l
}

pub fn vlan_link(index: u32, name: &str, parent: u32, id: u16) -> LinkMessage {
    let mut l = link(index, name, true);
    l.attributes.push(LinkAttribute::Link(parent));
    l.attributes.push(LinkAttribute::LinkInfo(vec![
        LinkInfo::Kind(InfoKind::Vlan),
        LinkInfo::Data(InfoData::Vlan(vec![InfoVlan::Id(id), InfoVlan::Protocol(VlanProtocol::Ieee8021Ad)])),
    ]));
    l
}

pub fn vrf_link(index: u32, name: &str, table: u32) -> LinkMessage {
    let mut l = link(index, name, true);
    l.attributes.push(LinkAttribute::LinkInfo(vec![
        LinkInfo::Kind(InfoKind::Vrf),
        LinkInfo::Data(InfoData::Vrf(vec![InfoVrf::TableId(table)])),
    ]));
    l
}

pub fn addr(index: u32, ip: &str, len: u8) -> AddressMessage {
    let ip: IpAddr = ip.parse().unwrap();
    let mut a = AddressMessage::default();
    a.header.family = if ip.is_ipv4() { AddressFamily::Inet } else { AddressFamily::Inet6 };
    a.header.index = index;
    a.header.prefix_len = len;
    if ip.is_ipv4() {
        a.attributes.push(AddressAttribute::Local(ip));
    }
    a.attributes.push(AddressAttribute::Address(ip));
    a
}

pub fn neigh(index: u32, ip: &str, mac: Option<[u8; 6]>, state: NeighbourState) -> NeighbourMessage {
    let ip: IpAddr = ip.parse().unwrap();
    let mut n = NeighbourMessage::default();
    n.header.family = if ip.is_ipv4() { AddressFamily::Inet } else { AddressFamily::Inet6 };
    n.header.ifindex = index;
    n.header.state = state;
    n.attributes.push(NeighbourAttribute::Destination(match ip {
        IpAddr::V4(a) => NeighbourAddress::Inet(a),
        IpAddr::V6(a) => NeighbourAddress::Inet6(a),
    }));
    if let Some(m) = mac {
        n.attributes.push(NeighbourAttribute::LinkLayerAddress(m.to_vec()));
    }
    n
}

fn raddr(ip: IpAddr) -> RouteAddress {
    match ip {
        IpAddr::V4(a) => RouteAddress::Inet(a),
        IpAddr::V6(a) => RouteAddress::Inet6(a),
    }
}

/// A route to `dst` ("a.b.c.d/len") in `table` with protocol static and metric `metric`.
pub fn route(dst: &str, table: u32, metric: u32) -> RouteMessage {
    let (ip, len) = dst.split_once('/').unwrap();
    let ip: IpAddr = ip.parse().unwrap();
    let mut r = RouteMessage::default();
    r.header.address_family = if ip.is_ipv4() { AddressFamily::Inet } else { AddressFamily::Inet6 };
    r.header.destination_prefix_length = len.parse().unwrap();
    r.header.table = if table < 256 { table as u8 } else { 252 };
    r.header.protocol = RouteProtocol::Static;
    r.header.kind = RouteType::Unicast;
    r.attributes.push(RouteAttribute::Table(table));
    if !ip.is_unspecified() {
        r.attributes.push(RouteAttribute::Destination(raddr(ip)));
    }
    if metric != 0 {
        r.attributes.push(RouteAttribute::Priority(metric));
    }
    r
}

pub fn via(mut r: RouteMessage, gw: &str, oif: u32) -> RouteMessage {
    r.attributes.push(RouteAttribute::Gateway(raddr(gw.parse().unwrap())));
    r.attributes.push(RouteAttribute::Oif(oif));
    r
}

pub fn kind(mut r: RouteMessage, k: RouteType) -> RouteMessage {
    r.header.kind = k;
    r
}

pub fn nh_id(mut r: RouteMessage, id: u32) -> RouteMessage {
    r.attributes.push(RouteAttribute::NhId(id));
    r
}

/// Multipath hops: (gateway, ifindex, kernel weight).
pub fn multipath(mut r: RouteMessage, hops: &[(&str, u32, u8)]) -> RouteMessage {
    let v = hops
        .iter()
        .map(|(gw, oif, w)| {
            let mut h = RouteNextHop::default();
            h.interface_index = *oif;
            h.hops = w - 1;
            let ip: IpAddr = gw.parse().unwrap();
            if ip.is_ipv4() == matches!(r.header.address_family, AddressFamily::Inet) {
                h.attributes.push(RouteAttribute::Gateway(raddr(ip)));
            } else {
                h.attributes.push(RouteAttribute::Via(match ip {
                    IpAddr::V4(a) => RouteVia::Inet(a),
                    IpAddr::V6(a) => RouteVia::Inet6(a),
                }));
            }
            h
        })
        .collect();
    r.attributes.push(RouteAttribute::MultiPath(v));
    r
}

pub fn label(l: u32, bos: bool) -> MplsLabel {
    MplsLabel { label: l, traffic_class: 0, bottom_of_stack: bos, ttl: 0 }
}

/// An MPLS route for incoming label `inl`, swapping to `out` via `gw` on `oif`.
pub fn mpls_route(inl: u32, out: &[u32], gw: &str, oif: u32) -> RouteMessage {
    let mut r = RouteMessage::default();
    r.header.address_family = AddressFamily::Mpls;
    r.header.destination_prefix_length = 20;
    r.header.table = 254;
    r.header.protocol = RouteProtocol::Static;
    r.header.kind = RouteType::Unicast;
    r.attributes.push(RouteAttribute::Destination(RouteAddress::Mpls(label(inl, true))));
    if !out.is_empty() {
        let n = out.len();
        r.attributes.push(RouteAttribute::NewDestination(
            out.iter().enumerate().map(|(i, l)| label(*l, i + 1 == n)).collect(),
        ));
    }
    let ip: IpAddr = gw.parse().unwrap();
    r.attributes.push(RouteAttribute::Via(match ip {
        IpAddr::V4(a) => RouteVia::Inet(a),
        IpAddr::V6(a) => RouteVia::Inet6(a),
    }));
    r.attributes.push(RouteAttribute::Oif(oif));
    r
}

pub fn new_route(r: RouteMessage) -> RouteNetlinkMessage {
    RouteNetlinkMessage::NewRoute(r)
}

pub fn del_route(r: RouteMessage) -> RouteNetlinkMessage {
    RouteNetlinkMessage::DelRoute(r)
}

pub fn header() -> RouteHeader {
    RouteHeader::default()
}
