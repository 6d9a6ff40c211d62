//! Decoding canned messages into events.

mod common;

use std::net::IpAddr;

use common::*;
use lcp_netlink::event::*;
use netlink_packet_core::{NetlinkHeader, NetlinkMessage, NetlinkPayload};
use netlink_packet_route::neighbour::NeighbourState;
use netlink_packet_route::route::{RouteAttribute, RouteProtocol, RouteType};
use netlink_packet_route::RouteNetlinkMessage as R;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn links_vlan_vrf() {
    let Event::Link(l) = ev(R::NewLink(link(3, "eth0", true)), 0) else { panic!() };
    assert_eq!(
        (l.ifindex, l.name.as_deref(), l.admin_up, l.carrier, l.mtu),
        (3, Some("eth0"), true, true, Some(1500))
    );
    assert_eq!(l.mac, Some([2, 0, 0, 0, 0, 3]));
    assert_eq!(l.action, Action::New);
    let Event::Link(v) = ev(R::NewLink(vlan_link(7, "eth0.100", 3, 100)), 0) else { panic!() };
    assert_eq!(v.kind.as_deref(), Some("vlan"));
    assert_eq!(v.vlan, Some(VlanInfo { id: 100, protocol: 0x88a8, parent: 3 }));
    let mut enslaved = link(8, "eth1", false);
    enslaved.attributes.push(netlink_packet_route::link::LinkAttribute::Controller(9));
    let Event::Link(e) = ev(R::NewLink(enslaved), 0) else { panic!() };
    assert_eq!((e.master, e.admin_up, e.carrier), (Some(9), false, false));
    let Event::Link(vrf) = ev(R::NewLink(vrf_link(9, "vrf-blue", 1001)), 0) else { panic!() };
    assert_eq!((vrf.kind.as_deref(), vrf.vrf_table), (Some("vrf"), Some(1001)));
    let Event::Link(d) = ev(R::DelLink(link(3, "eth0", false)), 0) else { panic!() };
    assert_eq!(d.action, Action::Del);
}

#[test]
fn addresses() {
    let Event::Addr(a) = ev(R::NewAddress(addr(3, "10.0.0.1", 24)), 0) else { panic!() };
    assert_eq!(a, AddrEvent { action: Action::New, ifindex: 3, addr: ip("10.0.0.1"), prefix_len: 24 });
    let Event::Addr(a) = ev(R::DelAddress(addr(3, "fe80::1", 64)), 0) else { panic!() };
    assert!(a.is_link_local() && a.action == Action::Del);
    let mut bad = addr(3, "10.0.0.1", 24);
    bad.header.prefix_len = 33;
    assert!(matches!(dec(R::NewAddress(bad), 0), Decoded::Malformed(_)));
}

#[test]
fn neighbours() {
    let mac = Some([1, 2, 3, 4, 5, 6]);
    let Event::Neigh(n) = ev(R::NewNeighbour(neigh(3, "10.0.0.2", mac, NeighbourState::Reachable)), 0) else {
        panic!()
    };
    assert!(n.installs() && !n.is_static());
    let Event::Neigh(n) = ev(R::NewNeighbour(neigh(3, "10.0.0.2", mac, NeighbourState::Permanent)), 0) else {
        panic!()
    };
    assert!(n.installs() && n.is_static());
    // INCOMPLETE / FAILED / no MAC: a new entry that acts as a delete.
    let Event::Neigh(n) = ev(R::NewNeighbour(neigh(3, "10.0.0.2", None, NeighbourState::Incomplete)), 0)
    else {
        panic!()
    };
    assert!(!n.installs());
    let Event::Neigh(n) = ev(R::NewNeighbour(neigh(3, "10.0.0.2", mac, NeighbourState::Failed)), 0) else {
        panic!()
    };
    assert!(!n.installs());
    assert_eq!(
        dec(R::NewNeighbour(neigh(3, "10.0.0.9", None, NeighbourState::Noarp)), 0),
        Decoded::Ignored(IgnoreReason::NoArpWithoutMac)
    );
    assert_eq!(
        dec(R::NewNeighbour(neigh(3, "ff02::1", mac, NeighbourState::Noarp)), 0),
        Decoded::Ignored(IgnoreReason::Multicast)
    );
    let mut proxy = neigh(3, "10.0.0.2", None, NeighbourState::None);
    proxy.header.flags = netlink_packet_route::neighbour::NeighbourFlags::Proxy;
    assert_eq!(dec(R::NewNeighbour(proxy), 0), Decoded::Ignored(IgnoreReason::ProxyNeighbour));
    let mut fdb = neigh(3, "10.0.0.2", mac, NeighbourState::Reachable);
    fdb.header.family = netlink_packet_route::AddressFamily::Bridge;
    assert_eq!(dec(R::NewNeighbour(fdb), 0), Decoded::Ignored(IgnoreReason::BridgeFamily));
}

#[test]
fn unicast_multipath_weights_and_via() {
    let r = multipath(
        route("10.1.0.0/16", 254, 20),
        &[("10.0.0.2", 3, 1), ("10.0.0.3", 4, 3), ("fe80::1", 5, 255)],
    );
    let Event::Route(r) = ev(new_route(r), 0) else { panic!() };
    assert_eq!(r.prefix, Prefix::V4("10.1.0.0".parse().unwrap(), 16));
    assert_eq!((r.table, r.metric, r.protocol, r.kind, r.replace), (254, 20, 4, RouteKind::Unicast, false));
    let w: Vec<_> = r.paths.iter().map(|p| (p.gateway, p.ifindex, p.weight)).collect();
    assert_eq!(
        w,
        vec![
            (Some(ip("10.0.0.2")), Some(3), 1),
            (Some(ip("10.0.0.3")), Some(4), 3),
            (Some(ip("fe80::1")), Some(5), 255)
        ]
    );
    assert!(!r.is_dynamic());
}

#[test]
fn replace_flag_and_default_route() {
    let Event::Route(r) = ev(new_route(via(route("0.0.0.0/0", 254, 0), "10.0.0.1", 3)), NLM_F_REPLACE) else {
        panic!()
    };
    assert!(r.replace);
    assert_eq!(r.prefix, Prefix::V4("0.0.0.0".parse().unwrap(), 0));
    assert_eq!(r.paths.len(), 1);
    assert_eq!(r.paths[0].weight, 1);
    let Event::Route(r) = ev(del_route(via(route("0.0.0.0/0", 254, 0), "10.0.0.1", 3)), NLM_F_REPLACE) else {
        panic!()
    };
    assert!(!r.replace, "replace only means something on a new route");
}

#[test]
fn special_types() {
    for (t, k) in [
        (RouteType::BlackHole, RouteKind::Blackhole),
        (RouteType::Unreachable, RouteKind::Unreachable),
        (RouteType::Prohibit, RouteKind::Prohibit),
    ] {
        let Event::Route(r) = ev(new_route(kind(route("192.0.2.0/24", 254, 0), t)), 0) else { panic!() };
        assert_eq!(r.kind, k);
        assert!(r.paths.is_empty() && k.is_special());
    }
    for t in [RouteType::Local, RouteType::Broadcast, RouteType::Anycast, RouteType::Throw] {
        assert_eq!(
            dec(new_route(kind(route("192.0.2.0/24", 254, 0), t)), 0),
            Decoded::Ignored(IgnoreReason::RouteType)
        );
    }
    assert_eq!(dec(new_route(route("192.0.2.0/24", 255, 0)), 0), Decoded::Ignored(IgnoreReason::LocalTable));
    let mut k = via(route("10.0.0.0/24", 254, 0), "10.0.0.1", 3);
    k.header.protocol = RouteProtocol::Kernel;
    assert_eq!(dec(new_route(k), 0), Decoded::Ignored(IgnoreReason::KernelProtocol));
    assert_eq!(dec(new_route(route("fe80::/64", 254, 256)), 0), Decoded::Ignored(IgnoreReason::LinkLocal));
    assert_eq!(dec(new_route(route("ff00::/8", 254, 256)), 0), Decoded::Ignored(IgnoreReason::Multicast));
    let mut dynamic = via(route("10.9.0.0/16", 254, 0), "10.0.0.1", 3);
    dynamic.header.protocol = RouteProtocol::Bgp;
    let Event::Route(r) = ev(new_route(dynamic), 0) else { panic!() };
    assert!(r.is_dynamic() && r.protocol == 186);
}

#[test]
fn mpls_labels_and_nh_id() {
    let Event::Route(r) = ev(new_route(mpls_route(100, &[200, 300], "10.0.0.2", 3)), 0) else { panic!() };
    assert_eq!(r.prefix, Prefix::Mpls(100));
    assert_eq!(r.paths[0].labels, vec![200, 300]);
    assert_eq!(r.paths[0].gateway, Some(ip("10.0.0.2")));
    // pop (no RTA_NEWDST)
    let Event::Route(r) = ev(new_route(mpls_route(101, &[], "fe80::2", 3)), 0) else { panic!() };
    assert!(r.paths[0].labels.is_empty());
    assert_eq!(r.paths[0].gateway, Some(ip("fe80::2")));
    let Event::Route(r) = ev(new_route(nh_id(via(route("10.5.0.0/16", 254, 0), "10.0.0.1", 3), 7)), 0) else {
        panic!()
    };
    assert_eq!(r.nh_id, Some(7));
    assert!(r.paths.is_empty(), "hops of a nexthop object come from the object");
    // Routes in a table > 255 (RTA_TABLE)
    let Event::Route(r) = ev(new_route(route("10.6.0.0/16", 1001, 0)), 0) else { panic!() };
    assert_eq!(r.table, 1001);
}

#[test]
fn nexthop_objects_roundtrip() {
    let single = NexthopEvent {
        action: Action::New,
        id: 1,
        protocol: 4,
        kind: NexthopKind::Single { ifindex: Some(3), gateway: Some(ip("10.0.0.2")), labels: vec![] },
    };
    let labelled = NexthopEvent {
        action: Action::New,
        id: 2,
        protocol: 4,
        kind: NexthopKind::Single { ifindex: Some(3), gateway: Some(ip("10.0.0.3")), labels: vec![16, 17] },
    };
    let group = NexthopEvent {
        action: Action::New,
        id: 10,
        protocol: 4,
        kind: NexthopKind::Group(vec![(1, 1), (2, 300)]),
    };
    let bh = NexthopEvent { action: Action::Del, id: 11, protocol: 4, kind: NexthopKind::Blackhole };
    for e in [single, labelled, group, bh] {
        let b = encode_nexthop(&e, libc::AF_INET as u8, 0);
        assert_eq!(decode_bytes(&b, 0), Decoded::Event(Event::Nexthop(e.clone())), "{e:?}");
    }
}

#[test]
fn not_from_kernel_control_and_unhandled() {
    let b = bytes(R::NewLink(link(3, "eth0", true)), 0);
    assert_eq!(decode_bytes(&b, 1234), Decoded::Ignored(IgnoreReason::NotFromKernel));
    let msg = NetlinkMessage::<R>::deserialize(&b).unwrap();
    assert_eq!(decode(&msg, 99), Decoded::Ignored(IgnoreReason::NotFromKernel));
    assert!(matches!(decode(&msg, 0), Decoded::Event(Event::Link(_))));
    let noop = NetlinkMessage::<R>::new(NetlinkHeader::default(), NetlinkPayload::Noop);
    assert_eq!(decode(&noop, 0), Decoded::Ignored(IgnoreReason::Control));
    let rule = bytes(R::NewRule(Default::default()), 0);
    assert_eq!(decode_bytes(&rule, 0), Decoded::Ignored(IgnoreReason::UnhandledType));
}

#[test]
fn datagrams_are_counted() {
    let mut d = bytes(R::NewLink(link(3, "eth0", true)), 0);
    d.extend(bytes(new_route(route("fe80::/64", 254, 256)), 0));
    while !d.len().is_multiple_of(4) {
        d.push(0);
    }
    let mut unknown_attr = bytes(new_route(via(route("10.7.0.0/16", 254, 0), "10.0.0.1", 3)), 0);
    // Append an attribute of an unknown type (0x7ff0): it is skipped, the route still decodes.
    unknown_attr.extend_from_slice(&[8, 0, 0xf0, 0x7f, 1, 2, 3, 4]);
    let len = unknown_attr.len() as u32;
    unknown_attr[0..4].copy_from_slice(&len.to_ne_bytes());
    d.extend(&unknown_attr);
    d.extend_from_slice(&[0xff, 0xff, 0, 0, 24, 0]); // broken tail
    let mut stats = Stats::default();
    let got = decode_datagram(&d, 0, &mut stats);
    assert_eq!(got.len(), 4);
    assert!(matches!(got[2].decoded, Decoded::Event(Event::Route(_))), "{:?}", got[2]);
    assert_eq!((stats.events, stats.malformed), (2, 1));
    assert_eq!(stats.ignored_for(IgnoreReason::LinkLocal), 1);
    assert_eq!(stats.by_type[0], 1);
    assert_eq!(stats.by_type[4], 2);
    let text = stats.to_string();
    assert!(text.contains("rx/newlink: 1") && text.contains("ignored/link-local: 1"), "{text}");
    assert!(stats.counters().iter().any(|(n, v)| n == "malformed" && *v == 1));
    let _ = RouteAttribute::Oif(0);
}
