//! VM tier: Linux → VPP (issue 9, "beyond upstream") with real VPP taps in
//! network namespaces, in a real VPP 26.06 running our plugin: the start-up
//! import and a VPP restart that re-imports, an overflow forced with a tiny
//! receive buffer and parallel producers that still ends with equal FIBs,
//! nexthop objects and groups, several namespaces at once, sub-interfaces
//! created in Linux (dot1q, dot1ad, QinQ, QinAD), `NLM_F_REPLACE` and one
//! path of an IPv6 multipath route deleted, Linux VRFs, and messages not
//! sent by the kernel. Every check reads VPP's own state through its CLI
//! (`show ip fib`, `show ip6 fib`, `show ip neighbor`, `show interface
//! address`, `show lcp`, `show lcp netlink verbose`), polling to a deadline.
//!
//! And what is beyond upstream, one test each:
//! - `audit_and_resync_on_demand`: entries removed, changed and added with
//!   our FIB source behind our back (`tour fib route ... source lcp-rt`,
//!   the tour plugin) are repaired by `lcp netlink audit` before it returns
//!   (exact counts; VPP's own CLI routes left alone); `lcp netlink resync`
//!   returns with VPP equal to Linux right after 300 Linux changes.
//! - `periodic_audit_repairs_vpp_fib`: the same repaired with no Linux
//!   change by `nl-audit-interval-s 2` alone, `audit-missing` /
//!   `audit-stale` counting exactly what it repaired.
//! - `unusable_routes_punt_or_ignore`: a route (IPv4 and IPv6) through an
//!   unpaired dummy is a punt entry by default, absent with
//!   `nl-unusable-routes ignore`, and a forwarding entry once replaced by a
//!   next hop on the tap.
//! - `routing_multicast_reaches_linux`: OSPF and OSPFv3 hellos to
//!   224.0.0.5/6 and ff02::5/6 (TTL 1, link-local source) injected on a
//!   pg phy reach its TAP in Linux (a packet socket there), with addresses
//!   and no route.
//! - `neighbour_refresh_keeps_next_hops_reachable`: with
//!   `nl-neigh-refresh-s 1`, Linux's stale entry for a gateway VPP
//!   forwards to turns REACHABLE again (twice), an unused neighbour and a
//!   gateway no route uses any more stay STALE.
//! - `counters_in_the_stats_segment`: `/lcp/netlink/*` from
//!   `vpp_get_stats` equal `show lcp netlink`'s totals and listener
//!   counters, and follow later changes.
//!
//! Like `vm_lcp_host`, each test prints `SKIPPED: <test>: <reason>` and
//! returns without `/dev/vhost-net` (VPP's taps need it; only the VM started
//! by `../shared/vpp/vm-run` has it), without VPP, or when not root; and
//! with `LCP_PLUGIN=c` (the C linux-nl does none of this). Not yet run by
//! `ci/vm-tier.sh`: it joins the tier once it has passed in the VM; until
//! then it runs by hand.
//!
//! Run by hand: `cargo test --release -p test-vpp --test vm_lcp_netlink
//! --no-run`, then (one VM at a time) `flock /work/vm.lock
//! ../shared/vpp/vm-run 'VPP_PREFIX=... VPP_START_TIMEOUT_S=180
//! LCP_PLUGIN_SO=$PWD/target/release/liblcp_plugin.so
//! target/release/deps/vm_lcp_netlink-* --test-threads=1'` (with
//! `cargo build --release -p tour-plugin` first: the audit tests load
//! `libtour_plugin.so` from beside `LCP_PLUGIN_SO`, or `TOUR_PLUGIN_SO`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

/// What a test runs against.
struct Setup {
    install: VppInstall,
    cfg: VppConfig,
}

/// The set-up for `test`, or `None` after a `SKIPPED:` line.
fn setup(test: &str) -> Option<Setup> {
    if !Path::new("/dev/vhost-net").exists() {
        println!(
            "SKIPPED: {test}: no /dev/vhost-net (VPP taps need it; ci/test.sh runs this tier in ../shared/vpp/vm-run)"
        );
        return None;
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        println!("SKIPPED: {test}: not root (taps and network namespaces need root)");
        return None;
    }
    if std::env::var("LCP_PLUGIN").is_ok_and(|v| v == "c") {
        println!("SKIPPED: {test}: LCP_PLUGIN=c (the C linux-nl does not do what this tests: issue 9, beyond upstream)");
        return None;
    }
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: {test}: {why}");
            return None;
        }
    };
    let so = match std::env::var_os("LCP_PLUGIN_SO") {
        Some(p) => PathBuf::from(p),
        None => plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built"),
    };
    // As for stock VPP: Linux -> VPP runs because linux_nl is enabled (the
    // stock file is overridden by ours and not loaded).
    let enable_builtin: Vec<String> =
        ["tap_plugin.so", "linux_nl_plugin.so"].iter().map(|s| s.to_string()).collect();
    println!("{test}: against our lcp_rs_plugin.so");
    Some(Setup {
        install,
        cfg: VppConfig {
            plugins: vec![(so, "lcp_rs_plugin.so".into())],
            enable_builtin,
            extra: String::new(),
        },
    })
}

impl Setup {
    /// Start VPP with `extra` startup.conf sections; Linux → VPP is on.
    fn start(&self, extra: &str) -> VppInstance {
        self.start_with(extra, &[])
    }

    /// [`Setup::start`] with more plugins loaded (file, name VPP sees).
    fn start_with(&self, extra: &str, plugins: &[(PathBuf, &str)]) -> VppInstance {
        let mut cfg = self.cfg.clone();
        cfg.extra = extra.into();
        cfg.plugins.extend(plugins.iter().map(|(f, n)| (f.clone(), n.to_string())));
        // VPP's main loop naps between polls: under the VM's software
        // emulation a busy-polling VPP takes a whole CPU from the tests.
        let vpp =
            VppInstance::start_with_unix(&self.install, &cfg, "poll-sleep-usec 100").expect("VPP starts");
        let plugins = vpp.must("show plugins");
        assert!(plugins.contains("lcp_rs_plugin.so"), "ours loaded:\n{plugins}");
        assert!(!plugins.contains("linux_nl_plugin.so"), "the stock linux_nl is not loaded:\n{plugins}");
        let show = vpp.must("show lcp netlink");
        assert!(show.contains("linux-nl: on"), "{show}");
        vpp
    }
}

/// Routes whose next hops are all unpaired are left out of VPP, as upstream
/// does (the default punts them to Linux: `real_vpp_lcp_netlink`), so the
/// import checks can compare VPP with Linux's paired routes.
const UPSTREAM_UNUSABLE: &str = "linux-nl { nl-unusable-routes ignore }\n";

/// Run `ip -n ns args` (split on whitespace), asserting success.
fn ipn(ns: &str, args: &str) -> String {
    let (ok, out) = ipn_try(ns, args);
    assert!(ok, "ip -n {ns} {args}: {out}");
    out
}

/// `ip -n ns args`: (success, stdout + stderr).
fn ipn_try(ns: &str, args: &str) -> (bool, String) {
    let mut v = vec!["-n", ns];
    v.extend(args.split_whitespace());
    let out = Command::new("ip").args(&v).output().expect("run ip");
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

/// A network namespace, deleted when dropped.
struct Netns(String);

impl Netns {
    fn new(name: &str) -> Netns {
        let _ = Command::new("ip").args(["netns", "del", name]).output();
        let out = Command::new("ip").args(["netns", "add", name]).output().expect("run ip");
        assert!(out.status.success(), "ip netns add {name}: {}", String::from_utf8_lossy(&out.stderr));
        ipn(name, "link set lo up");
        Netns(name.into())
    }

    fn name(&self) -> &str {
        &self.0
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.0]).output();
    }
}

/// `show lcp netlink verbose`, for failure messages.
fn nl_verbose(vpp: &VppInstance) -> String {
    vpp.cli("show lcp netlink verbose").unwrap_or_else(|e| e)
}

/// Poll `f` until it holds, up to `secs`; fail with its last state and
/// `show lcp netlink verbose`.
fn wait_until(
    vpp: &VppInstance,
    what: &str,
    secs: u64,
    every: Duration,
    mut f: impl FnMut() -> (bool, String),
) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let (ok, state) = f();
        if ok {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "{what}: not seen in {secs} s; last state:\n{state}\n--- show lcp netlink verbose:\n{}",
                nl_verbose(vpp)
            );
        }
        std::thread::sleep(every);
    }
}

/// Poll the CLI command `cmd` until its output satisfies `ok` (30 s: the
/// VM is slow); returns that output.
fn eventually(vpp: &VppInstance, what: &str, cmd: &str, ok: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    wait_until(vpp, what, 30, Duration::from_millis(100), || {
        last = vpp.must(cmd);
        (ok(&last), format!("`{cmd}`:\n{last}"))
    });
    last
}

/// Whether `show ip[6] fib <pfx>` has the exact entry `pfx` (VPP shows the
/// covering entry when there is none).
fn has_entry(out: &str, pfx: &str) -> bool {
    out.lines().any(|l| l.split_whitespace().next() == Some(pfx) && !l.starts_with(' '))
}

/// A loopback `loopN`, admin up, paired with a TAP `host` in `ns`; waits
/// for the Linux link to be up.
fn tap_pair(vpp: &VppInstance, n: u32, host: &str, ns: &str) {
    vpp.must(&format!("create loopback interface instance {n}"));
    vpp.must(&format!("set interface state loop{n} up"));
    phy_pair(vpp, &format!("loop{n}"), host, ns);
}

/// Pair VPP's (admin up) `phy` with a TAP `host` in `ns`; waits for the
/// Linux link to be up.
fn phy_pair(vpp: &VppInstance, phy: &str, host: &str, ns: &str) {
    let out = vpp.must(&format!("lcp create {phy} host-if {host} netns {ns}"));
    assert!(out.trim().is_empty(), "lcp create {phy}: {out}\n{}", vpp.logs());
    wait_until(vpp, &format!("{host} up in {ns}"), 30, Duration::from_millis(100), || {
        let (ok, out) = ipn_try(ns, &format!("-o link show dev {host}"));
        (ok && out.contains(",UP"), out)
    });
}

/// `show lcp`'s pair lines, split into fields: `itf-pair: [i] phy host
/// name vif ...`.
fn pairs(vpp: &VppInstance) -> Vec<Vec<String>> {
    vpp.must("show lcp")
        .lines()
        .filter(|l| l.contains("itf-pair:"))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// Names of VPP's interfaces (`show interface`'s first column).
fn vpp_itfs(vpp: &VppInstance) -> Vec<String> {
    vpp.must("show interface")
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The prefixes of VPP table `table` (`show ip[6] fib table N`) that `keep`
/// accepts.
fn vpp_prefixes(vpp: &VppInstance, v6: bool, table: u32, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let out = vpp.must(&format!("show {} fib table {table}", if v6 { "ip6" } else { "ip" }));
    out.lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("ipv"))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|p| p.contains('/') && keep(p))
        .map(str::to_string)
        .collect()
}

/// The routes Linux has in `ns` (`ip -j [-6] route show table all`) that VPP
/// should have: not the kernel's own (connected, local table), not through
/// an interface outside `paired` (unusable in VPP); as (VPP table, prefix)
/// for the prefixes `keep` accepts.
fn linux_routes(ns: &str, v6: bool, paired: &[&str], keep: impl Fn(&str) -> bool) -> BTreeSet<(u32, String)> {
    let out = ipn(ns, &format!("-j {} route show table all", if v6 { "-6" } else { "-4" }));
    let routes: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("ip -j route: {e}: {out}"));
    let mut set = BTreeSet::new();
    for r in routes.as_array().expect("an array") {
        let s = |k: &str| r.get(k).and_then(|v| v.as_str());
        if s("protocol") == Some("kernel") || s("table") == Some("local") {
            continue;
        }
        let kind = s("type").unwrap_or("unicast");
        if !["unicast", "blackhole", "unreachable", "prohibit"].contains(&kind) {
            continue;
        }
        let mut devs: Vec<&str> = s("dev").into_iter().collect();
        if let Some(nhs) = r.get("nexthops").and_then(|v| v.as_array()) {
            devs.extend(nhs.iter().filter_map(|n| n.get("dev").and_then(|d| d.as_str())));
        }
        if kind == "unicast" && !devs.iter().any(|d| paired.contains(d)) {
            continue;
        }
        let dst = s("dst").expect("dst");
        let dst = match (dst, v6) {
            ("default", false) => "0.0.0.0/0".to_string(),
            ("default", true) => "::/0".to_string(),
            (d, _) if d.contains('/') => d.to_string(),
            (d, false) => format!("{d}/32"),
            (d, true) => format!("{d}/128"),
        };
        if !keep(&dst) {
            continue;
        }
        let table = match s("table") {
            None | Some("main") => 0,
            Some(t) => t.parse().unwrap_or_else(|_| panic!("table {t}")),
        };
        set.insert((table, dst));
    }
    set
}

/// What VPP has for the same tables and prefixes as [`linux_routes`].
fn vpp_routes(
    vpp: &VppInstance,
    v6: bool,
    tables: &[u32],
    keep: impl Fn(&str) -> bool,
) -> BTreeSet<(u32, String)> {
    tables.iter().flat_map(|t| vpp_prefixes(vpp, v6, *t, &keep).into_iter().map(move |p| (*t, p))).collect()
}

/// A route: (VPP table, prefix).
type Route = (u32, String);

/// A sub-interface: (sub id, tags, outer, inner, sub_if_flags).
type SubTags = (u32, u32, u32, u32, u32);

/// Linux's routes against VPP's: `(missing in VPP, stale in VPP, Linux's count)`.
fn fib_diff(
    vpp: &VppInstance,
    ns: &str,
    v6: bool,
    paired: &[&str],
    tables: &[u32],
    keep: impl Fn(&str) -> bool + Copy,
) -> (Vec<Route>, Vec<Route>, usize) {
    let l = linux_routes(ns, v6, paired, keep);
    let v = vpp_routes(vpp, v6, tables, keep);
    (l.difference(&v).cloned().collect(), v.difference(&l).cloned().collect(), l.len())
}

/// Wait until VPP's routes equal Linux's (0 missing, 0 stale).
#[allow(clippy::too_many_arguments)]
fn wait_fib_equal(
    vpp: &VppInstance,
    what: &str,
    secs: u64,
    ns: &str,
    v6: bool,
    paired: &[&str],
    tables: &[u32],
    keep: impl Fn(&str) -> bool + Copy,
) -> usize {
    let mut n = 0;
    // Big tables are costly to list under emulation: poll them less often,
    // so the polling does not starve VPP of the VM's CPUs.
    let every = if secs > 60 { Duration::from_secs(5) } else { Duration::from_millis(500) };
    wait_until(vpp, what, secs, every, || {
        let (missing, stale, count) = fib_diff(vpp, ns, v6, paired, tables, keep);
        n = count;
        let show =
            |v: &[(u32, String)]| v.iter().take(10).map(|(t, p)| format!("{t}:{p}")).collect::<Vec<_>>();
        (
            missing.is_empty() && stale.is_empty(),
            format!(
                "{} missing in VPP {:?}..., {} stale in VPP {:?}...",
                missing.len(),
                show(&missing),
                stale.len(),
                show(&stale)
            ),
        )
    });
    n
}

/// The `messages .. overflows N resyncs M` counters of `ns` in `show lcp
/// netlink`: (overflows, resyncs).
fn nl_overflows_resyncs(vpp: &VppInstance, ns: &str) -> Option<(u64, u64)> {
    let out = vpp.must("show lcp netlink");
    let mut lines = out.lines().skip_while(|l| !l.starts_with(&format!("netns {ns}:")));
    lines.next()?;
    let l = lines.next()?;
    let num = |k: &str| -> Option<u64> {
        let mut it = l.split_whitespace();
        it.find(|w| *w == k)?;
        it.next()?.parse().ok()
    };
    Some((num("overflows")?, num("resyncs")?))
}

/// The value of counter `name` (`    name: N`) in `ns`'s block of `show lcp
/// netlink verbose`.
fn nl_counter(vpp: &VppInstance, ns: &str, name: &str) -> u64 {
    let out = vpp.must("show lcp netlink verbose");
    out.lines()
        .skip_while(|l| !l.starts_with(&format!("netns {ns}:")))
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------

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
fn several_namespaces_at_once() {
    let Some(s) = setup("several_namespaces_at_once") else { return };
    let a = Netns::new("nlvm4a");
    let b = Netns::new("nlvm4b");
    let (na, nb) = (a.name(), b.name());
    let vpp = s.start("");
    tap_pair(&vpp, 0, "ma0", na);
    tap_pair(&vpp, 1, "mb0", nb);
    ipn(na, "addr add 10.91.0.2/24 dev ma0");
    ipn(nb, "addr add 10.92.0.2/24 dev mb0");
    ipn(na, "route add 10.93.0.0/24 via 10.91.0.1 dev ma0");
    ipn(nb, "route add 10.94.0.0/24 via 10.92.0.1 dev mb0");
    ipn(nb, "neigh add 10.92.0.50 lladdr 02:00:00:00:92:50 dev mb0");
    eventually(&vpp, "address in A", "show interface address loop0", |o| o.contains("10.91.0.2/24"));
    eventually(&vpp, "address in B", "show interface address loop1", |o| o.contains("10.92.0.2/24"));
    eventually(&vpp, "route in A", "show ip fib 10.93.0.0/24", |o| o.contains("10.91.0.1 loop0"));
    eventually(&vpp, "route in B", "show ip fib 10.94.0.0/24", |o| o.contains("10.92.0.1 loop1"));
    eventually(&vpp, "neighbour in B", "show ip neighbor", |o| {
        o.contains("10.92.0.50") && o.contains("02:00:00:00:92:50")
    });
    let show = vpp.must("show lcp netlink");
    assert!(show.contains(&format!("netns {na}:")) && show.contains(&format!("netns {nb}:")), "{show}");
    // A change in one namespace leaves the other's alone.
    ipn(na, "route del 10.93.0.0/24");
    eventually(&vpp, "route deleted in A", "show ip fib 10.93.0.0/24", |o| !has_entry(o, "10.93.0.0/24"));
    assert!(has_entry(&vpp.must("show ip fib 10.94.0.0/24"), "10.94.0.0/24"), "B's route stays");
    // A's last pair goes: its listener and routes go, B goes on.
    ipn(na, "route add 10.93.1.0/24 via 10.91.0.1 dev ma0");
    eventually(&vpp, "route in A", "show ip fib 10.93.1.0/24", |o| o.contains("10.91.0.1 loop0"));
    vpp.must("lcp delete loop0");
    eventually(&vpp, "A no longer synced", "show lcp netlink", |o| !o.contains(&format!("netns {na}:")));
    eventually(&vpp, "A's routes gone", "show ip fib 10.93.1.0/24", |o| !has_entry(o, "10.93.1.0/24"));
    ipn(nb, "route add 10.94.1.0/24 via 10.92.0.1 dev mb0");
    eventually(&vpp, "B still synced", "show ip fib 10.94.1.0/24", |o| o.contains("10.92.0.1 loop1"));
}

/// `sw_interface_dump` through vpp_papi: `name -> (sub_id, tags, outer,
/// inner, flags)` of VPP's sub-interfaces; `None` without `VPP_PAPI_PYTHON`.
fn sub_tags(vpp: &VppInstance) -> Option<std::collections::BTreeMap<String, SubTags>> {
    let py = std::env::var_os("VPP_PAPI_PYTHON").map(PathBuf::from).filter(|p| p.exists())?;
    let script = format!(
        r#"
from vpp_papi import VPPApiClient
v = VPPApiClient(bootstrapapi=True, server_address="{sock}", use_socket=True)
v.connect("vm-lcp-nl")
for d in v.api.sw_interface_dump():
    if d.sub_id:
        print("SUB", d.interface_name, d.sub_id, d.sub_number_of_tags, d.sub_outer_vlan_id, d.sub_inner_vlan_id, int(d.sub_if_flags))
v.disconnect()
"#,
        sock = vpp.api_socket().display()
    );
    let out = Command::new(&py).arg("-c").arg(&script).output().expect("run python");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "papi: {text}{}", String::from_utf8_lossy(&out.stderr));
    Some(
        text.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.len() == 7 && f[0] == "SUB").then(|| {
                    let n = |i: usize| f[i].parse::<u32>().unwrap();
                    (f[1].to_string(), (n(2), n(3), n(4), n(5), n(6)))
                })
            })
            .collect(),
    )
}

#[test]
fn linux_created_sub_interfaces() {
    let Some(s) = setup("linux_created_sub_interfaces") else { return };
    let netns = Netns::new("nlvm5");
    let ns = netns.name();
    let vpp = s.start("");
    vpp.must("lcp lcp-auto-subint on");
    tap_pair(&vpp, 0, "st0", ns);
    let tap = pairs(&vpp)[0][3].clone();
    let base = vpp_itfs(&vpp);
    // (Linux link, its parent, `ip link add` type args, VPP sub id, tags,
    // outer, inner, dot1ad)
    let subs = [
        ("st0.100", "st0", "vlan id 100", 100u32, 1u32, 100u32, 0u32, false),
        ("st0.101", "st0", "vlan proto 802.1ad id 101", 101, 1, 101, 0, true),
        ("st0.100.200", "st0.100", "vlan id 200", 100 * 4096 + 200, 2, 100, 200, false),
        ("st0.101.300", "st0.101", "vlan id 300", 101 * 4096 + 300, 2, 101, 300, true),
    ];
    for (name, parent, spec, id, ..) in &subs {
        ipn(ns, &format!("link add link {parent} name {name} type {spec}"));
        let (phy, host) = (format!("loop0.{id}"), format!("{tap}.{id}"));
        wait_until(&vpp, &format!("pair of {name}"), 30, Duration::from_millis(100), || {
            let p = pairs(&vpp);
            let ok =
                p.iter().any(|f| f.get(4).map(String::as_str) == Some(*name) && f[2] == phy && f[3] == host);
            (ok, format!("{p:?}"))
        });
        let ifindex = ipn(ns, &format!("-o link show dev {name}"));
        let ifindex = ifindex.split(':').next().unwrap().trim().to_string();
        let p = pairs(&vpp);
        let line = p.iter().find(|f| f.get(4).map(String::as_str) == Some(*name)).unwrap();
        assert_eq!(line.get(5), Some(&ifindex), "the pair's vif is {name}'s ifindex: {line:?}");
        assert!(line.join(" ").contains(&format!("netns {ns}")), "the pair is in {ns}: {line:?}");
    }
    match sub_tags(&vpp) {
        Some(tags) => {
            for (name, _, _, id, ntags, outer, inner, ad) in &subs {
                for itf in [format!("loop0.{id}"), format!("{tap}.{id}")] {
                    let t = tags.get(&itf).unwrap_or_else(|| panic!("{itf} ({name}) in VPP: {tags:?}"));
                    assert_eq!((t.0, t.1, t.2, t.3), (*id, *ntags, *outer, *inner), "{itf}'s tags ({name})");
                    // SUB_IF_API_FLAG_DOT1AD 8, EXACT_MATCH 16.
                    assert_eq!(t.4 & 8 != 0, *ad, "{itf} dot1ad: flags {}", t.4);
                    assert!(t.4 & 16 != 0, "{itf} exact-match: flags {}", t.4);
                }
            }
        }
        None => println!(
            "SKIPPED PART: linux_created_sub_interfaces: VLAN tags through vpp_papi (set VPP_PAPI_PYTHON)"
        ),
    }
    // Deleting the Linux link removes the pair and both sub-interfaces
    // (children first).
    for (name, _, _, id, ..) in subs.iter().rev() {
        ipn(ns, &format!("link del {name}"));
        let (phy, host) = (format!("loop0.{id}"), format!("{tap}.{id}"));
        wait_until(
            &vpp,
            &format!("{name}'s pair and sub-interfaces gone"),
            30,
            Duration::from_millis(100),
            || {
                let p = pairs(&vpp);
                let itfs = vpp_itfs(&vpp);
                let ok = !p.iter().any(|f| f.get(4).map(String::as_str) == Some(*name))
                    && !itfs.contains(&phy)
                    && !itfs.contains(&host);
                (ok, format!("{p:?}\n{itfs:?}"))
            },
        );
    }
    assert_eq!(vpp_itfs(&vpp), base, "only the sub-interfaces went");
    // A parent deleted with its child on it: both pairs go.
    ipn(ns, "link add link st0 name st0.100 type vlan id 100");
    ipn(ns, "link add link st0.100 name st0.100.200 type vlan id 200");
    wait_until(&vpp, "QinQ pair again", 30, Duration::from_millis(100), || {
        let p = pairs(&vpp);
        (p.len() == 3, format!("{p:?}"))
    });
    ipn(ns, "link del st0.100");
    wait_until(&vpp, "parent and child pairs gone", 30, Duration::from_millis(100), || {
        let itfs = vpp_itfs(&vpp);
        (pairs(&vpp).len() == 1 && itfs == base, format!("{:?}\n{itfs:?}", pairs(&vpp)))
    });
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

#[test]
fn messages_not_from_the_kernel() {
    let Some(s) = setup("messages_not_from_the_kernel") else { return };
    let netns = Netns::new("nlvm8");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "nk0", ns);
    let before = nl_counter(&vpp, ns, "ignored/not-from-kernel");
    // An RTM_NEWROUTE (blackhole 10.77.0.0/24) sent by a process to the
    // IPv4 route group: every listener gets it, the kernel does not act on
    // it (no NLM_F_REQUEST).
    let script = r#"
import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.bind((0, 0))
body = struct.pack("=BBBBBBBBI", 2, 24, 0, 0, 254, 4, 0, 6, 0)
attrs = struct.pack("=HH4s", 8, 1, socket.inet_aton("10.77.0.0")) + struct.pack("=HHI", 8, 15, 254)
msg = struct.pack("=IHHII", 16 + len(body) + len(attrs), 24, 0x400 | 0x200, 1, 0) + body + attrs
s.sendto(msg, (0, 1 << (7 - 1)))
print("sent")
"#;
    let py = ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(PathBuf::from)
        .chain(std::env::var_os("VPP_PAPI_PYTHON").map(PathBuf::from))
        .find(|p| Command::new(p).arg("-c").arg("1").output().is_ok_and(|o| o.status.success()));
    let Some(py) = py else {
        println!("SKIPPED: messages_not_from_the_kernel: no python3 to send the message");
        return;
    };
    let out = Command::new("ip").args(["netns", "exec", ns]).arg(&py).arg("-c").arg(script).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("sent"), "{text}");
    // A real route after it: once VPP has it, the forged one was read.
    ipn(ns, "route add blackhole 10.78.0.0/24");
    eventually(&vpp, "the real route", "show ip fib 10.78.0.0/24", |o| has_entry(o, "10.78.0.0/24"));
    let (ok, linux) = ipn_try(ns, "route show 10.77.0.0/24");
    assert!(ok && !linux.contains("10.77.0.0"), "the kernel did not add it: {linux}");
    assert!(!has_entry(&vpp.must("show ip fib 10.77.0.0/24"), "10.77.0.0/24"), "VPP ignored it");
    let after = nl_counter(&vpp, ns, "ignored/not-from-kernel");
    assert!(after > before, "counted as not from the kernel ({before} -> {after}):\n{}", nl_verbose(&vpp));
}

// ---------------------------------------------------------------------------
// The audit, unusable routes, link-local multicast to Linux, the neighbour
// refresh and the stats segment.

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

/// The value of `name` in the `total:` line of `show lcp netlink` (the
/// plugin-wide sums).
fn nl_total(vpp: &VppInstance, name: &str) -> u64 {
    totals(&vpp.must("show lcp netlink"))
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {name} in the total line:\n{}", nl_verbose(vpp)))
}

/// `(name, value)` of the `total: a 1, b 2, ...` line of `show lcp netlink`.
fn totals(show: &str) -> Vec<(String, u64)> {
    let line = show.lines().find_map(|l| l.strip_prefix("total: ")).unwrap_or_else(|| panic!("{show}"));
    line.split(", ")
        .map(|kv| {
            let (k, v) = kv.rsplit_once(' ').unwrap_or_else(|| panic!("{kv} in {line}"));
            (k.to_string(), v.parse().unwrap_or_else(|_| panic!("{kv} in {line}")))
        })
        .collect()
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

/// A raw `AF_PACKET` socket on a Linux interface in a namespace: every
/// frame the interface receives, as tcpdump sees them.
struct PacketSocket(std::os::fd::OwnedFd);

impl PacketSocket {
    fn open(ns: &str, dev: &str) -> PacketSocket {
        use std::os::fd::{FromRawFd, IntoRawFd, OwnedFd};
        let (ns, name) = (ns.to_string(), dev.to_string());
        // On a thread of its own: setns changes the calling thread only,
        // and the socket stays in the namespace it was made in when the
        // thread ends.
        let fd = std::thread::spawn(move || -> Result<i32, String> {
            let f = ["/run/netns", "/var/run/netns"]
                .iter()
                .find_map(|d| std::fs::File::open(Path::new(d).join(&ns)).ok())
                .ok_or_else(|| format!("no /run/netns/{ns}"))?;
            let err = |what: &str| format!("{what}: {}", std::io::Error::last_os_error());
            // SAFETY: `f` is an open namespace file; only this thread moves.
            if unsafe { libc::setns(std::os::fd::AsRawFd::as_raw_fd(&f), libc::CLONE_NEWNET) } != 0 {
                return Err(err("setns"));
            }
            let name = std::ffi::CString::new(name).unwrap();
            // SAFETY: `name` is a NUL-terminated string that outlives the call.
            let ifindex = unsafe { libc::if_nametoindex(name.as_ptr()) };
            if ifindex == 0 {
                return Err(err("if_nametoindex"));
            }
            let proto = (libc::ETH_P_ALL as u16).to_be();
            // SAFETY: socket(2) with constant arguments.
            let fd = unsafe { libc::socket(libc::AF_PACKET, libc::SOCK_RAW, i32::from(proto)) };
            if fd < 0 {
                return Err(err("socket(AF_PACKET)"));
            }
            // SAFETY: `fd` was just made and is owned by nobody else.
            let owned = unsafe { OwnedFd::from_raw_fd(fd) };
            // SAFETY: sockaddr_ll is plain data; all zeroes is a valid value.
            let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
            sll.sll_family = libc::AF_PACKET as u16;
            sll.sll_protocol = proto;
            sll.sll_ifindex = ifindex as i32;
            // SAFETY: `sll` is a valid sockaddr_ll and the length is its size.
            let rv = unsafe {
                libc::bind(
                    fd,
                    std::ptr::addr_of!(sll).cast::<libc::sockaddr>(),
                    std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
                )
            };
            if rv != 0 {
                return Err(err("bind"));
            }
            let tv = libc::timeval { tv_sec: 0, tv_usec: 200_000 };
            // SAFETY: `tv` is a valid timeval and the length is its size.
            let rv = unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    libc::SO_RCVTIMEO,
                    std::ptr::addr_of!(tv).cast::<libc::c_void>(),
                    std::mem::size_of::<libc::timeval>() as libc::socklen_t,
                )
            };
            if rv != 0 {
                return Err(err("SO_RCVTIMEO"));
            }
            Ok(owned.into_raw_fd())
        })
        .join()
        .expect("the socket thread")
        .unwrap_or_else(|e| panic!("a packet socket on {dev}: {e}"));
        // SAFETY: the thread handed over ownership of this open socket.
        PacketSocket(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    /// The next frame received (not sent) on the interface, or `None`
    /// after 200 ms without one.
    fn recv(&self) -> Option<Vec<u8>> {
        use std::os::fd::AsRawFd;
        let mut buf = vec![0u8; 9216];
        loop {
            // SAFETY: all zeroes is a valid sockaddr_ll.
            let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
            let mut len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
            // SAFETY: `buf` and `sll` are valid for the lengths given.
            let n = unsafe {
                libc::recvfrom(
                    self.0.as_raw_fd(),
                    buf.as_mut_ptr().cast::<libc::c_void>(),
                    buf.len(),
                    0,
                    std::ptr::addr_of_mut!(sll).cast::<libc::sockaddr>(),
                    &mut len,
                )
            };
            if n < 0 {
                return None;
            }
            if sll.sll_pkttype == libc::PACKET_OUTGOING {
                continue;
            }
            return Some(buf[..n as usize].to_vec());
        }
    }
}

/// A pcap file (Ethernet) holding `frames`.
fn pcap(frames: &[Vec<u8>]) -> Vec<u8> {
    let mut f = Vec::new();
    for v in [0xa1b2_c3d4u32.to_le_bytes().as_slice(), &2u16.to_le_bytes(), &4u16.to_le_bytes()] {
        f.extend_from_slice(v);
    }
    for v in [0u32, 0, 65535, 1] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    for (i, p) in frames.iter().enumerate() {
        for v in [1u32, i as u32, p.len() as u32, p.len() as u32] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        f.extend_from_slice(p);
    }
    f
}

/// An OSPF hello in IPv4 (protocol 89, TTL 1, DSCP CS6) from `src` to the
/// group `dst`, in an Ethernet frame to the group's MAC.
fn ospf4_hello(src: [u8; 4], dst: [u8; 4], router_id: u8) -> Vec<u8> {
    // OSPFv2 hello: version 2, type 1, length 44, router id, area 0, ...
    let mut ospf = vec![2u8, 1, 0, 44, 10, 130, 0, router_id, 0, 0, 0, 0];
    ospf.resize(44, 0);
    ospf[24..28].copy_from_slice(&[255, 255, 255, 0]);
    ospf[28..30].copy_from_slice(&10u16.to_be_bytes());
    ospf[31] = 1;
    ospf[32..36].copy_from_slice(&40u32.to_be_bytes());
    let mut ip = vec![0u8; 20];
    ip[0] = 0x45;
    ip[1] = 0xc0;
    ip[2..4].copy_from_slice(&((20 + ospf.len()) as u16).to_be_bytes());
    ip[8] = 1;
    ip[9] = 89;
    ip[12..16].copy_from_slice(&src);
    ip[16..20].copy_from_slice(&dst);
    let c = test_vpp::packets::ipv4_checksum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(&ospf);
    let mac = [0x01, 0x00, 0x5e, dst[1] & 0x7f, dst[2], dst[3]];
    test_vpp::packets::ethernet(mac, [0x02, 0, 0, 0, 0x13, router_id], 0x0800, &ip)
}

/// An OSPFv3 hello (next header 89, hop limit 1) from the link-local `src`
/// to the group `dst`, in an Ethernet frame to the group's MAC.
fn ospf6_hello(src: std::net::Ipv6Addr, dst: std::net::Ipv6Addr, router_id: u8) -> Vec<u8> {
    let mut ospf = vec![3u8, 1, 0, 36, 10, 130, 0, router_id, 0, 0, 0, 0];
    ospf.resize(36, 0);
    ospf[16..20].copy_from_slice(&1u32.to_be_bytes());
    ospf[24..26].copy_from_slice(&10u16.to_be_bytes());
    ospf[26..28].copy_from_slice(&40u16.to_be_bytes());
    // The checksum is left 0: Linux delivers it to a packet socket as is.
    let mut ip = vec![0x60u8, 0xe0, 0, 0];
    ip.extend_from_slice(&(ospf.len() as u16).to_be_bytes());
    ip.extend_from_slice(&[89, 1]);
    ip.extend_from_slice(&src.octets());
    ip.extend_from_slice(&dst.octets());
    ip.extend_from_slice(&ospf);
    let o = dst.octets();
    test_vpp::packets::ethernet(
        [0x33, 0x33, o[12], o[13], o[14], o[15]],
        [0x02, 0, 0, 0, 0x13, router_id],
        0x86dd,
        &ip,
    )
}

/// Which group `frame` is an OSPF packet to (`224.0.0.5`, `ff02::5`, ...).
fn ospf_group(frame: &[u8]) -> Option<String> {
    let ethertype = u16::from_be_bytes([*frame.get(12)?, *frame.get(13)?]);
    let ip = frame.get(14..)?;
    match ethertype {
        0x0800 if ip.len() >= 20 && ip[9] == 89 => {
            Some(std::net::Ipv4Addr::new(ip[16], ip[17], ip[18], ip[19]).to_string())
        }
        0x86dd if ip.len() >= 40 && ip[6] == 89 => {
            let a: [u8; 16] = ip[24..40].try_into().ok()?;
            Some(std::net::Ipv6Addr::from(a).to_string())
        }
        _ => None,
    }
}

#[test]
fn routing_multicast_reaches_linux() {
    let test = "routing_multicast_reaches_linux";
    let Some(s) = setup(test) else { return };
    let netns = Netns::new("nlvm12");
    let ns = netns.name();
    let vpp = s.start("");
    // A packet-generator interface as the phy, as VPP's test_linux_cp.py.
    vpp.must("create packet-generator interface pg0");
    vpp.must("set interface state pg0 up");
    phy_pair(&vpp, "pg0", "mc0", ns);
    // An address on each side, as a router running OSPF has; no route yet
    // (hellos come before any route is learnt).
    ipn(ns, "addr add 10.130.0.2/24 dev mc0");
    ipn(ns, "-6 addr add 2001:db8:130::2/64 dev mc0 nodad");
    eventually(&vpp, "mc0's addresses on pg0", "show interface address pg0", |o| {
        o.contains("10.130.0.2/24") && o.contains("2001:db8:130::2/64")
    });
    let sock = PacketSocket::open(ns, "mc0");
    let src6: std::net::Ipv6Addr = "fe80::13:1".parse().unwrap();
    let groups = ["224.0.0.5", "224.0.0.6", "ff02::5", "ff02::6"];
    let frames: Vec<Vec<u8>> = groups
        .iter()
        .map(|g| match g.parse::<std::net::IpAddr>().unwrap() {
            std::net::IpAddr::V4(a) => ospf4_hello([10, 130, 0, 1], a.octets(), 1),
            std::net::IpAddr::V6(a) => ospf6_hello(src6, a, 1),
        })
        .collect();
    let file = vpp.dir.join("ospf.pcap");
    std::fs::write(&file, pcap(&frames)).unwrap();
    vpp.must("clear trace");
    vpp.must("trace add pg-input 10");
    vpp.must(&format!("packet-generator new pcap {} source pg0 name ospf", file.display()));
    vpp.must("packet-generator enable-stream ospf");
    let mut seen = BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen.len() < groups.len() && Instant::now() < deadline {
        if let Some(g) = sock.recv().and_then(|f| ospf_group(&f)) {
            seen.insert(g);
        }
    }
    let want: BTreeSet<String> = groups.iter().map(|g| g.to_string()).collect();
    assert_eq!(
        seen,
        want,
        "OSPF hellos received on mc0\n--- show trace:\n{}\n--- show errors:\n{}\n--- show ip mfib 224.0.0.5:\n{}\n--- show ip6 mfib ff02::5:\n{}",
        vpp.must("show trace"),
        vpp.must("show errors"),
        vpp.must("show ip mfib 224.0.0.5"),
        vpp.must("show ip6 mfib ff02::5"),
    );
    vpp.must("packet-generator delete ospf");
}

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
