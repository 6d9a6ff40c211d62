//! Integration: the listener in a fresh namespace follows changes made with `ip`, and the
//! model equals `ip -j route show table all` afterwards, also after a forced overflow.
//! Needs root and `ip netns`; prints `SKIPPED:` and returns otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::{Duration, Instant};

use lcp_netlink::event::{Decoded, Event, Prefix, RouteKind};
use lcp_netlink::listen::{
    apply_batch, dump, lock_state, spawn, spawn_modelled, Batch, Dumper, Listener, ListenerConfig,
    ListenerHandle, SharedState,
};
use lcp_netlink::state::LinuxState;

struct Netns(String);

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.0]).status();
    }
}

fn setup(tag: &str) -> Option<Netns> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        println!("SKIPPED: not root");
        return None;
    }
    let name = format!("lcpnl-{tag}-{}", std::process::id());
    let _ = Command::new("ip").args(["netns", "del", &name]).output();
    match Command::new("ip").args(["netns", "add", &name]).output() {
        Ok(o) if o.status.success() => {}
        other => {
            println!("SKIPPED: ip netns add failed: {other:?}");
            return None;
        }
    }
    let ns = Netns(name);
    ip(&ns, &["link", "add", "veth0", "type", "veth", "peer", "name", "veth1"]);
    ip(&ns, &["link", "set", "lo", "up"]);
    ip(&ns, &["link", "set", "veth0", "up"]);
    ip(&ns, &["link", "set", "veth1", "up"]);
    Some(ns)
}

fn ip(ns: &Netns, args: &[&str]) -> String {
    let o = Command::new("ip").arg("-n").arg(&ns.0).args(args).output().expect("running ip");
    assert!(o.status.success(), "ip {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ip_batch(ns: &Netns, lines: &str) {
    let path = std::env::temp_dir().join(format!("{}-batch", ns.0));
    std::fs::write(&path, lines).unwrap();
    let o = Command::new("ip").arg("-n").arg(&ns.0).arg("-batch").arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(o.status.success(), "ip -batch: {}", String::from_utf8_lossy(&o.stderr));
}

/// (table, prefix) -> {(metric, gateway, dev, weight, type)}
type View = BTreeMap<(u32, String), BTreeSet<(u32, Option<String>, Option<String>, u32, String)>>;

fn kernel_view(ns: &Netns) -> View {
    let v: serde_json::Value =
        serde_json::from_str(&ip(ns, &["-j", "route", "show", "table", "all"])).unwrap();
    let mut out = View::new();
    for r in v.as_array().unwrap() {
        let s = |k: &str| r.get(k).and_then(|x| x.as_str()).map(str::to_owned);
        let kind = s("type").unwrap_or_else(|| "unicast".into());
        let table = match s("table").as_deref() {
            None | Some("main") => 254,
            Some("local") => 255,
            Some(t) => t.parse().unwrap(),
        };
        let proto = s("protocol").unwrap_or_default();
        let dst = s("dst").unwrap();
        if table == 255
            || proto == "kernel"
            || !["unicast", "blackhole", "unreachable", "prohibit", "multicast"].contains(&kind.as_str())
            || dst.starts_with("fe80")
            || dst.starts_with("ff")
        {
            continue;
        }
        let dst = if dst.contains('/') {
            dst
        } else if dst.contains(':') {
            format!("{dst}/128")
        } else {
            format!("{dst}/32")
        };
        let metric = r.get("metric").and_then(|m| m.as_u64()).unwrap_or(0) as u32;
        let set = out.entry((table, dst)).or_default();
        if kind != "unicast" && kind != "multicast" {
            set.insert((metric, None, None, 1, kind));
        } else if let Some(hops) = r.get("nexthops").and_then(|n| n.as_array()) {
            for h in hops {
                let hs = |k: &str| h.get(k).and_then(|x| x.as_str()).map(str::to_owned);
                let w = h.get("weight").and_then(|w| w.as_u64()).unwrap_or(1) as u32;
                set.insert((metric, hs("gateway"), hs("dev"), w, kind.clone()));
            }
        } else {
            set.insert((metric, s("gateway"), s("dev"), 1, kind));
        }
    }
    out
}

fn model_view(s: &LinuxState) -> View {
    let mut out = View::new();
    for (k, r) in s.fib_routes(|_| true) {
        let set = out.entry((k.table, k.prefix.to_string())).or_default();
        for p in r.paths {
            let kind = match p.special.unwrap_or(r.kind) {
                RouteKind::Unicast => "unicast",
                RouteKind::Multicast => "multicast",
                RouteKind::Blackhole => "blackhole",
                RouteKind::Unreachable => "unreachable",
                RouteKind::Prohibit => "prohibit",
                _ => "other",
            };
            let dev = p.ifindex.and_then(|i| s.link(i)).and_then(|l| l.name.clone());
            set.insert((p.preference, p.gateway.map(|g| g.to_string()), dev, p.weight, kind.into()));
        }
    }
    out
}

/// Apply batches until the model equals the kernel (or fail after `limit`).
fn converge(h: &ListenerHandle, s: &mut LinuxState, ns: &Netns, limit: Duration) {
    let start = Instant::now();
    loop {
        while let Some(b) = h.recv_timeout(Duration::from_millis(200)) {
            if let Batch::Error(e) = &b {
                eprintln!("listener error: {e}");
            }
            apply_batch(s, &b);
            // As the plugin does: the reader thread frees what it allocated.
            h.recycle(b);
        }
        let (k, m) = (kernel_view(ns), model_view(s));
        if k == m && !s.resyncing() {
            return;
        }
        if start.elapsed() > limit {
            let missing: Vec<_> = k.iter().filter(|(x, v)| m.get(*x) != Some(*v)).take(5).collect();
            let stale: Vec<_> = m.iter().filter(|(x, v)| k.get(*x) != Some(*v)).take(5).collect();
            panic!(
                "no convergence: kernel {} routes, model {}; missing/different {missing:?}; stale {stale:?}; stats {}",
                k.len(),
                m.len(),
                h.stats()
            );
        }
    }
}

fn cfg(ns: &Netns) -> ListenerConfig {
    ListenerConfig {
        netns: Some(ns.0.clone()),
        poll_interval: Duration::from_millis(20),
        resync_retry_delay: Duration::from_millis(100),
        ..ListenerConfig::default()
    }
}

#[test]
fn listener_follows_ip_changes() {
    let Some(ns) = setup("follow") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    let h = spawn(cfg(&ns), true).unwrap();
    let mut s = LinuxState::new();
    converge(&h, &mut s, &ns, Duration::from_secs(20));
    assert!(s.link_by_name("veth0").is_some() && s.link_by_name("veth1").is_some());
    assert!(
        s.addrs().any(|a| a.addr.to_string() == "10.0.0.1" && a.prefix_len == 24),
        "initial dump has the address"
    );

    ip(&ns, &["-6", "addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"]);
    ip(&ns, &["neigh", "add", "10.0.0.9", "lladdr", "02:00:00:00:00:09", "dev", "veth0", "nud", "permanent"]);
    ip(&ns, &["route", "add", "10.1.0.0/16", "via", "10.0.0.2"]);
    ip(&ns, &["route", "add", "blackhole", "192.0.2.0/24"]);
    ip(&ns, &["route", "add", "unreachable", "198.51.100.0/24"]);
    ip(&ns, &["route", "add", "prohibit", "203.0.113.0/24"]);
    ip(
        &ns,
        &[
            "route",
            "add",
            "10.2.0.0/16",
            "nexthop",
            "via",
            "10.0.0.2",
            "weight",
            "1",
            "nexthop",
            "via",
            "10.0.0.3",
            "weight",
            "3",
        ],
    );
    ip(&ns, &["route", "add", "10.4.0.1", "via", "10.0.0.2", "table", "100"]);
    ip(&ns, &["-6", "route", "add", "2001:db8:1::/48", "via", "2001:db8::2"]);
    ip(
        &ns,
        &[
            "-6",
            "route",
            "add",
            "2001:db8:2::/48",
            "nexthop",
            "via",
            "2001:db8::2",
            "nexthop",
            "via",
            "2001:db8::3",
        ],
    );
    ip(&ns, &["nexthop", "add", "id", "1", "via", "10.0.0.2", "dev", "veth0"]);
    ip(&ns, &["nexthop", "add", "id", "2", "via", "10.0.0.3", "dev", "veth0"]);
    ip(&ns, &["nexthop", "add", "id", "10", "group", "1/2,3"]);
    ip(&ns, &["route", "add", "10.3.0.0/16", "nhid", "10"]);
    ip(&ns, &["route", "add", "10.5.0.0/16", "nhid", "1"]);
    converge(&h, &mut s, &ns, Duration::from_secs(20));
    assert!(s.neighs().any(|n| n.ip.to_string() == "10.0.0.9"));
    let k = lcp_netlink::state::RouteKey { table: 254, prefix: Prefix::V4("10.3.0.0".parse().unwrap(), 16) };
    assert_eq!(s.fib_route(&k).unwrap().paths.len(), 2);

    // Change the group, replace a route, delete one hop of an IPv6 multipath, delete routes.
    ip(&ns, &["nexthop", "replace", "id", "10", "group", "2"]);
    ip(&ns, &["route", "replace", "10.1.0.0/16", "via", "10.0.0.7"]);
    ip(&ns, &["-6", "route", "del", "2001:db8:2::/48", "via", "2001:db8::3"]);
    ip(&ns, &["route", "del", "blackhole", "192.0.2.0/24"]);
    ip(&ns, &["nexthop", "del", "id", "1"]);
    converge(&h, &mut s, &ns, Duration::from_secs(20));
    assert_eq!(s.fib_route(&k).unwrap().paths.len(), 1);

    // 10k routes in one batch.
    let mut lines = String::new();
    for i in 0..10_000u32 {
        lines.push_str(&format!("route add 172.16.{}.{}/32 via 10.0.0.2\n", i / 256, i % 256));
    }
    ip_batch(&ns, &lines);
    converge(&h, &mut s, &ns, Duration::from_secs(60));
    assert!(s.route_count() > 10_000);

    // Admin down and carrier loss: the kernel drops IPv4 routes and nexthop objects
    // through the link without telling; the model must do the same.
    ip(&ns, &["nexthop", "add", "id", "20", "via", "10.0.0.2", "dev", "veth0"]);
    ip(&ns, &["route", "add", "10.20.0.0/16", "nhid", "20"]);
    ip(&ns, &["link", "set", "veth1", "down"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));
    ip(&ns, &["link", "set", "veth1", "up"]);
    ip(&ns, &["nexthop", "add", "id", "21", "via", "10.0.0.2", "dev", "veth0"]);
    ip(&ns, &["route", "add", "10.21.0.0/16", "nhid", "21"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));
    ip(&ns, &["link", "set", "veth0", "down"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));
    assert!(s.route_count() < 100, "IPv4 routes via veth0 are gone: {}", s.route_count());
    ip(&ns, &["link", "set", "veth0", "up"]);
    ip(&ns, &["route", "add", "10.1.0.0/16", "via", "10.0.0.2"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));

    // Address and link removal.
    ip(&ns, &["addr", "del", "10.0.0.1/24", "dev", "veth0"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));
    assert!(!s.addrs().any(|a| a.addr.to_string() == "10.0.0.1"));
    ip(&ns, &["link", "del", "veth0"]);
    converge(&h, &mut s, &ns, Duration::from_secs(30));
    assert!(s.link_by_name("veth0").is_none() && s.link_by_name("veth1").is_none());
    let st = h.stats();
    assert!(st.events > 10_000 && st.malformed == 0, "{st}");
    // Converged from notifications alone: only the initial import was a resync.
    assert!(st.overflows == 0 && st.resyncs == 1, "{st}");
    h.stop();
}

#[test]
fn overflow_with_a_tiny_buffer_converges_after_resync() {
    let Some(ns) = setup("ovf") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    // A reader that can hand over only one message at a time and a consumer that does not
    // read while the routes go in: the 4 KiB socket buffer must overflow.
    let c = ListenerConfig { rx_buffer_size: 4096, batch_size: 1, channel_depth: 1, ..cfg(&ns) };
    let h = spawn(c, false).unwrap();
    let mut lines = String::new();
    for i in 0..5_000u32 {
        lines.push_str(&format!("route add 172.17.{}.{}/32 via 10.0.0.2\n", i / 256, i % 256));
    }
    ip_batch(&ns, &lines);
    let mut s = LinuxState::new();
    converge(&h, &mut s, &ns, Duration::from_secs(90));
    let st = h.stats();
    assert!(st.overflows >= 1 && st.resyncs >= 1, "{st}");
    assert!(s.route_count() >= 5_000);
    h.stop();
}

#[test]
fn direct_listener_overflow_and_dump() {
    let Some(ns) = setup("direct") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    let mut l = Listener::open(&ListenerConfig { batch_size: 64, ..cfg(&ns) }).unwrap();
    assert_eq!(l.netns(), Some(ns.0.as_str()));
    let big = l.rx_buffer_size().unwrap();
    let small = l.set_rx_buffer_size(2048).unwrap();
    assert!(small < big, "{small} < {big}");
    let mut lines = String::new();
    for i in 0..3_000u32 {
        lines.push_str(&format!("route add 172.18.{}.{}/32 via 10.0.0.2\n", i / 256, i % 256));
    }
    ip_batch(&ns, &lines);
    let mut overflowed = false;
    let mut batches = 0;
    loop {
        let b = l.read_batch(Some(Duration::from_millis(100))).unwrap();
        assert!(b.items.len() <= 64 + 64, "batch limit (whole datagrams)");
        overflowed |= b.resync_needed;
        if b.items.is_empty() && !b.resync_needed {
            break;
        }
        batches += 1;
    }
    assert!(overflowed && batches > 0 && l.stats.overflows >= 1);
    // Resync from a dump: mark, apply, sweep.
    let mut s = LinuxState::new();
    s.begin_resync();
    let mut stats = Default::default();
    for r in dump(Some(&ns.0), &mut stats).unwrap() {
        if let Decoded::Event(e) = r.decoded {
            if matches!(
                e,
                Event::Route(_) | Event::Link(_) | Event::Addr(_) | Event::Nexthop(_) | Event::Neigh(_)
            ) {
                s.apply(&e);
            }
        }
    }
    assert!(s.end_resync().is_empty());
    let (m, k) = (model_view(&s), kernel_view(&ns));
    assert!(k.len() >= 3_000, "{}", k.len());
    assert_eq!(m, k);

    // The same dump handed over in chunks as it is read: every chunk but
    // the last holds at least 500 messages (whole datagrams), the chunks
    // together are the whole dump in order; a refused chunk ends it.
    let dumped = dump(Some(&ns.0), &mut stats).unwrap();
    // Each route once: without mpls_router the kernel answers an MPLS dump
    // with every family's routes, which the dump leaves out (or skips).
    let ours = dumped
        .iter()
        .filter(|r| {
            matches!(&r.decoded, Decoded::Event(Event::Route(e))
                if matches!(e.prefix, Prefix::V4(a, 32) if a.octets()[..2] == [172, 18]))
        })
        .count();
    assert_eq!(ours, 3_000, "every route dumped once");
    let mut all: Vec<u32> = dumped.iter().map(|r| r.header.msg_type.into()).collect();
    let mut d = Dumper::open(Some(&ns.0)).unwrap();
    // The kernel may change the namespace between two dumps (IPv6 DAD
    // finishing, a neighbour appearing): compare each chunked dump with the
    // plain dumps on either side of it, and try again while those two
    // differ. A chunking bug differs every time.
    let mut tries = 0;
    loop {
        let mut chunks: Vec<Vec<u32>> = Vec::new();
        let whole = d
            .dump_chunked(&mut stats, 500, |c| {
                chunks.push(c.iter().map(|r| r.header.msg_type.into()).collect());
                true
            })
            .unwrap();
        assert!(whole && chunks.len() >= 6, "{} chunks", chunks.len());
        assert!(chunks[..chunks.len() - 1].iter().all(|c| c.len() >= 500));
        let after: Vec<u32> =
            dump(Some(&ns.0), &mut stats).unwrap().iter().map(|r| r.header.msg_type.into()).collect();
        let chunked = chunks.concat();
        if chunked == all || chunked == after {
            break;
        }
        tries += 1;
        assert!(all != after && tries < 10, "the chunks differ from a steady dump");
        all = after;
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut handed = 0;
    let whole = d
        .dump_chunked(&mut stats, 500, |_| {
            handed += 1;
            false
        })
        .unwrap();
    assert!(!whole && handed == 1, "stopped at the first refused chunk");
}

#[test]
fn stop_while_the_consumer_is_not_reading() {
    let Some(ns) = setup("stop") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    let h = spawn(ListenerConfig { batch_size: 1, channel_depth: 1, ..cfg(&ns) }, true).unwrap();
    let mut lines = String::new();
    for i in 0..200u32 {
        lines.push_str(&format!("route add 172.19.0.{i}/32 via 10.0.0.2\n"));
    }
    ip_batch(&ns, &lines);
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    h.stop();
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn requested_resync_marks_dumps_and_sweeps() {
    let Some(ns) = setup("req") else { return };
    ip(&ns, &["addr", "add", "10.7.0.1/24", "dev", "veth0"]);
    let h = spawn(cfg(&ns), false).unwrap();
    // A model that believes in a route Linux never had: only a resync can
    // remove it (no notification ever will).
    let mut s = LinuxState::new();
    s.apply(&ghost_route(Prefix::V4("10.77.0.0".parse().unwrap(), 16)));
    assert_eq!(s.route_count(), 1);
    h.request_resync();
    let (mut begun, mut ended) = (false, false);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ended && Instant::now() < deadline {
        let Some(b) = h.recv_timeout(Duration::from_millis(200)) else { continue };
        begun |= b == Batch::ResyncBegin;
        if b == Batch::ResyncEnd {
            assert!(begun, "the end comes after a begin");
            let a = apply_batch(&mut s, &b);
            let stale = a.stale.expect("the end of a resync reports what it swept");
            assert!(stale.routes.iter().any(|k| k.prefix == Prefix::V4("10.77.0.0".parse().unwrap(), 16)));
            ended = true;
        } else {
            apply_batch(&mut s, &b);
        }
    }
    assert!(ended, "a requested resync completes");
    assert_eq!(model_view(&s), kernel_view(&ns), "the model equals Linux after the requested resync");
}

#[test]
fn overflow_with_parallel_adds_and_deletes_converges() {
    let Some(ns) = setup("ovfdel") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    let c = ListenerConfig { rx_buffer_size: 4096, ..cfg(&ns) };
    let h = spawn(c, true).unwrap();
    let mut s = LinuxState::new();
    let dir = std::env::temp_dir().join(format!("{}-par", ns.0));
    std::fs::create_dir_all(&dir).unwrap();
    let mut kids = Vec::new();
    for p in 0..3u32 {
        let mut lines = String::new();
        for i in 0..4_000u32 {
            lines.push_str(&format!("route add 10.{}.{}.{}/32 via 10.0.0.2\n", 100 + p, i / 250, i % 250));
        }
        if p == 2 {
            for i in 0..1_500u32 {
                lines.push_str(&format!(
                    "route del 10.{}.{}.{}/32 via 10.0.0.2\n",
                    100 + p,
                    i / 250,
                    i % 250
                ));
            }
        }
        let f = dir.join(format!("b{p}"));
        std::fs::write(&f, lines).unwrap();
        kids.push(Command::new("ip").arg("-n").arg(&ns.0).arg("-batch").arg(&f).spawn().unwrap());
    }
    // Consume while the producers run, as the plugin does.
    while kids.iter_mut().any(|k| k.try_wait().unwrap().is_none()) {
        while let Some(b) = h.try_recv() {
            apply_batch(&mut s, &b);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = std::fs::remove_dir_all(&dir);
    converge(&h, &mut s, &ns, Duration::from_secs(60));
    assert!(h.stats().overflows >= 1, "{}", h.stats());
}

/// The next batch of route events (skipping other batches), with when it came.
fn next_routes(h: &ListenerHandle, limit: Duration) -> (Instant, usize) {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if let Some(Batch::Events(v)) = h.recv_timeout(Duration::from_millis(10)) {
            let n = v.iter().filter(|r| matches!(r.decoded, Decoded::Event(Event::Route(_)))).count();
            if n > 0 {
                return (Instant::now(), n);
            }
        }
    }
    panic!("no route events in {limit:?}");
}

/// A change after a quiet spell is handed over at once; what follows it
/// within `gather` waits for the gather window and comes as one batch (a
/// burst is a few batches, not one wake-up per message).
#[test]
fn changes_after_a_handover_are_gathered() {
    let Some(ns) = setup("gather") else { return };
    ip(&ns, &["addr", "add", "10.0.0.1/24", "dev", "veth0"]);
    let gather = Duration::from_millis(400);
    let h = spawn(ListenerConfig { gather, ..cfg(&ns) }, false).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    while h.try_recv().is_some() {}
    let t = Instant::now();
    ip(&ns, &["route", "add", "172.20.0.0/24", "via", "10.0.0.2"]);
    let (first, n) = next_routes(&h, Duration::from_secs(5));
    assert_eq!(n, 1);
    assert!(first - t < gather, "the first change waited {:?}", first - t);
    let mut lines = String::new();
    for i in 0..50u32 {
        lines.push_str(&format!("route add 172.21.0.{i}/32 via 10.0.0.2\n"));
    }
    ip_batch(&ns, &lines);
    let (second, n) = next_routes(&h, Duration::from_secs(5));
    // (Less a margin for the test's own receive of the first batch.)
    let waited = second - first;
    assert!(waited >= gather - Duration::from_millis(50), "read again after {waited:?}, inside the window");
    assert_eq!(n, 50, "the burst came in one batch");
}

/// A reader keeping the model: every delivery says what it worked out, a
/// resync request is served by a resync begun after it (its end carries
/// the request's number), and the swept route comes resolved as gone.
#[test]
fn a_modelled_reader_keeps_the_model_and_serves_a_resync_request() {
    let Some(ns) = setup("modelled") else { return };
    ip(&ns, &["addr", "add", "10.8.0.1/24", "dev", "veth0"]);
    ip(&ns, &["route", "add", "10.88.0.0/16", "via", "10.8.0.2"]);
    let model = SharedState::default();
    let ghost = Prefix::V4("10.99.0.0".parse().unwrap(), 16);
    lock_state(&model).apply(&ghost_route(ghost));
    let h = spawn_modelled(cfg(&ns), false, model.clone()).unwrap();
    assert!(h.is_running());
    h.request_resync();
    let ticket = h.request_resync();
    assert_eq!(ticket, 2, "numbered in order");
    let mut swept = false;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "the requested resync did not end");
        let Some(d) = h.recv_delivery_timeout(Duration::from_millis(200)) else { continue };
        let m = d.modelled.as_ref().expect("a modelled reader says what it worked out");
        if d.batch == Batch::ResyncEnd {
            swept |= m.routes.iter().any(|(k, r)| k.prefix == ghost && r.is_none());
            if d.requests_served >= ticket {
                break;
            }
        }
    }
    assert!(swept, "the route Linux never had is swept, resolved as gone");
    assert_eq!(model_view(&lock_state(&model)), kernel_view(&ns), "the model equals Linux");
    h.stop();
}

/// A route to `prefix` in the main table that Linux never had: only a
/// resync's sweep removes it from a model.
fn ghost_route(prefix: Prefix) -> Event {
    Event::Route(lcp_netlink::event::RouteEvent {
        action: lcp_netlink::event::Action::New,
        replace: false,
        table: 254,
        prefix,
        protocol: 4,
        kind: RouteKind::Unicast,
        metric: 0,
        tos: 0,
        paths: Vec::new(),
        nh_id: None,
    })
}
