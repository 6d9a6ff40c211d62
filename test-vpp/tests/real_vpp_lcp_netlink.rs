//! Tier 4: Linux → VPP (issue 9) in a real VPP 26.06 on the host: the Rust
//! plugin pairs loopbacks with Linux bridges in a network namespace
//! (`test lcp add ... linux-if <name> netns <ns>`, no taps needed) and VPP
//! follows what `ip` does there: the start-up import, addresses, neighbours,
//! routes (multipath with weights, replace, one path deleted, blackhole /
//! unreachable / prohibit, nexthop objects, another table), admin state and
//! MTU, `lcp netlink resync`, and removal with the pair. Skipped
//! (`SKIPPED: ...`) without a VPP or without network namespaces.

use std::process::Command;
use std::time::{Duration, Instant};

use test_vpp::linux::{self, ipn, Netns};
use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};
use vpp_api::client::Client;
use vpp_api::generated::lcp_netlink::{LcpNetlinkAudit, LcpNetlinkResync};

fn ip(ns: &str, args: &str) {
    ipn(ns, args);
}

/// Wait until `cmd`'s output satisfies `ok` (5 s), else fail with it.
fn eventually(vpp: &VppInstance, what: &str, cmd: &str, ok: impl Fn(&str) -> bool) -> String {
    linux::eventually(vpp, what, cmd, Duration::from_secs(5), ok)
}

#[test]
fn linux_to_vpp_on_the_host() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: linux_to_vpp_on_the_host: {why}");
            return;
        }
    };
    let name = format!("lcpnl{}", std::process::id());
    let ns = match Netns::try_new(&name) {
        Ok(ns) => ns,
        Err(why) => {
            println!("SKIPPED: linux_to_vpp_on_the_host: cannot create a network namespace: {why}");
            return;
        }
    };
    let n = ns.name();
    // Linux state from before VPP starts: imported when the pair appears.
    ip(n, "link add br0 type bridge");
    ip(n, "link add br1 type bridge");
    ip(n, "link set br0 up");
    ip(n, "link set br1 up");
    ip(n, "addr add 10.10.1.2/24 dev br0");
    ip(n, "addr add 10.20.1.2/24 dev br1");
    ip(n, "route add 192.168.9.0/24 via 10.10.1.1 dev br0");

    ip(n, "link add br2 type bridge");
    ip(n, "link set br2 up");
    ip(n, "addr add 10.30.1.2/24 dev br2");
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    // The tour plugin changes routes behind our back for the audit.
    let tour = plugin_artifact("tour_plugin", "tour-plugin").expect("tour plugin built");
    let cfg = VppConfig {
        plugins: vec![(so, "lcp_rs_plugin.so".into()), (tour, "tour_plugin.so".into())],
        // As for stock VPP: Linux -> VPP runs because linux_nl is enabled
        // (the stock file is overridden by ours and not loaded).
        enable_builtin: vec!["linux_nl_plugin.so".into()],
        extra: "linux-nl { nl-neigh-refresh-s 1 }\n".into(),
    };
    let vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    let plugins = cli("show plugins");
    assert!(!plugins.contains("linux_nl_plugin.so"), "the stock linux_nl is not loaded:\n{plugins}");
    assert!(cli("show lcp netlink").contains("linux-nl: on"), "{}", cli("show lcp netlink"));
    for i in 0..4 {
        cli(&format!("create loopback interface instance {i}"));
    }
    cli("set interface state loop0 up");
    cli("set interface state loop1 up");
    let out = cli(&format!("test lcp add phy loop0 host loop2 linux-if br0 netns {n}"));
    assert!(!out.contains("ERROR"), "{out}");
    let out = cli(&format!("test lcp add phy loop1 host loop3 linux-if br1 netns {n}"));
    assert!(!out.contains("ERROR"), "{out}");

    // The import: addresses and the route that existed before VPP.
    eventually(&vpp, "imported address", "show interface address loop0", |o| o.contains("10.10.1.2/24"));
    eventually(&vpp, "imported address", "show interface address loop1", |o| o.contains("10.20.1.2/24"));
    eventually(&vpp, "imported route", "show ip fib 192.168.9.0/24", |o| {
        o.contains("192.168.9.0/24") && o.contains("10.10.1.1 loop0")
    });

    listener_between_dumps_on_vpp_main_core(&vpp);
    // Where the import's time went.
    let out = eventually(&vpp, "resync timing", "show lcp netlink verbose", |o| o.contains("last resync: "));
    let line = out.lines().find(|l| l.contains("last resync: ")).unwrap_or_default();
    assert!(line.contains("batches") && line.contains("VPP FIB calls"), "{line}");

    // Routes made now.
    ip(n, "route add 192.168.1.0/24 via 10.10.1.1 dev br0");
    eventually(&vpp, "route", "show ip fib 192.168.1.0/24", |o| o.contains("via 10.10.1.1 loop0"));
    ip(n, "route add 192.168.2.0/24 nexthop via 10.10.1.1 dev br0 weight 1 nexthop via 10.20.1.1 dev br1 weight 3");
    let out = eventually(&vpp, "multipath", "show ip fib 192.168.2.0/24", |o| {
        o.contains("10.10.1.1 loop0") && o.contains("10.20.1.1 loop1")
    });
    assert!(out.contains("weight=3"), "Linux's weight 3 as is (not weight - 1):\n{out}");
    ip(n, "route replace 192.168.2.0/24 via 10.20.1.9 dev br1");
    eventually(&vpp, "replace", "show ip fib 192.168.2.0/24", |o| {
        o.contains("10.20.1.9 loop1") && !o.contains("10.10.1.1") && !o.contains("10.20.1.1 ")
    });
    for (kind, shows) in [("blackhole", "drop"), ("unreachable", "unreach"), ("prohibit", "prohibit")] {
        ip(n, &format!("route add {kind} 192.168.5{}.0/24", shows.len() % 10));
        let pfx = format!("192.168.5{}.0/24", shows.len() % 10);
        eventually(&vpp, kind, &format!("show ip fib {pfx}"), |o| o.contains(&pfx) && o.contains(shows));
        ip(n, &format!("route del {kind} {pfx}"));
        eventually(&vpp, kind, &format!("show ip fib {pfx}"), |o| !o.contains(&pfx));
    }
    // IPv6 multipath, then exactly one path deleted (upstream drops the
    // whole prefix, quirk 5).
    ip(n, "-6 addr add 2001:db8:10::2/64 dev br0");
    ip(n, "-6 addr add 2001:db8:20::2/64 dev br1");
    eventually(&vpp, "v6 address", "show interface address loop0", |o| o.contains("2001:db8:10::2/64"));
    ip(
        n,
        "-6 route add 2001:db8:99::/48 nexthop via 2001:db8:10::1 dev br0 nexthop via 2001:db8:20::1 dev br1",
    );
    eventually(&vpp, "v6 multipath", "show ip6 fib 2001:db8:99::/48", |o| {
        o.contains("2001:db8:10::1 loop0") && o.contains("2001:db8:20::1 loop1")
    });
    ip(n, "-6 route del 2001:db8:99::/48 via 2001:db8:10::1 dev br0");
    eventually(&vpp, "v6 one path deleted", "show ip6 fib 2001:db8:99::/48", |o| {
        o.contains("2001:db8:20::1 loop1") && !o.contains("2001:db8:10::1 loop0")
    });

    // Nexthop objects (FRR's default) and a group.
    ip(n, "nexthop add id 11 via 10.10.1.5 dev br0");
    ip(n, "nexthop add id 12 via 10.20.1.5 dev br1");
    ip(n, "nexthop add id 20 group 11/12");
    ip(n, "route add 172.16.0.0/16 nhid 20");
    eventually(&vpp, "nexthop group", "show ip fib 172.16.0.0/16", |o| {
        o.contains("10.10.1.5 loop0") && o.contains("10.20.1.5 loop1")
    });
    ip(n, "nexthop replace id 12 via 10.20.1.6 dev br1");
    eventually(&vpp, "nexthop changed", "show ip fib 172.16.0.0/16", |o| {
        o.contains("10.20.1.6 loop1") && !o.contains("10.20.1.5")
    });

    // A route Linux can forward and VPP cannot (its next hop is on br2,
    // which has no pair): punted to Linux by default.
    ip(n, "route add 192.168.77.0/24 via 10.30.1.1 dev br2");
    eventually(&vpp, "punt route", "show ip fib 192.168.77.0/24", |o| {
        o.contains("192.168.77.0/24") && o.contains("punt")
    });
    ip(n, "route del 192.168.77.0/24 via 10.30.1.1 dev br2");
    eventually(&vpp, "punt route gone", "show ip fib 192.168.77.0/24", |o| !o.contains("192.168.77.0/24"));

    // The audit: nothing to repair, then a route removed and one added
    // behind our back with our source are put right.
    let out = cli("lcp netlink audit");
    assert!(out.contains("audit: 0 missing or different (installed again), 0 stale (removed)"), "{out}");
    cli("tour fib route del source lcp-rt 0 192.168.1.0/24");
    cli("tour fib route add source lcp-rt 0 10.123.0.0/16 drop");
    assert!(!cli("show ip fib 192.168.1.0/24").contains("192.168.1.0/24"));
    let out = cli("lcp netlink audit");
    assert!(out.contains("audit: 1 missing or different (installed again), 1 stale (removed)"), "{out}");
    assert!(cli("show ip fib 192.168.1.0/24").contains("via 10.10.1.1 loop0"));
    assert!(!cli("show ip fib 10.123.0.0/16").contains("10.123.0.0/16"));

    // A path swapped for another behind our back (same count): found too.
    let sw = vpp.sw_if_index_of("loop0");
    cli("tour fib route del source lcp-rt 0 192.168.1.0/24");
    cli(&format!("tour fib route add source lcp-rt 0 192.168.1.0/24 via 10.10.1.77 {sw}"));
    assert!(cli("show ip fib 192.168.1.0/24").contains("10.10.1.77"));
    let out = cli("lcp netlink audit");
    assert!(out.contains("audit: 1 missing or different (installed again), 0 stale (removed)"), "{out}");
    let fib = cli("show ip fib 192.168.1.0/24");
    assert!(fib.contains("via 10.10.1.1 loop0") && !fib.contains("10.10.1.77"), "{fib}");

    // The same through the binary API (module lcp_netlink): the audit, and
    // a resync whose reply comes when VPP is equal to Linux again.
    let mut api = Client::connect(vpp.api_socket(), "lcp-netlink-api").expect("API connect");
    let r = api.request(LcpNetlinkAudit::default()).expect("audit reply");
    assert_eq!((r.retval, r.missing, r.stale), (0, 0, 0), "{r:?}");
    cli("tour fib route del source lcp-rt 0 192.168.1.0/24");
    cli("tour fib route add source lcp-rt 0 10.124.0.0/16 drop");
    let r = api.request(LcpNetlinkAudit::default()).expect("audit reply");
    assert_eq!((r.retval, r.missing, r.stale), (0, 1, 1), "{r:?}");
    assert!(cli("show ip fib 192.168.1.0/24").contains("via 10.10.1.1 loop0"));
    cli("tour fib route del source lcp-rt 0 192.168.1.0/24");
    let r = api.request(LcpNetlinkResync::default()).expect("resync reply");
    assert_eq!((r.retval, r.n_namespaces, r.audit_missing, r.audit_stale), (0, 1, 1, 0), "{r:?}");
    assert!(
        cli("show ip fib 192.168.1.0/24").contains("via 10.10.1.1 loop0"),
        "resynced when the reply came"
    );

    // VPP's link down with del-static-on-link-down: Linux's static routes
    // through it are withdrawn (the route punts to Linux, its only hop
    // being down), and come back with the link (upstream: gone until Linux
    // announces them again).
    cli("lcp param del-static-on-link-down on");
    cli("set interface state loop0 down");
    eventually(&vpp, "withdrawn on link down", "show ip fib 192.168.1.0/24", |o| {
        o.contains("192.168.1.0/24") && !o.contains("10.10.1.1 loop0")
    });
    cli("set interface state loop0 up");
    eventually(&vpp, "back with the link", "show ip fib 192.168.1.0/24", |o| {
        o.contains("via 10.10.1.1 loop0")
    });
    cli("lcp param del-static-on-link-down off");

    // Another kernel table: VPP table of the same number.
    ip(n, "route add 10.99.0.0/16 via 10.10.1.1 dev br0 table 100");
    eventually(&vpp, "table 100", "show ip fib table 100 10.99.0.0/16", |o| {
        o.contains("via 10.10.1.1 loop0")
    });

    // Neighbours.
    ip(n, "neigh add 10.10.1.100 lladdr 02:01:02:03:04:05 dev br0");
    eventually(&vpp, "neighbour", "show ip neighbor", |o| {
        o.contains("10.10.1.100") && o.contains("02:01:02:03:04:05")
    });
    ip(n, "neigh del 10.10.1.100 dev br0");
    eventually(&vpp, "neighbour gone", "show ip neighbor", |o| !o.contains("10.10.1.100"));

    // A next hop VPP forwards to stays fresh in Linux: a stale entry for
    // 10.10.1.1 (the gateway of 192.168.1.0/24) is made reachable again.
    ip(n, "neigh replace 10.10.1.1 lladdr 02:01:02:03:04:01 dev br0 nud stale");
    eventually(&vpp, "gateway neighbour", "show ip neighbor", |o| o.contains("10.10.1.1 "));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let out = Command::new("ip").args(["-n", n, "neigh", "show", "10.10.1.1"]).output().expect("ip");
        let out = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.contains("REACHABLE") {
            break;
        }
        assert!(Instant::now() < deadline, "never refreshed: {out}\n{}", cli("show lcp netlink verbose"));
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!cli("show lcp netlink verbose").contains("neighbours-refreshed: 0"));

    // Addresses from Linux.
    ip(n, "addr add 10.10.5.1/24 dev br0");
    eventually(&vpp, "address", "show interface address loop0", |o| o.contains("10.10.5.1/24"));
    ip(n, "addr del 10.10.5.1/24 dev br0");
    eventually(&vpp, "address gone", "show interface address loop0", |o| !o.contains("10.10.5.1/24"));

    // MTU, then admin down: the phy follows, and Linux's IPv4 routes
    // through it go (the kernel drops them without a message).
    ip(n, "link set br0 mtu 1400");
    eventually(&vpp, "mtu", "show interface loop0", |o| o.contains("1400"));
    // MAC from Linux onto the phy (an Ethernet loopback), and the pair's
    // phy adjacencies (whose rewrite linux-cp-xc-ip4 uses for what the host
    // sends) rebuilt with it as their source.
    ip(n, "link set br0 address 02:fe:00:00:0a:01");
    eventually(&vpp, "mac", "show hardware-interfaces loop0", |o| o.contains("02:fe:00:00:0a:01"));
    let adj = cli("show adj");
    for af in ["ipv4-mcast: loop0", "ipv6-mcast: loop0"] {
        let line =
            adj.lines().find(|l| l.contains(af)).unwrap_or_else(|| panic!("no {af} adjacency:\n{adj}"));
        assert!(line.contains("02fe00000a01"), "the pair's phy adjacency has Linux's MAC as source: {line}");
    }
    ip(n, "link set br0 down");
    eventually(&vpp, "admin down", "show interface loop0", |o| o.contains(" down "));
    eventually(&vpp, "routes via br0 gone", "show ip fib 192.168.1.0/24", |o| !o.contains("192.168.1.0/24"));
    ip(n, "link set br0 up");
    eventually(&vpp, "admin up", "show interface loop0", |o| o.contains(" up "));

    // On-demand resync: VPP ends equal to Linux.
    let out = cli("lcp netlink resync");
    assert!(out.contains("resynced 1 namespace"), "{out}");
    let show = cli("show lcp netlink");
    assert!(show.contains(&format!("netns {n}")) && show.contains("resyncs"), "{show}");
    println!("{show}");

    // The same counters in the stats segment.
    let stats = Command::new(install.vpp.with_file_name("vpp_get_stats"))
        .args(["socket-name"])
        .arg(vpp.dir.join("stats.sock"))
        .args(["dump", "/lcp/netlink/"])
        .output()
        .expect("vpp_get_stats runs");
    let stats = String::from_utf8_lossy(&stats.stdout).into_owned();
    let updated = stats
        .lines()
        .find(|l| l.contains("/lcp/netlink/routes-updated"))
        .and_then(|l| l.split_whitespace().next()?.parse::<f64>().ok());
    assert!(updated.is_some_and(|n| n >= 5.0), "gauges in the stats segment:\n{stats}");
    assert!(stats.contains("/lcp/netlink/messages"), "{stats}");

    // The pair goes: so do the routes through it.
    cli("test lcp del phy loop1");
    eventually(&vpp, "routes via the deleted pair", "show ip fib 172.16.0.0/16", |o| !o.contains("loop1"));

    // The namespace's last pair goes: every route it gave VPP leaves, 20,000
    // of them over several of the process's slices.
    let bulk: String = (0..20_000u32)
        .map(|i| format!("route add 10.200.{}.{}/32 via 10.10.1.1 dev br0\n", i / 250, i % 250))
        .collect();
    let file = std::env::temp_dir().join(format!("{n}-bulk"));
    std::fs::write(&file, bulk).expect("batch file");
    let out = Command::new("ip").args(["-n", n, "-batch"]).arg(&file).output().expect("ip -batch runs");
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "ip -batch: {}", String::from_utf8_lossy(&out.stderr));
    eventually(&vpp, "the bulk routes", "show ip fib summary", |o| slash32(o) >= 20_000);
    cli("test lcp del phy loop0");
    eventually(&vpp, "the namespace's routes gone", "show ip fib summary", |o| slash32(o) < 100);
    eventually(&vpp, "the imported route gone", "show ip fib 192.168.9.0/24", |o| {
        !o.contains("192.168.9.0/24")
    });
}

/// The /32 prefixes `show ip fib summary` counts, over every table.
fn slash32(summary: &str) -> u64 {
    summary
        .lines()
        .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
            ["32", count] => count.parse::<u64>().ok(),
            _ => None,
        })
        .sum()
}

/// The CPUs thread `tid` of `pid` may run on, and its name.
fn thread_cpus(pid: u32, tid: &str) -> Option<(String, std::collections::BTreeSet<usize>)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/status")).ok()?;
    let field = |k: &str| status.lines().find_map(|l| l.strip_prefix(k)).map(|v| v.trim().to_string());
    Some((field("Name:")?, lcp_netlink::listen::cpus::parse_list(&field("Cpus_allowed_list:")?)))
}

/// VPP pins its main thread to one CPU; the listener thread (spawned from
/// it) dumps on the other CPUs (`lcp_netlink::listen::cpus`' unit test) and,
/// between dumps, reads events on the main thread's CPU rather than on the
/// CPUs Linux's own route producers use. After the import it is between
/// dumps: on vpp_main's CPU.
fn listener_between_dumps_on_vpp_main_core(vpp: &VppInstance) {
    let pid = vpp.pid().expect("VPP's pid");
    let threads = || -> Vec<(String, std::collections::BTreeSet<usize>)> {
        let dir = std::fs::read_dir(format!("/proc/{pid}/task")).expect("VPP's threads");
        dir.filter_map(|e| thread_cpus(pid, e.ok()?.file_name().to_str()?)).collect()
    };
    let main = threads().into_iter().find(|(n, _)| n == "vpp_main").map(|(_, c)| c).expect("vpp_main");
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online").unwrap_or_default();
    if main.len() != 1 || lcp_netlink::listen::cpus::parse_list(online.trim()).len() < 2 {
        println!("SKIPPED: listener placement: vpp_main on {main:?}, online CPUs {}", online.trim());
        return;
    }
    // The dump may have ended a moment before the thread moved back.
    let rx = || threads().into_iter().find(|(n, _)| n == "lcp-netlink-rx").map(|(_, c)| c).expect("listener");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while rx() != main && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let rx = rx();
    assert_eq!(rx, main, "listener between dumps on {rx:?}, vpp_main pinned to {main:?}");
}

fn linux_routes(ns: &str) -> usize {
    let out =
        Command::new("ip").args(["-n", ns, "-4", "route", "show", "table", "main"]).output().expect("ip");
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.contains("proto kernel")).count()
}

/// The "N routes in VPP" of `show lcp netlink` for the one namespace.
fn vpp_routes(show: &str) -> Option<usize> {
    let l = show.lines().find(|l| l.starts_with("netns "))?;
    let i = l.find(" routes in VPP")?;
    l[..i].rsplit(' ').next()?.parse().ok()
}

#[test]
fn forced_overflow_converges_on_the_host() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: forced_overflow_converges_on_the_host: {why}");
            return;
        }
    };
    let name = format!("lcpov{}", std::process::id());
    let ns = match Netns::try_new(&name) {
        Ok(ns) => ns,
        Err(why) => {
            println!(
                "SKIPPED: forced_overflow_converges_on_the_host: cannot create a network namespace: {why}"
            );
            return;
        }
    };
    let n = ns.name();
    ip(n, "link add br0 type bridge");
    ip(n, "link set br0 up");
    ip(n, "addr add 10.10.0.2/16 dev br0");
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let cfg = VppConfig {
        plugins: vec![(so, "lcp_rs_plugin.so".into())],
        enable_builtin: vec!["linux_nl_plugin.so".into()],
        // A receive buffer far too small for the bursts below.
        extra: "linux-nl { nl-rx-buffer-size 4096 nl-audit-interval-s 0 }\n".into(),
    };
    let vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    cli("create loopback interface instance 0");
    cli("create loopback interface instance 1");
    cli("set interface state loop0 up");
    assert!(!cli(&format!("test lcp add phy loop0 host loop1 linux-if br0 netns {n}")).contains("ERROR"));
    eventually(&vpp, "import", "show interface address loop0", |o| o.contains("10.10.0.2/16"));
    // Three producers at once, one of which then deletes part of its own.
    let dir = std::env::temp_dir().join(format!("lcpov-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut kids = Vec::new();
    for p in 0..3u32 {
        let mut s = String::new();
        for i in 0..4000u32 {
            s += &format!("route add 10.{}.{}.{}/32 via 10.10.0.1 dev br0\n", 100 + p, i / 250, i % 250);
        }
        if p == 2 {
            for i in 0..1500u32 {
                s += &format!("route del 10.{}.{}.{}/32 via 10.10.0.1 dev br0\n", 100 + p, i / 250, i % 250);
            }
        }
        let f = dir.join(format!("b{p}"));
        std::fs::write(&f, s).unwrap();
        kids.push(Command::new("ip").args(["-n", n, "-batch"]).arg(&f).spawn().expect("ip -batch"));
    }
    for mut k in kids {
        assert!(k.wait().expect("ip -batch").success());
    }
    let _ = std::fs::remove_dir_all(&dir);
    let want = linux_routes(n);
    assert_eq!(want, 3 * 4000 - 1500);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let show = cli("show lcp netlink verbose");
        if vpp_routes(&show) == Some(want) && show.contains("resyncs") {
            let audit = cli("lcp netlink audit");
            assert!(
                audit.contains("audit: 0 missing or different (installed again), 0 stale (removed)"),
                "{audit}"
            );
            let overflows: u64 = show
                .lines()
                .find_map(|l| l.trim().strip_prefix("messages ").map(str::to_string))
                .and_then(|l| l.split(" overflows ").nth(1).and_then(|r| r.split(' ').next()?.parse().ok()))
                .unwrap_or(0);
            assert!(overflows >= 1, "the buffer overflowed on purpose:\n{show}");
            println!("{show}");
            break;
        }
        assert!(Instant::now() < deadline, "no convergence: Linux {want} routes\n{show}");
        std::thread::sleep(Duration::from_millis(500));
    }
    // And the FIB holds them: a sample from each producer.
    for p in [100, 101] {
        assert!(cli(&format!("show ip fib 10.{p}.15.249/32")).contains("via 10.10.0.1 loop0"));
    }
    assert!(!cli("show ip fib 10.102.0.5/32").contains("10.102.0.5/32"), "deleted by its producer");
    assert!(cli("show ip fib 10.102.15.249/32").contains("via 10.10.0.1 loop0"));
}

/// Two namespaces lose their last pair in one go (one `exec`, so one
/// wake-up of the process) while both gave VPP the same prefix in table 0,
/// one as a static route (source `lcp-rt`), one from a routing daemon
/// (`lcp-rt-dynamic`): both leave VPP. (Their removals are kept apart; when
/// one namespace's overwrote the other's, the static entry stayed behind.)
#[test]
fn two_namespaces_leave_at_once() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: two_namespaces_leave_at_once: {why}");
            return;
        }
    };
    let pid = std::process::id();
    let (a, b) = match (Netns::try_new(&format!("lcpnla{pid}")), Netns::try_new(&format!("lcpnlb{pid}"))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(why), _) | (_, Err(why)) => {
            println!("SKIPPED: two_namespaces_leave_at_once: cannot create a network namespace: {why}");
            return;
        }
    };
    for (ns, proto) in [(a.name(), "static"), (b.name(), "bgp")] {
        ip(ns, "link add br0 type bridge");
        ip(ns, "link set br0 up");
        ip(ns, "addr add 10.10.1.2/24 dev br0");
        ip(ns, &format!("route add 192.168.77.0/24 via 10.10.1.1 dev br0 proto {proto}"));
    }
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let cfg = VppConfig {
        plugins: vec![(so, "lcp_rs_plugin.so".into())],
        enable_builtin: vec!["linux_nl_plugin.so".into()],
        ..VppConfig::default()
    };
    let vpp = VppInstance::start(&install, &cfg).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    for i in 0..4 {
        cli(&format!("create loopback interface instance {i}"));
    }
    cli("set interface state loop0 up");
    cli("set interface state loop1 up");
    for (phy, host, ns) in [("loop0", "loop2", a.name()), ("loop1", "loop3", b.name())] {
        let out = cli(&format!("test lcp add phy {phy} host {host} linux-if br0 netns {ns}"));
        assert!(!out.contains("ERROR"), "{out}");
    }
    eventually(&vpp, "both namespaces' route", "show ip fib 192.168.77.0/24", |o| {
        o.contains("lcp-rt-dynamic") && o.matches("lcp-rt").count() >= 2
    });
    let script = std::env::temp_dir().join(format!("lcpnl{pid}-del.cli"));
    std::fs::write(&script, "test lcp del phy loop0\ntest lcp del phy loop1\n").expect("exec file");
    let out = cli(&format!("exec {}", script.display()));
    let _ = std::fs::remove_file(&script);
    assert!(!out.contains("ERROR"), "{out}");
    eventually(&vpp, "the route of both namespaces gone", "show ip fib 192.168.77.0/24", |o| {
        !o.contains("192.168.77.0/24")
    });
}
