//! The linux-cp graph nodes on synthetic frames in the stand-in: next
//! nodes, TX interfaces, buffer positions, flags, counters, traces, copies.

use lcp_plugin::lcp_adj::LCP_ADJS;
use lcp_plugin::pair::{HostType, Pair, PairTable, INVALID, PAIRS};
use test_vpp::packets::{arp, ethernet, ipv4_udp};
use test_vpp::standin::{Harness, NodeRef};
use vpp::sys;

const PHY_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 1];
const NBR_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 2];
const BCAST: [u8; 6] = [0xff; 6];

fn pair(phy: u32, host: u32, host_type: HostType, p2p: bool) -> Pair {
    Pair {
        phy_sw_if_index: phy,
        host_sw_if_index: host,
        host_name: format!("h{phy}"),
        vif_index: 100 + phy,
        netns: None,
        host_type,
        phy_adjs: [0, 1],
        rewrite_len: 14,
        phy_is_p2p: p2p,
        stale: false,
        owns_host: false,
        create_ts: 0.0,
    }
}

/// Replace every pair (and the adjacency index) with `pairs`.
fn set_pairs(h: &Harness, pairs: &[Pair]) {
    // SAFETY: the stand-in has no workers; this thread is its main thread.
    let b = unsafe { vpp::Barrier::new_unchecked(h.vm()) };
    PAIRS.update(b, |t| {
        *t = PairTable::new();
        for p in pairs {
            t.insert(p.clone()).unwrap();
        }
    });
    LCP_ADJS.update(b, |t| *t = Default::default());
}

fn opaque(h: &mut Harness, bi: u32) -> &mut sys::vnet_buffer_opaque_t {
    // SAFETY: opaque holds vnet_buffer_opaque_t.
    unsafe { &mut *(h.buffer(bi).opaque.as_mut_ptr() as *mut sys::vnet_buffer_opaque_t) }
}

/// Frames received by ethernet-input: the L2 header recorded, current at L3.
fn eth_packets(h: &mut Harness, frames: &[Vec<u8>], rx: u32) -> Vec<u32> {
    let bis = h.alloc_packets(frames, rx);
    for &bi in &bis {
        let b = h.buffer(bi);
        b.current_data = 14;
        b.current_length -= 14;
        b.flags |= sys::VNET_BUFFER_F_L2_HDR_OFFSET_VALID;
        opaque(h, bi).l2_hdr_offset = 0;
    }
    h.trace(&bis);
    bis
}

fn node(h: &Harness, name: &str) -> NodeRef {
    h.node(name).unwrap_or_else(|| panic!("node {name} is not registered"))
}

fn tx(h: &mut Harness, bi: u32) -> u32 {
    opaque(h, bi).sw_if_index[1]
}

fn ip_frame(dst: [u8; 6]) -> Vec<u8> {
    ethernet(dst, PHY_MAC, 0x0800, &ipv4_udp([10, 0, 0, 1], [10, 0, 0, 2], 64))
}

#[test]
fn registrations_match_c() {
    let h = Harness::new();
    let nexts = |n: &str| node(&h, n).next_nodes();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(nexts("linux-cp-punt"), s(&["interface-output", "error-drop"]));
    assert_eq!(nexts("linux-cp-punt-xc"), s(&["interface-output", "error-drop"]));
    assert_eq!(nexts("linux-cp-punt-l3"), s(&["error-drop"]));
    assert_eq!(nexts("linux-cp-xc-mpls"), s(&["error-drop", "interface-output"]));
    assert_eq!(nexts("linux-cp-xc-l3-ip4"), s(&["ip4-midchain", "ip4-lookup"]));
    assert_eq!(nexts("linux-cp-xc-l3-ip6"), s(&["ip6-midchain", "ip6-lookup"]));
    assert_eq!(nexts("linux-cp-arp-phy"), s(&["error-drop", "interface-output"]));
    assert_eq!(nexts("linux-cp-arp-host"), s(&["error-drop", "interface-output"]));
    for (n, sib) in [("linux-cp-xc-ip4", "ip4-rewrite"), ("linux-cp-xc-ip6", "ip6-rewrite")] {
        assert_eq!(node(&h, n).sibling_of().as_deref(), Some(sib));
        assert!(nexts(n).is_empty());
    }
    for n in ["linux-cp-arp-phy", "linux-cp-arp-host"] {
        let e = node(&h, n).errors();
        assert_eq!(
            e,
            vec![
                ("packets".to_string(), "ARP packets processed".to_string()),
                ("copies".to_string(), "ARP replies copied to host".to_string())
            ]
        );
    }
    let feats = h.features();
    let has = |arc: &str, n: &str, before: &[&str], after: &[&str]| {
        assert!(
            feats.iter().any(|f| f.0 == arc && f.1 == n && f.2 == s(before) && f.3 == s(after)),
            "feature {n} on {arc} before {before:?} after {after:?} missing: {feats:?}"
        )
    };
    has("ip4-punt", "linux-cp-punt-l3", &["ip4-punt-redirect"], &[]);
    has("ip6-punt", "linux-cp-punt-l3", &["ip6-punt-redirect"], &[]);
    for v in ["4", "6"] {
        let q = [format!("ip{v}-qos-record"), format!("ip{v}-qos-store")];
        let q = [q[0].as_str(), q[1].as_str()];
        for arc in [format!("ip{v}-unicast"), format!("ip{v}-multicast")] {
            has(&arc, &format!("linux-cp-xc-ip{v}"), &[], &q);
            has(&arc, &format!("linux-cp-xc-l3-ip{v}"), &[], &q);
        }
    }
    has("mpls-input", "linux-cp-xc-mpls", &[], &["mpls-qos-record"]);
    has("arp", "linux-cp-arp-phy", &["arp-reply"], &[]);
    has("arp", "linux-cp-arp-host", &["arp-reply"], &[]);
}

#[test]
fn punt_phy_to_host_keeps_l2_header() {
    let mut h = Harness::new();
    let (phy, host, tun_phy, tun_host) = (1, 2, 3, 4);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false), pair(tun_phy, tun_host, HostType::Tun, false)]);
    let mut bis = eth_packets(&mut h, &[ip_frame(PHY_MAC)], phy);
    bis.extend(eth_packets(&mut h, &[ip_frame(PHY_MAC)], tun_phy));
    bis.extend(eth_packets(&mut h, &[ip_frame(PHY_MAC)], 9));
    let out = h.run(&node(&h, "linux-cp-punt"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 0), (bis[1], 0), (bis[2], 1)]);
    assert_eq!((tx(&mut h, bis[0]), tx(&mut h, bis[1])), (host, tun_host));
    assert_eq!(h.buffer(bis[0]).current_data, 0, "TAP: rewound to the Ethernet header");
    assert_eq!(h.buffer(bis[0]).current_length, 14 + 64);
    assert_eq!(h.buffer(bis[1]).current_data, 14, "TUN: untouched");
    assert_eq!(out.traces, vec!["lip-punt: 1 -> 2", "lip-punt: 3 -> 4", "lip-punt: 9 -> 4294967295"]);

    // Host -> phy only through punt-xc.
    let bis = eth_packets(&mut h, &[ip_frame(NBR_MAC), ip_frame(NBR_MAC)], host);
    let out = h.run(&node(&h, "linux-cp-punt"), &bis[..1]);
    assert_eq!(out.enqueued, vec![(bis[0], 1)], "punt: a host is not a phy");
    let out = h.run(&node(&h, "linux-cp-punt-xc"), &bis[1..]);
    assert_eq!(out.enqueued, vec![(bis[1], 0)]);
    assert_eq!((tx(&mut h, bis[1]), h.buffer(bis[1]).current_data), (phy, 0));
    assert_eq!(out.traces, vec!["lip-xc: 2 -> 1"]);
    let bis = eth_packets(&mut h, &[ip_frame(NBR_MAC)], 9);
    let out = h.run(&node(&h, "linux-cp-punt-xc"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 1)]);
    assert_eq!(out.traces, vec!["lip-xc: 9 -> 4294967295"]);
}

#[test]
fn punt_l3_marks_tun_punts_locally_originated() {
    let mut h = Harness::new();
    set_pairs(&h, &[pair(1, 2, HostType::Tap, false), pair(3, 4, HostType::Tun, false)]);
    let p = ipv4_udp([10, 0, 0, 1], [10, 0, 0, 2], 64);
    let mut bis = h.alloc_packets(std::slice::from_ref(&p), 1);
    bis.extend(h.alloc_packets(&[p.clone(), p], 3));
    h.trace(&bis);
    h.set_feature_next(&bis, 0);
    let out = h.run(&node(&h, "linux-cp-punt-l3"), &bis);
    assert_eq!(out.per_next().get(&0), Some(&3));
    let lo = |h: &mut Harness, bi| h.buffer(bi).flags & sys::VNET_BUFFER_F_LOCALLY_ORIGINATED != 0;
    assert!(!lo(&mut h, bis[0]) && lo(&mut h, bis[1]) && lo(&mut h, bis[2]));
    assert_eq!(out.traces, vec!["linux-cp-punt-l3: 1", "linux-cp-punt-l3: 3", "linux-cp-punt-l3: 3"]);
}

/// An adjacency on `sw_if_index` with rewrite-node next `next` and the
/// rewrite `rw`.
fn adjacency(sw_if_index: u32, next: u16, rw: &[u8], features: bool, cfg: u32) -> sys::ip_adjacency_t {
    // SAFETY: plain-data struct; all-zero is valid.
    let mut a: sys::ip_adjacency_t = unsafe { core::mem::zeroed() };
    a.rewrite_header.sw_if_index = sw_if_index;
    a.rewrite_header.next_index = next;
    a.rewrite_header.data_bytes = rw.len() as u16;
    a.rewrite_header.flags = if features { sys::VNET_REWRITE_HAS_FEATURES } else { 0 };
    a.rewrite_data[..rw.len()].copy_from_slice(rw);
    a.ia_cfg_index = cfg;
    a.lookup_next_index = sys::IP_LOOKUP_NEXT_REWRITE as u8;
    a
}

#[test]
fn xc_ip_uses_the_neighbour_adjacency_or_the_phy_one() {
    let mut h = Harness::new();
    let (phy, host) = (1, 2);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    let nbr = ip_frame(NBR_MAC);
    let other = ip_frame([0x02, 0, 0, 0, 0, 9]);
    // adj 0: the phy's IPv4 adjacency; 1: its IPv6 one; 2: the neighbour,
    // whose interface has output features.
    h.set_adjacencies(vec![
        adjacency(phy, 3, &[], false, 0),
        adjacency(phy, 4, &[], false, 0),
        adjacency(phy, 5, &nbr[..14], true, 77),
    ]);
    // SAFETY: stand-in main thread, no workers.
    let b = unsafe { vpp::Barrier::new_unchecked(h.vm()) };
    LCP_ADJS.update(b, |t| t.insert(phy, &nbr[..14], 2));
    test_vpp::standin::RECORD.with(|r| r.borrow_mut().output_feature_next = Some(6));

    let bis = eth_packets(&mut h, &[nbr.clone(), ip_frame(BCAST), other], host);
    h.set_feature_arc(&bis, &[0], 0, 8); // ip4-rewrite's next nodes
    let out = h.run(&node(&h, "linux-cp-xc-ip4"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 6), (bis[1], 3), (bis[2], 3)]);
    for &bi in &bis {
        assert_eq!(tx(&mut h, bi), phy);
        assert_eq!(h.buffer(bi).current_data, 0, "the whole frame Linux built");
        assert_eq!(opaque(&mut h, bi).ip.save_rewrite_length, 14);
    }
    assert_eq!([0, 1, 2].map(|i| opaque(&mut h, bis[i]).ip.adj_index[1]), [2, 0, 0]);
    assert_eq!(out.traces, vec!["lcp-xc: itf:1 adj:2", "lcp-xc: itf:1 adj:0", "lcp-xc: itf:1 adj:0"]);
    let starts = test_vpp::standin::RECORD.with(|r| r.borrow().output_feature_starts.clone());
    assert_eq!(starts, vec![(false, 5, 77)], "output arc started only for the adjacency with features");

    // IPv6 picks the phy's IPv6 adjacency; an unpaired interface or an
    // adjacency outside the pool goes to the rewrite node's drop (next 0).
    test_vpp::standin::RECORD.with(|r| r.borrow_mut().output_feature_next = None);
    let mut bis = eth_packets(&mut h, &[ip_frame(BCAST)], host);
    bis.extend(eth_packets(&mut h, &[ip_frame(BCAST)], 7));
    h.set_feature_arc(&bis, &[0], 0, 8);
    let out = h.run(&node(&h, "linux-cp-xc-ip6"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 4), (bis[1], 0)]);
    let mut p = pair(phy, host, HostType::Tap, false);
    p.phy_adjs = [50, 51];
    set_pairs(&h, &[p]);
    let bis = eth_packets(&mut h, &[ip_frame(BCAST)], host);
    h.set_feature_arc(&bis, &[0], 0, 8);
    let out = h.run(&node(&h, "linux-cp-xc-ip4"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 0)], "adjacency 50 is not in the pool");
}

#[test]
fn xc_mpls_needs_an_indexed_unicast_neighbour() {
    let mut h = Harness::new();
    let (phy, host) = (1, 2);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    let nbr = ethernet(NBR_MAC, PHY_MAC, 0x8847, &[0, 0, 0x11, 0x40, 0x45]);
    // SAFETY: stand-in main thread, no workers.
    let b = unsafe { vpp::Barrier::new_unchecked(h.vm()) };
    LCP_ADJS.update(b, |t| t.insert(phy, &nbr[..14], 7));
    let bcast = ethernet(BCAST, PHY_MAC, 0x8847, &[0, 0, 0x11, 0x40, 0x45]);
    let unknown = ethernet([2, 0, 0, 0, 0, 8], PHY_MAC, 0x8847, &[0, 0, 0x11, 0x40, 0x45]);
    let bis = eth_packets(&mut h, &[nbr, bcast, unknown], host);
    for &bi in &bis {
        opaque(&mut h, bi).ip.adj_index[1] = INVALID;
    }
    let out = h.run(&node(&h, "linux-cp-xc-mpls"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 1), (bis[1], 0), (bis[2], 0)]);
    assert_eq!((tx(&mut h, bis[0]), h.buffer(bis[0]).current_data), (phy, 0));
    assert_eq!(out.traces, vec!["lcp-xc: itf:1 adj:7", "lcp-xc: itf:1 adj:-1", "lcp-xc: itf:1 adj:-1"]);
}

#[test]
fn xc_l3_p2p_goes_to_midchain_else_lookup_in_the_phy() {
    let mut h = Harness::new();
    set_pairs(&h, &[pair(1, 2, HostType::Tun, true), pair(3, 4, HostType::Tun, false)]);
    let p = ipv4_udp([10, 0, 0, 1], [10, 0, 0, 2], 64);
    let mut bis = h.alloc_packets(std::slice::from_ref(&p), 2);
    bis.extend(h.alloc_packets(&[p], 4));
    h.trace(&bis);
    for &bi in &bis {
        opaque(&mut h, bi).ip.adj_index[1] = INVALID;
    }
    let out = h.run(&node(&h, "linux-cp-xc-l3-ip4"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 0), (bis[1], 1)]);
    assert_eq!((tx(&mut h, bis[0]), opaque(&mut h, bis[0]).ip.adj_index[1]), (1, 0));
    assert_eq!(opaque(&mut h, bis[1]).sw_if_index[0], 3, "RX = phy: looked up in the phy's FIB");
    for &bi in &bis {
        assert_ne!(h.buffer(bi).flags & sys::VNET_BUFFER_F_LOCALLY_ORIGINATED, 0);
        assert_eq!(h.buffer(bi).current_data, 0, "no rewind on TUN");
    }
    assert_eq!(out.traces, vec!["lcp-xc: itf:1 adj:0", "lcp-xc: itf:3 adj:-1"]);
    let bis = h.alloc_packets(&[ipv4_udp([1, 1, 1, 1], [2, 2, 2, 2], 40)], 2);
    let out = h.run(&node(&h, "linux-cp-xc-l3-ip6"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 0)]);
    assert_eq!(opaque(&mut h, bis[0]).ip.adj_index[1], 1, "the phy's IPv6 adjacency");
}

#[test]
fn arp_phy_copies_replies_to_the_host() {
    let mut h = Harness::new();
    let (phy, host) = (1, 2);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    let reply = ethernet(PHY_MAC, NBR_MAC, 0x0806, &arp(2, NBR_MAC, [10, 0, 0, 2], PHY_MAC, [10, 0, 0, 1]));
    let request = ethernet(BCAST, NBR_MAC, 0x0806, &arp(1, NBR_MAC, [10, 0, 0, 2], [0; 6], [10, 0, 0, 1]));
    let mut bis = eth_packets(&mut h, &[reply.clone(), request, reply.clone()], phy);
    bis.extend(eth_packets(&mut h, std::slice::from_ref(&reply), 9)); // unpaired phy
                                                                      // The arc's next feature is next index 2 (arp-reply), added by the arc.
    h.set_feature_arc(&bis, &[2, 0], 0, 3);
    let out = h.run(&node(&h, "linux-cp-arp-phy"), &bis);
    let copies = h.copies();
    assert_eq!(
        copies.iter().map(|c| c.0).collect::<Vec<_>>(),
        vec![bis[0], bis[2]],
        "replies on the phy only"
    );
    assert_eq!(h.copy_batches(), vec![2], "one batched copy per frame");
    let mut want: Vec<(u32, u16)> = bis.iter().map(|&bi| (bi, 2)).collect();
    want.extend(copies.iter().map(|c| (c.1, 1)));
    assert_eq!(out.enqueued, want, "originals along the arc, then the copies in one batch");
    for &(orig, copy) in &copies {
        assert_eq!(h.buffer(orig).current_data, 14, "the original's position is restored");
        assert_eq!(h.buffer(copy).current_data, 0, "the copy starts at the Ethernet header");
        assert_eq!(h.buffer(copy).current_length as usize, reply.len());
        assert_eq!(tx(&mut h, copy), host);
    }
    assert_eq!((out.counter("ARP packets processed"), out.counter("ARP replies copied to host")), (4, 2));
    assert_eq!(
        out.traces,
        vec![
            "rx-sw-if-index: 1 opcode: 2",
            "rx-sw-if-index: 1 opcode: 1",
            "rx-sw-if-index: 1 opcode: 2",
            "rx-sw-if-index: 9 opcode: 2"
        ]
    );
}

#[test]
fn arp_phy_counts_only_the_copies_made() {
    let mut h = Harness::new();
    let (phy, host) = (1, 2);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    let reply = ethernet(PHY_MAC, NBR_MAC, 0x0806, &arp(2, NBR_MAC, [10, 0, 0, 2], PHY_MAC, [10, 0, 0, 1]));
    let bis = eth_packets(&mut h, &[reply.clone(), reply.clone(), reply], phy);
    h.set_feature_arc(&bis, &[2, 0], 0, 3);
    // One free buffer: the first reply is copied, the others are not.
    h.limit_spare_buffers(1);
    let out = h.run(&node(&h, "linux-cp-arp-phy"), &bis);
    let copies = h.copies();
    assert_eq!(copies.iter().map(|c| c.0).collect::<Vec<_>>(), vec![bis[0]]);
    assert_eq!(h.copy_batches(), vec![3]);
    let mut want: Vec<(u32, u16)> = bis.iter().map(|&bi| (bi, 2)).collect();
    want.push((copies[0].1, 1));
    assert_eq!(out.enqueued, want, "every original along the arc, the one copy to the host");
    for &bi in &bis {
        assert_eq!(h.buffer(bi).current_data, 14, "the original's position is restored");
    }
    assert_eq!(tx(&mut h, copies[0].1), host);
    assert_eq!((out.counter("ARP packets processed"), out.counter("ARP replies copied to host")), (3, 1));
}

#[test]
fn arp_host_sends_linux_arp_out_of_the_phy() {
    let mut h = Harness::new();
    let (phy, host) = (1, 2);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    let request = ethernet(BCAST, PHY_MAC, 0x0806, &arp(1, PHY_MAC, [10, 0, 0, 1], [0; 6], [10, 0, 0, 2]));
    let mut bis = eth_packets(&mut h, std::slice::from_ref(&request), host);
    bis.extend(eth_packets(&mut h, &[request], 9));
    let out = h.run(&node(&h, "linux-cp-arp-host"), &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 1), (bis[1], 0)]);
    assert_eq!((tx(&mut h, bis[0]), h.buffer(bis[0]).current_data), (phy, 0));
    assert_eq!(out.counter("ARP packets processed"), 2);
    assert_eq!(out.traces, vec!["rx-sw-if-index: 2 opcode: 1", "rx-sw-if-index: 9 opcode: 1"]);
    assert!(h.copies().is_empty());
}

#[test]
fn adjacency_delegate_indexes_tap_phy_neighbours() {
    let mut h = Harness::new();
    let (phy, host, tun_phy) = (1, 2, 3);
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false), pair(tun_phy, 4, HostType::Tun, false)]);
    let errs = h.run_init_functions();
    assert!(errs.is_empty(), "{errs:?}");
    let nbr = ip_frame(NBR_MAC);
    let mut incomplete = adjacency(phy, 3, &[], false, 0);
    incomplete.lookup_next_index = 3; // IP_LOOKUP_NEXT_ARP
                                      // 0: complete on the TAP phy, 1: incomplete on it, 2: complete on the TUN phy.
    h.set_adjacencies(vec![
        adjacency(phy, 5, &nbr[..14], false, 0),
        incomplete,
        adjacency(tun_phy, 5, &nbr[..14], false, 0),
    ]);
    let lookup = |h: &Harness, frame: &[u8], sw| {
        // SAFETY: stand-in main thread.
        let mt = unsafe { vpp::MainThread::new_unchecked(h.vm()) };
        LCP_ADJS.read(mt).lookup(frame, 14, sw)
    };
    assert!(h.adj_event(0, 0), "complete adjacency on a TAP phy: followed");
    assert!(h.adj_event(1, 0), "incomplete one: followed, not indexed");
    assert!(!h.adj_event(2, 0), "TUN phys are not followed");
    assert_eq!(lookup(&h, &nbr, phy), Some(0));
    assert_eq!(lookup(&h, &nbr, tun_phy), None);

    // Adjacency 1 completes (ARP resolved) with another MAC.
    let other = ip_frame([2, 0, 0, 0, 0, 7]);
    h.set_adjacencies(vec![
        adjacency(phy, 5, &nbr[..14], false, 0),
        adjacency(phy, 5, &other[..14], false, 0),
        adjacency(tun_phy, 5, &nbr[..14], false, 0),
    ]);
    h.adj_event(1, 1);
    assert_eq!(lookup(&h, &other, phy), Some(1));
    h.adj_event(0, 2);
    assert_eq!(lookup(&h, &nbr, phy), None, "deleted");

    // Quirk 11: adjacencies that existed before the pair are indexed by
    // index_phy (after the pair is added).
    set_pairs(&h, &[pair(phy, host, HostType::Tap, false)]);
    assert_eq!(lookup(&h, &other, phy), None);
    // SAFETY: stand-in main thread.
    let mt = unsafe { vpp::MainThread::new_unchecked(h.vm()) };
    assert_eq!(lcp_plugin::lcp_adj::index_phy(mt, phy), 2);
    assert_eq!((lookup(&h, &nbr, phy), lookup(&h, &other, phy)), (Some(0), Some(1)));
    assert!(h.adj_attached().contains(&0) && h.adj_attached().contains(&1));
}
