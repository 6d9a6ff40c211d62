//! `Node::enqueue_all`, `Node::for_each_buffer` and the unsafe
//! `Node::enqueue_to_single_next` through the stand-in, which records every
//! (buffer, next) pair VPP's enqueue functions receive and rejects next
//! indices the node does not have.

use test_vpp::standin::Harness;

#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Three {
    #[next("error-drop")]
    Drop,
    #[next("ip4-lookup")]
    Lookup,
    #[next("ip6-lookup")]
    Lookup6,
}

#[derive(Clone, Copy, vpp::NextNodes)]
pub enum One {
    #[next("error-drop")]
    Drop,
}

/// Everything to next 2.
#[vpp::node(name = "t-enqueue-all", next = Three)]
pub fn t_enqueue_all(node: &mut vpp::Node<Three>, frame: vpp::Frame) -> usize {
    node.enqueue_all(frame, Three::Lookup6)
}

/// Next = first data byte mod 3.
#[vpp::node(name = "t-for-each", next = Three)]
pub fn t_for_each(node: &mut vpp::Node<Three>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |_, b| match b.data().first().map(|x| x % 3) {
        Some(0) => Three::Drop.into(),
        Some(1) => Three::Lookup.into(),
        _ => Three::Lookup6.into(),
    })
}

/// Breaks `enqueue_to_next`'s contract on purpose: raw next index 1, just
/// past the node's one next node (a `NextIndex` cannot even be made for it:
/// another node's enum does not convert, see the UI test
/// `fail_next_index_of_another_node`).
#[vpp::node(name = "t-bad-next", next = One)]
pub fn t_bad_next(node: &mut vpp::Node<One>, frame: vpp::Frame) -> usize {
    let n = frame.len();
    let mut bis = [0u32; 256];
    let mut nexts = [Three::Lookup as u16; 256];
    bis[..n].copy_from_slice(frame.indices());
    // SAFETY: deliberately NOT safe (next index out of range); only run in
    // the stand-in, which catches it.
    unsafe { node.enqueue_to_next(&mut bis, &mut nexts, n) };
    n
}

/// Sends the frame's buffers to next 0, correctly.
#[vpp::node(name = "t-good-single", next = One)]
pub fn t_good_single(node: &mut vpp::Node<One>, frame: vpp::Frame) -> usize {
    let n = frame.len();
    let mut bis = [0u32; 256];
    bis[..n].copy_from_slice(frame.indices());
    // SAFETY: the frame's own buffers, next index from this node's enum.
    unsafe { node.enqueue_to_single_next(&mut bis, One::Drop.into(), n) };
    n
}

fn packets(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| vec![i as u8; 40]).collect()
}

#[test]
fn next_nodes_are_registered_in_enum_order() {
    let h = Harness::new();
    let node = h.node("t-for-each").expect("registered");
    assert_eq!(node.next_nodes(), vec!["error-drop", "ip4-lookup", "ip6-lookup"]);
}

#[test]
fn enqueue_all_sends_every_buffer_in_order_to_one_next() {
    let mut h = Harness::new();
    let node = h.node("t-enqueue-all").expect("registered");
    let bis = h.alloc_packets(&packets(37), 1);
    let out = h.run(&node, &bis);
    assert_eq!(out.returned, 37);
    assert_eq!(out.enqueued, bis.iter().map(|&bi| (bi, 2)).collect::<Vec<_>>());
    assert_eq!(out.per_next().into_iter().collect::<Vec<_>>(), vec![(2, 37)]);

    let empty = h.run(&node, &[]);
    assert_eq!((empty.returned, empty.enqueued.len()), (0, 0));
}

#[test]
fn enqueue_all_handles_a_full_frame() {
    let mut h = Harness::new();
    let node = h.node("t-enqueue-all").expect("registered");
    let bis = h.alloc_packets(&packets(256), 1);
    let out = h.run(&node, &bis);
    assert_eq!(out.returned, 256);
    assert_eq!(out.enqueued.iter().map(|e| e.0).collect::<Vec<_>>(), bis);
    assert_eq!(out.per_next().get(&2), Some(&256));
}

#[test]
fn for_each_buffer_enqueues_each_buffer_to_its_own_next() {
    let mut h = Harness::new();
    let node = h.node("t-for-each").expect("registered");
    let bis = h.alloc_packets(&packets(256), 1);
    // A different order than allocation, to see the frame order is kept.
    let mut frame = bis.clone();
    frame.reverse();
    let out = h.run(&node, &frame);
    assert_eq!(out.returned, 256);
    let expect: Vec<(u32, u16)> = frame
        .iter()
        .map(|&bi| {
            let k = bis.iter().position(|&x| x == bi).unwrap();
            (bi, (k % 256 % 3) as u16)
        })
        .collect();
    assert_eq!(out.enqueued, expect);
    // 0, 3, ..., 255 -> 86; 1, 4, ..., 253 -> 85; 2, ..., 254 -> 85.
    assert_eq!(out.per_next().into_iter().collect::<Vec<_>>(), vec![(0, 86), (1, 85), (2, 85)]);

    let few = h.run(&node, &bis[1..3]);
    assert_eq!(few.enqueued, vec![(bis[1], 1), (bis[2], 2)]);
    let empty = h.run(&node, &[]);
    assert_eq!((empty.returned, empty.enqueued.len()), (0, 0));
}

#[test]
fn enqueue_to_single_next_with_a_valid_index() {
    let mut h = Harness::new();
    let node = h.node("t-good-single").expect("registered");
    let bis = h.alloc_packets(&packets(3), 1);
    let out = h.run(&node, &bis);
    assert_eq!(out.enqueued, vec![(bis[0], 0), (bis[1], 0), (bis[2], 0)]);
}

#[test]
#[should_panic(
    expected = "node t-bad-next enqueued to next indices it does not have (next, n_next_nodes): [(1, 1), (1, 1), (1, 1)]"
)]
fn enqueue_to_an_index_the_node_does_not_have_is_caught() {
    let mut h = Harness::new();
    let node = h.node("t-bad-next").expect("registered");
    let bis = h.alloc_packets(&packets(3), 1);
    h.run(&node, &bis);
}
