//! `show lcp netlink`'s counters in the stats segment.

use super::*;

/// `vpp_get_stats ... dump /lcp/netlink/`: gauge name (after
/// `/lcp/netlink/`) to value.
fn stats_gauges(s: &Setup, vpp: &VppInstance) -> std::collections::BTreeMap<String, u64> {
    let bin = s.install.vpp.with_file_name("vpp_get_stats");
    let out = Command::new(&bin)
        .args(["socket-name"])
        .arg(vpp.dir.join("stats.sock"))
        .args(["dump", "/lcp/netlink/"])
        .env("LD_LIBRARY_PATH", std::env::join_paths(&s.install.lib_dirs).unwrap())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "vpp_get_stats: {text}{}", String::from_utf8_lossy(&out.stderr));
    text.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let v: f64 = f.next()?.parse().ok()?;
            let name = f.next()?.strip_prefix("/lcp/netlink/")?;
            Some((name.to_string(), v as u64))
        })
        .collect()
}

#[test]
fn counters_in_the_stats_segment() {
    let test = "counters_in_the_stats_segment";
    let Some(s) = setup(test) else { return };
    if !s.install.vpp.with_file_name("vpp_get_stats").is_file() {
        println!("SKIPPED: {test}: no vpp_get_stats beside {}", s.install.vpp.display());
        return;
    }
    let netns = Netns::new("nlvm14");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "cs0", ns);
    ipn(ns, "addr add 10.150.0.2/24 dev cs0");
    for i in 0..20 {
        ipn(ns, &format!("route add 10.151.{i}.0/24 via 10.150.0.1 dev cs0"));
    }
    for i in 0..5 {
        ipn(ns, &format!("route del 10.151.{i}.0/24"));
    }
    ipn(ns, "neigh add 10.150.0.9 lladdr 02:00:00:00:15:09 dev cs0");
    wait_fib_equal(&vpp, "the routes", 30, ns, false, &["cs0"], &[0], |p| p.starts_with("10.151."));
    eventually(&vpp, "the neighbour", "show ip neighbor", |o| o.contains("10.150.0.9 "));
    // The CLI and the stats segment read at a quiet moment (the gauges are
    // published every wake-up of the process, 10 ms when idle): the same
    // CLI output before and after the stats read.
    let mut last = String::new();
    let mut matched = None;
    for _ in 0..50 {
        let a = vpp.must("show lcp netlink");
        std::thread::sleep(Duration::from_millis(100));
        let stats = stats_gauges(&s, &vpp);
        let b = vpp.must("show lcp netlink");
        if a != b {
            last = format!("changed while read:\n{a}\n{b}");
            continue;
        }
        let mut want: Vec<(String, u64)> = totals(&a);
        // The listener's own: `messages N ... malformed N overflows N` of
        // the one namespace.
        let l = a.lines().find(|l| l.trim_start().starts_with("messages ")).expect("the listener line");
        let num = |k: &str| -> u64 {
            let mut it = l.split_whitespace();
            it.find(|w| *w == k).and_then(|_| it.next()?.parse().ok()).unwrap_or_else(|| panic!("{k} in {l}"))
        };
        want.extend([
            ("messages".into(), num("messages")),
            ("malformed".into(), num("malformed")),
            ("overflows".into(), num("overflows")),
        ]);
        let diff: Vec<String> = want
            .iter()
            .filter(|(n, v)| stats.get(n) != Some(v))
            .map(|(n, v)| format!("{n}: show {v}, stats {:?}", stats.get(n)))
            .collect();
        if diff.is_empty() {
            matched = Some((want, stats));
            break;
        }
        last = format!("{diff:?}\n{a}\n{stats:?}");
    }
    let Some((want, stats)) = matched else { panic!("stats never equal to show lcp netlink: {last}") };
    println!("{test}: {} gauges equal to show lcp netlink: {stats:?}", want.len());
    let get = |n: &str| stats.get(n).copied().unwrap_or_else(|| panic!("{n} in {stats:?}"));
    assert!(get("routes-updated") >= 20 && get("routes-deleted") >= 5, "{stats:?}");
    assert!(
        get("neighbours-added") >= 1 && get("addresses-added") >= 1 && get("messages") >= 26,
        "{stats:?}"
    );
    assert!(stats.contains_key("ignored") && stats.contains_key("listener-errors"), "{stats:?}");
    // And they follow: five more routes.
    let before = get("routes-updated");
    for i in 20..25 {
        ipn(ns, &format!("route add 10.151.{i}.0/24 via 10.150.0.1 dev cs0"));
    }
    wait_until(&vpp, "routes-updated in the stats segment", 30, Duration::from_millis(200), || {
        let st = stats_gauges(&s, &vpp);
        (st.get("routes-updated").is_some_and(|v| *v >= before + 5), format!("{st:?}"))
    });
}
