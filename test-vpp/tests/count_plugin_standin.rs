//! The example plugin's node, run in the stand-in: registrations are found
//! by name, every packet goes to the next feature, the counter counts and
//! traced packets are formatted by the Rust formatter.

use test_vpp::packets::ipv4_udp;
use test_vpp::standin::Harness;

#[test]
fn count_node_registration_matches_vpp_expectations() {
    let h = Harness::new();
    // Reference the plugin so its registrations are linked in.
    assert_eq!(count_plugin::RUST_COUNT_NODE.name().to_str().unwrap(), "rust-count");
    let node = h.node("rust-count").expect("rust-count registered by its constructor");
    assert_eq!(node.kind(), vpp::sys::VLIB_NODE_TYPE_INTERNAL);
    assert!(node.next_nodes().is_empty());
    assert_eq!(node.errors(), vec![("counted".to_string(), "packets counted".to_string())]);
    let variants: Vec<u32> = node.variants().iter().map(|v| v.0).collect();
    assert_eq!(variants.len(), 3, "default, x86_64_v3 and x86_64_v4 registered");
    for v in [0, 2, 3] {
        assert!(variants.contains(&v), "variant {v} missing: {variants:?}");
    }
    let feats = h.features();
    assert!(
        feats.contains(&("ip4-unicast".into(), "rust-count".into(), vec!["ip4-lookup".into()], vec![])),
        "{feats:?}"
    );
}

#[test]
fn count_node_passes_counts_and_traces() {
    let mut h = Harness::new();
    let node = h.node("rust-count").expect("registered");
    let pkts: Vec<Vec<u8>> = (0..100).map(|i| ipv4_udp([10, 0, 0, 1], [10, 0, 0, 2], 60 + i)).collect();
    let bis = h.alloc_packets(&pkts, 7);
    h.set_feature_next(&bis, 3);
    h.trace(&bis[..2]);
    let out = h.run(&node, &bis);
    assert_eq!(out.returned, 100);
    assert_eq!(out.enqueued.len(), 100);
    assert_eq!(out.enqueued.iter().map(|e| e.0).collect::<Vec<_>>(), bis, "order kept");
    assert_eq!(out.per_next().get(&3), Some(&100), "all to the next feature");
    assert_eq!(out.counter("packets counted"), 100);
    assert_eq!(
        out.traces,
        vec![
            "rust-count: sw_if_index 7 ip4 length 60 buffer length 60".to_string(),
            "rust-count: sw_if_index 7 ip4 length 61 buffer length 61".to_string(),
        ]
    );
    // The feature cursor moved past this feature.
    assert_eq!(h.buffer(bis[0]).current_config_index, 1);
}

#[test]
fn count_node_handles_a_full_frame_and_an_empty_one() {
    let mut h = Harness::new();
    let node = h.node("rust-count").expect("registered");
    let pkts: Vec<Vec<u8>> = (0..256).map(|_| ipv4_udp([1, 1, 1, 1], [2, 2, 2, 2], 64)).collect();
    let bis = h.alloc_packets(&pkts, 1);
    h.set_feature_next(&bis, 5);
    let out = h.run(&node, &bis);
    assert_eq!(out.counter("packets counted"), 256);
    assert!(out.traces.is_empty(), "nothing traced");
    let empty = h.run(&node, &[]);
    assert_eq!(empty.returned, 0);
    assert_eq!(empty.counter("packets counted"), 0);
}
