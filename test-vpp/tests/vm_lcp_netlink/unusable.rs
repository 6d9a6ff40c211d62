//! Routes whose next hops are all unusable in VPP punt to Linux (or not).

use super::*;

#[test]
fn unusable_routes_punt_or_ignore() {
    let test = "unusable_routes_punt_or_ignore";
    let Some(s) = setup(test) else { return };
    let netns = Netns::new("nlvm11");
    let ns = netns.name();
    // du0: a Linux interface VPP has no pair for.
    ipn(ns, "link add du0 type dummy");
    ipn(ns, "link set du0 up");
    ipn(ns, "addr add 10.121.0.2/24 dev du0");
    ipn(ns, "-6 addr add 2001:db8:121::2/64 dev du0 nodad");
    ipn(ns, "route add 10.122.0.0/24 via 10.121.0.1 dev du0");
    ipn(ns, "-6 route add 2001:db8:122::/48 via 2001:db8:121::1 dev du0");

    // The default: punted to Linux.
    let vpp = s.start("");
    tap_pair(&vpp, 0, "pu0", ns);
    ipn(ns, "addr add 10.120.0.2/24 dev pu0");
    ipn(ns, "-6 addr add 2001:db8:120::2/64 dev pu0 nodad");
    let punt = |o: &str, pfx: &str| has_entry(o, pfx) && o.contains("punt") && !o.contains("loop0");
    let o =
        eventually(&vpp, "unusable route punts", "show ip fib 10.122.0.0/24", |o| punt(o, "10.122.0.0/24"));
    println!("{test}: an unusable route in VPP:\n{o}");
    eventually(&vpp, "unusable v6 route punts", "show ip6 fib 2001:db8:122::/48", |o| {
        punt(o, "2001:db8:122::/48")
    });
    assert!(nl_counter(&vpp, ns, "routes-unusable") >= 2, "{}", nl_verbose(&vpp));
    // A usable next hop: a forwarding entry; unusable again: a punt again.
    ipn(ns, "route replace 10.122.0.0/24 via 10.120.0.1 dev pu0");
    ipn(ns, "-6 route replace 2001:db8:122::/48 via 2001:db8:120::1 dev pu0");
    eventually(&vpp, "usable now", "show ip fib 10.122.0.0/24", |o| {
        o.contains("10.120.0.1 loop0") && !o.contains("punt")
    });
    eventually(&vpp, "v6 usable now", "show ip6 fib 2001:db8:122::/48", |o| {
        o.contains("2001:db8:120::1 loop0") && !o.contains("punt")
    });
    ipn(ns, "route replace 10.122.0.0/24 via 10.121.0.1 dev du0");
    eventually(&vpp, "unusable again", "show ip fib 10.122.0.0/24", |o| punt(o, "10.122.0.0/24"));
    ipn(ns, "-6 route replace 2001:db8:122::/48 via 2001:db8:121::1 dev du0");
    eventually(&vpp, "v6 unusable again", "show ip6 fib 2001:db8:122::/48", |o| punt(o, "2001:db8:122::/48"));
    drop(vpp);

    // `nl-unusable-routes ignore` (upstream): absent, until usable.
    let vpp = s.start(UPSTREAM_UNUSABLE);
    tap_pair(&vpp, 0, "pu0", ns);
    ipn(ns, "addr add 10.120.0.2/24 dev pu0");
    ipn(ns, "-6 addr add 2001:db8:120::2/64 dev pu0 nodad");
    // A usable route after them: once VPP has it, the others were seen.
    ipn(ns, "route add 10.123.0.0/24 via 10.120.0.1 dev pu0");
    ipn(ns, "-6 route add 2001:db8:123::/48 via 2001:db8:120::1 dev pu0");
    eventually(&vpp, "usable route", "show ip fib 10.123.0.0/24", |o| o.contains("10.120.0.1 loop0"));
    eventually(&vpp, "usable v6 route", "show ip6 fib 2001:db8:123::/48", |o| {
        o.contains("2001:db8:120::1 loop0")
    });
    let o = vpp.must("show ip fib 10.122.0.0/24");
    assert!(!has_entry(&o, "10.122.0.0/24"), "ignored, not punted:\n{o}");
    let o = vpp.must("show ip6 fib 2001:db8:122::/48");
    assert!(!has_entry(&o, "2001:db8:122::/48"), "ignored, not punted:\n{o}");
    assert!(nl_counter(&vpp, ns, "routes-unusable") >= 2, "counted though ignored:\n{}", nl_verbose(&vpp));
    ipn(ns, "route replace 10.122.0.0/24 via 10.120.0.1 dev pu0");
    ipn(ns, "-6 route replace 2001:db8:122::/48 via 2001:db8:120::1 dev pu0");
    eventually(&vpp, "usable now (ignore)", "show ip fib 10.122.0.0/24", |o| {
        o.contains("10.120.0.1 loop0") && !o.contains("punt")
    });
    eventually(&vpp, "v6 usable now (ignore)", "show ip6 fib 2001:db8:122::/48", |o| {
        o.contains("2001:db8:120::1 loop0") && !o.contains("punt")
    });
}
