//! Pair add/delete of the linux-cp plugin in the stand-in: `test lcp add`
//! makes the C plugin's feature, punt-redirect and adjacency calls in C's
//! order, `test lcp del` undoes them, failures roll back, and deleting the
//! phy interface deletes its pair.

use test_vpp::standin::Harness;

fn pairs(h: &mut Harness) -> Vec<String> {
    h.run_cli("show lcp").unwrap().lines().filter(|l| l.starts_with("itf-pair")).map(str::to_string).collect()
}

/// The error text without the `<function>: ` prefix VPP prints.
fn err(h: &mut Harness, line: &str) -> String {
    let e = h.run_cli(line).unwrap_err();
    e.split_once(": ").map(|(_, m)| m.to_string()).unwrap_or(e)
}

#[test]
fn pair_add_del_rollback_and_interface_delete() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    let pg0 = h.add_interface("pg0");
    let pg1 = h.add_interface("pg1");
    let _ = h.take_cp_calls();

    // --- TAP pair (pg0 is Ethernet) ---
    h.run_cli("test lcp add phy pg0 host pg1").expect("add");
    let calls = h.take_cp_calls();
    let want = [
        format!("feature on ip4-unicast linux-cp-xc-ip4 {pg1}"),
        format!("feature on ip4-multicast linux-cp-xc-ip4 {pg1}"),
        format!("feature on ip6-unicast linux-cp-xc-ip6 {pg1}"),
        format!("feature on ip6-multicast linux-cp-xc-ip6 {pg1}"),
        format!("ip4_punt_redirect_add rx={pg0} proto=0 via={pg1} flags=0x4000 weight=1 fib=0xffffffff"),
        format!("ip6_punt_redirect_add rx={pg0} proto=1 via={pg1} flags=0x4000 weight=1 fib=0xffffffff"),
        format!("adj_mcast_add_or_lock proto=0 sw_if_index={pg0} -> 1"),
        format!("adj_mcast_add_or_lock proto=1 sw_if_index={pg0} -> 2"),
        format!("feature on arp linux-cp-arp-phy {pg0}"),
        format!("feature on arp linux-cp-arp-host {pg1}"),
    ];
    assert_eq!(calls, want);
    assert_eq!(pairs(&mut h), vec!["itf-pair: [0] pg0 pg1 tap1 1 type tap".to_string()]);
    {
        let mt = h.vm();
        // SAFETY: the harness's thread acts as VPP's main thread.
        let mt = unsafe { vpp::MainThread::new_unchecked(mt) };
        let t = lcp_plugin::pair::PAIRS.read(mt);
        let p = t.get(0).unwrap();
        assert_eq!((p.phy_adjs, p.rewrite_len), ([1, 2], 14));
    }

    // Adding it again: C's "ERROR rv:-81"; nothing is called.
    assert_eq!(err(&mut h, "test lcp add phy pg0 host pg1"), "ERROR rv:-81");
    assert!(h.take_cp_calls().is_empty());

    // --- del undoes it in C's order ---
    h.run_cli("test lcp del phy pg0").expect("del");
    let calls = h.take_cp_calls();
    let want = [
        format!("feature off ip4-unicast linux-cp-xc-ip4 {pg1}"),
        format!("feature off ip4-multicast linux-cp-xc-ip4 {pg1}"),
        format!("feature off ip6-unicast linux-cp-xc-ip6 {pg1}"),
        format!("feature off ip6-multicast linux-cp-xc-ip6 {pg1}"),
        "adj_unlock 1".to_string(),
        "adj_unlock 2".to_string(),
        format!("ip4_punt_redirect_del rx={pg0}"),
        format!("ip6_punt_redirect_del rx={pg0}"),
        format!("feature off arp linux-cp-arp-phy {pg0}"),
        format!("feature off arp linux-cp-arp-host {pg1}"),
    ];
    assert_eq!(calls, want);
    assert!(pairs(&mut h).is_empty());
    assert!(test_vpp::standin::symbols::adj_locks().is_empty(), "every lock released");
    assert_eq!(err(&mut h, "test lcp del phy pg0"), "ERROR rv:-2");

    // --- bad input: C's messages ---
    assert_eq!(err(&mut h, "test lcp add host pg1"), "ERROR; no phy:");
    assert_eq!(err(&mut h, "test lcp add phy pg0"), "ERROR no-host:");
    assert_eq!(err(&mut h, "test lcp add phy nosuch host pg1"), "unknown input:phy nosuch host pg1");
    let _ = h.take_cp_calls();

    // --- failure: a missing node rolls everything back ---
    h.set_node_missing("linux-cp-arp-host", true);
    let e = err(&mut h, "test lcp add phy pg0 host pg1");
    assert_eq!(e, "ERROR rv:-8");
    let calls = h.take_cp_calls();
    let tail: Vec<&str> = calls.iter().map(String::as_str).skip_while(|c| !c.contains("arp-host")).collect();
    assert_eq!(
        tail,
        vec![
            format!("feature on arp linux-cp-arp-host {pg1}").as_str(),
            format!("feature off arp linux-cp-arp-phy {pg0}").as_str(),
            "adj_unlock 1",
            "adj_unlock 2",
            format!("ip4_punt_redirect_del rx={pg0}").as_str(),
            format!("ip6_punt_redirect_del rx={pg0}").as_str(),
            format!("feature off ip6-unicast linux-cp-xc-ip6 {pg1}").as_str(),
            format!("feature off ip6-multicast linux-cp-xc-ip6 {pg1}").as_str(),
            format!("feature off ip4-unicast linux-cp-xc-ip4 {pg1}").as_str(),
            format!("feature off ip4-multicast linux-cp-xc-ip4 {pg1}").as_str(),
        ]
    );
    assert!(pairs(&mut h).is_empty());
    assert!(test_vpp::standin::symbols::adj_locks().is_empty());
    h.set_node_missing("linux-cp-arp-host", false);

    // A missing host feature node fails at once with the node named.
    h.set_node_missing("linux-cp-xc-ip4", true);
    let b = {
        // SAFETY: the harness's thread acts as VPP's main thread with no
        // workers.
        unsafe { vpp::Barrier::new_unchecked(h.vm()) }
    };
    let e = lcp_plugin::pair::add(b, pg1, pg0, "x", 9, lcp_plugin::pair::HostType::Tap, None).unwrap_err();
    // (The stand-in refuses the feature; whether the node exists depends on
    // whether the plugin's nodes are linked.)
    assert!(
        e.message().starts_with("cannot enable feature `linux-cp-xc-ip4` on arc `ip4-unicast`: ")
            && (e.message().ends_with("graph node `linux-cp-xc-ip4` does not exist")
                || e.message().ends_with("`linux-cp-xc-ip4` is not a feature of arc `ip4-unicast`")),
        "{e}"
    );
    assert_eq!(e.retval(), -8);
    h.set_node_missing("linux-cp-xc-ip4", false);
    let _ = h.take_cp_calls();

    // --- TUN pairs: punt-l3 on the punt arcs while one exists ---
    let tun0 = h.add_interface("tun0");
    let tun1 = h.add_interface("tun1");
    let tap0 = h.add_interface("tap0");
    let _tap1 = h.add_interface("tap1");
    h.run_cli("test lcp add phy tun0 host tap0").unwrap();
    let calls = h.take_cp_calls();
    assert!(calls.contains(&format!("adj_nbr_add_or_lock proto=0 sw_if_index={tun0} -> 3")), "{calls:?}");
    assert!(calls.contains(&format!(
        "ip4_punt_redirect_add rx={tun0} proto=0 via={tap0} flags=0x0 weight=1 fib=0xffffffff"
    )));
    assert!(calls.contains(&format!("feature on ip4-unicast linux-cp-xc-l3-ip4 {tap0}")));
    assert_eq!(
        &calls[calls.len() - 2..],
        ["feature on ip4-punt linux-cp-punt-l3 0", "feature on ip6-punt linux-cp-punt-l3 0"]
    );
    h.run_cli("test lcp add phy tun1 host tap1").unwrap();
    assert!(!h.take_cp_calls().iter().any(|c| c.contains("punt-l3")), "second TUN pair: already on");
    h.run_cli("test lcp del phy tun0").unwrap();
    assert!(!h.take_cp_calls().iter().any(|c| c.contains("punt-l3")), "a TUN pair remains");
    // Deleting the phy interface deletes its pair (and the last TUN turns punt-l3 off).
    h.delete_interface(tun1);
    let calls = h.take_cp_calls();
    assert!(calls.contains(&"feature off ip4-punt linux-cp-punt-l3 0".to_string()), "{calls:?}");
    assert!(pairs(&mut h).is_empty());

    // --- lcp create / delete ---
    // The stand-in has no tap plugin: tap.h's FEATURE_DISABLED.
    assert_eq!(err(&mut h, "lcp create pg0 host-if hpg0"), "linux-cp pair creation failed (-30)");
    assert!(pairs(&mut h).is_empty());
    assert_eq!(err(&mut h, "lcp create host-if hpg0"), "interface name or sw_if_index required");
    assert_eq!(err(&mut h, "lcp create pg0"), "host interface name required");
    h.run_cli("test lcp add phy pg0 host pg1").unwrap();
    h.run_cli("lcp delete pg0").unwrap();
    assert!(pairs(&mut h).is_empty());
    assert_eq!(err(&mut h, "lcp delete pg0"), "linux-cp pair deletion failed (-2)");
    assert_eq!(err(&mut h, "lcp delete"), "interface name or sw_if_index required");
    let _ = tun1;

    // --- replace begin/end (quirk 8 decided): re-adding clears the stale
    // mark, so replace-end deletes only the pairs not confirmed ---
    let pg3 = h.add_interface("pg3");
    let pg4 = h.add_interface("pg4");
    h.run_cli("test lcp add phy pg0 host pg1").unwrap();
    h.run_cli("test lcp add phy pg3 host pg4").unwrap();
    // SAFETY: the harness's thread acts as VPP's main thread, no workers.
    let b = unsafe { vpp::Barrier::new_unchecked(h.vm()) };
    lcp_plugin::pair::replace_begin(b);
    let e =
        lcp_plugin::pair::add(b, pg4, pg3, "again", 99, lcp_plugin::pair::HostType::Tap, None).unwrap_err();
    assert_eq!(e.retval(), -81, "already there");
    lcp_plugin::pair::replace_end(b);
    let left = pairs(&mut h);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains(" pg3 pg4 "), "the confirmed pair stays: {left:?}");
    h.run_cli("test lcp del phy pg3").unwrap();
    assert!(test_vpp::standin::symbols::adj_locks().is_empty(), "every lock released");
}

#[test]
fn init_registers_punt_client_and_unknown_ports() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    h.add_graph_node("linux-cp-punt");
    let _ = h.take_cp_calls();
    let errs = h.run_init_functions();
    assert!(errs.is_empty(), "{errs:?}");
    let calls: Vec<String> = h.take_cp_calls();
    for want in [
        "vlib_punt_client_register linux-cp",
        "vlib_punt_register client=7 reason=10 node=linux-cp-punt",
        "vlib_punt_register client=7 reason=13 node=linux-cp-punt",
        "udp_punt_unknown is_ip4=1 is_add=1",
        "udp_punt_unknown is_ip4=0 is_add=1",
        "tcp_punt_unknown is_ip4=1 is_add=1",
        "tcp_punt_unknown is_ip4=0 is_add=1",
    ] {
        assert!(calls.iter().any(|c| c == want), "missing {want}: {calls:?}");
    }
}

#[test]
fn mpls_state_follows_the_phy() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    assert!(h.run_init_functions().is_empty(), "the MPLS callback registers at init");
    test_vpp::standin::symbols::MPLS_ENABLED.lock().unwrap().clear();
    let pg0 = h.add_interface("pg0");
    let pg1 = h.add_interface("pg1");
    // MPLS already on the phy when the pair is added: the host follows and
    // gets the x-connect.
    h.as_main(|b| vpp::mpls::enable_disable(b, pg0, true)).unwrap();
    let _ = h.take_cp_calls();
    // (pair::add directly: `test lcp add`'s name counter is shared with the
    // other test of this binary.)
    h.as_main(|b| lcp_plugin::pair::add(b, pg1, pg0, "hpg0", 7, lcp_plugin::pair::HostType::Tap, None))
        .expect("add");
    let calls = h.take_cp_calls();
    assert!(calls.contains(&format!("feature on mpls-input linux-cp-xc-mpls {pg1}")), "{calls:?}");
    assert_eq!(test_vpp::standin::symbols::mpls_sw_interface_is_enabled(pg1), 1);
    // Disabling on the phy disables the host and its x-connect.
    h.as_main(|b| vpp::mpls::enable_disable(b, pg0, false)).unwrap();
    let calls = h.take_cp_calls();
    assert!(calls.contains(&format!("feature off mpls-input linux-cp-xc-mpls {pg1}")), "{calls:?}");
    assert_eq!(test_vpp::standin::symbols::mpls_sw_interface_is_enabled(pg1), 0);
    // An unpaired interface changes nothing of ours.
    let pg2 = h.add_interface("pg2");
    h.as_main(|b| vpp::mpls::enable_disable(b, pg2, true)).unwrap();
    assert!(h.take_cp_calls().iter().all(|c| !c.contains("xc-mpls")));
    h.as_main(|b| lcp_plugin::pair::del(b, pg0)).expect("del");
}
