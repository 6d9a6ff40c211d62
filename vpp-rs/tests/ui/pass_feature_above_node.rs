//! `#[vpp::feature]` written above `#[vpp::node]` moves itself below it.
#![deny(warnings)]

#[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
#[vpp::node(name = "above-node")]
pub fn above(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| node.feature_next(b))
}

fn main() {
    let _ = &ABOVE_NODE;
}
