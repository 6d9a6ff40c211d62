//! Tier 4: the example plugin loaded into a real VPP 26.06 (skipped with a
//! `SKIPPED:` line when no VPP is found).

use test_vpp::runner::VppInstall;
use test_vpp::scenario::count_plugin_pg;

#[test]
fn count_plugin_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: count_plugin_in_real_vpp: {why}");
            return;
        }
    };
    const N: u64 = 1_000_000;
    let r = count_plugin_pg(&install, N, &[]).expect("scenario runs");
    assert!(r.plugins.contains("count_plugin.so"), "show plugins:\n{}", r.plugins);
    assert!(r.plugins.contains("Rust example: count and trace IPv4 packets"), "{}", r.plugins);
    assert!(r.graph.contains("rust-count"), "graph:\n{}", r.graph);
    assert!(r.graph.contains("ip4-lookup"), "next feature ip4-lookup in the graph:\n{}", r.graph);
    let st = r.node_stats.expect("rust-count in show runtime");
    assert_eq!(st.vectors, N, "runtime:\n{}", r.runtime);
    assert!(st.calls > 0 && st.calls <= N);
    assert_eq!(r.counted, N, "errors:\n{}", r.errors);
    assert!(
        r.trace.contains("rust-count: sw_if_index 1 ip4 length 64 buffer length 64"),
        "trace:\n{}",
        r.trace
    );
    assert!(r.alive, "VPP still running after the stream");
    println!(
        "rust-count: {} calls, {} vectors, {:.2} clocks/packet, {:.2} vectors/call",
        st.calls, st.vectors, st.clocks, st.vectors_per_call
    );
}
