//! The start-up import, a VPP restart that re-imports, and an overflow forced
//! on purpose that still ends with equal FIBs.

use super::*;

/// Test ranges of the import test: addresses in 10.61/16 and
/// 2001:db8:61::/64, routes elsewhere in 10.6x and 2001:db8:6x.
fn import_range(p: &str) -> bool {
    (p.starts_with("10.6") && !p.starts_with("10.61."))
        || (p.starts_with("2001:db8:6") && !p.starts_with("2001:db8:61:"))
}

/// Pair the veth end `v0` (which existed before VPP) with loop1/loop2, and
/// a new TAP `nt0` with loop0: in the order `tap_first` says.
fn import_pairs(vpp: &VppInstance, ns: &str, tap_first: bool) {
    vpp.must("create loopback interface instance 1");
    vpp.must("create loopback interface instance 2");
    vpp.must("set interface state loop1 up");
    let veth = || {
        let out = vpp.must(&format!("test lcp add phy loop1 host loop2 linux-if v0 netns {ns}"));
        assert!(!out.contains("ERROR") && !out.contains("error"), "{out}");
    };
    if tap_first {
        tap_pair(vpp, 0, "nt0", ns);
        // The interface-less routes were imported with the first pair.
        eventually(vpp, "imported blackhole", "show ip fib 10.63.0.0/24", |o| {
            has_entry(o, "10.63.0.0/24") && o.contains("drop")
        });
        veth();
    } else {
        veth();
        tap_pair(vpp, 0, "nt0", ns);
    }
}

/// VPP has exactly what Linux has in `ns`: addresses of v0 on loop1, v0's
/// neighbours, and the routes (v4 and v6, tables 0 and 100).
fn check_import(
    vpp: &VppInstance,
    ns: &str,
    addrs: &[&str],
    gone_addrs: &[&str],
    neighs: &[(&str, &str)],
    gone_neighs: &[&str],
) {
    eventually(vpp, "v0's addresses on loop1", "show interface address loop1", |o| {
        addrs.iter().all(|a| o.contains(a)) && !gone_addrs.iter().any(|a| o.contains(a))
    });
    eventually(vpp, "v0's neighbours", "show ip neighbor", |o| {
        neighs.iter().all(|(ip, mac)| {
            o.lines().any(|l| l.contains(&format!(" {ip} ")) && l.contains(mac) && l.contains("loop1"))
        }) && !gone_neighs.iter().any(|ip| o.contains(&format!(" {ip} ")))
    });
    let paired = ["v0", "nt0"];
    for v6 in [false, true] {
        let n = wait_fib_equal(vpp, "imported routes", 60, ns, v6, &paired, &[0, 100], import_range);
        // At least one IPv6 route (the first phase has one), several IPv4.
        assert!(n >= if v6 { 1 } else { 2 }, "the test's routes are there ({n})");
    }
}

#[test]
fn startup_import_and_restart() {
    let Some(s) = setup("startup_import_and_restart") else { return };
    let netns = Netns::new("nlvm1");
    let ns = netns.name();
    // Linux's state before VPP starts: a veth (v0 paired later, v0p never).
    ipn(ns, "link add v0 type veth peer name v0p");
    ipn(ns, "link set v0 up");
    ipn(ns, "link set v0p up");
    ipn(ns, "addr add 10.61.0.2/24 dev v0");
    ipn(ns, "-6 addr add 2001:db8:61::2/64 dev v0 nodad");
    ipn(ns, "neigh add 10.61.0.100 lladdr 02:00:00:00:61:64 dev v0");
    ipn(ns, "-6 neigh add 2001:db8:61::100 lladdr 02:00:00:00:61:65 dev v0");
    ipn(ns, "route add 10.62.0.0/24 via 10.61.0.1 dev v0");
    ipn(ns, "route add 10.62.1.0/24 nexthop via 10.61.0.1 dev v0 nexthop via 10.61.0.3 dev v0");
    ipn(ns, "-6 route add 2001:db8:62::/48 via 2001:db8:61::1 dev v0");
    ipn(ns, "route add blackhole 10.63.0.0/24");
    ipn(ns, "route add unreachable 10.63.1.0/24");
    ipn(ns, "route add 10.64.0.0/24 via 10.61.0.1 dev v0 table 100");
    // Through the unpaired end: Linux has it, VPP must not (with upstream's
    // `nl-unusable-routes ignore`; the default punt is tested on the host).
    ipn(ns, "route add 10.65.0.0/24 dev v0p");

    let vpp = s.start(UPSTREAM_UNUSABLE);
    import_pairs(&vpp, ns, true);
    check_import(
        &vpp,
        ns,
        &["10.61.0.2/24", "2001:db8:61::2/64"],
        &[],
        &[("10.61.0.100", "02:00:00:00:61:64"), ("2001:db8:61::100", "02:00:00:00:61:65")],
        &[],
    );
    let o = eventually(&vpp, "multipath import", "show ip fib 10.62.1.0/24", |o| {
        o.contains("10.61.0.1 loop1") && o.contains("10.61.0.3 loop1")
    });
    assert!(
        !has_entry(&vpp.must("show ip fib 10.65.0.0/24"), "10.65.0.0/24"),
        "unpaired route not in VPP:\n{o}"
    );
    eventually(&vpp, "table 100", "show ip fib table 100 10.64.0.0/24", |o| {
        o.contains("via 10.61.0.1 loop1")
    });

    // VPP goes; Linux changes; VPP comes back and gets exactly Linux's.
    drop(vpp);
    ipn(ns, "route del 10.62.0.0/24");
    ipn(ns, "route add 10.62.2.0/24 via 10.61.0.1 dev v0");
    ipn(ns, "route replace 10.62.1.0/24 via 10.61.0.3 dev v0");
    ipn(ns, "route del blackhole 10.63.0.0/24");
    ipn(ns, "route add prohibit 10.63.2.0/24");
    ipn(ns, "route add 10.64.1.0/24 via 10.61.0.1 dev v0 table 100");
    ipn(ns, "-6 route add 2001:db8:63::/48 via 2001:db8:61::1 dev v0");
    ipn(ns, "addr add 10.61.5.2/24 dev v0");
    ipn(ns, "neigh del 10.61.0.100 dev v0");
    ipn(ns, "neigh add 10.61.0.101 lladdr 02:00:00:00:61:66 dev v0");
    let vpp = s.start(UPSTREAM_UNUSABLE);
    import_pairs(&vpp, ns, false);
    check_import(
        &vpp,
        ns,
        &["10.61.0.2/24", "10.61.5.2/24", "2001:db8:61::2/64"],
        &[],
        &[("10.61.0.101", "02:00:00:00:61:66"), ("2001:db8:61::100", "02:00:00:00:61:65")],
        &["10.61.0.100"],
    );
    let o = eventually(&vpp, "replaced while VPP was down", "show ip fib 10.62.1.0/24", |o| {
        o.contains("10.61.0.3 loop1")
    });
    assert!(!o.contains("10.61.0.1 loop1"), "only the path Linux has now:\n{o}");
    eventually(&vpp, "prohibit", "show ip fib 10.63.2.0/24", |o| {
        has_entry(o, "10.63.2.0/24") && o.contains("prohibit")
    });
    let (_, resyncs) = nl_overflows_resyncs(&vpp, ns).expect("netns line in show lcp netlink");
    assert!(resyncs >= 1, "the import counts as a resync:\n{}", nl_verbose(&vpp));
}

#[test]
fn forced_overflow_ends_with_equal_fibs() {
    let Some(s) = setup("forced_overflow_ends_with_equal_fibs") else { return };
    let netns = Netns::new("nlvm2");
    let ns = netns.name();
    let vpp = s.start("linux-nl { nl-rx-buffer-size 4096 }\n");
    assert!(
        vpp.must("show lcp netlink").contains("nl-rx-buffer-size 4096"),
        "{}",
        vpp.must("show lcp netlink")
    );
    tap_pair(&vpp, 0, "ov0", ns);
    ipn(ns, "addr add 10.70.0.1/16 dev ov0");
    eventually(&vpp, "address", "show interface address loop0", |o| o.contains("10.70.0.1/16"));

    // Three producers at once, 5000 routes each; the third then deletes
    // 2000 of its own (deletes lost in the overflow would stay stale).
    let dir = std::env::temp_dir().join(format!("vm-lcp-nl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for p in 1..=3u32 {
        let mut b = String::new();
        for i in 0..5000u32 {
            b += &format!("route add 10.10{p}.{}.{}/32 via 10.70.0.2 dev ov0\n", i / 250, i % 250 + 1);
        }
        if p == 3 {
            for i in 0..2000u32 {
                b += &format!("route del 10.10{p}.{}.{}/32\n", i / 250, i % 250 + 1);
            }
        }
        let f = dir.join(format!("p{p}.batch"));
        std::fs::write(&f, b).unwrap();
        files.push(f);
    }
    let start = Instant::now();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            Command::new("ip")
                .args(["-n", ns, "-batch"])
                .arg(f)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("ip -batch")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("ip -batch");
        assert!(out.status.success(), "ip -batch: {}", String::from_utf8_lossy(&out.stderr));
    }
    println!("forced_overflow: Linux added 15000 and deleted 2000 routes in {:?}", start.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
    let keep = |p: &str| p.starts_with("10.101.") || p.starts_with("10.102.") || p.starts_with("10.103.");
    assert_eq!(linux_routes(ns, false, &["ov0"], keep).len(), 13000, "Linux has the routes");
    let n = wait_fib_equal(
        &vpp,
        "VPP's FIB equal to Linux's after the overflow",
        900,
        ns,
        false,
        &["ov0"],
        &[0],
        keep,
    );
    println!(
        "forced_overflow: VPP equal to Linux ({n} routes) {:?} after the producers started",
        start.elapsed()
    );
    let (overflows, resyncs) = nl_overflows_resyncs(&vpp, ns).expect("netns line in show lcp netlink");
    let v = nl_verbose(&vpp);
    println!("{v}");
    assert!(overflows >= 1, "the 4 KiB buffer overflowed:\n{v}");
    assert!(resyncs >= 2, "the start-up import and at least one resync after the overflow:\n{v}");
    // Still in sync for what comes next.
    ipn(ns, "route add 10.104.0.0/24 via 10.70.0.2 dev ov0");
    ipn(ns, "route del 10.101.0.1/32");
    eventually(&vpp, "a route after the resync", "show ip fib 10.104.0.0/24", |o| {
        has_entry(o, "10.104.0.0/24")
    });
    eventually(&vpp, "a delete after the resync", "show ip fib 10.101.0.1/32", |o| {
        !has_entry(o, "10.101.0.1/32")
    });
}
