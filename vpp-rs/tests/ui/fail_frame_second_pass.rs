//! A frame is consumed by the first pass: a second pass would enqueue every
//! buffer twice (a double free in VPP).
#[vpp::node(name = "twice")]
pub fn twice(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    let n = node.for_each_buffer(frame, |node, b| node.feature_next(b));
    node.for_each_buffer(frame, |node, b| node.feature_next(b)) + n
}

fn main() {}
