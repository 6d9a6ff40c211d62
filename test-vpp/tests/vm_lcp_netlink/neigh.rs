//! Neighbours VPP forwards to stay fresh in Linux.

use super::*;

/// Linux's neighbour entry for `ip` in `ns` (`ip neigh show IP`).
fn linux_neigh(ns: &str, ip: &str) -> String {
    ipn(ns, &format!("neigh show {ip}"))
}

#[test]
fn neighbour_refresh_keeps_next_hops_reachable() {
    let test = "neighbour_refresh_keeps_next_hops_reachable";
    let Some(s) = setup(test) else { return };
    let netns = Netns::new("nlvm13");
    let ns = netns.name();
    let vpp = s.start("linux-nl { nl-neigh-refresh-s 1 }\n");
    tap_pair(&vpp, 0, "nr0", ns);
    ipn(ns, "addr add 10.140.0.2/24 dev nr0");
    ipn(ns, "route add 10.141.0.0/24 via 10.140.0.1 dev nr0");
    eventually(&vpp, "the route", "show ip fib 10.141.0.0/24", |o| o.contains("10.140.0.1 loop0"));
    // The gateway (VPP forwards to it) and another neighbour (no route
    // uses it), both stale in Linux, as entries Linux itself has not used
    // for a while.
    ipn(ns, "neigh replace 10.140.0.1 lladdr 02:00:00:00:14:01 dev nr0 nud stale");
    ipn(ns, "neigh replace 10.140.0.50 lladdr 02:00:00:00:14:50 dev nr0 nud stale");
    eventually(&vpp, "both neighbours in VPP", "show ip neighbor", |o| {
        o.contains("10.140.0.1 ") && o.contains("10.140.0.50 ")
    });
    for round in 1..=2 {
        wait_until(
            &vpp,
            &format!("the gateway reachable again in Linux (round {round})"),
            20,
            Duration::from_millis(100),
            || {
                let n = linux_neigh(ns, "10.140.0.1");
                (n.contains("REACHABLE") && n.contains("02:00:00:00:14:01"), n)
            },
        );
        let other = linux_neigh(ns, "10.140.0.50");
        assert!(other.contains("STALE"), "a neighbour no route uses is left alone: {other}");
        // Stale again: refreshed again (the refresh is periodic).
        ipn(ns, "neigh replace 10.140.0.1 lladdr 02:00:00:00:14:01 dev nr0 nud stale");
    }
    assert!(nl_counter(&vpp, ns, "neighbours-refreshed") >= 2, "{}", nl_verbose(&vpp));
    std::thread::sleep(Duration::from_secs(3));
    let other = linux_neigh(ns, "10.140.0.50");
    assert!(other.contains("STALE"), "still left alone after a few refreshes: {other}");
    // No route uses the gateway any more: not refreshed any more.
    ipn(ns, "route del 10.141.0.0/24");
    eventually(&vpp, "route gone", "show ip fib 10.141.0.0/24", |o| !has_entry(o, "10.141.0.0/24"));
    // The third stale mark may have been refreshed before the route went.
    ipn(ns, "neigh replace 10.140.0.1 lladdr 02:00:00:00:14:01 dev nr0 nud stale");
    std::thread::sleep(Duration::from_secs(3));
    let gw = linux_neigh(ns, "10.140.0.1");
    assert!(gw.contains("STALE"), "an unused gateway is not refreshed: {gw}");
}
