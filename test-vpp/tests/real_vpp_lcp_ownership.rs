//! Tier 4: protocol ownership in a real VPP 26.06 (C linux-cp disabled).
//! pg0 (phy, 10.0.0.1/24) is paired with pg1 (standing in for the tap).
//! With the default owner (VPP) VPP answers an ARP request (`arp-reply`)
//! and a ping (`ip4-icmp-echo-request`) out of pg0; with `lcp
//! protocol-owner arp|ping linux` the request leaves the host interface
//! (`pg1-tx`) and VPP sends nothing out of the phy.

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

fn arp_request(vpp: &VppInstance, name: &str) -> String {
    vpp.trace_one_packet(
        name,
        "size 60-60 interface pg0 node ethernet-input data { ARP: 02:00:00:00:00:02 -> ff:ff:ff:ff:ff:ff \
         request: 02:00:00:00:00:02/10.0.0.2 -> 00:00:00:00:00:00/10.0.0.1 }",
    )
}

fn ping(vpp: &VppInstance, name: &str, phy_mac: &str) -> String {
    vpp.trace_one_packet(
        name,
        &format!(
            "size 64-64 interface pg0 node ethernet-input data {{ IP4: 02:00:00:00:00:02 -> {phy_mac} \
             ICMP: 10.0.0.2 -> 10.0.0.1 ICMP echo_request incrementing 30 }}"
        ),
    )
}

#[test]
fn lcp_protocol_ownership_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: lcp_protocol_ownership_in_real_vpp: {why}");
            return;
        }
    };
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    // The ping plugin holds VPP 26.06's echo responders.
    let cfg = VppConfig {
        plugins: vec![(so, "lcp_rs_plugin.so".into())],
        enable_builtin: vec!["ping_plugin.so".into()],
        ..Default::default()
    };
    let mut vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    vpp.pair_pg0_with_pg1();
    let phy_mac = vpp.mac_of("pg0");

    // show lcp: C's lines unchanged; verbose adds where VPP answers.
    let plain = cli("show lcp");
    assert!(!plain.contains("vpp answers"), "plain show lcp is C's:\n{plain}");
    let v = cli("show lcp verbose");
    assert!(v.contains("  vpp answers: arp ping"), "defaults: VPP answers ARP and ping:\n{v}");
    let log = cli("show logging");
    assert!(log.contains("VPP itself answers"), "pair creation logged:\n{log}");

    // Owner VPP (default): VPP answers.
    let t = arp_request(&vpp, "arp-vpp");
    assert!(t.contains("arp-reply") && t.contains("pg0-tx"), "VPP answers ARP:\n{t}");
    assert!(!t.contains("pg1-tx"), "the request is not sent to the host:\n{t}");
    let t = ping(&vpp, "ping-vpp", &phy_mac);
    assert!(t.contains("ip4-icmp-echo-request") && t.contains("pg0-tx"), "VPP answers ping:\n{t}");
    assert!(!t.contains("linux-cp-local"), "no local feature with the defaults:\n{t}");

    // Owner Linux: ARP globally, ping on the pair.
    cli("lcp protocol-owner arp linux");
    cli("lcp protocol-owner ping linux phy pg0");
    let v = cli("show lcp verbose");
    assert!(v.contains("  vpp answers: none"), "nothing left to VPP:\n{v}");
    assert!(v.contains("owners: arp=linux nd=vpp ping=linux igmp=vpp"), "{v}");
    let t = arp_request(&vpp, "arp-linux");
    assert!(t.contains("pg1-tx"), "the ARP request goes to the host:\n{t}");
    assert!(!t.contains("arp-reply") && !t.contains("pg0-tx"), "VPP does not answer ARP:\n{t}");
    let t = ping(&vpp, "ping-linux", &phy_mac);
    assert!(t.contains("linux-cp-local: rx-sw-if-index 1 ping to host"), "{t}");
    assert!(t.contains("pg1-tx"), "the echo request goes to the host:\n{t}");
    assert!(!t.contains("ip4-icmp-echo-request") && !t.contains("pg0-tx"), "VPP does not answer ping:\n{t}");

    // Back to VPP on the pair: it answers again.
    cli("lcp protocol-owner ping default phy pg0");
    cli("lcp protocol-owner arp vpp");
    let t = ping(&vpp, "ping-back", &phy_mac);
    assert!(t.contains("ip4-icmp-echo-request") && !t.contains("linux-cp-local"), "{t}");
    let t = arp_request(&vpp, "arp-back");
    assert!(t.contains("arp-reply") && !t.contains("pg1-tx"), "{t}");

    ipv6(&vpp, &phy_mac);
    assert!(vpp.is_running(), "VPP still running");
    vpp.stop();
}

/// A neighbour solicitation for 2001:db8::1 from 2001:db8::2 (unicast,
/// hop limit 255, source link-layer option).
fn ns(vpp: &VppInstance, name: &str, phy_mac: &str) -> String {
    vpp.trace_one_packet(
        name,
        &format!(
            "size 86-86 interface pg0 node ethernet-input data {{ IP6: 02:00:00:00:00:02 -> {phy_mac} \
             ICMP6: 2001:db8::2 -> 2001:db8::1 hop-limit 255 ICMP neighbor_solicitation \
             hex 0x0000000020010db80000000000000000000000010101020000000002 }}"
        ),
    )
}

fn ping6(vpp: &VppInstance, name: &str, phy_mac: &str) -> String {
    vpp.trace_one_packet(
        name,
        &format!(
            "size 84-84 interface pg0 node ethernet-input data {{ IP6: 02:00:00:00:00:02 -> {phy_mac} \
             ICMP6: 2001:db8::2 -> 2001:db8::1 ICMP echo_request incrementing 30 }}"
        ),
    )
}

/// ND and ping6: VPP answers by default; with Linux as owner the
/// solicitation / echo request leaves the host interface and VPP's
/// responders never see it.
fn ipv6(vpp: &VppInstance, phy_mac: &str) {
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    cli("set interface ip address pg0 2001:db8::1/64");
    let v = cli("show lcp verbose");
    assert!(v.contains("  vpp answers: arp nd ping"), "IPv6 on: ND answered by VPP:\n{v}");
    let t = ns(vpp, "ns-vpp", phy_mac);
    assert!(t.contains("icmp6-neighbor-solicitation") && t.contains("pg0-tx"), "VPP answers NS:\n{t}");
    let t = ping6(vpp, "ping6-vpp", phy_mac);
    assert!(t.contains("ip6-icmp-echo-request") && t.contains("pg0-tx"), "VPP answers ping6:\n{t}");

    cli("lcp protocol-owner nd linux phy pg0");
    cli("lcp protocol-owner ping linux");
    let v = cli("show lcp verbose");
    assert!(v.lines().any(|l| l.trim_end() == "  vpp answers: arp"), "only ARP left to VPP:\n{v}");
    let t = ns(vpp, "ns-linux", phy_mac);
    assert!(t.contains("linux-cp-local: rx-sw-if-index 1 nd to host") && t.contains("pg1-tx"), "{t}");
    assert!(
        !t.contains("icmp6-neighbor-solicitation") && !t.contains("pg0-tx"),
        "VPP does not answer NS:\n{t}"
    );
    let t = vpp.trace_one_packet(
        "ns-mcast-linux",
        "size 86-86 interface pg0 node ethernet-input data { IP6: 02:00:00:00:00:02 -> 33:33:ff:00:00:01 \
         ICMP6: 2001:db8::2 -> ff02::1:ff00:1 hop-limit 255 ICMP neighbor_solicitation \
         hex 0x0000000020010db80000000000000000000000010101020000000002 }",
    );
    // Solicited-node multicast: ip6-mfib -> ip6-receive -> the ip6-local arc.
    assert!(t.contains("linux-cp-local: rx-sw-if-index 1 nd to host") && t.contains("pg1-tx"), "{t}");
    assert!(!t.contains("icmp6-neighbor-solicitation") && !t.contains("pg0-tx"), "multicast NS:\n{t}");
    let t = ping6(vpp, "ping6-linux", phy_mac);
    assert!(t.contains("linux-cp-local: rx-sw-if-index 1 ping to host") && t.contains("pg1-tx"), "{t}");
    assert!(!t.contains("ip6-icmp-echo-request") && !t.contains("pg0-tx"), "VPP does not answer ping6:\n{t}");
}

/// `linux-cp { protocol-owner arp linux }` sets the global owner at start-up
/// (the other options keep working beside it), and pairs made later follow.
#[test]
fn lcp_protocol_owner_startup_option() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: lcp_protocol_owner_startup_option: {why}");
            return;
        }
    };
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let cfg = VppConfig {
        plugins: vec![(so, "lcp_rs_plugin.so".into())],
        enable_builtin: vec!["ping_plugin.so".into()],
        extra: "linux-cp { lcp-sync protocol-owner arp linux protocol-owner nd linux }\n".into(),
    };
    let mut vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    vpp.pair_pg0_with_pg1();
    let v = cli("show lcp verbose");
    assert!(v.contains("lcp lcp-sync on"), "other options still apply:\n{v}");
    assert!(v.contains("owners: arp=linux nd=linux ping=vpp igmp=vpp"), "{v}");
    assert!(v.lines().any(|l| l.trim_end() == "  vpp answers: ping"), "{v}");
    let t = arp_request(&vpp, "arp-linux");
    assert!(t.contains("pg1-tx") && !t.contains("arp-reply"), "ARP to the host:\n{t}");
    assert!(vpp.is_running());
    vpp.stop();
}
