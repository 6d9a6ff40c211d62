//! A next index cannot be made from an integer: VPP indexes the node's
//! next-node table with it unchecked.
#[vpp::node(name = "seven")]
pub fn seven(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |_, _| vpp::NextIndex(7))
}

fn main() {}
