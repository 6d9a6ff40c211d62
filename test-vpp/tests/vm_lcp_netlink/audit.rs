//! The audit and the resync on demand and on a timer: VPP's FIB repaired
//! after changes behind our back.

use super::*;

/// `tour_plugin.so` (its `tour fib route ... source lcp-rt` changes VPP's
/// FIB behind our back): `TOUR_PLUGIN_SO`, else beside `LCP_PLUGIN_SO` (the
/// VM must not build), else built now; `None` after a `SKIPPED:` line.
fn tour_plugin(test: &str) -> Option<PathBuf> {
    let found = match (std::env::var_os("TOUR_PLUGIN_SO"), std::env::var_os("LCP_PLUGIN_SO")) {
        (Some(p), _) => Some(PathBuf::from(p)),
        (None, Some(lcp)) => Some(PathBuf::from(lcp).with_file_name("libtour_plugin.so")),
        (None, None) => plugin_artifact("tour_plugin", "tour-plugin").ok(),
    }
    .filter(|p| p.is_file());
    if found.is_none() {
        println!(
            "SKIPPED: {test}: no libtour_plugin.so (cargo build --release -p tour-plugin, or TOUR_PLUGIN_SO)"
        );
    }
    found
}

/// Fail unless VPP's routes equal Linux's now (no waiting).
fn assert_fib_equal_now(
    vpp: &VppInstance,
    what: &str,
    ns: &str,
    paired: &[&str],
    keep: impl Fn(&str) -> bool + Copy,
) {
    for v6 in [false, true] {
        let (missing, stale, n) = fib_diff(vpp, ns, v6, paired, &[0], keep);
        assert!(
            missing.is_empty() && stale.is_empty(),
            "{what} ({}): {} missing in VPP {:?}, {} stale in VPP {:?} (Linux has {n})\n{}",
            if v6 { "IPv6" } else { "IPv4" },
            missing.len(),
            missing.iter().take(10).collect::<Vec<_>>(),
            stale.len(),
            stale.iter().take(10).collect::<Vec<_>>(),
            nl_verbose(vpp)
        );
    }
}

/// The audit tests' Linux side: a pair `dev` (loop0) with 10.110.0.2/24 and
/// 2001:db8:110::2/64, two IPv4 routes and an IPv6 one through it; returns
/// once VPP has them.
fn audit_setup(vpp: &VppInstance, ns: &str, dev: &str) {
    tap_pair(vpp, 0, dev, ns);
    ipn(ns, &format!("addr add 10.110.0.2/24 dev {dev}"));
    ipn(ns, &format!("-6 addr add 2001:db8:110::2/64 dev {dev} nodad"));
    ipn(ns, &format!("route add 10.111.0.0/24 via 10.110.0.1 dev {dev}"));
    ipn(ns, &format!("route add 10.111.1.0/24 via 10.110.0.1 dev {dev}"));
    ipn(ns, &format!("-6 route add 2001:db8:111::/48 via 2001:db8:110::1 dev {dev}"));
    for v6 in [false, true] {
        let n = wait_fib_equal(vpp, "the audit test's routes", 30, ns, v6, &[dev], &[0], audit_range);
        assert!(n >= if v6 { 1 } else { 2 }, "Linux has the routes ({n})");
    }
}

/// The audit tests' prefixes (10.113/16 is VPP's own, made with its CLI).
fn audit_range(p: &str) -> bool {
    p.starts_with("10.111.") || p.starts_with("10.112.") || p.starts_with("2001:db8:111:")
}

#[test]
fn audit_and_resync_on_demand() {
    let test = "audit_and_resync_on_demand";
    let Some(s) = setup(test) else { return };
    let Some(tour) = tour_plugin(test) else { return };
    let netns = Netns::new("nlvm9");
    let ns = netns.name();
    // No periodic audit: every repair below is the CLI's.
    let vpp = s.start_with("linux-nl { nl-audit-interval-s 0 }\n", &[(tour, "tour_plugin.so")]);
    audit_setup(&vpp, ns, "au0");
    let sw = vpp.sw_if_index_of("loop0");
    let out = vpp.must("lcp netlink audit");
    assert!(out.contains("audit: 0 missing or different (installed again), 0 stale (removed)"), "{out}");
    let (m0, s0) = (nl_total(&vpp, "audit-missing"), nl_total(&vpp, "audit-stale"));

    // Behind the plugin's back, with its own FIB source: an entry removed
    // (IPv4 and IPv6), one given a second path, one added that Linux never
    // had; and one of VPP's own (CLI source), which is none of ours.
    for c in [
        "tour fib route del source lcp-rt 0 10.111.0.0/24".to_string(),
        format!("tour fib route add source lcp-rt 0 10.111.1.0/24 via 10.110.0.9 {sw}"),
        "tour fib route add source lcp-rt 0 10.112.0.0/16 drop".to_string(),
        "tour fib route del source lcp-rt 0 2001:db8:111::/48".to_string(),
        "ip route add 10.113.0.0/16 via 10.110.0.1 loop0".to_string(),
    ] {
        vpp.must(&c);
    }
    assert!(!has_entry(&vpp.must("show ip fib 10.111.0.0/24"), "10.111.0.0/24"), "removed behind our back");
    assert!(!has_entry(&vpp.must("show ip6 fib 2001:db8:111::/48"), "2001:db8:111::/48"));
    assert!(vpp.must("show ip fib 10.111.1.0/24").contains("10.110.0.9"), "second path added");
    assert!(has_entry(&vpp.must("show ip fib 10.112.0.0/16"), "10.112.0.0/16"), "stale entry added");
    let out = vpp.must("lcp netlink audit");
    assert!(
        out.contains("audit: 3 missing or different (installed again), 1 stale (removed)"),
        "two removed and one changed, one stale:\n{out}\n{}",
        nl_verbose(&vpp)
    );
    // Repaired when the CLI returns, and counted.
    assert_fib_equal_now(&vpp, "right after lcp netlink audit", ns, &["au0"], audit_range);
    let o = vpp.must("show ip fib 10.111.1.0/24");
    assert!(o.contains("10.110.0.1 loop0") && !o.contains("10.110.0.9"), "Linux's one path again:\n{o}");
    assert!(has_entry(&vpp.must("show ip fib 10.113.0.0/16"), "10.113.0.0/16"), "VPP's own route stays");
    assert_eq!(nl_total(&vpp, "audit-missing"), m0 + 3, "{}", nl_verbose(&vpp));
    assert_eq!(nl_total(&vpp, "audit-stale"), s0 + 1, "{}", nl_verbose(&vpp));
    let out = vpp.must("lcp netlink audit");
    assert!(out.contains("audit: 0 missing or different (installed again), 0 stale (removed)"), "{out}");

    // `lcp netlink resync` returns once VPP equals Linux: 300 routes just
    // added and one deleted in Linux, and one removed behind our back, all
    // in place when it returns.
    let r0 = nl_total(&vpp, "resyncs");
    let mut batch = String::new();
    for i in 0..300u32 {
        batch += &format!("route add 10.112.{}.{}/32 via 10.110.0.1 dev au0\n", i / 200, i % 200 + 1);
    }
    batch += "route del 10.111.1.0/24\n";
    let file = vpp.dir.join("resync.batch");
    std::fs::write(&file, batch).unwrap();
    vpp.must("tour fib route del source lcp-rt 0 10.111.0.0/24");
    let out = Command::new("ip").args(["-n", ns, "-batch"]).arg(&file).output().expect("ip -batch");
    assert!(out.status.success(), "ip -batch: {}", String::from_utf8_lossy(&out.stderr));
    let out = vpp.must("lcp netlink resync");
    assert!(out.contains("resynced 1 namespace(s)"), "{out}");
    assert_fib_equal_now(&vpp, "right after lcp netlink resync", ns, &["au0"], audit_range);
    assert!(linux_routes(ns, false, &["au0"], audit_range).len() >= 301, "Linux has the new routes");
    assert!(nl_total(&vpp, "resyncs") > r0, "counted as a resync:\n{}", nl_verbose(&vpp));
    assert!(has_entry(&vpp.must("show ip fib 10.113.0.0/16"), "10.113.0.0/16"), "VPP's own route stays");
}

#[test]
fn periodic_audit_repairs_vpp_fib() {
    let test = "periodic_audit_repairs_vpp_fib";
    let Some(s) = setup(test) else { return };
    let Some(tour) = tour_plugin(test) else { return };
    let netns = Netns::new("nlvm10");
    let ns = netns.name();
    let vpp = s.start_with("linux-nl { nl-audit-interval-s 2 }\n", &[(tour, "tour_plugin.so")]);
    let show = vpp.must("show lcp netlink");
    assert!(show.contains("nl-audit-interval-s 2"), "{show}");
    audit_setup(&vpp, ns, "pa0");
    let (m0, s0) = (nl_total(&vpp, "audit-missing"), nl_total(&vpp, "audit-stale"));
    assert_eq!((m0, s0), (0, 0), "nothing to repair so far:\n{}", nl_verbose(&vpp));
    for c in [
        "tour fib route del source lcp-rt 0 10.111.0.0/24",
        "tour fib route del source lcp-rt 0 2001:db8:111::/48",
        "tour fib route add source lcp-rt 0 10.112.0.0/16 drop",
        "ip route add 10.113.0.0/16 via 10.110.0.1 loop0",
    ] {
        vpp.must(c);
    }
    // No change in Linux: the timer alone puts VPP right (a few 2 s
    // intervals; the VM is slow), and the counters say what it repaired.
    let start = Instant::now();
    wait_until(&vpp, "the periodic audit's repair", 30, Duration::from_millis(250), || {
        let (missing, stale) = (nl_total(&vpp, "audit-missing"), nl_total(&vpp, "audit-stale"));
        let mut diffs = Vec::new();
        for v6 in [false, true] {
            let (m, s, _) = fib_diff(&vpp, ns, v6, &["pa0"], &[0], audit_range);
            diffs.extend(m.into_iter().map(|r| format!("missing {r:?}")));
            diffs.extend(s.into_iter().map(|r| format!("stale {r:?}")));
        }
        (
            diffs.is_empty() && missing >= 2 && stale >= 1,
            format!("audit-missing {missing} audit-stale {stale}; {diffs:?}"),
        )
    });
    println!("periodic audit: VPP repaired {:?} after the changes", start.elapsed());
    assert_eq!(nl_total(&vpp, "audit-missing"), 2, "exactly the two removed:\n{}", nl_verbose(&vpp));
    assert_eq!(nl_total(&vpp, "audit-stale"), 1, "exactly the one added:\n{}", nl_verbose(&vpp));
    assert!(vpp.must("show ip fib 10.111.0.0/24").contains("10.110.0.1 loop0"));
    assert!(vpp.must("show ip6 fib 2001:db8:111::/48").contains("2001:db8:110::1 loop0"));
    assert!(has_entry(&vpp.must("show ip fib 10.113.0.0/16"), "10.113.0.0/16"), "VPP's own route stays");
}
