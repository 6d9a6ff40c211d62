//! `Node::feature_next` / `feature_next_with_config` against VPP 26.06's
//! `vnet_feature_next_with_data` (`vnet/feature/feature.h`) and
//! `vnet_get_config_shared_data` (`vnet/config.h`): with cursor
//! `i = b->current_config_index` and `n = round_pow2(n_data_bytes, 4) / 4`
//! config words, the next index is `heap[i + n]` and the cursor becomes
//! `i + n + 1`. The heap is `feature_main.shared_feature_config_heap`, a
//! vppinfra `u32` vector.
//!
//! A cursor that does not lead to one of the node's next nodes aborts the
//! process with a message; those cases run in a child process.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use test_vpp::standin::Harness;

/// Passes every packet to the next feature.
#[vpp::node(name = "t-feature-plain")]
#[vpp::feature(arc = "ip4-unicast")]
pub fn t_feature_plain(node: &mut vpp::Node<vpp::NoNext>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| node.feature_next(b))
}

/// Passes every packet to the next feature, the feature having as many
/// bytes of configuration as the packet's first byte says.
#[vpp::node(name = "t-feature-cfg")]
#[vpp::feature(arc = "ip4-unicast")]
pub fn t_feature_cfg(node: &mut vpp::Node<vpp::NoNext>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        let n = b.data().first().copied().unwrap_or(0) as u32;
        node.feature_next_with_config(b, n)
    })
}

fn cursor(h: &mut Harness, bi: u32) -> u32 {
    h.buffer(bi).current_config_index
}

#[test]
fn feature_nodes_are_registered_on_their_arc() {
    let h = Harness::new();
    let feats = h.features();
    for n in ["t-feature-plain", "t-feature-cfg"] {
        assert!(h.node(n).is_some(), "{n} registered");
        assert!(feats.iter().any(|f| f.0 == "ip4-unicast" && f.1 == n), "{n} on ip4-unicast: {feats:?}");
    }
}

#[test]
fn feature_next_reads_the_entry_at_the_cursor_and_moves_past_it() {
    let mut h = Harness::new();
    let node = h.node("t-feature-plain").expect("registered");
    let bis = h.alloc_packets(&vec![vec![0u8; 60]; 4], 1);
    // Three features' next indices, one after the other, then the end.
    h.set_feature_arc(&bis, &[7, 3, 9, 0], 0, 10);
    for (k, &bi) in bis.iter().enumerate() {
        h.buffer(bi).current_config_index = k as u32;
    }
    let out = h.run(&node, &bis);
    assert_eq!(out.returned, 4);
    assert_eq!(out.enqueued, vec![(bis[0], 7), (bis[1], 3), (bis[2], 9), (bis[3], 0)]);
    let cursors: Vec<u32> = bis.iter().map(|&bi| cursor(&mut h, bi)).collect();
    assert_eq!(cursors, vec![1, 2, 3, 4]);
}

#[test]
fn feature_next_with_config_skips_the_config_words() {
    let mut h = Harness::new();
    let node = h.node("t-feature-cfg").expect("registered");
    // Packet k says it has `cfg[k]` config bytes: round_pow2(n, 4) / 4 words.
    let cfg: [u8; 9] = [0, 1, 3, 4, 5, 8, 9, 12, 13];
    let words: [u32; 9] = [0, 1, 1, 1, 2, 2, 3, 3, 4];
    let pkts: Vec<Vec<u8>> = cfg.iter().map(|&n| vec![n; 20]).collect();
    let bis = h.alloc_packets(&pkts, 1);
    // Heap slot i holds 100 + i, so the next index says which slot was read.
    let heap: Vec<u32> = (0..10).map(|i| 100 + i).collect();
    h.set_feature_arc(&bis, &heap, 2, 200);
    let out = h.run(&node, &bis);
    assert_eq!(out.returned, 9);
    let expect: Vec<(u32, u16)> = bis.iter().zip(words).map(|(&bi, w)| (bi, 102 + w as u16)).collect();
    assert_eq!(out.enqueued, expect);
    for (&bi, w) in bis.iter().zip(words) {
        assert_eq!(cursor(&mut h, bi), 2 + w + 1, "cursor after {w} config words");
    }
}

/// The abort cases, run by `abort_child` in a child process:
/// (heap, cursor, n_next_nodes, config bytes, why).
const ABORT_CASES: &[(&[u32], u32, usize, u8, &str)] = &[
    (&[4, 5], 2, 8, 0, "cursor at the end of the heap"),
    (&[4, 5], 1, 8, 4, "config words carry the cursor past the heap"),
    (&[4, 5], 7, 8, 0, "cursor far outside the heap"),
    (&[4, 8], 1, 8, 0, "entry not below n_next_nodes"),
    (&[0x1_0003], 0, 0xffff, 0, "entry does not fit a u16 (would truncate to 3)"),
    (&[4, 5], u32::MAX, 8, 4, "cursor + config words overflow u32"),
    (&[], 0, 8, 0, "empty heap"),
];

/// Helper run in the child: does nothing unless `FEATURE_ABORT_CASE` names
/// one of `ABORT_CASES` (then it must abort).
#[test]
fn abort_child() {
    let Ok(case) = std::env::var("FEATURE_ABORT_CASE") else { return };
    let (heap, cur, n_next, cfg, _) = ABORT_CASES[case.parse::<usize>().unwrap()];
    let mut h = Harness::new();
    let node = h.node("t-feature-cfg").expect("registered");
    let bis = h.alloc_packets(&[vec![cfg; 20]], 1);
    h.set_feature_arc(&bis, heap, cur, n_next);
    if heap.is_empty() {
        // No arc at all: the heap pointer is NULL, as before VPP builds it.
        // SAFETY: the stand-in's own global, single threaded.
        unsafe {
            (*core::ptr::addr_of_mut!(test_vpp::standin::symbols::feature_main)).shared_feature_config_heap =
                core::ptr::null_mut()
        };
    }
    let out = h.run(&node, &bis);
    println!("child survived: {:?}", out.enqueued);
}

#[test]
fn feature_next_aborts_when_the_cursor_is_not_on_the_arc() {
    let exe = std::env::current_exe().unwrap();
    for (k, &(_, cur, _, _, why)) in ABORT_CASES.iter().enumerate() {
        let out = Command::new(&exe)
            .args(["--exact", "abort_child", "--nocapture", "--test-threads=1"])
            .env("FEATURE_ABORT_CASE", k.to_string())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.signal(), Some(libc::SIGABRT), "{why}: {:?}\n{stdout}\n{stderr}", out.status);
        let msg = format!(
            "vpp-rs: node 0: feature_next on a buffer whose feature-arc cursor ({cur}) is not on this node's arc"
        );
        assert!(stderr.contains(&msg), "{why}: expected {msg:?} in\n{stderr}");
        assert!(!stdout.contains("child survived"), "{why}: {stdout}");
    }
}

#[test]
fn the_last_in_range_entry_is_accepted() {
    // The boundary next to the abort cases: cursor + words = len - 1 and
    // next = n_next_nodes - 1.
    let mut h = Harness::new();
    let node = h.node("t-feature-cfg").expect("registered");
    let bis = h.alloc_packets(&[vec![4u8; 20]], 1);
    h.set_feature_arc(&bis, &[4, 7], 0, 8);
    let out = h.run(&node, &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 7)]);
    assert_eq!(cursor(&mut h, bis[0]), 2);
}
