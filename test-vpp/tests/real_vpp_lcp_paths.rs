//! Tier 4: the remaining linux-cp packet paths in a real VPP 26.06 (C
//! linux-cp disabled), with pg0 as the phy and pg1 standing in for the host
//! tap (`test lcp add`), each checked on `show trace`, `show errors` and the
//! interface counters:
//!
//! - host → phy IPv4 through `linux-cp-xc-ip4` runs the phy's IP *output*
//!   features (reference 3.4 step 6): `ip4-outacl` (vnet classifier, stock
//!   in this build) traces and counts the cross-connected packet;
//! - host ARP leaves the phy unchanged through `linux-cp-arp-host`, VPP's
//!   `arp-reply` never sees it (3.8);
//! - an enabled ethertype (0x88cc, LLDP: the lldp plugin is not loaded, so
//!   nobody owns it) goes phy → host and host → phy through
//!   `linux-cp-punt-xc` with the Ethernet header intact (3.2);
//! - MPLS from the host through `linux-cp-xc-mpls`: a unicast frame whose
//!   header matches a phy MPLS adjacency leaves the phy unchanged, no match
//!   or a multicast destination is dropped with no error of its own (3.5);
//! - a TUN pair (phy = ipip tunnel, host pg2): host → phy through
//!   `linux-cp-xc-l3-ip4` to the tunnel midchain without a TTL check, and
//!   phy → host through `linux-cp-punt-l3` then `ip4-punt-redirect` (3.3, 3.6).

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};
use test_vpp::scenario::parse_error_count;

/// The nodes a trace passes through, in order (lines `hh:mm:ss:uuuuuu: node`).
fn trace_nodes(t: &str) -> Vec<String> {
    t.lines()
        .filter_map(|l| {
            let (ts, rest) = l.split_once(": ")?;
            (ts.len() > 8 && ts.chars().all(|c| c.is_ascii_digit() || c == ':'))
                .then(|| rest.trim().to_string())
        })
        .collect()
}

#[test]
fn lcp_packet_paths_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: lcp_packet_paths_in_real_vpp: {why}");
            return;
        }
    };
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let cfg = VppConfig { plugins: vec![(so, "lcp_rs_plugin.so".into())], ..Default::default() };
    let mut vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    vpp.pair_pg0_with_pg1();
    let (phy, host) = (vpp.sw_if_index_of("pg0"), vpp.sw_if_index_of("pg1"));
    let (phy_mac, host_mac) = (vpp.mac_of("pg0"), vpp.mac_of("pg1"));

    // 1. host -> phy IPv4 runs the phy's ip4-output features.
    cli("classify table mask l3 ip4 dst buckets 16");
    cli("set interface output acl intfc pg0 ip4-table 0");
    assert!(cli("show interface features pg0").contains("ip4-outacl"));
    let t = vpp.trace_one_packet(
        "xc-out",
        &format!(
            "size 64-64 interface pg1 node ethernet-input data {{ IP4: {phy_mac} -> {host_mac} \
             UDP: 10.0.0.1 -> 10.0.0.2 UDP: 1234 -> 5678 incrementing 30 }}"
        ),
    );
    let nodes = trace_nodes(&t);
    let want =
        ["pg-input", "ethernet-input", "ip4-input", "linux-cp-xc-ip4", "ip4-outacl", "pg0-output", "pg0-tx"];
    assert_eq!(nodes, want, "xc'd packet traverses the phy's output feature:\n{t}");
    assert!(t.contains(&format!("lcp-xc: itf:{phy} adj:")), "{t}");
    assert!(t.contains(&format!("OUTACL: sw_if_index {phy},")), "outacl ran for the phy:\n{t}");
    let errs = cli("show errors");
    assert_eq!(parse_error_count(&errs, "ip4-outacl", "output ACL misses"), 1, "{errs}");
    assert_eq!(vpp.interface_counter("pg0", "tx packets"), 1);
    cli("set interface output acl intfc pg0 ip4-table 0 del");
    assert!(!cli("show interface features pg0").contains("ip4-outacl"));

    // 2. ARP from the host leaves the phy unchanged; arp-reply never sees it.
    let t = vpp.trace_one_packet(
        "arp-host",
        &format!(
            "size 60-60 interface pg1 node ethernet-input data {{ ARP: {phy_mac} -> ff:ff:ff:ff:ff:ff \
             request: {phy_mac}/10.0.0.1 -> 00:00:00:00:00:00/10.0.0.2 }}"
        ),
    );
    let nodes = trace_nodes(&t);
    assert_eq!(
        nodes,
        ["pg-input", "ethernet-input", "arp-input", "linux-cp-arp-host", "pg0-output", "pg0-tx"],
        "host ARP goes straight out of the phy:\n{t}"
    );
    let tx = t.split("pg0-tx").nth(1).unwrap();
    assert!(
        tx.contains("current data 0, length 60")
            && tx.contains(&format!("ARP: {phy_mac} -> ff:ff:ff:ff:ff:ff"))
            && tx.contains(&format!("{phy_mac}/10.0.0.1 -> 00:00:00:00:00:00/10.0.0.2")),
        "unchanged:\n{t}"
    );
    let errs = cli("show errors");
    // Our documented choice (lcp-plugin/src/node/arp.rs): `packets` counts.
    assert_eq!(parse_error_count(&errs, "linux-cp-arp-host", "ARP packets processed"), 1, "{errs}");
    assert!(!errs.contains("arp-reply"), "{errs}");
    assert_eq!(vpp.interface_counter("pg0", "tx packets"), 1);
    assert_eq!(vpp.interface_counter("pg1", "tx packets"), 0);

    // 3. Ethertype passthrough (LLDP 0x88cc; the lldp plugin is not loaded).
    assert!(!cli("show plugins").contains("lldp_plugin.so"));
    assert_eq!(cli("lcp ethertype enable 0x88cc").trim(), "");
    assert!(cli("show lcp ethertype").contains("0x88cc"));
    let t = vpp.trace_one_packet(
        "lldp-in",
        "size 64-64 interface pg0 node ethernet-input data { 0x88cc: 02:00:00:00:00:02 -> 01:80:c2:00:00:0e \
         incrementing 50 }",
    );
    assert_eq!(
        trace_nodes(&t),
        ["pg-input", "ethernet-input", "linux-cp-punt-xc", "pg1-output", "pg1-tx"],
        "LLDP phy -> host:\n{t}"
    );
    assert!(t.contains(&format!("lip-punt: {phy} -> {host}")), "{t}");
    let tx = t.split("pg1-tx").nth(1).unwrap();
    assert!(
        tx.contains("current data 0, length 64")
            && tx.contains("802_1_LLDP: 02:00:00:00:00:02 -> 01:80:c2:00:00:0e"),
        "with its Ethernet header:\n{t}"
    );
    assert_eq!(vpp.interface_counter("pg1", "tx packets"), 1);
    let t = vpp.trace_one_packet("lldp-out",
        &format!("size 64-64 interface pg1 node ethernet-input data {{ 0x88cc: {phy_mac} -> 01:80:c2:00:00:0e incrementing 50 }}"),
    );
    assert_eq!(
        trace_nodes(&t),
        ["pg-input", "ethernet-input", "linux-cp-punt-xc", "pg0-output", "pg0-tx"],
        "LLDP host -> phy:\n{t}"
    );
    assert!(t.contains(&format!("lip-xc: {host} -> {phy}")), "{t}");
    assert!(t.split("pg0-tx").nth(1).unwrap().contains("current data 0, length 64"), "{t}");
    assert_eq!(vpp.interface_counter("pg0", "tx packets"), 1);

    // 4. MPLS from the host. Enabling MPLS on the phy is mirrored onto the
    //    host, which gets linux-cp-xc-mpls (C's lcp_mpls_sync).
    //    The neighbour 10.0.0.3 has the host's MAC, so a frame the host
    //    addresses to it is accepted by pg1 and matches the MPLS adjacency.
    cli("mpls table add 0");
    cli("set interface mpls pg0 enable");
    let feats = cli("show interface features pg1");
    assert_eq!(
        feats.matches("linux-cp-xc-mpls").count(),
        1,
        "MPLS sync enabled the x-connect once:\n{feats}"
    );
    cli(&format!("set ip neighbor pg0 10.0.0.3 {host_mac}"));
    cli("ip route add 10.8.0.0/24 via 10.0.0.3 pg0 out-labels 200");
    let adjs = cli("show lcp adj");
    let mac_hex = host_mac.replace(':', "");
    let key = format!("pg0:{mac_hex}{}8847", phy_mac.replace(':', ""));
    assert!(adjs.contains(&key), "the MPLS adjacency is indexed ({key}):\n{adjs}");
    let mpls_adj: u32 = adjs
        .split(&key)
        .nth(1)
        .and_then(|r| r.split("adj ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("adj index:\n{adjs}"));
    let t = vpp.trace_one_packet("mpls-hit",
        &format!("size 64-64 interface pg1 node ethernet-input data {{ 0x8847: {phy_mac} -> {host_mac} incrementing 50 }}"),
    );
    assert_eq!(
        trace_nodes(&t),
        ["pg-input", "ethernet-input", "mpls-input", "linux-cp-xc-mpls", "pg0-output", "pg0-tx"],
        "MPLS host -> phy:\n{t}"
    );
    assert!(t.contains(&format!("lcp-xc: itf:{phy} adj:{mpls_adj}")), "{t}");
    let tx = t.split("pg0-tx").nth(1).unwrap();
    assert!(
        tx.contains("current data 0, length 64") && tx.contains(&format!("MPLS: {phy_mac} -> {host_mac}")),
        "unchanged:\n{t}"
    );
    assert_eq!(vpp.interface_counter("pg0", "tx packets"), 1);
    for (name, src, dst) in [
        ("mpls-miss", "02:00:00:00:00:07", host_mac.as_str()),
        ("mpls-mcast", phy_mac.as_str(), "01:00:5e:00:00:01"),
    ] {
        let t = vpp.trace_one_packet(name,
            &format!("size 64-64 interface pg1 node ethernet-input data {{ 0x8847: {src} -> {dst} incrementing 50 }}"),
        );
        assert_eq!(
            trace_nodes(&t),
            ["pg-input", "ethernet-input", "mpls-input", "linux-cp-xc-mpls", "error-drop", "drop"],
            "{name}: dropped (C: no adjacency or not unicast):\n{t}"
        );
        // C sets no error of its own: the drop counts under b->error (0).
        let errs = cli("show errors");
        assert_eq!(parse_error_count(&errs, "null-node", "blackholed packets"), 1, "{name}:\n{errs}");
        assert_eq!(vpp.interface_counter("pg0", "tx packets"), 0, "{name}");
    }

    // 5. TUN pair: phy = ipip0 (p2p), host = pg2.
    cli("set ip neighbor pg0 10.0.0.2 02:00:00:00:00:02");
    cli("create ipip tunnel src 10.0.0.1 dst 10.0.0.2");
    cli("create packet-generator interface pg2");
    cli("set interface state pg2 up");
    cli("set interface state ipip0 up");
    let add = cli("test lcp add phy ipip0 host pg2");
    assert!(!add.contains("ERROR"), "{add}");
    cli("set interface ip address ipip0 10.5.0.1/30");
    let (tun, tun_host) = (vpp.sw_if_index_of("ipip0"), vpp.sw_if_index_of("pg2"));
    // host -> phy: TTL 1 still goes (locally originated), via the midchain,
    // encapsulated, out of pg0.
    let t = vpp.trace_one_packet("tun-xc",
        "size 64-64 interface pg2 node ip4-input data { UDP: 10.5.0.1 -> 10.5.0.2 ttl 1 UDP: 1234 -> 5678 incrementing 30 }",
    );
    let nodes = trace_nodes(&t);
    assert_eq!(&nodes[..4], ["pg-input", "ip4-input", "linux-cp-xc-l3-ip4", "ip4-midchain"], "{t}");
    assert!(nodes.contains(&"pg0-tx".to_string()), "encapsulated out of pg0:\n{t}");
    assert!(t.contains(&format!("lcp-xc: itf:{tun} adj:")), "{t}");
    assert!(t.contains(&format!("tx_sw_if_index {tun} ")), "{t}");
    let tx = t.split("pg0-tx").nth(1).unwrap();
    assert!(tx.contains("IP_IN_IP: 10.0.0.1 -> 10.0.0.2"), "{t}");
    // The inner header as rewritten (ip4-rewrite's dump): TTL still 1,
    // protocol 17, checksum a5a1 unchanged.
    assert!(t.contains("0111a5a10a0500010a050002"), "inner TTL untouched:\n{t}");
    assert!(!cli("show errors").contains("time expired"));
    assert_eq!(vpp.interface_counter("pg0", "tx packets"), 1);
    // phy -> host: a decapsulated packet (injected with RX = ipip0) to
    // VPP's address on an unknown port is punted, marked by punt-l3 and
    // redirected to pg2 (an attached path: pg2 is Ethernet, so glean).
    let t = vpp.trace_one_packet("tun-punt",
        "size 64-64 interface ipip0 node ip4-input data { UDP: 10.5.0.2 -> 10.5.0.1 ttl 1 UDP: 1234 -> 5678 incrementing 30 }",
    );
    let nodes = trace_nodes(&t);
    let i = nodes.iter().position(|n| n == "ip4-punt").unwrap_or_else(|| panic!("punted:\n{t}"));
    assert_eq!(&nodes[i..i + 4], ["ip4-punt", "linux-cp-punt-l3", "ip4-punt-redirect", "ip4-glean"], "{t}");
    assert!(t.contains(&format!("linux-cp-punt-l3: {tun}")), "{t}");
    assert!(cli("show ip punt redirect").contains(&"pg2".to_string()));
    let _ = tun_host;

    // Clean up: no pairs, no punt redirects, VPP alive.
    assert!(!cli("test lcp del phy pg0").contains("ERROR"));
    cli(&format!("delete ipip tunnel sw_if_index {tun}"));
    assert!(!cli("show lcp").contains("itf-pair"));
    let punt = cli("show ip punt redirect");
    assert!(!punt.contains("pg1") && !punt.contains("pg2"), "{punt}");
    assert!(cli("show version").contains("vpp"));
    assert!(vpp.is_running());
    vpp.stop();
}
