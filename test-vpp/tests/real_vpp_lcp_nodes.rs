//! Tier 4: the Rust linux-cp graph nodes in a real VPP 26.06 (C linux-cp
//! disabled): every node is in the graph with C's next nodes, the
//! cross-connect nodes are siblings of ip4/ip6-rewrite, and the features
//! are on C's arcs. The packet scenario pairs pg0 (phy) with pg1 (standing
//! in for the tap) with `test lcp add`: an ARP reply on the phy is copied to
//! the host, a punted IP packet reaches the host with its original L2
//! header, and host IPv4 leaves the phy byte for byte through
//! `linux-cp-xc-ip4`.

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

/// (node, its own next nodes in index order; empty for the siblings).
const NODES: &[(&str, &[&str])] = &[
    ("linux-cp-punt", &["interface-output", "error-drop"]),
    ("linux-cp-punt-xc", &["interface-output", "error-drop"]),
    ("linux-cp-punt-l3", &["error-drop"]),
    ("linux-cp-xc-ip4", &[]),
    ("linux-cp-xc-ip6", &[]),
    ("linux-cp-xc-l3-ip4", &["ip4-midchain", "ip4-lookup"]),
    ("linux-cp-xc-l3-ip6", &["ip6-midchain", "ip6-lookup"]),
    ("linux-cp-xc-mpls", &["error-drop", "interface-output"]),
    ("linux-cp-arp-phy", &["error-drop", "interface-output"]),
    ("linux-cp-arp-host", &["error-drop", "interface-output"]),
];

/// The next nodes `show vlib graph <node>` lists, as (name, index).
fn graph_nexts(out: &str) -> Vec<(String, usize)> {
    let mut v = Vec::new();
    for l in out.lines() {
        let mut rest = l;
        while let Some(open) = rest.find(" [") {
            let before = &rest[..open];
            let name = before.split_whitespace().last().unwrap_or_default().to_string();
            let after = &rest[open + 2..];
            let Some(close) = after.find(']') else { break };
            if let Ok(i) = after[..close].parse() {
                v.push((name, i));
            }
            rest = &after[close + 1..];
        }
    }
    v
}

#[test]
fn lcp_nodes_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: lcp_nodes_in_real_vpp: {why}");
            return;
        }
    };
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let cfg = VppConfig { plugins: vec![(so, "lcp_rs_plugin.so".into())], ..Default::default() };
    let mut vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let plugins = vpp.cli("show plugins").unwrap();
    assert!(plugins.contains("lcp_rs_plugin.so"), "{plugins}");
    assert!(!plugins.contains("linux_cp_plugin.so"), "the C plugin must be disabled:\n{plugins}");

    for (name, nexts) in NODES {
        let g = vpp.cli(&format!("show vlib graph {name}")).unwrap();
        assert!(g.contains(name), "show vlib graph {name}:\n{g}");
        let got = graph_nexts(&g);
        for (i, n) in nexts.iter().enumerate() {
            assert!(got.contains(&(n.to_string(), i)), "{name}: next {i} should be {n}; graph:\n{g}");
        }
        let s = vpp.cli(&format!("show node {name}")).unwrap();
        assert!(s.contains(name) && s.contains("internal"), "show node {name}:\n{s}");
    }
    // The siblings share ip4/ip6-rewrite's next nodes (next 0 is the drop).
    for (n, drop) in [("linux-cp-xc-ip4", "ip4-drop"), ("linux-cp-xc-ip6", "ip6-drop")] {
        let g = vpp.cli(&format!("show vlib graph {n}")).unwrap();
        assert!(
            graph_nexts(&g).contains(&(drop.to_string(), 0)),
            "{n} is a sibling of the rewrite node:\n{g}"
        );
    }
    let feats = vpp.cli("show features verbose").unwrap();
    for f in [
        "linux-cp-xc-ip4",
        "linux-cp-xc-ip6",
        "linux-cp-xc-l3-ip4",
        "linux-cp-xc-l3-ip6",
        "linux-cp-xc-mpls",
        "linux-cp-arp-phy",
        "linux-cp-arp-host",
        "linux-cp-punt-l3",
    ] {
        assert!(feats.contains(f), "feature {f} missing:\n{feats}");
    }
    unpaired_xc_l3_stream(&vpp);

    // Packet scenario: needs pairs. pg0 is the phy, pg1 stands for the host
    // tap (both packet-generator interfaces).
    vpp.pair_pg0_with_pg1();
    packet_scenario(&vpp);
    assert!(vpp.is_running(), "VPP still running");
    vpp.stop();
}

/// Packets through `linux-cp-xc-l3-ip4` on an interface with no pair (the
/// node's fallback: routed by ip4-lookup in the input interface's FIB):
/// the node runs in VPP on full vectors, traces C's format, and its cost
/// per packet is printed.
fn unpaired_xc_l3_stream(vpp: &VppInstance) {
    const N: u64 = 1_000_000;
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    for c in [
        "create packet-generator interface pg2",
        "set interface state pg2 up",
        "set interface ip address pg2 10.2.0.1/24",
        "set interface feature pg2 linux-cp-xc-l3-ip4 arc ip4-unicast",
    ] {
        cli(c);
    }
    cli(&format!(
        "packet-generator new {{ name xcl3 limit {N} size 64-64 node ip4-input interface pg2 \
         data {{ UDP: 10.2.0.2 -> 10.9.0.2 UDP: 1234 -> 5678 incrementing 30 }} }}"
    ));
    cli("trace add pg-input 2");
    cli("clear runtime");
    cli("packet-generator enable-stream xcl3");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let line = loop {
        let rt = cli("show runtime");
        let l = rt.lines().find(|l| l.trim_start().starts_with("linux-cp-xc-l3-ip4")).map(str::to_string);
        if let Some(l) = &l {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.get(3).and_then(|v| v.parse::<u64>().ok()) == Some(N) {
                break l.clone();
            }
        }
        assert!(std::time::Instant::now() < deadline, "stream did not finish:\n{rt}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    println!("linux-cp-xc-l3-ip4 (no pair, lookup fallback): {line}");
    let trace = cli("show trace");
    assert!(trace.contains("lcp-xc: itf:-1 adj:"), "trace:\n{trace}");
    cli("packet-generator delete xcl3");
    cli("set interface feature pg2 linux-cp-xc-l3-ip4 arc ip4-unicast disable");
}

/// phy pg0 paired with host pg1 (packet-generator interfaces; pg1 stands for
/// the host tap). The pair add enables linux-cp-arp-phy on the phy and
/// linux-cp-arp-host / linux-cp-xc-ip4/6 on the host, as C does.
fn packet_scenario(vpp: &VppInstance) {
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    println!("{}", cli("show lcp"));
    let (phy_mac, host_mac) = (vpp.mac_of("pg0"), vpp.mac_of("pg1"));
    let phy = vpp.sw_if_index_of("pg0");
    let feats = cli("show interface features pg0");
    assert_eq!(feats.matches("linux-cp-arp-phy").count(), 1, "arp-phy enabled once on the phy:\n{feats}");

    // phy -> host, ARP: the reply goes on to VPP's arp-reply, and a copy
    // with its Ethernet header leaves the host interface.
    let t = vpp.trace_one_packet(
        "arp-reply",
        &format!(
            "size 60-60 interface pg0 node ethernet-input data {{ ARP: 02:00:00:00:00:02 -> {phy_mac} \
             reply: 02:00:00:00:00:02/10.0.0.2 -> {phy_mac}/10.0.0.1 }}"
        ),
    );
    assert!(t.contains(&format!("rx-sw-if-index: {phy} opcode: 2")), "arp-phy trace:\n{t}");
    assert!(t.contains("arp-reply"), "the original continues on the arc:\n{t}");
    let tx = t.split("pg1-tx").nth(1).unwrap_or_else(|| panic!("no copy sent to the host:\n{t}"));
    assert!(tx.contains("current data 0, length 60"), "the copy starts at the Ethernet header:\n{t}");
    let errs = cli("show errors");
    let copies = errs.lines().find(|l| l.contains("ARP replies copied to host")).unwrap_or_default();
    assert_eq!(copies.split_whitespace().next(), Some("1"), "copies counted:\n{errs}");

    // phy -> host, IP: a UDP packet to VPP's address on an unknown port is
    // punted and redirected to the host with its original L2 header.
    let t = vpp.trace_one_packet(
        "punt",
        &format!(
            "size 64-64 interface pg0 node ethernet-input data {{ IP4: 02:00:00:00:00:02 -> {phy_mac} \
             UDP: 10.0.0.2 -> 10.0.0.1 UDP: 1234 -> 5678 incrementing 30 }}"
        ),
    );
    let tx = t.split("pg1-tx").nth(1).unwrap_or_else(|| panic!("not punted to the host:\n{t}"));
    assert!(
        tx.contains("current data 0, length 64")
            && tx.contains(&format!("IP4: 02:00:00:00:00:02 -> {phy_mac}")),
        "the host gets the frame with its L2 header:\n{t}"
    );

    // host -> phy: the frame Linux built leaves the phy unchanged (MACs,
    // TTL) through linux-cp-xc-ip4. (pg1 is not a tap: the frame is
    // addressed to pg1's own MAC so ethernet-input accepts it.)
    let t = vpp.trace_one_packet(
        "xc",
        &format!(
            "size 64-64 interface pg1 node ethernet-input data {{ IP4: {phy_mac} -> {host_mac} \
             UDP: 10.0.0.1 -> 10.0.0.2 UDP: 1234 -> 5678 incrementing 30 }}"
        ),
    );
    assert!(t.contains(&format!("lcp-xc: itf:{phy} adj:")), "xc trace:\n{t}");
    let tx = t.split("pg0-tx").nth(1).unwrap_or_else(|| panic!("not sent out of the phy:\n{t}"));
    assert!(
        tx.contains("current data 0, length 64")
            && tx.contains(&format!("IP4: {phy_mac} -> {host_mac}"))
            && tx.contains("ttl 64"),
        "unchanged on the phy:\n{t}"
    );
}
