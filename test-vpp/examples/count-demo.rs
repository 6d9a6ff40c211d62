//! The main job: the example plugin in a real VPP when one is found
//! (`VPP_PREFIX` or a packaged install), else in the in-process stand-in.
//!
//! `cargo run --release -p test-vpp --example count-demo [-- <packets>]`

use test_vpp::packets::ipv4_udp;
use test_vpp::runner::VppInstall;
use test_vpp::scenario::count_plugin_pg;
use test_vpp::standin::Harness;

fn main() {
    let packets: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    match VppInstall::find() {
        Ok(install) => real(&install, packets),
        Err(why) => {
            println!("{why}\nRunning the example node in the in-process stand-in instead.\n");
            standin(packets);
        }
    }
}

fn real(install: &VppInstall, packets: u64) {
    println!("VPP: {}", install.version().unwrap_or_default());
    match count_plugin_pg(install, packets, &[]) {
        Ok(r) => {
            let show = |title: &str, text: &str, filter: &dyn Fn(&str) -> bool| {
                println!("== {title}");
                text.lines().filter(|l| filter(l)).for_each(|l| println!("{l}"));
            };
            show("show plugins", &r.plugins, &|l| l.contains("count_plugin") || l.contains("Plugin path"));
            show("show vlib graph rust-count", &r.graph, &|_| true);
            show("show runtime (rust-count)", &r.runtime, &|l| {
                l.contains("rust-count") || l.contains("Name")
            });
            show("show errors (rust-count)", &r.errors, &|l| l.contains("rust-count") || l.contains("Count"));
            show("show trace (rust-count lines)", &r.trace, &|l| l.contains("rust-count"));
            if let Some(s) = r.node_stats {
                println!(
                    "rust-count: {:.2} clocks/packet over {} packets; VPP alive: {}",
                    s.clocks, s.vectors, r.alive
                );
            }
        }
        Err(e) => {
            eprintln!("real-VPP run failed: {e}");
            std::process::exit(1);
        }
    }
}

fn standin(packets: u64) {
    let mut h = Harness::with_buffers(256);
    let _ = &count_plugin::RUST_COUNT_NODE; // link the plugin's registrations
    let node = h.node("rust-count").expect("rust-count registered");
    println!("node {} next nodes {:?} counters {:?}", node.name(), node.next_nodes(), node.errors());
    let pkts: Vec<Vec<u8>> = (0..256).map(|i| ipv4_udp([10, 0, 0, 2], [10, 0, 1, 2], 64 + (i % 8))).collect();
    let bis = h.alloc_packets(&pkts, 1);
    h.trace(&bis[..3]);
    let frames = packets.div_ceil(256);
    let mut counted = 0;
    let start = std::time::Instant::now();
    for i in 0..frames {
        h.set_feature_next(&bis, 1);
        let out = h.run(&node, &bis);
        counted += out.counter("packets counted");
        if i == 0 {
            out.traces.iter().for_each(|t| println!("trace: {t}"));
            println!("per next: {:?}", out.per_next());
        }
    }
    let dt = start.elapsed();
    println!(
        "{counted} packets in {frames} frames through rust-count in {:.1} ms ({:.1} ns/packet, stand-in incl. recording)",
        dt.as_secs_f64() * 1e3,
        dt.as_nanos() as f64 / counted.max(1) as f64
    );
}
