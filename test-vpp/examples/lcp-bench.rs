//! Clocks per packet of the linux-cp graph nodes, Rust beside C, in the
//! same VPP build with the same packet-generator streams.
//!
//! VPP runs twice with the same startup.conf and CLI: once with the stock C
//! plugins (`linux_cp_plugin.so` + `linux_cp_unittest_plugin.so`, which
//! provides `test lcp add`), once with ours (C linux-cp disabled,
//! `target/release/liblcp_plugin.so` loaded as `lcp_rs_plugin.so`). Each
//! scenario sends `--packets N` 64-byte packets from one
//! `packet-generator new ... limit N` stream (no rate, main thread only)
//! after `clear runtime`, then reads `show runtime`.
//!
//! `cargo run --release -p test-vpp --example lcp-bench -- [--packets N] [--rounds R] [--only TEXT] [--verbose]`
//!
//! `--only TEXT` sends streams only in the scenarios whose name contains
//! TEXT (the others still run their set-up CLI, so the state is the same).
//!
//! With `--rounds R` the two VPPs run alternately R times each and the
//! lowest clocks/packet of every node is kept. The "path" line is the sum
//! of the clocks of every node that handled packets except `pg-input`
//! (the generator), divided by the packets sent.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

/// One `show runtime` line.
#[derive(Clone, Copy, Debug)]
struct Rt {
    vectors: u64,
    clocks: f64,
    vpc: f64,
}

/// Every node with vectors in `show runtime` (Name State.. Calls Vectors
/// Suspends Clocks Vectors/Call; the state may be two words).
fn parse_runtime(text: &str) -> BTreeMap<String, Rt> {
    let mut m = BTreeMap::new();
    for l in text.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() < 7 {
            continue;
        }
        let n = f.len();
        let (Ok(vectors), Ok(clocks), Ok(vpc)) =
            (f[n - 4].parse::<u64>(), f[n - 2].parse::<f64>(), f[n - 1].parse::<f64>())
        else {
            continue;
        };
        if vectors > 0 {
            m.insert(f[0].to_string(), Rt { vectors, clocks, vpc });
        }
    }
    m
}

struct Scenario {
    name: &'static str,
    /// The linux-cp node(s) the scenario exercises.
    nodes: &'static [&'static str],
    /// The tx node the packets (or copies) must reach.
    tx: &'static str,
    /// `packet-generator new` body after `limit N`.
    spec: String,
    /// CLI run before the stream (once per VPP).
    pre: Vec<String>,
}

fn scenarios(phy_mac: &str, host_mac: &str) -> Vec<Scenario> {
    const NBR: &str = "02:00:00:00:00:02";
    vec![
        Scenario {
            name: "punt phy->host (ip4 udp, TAP)",
            nodes: &[],
            tx: "pg1-tx",
            spec: format!(
                "size 64-64 interface pg0 node ethernet-input data {{ IP4: {NBR} -> {phy_mac} \
                 UDP: 10.0.0.2 -> 10.0.0.1 UDP: 1234 -> 5678 incrementing 30 }}"
            ),
            pre: vec![],
        },
        Scenario {
            name: "arp reply copy phy->host",
            nodes: &["linux-cp-arp-phy"],
            tx: "pg1-tx",
            spec: format!(
                "size 64-64 interface pg0 node ethernet-input data {{ ARP: {NBR} -> {phy_mac} \
                 reply: {NBR}/10.0.0.2 -> {phy_mac}/10.0.0.1 }}"
            ),
            pre: vec![],
        },
        Scenario {
            name: "arp host->phy",
            nodes: &["linux-cp-arp-host"],
            tx: "pg0-tx",
            spec: format!(
                "size 64-64 interface pg1 node ethernet-input data {{ ARP: {phy_mac} -> ff:ff:ff:ff:ff:ff \
                 request: {phy_mac}/10.0.0.1 -> 00:00:00:00:00:00/10.0.0.9 }}"
            ),
            pre: vec![],
        },
        Scenario {
            name: "xc host->phy (ip4 bcast, phy adj)",
            nodes: &["linux-cp-xc-ip4"],
            tx: "pg0-tx",
            spec: format!(
                "size 64-64 interface pg1 node ethernet-input data {{ IP4: {phy_mac} -> ff:ff:ff:ff:ff:ff \
                 UDP: 10.0.0.1 -> 10.0.0.2 UDP: 1234 -> 5678 incrementing 30 }}"
            ),
            pre: vec![],
        },
        Scenario {
            name: "xc host->phy (ip4, neighbour adj)",
            nodes: &["linux-cp-xc-ip4"],
            tx: "pg0-tx",
            spec: format!(
                "size 64-64 interface pg1 node ethernet-input data {{ IP4: {phy_mac} -> {host_mac} \
                 UDP: 10.0.0.1 -> 10.0.0.3 UDP: 1234 -> 5678 incrementing 30 }}"
            ),
            // A phy neighbour whose MAC is the host's, so the frame is both
            // accepted by ethernet-input on pg1 and matches the neighbour's
            // adjacency rewrite (dst host MAC, src phy MAC).
            pre: vec![format!("set ip neighbor pg0 10.0.0.3 {host_mac}")],
        },
        Scenario {
            name: "xc-l3 host->phy (ip4, TUN on ipip0)",
            nodes: &["linux-cp-xc-l3-ip4"],
            tx: "pg0-tx",
            spec: "size 64-64 interface pg2 node ip4-input data { UDP: 10.8.0.1 -> 10.9.0.2 \
                   UDP: 1234 -> 5678 incrementing 30 }"
                .into(),
            // The TUN pair is made here, so the scenarios before run
            // without linux-cp-punt-l3 on the punt arcs in both plugins.
            pre: vec!["test lcp add phy ipip0 host pg2".into()],
        },
        Scenario {
            // Our plugin keeps linux-cp-punt-l3 on the ip4-punt arc while a
            // TUN pair exists (quirk 7); C turns it on only when the first
            // pair made is TUN. Both pairs are re-made TUN first, so both
            // plugins run the node here and the paths are the same.
            name: "punt phy->host (TAP), TUN pair exists",
            nodes: &["linux-cp-punt-l3"],
            tx: "pg1-tx",
            spec: format!(
                "size 64-64 interface pg0 node ethernet-input data {{ IP4: {NBR} -> {phy_mac} \
                 UDP: 10.0.0.2 -> 10.0.0.1 UDP: 1234 -> 5678 incrementing 30 }}"
            ),
            pre: vec![
                "test lcp del phy pg0".into(),
                "test lcp del phy ipip0".into(),
                "test lcp add phy ipip0 host pg2".into(),
                "test lcp add phy pg0 host pg1".into(),
            ],
        },
    ]
}

/// Per scenario: node -> stats.
type RunResult = Vec<BTreeMap<String, Rt>>;

fn cli(vpp: &VppInstance, c: &str) -> String {
    vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"))
}

fn mac_of(vpp: &VppInstance, itf: &str) -> String {
    let hw = cli(vpp, &format!("show hardware-interfaces {itf}"));
    hw.lines()
        .find_map(|l| l.trim().strip_prefix("Ethernet address ").map(str::to_string))
        .unwrap_or_else(|| panic!("no MAC for {itf}:\n{hw}"))
}

fn run_one(
    install: &VppInstall,
    cfg: &VppConfig,
    label: &str,
    packets: u64,
    only: &str,
    verbose: bool,
) -> RunResult {
    let mut vpp = VppInstance::start(install, cfg).unwrap_or_else(|e| panic!("{label}: VPP start: {e}"));
    for c in [
        "create packet-generator interface pg0",
        "create packet-generator interface pg1",
        "create packet-generator interface pg2",
        "set interface state pg0 up",
        "set interface state pg1 up",
        "set interface state pg2 up",
        "set interface ip address pg0 10.0.0.1/24",
        "set ip neighbor pg0 10.0.0.2 02:00:00:00:00:02",
        "create ipip tunnel src 10.0.0.1 dst 10.0.0.2",
        "set interface state ipip0 up",
        "set interface ip address ipip0 10.5.0.1/30",
        "set interface ip address pg2 10.8.0.254/24",
        "test lcp add phy pg0 host pg1",
    ] {
        cli(&vpp, c);
    }
    let (phy_mac, host_mac) = (mac_of(&vpp, "pg0"), mac_of(&vpp, "pg1"));
    let mut res = Vec::new();
    for (i, sc) in scenarios(&phy_mac, &host_mac).iter().enumerate() {
        for c in &sc.pre {
            let out = cli(&vpp, c);
            assert!(!out.contains("ERROR") && !out.contains("unknown"), "{label}: {c}: {out}");
        }
        if !sc.name.contains(only) {
            res.push(BTreeMap::new());
            continue;
        }
        let name = format!("s{i}");
        let new = format!("packet-generator new {{ name {name} limit {packets} {} }}", sc.spec);
        let out = cli(&vpp, &new);
        assert!(out.trim().is_empty(), "{label}: {new}: {out}");
        cli(&vpp, "clear runtime");
        cli(&vpp, "clear errors");
        cli(&vpp, &format!("packet-generator enable-stream {name}"));
        let deadline = Instant::now() + Duration::from_secs(30 + packets / 100_000);
        let rt = loop {
            std::thread::sleep(Duration::from_millis(1000));
            let raw = cli(&vpp, "show runtime");
            let rt = parse_runtime(&raw);
            if rt.get("pg-input").is_some_and(|r| r.vectors >= packets) {
                // Let the last frames leave the graph.
                std::thread::sleep(Duration::from_millis(100));
                break parse_runtime(&cli(&vpp, "show runtime"));
            }
            assert!(
                Instant::now() < deadline,
                "{label}: {}: stream did not finish:\n{raw}\n{}",
                sc.name,
                cli(&vpp, "show packet-generator")
            );
        };
        cli(&vpp, "packet-generator disable-stream");
        cli(&vpp, &format!("packet-generator delete {name}"));
        let tx = rt.get(sc.tx).map_or(0, |r| r.vectors);
        for n in sc.nodes {
            if !rt.contains_key(*n) {
                println!("NOTE [{label}] {}: {n} handled no packets", sc.name);
            }
        }
        if tx != packets {
            println!("WARNING [{label}] {}: {} got {tx} of {packets} packets", sc.name, sc.tx);
        }
        if verbose {
            println!("[{label}] {}:", sc.name);
            for (n, r) in &rt {
                println!("    {n:<32} {:>10} {:>8.2} {:>7.2}", r.vectors, r.clocks, r.vpc);
            }
            println!("[{label}] {}", cli(&vpp, "show errors"));
        }
        res.push(rt);
    }
    if verbose {
        println!("[{label}] show lcp:\n{}", cli(&vpp, "show lcp"));
        for i in ["local0", "pg0", "pg1", "pg2"] {
            println!("[{label}] {}", cli(&vpp, &format!("show interface features {i}")));
        }
    }
    assert!(vpp.is_running(), "{label}: VPP died");
    vpp.stop();
    res
}

/// Path clocks/packet: every node's clocks over the packets sent, except
/// the generator's.
fn path_clocks(rt: &BTreeMap<String, Rt>, packets: u64) -> f64 {
    rt.iter().filter(|(n, _)| *n != "pg-input").map(|(_, r)| r.clocks * r.vectors as f64).sum::<f64>()
        / packets as f64
}

/// Keep the lowest clocks of every node over rounds.
fn merge_min(acc: &mut Option<RunResult>, new: RunResult) {
    match acc {
        None => *acc = Some(new),
        Some(a) => {
            for (am, nm) in a.iter_mut().zip(new) {
                for (n, r) in nm {
                    am.entry(n).and_modify(|o| {
                        if r.clocks < o.clocks {
                            *o = r
                        }
                    });
                }
            }
        }
    }
}

fn main() {
    let mut packets: u64 = 10_000_000;
    let mut rounds = 1;
    let mut verbose = false;
    let mut only = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--packets" => packets = args.next().and_then(|v| v.parse().ok()).expect("--packets N"),
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).expect("--rounds R"),
            "--only" => only = args.next().expect("--only TEXT"),
            "--verbose" => verbose = true,
            _ => {
                eprintln!("usage: lcp-bench [--packets N] [--rounds R] [--only TEXT] [--verbose]");
                std::process::exit(2);
            }
        }
    }
    let install = VppInstall::find().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    let c_cfg = VppConfig {
        enable_builtin: vec!["linux_cp_plugin.so".into(), "linux_cp_unittest_plugin.so".into()],
        ..Default::default()
    };
    let rs_cfg = VppConfig { plugins: vec![(so, "lcp_rs_plugin.so".into())], ..Default::default() };
    println!(
        "VPP: {}; {packets} packets per scenario, {rounds} round(s)",
        install.version().unwrap_or_default()
    );

    let (mut c_res, mut rs_res) = (None, None);
    for _ in 0..rounds {
        merge_min(&mut c_res, run_one(&install, &c_cfg, "C", packets, &only, verbose));
        merge_min(&mut rs_res, run_one(&install, &rs_cfg, "Rust", packets, &only, verbose));
    }
    let (c_res, rs_res) = (c_res.unwrap(), rs_res.unwrap());

    println!(
        "\n{:<36} {:<22} {:>9} {:>6} {:>9} {:>6} {:>6}",
        "scenario", "node", "C clk/pk", "C v/c", "Rs clk/pk", "Rs v/c", "Rs/C"
    );
    for (i, sc) in scenarios("", "").iter().enumerate() {
        let (c, r) = (&c_res[i], &rs_res[i]);
        if !sc.name.contains(only.as_str()) {
            continue;
        }
        for n in sc.nodes {
            let f = |m: &BTreeMap<String, Rt>| {
                m.get(*n).map_or(("-".to_string(), "-".to_string()), |r| {
                    (format!("{:.2}", r.clocks), format!("{:.1}", r.vpc))
                })
            };
            let ((cc, cv), (rc, rv)) = (f(c), f(r));
            let ratio = match (c.get(*n), r.get(*n)) {
                (Some(cn), Some(rn)) => format!("{:.2}", rn.clocks / cn.clocks),
                _ => "-".into(),
            };
            println!("{:<36} {:<22} {cc:>9} {cv:>6} {rc:>9} {rv:>6} {ratio:>6}", sc.name, n);
        }
        let (cp, rp) = (path_clocks(c, packets), path_clocks(r, packets));
        println!(
            "{:<36} {:<22} {:>9.2} {:>6} {:>9.2} {:>6} {:>6.2}",
            sc.name,
            "path (sum)",
            cp,
            "",
            rp,
            "",
            rp / cp
        );
    }
    if verbose {
        println!("\nnodes on each path (C clk/pk, Rust clk/pk):");
        for (i, sc) in scenarios("", "").iter().enumerate() {
            if !sc.name.contains(only.as_str()) {
                continue;
            }
            println!("{}:", sc.name);
            let names: std::collections::BTreeSet<_> = c_res[i].keys().chain(rs_res[i].keys()).collect();
            for n in names {
                let f =
                    |m: &BTreeMap<String, Rt>| m.get(n).map_or("-".into(), |r| format!("{:.2}", r.clocks));
                println!("    {n:<32} {:>9} {:>9}", f(&c_res[i]), f(&rs_res[i]));
            }
        }
    }
}
