//! The Linux model: applying events, nexthop resolution, replace, partial deletes,
//! mark-and-sweep and the VPP diff.

mod common;

use std::collections::BTreeMap;
use std::net::IpAddr;

use common::*;
use lcp_netlink::event::*;
use lcp_netlink::state::*;
use netlink_packet_route::neighbour::NeighbourState;
use netlink_packet_route::route::RouteType;
use netlink_packet_route::RouteNetlinkMessage as R;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn key(p: &str, table: u32) -> RouteKey {
    let (a, l) = p.split_once('/').unwrap();
    let a: IpAddr = a.parse().unwrap();
    let prefix = match a {
        IpAddr::V4(a) => Prefix::V4(a, l.parse().unwrap()),
        IpAddr::V6(a) => Prefix::V6(a, l.parse().unwrap()),
    };
    RouteKey { table, prefix }
}

fn base() -> LinuxState {
    let mut s = LinuxState::new();
    for (i, n) in [(3, "eth0"), (4, "eth1"), (5, "eth2")] {
        s.apply(&ev(R::NewLink(link(i, n, true)), 0));
    }
    s
}

fn nh(id: u32, oif: u32, gw: &str) -> Event {
    Event::Nexthop(NexthopEvent {
        action: Action::New,
        id,
        protocol: 4,
        kind: NexthopKind::Single { ifindex: Some(oif), gateway: Some(ip(gw)), labels: vec![] },
    })
}

fn group(id: u32, members: &[(u32, u32)]) -> Event {
    Event::Nexthop(NexthopEvent {
        action: Action::New,
        id,
        protocol: 4,
        kind: NexthopKind::Group(members.to_vec()),
    })
}

fn hops(s: &LinuxState, k: &RouteKey) -> Vec<(Option<IpAddr>, u32)> {
    s.fib_route(k).map(|r| r.paths.iter().map(|p| (p.gateway, p.weight)).collect()).unwrap_or_default()
}

#[test]
fn multipath_add_append_partial_delete() {
    let mut s = base();
    let k = key("10.1.0.0/16", 254);
    let ch = s.apply(&ev(
        new_route(multipath(route("10.1.0.0/16", 254, 0), &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 2)])),
        0,
    ));
    assert!(ch.routes.contains(&k));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.0.2")), 1), (Some(ip("10.0.1.2")), 2)]);
    // Append (IPv6-style) adds a hop.
    s.apply(&ev(new_route(via(route("10.1.0.0/16", 254, 0), "10.0.2.2", 5)), 0));
    assert_eq!(hops(&s, &k).len(), 3);
    // Deleting one hop removes exactly that hop.
    s.apply(&ev(del_route(via(route("10.1.0.0/16", 254, 0), "10.0.1.2", 4)), 0));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.0.2")), 1), (Some(ip("10.0.2.2")), 1)]);
    // A delete without hops takes the whole route of that metric.
    s.apply(&ev(del_route(route("10.1.0.0/16", 254, 0)), 0));
    assert!(s.fib_route(&k).is_none());
    assert_eq!(s.route_count(), 0);
    // Delete of something unknown is counted, not fatal.
    s.apply(&ev(del_route(route("10.1.0.0/16", 254, 0)), 0));
    assert_eq!(s.counters.delete_missing, 1);
}

#[test]
fn replace_replaces_and_metrics_coexist() {
    let mut s = base();
    let k = key("10.2.0.0/16", 254);
    s.apply(&ev(
        new_route(multipath(route("10.2.0.0/16", 254, 10), &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 1)])),
        0,
    ));
    s.apply(&ev(new_route(via(route("10.2.0.0/16", 254, 20), "10.0.2.2", 5)), 0));
    let r = s.fib_route(&k).unwrap();
    assert_eq!(r.paths.iter().map(|p| p.preference).collect::<Vec<_>>(), vec![10, 10, 20]);
    s.apply(&ev(new_route(via(route("10.2.0.0/16", 254, 10), "10.0.9.9", 3)), NLM_F_REPLACE));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.9.9")), 1), (Some(ip("10.0.2.2")), 1)]);
    // Replace to a blackhole: a special path.
    s.apply(&ev(new_route(kind(route("10.2.0.0/16", 254, 10), RouteType::BlackHole)), NLM_F_REPLACE));
    let r = s.fib_route(&k).unwrap();
    assert_eq!(r.kind, RouteKind::Blackhole);
    assert_eq!(r.paths[0].special, Some(RouteKind::Blackhole));
}

#[test]
fn special_routes() {
    let mut s = base();
    for (p, t, k) in [
        ("192.0.2.0/24", RouteType::BlackHole, RouteKind::Blackhole),
        ("198.51.100.0/24", RouteType::Unreachable, RouteKind::Unreachable),
        ("203.0.113.0/24", RouteType::Prohibit, RouteKind::Prohibit),
    ] {
        s.apply(&ev(new_route(kind(route(p, 254, 0), t)), 0));
        let r = s.fib_route(&key(p, 254)).unwrap();
        assert_eq!((r.kind, r.paths.len(), r.paths[0].special), (k, 1, Some(k)));
        s.apply(&ev(del_route(kind(route(p, 254, 0), t)), 0));
        assert!(s.fib_route(&key(p, 254)).is_none());
    }
}

#[test]
fn nexthop_objects_and_groups_resolve_and_reresolve() {
    let mut s = base();
    s.apply(&nh(1, 3, "10.0.0.2"));
    s.apply(&nh(2, 4, "10.0.1.2"));
    s.apply(&group(10, &[(1, 1), (2, 3)]));
    let k = key("10.3.0.0/16", 254);
    let k2 = key("10.4.0.0/16", 254);
    s.apply(&ev(new_route(nh_id(route("10.3.0.0/16", 254, 0), 10)), 0));
    s.apply(&ev(new_route(nh_id(route("10.4.0.0/16", 254, 0), 1)), 0));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.0.2")), 1), (Some(ip("10.0.1.2")), 3)]);
    assert_eq!(hops(&s, &k2), vec![(Some(ip("10.0.0.2")), 1)]);
    // Change the group: the route re-resolves and is reported as changed.
    let ch = s.apply(&group(10, &[(2, 1)]));
    assert!(ch.routes.contains(&k) && !ch.routes.contains(&k2));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.1.2")), 1)]);
    // Change a member: both the group's routes and the direct user change.
    let ch = s.apply(&nh(2, 5, "10.0.2.2"));
    assert!(ch.routes.contains(&k));
    assert_eq!(hops(&s, &k), vec![(Some(ip("10.0.2.2")), 1)]);
    let ch = s.apply(&nh(1, 5, "10.0.2.9"));
    assert!(ch.routes.contains(&k2));
    assert_eq!(hops(&s, &k2), vec![(Some(ip("10.0.2.9")), 1)]);
    // Deleting the group's last member removes the group and its routes, as the kernel does.
    let ch = s.apply(&Event::Nexthop(NexthopEvent {
        action: Action::Del,
        id: 2,
        protocol: 4,
        kind: NexthopKind::Blackhole,
    }));
    assert!(ch.routes.contains(&k));
    assert!(s.nexthop(10).is_none() && s.fib_route(&k).is_none());
    assert!(s.fib_route(&k2).is_some());
    // A route naming an unknown object is counted and resolves to nothing until it appears.
    s.apply(&ev(new_route(nh_id(route("10.5.0.0/16", 254, 0), 77)), 0));
    assert_eq!(s.counters.unknown_nexthop, 1);
    assert!(s.fib_route(&key("10.5.0.0/16", 254)).is_none());
    let ch = s.apply(&nh(77, 3, "10.0.0.77"));
    assert!(ch.routes.contains(&key("10.5.0.0/16", 254)));
    assert_eq!(hops(&s, &key("10.5.0.0/16", 254)), vec![(Some(ip("10.0.0.77")), 1)]);
    // Blackhole objects give a drop path.
    s.apply(&Event::Nexthop(NexthopEvent {
        action: Action::New,
        id: 77,
        protocol: 4,
        kind: NexthopKind::Blackhole,
    }));
    assert_eq!(s.fib_route(&key("10.5.0.0/16", 254)).unwrap().paths[0].special, Some(RouteKind::Blackhole));
}

#[test]
fn link_down_and_delete_flush_like_the_kernel() {
    let mut s = base();
    s.apply(&ev(R::NewAddress(addr(3, "10.0.0.1", 24)), 0));
    s.apply(&ev(R::NewAddress(addr(4, "10.0.1.1", 24)), 0));
    s.apply(&ev(R::NewNeighbour(neigh(3, "10.0.0.2", Some([1; 6]), NeighbourState::Reachable)), 0));
    s.apply(&ev(
        new_route(multipath(route("10.1.0.0/16", 254, 0), &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 1)])),
        0,
    ));
    s.apply(&ev(new_route(via(route("2001:db8::/32", 254, 1024), "fe80::2", 3)), 0));
    s.apply(&nh(1, 3, "10.0.0.2"));
    s.apply(&ev(new_route(nh_id(route("10.3.0.0/16", 254, 0), 1)), 0));
    // Admin down on eth0: IPv4 paths, neighbours and nexthop objects through it go.
    let ch = s.apply(&ev(R::NewLink(link(3, "eth0", false)), 0));
    assert!(ch.routes.contains(&key("10.1.0.0/16", 254)) && ch.routes.contains(&key("10.3.0.0/16", 254)));
    assert_eq!(hops(&s, &key("10.1.0.0/16", 254)), vec![(Some(ip("10.0.1.2")), 1)]);
    assert!(s.fib_route(&key("10.3.0.0/16", 254)).is_none());
    assert_eq!(s.neighs().count(), 0);
    assert!(s.fib_route(&key("2001:db8::/32", 254)).is_some(), "IPv6 routes are removed by notification");
    // Deleting eth1 drops its addresses and the last path of the route.
    s.apply(&ev(R::DelLink(link(4, "eth1", false)), 0));
    assert!(s.fib_route(&key("10.1.0.0/16", 254)).is_none());
    assert_eq!(s.addrs().count(), 1);
    // Events on unknown links are counted and skipped.
    s.apply(&ev(R::NewAddress(addr(99, "10.9.9.9", 24)), 0));
    s.apply(&ev(R::NewNeighbour(neigh(99, "10.9.9.8", Some([1; 6]), NeighbourState::Reachable)), 0));
    assert_eq!(s.counters.unknown_link, 2);
    assert_eq!(s.addrs().count(), 1);
}

#[test]
fn neighbours_install_and_remove() {
    let mut s = base();
    let mac = Some([1, 2, 3, 4, 5, 6]);
    s.apply(&ev(R::NewNeighbour(neigh(3, "10.0.0.2", mac, NeighbourState::Stale)), 0));
    s.apply(&ev(R::NewNeighbour(neigh(3, "2001:db8::2", mac, NeighbourState::Reachable)), 0));
    assert_eq!(s.neighs().count(), 2);
    s.apply(&ev(R::NewNeighbour(neigh(3, "10.0.0.2", None, NeighbourState::Failed)), 0));
    assert_eq!(s.neighs().count(), 1);
    s.apply(&ev(R::DelNeighbour(neigh(3, "2001:db8::2", None, NeighbourState::None)), 0));
    assert_eq!(s.neighs().count(), 0);
}

#[test]
fn mpls_routes() {
    let mut s = base();
    s.apply(&ev(new_route(mpls_route(100, &[200, 300], "10.0.0.2", 3)), 0));
    let k = RouteKey { table: 254, prefix: Prefix::Mpls(100) };
    assert_eq!(k.vpp_table(), 0);
    assert_eq!(s.fib_route(&k).unwrap().paths[0].labels, vec![200, 300]);
    s.apply(&ev(del_route(mpls_route(100, &[200, 300], "10.0.0.2", 3)), 0));
    assert!(s.fib_route(&k).is_none());
}

#[test]
fn mark_and_sweep_and_diff_converge() {
    // Linux had these, VPP got them: then some notifications were lost.
    let mut s = base();
    s.apply(&ev(R::NewAddress(addr(3, "10.0.0.1", 24)), 0));
    s.apply(&ev(R::NewAddress(addr(4, "10.0.1.1", 24)), 0));
    s.apply(&ev(new_route(via(route("10.10.0.0/16", 254, 0), "10.0.0.2", 3)), 0));
    s.apply(&ev(
        new_route(multipath(route("10.11.0.0/16", 254, 0), &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 1)])),
        0,
    ));
    s.apply(&ev(new_route(via(route("10.12.0.0/16", 1001, 0), "10.0.0.2", 3)), 0));
    s.apply(&nh(1, 3, "10.0.0.2"));
    s.apply(&ev(new_route(nh_id(route("10.13.0.0/16", 254, 0), 1)), 0));
    let mut vpp = s.fib_routes(|_| true);
    assert_eq!(vpp.len(), 4);

    // Resync: the dump no longer has eth2, 10.0.1.1, 10.12/16, nexthop 1 and its route,
    // and 10.11/16 lost a hop; it has a new route 10.14/16.
    s.begin_resync();
    assert!(s.resyncing());
    for e in [
        ev(R::NewLink(link(3, "eth0", true)), 0),
        ev(R::NewLink(link(4, "eth1", true)), 0),
        ev(R::NewAddress(addr(3, "10.0.0.1", 24)), 0),
        ev(new_route(via(route("10.10.0.0/16", 254, 0), "10.0.0.2", 3)), 0),
        ev(new_route(via(route("10.11.0.0/16", 254, 0), "10.0.1.2", 4)), 0),
        ev(new_route(via(route("10.14.0.0/16", 254, 0), "10.0.1.3", 4)), 0),
    ] {
        s.apply(&e);
    }
    let stale = s.end_resync();
    assert_eq!(stale.links, vec![5]);
    assert_eq!(stale.addrs.len(), 1);
    assert_eq!(stale.nexthops, vec![1]);
    let mut stale_routes = stale.routes.clone();
    stale_routes.sort();
    assert_eq!(
        stale_routes,
        vec![key("10.11.0.0/16", 254), key("10.13.0.0/16", 254), key("10.12.0.0/16", 1001)]
    );
    assert!(s.end_resync().is_empty(), "no resync under way any more");

    // The diff brings VPP to exactly Linux: 0 missing, 0 stale.
    let linux = s.fib_routes(|_| true);
    let d = diff_routes(&vpp, &linux);
    assert_eq!(d.add.len(), 1);
    assert_eq!(d.update.len(), 1);
    assert_eq!(d.delete.len(), 2);
    d.apply_to(&mut vpp);
    assert_eq!(vpp, linux);
    assert!(diff_routes(&vpp, &linux).is_empty());
}

#[test]
fn a_resync_from_no_routes_finds_none_stale_and_a_restart_still_sweeps() {
    // The start-up import: nothing before the begin, so nothing to sweep,
    // but a link the dump no longer has still takes its routes' paths.
    let mut s = base();
    s.begin_resync();
    for e in [
        ev(R::NewLink(link(3, "eth0", true)), 0),
        ev(R::NewLink(link(4, "eth1", true)), 0),
        ev(new_route(via(route("10.10.0.0/16", 254, 0), "10.0.0.2", 3)), 0),
        ev(new_route(via(route("10.11.0.0/16", 254, 0), "10.0.1.2", 4)), 0),
    ] {
        s.apply(&e);
    }
    let stale = s.end_resync();
    assert_eq!(stale.links, vec![5]);
    assert!(stale.routes.is_empty(), "{stale:?}");
    assert_eq!(s.route_count(), 2);

    // A resync begun over an empty model and restarted once routes came:
    // the restart marks them, so the ones the new dump lacks go.
    let mut s = base();
    s.begin_resync();
    s.apply(&ev(new_route(via(route("10.10.0.0/16", 254, 0), "10.0.0.2", 3)), 0));
    s.begin_resync();
    for e in [
        ev(R::NewLink(link(3, "eth0", true)), 0),
        ev(R::NewLink(link(4, "eth1", true)), 0),
        ev(R::NewLink(link(5, "eth2", true)), 0),
        ev(new_route(via(route("10.11.0.0/16", 254, 0), "10.0.1.2", 4)), 0),
    ] {
        s.apply(&e);
    }
    let stale = s.end_resync();
    assert_eq!(stale.routes, vec![key("10.10.0.0/16", 254)]);
    assert_eq!(s.route_count(), 1);
}

#[test]
fn a_cursor_answers_as_fib_route_in_any_order() {
    let mut s = base();
    let mut keys = Vec::new();
    for i in 0..40u32 {
        let p = format!("10.{}.{}.0/24", i / 4, (i % 4) * 2);
        if i % 3 != 0 {
            s.apply(&ev(new_route(via(route(&p, 254, 0), "10.0.0.2", 3)), 0));
        }
        keys.push(key(&p, 254));
    }
    keys.push(key("10.99.0.0/16", 254));
    keys.push(key("10.0.0.0/24", 1001));
    // Ascending (walks), sparse (searches past the walk limit), descending and repeated.
    let sparse: Vec<RouteKey> = keys.iter().step_by(13).copied().collect();
    let mut back = keys.clone();
    back.reverse();
    for order in [keys.clone(), sparse, back, vec![keys[5], keys[5], keys[1], keys[30], keys[2]]] {
        let mut c = s.cursor();
        for k in &order {
            assert_eq!(c.fib_route(k), s.fib_route(k), "{k:?}");
        }
    }
}

#[test]
fn unpaired_interfaces_are_filtered_out() {
    let mut s = base();
    s.apply(&ev(
        new_route(multipath(route("10.1.0.0/16", 254, 0), &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 1)])),
        0,
    ));
    s.apply(&ev(new_route(via(route("10.2.0.0/16", 254, 0), "10.0.1.2", 4)), 0));
    s.apply(&ev(new_route(kind(route("10.3.0.0/16", 254, 0), RouteType::Unreachable)), 0));
    let only3: BTreeMap<_, _> = s.fib_routes(|p| p.ifindex == Some(3));
    assert_eq!(only3.len(), 2, "10.2/16 has no path left; the unreachable has no interface");
    assert_eq!(only3[&key("10.1.0.0/16", 254)].paths.len(), 1);
}

#[test]
fn vrf_binding() {
    let mut s = base();
    s.apply(&ev(R::NewLink(vrf_link(9, "vrf-blue", 1001)), 0));
    let mut enslaved = link(4, "eth1", true);
    enslaved.attributes.push(netlink_packet_route::link::LinkAttribute::Controller(9));
    s.apply(&ev(R::NewLink(enslaved), 0));
    assert_eq!(s.vrf_table_of(4), Some(1001));
    assert_eq!(s.vrf_table_of(9), Some(1001));
    assert_eq!(s.vrf_table_of(3), None);
    s.apply(&ev(R::NewLink(link(4, "eth1", true)), 0));
    assert_eq!(s.vrf_table_of(4), None, "released from the VRF");
}

/// `msgs` in one datagram from the kernel, decoded.
fn decoded<const N: usize>(msgs: [R; N]) -> Vec<Received> {
    let d: Vec<u8> = msgs.into_iter().flat_map(|m| bytes(m, 0)).collect();
    decode_datagram(&d, 0, &mut Stats::default())
}

#[test]
fn batches_drive_the_model_without_a_socket() {
    use lcp_netlink::listen::{apply_batch, Batch};
    let items = decoded([
        R::NewLink(link(3, "eth0", true)),
        new_route(via(route("10.1.0.0/16", 254, 0), "10.0.0.2", 3)),
        new_route(via(route("10.2.0.0/16", 254, 0), "10.0.0.2", 3)),
    ]);
    let mut s = LinuxState::new();
    let a = apply_batch(&mut s, &Batch::Events(items.clone()));
    assert_eq!((a.events, a.changes.routes.len()), (3, 2));
    // A resync whose dump lacks 10.2/16.
    apply_batch(&mut s, &Batch::ResyncBegin);
    apply_batch(&mut s, &Batch::Dump(items[..2].to_vec()));
    let a = apply_batch(&mut s, &Batch::ResyncEnd);
    assert_eq!(a.stale.unwrap().routes, vec![key("10.2.0.0/16", 254)]);
    assert!(s.fib_route(&key("10.2.0.0/16", 254)).is_none());
    assert!(apply_batch(&mut s, &Batch::Error("x".into())).events == 0);
}

#[test]
fn a_modelled_batch_carries_each_changed_route_resolved_and_each_link_as_it_was() {
    use lcp_netlink::listen::{model_batch, Batch};
    let items = decoded([
        R::NewLink(link(3, "eth0", true)),
        new_route(via(route("10.1.0.0/16", 254, 0), "10.0.0.2", 3)),
        new_route(via(route("10.2.0.0/16", 254, 0), "10.0.0.2", 3)),
        R::NewLink(link(3, "eth0-renamed", true)),
    ]);
    let mut s = LinuxState::new();
    let m = model_batch(&mut s, &Batch::Events(items.clone()));
    assert_eq!(m.events, 4);
    // The first link event found no link, the second the first one's.
    let before: Vec<Option<&str>> =
        m.links_before.iter().map(|l| l.as_ref().and_then(|l| l.name.as_deref())).collect();
    assert_eq!(before, [None, Some("eth0")]);
    let keys: Vec<RouteKey> = m.routes.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, [key("10.1.0.0/16", 254), key("10.2.0.0/16", 254)], "in key order");
    for (k, r) in &m.routes {
        assert_eq!(r.as_ref(), s.fib_route(k).as_ref(), "resolved as the model reads it after the batch");
        assert_eq!(r.as_ref().unwrap().paths[0].gateway, Some(ip("10.0.0.2")));
    }
    assert!(m.stale.is_none());
    // A resync whose dump lacks 10.2/16: the sweep's routes come resolved (gone).
    assert!(model_batch(&mut s, &Batch::ResyncBegin).routes.is_empty());
    model_batch(&mut s, &Batch::Dump(items[..2].to_vec()));
    let m = model_batch(&mut s, &Batch::ResyncEnd);
    assert_eq!(m.routes, vec![(key("10.2.0.0/16", 254), None)]);
    let stale = m.stale.expect("the sweep's result");
    assert!(stale.routes.is_empty(), "moved into the resolved routes");
    assert!(stale.links.is_empty());
}
