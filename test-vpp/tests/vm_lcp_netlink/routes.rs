//! Routes: nexthop objects and groups, `NLM_F_REPLACE` and one IPv6 path
//! deleted, a Linux VRF mapped to a VPP table.

use super::*;

#[test]
fn nexthop_objects_and_groups() {
    let Some(s) = setup("nexthop_objects_and_groups") else { return };
    let netns = Netns::new("nlvm3");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "nh0", ns);
    tap_pair(&vpp, 1, "nh1", ns);
    ipn(ns, "addr add 10.81.0.2/24 dev nh0");
    ipn(ns, "addr add 10.82.0.2/24 dev nh1");
    ipn(ns, "-6 addr add 2001:db8:81::2/64 dev nh0 nodad");
    eventually(&vpp, "address", "show interface address loop1", |o| o.contains("10.82.0.2/24"));
    ipn(ns, "nexthop add id 11 via 10.81.0.1 dev nh0");
    ipn(ns, "nexthop add id 12 via 10.82.0.1 dev nh1");
    ipn(ns, "nexthop add id 13 via 2001:db8:81::1 dev nh0");
    ipn(ns, "nexthop add id 20 group 11/12");
    ipn(ns, "nexthop add id 21 group 11,1/12,3");
    ipn(ns, "nexthop add id 30 blackhole");
    ipn(ns, "route add 10.83.0.0/16 nhid 20");
    ipn(ns, "route add 10.84.0.0/16 nhid 11");
    ipn(ns, "route add 10.85.0.0/16 nhid 21");
    ipn(ns, "route add 10.86.0.0/16 nhid 30");
    ipn(ns, "-6 route add 2001:db8:83::/48 nhid 13");
    eventually(&vpp, "group 20", "show ip fib 10.83.0.0/16", |o| {
        o.contains("10.81.0.1 loop0") && o.contains("10.82.0.1 loop1")
    });
    eventually(&vpp, "nexthop 11", "show ip fib 10.84.0.0/16", |o| o.contains("10.81.0.1 loop0"));
    let o = eventually(&vpp, "weighted group 21", "show ip fib 10.85.0.0/16", |o| {
        o.contains("10.81.0.1 loop0") && o.contains("10.82.0.1 loop1")
    });
    assert!(o.contains("weight=3"), "the group's weight 3:\n{o}");
    eventually(&vpp, "blackhole nexthop", "show ip fib 10.86.0.0/16", |o| {
        has_entry(o, "10.86.0.0/16") && o.contains("drop")
    });
    eventually(&vpp, "IPv6 nexthop", "show ip6 fib 2001:db8:83::/48", |o| o.contains("2001:db8:81::1 loop0"));

    // A nexthop replaced: every route using it (directly or in a group)
    // re-resolves.
    ipn(ns, "nexthop replace id 12 via 10.82.0.9 dev nh1");
    for p in ["10.83.0.0/16", "10.85.0.0/16"] {
        eventually(&vpp, "nexthop 12 replaced", &format!("show ip fib {p}"), |o| {
            o.contains("10.82.0.9 loop1") && !o.contains("10.82.0.1 ") && o.contains("10.81.0.1 loop0")
        });
    }
    ipn(ns, "nexthop replace id 11 via 10.81.0.7 dev nh0");
    eventually(&vpp, "nexthop 11 replaced", "show ip fib 10.84.0.0/16", |o| {
        o.contains("10.81.0.7 loop0") && !o.contains("10.81.0.1 ")
    });
    // A group replaced.
    ipn(ns, "nexthop replace id 20 group 12");
    eventually(&vpp, "group 20 replaced", "show ip fib 10.83.0.0/16", |o| {
        o.contains("10.82.0.9 loop1") && !o.contains("loop0")
    });
    // A group deleted: the kernel removes its routes (without a message).
    ipn(ns, "nexthop del id 21");
    eventually(&vpp, "routes of a deleted group", "show ip fib 10.85.0.0/16", |o| {
        !has_entry(o, "10.85.0.0/16")
    });
    assert!(
        has_entry(&vpp.must("show ip fib 10.83.0.0/16"), "10.83.0.0/16"),
        "the other group's route stays"
    );
    let keep = |p: &str| p.starts_with("10.8") && !p.starts_with("10.81.") && !p.starts_with("10.82.");
    wait_fib_equal(&vpp, "nexthop routes", 30, ns, false, &["nh0", "nh1"], &[0], keep);
}

#[test]
fn replace_and_one_v6_path_deleted() {
    let Some(s) = setup("replace_and_one_v6_path_deleted") else { return };
    let netns = Netns::new("nlvm6");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "rp0", ns);
    tap_pair(&vpp, 1, "rp1", ns);
    ipn(ns, "addr add 10.96.0.2/24 dev rp0");
    ipn(ns, "addr add 10.97.0.2/24 dev rp1");
    ipn(ns, "-6 addr add 2001:db8:96::2/64 dev rp0 nodad");
    ipn(ns, "-6 addr add 2001:db8:97::2/64 dev rp1 nodad");
    eventually(&vpp, "addresses", "show interface address loop1", |o| o.contains("2001:db8:97::2/64"));
    // NLM_F_REPLACE: exactly the new route's paths, whatever was there.
    ipn(ns, "route add 10.95.0.0/24 via 10.96.0.1 dev rp0");
    eventually(&vpp, "route", "show ip fib 10.95.0.0/24", |o| o.contains("10.96.0.1 loop0"));
    ipn(ns, "route replace 10.95.0.0/24 via 10.97.0.1 dev rp1");
    eventually(&vpp, "replaced", "show ip fib 10.95.0.0/24", |o| {
        o.contains("10.97.0.1 loop1") && !o.contains("loop0")
    });
    ipn(ns, "route replace 10.95.0.0/24 nexthop via 10.96.0.1 dev rp0 nexthop via 10.97.0.1 dev rp1");
    eventually(&vpp, "replaced by multipath", "show ip fib 10.95.0.0/24", |o| {
        o.contains("10.96.0.1 loop0") && o.contains("10.97.0.1 loop1")
    });
    ipn(ns, "route replace blackhole 10.95.0.0/24");
    eventually(&vpp, "replaced by blackhole", "show ip fib 10.95.0.0/24", |o| {
        has_entry(o, "10.95.0.0/24") && o.contains("drop") && !o.contains("loop")
    });
    // IPv6 multipath; one path deleted leaves exactly the others.
    ipn(
        ns,
        "-6 route add 2001:db8:98::/48 nexthop via 2001:db8:96::1 dev rp0 nexthop via 2001:db8:97::1 dev rp1 nexthop via 2001:db8:96::5 dev rp0",
    );
    eventually(&vpp, "v6 multipath", "show ip6 fib 2001:db8:98::/48", |o| {
        o.contains("2001:db8:96::1 loop0")
            && o.contains("2001:db8:97::1 loop1")
            && o.contains("2001:db8:96::5 loop0")
    });
    ipn(ns, "-6 route del 2001:db8:98::/48 via 2001:db8:96::1 dev rp0");
    eventually(&vpp, "one v6 path deleted", "show ip6 fib 2001:db8:98::/48", |o| {
        !o.contains("2001:db8:96::1 ")
            && o.contains("2001:db8:97::1 loop1")
            && o.contains("2001:db8:96::5 loop0")
    });
    std::thread::sleep(Duration::from_millis(300));
    let o = vpp.must("show ip6 fib 2001:db8:98::/48");
    assert!(
        o.contains("2001:db8:97::1 loop1") && o.contains("2001:db8:96::5 loop0"),
        "the two others stay:\n{o}"
    );
    ipn(ns, "-6 route replace 2001:db8:98::/48 via 2001:db8:97::7 dev rp1");
    eventually(&vpp, "v6 replaced", "show ip6 fib 2001:db8:98::/48", |o| {
        o.contains("2001:db8:97::7 loop1") && !o.contains("2001:db8:96::5") && !o.contains("2001:db8:97::1 ")
    });
    ipn(ns, "-6 route del 2001:db8:98::/48");
    eventually(&vpp, "v6 route gone", "show ip6 fib 2001:db8:98::/48", |o| !has_entry(o, "2001:db8:98::/48"));
    let keep = |p: &str| p.starts_with("10.95.") || p.starts_with("2001:db8:98:");
    for v6 in [false, true] {
        wait_fib_equal(&vpp, "replace test routes", 30, ns, v6, &["rp0", "rp1"], &[0], keep);
    }
}

#[test]
fn linux_vrf_to_vpp_table() {
    let Some(s) = setup("linux_vrf_to_vpp_table") else { return };
    let netns = Netns::new("nlvm7");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "vr0", ns);
    ipn(ns, "link add vrf-red type vrf table 100");
    ipn(ns, "link set vrf-red up");
    ipn(ns, "link set vr0 master vrf-red");
    ipn(ns, "addr add 10.98.0.2/24 dev vr0");
    ipn(ns, "-6 addr add 2001:db8:9a::2/64 dev vr0 nodad");
    ipn(ns, "route add 10.99.0.0/16 via 10.98.0.1 dev vr0 vrf vrf-red");
    ipn(ns, "-6 route add 2001:db8:99::/48 via 2001:db8:9a::1 dev vr0 vrf vrf-red");
    // The VRF's routes go into VPP table 100.
    eventually(&vpp, "VRF route in table 100", "show ip fib table 100 10.99.0.0/16", |o| {
        o.contains("via 10.98.0.1 loop0")
    });
    eventually(&vpp, "VRF v6 route in table 100", "show ip6 fib table 100 2001:db8:99::/48", |o| {
        o.contains("2001:db8:9a::1 loop0")
    });
    assert!(!has_entry(&vpp.must("show ip fib table 0 10.99.0.0/16"), "10.99.0.0/16"), "not in table 0");
    // The VRF's member is bound to that table in VPP: its address's local
    // entry is in table 100, not in table 0.
    eventually(
        &vpp,
        "vr0's table bound to loop0 (its address in table 100)",
        "show ip fib table 100 10.98.0.2/32",
        |o| has_entry(o, "10.98.0.2/32"),
    );
    assert!(!has_entry(&vpp.must("show ip fib table 0 10.98.0.2/32"), "10.98.0.2/32"), "not in table 0");
    let keep = |p: &str| p.starts_with("10.99.") || p.starts_with("2001:db8:99:");
    for v6 in [false, true] {
        wait_fib_equal(&vpp, "VRF routes", 30, ns, v6, &["vr0"], &[0, 100], keep);
    }
}

/// Load a kernel module; `false` when this kernel has none of that name.
fn modprobe(m: &str) -> bool {
    Command::new("modprobe").arg(m).status().is_ok_and(|s| s.success())
}

/// `sysctl -w key=value` in `ns`.
fn sysctl(ns: &str, kv: &str) {
    let out =
        Command::new("ip").args(["netns", "exec", ns, "sysctl", "-w", kv]).output().expect("run sysctl");
    assert!(out.status.success(), "sysctl {kv} in {ns}: {}", String::from_utf8_lossy(&out.stderr));
}

/// MPLS from Linux (reference 7.7): an MPLS route that swaps, one that
/// pops (both EOS and non-EOS entries in VPP's MPLS table, as upstream
/// installs them), and an IPv4 route with an MPLS encap (its labels on the
/// path); all deleted again.
#[test]
fn mpls_routes_and_labels() {
    let test = "mpls_routes_and_labels";
    let Some(s) = setup(test) else { return };
    if !(modprobe("mpls_router") && modprobe("mpls_iptunnel")) {
        println!("SKIPPED: {test}: this kernel has no mpls_router / mpls_iptunnel module");
        return;
    }
    let netns = Netns::new("nlvm9");
    let ns = netns.name();
    let vpp = s.start("");
    vpp.must("mpls table add 0");
    tap_pair(&vpp, 0, "mp0", ns);
    vpp.must("set interface mpls loop0 enable");
    sysctl(ns, "net.mpls.platform_labels=1000");
    sysctl(ns, "net.mpls.conf.mp0.input=1");
    ipn(ns, "addr add 10.91.0.2/24 dev mp0");
    eventually(&vpp, "address", "show interface address loop0", |o| o.contains("10.91.0.2/24"));

    ipn(ns, "-f mpls route add 100 as 200 via inet 10.91.0.1 dev mp0");
    ipn(ns, "-f mpls route add 101 via inet 10.91.0.1 dev mp0");
    ipn(ns, "route add 10.92.0.0/16 encap mpls 300/301 via 10.91.0.1 dev mp0");
    let fib = eventually(&vpp, "MPLS routes", "show mpls fib", |o| {
        ["100:eos", "100:neos", "101:eos", "101:neos"].iter().all(|e| o.contains(e))
    });
    // An entry of `show mpls fib`: its `<label>:eos` line and the indented
    // lines under it.
    let entry = |label: &str| -> String {
        let mut lines = fib.lines().skip_while(|l| !l.starts_with(&format!("{label}:eos")));
        let head = lines.next().unwrap_or_else(|| panic!("{label}:eos in\n{fib}"));
        let body: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).collect();
        format!("{head}\n{}", body.join("\n"))
    };
    let swap = entry("100");
    assert!(swap.contains("10.91.0.1") && swap.contains("[200 "), "100 swaps to 200 via 10.91.0.1:\n{swap}");
    let pop = entry("101");
    assert!(pop.contains("10.91.0.1") && !pop.contains("[200 "), "101 pops via 10.91.0.1:\n{pop}");
    let ip = eventually(&vpp, "labelled route", "show ip fib 10.92.0.0/16", |o| has_entry(o, "10.92.0.0/16"));
    assert!(ip.contains("10.91.0.1 loop0") && ip.contains("[300 ") && ip.contains("[301 "), "{ip}");

    ipn(ns, "-f mpls route del 100");
    ipn(ns, "-f mpls route del 101");
    ipn(ns, "route del 10.92.0.0/16");
    eventually(&vpp, "MPLS routes gone", "show mpls fib", |o| {
        !o.contains("100:eos") && !o.contains("101:eos")
    });
    eventually(&vpp, "labelled route gone", "show ip fib 10.92.0.0/16", |o| !has_entry(o, "10.92.0.0/16"));
}
