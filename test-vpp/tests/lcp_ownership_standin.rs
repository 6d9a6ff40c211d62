//! Protocol ownership in the stand-in: `lcp protocol-owner` enables the
//! `linux-cp-local-*` features on a paired phy only when Linux owns ping,
//! ND or IGMP there, refuses unpaired phys, and `show lcp verbose` reports.

use test_vpp::standin::Harness;

#[test]
fn protocol_owner_cli_and_features() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    let pg0 = h.add_interface("pg0");
    let _pg1 = h.add_interface("pg1");
    let _pg2 = h.add_interface("pg2");
    h.run_cli("test lcp add phy pg0 host pg1").expect("add");
    let calls = h.take_cp_calls();
    assert!(!calls.iter().any(|c| c.contains("linux-cp-local")), "defaults: upstream's graph: {calls:?}");

    h.run_cli("lcp protocol-owner arp linux").expect("global arp");
    assert!(!h.take_cp_calls().iter().any(|c| c.contains("linux-cp-local")), "ARP needs no local feature");
    h.run_cli("lcp protocol-owner ping linux phy pg0").expect("pair ping");
    let calls = h.take_cp_calls();
    assert!(calls.contains(&format!("feature on ip4-local linux-cp-local-ip4 {pg0}")), "{calls:?}");
    assert!(calls.contains(&format!("feature on ip6-local linux-cp-local-ip6 {pg0}")), "{calls:?}");
    h.run_cli("lcp protocol-owner nd linux phy pg0").expect("pair nd");
    assert!(h.take_cp_calls().is_empty(), "already on: no VPP call");
    h.run_cli("lcp protocol-owner ping default phy pg0").expect("clear ping");
    let calls = h.take_cp_calls();
    assert_eq!(calls, vec![format!("feature off ip4-local linux-cp-local-ip4 {pg0}")], "ND keeps ip6");

    let v = h.run_cli("show lcp verbose").unwrap();
    assert!(v.contains("owners: arp=linux nd=linux ping=vpp igmp=vpp"), "{v}");
    assert!(v.contains("  vpp answers:"), "{v}");
    assert!(!h.run_cli("show lcp").unwrap().contains("vpp answers"), "plain show lcp is C's");

    assert!(h.run_cli("lcp protocol-owner ping linux phy pg2").is_err(), "pg2 is not paired");
    assert!(h.run_cli("lcp protocol-owner dhcp linux").is_err());
    assert!(h.run_cli("lcp protocol-owner arp default").is_err(), "default needs a phy");

    h.run_cli("test lcp del phy pg0").expect("del");
    let calls = h.take_cp_calls();
    assert!(calls.contains(&format!("feature off ip6-local linux-cp-local-ip6 {pg0}")), "{calls:?}");
}
