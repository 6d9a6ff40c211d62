//! The example plugin in a real VPP: load it, put its node on `ip4-unicast`
//! of a packet-generator interface, send packets, read back what VPP shows.

use crate::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};
use std::time::{Duration, Instant};

/// What VPP showed after the run.
#[derive(Debug, Default)]
pub struct CountReport {
    /// `show plugins` output.
    pub plugins: String,
    /// `show vlib graph rust-count` output.
    pub graph: String,
    /// `show runtime rust-count` output.
    pub runtime: String,
    /// `show errors` output.
    pub errors: String,
    /// `show trace` output.
    pub trace: String,
    /// Calls, vectors and clocks/packet of `rust-count` from `show runtime`.
    pub node_stats: Option<RuntimeStats>,
    /// The `packets counted` counter from `show errors`.
    pub counted: u64,
    /// VPP still answered after the run.
    pub alive: bool,
}

/// One node's line of `show runtime`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuntimeStats {
    /// Calls.
    pub calls: u64,
    /// Vectors (packets).
    pub vectors: u64,
    /// Clocks per packet.
    pub clocks: f64,
    /// Vectors per call.
    pub vectors_per_call: f64,
}

/// Parse the line of `node` in `show runtime` output.
pub fn parse_runtime(text: &str, node: &str) -> Option<RuntimeStats> {
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        // Name State Calls Vectors Suspends Clocks Vectors/Call
        if f.first() != Some(&node) || f.len() < 7 {
            return None;
        }
        Some(RuntimeStats {
            calls: f[2].parse().ok()?,
            vectors: f[3].parse().ok()?,
            clocks: f[5].parse().ok()?,
            vectors_per_call: f[6].parse().ok()?,
        })
    })
}

/// Sum of the counts of `show errors` lines of `node` whose reason is `reason`.
pub fn parse_error_count(text: &str, node: &str, reason: &str) -> u64 {
    text.lines()
        .filter(|l| l.contains(node) && l.contains(reason))
        .filter_map(|l| l.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Run the scenario with `packets` packets (also running `extra_cli`
/// commands before the stream, e.g. to enable a C node for comparison).
pub fn count_plugin_pg(
    install: &VppInstall,
    packets: u64,
    extra_cli: &[&str],
) -> Result<CountReport, String> {
    let so = plugin_artifact("count_plugin", "count-plugin")?;
    let cfg = VppConfig { plugins: vec![(so, "count_plugin.so".into())], ..Default::default() };
    let mut vpp = VppInstance::start(install, &cfg)?;
    let mut r = CountReport { plugins: vpp.cli("show plugins")?, ..Default::default() };
    let setup = [
        "create packet-generator interface pg0",
        "set interface ip address pg0 10.10.0.1/24",
        "set interface state pg0 up",
        "set interface feature pg0 rust-count arc ip4-unicast",
    ];
    for c in setup.iter().chain(extra_cli) {
        let out = vpp.cli(c)?;
        if out.to_lowercase().contains("unknown") || out.contains("error") {
            return Err(format!("`{c}` failed: {out}"));
        }
    }
    vpp.cli(&format!(
        "packet-generator new {{ name s0 limit {packets} size 64-64 node ip4-input interface pg0 \
         data {{ UDP: 10.10.0.2 -> 10.20.0.2 UDP: 1234 -> 5678 incrementing 30 }} }}"
    ))?;
    vpp.cli("trace add pg-input 5")?;
    vpp.cli("clear runtime")?;
    vpp.cli("packet-generator enable-stream s0")?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        r.errors = vpp.cli("show errors")?;
        r.counted = parse_error_count(&r.errors, "rust-count", "packets counted");
        if r.counted >= packets || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    r.graph = vpp.cli("show vlib graph rust-count")?;
    r.runtime = vpp.cli("show runtime")?;
    r.node_stats = parse_runtime(&r.runtime, "rust-count");
    r.trace = vpp.cli("show trace")?;
    r.alive = vpp.cli("show version").is_ok_and(|v| v.contains("vpp")) && vpp.is_running();
    vpp.stop();
    Ok(r)
}
